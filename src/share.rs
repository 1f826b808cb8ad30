//! Share links: one moment of the app — the built-in scenario, every change the learner made
//! to the run (each Apply and injected failure, at its time), the playhead and the language —
//! as JSON, deflated and base64url-encoded into a URL fragment (`#share=…`), with no server.
//! Decoding never trusts the link: its length, the inflated size and every field are checked,
//! and a bad link is an error, never a panic. [`replay`] rebuilds the run the moment came from.

use crate::api::manifest::parse_manifests;
use crate::builtin;
use crate::engine::Sim;
use crate::model::Kind;
use crate::scenario::{self, Action, NodeDef};
use crate::sim::SimTime;
use base64::Engine;
use serde::{Deserialize, Serialize};

/// The fragment's prefix.
pub const PREFIX: &str = "#share=";
/// The longest encoded link accepted (characters after the prefix).
pub const MAX_ENCODED: usize = 64 * 1024;
/// The largest inflated moment accepted (bytes of JSON).
pub const MAX_INFLATED: usize = 1024 * 1024;
/// The most changes a moment may carry.
pub const MAX_FORKS: usize = 200;
const VERSION: u32 = 1;

/// One change the learner made to the run, at a time.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", tag = "do")]
pub enum Fork {
    /// Apply the editor's text.
    Apply {
        /// When (ms).
        at: u64,
        /// The YAML applied.
        yaml: String,
    },
    /// Delete `kind/name`.
    Delete {
        /// When (ms).
        at: u64,
        /// `pod`, `node`, …
        kind: String,
        /// The namespace (absent: `default`).
        #[serde(default, skip_serializing_if = "is_default_namespace")]
        namespace: String,
        /// The name.
        name: String,
    },
    /// A container of a pod exits.
    ExitContainer {
        /// When (ms).
        at: u64,
        /// The pod's namespace (absent: `default`).
        #[serde(default, skip_serializing_if = "is_default_namespace")]
        namespace: String,
        /// The pod.
        pod: String,
        /// The exit code.
        code: i32,
    },
    /// A pod evicted (`kubectl drain`).
    Evict {
        /// When (ms).
        at: u64,
        /// The pod's namespace (left out for default).
        #[serde(default, skip_serializing_if = "is_default_namespace")]
        namespace: String,
        /// The pod.
        name: String,
    },
    /// A pod's status patched (`kubectl patch --subresource=status`).
    PatchStatus {
        /// When (ms).
        at: u64,
        /// The pod's namespace (left out for default).
        #[serde(default, skip_serializing_if = "is_default_namespace")]
        namespace: String,
        /// The pod.
        name: String,
        /// `strategic`, `merge` or `json`.
        #[serde(rename = "type")]
        patch_type: String,
        /// The patch (JSON text).
        patch: String,
    },
    /// A node joins.
    AddNode {
        /// When (ms).
        at: u64,
        /// The node.
        node: NodeDef,
    },
    /// A node leaves.
    RemoveNode {
        /// When (ms).
        at: u64,
        /// The node.
        name: String,
    },
    /// A node changes.
    SetNode {
        /// When (ms).
        at: u64,
        /// The change.
        node: NodeDef,
    },
    /// An image can no longer be pulled.
    BreakImage {
        /// When (ms).
        at: u64,
        /// The image.
        image: String,
    },
}

/// Links leave out the default namespace (and links made before namespaces read as default).
fn is_default_namespace(ns: &str) -> bool {
    ns.is_empty() || ns == crate::model::DEFAULT_NAMESPACE
}

/// The namespace a link names, `default` when it names none.
fn namespace_or_default(ns: &str) -> String {
    if ns.is_empty() {
        crate::model::DEFAULT_NAMESPACE.to_string()
    } else {
        ns.to_string()
    }
}

impl Fork {
    /// The change as the app records it: `action` at `at`, with `yaml` the text an Apply used.
    /// `None` for actions a learner cannot make in the app.
    pub fn of(at: SimTime, action: &Action, yaml: &str) -> Option<Fork> {
        let at = at.0;
        Some(match action {
            Action::Apply(_) => Fork::Apply {
                at,
                yaml: yaml.to_string(),
            },
            Action::Delete {
                kind,
                namespace,
                name,
            } => Fork::Delete {
                at,
                kind: kind.lower().to_string(),
                namespace: namespace.clone(),
                name: name.clone(),
            },
            Action::ExitContainer {
                namespace,
                pod,
                exit_code,
            } => Fork::ExitContainer {
                at,
                namespace: namespace.clone(),
                pod: pod.clone(),
                code: *exit_code,
            },
            Action::Evict { namespace, name } => Fork::Evict {
                at,
                namespace: namespace.clone(),
                name: name.clone(),
            },
            Action::PatchStatus {
                namespace,
                name,
                patch_type,
                patch,
            } => Fork::PatchStatus {
                at,
                namespace: namespace.clone(),
                name: name.clone(),
                patch_type: patch_type.clone(),
                patch: patch.clone(),
            },
            Action::AddNode(node) => Fork::AddNode {
                at,
                node: node.clone(),
            },
            Action::RemoveNode(name) => Fork::RemoveNode {
                at,
                name: name.clone(),
            },
            Action::SetNode(node) => Fork::SetNode {
                at,
                node: node.clone(),
            },
            Action::BreakImage(image) => Fork::BreakImage {
                at,
                image: image.clone(),
            },
            // The app drains through the console, which records the cordon and each eviction.
            Action::FailPod { .. } | Action::Note(_) | Action::Drain(_) => return None,
        })
    }

