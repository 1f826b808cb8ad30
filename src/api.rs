//! The in-memory API server: the store, create / update / delete with the metadata the real
//! server sets, watch events for informers, the event recorder, and manifest admission.

mod error;
pub mod manifest;
mod recorder;
mod store;

pub use error::ApiError;
pub use recorder::{record_event, EventTarget};
pub use store::{DeleteOptions, Propagation, Store, WatchEvent};

use crate::model::{Kind, Node, Object, Pod};
use crate::sim::trace::WatchType;
use crate::sim::Change;
use crate::world::World;

/// The namespace every namespaced object lives in.
pub const NAMESPACE: &str = "default";

/// Reads an object.
pub fn get<'w>(w: &'w World, kind: Kind, name: &str) -> Option<&'w Object> {
    w.store.get(kind, name)
}

/// Reads a pod.
pub fn pod<'w>(w: &'w World, name: &str) -> Option<&'w Pod> {
    w.store.get(Kind::Pod, name).and_then(Object::as_pod)
}

/// Reads a node.
pub fn node<'w>(w: &'w World, name: &str) -> Option<&'w Node> {
    w.store.get(Kind::Node, name).and_then(Object::as_node)
}

/// Creates an object: fills uid, resourceVersion, creationTimestamp, generation and a generated
/// name, then stores it and emits ADDED.
pub fn create(w: &mut World, mut obj: Object) -> Result<Object, ApiError> {
    let kind = obj.kind();
    let now = w.wall_now();
    let meta = obj.meta_mut();
    if meta.name.is_empty() {
        let Some(prefix) = meta.generate_name.clone() else {
            return Err(ApiError::Invalid {
                kind,
                name: String::new(),
                causes: vec![
                    "metadata.name: Required value: name or generateName is required".into(),
                ],
            });
        };
        // The generator truncates the prefix to 58 characters; RetryGenerateName tries 8 times.
        let base: String = prefix.chars().take(58).collect();
        let mut found = None;
        for _ in 0..8 {
            let candidate = format!("{base}{}", w.rng.name_suffix());
            if w.store.get(kind, &candidate).is_none() {
                found = Some(candidate);
                break;
            }
        }
        let Some(name) = found else {
            return Err(ApiError::AlreadyExists { kind, name: base });
        };
        obj.meta_mut().name = name;
    }
    let name = obj.meta().name.clone();
    if w.store.get(kind, &name).is_some() {
        return Err(ApiError::AlreadyExists { kind, name });
    }
    let uid = w.rng.uuid();
    let rv = w.store.next_rv();
    let meta = obj.meta_mut();
    meta.uid = Some(uid);
    meta.resource_version = Some(rv.to_string());
    meta.creation_timestamp = Some(now);
    meta.deletion_timestamp = None;
    meta.deletion_grace_period_seconds = None;
    meta.namespace = kind.namespaced().then(|| NAMESPACE.to_string());
    if kind_has_generation(kind) {
        meta.generation = Some(1);
    }
    w.log(Change::Created {
        kind,
        name: name.clone(),
    });
    w.store.insert(obj.clone(), WatchType::Added, None);
    Ok(obj)
}

fn kind_has_generation(kind: Kind) -> bool {
    !matches!(kind, Kind::Pod | Kind::Node)
}

/// Writes a changed object. Fails with Conflict when its resourceVersion is stale. Bumps
/// generation on spec changes; removes a terminating object whose finalizers are gone.
pub fn update(w: &mut World, mut obj: Object, what: impl Into<String>) -> Result<Object, ApiError> {
    let kind = obj.kind();
    let name = obj.meta().name.clone();
    let Some(old) = w.store.get(kind, &name).cloned() else {
        return Err(ApiError::NotFound { kind, name });
    };
    if obj.meta().resource_version != old.meta().resource_version {
        return Err(ApiError::Conflict { kind, name });
    }
    if obj == old {
        return Ok(obj);
    }
    let rv = w.store.next_rv();
    {
        let meta = obj.meta_mut();
        meta.resource_version = Some(rv.to_string());
        meta.uid = old.meta().uid.clone();
        meta.creation_timestamp = old.meta().creation_timestamp;
    }
    if kind_has_generation(kind) && obj.spec_json() != old.spec_json() {
        let g = old.meta().generation.unwrap_or(1) + 1;
        obj.meta_mut().generation = Some(g);
    }
    let meta = obj.meta();
    let finished = meta.deletion_timestamp.is_some()
        && meta.finalizers.is_empty()
        && (kind != Kind::Pod || meta.deletion_grace_period_seconds == Some(0));
    if finished {
        w.log(Change::Removed {
            kind,
            name: name.clone(),
        });
        w.store.remove(kind, &name);
        return Ok(obj);
    }
    w.log(Change::Updated {
        kind,
        name,
        what: what.into(),
    });
    w.store.insert(obj.clone(), WatchType::Modified, Some(old));
    Ok(obj)
}

