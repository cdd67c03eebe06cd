//! Places: petrel's compact gazetteer (derived from GeoNames), toponym recognition over
//! tokens, resolution of toponyms to coordinates and a country, and the choice of an
//! event's location, and the country of actors placed by a place in their phrase.
pub mod build;
mod component;
pub mod eval;
pub mod gazetteer;
mod locate;
pub mod resolve;

pub use component::{event_location, is_place_noun, PlacesComponent};
pub use gazetteer::{distance_km, norm_key, Entry, Feature, Gazetteer};
pub use locate::{locate_actors, recountry_namesakes};
pub use resolve::{resolve, resolve_scored, resolve_with, Toponym, Weights};
