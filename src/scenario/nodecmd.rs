//! `kubectl label node` and `kubectl taint node`, as the app's node console runs them: a spec
//! such as `disktype=ssd`, `disktype-`, `dedicated=gpu:NoSchedule` or `dedicated:NoSchedule-`
//! is checked with kubectl's rules and messages (`parseLabels`, `parseTaint`, the --overwrite
//! checks) and the API server's label rules, and becomes a `setNode` step.

use super::{Action, NodeDef};
use crate::model::{Node, Taint};
use crate::validation::names::{label_value, qualified_name};
use std::collections::BTreeMap;

/// Taint effects a taint may have.
const EFFECTS: [&str; 3] = ["NoSchedule", "PreferNoSchedule", "NoExecute"];

fn set(node: &Node) -> NodeDef {
    NodeDef {
        name: node.metadata.name.clone(),
        ..NodeDef::default()
    }
}

/// `kubectl label node <node> <spec>`: `key=value` sets a label (refused if the key already
/// has a different value, as without `--overwrite`), `key-` removes one.
pub fn label(node: &Node, spec: &str) -> Result<Action, String> {
    let spec = spec.trim();
    let name = &node.metadata.name;
    let (key, value) = if spec.contains('=') {
        let parts: Vec<&str> = spec.split('=').collect();
        if parts.len() != 2 {
            return Err(format!("error: invalid label spec: {spec}"));
        }
        let errs = label_value(parts[1]);
        if !errs.is_empty() {
            return Err(format!(
                "error: invalid label value: {spec:?}: {}",
                errs.join(";")
            ));
        }
        (parts[0], Some(parts[1].to_string()))
    } else if let Some(key) = spec.strip_suffix('-') {
        (key, None)
    } else {
        return Err(format!("error: unknown label spec: {spec}"));
    };
    let errs = qualified_name(key);
    if !errs.is_empty() {
        return Err(format!(
            "The Node {name:?} is invalid: metadata.labels: Invalid value: {key:?}: {}",
            errs.join("; ")
        ));
    }
    match (node.metadata.labels.get(key), &value) {
        (Some(old), Some(new)) if old != new => {
            return Err(format!(
                "error: '{key}' already has a value ({old}), and --overwrite is false"
            ))
        }
        (None, None) => return Err(format!("label {key:?} not found.")),
        _ => {}
    }
    Ok(Action::SetNode(NodeDef {
        labels: Some(BTreeMap::from([(key.to_string(), value)])),
        ..set(node)
    }))
}

/// kubectl's `parseTaint`: `key=value:effect`, `key:effect` or `key`.
fn parse_taint(spec: &str) -> Result<Taint, String> {
    let parts: Vec<&str> = spec.split(':').collect();
    let (kv, effect) = match parts.as_slice() {
        [key] => (*key, ""),
        [kv, effect] => {
            if !EFFECTS.contains(effect) {
                return Err(format!(
                    "error: invalid taint effect: {effect}, unsupported taint effect"
                ));
            }
            (*kv, *effect)
        }
        _ => return Err(format!("error: invalid taint spec: {spec}")),
    };
    let kvs: Vec<&str> = kv.split('=').collect();
    let (key, value) = match kvs.as_slice() {
        [key] => (*key, ""),
        [key, value] if !effect.is_empty() => {
            let errs = label_value(value);
            if !errs.is_empty() {
                return Err(format!(
                    "error: invalid taint spec: {spec}, {}",
                    errs.join("; ")
                ));
            }
            (*key, *value)
        }
        _ => return Err(format!("error: invalid taint spec: {spec}")),
    };
    let errs = qualified_name(key);
    if !errs.is_empty() {
        return Err(format!(
            "error: invalid taint spec: {spec}, {}",
            errs.join("; ")
        ));
    }
    Ok(Taint {
        key: key.into(),
        value: value.into(),
        effect: effect.into(),
        time_added: None,
    })
}

