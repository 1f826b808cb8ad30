//! Runs the shell subset: expansion (parameters, arrays, `$((…))`, `$(…)`, field splitting),
//! lists with `&&`/`||`, pipelines, redirects to files, `if`/`case`/`for`/`while`, `set -e`/`-x`,
//! and the built-in commands of [`super::commands`].

use std::collections::BTreeMap;

use super::commands::{self, Io};
use super::shell::{Assign, Command, Join, List, Part, Pipeline, RedirOp, Redirect, Word};
use super::{arith, unsupported, Context, Process, Run, Stop, Unsupported};

/// A shell variable.
#[derive(Clone, Debug)]
enum Var {
    Str(String),
    Array(BTreeMap<i64, String>),
}

impl Var {
    fn scalar(&self) -> String {
        match self {
            Var::Str(s) => s.clone(),
            Var::Array(a) => a.get(&0).cloned().unwrap_or_default(),
        }
    }
}

/// Where a descriptor writes.
#[derive(Clone, Debug)]
enum Sink {
    /// The container's log.
    Log,
    /// A capture buffer (`$(…)`, the left side of a pipe).
    Capture(usize),
    /// A file, by absolute path.
    File(String),
    /// `/dev/null`.
    Null,
}

pub(crate) struct Shell<'c> {
    pub p: Process<'c>,
    vars: BTreeMap<String, Var>,
    params: Vec<String>,
    status: i32,
    errexit: bool,
    xtrace: bool,
    /// Inside an `if`/`while` condition or the left of `&&`/`||`: `set -e` does not apply.
    conditional: usize,
    out: Sink,
    err: Sink,
    captures: Vec<String>,
    stdin: Option<String>,
    pub cwd: String,
    name: String,
}

/// The names the shell runs (its built-ins and the small programs of [`super::commands`]).
const NAMES: &[&str] = &[
    "exit", "export", "readonly", "unset", "set", "shift", "true", "false", ":", "test", "[", "[[",
    "echo", "printf", "date", "sleep", "cat", "rev", "tail", "head", "wc", "seq", "hostname",
    "env", "printenv", "touch", "mkdir", "rm", "wait", "cd", "pwd", "basename", "dirname",
];

/// Whether `name` (a program's base name) is one podlab runs.
pub fn is_command(name: &str) -> bool {
    NAMES.contains(&name) && !matches!(name, "exit" | "export" | "set" | "shift" | "cd" | "[[")
}

/// Whether a command name inside a script is one podlab runs.
pub fn check_name(name: &str) -> Result<(), Unsupported> {
    let base = name.rsplit('/').next().unwrap_or(name);
    if NAMES.contains(&base) {
        Ok(())
    } else {
        Err(unsupported(format!("the command `{base}`")))
    }
}

/// Whether a container's command (no shell) is one podlab runs.
pub fn check_command(argv: &[String]) -> Result<(), Unsupported> {
    let name = argv.first().map(String::as_str).unwrap_or_default();
    let base = name.rsplit('/').next().unwrap_or(name);
    if base == "tail"
        && !argv
            .iter()
            .any(|a| a.starts_with('-') && a.contains(['f', 'F']))
    {
        return Ok(());
    }
    check_name(base)
}

/// Runs a parsed script with `$0`, `$1`… = `params`.
pub fn run_script(list: &List, params: Vec<String>, ctx: &Context) -> Run {
    let mut sh = Shell::new(ctx, params);
    let end = sh.list(list);
    sh.finish(end)
}

/// Runs a container's command directly (no shell: no expansion), as the shell would run it.
pub fn run_command(argv: &[String], ctx: &Context) -> Run {
    let mut sh = Shell::new(ctx, vec![argv.first().cloned().unwrap_or_default()]);
    let end = sh.run_argv(argv.to_vec());
    sh.finish(end)
}

