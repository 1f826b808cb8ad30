//! Patching a pod's status subresource, as `kubectl patch pod NAME --subresource=status` asks
//! the API server to: a strategic merge patch (the default for built-in kinds: lists with a
//! merge key, such as `status.conditions` by `type`, merge item by item), a JSON merge patch
//! (RFC 7386) or a JSON patch (RFC 6902). Through the status subresource only `status`
//! changes (the pod status strategy keeps the old spec and metadata), and the result is
//! validated as `ValidatePodStatusUpdate` validates conditions.

use super::mutate_pod;
use crate::cluster::Client;
use crate::model::Pod;
use crate::sim::Update;
use serde_json::{Map, Value};

/// A patch's type (`kubectl patch --type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatchType {
    /// `strategic` (kubectl's default).
    Strategic,
    /// `merge`.
    Merge,
    /// `json`.
    Json,
}

impl PatchType {
    /// `--type`, in kubectl's words when it is none of the three.
    pub fn parse(text: Option<&str>) -> Result<PatchType, String> {
        match text.unwrap_or("strategic") {
            "strategic" => Ok(PatchType::Strategic),
            "merge" => Ok(PatchType::Merge),
            "json" => Ok(PatchType::Json),
            other => Err(format!(
                "--type must be one of [json merge strategic], not \"{other}\""
            )),
        }
    }

    /// Its name, as `--type` takes it.
    pub fn name(self) -> &'static str {
        match self {
            PatchType::Strategic => "strategic",
            PatchType::Merge => "merge",
            PatchType::Json => "json",
        }
    }
}

/// The pod's JSON after the patch, with only its status taken from the patched document.
/// Errors are the API server's messages.
pub fn patched_pod(pod: &Pod, ty: PatchType, patch: &Value) -> Result<Value, String> {
    let before = serde_json::to_value(pod).map_err(|e| e.to_string())?;
    let mut after = before.clone();
    match ty {
        PatchType::Merge => merge_patch(&mut after, patch),
        PatchType::Strategic => merge(&mut after, patch, true, ""),
        PatchType::Json => json_patch(&mut after, patch)?,
    }
    let mut result = before;
    result["status"] = after["status"].take();
    validate_conditions(&result["status"]["conditions"], pod)?;
    Ok(result)
}

/// A JSON merge patch (RFC 7386) applied to `target`: objects merge, `null` removes a key,
/// anything else replaces.
pub fn merge_patch(target: &mut Value, patch: &Value) {
    merge(target, patch, false, "");
}

/// Lists a strategic merge patch merges item by item, and their merge keys.
fn merge_key(path: &str) -> Option<&'static str> {
    match path {
        ".status.conditions" => Some("type"),
        ".status.containerStatuses" | ".status.initContainerStatuses" => Some("name"),
        _ => None,
    }
}

fn merge(target: &mut Value, patch: &Value, strategic: bool, path: &str) {
    let Value::Object(p) = patch else {
        *target = patch.clone();
        return;
    };
    if !target.is_object() {
        *target = Value::Object(Map::new());
    }
    let Some(t) = target.as_object_mut() else {
        return;
    };
    for (k, v) in p {
        let here = format!("{path}.{k}");
        if v.is_null() {
            t.remove(k);
            continue;
        }
        match (strategic.then(|| merge_key(&here)).flatten(), v) {
            (Some(key), Value::Array(items)) => {
                let list = t
                    .entry(k.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                if !list.is_array() {
                    *list = Value::Array(Vec::new());
                }
                if let Value::Array(existing) = list {
                    for item in items {
                        match existing.iter_mut().find(|e| e[key] == item[key]) {
                            Some(e) => merge(e, item, true, &here),
                            None => existing.push(item.clone()),
                        }
                    }
                }
            }
            _ => merge(
                t.entry(k.clone()).or_insert(Value::Null),
                v,
                strategic,
                &here,
            ),
        }
    }
}

/// RFC 6902 with the operations kubectl users write: add, remove, replace, test, move, copy.
fn json_patch(doc: &mut Value, patch: &Value) -> Result<(), String> {
    let ops = patch
        .as_array()
        .ok_or("json: cannot unmarshal object into Go value of type jsonpatch.Patch")?;
    for op in ops {
        let kind = op["op"].as_str().unwrap_or_default();
        let path = op["path"].as_str().unwrap_or_default();
        match kind {
            "add" => add(doc, path, op["value"].clone())?,
            "remove" => {
                remove(doc, path)?;
            }
            "replace" => {
                remove(doc, path)?;
                add(doc, path, op["value"].clone())?;
            }
            "test" => {
                if pointer(doc, path) != Some(&op["value"]) {
                    return Err(format!("testing value {path} failed: test failed"));
                }
            }
            "move" | "copy" => {
                let from = op["from"].as_str().unwrap_or_default();
                let value = pointer(doc, from).cloned().ok_or_else(|| {
                    format!("{kind} operation does not apply: doc is missing from path: {from}")
                })?;
                if kind == "move" {
                    remove(doc, from)?;
                }
                add(doc, path, value)?;
            }
            other => return Err(format!("Unexpected kind: {other}")),
        }
    }
    Ok(())
}

fn unescape(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

fn pointer<'v>(doc: &'v Value, path: &str) -> Option<&'v Value> {
    doc.pointer(path)
}

fn split(path: &str) -> Result<(&str, String), String> {
    let i = path
        .rfind('/')
        .ok_or_else(|| format!("add operation does not apply: doc is missing path: \"{path}\""))?;
    Ok((&path[..i], unescape(&path[i + 1..])))
}

