//! The small programs a simulated shell runs, with coreutils' output and error words: `echo`,
//! `printf`, `date`, `sleep`, `cat`, `rev`, `tail`, `head`, `wc`, `seq`, `test`/`[`, `hostname`,
//! `env`, `touch`, `mkdir`, `rm`, `basename`, `dirname`, `true`, `false`, `:`, `wait`, `pwd`.

use super::{Process, Stop};

/// A command's standard streams.
pub(crate) struct Io<'a> {
    pub out: String,
    pub err: String,
    pub stdin: Option<&'a str>,
    pub cwd: &'a str,
    pub shell: &'a str,
}

/// Directories every image has.
const IMAGE_DIRS: &[&str] = &[
    "/", "/tmp", "/etc", "/var", "/root", "/home", "/bin", "/usr", "/dev", "/proc", "/opt", "/srv",
    "/mnt",
];

/// Whether `dir` exists in the container.
pub fn dir_exists(p: &Process<'_>, dir: &str) -> bool {
    let prefix = format!("{}/", dir.trim_end_matches('/'));
    IMAGE_DIRS.contains(&dir)
        || p.ctx
            .dirs
            .iter()
            .any(|d| d == dir || d.starts_with(&prefix))
        || p.files.keys().any(|f| f.starts_with(&prefix))
}

/// `p` made absolute against `cwd`, with `.` and `..` resolved.
pub fn absolute(cwd: &str, p: &str) -> String {
    let joined = if p.starts_with('/') {
        p.to_string()
    } else {
        format!("{}/{p}", cwd.trim_end_matches('/'))
    };
    let mut parts: Vec<&str> = Vec::new();
    for seg in joined.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// A shell pattern (`*`, `?`, `[…]`) against text.
pub fn glob(pattern: &str, text: &str) -> bool {
    fn go(p: &[char], t: &[char]) -> bool {
        match p.first() {
            None => t.is_empty(),
            Some('*') => (0..=t.len()).any(|i| go(&p[1..], &t[i..])),
            Some('?') => !t.is_empty() && go(&p[1..], &t[1..]),
            Some('[') => match p.iter().position(|c| *c == ']') {
                Some(end) if end > 1 && !t.is_empty() => {
                    let set = &p[1..end];
                    let (negate, set) = match set.first() {
                        Some('!' | '^') => (true, &set[1..]),
                        _ => (false, set),
                    };
                    let mut hit = false;
                    let mut i = 0;
                    while i < set.len() {
                        if i + 2 < set.len() && set[i + 1] == '-' {
                            hit |= (set[i]..=set[i + 2]).contains(&t[0]);
                            i += 3;
                        } else {
                            hit |= set[i] == t[0];
                            i += 1;
                        }
                    }
                    hit != negate && go(&p[end + 1..], &t[1..])
                }
                _ => t.first() == Some(&'[') && go(&p[1..], &t[1..]),
            },
            Some(c) => t.first() == Some(c) && go(&p[1..], &t[1..]),
        }
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    go(&p, &t)
}

/// Runs `name` with `args`; returns its exit status.
pub fn run(name: &str, args: &[String], p: &mut Process<'_>, io: &mut Io<'_>) -> Result<i32, Stop> {
    match name {
        "true" | ":" | "wait" => Ok(0),
        "false" => Ok(1),
        "echo" => Ok(echo(args, io)),
        "printf" => Ok(printf(args, io)),
        "date" => Ok(date(args, p, io)),
        "sleep" => sleep(args, p, io),
        "cat" => Ok(each_input(args, p, io, "cat", |t| t.to_string())),
        "rev" => Ok(each_input(args, p, io, "rev", |t| {
            t.lines()
                .map(|l| l.chars().rev().collect::<String>() + "\n")
                .collect()
        })),
        "head" | "tail" => lines_of(name, args, p, io),
        "wc" => Ok(wc(args, p, io)),
        "seq" => Ok(seq(args, io)),
        "test" => Ok(test(args, p, io.cwd, false)),
        "[" => {
            if args.last().map(String::as_str) != Some("]") {
                io.err.push_str(&format!("{}: [: missing ]\n", io.shell));
                return Ok(2);
            }
            Ok(test(&args[..args.len() - 1], p, io.cwd, false))
        }
        "hostname" => {
            let h = p.getenv("HOSTNAME").unwrap_or("localhost").to_string();
            io.out.push_str(&h);
            io.out.push('\n');
            Ok(0)
        }
        "env" | "printenv" => {
            if let Some(var) = args.first().filter(|_| name == "printenv") {
                return Ok(match p.getenv(var) {
                    Some(v) => {
                        io.out.push_str(v);
                        io.out.push('\n');
                        0
                    }
                    None => 1,
                });
            }
            for (k, v) in &p.env {
                io.out.push_str(&format!("{k}={v}\n"));
            }
            Ok(0)
        }
        "touch" => {
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                let path = absolute(io.cwd, a);
                p.files.entry(path).or_default();
            }
            Ok(0)
        }
        "mkdir" => {
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                let path = absolute(io.cwd, a);
                p.files.entry(format!("{path}/.")).or_default();
            }
            Ok(0)
        }
        "rm" => {
            for a in args.iter().filter(|a| !a.starts_with('-')) {
                let path = absolute(io.cwd, a);
                p.files.remove(&path);
            }
            Ok(0)
        }
        "pwd" => {
            io.out.push_str(io.cwd);
            io.out.push('\n');
            Ok(0)
        }
        "basename" | "dirname" => {
            let Some(a) = args.first() else {
                io.err.push_str(&format!("{name}: missing operand\n"));
                return Ok(1);
            };
            let trimmed = a.trim_end_matches('/');
            let text = if name == "basename" {
                let base = trimmed.rsplit('/').next().unwrap_or(trimmed);
                match args.get(1) {
                    Some(suffix) if base != suffix => {
                        base.strip_suffix(suffix.as_str()).unwrap_or(base)
                    }
                    _ => base,
                }
                .to_string()
            } else {
                match trimmed.rfind('/') {
                    Some(0) => "/".to_string(),
                    Some(i) => trimmed[..i].to_string(),
                    None => ".".to_string(),
                }
            };
            io.out.push_str(&text);
            io.out.push('\n');
            Ok(0)
        }
        // A command podlab does not know takes no time and succeeds (validation names it).
        _ => Ok(0),
    }
}

