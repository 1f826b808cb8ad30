//! The readiness prober: a container with a `readinessProbe` is not ready when it starts; it
//! becomes ready after `successThreshold` successful probes, the first one at the first probe
//! tick once `initialDelaySeconds` have passed since it started (the prober worker's ticker runs
//! every `periodSeconds` from the moment the kubelet took the pod, as `pkg/kubelet/prober/worker.go`
//! does). Simulated probes always succeed.

use crate::model::Container;
use crate::sim::SimTime;

/// The timing fields of a readiness probe, with the API server's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Readiness {
    /// `initialDelaySeconds` (default 0).
    pub initial_delay_s: u64,
    /// `periodSeconds` (default 10).
    pub period_s: u64,
    /// `successThreshold` (default 1).
    pub success_threshold: u64,
}

/// The container's readiness probe timing, if it has one.
pub fn readiness(c: &Container) -> Option<Readiness> {
    let probe = c.readiness_probe.as_ref()?;
    let field = |name: &str, default: u64, min: u64| {
        probe
            .get(name)
            .and_then(serde_json::Value::as_i64)
            .map_or(default, |v| v.max(min as i64) as u64)
    };
    Some(Readiness {
        initial_delay_s: field("initialDelaySeconds", 0, 0),
        period_s: field("periodSeconds", 10, 1),
        success_threshold: field("successThreshold", 1, 1),
    })
}

/// When a container that started at `started` becomes ready, for a prober worker whose ticker
/// started at `worker` (a tick at `worker + k·period`; a probe within `initialDelaySeconds` of
/// the start is skipped, comparing whole seconds as the worker does).
pub fn ready_at(worker: SimTime, started: SimTime, r: Readiness) -> SimTime {
    let period = r.period_s * 1000;
    let earliest = started.0 + r.initial_delay_s * 1000;
    // The first tick strictly after the start (the worker probes a running container only).
    let mut tick = if started.0 < worker.0 {
        worker.0
    } else {
        worker.0 + ((started.0 - worker.0) / period + 1) * period
    };
    if tick < earliest {
        tick += (earliest - tick).div_ceil(period) * period;
    }
    SimTime(tick + (r.success_threshold - 1) * period)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn container(probe: &str) -> Container {
        Container {
            readiness_probe: serde_json::from_str(probe).ok(),
            ..Container::default()
        }
    }

    #[test]
    fn probe_fields_take_the_api_defaults() {
        assert_eq!(readiness(&Container::default()), None);
        let r = readiness(&container(r#"{"exec":{"command":["true"]}}"#));
        assert_eq!(
            r,
            Some(Readiness {
                initial_delay_s: 0,
                period_s: 10,
                success_threshold: 1
            })
        );
        let r = readiness(&container(
            r#"{"initialDelaySeconds":5,"periodSeconds":2,"successThreshold":3}"#,
        ));
        assert_eq!(
            r,
            Some(Readiness {
                initial_delay_s: 5,
                period_s: 2,
                success_threshold: 3
            })
        );
    }

    #[test]
    fn ready_at_the_first_tick_after_the_initial_delay() {
        let r = |d, p, s| Readiness {
            initial_delay_s: d,
            period_s: p,
            success_threshold: s,
        };
        // Worker at 0 s, container started at 1 s.
        let rows = [
            (r(0, 10, 1), 10_000), // first tick after the start
            (r(5, 10, 1), 10_000), // 10 s ≥ 1 + 5
            (r(9, 10, 1), 10_000), // 10 s ≥ 1 + 9
            (r(10, 10, 1), 20_000),
            (r(10, 1, 1), 11_000),
            (r(0, 1, 1), 2_000),
            (r(5, 10, 3), 30_000), // three successes, one per period
        ];
        for (probe, want) in rows {
            assert_eq!(
                ready_at(SimTime(0), SimTime(1_000), probe),
                SimTime(want),
                "{probe:?}"
            );
        }
        // A restart long after the worker started keeps the worker's rhythm.
        assert_eq!(
            ready_at(SimTime(0), SimTime(95_000), r(0, 10, 1)),
            SimTime(100_000)
        );
    }
}