impl<'c> Shell<'c> {
    fn new(ctx: &'c Context, params: Vec<String>) -> Self {
        let p = Process::new(ctx);
        let vars = p
            .env
            .iter()
            .map(|(k, v)| (k.clone(), Var::Str(v.clone())))
            .collect();
        let name = params.first().cloned().unwrap_or_else(|| "sh".into());
        Shell {
            p,
            vars,
            params,
            status: 0,
            errexit: false,
            xtrace: false,
            conditional: 0,
            out: Sink::Log,
            err: Sink::Log,
            captures: Vec::new(),
            stdin: None,
            cwd: "/".into(),
            name: name.rsplit('/').next().unwrap_or("sh").to_string(),
        }
    }

    fn finish(self, end: Result<i32, Stop>) -> Run {
        let end = match end {
            Ok(_) => Ok(self.status),
            other => other,
        };
        self.p.finish(end)
    }

    fn list(&mut self, list: &List) -> Result<i32, Stop> {
        for and_or in list {
            self.and_or(and_or)?;
        }
        Ok(self.status)
    }

    fn and_or(&mut self, and_or: &[(Join, Pipeline)]) -> Result<(), Stop> {
        let last = and_or.len() - 1;
        for (i, (join, pipeline)) in and_or.iter().enumerate() {
            let run = match join {
                Join::First => true,
                Join::And => self.status == 0,
                Join::Or => self.status != 0,
            };
            if !run {
                continue;
            }
            let guarded = i < last || pipeline.negate;
            if guarded {
                self.conditional += 1;
            }
            let r = self.pipeline(pipeline);
            if guarded {
                self.conditional -= 1;
            }
            r?;
            if i == last && self.errexit && self.conditional == 0 && self.status != 0 {
                return Err(Stop::Exit(self.status));
            }
        }
        Ok(())
    }

    fn pipeline(&mut self, pipeline: &Pipeline) -> Result<(), Stop> {
        let n = pipeline.commands.len();
        let saved_in = self.stdin.take();
        let saved_out = self.out.clone();
        let mut input = saved_in.clone();
        for (i, c) in pipeline.commands.iter().enumerate() {
            self.stdin = input.take();
            if i + 1 < n {
                self.captures.push(String::new());
                self.out = Sink::Capture(self.captures.len() - 1);
                let r = self.command(c);
                self.out = saved_out.clone();
                let text = self.captures.pop().unwrap_or_default();
                r?;
                input = Some(text);
            } else {
                self.command(c)?;
            }
        }
        self.stdin = saved_in;
        if pipeline.negate {
            self.status = i32::from(self.status == 0);
        }
        Ok(())
    }

