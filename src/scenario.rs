//! Scenario files (format version 1, described in the README's "Scenario files"): nodes, manifests, a timeline of steps and
//! expectations, parsed strictly with every error located in the file.

pub(crate) mod expect;
pub mod nodecmd;

pub use expect::{check, ExpectFailure, Expectation, Target};

use crate::api::manifest::{parse_manifests, Manifest, ManifestError};
use crate::cluster::KubeletConfig;
use crate::model::{LabelSelector, Taint, Time};
use crate::sim::{parse_duration, SimTime};
use crate::yaml::{self, decode, Loc, YNode, YValue};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::fmt;

/// Text in English and Simplified Chinese.
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(default)]
pub struct Localized {
    /// English.
    pub en: String,
    /// Simplified Chinese.
    pub zh: String,
}

/// A node as the scenario declares it.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, serde::Serialize)]
#[serde(rename_all = "camelCase", default, rename = "Node")]
pub struct NodeDef {
    /// Name.
    pub name: String,
    /// Extra labels; in `setNode`, merged into the node's labels, and a `null` value removes
    /// the label (as in a merge patch).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub labels: Option<BTreeMap<String, Option<String>>>,
    /// Taints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub taints: Option<Vec<Taint>>,
    /// Cordoned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unschedulable: Option<bool>,
    /// Ready (default true).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ready: Option<bool>,
}

/// What a step does.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Create or update objects, like `kubectl apply`.
    Apply(Vec<Manifest>),
    /// Delete `KIND/NAME`, like `kubectl delete`.
    Delete {
        /// Kind.
        kind: crate::model::Kind,
        /// Namespace (ignored for a cluster-scoped kind).
        namespace: String,
        /// Name.
        name: String,
    },
    /// Evict a pod through the Eviction API (`kubectl drain` does this for each pod).
    Evict {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        name: String,
    },
    /// Drain a node as `kubectl drain NODE --ignore-daemonsets --force` does: cordon it, then
    /// evict every pod on it that no DaemonSet manages.
    Drain(String),
    /// Patch a pod's status subresource (`kubectl patch pod NAME --subresource=status`).
    PatchStatus {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        name: String,
        /// `strategic`, `merge` or `json`.
        patch_type: String,
        /// The patch, as JSON text.
        patch: String,
    },
    /// Make running pods' containers exit.
    FailPod {
        /// The pods' namespace.
        namespace: String,
        /// Which pods.
        selector: LabelSelector,
        /// How many (all matching when absent).
        count: Option<u32>,
        /// The exit code.
        exit_code: i32,
    },
    /// Make one pod's first running container exit now (the UI's failure injection).
    ExitContainer {
        /// The pod's namespace.
        namespace: String,
        /// The pod.
        pod: String,
        /// The exit code.
        exit_code: i32,
    },
    /// A node joins.
    AddNode(NodeDef),
    /// A node leaves.
    RemoveNode(String),
    /// A node changes (ready, cordon, labels, taints).
    SetNode(NodeDef),
    /// From now on no registry serves this image (the pod menu's "image cannot be pulled"):
    /// pulls of it fail; pods that run it already keep running.
    BreakImage(String),
    /// Narration.
    Note(Localized),
}

/// One timeline step.
#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    /// When (for a `when:` step: the earliest time it may fire, t = 0).
    pub at: SimTime,
    /// A condition that fires the step instead of a time.
    pub when: Option<Trigger>,
    /// What.
    pub action: Action,
    /// Where it is written.
    pub loc: Loc,
}

/// `when: job/a Complete`: fire once the object has that condition True (or that phase).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Trigger {
    /// The object's kind.
    pub kind: crate::model::Kind,
    /// Its namespace (`default` unless the step names one).
    pub namespace: String,
    /// Its name.
    pub name: String,
    /// A condition type (True) or a phase.
    pub state: String,
}

