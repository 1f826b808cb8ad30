//! kubectl's JSONPath templates (`-o jsonpath=`, `-o jsonpath-as-json=`, custom columns,
//! `--sort-by`), ported from client-go's `util/jsonpath` (parser.go, jsonpath.go): literal
//! text between `{…}` actions; fields, `*`, `..`, `[i]`, `[a:b:c]`, `[a,b]`, `['key']`,
//! filters `[?(@.x==1)]` with `== != < > <= >=` and existence, quoted text such as
//! `{"\n"}`, `{range …}…{end}`, missing keys allowed. Results print as client-go prints them:
//! scalars with Go's `%v`, maps and lists as compact JSON, the values of one action joined by
//! spaces. The regular-expression filter `=~` is refused: podlab carries no regex engine.

use serde_json::Value;

/// A parsed template.
#[derive(Clone, Debug)]
pub struct JsonPath {
    root: Vec<Node>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Param {
    value: i64,
    known: bool,
    derived: bool,
}

#[derive(Clone, Debug)]
enum Node {
    Text(String),
    List(Vec<Node>),
    Field(String),
    Array([Param; 3]),
    Filter {
        left: Vec<Node>,
        right: Vec<Node>,
        op: String,
    },
    Int(i64),
    Float(f64),
    Bool(bool),
    Wildcard,
    Recursive,
    Union(Vec<Vec<Node>>),
    Identifier(String),
}

struct Parser {
    input: Vec<char>,
    pos: usize,
    start: usize,
}

impl Parser {
    fn next(&mut self) -> Option<char> {
        let c = self.input.get(self.pos).copied();
        if c.is_some() {
            self.pos += 1;
        }
        c
    }

    fn backup(&mut self, c: Option<char>) {
        if c.is_some() {
            self.pos -= 1;
        }
    }

    fn peek(&self) -> Option<char> {
        self.input.get(self.pos).copied()
    }

    fn consume(&mut self) -> String {
        let text: String = self.input[self.start..self.pos].iter().collect();
        self.start = self.pos;
        text
    }

    fn rest_starts_with(&self, prefix: &str) -> bool {
        (self.pos..)
            .zip(prefix.chars())
            .all(|(i, c)| self.input.get(i) == Some(&c))
    }

    /// `parseText`: literal text and actions until the end of the input.
    fn parse_text(&mut self) -> Result<Vec<Node>, String> {
        let mut root = Vec::new();
        loop {
            if self.rest_starts_with("{") {
                if self.pos > self.start {
                    root.push(Node::Text(self.consume()));
                }
                self.pos += 1;
                self.consume();
                root.push(Node::List(self.parse_action()?));
                continue;
            }
            if self.next().is_none() {
                break;
            }
        }
        if self.pos > self.start {
            root.push(Node::Text(self.consume()));
        }
        Ok(root)
    }

    /// `parseInsideAction` up to and including the closing `}`.
    fn parse_action(&mut self) -> Result<Vec<Node>, String> {
        let mut cur = Vec::new();
        loop {
            if self.rest_starts_with("}") {
                self.pos += 1;
                self.consume();
                return Ok(cur);
            }
            if self.rest_starts_with("[?(") {
                self.parse_filter(&mut cur)?;
                continue;
            }
            if self.rest_starts_with("..") {
                if matches!(cur.last(), Some(Node::Recursive)) {
                    return Err("invalid multiple recursive descent".into());
                }
                self.pos += 2;
                self.consume();
                cur.push(Node::Recursive);
                if self.peek().is_some_and(alphanumeric) {
                    self.parse_field(&mut cur);
                }
                continue;
            }
            match self.next() {
                None | Some('\r' | '\n') => return Err("unclosed action".into()),
                Some(' ' | '@' | '$') => {
                    self.consume();
                }
                Some('[') => self.parse_array(&mut cur)?,
                Some(q @ ('"' | '\'')) => self.parse_quote(&mut cur, q)?,
                Some('.') => self.parse_field(&mut cur),
                Some(c) if c == '+' || c == '-' || c.is_ascii_digit() => {
                    self.pos -= 1;
                    self.parse_number(&mut cur)?;
                }
                Some(c) if alphanumeric(c) => {
                    self.pos -= 1;
                    self.parse_identifier(&mut cur);
                }
                Some(c) => {
                    return Err(format!(
                        "unrecognized character in action: U+{:04X} '{c}'",
                        c as u32
                    ))
                }
            }
        }
    }