    fn command(&mut self, c: &Command) -> Result<(), Stop> {
        self.p.step()?;
        match c {
            Command::Simple {
                assigns,
                words,
                redirects,
            } => self.simple(assigns, words, redirects),
            Command::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    self.conditional += 1;
                    let r = self.list(cond);
                    self.conditional -= 1;
                    r?;
                    if self.status == 0 {
                        return self.list(body).map(|_| ());
                    }
                }
                self.status = 0;
                match otherwise {
                    Some(body) => self.list(body).map(|_| ()),
                    None => Ok(()),
                }
            }
            Command::For { var, items, body } => {
                let values = match items {
                    Some(words) => self.expand_words(words)?,
                    None => self.params.iter().skip(1).cloned().collect(),
                };
                self.status = 0;
                for v in values {
                    self.p.step()?;
                    self.vars.insert(var.clone(), Var::Str(v));
                    self.list(body)?;
                }
                Ok(())
            }
            Command::While { until, cond, body } => {
                let mut last = 0;
                loop {
                    self.p.step()?;
                    self.conditional += 1;
                    let r = self.list(cond);
                    self.conditional -= 1;
                    r?;
                    if (self.status == 0) == *until {
                        break;
                    }
                    last = self.list(body)?;
                }
                self.status = last;
                Ok(())
            }
            Command::Case { word, arms } => {
                let subject = self.expand_single(word)?;
                for (patterns, body) in arms {
                    for p in patterns {
                        let pat = self.expand_single(p)?;
                        if commands::glob(&pat, &subject) {
                            return self.list(body).map(|_| ());
                        }
                    }
                }
                self.status = 0;
                Ok(())
            }
            Command::Group {
                body,
                subshell,
                redirects,
            } => {
                let saved = (self.out.clone(), self.err.clone(), self.stdin.clone());
                let r = self.apply_redirects(redirects).and_then(|ok| {
                    if !ok {
                        return Ok(());
                    }
                    if *subshell {
                        let vars = self.vars.clone();
                        let cwd = self.cwd.clone();
                        let r = match self.list(body) {
                            Err(Stop::Exit(code)) => {
                                self.status = code;
                                Ok(())
                            }
                            other => other.map(|_| ()),
                        };
                        self.vars = vars;
                        self.cwd = cwd;
                        r
                    } else {
                        self.list(body).map(|_| ())
                    }
                });
                (self.out, self.err, self.stdin) = saved;
                r
            }
        }
    }

    fn simple(
        &mut self,
        assigns: &[Assign],
        words: &[Word],
        redirects: &[Redirect],
    ) -> Result<(), Stop> {
        let argv = self.expand_words(words)?;
        let mut values = Vec::new();
        for a in assigns {
            values.push(match a {
                Assign::Scalar(name, w) => (name.clone(), Var::Str(self.expand_single(w)?)),
                Assign::Array(name, items) => {
                    let items = self.expand_words(items)?;
                    (
                        name.clone(),
                        Var::Array(
                            items
                                .into_iter()
                                .enumerate()
                                .map(|(i, v)| (i as i64, v))
                                .collect(),
                        ),
                    )
                }
            });
        }
        if argv.is_empty() {
            for (name, v) in values {
                self.vars.insert(name, v);
            }
            self.status = 0;
            let saved = (self.out.clone(), self.err.clone(), self.stdin.clone());
            let r = self.apply_redirects(redirects);
            (self.out, self.err, self.stdin) = saved;
            return r.map(|_| ());
        }
        let saved_vars: Vec<(String, Option<Var>)> = values
            .iter()
            .map(|(n, _)| (n.clone(), self.vars.get(n).cloned()))
            .collect();
        for (name, v) in values {
            self.vars.insert(name, v);
        }
        let saved = (self.out.clone(), self.err.clone(), self.stdin.clone());
        let r = match self.apply_redirects(redirects) {
            Ok(true) => {
                if self.xtrace {
                    let line = format!(
                        "+ {}\n",
                        argv.iter().map(|a| quote(a)).collect::<Vec<_>>().join(" ")
                    );
                    self.write_err(&line);
                }
                self.run_argv(argv).map(|code| self.status = code)
            }
            Ok(false) => Ok(()),
            Err(e) => Err(e),
        };
        (self.out, self.err, self.stdin) = saved;
        // Assignments before a special built-in stay; before other commands they are temporary.
        for (name, old) in saved_vars {
            match old {
                Some(v) => self.vars.insert(name, v),
                None => self.vars.remove(&name),
            };
        }
        r
    }

    /// Opens the redirects; `Ok(false)` when one fails (the command does not run).
    fn apply_redirects(&mut self, redirects: &[Redirect]) -> Result<bool, Stop> {
        for r in redirects {
            let target = self.expand_single(&r.target)?;
            match r.op {
                RedirOp::Dup => {
                    let to = match target.as_str() {
                        "1" => self.out.clone(),
                        "2" => self.err.clone(),
                        _ => Sink::Null,
                    };
                    self.set_fd(r.fd, to);
                }
                RedirOp::Read => {
                    let path = self.path(&target);
                    match self.read_file(&path) {
                        Some(text) => self.stdin = Some(text),
                        None => {
                            let msg =
                                format!("{}: {target}: No such file or directory\n", self.name);
                            self.write_err(&msg);
                            self.status = 1;
                            return Ok(false);
                        }
                    }
                }
                RedirOp::Write | RedirOp::Append => {
                    let path = self.path(&target);
                    let sink = match path.as_str() {
                        "/dev/null" => Sink::Null,
                        "/dev/stdout" => self.out.clone(),
                        "/dev/stderr" => self.err.clone(),
                        _ => {
                            if !commands::dir_exists(&self.p, parent(&path)) {
                                let msg =
                                    format!("{}: {target}: No such file or directory\n", self.name);
                                self.write_err(&msg);
                                self.status = 1;
                                return Ok(false);
                            }
                            let file = self.p.files.entry(path.clone()).or_default();
                            if r.op == RedirOp::Write {
                                file.clear();
                            }
                            Sink::File(path)
                        }
                    };
                    self.set_fd(r.fd, sink);
                }
            }
        }
        Ok(true)
    }

    fn set_fd(&mut self, fd: u32, sink: Sink) {
        match fd {
            1 => self.out = sink,
            2 => self.err = sink,
            _ => {}
        }
    }

    fn write_to(&mut self, sink: Sink, text: &str) {
        match sink {
            Sink::Log => self.p.print(text),
            Sink::Capture(i) => {
                if let Some(c) = self.captures.get_mut(i) {
                    if c.len() < super::OUTPUT_LIMIT {
                        c.push_str(text);
                    }
                }
            }
            Sink::File(path) => {
                let f = self.p.files.entry(path).or_default();
                if f.len() < super::OUTPUT_LIMIT {
                    f.push_str(text);
                }
            }
            Sink::Null => {}
        }
    }

    fn write_err(&mut self, text: &str) {
        self.write_to(self.err.clone(), text);
    }

    /// An absolute path for `p`.
    pub fn path(&self, p: &str) -> String {
        commands::absolute(&self.cwd, p)
    }

    fn read_file(&self, path: &str) -> Option<String> {
        if path == "/dev/null" {
            return Some(String::new());
        }
        self.p.files.get(path).cloned()
    }

    /// Runs one command's words.
    fn run_argv(&mut self, argv: Vec<String>) -> Result<i32, Stop> {
        let Some(first) = argv.first() else {
            return Ok(0);
        };
        let name = first.rsplit('/').next().unwrap_or(first).to_string();
        let args = &argv[1..];
        match name.as_str() {
            "exit" => {
                let code = match args.first() {
                    None => self.status,
                    Some(a) => match a.parse::<i64>() {
                        Ok(n) => (n & 0xff) as i32,
                        Err(_) => {
                            let msg =
                                format!("{}: exit: {a}: numeric argument required\n", self.name);
                            self.write_err(&msg);
                            2
                        }
                    },
                };
                Err(Stop::Exit(code))
            }
            "export" | "readonly" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    if let Some((k, v)) = a.split_once('=') {
                        self.vars.insert(k.to_string(), Var::Str(v.to_string()));
                    }
                }
                Ok(0)
            }
            "unset" => {
                for a in args.iter().filter(|a| !a.starts_with('-')) {
                    self.vars.remove(a);
                }
                Ok(0)
            }
            "set" => {
                let mut i = 0;
                while let Some(a) = args.get(i) {
                    let on = a.starts_with('-');
                    if a == "-o" || a == "+o" {
                        i += 1;
                    } else if a.starts_with(['-', '+']) {
                        if a.contains('e') {
                            self.errexit = on;
                        }
                        if a.contains('x') {
                            self.xtrace = on;
                        }
                    }
                    i += 1;
                }
                Ok(0)
            }
            "shift" => {
                let n: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(1);
                if self.params.len() > n {
                    self.params.drain(1..=n);
                    Ok(0)
                } else {
                    Ok(1)
                }
            }
            "cd" => {
                let to = self.path(args.first().map(String::as_str).unwrap_or("/"));
                self.cwd = to;
                Ok(0)
            }
            "[[" => {
                let inner: Vec<String> = args
                    .iter()
                    .take(args.len().saturating_sub(1))
                    .cloned()
                    .collect();
                Ok(commands::test(&inner, &self.p, &self.cwd, true))
            }
            _ => {
                let stdin = self.stdin.clone();
                let mut io = Io {
                    out: String::new(),
                    err: String::new(),
                    stdin: stdin.as_deref(),
                    cwd: &self.cwd,
                    shell: &self.name,
                };
                let r = commands::run(&name, args, &mut self.p, &mut io);
                let (out, err) = (io.out, io.err);
                self.write_to(self.out.clone(), &out);
                self.write_err(&err);
                r
            }
        }
    }

    /// Expands words into fields (parameter, arithmetic and command expansion, then splitting).
    fn expand_words(&mut self, words: &[Word]) -> Result<Vec<String>, Stop> {
        let mut out = Vec::new();
        for w in words {
            out.extend(self.expand(w)?);
        }
        Ok(out)
    }

    /// Expands one word without splitting it (assignments, redirect targets, `case`).
    fn expand_single(&mut self, w: &Word) -> Result<String, Stop> {
        let mut s = String::new();
        for part in &w.0 {
            for (i, piece) in self.part(part)?.iter().enumerate() {
                if i > 0 {
                    s.push(' ');
                }
                s.push_str(piece);
            }
        }
        Ok(s)
    }

    fn expand(&mut self, w: &Word) -> Result<Vec<String>, Stop> {
        let mut fields: Vec<String> = Vec::new();
        let mut current = String::new();
        let mut has = false;
        for part in &w.0 {
            let values = self.part(part)?;
            let quoted = match part {
                Part::Lit { quoted, .. }
                | Part::Param { quoted, .. }
                | Part::Arith { quoted, .. }
                | Part::Sub { quoted, .. } => *quoted,
            };
            let literal = matches!(part, Part::Lit { .. });
            if quoted || literal {
                // Quoted "${a[@]}" gives one field per element.
                for (i, v) in values.iter().enumerate() {
                    if i > 0 {
                        fields.push(std::mem::take(&mut current));
                    }
                    current.push_str(v);
                }
                has |= quoted || !values.iter().all(String::is_empty);
                if values.is_empty() && quoted {
                    has = has || !current.is_empty();
                }
                continue;
            }
            let joined = values.join(" ");
            let starts_blank = joined.starts_with(char::is_whitespace);
            let ends_blank = joined.ends_with(char::is_whitespace);
            let pieces: Vec<&str> = joined.split_whitespace().collect();
            if pieces.is_empty() {
                if starts_blank && has {
                    fields.push(std::mem::take(&mut current));
                    has = false;
                }
                continue;
            }
            for (i, piece) in pieces.iter().enumerate() {
                if i > 0 || (starts_blank && has) {
                    fields.push(std::mem::take(&mut current));
                }
                current.push_str(piece);
                has = true;
            }
            if ends_blank {
                fields.push(std::mem::take(&mut current));
                has = false;
            }
        }
        if has {
            fields.push(current);
        }
        Ok(fields)
    }

    /// One part's values (more than one only for `${a[@]}` and `$@`).
    fn part(&mut self, part: &Part) -> Result<Vec<String>, Stop> {
        match part {
            Part::Lit { text, .. } => Ok(vec![text.clone()]),
            Part::Arith { expr, .. } => {
                let expr = self.expand_text(expr)?;
                let vars = &self.vars;
                let lookup = |n: &str| vars.get(n).map(Var::scalar).unwrap_or_default();
                match arith::eval(&expr, &lookup) {
                    Ok(v) => Ok(vec![v.to_string()]),
                    Err(e) => {
                        let msg = format!("{}: {e}\n", self.name);
                        self.write_err(&msg);
                        // An expansion error ends a non-interactive shell.
                        Err(Stop::Exit(1))
                    }
                }
            }
            Part::Sub { script, .. } => {
                let list = super::shell::parse(script).unwrap_or_default();
                self.captures.push(String::new());
                let saved = (self.out.clone(), self.stdin.take());
                self.out = Sink::Capture(self.captures.len() - 1);
                let vars = self.vars.clone();
                let r = match self.list(&list) {
                    Err(Stop::Exit(code)) => {
                        self.status = code;
                        Ok(0)
                    }
                    other => other,
                };
                self.vars = vars;
                (self.out, self.stdin) = saved;
                let text = self.captures.pop().unwrap_or_default();
                r?;
                Ok(vec![text.trim_end_matches('\n').to_string()])
            }
            Part::Param {
                name,
                index,
                length,
                op,
                ..
            } => {
                let values = self.param(name, index.as_deref())?;
                if *length {
                    let n = if index.as_deref().is_some_and(|i| i == "@" || i == "*") {
                        values.len()
                    } else {
                        values.first().map_or(0, |v| v.chars().count())
                    };
                    return Ok(vec![n.to_string()]);
                }
                let Some((op, word)) = op else {
                    return Ok(values);
                };
                let set = self.is_set(name);
                let empty = values.iter().all(String::is_empty);
                let use_word = match op.as_str() {
                    ":-" | ":=" => !set || empty,
                    "-" | "=" => !set,
                    ":+" => set && !empty,
                    _ => set,
                };
                if op.contains('+') {
                    return if use_word {
                        Ok(vec![self.expand_single(word)?])
                    } else {
                        Ok(vec![String::new()])
                    };
                }
                if use_word {
                    let v = self.expand_single(word)?;
                    if op.contains('=') {
                        self.vars.insert(name.clone(), Var::Str(v.clone()));
                    }
                    return Ok(vec![v]);
                }
                Ok(values)
            }
        }
    }

    fn is_set(&self, name: &str) -> bool {
        self.vars.contains_key(name) || name.parse::<usize>().is_ok_and(|n| n < self.params.len())
    }

    fn param(&mut self, name: &str, index: Option<&str>) -> Result<Vec<String>, Stop> {
        match name {
            "?" => return Ok(vec![self.status.to_string()]),
            "#" => return Ok(vec![self.params.len().saturating_sub(1).to_string()]),
            "@" | "*" => return Ok(self.params.iter().skip(1).cloned().collect()),
            _ => {}
        }
        if let Ok(n) = name.parse::<usize>() {
            return Ok(vec![self.params.get(n).cloned().unwrap_or_default()]);
        }
        let var = self.vars.get(name).cloned();
        let Some(index) = index else {
            return Ok(vec![var.map(|v| v.scalar()).unwrap_or_default()]);
        };
        if index == "@" || index == "*" {
            return Ok(match var {
                Some(Var::Array(a)) => a.values().cloned().collect(),
                Some(Var::Str(s)) => vec![s],
                None => Vec::new(),
            });
        }
        let expr = self.expand_text(index)?;
        let vars = &self.vars;
        let lookup = |n: &str| vars.get(n).map(Var::scalar).unwrap_or_default();
        let i = match arith::eval(&expr, &lookup) {
            Ok(i) => i,
            Err(e) => {
                let msg = format!("{}: {e}\n", self.name);
                self.write_err(&msg);
                return Err(Stop::Exit(1));
            }
        };
        Ok(vec![match var {
            Some(Var::Array(a)) => {
                let i = if i < 0 {
                    a.keys().next_back().map_or(i, |last| last + 1 + i)
                } else {
                    i
                };
                a.get(&i).cloned().unwrap_or_default()
            }
            Some(Var::Str(s)) if i == 0 => s,
            _ => String::new(),
        }])
    }

    /// Expands `$…` inside text that is itself not a word (an arithmetic expression, an index).
    fn expand_text(&mut self, text: &str) -> Result<String, Stop> {
        if !text.contains(['$', '`']) {
            return Ok(text.to_string());
        }
        let quoted = format!("\"{}\"", text.replace('"', "\\\""));
        match super::shell::parse(&quoted) {
            Ok(list) => match list.first().and_then(|a| a.first()) {
                Some((_, p)) => match p.commands.first() {
                    Some(Command::Simple { words, .. }) if words.len() == 1 => {
                        self.expand_single(&words[0])
                    }
                    _ => Ok(text.to_string()),
                },
                None => Ok(text.to_string()),
            },
            Err(_) => Ok(text.to_string()),
        }
    }
}

