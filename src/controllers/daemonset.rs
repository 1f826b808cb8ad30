//! The DaemonSet controller (`pkg/controller/daemon`) — being built. So far: which nodes run a
//! daemon pod and why ([`placement`]), and how many nodes a rolling update may touch at once
//! ([`budget`]). The sync loop, revisions and the rollout come next (issue 6).

pub mod budget;
pub mod placement;
