//! Files that are not in the page's first download (issue 22's light first load): the lessons
//! (needed when one is opened), the time-zone database (once a text names a CronJob's
//! `timeZone`) and the field descriptions of `kubectl explain` (see [`for_console`]). The
//! page fetches them once it has settled, or at once when one is needed sooner. An action
//! that needs a file the page does not have yet waits ([`Waiting`]) while the UI fetches it
//! (`ui/assets.rs`), then runs as if it had never waited; a failed fetch says so and offers a
//! retry. The editor's text is never held back: an edit is taken at once and checked again
//! when the file arrives.

use super::{AppAction, AppState, CompareWith};
use crate::{builtin, challenge, cron::tzdb, lesson, share};

/// A file fetched on demand.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Asset {
    /// The time-zone database (`static/lazy/tzdb.bin`).
    TimeZones,
    /// The API's field descriptions for `kubectl explain` (`static/lazy/explain.yaml`).
    ExplainFields,
    /// The lessons (`lessons.json`: every file of `src/lesson/content/`, by id).
    Lessons,
}

impl Asset {
    /// The file's name in the site (before the build adds its hash).
    pub fn file(self) -> &'static str {
        match self {
            Asset::TimeZones => "tzdb.bin",
            Asset::ExplainFields => "explain.yaml",
            Asset::Lessons => "lessons.json",
        }
    }

    /// Whether the file is already installed.
    pub fn installed(self) -> bool {
        match self {
            Asset::TimeZones => tzdb::loaded(),
            Asset::ExplainFields => crate::kubectl::explain::loaded(),
            Asset::Lessons => lesson::loaded(),
        }
    }

    /// Takes the fetched bytes in; an error when they are not the file expected.
    pub fn install(self, bytes: &[u8]) -> Result<(), String> {
        match self {
            Asset::TimeZones => tzdb::install(bytes).map_err(|e| e.to_string()),
            Asset::ExplainFields => crate::kubectl::explain::install(bytes),
            Asset::Lessons => lesson::install(bytes),
        }
    }
}

/// An action waiting for a file.
#[derive(Clone, Debug)]
pub struct Waiting {
    /// The file.
    pub asset: Asset,
    /// Why the last fetch failed, if it did (the UI then offers a retry).
    pub failed: Option<String>,
    /// The action to run once the file is in.
    pub(super) then: Box<AppAction>,
}

impl AppState {
    /// The file `action` needs and the page does not have yet (the lessons first: whether a
    /// lesson names a time zone is read in its file).
    pub(super) fn asset_for(&self, action: &AppAction) -> Option<Asset> {
        // A link that does not decode needs nothing: opening it says why.
        let link = match action {
            AppAction::OpenLink(fragment) => share::decode(fragment).ok(),
            _ => None,
        };
        let opens_lesson = matches!(action, AppAction::OpenLesson(_))
            || link.as_ref().is_some_and(|m| m.lesson.is_some());
        if opens_lesson && !lesson::loaded() {
            return Some(Asset::Lessons);
        }
        if tzdb::loaded() {
            return None;
        }
        let wants = tzdb::wanted_by;
        let builtin_text = |id: &str| builtin::find(id).map_or("", |b| b.text);
        let lesson_text = |id: &str| lesson::find(id).and_then(|l| l.text()).unwrap_or("");
        let needed = match action {
            AppAction::Load(id) => wants(builtin_text(id)),
            AppAction::Edit(text) | AppAction::Import(text) => wants(text),
            AppAction::Apply | AppAction::DeleteAndApply | AppAction::CheckChallenge => {
                wants(&self.text)
            }
            AppAction::RunFromStart => wants(&self.text) || wants(self.scenario_text()),
            AppAction::OpenLesson(id) => lesson_mentions(lesson_text(id)),
            AppAction::LessonStep(_) | AppAction::ResumeLesson => self
                .lesson
                .as_ref()
                .is_some_and(|v| lesson_mentions(lesson_text(v.id))),
            AppAction::OpenChallenge(id) => {
                challenge::find(id).is_some_and(|c| wants(c.scenario) || wants(c.starter))
            }
            AppAction::Compare(Some(CompareWith::Editor)) => {
                wants(&self.text) || wants(self.scenario_text())
            }
            AppAction::Compare(Some(CompareWith::Builtin(id))) => wants(builtin_text(id)),
            AppAction::OpenLink(_) => link.as_ref().is_some_and(link_mentions),
            _ => false,
        };
        needed.then_some(Asset::TimeZones)
    }

