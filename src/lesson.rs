//! Lessons: a built-in scenario (or several, one after another) with narrated steps. Each step
//! has English and Chinese text, may act on the run (apply YAML, fail a pod, change a node),
//! may put a manifest in the editor (to show what the API server refuses), may ask the learner
//! to predict what happens before it is played, and names the moment it stops at: a time, or
//! the first moment a condition holds. [`plan`] turns a lesson into one run per step, so Back
//! restores the earlier moment exactly.

mod plan;

pub use plan::{plan, Stop};

use crate::builtin;
use crate::scenario::{
    self, expect, Action, Expectation, Localized, RawStep, ScenarioError, Trigger,
};
use crate::sim::{parse_duration, SimTime};

use serde::Deserialize;
use std::collections::BTreeMap;

/// A lesson shipped with podlab: its id and its YAML text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The lesson's `name`.
    pub id: &'static str,
    /// The lesson file.
    pub text: &'static str,
}

macro_rules! lessons {
    ($($id:literal),* $(,)?) => {
        /// Every lesson, in teaching order.
        pub const LESSONS: &[Source] = &[$(Source {
            id: $id,
            text: include_str!(concat!("lesson/content/", $id, ".yaml")),
        }),*];
    };
}

lessons!(
    "bare-pod-vs-job",
    "restart-and-backoff",
    "parallel-jobs",
    "one-after-another",
    "job-controller",
    "cronjob",
    "daemonset",
    "daemonset-updates",
    "daemonset-controller",
    "taints-and-selectors",
);

/// The lesson named `id`.
pub fn find(id: &str) -> Option<&'static Source> {
    LESSONS.iter().find(|l| l.id == id)
}

/// A parsed lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct Lesson {
    /// Identifier.
    pub id: String,
    /// Title.
    pub title: Localized,
    /// One line on what it teaches.
    pub summary: Localized,
    /// The steps, in order.
    pub steps: Vec<LessonStep>,
}

/// One step of a lesson.
#[derive(Clone, Debug, PartialEq)]
pub struct LessonStep {
    /// The built-in scenario this step switches to (the first step always names one).
    pub scenario: Option<&'static str>,
    /// A heading.
    pub title: Localized,
    /// The narration.
    pub text: Localized,
    /// What the step does to the run, at the previous step's moment.
    pub action: Option<Action>,
    /// The YAML of an Apply (what the editor shows and a share link records).
    pub action_yaml: Option<String>,
    /// Text put in the editor.
    pub editor: Option<String>,
    /// Where the step stops.
    pub stop: StopAt,
    /// A question asked before the step is played.
    pub predict: Option<Predict>,
    /// What holds at the step's moment (checked headless in CI).
    pub check: Vec<Expectation>,
    /// Part of the API server's message for the editor's text (checked headless in CI).
    pub rejects: Option<String>,
    /// The panel the step is about, brought into view on a projector.
    pub focus: Focus,
}

/// The panel a lesson step is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The nodes and their pods.
    Cluster,
    /// The pods over time.
    Timeline,
    /// The CronJob tick rulers.
    Ticks,
    /// The DaemonSet rollout board.
    Rollout,
    /// A controller's latest sync.
    Controller,
    /// The control-plane diagram and its workqueues.
    ControlPlane,
    /// The manifest editor and its verdict.
    Editor,
    /// `kubectl get events`.
    Events,
}

impl Focus {
    /// The names a lesson file uses.
    pub const NAMES: [(&'static str, Focus); 8] = [
        ("cluster", Focus::Cluster),
        ("timeline", Focus::Timeline),
        ("ticks", Focus::Ticks),
        ("rollout", Focus::Rollout),
        ("controller", Focus::Controller),
        ("controlplane", Focus::ControlPlane),
        ("editor", Focus::Editor),
        ("events", Focus::Events),
    ];

    /// Its name in a lesson file.
    pub fn name(self) -> &'static str {
        Focus::NAMES
            .iter()
            .find(|(_, f)| *f == self)
            .map_or("cluster", |(n, _)| n)
    }
}

/// Where a step stops.
#[derive(Clone, Debug, PartialEq)]
pub enum StopAt {
    /// Where it starts (the previous step's moment, or 0 after a scenario switch).
    Start,
    /// A time of the run.
    At(SimTime),
    /// The first moment at or after the start when the condition holds.
    Until(Trigger),
}

