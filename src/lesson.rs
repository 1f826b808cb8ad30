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

/// A lesson shipped with podlab: its id, and the title and summary the lesson strip shows
/// (part of the first download; a test checks them against the lesson's file). The file itself
/// ([`Source::text`]) is built into the native binary and fetched by the page when a lesson is
/// first opened (`lessons.json`, written by the build from `src/lesson/content/`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Source {
    /// The lesson's `name`.
    pub id: &'static str,
    /// Its `title`, in English and Chinese.
    pub title: (&'static str, &'static str),
    /// Its `summary`, in English and Chinese.
    pub summary: (&'static str, &'static str),
}

/// Every lesson, in teaching order.
pub const LESSONS: &[Source] = &[
    Source {
        id: "bare-pod-vs-job",
        title: ("1. Why a bare Pod is not enough", "1. 为什么只有 Pod 还不够"),
        summary: (
            "A bare Pod dies with its node; a Job keeps going. The pi Job, Pod names and ownerReferences.",
            "裸 Pod 随节点一起消失；Job 会坚持完成。pi Job、Pod 的命名和 ownerReferences。",
        ),
    },
    Source {
        id: "restart-and-backoff",
        title: ("2. restartPolicy, backoffLimit and back-off", "2. restartPolicy、backoffLimit 与退避"),
        summary: (
            "Never vs OnFailure side by side, why a Job refuses Always, and how backoffLimit and the exponential back-off end a failing Job.",
            "Never 与 OnFailure 对照，为什么 Job 拒绝 Always，以及 backoffLimit 和指数退避如何结束一个失败的 Job。",
        ),
    },
    Source {
        id: "parallel-jobs",
        title: ("3. Parallel Jobs", "3. 并行 Job"),
        summary: (
            "completions and parallelism as waves (8 / 2 → four waves), work-queue Jobs, and Indexed Jobs.",
            "completions 与 parallelism 形成一波一波（8 / 2 → 四波）、工作队列 Job，以及 Indexed Job。",
        ),
    },
    Source {
        id: "one-after-another",
        title: ("4. One task after another", "4. 一个接一个地运行任务"),
        summary: (
            "parallelism 1 runs a Job's Pods in series; an Indexed Job gives each Pod its step, and a failure holds up the rest; chaining different Jobs needs something outside Kubernetes.",
            "parallelism 1 让 Job 的 Pod 串行运行；Indexed Job 让每个 Pod 各做一步，一次失败会拖住后面的步骤；串联不同的 Job 需要 Kubernetes 之外的工具。",
        ),
    },
    Source {
        id: "job-controller",
        title: ("5. How the Job controller works", "5. Job 控制器如何工作"),
        summary: (
            "API server → etcd → watch → event handlers → workqueue → syncJob → scale up / scale down → status, followed live.",
            "API 服务器 → etcd → watch → 事件处理函数 → 工作队列 → syncJob → 扩容 / 缩容 → status，实时跟踪。",
        ),
    },
    Source {
        id: "cronjob",
        title: ("6. CronJob", "6. CronJob 定时任务"),
        summary: (
            "Schedule syntax, concurrencyPolicy Allow / Forbid / Replace side by side, history limits, startingDeadlineSeconds and time zones.",
            "调度语法、并发策略 Allow / Forbid / Replace 对照、历史记录上限、startingDeadlineSeconds 与时区。",
        ),
    },
    Source {
        id: "daemonset",
        title: ("7. DaemonSet: one Pod per node", "7. DaemonSet：每个节点一个 Pod"),
        summary: (
            "One Pod per node; nodes joining, leaving and going NotReady; a crashed daemon Pod restarted in place; the agents DaemonSets run.",
            "每个节点一个 Pod；节点加入、离开、变为 NotReady；崩溃的守护 Pod 原地重启；DaemonSet 通常运行哪些代理。",
        ),
    },
    Source {
        id: "daemonset-updates",
        title: ("8. DaemonSet updates and rollback", "8. DaemonSet 的更新与回滚"),
        summary: (
            "RollingUpdate with maxUnavailable and maxSurge, OnDelete, and rolling back a bad revision.",
            "使用 maxUnavailable 和 maxSurge 的 RollingUpdate、OnDelete，以及回滚一个坏的修订版本。",
        ),
    },
    Source {
        id: "daemonset-controller",
        title: ("9. How the DaemonSet controller works", "9. DaemonSet 控制器如何工作"),
        summary: (
            "Watching DaemonSets, Pods and Nodes; revisions as ControllerRevisions; creating and deleting per node; the status counters.",
            "watch DaemonSet、Pod 和节点；以 ControllerRevision 记录修订版本；逐节点创建和删除；status 计数。",
        ),
    },
    Source {
        id: "taints-and-selectors",
        title: ("10. Taints, tolerations and nodeSelector", "10. 污点、容忍度与 nodeSelector"),
        summary: (
            "Why a node has no daemon Pod: untolerated taints, NoSchedule vs NoExecute, cordons, and a nodeSelector that follows labels.",
            "为什么某个节点没有守护 Pod：未被容忍的污点、NoSchedule 与 NoExecute、封锁，以及跟随标签的 nodeSelector。",
        ),
    },
];

