//! A strict serde decoder over [`YNode`] trees: unknown fields and type mismatches are reported
//! with their field path and position, in the API server's strict-decoding wording.

use super::tree::{Loc, YNode, YValue};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use std::cell::RefCell;
use std::fmt;

/// The API's named string types (Go struct, field, type), as `reflect.Type.String()` names them
/// in a type error: `… of type v1.ConcurrencyPolicy`, not `string`.
const GO_NAMED_STRINGS: &[(&str, &str, &str)] = &[
    ("CronJobSpec", "concurrencyPolicy", "v1.ConcurrencyPolicy"),
    ("PodSpec", "restartPolicy", "v1.RestartPolicy"),
    ("PodSpec", "dnsPolicy", "v1.DNSPolicy"),
    ("JobSpec", "completionMode", "v1.CompletionMode"),
    ("JobSpec", "podReplacementPolicy", "v1.PodReplacementPolicy"),
    ("Container", "imagePullPolicy", "v1.PullPolicy"),
];

/// One problem found while decoding: an unknown field or a value of the wrong type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeIssue {
    /// The field path, e.g. `spec.containers[0].imagee`.
    pub path: String,
    /// Where the offending key or value stands.
    pub loc: Loc,
    /// The message, e.g. `unknown field "spec.containers[0].imagee"`.
    pub message: String,
    /// The closest real field name, when one is near enough to be a likely typo.
    pub suggestion: Option<String>,
}

impl fmt::Display for DecodeIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean \"{s}\"?)")?;
        }
        Ok(())
    }
}

/// Why a document could not be decoded: every unknown field, and at most one type mismatch.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("strict decoding error: {}", .issues.iter().map(|i| i.to_string()).collect::<Vec<_>>().join(", "))]
pub struct DecodeError {
    /// The problems, in document order.
    pub issues: Vec<DecodeIssue>,
}

/// Decodes a node into `T`, rejecting unknown fields (all are reported) and wrong types.
pub fn decode<T: DeserializeOwned>(node: &YNode) -> Result<T, DecodeError> {
    let issues = RefCell::new(Vec::new());
    let de = NodeDe {
        node,
        path: "",
        issues: &issues,
        owner: "",
    };
    let result = T::deserialize(de);
    let mut issues = issues.into_inner();
    match result {
        Ok(value) if issues.is_empty() => Ok(value),
        Ok(_) => Err(DecodeError { issues }),
        Err(e) => {
            issues.push(DecodeIssue {
                path: e.path,
                loc: e.loc,
                message: e.message,
                suggestion: None,
            });
            crate::sort::sort_by_key(&mut issues, |i| i.loc);
            Err(DecodeError { issues })
        }
    }
}

/// The fatal error type that aborts decoding.
#[derive(Debug)]
struct Fatal {
    path: String,
    loc: Loc,
    message: String,
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Fatal {}

impl de::Error for Fatal {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Fatal {
            path: String::new(),
            loc: Loc::default(),
            message: msg.to_string(),
        }
    }
}

#[derive(Clone, Copy)]
struct NodeDe<'a> {
    node: &'a YNode,
    path: &'a str,
    issues: &'a RefCell<Vec<DecodeIssue>>,
    owner: &'static str,
}

// `path` is borrowed, so children build their own strings; this helper keeps that in one place.
struct Owned<'a> {
    node: &'a YNode,
    path: String,
    issues: &'a RefCell<Vec<DecodeIssue>>,
    owner: &'static str,
}

impl<'a> Owned<'a> {
    fn de(&self) -> NodeDe<'_> {
        NodeDe {
            node: self.node,
            path: &self.path,
            issues: self.issues,
            owner: self.owner,
        }
    }
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

impl<'a> NodeDe<'a> {
    fn mismatch(&self, go_type: &str) -> Fatal {
        // Go's names for the API's named string types, as a type error prints them.
        let field = self.path.rsplit('.').next().unwrap_or(self.path);
        let go_type = GO_NAMED_STRINGS
            .iter()
            .find(|(owner, name, _)| *owner == self.owner && *name == field && go_type == "string")
            .map_or(go_type, |(_, _, named)| named);
        let into_number = !go_type.contains("string") && !go_type.starts_with("v1.");
        let found = match &self.node.value {
            // encoding/json: "number" into a string; "number 3.5" when a number does not fit.
            YValue::Int(i) if into_number => format!("number {i}"),
            YValue::Float(x) if into_number => format!("number {x}"),
            YValue::Int(_) | YValue::Float(_) => "number".to_string(),
            other => YNode {
                value: other.clone(),
                loc: self.node.loc,
            }
            .type_name()
            .to_string(),
        };
        let field = if self.owner.is_empty() {
            format!("Go value of type {go_type}")
        } else {
            format!(
                "Go struct field {}.{} of type {go_type}",
                self.owner, self.path
            )
        };
        Fatal {
            path: self.path.to_string(),
            loc: self.node.loc,
            message: format!("json: cannot unmarshal {found} into {field}"),
        }
    }

