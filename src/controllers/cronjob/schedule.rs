//! The CronJob controller's schedule arithmetic (`pkg/controller/cronjob/utils.go`):
//! `mostRecentScheduleTime` with its estimate for many missed times, and the requeue delay of
//! `nextScheduleTimeDuration`. Times are Unix milliseconds; the schedule works in seconds.

use crate::cron::{Schedule, Zone};

/// How many schedule times were missed since the earliest time considered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
pub enum Missed {
    /// None, or just the one that is due.
    None,
    /// A few (at most 100, as the controller estimates them).
    Few,
    /// More than 100: the controller warns (TooManyMissedTimes) but still runs the latest.
    Many,
}

/// The schedule is grammatically valid but never fires twice a second apart (e.g. Feb 31).
pub const TOO_CLOSE: &str = "time difference between two schedules is less than 1 second";

/// The answer of `mostRecentScheduleTime`, with what it looked at.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recent {
    /// The last schedule time, or the creation time, moved up to now − startingDeadlineSeconds
    /// when that is later and the deadline is included.
    pub earliest: i64,
    /// Whether the deadline moved `earliest`.
    pub deadline_applied: bool,
    /// The most recent schedule time at or before now, if any.
    pub most_recent: Option<i64>,
    /// The estimate of missed times.
    pub missed: Missed,
    /// The estimated number of missed times (0 when not estimated).
    pub missed_count: i64,
    /// The schedule times computed on the way (t1, t2, then the walk), at most [`MAX_SHOWN`].
    pub considered: Vec<i64>,
    /// The error, for a schedule whose times are less than a second apart.
    pub error: Option<&'static str>,
}

/// At most this many considered times are kept for the trace.
pub const MAX_SHOWN: usize = 8;
/// The walk over estimated missed times stops after this many steps (upstream has no bound;
/// a regular schedule walks two or three).
const MAX_WALK: usize = 10_000;

/// The inputs of the arithmetic, taken from a CronJob.
#[derive(Clone, Copy, Debug)]
pub struct Inputs<'a> {
    /// The parsed schedule.
    pub schedule: &'a Schedule,
    /// Its zone.
    pub zone: Zone,
    /// `metadata.creationTimestamp`.
    pub created: i64,
    /// `status.lastScheduleTime`.
    pub last_schedule: Option<i64>,
    /// `spec.startingDeadlineSeconds`.
    pub deadline_seconds: Option<i64>,
}

/// `mostRecentScheduleTime`.
pub fn most_recent(i: Inputs<'_>, now: i64, include_deadline: bool) -> Recent {
    let mut earliest = i.last_schedule.unwrap_or(i.created);
    let mut deadline_applied = false;
    if let (true, Some(sds)) = (include_deadline, i.deadline_seconds) {
        let deadline = now.saturating_sub(sds.saturating_mul(1000));
        if deadline > earliest {
            earliest = deadline;
            deadline_applied = true;
        }
    }
    let mut r = Recent {
        earliest,
        deadline_applied,
        most_recent: None,
        missed: Missed::None,
        missed_count: 0,
        considered: Vec::new(),
        error: None,
    };
    let next = |t: i64| i.schedule.next(t, i.zone);
    let Some(t1) = next(earliest) else {
        r.error = Some(TOO_CLOSE);
        return r;
    };
    r.considered.push(t1);
    if now < t1 {
        return r;
    }
    let t2 = next(t1);
    if let Some(t2) = t2 {
        r.considered.push(t2);
        if now < t2 {
            r.most_recent = Some(t1);
            return r;
        }
    }
    // Go rounds the interval to the second; a missing t2 is Go's zero time, far in the past.
    let interval = t2.map_or(-1, |t2| (t2 - t1 + 500).div_euclid(1000));
    if interval < 1 {
        r.error = Some(TOO_CLOSE);
        return r;
    }
    let elapsed = (now - t1) / 1000;
    let missed = elapsed / interval + 1;
    let potential_earliest = t1 + (missed - 2) * interval * 1000;
    let mut t = next(potential_earliest);
    let mut steps = 0;
    while let Some(x) = t.filter(|x| *x <= now) {
        if r.considered.len() < MAX_SHOWN {
            r.considered.push(x);
        }
        r.most_recent = Some(x);
        steps += 1;
        if steps >= MAX_WALK {
            break;
        }
        t = next(x);
    }
    r.missed_count = missed;
    r.missed = if missed > 100 {
        Missed::Many
    } else {
        Missed::Few
    };
    r
}

