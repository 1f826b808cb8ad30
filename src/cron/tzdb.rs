//! The time-zone database, as a file of its own (`static/lazy/tzdb.bin`): every IANA zone
//! name chrono-tz knows and, for each, the instants its offset from UTC changes — exactly
//! chrono-tz's answers, written by `tests/it/tzdb.rs` from chrono-tz (and checked there), so the
//! page only downloads it when a CronJob names a `timeZone` (a tenth of the first load saved).
//! The native build carries it inside the binary; the page installs it with [`install`].
//!
//! The format: `PLTZ`, a version byte, the IANA release (a length byte and its text), the
//! offset tables (a count; each a transition count, the first offset, then per transition the
//! seconds since the previous one and the new offset, all LEB128 varints, signed values
//! zig-zag encoded), then the names in byte order (a count; each its length, its bytes and its
//! table's index).

use std::sync::OnceLock;

/// The database inside the native binary (the page fetches the same file).
#[cfg(not(target_arch = "wasm32"))]
const EMBEDDED: &[u8] = include_bytes!("../../static/lazy/tzdb.bin");

/// The database installed for this process.
static DB: OnceLock<TzDb> = OnceLock::new();

/// Why a file is not a time-zone database.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TzDbError {
    /// It does not start with `PLTZ` and version 1.
    #[error("not a podlab time-zone database")]
    Magic,
    /// It ends in the middle of a value.
    #[error("the time-zone database is cut short")]
    Truncated,
    /// A value is out of range (a name that is not UTF-8, a table that does not exist, a
    /// varint too long).
    #[error("the time-zone database is damaged")]
    Damaged,
}

/// How a zone's offset changes: the offset before the first transition, then each
/// transition's instant (Unix seconds) and the offset from it on.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Table {
    first: i32,
    transitions: Vec<(i64, i32)>,
}

impl Table {
    fn offset(&self, utc: i64) -> i32 {
        match self.transitions.partition_point(|&(t, _)| t <= utc) {
            0 => self.first,
            i => self.transitions[i - 1].1,
        }
    }
}

/// A parsed time-zone database.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TzDb {
    /// The IANA release it was made from (e.g. `2025b`).
    pub version: String,
    tables: Vec<Table>,
    /// Names in byte order, each with its table.
    names: Vec<(String, usize)>,
}

/// A zone as the file is written from: its name, its first offset and its transitions.
pub type ZoneRow = (String, i32, Vec<(i64, i32)>);

/// A zone of the database: an index into its names.
pub type ZoneId = u16;

impl TzDb {
    /// Reads a database file.
    pub fn parse(bytes: &[u8]) -> Result<TzDb, TzDbError> {
        let mut r = Reader { bytes, at: 0 };
        if r.take(5)? != b"PLTZ\x01" {
            return Err(TzDbError::Magic);
        }
        let len = usize::from(r.take(1)?[0]);
        let version = String::from_utf8(r.take(len)?.to_vec()).map_err(|_| TzDbError::Damaged)?;
        let count = r.count()?;
        let mut tables = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            let n = r.count()?;
            let first = r.offset()?;
            let mut transitions = Vec::with_capacity(n.min(4096));
            let mut t = 0i64;
            for _ in 0..n {
                t = t.checked_add(r.signed()?).ok_or(TzDbError::Damaged)?;
                transitions.push((t, r.offset()?));
            }
            tables.push(Table { first, transitions });
        }
        let count = r.count()?;
        let mut names = Vec::with_capacity(count.min(4096));
        for _ in 0..count {
            let len = r.count()?;
            let name = String::from_utf8(r.take(len)?.to_vec()).map_err(|_| TzDbError::Damaged)?;
            let table = r.count()?;
            if table >= tables.len() {
                return Err(TzDbError::Damaged);
            }
            names.push((name, table));
        }
        if names.len() > usize::from(ZoneId::MAX) || names.windows(2).any(|w| w[0].0 >= w[1].0) {
            return Err(TzDbError::Damaged);
        }
        Ok(TzDb {
            version,
            tables,
            names,
        })
    }

    /// The zone named exactly `name` (names are case-sensitive, as Go's `LoadLocation` reads
    /// them from the zoneinfo files).
    pub fn find(&self, name: &str) -> Option<ZoneId> {
        let i = self
            .names
            .binary_search_by(|(n, _)| n.as_str().cmp(name))
            .ok()?;
        ZoneId::try_from(i).ok()
    }

    /// A zone's name.
    pub fn name(&self, zone: ZoneId) -> &str {
        self.names
            .get(usize::from(zone))
            .map_or("UTC", |(n, _)| n.as_str())
    }

    /// Seconds east of UTC in `zone` at an instant (Unix seconds).
    pub fn offset(&self, zone: ZoneId, utc: i64) -> i64 {
        self.names
            .get(usize::from(zone))
            .and_then(|&(_, t)| self.tables.get(t))
            .map_or(0, |t| i64::from(t.offset(utc)))
    }

    /// Every name, in byte order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.names.iter().map(|(n, _)| n.as_str())
    }

    /// A zone's transitions: each instant (Unix seconds) its offset changes, and the offset
    /// from then on.
    pub fn transitions(&self, zone: ZoneId) -> &[(i64, i32)] {
        self.names
            .get(usize::from(zone))
            .and_then(|&(_, t)| self.tables.get(t))
            .map_or(&[], |t| t.transitions.as_slice())
    }

    /// Writes the database in the file format [`TzDb::parse`] reads (`tests/it/tzdb.rs`
    /// writes the file from chrono-tz). `zones` gives each name with its offset before the
    /// first transition and its transitions; equal tables are stored once.
    pub fn encode(version: &str, zones: &[ZoneRow]) -> Vec<u8> {
        let mut tables: Vec<(i32, &[(i64, i32)])> = Vec::new();
        let mut names: Vec<(&str, usize)> = Vec::new();
        for (name, first, transitions) in zones {
            let key = (*first, transitions.as_slice());
            let index = match tables.iter().position(|t| *t == key) {
                Some(i) => i,
                None => {
                    tables.push(key);
                    tables.len() - 1
                }
            };
            names.push((name, index));
        }
        crate::sort::sort(&mut names);
        let mut out = b"PLTZ\x01".to_vec();
        out.push(u8::try_from(version.len()).unwrap_or(0));
        out.extend_from_slice(version.as_bytes().get(..usize::from(out[5])).unwrap_or(b""));
        write_unsigned(&mut out, tables.len() as u64);
        for (first, transitions) in &tables {
            write_unsigned(&mut out, transitions.len() as u64);
            write_signed(&mut out, i64::from(*first));
            let mut t = 0i64;
            for &(at, offset) in *transitions {
                write_signed(&mut out, at - t);
                write_signed(&mut out, i64::from(offset));
                t = at;
            }
        }
        write_unsigned(&mut out, names.len() as u64);
        for (name, table) in names {
            write_unsigned(&mut out, name.len() as u64);
            out.extend_from_slice(name.as_bytes());
            write_unsigned(&mut out, table as u64);
        }
        out
    }
}

