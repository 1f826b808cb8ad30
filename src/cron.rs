//! Cron schedules as Kubernetes reads them: a port of the parser of robfig/cron v3 (the
//! library behind `cron.ParseStandard` in the API server's validation), with its error
//! messages word for word. Five fields (minute hour day-of-month month day-of-week) or a
//! descriptor (`@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`,
//! `@annually`, `@every <duration>`). [`Schedule::next_utc`] is robfig's `Next` for UTC.

pub mod tzdb;
pub mod zone;

use chrono::{Datelike, NaiveDate, NaiveDateTime, TimeDelta, Timelike};
pub use zone::Zone;

/// A parsed schedule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Schedule {
    /// A field schedule: one bit per allowed value, bit 63 set when the field was `*` or `?`.
    Spec {
        /// Minutes 0–59.
        minute: u64,
        /// Hours 0–23.
        hour: u64,
        /// Days of the month 1–31.
        dom: u64,
        /// Months 1–12.
        month: u64,
        /// Days of the week 0–6 (Sunday 0).
        dow: u64,
    },
    /// `@every <duration>`: a fixed delay in whole seconds (at least 1).
    Every {
        /// The delay.
        seconds: u64,
    },
}

/// The bit that marks a field written as `*` or `?`.
pub const STAR_BIT: u64 = 1 << 63;

/// The seconds field of a five-field schedule: always second 0.
const SECOND_ZERO: u64 = 1;

impl Schedule {
    /// robfig's `Next`: the first activation strictly after `t_ms` (Unix milliseconds, cut to
    /// the second), with the fields read on the wall clock of `zone`; `None` when none falls
    /// within five years (Go's zero time). Across a spring-forward gap the missing wall times
    /// never match; across a fall-back overlap the repeated hour matches twice.
    pub fn next(&self, t_ms: i64, zone: Zone) -> Option<i64> {
        let t = t_ms.div_euclid(1000);
        let next = match *self {
            Schedule::Every { seconds } => t.checked_add(i64::try_from(seconds).ok()?),
            Schedule::Spec {
                minute,
                hour,
                dom,
                month,
                dow,
            } => next_spec([SECOND_ZERO, minute, hour, dom, month, dow], t, zone),
        };
        next?.checked_mul(1000)
    }

    /// [`Schedule::next`] in UTC on a naive date-time.
    pub fn next_utc(&self, t: NaiveDateTime) -> Option<NaiveDateTime> {
        let ms = self.next(t.and_utc().timestamp_millis(), Zone::Utc)?;
        Some(chrono::DateTime::from_timestamp_millis(ms)?.naive_utc())
    }
}

