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
        let lesson = lesson::parse(source.text).unwrap_or_else(|e| panic!("{}: {e:?}", source.id));
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
        let lesson = lesson::parse(source.text).unwrap();
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
        let lesson = lesson::parse(source.text).unwrap();
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
