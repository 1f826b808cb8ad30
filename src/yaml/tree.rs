//! A YAML document as a tree of nodes that remember their line and column.

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_saphyr::Spanned;
use std::fmt;

/// The largest input podlab accepts, in bytes (a learner's manifests are a few kilobytes).
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// A position in the input: 1-based line and column (0 when unknown).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Loc {
    /// 1-based line.
    pub line: u32,
    /// 1-based column.
    pub column: u32,
}

impl Loc {
    /// Shifts a location found in a block that starts at `first_line` of a larger file.
    pub fn offset(self, first_line: u32, indent: u32) -> Loc {
        if self.line == 0 {
            return self;
        }
        Loc {
            line: self.line + first_line - 1,
            column: self.column + indent,
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}", self.line, self.column)
    }
}

/// A YAML value whose children carry positions.
#[derive(Clone, Debug, PartialEq)]
pub enum YValue {
    /// `null`, `~` or an empty value.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer that fits in 64 bits.
    Int(i64),
    /// A floating-point number (or an integer too large for 64 bits).
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<YNode>),
    /// A mapping, in document order; keys are rendered as strings.
    Map(Vec<(YNode, YNode)>),
}

/// A value with the position where it stands in the input.
#[derive(Clone, Debug, PartialEq)]
pub struct YNode {
    /// The value.
    pub value: YValue,
    /// Where it starts.
    pub loc: Loc,
}

impl YNode {
    /// Looks up a key in a mapping node.
    pub fn get(&self, key: &str) -> Option<&YNode> {
        match &self.value {
            YValue::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The position of a field path such as `spec.containers[0].image`: the node itself when
    /// present, else its nearest present ancestor (e.g. the list for a missing item).
    pub fn locate(&self, path: &str) -> Loc {
        self.walk(path).0.loc
    }

    /// The node at a field path, if every segment exists.
    pub fn find(&self, path: &str) -> Option<&YNode> {
        match self.walk(path) {
            (node, true) => Some(node),
            _ => None,
        }
    }

    fn walk(&self, path: &str) -> (&YNode, bool) {
        let mut node = self;
        for seg in path.split('.') {
            let (name, indexes) = match seg.find('[') {
                Some(i) => (&seg[..i], &seg[i..]),
                None => (seg, ""),
            };
            if !name.is_empty() {
                match node.get(name) {
                    Some(child) => node = child,
                    None => return (node, false),
                }
            }
            for idx in indexes.split('[').filter(|s| !s.is_empty()) {
                let idx = idx.trim_end_matches(']');
                let next = match (&node.value, idx.parse::<usize>()) {
                    (YValue::Seq(items), Ok(i)) => items.get(i),
                    (YValue::Map(_), _) => node.get(idx),
                    _ => None,
                };
                match next {
                    Some(child) => node = child,
                    None => return (node, false),
                }
            }
        }
        (node, true)
    }

    /// The string value of a string node.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            YValue::Str(s) => Some(s),
            _ => None,
        }
    }

    /// A short name for the node's type, in Go's JSON wording (`string`, `number`, `object`, …).
    pub fn type_name(&self) -> &'static str {
        match self.value {
            YValue::Null => "null",
            YValue::Bool(_) => "bool",
            YValue::Int(_) | YValue::Float(_) => "number",
            YValue::Str(_) => "string",
            YValue::Seq(_) => "array",
            YValue::Map(_) => "object",
        }
    }
}

impl<'de> Deserialize<'de> for YNode {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<YValue>::deserialize(d)?;
        let r = spanned.referenced;
        Ok(YNode {
            value: spanned.value,
            loc: Loc {
                line: r.line() as u32,
                column: r.column() as u32,
            },
        })
    }
}