/// `kubectl taint node <node> <spec>`: `key=value:Effect` adds a taint (refused if one with the
/// same key and effect exists, as without `--overwrite`); `key:Effect-` or `key-` removes.
pub fn taint(node: &Node, spec: &str) -> Result<Action, String> {
    let spec = spec.trim();
    let name = &node.metadata.name;
    let old = &node.spec.taints;
    let taints = if let Some(gone) = spec.strip_suffix('-') {
        let t = parse_taint(gone)?;
        let kept: Vec<Taint> = old
            .iter()
            .filter(|o| !(o.key == t.key && (t.effect.is_empty() || o.effect == t.effect)))
            .cloned()
            .collect();
        if kept.len() == old.len() {
            let shown = if t.effect.is_empty() {
                t.key.clone()
            } else {
                format!("{}:{}", t.key, t.effect)
            };
            return Err(format!("error: taint {shown:?} not found"));
        }
        kept
    } else {
        let t = parse_taint(spec)?;
        if t.effect.is_empty() {
            return Err(format!("error: invalid taint spec: {spec}"));
        }
        if old.iter().any(|o| o.key == t.key && o.effect == t.effect) {
            return Err(format!(
                "error: node {name} already has {} taint(s) with same effect(s) and --overwrite is false",
                t.key
            ));
        }
        // reorganizeTaints: the new taint first, then the old ones.
        std::iter::once(t).chain(old.iter().cloned()).collect()
    };
    Ok(Action::SetNode(NodeDef {
        taints: Some(taints),
        ..set(node)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn node() -> Node {
        let mut n = Node::default();
        n.metadata.name = "node-1".into();
        n.metadata.labels.insert("disktype".into(), "ssd".into());
        n.spec.taints.push(Taint {
            key: "maintenance".into(),
            value: String::new(),
            effect: "NoSchedule".into(),
            time_added: None,
        });
        n
    }

    fn labels_of(a: Action) -> BTreeMap<String, Option<String>> {
        match a {
            Action::SetNode(d) => d.labels.expect("labels"),
            other => panic!("{other:?}"),
        }
    }

    fn taints_of(a: Action) -> Vec<String> {
        match a {
            Action::SetNode(d) => d
                .taints
                .expect("taints")
                .iter()
                .map(|t| format!("{}={}:{}", t.key, t.value, t.effect))
                .collect(),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn labels_should_follow_kubectl_label() {
        let n = node();
        let set = labels_of(label(&n, "zone=a").expect("valid"));
        assert_eq!(set, BTreeMap::from([("zone".into(), Some("a".into()))]));
        let gone = labels_of(label(&n, "disktype-").expect("valid"));
        assert_eq!(gone, BTreeMap::from([("disktype".into(), None)]));
        // Same value again is fine (kubectl says "not labeled").
        assert!(label(&n, "disktype=ssd").is_ok());
        let rows = [
            (
                "disktype=hdd",
                "error: 'disktype' already has a value (ssd), and --overwrite is false",
            ),
            ("a=b=c", "error: invalid label spec: a=b=c"),
            ("zone", "error: unknown label spec: zone"),
            ("zone-", "label \"zone\" not found."),
            (
                "zone=a b",
                "error: invalid label value: \"zone=a b\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')",
            ),
            (
                "Bad Key=x",
                "The Node \"node-1\" is invalid: metadata.labels: Invalid value: \"Bad Key\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')",
            ),
        ];
        for (spec, want) in rows {
            assert_eq!(label(&n, spec).unwrap_err(), want, "{spec}");
        }
    }

    #[test]
    fn taints_should_follow_kubectl_taint() {
        let n = node();
        assert_eq!(
            taints_of(taint(&n, "dedicated=gpu:NoExecute").expect("valid")),
            ["dedicated=gpu:NoExecute", "maintenance=:NoSchedule"]
        );
        // Same key, another effect: a second taint.
        assert_eq!(
            taints_of(taint(&n, "maintenance:NoExecute").expect("valid")).len(),
            2
        );
        assert!(taints_of(taint(&n, "maintenance:NoSchedule-").expect("valid")).is_empty());
        assert!(taints_of(taint(&n, "maintenance-").expect("valid")).is_empty());
        let rows = [
            (
                "maintenance:NoSchedule",
                "error: node node-1 already has maintenance taint(s) with same effect(s) and --overwrite is false",
            ),
            ("dedicated=gpu", "error: invalid taint spec: dedicated=gpu"),
            ("dedicated", "error: invalid taint spec: dedicated"),
            (
                "dedicated:Sometimes",
                "error: invalid taint effect: Sometimes, unsupported taint effect",
            ),
            ("a:b:c", "error: invalid taint spec: a:b:c"),
            ("a=b=c:NoSchedule", "error: invalid taint spec: a=b=c:NoSchedule"),
            ("dedicated:NoExecute-", "error: taint \"dedicated:NoExecute\" not found"),
            ("dedicated-", "error: taint \"dedicated\" not found"),
        ];
        for (spec, want) in rows {
            assert_eq!(taint(&n, spec).unwrap_err(), want, "{spec}");
        }
        let bad = taint(&n, "bad key:NoSchedule").unwrap_err();
        assert!(
            bad.starts_with(
                "error: invalid taint spec: bad key:NoSchedule, name part must consist"
            ),
            "{bad}"
        );
    }
}
