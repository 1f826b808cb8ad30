//! podlab: a Kubernetes teaching lab. The library holds every layer; `main.rs` only picks a front end.
//!
//! Layers, bottom up: [`model`], [`yaml`], [`cron`] and [`validation`] (API objects, parsing,
//! cron schedules, the API server's rules) → [`sim`] (clock, seeded RNG, event queue, workqueue, trace) → [`api`]
//! (store, watch, admission), [`scheduler`], [`kubelet`], [`nodelifecycle`], [`gc`], all acting
//! on a [`world::World`] → [`engine`] and [`scenario`] → [`output`] → the UI (wasm only) and the
//! CLI (native only). Nothing below the UI and CLI touches a browser, a file or a wall clock.

/// The engine allocates for every write it makes (an object's new version, its watch event,
/// an Event): natively, mimalloc serves that pattern faster than the system allocator.
#[cfg(not(target_arch = "wasm32"))]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

pub mod api;
pub mod app;
pub mod builtin;
pub mod challenge;
pub mod cluster;
pub mod controllers;
pub mod cron;
pub mod crontimeline;
pub mod embed;
pub mod engine;
pub mod export;
pub mod fidelity;
pub mod frame;
pub mod gc;
pub mod i18n;
pub mod kubectl;
pub mod kubelet;
pub mod lesson;
pub mod model;
pub mod nodelifecycle;
pub mod output;
pub mod rolloutboard;
pub mod scenario;
pub mod scheduler;
pub mod script;
pub mod share;
pub mod sim;
pub mod sort;
pub mod timeline;
pub mod validation;
pub mod world;
pub mod yaml;

#[cfg(not(target_arch = "wasm32"))]
pub mod cli;
#[cfg(target_arch = "wasm32")]
pub mod ui;
