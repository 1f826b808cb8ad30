//! The shell subset's syntax: words with their quoting and expansions, and the commands they
//! make (simple commands with redirects, pipelines, `&&`/`||` lists, `if`, `case`, `for`,
//! `while`/`until`, `{ …; }` and `( … )` groups, bash array assignments).

mod lex;

use super::{unsupported, Unsupported};
pub use lex::is_name;
use lex::{Lexer, Tok};

/// One piece of a word.
#[derive(Clone, Debug, PartialEq)]
pub enum Part {
    /// Text; `quoted` text is neither split nor globbed.
    Lit { text: String, quoted: bool },
    /// `$NAME`, `${NAME}`, `${NAME[INDEX]}`, `${#NAME}`, `${NAME:-WORD}` and the like.
    Param {
        name: String,
        index: Option<String>,
        length: bool,
        op: Option<(String, Word)>,
        quoted: bool,
    },
    /// `$((EXPR))`.
    Arith { expr: String, quoted: bool },
    /// `$(SCRIPT)` or `` `SCRIPT` ``.
    Sub { script: String, quoted: bool },
}

/// A word: its parts, in order.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Word(pub Vec<Part>);

impl Word {
    /// The word's text when it is plain literal text (no expansion).
    pub fn literal(&self) -> Option<String> {
        let mut s = String::new();
        for p in &self.0 {
            match p {
                Part::Lit { text, .. } => s.push_str(text),
                _ => return None,
            }
        }
        Some(s)
    }

    /// Whether the word is literal and unquoted (a reserved word can only be that).
    fn bare(&self) -> Option<&str> {
        match self.0.as_slice() {
            [Part::Lit {
                text,
                quoted: false,
            }] => Some(text),
            _ => None,
        }
    }
}

/// A redirect's operator.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `>`
    Write,
    /// `>>`
    Append,
    /// `<`
    Read,
    /// `>&N` (to another descriptor).
    Dup,
}

/// `[N]OP TARGET`.
#[derive(Clone, Debug, PartialEq)]
pub struct Redirect {
    pub fd: u32,
    pub op: RedirOp,
    pub target: Word,
}

/// One command.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Simple {
        assigns: Vec<Assign>,
        words: Vec<Word>,
        redirects: Vec<Redirect>,
    },
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    For {
        var: String,
        items: Option<Vec<Word>>,
        body: List,
    },
    While {
        until: bool,
        cond: List,
        body: List,
    },
    Case {
        word: Word,
        arms: Vec<(Vec<Word>, List)>,
    },
    Group {
        body: List,
        subshell: bool,
        redirects: Vec<Redirect>,
    },
}

/// `NAME=WORD` or `NAME=(WORD…)`.
#[derive(Clone, Debug, PartialEq)]
pub enum Assign {
    Scalar(String, Word),
    Array(String, Vec<Word>),
}

/// `[!] CMD | CMD …`
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub negate: bool,
    pub commands: Vec<Command>,
}

/// How a pipeline joins the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Join {
    First,
    And,
    Or,
}

/// `P && P || P`
pub type AndOr = Vec<(Join, Pipeline)>;

/// Commands in sequence.
pub type List = Vec<AndOr>;

/// Parses a script.
pub fn parse(script: &str) -> Result<List, Unsupported> {
    let toks = Lexer::new(script).tokens()?;
    let mut p = Parser { toks, at: 0 };
    let list = p.list(&[])?;
    match p.peek() {
        None => Ok(list),
        Some(t) => Err(syntax(t)),
    }
}

fn syntax(t: &Tok) -> Unsupported {
    let near = match t {
        Tok::Op(o) if *o == "\n" => "newline".to_string(),
        Tok::Op(o) => (*o).to_string(),
        Tok::Word(w) => w.literal().unwrap_or_else(|| "a word".into()),
        Tok::Redir(_) => "a redirect".into(),
        Tok::ArrayAssign(n, _) => format!("{n}=("),
    };
    unsupported(format!("shell syntax podlab does not read (near `{near}`)"))
}

struct Parser {
    toks: Vec<Tok>,
    at: usize,
}

