//! The app's model, without a browser: one `AppState` (the finished run behind `Rc`, the
//! playhead, speed, language, the editor's text, the open lesson, a comparison) and the
//! `AppAction`s that change it through [`AppState::update`], as Yew's `Reducible` wants. The UI
//! (`ui/state.rs`) only wraps it; `cargo test` covers it natively.
//!
//! A run too long for one action is computed a slice at a time ([`Computing`],
//! [`AppAction::Compute`]): the UI asks for slices between frames, shows how far it is, and
//! the learner can watch and play the moments already computed.

use crate::api::manifest::{parse_manifests, parse_to_apply, ManifestError};
use crate::builtin::{self, BUILTINS};
use crate::engine::Sim;
use crate::frame::{event_times, interesting_times, Described, Frame, Player};
use crate::i18n::Lang;
use crate::model::Kind;
use crate::scenario;
use crate::scenario::Action;
use crate::share::{self, Fork, Moment, ShareError};
use crate::sim::SimTime;
use std::cell::RefCell;
use std::rc::Rc;

mod assets;
pub mod budget;
mod challenge;
mod lesson;

pub use assets::{for_console, Asset, Waiting};
use budget::Budget;
pub use challenge::{ChallengeView, Checked};
pub use lesson::LessonView;

/// Playback speeds offered (virtual seconds per wall second).
pub const SPEEDS: [f64; 9] = [0.25, 0.5, 1.0, 2.0, 4.0, 8.0, 16.0, 32.0, 64.0];
/// The longest wall-clock step one tick may take (a hidden tab must not leap ahead).
pub const MAX_TICK_MS: f64 = 100.0;
/// How many activity lines the page shows.
pub const ACTIVITY_LINES: usize = 12;
/// Engine events an action computes itself before it leaves the rest of a run to
/// [`AppAction::Compute`] slices (every classroom scenario needs fewer, so it shows at once).
pub const FIRST_SLICE: usize = 300;
/// Wall-clock milliseconds an action may spend on those first events (in the page; see
/// [`budget`]): a costly run shows its first moments at once and computes the rest in slices.
/// Every classroom scenario fits (at 8 ms `daemonset-rolling` flashed the progress bar).
pub const FIRST_SLICE_MS: f64 = 20.0;
/// Wall-clock milliseconds one [`AppAction::Compute`] may spend (the rest of a 50 ms task is
/// left to drawing the frame).
pub const SLICE_MS: f64 = 12.0;

/// Computes what an action computes itself of a new run (see [`FIRST_SLICE`]); returns
/// whether the run is finished.
fn first_slice(sim: &mut Sim) -> bool {
    first_slice_within(sim, FIRST_SLICE_MS)
}

/// [`first_slice`] within `ms`.
fn first_slice_within(sim: &mut Sim, ms: f64) -> bool {
    budget::run_within(Budget::ms(ms), FIRST_SLICE, |n| sim.advance(n))
}

/// Everything the page shows.
#[derive(Clone, Debug)]
pub struct AppState {
    /// UI language.
    pub lang: Lang,
    /// The loaded built-in scenario.
    pub scenario_id: &'static str,
    /// The finished run (never cloned; shared).
    pub sim: Option<Rc<Sim>>,
    /// Why the scenario could not be loaded.
    pub error: Option<String>,
    /// Times at which something happened.
    pub times: Rc<Vec<SimTime>>,
    /// Times worth jumping to.
    pub interesting: Rc<Vec<SimTime>>,
    /// The playhead.
    pub cursor: SimTime,
    /// Whether time is moving.
    pub playing: bool,
    /// Index into [`SPEEDS`].
    pub speed: usize,
    /// The frame at the playhead.
    pub frame: Option<Rc<Frame>>,
    /// In a crowded run, the playhead moved and its frame is still to be built and drawn, in
    /// tasks of their own (see [`AppState::due_frame`]); `frame` is the last one shown.
    pub frame_due: Option<SimTime>,
    /// Builds frames as the playhead moves (shared by the states of one run).
    player: Rc<RefCell<Player>>,
    /// The editor's text (the scenario's manifests, as the learner edits them).
    pub text: String,
    /// Problems the API server would report for `text`.
    pub diagnostics: Rc<Vec<ManifestError>>,
    /// What the last Apply did (shown while the playhead stays at its moment).
    pub applied: Option<Rc<Applied>>,
    /// Why the last Import or Compare could not be done.
    pub problem: Option<String>,
    /// The pod or node being inspected.
    pub selected: Option<(Kind, String)>,
    /// The keyboard help overlay is open.
    pub help: bool,
    /// Presenter mode: large type, high contrast, no editor.
    pub presenter: bool,
    /// The object (`kind/name`) of the event the learner clicked, highlighted in the cluster.
    pub highlight: Option<String>,
    /// The learner's changes to the run since the scenario loaded (what a share link carries).
    pub forks: Rc<Vec<Fork>>,
    /// Why the share link in the page address could not be opened.
    pub notice: Option<ShareError>,
    /// The open lesson.
    pub lesson: Option<LessonView>,
    /// Where playing stops by itself (the end of a lesson step's answer).
    pub stop_at: Option<SimTime>,
    /// A second run shown beside this one on the same clock.
    pub compare: Option<CompareRun>,
    /// An imported scenario file (then `scenario_id` is [`share::CUSTOM`]).
    pub custom: Option<Rc<String>>,
    /// A run still being computed: this state's own (then `sim` is `None` and the frame shows
    /// the live run) or a comparison's.
    pub computing: Option<Computing>,
    /// The open challenge.
    pub challenge: Option<ChallengeView>,
    /// An action waiting for a file the page fetches on demand ([`Asset`]).
    pub waiting: Option<Waiting>,
}

