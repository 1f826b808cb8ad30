//! The app's model without a browser: every `AppAction` through `AppState::update`, as the
//! page dispatches it (the Yew components only draw what these states hold).

use podlab::app::{AppAction, AppState, CompareWith};
use podlab::i18n::Lang;
use podlab::model::Kind;
use podlab::scenario::{Action, NodeDef};
use podlab::sim::SimTime;
use std::rc::Rc;

fn start(id: &str) -> Rc<AppState> {
    Rc::new(AppState::new(Lang::En, id))
}

fn pods(s: &AppState) -> usize {
    let f = s.frame.as_ref().expect("a frame");
    f.pending.len() + f.nodes.iter().map(|n| n.pods.len()).sum::<usize>()
}

#[test]
fn stepping_forward_then_back_should_show_the_same_frame() {
    let s0 = start("job-parallel");
    let s1 = s0.clone().update(AppAction::StepForward);
    let s2 = s1.clone().update(AppAction::StepForward);
    let back = s2.update(AppAction::StepBack);
    assert_eq!(back.cursor, s1.cursor);
    assert_eq!(back.frame, s1.frame);
    let sought = start("job-parallel").update(AppAction::Seek(SimTime(25_000)));
    assert_eq!(sought.cursor, SimTime(25_000));
    assert_eq!(sought.frame.as_ref().unwrap().time, SimTime(25_000));
}

#[test]
fn a_no_op_should_return_the_same_state_so_nothing_redraws() {
    let s = start("job-parallel");
    assert!(Rc::ptr_eq(&s, &s.clone().update(AppAction::StepBack)));
    assert!(Rc::ptr_eq(&s, &s.clone().update(AppAction::Tick(16.0))));
    assert!(Rc::ptr_eq(
        &s,
        &s.clone().update(AppAction::SetLang(Lang::En))
    ));
    let text = s.text.clone();
    assert!(Rc::ptr_eq(&s, &s.clone().update(AppAction::Edit(text))));
}

#[test]
fn playing_should_move_the_playhead_by_wall_time_times_speed_and_stop_at_the_end() {
    let s = start("job-parallel").update(AppAction::TogglePlay);
    assert!(s.playing);
    let speed = podlab::app::SPEEDS[s.speed];
    let t = s.update(AppAction::Tick(50.0));
    assert_eq!(t.cursor, SimTime((50.0 * speed) as u64));
    // A hidden tab's long gap moves the playhead by at most one tick's worth.
    let t = t.update(AppAction::Tick(10_000.0));
    assert_eq!(
        t.cursor,
        SimTime((50.0 * speed + podlab::app::MAX_TICK_MS * speed) as u64)
    );
    let end = t.end();
    let at_end = t.update(AppAction::Seek(end));
    assert!(!at_end.playing);
    // Play at the end starts again from t = 0.
    let again = at_end.update(AppAction::TogglePlay);
    assert_eq!((again.cursor, again.playing), (SimTime::ZERO, true));
}

#[test]
fn diagnostics_should_point_at_the_offending_line_and_keep_the_last_valid_run() {
    let s = start("job-pi");
    let text = s
        .text
        .replace("restartPolicy: Never", "restartPolicy: Always");
    let line = text
        .lines()
        .position(|l| l.contains("restartPolicy"))
        .unwrap() as u32
        + 1;
    let edited = s.clone().update(AppAction::Edit(text));
    assert_eq!(edited.diagnostics.len(), 1);
    assert_eq!(edited.diagnostics[0].loc.line, line);
    assert!(edited.diagnostics[0].message.ends_with(
        "spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""
    ));
    let same = edited.clone().update(AppAction::Apply);
    assert!(
        Rc::ptr_eq(&same, &edited),
        "an invalid text is not applied; the last valid run stays"
    );
    assert!(Rc::ptr_eq(
        edited.sim.as_ref().unwrap(),
        s.sim.as_ref().unwrap()
    ));
}

#[test]
fn apply_should_fork_at_the_playhead_and_record_the_change() {
    let s = start("job-parallel").update(AppAction::Seek(SimTime(2_000)));
    let text = s.text.replace("parallelism: 2", "parallelism: 4");
    let applied = s.update(AppAction::Edit(text)).update(AppAction::Apply);
    assert_eq!(applied.cursor, SimTime(2_000));
    let sync = applied.frame.as_ref().unwrap().syncs.job.clone().unwrap();
    assert_eq!(sync.want_active, Some(4));
    let verdict = applied.applied.as_ref().expect("the Apply's verdict");
    assert!(verdict.refused.is_empty(), "{verdict:?}");
    assert_eq!(verdict.done, ["job.batch/batch configured"]);
    assert_eq!(applied.forks.len(), 1, "a share link carries the Apply");
    // The past is shared: seeking back shows the original run's moment.
    let back = applied.update(AppAction::Seek(SimTime(1_000)));
    assert_eq!(back.frame.as_ref().unwrap().time, SimTime(1_000));
}

