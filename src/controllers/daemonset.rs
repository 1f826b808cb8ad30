//! The DaemonSet controller (`pkg/controller/daemon`): which nodes run a daemon pod and why
//! ([`placement`]), how many nodes a rolling update may touch at once ([`budget`]), the
//! revision hash ([`hash`]), the per-node decisions of `manage` and of the rolling update as
//! pure functions ([`rollout`]), and the loop around them ([`sync`]).

pub mod budget;
pub mod hash;
pub mod listing;
pub mod placement;
pub mod rollout;
pub mod sync;

pub use sync::{on_watch, DaemonSetController, DaemonSetControllerState};
