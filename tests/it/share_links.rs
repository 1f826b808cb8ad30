//! Share links: random moments survive encode → decode unchanged; random, truncated and
//! flipped links are refused with an error, never a panic; and replaying a decoded moment
//! gives the same run, byte for byte, as the changes made one by one.

use podlab::engine::Sim;
use podlab::output;
use podlab::scenario::{Action, NodeDef};
use podlab::share::{decode, encode, replay, Fork, Moment, ShareError};
use podlab::sim::{Rng, SimTime};
use std::collections::BTreeMap;

fn text(rng: &mut Rng) -> String {
    let pool = [
        "apiVersion: v1\n",
        "kind: Pod\n",
        "名字",
        " ",
        "\"",
        "é",
        "#",
        "\n",
        "x",
    ];
    (0..rng.below(40))
        .map(|_| pool[rng.below(pool.len() as u32) as usize])
        .collect()
}

fn fork(rng: &mut Rng) -> Fork {
    let at = u64::from(rng.below(600_000));
    match rng.below(7) {
        0 => Fork::Apply {
            at,
            yaml: text(rng),
        },
        1 => Fork::Delete {
            namespace: String::new(),
            at,
            kind: "pod".into(),
            name: text(rng),
        },
        2 => Fork::ExitContainer {
            namespace: String::new(),
            at,
            pod: text(rng),
            code: rng.below(256) as i32,
        },
        3 => Fork::AddNode {
            at,
            node: NodeDef {
                name: format!("node-{}", rng.below(9)),
                ..NodeDef::default()
            },
        },
        4 => Fork::RemoveNode {
            at,
            name: text(rng),
        },
        5 => Fork::Evict {
            namespace: String::new(),
            at,
            name: text(rng),
        },
        _ => Fork::SetNode {
            at,
            node: NodeDef {
                name: "node-1".into(),
                labels: Some(BTreeMap::from([(text(rng), None)])),
                ready: Some(rng.below(2) == 0),
                ..NodeDef::default()
            },
        },
    }
}

#[test]
fn random_moments_should_round_trip() {
    let ids: Vec<&str> = podlab::builtin::BUILTINS.iter().map(|b| b.id).collect();
    for seed in 0..300 {
        let mut rng = Rng::new(seed);
        let forks = (0..rng.below(8)).map(|_| fork(&mut rng)).collect();
        let id = ids[rng.below(ids.len() as u32) as usize];
        let lang = if rng.below(2) == 0 { "en" } else { "zh" };
        let mut m = Moment::new(id, forks, SimTime(u64::from(rng.below(1_000_000))), lang);
        if rng.below(2) == 0 {
            let lessons = podlab::lesson::LESSONS;
            m.lesson = Some(podlab::share::LessonAt {
                id: lessons[rng.below(lessons.len() as u32) as usize]
                    .id
                    .to_string(),
                step: rng.below(10) as usize,
            });
        }
        let link = encode(&m);
        assert!(link.is_ascii() && !link.contains(['&', '?', ' ']), "{link}");
        assert_eq!(decode(&link), Ok(m), "seed {seed}");
    }
}

#[test]
fn damaged_links_should_be_refused_without_panicking() {
    let m = Moment::new(
        "job-parallel",
        vec![Fork::ExitContainer {
            namespace: String::new(),
            at: 3_000,
            pod: "batch-x".into(),
            code: 1,
        }],
        SimTime(9_000),
        "zh",
    );
    let link = encode(&m);
    let mut rng = Rng::new(7);
    for cut in 0..link.len() - 1 {
        // A cut link is refused with an error, never a panic.
        assert!(decode(&link[..cut]).is_err(), "cut at {cut}");
    }
    let alphabet: Vec<char> =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=%~é"
            .chars()
            .collect();
    for _ in 0..2_000 {
        let mut chars: Vec<char> = link.chars().collect();
        for _ in 0..1 + rng.below(4) {
            let i = "#share=".len() + rng.below((chars.len() - 7) as u32) as usize;
            chars[i] = alphabet[rng.below(alphabet.len() as u32) as usize];
        }
        let flipped: String = chars.into_iter().collect();
        if let Ok(back) = decode(&flipped) {
            assert!(back.v == 1 && podlab::builtin::find(&back.scenario).is_some());
        }
    }
    for _ in 0..500 {
        let junk: String = (0..rng.below(200))
            .map(|_| alphabet[rng.below(alphabet.len() as u32) as usize])
            .collect();
        assert!(decode(&format!("#share={junk}")).is_err(), "{junk}");
    }
    assert_eq!(decode(""), Err(ShareError::NotALink));
}

#[test]
fn a_replayed_moment_should_be_the_same_run() {
    let text = podlab::builtin::find("job-parallel")
        .expect("built in")
        .text;
    let mut direct = Sim::new(podlab::scenario::parse(text).expect("valid"));
    direct.run();
    let node = NodeDef {
        name: "node-4".into(),
        ..NodeDef::default()
    };
    let steps = [
        (SimTime(4_000), Action::AddNode(node)),
        (SimTime(12_000), Action::RemoveNode("node-1".into())),
        (
            SimTime(15_000),
            Action::Evict {
                namespace: "default".into(),
                name: "batch-hhztc".into(),
            },
        ),
        (SimTime(16_000), Action::BreakImage("busybox:1.36".into())),
    ];
    let mut forks = Vec::new();
    for (at, action) in steps {
        forks.push(Fork::of(at, &action, "").expect("recordable"));
        let mut next = direct.fork(at, action);
        next.run();
        direct = next;
    }
    let m = Moment::new("job-parallel", forks, SimTime(20_000), "en");
    let (replayed, at) = replay(&decode(&encode(&m)).expect("valid")).expect("replays");
    assert_eq!(at, SimTime(20_000));
    let json = |s: &Sim| output::to_json(&output::snapshot(s.world()));
    assert_eq!(json(&replayed), json(&direct));
    assert_eq!(replayed.trace().len(), direct.trace().len());
}
