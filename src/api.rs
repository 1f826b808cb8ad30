//! The in-memory API server: the store, create / update / delete with the metadata the real
//! server sets, watch events for informers, the event recorder, and manifest admission.

mod error;
mod eventindex;
mod eviction;
pub mod manifest;
pub mod patch;
mod recorder;
mod store;
pub mod strategy;

pub use error::ApiError;
pub use eviction::{evict, EVICTION_REASON};
pub use recorder::{record_event, EventTarget};
pub(crate) use store::Set;
pub use store::{
    DeleteOptions, Propagation, Quota, Store, WatchEvent, MAX_OBJECTS, MAX_STORED_EVENTS,
};

use crate::cluster::{Client, Cluster};
use crate::model::namespace::SYSTEM_NAMESPACES;
use crate::model::{Kind, Node, Object, Pod, DEFAULT_NAMESPACE};
use crate::sim::trace::WatchType;
use crate::sim::{Change, Update};
use std::rc::Rc;

/// Every stored object as the list API returns its items (kinds in a fixed order, then names):
/// what scenario expectations and `kubectl get -o json` read.
pub fn list_json(store: &Store) -> Vec<serde_json::Value> {
    store
        .all()
        .map(|o| serde_json::to_value(o).unwrap_or(serde_json::Value::Null))
        .collect()
}

/// Reads an object (`namespace` is ignored for cluster-scoped kinds).
pub fn get<'w>(w: &'w Cluster, kind: Kind, namespace: &str, name: &str) -> Option<&'w Object> {
    w.store.get(kind, namespace, name)
}

/// Reads a pod.
pub fn pod<'w>(w: &'w Cluster, namespace: &str, name: &str) -> Option<&'w Pod> {
    w.store
        .get(Kind::Pod, namespace, name)
        .and_then(Object::as_pod)
}

/// Reads a node.
pub fn node<'w>(w: &'w Cluster, name: &str) -> Option<&'w Node> {
    w.store.node(name)
}

/// A namespaced object's key, `namespace/name`, as client-go's `MetaNamespaceKeyFunc` makes
/// it (controllers' and the scheduler's queues hold these).
pub fn key(namespace: &str, name: &str) -> String {
    [namespace, "/", name].concat()
}

/// The key of a stored object: `namespace/name`, or the name of a cluster-scoped one.
pub fn key_of(obj: &Object) -> String {
    match obj.meta().namespace.as_deref() {
        Some(ns) => key(ns, &obj.meta().name),
        None => obj.meta().name.clone(),
    }
}

/// The namespace and name of a key (`""` and the key when it has no namespace).
pub fn split_key(key: &str) -> (&str, &str) {
    key.split_once('/').unwrap_or(("", key))
}

/// The namespace of an object, `""` for a cluster-scoped one.
pub fn namespace_of(obj: &Object) -> &str {
    obj.meta().namespace.as_deref().unwrap_or_default()
}

/// The name the trace and the views show: `namespace/name` outside the default namespace, else
/// the name (as kubectl's context namespace hides `default`).
pub fn display_name(kind: Kind, namespace: &str, name: &str) -> String {
    if kind.namespaced() && namespace != DEFAULT_NAMESPACE {
        key(namespace, name)
    } else {
        name.to_string()
    }
}

/// The namespace and name a [`display_name`] stands for.
pub fn parse_display_name(kind: Kind, text: &str) -> (String, String) {
    match text.split_once('/') {
        Some((ns, name)) if kind.namespaced() => (ns.to_string(), name.to_string()),
        _ if kind.namespaced() => (DEFAULT_NAMESPACE.to_string(), text.to_string()),
        _ => (String::new(), text.to_string()),
    }
}