/// "Predict what happens next".
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Predict {
    /// The question.
    pub question: Localized,
    /// The choices.
    pub choices: Vec<Localized>,
    /// The right choice (0-based).
    pub answer: usize,
    /// Why, shown once the learner has chosen.
    pub explain: Localized,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Lesson")]
struct RawLesson {
    name: String,
    title: Localized,
    summary: Localized,
    steps: Vec<RawLessonStep>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "LessonStep")]
struct RawLessonStep {
    scenario: Option<String>,
    title: Localized,
    text: Localized,
    #[serde(rename = "do")]
    action: Option<RawStep>,
    editor: Option<String>,
    at: Option<String>,
    until: Option<String>,
    predict: Option<Predict>,
    check: Vec<RawCheck>,
    rejects: Option<String>,
    focus: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default, rename = "Check")]
struct RawCheck {
    object: String,
    selector: Option<String>,
    fields: BTreeMap<String, serde_json::Value>,
    conditions: Vec<String>,
    count: Option<u64>,
}

/// Parses a lesson file; returns every problem found.
pub fn parse(text: &str) -> Result<Lesson, Vec<ScenarioError>> {
    let (doc, raw): (_, RawLesson) = scenario::one_document(text, "lesson")?;
    let mut errs = Vec::new();
    let err = |errs: &mut Vec<ScenarioError>, path: &str, message: String| {
        errs.push(ScenarioError {
            loc: doc.locate(path),
            message: format!("{path}: {message}"),
        })
    };
    if raw.name.is_empty() {
        err(&mut errs, "name", "Required value".into());
    }
    if raw.steps.is_empty() {
        err(
            &mut errs,
            "steps",
            "Required value: a lesson has at least one step".into(),
        );
    }
    let mut steps = Vec::new();
    for (i, s) in raw.steps.iter().enumerate() {
        let path = format!("steps[{i}]");
        let scenario = match &s.scenario {
            None if i == 0 => {
                err(
                    &mut errs,
                    &format!("{path}.scenario"),
                    "Required value: the first step names a built-in scenario".into(),
                );
                None
            }
            None => None,
            Some(id) => match builtin::find(id) {
                Some(b) => Some(b.id),
                None => {
                    err(
                        &mut errs,
                        &format!("{path}.scenario"),
                        format!("Not found: {id:?}: no built-in scenario has this name"),
                    );
                    None
                }
            },
        };
        let stop = match (&s.at, &s.until) {
            (None, None) => StopAt::Start,
            (Some(a), None) => match parse_duration(a) {
                Ok(ms) => StopAt::At(SimTime(ms)),
                Err(m) => {
                    err(
                        &mut errs,
                        &format!("{path}.at"),
                        format!("Invalid value: {a:?}: {m}"),
                    );
                    StopAt::Start
                }
            },
            (None, Some(u)) => {
                match Trigger::parse(u) {
                    Some(t) => StopAt::Until(t),
                    None => {
                        err(
                        &mut errs,
                        &format!("{path}.until"),
                        format!("Invalid value: {u:?}: must be KIND/NAME STATE, e.g. job/a Complete"),
                    );
                        StopAt::Start
                    }
                }
            }
            (Some(_), Some(_)) => {
                err(
                    &mut errs,
                    &path,
                    "Invalid value: a step has `at` or `until`, not both".into(),
                );
                StopAt::Start
            }
        };
        let (action, action_yaml) = match &s.action {
            None => (None, None),
            Some(raw) if raw.at.is_some() || raw.when.is_some() || raw.note.is_some() => {
                err(
                    &mut errs,
                    &format!("{path}.do"),
                    "Invalid value: `do` is one action (apply, delete, failPod, addNode, removeNode, setNode); it happens when the step starts".into(),
                );
                (None, None)
            }
            Some(raw) => {
                let path = format!("{path}.do");
                let action = scenario::parse_action(text, &doc, &path, raw, &mut errs);
                let yaml = raw.apply_text().map(str::to_string);
                (action, yaml)
            }
        };
        if let Some(p) = &s.predict {
            if p.choices.len() < 2 || p.answer >= p.choices.len() {
                errs.push(ScenarioError {
                    loc: doc.locate(&format!("{path}.predict")),
                    message: format!(
                        "{path}.predict.answer: Invalid value: {}: must pick one of at least two choices",
                        p.answer
                    ),
                });
            }
        }
        let focus = match s.focus.as_deref() {
            Some(name) => match Focus::NAMES.iter().find(|(n, _)| *n == name) {
                Some((_, f)) => *f,
                None => {
                    let names: Vec<&str> = Focus::NAMES.iter().map(|(n, _)| *n).collect();
                    err(
                        &mut errs,
                        &format!("{path}.focus"),
                        format!(
                            "Unsupported value: {name:?}: supported values: {}",
                            names.join(", ")
                        ),
                    );
                    Focus::Cluster
                }
            },
            None => {
                err(
                    &mut errs,
                    &format!("{path}.focus"),
                    "Required value: the panel the step is about (cluster, timeline, ticks, rollout, controller, controlplane, editor, events)".into(),
                );
                Focus::Cluster
            }
        };
        let mut check = Vec::new();
        for (j, c) in s.check.iter().enumerate() {
            let p = format!("{path}.check[{j}]");
            match expect::parse(
                &c.object,
                c.selector.as_deref(),
                &c.fields,
                &c.conditions,
                c.count,
            ) {
                Ok(mut x) => {
                    x.index = j;
                    x.loc = doc.locate(&p);
                    check.push(x);
                }
                Err(m) => errs.push(ScenarioError {
                    loc: doc.locate(&p),
                    message: format!("{p}.object: {m}"),
                }),
            }
        }
        steps.push(LessonStep {
            scenario,
            title: s.title.clone(),
            text: s.text.clone(),
            action,
            action_yaml,
            editor: s.editor.clone(),
            stop,
            predict: s.predict.clone(),
            check,
            rejects: s.rejects.clone(),
            focus,
        });
    }
    if !errs.is_empty() {
        return Err(errs);
    }
    Ok(Lesson {
        id: raw.name,
        title: raw.title,
        summary: raw.summary,
        steps,
    })
}

