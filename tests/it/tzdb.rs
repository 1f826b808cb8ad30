//! The time-zone database file (`static/lazy/tzdb.bin`, src/cron/tzdb.rs) answers exactly as
//! chrono-tz, which it is written from: every zone name, and every zone's offset around each
//! of its transitions and at instants spread over four centuries. `update` rewrites the file
//! after chrono-tz is updated.

const FILE: &[u8] = include_bytes!("../../static/lazy/tzdb.bin");

use chrono::{Offset, TimeZone};
use podlab::cron::tzdb::{TzDb, TzDbError, ZoneRow};

/// chrono-tz's offset of a zone at an instant.
fn chrono_offset(tz: chrono_tz::Tz, utc: i64) -> i32 {
    match chrono::DateTime::from_timestamp(utc, 0) {
        Some(t) => tz
            .offset_from_utc_datetime(&t.naive_utc())
            .fix()
            .local_minus_utc(),
        None => 0,
    }
}

/// Every instant in [from, to) where chrono-tz's offset changes: sampled every six hours
/// and each change narrowed to the second.
fn transitions(tz: chrono_tz::Tz, from: i64, to: i64) -> (i32, Vec<(i64, i32)>) {
    const STEP: i64 = 6 * 3600;
    let first = chrono_offset(tz, from);
    let mut out = Vec::new();
    let (mut t, mut before) = (from, first);
    while t < to {
        let next = t + STEP;
        let after = chrono_offset(tz, next);
        if after != before {
            // The change is in (t, next]: find its first second.
            let (mut lo, mut hi) = (t, next);
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2;
                if chrono_offset(tz, mid) == before {
                    lo = mid;
                } else {
                    hi = mid;
                }
            }
            out.push((hi, after));
        }
        t = next;
        before = after;
    }
    (first, out)
}

/// 1800-01-01 and 2200-01-01: every zone's table lies between them (the first offset is
/// the zone's local mean time, and chrono-tz's tables stop in 2037).
const FROM: i64 = -5_364_662_400;
const TO: i64 = 7_258_118_400;

/// Writes `static/lazy/tzdb.bin` from chrono-tz. Run it (with `--release`, it samples every
/// zone over four centuries) after updating chrono-tz:
/// `PODLAB_UPDATE_TZDB=1 cargo test --release --test it tzdb:: -- --ignored`.
#[test]
#[ignore = "writes the database file; run after updating chrono-tz"]
fn update() {
    if std::env::var_os("PODLAB_UPDATE_TZDB").is_none() {
        return;
    }
    let zones: Vec<ZoneRow> = chrono_tz::TZ_VARIANTS
        .iter()
        .map(|tz| {
            let (first, t) = transitions(*tz, FROM, TO);
            (tz.name().to_string(), first, t)
        })
        .collect();
    let bytes = TzDb::encode(chrono_tz::IANA_TZDB_VERSION, &zones);
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/static/lazy/tzdb.bin");
    std::fs::write(path, bytes).expect("the database file is written");
}

#[test]
fn the_file_should_answer_as_chrono_tz_does_for_every_zone() {
    let db = TzDb::parse(FILE).expect("the database file parses");
    assert_eq!(db.version, chrono_tz::IANA_TZDB_VERSION);
    let names: Vec<&str> = db.names().collect();
    let mut expected: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
    expected.sort_unstable();
    assert_eq!(names, expected, "the same zone names");
    for tz in chrono_tz::TZ_VARIANTS {
        let id = db.find(tz.name()).expect("every name is found");
        assert_eq!(db.name(id), tz.name());
        // Around every transition, and every 29 days and 7 hours over the four centuries.
        let around = db
            .transitions(id)
            .iter()
            .flat_map(|&(t, _)| [t - 1, t, t + 1]);
        let every = (FROM..TO).step_by(29 * 86_400 + 7 * 3600);
        for utc in around.chain(every).chain([FROM - 1, TO, 100 * TO]) {
            assert_eq!(
                db.offset(id, utc),
                i64::from(chrono_offset(tz, utc)),
                "{} at {utc}",
                tz.name()
            );
        }
    }
}

#[test]
fn parse_should_refuse_damaged_files_without_panicking() {
    assert_eq!(TzDb::parse(b""), Err(TzDbError::Truncated));
    assert_eq!(TzDb::parse(b"GIF89a"), Err(TzDbError::Magic));
    let good = TzDb::encode(
        "test",
        &[
            ("A/B".into(), 3600, vec![(10, 7200)]),
            ("C".into(), 0, vec![]),
        ],
    );
    let db = TzDb::parse(&good).unwrap();
    assert_eq!(db.offset(db.find("A/B").unwrap(), 9), 3600);
    assert_eq!(db.offset(db.find("A/B").unwrap(), 10), 7200);
    assert_eq!(db.find("a/b"), None);
    for cut in 0..good.len() {
        assert!(TzDb::parse(&good[..cut]).is_err(), "cut at {cut}");
    }
    let mut bad = good.clone();
    let last = bad.len() - 1;
    bad[last] = 9; // a table that does not exist
    assert_eq!(TzDb::parse(&bad), Err(TzDbError::Damaged));
}
