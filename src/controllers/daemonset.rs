//! The DaemonSet controller (`pkg/controller/daemon`) — being built. So far: which nodes run a
//! daemon pod and why ([`placement`]), how many nodes a rolling update may touch at once
//! ([`budget`]) and the revision hash ([`hash`]). The sync loop, ControllerRevisions and the
//! rollout come next (issue 6).

pub mod budget;
pub mod hash;
pub mod placement;