thread_local! {
    /// Set by [`hide`]: this thread acts as a page that has not fetched the database yet.
    static HIDDEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes this thread act as a page that has not fetched the database yet (`true`), or not
/// (`false`): how the tests check what the app does before the file arrives.
pub fn hide(hidden: bool) {
    HIDDEN.with(|h| h.set(hidden));
}

/// The installed database: on native builds the one inside the binary, in the page the one
/// [`install`]ed once it was fetched (`None` until then).
pub fn get() -> Option<&'static TzDb> {
    if HIDDEN.with(std::cell::Cell::get) {
        return None;
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        // The embedded file is checked by this module's tests; a damaged one is no database.
        if DB.get().is_none() {
            if let Ok(db) = TzDb::parse(EMBEDDED) {
                let _ = DB.set(db);
            }
        }
    }
    DB.get()
}

/// Whether the database is there to answer.
pub fn loaded() -> bool {
    get().is_some()
}

/// Installs a fetched database file (the first one installed stays).
pub fn install(bytes: &[u8]) -> Result<(), TzDbError> {
    let db = TzDb::parse(bytes)?;
    let _ = DB.set(db);
    Ok(())
}

/// Whether a text (a scenario, a manifest, a console line) would need the database and it is
/// not there yet: the text names a `timeZone`.
pub fn wanted_by(text: &str) -> bool {
    !loaded() && text.contains("timeZone")
}

struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], TzDbError> {
        let end = self.at.checked_add(n).ok_or(TzDbError::Truncated)?;
        let out = self.bytes.get(self.at..end).ok_or(TzDbError::Truncated)?;
        self.at = end;
        Ok(out)
    }

    fn unsigned(&mut self) -> Result<u64, TzDbError> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.take(1)?[0];
            value |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(value);
            }
        }
        Err(TzDbError::Damaged)
    }

    fn signed(&mut self) -> Result<i64, TzDbError> {
        let u = self.unsigned()?;
        Ok((u >> 1) as i64 ^ -((u & 1) as i64))
    }

    fn count(&mut self) -> Result<usize, TzDbError> {
        usize::try_from(self.unsigned()?).map_err(|_| TzDbError::Damaged)
    }

    fn offset(&mut self) -> Result<i32, TzDbError> {
        i32::try_from(self.signed()?).map_err(|_| TzDbError::Damaged)
    }
}

fn write_unsigned(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn write_signed(out: &mut Vec<u8>, v: i64) {
    write_unsigned(out, ((v << 1) ^ (v >> 63)) as u64);
}
