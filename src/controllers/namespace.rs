//! The namespace controller (`pkg/controller/namespace`): a deleted namespace is emptied — every
//! object in it deleted in the background, its Events dropped — and once nothing is left its
//! `kubernetes` finalizer is removed, so that the API server lets it go.

use super::{Reconciler, Requeue};
use crate::api::{self, ApiError, DeleteOptions, Propagation, WatchEvent};
use crate::cluster::{Client, Controller, Informer};
use crate::model::{Kind, Object};
use crate::sim::trace::WatchType;
use crate::sim::{Update, WorkQueue};

/// Informer hook: a terminating namespace is queued, and again whenever an object in it goes.
pub fn on_watch(w: &mut Informer<'_>, queue: &mut WorkQueue, ev: &WatchEvent) {
    let name = match &*ev.object {
        Object::Namespace(ns) if ns.is_terminating() && ev.ty != WatchType::Deleted => {
            ns.metadata.name.clone()
        }
        obj if obj.kind().namespaced() && ev.ty == WatchType::Deleted => {
            let ns = obj.meta().ns();
            let terminating = w
                .store
                .get(Kind::Namespace, "", ns)
                .and_then(Object::as_namespace)
                .is_some_and(|n| n.is_terminating());
            if !terminating {
                return;
            }
            ns.to_string()
        }
        _ => return,
    };
    queue.add(&name);
    super::kick(w, Controller::Namespace, queue, ev.cause());
}

/// The namespace controller.
#[derive(Debug)]
pub struct NamespaceController;

impl Reconciler for NamespaceController {
    type State = WorkQueue;
    type Error = ApiError;
    const CONTROLLER: Controller = Controller::Namespace;
    const COMPONENT: &'static str = "namespace-controller";

    fn queue(state: &mut WorkQueue) -> &mut WorkQueue {
        state
    }

    /// `syncNamespace`: deletes what is left in a terminating namespace; once it is empty,
    /// finalizes it.
    fn reconcile(w: &mut Client<'_>, _: &mut WorkQueue, name: &str) -> Result<Requeue, ApiError> {
        let Some(ns) = api::get(w, Kind::Namespace, "", name)
            .and_then(Object::as_namespace)
            .cloned()
        else {
            return Ok(Requeue::AwaitChange);
        };
        if !ns.is_terminating() {
            return Ok(Requeue::AwaitChange);
        }
        let contents: Vec<(Kind, String, bool)> = Kind::ALL
            .into_iter()
            .filter(|k| k.namespaced())
            .flat_map(|k| {
                w.store
                    .list_in(k, name)
                    .map(move |o| (k, o.meta().name.clone(), o.meta().is_terminating()))
                    .collect::<Vec<_>>()
            })
            .collect();
        if !contents.is_empty() {
            let opts = DeleteOptions {
                grace_period_seconds: None,
                propagation: Some(Propagation::Background),
            };
            for (kind, obj, terminating) in &contents {
                if !terminating {
                    // Already gone or refused: the next sync sees what is left.
                    let _ = api::delete(w, *kind, name, obj, opts);
                }
            }
            return Ok(Requeue::AwaitChange);
        }
        w.store.drop_events_in(name);
        let finalizer = Update::FinalizerRemoved {
            finalizer: crate::model::namespace::KUBERNETES_FINALIZER.into(),
        };
        api::mutate(w, Kind::Namespace, "", name, finalizer, |o| {
            if let Object::Namespace(n) = o {
                n.spec.finalizers.clear();
            }
        })?;
        Ok(Requeue::AwaitChange)
    }
}