    fn at(&self) -> u64 {
        match self {
            Fork::Apply { at, .. }
            | Fork::Delete { at, .. }
            | Fork::Evict { at, .. }
            | Fork::PatchStatus { at, .. }
            | Fork::ExitContainer { at, .. }
            | Fork::AddNode { at, .. }
            | Fork::RemoveNode { at, .. }
            | Fork::SetNode { at, .. }
            | Fork::BreakImage { at, .. } => *at,
        }
    }

    fn action(&self) -> Result<Action, ShareError> {
        Ok(match self {
            Fork::Apply { yaml, .. } => Action::Apply(
                parse_manifests(yaml).map_err(|errs| ShareError::Manifest(errs.len()))?,
            ),
            Fork::Delete {
                kind,
                namespace,
                name,
                ..
            } => Action::Delete {
                kind: Kind::parse(kind).ok_or_else(|| ShareError::Field("kind".into()))?,
                namespace: namespace_or_default(namespace),
                name: name.clone(),
            },
            Fork::ExitContainer {
                namespace,
                pod,
                code,
                ..
            } => Action::ExitContainer {
                namespace: namespace_or_default(namespace),
                pod: pod.clone(),
                exit_code: *code,
            },
            Fork::AddNode { node, .. } => Action::AddNode(node.clone()),
            Fork::RemoveNode { name, .. } => Action::RemoveNode(name.clone()),
            Fork::PatchStatus {
                namespace,
                name,
                patch_type,
                patch,
                ..
            } => Action::PatchStatus {
                namespace: namespace_or_default(namespace),
                name: name.clone(),
                patch_type: patch_type.clone(),
                patch: patch.clone(),
            },
            Fork::Evict {
                namespace, name, ..
            } => Action::Evict {
                namespace: namespace_or_default(namespace),
                name: name.clone(),
            },
            Fork::SetNode { node, .. } => Action::SetNode(node.clone()),
            Fork::BreakImage { image, .. } => Action::BreakImage(image.clone()),
        })
    }
}

/// A moment of the app.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Moment {
    /// The format's version.
    pub v: u32,
    /// The built-in scenario's id.
    pub scenario: String,
    /// The learner's changes, in the order they were made.
    pub forks: Vec<Fork>,
    /// The playhead (ms).
    pub at: u64,
    /// `en` or `zh`.
    pub lang: String,
    /// The lesson step the moment belongs to (its changes are made after that step).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lesson: Option<LessonAt>,
    /// An imported scenario's file (when `scenario` is [`CUSTOM`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The challenge the moment belongs to, with the learner's attempt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub challenge: Option<ChallengeAt>,
}

/// A challenge and the learner's attempt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChallengeAt {
    /// The challenge's id.
    pub id: String,
    /// The editor's text (a console challenge's commands travel as the moment's changes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub attempt: Option<String>,
}

/// The `scenario` of a moment whose scenario file travels in the link.
pub const CUSTOM: &str = "custom";

/// A step of a lesson.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonAt {
    /// The lesson's id.
    pub id: String,
    /// The step (0-based).
    pub step: usize,
}

impl Moment {
    /// A moment of the current format.
    pub fn new(scenario: &str, forks: Vec<Fork>, at: SimTime, lang: &str) -> Moment {
        Moment {
            v: VERSION,
            scenario: scenario.to_string(),
            forks,
            at: at.0,
            lang: lang.to_string(),
            lesson: None,
            text: None,
            challenge: None,
        }
    }
}

/// Why a link could not be opened.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The fragment is not a share link.
    #[error("not a podlab share link")]
    NotALink,
    /// Longer than [`MAX_ENCODED`].
    #[error("the link is too long ({0} characters; at most {MAX_ENCODED})")]
    TooLong(usize),
    /// Not base64url.
    #[error("the link is damaged (not base64url)")]
    Base64,
    /// Not deflate data, or larger than [`MAX_INFLATED`] once inflated.
    #[error("the link is damaged or too large once unpacked")]
    Inflate,
    /// Not the JSON of a moment.
    #[error("the link is damaged: {0}")]
    Json(String),
    /// Another version of the format.
    #[error("the link was made by another version of podlab (format {0})")]
    Version(u32),
    /// No such built-in scenario.
    #[error("the link names an unknown scenario {0:?}")]
    Scenario(String),
    /// A field out of range.
    #[error("the link has a bad {0}")]
    Field(String),
    /// An applied YAML no longer parses.
    #[error("the link's YAML has {0} problem(s)")]
    Manifest(usize),
}

