//! Timeline lanes: each pod's kubectl STATUS over virtual time, recorded by the engine as the run
//! happens, so that views can draw parallel waves, back-off gaps and deletions without replaying.

use crate::api::WatchEvent;
use crate::model::{Object, Pod};
use crate::sim::trace::WatchType;
use crate::sim::SimTime;
use std::collections::BTreeMap;

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
    /// The lane of each pod that still exists, by name.
    live: BTreeMap<String, usize>,
}

impl Timeline {
    /// Records what the watch events of one step did to pods.
    pub fn record(&mut self, now: SimTime, events: &[WatchEvent]) {
        for ev in events {
            let Object::Pod(pod) = &*ev.object else {
                continue;
            };
            let lane = match self.live.get(&pod.metadata.name) {
                Some(&i) => &mut self.lanes[i],
                None if ev.ty == WatchType::Deleted => continue,
                None => {
                    self.live
                        .insert(pod.metadata.name.clone(), self.lanes.len());
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
                self.live.remove(&pod.metadata.name);
                continue;
            }
            if lane.node.is_none() {
                lane.node = pod.node_name().map(str::to_string);
            }
            let status = pod.display_status();
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
            .collect::<Vec<Lane>>();
        let live = lanes
            .iter()
            .enumerate()
            .filter(|(_, l)| l.gone.is_none())
            .map(|(i, l)| (l.pod.clone(), i))
            .collect();
        Timeline { lanes, live }
    }
}

/// Above this many pods the timeline shows groups instead of one row per pod.
pub const MAX_POD_ROWS: usize = 200;

/// How many pods of one owner were in one status, over time (the timeline's rows when there
/// are too many pods for a row each).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Group {
    /// The owner (`kind/name`), or `None` for pods without a controller.
    pub owner: Option<String>,
    /// The kubectl STATUS.
    pub status: String,
    /// From each time on, this many pods (the last one lasts to the end of the run).
    pub counts: Vec<(SimTime, usize)>,
    /// The most at any time.
    pub max: usize,
}

impl Timeline {
    /// The lanes grouped by owner and status, with the number of pods in each over time, in the
    /// order the groups first appear.
    pub fn groups(&self) -> Vec<Group> {
        // Per (owner, status): +1 / -1 at each time a pod enters or leaves that status.
        let mut steps: BTreeMap<(Option<&str>, &str), BTreeMap<SimTime, i64>> = BTreeMap::new();
        let mut order: Vec<(Option<&str>, &str)> = Vec::new();
        for lane in &self.lanes {
            let owner = lane.owner.as_deref();
            for (i, (from, status)) in lane.segments.iter().enumerate() {
                let until = lane.segments.get(i + 1).map(|(t, _)| *t).or(lane.gone);
                let key = (owner, status.as_str());
                if !steps.contains_key(&key) {
                    order.push(key);
                }
                let deltas = steps.entry(key).or_default();
                *deltas.entry(*from).or_default() += 1;
                if let Some(t) = until {
                    *deltas.entry(t).or_default() -= 1;
                }
            }
        }
        order
            .into_iter()
            .map(|key| {
                let mut n: i64 = 0;
                let mut counts: Vec<(SimTime, usize)> = Vec::new();
                for (t, d) in &steps[&key] {
                    n += d;
                    let c = n.max(0) as usize;
                    match counts.last_mut() {
                        Some((_, last)) if *last == c => {}
                        _ => counts.push((*t, c)),
                    }
                }
                let max = counts.iter().map(|(_, c)| *c).max().unwrap_or(0);
                Group {
                    owner: key.0.map(str::to_string),
                    status: key.1.to_string(),
                    counts,
                    max,
                }
            })
            .collect()
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
    fn groups_should_count_the_pods_of_each_owner_in_each_status() {
        let mut sim = Sim::new(
            crate::scenario::parse(include_str!("../../tests/scenarios/job-parallel.yaml"))
                .unwrap(),
        );
        sim.run();
        let groups = sim.timeline().groups();
        let running = groups
            .iter()
            .find(|g| g.status == "Running")
            .expect("a Running group");
        assert_eq!(running.owner.as_deref(), Some("job/batch"));
        assert_eq!(running.max, 2, "parallelism 2");
        let completed = groups.iter().find(|g| g.status == "Completed").unwrap();
        assert_eq!(completed.counts.last().map(|(_, c)| *c), Some(8));
        // At every moment, the groups of a lane add up to the pods that exist then.
        let at = |g: &super::Group, t: SimTime| {
            g.counts
                .iter()
                .rev()
                .find(|(s, _)| *s <= t)
                .map_or(0, |(_, c)| *c)
        };
        for t in [SimTime(3_000), SimTime(14_000), SimTime(40_000)] {
            let pods = sim
                .timeline()
                .lanes
                .iter()
                .filter(|l| l.segments[0].0 <= t && l.gone.is_none_or(|g| g > t))
                .count();
            assert_eq!(groups.iter().map(|g| at(g, t)).sum::<usize>(), pods, "{t}");
        }
    }

    #[test]
    fn lanes_should_show_each_wave_of_a_parallel_job() {
        let mut sim = Sim::new(
            crate::scenario::parse(include_str!("../../tests/scenarios/job-parallel.yaml"))
                .unwrap(),
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
