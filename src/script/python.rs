//! The `python3 -c` subset: `import os, sys, time`, assignments, `if`/`elif`/`else`, `while`,
//! `for … in range(…)`, `print`, `int()`/`str()`/`float()`/`len()`, `os.environ.get`,
//! `os.getenv`, `sys.exit`, `time.sleep`, arithmetic and comparisons with Python's rules, and
//! uncaught exceptions printed as CPython prints them (exit code 1).

use super::{unsupported, Context, Process, Run, Stop, Unsupported};

/// A parsed program.
#[derive(Debug)]
pub struct Program {
    body: Vec<Line>,
}

#[derive(Debug)]
enum Stmt {
    Import,
    Pass,
    Break,
    Continue,
    Assign(String, Option<&'static str>, Expr),
    Expr(Expr),
    If(Vec<(Expr, Vec<Line>)>, Vec<Line>),
    While(Expr, Vec<Line>),
    For(String, Expr, Vec<Line>),
}

/// A statement with its line (for tracebacks).
#[derive(Debug)]
struct Line {
    no: usize,
    stmt: Stmt,
}

#[derive(Debug, Clone)]
enum Expr {
    Const(V),
    Name(String),
    FStr(Vec<FPart>),
    Attr(Box<Expr>, String),
    Call(Box<Expr>, Vec<Expr>, Vec<(String, Expr)>),
    Index(Box<Expr>, Box<Expr>),
    List(Vec<Expr>),
    Unary(&'static str, Box<Expr>),
    Bin(&'static str, Box<Expr>, Box<Expr>),
    Compare(Box<Expr>, Vec<(&'static str, Expr)>),
    And(Box<Expr>, Box<Expr>),
    Or(Box<Expr>, Box<Expr>),
    IfElse(Box<Expr>, Box<Expr>, Box<Expr>),
}

#[derive(Debug, Clone)]
enum FPart {
    Text(String),
    Expr(Expr),
}

/// A Python value.
#[derive(Debug, Clone, PartialEq)]
enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<V>),
    /// A module or a built-in function, by its dotted name.
    Builtin(String),
    /// A string's method bound to the string (`"a b".split`).
    Method(Box<V>, String),
}

// ---------------------------------------------------------------- lexing

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Name(String),
    Int(i64),
    Float(f64),
    Str(String),
    FStr(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "**=", "//=", "**", "//", "==", "!=", "<=", ">=", "+=", "-=", "*=", "/=", "%=", "+", "-", "*",
    "/", "%", "<", ">", "=", "(", ")", "[", "]", ",", ":", ".",
];

fn lex_line(text: &str, no: usize) -> Result<Vec<Tok>, Unsupported> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == ' ' || c == '\t' {
            i += 1;
        } else if c == '#' {
            break;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len()
                && (chars[i].is_ascii_alphanumeric() || chars[i] == '.' || chars[i] == '_')
            {
                i += 1;
            }
            let t: String = chars[start..i].iter().filter(|c| **c != '_').collect();
            if let Ok(n) = t.parse::<i64>() {
                out.push(Tok::Int(n));
            } else if let Ok(f) = t.parse::<f64>() {
                out.push(Tok::Float(f));
            } else {
                return Err(unsupported(format!("the Python number `{t}` (line {no})")));
            }
        } else if c.is_alphabetic() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let prefix = word.to_ascii_lowercase();
            if i < chars.len()
                && (chars[i] == '"' || chars[i] == '\'')
                && matches!(prefix.as_str(), "f" | "r" | "rf" | "fr")
            {
                let (s, next) = string(&chars, i, no, prefix.contains('r'))?;
                i = next;
                out.push(if prefix.contains('f') {
                    Tok::FStr(s)
                } else {
                    Tok::Str(s)
                });
            } else {
                out.push(Tok::Name(word));
            }
        } else if c == '"' || c == '\'' {
            let (s, next) = string(&chars, i, no, false)?;
            i = next;
            out.push(Tok::Str(s));
        } else {
            let rest: String = chars[i..chars.len().min(i + 3)].iter().collect();
            match OPS.iter().find(|o| rest.starts_with(**o)) {
                Some(op) => {
                    out.push(Tok::Op(op));
                    i += op.len();
                }
                None => return Err(unsupported(format!("Python's `{c}` (line {no})"))),
            }
        }
    }
    Ok(out)
}

fn string(
    chars: &[char],
    start: usize,
    no: usize,
    raw: bool,
) -> Result<(String, usize), Unsupported> {
    let q = chars[start];
    if chars.get(start + 1) == Some(&q) && chars.get(start + 2) == Some(&q) {
        return Err(unsupported(format!(
            "Python's triple-quoted strings (line {no})"
        )));
    }
    let mut s = String::new();
    let mut i = start + 1;
    while i < chars.len() {
        let c = chars[i];
        if c == q {
            return Ok((s, i + 1));
        }
        if c == '\\' && !raw {
            i += 1;
            match chars.get(i) {
                Some('n') => s.push('\n'),
                Some('t') => s.push('\t'),
                Some('\\') => s.push('\\'),
                Some('\'') => s.push('\''),
                Some('"') => s.push('"'),
                Some(o) => {
                    s.push('\\');
                    s.push(*o);
                }
                None => {}
            }
        } else {
            s.push(c);
        }
        i += 1;
    }
    Err(unsupported(format!(
        "an unclosed Python string (line {no})"
    )))
}

// ---------------------------------------------------------------- parsing