impl<'de> Deserialize<'de> for YValue {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = YValue;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_unit<E>(self) -> Result<YValue, E> {
        Ok(YValue::Null)
    }
    fn visit_none<E>(self) -> Result<YValue, E> {
        Ok(YValue::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<YValue, D::Error> {
        YValue::deserialize(d)
    }
    fn visit_bool<E>(self, v: bool) -> Result<YValue, E> {
        Ok(YValue::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<YValue, E> {
        Ok(YValue::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<YValue, E> {
        Ok(i64::try_from(v)
            .map(YValue::Int)
            .unwrap_or(YValue::Float(v as f64)))
    }
    fn visit_i128<E>(self, v: i128) -> Result<YValue, E> {
        Ok(i64::try_from(v)
            .map(YValue::Int)
            .unwrap_or(YValue::Float(v as f64)))
    }
    fn visit_u128<E>(self, v: u128) -> Result<YValue, E> {
        Ok(i64::try_from(v)
            .map(YValue::Int)
            .unwrap_or(YValue::Float(v as f64)))
    }
    fn visit_f64<E>(self, v: f64) -> Result<YValue, E> {
        Ok(YValue::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<YValue, E> {
        Ok(YValue::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<YValue, E> {
        Ok(YValue::Str(v))
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YValue, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<YNode>()? {
            items.push(item);
        }
        Ok(YValue::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YValue, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<YNode>()? {
            let key = match key.value {
                YValue::Str(_) => key,
                YValue::Null => YNode {
                    value: YValue::Str("null".into()),
                    loc: key.loc,
                },
                YValue::Bool(b) => YNode {
                    value: YValue::Str(b.to_string()),
                    loc: key.loc,
                },
                YValue::Int(i) => YNode {
                    value: YValue::Str(i.to_string()),
                    loc: key.loc,
                },
                YValue::Float(x) => YNode {
                    value: YValue::Str(x.to_string()),
                    loc: key.loc,
                },
                YValue::Seq(_) | YValue::Map(_) => {
                    return Err(de::Error::custom("a mapping key must be a scalar"));
                }
            };
            let value = map.next_value::<YNode>()?;
            entries.push((key, value));
        }
        Ok(YValue::Map(entries))
    }
}

/// Why a YAML text could not be read.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}{message}", if loc.line > 0 { format!("{loc}: ") } else { String::new() })]
pub struct YamlError {
    /// Where the problem is.
    pub loc: Loc,
    /// What is wrong, in one sentence.
    pub message: String,
    /// The mistake behind it, when it is a common one.
    pub kind: SyntaxKind,
}

/// The YAML mistakes learners make most, told apart where the parser reports them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SyntaxKind {
    /// A tab where YAML wants spaces for indentation.
    Tab,
    /// A plain value starting with `*` (as an unquoted cron schedule `*/5 * * * *` does),
    /// which YAML reads as an alias of an anchor.
    Alias,
    /// A key indented more or less than its neighbours, or a `key: value` inside a value.
    Indentation,
    /// Anything else.
    #[default]
    Other,
}

impl SyntaxKind {
    /// Tells the mistake from the parser's error and the line it points at.
    fn of(e: &serde_saphyr::Error, message: &str, line: Option<&str>) -> SyntaxKind {
        let starts_with_star = line.is_some_and(|l| {
            l.split_once(':')
                .is_some_and(|(_, v)| v.trim_start().starts_with('*'))
                || l.trim_start().trim_start_matches("- ").starts_with('*')
        });
        if matches!(e, serde_saphyr::Error::UnknownAnchor { .. }) || starts_with_star {
            SyntaxKind::Alias
        } else if message.contains("tab") || line.is_some_and(|l| l.starts_with('\t')) {
            SyntaxKind::Tab
        } else if [
            "did not find expected key",
            "mapping values are not allowed",
            "block sequence entries are not allowed",
            "did not find expected '-'",
        ]
        .iter()
        .any(|m| message.contains(m))
        {
            SyntaxKind::Indentation
        } else {
            SyntaxKind::Other
        }
    }
}

/// Parses one or more `---`-separated YAML documents (empty documents are skipped).
pub fn parse_documents(text: &str) -> Result<Vec<YNode>, YamlError> {
    if text.len() > MAX_INPUT_BYTES {
        return Err(YamlError {
            loc: Loc::default(),
            message: format!(
                "input is {} bytes, larger than the {} bytes podlab accepts",
                text.len(),
                MAX_INPUT_BYTES
            ),
            kind: SyntaxKind::Other,
        });
    }
    let mut options = serde_saphyr::options! {
        budget: serde_saphyr::budget! {
            max_depth: 64,
            max_aliases: 500,
            max_anchors: 1_000,
            max_events: 400_000,
            max_nodes: 200_000,
            max_documents: 1_000,
            max_recorded_anchor_events: 20_000,
        },
    };
    options.with_snippet = false;
    serde_saphyr::from_multiple_with_options::<YNode>(text, options).map_err(|e| {
        let loc = e
            .location()
            .map(|l| Loc {
                line: l.line() as u32,
                column: l.column() as u32,
            })
            .unwrap_or_default();
        let mut message = e.to_string();
        // The library adds its own position; podlab prints one uniformly.
        if let Some(rest) = strip_position_prefix(&message) {
            message = rest.to_string();
        }
        if let Some(i) = message.rfind(" at line ") {
            if message[i + 9..]
                .chars()
                .all(|c| c.is_ascii_digit() || ", column".contains(c))
            {
                message.truncate(i);
            }
        }
        let line = (loc.line > 0)
            .then(|| text.lines().nth(loc.line as usize - 1))
            .flatten();
        let kind = SyntaxKind::of(&e, &message, line);
        // The scanner may stop on the line before a tab: point at the tab itself.
        let loc = match kind {
            SyntaxKind::Tab => tab_at_or_after(text, loc).unwrap_or(loc),
            _ => loc,
        };
        YamlError {
            kind,
            loc,
            message: message.trim().to_string(),
        }
    })
}

/// The first tab in the indentation of a line at or after `loc`.
fn tab_at_or_after(text: &str, loc: Loc) -> Option<Loc> {
    let from = loc.line.max(1) as usize - 1;
    text.lines().enumerate().skip(from).find_map(|(i, l)| {
        let indent = &l[..l.len() - l.trim_start().len()];
        indent.find('\t').map(|c| Loc {
            line: i as u32 + 1,
            column: c as u32 + 1,
        })
    })
}

fn strip_position_prefix(message: &str) -> Option<&str> {
    let rest = message.strip_prefix("line ")?;
    let idx = rest.find(": ")?;
    let head = &rest[..idx];
    head.chars()
        .all(|c| c.is_ascii_digit() || c == ' ' || c == ',' || c.is_ascii_alphabetic())
        .then(|| &rest[idx + 2..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nodes_should_carry_line_and_column() {
        let docs = parse_documents("a: 1\nb:\n  c: [x, 2]\n---\nd: true\n").unwrap();
        assert_eq!(docs.len(), 2);
        let c = docs[0].get("b").unwrap().get("c").unwrap();
        assert_eq!(c.loc, Loc { line: 3, column: 6 });
        match &c.value {
            YValue::Seq(items) => {
                assert_eq!(items[0].value, YValue::Str("x".into()));
                assert_eq!(
                    items[1].loc,
                    Loc {
                        line: 3,
                        column: 10
                    }
                );
            }
            other => panic!("not a sequence: {other:?}"),
        }
        assert_eq!(docs[1].get("d").unwrap().value, YValue::Bool(true));
    }

    #[test]
    fn syntax_errors_should_name_line_and_column() {
        let err = parse_documents("a: [1, 2\nb: 3\n").unwrap_err();
        assert!(err.loc.line >= 1, "{err:?}");
        assert!(err.to_string().starts_with("line "), "{err}");
    }

    #[test]
    fn common_mistakes_should_be_told_apart_on_the_right_line() {
        let alias = parse_documents("spec:\n  schedule: */1 * * * *\n").unwrap_err();
        assert_eq!(
            (alias.kind, alias.loc.line),
            (SyntaxKind::Alias, 2),
            "{alias}"
        );
        let tab = parse_documents("a:\n  b: 1\n\tc: 2\n").unwrap_err();
        assert_eq!((tab.kind, tab.loc.line), (SyntaxKind::Tab, 3), "{tab}");
        let indent = parse_documents("a:\n  b: 1\n c: 2\n").unwrap_err();
        assert_eq!(indent.kind, SyntaxKind::Indentation, "{indent}");
        let value = parse_documents("a: b: c\n").unwrap_err();
        assert_eq!(value.kind, SyntaxKind::Indentation, "{value}");
        assert!(
            !value.message.contains("at line"),
            "the position is printed once: {value}"
        );
    }

    #[test]
    fn duplicate_keys_should_be_rejected() {
        let err = parse_documents("a: 1\na: 2\n").unwrap_err();
        assert_eq!(err.loc.line, 2, "{err}");
    }

    #[test]
    fn alias_bombs_should_hit_the_budget() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..12 {
            let p = i - 1;
            text.push_str(&format!(
                "a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"
            ));
        }
        assert!(parse_documents(&text).is_err());
    }

    #[test]
    fn deep_nesting_should_hit_the_budget() {
        let text = format!("{}{}", "[".repeat(2000), "]".repeat(2000));
        assert!(parse_documents(&text).is_err());
        let mut block = String::new();
        for i in 0..2000 {
            block.push_str(&" ".repeat(i));
            block.push_str("k:\n");
        }
        assert!(parse_documents(&block).is_err());
    }
}
