//! Virtual time in whole milliseconds, and Go-style durations (`90s`, `1h30m`, `1.5s`).

use std::fmt;

/// Milliseconds since the start of the run (t = 0).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct SimTime(pub u64);

impl SimTime {
    /// t = 0.
    pub const ZERO: SimTime = SimTime(0);

    /// From whole seconds.
    pub fn from_secs(s: u64) -> SimTime {
        SimTime(s.saturating_mul(1000))
    }

    /// From milliseconds.
    pub fn from_millis(ms: u64) -> SimTime {
        SimTime(ms)
    }

    /// Whole milliseconds.
    pub fn as_millis(self) -> u64 {
        self.0
    }

    /// This time plus `ms` milliseconds (saturating).
    pub fn plus_ms(self, ms: u64) -> SimTime {
        SimTime(self.0.saturating_add(ms))
    }

    /// This time plus `s` seconds (saturating).
    pub fn plus_secs(self, s: u64) -> SimTime {
        self.plus_ms(s.saturating_mul(1000))
    }
}

impl fmt::Display for SimTime {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&format_duration(self.0))
    }
}

/// Parses a Go duration: a sequence of decimal numbers with units `ms`, `s`, `m`, `h`.
/// Days are not a Go unit (`2d` is rejected; write `48h`).
pub fn parse_duration(text: &str) -> Result<u64, String> {
    let s = text.trim();
    let err = || format!("time: invalid duration \"{s}\"");
    if s.is_empty() {
        return Err(err());
    }
    if s == "0" {
        return Ok(0);
    }
    let mut rest = s;
    let mut total: f64 = 0.0;
    while !rest.is_empty() {
        let num_len = rest
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(rest.len());
        if num_len == 0 {
            return Err(err());
        }
        let value: f64 = rest[..num_len].parse().map_err(|_| err())?;
        rest = &rest[num_len..];
        let unit_len = rest
            .find(|c: char| c.is_ascii_digit() || c == '.')
            .unwrap_or(rest.len());
        let factor = match &rest[..unit_len] {
            "ms" => 1.0,
            "s" => 1_000.0,
            "m" => 60_000.0,
            "h" => 3_600_000.0,
            "" => return Err(format!("time: missing unit in duration \"{s}\"")),
            unit => return Err(format!("time: unknown unit \"{unit}\" in duration \"{s}\"")),
        };
        rest = &rest[unit_len..];
        total += value * factor;
    }
    if !total.is_finite() || total > 1e15 {
        return Err(err());
    }
    Ok(total.round() as u64)
}

/// Formats milliseconds as Go's `time.Duration` does: `0s`, `800ms`, `1.5s`, `2m30s`, `1h0m5s`.
pub fn format_duration(ms: u64) -> String {
    if ms == 0 {
        return "0s".into();
    }
    if ms < 1000 {
        return format!("{ms}ms");
    }
    let (h, m, s, milli) = (ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    let secs = if milli == 0 {
        format!("{s}s")
    } else {
        format!("{s}.{}s", format!("{milli:03}").trim_end_matches('0'))
    };
    match (h, m) {
        (0, 0) => secs,
        (0, m) => format!("{m}m{secs}"),
        (h, m) => format!("{h}h{m}m{secs}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_durations_should_parse() {
        assert_eq!(parse_duration("90s"), Ok(90_000));
        assert_eq!(parse_duration("1h30m"), Ok(5_400_000));
        assert_eq!(parse_duration("1.5s"), Ok(1_500));
        assert_eq!(parse_duration("250ms"), Ok(250));
        assert!(parse_duration("2d")
            .unwrap_err()
            .contains("unknown unit \"d\""));
        assert!(parse_duration("10").is_err());
        assert!(parse_duration("").is_err());
    }

    #[test]
    fn durations_should_format_like_go() {
        assert_eq!(format_duration(0), "0s");
        assert_eq!(format_duration(1_500), "1.5s");
        assert_eq!(format_duration(800), "800ms");
        assert_eq!(format_duration(150_000), "2m30s");
        assert_eq!(format_duration(3_605_000), "1h0m5s");
    }
}