/// Parses a program, refusing anything outside the subset.
pub fn parse(source: &str) -> Result<Program, Unsupported> {
    let mut lines = Vec::new();
    for (i, raw) in source.lines().enumerate() {
        let text = raw.trim_end();
        let content = text.trim_start();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if text.ends_with('\\') || content.starts_with("\"\"\"") {
            return Err(unsupported(format!(
                "Python's line continuations (line {})",
                i + 1
            )));
        }
        let indent = text.len() - content.len();
        lines.push((indent, i + 1, lex_line(content, i + 1)?));
    }
    // Python allows the whole program to be indented by the same amount only when it is not;
    // a YAML block scalar has already removed the common indentation.
    let mut at = 0;
    let base = lines.first().map_or(0, |l| l.0);
    if base != 0 {
        return Err(unsupported(
            "a Python program whose first line is indented (IndentationError)",
        ));
    }
    let body = block(&lines, &mut at, 0)?;
    if at < lines.len() {
        return Err(unsupported(format!(
            "Python's indentation (line {})",
            lines[at].1
        )));
    }
    Ok(Program { body })
}

type Lines = [(usize, usize, Vec<Tok>)];

fn block(lines: &Lines, at: &mut usize, indent: usize) -> Result<Vec<Line>, Unsupported> {
    let mut out = Vec::new();
    while let Some((ind, no, toks)) = lines.get(*at) {
        if *ind < indent {
            break;
        }
        if *ind > indent {
            return Err(unsupported(format!("Python's indentation (line {no})")));
        }
        *at += 1;
        let stmt = statement(lines, at, indent, *no, toks)?;
        out.push(Line { no: *no, stmt });
    }
    Ok(out)
}

/// The indented block after a `:` line, or the rest of that line.
fn suite(
    lines: &Lines,
    at: &mut usize,
    indent: usize,
    no: usize,
    rest: &[Tok],
) -> Result<Vec<Line>, Unsupported> {
    if !rest.is_empty() {
        return Ok(vec![Line {
            no,
            stmt: simple(rest, no)?,
        }]);
    }
    match lines.get(*at) {
        Some((ind, _, _)) if *ind > indent => {
            let inner = *ind;
            block(lines, at, inner)
        }
        _ => Err(unsupported(format!(
            "a Python block without a body (line {no})"
        ))),
    }
}

fn split_colon(toks: &[Tok], no: usize) -> Result<(&[Tok], &[Tok]), Unsupported> {
    let mut depth = 0i32;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Op("(" | "[") => depth += 1,
            Tok::Op(")" | "]") => depth -= 1,
            Tok::Op(":") if depth == 0 => return Ok((&toks[..i], &toks[i + 1..])),
            _ => {}
        }
    }
    Err(unsupported(format!(
        "a Python compound statement without `:` (line {no})"
    )))
}

fn statement(
    lines: &Lines,
    at: &mut usize,
    indent: usize,
    no: usize,
    toks: &[Tok],
) -> Result<Stmt, Unsupported> {
    let keyword = match toks.first() {
        Some(Tok::Name(n)) => n.as_str(),
        _ => "",
    };
    match keyword {
        "if" => {
            let (cond, rest) = split_colon(&toks[1..], no)?;
            let mut branches = vec![(expr_all(cond, no)?, suite(lines, at, indent, no, rest)?)];
            let mut otherwise = Vec::new();
            while let Some((ind, no2, next)) = lines.get(*at) {
                if *ind != indent {
                    break;
                }
                match next.first() {
                    Some(Tok::Name(n)) if n == "elif" => {
                        *at += 1;
                        let (cond, rest) = split_colon(&next[1..], *no2)?;
                        branches
                            .push((expr_all(cond, *no2)?, suite(lines, at, indent, *no2, rest)?));
                    }
                    Some(Tok::Name(n)) if n == "else" => {
                        *at += 1;
                        let (_, rest) = split_colon(&next[1..], *no2)?;
                        otherwise = suite(lines, at, indent, *no2, rest)?;
                        break;
                    }
                    _ => break,
                }
            }
            Ok(Stmt::If(branches, otherwise))
        }
        "while" => {
            let (cond, rest) = split_colon(&toks[1..], no)?;
            Ok(Stmt::While(
                expr_all(cond, no)?,
                suite(lines, at, indent, no, rest)?,
            ))
        }
        "for" => {
            let (head, rest) = split_colon(&toks[1..], no)?;
            let (Some(Tok::Name(var)), Some(Tok::Name(kw))) = (head.first(), head.get(1)) else {
                return Err(unsupported(format!("this Python `for` (line {no})")));
            };
            if kw != "in" {
                return Err(unsupported(format!("this Python `for` (line {no})")));
            }
            Ok(Stmt::For(
                var.clone(),
                expr_all(&head[2..], no)?,
                suite(lines, at, indent, no, rest)?,
            ))
        }
        "elif" | "else" => Err(unsupported(format!(
            "a Python `{keyword}` without `if` (line {no})"
        ))),
        _ => simple(toks, no),
    }
}

const MODULES: &[&str] = &["os", "sys", "time"];

