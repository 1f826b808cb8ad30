//! The app's building blocks.

mod actions;
mod activity;
mod cluster;
mod console;
mod controller;
mod controlplane;
mod controls;
mod cronruler;
mod editor;
mod events;
mod files;
mod inspector;
mod lessons;
mod nodeconsole;
mod rolloutboard;
mod tables;
mod timeline;

pub use activity::{ActivityFeed, Legend};
pub use cluster::{ClusterProps, ClusterView, Density};
pub use console::Console;
pub use controller::ControllerPanel;
pub use controlplane::ControlPlane;
pub use controls::Controls;
pub use cronruler::CronRulers;
pub use editor::Editor;
pub use events::EventsPanel;
pub use files::FileTools;
pub use inspector::Inspector;
pub use lessons::Lessons;
pub use rolloutboard::RolloutBoard;
pub use tables::TablesPanel;
pub use timeline::TimelineView;
