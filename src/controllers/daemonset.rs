//! The DaemonSet controller (`pkg/controller/daemon`) — being built. So far: which nodes run a
//! daemon pod and why ([`placement`]), how many nodes a rolling update may touch at once
//! ([`budget`]), the revision hash ([`hash`]), and the per-node decisions of `manage` and of
//! the rolling update as pure functions ([`rollout`]). The sync loop around them,
//! ControllerRevision objects, status and the UI come next (issue 6).

pub mod budget;
pub mod hash;
pub mod placement;
pub mod rollout;
