//! Property test: random clusters (nodes with labels and taints, nodes joining, leaving,
//! tainted and cordoned at run time) and random DaemonSets (nodeSelector, tolerations,
//! maxUnavailable or maxSurge, a template update). During the run a node never has two live
//! daemon pods unless the DaemonSet surges, and a rolling update never takes down an available
//! pod beyond maxUnavailable (counting the nodes already unavailable); at rest every node that
//! should run a daemon pod has exactly one, up to date, and no node that must not run one has
//! any.

use podlab::controllers::daemonset::placement::node_should_run;
use podlab::controllers::record::DaemonSetSync;
use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::{Rng, SimTime};
use std::collections::BTreeMap;

/// How many random scenarios one test run tries.
const SEEDS: u64 = 120;

fn pick<'a>(rng: &mut Rng, items: &[&'a str]) -> &'a str {
    items[rng.below(items.len() as u32) as usize]
}

fn scenario(seed: u64) -> String {
    let mut rng = Rng::new(seed ^ 0xd5e7);
    let count = 2 + rng.below(4);
    let mut nodes = String::new();
    for i in 1..=count {
        let disk = pick(&mut rng, &["ssd", "hdd"]);
        let taint = match rng.below(5) {
            0 => ", taints: [{key: dedicated, effect: NoSchedule}]",
            1 => ", taints: [{key: gpu, effect: NoExecute}]",
            _ => "",
        };
        nodes.push_str(&format!(
            "    - {{name: node-{i}, labels: {{disk: {disk}}}{taint}}}\n"
        ));
    }
    let selector = pick(&mut rng, &["", "", "\n      nodeSelector: {disk: ssd}"]);
    let tolerate = pick(
        &mut rng,
        &[
            "",
            "\n      tolerations: [{key: dedicated, operator: Exists}]",
        ],
    );
    let strategy = pick(
        &mut rng,
        &[
            "",
            "\n  updateStrategy: {rollingUpdate: {maxUnavailable: 2}}",
            "\n  updateStrategy: {rollingUpdate: {maxUnavailable: 50%}}",
            "\n  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}",
            "\n  updateStrategy: {type: OnDelete}",
        ],
    );
    let ds = |image: &str| {
        format!(
            "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: agent}}}}{strategy}\n  template:\n    metadata: {{labels: {{app: agent}}}}\n    spec:{selector}{tolerate}\n      terminationGracePeriodSeconds: 3\n      containers: [{{name: agent, image: \"{image}\", command: [sleep, \"100000\"]}}]\n"
        )
    };
    let indent = |text: String, pad: &str| {
        text.lines()
            .map(|l| format!("{pad}{l}\n"))
            .collect::<String>()
    };
    let mut steps = String::new();
    let update_at = 20 + rng.below(60);
    steps.push_str(&format!(
        "  - at: {update_at}s\n    apply: |\n{}",
        indent(ds("agent:v2"), "      ")
    ));
    for _ in 0..rng.below(4) {
        let at = 5 + rng.below(120);
        let n = 1 + rng.below(count);
        let step = match rng.below(4) {
            0 => format!("addNode: {{name: extra-{at}, labels: {{disk: ssd}}}}"),
            1 => format!("removeNode: node-{n}"),
            2 => format!("setNode: {{name: node-{n}, taints: [{{key: gpu, effect: NoExecute}}]}}"),
            _ => format!("setNode: {{name: node-{n}, unschedulable: true}}"),
        };
        steps.push_str(&format!("  - at: {at}s\n    {step}\n"));
    }
    format!(
        "name: random-ds-{seed}\nseed: {seed}\ncluster:\n  nodes:\n{nodes}manifests: |\n{}steps:\n{steps}until: 20m\n",
        indent(ds("agent:v1"), "  ")
    )
}

#[test]
fn random_daemonsets_should_settle_one_up_to_date_pod_per_eligible_node() {
    let until = SimTime(20 * 60 * 1000);
    for seed in 0..SEEDS {
        let text = scenario(seed);
        let parsed =
            podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("seed {seed}: {e:?}\n{text}"));
        let mut sim = Sim::new(parsed);
        // Daemon pods' readiness before each step, to judge what the rolling update deletes.
        let mut ready_before: BTreeMap<String, bool> = BTreeMap::new();
        let mut seen = 0;
        while sim.step_before(until) {
            // maxUnavailable: a round deletes available old pods only while fewer nodes than
            // maxUnavailable are unavailable already (an unavailable old pod may always go).
            for e in &sim.trace()[seen..] {
                let Some(s) = e.change.account::<DaemonSetSync>() else {
                    continue;
                };
                let Some((0, max_unavailable, in_flight)) = s.rollout else {
                    continue;
                };
                let available_deleted = s
                    .deleted
                    .iter()
                    .filter(|p| ready_before.get(*p).copied().unwrap_or(false))
                    .count() as i64;
                assert!(
                    available_deleted <= (max_unavailable - in_flight).max(0),
                    "seed {seed} at {:?}: {available_deleted} available pods deleted with {in_flight} of {max_unavailable} nodes already unavailable\n{text}",
                    e.time
                );
            }
            seen = sim.trace().len();
            ready_before = sim
                .world()
                .store
                .list(Kind::Pod)
                .filter_map(Object::as_pod)
                .map(|p| (p.metadata.name.clone(), p.is_ready()))
                .collect();
            let w = sim.world();
            let Some(Object::DaemonSet(ds)) = w.store.get(Kind::DaemonSet, "default", "agent")
            else {
                continue;
            };
            let surge = text.contains("maxSurge: 1");
            let mut live: BTreeMap<String, usize> = BTreeMap::new();
            for pod in w.store.list(Kind::Pod).filter_map(Object::as_pod) {
                if pod.metadata.is_terminating() || pod.is_terminal() {
                    continue;
                }
                if let Some(node) = podlab::controllers::daemonset::listing::target_node(pod) {
                    *live.entry(node.to_string()).or_default() += 1;
                }
            }
            let most = if surge { 2 } else { 1 };
            if let Some((node, n)) = live.iter().find(|(_, n)| **n > most) {
                panic!(
                    "seed {seed} at {:?}: {n} live daemon pods on {node}\n{text}",
                    w.now
                );
            }
            let _ = ds;
        }
        sim.run_until(until);
        assert!(sim.error().is_none(), "seed {seed}: {:?}", sim.error());
        let w = sim.world();
        let Some(Object::DaemonSet(ds)) = w.store.get(Kind::DaemonSet, "default", "agent") else {
            panic!("seed {seed}: no DaemonSet")
        };
        let on_delete = text.contains("OnDelete");
        for node in w.store.list(Kind::Node).filter_map(Object::as_node) {
            let placement = node_should_run(&ds.spec.template.spec, node);
            let pods: Vec<_> = w
                .store
                .list(Kind::Pod)
                .filter_map(Object::as_pod)
                .filter(|p| !p.metadata.is_terminating())
                .filter(|p| p.node_name() == Some(node.metadata.name.as_str()))
                .collect();
            let name = &node.metadata.name;
            if placement.should_run() {
                assert_eq!(
                    pods.len(),
                    1,
                    "seed {seed}: {name} should run one daemon pod\n{text}"
                );
                let image = &pods[0].spec.containers[0].image;
                if !on_delete {
                    assert_eq!(image, "agent:v2", "seed {seed}: {name} not updated\n{text}");
                }
            } else if !placement.should_continue_running() {
                assert!(
                    pods.is_empty(),
                    "seed {seed}: {name} must not run a daemon pod\n{text}"
                );
            }
        }
    }
}
