//! Timestamps as the API shows them: RFC 3339 in UTC, second precision.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A point in wall-clock time, in milliseconds since the Unix epoch.
///
/// The API serialises it with second precision (`2026-01-01T00:00:05Z`), as `metav1.Time` does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time(pub i64);

impl Time {
    /// Parses an RFC 3339 timestamp such as `2026-01-01T00:00:00Z`.
    pub fn parse(text: &str) -> Option<Time> {
        chrono::DateTime::parse_from_rfc3339(text.trim())
            .ok()
            .map(|t| Time(t.timestamp_millis()))
    }

    /// Whole seconds since the epoch.
    pub fn seconds(self) -> i64 {
        self.0.div_euclid(1000)
    }

    /// This time plus `ms` milliseconds.
    pub fn plus_ms(self, ms: i64) -> Time {
        Time(self.0.saturating_add(ms))
    }

    /// The time formatted with a given precision (`secs` or with milliseconds).
    pub fn rfc3339(self) -> String {
        use chrono::{Datelike, Timelike};
        match chrono::DateTime::from_timestamp(self.seconds(), 0) {
            Some(t) => format!(
                "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
                t.year(),
                t.month(),
                t.day(),
                t.hour(),
                t.minute(),
                t.second()
            ),
            None => "0001-01-01T00:00:00Z".to_string(),
        }
    }

    /// `metav1.MicroTime` form, as used by `eventTime` and lease renewals.
    pub fn rfc3339_micro(self) -> String {
        let nanos = (self.0.rem_euclid(1000) * 1_000_000) as u32;
        match chrono::DateTime::from_timestamp(self.seconds(), nanos) {
            Some(t) => t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string(),
            None => "0001-01-01T00:00:00.000000Z".to_string(),
        }
    }
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

impl Serialize for Time {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.rfc3339())
    }
}

impl<'de> Deserialize<'de> for Time {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Time::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "parsing time \"{text}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_should_round_trip_at_second_precision() {
        let t = Time::parse("2026-01-01T00:00:05Z").unwrap();
        assert_eq!(t.plus_ms(999).rfc3339(), "2026-01-01T00:00:05Z");
        assert_eq!(
            t.plus_ms(1500).rfc3339_micro(),
            "2026-01-01T00:00:06.500000Z"
        );
    }
}
