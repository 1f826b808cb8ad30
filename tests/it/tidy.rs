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
    podlab::sort::sort(&mut files);
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
    rel == "main.rs"
        || rel == "cli.rs"
        || rel.starts_with("cli/")
        || rel == "ui.rs"
        || rel.starts_with("ui/")
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

#[test]
fn only_the_catalogue_should_choose_between_the_languages() {
    // One way to translate: `src/i18n/` holds both languages of every message; the rest of
    // the code asks it (`lang.t(Ui::…)`, `lang.say(Say::…)`, `text.get(lang)`).
    let forbidden = [
        ".pick(",
        "Lang::Zh",
        "Lang::En =>",
        "match lang {",
        "== \"zh\"",
    ];
    let mut found = Vec::new();
    for (rel, text) in sources() {
        if rel == "i18n.rs" || rel.starts_with("i18n/") {
            continue;
        }
        for (n, line) in text.lines().enumerate() {
            for f in forbidden {
                if line.contains(f) {
                    found.push(format!("src/{rel}:{}: {f}", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}

#[test]
fn every_fixed_string_should_be_translated_and_used() {
    let sources = sources();
    let (_, catalogue) = sources
        .iter()
        .find(|(rel, _)| rel == "i18n/ui.rs")
        .expect("src/i18n/ui.rs");
    // Words that read the same in both languages (command names).
    let same_in_both = ["KubectlGet"];
    let mut problems = Vec::new();
    let mut variants = 0;
    for line in catalogue.lines() {
        let line = line.trim();
        let Some((name, rest)) = line.split_once(" => (\"") else {
            continue;
        };
        variants += 1;
        let Some((en, zh)) = rest.split_once("\", \"") else {
            problems.push(format!("{name}: not one line"));
            continue;
        };
        if en == zh.trim_end_matches("\"),") && !same_in_both.contains(&name) {
            problems.push(format!("{name}: not translated"));
        }
        let used = sources
            .iter()
            .any(|(rel, text)| rel != "i18n/ui.rs" && text.contains(&format!("Ui::{name}")));
        if !used {
            problems.push(format!("{name}: never used"));
        }
    }
    assert!(
        variants > 150,
        "the catalogue was read ({variants} strings)"
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

/// The layers, bottom up, and the top-level modules in each. A module may use its own layer
/// and those below it, never one above (ARCHITECTURE.md, "Layers").
const LAYERS: [(&str, &[&str]); 9] = [
    ("API objects", &["model", "yaml", "cron", "script", "sort"]),
    ("validation", &["validation"]),
    ("simulation", &["sim"]),
    (
        "cluster",
        &[
            "api",
            "cluster",
            "scheduler",
            "kubelet",
            "nodelifecycle",
            "gc",
        ],
    ),
    ("controllers", &["controllers"]),
    ("engine", &["engine", "world", "scenario", "builtin"]),
    (
        "views",
        &[
            "output",
            "timeline",
            "crontimeline",
            "rolloutboard",
            "frame",
            "fidelity",
            "kubectl",
            "lesson",
            "challenge",
            "embed",
            "share",
            "export",
            "i18n",
        ],
    ),
    ("app model", &["app"]),
    ("front ends", &["ui", "cli"]),
];

/// The layer of a top-level module, by its index in [`LAYERS`].
fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|(_, ms)| ms.contains(&module))
}

/// The code a layer rule applies to: comments dropped, and a file's `#[cfg(test)]` tail (tests
/// may drive a whole run from any layer).
fn production_code(text: &str) -> String {
    let body = match text.find("#[cfg(test)]") {
        Some(i) => &text[..i],
        None => text,
    };
    body.lines()
        .map(|l| l.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::x` a file names, including each top-level item of `use crate::{x, y::{z}}`.
fn crate_paths(code: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            out.push(ident(rest));
            continue;
        };
        // The items at depth one of the braces.
        let (mut depth, mut start) = (0usize, 0usize);
        for (j, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.push(ident(&group[start..j]));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(ident(&group[start..j]));
                    start = j + 1;
                }
                _ => {}
            }
        }
    }
    out.retain(|name| !name.is_empty());
    out
}

#[test]
fn a_layer_should_use_only_itself_and_the_layers_below() {
    let mut bad = Vec::new();
    let mut unplaced = Vec::new();
    for (rel, text) in sources() {
        if rel == "lib.rs" || rel == "main.rs" {
            continue;
        }
        let module = rel
            .split('/')
            .next()
            .unwrap_or_default()
            .trim_end_matches(".rs");
        let Some(from) = layer_of(module) else {
            unplaced.push(rel.clone());
            continue;
        };
        for target in crate_paths(&production_code(&text)) {
            match layer_of(&target) {
                Some(to) if to > from => bad.push(format!(
                    "src/{rel}: {} ({}) uses crate::{target} ({})",
                    module, LAYERS[from].0, LAYERS[to].0
                )),
                Some(_) => {}
                None if target == "self" => {}
                None => unplaced.push(format!("crate::{target} (named in src/{rel})")),
            }
        }
    }
    assert!(
        unplaced.is_empty(),
        "Modules missing from the layer table:\n{}",
        unplaced.join("\n")
    );
    assert!(
        bad.is_empty(),
        "A layer uses one above it:\n{}",
        bad.join("\n")
    );
}

#[test]
fn the_layer_rule_should_catch_an_upward_use() {
    let code = production_code(
        "use crate::{sim::{Change, Update}, engine::Sim,};\nfn f() { crate::ui::x() } // crate::cli\n#[cfg(test)]\nmod t { use crate::app; }",
    );
    assert_eq!(crate_paths(&code), ["sim", "engine", "ui"]);
    assert!(layer_of("ui") > layer_of("api"));
}

/// The length in lines of each function in `code` (from its `fn` line to its closing brace).
fn function_lengths(code: &str) -> Vec<(String, usize)> {
    let lines: Vec<&str> = code.lines().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines[i].split("//").next().unwrap_or_default();
        let Some(at) = line.find("fn ").filter(|&at| {
            let before = line[..at].trim();
            before.is_empty() || before.ends_with("pub") || before.ends_with(')')
        }) else {
            i += 1;
            continue;
        };
        let name: String = line[at + 3..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let (mut depth, mut opened, mut j) = (0i64, false, i);
        while j < lines.len() {
            let l = lines[j].split("//").next().unwrap_or_default();
            depth += l.matches('{').count() as i64 - l.matches('}').count() as i64;
            opened |= l.contains('{');
            if (opened && depth <= 0) || (!opened && l.trim_end().ends_with(';')) {
                break;
            }
            j += 1;
        }
        out.push((name, j - i + 1));
        i = if opened { j + 1 } else { i + 1 };
    }
    out
}

#[test]
fn no_controller_function_should_reach_150_lines() {
    let mut long = Vec::new();
    for (rel, text) in sources() {
        if !rel.starts_with("controllers") {
            continue;
        }
        for (name, n) in function_lengths(&production_code(&text)) {
            if n >= 150 {
                long.push(format!("src/{rel}: {name} is {n} lines"));
            }
        }
    }
    assert!(
        long.is_empty(),
        "Split these as upstream does:\n{}",
        long.join("\n")
    );
    let sample = "pub fn a() {\n    if x {\n        y();\n    }\n}\nfn b();\n";
    assert_eq!(
        function_lengths(sample),
        [("a".to_string(), 5), ("b".to_string(), 1)]
    );
}
