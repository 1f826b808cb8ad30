//! Completion-index sets in the API's compressed text form: `"1,3-5,7,8"` (a run of three or
//! more consecutive indexes is written `a-c`, a run of two as `a,b`).

use std::collections::BTreeSet;

/// Writes a set of indexes in the compressed form.
pub fn compress(indexes: &BTreeSet<i32>) -> String {
    let mut out: Vec<String> = Vec::new();
    let mut iter = indexes.iter().copied().peekable();
    while let Some(first) = iter.next() {
        let mut last = first;
        while iter.peek() == Some(&(last + 1)) {
            last += 1;
            iter.next();
        }
        match last - first {
            0 => out.push(first.to_string()),
            1 => {
                out.push(first.to_string());
                out.push(last.to_string());
            }
            _ => out.push(format!("{first}-{last}")),
        }
    }
    out.join(",")
}

/// Parses the compressed form, rejecting indexes `>= limit` and non-increasing order, with the
/// API server's messages.
pub fn parse(text: &str, limit: i32) -> Result<BTreeSet<i32>, String> {
    let mut out = BTreeSet::new();
    let mut previous: Option<i32> = None;
    if text.trim().is_empty() {
        return Ok(out);
    }
    for part in text.split(',') {
        let (a, b) = match part.split_once('-') {
            Some((a, b)) => (a, b),
            None => (part, part),
        };
        let num = |s: &str| {
            s.trim()
                .parse::<i32>()
                .map_err(|_| format!("cannot convert string to integer for index: {:?}", s))
        };
        let (a, b) = (num(a)?, num(b)?);
        for v in [a, b] {
            if v >= limit {
                return Err(format!("too large index: {:?}", v.to_string()));
            }
        }
        if let Some(p) = previous {
            if a <= p {
                return Err(format!("non-increasing order, previous: {p}, current: {a}"));
            }
        }
        if b < a {
            return Err(format!("non-increasing order, previous: {a}, current: {b}"));
        }
        out.extend(a..=b);
        previous = Some(b);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(v: &[i32]) -> BTreeSet<i32> {
        v.iter().copied().collect()
    }

    #[test]
    fn indexes_should_compress_like_the_job_controller() {
        assert_eq!(compress(&set(&[0, 1, 2])), "0-2");
        assert_eq!(compress(&set(&[0, 1])), "0,1");
        assert_eq!(compress(&set(&[2, 4, 5, 7, 8, 9])), "2,4,5,7-9");
        assert_eq!(compress(&set(&[])), "");
    }

    #[test]
    fn index_text_should_parse_or_say_why_not() {
        assert_eq!(parse("2,4,5,7-9", 10), Ok(set(&[2, 4, 5, 7, 8, 9])));
        assert_eq!(parse("5", 5), Err("too large index: \"5\"".into()));
        assert_eq!(
            parse("3,1", 5),
            Err("non-increasing order, previous: 3, current: 1".into())
        );
        assert_eq!(
            parse("x", 5),
            Err("cannot convert string to integer for index: \"x\"".into())
        );
    }
}
