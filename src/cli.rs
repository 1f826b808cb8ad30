//! The native command line: `podlab run`, `validate`, `kubectl` and `lesson`, with the exit
//! statuses and output the README's "The headless runner" describes.

use crate::api::manifest::{parse_manifests, parse_to_apply};
use crate::engine::Sim;
use crate::output;
use crate::scenario::{self, ScenarioError};
use crate::sim::{parse_duration, SimTime};
use crate::validation::program::ProgramWarning;
use crate::yaml::Loc;
use crate::yaml::MAX_INPUT_BYTES;
use std::ffi::OsString;

mod challenge;
use std::io::Write;

const USAGE: &str = "usage:
  podlab run FILE.yaml [--until DUR] [-o table|json|yaml|trace]
  podlab validate FILE.yaml
  podlab kubectl FILE.yaml [--at DUR] -- KUBECTL ARGS   (`-f -` reads standard input)
  podlab lesson [ID] [--lang en|zh]                     (no ID: the list)
  podlab challenge list [--lang en|zh]
  podlab challenge check ID FILE [--lang en|zh]          (FILE: the manifests, or kubectl lines)

Exit status: 0 ran and every expectation held (a challenge: solved); 1 an expectation failed
(or kubectl printed an error; a challenge: not solved); 2 invalid input.";

/// Output formats of `podlab run`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Format {
    Table,
    Json,
    Yaml,
    Trace,
}

/// Parsed command line.
#[derive(Debug, PartialEq)]
enum Command {
    Run {
        file: String,
        until: Option<SimTime>,
        format: Format,
    },
    Validate {
        file: String,
    },
    Help,
    Version,
}

fn parse_args(args: Vec<OsString>) -> Result<Command, String> {
    use lexopt::prelude::*;
    let mut parser = lexopt::Parser::from_args(args);
    let mut sub: Option<String> = None;
    let mut file: Option<String> = None;
    let mut until = None;
    let mut format = Format::Table;
    while let Some(arg) = parser.next().map_err(|e| e.to_string())? {
        match arg {
            Short('h') | Long("help") => return Ok(Command::Help),
            Long("version") => return Ok(Command::Version),
            Long("until") => {
                let v = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|_| "--until: not UTF-8".to_string())?;
                until = Some(SimTime(
                    parse_duration(&v).map_err(|e| format!("--until: {e}"))?,
                ));
            }
            Short('o') | Long("output") => {
                let v = parser
                    .value()
                    .map_err(|e| e.to_string())?
                    .string()
                    .map_err(|_| "-o: not UTF-8".to_string())?;
                format = match v.as_str() {
                    "table" | "wide" => Format::Table,
                    "json" => Format::Json,
                    "yaml" => Format::Yaml,
                    "trace" => Format::Trace,
                    other => return Err(format!("unable to match a printer suitable for the output format {other:?}, allowed formats are: json,table,trace,yaml")),
                };
            }
            Value(v) => {
                let v = v
                    .string()
                    .map_err(|_| "arguments must be UTF-8".to_string())?;
                if sub.is_none() {
                    sub = Some(v);
                } else if file.is_none() {
                    file = Some(v);
                } else {
                    return Err(format!("unexpected argument {v:?}"));
                }
            }
            other => return Err(other.unexpected().to_string()),
        }
    }
    let file = || file.clone().ok_or_else(|| "missing FILE".to_string());
    match sub.as_deref() {
        Some("run") => Ok(Command::Run {
            file: file()?,
            until,
            format,
        }),
        Some("validate") => Ok(Command::Validate { file: file()? }),
        Some("help") => Ok(Command::Help),
        Some(other) => Err(format!("unknown command {other:?}")),
        None => Ok(Command::Help),
    }
}

pub(crate) fn read(file: &str) -> Result<String, String> {
    let meta = std::fs::metadata(file).map_err(|e| format!("{file}: {e}"))?;
    if meta.len() > MAX_INPUT_BYTES as u64 {
        return Err(format!(
            "{file}: the file is {} bytes, larger than the {MAX_INPUT_BYTES} bytes podlab accepts",
            meta.len()
        ));
    }
    let bytes = std::fs::read(file).map_err(|e| format!("{file}: {e}"))?;
    String::from_utf8(bytes).map_err(|e| {
        format!(
            "{file}: not valid UTF-8 (byte {})",
            e.utf8_error().valid_up_to()
        )
    })
}

fn print_errors(err: &mut dyn Write, file: &str, errors: &[ScenarioError]) {
    for e in errors {
        let _ = if e.loc.line > 0 {
            writeln!(err, "{file}:{}:{}: {}", e.loc.line, e.loc.column, e.message)
        } else {
            writeln!(err, "{file}: {}", e.message)
        };
    }
}

