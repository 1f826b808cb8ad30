//! The deterministic simulation core: virtual time, one seeded RNG, an ordered event queue, a
//! client-go style workqueue, and the append-only trace. Nothing here reads a wall clock.

pub mod hash;
pub mod hex;
pub mod queue;
pub mod rng;
pub mod time;
pub mod trace;
pub mod workqueue;

pub use queue::EventQueue;
pub use rng::Rng;
pub use time::{format_duration, parse_duration, SimTime};
pub use trace::{Account, Actor, Cause, Change, TraceEvent, Update};
pub use workqueue::WorkQueue;