fn add(doc: &mut Value, path: &str, value: Value) -> Result<(), String> {
    if path.is_empty() {
        *doc = value;
        return Ok(());
    }
    let (parent, last) = split(path)?;
    let missing =
        || format!("add operation does not apply: doc is missing path: \"{path}\": missing value");
    match doc.pointer_mut(parent).ok_or_else(missing)? {
        Value::Object(m) => {
            m.insert(last, value);
            Ok(())
        }
        Value::Array(items) => {
            let at = if last == "-" {
                items.len()
            } else {
                last.parse::<usize>()
                    .ok()
                    .filter(|i| *i <= items.len())
                    .ok_or_else(|| {
                        format!("add operation does not apply: doc is missing path: \"{path}\"")
                    })?
            };
            items.insert(at, value);
            Ok(())
        }
        _ => Err(missing()),
    }
}

fn remove(doc: &mut Value, path: &str) -> Result<Value, String> {
    let (parent, last) = split(path)?;
    let missing = || format!("remove operation does not apply: doc is missing path: \"{path}\"");
    match doc.pointer_mut(parent).ok_or_else(missing)? {
        Value::Object(m) => m.remove(&last).ok_or_else(missing),
        Value::Array(items) => match last.parse::<usize>() {
            Ok(i) if i < items.len() => Ok(items.remove(i)),
            _ => Err(missing()),
        },
        _ => Err(missing()),
    }
}

/// `validatePodConditions`: a condition other than the system ones needs a qualified name.
fn validate_conditions(conditions: &Value, pod: &Pod) -> Result<(), String> {
    let system = ["PodScheduled", "Ready", "Initialized"];
    let mut causes = Vec::new();
    for (i, c) in conditions.as_array().into_iter().flatten().enumerate() {
        let t = c["type"].as_str().unwrap_or_default();
        if system.contains(&t) {
            continue;
        }
        for e in crate::validation::names::qualified_name(t) {
            causes.push(format!(
                "status.conditions[{i}].Type: Invalid value: {t:?}: {e}"
            ));
        }
    }
    if causes.is_empty() {
        return Ok(());
    }
    Err(format!(
        "The Pod \"{}\" is invalid: {}",
        pod.metadata.name,
        if causes.len() == 1 {
            causes.remove(0)
        } else {
            format!("[{}]", causes.join(", "))
        }
    ))
}

/// Patches a pod's status through the status subresource; the error is the API server's
/// message.
pub fn patch_pod_status(
    w: &mut Client<'_>,
    namespace: &str,
    name: &str,
    ty: PatchType,
    patch: &Value,
) -> Result<(), String> {
    let pod = super::pod(w, namespace, name)
        .ok_or_else(|| format!("pods \"{name}\" not found"))?
        .clone();
    let patched = patched_pod(&pod, ty, patch)?;
    let status = serde_json::from_value(patched["status"].clone()).map_err(|e| e.to_string())?;
    mutate_pod(w, namespace, name, Update::StatusPatched, |p| {
        p.status = Some(status);
    })
    .map(|_| ())
    .map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn pod() -> Pod {
        serde_json::from_value(json!({
            "metadata": {"name": "p"},
            "spec": {"containers": [{"name": "c", "image": "x"}]},
            "status": {"phase": "Pending", "conditions": [{"type": "PodScheduled", "status": "True"}]}
        }))
        .unwrap()
    }

    #[test]
    fn a_strategic_patch_should_merge_conditions_by_type() {
        let patch = json!({"status": {"conditions": [{"type": "ConfigIssue", "status": "True", "reason": "NonExistingImage"}]}});
        let v = patched_pod(&pod(), PatchType::Strategic, &patch).unwrap();
        let types: Vec<&str> = v["status"]["conditions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["type"].as_str().unwrap())
            .collect();
        assert_eq!(types, ["PodScheduled", "ConfigIssue"]);
        // A merge patch replaces the list.
        let v = patched_pod(&pod(), PatchType::Merge, &patch).unwrap();
        assert_eq!(v["status"]["conditions"].as_array().unwrap().len(), 1);
    }

    #[test]
    fn a_json_patch_should_add_to_the_list_and_leave_the_spec_alone() {
        let patch = json!([
            {"op": "add", "path": "/status/conditions/-", "value": {"type": "ConfigIssue", "status": "True"}},
            {"op": "replace", "path": "/spec/containers/0/image", "value": "y"}
        ]);
        let v = patched_pod(&pod(), PatchType::Json, &patch).unwrap();
        assert_eq!(v["status"]["conditions"][1]["type"], "ConfigIssue");
        assert_eq!(v["spec"]["containers"][0]["image"], "x");
        let bad = json!([{"op": "remove", "path": "/status/nope"}]);
        assert_eq!(
            patched_pod(&pod(), PatchType::Json, &bad).unwrap_err(),
            "remove operation does not apply: doc is missing path: \"/status/nope\""
        );
    }

    #[test]
    fn a_condition_type_should_be_a_qualified_name() {
        let patch = json!({"status": {"conditions": [{"type": "bad type", "status": "True"}]}});
        let e = patched_pod(&pod(), PatchType::Strategic, &patch).unwrap_err();
        assert!(e.starts_with("The Pod \"p\" is invalid: status.conditions[1].Type: Invalid value: \"bad type\": name part must consist of alphanumeric characters"), "{e}");
        assert_eq!(
            PatchType::parse(Some("xml")).unwrap_err(),
            "--type must be one of [json merge strategic], not \"xml\""
        );
    }
}
