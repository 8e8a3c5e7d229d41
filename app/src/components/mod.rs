//! One component per file.

pub mod card;
pub mod conditions;
pub mod header;
pub mod loading;
pub mod phase;