fn simple(toks: &[Tok], no: usize) -> Result<Stmt, Unsupported> {
    match toks.first() {
        Some(Tok::Name(n)) if n == "import" || n == "from" => {
            for t in &toks[1..] {
                if let Tok::Name(m) = t {
                    if !MODULES.contains(&m.as_str()) && m != "import" {
                        return Err(unsupported(format!("Python's module `{m}` (line {no})")));
                    }
                }
            }
            if n == "from" {
                return Err(unsupported(format!("Python's `from … import` (line {no})")));
            }
            return Ok(Stmt::Import);
        }
        Some(Tok::Name(n)) if n == "pass" && toks.len() == 1 => return Ok(Stmt::Pass),
        Some(Tok::Name(n)) if n == "break" && toks.len() == 1 => return Ok(Stmt::Break),
        Some(Tok::Name(n)) if n == "continue" && toks.len() == 1 => return Ok(Stmt::Continue),
        Some(Tok::Name(n))
            if matches!(
                n.as_str(),
                "def"
                    | "class"
                    | "try"
                    | "with"
                    | "raise"
                    | "return"
                    | "lambda"
                    | "global"
                    | "assert"
                    | "del"
                    | "async"
                    | "yield"
            ) =>
        {
            return Err(unsupported(format!("Python's `{n}` (line {no})")));
        }
        _ => {}
    }
    if let (Some(Tok::Name(name)), Some(Tok::Op(op))) = (toks.first(), toks.get(1)) {
        let aug = match *op {
            "=" => Some(None),
            "+=" => Some(Some("+")),
            "-=" => Some(Some("-")),
            "*=" => Some(Some("*")),
            "/=" => Some(Some("/")),
            "//=" => Some(Some("//")),
            "%=" => Some(Some("%")),
            "**=" => Some(Some("**")),
            _ => None,
        };
        if let Some(aug) = aug {
            return Ok(Stmt::Assign(name.clone(), aug, expr_all(&toks[2..], no)?));
        }
    }
    if toks.contains(&Tok::Op("=")) {
        return Err(unsupported(format!("this Python assignment (line {no})")));
    }
    Ok(Stmt::Expr(expr_all(toks, no)?))
}

fn expr_all(toks: &[Tok], no: usize) -> Result<Expr, Unsupported> {
    let mut p = EP { toks, at: 0, no };
    let e = p.ternary()?;
    if p.at != toks.len() {
        return Err(unsupported(format!(
            "Python syntax podlab does not read (line {no})"
        )));
    }
    Ok(e)
}

struct EP<'t> {
    toks: &'t [Tok],
    at: usize,
    no: usize,
}

impl EP<'_> {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn eat_op(&mut self, op: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Op(o)) if *o == op) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn eat_name(&mut self, name: &str) -> bool {
        if matches!(self.peek(), Some(Tok::Name(n)) if n == name) {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn err(&self) -> Unsupported {
        unsupported(format!(
            "Python syntax podlab does not read (line {})",
            self.no
        ))
    }

    fn ternary(&mut self) -> Result<Expr, Unsupported> {
        let e = self.or()?;
        if self.eat_name("if") {
            let c = self.or()?;
            if !self.eat_name("else") {
                return Err(self.err());
            }
            let o = self.ternary()?;
            return Ok(Expr::IfElse(Box::new(c), Box::new(e), Box::new(o)));
        }
        Ok(e)
    }

    fn or(&mut self) -> Result<Expr, Unsupported> {
        let mut l = self.and()?;
        while self.eat_name("or") {
            l = Expr::Or(Box::new(l), Box::new(self.and()?));
        }
        Ok(l)
    }

    fn and(&mut self) -> Result<Expr, Unsupported> {
        let mut l = self.not()?;
        while self.eat_name("and") {
            l = Expr::And(Box::new(l), Box::new(self.not()?));
        }
        Ok(l)
    }

    fn not(&mut self) -> Result<Expr, Unsupported> {
        if self.eat_name("not") {
            return Ok(Expr::Unary("not", Box::new(self.not()?)));
        }
        self.compare()
    }

    fn compare(&mut self) -> Result<Expr, Unsupported> {
        let first = self.sum()?;
        let mut rest = Vec::new();
        loop {
            let op = match self.peek() {
                Some(Tok::Op(o @ ("==" | "!=" | "<" | ">" | "<=" | ">="))) => *o,
                Some(Tok::Name(n)) if n == "in" => "in",
                Some(Tok::Name(n)) if n == "is" => "is",
                Some(Tok::Name(n))
                    if n == "not"
                        && matches!(self.toks.get(self.at + 1), Some(Tok::Name(m)) if m == "in") =>
                {
                    self.at += 1;
                    "not in"
                }
                _ => break,
            };
            self.at += 1;
            let op = if op == "is" && self.eat_name("not") {
                "is not"
            } else {
                op
            };
            rest.push((op, self.sum()?));
        }
        Ok(if rest.is_empty() {
            first
        } else {
            Expr::Compare(Box::new(first), rest)
        })
    }

    fn sum(&mut self) -> Result<Expr, Unsupported> {
        let mut l = self.term()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op(o @ ("+" | "-"))) => *o,
                _ => return Ok(l),
            };
            self.at += 1;
            l = Expr::Bin(op, Box::new(l), Box::new(self.term()?));
        }
    }

    fn term(&mut self) -> Result<Expr, Unsupported> {
        let mut l = self.unary()?;
        loop {
            let op = match self.peek() {
                Some(Tok::Op(o @ ("*" | "/" | "//" | "%"))) => *o,
                _ => return Ok(l),
            };
            self.at += 1;
            l = Expr::Bin(op, Box::new(l), Box::new(self.unary()?));
        }
    }

    fn unary(&mut self) -> Result<Expr, Unsupported> {
        if self.eat_op("-") {
            return Ok(Expr::Unary("-", Box::new(self.unary()?)));
        }
        if self.eat_op("+") {
            return Ok(Expr::Unary("+", Box::new(self.unary()?)));
        }
        self.power()
    }

    fn power(&mut self) -> Result<Expr, Unsupported> {
        let base = self.postfix()?;
        if self.eat_op("**") {
            return Ok(Expr::Bin("**", Box::new(base), Box::new(self.unary()?)));
        }
        Ok(base)
    }

    fn postfix(&mut self) -> Result<Expr, Unsupported> {
        let mut e = self.atom()?;
        loop {
            if self.eat_op(".") {
                let Some(Tok::Name(attr)) = self.peek().cloned() else {
                    return Err(self.err());
                };
                self.at += 1;
                if let Expr::Name(m) = &e {
                    let known = match m.as_str() {
                        "os" => matches!(attr.as_str(), "environ" | "getenv"),
                        "sys" => matches!(attr.as_str(), "exit" | "stdout" | "stderr" | "argv"),
                        "time" => matches!(attr.as_str(), "sleep" | "time"),
                        _ => true,
                    };
                    if !known {
                        return Err(unsupported(format!(
                            "Python's `{m}.{attr}` (line {})",
                            self.no
                        )));
                    }
                }
                e = Expr::Attr(Box::new(e), attr);
            } else if self.eat_op("(") {
                let mut args = Vec::new();
                let mut kwargs = Vec::new();
                while !self.eat_op(")") {
                    if let (Some(Tok::Name(k)), Some(Tok::Op("="))) =
                        (self.peek().cloned(), self.toks.get(self.at + 1))
                    {
                        self.at += 2;
                        kwargs.push((k, self.ternary()?));
                    } else {
                        args.push(self.ternary()?);
                    }
                    if !self.eat_op(",") {
                        if !self.eat_op(")") {
                            return Err(self.err());
                        }
                        break;
                    }
                }
                e = Expr::Call(Box::new(e), args, kwargs);
            } else if self.eat_op("[") {
                let i = self.ternary()?;
                if !self.eat_op("]") {
                    return Err(unsupported(format!("Python's slices (line {})", self.no)));
                }
                e = Expr::Index(Box::new(e), Box::new(i));
            } else {
                return Ok(e);
            }
        }
    }

    fn atom(&mut self) -> Result<Expr, Unsupported> {
        let t = self.peek().cloned().ok_or_else(|| self.err())?;
        self.at += 1;
        Ok(match t {
            Tok::Int(n) => Expr::Const(V::Int(n)),
            Tok::Float(f) => Expr::Const(V::Float(f)),
            Tok::Str(s) => {
                let mut s = s;
                while let Some(Tok::Str(next)) = self.peek().cloned() {
                    self.at += 1;
                    s.push_str(&next);
                }
                Expr::Const(V::Str(s))
            }
            Tok::FStr(s) => Expr::FStr(fstring(&s, self.no)?),
            Tok::Name(n) => match n.as_str() {
                "None" => Expr::Const(V::None),
                "True" => Expr::Const(V::Bool(true)),
                "False" => Expr::Const(V::Bool(false)),
                "lambda" | "yield" | "await" => {
                    return Err(unsupported(format!("Python's `{n}` (line {})", self.no)))
                }
                _ => Expr::Name(n),
            },
            Tok::Op("(") => {
                let e = self.ternary()?;
                if !self.eat_op(")") {
                    return Err(unsupported(format!("Python's tuples (line {})", self.no)));
                }
                e
            }
            Tok::Op("[") => {
                let mut items = Vec::new();
                while !self.eat_op("]") {
                    items.push(self.ternary()?);
                    if self.eat_name("for") {
                        return Err(unsupported(format!(
                            "Python's comprehensions (line {})",
                            self.no
                        )));
                    }
                    if !self.eat_op(",") {
                        if !self.eat_op("]") {
                            return Err(self.err());
                        }
                        break;
                    }
                }
                Expr::List(items)
            }
            _ => return Err(self.err()),
        })
    }
}

