//! The browser app (wasm only): one reducer-held state, a frame clock that moves the playhead, and
//! components that draw the engine's frames. It never runs Kubernetes logic of its own.

pub mod assets;
mod clock;
pub mod components;
pub mod compute;
mod dueframe;
pub mod hooks;
pub mod panic;
pub mod prerender;
mod retire;
mod root;
pub mod state;
pub mod timer;

pub use root::App;