/// Containers whose program podlab does not interpret: `FILE:LINE:COL: warning: …`.
fn print_warnings(err: &mut dyn Write, file: &str, warnings: &[(Loc, ProgramWarning)]) {
    for (loc, w) in warnings {
        let _ = writeln!(
            err,
            "{file}:{}:{}: warning: {}",
            loc.line,
            loc.column,
            w.message()
        );
    }
}

/// Reads and parses a scenario file; on failure prints why and returns None.
fn load_scenario(file: &str, err: &mut dyn Write) -> Option<scenario::Scenario> {
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return None;
        }
    };
    match scenario::parse(&text) {
        Ok(s) => Some(s),
        Err(errors) => {
            print_errors(err, file, &errors);
            None
        }
    }
}

/// `podlab kubectl FILE [--at DUR] -- ARGS…`: one kubectl command against the scenario's
/// cluster at a moment; `stdin` is what `-f -` reads.
pub fn kubectl_with(
    args: &[String],
    stdin: &dyn Fn() -> String,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> i32 {
    let (before, words) = match args.iter().position(|a| a == "--") {
        Some(i) => (&args[..i], &args[i + 1..]),
        None => (args, &[][..]),
    };
    let (file, at) = match before {
        [file] => (file, None),
        [file, flag, dur] if flag == "--at" => match parse_duration(dur) {
            Ok(ms) => (file, Some(SimTime(ms))),
            Err(e) => {
                let _ = writeln!(err, "error: --at: {e}");
                return 2;
            }
        },
        _ => {
            let _ = writeln!(
                err,
                "error: expected FILE.yaml [--at DUR] -- KUBECTL ARGS\n\n{USAGE}"
            );
            return 2;
        }
    };
    let Some(scenario) = load_scenario(file, err) else {
        return 2;
    };
    let at = at.unwrap_or(scenario.until);
    let mut sim = Sim::new(scenario);
    sim.run_until(at);
    let line = words
        .iter()
        .map(|w| {
            if w.is_empty() || w.contains(|c: char| c.is_whitespace() || "'\"\\".contains(c)) {
                format!("'{}'", w.replace('\'', "'\\''"))
            } else {
                w.clone()
            }
        })
        .collect::<Vec<_>>()
        .join(" ");
    let reads_stdin = words.windows(2).any(|w| w[0] == "-f" && w[1] == "-")
        || words.iter().any(|w| w == "--filename=-" || w == "-f-");
    let input = if reads_stdin { stdin() } else { String::new() };
    let world = sim.seek(at);
    let outcome = crate::kubectl::run(
        &line,
        &crate::kubectl::Context {
            world: &world,
            stdin: &input,
        },
    );
    let _ = out.write_all(outcome.stdout.as_bytes());
    let _ = err.write_all(outcome.stderr.as_bytes());
    outcome.exit_code()
}

/// `podlab lesson [ID] [--lang en|zh]`: a lesson played headless, step by step, with the
/// cluster's tables at each step's moment (or the list of lessons).
pub fn lesson_with(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut lang = crate::i18n::Lang::En;
    let mut id = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--lang" if i + 1 < args.len() && matches!(args[i + 1].as_str(), "en" | "zh") => {
                lang = crate::i18n::Lang::from_code(&args[i + 1]);
                i += 1;
            }
            a if id.is_none() && !a.starts_with('-') => id = Some(a.to_string()),
            other => {
                let _ = writeln!(err, "error: unexpected argument {other:?}\n\n{USAGE}");
                return 2;
            }
        }
        i += 1;
    }
    let pick = |t: &scenario::Localized| crate::i18n::Bilingual::get(t, lang).to_string();
    let Some(id) = id else {
        for source in crate::lesson::LESSONS {
            let _ = writeln!(out, "{:<22} {}", source.id, pick(&source.title()));
        }
        return 0;
    };
    let Some(source) = crate::lesson::find(&id) else {
        let _ = writeln!(err, "error: no lesson {id:?} (podlab lesson lists them)");
        return 2;
    };
    let lesson = match crate::lesson::parse(source.text().unwrap_or_default()) {
        Ok(l) => l,
        Err(errors) => {
            print_errors(err, &id, &errors);
            return 2;
        }
    };
    let stops = match crate::lesson::plan(&lesson) {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(err, "{id}: {e}");
            return 2;
        }
    };
    let _ = writeln!(
        out,
        "# {}\n\n{}\n",
        pick(&lesson.title),
        pick(&lesson.summary)
    );
    let n = stops.len();
    for (k, (step, stop)) in lesson.steps.iter().zip(&stops).enumerate() {
        let _ = writeln!(
            out,
            "## {} · {} · t = {}\n",
            lang.say(crate::i18n::Say::StepOf { k: k + 1, n }),
            pick(&step.title),
            crate::sim::format_duration(stop.at.0)
        );
        if let Some(p) = &step.predict {
            let _ = writeln!(out, "? {}", pick(&p.question));
            for (i, c) in p.choices.iter().enumerate() {
                let mark = if i == p.answer { "*" } else { " " };
                let _ = writeln!(out, "  {mark} {}. {}", i + 1, pick(c));
            }
            let _ = writeln!(out, "  → {}\n", pick(&p.explain));
        }
        let _ = writeln!(out, "{}\n", pick(&step.text));
        if let Some(editor) = &step.editor {
            let _ = writeln!(out, "```yaml\n{editor}```\n");
            if let Err(errs) = parse_manifests(editor) {
                for e in errs {
                    let _ = writeln!(out, "  {e}");
                }
                let _ = writeln!(out);
            }
        }
        let world = stop.sim.seek(stop.at);
        let _ = writeln!(out, "```\n{}```\n", output::tables(&world));
    }
    0
}

