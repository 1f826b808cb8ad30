//! API-server validation: field paths, errors in `field.ErrorList` wording, and per-kind rules.

pub mod cronjob;
pub mod daemonset;
mod field;
pub mod job;
mod job_policy;
pub mod names;
pub mod pod;
pub mod program;

pub use field::{ErrorType, FieldError, Path, FIELD_IMMUTABLE};