/// The fragment for a moment (`#share=…`).
pub fn encode(m: &Moment) -> String {
    let json = serde_json::to_vec(m).unwrap_or_default();
    let packed = miniz_oxide::deflate::compress_to_vec(&json, 9);
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// The moment in a fragment, checked.
pub fn decode(fragment: &str) -> Result<Moment, ShareError> {
    let body = fragment.strip_prefix(PREFIX).ok_or(ShareError::NotALink)?;
    if body.len() > MAX_ENCODED {
        return Err(ShareError::TooLong(body.len()));
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(body.trim_end_matches('='))
        .map_err(|_| ShareError::Base64)?;
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_INFLATED)
        .map_err(|_| ShareError::Inflate)?;
    let m: Moment = serde_json::from_slice(&json).map_err(|e| ShareError::Json(e.to_string()))?;
    if m.v != VERSION {
        return Err(ShareError::Version(m.v));
    }
    if m.scenario == CUSTOM {
        match &m.text {
            Some(t) if scenario::parse(t).is_ok() => {}
            _ => return Err(ShareError::Field("scenario file".into())),
        }
    } else if builtin::find(&m.scenario).is_none() {
        return Err(ShareError::Scenario(m.scenario));
    }
    if !matches!(m.lang.as_str(), "en" | "zh") {
        return Err(ShareError::Field("language".into()));
    }
    if m.forks.len() > MAX_FORKS {
        return Err(ShareError::Field("number of changes".into()));
    }
    if let Some(l) = &m.lesson {
        if crate::lesson::find(&l.id).is_none() {
            return Err(ShareError::Field("lesson".into()));
        }
    }
    Ok(m)
}

/// Rebuilds the run a moment came from: the built-in scenario, run, then each change forked
/// in at its time. Returns the run and the playhead (clamped to the run's end).
pub fn replay(m: &Moment) -> Result<(Sim, SimTime), ShareError> {
    let text = match (&m.text, builtin::find(&m.scenario)) {
        (Some(t), _) if m.scenario == CUSTOM => t.as_str(),
        (_, Some(b)) => b.text,
        _ => return Err(ShareError::Scenario(m.scenario.clone())),
    };
    let parsed = scenario::parse(text).map_err(|_| ShareError::Scenario(m.scenario.clone()))?;
    let until = parsed.until;
    let mut sim = Sim::new(parsed);
    sim.run();
    let sim = replay_on(&sim, &m.forks)?.unwrap_or(sim);
    Ok((sim, SimTime(m.at.min(until.0))))
}

/// `base` with each change forked in at its time; `None` when there are no changes.
pub fn replay_on(base: &Sim, forks: &[Fork]) -> Result<Option<Sim>, ShareError> {
    let until = base.scenario().until;
    let mut sim: Option<Sim> = None;
    for f in forks {
        let at = SimTime(f.at().min(until.0));
        let mut next = sim.as_ref().unwrap_or(base).fork(at, f.action()?);
        next.run();
        sim = Some(next);
    }
    Ok(sim)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_should_say_what_is_wrong() {
        assert_eq!(decode("#other"), Err(ShareError::NotALink));
        assert_eq!(decode("#share=%%%"), Err(ShareError::Base64));
        assert_eq!(decode("#share=AAAA"), Err(ShareError::Inflate));
        let long = format!("{PREFIX}{}", "A".repeat(MAX_ENCODED + 1));
        assert_eq!(decode(&long), Err(ShareError::TooLong(MAX_ENCODED + 1)));
        let mut m = Moment::new("job-pi", Vec::new(), SimTime(5_000), "en");
        m.v = 9;
        assert_eq!(decode(&encode(&m)), Err(ShareError::Version(9)));
        let m = Moment::new("no-such", Vec::new(), SimTime(0), "en");
        assert_eq!(
            decode(&encode(&m)),
            Err(ShareError::Scenario("no-such".into()))
        );
        let m = Moment::new("job-pi", Vec::new(), SimTime(0), "fr");
        assert_eq!(
            decode(&encode(&m)),
            Err(ShareError::Field("language".into()))
        );
        let mut m = Moment::new("job-pi", Vec::new(), SimTime(0), "en");
        m.lesson = Some(LessonAt {
            id: "no-such-lesson".into(),
            step: 0,
        });
        assert_eq!(decode(&encode(&m)), Err(ShareError::Field("lesson".into())));
    }

    #[test]
    fn a_bomb_should_stop_at_the_inflate_limit() {
        // 10 MB of one byte deflates to a few KB.
        let packed = miniz_oxide::deflate::compress_to_vec(&vec![b' '; 10 * 1024 * 1024], 9);
        let link = format!(
            "{PREFIX}{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
        );
        assert!(link.len() < MAX_ENCODED);
        assert_eq!(decode(&link), Err(ShareError::Inflate));
    }
}
