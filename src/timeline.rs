//! The timeline view: the lanes the engine records (`engine::timeline`), drawn as SVG, with
//! markers for controller syncs, back-off waits and Warnings read from the trace.

use crate::controllers::record::{JobDecision, JobSync};
use crate::sim::SimTime;

pub mod svg;

/// Something to mark on the timeline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Marker {
    /// The Job controller waits before replacing a failed pod.
    Backoff {
        /// The Job.
        job: String,
        /// When the wait starts.
        from: SimTime,
        /// How long it lasts.
        ms: u64,
    },
    /// A Job controller sync: the ruler of controller times.
    Sync {
        /// When.
        at: SimTime,
        /// The Job.
        job: String,
        /// What it decided.
        decision: JobDecision,
    },
    /// A Warning event.
    Warning {
        /// When.
        at: SimTime,
        /// Its reason.
        reason: String,
        /// `kind/name`.
        object: String,
    },
}

/// The markers of a run, from its trace: each Job sync, each distinct back-off wait once, each
/// Warning once.
pub fn markers(trace: &[std::rc::Rc<crate::sim::TraceEvent>]) -> Vec<Marker> {
    use crate::sim::Change;
    let mut out: Vec<Marker> = Vec::new();
    for e in trace {
        match &e.change {
            Change::Sync(a) => {
                let Some(s) = a.get::<JobSync>() else {
                    continue;
                };
                out.push(Marker::Sync {
                    at: e.time,
                    job: s.job.clone(),
                    decision: s.decision.clone(),
                });
                if let JobDecision::WaitBackoff { remaining_ms, .. } = s.decision {
                    let end = e.time.plus_ms(remaining_ms);
                    let same = out.iter().any(|m| matches!(m, Marker::Backoff { job, from, ms } if *job == s.job && from.plus_ms(*ms) == end));
                    if !same {
                        out.push(Marker::Backoff {
                            job: s.job.clone(),
                            from: e.time,
                            ms: remaining_ms,
                        });
                    }
                }
            }
            Change::Event {
                type_,
                reason,
                object,
                ..
            } if type_ == "Warning" => {
                out.push(Marker::Warning {
                    at: e.time,
                    reason: reason.clone(),
                    object: object.clone(),
                });
            }
            _ => {}
        }
    }
    out
}

/// The markers as drawn: a Job sync (of one Job, acting or not) or a Warning (of one reason)
/// that falls on the same pixel column (`column` of its time) as an earlier one of its kind
/// is folded into it, with how many it stands for. A run with thousands of FailedScheduling
/// Warnings or Job syncs draws at most one mark of each per column.
pub fn fold_markers(marks: &[Marker], column: impl Fn(SimTime) -> i64) -> Vec<(&Marker, usize)> {
    let mut out: Vec<(&Marker, usize)> = Vec::with_capacity(marks.len().min(4_096));
    let mut at: std::collections::BTreeMap<(u8, i64, &str, bool), usize> =
        std::collections::BTreeMap::new();
    for m in marks {
        let key = match m {
            Marker::Backoff { .. } => None,
            Marker::Sync { at, job, decision } => Some((
                0,
                column(*at),
                job.as_str(),
                !matches!(
                    decision,
                    JobDecision::Nothing | JobDecision::WaitExpectations
                ),
            )),
            Marker::Warning { at, reason, .. } => Some((1, column(*at), reason.as_str(), false)),
        };
        match key {
            Some(k) => match at.get(&k) {
                Some(&i) => out[i].1 += 1,
                None => {
                    at.insert(k, out.len());
                    out.push((m, 1));
                }
            },
            None => out.push((m, 1)),
        }
    }
    out
}

#[cfg(test)]
mod marker_tests {
    use super::*;
    use crate::engine::Sim;

    #[test]
    fn marks_on_one_pixel_column_should_be_drawn_once_with_their_count() {
        let warning = |ms: u64, reason: &str, pod: &str| Marker::Warning {
            at: SimTime(ms),
            reason: reason.into(),
            object: format!("pod/{pod}"),
        };
        let sync = |ms: u64, decision: JobDecision| Marker::Sync {
            at: SimTime(ms),
            job: "big".into(),
            decision,
        };
        let marks = vec![
            warning(1_000, "FailedScheduling", "a"),
            sync(1_000, JobDecision::Nothing),
            warning(1_200, "FailedScheduling", "b"),
            warning(1_400, "BackoffLimitExceeded", "c"),
            sync(1_300, JobDecision::Nothing),
            sync(1_400, JobDecision::WaitExpectations),
            warning(2_000, "FailedScheduling", "d"),
        ];
        // One column per second.
        let folded = fold_markers(&marks, |t| (t.0 / 1_000) as i64);
        assert_eq!(
            folded,
            vec![
                (&marks[0], 2),
                (&marks[1], 3),
                (&marks[3], 1),
                (&marks[6], 1)
            ]
        );
    }

    #[test]
    fn back_off_waits_should_be_marked_once_with_their_length() {
        let mut sim = Sim::new(
            crate::scenario::parse(include_str!("../tests/scenarios/job-backoff-never.yaml"))
                .unwrap(),
        );
        sim.run();
        let waits: Vec<(u64, u64)> = markers(sim.trace())
            .into_iter()
            .filter_map(|m| match m {
                Marker::Backoff { from, ms, .. } => Some((from.0, ms)),
                _ => None,
            })
            .collect();
        // Pod 1 fails at 3 s; a sync already due at that instant (batched from an earlier status
        // change) sees it and waits the full 10 s from finishedAt. Pod 2 fails at 16 s: 20 s.
        assert_eq!(waits, vec![(3_000, 10_000), (16_000, 20_000)]);
        assert!(markers(sim.trace()).iter().any(
            |m| matches!(m, Marker::Warning { reason, .. } if reason == "BackoffLimitExceeded")
        ));
        let syncs = markers(sim.trace())
            .into_iter()
            .filter(|m| matches!(m, Marker::Sync { .. }))
            .count();
        let traced = sim
            .trace()
            .iter()
            .filter(|e| {
                e.change
                    .account::<crate::controllers::record::JobSync>()
                    .is_some()
            })
            .count();
        assert_eq!(syncs, traced, "every sync is on the controller ruler");
    }
}