    fn parse_identifier(&mut self, cur: &mut Vec<Node>) {
        loop {
            let c = self.next();
            if terminator(c) {
                self.backup(c);
                break;
            }
        }
        let value = self.consume();
        cur.push(match value.as_str() {
            "true" => Node::Bool(true),
            "false" => Node::Bool(false),
            _ => Node::Identifier(value),
        });
    }

    fn parse_number(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        if matches!(self.peek(), Some('+' | '-')) {
            self.next();
        }
        loop {
            let c = self.next();
            if !matches!(c, Some(d) if d == '.' || d.is_ascii_digit()) {
                self.backup(c);
                break;
            }
        }
        let value = self.consume();
        if let Ok(i) = value.trim_start_matches('+').parse::<i64>() {
            cur.push(Node::Int(i));
        } else if let Ok(f) = value.parse::<f64>() {
            cur.push(Node::Float(f));
        } else {
            return Err(format!("cannot parse number {value}"));
        }
        Ok(())
    }

    fn parse_array(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated array".into()),
                Some(']') => break,
                _ => {}
            }
        }
        let text = self.consume();
        let mut text = text[1..text.len() - 1].to_string();
        if text == "*" {
            text = ":".into();
        }
        let parts: Vec<&str> = text.split(',').collect();
        if parts.len() > 1 {
            let union = parts
                .iter()
                .map(|p| sub_action(&format!("[{}]", p.trim_matches(' '))))
                .collect::<Result<Vec<_>, _>>()?;
            cur.push(Node::Union(union));
            return Ok(());
        }
        if text.len() >= 2 && text.starts_with('\'') && text.ends_with('\'') {
            let key = &text[1..text.len() - 1];
            if !key.contains('\'') {
                cur.extend(sub_action(&format!(".{key}"))?);
                return Ok(());
            }
        }
        let groups = slice_groups(&text).ok_or_else(|| format!("invalid array index {text}"))?;
        let mut params = [Param::default(); 3];
        for i in 0..3 {
            let g = groups[i];
            if !g.is_empty() {
                let g = if i > 0 { &g[1..] } else { g };
                if i > 0 && g.is_empty() {
                    params[i].known = false;
                } else {
                    params[i].known = true;
                    params[i].value = g
                        .trim_start_matches('+')
                        .parse()
                        .map_err(|_| format!("array index {g} is not a number"))?;
                }
            } else if i == 1 {
                params[i] = Param {
                    value: params[0].value + 1,
                    known: true,
                    derived: true,
                };
            }
        }
        cur.push(Node::Array(params));
        Ok(())
    }

    fn parse_filter(&mut self, cur: &mut Vec<Node>) -> Result<(), String> {
        self.pos += 3;
        self.consume();
        let (mut begin, mut end, mut pair) = (false, false, ' ');
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated filter".into()),
                Some(q @ ('"' | '\'')) => {
                    if !begin {
                        begin = true;
                        pair = q;
                        continue;
                    }
                    if self.input[self.pos - 2] != '\\' && q == pair {
                        end = true;
                    }
                }
                Some(')') if begin == end => break,
                _ => {}
            }
        }
        if self.next() != Some(']') {
            return Err("unclosed array expect ]".into());
        }
        let text = self.consume();
        let text = &text[..text.len() - 2];
        match filter_parts(text) {
            None => cur.push(Node::Filter {
                left: sub_action(text)?,
                right: Vec::new(),
                op: "exists".into(),
            }),
            Some((left, op, right)) => cur.push(Node::Filter {
                left: sub_action(left)?,
                right: sub_action(right)?,
                op: op.into(),
            }),
        }
        Ok(())
    }

    fn parse_quote(&mut self, cur: &mut Vec<Node>, quote: char) -> Result<(), String> {
        loop {
            match self.next() {
                None | Some('\n') => return Err("unterminated quoted string".into()),
                Some(c) if c == quote && self.input[self.pos - 2] != '\\' => break,
                _ => {}
            }
        }
        let value = self.consume();
        let text = unquote(&value).map_err(|e| format!("unquote string {value} error {e}"))?;
        cur.push(Node::Text(text));
        Ok(())
    }

    fn parse_field(&mut self, cur: &mut Vec<Node>) {
        self.consume();
        loop {
            let c = self.next();
            if c == Some('\\') {
                self.next();
            } else if terminator(c) {
                self.backup(c);
                break;
            }
        }
        let value = self.consume();
        cur.push(if value == "*" {
            Node::Wildcard
        } else {
            Node::Field(value.replace('\\', ""))
        });
    }
}