/// A run being computed a slice at a time.
#[derive(Clone, Debug)]
pub struct Computing {
    /// The run; taken out when it is finished.
    live: Rc<RefCell<Option<Sim>>>,
    /// What the finished run becomes.
    then: Then,
    /// Every moment up to this one is computed.
    pub computed: SimTime,
    /// The run's end.
    pub until: SimTime,
    /// Whether the part computed so far is crowded (once it is, the rest is too).
    crowded: Rc<std::cell::Cell<bool>>,
}

impl Computing {
    fn new(sim: Sim, then: Then) -> Computing {
        Computing {
            computed: sim.computed(),
            until: sim.scenario().until,
            live: Rc::new(RefCell::new(Some(sim))),
            then,
            crowded: Rc::default(),
        }
    }

    /// Whether the part computed so far had [`crate::frame::CROWDED_PODS`] pods at once.
    fn crowded(&self) -> bool {
        if !self.crowded.get() {
            let live = self.live.borrow();
            let now = live.as_ref().is_some_and(|sim| {
                let timeline = sim.timeline();
                timeline.lanes.len() >= crate::frame::CROWDED_PODS
                    && crate::frame::peak_pods(timeline) >= crate::frame::CROWDED_PODS
            });
            self.crowded.set(now);
        }
        self.crowded.get()
    }

    /// How much of the run is computed, in whole percent of its simulated time.
    pub fn percent(&self) -> u32 {
        if self.until.0 == 0 {
            return 100;
        }
        ((u128::from(self.computed.0) * 100 / u128::from(self.until.0)).min(100)) as u32
    }

    /// Whether it is a comparison's second run (the state's own run is shown meanwhile).
    pub fn for_compare(&self) -> bool {
        matches!(self.then, Then::Compare(..))
    }
}

/// What a computed run becomes.
#[derive(Clone, Debug)]
enum Then {
    /// The state's run.
    Show,
    /// A comparison's second run.
    Compare(CompareWith, crate::scenario::Localized),
}

/// What an Apply did, in kubectl's words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    /// When.
    pub at: SimTime,
    /// kubectl's line for each object it created, changed or left unchanged.
    pub done: Vec<String>,
    /// kubectl's words for each refusal (and for a change beyond the run's budget).
    pub refused: Vec<String>,
    /// The objects refused because the change touched a field that cannot change.
    pub immutable: Vec<(Kind, String)>,
}

/// What the second run of a comparison is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CompareWith {
    /// This scenario with the editor's YAML as its manifests, from t = 0.
    Editor,
    /// A built-in scenario.
    Builtin(String),
}

/// The second run of a comparison and its frame at the shared playhead.
#[derive(Clone, Debug)]
pub struct CompareRun {
    /// What it is.
    pub with: CompareWith,
    /// Its scenario's title (with the editor's YAML when `with` is `Editor`).
    pub title: crate::scenario::Localized,
    /// The run.
    pub sim: Rc<Sim>,
    player: Rc<RefCell<Player>>,
    /// Its frame at the playhead (clamped to its end).
    pub frame: Option<Rc<Frame>>,
}

/// The problems the API server (or the YAML parser, or kubectl for an empty text) finds in a
/// manifests text, each located.
pub fn diagnose(text: &str) -> Vec<ManifestError> {
    parse_to_apply(text).err().unwrap_or_default()
}

/// Containers in a manifests text whose program podlab does not interpret, each located.
pub fn program_warnings(
    text: &str,
) -> Vec<(crate::yaml::Loc, crate::validation::program::ProgramWarning)> {
    parse_to_apply(text)
        .map(|ms| ms.into_iter().flat_map(|m| m.warnings).collect())
        .unwrap_or_default()
}

