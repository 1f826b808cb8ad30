//! The README's ready embeds for the course's figures: each snippet is what the Embed dialog
//! writes for its moment (so it is kept exact here), and each link opens its scenario at its
//! moment with the panel it names.

use podlab::app::{AppAction, AppState};
use podlab::embed::{Embed, Panel};
use podlab::i18n::{Bilingual, Lang};
use podlab::share::{self, Moment};
use podlab::sim::SimTime;

/// Where the README's snippets point: a course author replaces it with their own copy's
/// address.
const SITE: &str = "https://YOUR.HOST/podlab/";

/// (figure, scenario, moment in ms, panel, editor)
const FIGURES: [(&str, &str, u64, Panel, bool); 8] = [
    ("the Job YAML", "job-pi", 0, Panel::Cluster, true),
    (
        "the pi Pod with its ownerReferences",
        "job-pi",
        5_000,
        Panel::Cluster,
        false,
    ),
    (
        "the parallel Job's four waves",
        "job-parallel",
        25_000,
        Panel::Timeline,
        false,
    ),
    (
        "the CronJob's concurrencyPolicy",
        "cronjob-concurrency",
        0,
        Panel::Ticks,
        false,
    ),
    (
        "the Job controller's loop",
        "job-parallel",
        1_000,
        Panel::Controller,
        false,
    ),
    (
        "a DaemonSet on every node",
        "daemonset-fluentd",
        10_000,
        Panel::Cluster,
        false,
    ),
    (
        "a DaemonSet rolling update",
        "daemonset-rolling",
        0,
        Panel::Rollout,
        false,
    ),
    (
        "the DaemonSet controller's loop",
        "daemonset-rolling",
        1_000,
        Panel::Controller,
        false,
    ),
];

fn snippet(id: &str, at: u64, panel: Panel, editor: bool) -> String {
    let link = share::encode(&Moment::new(id, Vec::new(), SimTime(at), "en"));
    let state = AppState::new(Lang::En, id);
    let title = format!(
        "podlab: {}",
        state.sim.as_ref().unwrap().scenario().title.get(Lang::En)
    );
    Embed { panel, editor }.snippet(SITE, &link, &title)
}

#[test]
fn the_readmes_course_figures_should_be_exact_embeds_of_their_moments() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let mut missing = Vec::new();
    for (figure, id, at, panel, editor) in FIGURES {
        let s = snippet(id, at, panel, editor);
        if !readme.contains(&s) {
            missing.push(format!("{figure}:\n{s}"));
        }
        // The link opens the scenario at the moment.
        let fragment = &s[s.find("#share=").unwrap()..s.find("\" title").unwrap()];
        let state = AppState::from_link(fragment).expect("the link decodes");
        assert_eq!(
            (state.scenario_id, state.cursor),
            (id, SimTime(at)),
            "{figure}"
        );
        let query = &s[s.find('?').unwrap()..s.find('#').unwrap()].replace("&amp;", "&");
        assert_eq!(Embed::parse(query), Some(Embed { panel, editor }));
        let _ = std::rc::Rc::new(state).update(AppAction::TogglePlay);
    }
    assert!(
        missing.is_empty(),
        "README.md should contain:\n\n{}",
        missing.join("\n\n")
    );
}
