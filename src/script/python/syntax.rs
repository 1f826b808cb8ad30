//! The `python3 -c` subset's syntax: each line's tokens, indentation blocks, statements and
//! expressions with Python's precedence; anything outside the subset is refused with its line.

use super::value::V;
use crate::script::{unsupported, Unsupported};

#[derive(Debug)]
pub struct Program {
    pub(super) body: Vec<Line>,
}

#[derive(Debug)]
pub(super) enum Stmt {
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
pub(super) struct Line {
    pub(super) no: usize,
    pub(super) stmt: Stmt,
}

#[derive(Debug, Clone)]
pub(super) enum Expr {
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
pub(super) enum FPart {
    Text(String),
    Expr(Expr),
}

/// A Python value.

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

pub(super) const MODULES: &[&str] = &["os", "sys", "time"];

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