/// What can happen to the state.
#[derive(Clone, Debug, PartialEq)]
pub enum AppAction {
    /// Start or stop time.
    TogglePlay,
    /// Wall-clock milliseconds passed while playing (one animation frame).
    Tick(f64),
    /// To the next moment something happened.
    StepForward,
    /// To the previous moment something happened.
    StepBack,
    /// To the next moment worth seeing (a decision, a warning, a pod coming or going).
    NextInteresting,
    /// Back to t = 0.
    Restart,
    /// Pick a speed.
    SetSpeed(usize),
    /// Load a built-in scenario.
    Load(String),
    /// Switch language.
    SetLang(Lang),
    /// Move the playhead.
    Seek(SimTime),
    /// The editor's text changed.
    Edit(String),
    /// Apply the editor's text at the playhead.
    Apply,
    /// Inspect a pod or node (or nothing).
    Select(Option<(Kind, String)>),
    /// Do something to the cluster at the playhead (a failure, a node change).
    Inject(Action),
    /// Open or close the keyboard help.
    ToggleHelp,
    /// Switch presenter mode.
    TogglePresenter,
    /// Jump to an event and highlight its object.
    JumpToEvent(SimTime, String),
    /// Make a kubectl command's changes at the playhead, in order.
    Console(Vec<crate::kubectl::Change>),
    /// Open a lesson at its first step.
    OpenLesson(String),
    /// Go to a step of the open lesson.
    LessonStep(usize),
    /// Compute up to this many more engine events of the run being computed (in the page, no
    /// longer than [`SLICE_MS`]).
    Compute(usize),
    /// Open a challenge (with an attempt in the editor, from a share link).
    OpenChallenge(String),
    /// Show the open challenge's next hint.
    ChallengeHint,
    /// Check the attempt.
    CheckChallenge,
    /// Close the challenge.
    CloseChallenge,
    /// Answer the current step's prediction.
    Answer(usize),
    /// Back to the current lesson step's moment, dropping the learner's changes.
    ResumeLesson,
    /// Close the lesson.
    CloseLesson,
    /// Show a second run beside this one (or stop comparing).
    Compare(Option<CompareWith>),
    /// A file was imported: a scenario file loads as the run, bare manifests go to the editor.
    Import(String),
    /// A shortcut key, pressed anywhere but in a text field.
    Key(Key),
    /// Delete the objects Apply cannot change (a field that cannot change), then apply.
    DeleteAndApply,
    /// Run this scenario again from t = 0 with the editor's text as its manifests.
    RunFromStart,
    /// Opens a share link's moment (`#share=…`), once the files it needs are in.
    OpenLink(String),
    /// The frame [`AppState::due_frame`] built for this moment: shown if it is the newest
    /// built for the run on screen.
    ShowFrame(SimTime, Rc<Frame>),
    /// The file the waiting action needs is installed: run it.
    AssetArrived,
    /// Fetching the file failed (the reason, as the browser gave it).
    AssetFailed(String),
    /// Fetch the file again after a failure.
    RetryAsset,
}

/// The page's shortcut keys (what `?` lists).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    /// Space: play or pause.
    Space,
    /// → or a clicker's PageDown: the next event, or in a lesson the next step.
    Forward,
    /// ← or a clicker's PageUp: the previous event, or in a lesson the previous step.
    Back,
    /// 1–4: in a lesson, answer the question (0-based here).
    Digit(usize),
    /// Home: back to t = 0.
    Home,
    /// N: the next interesting moment.
    Next,
    /// P: presenter mode.
    Presenter,
    /// ?: the shortcuts.
    Help,
    /// Escape: close what is open (the help, the inspector).
    Escape,
}

impl Key {
    /// The shortcut a key (`KeyboardEvent.key`) stands for.
    pub fn of(key: &str) -> Option<Key> {
        Some(match key {
            " " => Key::Space,
            "ArrowRight" | "PageDown" => Key::Forward,
            "ArrowLeft" | "PageUp" => Key::Back,
            "1" | "2" | "3" | "4" => Key::Digit(key.parse::<usize>().ok()? - 1),
            "Home" => Key::Home,
            "n" | "N" => Key::Next,
            "p" | "P" => Key::Presenter,
            "?" => Key::Help,
            "Escape" => Key::Escape,
            _ => return None,
        })
    }
}

impl AppState {
    /// The state with a built-in scenario loaded and its run finished.
    pub fn new(lang: Lang, id: &str) -> AppState {
        AppState::loading(lang, id).finish_computing()
    }

    /// The state with a built-in scenario loaded; a long run is still [`Computing`].
    pub fn loading(lang: Lang, id: &str) -> AppState {
        let mut state = AppState::empty(lang, id);
        let b = builtin::find(state.scenario_id).unwrap_or(&BUILTINS[0]);
        match scenario::parse(b.text) {
            Ok(s) => {
                state.text = s.manifests_text.clone();
                state = state.show(Sim::new(s));
            }
            Err(errs) => {
                state.error = Some(
                    errs.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n"),
                )
            }
        }
        state.seek(SimTime::ZERO)
    }

    /// A state for a built-in scenario, with no run yet.
    fn empty(lang: Lang, id: &str) -> AppState {
        let b = builtin::find(id).unwrap_or(&BUILTINS[0]);
        AppState {
            lang,
            scenario_id: b.id,
            sim: None,
            error: None,
            times: Rc::new(Vec::new()),
            interesting: Rc::new(Vec::new()),
            cursor: SimTime::ZERO,
            playing: false,
            speed: 3,
            frame: None,
            frame_due: None,
            player: Rc::default(),
            text: String::new(),
            diagnostics: Rc::new(Vec::new()),
            applied: None,
            problem: None,
            selected: None,
            help: false,
            presenter: false,
            highlight: None,
            forks: Rc::new(Vec::new()),
            notice: None,
            lesson: None,
            stop_at: None,
            compare: None,
            custom: None,
            computing: None,
            challenge: None,
            waiting: None,
        }
    }

