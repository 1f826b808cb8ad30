//! Timeline lanes: each pod's kubectl STATUS over virtual time, recorded as the run happens, so
//! that the UI can draw parallel waves, back-off gaps and deletions without replaying.

use crate::api::WatchEvent;
use crate::model::{Object, Pod};
use crate::output::table::pod_status;
use crate::sim::trace::WatchType;
use crate::sim::SimTime;

/// One pod's history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lane {
    /// The pod.
    pub pod: String,
    /// Its controller, as `kind/name`, if any.
    pub owner: Option<String>,
    /// The node it ran on, once bound.
    pub node: Option<String>,
    /// Status changes: from this time on, this status.
    pub segments: Vec<(SimTime, String)>,
    /// When the pod object went away.
    pub gone: Option<SimTime>,
}

/// All lanes of a run, in order of creation.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The lanes.
    pub lanes: Vec<Lane>,
}

impl Timeline {
    /// Records what the watch events of one step did to pods.
    pub fn record(&mut self, now: SimTime, events: &[WatchEvent]) {
        for ev in events {
            let Object::Pod(pod) = &ev.object else {
                continue;
            };
            let lane = match self
                .lanes
                .iter()
                .position(|l| l.pod == pod.metadata.name && l.gone.is_none())
            {
                Some(i) => &mut self.lanes[i],
                None if ev.ty == WatchType::Deleted => continue,
                None => {
                    self.lanes.push(Lane {
                        pod: pod.metadata.name.clone(),
                        owner: owner(pod),
                        node: None,
                        segments: Vec::new(),
                        gone: None,
                    });
                    self.lanes.last_mut().expect("just pushed")
                }
            };
            if ev.ty == WatchType::Deleted {
                lane.gone = Some(now);
                continue;
            }
            if lane.node.is_none() {
                lane.node = pod.node_name().map(str::to_string);
            }
            let status = pod_status(pod);
            match lane.segments.last_mut() {
                Some((t, s)) if *s == status => {
                    let _ = t;
                }
                Some((t, s)) if *t == now => *s = status,
                _ => lane.segments.push((now, status)),
            }
        }
    }

    /// The timeline as it was at `t`: later changes dropped (for forks).
    pub fn truncate(&self, t: SimTime) -> Timeline {
        let lanes = self
            .lanes
            .iter()
            .filter(|l| l.segments.first().is_some_and(|(s, _)| *s <= t))
            .map(|l| Lane {
                segments: l
                    .segments
                    .iter()
                    .filter(|(s, _)| *s <= t)
                    .cloned()
                    .collect(),
                gone: l.gone.filter(|g| *g <= t),
                ..l.clone()
            })
            .collect();
        Timeline { lanes }
    }
}

fn owner(pod: &Pod) -> Option<String> {
    pod.metadata
        .controller_ref()
        .map(|r| format!("{}/{}", r.kind.to_ascii_lowercase(), r.name))
}

#[cfg(test)]
mod tests {
    use crate::engine::Sim;
    use crate::sim::SimTime;

    #[test]
    fn lanes_should_show_each_wave_of_a_parallel_job() {
        let mut sim = Sim::new(
            crate::scenario::parse(include_str!("../tests/scenarios/job-parallel.yaml")).unwrap(),
        );
        sim.run();
        let lanes = &sim.timeline().lanes;
        assert_eq!(lanes.len(), 8);
        let first: Vec<(u64, &str)> = lanes[0]
            .segments
            .iter()
            .map(|(t, s)| (t.0, s.as_str()))
            .collect();
        // Created, bound and admitted in the same instant: the lane starts at ContainerCreating.
        assert_eq!(
            first,
            vec![
                (0, "ContainerCreating"),
                (1_000, "Running"),
                (11_000, "Completed")
            ]
        );
        assert_eq!(lanes[0].owner.as_deref(), Some("job/batch"));
        let starts: Vec<u64> = lanes.iter().map(|l| l.segments[0].0 .0).collect();
        assert_eq!(
            starts,
            vec![0, 0, 12_000, 12_000, 24_000, 24_000, 36_000, 36_000],
            "four waves"
        );
        let cut = sim.timeline().truncate(SimTime(12_000));
        assert_eq!(cut.lanes.len(), 4);
        assert!(cut.lanes[0].segments.iter().all(|(t, _)| t.0 <= 12_000));
    }
}