fn alphanumeric(c: char) -> bool {
    c == '_' || c.is_alphanumeric()
}

fn terminator(c: Option<char>) -> bool {
    matches!(
        c,
        None | Some(' ' | '\t' | '\r' | '\n' | '.' | ',' | '[' | ']' | '$' | '@' | '{' | '}')
    )
}

/// `parseAction`: a sub-expression parsed as `{text}`, its one action's nodes.
fn sub_action(text: &str) -> Result<Vec<Node>, String> {
    let root = parse_nodes(&format!("{{{text}}}"))?;
    match root.into_iter().next() {
        Some(Node::List(nodes)) => Ok(nodes),
        _ => Err("unclosed action".into()),
    }
}

/// `^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$`: the three groups (empty when absent).
fn slice_groups(text: &str) -> Option<[&str; 3]> {
    let b = text.as_bytes();
    let mut groups = [""; 3];
    let mut i = 0;
    for (g, group) in groups.iter_mut().enumerate() {
        let start = i;
        if g > 0 {
            if i >= b.len() || b[i] != b':' {
                break;
            }
            i += 1;
        }
        if i < b.len() && b[i] == b'-' {
            i += 1;
        }
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        *group = &text[start..i];
    }
    (i == b.len()).then_some(groups)
}

/// `^([^!<>=]+)([!<>=~]+)(.+?)$`.
fn filter_parts(text: &str) -> Option<(&str, &str, &str)> {
    let i = text.find(['!', '<', '>', '='])?;
    if i == 0 {
        return None;
    }
    let mut j = i;
    for c in text[i..].chars() {
        if !"!<>=~".contains(c) {
            break;
        }
        j += c.len_utf8();
    }
    if j == text.len() {
        if j - i < 2 {
            return None;
        }
        j -= 1;
    }
    Some((&text[..i], &text[i..j], &text[j..]))
}

/// `UnquoteExtend`: Go's `strconv.Unquote` for single- or double-quoted text.
fn unquote(s: &str) -> Result<String, &'static str> {
    const SYNTAX: &str = "invalid syntax";
    let chars: Vec<char> = s.chars().collect();
    if chars.len() < 2 || chars[0] != chars[chars.len() - 1] || !matches!(chars[0], '"' | '\'') {
        return Err(SYNTAX);
    }
    let quote = chars[0];
    let body = &chars[1..chars.len() - 1];
    let mut out = String::new();
    let mut i = 0;
    let hex = |digits: &[char]| -> Option<u32> {
        u32::from_str_radix(&digits.iter().collect::<String>(), 16).ok()
    };
    while i < body.len() {
        let c = body[i];
        if c == quote {
            return Err(SYNTAX);
        }
        if c != '\\' {
            out.push(c);
            i += 1;
            continue;
        }
        let e = *body.get(i + 1).ok_or(SYNTAX)?;
        i += 2;
        let simple = match e {
            'a' => Some('\u{7}'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'n' => Some('\n'),
            'r' => Some('\r'),
            't' => Some('\t'),
            'v' => Some('\u{b}'),
            '\\' => Some('\\'),
            '\'' | '"' if e == quote => Some(e),
            _ => None,
        };
        if let Some(c) = simple {
            out.push(c);
            continue;
        }
        let (len, radix) = match e {
            'x' => (2, 16),
            'u' => (4, 16),
            'U' => (8, 16),
            '0'..='7' => (2, 8),
            _ => return Err(SYNTAX),
        };
        let digits = body.get(i..i + len).ok_or(SYNTAX)?;
        let code = if radix == 16 {
            hex(digits).ok_or(SYNTAX)?
        } else {
            let text: String = std::iter::once(e).chain(digits.iter().copied()).collect();
            u32::from_str_radix(&text, 8).map_err(|_| SYNTAX)?
        };
        i += len;
        if e == 'x' || radix == 8 {
            // A byte: kept as the character of that code for ASCII, else as U+FFFD.
            out.push(
                char::from_u32(code)
                    .filter(char::is_ascii)
                    .unwrap_or('\u{fffd}'),
            );
        } else {
            out.push(char::from_u32(code).ok_or(SYNTAX)?);
        }
    }
    Ok(out)
}