    /// The state with an imported scenario file loaded (its manifests in the editor).
    pub fn from_file(lang: Lang, text: &str) -> Result<AppState, String> {
        let parsed = scenario::parse(text).map_err(|errs| {
            errs.iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        })?;
        let mut state = AppState::empty(lang, BUILTINS[0].id);
        state.scenario_id = share::CUSTOM;
        state.custom = Some(Rc::new(text.to_string()));
        state.text = parsed.manifests_text.clone();
        Ok(state.show(Sim::new(parsed)).seek(SimTime::ZERO))
    }

    /// The scenario file shown: the imported one or the built-in one.
    pub fn scenario_text(&self) -> &str {
        match &self.custom {
            Some(t) => t.as_str(),
            None => builtin::find(self.scenario_id).unwrap_or(&BUILTINS[0]).text,
        }
    }

    /// The run as a scenario file: this scenario with the learner's changes as steps.
    pub fn export_file(&self) -> String {
        let manifests = self
            .sim
            .as_ref()
            .map(|s| s.scenario().manifests_text.clone())
            .unwrap_or_default();
        crate::export::scenario_file(self.scenario_text(), &manifests, &self.forks)
    }

    /// This state showing a finished run (a new player; the playhead is not moved).
    fn with_run(self, sim: Sim) -> AppState {
        self.with_shared_run(Rc::new(sim))
    }

    /// This state showing a run shared with others (a lesson step's).
    fn with_shared_run(self, sim: Rc<Sim>) -> AppState {
        AppState {
            times: Rc::new(event_times(&sim)),
            interesting: Rc::new(interesting_times(&sim)),
            sim: Some(sim),
            player: Rc::default(),
            frame_due: None,
            computing: None,
            ..self
        }
    }

    /// This state showing a run that may not be computed yet: the first [`FIRST_SLICE`]
    /// events now, the rest in [`AppAction::Compute`] slices (the playhead is not moved).
    fn show(self, sim: Sim) -> AppState {
        self.show_within(sim, FIRST_SLICE_MS)
    }

    /// [`AppState::show`] with a first slice of `ms`.
    fn show_within(self, mut sim: Sim, ms: f64) -> AppState {
        if first_slice_within(&mut sim, ms) {
            return self.with_run(sim);
        }
        AppState {
            sim: None,
            times: Rc::new(Vec::new()),
            interesting: Rc::new(Vec::new()),
            player: Rc::default(),
            frame_due: None,
            computing: Some(Computing::new(sim, Then::Show)),
            ..self
        }
    }

    /// Computes up to `events` more of the run being computed, within `budget`; a finished run
    /// takes its place.
    fn compute(self, events: usize, budget: Budget) -> AppState {
        let Some(c) = self.computing.clone() else {
            return self;
        };
        let (done, computed) = {
            let mut live = c.live.borrow_mut();
            let Some(sim) = live.as_mut() else {
                return AppState {
                    computing: None,
                    ..self
                };
            };
            let done = budget::run_within(budget, events, |n| sim.advance(n));
            (done, sim.computed())
        };
        if done {
            return self.finished_run(c);
        }
        let at = self.cursor;
        let state = AppState {
            computing: Some(Computing { computed, ..c }),
            ..self
        };
        // Playing waits at the last computed moment and goes on as more is computed.
        if state.sim.is_none() && state.playing {
            state.seek(at)
        } else {
            state
        }
    }

    /// The state with the run being computed (if any) finished, at once.
    pub fn finish_computing(self) -> AppState {
        match self.computing.clone() {
            Some(_) => self.compute(usize::MAX, Budget::unbounded()),
            None => self,
        }
    }

    /// The state once the computed run `c` is finished.
    fn finished_run(self, c: Computing) -> AppState {
        let Some(sim) = c.live.borrow_mut().take() else {
            return AppState {
                computing: None,
                ..self
            };
        };
        let at = self.cursor;
        match c.then {
            Then::Show => self.with_run(sim).seek(at),
            Then::Compare(with, title) => AppState {
                compare: Some(CompareRun {
                    with,
                    title,
                    sim: Rc::new(sim),
                    player: Rc::default(),
                    frame: None,
                }),
                computing: None,
                ..self
            }
            .seek(at),
        }
    }

