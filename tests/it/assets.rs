//! Files the page fetches on demand (issue 22): an action that needs the time-zone database
//! waits for it, runs exactly as it would have once it is in, keeps the learner's text while
//! it waits, says a failed fetch and retries. The page's state before the file arrives is
//! played here with `tzdb::hide` (this thread only).

use podlab::app::{AppAction, AppState, Asset};
use podlab::cron::tzdb;
use podlab::i18n::{notice, Lang};
use std::rc::Rc;

/// Hides the database for the test's thread while it lives.
struct Hidden;

impl Hidden {
    fn new() -> Hidden {
        tzdb::hide(true);
        Hidden
    }
}

impl Drop for Hidden {
    fn drop(&mut self) {
        tzdb::hide(false);
    }
}

/// The run's last moment, as `podlab run -o json` would write it.
fn json_of(state: &AppState) -> String {
    podlab::output::snapshot(state.sim.as_ref().expect("a run").world()).to_string()
}

#[test]
fn a_scenario_naming_a_time_zone_should_wait_for_the_database_then_run_as_it_would_have() {
    let expected = AppState::new(Lang::En, "cronjob-timezone");
    let hidden = Hidden::new();
    let s = Rc::new(AppState::start(Lang::En, "cronjob-timezone"));
    let w = s.waiting.as_ref().expect("it waits");
    assert_eq!(w.asset, Asset::TimeZones);
    assert!(w.failed.is_none());
    assert!(
        s.sim.is_none() && s.computing.is_none(),
        "nothing runs without the zone"
    );
    // Playing and the other controls do nothing harmful meanwhile.
    let s = s
        .update(AppAction::TogglePlay)
        .update(AppAction::Tick(50.0));
    // A failed fetch is said, and a retry asks again.
    let s = s.update(AppAction::AssetFailed("HTTP 404".into()));
    assert_eq!(
        s.waiting.as_ref().unwrap().failed.as_deref(),
        Some("HTTP 404")
    );
    let s = s.update(AppAction::RetryAsset);
    assert!(s.waiting.as_ref().unwrap().failed.is_none());
    drop(hidden);
    let s = s.update(AppAction::AssetArrived);
    assert!(s.waiting.is_none());
    let s = AppState::clone(&s).finish_computing();
    assert_eq!(
        json_of(&s),
        json_of(&expected),
        "the same run as without the wait"
    );
    assert_eq!(s.text, expected.text);
    assert!(
        json_of(&s).contains("2026-01-01T09:00:00+08:00"),
        "Shanghai's 09:00"
    );
}

#[test]
fn a_scenario_without_a_time_zone_should_not_wait() {
    let _hidden = Hidden::new();
    let s = AppState::start(Lang::En, "job-pi");
    assert!(s.waiting.is_none());
    assert!(s.frame.is_some());
    let s = Rc::new(s).update(AppAction::Load("cronjob-hello".into()));
    assert!(s.waiting.is_none() && s.frame.is_some());
}

#[test]
fn an_edit_naming_a_time_zone_should_be_kept_at_once_and_checked_when_the_database_arrives() {
    let hidden = Hidden::new();
    let s = Rc::new(AppState::start(Lang::En, "cronjob-hello"));
    let text = s
        .text
        .replace("schedule:", "timeZone: Europe/Berlin\n  schedule:");
    assert_ne!(text, s.text);
    let s = s.update(AppAction::Edit(text.clone()));
    assert_eq!(s.text, text, "the learner's text is taken at once");
    assert!(s.waiting.is_some());
    assert!(
        s.diagnostics.is_empty(),
        "no zone is called unknown before the database is in: {:?}",
        s.diagnostics
    );
    // A later keystroke replaces the waiting edit; the newest text is what is checked.
    let newer = text.replace("Europe/Berlin", "Europe/Paris");
    let s = s.update(AppAction::Edit(newer.clone()));
    assert_eq!(s.text, newer);
    drop(hidden);
    let s = s.update(AppAction::AssetArrived);
    assert!(s.waiting.is_none());
    assert_eq!(s.text, newer);
    assert!(s.diagnostics.is_empty(), "{:?}", s.diagnostics);
    // An unknown zone is still refused in the API server's words once the database is in.
    let s = s.update(AppAction::Edit(
        newer.replace("Europe/Paris", "Mars/Olympus"),
    ));
    let said: Vec<String> = s.diagnostics.iter().map(ToString::to_string).collect();
    assert!(
        said.iter()
            .any(|d| d.contains("unknown time zone Mars/Olympus")),
        "{said:?}"
    );
}

