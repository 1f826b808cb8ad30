//! podlab: a Kubernetes teaching lab. The library holds every layer; `main.rs` only picks a front end.
//!
//! Layers, bottom up: [`model`] and [`yaml`] and [`validation`] (API objects, parsing, the API
//! server's rules) → [`sim`] (clock, seeded RNG, event queue, trace) → [`api`] (store, watch,
//! admission), [`scheduler`], [`kubelet`], [`nodelifecycle`], [`gc`] → [`engine`] and [`scenario`]
//! → [`output`] → the UI (wasm only) and the CLI (native only).

pub mod model;
pub mod validation;
pub mod yaml;