impl Trigger {
    /// Parses `KIND/NAME STATE`.
    pub fn parse(text: &str) -> Option<Trigger> {
        let (target, state) = text.trim().split_once(char::is_whitespace)?;
        let (kind, name) = target.split_once('/')?;
        let kind = crate::model::Kind::parse(kind)?;
        let state = state.trim();
        (!name.is_empty() && !state.is_empty() && !state.contains(char::is_whitespace)).then(|| {
            Trigger {
                kind,
                namespace: crate::model::DEFAULT_NAMESPACE.to_string(),
                name: name.to_string(),
                state: state.to_string(),
            }
        })
    }

    /// Whether the object's kubectl JSON shows the state.
    pub fn holds(&self, obj: &serde_json::Value) -> bool {
        let phase = obj
            .pointer("/status/phase")
            .and_then(serde_json::Value::as_str);
        let conds = obj
            .pointer("/status/conditions")
            .and_then(serde_json::Value::as_array);
        phase == Some(self.state.as_str())
            || conds.is_some_and(|cs| {
                cs.iter()
                    .any(|c| c["type"] == self.state.as_str() && c["status"] == "True")
            })
    }
}

/// A parsed scenario.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    /// Identifier.
    pub name: String,
    /// Title.
    pub title: Localized,
    /// The only source of randomness.
    pub seed: u64,
    /// Wall clock at t = 0.
    pub start: Time,
    /// Nodes at t = 0.
    pub nodes: Vec<NodeDef>,
    /// Kubelet timings.
    pub kubelet: KubeletConfig,
    /// Objects applied at t = 0.
    pub manifests: Vec<Manifest>,
    /// The manifests as written (for the editor).
    pub manifests_text: String,
    /// The timeline.
    pub steps: Vec<Step>,
    /// How long to run.
    pub until: SimTime,
    /// Checks.
    pub expect: Vec<Expectation>,
}

/// A problem in a scenario file.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    /// Where.
    pub loc: Loc,
    /// The message.
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.loc.line > 0 {
            write!(f, "{}:{}: ", self.loc.line, self.loc.column)?;
        }
        f.write_str(&self.message)
    }
}

