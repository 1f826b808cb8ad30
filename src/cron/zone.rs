//! Time zones for schedules, as Go's `time` package resolves them: `LoadLocation` by IANA name
//! (from the time-zone database, [`super::tzdb`]), the wall clock of an instant, and `time.Date`, which
//! turns a wall clock back into an instant (a time in a spring-forward gap moves forward by
//! the gap; a time in a fall-back overlap takes the first offset).

use super::tzdb::{self, ZoneId};
use chrono::NaiveDateTime;
use std::fmt;

/// A schedule's time zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Zone {
    /// UTC (also `timeZone` unset: kube-controller-manager runs in UTC).
    Utc,
    /// A zone of the IANA database.
    Iana(ZoneId),
}

impl Zone {
    /// Go's `time.LoadLocation`: `""` and `"UTC"` are UTC; any other name must be in the tz
    /// database, spelt exactly (names are case-sensitive). The error is Go's. (In the page,
    /// before the database has arrived, every other name is unknown: the app fetches the
    /// database before it reads a text that names a `timeZone`.)
    pub fn load(name: &str) -> Result<Zone, String> {
        match name {
            "" | "UTC" => Ok(Zone::Utc),
            _ if name.contains("..") || name.starts_with('/') || name.starts_with('\\') => {
                Err("time: invalid location name".into())
            }
            _ => tzdb::get()
                .and_then(|db| db.find(name))
                .map(Zone::Iana)
                .ok_or_else(|| format!("unknown time zone {name}")),
        }
    }

    /// The zone's name (`UTC` for UTC).
    pub fn name(self) -> &'static str {
        match self {
            Zone::Utc => "UTC",
            Zone::Iana(id) => tzdb::get().map_or("UTC", |db| db.name(id)),
        }
    }

    /// Seconds east of UTC at an instant (Unix seconds).
    pub fn offset(self, utc: i64) -> i64 {
        match self {
            Zone::Utc => 0,
            // Out of chrono's range (±262,000 years) the offset was 0; it still is.
            Zone::Iana(id) => match chrono::DateTime::from_timestamp(utc, 0) {
                Some(_) => tzdb::get().map_or(0, |db| db.offset(id, utc)),
                None => 0,
            },
        }
    }

    /// The wall clock at an instant (Unix seconds).
    pub fn local(self, utc: i64) -> NaiveDateTime {
        let t = utc.saturating_add(self.offset(utc));
        chrono::DateTime::from_timestamp(t, 0)
            .unwrap_or_default()
            .naive_utc()
    }

    /// Go's `time.Date(…, loc)` for an already normalised wall clock: the offset in force at
    /// the wall time read as UTC, corrected once if the result falls in another period.
    pub fn date(self, wall: NaiveDateTime) -> i64 {
        let l = wall.and_utc().timestamp();
        let first = self.offset(l);
        l - self.offset(l - first)
    }

    /// RFC 3339 with this zone's offset, as Go's `t.In(loc).Format(time.RFC3339)` writes it
    /// (`Z` for a zero offset).
    pub fn rfc3339(self, utc: i64) -> String {
        let off = self.offset(utc);
        let wall = self.local(utc).format("%Y-%m-%dT%H:%M:%S");
        if off == 0 {
            return format!("{wall}Z");
        }
        let sign = if off < 0 { '-' } else { '+' };
        let a = off.abs();
        format!("{wall}{sign}{:02}:{:02}", a / 3600, a % 3600 / 60)
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wall(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    #[test]
    fn load_should_accept_iana_names_exactly_as_go_does() {
        assert_eq!(Zone::load(""), Ok(Zone::Utc));
        assert_eq!(Zone::load("UTC"), Ok(Zone::Utc));
        assert_eq!(Zone::load("Asia/Shanghai").unwrap().name(), "Asia/Shanghai");
        assert_eq!(Zone::load("US/Eastern").unwrap().name(), "US/Eastern");
        assert_eq!(
            Zone::load("asia/shanghai"),
            Err("unknown time zone asia/shanghai".into())
        );
        assert_eq!(
            Zone::load("Mars/Olympus"),
            Err("unknown time zone Mars/Olympus".into())
        );
        assert_eq!(
            Zone::load("../etc/passwd"),
            Err("time: invalid location name".into())
        );
    }

    #[test]
    fn date_should_resolve_gaps_and_overlaps_as_go_does() {
        let ny = Zone::load("America/New_York").unwrap();
        // 2026-03-08 02:30 does not exist in New York: Go's `Date` gives 01:30 EST.
        let t = ny.date(wall("2026-03-08 02:30:00"));
        assert_eq!(ny.rfc3339(t), "2026-03-08T01:30:00-05:00");
        // 2026-11-01 01:30 happens twice: Go picks the first (EDT, 05:30 UTC).
        let t = ny.date(wall("2026-11-01 01:30:00"));
        assert_eq!(ny.rfc3339(t), "2026-11-01T01:30:00-04:00");
        let sh = Zone::load("Asia/Shanghai").unwrap();
        let t = sh.date(wall("2026-01-01 09:00:00"));
        assert_eq!(Zone::Utc.rfc3339(t), "2026-01-01T01:00:00Z");
        assert_eq!(sh.rfc3339(t), "2026-01-01T09:00:00+08:00");
    }
}