fn parse_nodes(text: &str) -> Result<Vec<Node>, String> {
    Parser {
        input: text.chars().collect(),
        pos: 0,
        start: 0,
    }
    .parse_text()
}

impl JsonPath {
    /// Parses a template; the error is the parser's (kubectl prefixes it with
    /// `error parsing jsonpath <template>, `).
    pub fn parse(text: &str) -> Result<JsonPath, String> {
        Ok(JsonPath {
            root: parse_nodes(text)?,
        })
    }

    /// `FindResults` with missing keys allowed: the values of each action, in order.
    pub fn find(&self, data: &Value) -> Result<Vec<Vec<Value>>, String> {
        let mut state = RangeState::default();
        find_results(&self.root, &mut state, data)
    }

    /// `Execute`: the template's text for `data`; `as_json` is `jsonpath-as-json`.
    pub fn execute(&self, data: &Value, as_json: bool) -> Result<String, String> {
        let mut out = String::new();
        for results in self.find(data)? {
            if as_json {
                out.push_str(&indented_json(&Value::Array(results)));
                out.push('\n');
                continue;
            }
            let texts: Vec<String> = results.iter().map(text).collect();
            out.push_str(&texts.join(" "));
        }
        Ok(out)
    }
}

/// The range bookkeeping `JSONPath` keeps between calls.
#[derive(Default)]
struct RangeState {
    begin: usize,
    inside: usize,
    end: usize,
    last_end: Option<usize>,
}

fn find_results(
    nodes: &[Node],
    st: &mut RangeState,
    data: &Value,
) -> Result<Vec<Vec<Value>>, String> {
    // The absolute position of `nodes[0]` is not needed: `last_end` counts from `nodes`.
    let cur = vec![data.clone()];
    let mut full = Vec::new();
    let mut i = 0;
    while i < nodes.len() {
        let results = walk(&cur, &nodes[i], st)?;
        if st.end > 0 && st.end <= st.inside {
            st.end -= 1;
            st.last_end = Some(nodes.len() - i);
            break;
        }
        if st.begin > 0 {
            st.begin -= 1;
            st.inside += 1;
            let rest = &nodes[i + 1..];
            if results.is_empty() {
                find_results(rest, st, &Value::Null)?;
            } else {
                for value in &results {
                    full.extend(find_results(rest, st, value)?);
                }
            }
            st.inside -= 1;
            // Resume after the most recent end node (kept as its distance from the end).
            if let Some(from_end) = st.last_end {
                let k = nodes.len() - from_end;
                if k > i {
                    i = k;
                }
            }
            i += 1;
            continue;
        }
        full.push(results);
        i += 1;
    }
    Ok(full)
}

fn walk(input: &[Value], node: &Node, st: &mut RangeState) -> Result<Vec<Value>, String> {
    Ok(match node {
        Node::List(nodes) => eval_list(input, nodes, st)?,
        Node::Text(t) => vec![Value::String(t.clone())],
        Node::Field(name) => input
            .iter()
            .filter_map(|v| v.as_object()?.get(name).cloned())
            .collect(),
        Node::Array(params) => eval_array(input, params)?,
        Node::Filter { left, right, op } => eval_filter(input, left, right, op, st)?,
        Node::Int(i) => input.iter().map(|_| Value::from(*i)).collect(),
        Node::Float(f) => input.iter().map(|_| Value::from(*f)).collect(),
        Node::Bool(b) => input.iter().map(|_| Value::Bool(*b)).collect(),
        Node::Wildcard => input.iter().flat_map(children).collect(),
        Node::Recursive => {
            let mut out = Vec::new();
            recursive(input, &mut out);
            out
        }
        Node::Union(lists) => {
            let mut out = Vec::new();
            for list in lists {
                out.extend(eval_list(input, list, st)?);
            }
            out
        }
        Node::Identifier(name) => match name.as_str() {
            "range" => {
                st.begin += 1;
                input.to_vec()
            }
            "end" if st.inside > 0 => {
                st.end += 1;
                Vec::new()
            }
            "end" => return Err("not in range, nothing to end".into()),
            other => return Err(format!("unrecognized identifier {other}")),
        },
    })
}