    /// The state a share link describes: its scenario, replayed with its changes, at its
    /// moment (the scenario runs once, in the replay).
    pub fn from_link(fragment: &str) -> Result<AppState, ShareError> {
        let m = share::decode(fragment)?;
        if let Some(ch) = &m.challenge {
            let lang = Lang::from_code(&m.lang);
            let state =
                AppState::empty(lang, BUILTINS[0].id).open_challenge(&ch.id, ch.attempt.clone());
            if state.challenge.is_none() {
                return Err(ShareError::Field("challenge".into()));
            }
            let Some(base) = state.sim.clone() else {
                return Ok(state);
            };
            return Ok(match share::replay_on(&base, &m.forks)? {
                None => state.seek(SimTime(m.at)),
                Some(sim) => AppState {
                    forks: Rc::new(m.forks),
                    ..state
                }
                .with_run(sim)
                .seek(SimTime(m.at)),
            });
        }
        if let Some(at) = &m.lesson {
            return AppState::empty(Lang::from_code(&m.lang), &m.scenario).at_lesson_link(
                at,
                m.forks.clone(),
                SimTime(m.at),
            );
        }
        let (sim, at) = share::replay(&m)?;
        let mut state = AppState::empty(Lang::from_code(&m.lang), &m.scenario);
        if let (share::CUSTOM, Some(text)) = (m.scenario.as_str(), &m.text) {
            state.scenario_id = share::CUSTOM;
            state.custom = Some(Rc::new(text.clone()));
        }
        let applied = m.forks.iter().rev().find_map(|f| match f {
            Fork::Apply { yaml, .. } => Some(yaml.clone()),
            _ => None,
        });
        match applied {
            Some(yaml) => {
                state.diagnostics = Rc::new(diagnose(&yaml));
                state.text = yaml;
            }
            None => state.text = sim.scenario().manifests_text.clone(),
        }
        state.forks = Rc::new(m.forks);
        Ok(state.with_run(sim).seek(at))
    }

    /// The share link (`#share=…`) of this moment.
    pub fn share_link(&self) -> String {
        let mut m = Moment::new(
            self.scenario_id,
            self.forks.as_ref().clone(),
            self.cursor,
            self.lang.code(),
        );
        m.lesson = self.lesson_at();
        m.challenge = self.challenge_at();
        m.text = self.custom.as_ref().map(|t| t.to_string());
        share::encode(&m)
    }

    /// What `kubectl describe` shows of the selected object at the playhead.
    pub fn describe_selected(&self) -> Option<Described> {
        let (kind, name) = self.selected.as_ref()?;
        self.player.borrow().describe(*kind, name)
    }

    /// Runs a kubectl command line against the cluster at the playhead (`-f -` reads the
    /// editor's text).
    pub fn kubectl(&self, line: &str) -> crate::kubectl::Outcome {
        let player = self.player.borrow();
        match player.world() {
            Some(world) => crate::kubectl::run(
                line,
                &crate::kubectl::Context {
                    world,
                    stdin: &self.text,
                },
            ),
            None => crate::kubectl::Outcome::default(),
        }
    }

    /// The rows a `kubectl get -w` prints for the playhead's moment.
    pub fn poll_watch(&self, watch: &mut crate::kubectl::Watch) -> String {
        self.player
            .borrow()
            .world()
            .map(|w| watch.poll(w))
            .unwrap_or_default()
    }

    /// Completions for the console's line.
    pub fn complete(&self, line: &str) -> Vec<String> {
        self.player
            .borrow()
            .world()
            .map(|w| crate::kubectl::complete(line, w))
            .unwrap_or_default()
    }

    /// A node as it is at the playhead.
    pub fn node_at_playhead(&self, name: &str) -> Option<crate::model::Node> {
        self.player.borrow().node(name)
    }

    /// The Jobs a CronJob's history limits will delete next, at the playhead.
    pub fn cleaned_next(&self, cronjob: &str) -> Vec<String> {
        self.player.borrow().cleaned_next(cronjob)
    }

    /// The end of the run.
    pub fn end(&self) -> SimTime {
        match (&self.sim, &self.computing) {
            (Some(s), _) => s.scenario().until,
            (None, Some(c)) => c.until,
            (None, None) => SimTime::ZERO,
        }
    }

    /// Where the playhead can go: the end, or while the run is computed, the computed part.
    fn reachable(&self) -> SimTime {
        match (&self.sim, &self.computing) {
            (None, Some(c)) => c.computed,
            _ => self.end(),
        }
    }

    fn seek(mut self, t: SimTime) -> AppState {
        let t = t.min(self.reachable());
        self.cursor = t;
        if self.frame.is_some() && self.crowded() {
            // Built and drawn later, each in its own task (until then the frame on screen
            // stays, even another run's: the run this one forked from, or the last one).
            self.frame_due = Some(t);
        } else if let Some(frame) = self.frame_for(t) {
            self.frame = Some(frame);
            self.frame_due = None;
        }
        if let Some(c) = &mut self.compare {
            let end = c.sim.scenario().until;
            c.frame = Some(
                c.player
                    .borrow_mut()
                    .frame_at(&c.sim, t.min(end), ACTIVITY_LINES),
            );
        }
        if t >= self.end() {
            self.playing = false;
        }
        self
    }

    /// Builds the frame a seek left due (see [`AppState::frame_due`]): the action that shows
    /// it, to dispatch in a later task.
    pub fn due_frame(&self) -> Option<AppAction> {
        let t = self.frame_due?;
        Some(AppAction::ShowFrame(t, self.frame_for(t)?))
    }

    /// The frame at `t` of the run shown, finished or being computed.
    fn frame_for(&self, t: SimTime) -> Option<Rc<Frame>> {
        let mut player = self.player.borrow_mut();
        if let Some(sim) = &self.sim {
            return Some(player.frame_at(sim, t, ACTIVITY_LINES));
        }
        let live = self.computing.as_ref()?.live.borrow();
        let sim = live.as_ref()?;
        // A moment whose events are all computed is replayed from its checkpoint; the first
        // moment, still being computed, is shown as far as it is (replaying it would compute
        // it all again in this task).
        Some(if sim.world().now > t {
            player.frame_at(sim, t, ACTIVITY_LINES)
        } else {
            player.live_frame(sim, ACTIVITY_LINES)
        })
    }