/// Every piece of text a learner reads in a lesson, with where it is (for the translation check).
pub fn texts(lesson: &Lesson) -> Vec<(String, &Localized)> {
    let mut out = vec![
        ("title".to_string(), &lesson.title),
        ("summary".to_string(), &lesson.summary),
    ];
    for (i, s) in lesson.steps.iter().enumerate() {
        out.push((format!("steps[{i}].title"), &s.title));
        out.push((format!("steps[{i}].text"), &s.text));
        if let Some(p) = &s.predict {
            out.push((format!("steps[{i}].predict.question"), &p.question));
            out.push((format!("steps[{i}].predict.explain"), &p.explain));
            for (j, c) in p.choices.iter().enumerate() {
                out.push((format!("steps[{i}].predict.choices[{j}]"), c));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_lesson_should_parse() {
        for l in LESSONS {
            let lesson = parse(l.text).unwrap_or_else(|e| panic!("{}: {e:?}", l.id));
            assert_eq!(lesson.id, l.id);
        }
    }

    #[test]
    fn mistakes_should_be_located() {
        let text = "name: x\nsteps:\n  - text: {en: a, zh: b}\n    at: soon\n  - scenario: nope\n    predict: {question: {en: q, zh: q}, choices: [{en: a, zh: a}], answer: 1, explain: {en: e, zh: e}}\n";
        let errs = parse(text).unwrap_err();
        let msgs: Vec<String> = errs.iter().map(ToString::to_string).collect();
        assert!(
            msgs[0].contains("steps[0].scenario: Required value"),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.starts_with("4:") && m.contains("steps[0].at: Invalid value: \"soon\"")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("steps[1].scenario: Not found: \"nope\"")),
            "{msgs:?}"
        );
        assert!(
            msgs.iter()
                .any(|m| m.contains("steps[1].predict.answer: Invalid value: 1")),
            "{msgs:?}"
        );
        let text = "name: x\nsteps:\n  - {scenario: job-pi, do: {at: 5s, delete: job/pi}}\n";
        let errs = parse(text).unwrap_err();
        assert!(
            errs[0].message.contains("steps[0].do: Invalid value"),
            "{errs:?}"
        );
    }
}
