//! Label selectors (matchLabels / matchExpressions) and node selector terms.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A label selector as in `spec.selector`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelSelector {
    /// Exact key/value pairs.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub match_labels: BTreeMap<String, String>,
    /// Set-based requirements.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<LabelSelectorRequirement>,
}

/// One set-based requirement: `In`, `NotIn`, `Exists`, `DoesNotExist`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct LabelSelectorRequirement {
    /// The label key.
    pub key: String,
    /// The operator.
    pub operator: String,
    /// The values (empty for `Exists` / `DoesNotExist`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

impl LabelSelector {
    /// Whether the labels satisfy every term. An empty selector matches everything.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        self.match_labels
            .iter()
            .all(|(k, v)| labels.get(k) == Some(v))
            && self.match_expressions.iter().all(|r| r.matches(labels))
    }

    /// Parses the `kubectl -l` form: `a=b,c!=d,e in (x,y),f notin (z),g,!h`.
    pub fn parse(text: &str) -> Result<LabelSelector, String> {
        let mut sel = LabelSelector::default();
        for part in split_top_level(text) {
            let part = part.trim();
            if part.is_empty() {
                continue;
            }
            let req = if let Some(key) = part.strip_prefix('!') {
                LabelSelectorRequirement {
                    key: key.trim().into(),
                    operator: "DoesNotExist".into(),
                    values: vec![],
                }
            } else if let Some((k, v)) = part.split_once("!=") {
                LabelSelectorRequirement {
                    key: k.trim().into(),
                    operator: "NotIn".into(),
                    values: vec![v.trim().into()],
                }
            } else if let Some((k, v)) = part.split_once("==").or_else(|| part.split_once('=')) {
                sel.match_labels.insert(k.trim().into(), v.trim().into());
                continue;
            } else if let Some(req) = split_set_op(part) {
                req
            } else {
                if !part
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c))
                {
                    return Err(format!("unable to parse requirement: {part}"));
                }
                LabelSelectorRequirement {
                    key: part.into(),
                    operator: "Exists".into(),
                    values: vec![],
                }
            };
            sel.match_expressions.push(req);
        }
        Ok(sel)
    }
}

fn split_set_op(part: &str) -> Option<LabelSelectorRequirement> {
    for (word, op) in [(" notin ", "NotIn"), (" in ", "In")] {
        if let Some((k, rest)) = part.split_once(word) {
            let values = rest.trim().strip_prefix('(')?.strip_suffix(')')?;
            let values = values
                .split(',')
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
                .collect();
            return Some(LabelSelectorRequirement {
                key: k.trim().into(),
                operator: op.into(),
                values,
            });
        }
    }
    None
}

fn split_top_level(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in text.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&text[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&text[start..]);
    parts
}

impl LabelSelectorRequirement {
    /// Whether the labels satisfy this requirement.
    pub fn matches(&self, labels: &BTreeMap<String, String>) -> bool {
        let value = labels.get(&self.key);
        match self.operator.as_str() {
            "In" => value.is_some_and(|v| self.values.contains(v)),
            "NotIn" => value.is_none_or(|v| !self.values.contains(v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            _ => false,
        }
    }
}

/// A node selector term: all of its expressions and fields must match.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelectorTerm {
    /// Requirements on node labels.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_expressions: Vec<NodeSelectorRequirement>,
    /// Requirements on node fields (only `metadata.name` is supported by Kubernetes).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub match_fields: Vec<NodeSelectorRequirement>,
}

/// A node selector requirement: `In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct NodeSelectorRequirement {
    /// The label key or field name.
    pub key: String,
    /// The operator.
    pub operator: String,
    /// The values.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<String>,
}

impl NodeSelectorRequirement {
    /// Whether a value (absent = `None`) satisfies the requirement.
    pub fn matches(&self, value: Option<&str>) -> bool {
        match self.operator.as_str() {
            "In" => value.is_some_and(|v| self.values.iter().any(|x| x == v)),
            "NotIn" => value.is_none_or(|v| !self.values.iter().any(|x| x == v)),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            "Gt" | "Lt" => {
                let (Some(v), Some(bound)) = (
                    value.and_then(|v| v.parse::<i64>().ok()),
                    self.values.first().and_then(|b| b.parse::<i64>().ok()),
                ) else {
                    return false;
                };
                if self.operator == "Gt" {
                    v > bound
                } else {
                    v < bound
                }
            }
            _ => false,
        }
    }
}

impl NodeSelectorTerm {
    /// Whether a node with these labels and this name satisfies the term.
    /// An empty term matches nothing, as in the scheduler.
    pub fn matches(&self, labels: &BTreeMap<String, String>, node_name: &str) -> bool {
        if self.match_expressions.is_empty() && self.match_fields.is_empty() {
            return false;
        }
        self.match_expressions
            .iter()
            .all(|r| r.matches(labels.get(&r.key).map(String::as_str)))
            && self
                .match_fields
                .iter()
                .all(|r| r.key == "metadata.name" && r.matches(Some(node_name)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn labels(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn selector_should_match_labels_and_expressions() {
        let sel = LabelSelector::parse("app=web,tier in (front, back),!legacy,env!=prod").unwrap();
        assert!(sel.matches(&labels(&[("app", "web"), ("tier", "front")])));
        assert!(!sel.matches(&labels(&[("app", "web"), ("tier", "db")])));
        assert!(!sel.matches(&labels(&[
            ("app", "web"),
            ("tier", "front"),
            ("legacy", "")
        ])));
        assert!(!sel.matches(&labels(&[
            ("app", "web"),
            ("tier", "front"),
            ("env", "prod")
        ])));
        assert!(LabelSelector::default().matches(&labels(&[])));
    }

    #[test]
    fn node_selector_term_should_match_fields_and_numbers() {
        let term = NodeSelectorTerm {
            match_expressions: vec![NodeSelectorRequirement {
                key: "cpus".into(),
                operator: "Gt".into(),
                values: vec!["4".into()],
            }],
            match_fields: vec![NodeSelectorRequirement {
                key: "metadata.name".into(),
                operator: "In".into(),
                values: vec!["node-1".into()],
            }],
        };
        assert!(term.matches(&labels(&[("cpus", "8")]), "node-1"));
        assert!(!term.matches(&labels(&[("cpus", "8")]), "node-2"));
        assert!(!term.matches(&labels(&[("cpus", "2")]), "node-1"));
        assert!(!NodeSelectorTerm::default().matches(&labels(&[]), "node-1"));
    }
}