#[test]
fn a_refused_apply_should_report_the_api_servers_words() {
    let s = start("job-pi").update(AppAction::Seek(SimTime(5_000)));
    let text = s.text.replace("perl:5.34.0", "perl:5.36.0");
    let applied = s.update(AppAction::Edit(text)).update(AppAction::Apply);
    let verdict = applied.applied.as_ref().expect("an Apply result");
    assert_eq!(verdict.refused.len(), 1, "{verdict:?}");
    // In kubectl's words, as the console prints it.
    assert!(
        verdict.refused[0].starts_with("The Job \"pi\" is invalid: spec.template: Invalid value:"),
        "{verdict:?}"
    );
    assert!(
        verdict.refused[0].ends_with("field is immutable"),
        "{verdict:?}"
    );
    assert_eq!(verdict.immutable, [(Kind::Job, "pi".to_string())]);
    // The editor and the console word it the same way.
    let console = applied.kubectl("apply -f -");
    assert_eq!(console.stderr.trim_end(), verdict.refused[0]);
}

#[test]
fn delete_and_apply_should_replace_a_job_whose_template_cannot_change() {
    let s = start("job-pi").update(AppAction::Seek(SimTime(5_000)));
    let text = s.text.replace("perl:5.34.0", "perl:5.36.0");
    let s = s.update(AppAction::Edit(text));
    let preview = s.apply_preview().expect("a preview");
    assert!(preview.refused.iter().any(|(_, r)| r.immutable));
    let replaced = s.update(AppAction::DeleteAndApply);
    assert_eq!(replaced.forks.len(), 2, "a delete, then an apply");
    let verdict = replaced.applied.as_ref().expect("the Apply's verdict");
    assert!(verdict.refused.is_empty(), "{verdict:?}");
    assert_eq!(verdict.done, ["job.batch/pi created"]);
    let later = replaced.update(AppAction::Seek(SimTime(8_000)));
    assert!(later
        .kubectl("get job pi -o jsonpath={.spec.template.spec.containers[0].image}")
        .stdout
        .contains("perl:5.36.0"));
}

#[test]
fn run_from_start_should_run_the_editors_yaml_as_the_scenario() {
    let s = start("job-pi").update(AppAction::Seek(SimTime(5_000)));
    let text = s.text.replace("perl:5.34.0", "perl:5.36.0");
    let s = s
        .update(AppAction::Edit(text.clone()))
        .update(AppAction::RunFromStart);
    assert_eq!(s.scenario_id, podlab::share::CUSTOM);
    assert_eq!(s.cursor, SimTime::ZERO);
    assert_eq!(s.text, text);
    assert!(s.forks.is_empty());
}

#[test]
fn an_empty_text_should_have_nothing_to_apply() {
    let s = start("job-pi").update(AppAction::Edit("# nothing here\n".into()));
    assert_eq!(s.diagnostics.len(), 1);
    assert_eq!(
        s.diagnostics[0].message,
        "error: no objects passed to apply"
    );
    let same = s.clone().update(AppAction::Apply);
    assert!(Rc::ptr_eq(&same, &s), "nothing is applied");
}

#[test]
fn shortcut_keys_should_mean_what_the_moment_asks() {
    use podlab::app::Key;
    let s = start("job-parallel");
    assert!(s.clone().update(AppAction::Key(Key::Space)).playing);
    assert!(s.clone().update(AppAction::Key(Key::Presenter)).presenter);
    let help = s.clone().update(AppAction::Key(Key::Help));
    assert!(help.help);
    assert!(
        !help.update(AppAction::Key(Key::Escape)).help,
        "Escape closes the help"
    );
    assert!(s.clone().update(AppAction::Key(Key::Forward)).cursor > s.cursor);
    // In a lesson the clicker's keys move through steps and digits answer.
    let l = s.update(AppAction::OpenLesson("parallel-jobs".into()));
    let next = l.clone().update(AppAction::Key(Key::Forward));
    assert_eq!(next.lesson.as_ref().unwrap().step, 1);
    let answered = next.clone().update(AppAction::Key(Key::Digit(1)));
    assert_eq!(answered.lesson.as_ref().unwrap().choice, Some(1));
    let back = answered.update(AppAction::Key(Key::Back));
    assert_eq!(back.lesson.as_ref().unwrap().step, 0);
    assert!(
        Rc::ptr_eq(&l, &l.clone().update(AppAction::Key(Key::Back))),
        "nothing before step 1"
    );
}

