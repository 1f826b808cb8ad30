//! The challenge the learner is working on: its cluster as the run, the starting manifest in
//! the editor, the hints shown so far, and the last Check's verdict — from running the editor's
//! YAML (or, for a console challenge, from the run with the learner's kubectl changes in it).

use super::AppState;
use crate::challenge::{self, Attempt, Challenge, Judgement};
use crate::engine::Sim;
use crate::share;
use crate::sim::SimTime;
use std::rc::Rc;

/// An open challenge.
#[derive(Clone, Debug, PartialEq)]
pub struct ChallengeView {
    /// The challenge's id.
    pub id: &'static str,
    /// How many hints are shown.
    pub hints: usize,
    /// The last Check.
    pub verdict: Option<Rc<Checked>>,
}

/// What the last Check found.
#[derive(Clone, Debug, PartialEq)]
pub enum Checked {
    /// The run was judged.
    Judged(Judgement),
    /// The attempt could not be run: the API server's (or kubectl's) words.
    Invalid(String),
}

impl ChallengeView {
    /// The challenge.
    pub fn challenge(&self) -> &'static Challenge {
        challenge::find(self.id).unwrap_or(&challenge::CHALLENGES[0])
    }

    /// Whether the last Check solved it.
    pub fn solved(&self) -> bool {
        matches!(self.verdict.as_deref(), Some(Checked::Judged(j)) if j.passed)
    }
}

impl AppState {
    /// Opens a challenge: its cluster at the attempt's moment, its starter in the editor (or,
    /// for a console challenge, in the console's hint), no hint shown.
    pub(super) fn open_challenge(self, id: &str, attempt: Option<String>) -> AppState {
        let Some(c) = challenge::find(id) else {
            return self;
        };
        let Ok(base) = c.base() else {
            return self;
        };
        let text = match c.attempt {
            Attempt::Manifests => attempt.unwrap_or_else(|| c.starter.to_string()),
            Attempt::Kubectl => base.manifests_text.clone(),
        };
        let mut state = AppState::empty(self.lang, crate::builtin::BUILTINS[0].id);
        state.scenario_id = share::CUSTOM;
        state.custom = Some(Rc::new(c.scenario.to_string()));
        state.presenter = self.presenter;
        state.challenge = Some(ChallengeView {
            id: c.id,
            hints: 0,
            verdict: None,
        });
        state
            .with_text(text)
            .show(Sim::new(base))
            .finish_computing()
            .seek(c.at)
    }

    /// Shows one more hint.
    pub(super) fn next_hint(self) -> AppState {
        let Some(view) = self.challenge.clone() else {
            return self;
        };
        let hints = (view.hints + 1).min(view.challenge().hints.len());
        AppState {
            challenge: Some(ChallengeView { hints, ..view }),
            ..self
        }
    }

    /// Checks the attempt: runs it (or judges the run the console made) and shows the run at
    /// the verdict's moment.
    pub(super) fn check_challenge(self) -> AppState {
        let Some(view) = self.challenge.clone() else {
            return self;
        };
        let c = view.challenge();
        let state = self.finish_computing();
        let (state, checked) = match c.attempt {
            Attempt::Manifests => match c.check(&state.text) {
                Ok(v) => {
                    let at = moment(&v.judgement).unwrap_or(c.at);
                    let s = AppState {
                        applied: None,
                        ..state
                    }
                    .with_run(v.sim)
                    .seek(at);
                    (s, Checked::Judged(v.judgement))
                }
                Err(e) => (state, Checked::Invalid(e.to_string())),
            },
            Attempt::Kubectl => match state.sim.clone() {
                Some(sim) => {
                    let j = c.judge_run(&sim);
                    let at = moment(&j).unwrap_or(state.cursor);
                    (state.seek(at), Checked::Judged(j))
                }
                None => return state,
            },
        };
        AppState {
            challenge: Some(ChallengeView {
                verdict: Some(Rc::new(checked)),
                ..view
            }),
            ..state
        }
    }

    /// The open challenge and the attempt a share link carries (the editor's text, or the
    /// console's changes, which travel as the link's changes).
    pub fn challenge_at(&self) -> Option<share::ChallengeAt> {
        let view = self.challenge.as_ref()?;
        Some(share::ChallengeAt {
            id: view.id.to_string(),
            attempt: match view.challenge().attempt {
                Attempt::Manifests => Some(self.text.clone()),
                Attempt::Kubectl => None,
            },
        })
    }
}

/// The first moment a verdict names.
fn moment(j: &Judgement) -> Option<SimTime> {
    j.findings.iter().find_map(|f| f.at)
}
