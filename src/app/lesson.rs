//! The lesson player's state: which lesson, which step, the learner's prediction; entering a
//! step shows its run (shared with the plan, never re-run) at its moment, so Back restores
//! exactly what was there.

use super::{diagnose, AppState};
use crate::builtin::{self, BUILTINS};
use crate::lesson::{self, Lesson, Stop};
use crate::share::{self, LessonAt, ShareError};
use crate::sim::SimTime;
use std::rc::Rc;

/// How long (wall-clock ms) the playback after a prediction should take, about.
const REVEAL_MS: u64 = 4_000;

/// An open lesson.
#[derive(Clone, Debug)]
pub struct LessonView {
    /// The lesson's id.
    pub id: &'static str,
    /// The lesson.
    pub lesson: Rc<Lesson>,
    /// Each step's run and moments.
    pub stops: Rc<Vec<Stop>>,
    /// The current step.
    pub step: usize,
    /// The choice the learner made for this step's prediction.
    pub choice: Option<usize>,
    /// Whether this step's answer is shown (always, for a step without a prediction).
    pub revealed: bool,
}

/// Why a lesson cannot be opened (a bug in a shipped lesson; shown, never a panic).
fn open(id: &str) -> Result<LessonView, String> {
    let source = lesson::find(id).ok_or_else(|| format!("no lesson {id:?}"))?;
    let text = source
        .text()
        .ok_or_else(|| format!("lesson {id:?} has not been loaded"))?;
    let parsed = lesson::parse(text).map_err(|errs| {
        errs.iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    })?;
    let stops = lesson::plan(&parsed).map_err(|e| e.to_string())?;
    Ok(LessonView {
        id: source.id,
        lesson: Rc::new(parsed),
        stops: Rc::new(stops),
        step: 0,
        choice: None,
        revealed: false,
    })
}

impl LessonView {
    /// The number of steps.
    pub fn len(&self) -> usize {
        self.stops.len()
    }

    /// Whether the lesson has no steps (never, for a parsed lesson).
    pub fn is_empty(&self) -> bool {
        self.stops.is_empty()
    }

    /// Whether the answer to the step's question (and its narration) can be shown with the
    /// playhead at `cursor`: only once the run has reached the moment they describe.
    pub fn answer_due(&self, cursor: SimTime) -> bool {
        let step = self.current();
        step.predict.is_none() || (self.revealed && cursor >= self.stops[self.step].at)
    }

    /// The current step.
    pub fn current(&self) -> &lesson::LessonStep {
        &self.lesson.steps[self.step]
    }

    /// The editor's text at step `k`: the scenario's manifests, then each Apply's YAML; a
    /// step's own `editor` text only on that step.
    fn text_at(&self, k: usize) -> String {
        let mut text = String::new();
        for (step, stop) in self.lesson.steps.iter().zip(self.stops.iter()).take(k + 1) {
            if step.scenario.is_some() {
                text = stop.sim.scenario().manifests_text.clone();
            }
            if let Some(yaml) = &step.action_yaml {
                text = yaml.clone();
            }
        }
        self.lesson.steps[k].editor.clone().unwrap_or(text)
    }
}

impl AppState {
    /// Opens a lesson at its first step.
    pub(super) fn open_lesson(self, id: &str) -> AppState {
        match open(id) {
            Ok(view) => self.enter_step(view, 0, false),
            Err(e) => AppState {
                error: Some(e),
                ..self
            },
        }
    }

    /// Shows step `k` of the lesson: its run at its start when a prediction is still to be
    /// made, else at its moment.
    pub(super) fn enter_step(self, view: LessonView, k: usize, reveal: bool) -> AppState {
        let k = k.min(view.len().saturating_sub(1));
        let stop = view.stops[k].clone();
        let asks = view.lesson.steps[k].predict.is_some() && !reveal;
        let text = view.text_at(k);
        let state = AppState {
            scenario_id: builtin::find(stop.scenario)
                .map(|b| b.id)
                .unwrap_or(BUILTINS[0].id),
            diagnostics: Rc::new(diagnose(&text)),
            text,
            applied: None,
            selected: None,
            highlight: None,
            forks: Rc::new(Vec::new()),
            error: None,
            playing: false,
            stop_at: None,
            custom: None,
            lesson: Some(LessonView {
                step: k,
                choice: None,
                revealed: !asks,
                ..view
            }),
            ..self
        };
        state
            .with_shared_run(stop.sim)
            .seek(if asks { stop.from } else { stop.at })
    }

    /// The learner answers the prediction: the answer is played from the step's start to its
    /// moment, at a speed that takes a few seconds.
    pub(super) fn answer(self, choice: usize) -> AppState {
        let Some(view) = self.lesson.clone() else {
            return self;
        };
        if view.revealed {
            return self;
        }
        let stop = view.stops[view.step].clone();
        let span = stop.at.0.saturating_sub(stop.from.0);
        let speed = super::SPEEDS
            .iter()
            .position(|s| (span as f64) / s <= REVEAL_MS as f64)
            .unwrap_or(super::SPEEDS.len() - 1);
        let state = AppState {
            lesson: Some(LessonView {
                choice: Some(choice),
                revealed: true,
                ..view
            }),
            ..self
        }
        .seek(stop.from);
        if span == 0 {
            return state;
        }
        AppState {
            playing: true,
            stop_at: Some(stop.at),
            speed,
            ..state
        }
    }

    /// Whether the page shows the lesson step's own run and no changes of the learner's.
    pub fn on_lesson_step(&self) -> bool {
        match (&self.lesson, &self.sim) {
            (Some(view), Some(sim)) => {
                Rc::ptr_eq(&view.stops[view.step].sim, sim) && self.forks.is_empty()
            }
            _ => false,
        }
    }

    /// The lesson step of this moment, for a share link.
    pub(super) fn lesson_at(&self) -> Option<LessonAt> {
        self.lesson.as_ref().map(|v| LessonAt {
            id: v.id.to_string(),
            step: v.step,
        })
    }

    /// The state a share link names inside a lesson: the step's run with the link's changes.
    pub(super) fn at_lesson_link(
        self,
        at: &LessonAt,
        forks: Vec<share::Fork>,
        t: SimTime,
    ) -> Result<AppState, ShareError> {
        let view = open(&at.id).map_err(|_| ShareError::Field("lesson".into()))?;
        if at.step >= view.len() {
            return Err(ShareError::Field("lesson step".into()));
        }
        let state = self.enter_step(view, at.step, true);
        let Some(base) = state.sim.clone() else {
            return Ok(state);
        };
        match share::replay_on(&base, &forks)? {
            None => Ok(state.seek(t)),
            Some(sim) => Ok(AppState {
                forks: Rc::new(forks),
                ..state
            }
            .with_run(sim)
            .seek(t)),
        }
    }
}