#[test]
fn next_interesting_should_skip_to_a_decision() {
    let s = start("job-backoff-never").update(AppAction::Seek(SimTime(1_000)));
    let next = s.update(AppAction::NextInteresting);
    assert_eq!(
        next.cursor,
        SimTime(3_000),
        "the back-off decision after the first failure"
    );
}

#[test]
fn injecting_a_failure_should_fork_and_select_should_describe_the_object() {
    let s = start("job-parallel").update(AppAction::Seek(SimTime(4_000)));
    let pod = s
        .frame
        .as_ref()
        .unwrap()
        .nodes
        .iter()
        .flat_map(|n| n.pods.iter())
        .find(|p| p.phase == "Running")
        .map(|p| p.name.clone())
        .expect("a running pod at 4 s");
    let s = s.update(AppAction::Select(Some((Kind::Pod, pod.clone()))));
    assert!(s.describe_selected().is_some_and(|d| d.yaml.contains(&pod)));
    let failed = s.update(AppAction::Inject(Action::ExitContainer {
        namespace: "default".into(),
        pod: pod.clone(),
        exit_code: 1,
    }));
    assert_eq!(failed.forks.len(), 1);
    let later = failed.update(AppAction::Seek(SimTime(5_000)));
    let view = later
        .frame
        .as_ref()
        .unwrap()
        .nodes
        .iter()
        .flat_map(|n| n.pods.iter())
        .find(|p| p.name == pod)
        .cloned()
        .expect("the failed pod is still there");
    assert_eq!(view.phase, "Failed");
}

#[test]
fn adding_a_node_should_show_it_in_the_next_frame() {
    let s = start("job-parallel").update(AppAction::Inject(Action::AddNode(NodeDef {
        name: "node-9".into(),
        ..NodeDef::default()
    })));
    assert!(s
        .frame
        .as_ref()
        .unwrap()
        .nodes
        .iter()
        .any(|n| n.name == "node-9"));
}

#[test]
fn a_share_link_should_reopen_the_same_moment() {
    let s = start("job-parallel").update(AppAction::Seek(SimTime(3_000)));
    let text = s.text.replace("parallelism: 2", "parallelism: 3");
    let s = s
        .update(AppAction::Edit(text))
        .update(AppAction::Apply)
        .update(AppAction::Seek(SimTime(9_000)))
        .update(AppAction::SetLang(Lang::Zh));
    let link = s.share_link();
    let opened = AppState::from_link(&link).expect("the link opens");
    assert_eq!(opened.cursor, SimTime(9_000));
    assert_eq!(opened.lang, Lang::Zh);
    assert_eq!(opened.scenario_id, "job-parallel");
    assert_eq!(opened.frame, s.frame);
}

#[test]
fn import_should_load_a_scenario_file_or_put_manifests_in_the_editor() {
    let s = start("job-parallel");
    let file = s.export_file();
    let loaded = s.clone().update(AppAction::Import(file));
    assert_eq!(loaded.scenario_id, podlab::share::CUSTOM);
    let manifests = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox}]\n";
    let edited = s.update(AppAction::Import(manifests.into()));
    assert_eq!(edited.text, manifests);
    assert_eq!(edited.scenario_id, "job-parallel");
}

#[test]
fn compare_should_frame_the_second_run_at_the_same_playhead() {
    let s = start("restart-policies").update(AppAction::Seek(SimTime(10_000)));
    let c = s.update(AppAction::Compare(Some(CompareWith::Builtin(
        "job-backoff-never".into(),
    ))));
    let run = c.compare.as_ref().expect("comparing");
    assert_eq!(run.frame.as_ref().unwrap().time, SimTime(10_000));
    let moved = c.update(AppAction::Seek(SimTime(12_000)));
    let run = moved.compare.as_ref().unwrap();
    assert_eq!(run.frame.as_ref().unwrap().time, SimTime(12_000));
    let off = moved.update(AppAction::Compare(None));
    assert!(off.compare.is_none());
}

