//! Hooks shared by the components.

mod use_shortcuts;
mod use_style;

pub use use_shortcuts::use_shortcuts;
pub use use_style::{use_style, PlayheadLine};