fn fstring(s: &str, no: usize) -> Result<Vec<FPart>, Unsupported> {
    let mut parts = Vec::new();
    let mut text = String::new();
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                text.push('}');
            }
            '{' => {
                let mut inner = String::new();
                for n in chars.by_ref() {
                    if n == '}' {
                        break;
                    }
                    inner.push(n);
                }
                if inner.contains([':', '!']) {
                    return Err(unsupported(format!("f-string format specs (line {no})")));
                }
                parts.push(FPart::Text(std::mem::take(&mut text)));
                parts.push(FPart::Expr(expr_all(&lex_line(&inner, no)?, no)?));
            }
            c => text.push(c),
        }
    }
    parts.push(FPart::Text(text));
    Ok(parts)
}

// ---------------------------------------------------------------- running

/// Why a block stopped.
enum Flow {
    Next,
    Break,
    Continue,
}

/// An exception, and the line it was raised on.
struct Raise {
    kind: &'static str,
    message: String,
}

enum Halt {
    Stop(Stop),
    Raise(Raise, usize),
}

struct Interp<'c> {
    p: Process<'c>,
    vars: std::collections::BTreeMap<String, V>,
    line: usize,
}

/// Runs a parsed program.
pub fn run(program: &Program, ctx: &Context) -> Run {
    let mut it = Interp {
        p: Process::new(ctx),
        vars: Default::default(),
        line: 1,
    };
    let end = match it.block(&program.body) {
        Ok(_) => Ok(0),
        Err(Halt::Stop(s)) => Err(s),
        Err(Halt::Raise(r, line)) => {
            let text = format!(
                "Traceback (most recent call last):\n  File \"<string>\", line {line}, in <module>\n{}: {}\n",
                r.kind, r.message
            );
            it.p.print(&text);
            Ok(1)
        }
    };
    it.p.finish(end)
}

fn raise(kind: &'static str, message: impl Into<String>) -> Raise {
    Raise {
        kind,
        message: message.into(),
    }
}