const RESERVED: &[&str] = &[
    "then", "elif", "else", "fi", "do", "done", "esac", "}", "in",
];

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.toks.get(self.at)
    }

    fn peek_reserved(&self) -> Option<&str> {
        match self.peek() {
            Some(Tok::Word(w)) => w.bare(),
            _ => None,
        }
    }

    fn skip_newlines(&mut self) {
        while matches!(self.peek(), Some(Tok::Op("\n" | ";"))) {
            self.at += 1;
        }
    }

    fn expect_word(&mut self, word: &str) -> Result<(), Unsupported> {
        self.skip_newlines();
        if self.peek_reserved() == Some(word) {
            self.at += 1;
            Ok(())
        } else {
            Err(match self.peek() {
                Some(t) => syntax(t),
                None => unsupported(format!("a missing `{word}`")),
            })
        }
    }

    /// Commands until one of `stops` (a reserved word), `)`, `;;` or the end.
    fn list(&mut self, stops: &[&str]) -> Result<List, Unsupported> {
        let mut list = Vec::new();
        loop {
            self.skip_newlines();
            match self.peek() {
                None | Some(Tok::Op(")" | ";;")) => return Ok(list),
                _ => {}
            }
            if let Some(w) = self.peek_reserved() {
                if stops.contains(&w) {
                    return Ok(list);
                }
                if RESERVED.contains(&w) {
                    return Err(syntax(self.peek().unwrap_or(&Tok::Op(";"))));
                }
            }
            list.push(self.and_or()?);
            match self.peek() {
                None | Some(Tok::Op("\n" | ";" | ")" | ";;")) => {}
                Some(Tok::Word(w)) if w.bare().is_some_and(|b| stops.contains(&b)) => {}
                Some(t) => return Err(syntax(t)),
            }
        }
    }

    fn and_or(&mut self) -> Result<AndOr, Unsupported> {
        let mut out = vec![(Join::First, self.pipeline()?)];
        loop {
            let join = match self.peek() {
                Some(Tok::Op("&&")) => Join::And,
                Some(Tok::Op("||")) => Join::Or,
                _ => return Ok(out),
            };
            self.at += 1;
            while matches!(self.peek(), Some(Tok::Op("\n"))) {
                self.at += 1;
            }
            out.push((join, self.pipeline()?));
        }
    }

    fn pipeline(&mut self) -> Result<Pipeline, Unsupported> {
        let negate = self.peek_reserved() == Some("!");
        if negate {
            self.at += 1;
        }
        let mut commands = vec![self.command()?];
        while matches!(self.peek(), Some(Tok::Op("|"))) {
            self.at += 1;
            while matches!(self.peek(), Some(Tok::Op("\n"))) {
                self.at += 1;
            }
            commands.push(self.command()?);
        }
        Ok(Pipeline { negate, commands })
    }

    fn command(&mut self) -> Result<Command, Unsupported> {
        match self.peek_reserved() {
            Some("if") => return self.if_command(),
            Some("for") => return self.for_command(),
            Some("while") => return self.while_command(false),
            Some("until") => return self.while_command(true),
            Some("case") => return self.case_command(),
            Some("{") => {
                self.at += 1;
                let body = self.list(&["}"])?;
                self.expect_word("}")?;
                let redirects = self.redirects()?;
                return Ok(Command::Group {
                    body,
                    subshell: false,
                    redirects,
                });
            }
            Some("function") => return Err(unsupported("shell functions")),
            _ => {}
        }
        if matches!(self.peek(), Some(Tok::Op("("))) {
            self.at += 1;
            let body = self.list(&[])?;
            if !matches!(self.peek(), Some(Tok::Op(")"))) {
                return Err(unsupported("an unclosed `(`"));
            }
            self.at += 1;
            let redirects = self.redirects()?;
            return Ok(Command::Group {
                body,
                subshell: true,
                redirects,
            });
        }
        self.simple()
    }

    fn redirects(&mut self) -> Result<Vec<Redirect>, Unsupported> {
        let mut out = Vec::new();
        while let Some(Tok::Redir(r)) = self.peek() {
            out.push(r.clone());
            self.at += 1;
        }
        Ok(out)
    }

    fn simple(&mut self) -> Result<Command, Unsupported> {
        let mut assigns = Vec::new();
        let mut words = Vec::new();
        let mut redirects = Vec::new();
        loop {
            match self.peek().cloned() {
                Some(Tok::Word(w)) => {
                    if words.is_empty() {
                        if let Some(a) = scalar_assign(&w) {
                            assigns.push(a);
                            self.at += 1;
                            continue;
                        }
                    }
                    words.push(w);
                    self.at += 1;
                }
                Some(Tok::ArrayAssign(name, items)) if words.is_empty() => {
                    assigns.push(Assign::Array(name, items));
                    self.at += 1;
                }
                Some(Tok::Redir(r)) => {
                    redirects.push(r);
                    self.at += 1;
                }
                Some(Tok::Op("(")) if words.len() == 1 && assigns.is_empty() => {
                    return Err(unsupported("shell functions"));
                }
                _ => break,
            }
        }
        if assigns.is_empty() && words.is_empty() && redirects.is_empty() {
            return Err(match self.peek() {
                Some(t) => syntax(t),
                None => unsupported("a script that ends in the middle of a command"),
            });
        }
        Ok(Command::Simple {
            assigns,
            words,
            redirects,
        })
    }

    fn if_command(&mut self) -> Result<Command, Unsupported> {
        self.at += 1;
        let mut branches = Vec::new();
        let mut otherwise = None;
        loop {
            let cond = self.list(&["then"])?;
            self.expect_word("then")?;
            let body = self.list(&["elif", "else", "fi"])?;
            branches.push((cond, body));
            match self.peek_reserved() {
                Some("elif") => self.at += 1,
                Some("else") => {
                    self.at += 1;
                    otherwise = Some(self.list(&["fi"])?);
                    self.expect_word("fi")?;
                    break;
                }
                _ => {
                    self.expect_word("fi")?;
                    break;
                }
            }
        }
        Ok(Command::If {
            branches,
            otherwise,
        })
    }

    fn for_command(&mut self) -> Result<Command, Unsupported> {
        self.at += 1;
        let var = match self.peek() {
            Some(Tok::Word(w)) => w.literal().filter(|n| is_name(n)),
            Some(Tok::Op("(")) => return Err(unsupported("the `for ((…))` loop")),
            _ => None,
        }
        .ok_or_else(|| unsupported("a `for` loop without a variable name"))?;
        self.at += 1;
        while matches!(self.peek(), Some(Tok::Op("\n"))) {
            self.at += 1;
        }
        let mut items = None;
        if self.peek_reserved() == Some("in") {
            self.at += 1;
            let mut words = Vec::new();
            while let Some(Tok::Word(w)) = self.peek() {
                words.push(w.clone());
                self.at += 1;
            }
            items = Some(words);
        }
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(Command::For { var, items, body })
    }

    fn while_command(&mut self, until: bool) -> Result<Command, Unsupported> {
        self.at += 1;
        let cond = self.list(&["do"])?;
        self.expect_word("do")?;
        let body = self.list(&["done"])?;
        self.expect_word("done")?;
        Ok(Command::While { until, cond, body })
    }

    fn case_command(&mut self) -> Result<Command, Unsupported> {
        self.at += 1;
        let word = match self.peek() {
            Some(Tok::Word(w)) => w.clone(),
            _ => return Err(unsupported("a `case` without a word")),
        };
        self.at += 1;
        self.expect_word("in")?;
        let mut arms = Vec::new();
        loop {
            self.skip_newlines();
            if self.peek_reserved() == Some("esac") {
                self.at += 1;
                break;
            }
            if matches!(self.peek(), Some(Tok::Op("("))) {
                self.at += 1;
            }
            let mut patterns = Vec::new();
            loop {
                match self.peek() {
                    Some(Tok::Word(w)) => {
                        patterns.push(w.clone());
                        self.at += 1;
                    }
                    _ => return Err(unsupported("a `case` pattern podlab does not read")),
                }
                match self.peek() {
                    Some(Tok::Op("|")) => self.at += 1,
                    Some(Tok::Op(")")) => {
                        self.at += 1;
                        break;
                    }
                    Some(t) => return Err(syntax(t)),
                    None => return Err(unsupported("an unclosed `case`")),
                }
            }
            let body = self.list(&["esac"])?;
            arms.push((patterns, body));
            if matches!(self.peek(), Some(Tok::Op(";;"))) {
                self.at += 1;
            }
        }
        Ok(Command::Case { word, arms })
    }
}