/// The namespace a namespaced object may be created in: it must exist and not be terminating
/// (the NamespaceLifecycle admission plugin).
fn admit_namespace(w: &Cluster, kind: Kind, namespace: &str, name: &str) -> Result<(), ApiError> {
    match w.store.get(Kind::Namespace, "", namespace).and_then(Object::as_namespace) {
        None => Err(ApiError::NotFound {
            kind: Kind::Namespace,
            name: namespace.to_string(),
        }),
        Some(ns) if ns.is_terminating() => Err(ApiError::Forbidden {
            kind,
            name: name.to_string(),
            reason: format!(
                "unable to create new content in namespace {namespace} because it is being terminated"
            ),
        }),
        Some(_) => Ok(()),
    }
}

/// Creates an object: fills uid, resourceVersion, creationTimestamp, generation and a generated
/// name, then stores it and emits ADDED.
pub fn create(w: &mut Client<'_>, mut obj: Object) -> Result<Rc<Object>, ApiError> {
    let kind = obj.kind();
    let now = w.wall_now();
    let meta = obj.meta_mut();
    meta.namespace = kind.namespaced().then(|| {
        meta.namespace
            .clone()
            .unwrap_or_else(|| DEFAULT_NAMESPACE.into())
    });
    let namespace = meta.namespace.clone().unwrap_or_default();
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
            let candidate = base.clone() + &w.rng.name_suffix();
            if w.store.get(kind, &namespace, &candidate).is_none() {
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
    if kind.namespaced() {
        admit_namespace(w, kind, &namespace, &name)?;
    }
    if w.store.get(kind, &namespace, &name).is_some() {
        return Err(ApiError::AlreadyExists { kind, name });
    }
    if w.store.objects_len() >= w.store.quota.objects {
        return Err(ApiError::SpaceExceeded);
    }
    let uid = match kind {
        Kind::Namespace | Kind::Lease => w.system_rng.uuid(),
        _ => w.rng.uuid(),
    };
    let rv = w.store.next_rv();
    let meta = obj.meta_mut();
    meta.uid = Some(uid);
    meta.resource_version = Some(rv.to_string());
    meta.creation_timestamp = Some(now);
    meta.deletion_timestamp = None;
    meta.deletion_grace_period_seconds = None;
    if kind_has_generation(kind) {
        meta.generation = Some(1);
    }
    strategy::prepare_for_create(&mut obj, &mut w.store.admitted);
    w.log(|| Change::Created {
        kind,
        name: display_name(kind, &namespace, &name),
    });
    Ok(w.store.insert(obj, WatchType::Added))
}

/// Only the workload strategies (Job, CronJob, DaemonSet) set metadata.generation; Pods,
/// Nodes, ControllerRevisions, Namespaces and Leases have none.
fn kind_has_generation(kind: Kind) -> bool {
    matches!(kind, Kind::Job | Kind::CronJob | Kind::DaemonSet)
}

/// Writes a changed object. Fails with Conflict when its resourceVersion is stale. Bumps
/// generation on spec changes; removes a terminating object whose finalizers are gone.
pub fn update(
    w: &mut Client<'_>,
    mut obj: Object,
    what: impl Into<Update>,
) -> Result<Rc<Object>, ApiError> {
    let kind = obj.kind();
    let name = obj.meta().name.clone();
    let namespace = namespace_of(&obj).to_string();
    let Some(old) = w.store.get_shared(kind, &namespace, &name) else {
        return Err(ApiError::NotFound { kind, name });
    };
    if obj.meta().resource_version != old.meta().resource_version {
        return Err(ApiError::Conflict { kind, name });
    }
    if obj == *old {
        return Ok(old);
    }
    let rv = w.store.next_rv();
    {
        let meta = obj.meta_mut();
        meta.resource_version = Some(rv.to_string());
        meta.uid = old.meta().uid.clone();
        meta.creation_timestamp = old.meta().creation_timestamp;
    }
    if kind_has_generation(kind) && obj.spec_differs(&old) {
        let g = old.meta().generation.unwrap_or(1) + 1;
        obj.meta_mut().generation = Some(g);
    }
    let meta = obj.meta();
    let finalized = obj
        .as_namespace()
        .is_none_or(|ns| ns.spec.finalizers.is_empty());
    let finished = meta.deletion_timestamp.is_some()
        && meta.finalizers.is_empty()
        && finalized
        && (kind != Kind::Pod || meta.deletion_grace_period_seconds == Some(0));
    if finished {
        w.log(|| Change::Removed {
            kind,
            name: display_name(kind, &namespace, &name),
        });
        w.store.remove(kind, &namespace, &name);
        return Ok(Rc::new(obj));
    }
    w.log(|| Change::Updated {
        kind,
        name: display_name(kind, &namespace, &name),
        what: what.into(),
    });
    Ok(w.store.insert(obj, WatchType::Modified))
}

/// Reads, changes and writes an object in one go (the usual controller pattern).
pub fn mutate(
    w: &mut Client<'_>,
    kind: Kind,
    namespace: &str,
    name: &str,
    what: impl Into<Update>,
    change: impl FnOnce(&mut Object),
) -> Result<Rc<Object>, ApiError> {
    let Some(mut obj) = w.store.get(kind, namespace, name).cloned() else {
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
    w: &mut Client<'_>,
    namespace: &str,
    name: &str,
    what: impl Into<Update>,
    change: impl FnOnce(&mut Pod),
) -> Result<Rc<Object>, ApiError> {
    mutate(w, Kind::Pod, namespace, name, what, |o| {
        if let Object::Pod(p) = o {
            change(p)
        }
    })
}

/// Changes a node (shorthand for [`mutate`] on nodes).
pub fn mutate_node(
    w: &mut Client<'_>,
    name: &str,
    what: impl Into<Update>,
    change: impl FnOnce(&mut Node),
) -> Result<Rc<Object>, ApiError> {
    mutate(w, Kind::Node, "", name, what, |o| {
        if let Object::Node(n) = o {
            change(n)
        }
    })
}

/// Deletes an object as the API server does: pods get a grace period (none when unscheduled or
/// finished); objects with finalizers only get a deletionTimestamp; the propagation policy adds
/// the `orphan` or `foregroundDeletion` finalizer for the garbage collector.
pub fn delete(
    w: &mut Client<'_>,
    kind: Kind,
    namespace: &str,
    name: &str,
    opts: DeleteOptions,
) -> Result<(), ApiError> {
    let Some(mut obj) = w.store.get(kind, namespace, name).cloned() else {
        return Err(ApiError::NotFound {
            kind,
            name: name.to_string(),
        });
    };
    if kind == Kind::Namespace {
        return delete_namespace(w, obj);
    }
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
        Propagation::Orphan => add_finalizer(meta, "orphan"),
        Propagation::Foreground => add_finalizer(meta, "foregroundDeletion"),
        _ => {}
    }
    if meta.finalizers.is_empty() && grace == 0 {
        w.log(|| Change::Removed {
            kind,
            name: display_name(kind, namespace, name),
        });
        w.store.remove(kind, namespace, name);
        return Ok(());
    }
    let now = w.wall_now();
    meta.deletion_timestamp = Some(now.plus_ms(grace * 1000));
    meta.deletion_grace_period_seconds = Some(grace);
    let rv = w.store.next_rv();
    meta.resource_version = Some(rv.to_string());
    w.log(|| Change::DeleteRequested {
        kind,
        name: display_name(kind, namespace, name),
        grace_seconds: grace,
    });
    w.store.insert(obj, WatchType::Modified);
    Ok(())
}

/// Deletes a namespace as the API server does: the system namespaces may not be deleted; any
/// other is marked (deletionTimestamp, phase Terminating) and left to the namespace controller,
/// which empties it and then removes its `kubernetes` finalizer.
fn delete_namespace(w: &mut Client<'_>, mut obj: Object) -> Result<(), ApiError> {
    let name = obj.meta().name.clone();
    if SYSTEM_NAMESPACES.contains(&name.as_str()) {
        return Err(ApiError::Forbidden {
            kind: Kind::Namespace,
            name,
            reason: "this namespace may not be deleted".into(),
        });
    }
    if obj.meta().deletion_timestamp.is_some() {
        return Ok(());
    }
    let now = w.wall_now();
    let rv = w.store.next_rv();
    if let Object::Namespace(ns) = &mut obj {
        ns.metadata.deletion_timestamp = Some(now);
        ns.metadata.deletion_grace_period_seconds = Some(0);
        ns.metadata.resource_version = Some(rv.to_string());
        ns.status.get_or_insert_with(Default::default).phase = "Terminating".into();
    }
    w.log(|| Change::DeleteRequested {
        kind: Kind::Namespace,
        name,
        grace_seconds: 0,
    });
    w.store.insert(obj, WatchType::Modified);
    Ok(())
}

fn add_finalizer(meta: &mut crate::model::ObjectMeta, f: &str) {
    if !meta.finalizers.iter().any(|x| x == f) {
        meta.finalizers.push(f.to_string());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::KubeletConfig;
    use crate::model::{Container, ObjectMeta, OwnerReference};
    use crate::sim::rng::NAME_ALPHABET;
    use crate::sim::Actor;

    /// A cluster with its system namespaces, their watch events already delivered.
    fn world() -> Cluster {
        let mut c = Cluster::new(
            1,
            Time::parse("2026-01-01T00:00:00Z").unwrap(),
            KubeletConfig::default(),
        );
        c.store.drain_watch();
        c
    }

    fn pod(name: &str, generate: Option<&str>) -> Object {
        Object::Pod(Box::new(Pod {
            api_version: "v1".into(),
            kind: "Pod".into(),
            metadata: ObjectMeta {
                name: name.into(),
                generate_name: generate.map(str::to_string),
                ..ObjectMeta::default()
            },
            spec: std::rc::Rc::new(crate::model::PodSpec {
                containers: std::rc::Rc::new(vec![Container {
                    name: "c".into(),
                    image: "busybox".into(),
                    ..Container::default()
                }]),
                ..Default::default()
            }),
            status: None,
        }))
    }

    use crate::model::Time;

    #[test]
    fn create_should_fill_server_metadata() {
        let mut cluster = world();
        let mut w = cluster.client(Actor::User);
        w.now = crate::sim::SimTime(1_500);
        let created = create(&mut w, pod("a", None)).unwrap();
        let m = created.meta();
        assert_eq!(m.namespace.as_deref(), Some("default"));
        assert_eq!(m.uid().len(), 36);
        // The four system namespaces took resourceVersions 1 to 4.
        assert_eq!(m.resource_version.as_deref(), Some("5"));
        assert_eq!(
            m.creation_timestamp.map(|t| t.rfc3339()),
            Some("2026-01-01T00:00:01Z".to_string())
        );
        assert_eq!(m.generation, None, "pods have no generation in v1.31");
        assert_eq!(
            create(&mut w, pod("a", None)),
            Err(ApiError::AlreadyExists {
                kind: Kind::Pod,
                name: "a".into()
            })
        );
        assert_eq!(
            create(&mut w, pod("a", None)).unwrap_err().to_string(),
            "pods \"a\" already exists"
        );
    }

    #[test]
    fn generate_name_should_append_five_characters_from_the_alphabet() {
        let mut cluster = world();
        let mut w = cluster.client(Actor::User);
        let long = "x".repeat(70);
        for prefix in ["pi-", long.as_str()] {
            let created = create(&mut w, pod("", Some(prefix))).unwrap();
            let name = &created.meta().name;
            let base: String = prefix.chars().take(58).collect();
            assert!(name.starts_with(&base), "{name}");
            assert_eq!(name.len(), base.len() + 5);
            assert!(
                name[base.len()..]
                    .bytes()
                    .all(|c| NAME_ALPHABET.contains(&c)),
                "{name}"
            );
        }
    }

    #[test]
    fn resource_versions_should_strictly_increase_and_stale_writes_conflict() {
        let mut cluster = world();
        let mut w = cluster.client(Actor::User);
        let a = create(&mut w, pod("a", None)).unwrap();
        let b = create(&mut w, pod("b", None)).unwrap();
        let rv = |o: &Object| {
            o.meta()
                .resource_version
                .as_deref()
                .unwrap()
                .parse::<u64>()
                .unwrap()
        };
        assert!(rv(&b) > rv(&a));
        let mut changed = (*a).clone();
        changed.meta_mut().labels.insert("x".into(), "y".into());
        let updated = update(&mut w, changed.clone(), Update::LabelsChanged).unwrap();
        assert!(rv(&updated) > rv(&b));
        assert_eq!(
            update(&mut w, changed, Update::LabelsChanged),
            Err(ApiError::Conflict {
                kind: Kind::Pod,
                name: "a".into()
            })
        );
        let kinds: Vec<WatchType> = w.store.drain_watch().iter().map(|e| e.ty).collect();
        assert_eq!(
            kinds,
            vec![WatchType::Added, WatchType::Added, WatchType::Modified]
        );
    }

    #[test]
    fn deletes_should_honour_grace_periods_and_finalizers() {
        let mut cluster = world();
        let mut w = cluster.client(Actor::User);
        create(&mut w, pod("unbound", None)).unwrap();
        delete(
            &mut w,
            Kind::Pod,
            "default",
            "unbound",
            DeleteOptions::default(),
        )
        .unwrap();
        assert!(
            pod_of(&w, "unbound").is_none(),
            "an unscheduled pod goes at once"
        );

        let mut bound = pod("bound", None);
        if let Object::Pod(p) = &mut bound {
            std::rc::Rc::make_mut(&mut p.spec).node_name = Some("n1".into());
            std::rc::Rc::make_mut(&mut p.spec).termination_grace_period_seconds = Some(30);
            p.metadata.finalizers = vec!["example.com/hold".into()];
        }
        create(&mut w, bound).unwrap();
        delete(
            &mut w,
            Kind::Pod,
            "default",
            "bound",
            DeleteOptions::default(),
        )
        .unwrap();
        let p = pod_of(&w, "bound").unwrap();
        assert_eq!(p.metadata.deletion_grace_period_seconds, Some(30));
        assert_eq!(
            p.metadata.deletion_timestamp.map(|t| t.rfc3339()),
            Some("2026-01-01T00:00:30Z".to_string())
        );
        delete(
            &mut w,
            Kind::Pod,
            "default",
            "bound",
            DeleteOptions {
                grace_period_seconds: Some(0),
                propagation: None,
            },
        )
        .unwrap();
        assert!(
            pod_of(&w, "bound").is_some(),
            "the finalizer holds the object"
        );
        let what = Update::FinalizerRemoved {
            finalizer: "example.com/hold".into(),
        };
        mutate_pod(&mut w, "default", "bound", what, |p| {
            p.metadata.finalizers.clear()
        })
        .unwrap();
        assert!(pod_of(&w, "bound").is_none());
    }

    #[test]
    fn dependents_should_be_found_by_owner_uid() {
        let mut cluster = world();
        let mut w = cluster.client(Actor::User);
        let owner = create(&mut w, pod("owner", None)).unwrap();
        let mut dep = pod("dep", None);
        dep.meta_mut().owner_references = vec![OwnerReference {
            api_version: "v1".into(),
            kind: "Pod".into(),
            name: "owner".into(),
            uid: owner.meta().uid().into(),
            controller: Some(true),
            block_owner_deletion: Some(true),
        }];
        create(&mut w, dep).unwrap();
        let names: Vec<String> = w
            .store
            .dependents(owner.meta().uid())
            .map(|o| o.meta().name.clone())
            .collect();
        assert_eq!(names, vec!["dep"]);
        assert_eq!(
            w.store
                .get_by_uid(owner.meta().uid())
                .map(|o| o.meta().name.as_str()),
            Some("owner")
        );
    }

    #[test]
    fn a_raw_delete_of_a_job_should_orphan_by_default() {
        assert_eq!(Propagation::default_for(Kind::Job), Propagation::Orphan);
        assert_eq!(Propagation::default_for(Kind::Pod), Propagation::Background);
    }

    fn pod_of<'w>(w: &'w Cluster, name: &str) -> Option<&'w Pod> {
        super::pod(w, "default", name)
    }
}
