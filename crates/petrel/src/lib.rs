//! petrel's pipeline as a library: [`build_pipeline`] assembles the components in order
//! (text → syntax → actors → events → time, places, quotes, counts) and [`Record`] is the
//! stable output record of one article. The CLI, the store and the HTTP server all go
//! through here, so every front end codes a document the same way.

mod pipeline;
mod record;

pub use petrel_doc as doc;
pub use pipeline::{build_pipeline, Options};
pub use record::{ErrorRecord, Record, SCHEMA_VERSION};