    /// Whether the run shown, finished or being computed (as far as it is), is crowded
    /// ([`crate::frame::CROWDED_PODS`] pods at once): its frames are built in tasks of their
    /// own.
    fn crowded(&self) -> bool {
        if let Some(sim) = &self.sim {
            return self.player.borrow_mut().crowded(sim);
        }
        self.computing.as_ref().is_some_and(Computing::crowded)
    }

    /// This state with `text` in the editor, checked.
    fn with_text(self, text: String) -> AppState {
        AppState {
            diagnostics: Rc::new(diagnose(&text)),
            text,
            applied: None,
            ..self
        }
    }

    /// The run a comparison shows beside this one, to be computed.
    fn compare_run(&self, with: &CompareWith) -> Result<Computing, String> {
        let (scenario, title) = match with {
            CompareWith::Editor => {
                let mut s = scenario::parse(self.scenario_text()).map_err(|e| format!("{e:?}"))?;
                s.manifests = parse_manifests(&self.text).map_err(|errs| {
                    errs.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join("\n")
                })?;
                s.manifests_text = self.text.clone();
                let title = s.title.clone();
                (s, title)
            }
            CompareWith::Builtin(id) => {
                let b = builtin::find(id).ok_or("no scenario")?;
                let s = scenario::parse(b.text).map_err(|e| format!("{e:?}"))?;
                let title = s.title.clone();
                (s, title)
            }
        };
        let mut sim = Sim::new(scenario);
        first_slice(&mut sim);
        Ok(Computing::new(sim, Then::Compare(with.clone(), title)))
    }
}

impl AppState {
    /// Runs `action` at the playhead on a fork of the run: the past stays, the future is new.
    fn fork(self, action: Action) -> AppState {
        let yaml = self.text.clone();
        self.fork_with(action, &yaml)
    }

    /// Like [`AppState::fork`], with the YAML an Apply records (a console command's own text).
    fn fork_with(self, action: Action, yaml: &str) -> AppState {
        // A change needs the run it changes: one still computing is finished first.
        let state = if self.sim.is_none() {
            self.finish_computing()
        } else {
            self
        };
        let Some(sim) = state.sim.clone() else {
            return state;
        };
        let at = state.cursor;
        let mut forks = state.forks.as_ref().clone();
        forks.extend(Fork::of(at, &action, yaml));
        // A crowded run's fork computes a shorter first slice: the fork itself and drawing
        // the page share this task (its frame is built and drawn in the next ones).
        let first = if state.crowded() {
            SLICE_MS
        } else {
            FIRST_SLICE_MS
        };
        let fork = sim.fork(at, action);
        AppState {
            applied: None,
            forks: Rc::new(forks),
            ..state
        }
        .show_within(fork, first)
        .seek(at)
    }

    /// What `kubectl apply -f -` of the editor's text would do at the playhead.
    pub fn apply_preview(&self) -> Option<crate::kubectl::ApplyPreview> {
        let player = self.player.borrow();
        Some(crate::kubectl::apply_preview(
            &self.text,
            player.world()?,
            None,
        ))
    }

    /// Applies the editor's text at the playhead and says what happened, as kubectl would.
    fn apply(self) -> AppState {
        // Apply changes the run at the playhead: a run still computing is finished first.
        if self.sim.is_none() {
            self.finish_computing().apply_now()
        } else {
            self.apply_now()
        }
    }

    fn apply_now(self) -> AppState {
        let Ok(manifests) = parse_to_apply(&self.text) else {
            return self;
        };
        let Some(preview) = self.apply_preview() else {
            return self;
        };
        let at = self.cursor;
        let applied = self.fork(Action::Apply(manifests));
        let mut refused: Vec<String> = preview.refused.iter().map(|(k, _)| k.clone()).collect();
        // A change beyond the run's budget is refused as a whole: it was not applied.
        let too_large = applied
            .sim
            .as_ref()
            .and_then(|s| s.error())
            .filter(|e| matches!(e, crate::engine::EngineError::TooLarge(_)));
        if let Some(e) = too_large {
            refused.push(e.to_string());
        }
        let done = if too_large.is_some() {
            Vec::new()
        } else {
            preview.done
        };
        AppState {
            applied: Some(Rc::new(Applied {
                at,
                done,
                refused,
                immutable: preview
                    .refused
                    .iter()
                    .filter(|(_, r)| r.immutable)
                    .map(|(_, r)| (r.kind, r.name.clone()))
                    .collect(),
            })),
            ..applied
        }
    }