/// `nextScheduleTimeDuration`: the next schedule time after the most recent one (ignoring the
/// deadline), or after now when there was an error or missed times but none found. Returns
/// that time; the controller requeues 100 ms after it.
pub fn next_tick(i: Inputs<'_>, now: i64) -> Option<i64> {
    let r = most_recent(i, now, false);
    let reference = match (r.error, r.most_recent) {
        (Some(_), _) => now,
        (None, Some(t)) => t,
        (None, None) if r.missed == Missed::None => r.earliest,
        (None, None) => now,
    };
    i.schedule.next(reference, i.zone)
}

/// The padding added to each requeue, for clock skew.
pub const NEXT_SCHEDULE_DELTA_MS: i64 = 100;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cron::parse_standard;

    fn ms(text: &str) -> i64 {
        chrono::DateTime::parse_from_rfc3339(text)
            .unwrap()
            .timestamp_millis()
    }

    fn show(t: Option<i64>) -> Option<String> {
        t.map(|t| Zone::Utc.rfc3339(t / 1000))
    }

    /// Rows after `TestMostRecentScheduleTime` in `utils_test.go`: (name, schedule, created,
    /// lastScheduleTime, startingDeadlineSeconds, now, include deadline, want most recent,
    /// want missed, want error).
    #[test]
    fn most_recent_should_match_the_upstream_table() {
        type Row = (
            &'static str,
            &'static str,
            &'static str,
            Option<&'static str>,
            Option<i64>,
            &'static str,
            Option<&'static str>,
            Missed,
            bool,
        );
        let rows: Vec<Row> = vec![
            (
                "not past the creation time",
                "0 * * * *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T10:30:00Z",
                None,
                Missed::None,
                false,
            ),
            (
                "past the creation time, not due",
                "0 * * * *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T10:59:59Z",
                None,
                Missed::None,
                false,
            ),
            (
                "one missed from creation",
                "0 * * * *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T11:00:00Z",
                Some("2016-05-19T11:00:00Z"),
                Missed::None,
                false,
            ),
            (
                "one missed, a bit later",
                "0 * * * *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T11:30:00Z",
                Some("2016-05-19T11:00:00Z"),
                Missed::None,
                false,
            ),
            (
                "two missed from creation",
                "0 * * * *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T12:00:00Z",
                Some("2016-05-19T12:00:00Z"),
                Missed::Few,
                false,
            ),
            (
                "ran previously, not due",
                "0 * * * *",
                "2016-05-19T09:00:00Z",
                Some("2016-05-19T10:00:00Z"),
                None,
                "2016-05-19T10:30:00Z",
                None,
                Missed::None,
                false,
            ),
            (
                "ran previously, one missed",
                "0 * * * *",
                "2016-05-19T09:00:00Z",
                Some("2016-05-19T10:00:00Z"),
                None,
                "2016-05-19T11:05:00Z",
                Some("2016-05-19T11:00:00Z"),
                Missed::None,
                false,
            ),
            (
                "ran previously, many missed",
                "0 * * * *",
                "2016-05-19T09:00:00Z",
                Some("2016-05-19T10:00:00Z"),
                None,
                "2016-05-19T22:30:00Z",
                Some("2016-05-19T22:00:00Z"),
                Missed::Few,
                false,
            ),
            (
                "more than 100 missed",
                "0 * * * *",
                "2016-05-01T00:00:00Z",
                Some("2016-05-01T00:00:00Z"),
                None,
                "2016-05-19T22:30:00Z",
                Some("2016-05-19T22:00:00Z"),
                Missed::Many,
                false,
            ),
            (
                "the deadline hides the old misses",
                "0 * * * *",
                "2016-05-01T00:00:00Z",
                Some("2016-05-01T00:00:00Z"),
                Some(3600),
                "2016-05-19T22:30:00Z",
                Some("2016-05-19T22:00:00Z"),
                Missed::None,
                false,
            ),
            (
                "the deadline hides everything",
                "0 * * * *",
                "2016-05-01T00:00:00Z",
                Some("2016-05-01T00:00:00Z"),
                Some(600),
                "2016-05-19T22:30:00Z",
                None,
                Missed::None,
                false,
            ),
            (
                "every minute, 5 missed",
                "*/1 * * * *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T10:05:30Z",
                Some("2016-05-19T10:05:00Z"),
                Missed::Few,
                false,
            ),
            (
                "@every 1h from creation",
                "@every 1h",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T15:30:00Z",
                Some("2016-05-19T15:00:00Z"),
                Missed::Few,
                false,
            ),
            (
                "@every 90m keeps its phase",
                "@every 90m",
                "2016-05-19T10:15:00Z",
                None,
                None,
                "2016-05-19T17:00:00Z",
                Some("2016-05-19T16:15:00Z"),
                Missed::Few,
                false,
            ),
            (
                "complex schedule",
                "30 6-16/4 * * 1-5",
                "2018-01-01T00:00:00Z",
                Some("2018-01-05T10:30:00Z"),
                None,
                "2018-01-08T10:35:00Z",
                Some("2018-01-08T10:30:00Z"),
                Missed::Few,
                false,
            ),
            (
                "another complex schedule",
                "30 10,11,12 * * 1-5",
                "2018-01-01T00:00:00Z",
                Some("2018-01-04T10:30:00Z"),
                None,
                "2018-01-05T16:30:00Z",
                None,
                Missed::Few,
                false,
            ),
            (
                "Feb 31 never comes",
                "59 23 31 2 *",
                "2016-05-19T10:00:00Z",
                None,
                None,
                "2016-05-19T11:00:00Z",
                None,
                Missed::None,
                true,
            ),
        ];
        for (name, spec, created, last, sds, now, want, missed, err) in rows {
            let schedule = parse_standard(spec).unwrap();
            let inputs = Inputs {
                schedule: &schedule,
                zone: Zone::Utc,
                created: ms(created),
                last_schedule: last.map(ms),
                deadline_seconds: sds,
            };
            let r = most_recent(inputs, ms(now), true);
            assert_eq!(show(r.most_recent).as_deref(), want, "{name}");
            assert_eq!(r.missed, missed, "{name}");
            assert_eq!(r.error.is_some(), err, "{name}");
        }
    }

    #[test]
    fn the_next_tick_should_follow_the_most_recent_time() {
        let schedule = parse_standard("30 10,11,12 * * 1-5").unwrap();
        let inputs = Inputs {
            schedule: &schedule,
            zone: Zone::Utc,
            created: ms("2018-01-01T00:00:00Z"),
            last_schedule: Some(ms("2018-01-04T10:30:00Z")),
            deadline_seconds: None,
        };
        // Upstream: the estimate finds nothing, so the requeue targets Monday 10:30 (66 h).
        let now = ms("2018-01-05T16:30:00Z");
        let next = next_tick(inputs, now).unwrap();
        assert_eq!(show(Some(next)).as_deref(), Some("2018-01-08T10:30:00Z"));
        assert_eq!((next - now) / 3_600_000, 66);
        let hourly = parse_standard("0 * * * *").unwrap();
        let inputs = Inputs {
            schedule: &hourly,
            ..inputs
        };
        let next = next_tick(inputs, ms("2018-01-04T10:30:00Z")).unwrap();
        assert_eq!(show(Some(next)).as_deref(), Some("2018-01-04T11:00:00Z"));
    }
}
