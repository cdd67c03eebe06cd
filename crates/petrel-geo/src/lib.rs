//! Places: petrel's compact gazetteer (derived from GeoNames), toponym recognition over
//! tokens, resolution of toponyms to coordinates and a country, and the choice of an
//! event's location.
pub mod build;
mod component;
pub mod eval;
pub mod gazetteer;
pub mod resolve;

pub use component::{event_location, is_place_noun, PlacesComponent};
pub use gazetteer::{distance_km, norm_key, Entry, Feature, Gazetteer};
pub use resolve::{resolve, resolve_scored, resolve_with, Toponym, Weights};