    /// Deletes what Apply cannot change (as `kubectl delete` does), then applies.
    fn delete_and_apply(self) -> AppState {
        let mut s = if self.sim.is_none() {
            self.finish_computing()
        } else {
            self
        };
        let Some(preview) = s.apply_preview() else {
            return s;
        };
        for (kind, name) in preview
            .refused
            .iter()
            .filter(|(_, r)| r.immutable)
            .map(|(_, r)| (r.kind, &r.name))
        {
            let (namespace, name) = crate::api::parse_display_name(kind, name);
            s = s.fork(Action::Delete {
                kind,
                namespace,
                name,
            });
        }
        s.apply()
    }

    /// This scenario from t = 0 with the editor's text as its manifests (an imported file).
    fn run_from_start(self) -> AppState {
        let file = crate::export::scenario_file(self.scenario_text(), &self.text, &[]);
        match AppState::from_file(self.lang, &file) {
            Ok(s) => AppState {
                presenter: self.presenter,
                ..s
            },
            Err(e) => AppState {
                problem: Some(e),
                ..self
            },
        }
    }
}

impl AppState {
    /// What a shortcut key does now: with a lesson open, the arrows and a presenter's clicker
    /// move through its steps and the digits answer its question.
    fn key_action(&self, key: Key) -> Option<AppAction> {
        let lesson = self.lesson.as_ref().map(|v| (v.step, v.len(), v.revealed));
        Some(match (key, lesson) {
            (Key::Forward, Some((k, n, _))) => {
                (k + 1 < n).then_some(AppAction::LessonStep(k + 1))?
            }
            (Key::Back, Some((k, _, _))) => (k > 0).then(|| AppAction::LessonStep(k - 1))?,
            (Key::Digit(i), Some((_, _, false))) => AppAction::Answer(i),
            (Key::Digit(_), _) => return None,
            (Key::Space, _) => AppAction::TogglePlay,
            (Key::Forward, None) => AppAction::StepForward,
            (Key::Back, None) => AppAction::StepBack,
            (Key::Help, _) => AppAction::ToggleHelp,
            (Key::Escape, _) if self.help => AppAction::ToggleHelp,
            (Key::Escape, _) => AppAction::Select(None),
            (Key::Presenter, _) => AppAction::TogglePresenter,
            (Key::Home, _) => AppAction::Restart,
            (Key::Next, _) => AppAction::NextInteresting,
        })
    }

