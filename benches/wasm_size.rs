//! The size report of the wasm: code bytes by crate, by podlab module and by function, and the
//! data section (how much of it is text). It reads cargo's own output for the wasm target
//! (`target/wasm32-unknown-unknown/wasm-release/podlab.wasm`, before wasm-bindgen and wasm-opt),
//! which still has its function names; the shipped file's sizes are printed by
//! `scripts/bench.sh` beside it. Run with
//! `cargo bench --bench wasm_size -- WASM [JSON_OUT]`.

use rustc_demangle::demangle;
use std::collections::BTreeMap;
use wasmparser::{KnownCustom, Name, Parser, Payload};

/// What one module holds.
#[derive(Default)]
struct Module {
    /// Function index → name, from the `name` section.
    names: BTreeMap<u32, String>,
    /// (function index, body bytes) of every defined function.
    bodies: Vec<(u32, usize)>,
    /// Bytes of the data section.
    data: usize,
    /// Bytes of the data section that are runs of text (eight or more printable characters).
    text: usize,
    /// Bytes of every section, by section name.
    sections: BTreeMap<String, usize>,
}

fn read(bytes: &[u8]) -> Result<Module, wasmparser::BinaryReaderError> {
    let mut m = Module::default();
    let mut imported = 0u32;
    let mut next = 0u32;
    for payload in Parser::new(0).parse_all(bytes) {
        match payload? {
            Payload::ImportSection(r) => {
                for import in r.into_imports() {
                    if matches!(import?.ty, wasmparser::TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
                next = imported;
            }
            Payload::CodeSectionStart { size, .. } => {
                *m.sections.entry("code".into()).or_default() += size as usize;
            }
            Payload::CodeSectionEntry(body) => {
                m.bodies.push((next, span(body.range())));
                next += 1;
            }
            Payload::DataSection(r) => {
                *m.sections.entry("data".into()).or_default() += span(r.range());
                for data in r {
                    let data = data?;
                    m.data += data.data.len();
                    m.text += text_bytes(data.data);
                }
            }
            Payload::CustomSection(c) => {
                *m.sections
                    .entry(format!("custom:{}", c.name()))
                    .or_default() += c.data().len();
                if let KnownCustom::Name(r) = c.as_known() {
                    for name in r {
                        if let Name::Function(map) = name? {
                            for naming in map {
                                let naming = naming?;
                                m.names.insert(naming.index, naming.name.to_string());
                            }
                        }
                    }
                }
            }
            other => {
                if let Some((id, range)) = other.as_section() {
                    *m.sections.entry(format!("section {id}")).or_default() += span(range);
                }
            }
        }
    }
    Ok(m)
}

/// The length of a byte range.
fn span(r: std::ops::Range<u64>) -> usize {
    usize::try_from(r.end - r.start).unwrap_or(usize::MAX)
}

/// Bytes in runs of at least eight printable UTF-8 characters.
fn text_bytes(data: &[u8]) -> usize {
    let mut total = 0;
    let mut run = 0;
    let mut chars = 0;
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        let len = match b {
            0x09 | 0x0a | 0x0d | 0x20..=0x7e => 1,
            0xc2..=0xdf => 2,
            0xe0..=0xef => 3,
            0xf0..=0xf4 => 4,
            _ => 0,
        };
        let ok = len > 0
            && i + len <= data.len()
            && data[i + 1..i + len]
                .iter()
                .all(|c| (0x80..=0xbf).contains(c));
        if ok {
            run += len;
            chars += 1;
            i += len;
        } else {
            if chars >= 8 {
                total += run;
            }
            run = 0;
            chars = 0;
            i += 1;
        }
    }
    if chars >= 8 {
        total += run;
    }
    total
}

/// The crate a demangled function name belongs to: the first path segment, after the `<`,
/// `&` and `mut` of an impl's self type (`<podlab::x::Y as core::fmt::Debug>::fmt` is
/// podlab's).
fn crate_of(name: &str) -> &str {
    let mut s = name;
    loop {
        let t = s
            .trim_start_matches(['<', '&', '*', '[', '(', ' '])
            .trim_start_matches("mut ")
            .trim_start_matches("const ")
            .trim_start_matches("dyn ");
        if t.len() == s.len() {
            break;
        }
        s = t;
    }
    let end = s.find("::").unwrap_or(s.len());
    let head = &s[..end];
    if head.is_empty() || head.contains([' ', '>', ',', ';']) {
        "(other)"
    } else {
        head
    }
}

/// `podlab::a::b` for a podlab function (the first two modules), else `None`.
fn podlab_module(name: &str) -> Option<String> {
    let at = name.find("podlab::")?;
    let rest = &name[at + "podlab::".len()..];
    let parts: Vec<&str> = rest
        .split("::")
        .take(2)
        .map(|p| p.split(['<', '>', ' ', '{', '(']).next().unwrap_or(""))
        .take_while(|p| {
            !p.is_empty()
                && p.chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_' || c.is_ascii_digit())
        })
        .collect();
    (!parts.is_empty()).then(|| format!("podlab::{}", parts.join("::")))
}

fn top(map: &BTreeMap<String, usize>, n: usize) -> Vec<(String, usize)> {
    let mut v: Vec<(String, usize)> = map.iter().map(|(k, v)| (k.clone(), *v)).collect();
    podlab::sort::sort_by(&mut v, |a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    v.truncate(n);
    v
}

fn json_list(rows: &[(String, usize)]) -> String {
    let items: Vec<String> = rows
        .iter()
        .map(|(k, v)| format!("[{}, {v}]", serde_json::to_string(k).unwrap_or_default()))
        .collect();
    format!("[{}]", items.join(", "))
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with("--"))
        .collect();
    let Some(path) = args.first() else {
        eprintln!("usage: cargo bench --bench wasm_size -- WASM [JSON_OUT]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(2);
        }
    };
    let m = match read(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("{path}: not a wasm module: {e}");
            std::process::exit(2);
        }
    };
    let mut by_crate: BTreeMap<String, usize> = BTreeMap::new();
    let mut by_module: BTreeMap<String, usize> = BTreeMap::new();
    let mut functions: BTreeMap<String, usize> = BTreeMap::new();
    let code: usize = m.bodies.iter().map(|b| b.1).sum();
    for &(index, size) in &m.bodies {
        let raw = m
            .names
            .get(&index)
            .map(String::as_str)
            .unwrap_or("(unnamed)");
        let name = format!("{:#}", demangle(raw));
        *by_crate.entry(crate_of(&name).to_string()).or_default() += size;
        if let Some(module) = podlab_module(&name) {
            *by_module.entry(module).or_default() += size;
        }
        *functions.entry(name).or_default() += size;
    }
    let pct = |v: usize| 100.0 * v as f64 / code.max(1) as f64;
    println!(
        "{path}: {} bytes; code {code} bytes in {} functions, data {} bytes ({} of it text)",
        bytes.len(),
        m.bodies.len(),
        m.data,
        m.text
    );
    println!("\ncode by crate (generic code counts for the crate that defines it)");
    for (k, v) in top(&by_crate, 25) {
        println!("{v:>10} {:>5.1} %  {k}", pct(v));
    }
    println!("\npodlab's code by module");
    for (k, v) in top(&by_module, 30) {
        println!("{v:>10} {:>5.1} %  {k}", pct(v));
    }
    println!("\nlargest functions");
    for (k, v) in top(&functions, 25) {
        let short: String = k.chars().take(110).collect();
        println!("{v:>10} {:>5.1} %  {short}", pct(v));
    }
    if let Some(out) = args.get(1) {
        let sections: Vec<(String, usize)> = m.sections.into_iter().collect();
        let doc = format!(
            "{{\"wasm\": {}, \"bytes\": {}, \"code_bytes\": {code}, \"functions\": {}, \"data_bytes\": {}, \"data_text_bytes\": {},\n \"sections\": {},\n \"by_crate\": {},\n \"by_module\": {},\n \"largest_functions\": {}}}\n",
            serde_json::to_string(path).unwrap_or_default(),
            bytes.len(),
            m.bodies.len(),
            m.data,
            m.text,
            json_list(&sections),
            json_list(&top(&by_crate, 40)),
            json_list(&top(&by_module, 60)),
            json_list(&top(&functions, 60)),
        );
        if let Err(e) = std::fs::write(out, doc) {
            eprintln!("{out}: {e}");
            std::process::exit(2);
        }
    }
}
