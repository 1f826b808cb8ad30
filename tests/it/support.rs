//! Helpers shared by several test modules (and, for the digests, by `tests/web.rs`).

pub mod digests;
pub mod validate;
