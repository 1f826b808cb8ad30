//! Hooks shared by the components.

mod use_style;

pub use use_style::{use_style, PlayheadLine};