    /// The state after `action`: a new state, or this one (the same `Rc`) when nothing changed,
    /// so that nothing is redrawn.
    pub fn update(self: Rc<Self>, action: AppAction) -> Rc<Self> {
        if let Some(asset) = self.asset_for(&action) {
            return Rc::new((*self).clone().wait_for(asset, action));
        }
        let mut state = (*self).clone();
        if self.waiting.is_some() && replaces_waiting(&action) {
            // The learner moved on: what waited is not wanted any more.
            state.waiting = None;
        }
        let next = match action {
            AppAction::TogglePlay => {
                if self.sim.is_none() && self.computing.is_none() {
                    return self;
                }
                let mut s = if self.cursor >= self.end() {
                    state.seek(SimTime::ZERO)
                } else {
                    state
                };
                s.playing = !self.playing || self.cursor >= self.end();
                s
            }
            AppAction::Tick(ms) => {
                if !self.playing {
                    return self;
                }
                let advance = (ms.clamp(0.0, MAX_TICK_MS) * SPEEDS[self.speed]).round() as u64;
                match self.stop_at {
                    Some(stop) if self.cursor.plus_ms(advance) >= stop => {
                        let mut s = state.seek(stop);
                        s.playing = false;
                        s.stop_at = None;
                        s
                    }
                    _ => state.seek(self.cursor.plus_ms(advance)),
                }
            }
            AppAction::StepForward => {
                let Some(t) = self.times.iter().find(|t| **t > self.cursor).copied() else {
                    return self;
                };
                let mut s = state.seek(t);
                s.playing = false;
                s
            }
            AppAction::NextInteresting => {
                let Some(t) = self.interesting.iter().find(|t| **t > self.cursor).copied() else {
                    return self;
                };
                let mut s = state.seek(t);
                s.playing = false;
                s
            }
            AppAction::StepBack => {
                let t = self
                    .times
                    .iter()
                    .rev()
                    .find(|t| **t < self.cursor)
                    .copied()
                    .unwrap_or(SimTime::ZERO);
                if t == self.cursor {
                    return self;
                }
                let mut s = state.seek(t);
                s.playing = false;
                s
            }
            AppAction::Restart => {
                let mut s = state.seek(SimTime::ZERO);
                s.playing = false;
                s
            }
            AppAction::SetSpeed(i) if i < SPEEDS.len() => AppState { speed: i, ..state },
            AppAction::SetSpeed(_) => return self,
            AppAction::Load(id) => AppState {
                presenter: self.presenter,
                lesson: self.lesson.clone(),
                ..AppState::loading(self.lang, &id)
            },
            AppAction::Compute(_) if self.computing.is_none() => return self,
            AppAction::Compute(events) => state.compute(events, Budget::ms(SLICE_MS)),
            AppAction::SetLang(lang) if lang != self.lang => AppState { lang, ..state },
            AppAction::SetLang(_) => return self,
            AppAction::Seek(t) => {
                let mut s = state.seek(t);
                s.playing = false;
                s
            }
            AppAction::ShowFrame(t, frame) => {
                let shown = self.frame.as_ref().is_some_and(|f| Rc::ptr_eq(f, &frame));
                if !state.player.borrow().built_last(&frame) || (shown && self.frame_due != Some(t))
                {
                    return self;
                }
                if state.frame_due == Some(t) {
                    state.frame_due = None;
                }
                state.frame = Some(frame);
                state
            }
            AppAction::Edit(text) if text != self.text => state.with_text(text),
            AppAction::Edit(_) => return self,
            AppAction::Apply if !self.diagnostics.is_empty() => return self,
            AppAction::Apply => state.apply(),
            AppAction::DeleteAndApply => state.delete_and_apply(),
            AppAction::RunFromStart => state.run_from_start(),
            AppAction::Select(selected) => AppState { selected, ..state },
            AppAction::Inject(action) => state.fork(action),
            AppAction::ToggleHelp => AppState {
                help: !self.help,
                ..state
            },
            AppAction::TogglePresenter => AppState {
                presenter: !self.presenter,
                ..state
            },
            AppAction::JumpToEvent(t, object) => {
                let mut s = state.seek(t);
                s.playing = false;
                s.highlight = Some(object);
                s
            }
            AppAction::Console(changes) => {
                let mut s = state;
                for c in changes {
                    s = s.fork_with(c.action, &c.yaml);
                }
                s.applied = None;
                s
            }
            AppAction::OpenLesson(id) => AppState {
                challenge: None,
                ..state
            }
            .open_lesson(&id),
            AppAction::OpenChallenge(id) => AppState {
                lesson: None,
                stop_at: None,
                ..state
            }
            .open_challenge(&id, None),
            AppAction::ChallengeHint => state.next_hint(),
            AppAction::CheckChallenge => state.check_challenge(),
            AppAction::CloseChallenge => AppState {
                challenge: None,
                ..state
            },
            AppAction::LessonStep(k) => match self.lesson.clone() {
                Some(view) if k < view.len() => {
                    // Forward asks the step's question; back shows the step as it ended.
                    let reveal = k <= view.step;
                    state.enter_step(view, k, reveal)
                }
                _ => return self,
            },
            AppAction::ResumeLesson => match self.lesson.clone() {
                Some(view) => {
                    let (k, reveal) = (view.step, view.revealed);
                    state.enter_step(view, k, reveal)
                }
                None => return self,
            },
            AppAction::Answer(choice) => state.answer(choice),
            AppAction::Import(text) => {
                if scenario::is_scenario_file(&text) {
                    match AppState::from_file(self.lang, &text) {
                        Ok(s) => AppState {
                            presenter: self.presenter,
                            ..s
                        },
                        Err(e) => AppState {
                            problem: Some(e),
                            ..state
                        },
                    }
                } else {
                    state.with_text(text)
                }
            }
            AppAction::Compare(None) => AppState {
                compare: None,
                computing: self.computing.clone().filter(|c| !c.for_compare()),
                ..state
            },
            AppAction::Compare(Some(with)) => {
                // The comparison starts from this run's finished state.
                let state = state.finish_computing();
                match state.compare_run(&with) {
                    Ok(run) => AppState {
                        compare: None,
                        computing: Some(run),
                        problem: None,
                        ..state
                    }
                    .compute(0, Budget::unbounded()),
                    Err(e) => AppState {
                        problem: Some(e),
                        ..state
                    },
                }
            }
            AppAction::Key(key) => match self.key_action(key) {
                Some(action) => return self.update(action),
                None => return self,
            },
            AppAction::CloseLesson => AppState {
                lesson: None,
                stop_at: None,
                ..state
            },
            AppAction::OpenLink(fragment) => match AppState::from_link(&fragment) {
                Ok(s) => AppState {
                    presenter: self.presenter,
                    ..s
                },
                Err(e) => AppState {
                    notice: Some(e),
                    ..state
                },
            },
            AppAction::AssetArrived => match state.take_waiting() {
                // The text is already in: check it again, now that the file is here.
                Some(AppAction::Edit(text)) => state.with_text(text),
                Some(action) => return Rc::new(state).update(action),
                None => return self,
            },
            AppAction::AssetFailed(why) => match state.with_fetch_failure(Some(why)) {
                Some(s) => s,
                None => return self,
            },
            AppAction::RetryAsset => match state.with_fetch_failure(None) {
                Some(s) => s,
                None => return self,
            },
        };
        Rc::new(next)
    }
}

/// Whether an action changes what the page shows, so that an action still waiting for a file
/// is dropped.
fn replaces_waiting(action: &AppAction) -> bool {
    matches!(
        action,
        AppAction::Load(_)
            | AppAction::Import(_)
            | AppAction::Apply
            | AppAction::DeleteAndApply
            | AppAction::RunFromStart
            | AppAction::OpenLesson(_)
            | AppAction::LessonStep(_)
            | AppAction::ResumeLesson
            | AppAction::OpenChallenge(_)
            | AppAction::CheckChallenge
            | AppAction::Compare(Some(_))
            | AppAction::OpenLink(_)
            | AppAction::Console(_)
    )
}
