//! `expect` blocks: which objects, which field values and conditions, how many; checked against
//! the kubectl-shaped JSON of the objects at a moment of the run.

use crate::model::{Kind, LabelSelector};
use crate::sim::{format_duration, SimTime};
use crate::yaml::Loc;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// What an expectation looks at.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// One object, `kind/name`.
    One(Kind, String),
    /// Every object of a kind (`pods`), optionally filtered by a selector.
    All(Kind),
}

/// One expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct Expectation {
    /// Its position in the `expect` list.
    pub index: usize,
    /// When it is checked.
    pub at: SimTime,
    /// Which objects.
    pub target: Target,
    /// Their namespace (`default` unless the expectation names one; ignored for cluster-scoped
    /// kinds).
    pub namespace: String,
    /// Label selector (for `All`).
    pub selector: Option<LabelSelector>,
    /// Dotted field paths and the values they must have.
    pub fields: BTreeMap<String, Value>,
    /// Condition types that must be True.
    pub conditions: Vec<String>,
    /// How many objects must match.
    pub count: Option<u64>,
    /// Where it is written.
    pub loc: Loc,
}

impl Expectation {
    /// The kind it looks at.
    pub fn kind(&self) -> Kind {
        match &self.target {
            Target::One(kind, _) | Target::All(kind) => *kind,
        }
    }

    /// Whether [`check`] could count `obj` among the objects it looks at (its kind, name,
    /// namespace and selector): a run writes only those as JSON for the check.
    pub fn may_match(&self, obj: &crate::model::Object) -> bool {
        let meta = obj.meta();
        let kind = self.kind();
        let namespace = meta
            .namespace
            .as_deref()
            .unwrap_or(crate::model::DEFAULT_NAMESPACE);
        obj.kind() == kind
            && (!kind.namespaced() || namespace == self.namespace)
            && match &self.target {
                Target::One(_, name) => meta.name == *name,
                Target::All(_) => self
                    .selector
                    .as_ref()
                    .is_none_or(|s| s.matches(&meta.labels)),
            }
    }
}

/// A failed expectation.
#[derive(Clone, Debug, PartialEq)]
pub struct ExpectFailure {
    /// Which expectation.
    pub index: usize,
    /// When it was checked.
    pub at: SimTime,
    /// Where it is written.
    pub loc: Loc,
    /// What was checked.
    pub what: String,
    /// What was expected.
    pub expected: String,
    /// What was found.
    pub actual: String,
}

impl fmt::Display for ExpectFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "expect[{}] at {}: {}: expected {}, got {}",
            self.index,
            format_duration(self.at.0),
            self.what,
            self.expected,
            self.actual
        )
    }
}

/// Builds an expectation from its raw fields.
pub fn parse(
    object: &str,
    selector: Option<&str>,
    fields: &BTreeMap<String, Value>,
    conditions: &[String],
    count: Option<u64>,
) -> Result<Expectation, String> {
    let target = match object.split_once('/') {
        Some((k, n)) => Target::One(
            Kind::parse(k)
                .ok_or_else(|| format!("Invalid value: {object:?}: unknown kind {k:?}"))?,
            n.to_string(),
        ),
        None => Target::All(Kind::parse(object).ok_or_else(|| {
            format!("Invalid value: {object:?}: must be KIND/NAME or a kind such as pods")
        })?),
    };
    let selector = match selector {
        Some(s) => Some(LabelSelector::parse(s).map_err(|e| format!("Invalid value: {s:?}: {e}"))?),
        None => None,
    };
    Ok(Expectation {
        index: 0,
        at: SimTime::ZERO,
        target,
        namespace: crate::model::DEFAULT_NAMESPACE.to_string(),
        selector,
        fields: fields.clone(),
        conditions: conditions.to_vec(),
        count,
        loc: Loc::default(),
    })
}

/// Looks up `a.b[0].c` (or `a["dotted.key"]`) in a JSON value.
pub fn lookup<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    let mut cur = value;
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']')?;
            let key = &r[..end];
            cur = match key.trim_matches('"').parse::<usize>() {
                Ok(i) if !key.starts_with('"') => cur.get(i)?,
                _ => cur.get(key.trim_matches('"'))?,
            };
            rest = r[end + 1..].trim_start_matches('.');
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            cur = cur.get(&rest[..end])?;
            rest = rest[end..].trim_start_matches('.');
        }
    }
    Some(cur)
}

fn same(expected: &Value, actual: Option<&Value>) -> bool {
    match (expected, actual) {
        (Value::Number(a), Some(Value::Number(b))) => a.as_f64() == b.as_f64(),
        (Value::Null, None) => true,
        (e, Some(a)) => e == a,
        _ => false,
    }
}

fn show(v: Option<&Value>) -> String {
    v.map(Value::to_string).unwrap_or_else(|| "<absent>".into())
}

