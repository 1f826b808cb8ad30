//! The Job controller's pod-failure back-off (`pkg/controller/job/backoff_utils.go`): an
//! in-memory record of failures since the
//! last success, and the delay before replacing a failed pod (10 s doubling, at most 10 min).

use crate::model::{Pod, Time};

/// First delay.
pub const DEFAULT_BACKOFF_MS: i64 = 10_000;
/// Cap (the docs' "six minutes" is an older value).
pub const MAX_BACKOFF_MS: i64 = 600_000;

/// Failures after the last success and when the latest one finished.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct BackoffRecord {
    /// Failures counted since the last success.
    pub failures_after_last_success: u32,
    /// Finish time of the latest counted failure.
    pub last_failure_time: Option<Time>,
}

/// When a pod finished: the latest `finishedAt` of its containers when all have terminated;
/// else the Ready condition's last change when it is False; else deletionTimestamp minus the
/// grace period; else its creation time.
pub fn finish_time(pod: &Pod) -> Time {
    let st = pod.status();
    let all: Vec<_> = st
        .init_container_statuses
        .iter()
        .chain(&st.container_statuses)
        .collect();
    if !all.is_empty() && all.iter().all(|c| c.state.terminated.is_some()) {
        if let Some(t) = all
            .iter()
            .filter_map(|c| c.state.terminated.as_ref().and_then(|t| t.finished_at))
            .max()
        {
            return t;
        }
    }
    if let Some(t) = pod
        .condition("Ready")
        .filter(|c| c.status == "False")
        .and_then(|c| c.last_transition_time)
    {
        return t;
    }
    if let Some(t) = pod.metadata.deletion_timestamp {
        return t.plus_ms(-pod.metadata.deletion_grace_period_seconds.unwrap_or(0) * 1000);
    }
    pod.metadata.creation_timestamp.unwrap_or_default()
}

impl BackoffRecord {
    /// Folds newly finished pods (finish time, succeeded?) into the record: a success resets
    /// the count; failures after the latest success count (equal times: the failure first).
    pub fn update(mut self, mut finished: Vec<(Time, bool)>) -> BackoffRecord {
        crate::sort::sort_by_key(&mut finished, |(t, ok)| (*t, *ok));
        for (t, ok) in finished {
            if ok {
                self.failures_after_last_success = 0;
                self.last_failure_time = None;
            } else {
                self.failures_after_last_success += 1;
                self.last_failure_time = Some(self.last_failure_time.map_or(t, |l| l.max(t)));
            }
        }
        self
    }

    /// The delay for this many failures: 0, then 10 s × 2^(n−1), capped at 10 minutes.
    pub fn delay_ms(&self) -> i64 {
        delay_for(self.failures_after_last_success)
    }

    /// How long to wait before creating a replacement, at `now`.
    pub fn remaining_ms(&self, now: Time) -> i64 {
        match self.last_failure_time {
            Some(last) if self.failures_after_last_success > 0 => {
                (self.delay_ms() - (now.0 - last.0)).max(0)
            }
            _ => 0,
        }
    }
}

/// 10 s × 2^(failures − 1), capped at 10 minutes; 0 for no failure.
pub fn delay_for(failures: u32) -> i64 {
    if failures == 0 {
        return 0;
    }
    DEFAULT_BACKOFF_MS
        .saturating_mul(1i64 << (failures - 1).min(30))
        .min(MAX_BACKOFF_MS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_record_should_count_failures_after_the_last_success() {
        // TestNewBackoffRecord: failures at -4, -3, -1, 0 ms and a success at -2 ms → 2.
        let r = BackoffRecord::default().update(vec![
            (Time(-4), false),
            (Time(-3), false),
            (Time(-2), true),
            (Time(-1), false),
            (Time(0), false),
        ]);
        assert_eq!(r.failures_after_last_success, 2);
        assert_eq!(r.last_failure_time, Some(Time(0)));
        let tie = BackoffRecord::default().update(vec![(Time(5), true), (Time(5), false)]);
        assert_eq!(
            tie.failures_after_last_success, 0,
            "a success and a failure at the same time → 0"
        );
    }

    #[test]
    fn delays_should_double_from_ten_seconds_to_ten_minutes() {
        let delays: Vec<i64> = (0..9).map(delay_for).collect();
        assert_eq!(
            delays,
            vec![0, 10_000, 20_000, 40_000, 80_000, 160_000, 320_000, 600_000, 600_000]
        );
        let r = BackoffRecord {
            failures_after_last_success: 1,
            last_failure_time: Some(Time(0)),
        };
        assert_eq!(r.remaining_ms(Time(1_000)), 9_000);
        assert_eq!(r.remaining_ms(Time(20_000)), 0);
    }
}