fn eval_list(input: &[Value], nodes: &[Node], st: &mut RangeState) -> Result<Vec<Value>, String> {
    let mut cur = input.to_vec();
    for node in nodes {
        cur = walk(&cur, node, st)?;
    }
    Ok(cur)
}

/// The members a wildcard yields: a map's values (in key order), a list's items, a string's
/// bytes.
fn children(v: &Value) -> Vec<Value> {
    match v {
        Value::Object(m) => m.values().cloned().collect(),
        Value::Array(a) => a.clone(),
        Value::String(s) => s.bytes().map(Value::from).collect(),
        _ => Vec::new(),
    }
}

fn recursive(input: &[Value], out: &mut Vec<Value>) {
    for v in input {
        let kids = children(v);
        if !kids.is_empty() {
            out.push(v.clone());
            recursive(&kids, out);
        }
    }
}

/// Go's type name for a value that is not a list, as `evalArray` reports it.
fn go_type(v: &Value) -> &'static str {
    match v {
        Value::Object(_) => "map[string]interface {}",
        Value::String(_) => "string",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_f64() => "float64",
        Value::Number(_) => "int64",
        Value::Array(_) | Value::Null => "[]interface {}",
    }
}

fn eval_array(input: &[Value], node: &[Param; 3]) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for value in input {
        if value.is_null() {
            continue;
        }
        let Some(items) = value.as_array() else {
            return Err(format!("{} is not array or slice", go_type(value)));
        };
        let len = items.len() as i64;
        let mut p = *node;
        if !p[0].known {
            p[0].value = 0;
        }
        if p[0].value < 0 {
            p[0].value += len;
        }
        if !p[1].known {
            p[1].value = len;
        }
        if p[1].value < 0 || (p[1].value == 0 && p[1].derived) {
            p[1].value += len;
        }
        if p[1].value == p[0].value {
            return Ok(out);
        }
        if p[0].value >= len || p[0].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                p[0].value
            ));
        }
        if p[1].value > len || p[1].value < 0 {
            return Err(format!(
                "array index out of bounds: index {}, length {len}",
                p[1].value - 1
            ));
        }
        if p[0].value > p[1].value {
            return Err(format!(
                "starting index {} is greater than ending index {}",
                p[0].value, p[1].value
            ));
        }
        let step = if p[2].known {
            if p[2].value <= 0 {
                return Err("step must be > 0".into());
            }
            p[2].value as usize
        } else {
            1
        };
        out.extend(
            items[p[0].value as usize..p[1].value as usize]
                .iter()
                .step_by(step)
                .cloned(),
        );
    }
    Ok(out)
}

fn eval_filter(
    input: &[Value],
    left: &[Node],
    right: &[Node],
    op: &str,
    st: &mut RangeState,
) -> Result<Vec<Value>, String> {
    let mut out = Vec::new();
    for value in input {
        let Some(items) = value.as_array() else {
            return Err(format!(
                "{} is not array or slice and cannot be filtered",
                text(value)
            ));
        };
        for item in items {
            let one = std::slice::from_ref(item);
            let lefts = eval_list(one, left, st);
            if op == "exists" {
                if lefts.is_ok_and(|l| !l.is_empty()) {
                    out.push(item.clone());
                }
                continue;
            }
            let lefts = lefts?;
            match lefts.len() {
                0 => continue,
                1 => {}
                _ => return Err("can only compare one element at a time".into()),
            }
            let rights = eval_list(one, right, st)?;
            match rights.len() {
                0 => continue,
                1 => {}
                _ => return Err("can only compare one element at a time".into()),
            }
            if compare(&lefts[0], &rights[0], op)? {
                out.push(item.clone());
            }
        }
    }
    Ok(out)
}

#[derive(PartialEq, PartialOrd)]
enum Basic<'a> {
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(&'a str),
}

fn basic(v: &Value) -> Result<Basic<'_>, String> {
    match v {
        Value::Bool(b) => Ok(Basic::Bool(*b)),
        Value::String(s) => Ok(Basic::Str(s)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Ok(Basic::Int(i)),
            None => Ok(Basic::Float(n.as_f64().unwrap_or_default())),
        },
        _ => Err("invalid type for comparison".into()),
    }
}

