//! The rollout board's data over the built-in rolling-update scenarios: the budget meter counts
//! what the controller counts, the update order grows one round at a time, the next node is
//! named before it is updated, and every node without a pod says why.

use podlab::controllers::record::Placement;
use podlab::engine::Sim;
use podlab::frame::frame_at;
use podlab::rolloutboard::Board;
use podlab::sim::SimTime;

fn sim(name: &str) -> Sim {
    let text = podlab::builtin::find(name).expect("built in").text;
    let mut sim = Sim::new(podlab::scenario::parse(text).expect("valid"));
    sim.run();
    sim
}

fn board(sim: &Sim, secs: u64) -> Board {
    let frame = frame_at(sim, SimTime(secs * 1000), 0);
    assert_eq!(frame.rollouts.len(), 1, "one DaemonSet");
    frame.rollouts[0].clone()
}

#[test]
fn a_rolling_update_should_move_one_node_at_a_time_within_max_unavailable_1() {
    let sim = sim("daemonset-rolling");
    let at_rest = board(&sim, 29);
    assert_eq!(at_rest.revision, Some(1));
    assert_eq!((at_rest.desired, at_rest.updated), (6, 6));
    assert!(at_rest.order.is_empty(), "{:?}", at_rest.order);
    assert!(at_rest.status.1, "{:?}", at_rest.status);
    let b = at_rest.budget.expect("rolling");
    assert_eq!((b.max_unavailable, b.max_surge, b.used), (1, 0, 0));

    let mut seen_next: Option<Vec<String>> = None;
    let mut last_order = 0;
    for t in 31..140 {
        let board = board(&sim, t);
        let b = board.budget.expect("rolling");
        assert!(
            b.used <= 1,
            "{t}s: {} unavailable > maxUnavailable 1",
            b.used
        );
        assert!(
            board.order.len() >= last_order,
            "{t}s: the order never shrinks"
        );
        // A node named as next is the one the order gains next.
        if board.order.len() > last_order {
            if let Some(next) = &seen_next {
                assert_eq!(&board.order[last_order..], &next[..], "{t}s");
            }
        }
        last_order = board.order.len();
        seen_next = board.next.as_ref().map(|n| n.nodes.clone());
        if let Some(n) = &board.next {
            assert!(n.at.0 > t * 1000, "{t}s: next is in the future");
            let flagged: Vec<&str> = board
                .nodes
                .iter()
                .filter(|c| c.next)
                .map(|c| c.node.as_str())
                .collect();
            assert_eq!(
                flagged,
                n.nodes.iter().map(String::as_str).collect::<Vec<_>>()
            );
        }
    }
    let done = board(&sim, 140);
    assert_eq!(done.revision, Some(2));
    assert_eq!(done.order.len(), 6, "{:?}", done.order);
    let mut sorted = done.order.clone();
    podlab::sort::sort(&mut sorted);
    sorted.dedup();
    assert_eq!(sorted.len(), 6, "each node once");
    assert!(done.next.is_none());
    assert_eq!(
        done.status,
        (
            "daemon set \"node-agent\" successfully rolled out".to_string(),
            true
        )
    );
    for (i, n) in done.nodes.iter().enumerate() {
        assert!(n.order.is_some(), "{}", n.node);
        assert!(
            n.pods.iter().all(|p| p.updated && p.revision == Some(2)),
            "{i}: {:?}",
            n.pods
        );
    }
}

#[test]
fn the_budget_should_follow_max_unavailable_2_and_50_percent() {
    let sim = sim("daemonset-rolling");
    let b = board(&sim, 156);
    let budget = b.budget.expect("rolling");
    assert_eq!((budget.max_unavailable, budget.used), (2, 2));
    assert_eq!(b.order.len(), 2);
    assert_eq!(b.nodes.iter().filter(|n| n.in_flight).count(), 2);
    assert!(
        b.status.0.contains("2 out of 6 new pods have been updated"),
        "{:?}",
        b.status
    );
    let b = board(&sim, 246);
    let budget = b.budget.expect("rolling");
    assert_eq!(
        (budget.max_unavailable, budget.used),
        (3, 3),
        "50% of 6 rounds up to 3"
    );
}

#[test]
fn surge_should_count_nodes_running_two_pods() {
    let sim = sim("daemonset-surge");
    let b = board(&sim, 31);
    let budget = b.budget.expect("rolling");
    assert_eq!(
        (budget.max_surge, budget.max_unavailable, budget.used),
        (1, 0, 1)
    );
    let surging: Vec<_> = b.nodes.iter().filter(|n| n.pods.len() == 2).collect();
    assert_eq!(surging.len(), 1);
    assert!(surging[0].in_flight);
    assert!(
        !surging[0].pods[0].updated && surging[0].pods[1].updated,
        "old first"
    );
}

#[test]
fn on_delete_should_have_no_budget_and_kubectl_refuses_status() {
    let sim = sim("daemonset-ondelete");
    let b = board(&sim, 50);
    assert_eq!(b.strategy, "OnDelete");
    assert!(b.budget.is_none() && b.next.is_none());
    assert_eq!(
        b.status.0,
        "error: rollout status is only available for RollingUpdate strategy type"
    );
}

#[test]
fn a_node_without_a_pod_should_say_why() {
    let sim = sim("daemonset-no-toleration");
    let b = board(&sim, 30);
    let cp = b
        .nodes
        .iter()
        .find(|n| n.node == "control-plane")
        .expect("node");
    assert!(cp.pods.is_empty());
    assert_eq!(
        cp.placement,
        Some(Placement::NoScheduleTaint {
            taint: "node-role.kubernetes.io/control-plane:NoSchedule".into()
        })
    );
    assert!(!cp.in_flight);
}

#[test]
fn a_rollback_should_keep_the_nodes_that_already_match() {
    let sim = sim("daemonset-rollback");
    let stalled = board(&sim, 85);
    assert_eq!(stalled.revision, Some(2));
    assert_eq!(stalled.order.len(), 1, "the rollout stops after one node");
    assert_eq!(stalled.budget.expect("rolling").used, 1);
    assert!(stalled.next.is_none(), "no further round in this revision");
    let back = board(&sim, 120);
    assert_eq!(back.revision, Some(3));
    assert_eq!(back.updated, 4);
    assert_eq!(back.order.len(), 1, "only the broken node is updated again");
    assert_eq!(back.order, stalled.order);
}
