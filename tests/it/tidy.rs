//! Architecture invariants, checked by reading the source (as rust-analyzer's tidy does).

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("readable dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

fn sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&root, &mut files);
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let rel = p
                .strip_prefix(&root)
                .expect("under src")
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read_to_string(&p).expect("readable"))
        })
        .collect()
}

/// The front ends: only these may touch a browser, files or a wall clock.
fn is_front_end(rel: &str) -> bool {
    rel == "main.rs" || rel == "cli.rs" || rel == "ui.rs" || rel.starts_with("ui/")
}

#[test]
fn nothing_below_the_ui_and_cli_should_touch_a_browser_files_or_a_clock() {
    let banned = [
        "yew",
        "web_sys",
        "gloo",
        "wasm_bindgen",
        "std::fs",
        "std::io",
        "std::env",
        "Instant",
        "SystemTime",
        "HashMap",
        "HashSet",
        "thread_rng",
    ];
    let mut bad = Vec::new();
    for (rel, text) in sources() {
        if is_front_end(&rel) {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in banned {
                if code.contains(word) {
                    bad.push(format!("src/{rel}:{}: {word}", n + 1));
                }
            }
        }
    }
    assert!(
        bad.is_empty(),
        "Architecture invariant broken:\n{}",
        bad.join("\n")
    );
}

#[test]
fn every_source_file_should_open_with_a_summary_line() {
    let missing: Vec<String> = sources()
        .into_iter()
        .filter(|(_, t)| !t.starts_with("//!"))
        .map(|(r, _)| r)
        .collect();
    assert!(
        missing.is_empty(),
        "files without a `//!` summary: {missing:?}"
    );
}

#[test]
fn no_module_should_use_mod_rs() {
    let bad: Vec<String> = sources()
        .into_iter()
        .map(|(r, _)| r)
        .filter(|r| r.ends_with("/mod.rs"))
        .collect();
    assert!(bad.is_empty(), "use foo.rs + foo/ instead of {bad:?}");
}

#[test]
fn no_text_should_reach_the_page_as_html_or_code() {
    // User text is only ever a text node or an attribute value: never parsed as HTML, never
    // run (the page's Content-Security-Policy would refuse inline script and eval as well).
    let forbidden = [
        "inner_html",
        "outer_html",
        "insert_adjacent_html",
        "from_html_unchecked",
        "VRaw",
        "js_sys::eval",
        "Function::new",
        "document.write",
        "style={",
        "{style}",
    ];
    let mut found = Vec::new();
    for (rel, text) in sources() {
        for f in forbidden {
            if text.contains(f) {
                found.push(format!("src/{rel}: {f}"));
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
