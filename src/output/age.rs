//! `kubectl`'s HumanDuration: the AGE and DURATION columns.

/// The age of a timestamp at `now`, as kubectl and the API server's printers compute it: a
/// stored timestamp keeps whole seconds only (RFC 3339 without a fraction), the clock does not.
pub fn age(now: crate::model::Time, t: crate::model::Time) -> String {
    human_duration(now.0 - t.0.div_euclid(1000) * 1000)
}

/// The time between two stored timestamps (each whole seconds), as HumanDuration.
pub fn span(from: crate::model::Time, to: crate::model::Time) -> String {
    human_duration(to.0.div_euclid(1000) * 1000 - from.0.div_euclid(1000) * 1000)
}

/// Formats a duration in milliseconds as kubectl's `HumanDuration` does.
pub fn human_duration(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    if secs < -1 {
        return "<invalid>".into();
    }
    if secs < 0 {
        return "0s".into();
    }
    let s = secs as u64;
    let (min, hour, day, year) = (60, 3600, 86_400, 365 * 86_400);
    if s < 2 * min {
        format!("{s}s")
    } else if s < 10 * min {
        let (m, r) = (s / min, s % min);
        if r == 0 {
            format!("{m}m")
        } else {
            format!("{m}m{r}s")
        }
    } else if s < 3 * hour {
        format!("{}m", s / min)
    } else if s < 8 * hour {
        let (h, m) = (s / hour, s % hour / min);
        if m == 0 {
            format!("{h}h")
        } else {
            format!("{h}h{m}m")
        }
    } else if s < 48 * hour {
        format!("{}h", s / hour)
    } else if s < 8 * day {
        let (d, h) = (s / day, s % day / hour);
        if h == 0 {
            format!("{d}d")
        } else {
            format!("{d}d{h}h")
        }
    } else if s < 2 * year {
        format!("{}d", s / day)
    } else if s < 8 * year {
        let (y, d) = (s / year, s % year / day);
        if d == 0 {
            format!("{y}y")
        } else {
            format!("{y}y{d}d")
        }
    } else {
        format!("{}y", s / year)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_should_read_like_kubectl() {
        let cases = [
            (0, "0s"),
            (-500, "0s"),
            (-5_000, "<invalid>"),
            (119_000, "119s"),
            (120_000, "2m"),
            (150_000, "2m30s"),
            (600_000, "10m"),
            (10_799_000, "179m"),
            (10_800_000, "3h"),
            (11_100_000, "3h5m"),
            (28_800_000, "8h"),
            (172_800_000, "2d"),
            (180_000_000, "2d2h"),
            (691_200_000, "8d"),
            (63_072_000_000, "2y"),
        ];
        for (ms, want) in cases {
            assert_eq!(human_duration(ms), want, "{ms}");
        }
    }
}
