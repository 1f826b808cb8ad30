//! What a simulated container's process does: a bounded, deterministic interpreter for the
//! programs example manifests and tutorials run — `sh`/`bash -c` scripts (variables, `$((…))`,
//! `if`/`case`/`for`/`while`, bash arrays, redirects, `echo`/`printf`/`date`/`sleep`/`cat`/`rev`
//! …) and `python3 -c` programs (`os.environ`, `int()`, `if`/`elif`/`else`, `print`,
//! `sys.exit`, `time.sleep`). A run says how long the process lives, its exit code, what it
//! printed when, and the files it wrote. Anything outside the subset is never guessed at: the
//! run says so ([`Unsupported`]) and the process runs for the kubelet's `defaultRunSeconds`
//! and exits 0, so that validation can tell the learner.

mod arith;
mod commands;
mod pi;
mod python;
mod shell;
mod shell_run;

use std::collections::BTreeMap;
use std::fmt;

/// The most steps (commands, statements, loop turns) one run may take; past it the process is
/// taken to run until it is stopped (it is an endless loop, or as good as one).
pub const STEP_LIMIT: u64 = 100_000;
/// The most output one run keeps, in bytes.
pub const OUTPUT_LIMIT: usize = 1 << 20;
/// The longest script or program podlab reads, in bytes.
pub const SOURCE_LIMIT: usize = 64 * 1024;

/// What a process starts with.
#[derive(Clone, Debug, Default)]
pub struct Context {
    /// Its environment, in order (the container's `env` with `$(VAR)` and `fieldRef`s resolved).
    pub env: Vec<(String, String)>,
    /// When it starts, in milliseconds since the Unix epoch (for `date`).
    pub started_ms: i64,
    /// The files it can read, by absolute path (the pod's volumes at their mount paths).
    pub files: BTreeMap<String, String>,
    /// How long a process podlab cannot read runs (the kubelet's `defaultRunSeconds`).
    pub default_run_ms: u64,
    /// Stop following the process this long after it started (`kubectl logs` at a playhead).
    pub horizon_ms: Option<u64>,
    /// Keep what it prints (`kubectl logs`); the kubelet needs only its timing and exit code.
    pub keep_output: bool,
    /// The directories that exist (the mount paths and the image's usual ones), beside those
    /// holding files.
    pub dirs: Vec<String>,
    /// A container without a command runs its image's entrypoint: a server or daemon when the
    /// pod restarts it always (it runs until stopped), otherwise a task of
    /// `defaultRunSeconds` that exits 0.
    pub entrypoint_serves: bool,
}

/// What a process did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    /// How long it ran, in milliseconds; `None` when it runs until it is stopped.
    pub run_ms: Option<u64>,
    /// Its exit code when it ends by itself.
    pub exit_code: i32,
    /// What it printed (stdout and stderr, as `kubectl logs` shows them): each line with the
    /// milliseconds after the start at which it was printed.
    pub lines: Vec<(u64, String)>,
    /// Every file it can see when it ends (the context's files with its writes).
    pub files: BTreeMap<String, String>,
    /// Why podlab ran the default instead of the program, if it did.
    pub unsupported: Option<Unsupported>,
}

impl Run {
    /// The output as one text, up to `ms` after the start.
    pub fn output_until(&self, ms: u64) -> String {
        let mut out = String::new();
        for (at, line) in &self.lines {
            if *at > ms {
                break;
            }
            out.push_str(line);
            out.push('\n');
        }
        out
    }
}

/// Something a program does that podlab does not interpret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsupported {
    /// What, in a few words: "the command `curl`", "Python's `def` (line 2)", "`sh` running
    /// the script file x.sh".
    pub what: String,
    /// What podlab does instead.
    pub instead: Instead,
}

/// What podlab does instead of what it does not interpret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Instead {
    /// The whole program runs for `defaultRunSeconds` and exits 0.
    DefaultRun,
    /// A command inside a script it otherwise reads takes no time and succeeds (status 0).
    NoTime,
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.what)
    }
}

fn unsupported(what: impl Into<String>) -> Unsupported {
    Unsupported {
        what: what.into(),
        instead: Instead::DefaultRun,
    }
}