#[test]
fn moving_on_while_waiting_should_drop_what_waited() {
    let hidden = Hidden::new();
    let s = Rc::new(AppState::start(Lang::En, "job-pi"));
    let s = s.update(AppAction::Load("cronjob-timezone".into()));
    assert!(s.waiting.is_some());
    assert_eq!(
        s.scenario_id, "job-pi",
        "the page still shows what it showed"
    );
    assert_eq!(
        s.picked(),
        "cronjob-timezone",
        "the picker shows the learner's choice"
    );
    let s = s.update(AppAction::Load("cronjob-hello".into()));
    assert!(s.waiting.is_none());
    assert_eq!(s.scenario_id, "cronjob-hello");
    drop(hidden);
    // A late arrival has nothing to run.
    let before = s.clone();
    let s = s.update(AppAction::AssetArrived);
    assert!(Rc::ptr_eq(&before, &s));
}

#[test]
fn a_lesson_and_a_share_link_naming_a_time_zone_should_wait_too() {
    let link = AppState::new(Lang::Zh, "cronjob-timezone").share_link();
    let hidden = Hidden::new();
    let s = Rc::new(AppState::start(Lang::En, "job-pi"));
    let s = s.update(AppAction::OpenLesson("cronjob".into()));
    assert!(s.waiting.is_some(), "the CronJob lesson names timeZone");
    assert!(s.lesson.is_none());
    let opened = AppState::start_link(Lang::En, &link).expect("a link");
    assert!(opened.waiting.is_some());
    drop(hidden);
    let s = s.update(AppAction::AssetArrived);
    assert_eq!(s.lesson.as_ref().map(|l| l.id), Some("cronjob"));
    let opened = Rc::new(opened).update(AppAction::AssetArrived);
    assert_eq!(opened.scenario_id, "cronjob-timezone");
    assert_eq!(opened.lang, Lang::Zh, "the link's language");
    assert!(opened.frame.is_some());
}

#[test]
fn the_banners_should_say_what_loads_and_why_it_failed_in_both_languages() {
    assert!(notice::time_zones_loading(Lang::En).contains("time-zone database"));
    assert!(notice::time_zones_loading(Lang::Zh).contains("时区数据库"));
    let en = notice::time_zones_failed("HTTP 404", Lang::En);
    assert!(en.contains("HTTP 404") && en.contains("retry"), "{en}");
    let zh = notice::time_zones_failed("HTTP 404", Lang::Zh);
    assert!(zh.contains("HTTP 404") && zh.contains("重试"), "{zh}");
}

#[test]
fn a_damaged_database_file_should_be_refused() {
    assert!(Asset::TimeZones.install(b"<!doctype html>").is_err());
}

#[test]
fn the_picker_should_name_every_built_in_scenario_before_any_file_arrives() {
    let _hidden = Hidden::new();
    for b in podlab::builtin::BUILTINS {
        let title = podlab::scenario::title(b.text);
        assert!(!title.en.is_empty() && !title.zh.is_empty(), "{}", b.id);
    }
}

