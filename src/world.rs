//! `World`: one simulated cluster with its workload controllers, and the scenario steps still
//! waiting for their `when:` condition: everything the engine checkpoints and seeks.

use crate::cluster::{Cluster, KubeletConfig};
use crate::controllers::ControllerState;
use crate::model::Time;
use std::collections::BTreeSet;
use std::ops::{Deref, DerefMut};

/// The whole simulated world.
#[derive(Clone, Debug)]
pub struct World {
    /// The cluster: store, scheduler, kubelets, node lifecycle, clock and event queue.
    pub cluster: Cluster,
    /// The workload controllers (their informers' queues and in-memory records).
    pub controllers: ControllerState,
    /// Scenario steps waiting for their `when:` condition.
    pub waiting_steps: BTreeSet<usize>,
}

impl World {
    /// A new, empty world.
    pub fn new(seed: u64, start: Time, kubelet_config: KubeletConfig) -> World {
        World {
            cluster: Cluster::new(seed, start, kubelet_config),
            controllers: ControllerState::default(),
            waiting_steps: BTreeSet::new(),
        }
    }
}

impl Deref for World {
    type Target = Cluster;

    fn deref(&self) -> &Cluster {
        &self.cluster
    }
}

impl DerefMut for World {
    fn deref_mut(&mut self) -> &mut Cluster {
        &mut self.cluster
    }
}