impl Interp<'_> {
    fn block(&mut self, lines: &[Line]) -> Result<Flow, Halt> {
        for l in lines {
            self.line = l.no;
            match self.stmt(&l.stmt)? {
                Flow::Next => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Next)
    }

    fn body(&mut self, lines: &[Line]) -> Result<Flow, Halt> {
        self.block(lines)
    }

    fn step(&mut self) -> Result<(), Halt> {
        self.p.step().map_err(Halt::Stop)
    }

    fn stmt(&mut self, s: &Stmt) -> Result<Flow, Halt> {
        self.step()?;
        let line = self.line;
        let r = match s {
            Stmt::Import | Stmt::Pass => Ok(Flow::Next),
            Stmt::Break => Ok(Flow::Break),
            Stmt::Continue => Ok(Flow::Continue),
            Stmt::Assign(name, aug, e) => {
                let v = self.eval(e)?;
                let v = match aug {
                    None => v,
                    Some(op) => {
                        let old = self.name(name)?;
                        binary(op, old, v).map_err(|r| Halt::Raise(r, line))?
                    }
                };
                self.vars.insert(name.clone(), v);
                Ok(Flow::Next)
            }
            Stmt::Expr(e) => self.eval(e).map(|_| Flow::Next),
            Stmt::If(branches, otherwise) => {
                for (c, body) in branches {
                    if truthy(&self.eval(c)?) {
                        return self.body(body);
                    }
                }
                self.body(otherwise)
            }
            Stmt::While(c, body) => {
                while truthy(&self.eval(c)?) {
                    self.step()?;
                    if let Flow::Break = self.body(body)? {
                        break;
                    }
                }
                Ok(Flow::Next)
            }
            Stmt::For(var, e, body) => {
                let items = match self.eval(e)? {
                    V::List(items) => items,
                    V::Str(s) => s.chars().map(|c| V::Str(c.to_string())).collect(),
                    other => {
                        return Err(self.raise(raise(
                            "TypeError",
                            format!("'{}' object is not iterable", type_name(&other)),
                        )));
                    }
                };
                for item in items {
                    self.step()?;
                    self.vars.insert(var.clone(), item);
                    if let Flow::Break = self.body(body)? {
                        break;
                    }
                }
                Ok(Flow::Next)
            }
        };
        r
    }

    fn raise(&self, r: Raise) -> Halt {
        Halt::Raise(r, self.line)
    }

    fn name(&self, n: &str) -> Result<V, Halt> {
        if let Some(v) = self.vars.get(n) {
            return Ok(v.clone());
        }
        if MODULES.contains(&n)
            || matches!(
                n,
                "print"
                    | "int"
                    | "str"
                    | "float"
                    | "len"
                    | "range"
                    | "abs"
                    | "min"
                    | "max"
                    | "bool"
                    | "exit"
                    | "quit"
            )
        {
            return Ok(V::Builtin(n.to_string()));
        }
        Err(self.raise(raise("NameError", format!("name '{n}' is not defined"))))
    }

    fn eval(&mut self, e: &Expr) -> Result<V, Halt> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Name(n) => self.name(n),
            Expr::FStr(parts) => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        FPart::Text(t) => s.push_str(t),
                        FPart::Expr(e) => s.push_str(&to_str(&self.eval(e)?)),
                    }
                }
                Ok(V::Str(s))
            }
            Expr::Attr(base, attr) => {
                let b = self.eval(base)?;
                match b {
                    V::Builtin(path) => Ok(V::Builtin(format!("{path}.{attr}"))),
                    V::Str(_)
                        if matches!(
                            attr.as_str(),
                            "upper"
                                | "lower"
                                | "strip"
                                | "split"
                                | "format"
                                | "startswith"
                                | "endswith"
                        ) =>
                    {
                        Ok(V::Method(Box::new(b), attr.clone()))
                    }
                    other => Err(self.raise(raise(
                        "AttributeError",
                        format!("'{}' object has no attribute '{attr}'", type_name(&other)),
                    ))),
                }
            }
            Expr::Call(f, args, kwargs) => {
                let f = self.eval(f)?;
                let mut a = Vec::new();
                for x in args {
                    a.push(self.eval(x)?);
                }
                let mut kw = Vec::new();
                for (k, x) in kwargs {
                    kw.push((k.as_str(), self.eval(x)?));
                }
                self.call(f, a, kw)
            }
            Expr::Index(base, index) => {
                let b = self.eval(base)?;
                let i = self.eval(index)?;
                match (&b, &i) {
                    (V::Builtin(p), V::Str(k)) if p == "os.environ" => match self.p.getenv(k) {
                        Some(v) => Ok(V::Str(v.to_string())),
                        None => Err(self.raise(raise("KeyError", format!("'{k}'")))),
                    },
                    (V::List(items), V::Int(n)) => {
                        let idx = if *n < 0 { items.len() as i64 + n } else { *n };
                        items
                            .get(idx as usize)
                            .cloned()
                            .filter(|_| idx >= 0)
                            .ok_or_else(|| {
                                self.raise(raise("IndexError", "list index out of range"))
                            })
                    }
                    (V::Str(s), V::Int(n)) => {
                        let chars: Vec<char> = s.chars().collect();
                        let idx = if *n < 0 { chars.len() as i64 + n } else { *n };
                        chars
                            .get(idx as usize)
                            .filter(|_| idx >= 0)
                            .map(|c| V::Str(c.to_string()))
                            .ok_or_else(|| {
                                self.raise(raise("IndexError", "string index out of range"))
                            })
                    }
                    _ => Err(self.raise(raise(
                        "TypeError",
                        format!("'{}' object is not subscriptable", type_name(&b)),
                    ))),
                }
            }
            Expr::List(items) => {
                let mut out = Vec::new();
                for x in items {
                    out.push(self.eval(x)?);
                }
                Ok(V::List(out))
            }
            Expr::Unary(op, x) => {
                let v = self.eval(x)?;
                match (*op, v) {
                    ("not", v) => Ok(V::Bool(!truthy(&v))),
                    ("-", V::Int(n)) => Ok(V::Int(n.wrapping_neg())),
                    ("-", V::Bool(b)) => Ok(V::Int(-i64::from(b))),
                    ("-", V::Float(f)) => Ok(V::Float(-f)),
                    ("+", v @ (V::Int(_) | V::Float(_))) => Ok(v),
                    (op, v) => Err(self.raise(raise(
                        "TypeError",
                        format!("bad operand type for unary {op}: '{}'", type_name(&v)),
                    ))),
                }
            }
            Expr::Bin(op, l, r) => {
                let l = self.eval(l)?;
                let r = self.eval(r)?;
                binary(op, l, r).map_err(|e| self.raise(e))
            }
            Expr::Compare(first, rest) => {
                let mut l = self.eval(first)?;
                for (op, x) in rest {
                    let r = self.eval(x)?;
                    if !compare(op, &l, &r).map_err(|e| self.raise(e))? {
                        return Ok(V::Bool(false));
                    }
                    l = r;
                }
                Ok(V::Bool(true))
            }
            Expr::And(l, r) => {
                let l = self.eval(l)?;
                if !truthy(&l) {
                    return Ok(l);
                }
                self.eval(r)
            }
            Expr::Or(l, r) => {
                let l = self.eval(l)?;
                if truthy(&l) {
                    return Ok(l);
                }
                self.eval(r)
            }
            Expr::IfElse(c, a, b) => {
                if truthy(&self.eval(c)?) {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
        }
    }

    fn call(&mut self, f: V, a: Vec<V>, kw: Vec<(&str, V)>) -> Result<V, Halt> {
        if let V::Method(recv, method) = f {
            let s = to_str(&recv);
            return Ok(str_method(&s, &method, &a));
        }
        let V::Builtin(name) = f else {
            return Err(self.raise(raise(
                "TypeError",
                format!("'{}' object is not callable", type_name(&f)),
            )));
        };
        let arg = |i: usize| a.get(i).cloned().unwrap_or(V::None);
        match name.as_str() {
            "print" => {
                let sep = kw
                    .iter()
                    .find(|(k, _)| *k == "sep")
                    .map_or(" ".to_string(), |(_, v)| to_str(v));
                let end = kw
                    .iter()
                    .find(|(k, _)| *k == "end")
                    .map_or("\n".to_string(), |(_, v)| to_str(v));
                let text = a.iter().map(to_str).collect::<Vec<_>>().join(&sep);
                self.p.print(&(text + &end));
                Ok(V::None)
            }
            "sys.stdout.write" | "sys.stderr.write" => {
                let s = to_str(&arg(0));
                self.p.print(&s);
                Ok(V::Int(s.chars().count() as i64))
            }
            "sys.stdout.flush" | "sys.stderr.flush" => Ok(V::None),
            "sys.exit" | "exit" | "quit" => {
                let code = match arg(0) {
                    V::None => 0,
                    V::Int(n) => (n & 0xff) as i32,
                    V::Bool(b) => i32::from(b),
                    other => {
                        self.p.print(&(to_str(&other) + "\n"));
                        1
                    }
                };
                Err(Halt::Stop(Stop::Exit(code)))
            }
            "time.sleep" => {
                let secs = match arg(0) {
                    V::Int(n) => n as f64,
                    V::Float(f) => f,
                    V::Bool(b) => f64::from(u8::from(b)),
                    other => {
                        return Err(self.raise(raise(
                            "TypeError",
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                type_name(&other)
                            ),
                        )))
                    }
                };
                if secs < 0.0 {
                    return Err(
                        self.raise(raise("ValueError", "sleep length must be non-negative"))
                    );
                }
                self.p
                    .sleep(Some((secs * 1000.0).round() as u64))
                    .map_err(Halt::Stop)?;
                Ok(V::None)
            }
            "time.time" => Ok(V::Float(self.p.wall_ms() as f64 / 1000.0)),
            "os.environ.get" | "os.getenv" => match arg(0) {
                V::Str(k) => Ok(self.p.getenv(&k).map_or(arg(1), |v| V::Str(v.to_string()))),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!("str expected, not {}", type_name(&other)),
                ))),
            },
            "int" => to_int(&arg(0)).map(V::Int).map_err(|e| self.raise(e)),
            "float" => match arg(0) {
                V::Int(n) => Ok(V::Float(n as f64)),
                V::Float(f) => Ok(V::Float(f)),
                V::Str(s) => s.trim().parse().map(V::Float).map_err(|_| {
                    self.raise(raise(
                        "ValueError",
                        format!("could not convert string to float: '{s}'"),
                    ))
                }),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(&other)
                    ),
                ))),
            },
            "str" => Ok(V::Str(if a.is_empty() {
                String::new()
            } else {
                to_str(&arg(0))
            })),
            "bool" => Ok(V::Bool(truthy(&arg(0)))),
            "len" => match arg(0) {
                V::Str(s) => Ok(V::Int(s.chars().count() as i64)),
                V::List(l) => Ok(V::Int(l.len() as i64)),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!("object of type '{}' has no len()", type_name(&other)),
                ))),
            },
            "abs" => match arg(0) {
                V::Int(n) => Ok(V::Int(n.wrapping_abs())),
                V::Float(f) => Ok(V::Float(f.abs())),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!("bad operand type for abs(): '{}'", type_name(&other)),
                ))),
            },
            "min" | "max" => {
                let items = match (a.len(), arg(0)) {
                    (1, V::List(l)) => l,
                    _ => a.clone(),
                };
                let mut best: Option<V> = None;
                for v in items {
                    best = Some(match best {
                        None => v,
                        Some(b) => {
                            let less = compare("<", &v, &b).map_err(|e| self.raise(e))?;
                            if less == (name == "min") {
                                v
                            } else {
                                b
                            }
                        }
                    });
                }
                best.ok_or_else(|| {
                    self.raise(raise(
                        "ValueError",
                        format!("{name}() arg is an empty sequence"),
                    ))
                })
            }
            "range" => {
                let ints: Result<Vec<i64>, Raise> = a.iter().map(to_int).collect();
                let ints = ints.map_err(|e| self.raise(e))?;
                let (start, stop, step) = match ints.as_slice() {
                    [s] => (0, *s, 1),
                    [a, b] => (*a, *b, 1),
                    [a, b, c] => (*a, *b, *c),
                    _ => {
                        return Err(
                            self.raise(raise("TypeError", "range expected at most 3 arguments"))
                        )
                    }
                };
                if step == 0 {
                    return Err(self.raise(raise("ValueError", "range() arg 3 must not be zero")));
                }
                let mut out = Vec::new();
                let mut v = start;
                while (step > 0 && v < stop) || (step < 0 && v > stop) {
                    self.step()?;
                    out.push(V::Int(v));
                    v += step;
                }
                Ok(V::List(out))
            }
            _ => Err(self.raise(raise("TypeError", format!("'{name}' is not callable here")))),
        }
    }
}