#[test]
fn a_console_line_should_wait_only_for_the_file_it_needs() {
    use podlab::app::for_console;
    let hidden = Hidden::new();
    let patch = r#"patch cronjob hello -p '{"spec":{"timeZone":"Asia/Tokyo"}}'"#;
    assert_eq!(for_console(patch, ""), Some(Asset::TimeZones));
    let zoned = "kind: CronJob\nspec:\n  timeZone: Europe/Berlin\n";
    assert_eq!(for_console("apply -f -", zoned), Some(Asset::TimeZones));
    assert_eq!(
        for_console("kubectl apply --filename -", zoned),
        Some(Asset::TimeZones)
    );
    assert_eq!(
        for_console("get pods", zoned),
        None,
        "the editor is not read"
    );
    assert_eq!(for_console("get cronjobs", ""), None);
    drop(hidden);
    assert_eq!(for_console(patch, ""), None, "once it is in, nothing waits");
    // Natively the field descriptions are built in: `explain` never waits.
    assert_eq!(for_console("explain job.spec", ""), None);
    assert!(Asset::ExplainFields.install(b"not: [the, file]").is_err());
}

#[test]
fn opening_a_lesson_should_wait_for_the_lessons_then_for_the_zones_it_names() {
    podlab::lesson::hide(true);
    let hidden = Hidden::new();
    let s = Rc::new(AppState::start(Lang::En, "job-pi"));
    // The strip's titles need no file.
    assert!(podlab::lesson::LESSONS
        .iter()
        .all(|l| !l.title().en.is_empty()));
    let s = s.update(AppAction::OpenLesson("cronjob".into()));
    assert_eq!(s.waiting.as_ref().map(|w| w.asset), Some(Asset::Lessons));
    let s = s.update(AppAction::AssetFailed("HTTP 503".into()));
    assert!(s.waiting.as_ref().unwrap().failed.is_some());
    let s = s.update(AppAction::RetryAsset);
    podlab::lesson::hide(false);
    // The lessons are in; the CronJob lesson names a time zone: it waits for that next.
    let s = s.update(AppAction::AssetArrived);
    assert_eq!(s.waiting.as_ref().map(|w| w.asset), Some(Asset::TimeZones));
    assert!(s.lesson.is_none());
    drop(hidden);
    let s = s.update(AppAction::AssetArrived);
    assert!(s.waiting.is_none());
    assert_eq!(s.lesson.as_ref().map(|l| l.id), Some("cronjob"));
    // A lesson without a time zone waits for the lessons only.
    podlab::lesson::hide(true);
    let s = s.update(AppAction::OpenLesson("parallel-jobs".into()));
    assert_eq!(s.waiting.as_ref().map(|w| w.asset), Some(Asset::Lessons));
    podlab::lesson::hide(false);
    let s = s.update(AppAction::AssetArrived);
    assert!(s.waiting.is_none());
    assert_eq!(s.lesson.as_ref().map(|l| l.id), Some("parallel-jobs"));
    // A share link into a lesson waits for the lessons too.
    let link = s.share_link();
    podlab::lesson::hide(true);
    let opened = AppState::start_link(Lang::En, &link).expect("a link");
    assert_eq!(
        opened.waiting.as_ref().map(|w| w.asset),
        Some(Asset::Lessons)
    );
    podlab::lesson::hide(false);
    let opened = Rc::new(opened).update(AppAction::AssetArrived);
    assert_eq!(opened.lesson.as_ref().map(|l| l.id), Some("parallel-jobs"));
    assert!(
        podlab::lesson::install(br#"{"cronjob": "name: cronjob"}"#).is_err(),
        "lessons missing"
    );
}

#[test]
fn a_share_link_whose_change_names_a_time_zone_should_wait() {
    let s = Rc::new(AppState::new(Lang::En, "cronjob-hello"));
    let text = s
        .text
        .replace("schedule:", "timeZone: Asia/Tokyo\n  schedule:");
    let s = s.update(AppAction::Edit(text)).update(AppAction::Apply);
    assert_eq!(s.forks.len(), 1, "{:?}", s.applied);
    let link = s.share_link();
    let hidden = Hidden::new();
    let opened = AppState::start_link(Lang::En, &link).expect("a link");
    assert_eq!(
        opened.waiting.as_ref().map(|w| w.asset),
        Some(Asset::TimeZones)
    );
    drop(hidden);
    let opened =
        AppState::clone(&Rc::new(opened).update(AppAction::AssetArrived)).finish_computing();
    assert_eq!(
        json_of(&opened),
        json_of(&AppState::clone(&s).finish_computing())
    );
}
