//! The DaemonSet controller over whole runs: OnDelete waits for a deleted pod, maxSurge starts
//! the new pod before stopping the old one, a rollback re-uses the old ControllerRevision with
//! a new revision number, and a node that leaves takes its daemon pod with it.

use podlab::controllers::record::DaemonSetSync;
use podlab::engine::Sim;
use podlab::model::{Kind, Object};
use podlab::sim::{Change, SimTime};

fn ds(image: &str, strategy: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {{name: agent}}\nspec:\n  selector: {{matchLabels: {{app: agent}}}}{strategy}\n  template:\n    metadata: {{labels: {{app: agent}}}}\n    spec:\n      terminationGracePeriodSeconds: 10\n      containers: [{{name: agent, image: \"{image}\", command: [sleep, \"100000\"]}}]\n"
    )
}

fn indent(text: &str, pad: &str) -> String {
    text.lines().map(|l| format!("{pad}{l}\n")).collect()
}

fn run(manifest: &str, steps: &[(u64, String)], until: &str) -> Sim {
    let mut text = format!(
        "name: t\ncluster:\n  nodes: 3\nmanifests: |\n{}",
        indent(manifest, "  ")
    );
    if !steps.is_empty() {
        text.push_str("steps:\n");
        for (at, step) in steps {
            text.push_str(&format!("  - at: {at}s\n{}", indent(step, "    ")));
        }
    }
    text.push_str(&format!("until: {until}\n"));
    let mut sim =
        Sim::new(podlab::scenario::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}")));
    sim.run();
    sim
}

fn apply(manifest: &str) -> String {
    format!("apply: |\n{}", indent(manifest, "  "))
}

fn images(w: &podlab::world::World) -> Vec<String> {
    w.store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| !p.metadata.is_terminating())
        .map(|p| p.spec.containers[0].image.clone())
        .collect()
}

/// The node of every bound pod.
fn pod_nodes(sim: &Sim) -> Vec<String> {
    sim.world()
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter_map(|p| p.node_name().map(str::to_string))
        .collect()
}

/// The DaemonSet's `status.desiredNumberScheduled`.
fn desired(sim: &Sim) -> i32 {
    let Some(Object::DaemonSet(d)) = sim.world().store.get(Kind::DaemonSet, "default", "agent")
    else {
        panic!("the DaemonSet exists")
    };
    d.status.as_ref().map_or(0, |s| s.desired_number_scheduled)
}

#[test]
fn on_delete_should_wait_until_a_pod_is_deleted() {
    let on_delete = "\n  updateStrategy: {type: OnDelete}";
    let probe = run(&ds("agent:v1", on_delete), &[], "10s");
    let victim = probe
        .world()
        .store
        .list(Kind::Pod)
        .map(|o| o.meta().name.clone())
        .next()
        .unwrap();
    let sim = run(
        &ds("agent:v1", on_delete),
        &[
            (20, apply(&ds("agent:v2", on_delete))),
            (60, format!("delete: pod/{victim}")),
        ],
        "2m",
    );
    let at_50 = sim.seek(SimTime(50_000));
    assert_eq!(
        images(&at_50),
        ["agent:v1"; 3],
        "nothing changes on its own"
    );
    let mut end = images(sim.world());
    podlab::sort::sort(&mut end);
    assert_eq!(
        end,
        ["agent:v1", "agent:v1", "agent:v2"],
        "only the deleted pod comes back new"
    );
}

#[test]
fn surge_should_start_the_new_pod_before_stopping_the_old_one() {
    let surge = "\n  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}";
    let sim = run(
        &ds("agent:v1", surge),
        &[(20, apply(&ds("agent:v2", surge)))],
        "3m",
    );
    // The first change after the update is a creation, not a deletion.
    let first = sim
        .trace()
        .iter()
        .filter(|e| e.time.0 >= 20_000)
        .find_map(|e| match &e.change {
            Change::Created {
                kind: Kind::Pod, ..
            } => Some("create"),
            Change::DeleteRequested {
                kind: Kind::Pod, ..
            } => Some("delete"),
            _ => None,
        });
    assert_eq!(first, Some("create"));
    assert_eq!(images(sim.world()), ["agent:v2"; 3]);
}

#[test]
fn a_rollback_should_reuse_the_old_revision_with_a_new_number() {
    let sim = run(
        &ds("agent:v1", ""),
        &[
            (20, apply(&ds("agent:v2", ""))),
            (120, apply(&ds("agent:v1", ""))),
        ],
        "4m",
    );
    let revisions: Vec<(String, i64)> = sim
        .world()
        .store
        .list(Kind::ControllerRevision)
        .filter_map(|o| match o {
            Object::ControllerRevision(c) => Some((
                c.metadata.labels["controller-revision-hash"].clone(),
                c.revision,
            )),
            _ => None,
        })
        .collect();
    assert_eq!(revisions.len(), 2, "{revisions:?}");
    let first = sim.seek(SimTime(10_000));
    let v1_hash = first
        .store
        .list(Kind::ControllerRevision)
        .map(|o| o.meta().labels["controller-revision-hash"].clone())
        .next()
        .unwrap();
    assert!(
        revisions.contains(&(v1_hash, 3)),
        "v1's revision is now 3: {revisions:?}"
    );
    assert_eq!(images(sim.world()), ["agent:v1"; 3]);
    let Some(Object::DaemonSet(d)) = sim.world().store.get(Kind::DaemonSet, "default", "agent")
    else {
        panic!()
    };
    assert_eq!(
        d.metadata.annotations["deprecated.daemonset.template.generation"],
        "3"
    );
}

#[test]
fn a_node_that_leaves_should_take_its_daemon_pod_with_it() {
    let sim = run(
        &ds("agent:v1", ""),
        &[(20, "removeNode: node-2".into())],
        "3m",
    );
    let pods = pod_nodes(&sim);
    assert_eq!(pods.len(), 2, "{pods:?}");
    assert!(!pods.contains(&"node-2".to_string()));
    assert_eq!(desired(&sim), 2);
}

#[test]
fn the_api_server_should_bump_generation_before_the_controller_sees_the_change() {
    // apps' PrepareForUpdate bumps metadata.generation on a spec change; the controller only
    // reports it back later, as status.observedGeneration.
    let sim = run(&ds("fluentd:v1", ""), &[], "30s");
    let manifests = podlab::api::manifest::parse_manifests(&ds("fluentd:v2", "")).unwrap();
    let (after, refused) =
        podlab::engine::dry_run(sim.world(), &podlab::scenario::Action::Apply(manifests));
    assert!(refused.is_empty(), "{refused:?}");
    let d = after
        .store
        .get(Kind::DaemonSet, "default", "agent")
        .and_then(Object::as_daemonset)
        .unwrap();
    assert_eq!(d.metadata.generation, Some(2));
    assert_eq!(
        d.status.as_ref().and_then(|s| s.observed_generation),
        Some(1)
    );
}

#[test]
fn a_new_node_should_queue_only_the_daemonsets_that_should_run_there() {
    // addNode: NodeShouldRunDaemonPod decides which DaemonSets are queued.
    let selective = ds("agent:v1", "")
        .replace("name: agent", "name: ssd-only")
        .replace("app: agent", "app: ssd")
        .replace(
            "    spec:\n",
            "    spec:\n      nodeSelector: {disk: ssd}\n",
        );
    let sim = run(
        &format!("{}---\n{selective}", ds("agent:v1", "")),
        &[],
        "30s",
    );
    let mut added = sim.fork(
        SimTime(30_000),
        podlab::scenario::Action::AddNode(podlab::scenario::NodeDef {
            name: "node-9".into(),
            ..Default::default()
        }),
    );
    added.run();
    let synced: Vec<String> = added
        .trace()
        .iter()
        .filter(|e| e.time == SimTime(30_000))
        .filter_map(|e| {
            e.change
                .account::<DaemonSetSync>()
                .map(|s| s.daemonset.clone())
        })
        .collect();
    assert!(synced.contains(&"agent".to_string()), "{synced:?}");
    assert!(!synced.contains(&"ssd-only".to_string()), "{synced:?}");
}

/// A new template that narrows the nodes (here to one, by its hostname label) is judged
/// afresh although no node changed: the other nodes' pods go.
#[test]
fn a_template_that_narrows_its_nodes_should_take_the_other_nodes_pods_away() {
    let narrowed = ds("agent:v1", "").replace(
        "      terminationGracePeriodSeconds: 10\n",
        "      terminationGracePeriodSeconds: 10\n      nodeSelector: {kubernetes.io/hostname: node-1}\n",
    );
    let sim = run(&ds("agent:v1", ""), &[(20, apply(&narrowed))], "3m");
    assert_eq!(pod_nodes(&sim), ["node-1"]);
    assert_eq!(desired(&sim), 1);
}