/// Reads, changes and writes an object in one go (the usual controller pattern).
pub fn mutate(
    w: &mut World,
    kind: Kind,
    name: &str,
    what: impl Into<String>,
    change: impl FnOnce(&mut Object),
) -> Result<Object, ApiError> {
    let Some(mut obj) = w.store.get(kind, name).cloned() else {
        return Err(ApiError::NotFound {
            kind,
            name: name.to_string(),
        });
    };
    change(&mut obj);
    update(w, obj, what)
}

/// Changes a pod (shorthand for [`mutate`] on pods).
pub fn mutate_pod(
    w: &mut World,
    name: &str,
    what: impl Into<String>,
    change: impl FnOnce(&mut Pod),
) -> Result<Object, ApiError> {
    mutate(w, Kind::Pod, name, what, |o| {
        if let Object::Pod(p) = o {
            change(p)
        }
    })
}

/// Changes a node (shorthand for [`mutate`] on nodes).
pub fn mutate_node(
    w: &mut World,
    name: &str,
    what: impl Into<String>,
    change: impl FnOnce(&mut Node),
) -> Result<Object, ApiError> {
    mutate(w, Kind::Node, name, what, |o| {
        if let Object::Node(n) = o {
            change(n)
        }
    })
}

/// Deletes an object as the API server does: pods get a grace period (none when unscheduled or
/// finished); objects with finalizers only get a deletionTimestamp; the propagation policy adds
/// the `orphan` or `foregroundDeletion` finalizer for the garbage collector.
pub fn delete(w: &mut World, kind: Kind, name: &str, opts: DeleteOptions) -> Result<(), ApiError> {
    let Some(mut obj) = w.store.get(kind, name).cloned() else {
        return Err(ApiError::NotFound {
            kind,
            name: name.to_string(),
        });
    };
    let grace = match &obj {
        Object::Pod(p) => {
            let wanted = opts
                .grace_period_seconds
                .unwrap_or(p.spec.termination_grace_period_seconds.unwrap_or(30));
            if p.node_name().is_none() || p.is_terminal() {
                0
            } else {
                wanted.max(0)
            }
        }
        _ => 0,
    };
    let propagation = opts.propagation.unwrap_or(Propagation::default_for(kind));
    let meta = obj.meta_mut();
    if let Some(existing) = meta.deletion_grace_period_seconds {
        // A second delete may only shorten the grace period.
        if grace >= existing {
            return Ok(());
        }
    }
    match propagation {
        Propagation::Orphan if kind != Kind::Pod => add_finalizer(meta, "orphan"),
        Propagation::Foreground if kind != Kind::Pod => add_finalizer(meta, "foregroundDeletion"),
        _ => {}
    }
    if meta.finalizers.is_empty() && grace == 0 {
        w.log(Change::Removed {
            kind,
            name: name.to_string(),
        });
        w.store.remove(kind, name);
        return Ok(());
    }
    let now = w.wall_now();
    meta.deletion_timestamp = Some(now.plus_ms(grace * 1000));
    meta.deletion_grace_period_seconds = Some(grace);
    let rv = w.store.next_rv();
    meta.resource_version = Some(rv.to_string());
    w.log(Change::DeleteRequested {
        kind,
        name: name.to_string(),
        grace_seconds: grace,
    });
    let old = w.store.get(kind, name).cloned();
    w.store.insert(obj, WatchType::Modified, old);
    Ok(())
}

fn add_finalizer(meta: &mut crate::model::ObjectMeta, f: &str) {
    if !meta.finalizers.iter().any(|x| x == f) {
        meta.finalizers.push(f.to_string());
    }
}