/// Checks an expectation against the objects (kubectl JSON) that exist at its time.
pub fn check(x: &Expectation, items: &[Value]) -> Vec<ExpectFailure> {
    let fail = |what: String, expected: String, actual: String| ExpectFailure {
        index: x.index,
        at: x.at,
        loc: x.loc,
        what,
        expected,
        actual,
    };
    let of_kind = |kind: Kind| {
        move |v: &&Value| {
            v.get("kind").and_then(Value::as_str) == Some(kind.name())
                && (!kind.namespaced()
                    || lookup(v, "metadata.namespace")
                        .and_then(Value::as_str)
                        .unwrap_or(crate::model::DEFAULT_NAMESPACE)
                        == x.namespace)
        }
    };
    let matched: Vec<&Value> = match &x.target {
        Target::One(kind, name) => items
            .iter()
            .filter(of_kind(*kind))
            .filter(|v| lookup(v, "metadata.name").and_then(Value::as_str) == Some(name))
            .collect(),
        Target::All(kind) => items
            .iter()
            .filter(of_kind(*kind))
            .filter(|v| match &x.selector {
                None => true,
                Some(sel) => {
                    let labels: BTreeMap<String, String> = lookup(v, "metadata.labels")
                        .and_then(Value::as_object)
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| {
                                    (k.clone(), v.as_str().unwrap_or_default().to_string())
                                })
                                .collect()
                        })
                        .unwrap_or_default();
                    sel.matches(&labels)
                }
            })
            .collect(),
    };
    let label = match &x.target {
        Target::One(k, n) => format!("{}/{n}", k.lower()),
        Target::All(k) => k.plural().to_string(),
    };
    let mut out = Vec::new();
    if let Target::One(..) = x.target {
        if matched.is_empty() {
            out.push(fail(label, "it to exist".into(), "not found".into()));
            return out;
        }
    }
    if let Some(n) = x.count {
        if matched.len() as u64 != n {
            out.push(fail(
                format!("{label} count"),
                n.to_string(),
                matched.len().to_string(),
            ));
        }
    }
    for obj in &matched {
        let name = lookup(obj, "metadata.name")
            .and_then(Value::as_str)
            .unwrap_or_default();
        for (path, want) in &x.fields {
            let got = lookup(obj, path);
            if !same(want, got) {
                out.push(fail(
                    format!("{label} {name} {path}"),
                    want.to_string(),
                    show(got),
                ));
            }
        }
        for cond in &x.conditions {
            let conds = lookup(obj, "status.conditions").and_then(Value::as_array);
            let ok = conds.is_some_and(|cs| {
                cs.iter().any(|c| {
                    c.get("type").and_then(Value::as_str) == Some(cond)
                        && c.get("status").and_then(Value::as_str) == Some("True")
                })
            });
            if !ok {
                out.push(fail(
                    format!("{label} {name} condition {cond}"),
                    "True".into(),
                    "absent or not True".into(),
                ));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn lookup_should_follow_dots_indexes_and_quoted_keys() {
        let v = json!({"status": {"conditions": [{"type": "Ready"}]}, "metadata": {"labels": {"job-name": "pi", "a.b/c": "x"}}});
        assert_eq!(
            lookup(&v, "status.conditions[0].type"),
            Some(&json!("Ready"))
        );
        assert_eq!(lookup(&v, "metadata.labels.job-name"), Some(&json!("pi")));
        assert_eq!(lookup(&v, "metadata.labels[\"a.b/c\"]"), Some(&json!("x")));
        assert_eq!(lookup(&v, "status.missing"), None);
    }

    #[test]
    fn check_should_report_counts_fields_and_conditions() {
        let items = vec![
            json!({"kind": "Pod", "metadata": {"name": "a", "labels": {"app": "x"}}, "status": {"phase": "Running", "conditions": [{"type": "Ready", "status": "True"}]}}),
            json!({"kind": "Pod", "metadata": {"name": "b", "labels": {"app": "x"}}, "status": {"phase": "Pending"}}),
        ];
        let mut fields = BTreeMap::new();
        fields.insert("status.phase".to_string(), json!("Running"));
        let x = parse(
            "pods",
            Some("app=x"),
            &fields,
            &["Ready".to_string()],
            Some(3),
        )
        .unwrap();
        let failures: Vec<String> = check(&x, &items).iter().map(|f| f.to_string()).collect();
        assert_eq!(
            failures,
            vec![
                "expect[0] at 0s: pods count: expected 3, got 2",
                "expect[0] at 0s: pods b status.phase: expected \"Running\", got \"Pending\"",
                "expect[0] at 0s: pods b condition Ready: expected True, got absent or not True",
            ]
        );
        let x = parse("pod/a", None, &fields, &[], None).unwrap();
        assert!(check(&x, &items).is_empty());
    }
}