fn echo(args: &[String], io: &mut Io<'_>) -> i32 {
    let mut newline = true;
    let mut escapes = false;
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a.len() > 1 && a.starts_with('-') && a[1..].chars().all(|c| "neE".contains(c)) {
            newline &= !a.contains('n');
            escapes = a.contains('e') || (escapes && !a.contains('E'));
            i += 1;
        } else {
            break;
        }
    }
    let text = args[i..].join(" ");
    if escapes {
        let (t, stop) = unescape(&text);
        io.out.push_str(&t);
        if stop {
            return 0;
        }
    } else {
        io.out.push_str(&text);
    }
    if newline {
        io.out.push('\n');
    }
    0
}

/// Backslash escapes; `true` when `\c` ends the output.
fn unescape(text: &str) -> (String, bool) {
    let mut out = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('r') => out.push('\r'),
            Some('\\') => out.push('\\'),
            Some('a') => out.push('\u{7}'),
            Some('e') => out.push('\u{1b}'),
            Some('c') => return (out, true),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    (out, false)
}

fn printf(args: &[String], io: &mut Io<'_>) -> i32 {
    let Some(format) = args.first() else {
        io.err
            .push_str("printf: usage: printf format [arguments]\n");
        return 2;
    };
    let (format, _) = unescape(format);
    let mut rest = args[1..].iter();
    let mut status = 0;
    loop {
        let mut used = false;
        let mut chars = format.chars().peekable();
        while let Some(c) = chars.next() {
            if c != '%' {
                io.out.push(c);
                continue;
            }
            let mut spec = String::new();
            while let Some(&n) = chars.peek() {
                if n.is_ascii_digit() || "-+ .0#".contains(n) {
                    spec.push(n);
                    chars.next();
                } else {
                    break;
                }
            }
            let Some(conv) = chars.next() else {
                io.out.push('%');
                break;
            };
            if conv == '%' {
                io.out.push('%');
                continue;
            }
            let arg = rest.next();
            used |= arg.is_some();
            let arg = arg.map(String::as_str).unwrap_or("");
            let (width, precision, left, zero) = spec_parts(&spec);
            let body = match conv {
                's' => match precision {
                    Some(p) => arg.chars().take(p).collect(),
                    None => arg.to_string(),
                },
                'd' | 'i' => match parse_int(arg) {
                    Some(n) => n.to_string(),
                    None => {
                        io.err.push_str(&format!("printf: {arg}: invalid number\n"));
                        status = 1;
                        "0".into()
                    }
                },
                'x' => parse_int(arg).map(|n| format!("{n:x}")).unwrap_or_default(),
                'f' => {
                    let v: f64 = arg.parse().unwrap_or(0.0);
                    format!("{v:.*}", precision.unwrap_or(6))
                }
                'c' => arg.chars().next().map(String::from).unwrap_or_default(),
                'b' => unescape(arg).0,
                _ => {
                    io.err
                        .push_str(&format!("printf: %{conv}: invalid directive\n"));
                    return 1;
                }
            };
            let pad = width.saturating_sub(body.chars().count());
            if left {
                io.out.push_str(&body);
                io.out.push_str(&" ".repeat(pad));
            } else if zero && conv != 's' {
                let (sign, digits) = match body.strip_prefix('-') {
                    Some(d) => ("-", d),
                    None => ("", body.as_str()),
                };
                io.out.push_str(sign);
                io.out.push_str(&"0".repeat(pad));
                io.out.push_str(digits);
            } else {
                io.out.push_str(&" ".repeat(pad));
                io.out.push_str(&body);
            }
        }
        if !used || rest.len() == 0 {
            return status;
        }
    }
}

