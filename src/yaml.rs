//! YAML input: a position-carrying tree parsed with serde-saphyr, and a strict decoder into API types.
//!
//! Parsing is panic-free and bounded by input budgets; every error carries line and column.

mod decode;
pub mod highlight;
mod tree;

pub use decode::{closest_kind, decode, DecodeError, DecodeIssue};
pub use tree::{parse_documents, Loc, SyntaxKind, YNode, YValue, YamlError, MAX_INPUT_BYTES};
