//! The scenarios shipped with podlab (the same files the scenario tests run).

/// A built-in scenario: its id and its YAML text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Builtin {
    /// The scenario's `name`.
    pub id: &'static str,
    /// The scenario file.
    pub text: &'static str,
}

/// Every built-in scenario, the first being the one the app opens with.
pub const BUILTINS: &[Builtin] = &[
    Builtin {
        id: "bare-pods",
        text: include_str!("../tests/scenarios/bare-pods.yaml"),
    },
    Builtin {
        id: "job-pi",
        text: include_str!("../tests/scenarios/job-pi.yaml"),
    },
    Builtin {
        id: "job-parallel",
        text: include_str!("../tests/scenarios/job-parallel.yaml"),
    },
    Builtin {
        id: "job-serial",
        text: include_str!("../tests/scenarios/job-serial.yaml"),
    },
    Builtin {
        id: "job-work-queue",
        text: include_str!("../tests/scenarios/job-work-queue.yaml"),
    },
    Builtin {
        id: "job-backoff-never",
        text: include_str!("../tests/scenarios/job-backoff-never.yaml"),
    },
    Builtin {
        id: "job-backoff-onfailure",
        text: include_str!("../tests/scenarios/job-backoff-onfailure.yaml"),
    },
    Builtin {
        id: "job-deadline",
        text: include_str!("../tests/scenarios/job-deadline.yaml"),
    },
    Builtin {
        id: "job-indexed",
        text: include_str!("../tests/scenarios/job-indexed.yaml"),
    },
    Builtin {
        id: "job-indexed-serial",
        text: include_str!("../tests/scenarios/job-indexed-serial.yaml"),
    },
    Builtin {
        id: "job-suspend",
        text: include_str!("../tests/scenarios/job-suspend.yaml"),
    },
    Builtin {
        id: "job-ttl",
        text: include_str!("../tests/scenarios/job-ttl.yaml"),
    },
    Builtin {
        id: "job-pod-failure-policy",
        text: include_str!("../tests/scenarios/job-pod-failure-policy.yaml"),
    },
    Builtin {
        id: "job-indexed-init",
        text: include_str!("../tests/scenarios/job-indexed-init.yaml"),
    },
    Builtin {
        id: "job-sidecar",
        text: include_str!("../tests/scenarios/job-sidecar.yaml"),
    },
    Builtin {
        id: "job-failindex",
        text: include_str!("../tests/scenarios/job-failindex.yaml"),
    },
    Builtin {
        id: "cronjob-hello",
        text: include_str!("../tests/scenarios/cronjob-hello.yaml"),
    },
    Builtin {
        id: "cronjob-concurrency",
        text: include_str!("../tests/scenarios/cronjob-concurrency.yaml"),
    },
    Builtin {
        id: "cronjob-suspend",
        text: include_str!("../tests/scenarios/cronjob-suspend.yaml"),
    },
    Builtin {
        id: "cronjob-failed-history",
        text: include_str!("../tests/scenarios/cronjob-failed-history.yaml"),
    },
    Builtin {
        id: "cronjob-timezone",
        text: include_str!("../tests/scenarios/cronjob-timezone.yaml"),
    },
    Builtin {
        id: "cronjob-deadline",
        text: include_str!("../tests/scenarios/cronjob-deadline.yaml"),
    },
    Builtin {
        id: "cronjob-dom-dow",
        text: include_str!("../tests/scenarios/cronjob-dom-dow.yaml"),
    },
    Builtin {
        id: "daemonset-fluentd",
        text: include_str!("../tests/scenarios/daemonset-fluentd.yaml"),
    },
    Builtin {
        id: "daemonset-taints",
        text: include_str!("../tests/scenarios/daemonset-taints.yaml"),
    },
    Builtin {
        id: "daemonset-no-toleration",
        text: include_str!("../tests/scenarios/daemonset-no-toleration.yaml"),
    },
    Builtin {
        id: "daemonset-node-selector",
        text: include_str!("../tests/scenarios/daemonset-node-selector.yaml"),
    },
    Builtin {
        id: "daemonset-node-churn",
        text: include_str!("../tests/scenarios/daemonset-node-churn.yaml"),
    },
    Builtin {
        id: "daemonset-crash",
        text: include_str!("../tests/scenarios/daemonset-crash.yaml"),
    },
    Builtin {
        id: "daemonset-rolling",
        text: include_str!("../tests/scenarios/daemonset-rolling.yaml"),
    },
    Builtin {
        id: "daemonset-surge",
        text: include_str!("../tests/scenarios/daemonset-surge.yaml"),
    },
    Builtin {
        id: "daemonset-ondelete",
        text: include_str!("../tests/scenarios/daemonset-ondelete.yaml"),
    },
    Builtin {
        id: "daemonset-rollback",
        text: include_str!("../tests/scenarios/daemonset-rollback.yaml"),
    },
    Builtin {
        id: "job-backoff-per-index",
        text: include_str!("../tests/scenarios/job-backoff-per-index.yaml"),
    },
    Builtin {
        id: "job-scale",
        text: include_str!("../tests/scenarios/job-scale.yaml"),
    },
    Builtin {
        id: "job-chained",
        text: include_str!("../tests/scenarios/job-chained.yaml"),
    },
    Builtin {
        id: "restart-policies",
        text: include_str!("../tests/scenarios/restart-policies.yaml"),
    },
    Builtin {
        id: "crash-backoff",
        text: include_str!("../tests/scenarios/crash-backoff.yaml"),
    },
    Builtin {
        id: "graceful-delete",
        text: include_str!("../tests/scenarios/graceful-delete.yaml"),
    },
    Builtin {
        id: "scheduling",
        text: include_str!("../tests/scenarios/scheduling.yaml"),
    },
    Builtin {
        id: "node-not-ready",
        text: include_str!("../tests/scenarios/node-not-ready.yaml"),
    },
    Builtin {
        id: "node-removed",
        text: include_str!("../tests/scenarios/node-removed.yaml"),
    },
    Builtin {
        id: "deadline",
        text: include_str!("../tests/scenarios/deadline.yaml"),
    },
    Builtin {
        id: "timeline-steps",
        text: include_str!("../tests/scenarios/timeline-steps.yaml"),
    },
    Builtin {
        id: "stress-1000-pods",
        text: include_str!("../tests/scenarios/stress-1000-pods.yaml"),
    },
];

/// Looks a built-in scenario up by id.
pub fn find(id: &str) -> Option<&'static Builtin> {
    BUILTINS.iter().find(|b| b.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_builtin_should_parse_and_carry_its_own_name() {
        for b in BUILTINS {
            let s = crate::scenario::parse(b.text).unwrap_or_else(|e| panic!("{}: {e:?}", b.id));
            assert_eq!(s.name, b.id);
            assert!(
                !s.title.en.is_empty() && !s.title.zh.is_empty(),
                "{} needs a bilingual title",
                b.id
            );
        }
    }
}