    /// This state waiting for `asset` before it runs `action`; an edit is taken at once.
    pub(super) fn wait_for(self, asset: Asset, action: AppAction) -> AppState {
        let mut state = match &action {
            AppAction::Edit(text) => self.with_text(text.clone()),
            AppAction::Import(text) if !crate::scenario::is_scenario_file(text) => {
                self.with_text(text.clone())
            }
            _ => self,
        };
        if asset == Asset::TimeZones {
            // Every zone is unknown until the database is in: say nothing about zones yet.
            let mut kept = state.diagnostics.as_ref().clone();
            kept.retain(|d| !d.path.as_deref().is_some_and(|p| p.ends_with("timeZone")));
            state.diagnostics = std::rc::Rc::new(kept);
        }
        AppState {
            waiting: Some(Waiting {
                asset,
                failed: None,
                then: Box::new(action),
            }),
            ..state
        }
    }

    /// This state with the waiting action's fetch failed (`Some(why)`) or asked again
    /// (`None`); `None` when nothing waits.
    pub(super) fn with_fetch_failure(mut self, failed: Option<String>) -> Option<AppState> {
        let w = self.waiting.take()?;
        Some(AppState {
            waiting: Some(Waiting { failed, ..w }),
            ..self
        })
    }

    /// The action that waited, now that its file is in (an edit checks the newest text).
    pub(super) fn take_waiting(&mut self) -> Option<AppAction> {
        let w = self.waiting.take()?;
        Some(match *w.then {
            AppAction::Edit(_) => AppAction::Edit(self.text.clone()),
            AppAction::Import(text) if !crate::scenario::is_scenario_file(&text) => {
                AppAction::Edit(self.text.clone())
            }
            other => other,
        })
    }

    /// The scenario the picker shows: the one the learner picked, even while it waits for a
    /// file.
    pub fn picked(&self) -> &'static str {
        match self.waiting.as_ref().map(|w| w.then.as_ref()) {
            Some(AppAction::Load(id)) => builtin::find(id).map_or(self.scenario_id, |b| b.id),
            _ => self.scenario_id,
        }
    }

    /// The first state for a built-in scenario: its run, or a wait for the file it needs.
    pub fn start(lang: crate::i18n::Lang, id: &str) -> AppState {
        let load = AppAction::Load(id.to_string());
        let empty = AppState::empty(lang, id);
        match empty.asset_for(&load) {
            Some(asset) => empty.wait_for(asset, load),
            None => AppState::loading(lang, id),
        }
    }

    /// The first state for a share link: its moment, or a wait for the file it needs.
    pub fn start_link(
        lang: crate::i18n::Lang,
        fragment: &str,
    ) -> Result<AppState, share::ShareError> {
        let open = AppAction::OpenLink(fragment.to_string());
        let empty = AppState::empty(lang, builtin::BUILTINS[0].id);
        if let Some(asset) = empty.asset_for(&open) {
            return Ok(empty.wait_for(asset, open));
        }
        AppState::from_link(fragment)
    }
}

/// The file a console line needs before it runs: the time-zone database when the line (or
/// the editor's text it applies with `-f`) names a `timeZone`, the field descriptions for
/// `kubectl explain`.
pub fn for_console(line: &str, editor: &str) -> Option<Asset> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let command = words
        .iter()
        .copied()
        .find(|w| !w.starts_with('-') && *w != "kubectl");
    if command == Some("explain") && !Asset::ExplainFields.installed() {
        return Some(Asset::ExplainFields);
    }
    let applies_editor = words
        .iter()
        .any(|w| w.starts_with("-f") || *w == "--filename");
    (tzdb::wanted_by(line) || (applies_editor && tzdb::wanted_by(editor)))
        .then_some(Asset::TimeZones)
}

/// Whether a lesson (its own steps or the scenarios it switches to) names a time zone.
fn lesson_mentions(text: &str) -> bool {
    tzdb::wanted_by(text)
        || builtin::BUILTINS
            .iter()
            .any(|b| text.contains(b.id) && tzdb::wanted_by(b.text))
}

/// Whether a share link's moment names a time zone (in its scenario, its changes, its lesson
/// or its challenge).
fn link_mentions(m: &share::Moment) -> bool {
    let applied = m.forks.iter().any(|f| match f {
        share::Fork::Apply { yaml, .. } => tzdb::wanted_by(yaml),
        _ => false,
    });
    let attempt = m.challenge.as_ref().and_then(|c| c.attempt.as_deref());
    applied
        || m.text.as_deref().is_some_and(tzdb::wanted_by)
        || attempt.is_some_and(tzdb::wanted_by)
        || builtin::find(&m.scenario).is_some_and(|b| tzdb::wanted_by(b.text))
        || m.lesson
            .as_ref()
            .and_then(|l| lesson::find(&l.id))
            .and_then(|l| l.text())
            .is_some_and(lesson_mentions)
        || m.challenge
            .as_ref()
            .and_then(|c| challenge::find(&c.id))
            .is_some_and(|c| tzdb::wanted_by(c.scenario))
}