impl From<ManifestError> for ScenarioError {
    fn from(e: ManifestError) -> Self {
        ScenarioError {
            loc: e.loc,
            message: e.to_string(),
        }
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Scenario")]
struct RawScenario {
    name: String,
    title: Option<Localized>,
    description: Option<Localized>,
    seed: Option<u64>,
    start: Option<String>,
    cluster: RawCluster,
    manifests: Option<String>,
    steps: Vec<RawStep>,
    until: Option<String>,
    expect: Vec<RawExpect>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Cluster")]
struct RawCluster {
    nodes: Option<serde_json::Value>,
    kubelet: RawKubelet,
    unavailable_images: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Kubelet")]
struct RawKubelet {
    start_seconds: Option<f64>,
    default_run_seconds: Option<f64>,
}

/// A step as written (also a lesson step's `do:`, which has no `at`, `when` or `note`).
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Step")]
pub(crate) struct RawStep {
    pub(crate) at: Option<String>,
    pub(crate) when: Option<String>,
    /// The namespace `delete`, `evict`, `failPod` and `when` refer to (default `default`).
    namespace: Option<String>,
    apply: Option<String>,
    delete: Option<String>,
    evict: Option<String>,
    drain: Option<String>,
    patch_status: Option<RawPatchStatus>,
    fail_pod: Option<RawFailPod>,
    add_node: Option<NodeDef>,
    remove_node: Option<String>,
    set_node: Option<NodeDef>,
    break_image: Option<String>,
    pub(crate) note: Option<Localized>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "PatchStatus")]
struct RawPatchStatus {
    pod: String,
    #[serde(rename = "type")]
    patch_type: Option<String>,
    patch: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "FailPod")]
struct RawFailPod {
    selector: String,
    count: Option<u32>,
    exit_code: Option<i32>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Expect")]
struct RawExpect {
    at: Option<String>,
    object: String,
    namespace: Option<String>,
    selector: Option<String>,
    fields: BTreeMap<String, serde_json::Value>,
    conditions: Vec<String>,
    count: Option<u64>,
}

/// The largest cluster a scenario may declare.
pub const MAX_NODES: u64 = 5_000;

/// The one YAML document of a file (`what` names the file's kind in the error), strictly
/// decoded as `T`; every problem located.
pub(crate) fn one_document<T: serde::de::DeserializeOwned>(
    text: &str,
    what: &str,
) -> Result<(YNode, T), Vec<ScenarioError>> {
    let mut docs = yaml::parse_documents(text).map_err(|e| {
        vec![ScenarioError {
            loc: e.loc,
            message: e.message,
        }]
    })?;
    if docs.len() != 1 {
        let loc = docs.get(1).map(|d| d.loc).unwrap_or_default();
        return Err(vec![ScenarioError {
            loc,
            message: format!("a {what} file holds exactly one YAML document"),
        }]);
    }
    let doc = docs.remove(0);
    let raw: T = decode(&doc).map_err(|e| {
        e.issues
            .into_iter()
            .map(|i| ScenarioError {
                loc: i.loc,
                message: i.to_string(),
            })
            .collect::<Vec<_>>()
    })?;
    Ok((doc, raw))
}

/// Whether `text` is a scenario file (a top-level scenario key starts a line) rather than bare
/// manifests: how `podlab validate` and the app's Import decide what a file is. It reads lines,
/// so a scenario with a YAML mistake still gets a scenario's errors.
pub fn is_scenario_file(text: &str) -> bool {
    text.lines().any(|l| {
        ["until:", "manifests:", "cluster:", "steps:", "expect:"]
            .iter()
            .any(|k| l.starts_with(k))
    })
}

/// Only a scenario file's `title` (for the picker: nothing validated, nothing run); empty when
/// the file has none or is not a scenario.
pub fn title(text: &str) -> Localized {
    let docs = yaml::parse_documents(text).unwrap_or_default();
    docs.first()
        .and_then(|d| d.get("title"))
        .and_then(|t| decode::<Localized>(t).ok())
        .unwrap_or_default()
}

/// Parses a scenario file; returns every problem found.
pub fn parse(text: &str) -> Result<Scenario, Vec<ScenarioError>> {
    let (doc, raw): (YNode, RawScenario) = one_document(text, "scenario")?;
    let mut errs = Vec::new();
    let err = |errs: &mut Vec<ScenarioError>, path: &str, message: String| {
        errs.push(ScenarioError {
            loc: doc.locate(path),
            message: format!("{path}: {message}"),
        });
    };
    if raw.name.is_empty() {
        err(&mut errs, "name", "Required value".into());
    } else if !raw
        .name
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
    {
        err(
            &mut errs,
            "name",
            format!(
                "Invalid value: {:?}: must consist of lowercase letters, digits and '-'",
                raw.name
            ),
        );
    }
    let _ = raw.description;
    let start = match &raw.start {
        None => Time::parse("2026-01-01T00:00:00Z").unwrap_or_default(),
        Some(s) => Time::parse(s).unwrap_or_else(|| {
            err(
                &mut errs,
                "start",
                format!(
                    "Invalid value: {s:?}: must be an RFC 3339 time such as 2026-01-01T00:00:00Z"
                ),
            );
            Time::default()
        }),
    };
    let duration =
        |errs: &mut Vec<ScenarioError>, path: &str, text: &str| match parse_duration(text) {
            Ok(ms) => SimTime(ms),
            Err(m) => {
                errs.push(ScenarioError {
                    loc: doc.locate(path),
                    message: format!("{path}: Invalid value: {text:?}: {m}"),
                });
                SimTime::ZERO
            }
        };
    let until = match &raw.until {
        Some(u) => duration(&mut errs, "until", u),
        None => {
            err(
                &mut errs,
                "until",
                "Required value: how much simulated time to run, e.g. 10m".into(),
            );
            SimTime::ZERO
        }
    };
    let nodes = parse_nodes(&doc, raw.cluster.nodes.as_ref(), &mut errs);
    let seconds = |errs: &mut Vec<ScenarioError>, path: &str, v: Option<f64>, default: u64| match v
    {
        None => default,
        Some(s) if s.is_finite() && (0.0..=86_400.0).contains(&s) => (s * 1000.0).round() as u64,
        Some(s) => {
            errs.push(ScenarioError {
                loc: doc.locate(path),
                message: format!("{path}: Invalid value: {s}: must be between 0 and 86400"),
            });
            default
        }
    };
    let kubelet = KubeletConfig {
        start_ms: seconds(
            &mut errs,
            "cluster.kubelet.startSeconds",
            raw.cluster.kubelet.start_seconds,
            1_000,
        ),
        default_run_ms: seconds(
            &mut errs,
            "cluster.kubelet.defaultRunSeconds",
            raw.cluster.kubelet.default_run_seconds,
            5_000,
        ),
        unavailable_images: raw.cluster.unavailable_images.clone(),
    };
    let manifests_text = raw.manifests.clone().unwrap_or_default();
    let manifests = block_manifests(text, &doc, "manifests", &manifests_text, &mut errs);
    let mut steps = Vec::new();
    for (i, s) in raw.steps.iter().enumerate() {
        let path = format!("steps[{i}]");
        if let Some(step) = parse_step(text, &doc, &path, s, &mut errs, &duration) {
            steps.push(step);
        }
    }
    let mut expect = Vec::new();
    for (i, e) in raw.expect.iter().enumerate() {
        let path = format!("expect[{i}]");
        let at =
            e.at.as_deref()
                .map(|a| duration(&mut errs, &format!("{path}.at"), a))
                .unwrap_or(until);
        match expect::parse(
            e.object.as_str(),
            e.selector.as_deref(),
            &e.fields,
            &e.conditions,
            e.count,
        ) {
            Ok(mut x) => {
                x.at = at;
                if let Some(ns) = &e.namespace {
                    x.namespace = ns.clone();
                }
                x.loc = doc.locate(&path);
                x.index = i;
                expect.push(x);
            }
            Err(m) => err(&mut errs, &format!("{path}.object"), m),
        }
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Scenario {
        name: raw.name,
        title: raw.title.unwrap_or_default(),
        seed: raw.seed.unwrap_or(1),
        start,
        nodes,
        kubelet,
        manifests,
        manifests_text,
        steps,
        until,
        expect,
    })
}

fn parse_nodes(
    doc: &YNode,
    nodes: Option<&serde_json::Value>,
    errs: &mut Vec<ScenarioError>,
) -> Vec<NodeDef> {
    let path = "cluster.nodes";
    match nodes {
        None => vec![],
        Some(serde_json::Value::Number(n)) => match n.as_u64().filter(|n| *n <= MAX_NODES) {
            Some(n) => (1..=n)
                .map(|i| NodeDef {
                    name: format!("node-{i}"),
                    ..NodeDef::default()
                })
                .collect(),
            None => {
                errs.push(ScenarioError {
                    loc: doc.locate(path),
                    message: format!(
                        "{path}: Invalid value: {n}: must be between 0 and {MAX_NODES}"
                    ),
                });
                vec![]
            }
        },
        Some(serde_json::Value::Array(items)) => {
            let mut out = Vec::new();
            for i in 0..items.len() {
                let p = format!("{path}[{i}]");
                let Some(node) = doc.find(&p) else { continue };
                match decode::<NodeDef>(node) {
                    Ok(def) if def.name.is_empty() => errs.push(ScenarioError {
                        loc: node.loc,
                        message: format!("{p}.name: Required value"),
                    }),
                    Ok(def) if out.iter().any(|d: &NodeDef| d.name == def.name) => {
                        errs.push(ScenarioError {
                            loc: node.loc,
                            message: format!("{p}.name: Duplicate value: {:?}", def.name),
                        })
                    }
                    Ok(def) => out.push(def),
                    Err(e) => errs.extend(e.issues.into_iter().map(|i| {
                        ScenarioError {
                            loc: i.loc,
                            message: i
                                .to_string()
                                .replace("unknown field \"", &format!("unknown field \"{p}.")),
                        }
                    })),
                }
            }
            out
        }
        Some(_) => {
            errs.push(ScenarioError {
                loc: doc.locate(path),
                message: format!("{path}: must be a number of nodes or a list of nodes"),
            });
            vec![]
        }
    }
}

/// Parses YAML held in a block scalar (`manifests: |`) and moves its positions into the file.
fn block_manifests(
    file: &str,
    doc: &YNode,
    path: &str,
    text: &str,
    errs: &mut Vec<ScenarioError>,
) -> Vec<Manifest> {
    if text.trim().is_empty() {
        return vec![];
    }
    let (first_line, indent) = match doc.find(path) {
        Some(node) if matches!(node.value, YValue::Str(_)) => block_origin(file, node.loc),
        _ => (1, 0),
    };
    match parse_manifests(text) {
        Ok(mut ms) => {
            for m in &mut ms {
                m.loc = m.loc.offset(first_line, indent);
                for (loc, _) in &mut m.warnings {
                    *loc = loc.offset(first_line, indent);
                }
            }
            ms
        }
        Err(es) => {
            errs.extend(es.into_iter().map(|mut e| {
                e.loc = e.loc.offset(first_line, indent);
                ScenarioError::from(e)
            }));
            vec![]
        }
    }
}

impl Scenario {
    /// Every container of the scenario's manifests (and its steps' applies) whose program
    /// podlab does not interpret, located in the scenario file.
    pub fn program_warnings(&self) -> Vec<(Loc, crate::validation::program::ProgramWarning)> {
        let steps = self.steps.iter().filter_map(|s| match &s.action {
            Action::Apply(ms) => Some(ms.iter()),
            _ => None,
        });
        self.manifests
            .iter()
            .chain(steps.flatten())
            .flat_map(|m| m.warnings.iter().cloned())
            .collect()
    }
}

/// Where the content of a block scalar starts (line) and how far it is indented.
fn block_origin(file: &str, loc: Loc) -> (u32, u32) {
    let lines: Vec<&str> = file.lines().collect();
    let at = loc.line.saturating_sub(1) as usize;
    let header = lines.get(at).copied().unwrap_or_default();
    let col = loc.column.saturating_sub(1) as usize;
    let is_block = header
        .get(col..)
        .is_some_and(|rest| rest.starts_with('|') || rest.starts_with('>'));
    if !is_block {
        return (loc.line, loc.column.saturating_sub(1));
    }
    let content = lines
        .iter()
        .enumerate()
        .skip(at + 1)
        .find(|(_, l)| !l.trim().is_empty());
    match content {
        Some((_, l)) => ((at + 2) as u32, (l.len() - l.trim_start().len()) as u32),
        None => (loc.line + 1, 0),
    }
}

fn parse_step(
    file: &str,
    doc: &YNode,
    path: &str,
    s: &RawStep,
    errs: &mut Vec<ScenarioError>,
    duration: &dyn Fn(&mut Vec<ScenarioError>, &str, &str) -> SimTime,
) -> Option<Step> {
    let loc = doc.locate(path);
    let mut when = None;
    let at = match (&s.at, &s.when) {
        (Some(a), None) => duration(errs, &format!("{path}.at"), a),
        (None, Some(w)) => {
            match Trigger::parse(w) {
                Some(mut t) => {
                    if let Some(ns) = &s.namespace {
                        t.namespace = ns.clone();
                    }
                    when = Some(t);
                    SimTime::ZERO
                }
                None => {
                    let p = format!("{path}.when");
                    errs.push(ScenarioError {
                    loc: doc.locate(&p),
                    message: format!("{p}: Invalid value: {w:?}: must be KIND/NAME STATE, e.g. job/a Complete"),
                });
                    return None;
                }
            }
        }
        (Some(_), Some(_)) => {
            errs.push(ScenarioError {
                loc,
                message: format!("{path}: Invalid value: a step has `at` or `when`, not both"),
            });
            return None;
        }
        (None, None) => {
            errs.push(ScenarioError {
                loc,
                message: format!("{path}.at: Required value: a step needs `at` (a time) or `when` (e.g. job/a Complete)"),
            });
            return None;
        }
    };
    let action = parse_action(file, doc, path, s, errs)?;
    Some(Step {
        at,
        when,
        action,
        loc,
    })
}

impl RawStep {
    /// The YAML of an `apply`.
    pub(crate) fn apply_text(&self) -> Option<&str> {
        self.apply.as_deref()
    }
}

/// The action of a step (exactly one of apply, delete, failPod, addNode, removeNode, setNode,
/// note), with its manifests located in `file`.
pub(crate) fn parse_action(
    file: &str,
    doc: &YNode,
    path: &str,
    s: &RawStep,
    errs: &mut Vec<ScenarioError>,
) -> Option<Action> {
    let loc = doc.locate(path);
    let namespace = s
        .namespace
        .clone()
        .unwrap_or_else(|| crate::model::DEFAULT_NAMESPACE.into());
    if namespace.is_empty() {
        let p = format!("{path}.namespace");
        errs.push(ScenarioError {
            loc: doc.locate(&p),
            message: format!("{p}: Required value: a namespace name, or leave it out for default"),
        });
        return None;
    }
    let count = [
        s.apply.is_some(),
        s.delete.is_some(),
        s.evict.is_some(),
        s.drain.is_some(),
        s.patch_status.is_some(),
        s.fail_pod.is_some(),
        s.add_node.is_some(),
        s.remove_node.is_some(),
        s.set_node.is_some(),
        s.break_image.is_some(),
        s.note.is_some(),
    ]
    .iter()
    .filter(|b| **b)
    .count();
    if count != 1 {
        errs.push(ScenarioError {
            loc,
            message: format!("{path}: Invalid value: a step has exactly one of apply, delete, evict, drain, patchStatus, failPod, addNode, removeNode, setNode, breakImage, note (found {count})"),
        });
        return None;
    }
    Some(if let Some(text) = &s.apply {
        Action::Apply(block_manifests(
            file,
            doc,
            &format!("{path}.apply"),
            text,
            errs,
        ))
    } else if let Some(target) = &s.delete {
        let p = format!("{path}.delete");
        let parsed = target
            .split_once('/')
            .and_then(|(k, n)| crate::model::Kind::parse(k).map(|k| (k, n.to_string())));
        match parsed {
            Some((kind, name)) if !name.is_empty() => Action::Delete {
                kind,
                namespace,
                name,
            },
            _ => {
                errs.push(ScenarioError {
                    loc: doc.locate(&p),
                    message: format!(
                        "{p}: Invalid value: {target:?}: must be KIND/NAME, e.g. pod/pi-x7k2q"
                    ),
                });
                return None;
            }
        }
    } else if let Some(target) = &s.evict {
        let name = target.strip_prefix("pod/").unwrap_or(target);
        if name.is_empty() || name.contains('/') {
            let p = format!("{path}.evict");
            errs.push(ScenarioError {
                loc: doc.locate(&p),
                message: format!(
                    "{p}: Invalid value: {target:?}: must be a pod's name (or pod/NAME)"
                ),
            });
            return None;
        }
        Action::Evict {
            namespace,
            name: name.to_string(),
        }
    } else if let Some(node) = &s.drain {
        if node.is_empty() {
            errs.push(ScenarioError {
                loc,
                message: format!("{path}.drain: Required value: a node's name"),
            });
            return None;
        }
        Action::Drain(node.clone())
    } else if let Some(ps) = &s.patch_status {
        let p = format!("{path}.patchStatus");
        let ty = crate::api::patch::PatchType::parse(ps.patch_type.as_deref());
        let parsed = serde_json::from_str::<serde_json::Value>(&ps.patch);
        let problem = if ps.pod.is_empty() {
            Some(format!("{p}.pod: Required value"))
        } else if let Err(e) = &ty {
            Some(format!("{p}.type: Invalid value: {e}"))
        } else if let Err(e) = &parsed {
            Some(format!("{p}.patch: Invalid value: not JSON: {e}"))
        } else {
            None
        };
        if let Some(message) = problem {
            errs.push(ScenarioError {
                loc: doc.locate(&p),
                message,
            });
            return None;
        }
        Action::PatchStatus {
            namespace,
            name: ps.pod.clone(),
            patch_type: ty.map(|t| t.name()).unwrap_or("strategic").to_string(),
            patch: ps.patch.clone(),
        }
    } else if let Some(f) = &s.fail_pod {
        match LabelSelector::parse(&f.selector) {
            Ok(selector) if !f.selector.trim().is_empty() => Action::FailPod {
                namespace,
                selector,
                count: f.count,
                exit_code: f.exit_code.unwrap_or(1),
            },
            _ => {
                let p = format!("{path}.failPod.selector");
                errs.push(ScenarioError { loc: doc.locate(&p), message: format!("{p}: Invalid value: {:?}: a label selector such as job-name=pi is required", f.selector) });
                return None;
            }
        }
    } else if let Some(n) = &s.add_node {
        if n.name.is_empty() {
            errs.push(ScenarioError {
                loc,
                message: format!("{path}.addNode.name: Required value"),
            });
            return None;
        }
        Action::AddNode(n.clone())
    } else if let Some(n) = &s.remove_node {
        Action::RemoveNode(n.clone())
    } else if let Some(n) = &s.set_node {
        if n.name.is_empty() {
            errs.push(ScenarioError {
                loc,
                message: format!("{path}.setNode.name: Required value"),
            });
            return None;
        }
        Action::SetNode(n.clone())
    } else if let Some(image) = &s.break_image {
        if let Some(e) = crate::kubelet::invalid_image(image).filter(|_| !image.contains('*')) {
            errs.push(ScenarioError {
                loc,
                message: format!("{path}.breakImage: Invalid value: {image:?}: {e}"),
            });
            return None;
        }
        Action::BreakImage(image.clone())
    } else {
        Action::Note(s.note.clone().unwrap_or_default())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const POD: &str = "name: bare-pods\nseed: 3\ncluster:\n  nodes: 2\nmanifests: |\n  apiVersion: v1\n  kind: Pod\n  metadata: {name: p}\n  spec:\n    containers: [{name: c, image: busybox, command: [sleep, '5']}]\nsteps:\n  - at: 30s\n    delete: pod/p\nuntil: 1m\n";

    #[test]
    fn a_scenario_should_parse_with_defaults() {
        let s = parse(POD).unwrap();
        assert_eq!(s.seed, 3);
        assert_eq!(s.nodes.len(), 2);
        assert_eq!(s.nodes[1].name, "node-2");
        assert_eq!(s.until, SimTime(60_000));
        assert_eq!(s.manifests.len(), 1);
        assert_eq!(s.manifests[0].loc.line, 6);
        assert_eq!(
            s.steps[0].action,
            Action::Delete {
                kind: crate::model::Kind::Pod,
                namespace: "default".into(),
                name: "p".into()
            }
        );
    }

    #[test]
    fn manifest_errors_should_point_into_the_scenario_file() {
        let text = POD.replace("image: busybox", "imagee: busybox");
        let errs = parse(&text).unwrap_err();
        assert_eq!(errs.len(), 1, "{errs:?}");
        assert_eq!(
            (errs[0].loc.line, errs[0].loc.column),
            (10, 28),
            "{}",
            errs[0]
        );
        assert!(errs[0]
            .message
            .contains("unknown field \"spec.containers[0].imagee\""));
    }

    #[test]
    fn scenario_errors_should_all_be_reported() {
        let errs = parse("name: Bad Name\nuntil: 2d\nstepz: []\n").unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(
            text[0].contains("unknown field \"stepz\"")
                && text[0].contains("did you mean \"steps\""),
            "{text:?}"
        );
        let errs = parse("name: Bad Name\nuntil: 2d\n").unwrap_err();
        let text: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert_eq!(text.len(), 2, "{text:?}");
        assert!(text[1].contains("unknown unit \"d\""), "{text:?}");
    }
}