fn spec_parts(spec: &str) -> (usize, Option<usize>, bool, bool) {
    let left = spec.contains('-');
    let flags_end = spec
        .find(|c: char| c.is_ascii_digit() && c != '0' || c == '.')
        .unwrap_or(spec.len());
    let zero = spec[..flags_end].contains('0');
    let rest = &spec[flags_end..];
    let (w, p) = match rest.split_once('.') {
        Some((w, p)) => (w, Some(p.parse().unwrap_or(0))),
        None => (rest, None),
    };
    (w.parse().unwrap_or(0), p, left, zero)
}

fn parse_int(s: &str) -> Option<i64> {
    let s = s.trim();
    if s.is_empty() {
        return Some(0);
    }
    s.parse().ok()
}

fn date(args: &[String], p: &Process<'_>, io: &mut Io<'_>) -> i32 {
    let Some(t) = chrono::DateTime::from_timestamp_millis(p.wall_ms()) else {
        return 1;
    };
    let format = args
        .iter()
        .find_map(|a| a.strip_prefix('+'))
        .unwrap_or("%a %b %e %H:%M:%S UTC %Y");
    use std::fmt::Write as _;
    let mut text = String::new();
    if write!(text, "{}", t.format(format)).is_err() {
        io.err
            .push_str(&format!("date: invalid format '{format}'\n"));
        return 1;
    }
    io.out.push_str(&text);
    io.out.push('\n');
    0
}

fn sleep(args: &[String], p: &mut Process<'_>, io: &mut Io<'_>) -> Result<i32, Stop> {
    if args.is_empty() {
        io.err.push_str("sleep: missing operand\n");
        return Ok(1);
    }
    let mut total: Option<u64> = Some(0);
    for a in args {
        match sleep_ms(a) {
            Some(Some(ms)) => total = total.map(|t| t.saturating_add(ms)),
            Some(None) => total = None,
            None => {
                io.err
                    .push_str(&format!("sleep: invalid time interval '{a}'\n"));
                return Ok(1);
            }
        }
    }
    p.sleep(total)?;
    Ok(0)
}

/// `sleep` operands: seconds with an optional fraction and `s`/`m`/`h`/`d`; `infinity`.
/// `Some(None)` never ends; `None` is refused.
pub fn sleep_ms(arg: &str) -> Option<Option<u64>> {
    if arg == "infinity" || arg == "inf" {
        return Some(None);
    }
    let (num, factor) = match arg.chars().last()? {
        's' => (&arg[..arg.len() - 1], 1_000.0),
        'm' => (&arg[..arg.len() - 1], 60_000.0),
        'h' => (&arg[..arg.len() - 1], 3_600_000.0),
        'd' => (&arg[..arg.len() - 1], 86_400_000.0),
        _ => (arg, 1_000.0),
    };
    let value: f64 = num.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some(Some((value * factor).min(1e15).round() as u64))
}

