//! `kubectl explain`: placeholder replaced below.
use super::args::Args;
use super::Outcome;
pub fn explain(_args: &Args) -> Outcome {
    Outcome::default()
}