/// `NAME=WORD` at the start of a simple command.
fn scalar_assign(w: &Word) -> Option<Assign> {
    let Some(Part::Lit {
        text,
        quoted: false,
    }) = w.0.first()
    else {
        return None;
    };
    let (name, value) = text.split_once('=')?;
    if !is_name(name) {
        return None;
    }
    let mut parts = Vec::new();
    if !value.is_empty() {
        parts.push(Part::Lit {
            text: value.to_string(),
            quoted: false,
        });
    }
    parts.extend(w.0[1..].iter().cloned());
    Some(Assign::Scalar(name.to_string(), Word(parts)))
}

/// The commands a script names that podlab does not know (each once, in order), looked at
/// before running so that validation can say so; `Err` for what it cannot run at all.
pub fn check(list: &List) -> Result<Vec<String>, Unsupported> {
    let mut unknown = Vec::new();
    check_list(list, &mut unknown)?;
    Ok(unknown)
}

fn check_list(list: &List, unknown: &mut Vec<String>) -> Result<(), Unsupported> {
    for and_or in list {
        for (_, pipeline) in and_or {
            for command in &pipeline.commands {
                check_command(command, unknown)?;
            }
        }
    }
    Ok(())
}

fn check_command(c: &Command, unknown: &mut Vec<String>) -> Result<(), Unsupported> {
    match c {
        Command::Simple { words, .. } => {
            for w in words {
                check_word(w, unknown)?;
            }
            match words.first() {
                None => Ok(()),
                Some(w) => match w.literal() {
                    Some(name) => {
                        if super::shell_run::check_name(&name).is_err() {
                            let base = name.rsplit('/').next().unwrap_or(&name).to_string();
                            if !unknown.contains(&base) {
                                unknown.push(base);
                            }
                        }
                        Ok(())
                    }
                    None => Err(unsupported("a command whose name is computed")),
                },
            }
        }
        Command::If {
            branches,
            otherwise,
        } => {
            for (a, b) in branches {
                check_list(a, unknown)?;
                check_list(b, unknown)?;
            }
            otherwise
                .as_ref()
                .map_or(Ok(()), |l| check_list(l, unknown))
        }
        Command::For { body, items, .. } => {
            for w in items.iter().flatten() {
                check_word(w, unknown)?;
            }
            check_list(body, unknown)
        }
        Command::While { cond, body, .. } => {
            check_list(cond, unknown)?;
            check_list(body, unknown)
        }
        Command::Case { arms, .. } => arms.iter().try_for_each(|(_, l)| check_list(l, unknown)),
        Command::Group { body, .. } => check_list(body, unknown),
    }
}

