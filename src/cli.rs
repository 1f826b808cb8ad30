//! The native command line: `podlab run` and `podlab validate` (SCENARIO.md's contract).

use crate::api::manifest::parse_manifests;
use crate::engine::Sim;
use crate::output;
use crate::scenario::{self, ScenarioError};
use crate::sim::{parse_duration, SimTime};
use crate::yaml::MAX_INPUT_BYTES;
use std::ffi::OsString;
use std::io::Write;

const USAGE: &str = "usage:
  podlab run FILE.yaml [--until DUR] [-o table|json|yaml|trace]
  podlab validate FILE.yaml

Exit status: 0 ran and every expectation held; 1 an expectation failed; 2 invalid input.";

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

fn read(file: &str) -> Result<String, String> {
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

/// Whether a YAML text is a scenario (it has scenario keys at the top level) or bare manifests.
fn is_scenario(text: &str) -> bool {
    text.lines().any(|l| {
        ["until:", "manifests:", "cluster:", "steps:", "expect:"]
            .iter()
            .any(|k| l.starts_with(k))
    })
}

/// Runs the CLI with these arguments; returns the exit status.
pub fn main_with(args: Vec<OsString>, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
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
            let result = if is_scenario(&text) {
                scenario::parse(&text).map(|s| s.manifests.len() + s.steps.len())
            } else {
                parse_manifests(&text)
                    .map(|m| m.len())
                    .map_err(|es| es.into_iter().map(ScenarioError::from).collect())
            };
            match result {
                Ok(_) => {
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
            let text = match read(&file) {
                Ok(t) => t,
                Err(e) => {
                    let _ = writeln!(err, "error: {e}");
                    return 2;
                }
            };
            let scenario = match scenario::parse(&text) {
                Ok(s) => s,
                Err(errors) => {
                    print_errors(err, &file, &errors);
                    return 2;
                }
            };
            let until = until.unwrap_or(scenario.until);
            let mut sim = Sim::new(scenario);
            sim.run_until(until);
            if let Some(e) = sim.error() {
                let _ = writeln!(err, "{file}: {e}");
                return 2;
            }
            let text = match format {
                Format::Table => output::tables(sim.world()),
                Format::Json => output::to_json(&output::snapshot(sim.world())),
                Format::Yaml => output::to_yaml(&output::snapshot(sim.world())),
                Format::Trace => output::transcript(sim.trace()),
            };
            let _ = out.write_all(text.as_bytes());
            for f in sim.failures() {
                let _ = writeln!(err, "{file}:{}:{}: FAIL {f}", f.loc.line, f.loc.column);
            }
            i32::from(!sim.failures().is_empty())
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