/// `SpecSchedule.Next` of robfig/cron v3 on Unix seconds: field by field, wrapping back to the
/// month when a field rolls over. Days and months step on the wall clock (Go's `AddDate`);
/// hours, minutes and seconds step in absolute time, as Go's `t.Add` does.
fn next_spec([second, minute, hour, dom, month, dow]: [u64; 6], t: i64, zone: Zone) -> Option<i64> {
    let bit = |set: u64, v: u32| set & (1u64 << v) != 0;
    let day_matches = |l: &NaiveDateTime| {
        let (d, w) = (
            bit(dom, l.day()),
            bit(dow, l.weekday().num_days_from_sunday()),
        );
        if dom & STAR_BIT != 0 || dow & STAR_BIT != 0 {
            d && w
        } else {
            d || w
        }
    };
    let at = |y: i32, m: u32, d: u32, h: u32| {
        NaiveDate::from_ymd_opt(y, m, d)
            .and_then(|d| d.and_hms_opt(h, 0, 0))
            .map(|w| zone.date(w))
    };
    // Start at the upcoming second.
    let mut t = t.checked_add(1)?;
    let mut added = false;
    let year_limit = zone.local(t).year() + 5;
    'wrap: loop {
        if zone.local(t).year() > year_limit {
            return None;
        }
        while !bit(month, zone.local(t).month()) {
            let l = zone.local(t);
            if !added {
                added = true;
                t = at(l.year(), l.month(), 1, 0)?;
            }
            t = zone.date(add_month(zone.local(t))?);
            if zone.local(t).month() == 1 {
                continue 'wrap;
            }
        }
        while !day_matches(&zone.local(t)) {
            if !added {
                added = true;
                let l = zone.local(t);
                t = at(l.year(), l.month(), l.day(), 0)?;
            }
            t = zone.date(zone.local(t).checked_add_signed(TimeDelta::days(1))?);
            // Notice if the hour is no longer midnight because of DST.
            let h = i64::from(zone.local(t).hour());
            if h != 0 {
                t += if h > 12 { (24 - h) * 3600 } else { -h * 3600 };
            }
            if zone.local(t).day() == 1 {
                continue 'wrap;
            }
        }
        while !bit(hour, zone.local(t).hour()) {
            if !added {
                added = true;
                let l = zone.local(t);
                t = at(l.year(), l.month(), l.day(), l.hour())?;
            }
            t += 3600;
            if zone.local(t).hour() == 0 {
                continue 'wrap;
            }
        }
        while !bit(minute, zone.local(t).minute()) {
            if !added {
                added = true;
                t -= t.rem_euclid(60);
            }
            t += 60;
            if zone.local(t).minute() == 0 {
                continue 'wrap;
            }
        }
        if second == SECOND_ZERO {
            // robfig steps one second at a time until second 0, then wraps: the same as one
            // step to the next whole minute of the wall clock.
            let s = i64::from(zone.local(t).second());
            if s != 0 {
                added = true;
                t += 60 - s;
                continue 'wrap;
            }
        }
        while !bit(second, zone.local(t).second()) {
            added = true;
            t += 1;
            if zone.local(t).second() == 0 {
                continue 'wrap;
            }
        }
        return Some(t);
    }
}

/// Go's `t.AddDate(0, 1, 0)`: the same day next month, overflowing into the month after.
fn add_month(t: NaiveDateTime) -> Option<NaiveDateTime> {
    let (y, m) = if t.month() == 12 {
        (t.year() + 1, 1)
    } else {
        (t.year(), t.month() + 1)
    };
    let first = NaiveDate::from_ymd_opt(y, m, 1)?;
    let date = first.checked_add_signed(TimeDelta::days(i64::from(t.day()) - 1))?;
    Some(date.and_time(t.time()))
}

struct Bounds {
    min: u32,
    max: u32,
    names: &'static [(&'static str, u32)],
}

const MINUTES: Bounds = Bounds {
    min: 0,
    max: 59,
    names: &[],
};
const HOURS: Bounds = Bounds {
    min: 0,
    max: 23,
    names: &[],
};
const DOM: Bounds = Bounds {
    min: 1,
    max: 31,
    names: &[],
};
const MONTHS: Bounds = Bounds {
    min: 1,
    max: 12,
    names: &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("may", 5),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ],
};
const DOW: Bounds = Bounds {
    min: 0,
    max: 6,
    names: &[
        ("sun", 0),
        ("mon", 1),
        ("tue", 2),
        ("wed", 3),
        ("thu", 4),
        ("fri", 5),
        ("sat", 6),
    ],
};

/// `cron.ParseStandard`: the schedule, or robfig's error message.
///
/// A `TZ=` / `CRON_TZ=` prefix must name a known zone and is then cut off (the API server
/// rejects any schedule containing `TZ` anyway, with its own message; `timeZone` is the way).
pub fn parse_standard(spec: &str) -> Result<Schedule, String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
        if let (Some(eq), Some(sp)) = (spec.find('='), spec.find(' ')) {
            let name = &spec[eq + 1..sp];
            if let Err(e) = Zone::load(name) {
                return Err(format!("provided bad location {name}: {e}"));
            }
        }
        spec = spec.find(' ').map_or("", |i| spec[i..].trim());
    }
    if spec.starts_with('@') {
        return parse_descriptor(spec);
    }
    let fields: Vec<&str> = spec.split_whitespace().collect();
    if fields.len() != 5 {
        return Err(format!(
            "expected exactly 5 fields, found {}: [{}]",
            fields.len(),
            fields.join(" ")
        ));
    }
    Ok(Schedule::Spec {
        minute: field(fields[0], &MINUTES)?,
        hour: field(fields[1], &HOURS)?,
        dom: field(fields[2], &DOM)?,
        month: field(fields[3], &MONTHS)?,
        dow: field(fields[4], &DOW)?,
    })
}