#[test]
fn a_lesson_should_ask_before_it_plays_and_back_should_restore_the_earlier_step() {
    let s = start("job-parallel").update(AppAction::OpenLesson("parallel-jobs".into()));
    let view = s.lesson.clone().expect("the lesson is open");
    assert_eq!(view.step, 0);
    let first = (s.cursor, pods(&s));
    // Walk to the first step with a question.
    let mut s = s;
    while s.lesson.as_ref().unwrap().current().predict.is_none() {
        let k = s.lesson.as_ref().unwrap().step;
        s = s.update(AppAction::LessonStep(k + 1));
    }
    let view = s.lesson.clone().unwrap();
    assert!(!view.revealed, "the question comes before the answer");
    let answered = s.update(AppAction::Answer(0));
    assert!(answered.lesson.as_ref().unwrap().revealed);
    assert_eq!(answered.lesson.as_ref().unwrap().choice, Some(0));
    // Back to the first step, as it ended.
    let back = answered.update(AppAction::LessonStep(0));
    assert_eq!((back.cursor, pods(&back)), first);
    let closed = back.update(AppAction::CloseLesson);
    assert!(closed.lesson.is_none());
}

#[test]
fn experimenting_in_a_lesson_step_and_resuming_should_return_to_its_moment() {
    let s = start("job-parallel").update(AppAction::OpenLesson("parallel-jobs".into()));
    assert!(s.on_lesson_step());
    let at = s.cursor;
    let moved = s.update(AppAction::Inject(Action::AddNode(NodeDef {
        name: "node-9".into(),
        ..NodeDef::default()
    })));
    assert!(!moved.on_lesson_step());
    let resumed = moved.update(AppAction::ResumeLesson);
    assert!(resumed.on_lesson_step());
    assert_eq!(resumed.cursor, at);
}

#[test]
fn console_changes_should_fork_the_run_like_apply() {
    let s = start("job-parallel").update(AppAction::Seek(SimTime(2_000)));
    let out = s.kubectl("patch job/batch -p '{\"spec\":{\"parallelism\":4}}'");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let forked = s.update(AppAction::Console(out.changes));
    assert_eq!(forked.forks.len(), 1);
    let sync = forked.frame.as_ref().unwrap().syncs.job.clone().unwrap();
    assert_eq!(sync.want_active, Some(4));
}

/// The state once the frame a seek left due (a crowded run's) is built and shown, as the page
/// does in the two tasks after the seek.
fn drawn(s: Rc<AppState>) -> Rc<AppState> {
    match s.due_frame() {
        Some(show) => s.update(show),
        None => s,
    }
}

/// Dispatches compute slices of `events` until the state has nothing left to compute; returns
/// the state and how many slices it took.
fn computed(mut s: Rc<AppState>, events: usize) -> (Rc<AppState>, usize) {
    let mut slices = 0;
    while s.computing.is_some() {
        s = s.update(AppAction::Compute(events));
        slices += 1;
        assert!(slices < 100_000, "the run never finished");
    }
    (s, slices)
}

#[test]
fn a_long_run_should_be_computed_in_slices_and_end_as_one_computed_at_once() {
    let whole = start("stress-1000-pods");
    assert!(whole.computing.is_none());
    let loading = start("job-parallel").update(AppAction::Load("stress-1000-pods".into()));
    let c = loading
        .computing
        .clone()
        .expect("a long run is left to compute");
    assert!(loading.sim.is_none());
    assert!(c.percent() < 100 && !c.for_compare());
    assert_eq!(loading.frame.as_ref().unwrap().time, SimTime::ZERO);
    // Playing shows what is computed, and waits at its edge.
    let playing = loading.clone().update(AppAction::TogglePlay);
    assert!(playing.playing);
    let far = playing
        .update(AppAction::Tick(100.0))
        .update(AppAction::Tick(100.0));
    assert!(far.cursor <= far.computing.as_ref().unwrap().computed);
    let (done, slices) = computed(loading, 100);
    assert!(slices > 10, "{slices} slices");
    let (a, b) = (whole.sim.as_ref().unwrap(), done.sim.as_ref().unwrap());
    assert_eq!(a.trace().len(), b.trace().len());
    assert_eq!(a.events(), b.events());
    assert_eq!(a.failures(), b.failures());
    for t in [0, 20_000, 60_000, 300_000] {
        let at = |s: &Rc<AppState>| s.clone().update(AppAction::Seek(SimTime(t))).frame.clone();
        assert_eq!(at(&whole), at(&done), "frame at {t} ms");
    }
    assert_eq!(*whole.times, *done.times);
}

