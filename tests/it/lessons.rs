//! Every lesson, played headless: each step's run reaches the state its text describes (its
//! checks hold at its moment), the editor text it shows is refused with the message it quotes,
//! and every text a learner reads exists in English and in Chinese.

use podlab::api::manifest::parse_manifests;
use podlab::lesson::{self, LESSONS};
use podlab::output::items_json;
use podlab::scenario::check;

#[test]
fn there_should_be_ten_lessons_covering_the_course() {
    assert_eq!(LESSONS.len(), 10);
}

#[test]
fn every_step_should_reach_the_state_it_describes() {
    let mut failures = Vec::new();
    for source in LESSONS {
        let lesson = lesson::parse(source.text().expect("built in"))
            .unwrap_or_else(|e| panic!("{}: {e:?}", source.id));
        let stops = lesson::plan(&lesson).unwrap_or_else(|e| panic!("{}: {e}", source.id));
        assert_eq!(stops.len(), lesson.steps.len());
        for (i, (step, stop)) in lesson.steps.iter().zip(&stops).enumerate() {
            assert!(stop.at >= stop.from, "{}: steps[{i}]", source.id);
            let world = stop.sim.seek(stop.at);
            let items = items_json(&world);
            for x in &step.check {
                for f in check(x, &items) {
                    failures.push(format!(
                        "{} steps[{i}] at {}: check[{}]: {}: expected {}, got {}",
                        source.id, stop.at.0, x.index, f.what, f.expected, f.actual
                    ));
                }
            }
            assert!(
                stop.sim.error().is_none(),
                "{} steps[{i}]: {:?}",
                source.id,
                stop.sim.error()
            );
            match (&step.editor, &step.rejects) {
                (Some(text), Some(quote)) => {
                    let errs =
                        parse_manifests(text).expect_err("the editor text should be refused");
                    let all: Vec<String> = errs.iter().map(ToString::to_string).collect();
                    assert!(
                        all.iter().any(|m| m.contains(quote.as_str())),
                        "{} steps[{i}]: {quote:?} not in {all:?}",
                        source.id
                    );
                }
                (Some(text), None) => {
                    if let Err(errs) = parse_manifests(text) {
                        panic!(
                            "{} steps[{i}]: the editor text is refused: {errs:?}",
                            source.id
                        );
                    }
                }
                (None, Some(_)) => {
                    panic!("{} steps[{i}]: rejects without an editor text", source.id)
                }
                (None, None) => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_text_should_be_in_both_languages() {
    for source in LESSONS {
        let lesson = lesson::parse(source.text().expect("built in")).unwrap();
        assert!(
            lesson.steps.len() >= 4,
            "{}: a lesson has at least four steps",
            source.id
        );
        for (path, text) in lesson::texts(&lesson) {
            assert!(
                !text.en.trim().is_empty(),
                "{} {path}: no English",
                source.id
            );
            assert!(
                !text.zh.trim().is_empty(),
                "{} {path}: no Chinese",
                source.id
            );
            // Words in English need words in Chinese (a choice such as "3, 1, 1" needs none).
            if text.en.chars().any(|c| c.is_ascii_alphabetic()) {
                assert!(
                    text.zh
                        .chars()
                        .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "{} {path}: no Chinese",
                    source.id
                );
            }
        }
    }
}

#[test]
fn every_lesson_should_play_headless_from_the_command_line_in_both_languages() {
    for source in LESSONS {
        let lesson = lesson::parse(source.text().expect("built in")).unwrap();
        for lang in ["en", "zh"] {
            let (mut out, mut err) = (Vec::new(), Vec::new());
            let args = [
                source.id.to_string(),
                "--lang".to_string(),
                lang.to_string(),
            ];
            let code = podlab::cli::lesson_with(&args, &mut out, &mut err);
            let text = String::from_utf8(out).unwrap();
            assert_eq!(
                code,
                0,
                "{} {lang}: {}",
                source.id,
                String::from_utf8_lossy(&err)
            );
            for step in &lesson.steps {
                let title = if lang == "zh" {
                    &step.title.zh
                } else {
                    &step.title.en
                };
                assert!(
                    text.contains(title.as_str()),
                    "{} {lang}: {title:?} missing",
                    source.id
                );
            }
            assert_eq!(
                text.matches("\n## ").count(),
                lesson.steps.len(),
                "{} {lang}",
                source.id
            );
        }
    }
    let (mut out, mut err) = (Vec::new(), Vec::new());
    assert_eq!(podlab::cli::lesson_with(&[], &mut out, &mut err), 0);
    assert_eq!(
        String::from_utf8(out).unwrap().lines().count(),
        LESSONS.len()
    );
    assert_eq!(
        podlab::cli::lesson_with(&["nope".into()], &mut Vec::new(), &mut Vec::new()),
        2
    );
}

/// Sentences that once taught something false or misleading (issue 16): none may come back.
#[test]
fn corrected_claims_should_not_come_back() {
    const GONE: &[&str] = &[
        "there is no default: you must write one",
        "而且没有默认值",
        "react to watch events, not to timers",
        "响应的是 watch 事件，而不是定时器",
        "queued every DaemonSet",
        "把每个 DaemonSet 都放入队列",
        "it syncs every DaemonSet",
        "它同步每个 DaemonSet",
        "and bumped generation",
        "generation 也增加了",
        "with restartPolicy Always a Pod never does",
        "永远不会进入这个阶段",
        "so it is Running with RESTARTS 2",
        "所以它是 Running，RESTARTS 为 2",
        "with CrashLoopBackOff delays of 10 s",
        "CrashLoopBackOff 延迟为 10 秒",
        "which validates it, fills in the defaults",
        "校验它、填上默认值",
        "Only when it finished terminating",
        "直到它终止完毕",
        "does not tolerate the not-ready NoSchedule taint",
        "控制器不容忍 not-ready 的 NoSchedule 污点",
        "At 63 s",
        "第 63 秒",
        "A Pod under Always never becomes Succeeded",
    ];
    let mut found = Vec::new();
    for source in LESSONS {
        let lesson = lesson::parse(source.text().expect("built in")).expect("valid");
        for (path, text) in lesson::texts(&lesson) {
            for gone in GONE {
                if text.en.contains(gone) || text.zh.contains(gone) {
                    found.push(format!("{} {path}: {gone:?}", source.id));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
