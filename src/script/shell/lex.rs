//! The shell subset's lexer: operators, redirects, bash array assignments, and words with
//! their quoting and `$…` expansions kept apart for the expander.

use super::{Part, RedirOp, Redirect, Word};
use crate::script::{unsupported, Unsupported};

/// A token.
#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
    Word(Word),
    /// `;` `\n` `&&` `||` `|` `(` `)` `;;` `&`
    Op(&'static str),
    Redir(Redirect),
    ArrayAssign(String, Vec<Word>),
}

pub(super) struct Lexer {
    chars: Vec<char>,
    at: usize,
}

impl Lexer {
    pub(super) fn new(src: &str) -> Self {
        Lexer {
            chars: src.chars().collect(),
            at: 0,
        }
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.at).copied()
    }

    fn peek2(&self) -> Option<char> {
        self.chars.get(self.at + 1).copied()
    }

    pub(super) fn tokens(mut self) -> Result<Vec<Tok>, Unsupported> {
        let mut out = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' => self.at += 1,
                '\\' if self.peek2() == Some('\n') => self.at += 2,
                '#' => {
                    while self.peek().is_some_and(|c| c != '\n') {
                        self.at += 1;
                    }
                }
                '\n' => {
                    self.at += 1;
                    out.push(Tok::Op("\n"));
                }
                ';' => {
                    self.at += 1;
                    if self.peek() == Some(';') {
                        self.at += 1;
                        out.push(Tok::Op(";;"));
                    } else {
                        out.push(Tok::Op(";"));
                    }
                }
                '&' => {
                    self.at += 1;
                    if self.peek() == Some('&') {
                        self.at += 1;
                        out.push(Tok::Op("&&"));
                    } else if self.peek() == Some('>') {
                        return Err(unsupported("the redirect `&>`"));
                    } else {
                        return Err(unsupported("running a command in the background (`&`)"));
                    }
                }
                '|' => {
                    self.at += 1;
                    if self.peek() == Some('|') {
                        self.at += 1;
                        out.push(Tok::Op("||"));
                    } else {
                        out.push(Tok::Op("|"));
                    }
                }
                '(' => {
                    self.at += 1;
                    if self.peek() == Some('(') {
                        return Err(unsupported("the `(( … ))` command"));
                    }
                    out.push(Tok::Op("("));
                }
                ')' => {
                    self.at += 1;
                    out.push(Tok::Op(")"));
                }
                '<' | '>' => out.push(Tok::Redir(self.redirect(0)?)),
                '0'..='9' if matches!(self.peek2(), Some('<' | '>')) && self.at_word_start() => {
                    let fd = c.to_digit(10).unwrap_or(1);
                    self.at += 1;
                    out.push(Tok::Redir(self.redirect(fd)?));
                }
                _ => {
                    let word = self.word()?;
                    if self.peek() == Some('(') {
                        if let Some(name) = word
                            .literal()
                            .and_then(|t| t.strip_suffix('=').map(str::to_string))
                            .filter(|n| is_name(n))
                        {
                            self.at += 1;
                            out.push(Tok::ArrayAssign(name, self.array_items()?));
                            continue;
                        }
                    }
                    out.push(Tok::Word(word));
                }
            }
        }
        Ok(out)
    }

    /// Whether the lexer stands at the start of a word (a digit there may name a descriptor).
    fn at_word_start(&self) -> bool {
        self.at == 0 || matches!(self.chars.get(self.at - 1), Some(' ' | '\t' | '\n' | ';'))
    }

    fn redirect(&mut self, fd: u32) -> Result<Redirect, Unsupported> {
        let c = self.peek().unwrap_or('>');
        self.at += 1;
        let (op, fd) = if c == '<' {
            if self.peek() == Some('<') {
                return Err(unsupported("a here-document (`<<`)"));
            }
            (RedirOp::Read, if fd == 0 { 0 } else { fd })
        } else if self.peek() == Some('>') {
            self.at += 1;
            (RedirOp::Append, if fd == 0 { 1 } else { fd })
        } else if self.peek() == Some('&') {
            self.at += 1;
            (RedirOp::Dup, if fd == 0 { 1 } else { fd })
        } else {
            (RedirOp::Write, if fd == 0 { 1 } else { fd })
        };
        while matches!(self.peek(), Some(' ' | '\t')) {
            self.at += 1;
        }
        let target = self.word()?;
        if target.0.is_empty() {
            return Err(unsupported("a redirect without a target"));
        }
        Ok(Redirect { fd, op, target })
    }

    fn array_items(&mut self) -> Result<Vec<Word>, Unsupported> {
        let mut items = Vec::new();
        loop {
            match self.peek() {
                None => return Err(unsupported("an unclosed array `(`")),
                Some(' ' | '\t' | '\n') => self.at += 1,
                Some(')') => {
                    self.at += 1;
                    return Ok(items);
                }
                Some(_) => items.push(self.word()?),
            }
        }
    }

    /// One word, up to an unquoted blank or operator.
    fn word(&mut self) -> Result<Word, Unsupported> {
        let mut parts = Vec::new();
        let mut lit = String::new();
        let flush = |lit: &mut String, parts: &mut Vec<Part>, quoted: bool| {
            if !lit.is_empty() {
                parts.push(Part::Lit {
                    text: std::mem::take(lit),
                    quoted,
                });
            }
        };
        while let Some(c) = self.peek() {
            match c {
                ' ' | '\t' | '\n' | ';' | '&' | '|' | '<' | '>' | ')' => break,
                '(' => break,
                '\\' => {
                    self.at += 1;
                    match self.peek() {
                        Some('\n') => self.at += 1,
                        Some(n) => {
                            flush(&mut lit, &mut parts, false);
                            parts.push(Part::Lit {
                                text: n.to_string(),
                                quoted: true,
                            });
                            self.at += 1;
                        }
                        None => {}
                    }
                }
                '\'' => {
                    flush(&mut lit, &mut parts, false);
                    self.at += 1;
                    let mut text = String::new();
                    loop {
                        match self.peek() {
                            None => return Err(unsupported("an unclosed `'` quote")),
                            Some('\'') => {
                                self.at += 1;
                                break;
                            }
                            Some(ch) => {
                                text.push(ch);
                                self.at += 1;
                            }
                        }
                    }
                    parts.push(Part::Lit { text, quoted: true });
                }
                '"' => {
                    flush(&mut lit, &mut parts, false);
                    self.at += 1;
                    self.double_quoted(&mut parts)?;
                }
                '$' | '`' => {
                    flush(&mut lit, &mut parts, false);
                    match self.dollar(false)? {
                        Some(p) => parts.push(p),
                        None => lit.push('$'),
                    }
                }
                _ => {
                    lit.push(c);
                    self.at += 1;
                }
            }
        }
        flush(&mut lit, &mut parts, false);
        Ok(Word(parts))
    }

    fn double_quoted(&mut self, parts: &mut Vec<Part>) -> Result<(), Unsupported> {
        let mut text = String::new();
        let flush = |text: &mut String, parts: &mut Vec<Part>| {
            parts.push(Part::Lit {
                text: std::mem::take(text),
                quoted: true,
            });
        };
        loop {
            match self.peek() {
                None => return Err(unsupported("an unclosed `\"` quote")),
                Some('"') => {
                    self.at += 1;
                    flush(&mut text, parts);
                    return Ok(());
                }
                Some('\\') => {
                    self.at += 1;
                    match self.peek() {
                        Some(n @ ('$' | '`' | '"' | '\\')) => {
                            text.push(n);
                            self.at += 1;
                        }
                        Some('\n') => self.at += 1,
                        _ => text.push('\\'),
                    }
                }
                Some('$' | '`') => match self.dollar(true)? {
                    Some(p) => {
                        flush(&mut text, parts);
                        parts.push(p);
                    }
                    None => text.push('$'),
                },
                Some(c) => {
                    text.push(c);
                    self.at += 1;
                }
            }
        }
    }

    /// `$…` or a backquote; `None` for a lone `$`.
    fn dollar(&mut self, quoted: bool) -> Result<Option<Part>, Unsupported> {
        if self.peek() == Some('`') {
            self.at += 1;
            let start = self.at;
            while self.peek().is_some_and(|c| c != '`') {
                self.at += 1;
            }
            if self.peek().is_none() {
                return Err(unsupported("an unclosed backquote"));
            }
            let script: String = self.chars[start..self.at].iter().collect();
            self.at += 1;
            return Ok(Some(Part::Sub { script, quoted }));
        }
        self.at += 1; // '$'
        match self.peek() {
            Some('(') if self.peek2() == Some('(') => {
                self.at += 2;
                let expr = self.balanced(2)?;
                Ok(Some(Part::Arith { expr, quoted }))
            }
            Some('(') => {
                self.at += 1;
                let script = self.balanced(1)?;
                Ok(Some(Part::Sub { script, quoted }))
            }
            Some('{') => {
                self.at += 1;
                self.braced(quoted).map(Some)
            }
            Some(c) if c.is_ascii_alphabetic() || c == '_' => {
                let mut name = String::new();
                while let Some(c) = self
                    .peek()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '_')
                {
                    name.push(c);
                    self.at += 1;
                }
                Ok(Some(param(name, quoted)))
            }
            Some(c @ ('0'..='9' | '?' | '#' | '@' | '*' | '$' | '!' | '-')) => {
                self.at += 1;
                if matches!(c, '$' | '!' | '-') {
                    return Err(unsupported(format!("the parameter `${c}`")));
                }
                Ok(Some(param(c.to_string(), quoted)))
            }
            _ => Ok(None),
        }
    }

    /// The text up to `depth` closing parentheses, nested ones included.
    fn balanced(&mut self, depth: usize) -> Result<String, Unsupported> {
        let start = self.at;
        let mut open = 0usize;
        while let Some(c) = self.peek() {
            match c {
                '(' => open += 1,
                ')' if open > 0 => open -= 1,
                ')' => {
                    let text: String = self.chars[start..self.at].iter().collect();
                    self.at += 1;
                    for _ in 1..depth {
                        if self.peek() != Some(')') {
                            return Err(unsupported("an unbalanced `$((`"));
                        }
                        self.at += 1;
                    }
                    return Ok(text);
                }
                _ => {}
            }
            self.at += 1;
        }
        Err(unsupported("an unclosed `$(`"))
    }

    /// `${…}` after the brace.
    fn braced(&mut self, quoted: bool) -> Result<Part, Unsupported> {
        let length = self.peek() == Some('#') && self.peek2() != Some('}');
        if length {
            self.at += 1;
        }
        let mut name = String::new();
        while let Some(c) = self
            .peek()
            .filter(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '@' | '*' | '?' | '#'))
        {
            name.push(c);
            self.at += 1;
        }
        if name.is_empty() {
            return Err(unsupported("an empty `${}`"));
        }
        let mut index = None;
        if self.peek() == Some('[') {
            self.at += 1;
            let start = self.at;
            while self.peek().is_some_and(|c| c != ']') {
                self.at += 1;
            }
            if self.peek().is_none() {
                return Err(unsupported("an unclosed `[` in `${…}`"));
            }
            index = Some(self.chars[start..self.at].iter().collect());
            self.at += 1;
        }
        let mut op = None;
        if self.peek() != Some('}') {
            let mut o = String::new();
            while let Some(c) = self
                .peek()
                .filter(|c| matches!(c, ':' | '-' | '=' | '+' | '?'))
            {
                o.push(c);
                self.at += 1;
            }
            if !matches!(o.as_str(), ":-" | "-" | ":=" | "=" | ":+" | "+") {
                return Err(unsupported("this `${…}` form"));
            }
            let start = self.at;
            let mut depth = 0;
            while let Some(c) = self.peek() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    _ => {}
                }
                self.at += 1;
            }
            let text: String = self.chars[start..self.at].iter().collect();
            let word = Lexer::new(&text).word()?;
            op = Some((o, word));
        }
        if self.peek() != Some('}') {
            return Err(unsupported("an unclosed `${`"));
        }
        self.at += 1;
        Ok(Part::Param {
            name,
            index,
            length,
            op,
            quoted,
        })
    }
}

fn param(name: String, quoted: bool) -> Part {
    Part::Param {
        name,
        index: None,
        length: false,
        op: None,
        quoted,
    }
}

/// A shell variable name.
pub fn is_name(s: &str) -> bool {
    let mut chars = s.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}