fn parent(path: &str) -> &str {
    match path.rfind('/') {
        Some(0) | None => "/",
        Some(i) => &path[..i],
    }
}

/// A word as `set -x` shows it.
fn quote(a: &str) -> String {
    if !a.is_empty()
        && a.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:,+%@".contains(c))
    {
        a.to_string()
    } else {
        format!("'{}'", a.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::super::{run, Context};

    fn ctx(env: &[(&str, &str)]) -> Context {
        Context {
            env: env
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            started_ms: 1_767_225_600_000,
            default_run_ms: 5_000,
            keep_output: true,
            ..Context::default()
        }
    }

    fn sh(script: &str, env: &[(&str, &str)]) -> super::Run {
        run(&["sh".into(), "-c".into(), script.into()], &ctx(env))
    }

    #[test]
    fn the_indexed_job_scripts_should_write_and_reverse_the_word() {
        let mut c = ctx(&[("JOB_COMPLETION_INDEX", "3")]);
        c.dirs.push("/input".into());
        let init = run(
            &[
                "bash".into(),
                "-c".into(),
                "items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n".into(),
            ],
            &c,
        );
        assert_eq!((init.exit_code, init.run_ms), (0, Some(0)));
        assert_eq!(
            init.files.get("/input/data.txt").map(String::as_str),
            Some("qux\n")
        );
        let mut c2 = ctx(&[]);
        c2.files = init.files;
        let worker = run(&["rev".into(), "/input/data.txt".into()], &c2);
        assert_eq!(worker.output_until(u64::MAX), "xuq\n");
    }

    #[test]
    fn scripts_should_branch_loop_and_time_as_a_shell_does() {
        let r = sh(
            "if [ $((JOB_COMPLETION_INDEX % 2)) -eq 0 ]; then echo even; exit 1; fi; echo odd",
            &[("JOB_COMPLETION_INDEX", "4")],
        );
        assert_eq!((r.exit_code, r.output_until(0)), (1, "even\n".to_string()));
        let r = sh(
            "for i in 1 2 3; do echo \"tick $i\"; sleep 2; done; exit 7",
            &[],
        );
        assert_eq!(r.run_ms, Some(6_000));
        assert_eq!(r.exit_code, 7);
        assert_eq!(
            r.lines.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
            vec![0, 2_000, 4_000]
        );
        let r = sh("case $X in a|b) exit 3;; *) exit 4;; esac", &[("X", "b")]);
        assert_eq!(r.exit_code, 3);
        let r = sh("while true; do echo hi; sleep 10; done", &[]);
        assert_eq!(r.run_ms, None);
        let r = sh("set -e; false; echo never", &[]);
        assert_eq!((r.exit_code, r.lines.len()), (1, 0));
        let r = sh(
            "x=$(echo hello | rev); echo ${x:-none} ${y:-none} ${#x}",
            &[],
        );
        assert_eq!(r.output_until(0), "olleh none 5\n");
        let r = sh("echo start; date; sleep 1; date +%H:%M:%S", &[]);
        assert_eq!(
            r.output_until(10_000),
            "start\nThu Jan  1 00:00:00 UTC 2026\n00:00:01\n"
        );
        let r = sh(
            "echo a > /tmp/f; echo b >> /tmp/f; cat /tmp/f; cat /nope || echo missing $?",
            &[],
        );
        assert_eq!(
            r.output_until(0),
            "a\nb\ncat: /nope: No such file or directory\nmissing 1\n"
        );
        let r = sh("printf '%s=%03d\\n' a 7 b 42", &[]);
        assert_eq!(r.output_until(0), "a=007\nb=042\n");
    }
}
