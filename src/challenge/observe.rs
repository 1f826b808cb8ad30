//! What a judge asks of a run: its moments from the attempt on (each world after every event
//! at that time), the world at the end, and the objects a goal talks about — a Job's pods,
//! a CronJob's Jobs, a DaemonSet's pods by node.

use crate::engine::{Cursor, Sim};
use crate::model::job::Job;
use crate::model::{Kind, Object, Pod};
use crate::sim::SimTime;
use crate::world::World;

/// A finished run, seen from a moment on.
pub struct Run<'a> {
    sim: &'a Sim,
    from: SimTime,
}

impl<'a> Run<'a> {
    /// The run `sim`, watched from `from` (the attempt's moment).
    pub fn new(sim: &'a Sim, from: SimTime) -> Run<'a> {
        Run { sim, from }
    }

    /// When the attempt was applied.
    pub fn from(&self) -> SimTime {
        self.from
    }

    /// The challenge's scenario (its cluster and kubelet settings).
    pub fn scenario(&self) -> &crate::scenario::Scenario {
        self.sim.scenario()
    }

    /// The world at the end.
    pub fn end(&self) -> &World {
        self.sim.world()
    }

    /// Calls `f` with every moment at which something happened (from `from`, which is
    /// always included), in order, with the world after everything at that moment.
    pub fn each_moment(&self, mut f: impl FnMut(SimTime, &World)) {
        let mut times: Vec<SimTime> = vec![self.from];
        times.extend(
            self.sim
                .trace()
                .iter()
                .map(|e| e.time)
                .filter(|t| *t > self.from),
        );
        times.dedup();
        let mut cursor = Cursor::default();
        for t in times {
            let world = self.sim.seek_cursor(&mut cursor, t);
            f(t, world);
        }
    }
}

/// An object's controller, if it is of `kind` and named `name`.
fn owned_by(o: &Object, kind: Kind, name: &str) -> bool {
    o.meta()
        .controller_ref()
        .is_some_and(|r| r.kind == kind.name() && r.name == name)
}

/// The Job named `name` in `default`.
pub fn job<'w>(w: &'w World, name: &str) -> Option<&'w Job> {
    w.store
        .get(Kind::Job, crate::model::DEFAULT_NAMESPACE, name)
        .and_then(Object::as_job)
}

/// The pods a controller (`kind`, `name`) owns.
pub fn pods_of<'w>(w: &'w World, kind: Kind, name: &str) -> Vec<&'w Pod> {
    w.store
        .list(Kind::Pod)
        .filter(|o| owned_by(o, kind, name))
        .filter_map(Object::as_pod)
        .collect()
}

/// The Jobs a CronJob owns.
pub fn jobs_of<'w>(w: &'w World, cronjob: &str) -> Vec<&'w Job> {
    w.store
        .list(Kind::Job)
        .filter(|o| owned_by(o, Kind::CronJob, cronjob))
        .filter_map(Object::as_job)
        .collect()
}

/// Running (phase Running, not being deleted).
pub fn running(p: &Pod) -> bool {
    p.phase() == "Running" && !p.metadata.is_terminating()
}

/// Ready and not being deleted.
pub fn ready(p: &Pod) -> bool {
    p.is_ready() && !p.metadata.is_terminating()
}

/// The node a pod is bound to.
pub fn node_of(p: &Pod) -> Option<&str> {
    p.spec.node_name.as_deref()
}

/// The first container's image.
pub fn image(p: &Pod) -> &str {
    p.spec.containers.first().map_or("", |c| c.image.as_str())
}

/// The names of the cluster's nodes, in counting order.
pub fn nodes(w: &World) -> Vec<String> {
    let mut names: Vec<String> = w
        .store
        .list(Kind::Node)
        .map(|o| o.meta().name.clone())
        .collect();
    crate::sort::sort_by(&mut names, |a, b| crate::output::natural_order(a, b));
    names
}