/// A comma-separated list of ranges.
fn field(text: &str, r: &Bounds) -> Result<u64, String> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .try_fold(0, |bits, expr| Ok(bits | range(expr, r)?))
}

/// `number | number "-" number [ "/" number ]`, or `*` / `?` with an optional step.
fn range(expr: &str, r: &Bounds) -> Result<u64, String> {
    let range_and_step: Vec<&str> = expr.split('/').collect();
    let low_and_high: Vec<&str> = range_and_step[0].split('-').collect();
    let single = low_and_high.len() == 1;
    let (start, mut end, mut extra);
    if low_and_high[0] == "*" || low_and_high[0] == "?" {
        (start, end, extra) = (r.min, r.max, STAR_BIT);
    } else {
        start = int_or_name(low_and_high[0], r)?;
        end = match low_and_high.len() {
            1 => start,
            2 => int_or_name(low_and_high[1], r)?,
            _ => return Err(format!("too many hyphens: {expr}")),
        };
        extra = 0;
    }
    let step = match range_and_step.len() {
        1 => 1,
        2 => {
            let step = must_parse_int(range_and_step[1])?;
            // "N/step" means "N-max/step".
            if single {
                end = r.max;
            }
            if step > 1 {
                extra = 0;
            }
            step
        }
        _ => return Err(format!("too many slashes: {expr}")),
    };
    if start < r.min {
        return Err(format!(
            "beginning of range ({start}) below minimum ({}): {expr}",
            r.min
        ));
    }
    if end > r.max {
        return Err(format!(
            "end of range ({end}) above maximum ({}): {expr}",
            r.max
        ));
    }
    if start > end {
        return Err(format!(
            "beginning of range ({start}) beyond end of range ({end}): {expr}"
        ));
    }
    if step == 0 {
        return Err(format!("step of range should be a positive number: {expr}"));
    }
    Ok((start..=end)
        .step_by(step as usize)
        .fold(extra, |b, i| b | 1 << i))
}

fn int_or_name(expr: &str, r: &Bounds) -> Result<u32, String> {
    let lower = expr.to_ascii_lowercase();
    match r.names.iter().find(|(n, _)| *n == lower) {
        Some((_, v)) => Ok(*v),
        None => must_parse_int(expr),
    }
}

/// `strconv.Atoi`, then no negatives, with robfig's wording.
fn must_parse_int(expr: &str) -> Result<u32, String> {
    let num = go_atoi(expr).map_err(|why| {
        format!("failed to parse int from {expr}: strconv.Atoi: parsing {expr:?}: {why}")
    })?;
    if num < 0 {
        return Err(format!("negative number ({num}) not allowed: {expr}"));
    }
    // Values above a field's maximum are reported by the range check.
    Ok(u32::try_from(num).unwrap_or(u32::MAX))
}

/// Go's `strconv.Atoi` on a 64-bit platform: an optional sign and decimal digits.
fn go_atoi(s: &str) -> Result<i64, &'static str> {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err("invalid syntax");
    }
    s.trim_start_matches('+')
        .parse::<i64>()
        .map_err(|_| "value out of range")
}