/// The forked text/template comparisons: both sides of one basic kind.
fn compare(left: &Value, right: &Value, op: &str) -> Result<bool, String> {
    if op == "=~" {
        return Err("podlab: the =~ filter (a Go regular expression) is not supported".into());
    }
    let (a, b) = (basic(left)?, basic(right)?);
    if std::mem::discriminant(&a) != std::mem::discriminant(&b) {
        return Err("incompatible types for comparison".into());
    }
    let ordered = || {
        if matches!(a, Basic::Bool(_)) {
            Err("invalid type for comparison".to_string())
        } else {
            Ok(a.partial_cmp(&b))
        }
    };
    use std::cmp::Ordering::{Equal, Greater, Less};
    Ok(match op {
        "==" => a == b,
        "!=" => a != b,
        "<" => ordered()? == Some(Less),
        ">" => ordered()? == Some(Greater),
        "<=" => matches!(ordered()?, Some(Less | Equal)),
        ">=" => matches!(ordered()?, Some(Greater | Equal)),
        other => return Err(format!("unrecognized filter operator {other}")),
    })
}

/// One result as `PrintResults` writes it: maps and lists as compact JSON, scalars with Go's
/// `%v` (`<nil>` for null).
pub fn text(v: &Value) -> String {
    match v {
        Value::Object(_) | Value::Array(_) => go_json(v),
        other => go_sprint(other),
    }
}

/// A value as Go's `fmt.Sprint` prints the unstructured form: `map[k:v]`, `[a b]`.
pub fn go_sprint(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(s) => s.clone(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => match n.as_i64() {
            Some(i) => i.to_string(),
            None => n.as_u64().map_or_else(
                || go_float(n.as_f64().unwrap_or_default()),
                |u| u.to_string(),
            ),
        },
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(go_sprint).collect();
            format!("[{}]", parts.join(" "))
        }
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{k}:{}", go_sprint(v)))
                .collect();
            format!("map[{}]", parts.join(" "))
        }
    }
}

/// Go's `%v` for a float64 (`strconv.FormatFloat(f, 'g', -1, 64)` with `%e` from an exponent
/// of 21, as fmt does).
fn go_float(f: f64) -> String {
    if f == 0.0 {
        return "0".into();
    }
    if !f.is_finite() {
        return if f.is_nan() {
            "NaN".into()
        } else if f > 0.0 {
            "+Inf".into()
        } else {
            "-Inf".into()
        };
    }
    let sci = format!("{f:e}");
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    if (-4..21).contains(&exp) {
        return f.to_string();
    }
    let sign = if exp < 0 { '-' } else { '+' };
    format!("{mantissa}e{sign}{:02}", exp.abs())
}

/// Go's `strconv.Quote` (as `%q` and `%#v` write strings).
pub fn go_quote(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The unstructured object as Go's `%#v` prints it (kubectl shows it when a template fails).
pub fn go_syntax(v: &Value) -> String {
    match v {
        Value::Null => "interface {}(nil)".into(),
        Value::String(text) => go_quote(text),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(go_syntax).collect();
            format!("[]interface {{}}{{{}}}", parts.join(", "))
        }
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", go_quote(k), go_syntax(v)))
                .collect();
            format!("map[string]interface {{}}{{{}}}", parts.join(", "))
        }
        other => go_sprint(other),
    }
}

/// `json.Marshal`: compact, keys sorted, `<`, `>`, `&` escaped as Go escapes them.
pub fn go_json(v: &Value) -> String {
    html_escape(&serde_json::to_string(v).unwrap_or_default())
}

/// `json.MarshalIndent(v, "", "    ")`.
fn indented_json(v: &Value) -> String {
    use serde::Serialize;
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    let _ = v.serialize(&mut ser);
    html_escape(&String::from_utf8_lossy(&buf))
}