/// Runs the CLI with these arguments; returns the exit status.
pub fn main_with(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let strings: Option<Vec<String>> = args.iter().map(|a| a.clone().into_string().ok()).collect();
    match strings.as_deref() {
        Some([first, rest @ ..]) if first == "kubectl" => {
            let stdin = || std::io::read_to_string(std::io::stdin()).unwrap_or_default();
            return kubectl_with(rest, &stdin, out, err);
        }
        Some([first, rest @ ..]) if first == "lesson" => return lesson_with(rest, out, err),
        Some([first, rest @ ..]) if first == "challenge" => {
            return challenge::challenge_with(rest, out, err)
        }
        _ => {}
    }
    let command = match parse_args(args) {
        Ok(c) => c,
        Err(e) => {
            let _ = writeln!(err, "error: {e}\n\n{USAGE}");
            return 2;
        }
    };
    match command {
        Command::Help => {
            let _ = writeln!(out, "{USAGE}");
            0
        }
        Command::Version => {
            let _ = writeln!(out, "podlab {}", env!("CARGO_PKG_VERSION"));
            0
        }
        Command::Validate { file } => {
            let text = match read(&file) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    return 2;
                }
            };
            let result = if scenario::is_scenario_file(&text) {
                scenario::parse(&text).map(|s| s.program_warnings())
            } else {
                parse_to_apply(&text)
                    .map(|ms| ms.into_iter().flat_map(|m| m.warnings).collect())
                    .map_err(|es| es.into_iter().map(ScenarioError::from).collect())
            };
            match result {
                Ok(warnings) => {
                    print_warnings(err, &file, &warnings);
                    let _ = writeln!(out, "{file}: valid");
                    0
                }
                Err(errors) => {
                    print_errors(err, &file, &errors);
                    2
                }
            }
        }
        Command::Run {
            file,
            until,
            format,
        } => {
            let Some(mut scenario) = load_scenario(&file, err) else {
                return 2;
            };
            print_warnings(err, &file, &scenario.program_warnings());
            let until = until.unwrap_or(scenario.until);
            scenario.until = until;
            // Only a transcript needs the history; the other outputs show the end of the run.
            let mut sim = match format {
                Format::Trace => Sim::new(scenario),
                _ => Sim::headless(scenario),
            };
            sim.run_until(until);
            if let Some(e) = sim.error() {
                let _ = writeln!(err, "{file}: {e}");
                return 2;
            }
            let text = match format {
                Format::Table => output::tables(sim.world()),
                Format::Json => {
                    // Streamed, object by object (a large run's document is hundreds of MB).
                    let mut failed: Option<std::io::Error> = None;
                    output::snapshot_json_chunks(sim.world(), &mut |chunk| {
                        if failed.is_none() {
                            failed = out.write_all(chunk.as_bytes()).err();
                        }
                    });
                    if let Some(e) = failed {
                        let _ = writeln!(err, "{file}: {e}");
                    }
                    String::new()
                }
                Format::Yaml => output::to_yaml(&output::snapshot(sim.world())),
                Format::Trace => output::transcript(sim.trace()),
            };
            let _ = out.write_all(text.as_bytes());
            for f in sim.failures() {
                let _ = writeln!(err, "{file}:{}:{}: FAIL {f}", f.loc.line, f.loc.column);
            }
            let status = i32::from(!sim.failures().is_empty());
            // The process ends here: freeing a large run object by object would only cost time
            // (a 100,000-pod run spends seconds in it).
            std::mem::forget(sim);
            status
        }
    }
}

/// The binary's entry point.
pub fn run() -> i32 {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    main_with(args, &mut stdout.lock(), &mut stderr.lock())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn arguments_should_parse() {
        assert_eq!(
            parse_args(args(&["run", "x.yaml", "-o", "json", "--until", "90s"])),
            Ok(Command::Run {
                file: "x.yaml".into(),
                until: Some(SimTime(90_000)),
                format: Format::Json
            })
        );
        assert!(parse_args(args(&["run", "x.yaml", "-o", "xml"])).is_err());
        assert_eq!(
            parse_args(args(&["validate", "a"])),
            Ok(Command::Validate { file: "a".into() })
        );
    }
}
