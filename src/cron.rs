//! Cron schedules as Kubernetes reads them: a port of the parser of robfig/cron v3 (the
//! library behind `cron.ParseStandard` in the API server's validation), with its error
//! messages word for word. Five fields (minute hour day-of-month month day-of-week) or a
//! descriptor (`@hourly`, `@daily`, `@midnight`, `@weekly`, `@monthly`, `@yearly`,
//! `@annually`, `@every <duration>`).

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
/// A `TZ=` / `CRON_TZ=` prefix is cut off as robfig does; its zone is not checked here (the
/// API server rejects any schedule containing `TZ` anyway, with its own message).
pub fn parse_standard(spec: &str) -> Result<Schedule, String> {
    if spec.is_empty() {
        return Err("empty spec string".into());
    }
    let mut spec = spec;
    if spec.starts_with("TZ=") || spec.starts_with("CRON_TZ=") {
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