/// A string method: `upper`, `lower`, `strip`, `split`, `startswith`, `endswith`, `format`
/// (positional `{}` fields).
fn str_method(s: &str, method: &str, a: &[V]) -> V {
    let arg = |i: usize| a.get(i).cloned().unwrap_or(V::None);
    match method {
        "upper" => V::Str(s.to_uppercase()),
        "lower" => V::Str(s.to_lowercase()),
        "strip" => V::Str(s.trim().to_string()),
        "split" => V::List(
            s.split_whitespace()
                .map(|w| V::Str(w.to_string()))
                .collect(),
        ),
        "startswith" => V::Bool(s.starts_with(&to_str(&arg(0)))),
        "endswith" => V::Bool(s.ends_with(&to_str(&arg(0)))),
        _ => {
            let mut out = String::new();
            let mut i = 0;
            let mut rest = s;
            while let Some(at) = rest.find("{}") {
                out.push_str(&rest[..at]);
                out.push_str(&to_str(&arg(i)));
                i += 1;
                rest = &rest[at + 2..];
            }
            out.push_str(rest);
            V::Str(out)
        }
    }
}

fn type_name(v: &V) -> &'static str {
    match v {
        V::None => "NoneType",
        V::Bool(_) => "bool",
        V::Int(_) => "int",
        V::Float(_) => "float",
        V::Str(_) => "str",
        V::List(_) => "list",
        V::Builtin(_) | V::Method(..) => "builtin_function_or_method",
    }
}

