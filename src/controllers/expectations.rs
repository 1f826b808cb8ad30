//! ControllerExpectations: after asking for N creations (or deletions) a controller waits
//! until it has observed them before acting again; expectations expire after 5 minutes.

use crate::sim::SimTime;

/// How long expectations are trusted.
pub const EXPECTATIONS_TIMEOUT_MS: u64 = 5 * 60 * 1000;

/// Pending adds and deletes for one controller key.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Expectations {
    /// Creations not yet observed.
    pub add: i64,
    /// Deletions not yet observed.
    pub del: i64,
    /// When they were set.
    pub at: SimTime,
}

impl Expectations {
    /// Satisfied when nothing is pending, or when the expectations have expired.
    pub fn satisfied(&self, now: SimTime) -> bool {
        (self.add <= 0 && self.del <= 0)
            || now.0.saturating_sub(self.at.0) > EXPECTATIONS_TIMEOUT_MS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expectations_should_be_satisfied_when_observed_or_expired() {
        let e = Expectations {
            add: 2,
            del: 0,
            at: SimTime(0),
        };
        assert!(!e.satisfied(SimTime(1_000)));
        assert!(e.satisfied(SimTime(EXPECTATIONS_TIMEOUT_MS + 1)));
        assert!(Expectations {
            add: 0,
            del: 0,
            at: SimTime(0)
        }
        .satisfied(SimTime(0)));
    }
}