fn parse_descriptor(d: &str) -> Result<Schedule, String> {
    let all = |r: &Bounds| (r.min..=r.max).fold(STAR_BIT, |b, i| b | 1 << i);
    let first = |r: &Bounds| 1u64 << r.min;
    let spec = |minute, hour, dom, month, dow| {
        Ok(Schedule::Spec {
            minute,
            hour,
            dom,
            month,
            dow,
        })
    };
    match d {
        "@yearly" | "@annually" => spec(
            first(&MINUTES),
            first(&HOURS),
            first(&DOM),
            first(&MONTHS),
            all(&DOW),
        ),
        "@monthly" => spec(
            first(&MINUTES),
            first(&HOURS),
            first(&DOM),
            all(&MONTHS),
            all(&DOW),
        ),
        "@weekly" => spec(
            first(&MINUTES),
            first(&HOURS),
            all(&DOM),
            all(&MONTHS),
            first(&DOW),
        ),
        "@daily" | "@midnight" => spec(
            first(&MINUTES),
            first(&HOURS),
            all(&DOM),
            all(&MONTHS),
            all(&DOW),
        ),
        "@hourly" => spec(
            first(&MINUTES),
            all(&HOURS),
            all(&DOM),
            all(&MONTHS),
            all(&DOW),
        ),
        _ => match d.strip_prefix("@every ") {
            Some(text) => {
                let ns = go_parse_duration(text)
                    .map_err(|e| format!("failed to parse duration {d}: {e}"))?;
                // robfig's Every: at least one second, rounded down to whole seconds.
                let seconds = (ns.max(1_000_000_000) / 1_000_000_000) as u64;
                Ok(Schedule::Every { seconds })
            }
            None => Err(format!("unrecognized descriptor: {d}")),
        },
    }
}