fn truthy(v: &V) -> bool {
    match v {
        V::None => false,
        V::Bool(b) => *b,
        V::Int(n) => *n != 0,
        V::Float(f) => *f != 0.0,
        V::Str(s) => !s.is_empty(),
        V::List(l) => !l.is_empty(),
        V::Builtin(_) | V::Method(..) => true,
    }
}

fn repr(v: &V) -> String {
    match v {
        V::Str(s) => format!("'{s}'"),
        other => to_str(other),
    }
}

fn to_str(v: &V) -> String {
    match v {
        V::None => "None".into(),
        V::Bool(true) => "True".into(),
        V::Bool(false) => "False".into(),
        V::Int(n) => n.to_string(),
        V::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
        V::Float(f) => f.to_string(),
        V::Str(s) => s.clone(),
        V::List(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        V::Builtin(n) => format!("<built-in function {n}>"),
        V::Method(_, m) => format!("<built-in method {m} of str object>"),
    }
}

fn to_int(v: &V) -> Result<i64, Raise> {
    match v {
        V::Int(n) => Ok(*n),
        V::Bool(b) => Ok(i64::from(*b)),
        V::Float(f) => Ok(f.trunc() as i64),
        V::Str(s) => s.trim().replace('_', "").parse().map_err(|_| {
            raise(
                "ValueError",
                format!("invalid literal for int() with base 10: {}", repr(v)),
            )
        }),
        other => Err(raise(
            "TypeError",
            format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(other)
            ),
        )),
    }
}

fn num(v: &V) -> Option<f64> {
    match v {
        V::Int(n) => Some(*n as f64),
        V::Bool(b) => Some(f64::from(u8::from(*b))),
        V::Float(f) => Some(*f),
        _ => None,
    }
}

