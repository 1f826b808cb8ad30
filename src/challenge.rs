//! Graded challenges: a goal, a cluster, a starting manifest and hints; the learner's attempt
//! (the YAML they would type in the editor, or for a console challenge the kubectl commands
//! they would run) is run in the engine and the goal is checked on that run, moment by moment —
//! never by matching the text, so every correct solution passes. The verdict says what
//! happened in the simulated cluster and names the moment to look at.
//!
//! `catalog.rs` holds the challenges, `judges.rs` their judges, and `observe.rs` the questions
//! a judge asks of a run (the pods of a Job at each moment, the nodes without a ready agent
//! pod…).

mod catalog;
mod judges;
mod observe;

pub use catalog::CHALLENGES;
pub use observe::Run;

use crate::api::manifest::{parse_to_apply, ManifestError};
use crate::engine::Sim;
use crate::i18n::{Bilingual, Lang};
use crate::scenario::{self, Action, Localized, Step};
use crate::sim::SimTime;
use crate::yaml::Loc;

/// How a learner answers a challenge.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Manifests, applied at the challenge's moment (as Apply in the editor does).
    Manifests,
    /// kubectl commands, one per line, run in order at the challenge's moment (as in the
    /// console).
    Kubectl,
}

/// One challenge.
#[derive(Debug)]
pub struct Challenge {
    /// Stable id (`six-by-three`).
    pub id: &'static str,
    /// The title, in both languages.
    pub title: (&'static str, &'static str),
    /// The goal as the learner reads it.
    pub goal: (&'static str, &'static str),
    /// Hints, unlocked one at a time.
    pub hints: &'static [(&'static str, &'static str)],
    /// The lesson it follows (offered at that lesson's end).
    pub lesson: &'static str,
    /// The cluster and what the challenge itself does: a scenario file without the learner's
    /// part (its `until` is the run's length).
    pub scenario: &'static str,
    /// When the attempt is applied.
    pub at: SimTime,
    /// Manifests or kubectl commands.
    pub attempt: Attempt,
    /// What the editor (or the console's hint) starts with.
    pub starter: &'static str,
    /// The judge: what is wrong with the run, or why it passes.
    pub judge: fn(&Run<'_>) -> Judgement,
}

/// A judge's findings: each sentence in both languages, with the moment it is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Judgement {
    /// Whether the goal is met.
    pub passed: bool,
    /// What happened, in order of importance (the first failed rule first).
    pub findings: Vec<Finding>,
}

/// One sentence of a verdict.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    /// The sentence.
    pub text: Localized,
    /// The moment it is about (the app offers to jump there).
    pub at: Option<SimTime>,
}

/// Why an attempt could not be run.
#[derive(Clone, Debug, PartialEq)]
pub enum CheckError {
    /// The manifests are invalid: the API server's errors.
    Invalid(Vec<ManifestError>),
    /// A kubectl command failed: what kubectl printed.
    Kubectl {
        /// The command's line number in the attempt (from 1).
        line: usize,
        /// Its standard error.
        stderr: String,
    },
    /// The challenge's own scenario does not parse (a bug in a shipped challenge).
    Broken(String),
}

impl std::fmt::Display for CheckError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CheckError::Invalid(errs) => {
                let lines: Vec<String> = errs.iter().map(ToString::to_string).collect();
                write!(f, "{}", lines.join("\n"))
            }
            CheckError::Kubectl { line, stderr } => write!(f, "line {line}: {}", stderr.trim_end()),
            CheckError::Broken(e) => write!(f, "this challenge cannot be run: {e}"),
        }
    }
}

/// A verdict with the run it was judged on.
#[derive(Debug)]
pub struct Verdict {
    /// The judgement.
    pub judgement: Judgement,
    /// The run (for the app to show at the verdict's moment).
    pub sim: Sim,
}

/// The challenge with this id.
pub fn find(id: &str) -> Option<&'static Challenge> {
    CHALLENGES.iter().find(|c| c.id == id)
}

impl Challenge {
    /// The title in `lang`.
    pub fn title(&self, lang: Lang) -> &str {
        self.title.get(lang)
    }

    /// The goal in `lang`.
    pub fn goal(&self, lang: Lang) -> &str {
        self.goal.get(lang)
    }

    /// The challenge's cluster and its own steps, without the attempt.
    pub fn base(&self) -> Result<scenario::Scenario, CheckError> {
        scenario::parse(self.scenario).map_err(|errs| {
            CheckError::Broken(
                errs.iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            )
        })
    }

    /// Runs an attempt and judges the run.
    pub fn check(&self, attempt: &str) -> Result<Verdict, CheckError> {
        let sim = match self.attempt {
            Attempt::Manifests => self.run_manifests(attempt)?,
            Attempt::Kubectl => self.run_kubectl(attempt)?,
        };
        let judgement = self.judge_run(&sim);
        Ok(Verdict { judgement, sim })
    }

    /// Judges a run of this challenge (the app's run, with the learner's changes in it).
    pub fn judge_run(&self, sim: &Sim) -> Judgement {
        (self.judge)(&Run::new(sim, self.at))
    }

    fn run_manifests(&self, text: &str) -> Result<Sim, CheckError> {
        let manifests = parse_to_apply(text).map_err(CheckError::Invalid)?;
        let mut s = self.base()?;
        s.steps.push(Step {
            at: self.at,
            when: None,
            action: Action::Apply(manifests),
            loc: Loc::default(),
        });
        let mut sim = Sim::new(s);
        sim.run();
        Ok(sim)
    }

    fn run_kubectl(&self, text: &str) -> Result<Sim, CheckError> {
        let mut sim = Sim::new(self.base()?);
        sim.run();
        let commands = text
            .lines()
            .enumerate()
            .map(|(i, l)| (i + 1, l.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'));
        for (line, command) in commands {
            let world = sim.seek(self.at);
            let out = crate::kubectl::run(
                command,
                &crate::kubectl::Context {
                    world: &world,
                    stdin: "",
                },
            );
            if !out.stderr.is_empty() && out.changes.is_empty() {
                return Err(CheckError::Kubectl {
                    line,
                    stderr: out.stderr,
                });
            }
            for change in out.changes {
                sim = sim.fork(self.at, change.action);
                sim.run();
            }
        }
        Ok(sim)
    }
}

/// `m:ss` of a moment, as the verdicts write it.
pub fn clock(t: SimTime) -> String {
    let s = t.0 / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}