/// The text of each file operand (or standard input), transformed.
fn each_input(
    args: &[String],
    p: &Process<'_>,
    io: &mut Io<'_>,
    name: &str,
    f: impl Fn(&str) -> String,
) -> i32 {
    let files: Vec<&String> = args
        .iter()
        .filter(|a| !a.starts_with('-') || a.as_str() == "-")
        .collect();
    if files.is_empty() {
        let text = f(io.stdin.unwrap_or(""));
        io.out.push_str(&text);
        return 0;
    }
    let mut status = 0;
    for file in files {
        if file == "-" {
            let text = f(io.stdin.unwrap_or(""));
            io.out.push_str(&text);
            continue;
        }
        let path = absolute(io.cwd, file);
        match read(p, &path) {
            Some(text) => {
                let out = f(&text);
                io.out.push_str(&out);
            }
            None => {
                let msg = if name == "rev" {
                    format!("rev: cannot open {file}: No such file or directory\n")
                } else {
                    format!("{name}: {file}: No such file or directory\n")
                };
                io.err.push_str(&msg);
                status = 1;
            }
        }
    }
    status
}

fn read(p: &Process<'_>, path: &str) -> Option<String> {
    if path == "/dev/null" {
        return Some(String::new());
    }
    p.files.get(path).cloned()
}

/// `head`/`tail [-n N] [FILE]`, and `tail -f`/`-F`, which follows forever.
fn lines_of(
    name: &str,
    args: &[String],
    p: &mut Process<'_>,
    io: &mut Io<'_>,
) -> Result<i32, Stop> {
    let mut n: usize = 10;
    let mut follow = false;
    let mut files = Vec::new();
    let mut i = 0;
    while let Some(a) = args.get(i) {
        if a == "-n" {
            n = args
                .get(i + 1)
                .and_then(|v| v.trim_start_matches('+').parse().ok())
                .unwrap_or(10);
            i += 1;
        } else if let Some(v) = a.strip_prefix("-n") {
            n = v.parse().unwrap_or(10);
        } else if a.starts_with('-') && a.len() > 1 {
            follow |= a.contains(['f', 'F']);
            if let Ok(v) = a[1..].parse() {
                n = v;
            }
        } else {
            files.push(a.clone());
        }
        i += 1;
    }
    let text = match files.first() {
        None => io.stdin.unwrap_or("").to_string(),
        Some(f) => match read(p, &absolute(io.cwd, f)) {
            Some(t) => t,
            None if follow && a_retry(args) => String::new(),
            None => {
                io.err.push_str(&format!(
                    "{name}: cannot open '{f}' for reading: No such file or directory\n"
                ));
                if !follow {
                    return Ok(1);
                }
                String::new()
            }
        },
    };
    let lines: Vec<&str> = text.lines().collect();
    let chosen = if name == "head" {
        &lines[..n.min(lines.len())]
    } else {
        &lines[lines.len().saturating_sub(n)..]
    };
    for l in chosen {
        io.out.push_str(l);
        io.out.push('\n');
    }
    if follow {
        // Following never ends; what other containers append later is read by `kubectl logs`.
        return Err(Stop::Forever);
    }
    Ok(0)
}

/// `tail -F` (and `--retry`) waits for a file that does not exist yet.
fn a_retry(args: &[String]) -> bool {
    args.iter()
        .any(|a| a == "--retry" || (a.starts_with('-') && !a.starts_with("--") && a.contains('F')))
}