/// The program of a container: `command` followed by `args`, after the kubelet's `$(VAR)`
/// expansion.
pub fn argv(
    command: Option<&[String]>,
    args: Option<&[String]>,
    env: &[(String, String)],
) -> Vec<String> {
    command
        .unwrap_or_default()
        .iter()
        .chain(args.unwrap_or_default())
        .map(|a| expand_references(a, env))
        .collect()
}

/// Kubernetes' `$(VAR_NAME)` expansion of command and args (`third_party/forked/golang/expansion`):
/// a defined variable is replaced, an undefined reference is kept as written, `$$` is `$`.
pub fn expand_references(text: &str, env: &[(String, String)]) -> String {
    let lookup = |name: &str| env.iter().rev().find(|(k, _)| k == name).map(|(_, v)| v);
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(tail) = after.strip_prefix('$') {
            out.push('$');
            rest = tail;
        } else if let Some(inner) = after.strip_prefix('(') {
            match inner.find(')') {
                Some(end) => {
                    let name = &inner[..end];
                    match lookup(name) {
                        Some(v) => out.push_str(v),
                        None => {
                            out.push_str("$(");
                            out.push_str(name);
                            out.push(')');
                        }
                    }
                    rest = &inner[end + 1..];
                }
                None => {
                    out.push_str("$(");
                    rest = inner;
                }
            }
        } else {
            out.push('$');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Whether podlab can interpret this program, without running it.
pub fn check(argv: &[String]) -> Result<(), Unsupported> {
    match classify(argv) {
        Program::Default | Program::Pi | Program::Exits => Ok(()),
        Program::Shell(script) => {
            if script.len() > SOURCE_LIMIT {
                return Err(unsupported("a script longer than 64 KiB"));
            }
            let unknown = shell::check(&shell::parse(script)?)?;
            if unknown.is_empty() {
                return Ok(());
            }
            let names: Vec<String> = unknown.iter().map(|n| format!("`{n}`")).collect();
            let what = if names.len() == 1 {
                format!("the command {}", names[0])
            } else {
                format!("the commands {}", names.join(", "))
            };
            Err(Unsupported {
                what,
                instead: Instead::NoTime,
            })
        }
        Program::Python(source) => {
            if source.len() > SOURCE_LIMIT {
                return Err(unsupported("a program longer than 64 KiB"));
            }
            python::parse(source).map(|_| ())
        }
        Program::Command => shell_run::check_command(argv),
        Program::Unknown(why) => Err(why),
    }
}

/// Runs a container's program.
pub fn run(argv: &[String], ctx: &Context) -> Run {
    let fallback = |why: Option<Unsupported>| Run {
        run_ms: Some(ctx.default_run_ms),
        exit_code: 0,
        lines: Vec::new(),
        files: ctx.files.clone(),
        unsupported: why,
    };
    match classify(argv) {
        Program::Default if ctx.entrypoint_serves => Run {
            run_ms: None,
            ..fallback(None)
        },
        Program::Default => fallback(None),
        Program::Exits => Run {
            run_ms: Some(0),
            ..fallback(None)
        },
        Program::Pi => {
            let mut run = fallback(None);
            if ctx.keep_output {
                if let Some(n) = pi_digits(argv) {
                    run.lines.push((ctx.default_run_ms, pi::pi(n)));
                }
            }
            run
        }
        Program::Shell(script) => match shell::parse(script).and_then(|l| {
            shell::check(&l)?;
            Ok(l)
        }) {
            // Commands it does not know take no time and succeed, as the scenario format says.
            Ok(list) => shell_run::run_script(&list, shell_params(argv), ctx),
            Err(why) => fallback(Some(why)),
        },
        Program::Python(source) => match python::parse(source) {
            Ok(program) => python::run(&program, ctx),
            Err(why) => fallback(Some(why)),
        },
        Program::Command => match shell_run::check_command(argv) {
            Ok(()) => shell_run::run_command(argv, ctx),
            Err(why) => fallback(Some(why)),
        },
        Program::Unknown(why) => fallback(Some(why)),
    }
}

/// How podlab reads a program.
enum Program<'a> {
    /// No command: the image's own entrypoint (see [`Context::entrypoint_serves`]).
    Default,
    /// A shell that reads commands from its (empty) standard input: it exits 0 at once.
    Exits,
    /// The docs' `perl -Mbignum=bpi -wle "print bpi(N)"`.
    Pi,
    /// `sh -c SCRIPT` (and bash, ash, dash, zsh).
    Shell(&'a str),
    /// `python3 -c PROGRAM`.
    Python(&'a str),
    /// A command the shell's built-in set knows (`sleep 10`, `rev FILE`, …).
    Command,
    /// A program podlab does not run.
    Unknown(Unsupported),
}

fn program_name(word: &str) -> &str {
    word.rsplit('/').next().unwrap_or(word)
}

fn classify(argv: &[String]) -> Program<'_> {
    let Some(first) = argv.first() else {
        return Program::Default;
    };
    let name = program_name(first);
    if matches!(name, "sh" | "bash" | "ash" | "dash" | "zsh") {
        let mut i = 1;
        while let Some(flag) = argv.get(i).filter(|a| a.starts_with('-') && a.len() > 1) {
            if flag.starts_with("--") {
                return Program::Unknown(unsupported(format!("`{name} {flag}`")));
            }
            if flag.contains('c') {
                return match argv.get(i + 1) {
                    Some(script) => Program::Shell(script),
                    None => Program::Unknown(unsupported(format!("`{name} -c` without a script"))),
                };
            }
            i += 1;
        }
        return match argv.get(i) {
            None => Program::Exits,
            Some(file) => Program::Unknown(unsupported(format!(
                "`{name}` running the script file {file}"
            ))),
        };
    }
    if name.starts_with("python") {
        return match argv.get(1).map(String::as_str) {
            Some("-c") => match argv.get(2) {
                Some(source) => Program::Python(source),
                None => Program::Unknown(unsupported("`python3 -c` without a program")),
            },
            Some("-u") if argv.get(2).map(String::as_str) == Some("-c") => match argv.get(3) {
                Some(source) => Program::Python(source),
                None => Program::Unknown(unsupported("`python3 -c` without a program")),
            },
            Some(other) => Program::Unknown(unsupported(format!("`{name} {other}`"))),
            None => Program::Exits,
        };
    }
    if name == "perl" && pi_digits(argv).is_some() {
        return Program::Pi;
    }
    if shell_run::is_command(name) {
        return Program::Command;
    }
    Program::Unknown(unsupported(format!("the program `{name}`")))
}

/// The parameters of `sh -c SCRIPT NAME ARG…`: `$0` is NAME (or the shell), then `$1`….
fn shell_params(argv: &[String]) -> Vec<String> {
    let at = argv
        .iter()
        .position(|a| a.starts_with('-') && a.contains('c'));
    match at {
        Some(i) if argv.len() > i + 2 => argv[i + 2..].to_vec(),
        _ => vec![argv.first().cloned().unwrap_or_default()],
    }
}

/// `perl -Mbignum=bpi -wle "print bpi(N)"`: the N of π to N digits.
fn pi_digits(argv: &[String]) -> Option<usize> {
    argv.iter()
        .find_map(|a| a.split_once("bpi(").and_then(|(_, r)| r.split_once(')')))
        .and_then(|(n, _)| n.trim().parse::<usize>().ok())
        .filter(|n| (1..=10_000).contains(n))
}

/// Where output goes and how time passes, shared by the shell and Python.
#[derive(Debug)]
pub(crate) struct Process<'c> {
    pub ctx: &'c Context,
    /// Milliseconds since the start.
    pub now_ms: u64,
    pub lines: Vec<(u64, String)>,
    /// The unfinished last line.
    pub partial: String,
    pub output_bytes: usize,
    pub steps: u64,
    pub files: BTreeMap<String, String>,
    pub env: Vec<(String, String)>,
}

/// Why a run stopped before its end.
#[derive(Debug)]
pub(crate) enum Stop {
    /// The process exited with this code.
    Exit(i32),
    /// The process never ends (an endless sleep, a loop past [`STEP_LIMIT`]).
    Forever,
    /// The horizon was passed: what follows is not needed.
    Horizon,
}

impl<'c> Process<'c> {
    pub fn new(ctx: &'c Context) -> Self {
        Process {
            ctx,
            now_ms: 0,
            lines: Vec::new(),
            partial: String::new(),
            output_bytes: 0,
            steps: 0,
            files: ctx.files.clone(),
            env: ctx.env.clone(),
        }
    }

    /// Counts one step; past the limit the process is taken to run forever.
    pub fn step(&mut self) -> Result<(), Stop> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return Err(Stop::Forever);
        }
        Ok(())
    }

    /// Lets `ms` pass (`None`: forever).
    pub fn sleep(&mut self, ms: Option<u64>) -> Result<(), Stop> {
        let Some(ms) = ms else {
            return Err(Stop::Forever);
        };
        self.now_ms = self.now_ms.saturating_add(ms);
        match self.ctx.horizon_ms {
            Some(h) if self.now_ms > h => Err(Stop::Horizon),
            _ => Ok(()),
        }
    }

    /// Prints `text` now.
    pub fn print(&mut self, text: &str) {
        if !self.ctx.keep_output || self.output_bytes >= OUTPUT_LIMIT {
            return;
        }
        self.output_bytes += text.len();
        for (i, piece) in text.split('\n').enumerate() {
            if i > 0 {
                let line = std::mem::take(&mut self.partial);
                self.lines.push((self.now_ms, line));
            }
            self.partial.push_str(piece);
        }
    }

    /// The wall clock now, in milliseconds since the epoch.
    pub fn wall_ms(&self) -> i64 {
        self.ctx
            .started_ms
            .saturating_add(i64::try_from(self.now_ms).unwrap_or(i64::MAX))
    }

    pub fn getenv(&self, name: &str) -> Option<&str> {
        self.env
            .iter()
            .rev()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The run, ended by `stop` (or by reaching its end with `status`).
    pub fn finish(mut self, end: Result<i32, Stop>) -> Run {
        if !self.partial.is_empty() {
            let line = std::mem::take(&mut self.partial);
            self.lines.push((self.now_ms, line));
        }
        let (run_ms, exit_code) = match end {
            Ok(code) | Err(Stop::Exit(code)) => (Some(self.now_ms), code & 0xff),
            Err(Stop::Forever) | Err(Stop::Horizon) => (None, 0),
        };
        Run {
            run_ms,
            exit_code,
            lines: self.lines,
            files: self.files,
            unsupported: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn argv(words: &[&str]) -> Vec<String> {
        words.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn references_should_expand_as_the_kubelet_does() {
        let env = vec![("ITEM".to_string(), "apple".to_string())];
        assert_eq!(
            expand_references("$(ITEM) $(NONE) $$(ITEM) $", &env),
            "apple $(NONE) $(ITEM) $"
        );
    }

    #[test]
    fn programs_outside_the_subset_should_say_what_and_run_the_default() {
        let ctx = Context {
            default_run_ms: 5_000,
            ..Context::default()
        };
        let r = run(&argv(&["nginx", "-g", "daemon off;"]), &ctx);
        assert_eq!(r.run_ms, Some(5_000));
        assert_eq!(r.exit_code, 0);
        assert_eq!(r.unsupported.unwrap().what, "the program `nginx`");
        assert!(check(&argv(&["sh", "script.sh"])).is_err());
        assert!(check(&argv(&[])).is_ok());
        assert_eq!(run(&argv(&["sh"]), &ctx).run_ms, Some(0));
        // Inside a script an unknown command takes no time and succeeds (the scenario format's
        // rule), and validation names it.
        let r = run(&argv(&["sh", "-c", "curl -s x; sleep 3"]), &ctx);
        assert_eq!(
            (r.run_ms, r.exit_code, r.unsupported),
            (Some(3_000), 0, None)
        );
        let why = check(&argv(&["sh", "-c", "curl -s x; wget y; curl z"])).unwrap_err();
        assert_eq!(why.what, "the commands `curl`, `wget`");
        assert_eq!(why.instead, Instead::NoTime);
        // A container without a command runs its image's entrypoint: a server under Always.
        let serving = Context {
            entrypoint_serves: true,
            ..ctx.clone()
        };
        assert_eq!(run(&argv(&[]), &serving).run_ms, None);
        assert_eq!(run(&argv(&[]), &ctx).run_ms, Some(5_000));
    }
}