/// Go's `time.ParseDuration`, in nanoseconds, with its error messages.
fn go_parse_duration(orig: &str) -> Result<i64, String> {
    let invalid = || format!("time: invalid duration {orig:?}");
    let mut s = orig;
    let neg = s.starts_with('-');
    if let Some(rest) = s.strip_prefix(['-', '+']) {
        s = rest;
    }
    if s == "0" {
        return Ok(0);
    }
    if s.is_empty() {
        return Err(invalid());
    }
    let mut total: u64 = 0;
    while !s.is_empty() {
        if !(s.starts_with('.') || s.starts_with(|c: char| c.is_ascii_digit())) {
            return Err(invalid());
        }
        let int_len = s.bytes().take_while(u8::is_ascii_digit).count();
        let int_part = &s[..int_len];
        s = &s[int_len..];
        let mut frac_part = "";
        if let Some(rest) = s.strip_prefix('.') {
            let n = rest.bytes().take_while(u8::is_ascii_digit).count();
            frac_part = &rest[..n];
            s = &rest[n..];
            if int_len == 0 && n == 0 {
                return Err(invalid());
            }
        }
        let unit_len = s
            .char_indices()
            .find(|(_, c)| *c == '.' || c.is_ascii_digit())
            .map_or(s.len(), |(i, _)| i);
        if unit_len == 0 {
            return Err(format!("time: missing unit in duration {orig:?}"));
        }
        let unit = &s[..unit_len];
        s = &s[unit_len..];
        let scale: u64 = match unit {
            "ns" => 1,
            "us" | "\u{b5}s" | "\u{3bc}s" => 1_000,
            "ms" => 1_000_000,
            "s" => 1_000_000_000,
            "m" => 60_000_000_000,
            "h" => 3_600_000_000_000,
            _ => return Err(format!("time: unknown unit {unit:?} in duration {orig:?}")),
        };
        let whole: u64 = if int_part.is_empty() {
            0
        } else {
            int_part.parse().map_err(|_| invalid())?
        };
        let mut value = whole.checked_mul(scale).ok_or_else(invalid)?;
        // The fraction, truncated to nanoseconds as Go does.
        let mut f = 0u64;
        let mut div = 1u64;
        for b in frac_part.bytes().take(18) {
            f = f * 10 + u64::from(b - b'0');
            div *= 10;
        }
        value = value
            .checked_add((f as u128 * scale as u128 / div as u128) as u64)
            .ok_or_else(invalid)?;
        total = total.checked_add(value).ok_or_else(invalid)?;
        if total > i64::MAX as u64 {
            return Err(invalid());
        }
    }
    let total = total as i64;
    Ok(if neg { -total } else { total })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bits(v: &[u32]) -> u64 {
        v.iter().fold(0, |b, i| b | 1 << i)
    }

    #[test]
    fn fields_should_become_bit_sets() {
        let Ok(Schedule::Spec {
            minute,
            hour,
            dom,
            month,
            dow,
        }) = parse_standard("*/15 9-17 1,15 jan-mar MON-fri")
        else {
            panic!("parses")
        };
        assert_eq!(minute, bits(&[0, 15, 30, 45]));
        assert_eq!(hour, bits(&(9..=17).collect::<Vec<_>>()));
        assert_eq!(dom, bits(&[1, 15]));
        assert_eq!(month, bits(&[1, 2, 3]));
        assert_eq!(dow, bits(&[1, 2, 3, 4, 5]));
        let Ok(Schedule::Spec { minute, dow, .. }) = parse_standard("5/20 * * * ?") else {
            panic!("parses")
        };
        assert_eq!(minute, bits(&[5, 25, 45]), "N/step means N-max/step");
        assert_eq!(dow & STAR_BIT, STAR_BIT, "? is a star");
        let Ok(Schedule::Spec { minute, .. }) = parse_standard("*/2 * * * *") else {
            panic!("parses")
        };
        assert_eq!(
            minute & STAR_BIT,
            0,
            "a star with a step over 1 is no longer a star"
        );
    }

    #[test]
    fn descriptors_should_be_the_usual_schedules() {
        assert_eq!(
            parse_standard("@hourly"),
            parse_standard("0 * * * *").map(|s| match s {
                Schedule::Spec { minute, .. } => Schedule::Spec {
                    minute,
                    hour: (0..=23).fold(STAR_BIT, |b, i| b | 1 << i),
                    dom: (1..=31).fold(STAR_BIT, |b, i| b | 1 << i),
                    month: (1..=12).fold(STAR_BIT, |b, i| b | 1 << i),
                    dow: (0..=6).fold(STAR_BIT, |b, i| b | 1 << i),
                },
                other => other,
            })
        );
        for (descriptor, spec) in [
            ("@yearly", "0 0 1 1 *"),
            ("@annually", "0 0 1 1 *"),
            ("@monthly", "0 0 1 * *"),
            ("@weekly", "0 0 * * 0"),
            ("@daily", "0 0 * * *"),
            ("@midnight", "0 0 * * *"),
        ] {
            let (d, s) = (parse_standard(descriptor), parse_standard(spec));
            let moments = [
                "2026-01-01 00:00:00",
                "2026-02-28 12:00:00",
                "2026-12-31 23:59:59",
            ];
            for m in moments {
                let next = |x: &Result<Schedule, String>| x.as_ref().unwrap().next_utc(at(m));
                assert_eq!(next(&d), next(&s), "{descriptor} after {m}");
            }
        }
        // Single values, lists of ranges, and a day-of-week of 7.
        let Ok(Schedule::Spec { minute, hour, .. }) = parse_standard("5 1-3,20 * * *") else {
            panic!("parses")
        };
        assert_eq!((minute, hour), (bits(&[5]), bits(&[1, 2, 3, 20])));
        assert_eq!(
            parse_standard("0 0 * * 7"),
            Err("end of range (7) above maximum (6): 7".into())
        );
        assert_eq!(
            parse_standard("@every 1h30m"),
            Ok(Schedule::Every { seconds: 5400 })
        );
        assert_eq!(
            parse_standard("@every 1.5s"),
            Ok(Schedule::Every { seconds: 1 })
        );
        assert_eq!(
            parse_standard("@every 0s"),
            Ok(Schedule::Every { seconds: 1 })
        );
    }

    fn at(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M:%S").unwrap()
    }

    fn next(spec: &str, from: &str) -> Option<String> {
        parse_standard(spec)
            .unwrap()
            .next_utc(at(from))
            .map(|t| t.format("%Y-%m-%d %H:%M:%S %a").to_string())
    }

    #[test]
    fn next_should_find_the_first_activation_after_a_time() {
        let cases = [
            (
                "0 * * * *",
                "2026-01-01 10:00:00",
                "2026-01-01 11:00:00 Thu",
            ),
            (
                "*/15 * * * *",
                "2026-01-01 10:07:30",
                "2026-01-01 10:15:00 Thu",
            ),
            (
                "*/15 * * * *",
                "2026-01-01 23:59:59",
                "2026-01-02 00:00:00 Fri",
            ),
            (
                "@every 90s",
                "2026-01-01 10:00:00",
                "2026-01-01 10:01:30 Thu",
            ),
            (
                "30 2 * * *",
                "2026-03-31 03:00:00",
                "2026-04-01 02:30:00 Wed",
            ),
            // Month ends, leap years, and the day-of-month OR day-of-week rule.
            (
                "0 0 31 * *",
                "2026-04-01 00:00:00",
                "2026-05-31 00:00:00 Sun",
            ),
            (
                "0 0 29 2 *",
                "2026-03-01 00:00:00",
                "2028-02-29 00:00:00 Tue",
            ),
            (
                "0 0 * * mon",
                "2026-01-01 00:00:00",
                "2026-01-05 00:00:00 Mon",
            ),
            (
                "0 0 13 * fri",
                "2026-01-01 00:00:00",
                "2026-01-02 00:00:00 Fri",
            ),
            (
                "0 0 1 1 *",
                "2026-06-15 12:00:00",
                "2027-01-01 00:00:00 Fri",
            ),
            ("@yearly", "2026-12-31 23:59:59", "2027-01-01 00:00:00 Fri"),
            ("@weekly", "2026-01-01 00:00:00", "2026-01-04 00:00:00 Sun"),
        ];
        for (spec, from, want) in cases {
            assert_eq!(
                next(spec, from).as_deref(),
                Some(want),
                "{spec} after {from}"
            );
        }
        assert_eq!(
            next("0 0 30 2 *", "2026-01-01 00:00:00"),
            None,
            "no Feb 30 in five years"
        );
    }

    /// robfig's own DST cases (`spec_test.go`), for New York in 2012.
    #[test]
    fn next_should_skip_the_spring_gap_and_repeat_the_autumn_hour() {
        let ny = Zone::load("America/New_York").unwrap();
        let cases = [
            (
                "2012-03-11T00:00:00-05:00",
                "30 2 11 Mar ?",
                "2013-03-11T02:30:00-04:00",
            ),
            (
                "2012-03-11T00:00:00-05:00",
                "0 * * * ?",
                "2012-03-11T01:00:00-05:00",
            ),
            (
                "2012-03-11T01:00:00-05:00",
                "0 * * * ?",
                "2012-03-11T03:00:00-04:00",
            ),
            (
                "2012-03-11T03:00:00-04:00",
                "0 * * * ?",
                "2012-03-11T04:00:00-04:00",
            ),
            (
                "2012-03-11T00:00:00-05:00",
                "0 1 * * ?",
                "2012-03-11T01:00:00-05:00",
            ),
            (
                "2012-03-11T01:00:00-05:00",
                "0 1 * * ?",
                "2012-03-12T01:00:00-04:00",
            ),
            (
                "2012-03-11T00:00:00-05:00",
                "0 2 * * ?",
                "2012-03-12T02:00:00-04:00",
            ),
            (
                "2012-11-04T00:00:00-04:00",
                "30 2 04 Nov ?",
                "2012-11-04T02:30:00-05:00",
            ),
            (
                "2012-11-04T01:45:00-04:00",
                "30 1 04 Nov ?",
                "2012-11-04T01:30:00-05:00",
            ),
            (
                "2012-11-04T00:00:00-04:00",
                "0 * * * ?",
                "2012-11-04T01:00:00-04:00",
            ),
            (
                "2012-11-04T01:00:00-04:00",
                "0 * * * ?",
                "2012-11-04T01:00:00-05:00",
            ),
            (
                "2012-11-04T01:00:00-05:00",
                "0 * * * ?",
                "2012-11-04T02:00:00-05:00",
            ),
            (
                "2012-11-04T00:00:00-04:00",
                "0 1 * * ?",
                "2012-11-04T01:00:00-04:00",
            ),
            (
                "2012-11-04T01:00:00-04:00",
                "0 1 * * ?",
                "2012-11-04T01:00:00-05:00",
            ),
            (
                "2012-11-04T01:00:00-05:00",
                "0 1 * * ?",
                "2012-11-05T01:00:00-05:00",
            ),
            (
                "2012-11-04T00:00:00-04:00",
                "0 2 * * ?",
                "2012-11-04T02:00:00-05:00",
            ),
            (
                "2012-11-04T02:00:00-05:00",
                "0 2 * * ?",
                "2012-11-05T02:00:00-05:00",
            ),
            (
                "2012-11-04T00:00:00-04:00",
                "0 3 * * ?",
                "2012-11-04T03:00:00-05:00",
            ),
        ];
        for (from, spec, want) in cases {
            let t = chrono::DateTime::parse_from_rfc3339(from)
                .unwrap()
                .timestamp_millis();
            let got = parse_standard(spec).unwrap().next(t, ny).unwrap();
            assert_eq!(ny.rfc3339(got / 1000), want, "{spec} after {from}");
        }
        // Shanghai has no DST: 09:00 there is 01:00 UTC every day.
        let sh = Zone::load("Asia/Shanghai").unwrap();
        let t = chrono::DateTime::parse_from_rfc3339("2026-01-01T01:00:00Z").unwrap();
        let next = parse_standard("0 9 * * *")
            .unwrap()
            .next(t.timestamp_millis(), sh);
        assert_eq!(
            Zone::Utc.rfc3339(next.unwrap() / 1000),
            "2026-01-02T01:00:00Z"
        );
    }

    #[test]
    fn a_tz_prefix_should_name_a_known_zone() {
        assert!(parse_standard("TZ=UTC 0 * * * *").is_ok());
        assert_eq!(
            parse_standard("CRON_TZ=Mars/Olympus 0 * * * *"),
            Err("provided bad location Mars/Olympus: unknown time zone Mars/Olympus".into())
        );
    }

    #[test]
    fn errors_should_be_robfigs_words() {
        let cases = [
            ("", "empty spec string"),
            ("* * * *", "expected exactly 5 fields, found 4: [* * * *]"),
            (
                "0 0 * * * *",
                "expected exactly 5 fields, found 6: [0 0 * * * *]",
            ),
            ("60 * * * *", "end of range (60) above maximum (59): 60"),
            ("* * 0 * *", "beginning of range (0) below minimum (1): 0"),
            (
                "5-1 * * * *",
                "beginning of range (5) beyond end of range (1): 5-1",
            ),
            (
                "*/0 * * * *",
                "step of range should be a positive number: */0",
            ),
            ("1-2-3 * * * *", "too many hyphens: 1-2-3"),
            ("*/2/3 * * * *", "too many slashes: */2/3"),
            (
                "x * * * *",
                "failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax",
            ),
            (
                "-5 * * * *",
                "failed to parse int from : strconv.Atoi: parsing \"\": invalid syntax",
            ),
            ("*/-1 * * * *", "negative number (-1) not allowed: -1"),
            (
                "* * * * funday",
                "failed to parse int from funday: strconv.Atoi: parsing \"funday\": invalid syntax",
            ),
            ("@Daily", "unrecognized descriptor: @Daily"),
            (
                "@every 1",
                "failed to parse duration @every 1: time: missing unit in duration \"1\"",
            ),
            (
                "@every 5x",
                "failed to parse duration @every 5x: time: unknown unit \"x\" in duration \"5x\"",
            ),
            (
                "@every x",
                "failed to parse duration @every x: time: invalid duration \"x\"",
            ),
        ];
        for (spec, want) in cases {
            assert_eq!(parse_standard(spec), Err(want.to_string()), "{spec:?}");
        }
    }
}