fn wc(args: &[String], p: &Process<'_>, io: &mut Io<'_>) -> i32 {
    let flags: String = args
        .iter()
        .filter(|a| a.starts_with('-'))
        .map(|a| &a[1..])
        .collect();
    let file = args.iter().find(|a| !a.starts_with('-'));
    let text = match file {
        None => io.stdin.unwrap_or("").to_string(),
        Some(f) => match read(p, &absolute(io.cwd, f)) {
            Some(t) => t,
            None => {
                io.err
                    .push_str(&format!("wc: {f}: No such file or directory\n"));
                return 1;
            }
        },
    };
    let counts = [
        ('l', text.matches('\n').count()),
        ('w', text.split_whitespace().count()),
        ('c', text.len()),
    ];
    let shown: Vec<String> = counts
        .iter()
        .filter(|(f, _)| flags.is_empty() || flags.contains(*f))
        .map(|(_, n)| n.to_string())
        .collect();
    let mut line = shown.join(" ");
    if let Some(f) = file {
        line.push(' ');
        line.push_str(f);
    }
    io.out.push_str(&line);
    io.out.push('\n');
    0
}

fn seq(args: &[String], io: &mut Io<'_>) -> i32 {
    let nums: Vec<i64> = args.iter().filter_map(|a| a.parse().ok()).collect();
    let (first, step, last) = match nums.as_slice() {
        [l] => (1, 1, *l),
        [f, l] => (*f, 1, *l),
        [f, s, l] => (*f, *s, *l),
        _ => {
            io.err.push_str("seq: missing operand\n");
            return 1;
        }
    };
    if step == 0 {
        io.err.push_str("seq: invalid Zero increment value: '0'\n");
        return 1;
    }
    let mut v = first;
    let mut count = 0;
    while (step > 0 && v <= last) || (step < 0 && v >= last) {
        io.out.push_str(&v.to_string());
        io.out.push('\n');
        v += step;
        count += 1;
        if count >= super::STEP_LIMIT {
            break;
        }
    }
    0
}

/// `test` / `[` / `[[`: 0 when the expression holds, 1 when not, 2 when it cannot be read.
pub fn test(args: &[String], p: &Process<'_>, cwd: &str, double: bool) -> i32 {
    match eval_test(args, p, cwd, double) {
        Some(true) => 0,
        Some(false) => 1,
        None => 2,
    }
}

fn eval_test(args: &[String], p: &Process<'_>, cwd: &str, double: bool) -> Option<bool> {
    if let Some(i) = args.iter().position(|a| a == "-o" || (double && a == "||")) {
        return Some(
            eval_test(&args[..i], p, cwd, double)? || eval_test(&args[i + 1..], p, cwd, double)?,
        );
    }
    if let Some(i) = args.iter().position(|a| a == "-a" || (double && a == "&&")) {
        return Some(
            eval_test(&args[..i], p, cwd, double)? && eval_test(&args[i + 1..], p, cwd, double)?,
        );
    }
    let a: Vec<&str> = args.iter().map(String::as_str).collect();
    match a.as_slice() {
        [] => Some(false),
        ["!", rest @ ..] => eval_test(
            &rest.iter().map(|s| s.to_string()).collect::<Vec<_>>(),
            p,
            cwd,
            double,
        )
        .map(|b| !b),
        [s] => Some(!s.is_empty()),
        [op, x] => {
            let path = absolute(cwd, x);
            Some(match *op {
                "-z" => x.is_empty(),
                "-n" => !x.is_empty(),
                "-f" => p.files.contains_key(&path),
                "-s" => p.files.get(&path).is_some_and(|f| !f.is_empty()),
                "-e" => p.files.contains_key(&path) || dir_exists(p, &path),
                "-d" => dir_exists(p, &path),
                _ => return None,
            })
        }
        [l, op, r] => {
            let ints = || Some((l.trim().parse::<i64>().ok()?, r.trim().parse::<i64>().ok()?));
            Some(match *op {
                "=" | "==" if double => glob(r, l),
                "=" | "==" => l == r,
                "!=" if double => !glob(r, l),
                "!=" => l != r,
                "<" => l < r,
                ">" => l > r,
                "-eq" => ints().map(|(a, b)| a == b)?,
                "-ne" => ints().map(|(a, b)| a != b)?,
                "-lt" => ints().map(|(a, b)| a < b)?,
                "-le" => ints().map(|(a, b)| a <= b)?,
                "-gt" => ints().map(|(a, b)| a > b)?,
                "-ge" => ints().map(|(a, b)| a >= b)?,
                _ => return None,
            })
        }
        _ => None,
    }
}
