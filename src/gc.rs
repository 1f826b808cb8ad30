//! The garbage collector: cascading deletion through ownerReferences. Dependents whose owners
//! are all gone are deleted (background); an owner deleted with `orphan` has its dependents'
//! references removed; an owner deleted in the foreground waits for its blocking dependents.

use crate::api::{self, DeleteOptions, WatchEvent};
use crate::cluster::{Client, Cluster, Event, Informer, Schedule};
use crate::model::{Kind, Object};
use crate::sim::trace::WatchType;
use crate::sim::{Actor, Update};

/// Informer hook: every kind is watched.
pub fn on_watch(w: &mut Informer<'_>, ev: &WatchEvent) {
    let meta = ev.object.meta();
    let cause = ev.cause();
    let uid = meta.uid().to_string();
    let collecting = meta.deletion_timestamp.is_some()
        && meta
            .finalizers
            .iter()
            .any(|f| f == "orphan" || f == "foregroundDeletion");
    if ev.ty == WatchType::Deleted || collecting {
        w.schedule_once(
            w.now,
            Event::GarbageCollect { owner_uid: uid },
            cause.clone(),
        );
    }
    if ev.ty == WatchType::Deleted {
        // A dependent that goes away may let a foreground-deleting owner finish.
        for r in &meta.owner_references {
            if w.store.get_by_uid(&r.uid).is_some_and(|o| {
                o.meta()
                    .finalizers
                    .iter()
                    .any(|f| f == "foregroundDeletion")
            }) {
                w.schedule_once(
                    w.now,
                    Event::GarbageCollect {
                        owner_uid: r.uid.clone(),
                    },
                    cause.clone(),
                );
            }
        }
    } else if !meta.owner_references.is_empty() && ev.ty == WatchType::Added {
        let e = Event::CheckOwners {
            kind: ev.object.kind(),
            namespace: meta.ns().to_string(),
            name: meta.name.clone(),
        };
        w.schedule_once(w.now, e, cause);
    }
}

/// Processes the dependents of one owner.
pub fn collect(c: &mut Cluster, owner_uid: &str) {
    let w = &mut c.client(Actor::GarbageCollector);
    let owner = w.store.get_by_uid(owner_uid).cloned();
    let dependents: Vec<(Kind, String, String)> = w
        .store
        .dependents(owner_uid)
        .map(|o| (o.kind(), o.meta().ns().to_string(), o.meta().name.clone()))
        .collect();
    match owner {
        None => {
            for (kind, ns, name) in dependents {
                check_owners(w, kind, &ns, &name);
            }
        }
        Some(owner) => {
            let finalizers = &owner.meta().finalizers;
            if finalizers.iter().any(|f| f == "orphan") {
                for (kind, ns, name) in &dependents {
                    let _ = api::mutate(
                        w,
                        *kind,
                        ns,
                        name,
                        Update::OwnerRemoved { orphaned: true },
                        |o| {
                            o.meta_mut().owner_references.retain(|r| r.uid != owner_uid);
                        },
                    );
                }
                remove_finalizer(w, &owner, "orphan");
            } else if finalizers.iter().any(|f| f == "foregroundDeletion") {
                let mut blocking = 0;
                for (kind, ns, name) in &dependents {
                    let Some(dep) = w.store.get_shared(*kind, ns, name) else {
                        continue;
                    };
                    if dep
                        .meta()
                        .owner_references
                        .iter()
                        .any(|r| r.uid == owner_uid && r.block_owner_deletion == Some(true))
                    {
                        blocking += 1;
                    }
                    if !dep.meta().is_terminating() {
                        let _ = api::delete(w, *kind, ns, name, DeleteOptions::default());
                    }
                }
                if blocking == 0 {
                    remove_finalizer(w, &owner, "foregroundDeletion");
                }
            }
        }
    }
}

fn remove_finalizer(w: &mut Client<'_>, owner: &Object, finalizer: &str) {
    let _ = api::mutate(
        w,
        owner.kind(),
        owner.meta().ns(),
        &owner.meta().name,
        Update::FinalizerRemoved {
            finalizer: finalizer.into(),
        },
        |o| {
            o.meta_mut().finalizers.retain(|f| f != finalizer);
        },
    );
}

/// Deletes a dependent none of whose owners exist; drops references to absent owners otherwise.
pub fn check_owners(c: &mut Cluster, kind: Kind, namespace: &str, name: &str) {
    let w = &mut c.client(Actor::GarbageCollector);
    let Some(obj) = w.store.get_shared(kind, namespace, name) else {
        return;
    };
    let refs = &obj.meta().owner_references;
    if refs.is_empty() {
        return;
    }
    let present: Vec<bool> = refs
        .iter()
        .map(|r| w.store.get_by_uid(&r.uid).is_some())
        .collect();
    if present.iter().all(|p| !p) {
        if !obj.meta().is_terminating() {
            let _ = api::delete(w, kind, namespace, name, DeleteOptions::default());
        }
    } else if present.iter().any(|p| !p) {
        let live: Vec<String> = refs
            .iter()
            .zip(&present)
            .filter(|(_, p)| **p)
            .map(|(r, _)| r.uid.clone())
            .collect();
        let _ = api::mutate(
            w,
            kind,
            namespace,
            name,
            Update::OwnerRemoved { orphaned: false },
            |o| {
                o.meta_mut()
                    .owner_references
                    .retain(|r| live.contains(&r.uid));
            },
        );
    }
}
