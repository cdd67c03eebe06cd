//! One module per subcommand.

pub mod bench;
pub mod code;
pub mod eval;
pub mod input;
pub mod parse;
pub mod serve;
pub mod store;
pub mod train;
pub mod train_quotes;