    fn int(&self, go_type: &str, min: i64, max: i64) -> Result<i64, Fatal> {
        match self.node.value {
            YValue::Int(i) if (min..=max).contains(&i) => Ok(i),
            _ => Err(self.mismatch(go_type)),
        }
    }
}

macro_rules! de_int {
    ($name:ident, $visit:ident, $t:ty, $go:literal) => {
        fn $name<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
            let i = self.int($go, <$t>::MIN as i64, <$t>::MAX as i64)?;
            v.$visit(i as $t)
        }
    };
}

impl<'de, 'a> de::Deserializer<'de> for NodeDe<'a> {
    type Error = Fatal;

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match &self.node.value {
            YValue::Null => v.visit_unit(),
            YValue::Bool(b) => v.visit_bool(*b),
            YValue::Int(i) => v.visit_i64(*i),
            YValue::Float(x) => v.visit_f64(*x),
            YValue::Str(s) => v.visit_str(s),
            YValue::Seq(_) => self.deserialize_seq(v),
            YValue::Map(_) => self.deserialize_map(v),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match self.node.value {
            YValue::Bool(b) => v.visit_bool(b),
            _ => Err(self.mismatch("bool")),
        }
    }

    de_int!(deserialize_i8, visit_i8, i8, "int8");
    de_int!(deserialize_i16, visit_i16, i16, "int16");
    de_int!(deserialize_i32, visit_i32, i32, "int32");
    de_int!(deserialize_u8, visit_u8, u8, "uint8");
    de_int!(deserialize_u16, visit_u16, u16, "uint16");
    de_int!(deserialize_u32, visit_u32, u32, "uint32");

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        v.visit_i64(self.int("int64", i64::MIN, i64::MAX)?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        v.visit_u64(self.int("uint64", 0, i64::MAX)? as u64)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_f64(v)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match self.node.value {
            YValue::Int(i) => v.visit_f64(i as f64),
            YValue::Float(x) => v.visit_f64(x),
            _ => Err(self.mismatch("float64")),
        }
    }