/// The lesson files inside the native binary (the page fetches the same files).
#[cfg(not(target_arch = "wasm32"))]
fn embedded(id: &str) -> Option<&'static str> {
    macro_rules! files {
        ($($id:literal),* $(,)?) => {
            match id {
                $($id => Some(include_str!(concat!("lesson/content/", $id, ".yaml"))),)*
                _ => None,
            }
        };
    }
    files!(
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
    )
}

/// The lesson files installed in the page, by id.
static INSTALLED: std::sync::OnceLock<BTreeMap<String, String>> = std::sync::OnceLock::new();

thread_local! {
    /// Set by [`hide`]: this thread acts as a page that has not fetched the lessons yet.
    static HIDDEN: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Makes this thread act as a page that has not fetched the lessons yet (`true`), or not:
/// how the tests check what the app does before the file arrives.
pub fn hide(hidden: bool) {
    HIDDEN.with(|h| h.set(hidden));
}

impl Source {
    /// The lesson file, when it is here: always on native builds, in the page once fetched.
    pub fn text(&self) -> Option<&'static str> {
        if HIDDEN.with(std::cell::Cell::get) {
            return None;
        }
        #[cfg(not(target_arch = "wasm32"))]
        return embedded(self.id);
        #[cfg(target_arch = "wasm32")]
        INSTALLED.get()?.get(self.id).map(String::as_str)
    }

    /// The title, as the strip shows it.
    pub fn title(&self) -> Localized {
        Localized {
            en: self.title.0.to_string(),
            zh: self.title.1.to_string(),
        }
    }

    /// The summary, as the strip shows it.
    pub fn summary(&self) -> Localized {
        Localized {
            en: self.summary.0.to_string(),
            zh: self.summary.1.to_string(),
        }
    }
}

/// Whether the lesson files are here to open.
pub fn loaded() -> bool {
    !HIDDEN.with(std::cell::Cell::get)
        && (cfg!(not(target_arch = "wasm32")) || INSTALLED.get().is_some())
}

/// Installs the fetched `lessons.json` (each lesson's id and file); an error when a lesson is
/// missing or the file is not that one.
pub fn install(bytes: &[u8]) -> Result<(), String> {
    let files: BTreeMap<String, String> =
        serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    if let Some(missing) = LESSONS.iter().find(|l| !files.contains_key(l.id)) {
        return Err(format!("lesson {} is missing", missing.id));
    }
    let _ = INSTALLED.set(files);
    Ok(())
}

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
            let text = l.text().expect("built into the native binary");
            let lesson = parse(text).unwrap_or_else(|e| panic!("{}: {e:?}", l.id));
            assert_eq!(lesson.id, l.id);
            // The strip's title and summary are the file's.
            assert_eq!(lesson.title, l.title(), "{}", l.id);
            assert_eq!(lesson.summary, l.summary(), "{}", l.id);
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