fn int_like(v: &V) -> Option<i64> {
    match v {
        V::Int(n) => Some(*n),
        V::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

fn binary(op: &str, l: V, r: V) -> Result<V, Raise> {
    if let (Some(a), Some(b)) = (int_like(&l), int_like(&r)) {
        return match op {
            "+" => Ok(V::Int(a.wrapping_add(b))),
            "-" => Ok(V::Int(a.wrapping_sub(b))),
            "*" => Ok(V::Int(a.wrapping_mul(b))),
            "/" if b == 0 => Err(raise("ZeroDivisionError", "division by zero")),
            "/" => Ok(V::Float(a as f64 / b as f64)),
            "//" | "%" if b == 0 => Err(raise(
                "ZeroDivisionError",
                "integer division or modulo by zero",
            )),
            "//" => Ok(V::Int(
                a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 },
            )),
            "%" => Ok(V::Int({
                let m = a % b;
                if m != 0 && (m < 0) != (b < 0) {
                    m + b
                } else {
                    m
                }
            })),
            _ if b < 0 => Ok(V::Float((a as f64).powf(b as f64))),
            _ => Ok(V::Int(a.wrapping_pow(b.min(u32::MAX as i64) as u32))),
        };
    }
    if let (Some(a), Some(b)) = (num(&l), num(&r)) {
        return match op {
            "+" => Ok(V::Float(a + b)),
            "-" => Ok(V::Float(a - b)),
            "*" => Ok(V::Float(a * b)),
            "/" | "//" | "%" if b == 0.0 => {
                Err(raise("ZeroDivisionError", "float division by zero"))
            }
            "/" => Ok(V::Float(a / b)),
            "//" => Ok(V::Float((a / b).floor())),
            "%" => Ok(V::Float(a - b * (a / b).floor())),
            _ => Ok(V::Float(a.powf(b))),
        };
    }
    match (op, &l, &r) {
        ("+", V::Str(a), V::Str(b)) => Ok(V::Str(format!("{a}{b}"))),
        ("+", V::List(a), V::List(b)) => Ok(V::List(a.iter().chain(b).cloned().collect())),
        ("*", V::Str(s), V::Int(n)) | ("*", V::Int(n), V::Str(s)) => {
            Ok(V::Str(s.repeat((*n).clamp(0, 1 << 16) as usize)))
        }
        ("%", V::Str(s), _) => Ok(V::Str(s.replacen("%s", &to_str(&r), 1).replacen(
            "%d",
            &to_str(&r),
            1,
        ))),
        _ => Err(raise(
            "TypeError",
            format!(
                "unsupported operand type(s) for {op}: '{}' and '{}'",
                type_name(&l),
                type_name(&r)
            ),
        )),
    }
}

fn compare(op: &str, l: &V, r: &V) -> Result<bool, Raise> {
    match op {
        "==" => return Ok(equal(l, r)),
        "!=" => return Ok(!equal(l, r)),
        "is" => {
            return Ok(
                matches!((l, r), (V::None, V::None)) || (equal(l, r) && matches!(l, V::Bool(_)))
            )
        }
        "is not" => {
            return Ok(
                !(matches!((l, r), (V::None, V::None)) || (equal(l, r) && matches!(l, V::Bool(_))))
            )
        }
        "in" | "not in" => {
            let found = match r {
                V::Str(s) => s.contains(&to_str(l)),
                V::List(items) => items.iter().any(|i| equal(i, l)),
                _ => {
                    return Err(raise(
                        "TypeError",
                        format!("argument of type '{}' is not iterable", type_name(r)),
                    ))
                }
            };
            return Ok(found == (op == "in"));
        }
        _ => {}
    }
    let ord = match (l, r) {
        (V::Str(a), V::Str(b)) => a.cmp(b),
        _ => match (num(l), num(r)) {
            (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
            _ => {
                return Err(raise(
                    "TypeError",
                    format!(
                        "'{op}' not supported between instances of '{}' and '{}'",
                        type_name(l),
                        type_name(r)
                    ),
                ))
            }
        },
    };
    Ok(match op {
        "<" => ord.is_lt(),
        ">" => ord.is_gt(),
        "<=" => ord.is_le(),
        _ => ord.is_ge(),
    })
}

fn equal(l: &V, r: &V) -> bool {
    match (num(l), num(r)) {
        (Some(a), Some(b)) => a == b,
        _ => l == r,
    }
}

#[cfg(test)]
mod tests {
    use super::super::{run as run_program, Context};

    fn py(source: &str, index: Option<&str>) -> super::Run {
        let ctx = Context {
            env: index
                .map(|i| vec![("JOB_COMPLETION_INDEX".to_string(), i.to_string())])
                .unwrap_or_default(),
            default_run_ms: 5_000,
            keep_output: true,
            ..Context::default()
        };
        run_program(&["python3".into(), "-c".into(), source.into()], &ctx)
    }

    const FAILINDEX: &str = "import os, sys\nindex = int(os.environ.get(\"JOB_COMPLETION_INDEX\"))\nif index == 0:\n  sys.exit(1)\nelif index == 1:\n  sys.exit(42)\nelse:\n  sys.exit(0)\n";

    #[test]
    fn the_docs_programs_should_exit_as_their_index_says() {
        let codes: Vec<i32> = ["0", "1", "2", "3"]
            .iter()
            .map(|i| py(FAILINDEX, Some(i)).exit_code)
            .collect();
        assert_eq!(codes, vec![1, 42, 0, 0]);
        let example = "import os, sys\nprint(\"Hello world\")\nif int(os.environ.get(\"JOB_COMPLETION_INDEX\")) % 2 == 0:\n  sys.exit(1)\n";
        let r = py(example, Some("4"));
        assert_eq!(
            (r.exit_code, r.output_until(0)),
            (1, "Hello world\n".to_string())
        );
        assert_eq!(py(example, Some("7")).exit_code, 0);
        let success = "import os, sys\nif os.environ.get(\"JOB_COMPLETION_INDEX\") == \"2\":\n  sys.exit(0)\nelse:\n  sys.exit(1)\n";
        assert_eq!(py(success, Some("2")).exit_code, 0);
        assert_eq!(py(success, Some("3")).exit_code, 1);
    }

    #[test]
    fn an_uncaught_exception_should_print_a_traceback_and_exit_1() {
        let r = py(FAILINDEX, None);
        assert_eq!(r.exit_code, 1);
        assert_eq!(
            r.output_until(0),
            "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\nTypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'\n"
        );
    }

    #[test]
    fn time_loops_and_formatting_should_follow_python() {
        let r = py("import time\nfor i in range(3):\n    print(f\"step {i}\", 7 / 2, 7 // 2, -7 % 3)\n    time.sleep(1.5)\n", None);
        assert_eq!(r.run_ms, Some(4_500));
        assert_eq!(
            r.output_until(10_000),
            "step 0 3.5 3 2\nstep 1 3.5 3 2\nstep 2 3.5 3 2\n"
        );
        assert_eq!(py("while True:\n    pass\n", None).run_ms, None);
        let r = py(
            "name = 'pod'\nprint(name.upper(), '{}-{}'.format(name, 3), 'a b'.split())\n",
            None,
        );
        assert_eq!(r.output_until(0), "POD pod-3 ['a', 'b']\n");
        for (src, what) in [
            ("import requests", "Python's module `requests` (line 1)"),
            ("def f():\n  pass", "Python's `def` (line 1)"),
            (
                "import os\nos.system('ls')",
                "Python's `os.system` (line 2)",
            ),
        ] {
            assert_eq!(super::parse(src).unwrap_err().what, what, "{src}");
        }
    }
}