    fn deserialize_char<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_str(v)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match &self.node.value {
            YValue::Str(s) => v.visit_str(s),
            _ => Err(self.mismatch("string")),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_str(v)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_str(v)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_str(v)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match self.node.value {
            YValue::Null => v.visit_none(),
            _ => v.visit_some(self),
        }
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        v.visit_unit()
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Fatal> {
        v.visit_unit()
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        v: V,
    ) -> Result<V::Value, Fatal> {
        v.visit_newtype_struct(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match &self.node.value {
            YValue::Seq(items) => v.visit_seq(Items {
                items,
                index: 0,
                de: self,
            }),
            YValue::Null => v.visit_seq(Items {
                items: &[],
                index: 0,
                de: self,
            }),
            _ => Err(self.mismatch("array")),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, Fatal> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        match &self.node.value {
            YValue::Map(entries) => v.visit_map(Entries {
                entries,
                index: 0,
                de: self,
                fields: None,
            }),
            YValue::Null => v.visit_map(Entries {
                entries: &[],
                index: 0,
                de: self,
                fields: None,
            }),
            _ => Err(self.mismatch("map[string]string")),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Fatal> {
        let de = NodeDe {
            owner: name,
            ..self
        };
        match &self.node.value {
            YValue::Map(entries) => v.visit_map(Entries {
                entries,
                index: 0,
                de,
                fields: Some(fields),
            }),
            YValue::Null => v.visit_map(Entries {
                entries: &[],
                index: 0,
                de,
                fields: Some(fields),
            }),
            _ => Err(de.mismatch(&format!("v1.{name}"))),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Fatal> {
        match &self.node.value {
            YValue::Str(s) => v.visit_enum(s.as_str().into_deserializer()),
            _ => Err(self.mismatch("string")),
        }
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        self.deserialize_str(v)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Fatal> {
        v.visit_unit()
    }
}

struct Items<'a> {
    items: &'a [YNode],
    index: usize,
    de: NodeDe<'a>,
}

impl<'de, 'a> SeqAccess<'de> for Items<'a> {
    type Error = Fatal;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Fatal> {
        let Some(node) = self.items.get(self.index) else {
            return Ok(None);
        };
        let child = Owned {
            node,
            path: format!("{}[{}]", self.de.path, self.index),
            issues: self.de.issues,
            owner: self.de.owner,
        };
        self.index += 1;
        seed.deserialize(child.de())
            .map(Some)
            .map_err(|e| locate(e, &child))
    }
    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len() - self.index)
    }
}

struct Entries<'a> {
    entries: &'a [(YNode, YNode)],
    index: usize,
    de: NodeDe<'a>,
    fields: Option<&'static [&'static str]>,
}

impl<'de, 'a> MapAccess<'de> for Entries<'a> {
    type Error = Fatal;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Fatal> {
        while let Some((key, _)) = self.entries.get(self.index) {
            let name = key.as_str().unwrap_or_default();
            if let Some(fields) = self.fields {
                if !fields.contains(&name) {
                    let path = join(self.de.path, name);
                    self.de.issues.borrow_mut().push(DecodeIssue {
                        message: format!("unknown field \"{path}\""),
                        suggestion: closest(name, fields),
                        path,
                        loc: key.loc,
                    });
                    self.index += 1;
                    continue;
                }
            }
            return seed.deserialize(name.into_deserializer()).map(Some);
        }
        Ok(None)
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Fatal> {
        let (key, node) = &self.entries[self.index];
        self.index += 1;
        let child = Owned {
            node,
            path: join(self.de.path, key.as_str().unwrap_or_default()),
            issues: self.de.issues,
            owner: self.de.owner,
        };
        // Map values (labels, annotations, …) report the map's own path, as the API server does.
        let child = if self.fields.is_none() {
            Owned {
                path: self.de.path.to_string(),
                ..child
            }
        } else {
            child
        };
        seed.deserialize(child.de()).map_err(|e| locate(e, &child))
    }
}

fn locate(mut e: Fatal, at: &Owned<'_>) -> Fatal {
    if e.loc == Loc::default() {
        e.loc = at.node.loc;
        e.path = at.path.clone();
    }
    e
}

/// The closest of `candidates` to `word` by edit distance, if it is close enough to be a typo.
pub(crate) fn closest(word: &str, candidates: &[&str]) -> Option<String> {
    let lower = word.to_ascii_lowercase();
    candidates
        .iter()
        .map(|c| (edit_distance(&lower, &c.to_ascii_lowercase()), *c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c.to_string())
}

/// Optimal-string-alignment distance: insertions, deletions, substitutions and transpositions.
fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1)
                .min(d[i][j - 1] + 1)
                .min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The closest kind name to a misspelt one (case-insensitive), for "did you mean" hints.
pub fn closest_kind(word: &str, kinds: &[&str]) -> Option<String> {
    closest(word, kinds).filter(|k| k != word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::yaml::parse_documents;
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Default, Deserialize, PartialEq)]
    #[serde(rename_all = "camelCase", default)]
    struct Container {
        name: String,
        image: String,
    }

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(rename_all = "camelCase", default)]
    struct PodSpec {
        containers: Vec<Container>,
        active_deadline_seconds: Option<i64>,
        priority: Option<i32>,
        node_selector: BTreeMap<String, String>,
    }

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(default)]
    struct Pod {
        spec: PodSpec,
    }

    fn doc(text: &str) -> YNode {
        parse_documents(text).unwrap().remove(0)
    }

    #[test]
    fn unknown_fields_should_all_be_reported_with_paths_and_suggestions() {
        let err = decode::<Pod>(&doc(
            "spec:\n  containers:\n  - name: a\n    imagee: busybox\n  nodeSelecter: {a: b}\n",
        ))
        .unwrap_err();
        assert_eq!(err.issues.len(), 2, "{err}");
        assert_eq!(
            err.issues[0].message,
            "unknown field \"spec.containers[0].imagee\""
        );
        assert_eq!(err.issues[0].suggestion.as_deref(), Some("image"));
        assert_eq!(err.issues[0].loc, Loc { line: 4, column: 5 });
        assert_eq!(err.issues[1].suggestion.as_deref(), Some("nodeSelector"));
    }

    #[test]
    fn type_mismatches_should_use_go_wording() {
        let err = decode::<Pod>(&doc("spec:\n  nodeSelector:\n    disk: 1\n")).unwrap_err();
        assert_eq!(
            err.issues[0].message,
            "json: cannot unmarshal number into Go struct field PodSpec.spec.nodeSelector of type string"
        );
        assert_eq!(
            err.issues[0].loc,
            Loc {
                line: 3,
                column: 11
            }
        );
        let err = decode::<Pod>(&doc("spec:\n  priority: 2147483648\n")).unwrap_err();
        assert!(
            err.issues[0].message.contains(
                "number 2147483648 into Go struct field PodSpec.spec.priority of type int32"
            ),
            "{err}"
        );
        let err = decode::<Pod>(&doc("spec:\n  containers: busybox\n")).unwrap_err();
        assert!(
            err.issues[0]
                .message
                .starts_with("json: cannot unmarshal string"),
            "{err}"
        );
    }

    #[test]
    fn known_fields_should_decode() {
        let pod = decode::<Pod>(&doc(
            "spec:\n  activeDeadlineSeconds: 30\n  containers: [{name: a, image: b}]\n",
        ))
        .unwrap();
        assert_eq!(pod.spec.active_deadline_seconds, Some(30));
        assert_eq!(pod.spec.containers[0].image, "b");
    }

    #[test]
    fn closest_should_only_suggest_near_misses() {
        assert_eq!(
            closest("restartPolicyy", &["restartPolicy", "containers"]).as_deref(),
            Some("restartPolicy")
        );
        assert_eq!(closest("zzz", &["restartPolicy", "containers"]), None);
    }
}