#[test]
fn a_long_comparison_and_a_long_fork_should_be_computed_in_slices() {
    let s = start("job-parallel").update(AppAction::Compare(Some(CompareWith::Builtin(
        "stress-1000-pods".into(),
    ))));
    assert!(s.computing.as_ref().is_some_and(|c| c.for_compare()));
    assert!(
        s.sim.is_some() && s.compare.is_none(),
        "this run stays shown"
    );
    let (s, _) = computed(s, 2_000);
    assert!(s.compare.as_ref().unwrap().frame.is_some());
    // Stopping the comparison while it computes stops computing it.
    let stopped = start("job-parallel")
        .update(AppAction::Compare(Some(CompareWith::Builtin(
            "stress-1000-pods".into(),
        ))))
        .update(AppAction::Compare(None));
    assert!(stopped.computing.is_none() && stopped.compare.is_none());
    // A change to a long run recomputes its future in slices; a second change first finishes it.
    let big = start("stress-1000-pods").update(AppAction::Seek(SimTime(5_000)));
    let node = |name: &str| {
        AppAction::Inject(Action::AddNode(NodeDef {
            name: name.into(),
            ..NodeDef::default()
        }))
    };
    let forked = big.update(node("node-extra"));
    assert!(forked.computing.is_some() && forked.forks.len() == 1);
    // What is computed of it is crowded: its frame is built after this action.
    assert_eq!(forked.frame_due, Some(forked.cursor));
    assert!(drawn(forked.clone())
        .frame
        .as_ref()
        .is_some_and(|f| f.time == forked.cursor));
    let twice = forked.update(node("node-extra-2"));
    assert_eq!(twice.forks.len(), 2);
    let (twice, _) = computed(twice, 5_000);
    let f = drawn(twice.update(AppAction::Seek(SimTime(6_000))));
    let names: Vec<&str> = f
        .frame
        .as_ref()
        .unwrap()
        .nodes
        .iter()
        .map(|n| n.name.as_str())
        .collect();
    assert!(
        names.contains(&"node-extra") && names.contains(&"node-extra-2"),
        "{names:?}"
    );
}

#[test]
fn a_challenge_should_check_the_editors_yaml_by_running_it_and_travel_in_a_share_link() {
    use podlab::app::Checked;
    let s = start("job-parallel").update(AppAction::OpenChallenge("six-by-three".into()));
    let view = s.challenge.clone().expect("open");
    assert_eq!(
        (view.id, view.hints, view.verdict.is_none()),
        ("six-by-three", 0, true)
    );
    assert!(s.text.contains("name: six"));
    assert!(s.lesson.is_none() && s.sim.is_some());
    let s = s
        .update(AppAction::ChallengeHint)
        .update(AppAction::ChallengeHint)
        .update(AppAction::ChallengeHint);
    assert_eq!(
        s.challenge.as_ref().unwrap().hints,
        2,
        "no more hints than there are"
    );
    // The starter runs one pod: not solved, and the verdict's moment is shown.
    let checked = s.clone().update(AppAction::CheckChallenge);
    let Some(Checked::Judged(j)) = checked
        .challenge
        .as_ref()
        .unwrap()
        .verdict
        .as_deref()
        .cloned()
    else {
        panic!("judged");
    };
    assert!(!j.passed);
    let wide = s.text.replace(
        "spec:\n  template",
        "spec:\n  completions: 6\n  parallelism: 4\n  template",
    );
    let over = s
        .clone()
        .update(AppAction::Edit(wide))
        .update(AppAction::CheckChallenge);
    let Some(Checked::Judged(j)) = over.challenge.as_ref().unwrap().verdict.as_deref().cloned()
    else {
        panic!("judged");
    };
    assert!(!j.passed);
    assert_eq!(
        over.cursor,
        j.findings[0].at.unwrap(),
        "the playhead goes to the moment the verdict names"
    );
    let right = s.text.replace(
        "spec:\n  template",
        "spec:\n  completions: 6\n  parallelism: 3\n  template",
    );
    let solved = s
        .clone()
        .update(AppAction::Edit(right.clone()))
        .update(AppAction::CheckChallenge);
    assert!(solved.challenge.as_ref().unwrap().solved());
    // Invalid YAML gets the API server's words, and the text stays.
    let bad = right.replace("Never", "Always");
    let invalid = s
        .clone()
        .update(AppAction::Edit(bad.clone()))
        .update(AppAction::CheckChallenge);
    assert!(
        matches!(invalid.challenge.as_ref().unwrap().verdict.as_deref(), Some(Checked::Invalid(e)) if e.contains("restartPolicy"))
    );
    assert_eq!(invalid.text, bad);
    // The link reopens the challenge with the attempt in the editor.
    let link = solved.share_link();
    let back = AppState::from_link(&link).expect("decodes");
    assert_eq!(back.challenge.as_ref().map(|c| c.id), Some("six-by-three"));
    assert_eq!(back.text, right);
    assert!(Rc::new(back)
        .update(AppAction::CheckChallenge)
        .challenge
        .as_ref()
        .unwrap()
        .solved());
    // Opening a lesson closes the challenge.
    let lesson = solved.update(AppAction::OpenLesson("parallel-jobs".into()));
    assert!(lesson.challenge.is_none() && lesson.lesson.is_some());
}

