//! The app's building blocks.

mod activity;
mod cluster;
mod controls;

pub use activity::{ActivityFeed, Legend};
pub use cluster::ClusterView;
pub use controls::Controls;