fn check_word(w: &Word, unknown: &mut Vec<String>) -> Result<(), Unsupported> {
    for p in &w.0 {
        if let Part::Sub { script, .. } = p {
            check_list(&parse(script)?, unknown)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_docs_scripts_should_parse() {
        for s in [
            "items=(foo bar baz qux xyz)\necho ${items[$JOB_COMPLETION_INDEX]} > /input/data.txt\n",
            "date; echo Hello from the Kubernetes cluster",
            "echo \"Hello world!\" && sleep 5 && exit 42",
            "echo Processing item $ITEM && sleep 5",
            "tail -F /opt/logs.txt",
            "if [ $((JOB_COMPLETION_INDEX % 2)) -eq 0 ]; then exit 1; else echo ok; fi",
            "case $X in a|b) echo ab;; *) echo other;; esac",
            "for i in 1 2 3; do echo $i; sleep 1; done",
            "while true; do echo \"$(date)\"; sleep 10; done",
        ] {
            assert!(parse(s).is_ok(), "{s}: {:?}", parse(s));
        }
    }

    #[test]
    fn what_podlab_does_not_read_should_be_named() {
        for (s, what) in [
            ("sleep 5 &", "running a command in the background (`&`)"),
            ("f() { echo; }", "shell functions"),
            ("cat <<EOF", "a here-document (`<<`)"),
        ] {
            assert_eq!(parse(s).unwrap_err().what, what, "{s}");
        }
    }
}