#[test]
fn a_console_challenge_should_judge_the_run_the_console_made() {
    use podlab::app::Checked;
    let s = start("job-parallel").update(AppAction::OpenChallenge("roll-back".into()));
    assert_eq!(s.cursor, SimTime(60_000));
    let out = s.kubectl("rollout undo daemonset/agent");
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let s = s
        .update(AppAction::Console(out.changes))
        .update(AppAction::CheckChallenge);
    assert!(s.challenge.as_ref().unwrap().solved(), "{:?}", s.challenge);
    let back = Rc::new(AppState::from_link(&s.share_link()).expect("decodes"));
    assert_eq!(back.forks.len(), 1);
    let again = back.update(AppAction::CheckChallenge);
    assert!(
        matches!(again.challenge.as_ref().unwrap().verdict.as_deref(), Some(Checked::Judged(j)) if j.passed)
    );
}

#[test]
fn a_crowded_run_should_build_and_show_its_frames_after_the_seek() {
    let (s, _) = computed(start("stress-1000-pods"), usize::MAX);
    // The computed run takes the place of the part shown while computing: its frame is due.
    assert_eq!(s.frame_due, Some(s.cursor));
    let s = drawn(s);
    let first = s.frame.clone().expect("a frame");
    assert_eq!(s.frame_due, None);
    // Seeking leaves the frame due: the one on screen stays until the built one is shown.
    let sought = s.clone().update(AppAction::NextInteresting);
    let t = sought.cursor;
    assert!(t > s.cursor);
    assert_eq!(sought.frame_due, Some(t));
    assert_eq!(sought.frame.as_ref(), Some(&first));
    let Some(AppAction::ShowFrame(at, frame)) = sought.due_frame() else {
        panic!("a frame is due");
    };
    assert_eq!((at, frame.time), (t, t));
    let shown = sought
        .clone()
        .update(AppAction::ShowFrame(at, Rc::clone(&frame)));
    assert_eq!(shown.frame_due, None);
    assert!(Rc::ptr_eq(shown.frame.as_ref().unwrap(), &frame));
    assert!(pods(&shown) >= 400, "{} pods", pods(&shown));
    // A frame built before a newer one is not shown over it.
    let later = shown.clone().update(AppAction::NextInteresting);
    let stale = later
        .clone()
        .update(AppAction::ShowFrame(at, Rc::clone(&frame)));
    assert!(Rc::ptr_eq(&later, &stale), "the older frame is dropped");
    let Some(newer) = later.due_frame() else {
        panic!("a frame is due");
    };
    let stale = later.clone().update(AppAction::ShowFrame(at, frame));
    assert!(Rc::ptr_eq(&later, &stale), "the older frame is dropped");
    assert_eq!(later.clone().update(newer).frame_due, None);
    // A change to it is crowded too: its frame is due.
    let forked = later.update(AppAction::Inject(Action::AddNode(NodeDef {
        name: "node-extra".into(),
        ..NodeDef::default()
    })));
    assert_eq!(forked.frame_due, Some(forked.cursor));
    let shown = drawn(forked);
    assert_eq!(shown.frame_due, None);
    assert!(pods(&shown) >= 400);
    // A classroom-sized run draws each frame at once.
    let small = start("job-parallel").update(AppAction::NextInteresting);
    assert_eq!(small.frame_due, None);
    assert_eq!(small.frame.as_ref().unwrap().time, small.cursor);
}