fn html_escape(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(template: &str, data: &Value) -> String {
        match JsonPath::parse(template) {
            Ok(j) => j
                .execute(data, false)
                .unwrap_or_else(|e| format!("ERR {e}")),
            Err(e) => format!("PARSE {e}"),
        }
    }

    fn pods() -> Value {
        json!({"kind": "List", "items": [
            {"metadata": {"name": "a", "labels": {"app": "x"}}, "status": {"phase": "Running", "n": 1}},
            {"metadata": {"name": "b"}, "status": {"phase": "Succeeded", "n": 2}},
            {"metadata": {"name": "c"}, "status": {"phase": "Failed", "n": 3, "x": 3.5}}
        ]})
    }

    #[test]
    fn fields_wildcards_and_slices_should_select_as_client_go_selects() {
        let d = pods();
        let cases = [
            ("{.items[*].metadata.name}", "a b c"),
            ("{.items[0].metadata.name}", "a"),
            ("{.items[-1].metadata.name}", "c"),
            ("{.items[0:2].metadata.name}", "a b"),
            ("{.items[::2].metadata.name}", "a c"),
            ("{.items[0,2].metadata.name}", "a c"),
            ("{.items[0]['metadata']['name']}", "a"),
            ("{.items[0].metadata.labels}", "{\"app\":\"x\"}"),
            ("{.items[*].status.n}", "1 2 3"),
            ("{.items[2].status.x}", "3.5"),
            ("{.items[0].nope}", ""),
            ("{..name}", "a b c"),
            ("x={.kind}!", "x=List!"),
            (
                "{.items[5].metadata.name}",
                "ERR array index out of bounds: index 5, length 3",
            ),
            ("{.kind[0]}", "ERR string is not array or slice"),
        ];
        for (t, want) in cases {
            assert_eq!(run(t, &d), want, "{t}");
        }
    }

    #[test]
    fn range_and_quoted_text_should_write_one_line_per_item() {
        let t = r#"{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}"#;
        assert_eq!(run(t, &pods()), "a\tRunning\nb\tSucceeded\nc\tFailed\n");
        let t = "{range .items[*]}[{.metadata.name}]{end} after";
        assert_eq!(run(t, &pods()), "[a][b][c] after");
        assert_eq!(run("{end}", &pods()), "ERR not in range, nothing to end");
    }

    #[test]
    fn filters_should_compare_one_value_of_one_kind() {
        let d = pods();
        let cases = [
            ("{.items[?(@.status.n==2)].metadata.name}", "b"),
            ("{.items[?(@.status.n>1)].metadata.name}", "b c"),
            (
                "{.items[?(@.status.x==1)].metadata.name}",
                "ERR incompatible types for comparison",
            ),
            (
                "{.items[?(@.status.phase!='Running')].metadata.name}",
                "b c",
            ),
            ("{.items[?(@.metadata.labels)].metadata.name}", "a"),
            (
                "{.items[?(@.metadata.labels.app==\"x\")].metadata.name}",
                "a",
            ),
        ];
        for (t, want) in cases {
            assert_eq!(run(t, &d), want, "{t}");
        }
    }

    #[test]
    fn parse_errors_should_use_the_parsers_words() {
        let cases = [
            ("{range", "PARSE unclosed action"),
            ("{.items[0}", "PARSE unterminated array"),
            ("{.a[x]}", "PARSE invalid array index x"),
            ("{.a[?(@.x==1)}", "PARSE unclosed array expect ]"),
            ("{\"abc}", "PARSE unterminated quoted string"),
            ("{#}", "PARSE unrecognized character in action: U+0023 '#'"),
            ("{metadata.name}", "ERR unrecognized identifier metadata"),
        ];
        for (t, want) in cases {
            assert_eq!(run(t, &pods()), want, "{t}");
        }
    }

    #[test]
    fn as_json_should_indent_each_actions_results_as_a_list() {
        let j = JsonPath::parse("{.items[0].metadata.name}").unwrap();
        assert_eq!(j.execute(&pods(), true).unwrap(), "[\n    \"a\"\n]\n");
    }

    #[test]
    fn scalars_should_print_as_go_prints_them() {
        assert_eq!(go_float(1e21), "1e+21");
        assert_eq!(go_float(1234567.0), "1234567");
        assert_eq!(go_float(0.00001), "1e-05");
        assert_eq!(
            go_sprint(&json!({"b": [1, "x"], "a": null})),
            "map[a:<nil> b:[1 x]]"
        );
        assert_eq!(
            go_json(&json!({"a": "<&>"})),
            "{\"a\":\"\\u003c\\u0026\\u003e\"}"
        );
    }
}
