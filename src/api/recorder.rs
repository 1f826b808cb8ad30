//! The event recorder: core/v1 Events named `<object>.<hex nanoseconds>`, with repeats of the
//! same reason and message folded into one event whose `count` grows, as client-go does.

use super::eventindex::FoldKey;
use crate::cluster::Client;
use crate::model::{Event, EventSource, Kind, Object, ObjectMeta, ObjectReference, PodSpec, Time};
use crate::sim::Change;

/// What an event is about: an object and, for kubelet events, one of its containers.
#[derive(Clone, Debug)]
pub struct EventTarget {
    /// Kind.
    pub kind: String,
    /// Name.
    pub name: String,
    /// Uid.
    pub uid: String,
    /// apiVersion.
    pub api_version: String,
    /// resourceVersion when recorded.
    pub resource_version: String,
    /// Namespace (empty for cluster-scoped objects).
    pub namespace: Option<String>,
    /// e.g. `spec.containers{pi}`.
    pub field_path: Option<String>,
}

impl EventTarget {
    /// A target for an object.
    pub fn of(obj: &Object) -> EventTarget {
        EventTarget::of_meta(obj.kind(), obj.meta())
    }

    /// The target for an object of `kind` with metadata `meta` (no copy of the object needed).
    pub fn of_meta(kind: Kind, meta: &ObjectMeta) -> EventTarget {
        EventTarget {
            kind: kind.name().to_string(),
            name: meta.name.clone(),
            uid: meta.uid().to_string(),
            api_version: kind.api_version().to_string(),
            resource_version: meta.resource_version.clone().unwrap_or_default(),
            namespace: meta.namespace.clone(),
            field_path: None,
        }
    }

    /// The same target, narrowed to the container `name` of a pod with `spec`: the field path
    /// the kubelet's `fieldPath` (pkg/kubelet/container/ref.go) gives, `spec.containers{name}`,
    /// or `spec.initContainers{name}` for an init container (a sidecar among them).
    pub fn container(mut self, spec: &PodSpec, name: &str) -> EventTarget {
        let list = if spec.containers.iter().any(|c| c.name == name)
            || !spec.init_containers.iter().any(|c| c.name == name)
        {
            "containers"
        } else {
            "initContainers"
        };
        self.field_path = Some(["spec.", list, "{", name, "}"].concat());
        self
    }
}

/// kube-apiserver's `--event-ttl` (1 h): an Event is gone an hour after its last update.
pub const EVENT_TTL_MS: i64 = 3_600_000;
/// Expired Events are swept at most once per simulated minute.
const SWEEP_EVERY_MS: i64 = 60_000;

/// Removes Events whose TTL has run out (etcd drops them when their lease expires).
fn expire_events(w: &mut Client<'_>, now: Time) {
    let store = &mut w.store;
    if now.0 - store.event_index.swept.0 < SWEEP_EVERY_MS {
        return;
    }
    store.event_index.swept = now;
    let cutoff = Time(now.0 - EVENT_TTL_MS);
    for name in store.event_index.take_updated_by(&store.events, cutoff) {
        if let Some(e) = store.events.remove(&name) {
            store.event_index.remove(&name, &e);
        }
    }
}

/// Records an event (or bumps the count of an identical earlier one).
pub fn record_event(
    w: &mut Client<'_>,
    target: EventTarget,
    type_: &str,
    reason: &str,
    message: &str,
    component: &str,
    host: &str,
) {
    let now: Time = w.wall_now();
    w.log(|| Change::Event {
        type_: type_.to_string(),
        reason: reason.to_string(),
        object: [&target.kind.to_ascii_lowercase(), "/", &target.name].concat(),
        message: message.to_string(),
    });
    expire_events(w, now);
    let rv = w.store.next_rv().to_string();
    let key = FoldKey {
        uid: &target.uid,
        field_path: target.field_path.as_deref().unwrap_or_default(),
        reason,
        message,
        component,
        host,
        type_,
    };
    if let Some(name) = w.store.event_index.find(&w.store.events, &key) {
        if let Some(ev) = w.store.events.get_mut(&name).map(std::rc::Rc::make_mut) {
            let before = ev.last_timestamp;
            ev.count += 1;
            ev.last_timestamp = Some(now);
            ev.metadata.resource_version = Some(rv);
            w.store.event_index.touch(&name, before, Some(now));
            return;
        }
    }
    // A full store refuses the write; the recorder drops the Event (the trace keeps it).
    if w.store.events.len() >= w.store.quota.events {
        return;
    }
    // client-go names events `<name>.<UnixNano in hex>`; the sequence keeps names unique.
    let nanos = now.0 * 1_000_000 + (w.store.resource_version() % 1_000_000) as i64;
    let mut name = String::with_capacity(target.name.len() + 17);
    name.push_str(&target.name);
    name.push('.');
    crate::sim::hex::push(&mut name, nanos as u64);
    let ev = Event {
        api_version: "v1".into(),
        kind: "Event".into(),
        metadata: ObjectMeta {
            name: name.clone(),
            namespace: Some(
                target
                    .namespace
                    .clone()
                    .unwrap_or_else(|| crate::model::DEFAULT_NAMESPACE.into()),
            ),
            uid: Some(w.rng.uuid()),
            resource_version: Some(rv),
            creation_timestamp: Some(now),
            ..ObjectMeta::default()
        },
        involved_object: ObjectReference {
            kind: target.kind,
            namespace: target.namespace,
            name: target.name,
            uid: target.uid,
            api_version: target.api_version,
            resource_version: target.resource_version,
            field_path: target.field_path,
        },
        reason: reason.to_string(),
        message: message.to_string(),
        source: EventSource {
            component: component.to_string(),
            host: host.to_string(),
        },
        first_timestamp: Some(now),
        last_timestamp: Some(now),
        count: 1,
        type_: type_.to_string(),
        event_time: None,
        reporting_component: component.to_string(),
        reporting_instance: host.to_string(),
    };
    // Stored under `namespace/name`, so that Events list in etcd's order.
    let stored = super::store::event_store_key(&ev);
    w.store.event_index.add(&stored, &ev);
    w.store.events.insert(stored, std::rc::Rc::new(ev));
}
