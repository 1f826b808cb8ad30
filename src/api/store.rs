//! The store (etcd's role): objects by kind, namespace and name, the resourceVersion counter,
//! and the watch events produced by each write. Keys join namespace and name as etcd's do
//! (`default/pi`), so lists come out in etcd's order: by namespace, then name, as bytes.

use crate::model::{Event, Kind, Object};
use crate::sim::trace::WatchType;
use imbl::shared_ptr::RcK;
use std::rc::Rc;

/// A persistent ordered map: a clone shares every node with the original, and a write copies
/// only the path to the changed entry. This keeps a checkpoint of the world cheap however many
/// objects and Events it holds.
pub(crate) type Map<K, V> = imbl::GenericOrdMap<K, V, RcK>;
/// The persistent ordered set that goes with [`Map`].
pub(crate) type Set<T> = imbl::GenericOrdSet<T, RcK>;

/// A watch event as informers receive it.
#[derive(Clone, Debug, PartialEq)]
pub struct WatchEvent {
    /// ADDED, MODIFIED or DELETED.
    pub ty: WatchType,
    /// The object after the change (for DELETED: its last state), shared with the store.
    pub object: Rc<Object>,
    /// The object before a MODIFIED change.
    pub old: Option<Rc<Object>>,
}

impl WatchEvent {
    /// The cause an informer records for work this event triggers.
    pub fn cause(&self) -> crate::sim::Cause {
        let meta = self.object.meta();
        crate::sim::Cause::Watch {
            event: self.ty,
            kind: self.object.kind(),
            name: super::display_name(self.object.kind(), meta.ns(), &meta.name),
        }
    }
}

/// How dependents are treated when their owner is deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Propagation {
    /// Owner goes now; the garbage collector deletes dependents afterwards.
    Background,
    /// Owner waits for dependents with blockOwnerDeletion.
    Foreground,
    /// Dependents stay, with the ownerReference removed.
    Orphan,
}

impl Propagation {
    /// The default of a raw API DELETE without a policy: batch/v1 Jobs keep the historical
    /// Orphan default; everything else is deleted in the background.
    pub fn default_for(kind: Kind) -> Propagation {
        match kind {
            Kind::Job => Propagation::Orphan,
            _ => Propagation::Background,
        }
    }

    /// Parses `Background`, `Foreground`, `Orphan` (or kubectl's `--cascade` words).
    pub fn parse(text: &str) -> Option<Propagation> {
        match text.to_ascii_lowercase().as_str() {
            "background" | "true" => Some(Propagation::Background),
            "foreground" => Some(Propagation::Foreground),
            "orphan" | "false" => Some(Propagation::Orphan),
            _ => None,
        }
    }
}

/// Options of a DELETE.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DeleteOptions {
    /// Overrides the pod's `terminationGracePeriodSeconds` (0 = force).
    pub grace_period_seconds: Option<i64>,
    /// The propagation policy; the kind's default when absent.
    pub propagation: Option<Propagation>,
}

/// Objects (Events aside) the store holds at most: the role of etcd's space quota
/// (`--quota-backend-bytes`, 2 GiB by default). Past it, a create is refused with etcd's
/// `database space exceeded`.
pub const MAX_OBJECTS: usize = 150_000;
/// Events the store holds at most; past it, new Events are dropped, as the recorder drops an
/// Event the API server refuses.
pub const MAX_STORED_EVENTS: usize = 250_000;

/// How much the store holds at most (the engine's `Limits` may lower it for a run).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Quota {
    /// Objects other than Events.
    pub objects: usize,
    /// Events.
    pub events: usize,
}

impl Default for Quota {
    fn default() -> Quota {
        Quota {
            objects: MAX_OBJECTS,
            events: MAX_STORED_EVENTS,
        }
    }
}

/// A stored object's key: one byte for its kind (in `Kind`'s order), then `namespace/name`, or
/// `name` for a cluster-scoped kind. Keys sort as etcd lists (kind, then namespace and name as
/// bytes), and a key is one string, so that a lookup borrows a key built on the stack.
type Key = Rc<str>;

/// The first byte of a key of `kind` (ASCII, ordered as the kinds are).
fn kind_byte(kind: Kind) -> u8 {
    b'A' + kind as u8
}

/// The key of an object of `kind` (`namespace` is ignored for a cluster-scoped kind).
fn key_of(kind: Kind, namespace: &str, name: &str) -> Key {
    with_key(kind, namespace, name, |key| Rc::from(key))
}

/// Builds the key of an object in a stack buffer (on the heap when it does not fit) and lends
/// it to `f`: no allocation for a lookup.
fn with_key<R>(kind: Kind, namespace: &str, name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 320];
    let parts: [&[u8]; 4] = if kind.namespaced() {
        [
            &[kind_byte(kind)],
            namespace.as_bytes(),
            b"/",
            name.as_bytes(),
        ]
    } else {
        [&[kind_byte(kind)], b"", b"", name.as_bytes()]
    };
    let len: usize = parts.iter().map(|p| p.len()).sum();
    if len > buf.len() {
        return f(&String::from_utf8_lossy(&parts.concat()));
    }
    let mut at = 0;
    for p in parts {
        buf[at..at + p.len()].copy_from_slice(p);
        at += p.len();
    }
    // Whole UTF-8 strings joined by ASCII: always UTF-8.
    f(std::str::from_utf8(&buf[..at]).unwrap_or_default())
}

/// The store key of a stored object.
fn key_of_object(obj: &Object) -> Key {
    let meta = obj.meta();
    key_of(
        obj.kind(),
        meta.namespace.as_deref().unwrap_or_default(),
        &meta.name,
    )
}

/// The first key of `kind` objects in `namespace` (or of every `kind` object when `namespace`
/// is None): the start of a range, and the prefix every key in it has.
fn prefix_of(kind: Kind, namespace: Option<&str>) -> Key {
    let byte = char::from(kind_byte(kind));
    match namespace {
        Some(ns) => Rc::from(format!("{byte}{ns}/")),
        None => Rc::from(byte.to_string()),
    }
}

/// The keys of every `kind` object in `namespace` (or of every `kind` object when `namespace`
/// is None): from [`prefix_of`] up to the prefix with its last byte (ASCII: `/` or the kind's
/// letter) one higher, so a walk over the range compares no key.
fn span_of(kind: Kind, namespace: Option<&str>) -> std::ops::Range<Key> {
    let start = prefix_of(kind, namespace);
    let mut end = start.to_string();
    if let Some(last) = end.pop() {
        end.push(char::from(last as u8 + 1));
    }
    start..Rc::from(end)
}

/// The key of an Event: `namespace/name`.
pub(crate) fn event_store_key(e: &Event) -> Rc<str> {
    let ns = e.metadata.namespace.as_deref().unwrap_or_default();
    Rc::from(super::key(ns, &e.metadata.name))
}

/// All stored objects.
#[derive(Clone, Debug, Default)]
pub struct Store {
    /// The store's quota.
    pub quota: Quota,
    // Persistent maps of objects and Events behind `Rc`: a checkpoint of the world shares
    // every map node and every object that has not changed since (copy-on-write).
    // Keys are `Rc<str>`, so copying a map node (a checkpoint's first write to it) copies
    // pointers, not strings.
    objects: Map<Key, Rc<Object>>,
    pub(crate) events: Map<Rc<str>, Rc<Event>>,
    /// The Events by folding key and by last update.
    pub(crate) event_index: super::eventindex::EventIndex,
    /// The pod spec admission made last (the API server's work, not stored state).
    pub(crate) admitted: super::strategy::AdmittedSpec,
    uids: Map<Rc<str>, Key>,
    /// The garbage collector's graph: for each owner uid, the objects naming it.
    owned: Map<Rc<str>, Set<Key>>,
    /// Pods no controller claims (no controller reference), by key: the orphans a controller
    /// may adopt (upstream's informers index them under the empty controller uid).
    orphan_pods: Set<Key>,
    rv: u64,
    /// Counts the writes of Nodes (created, changed, refreshed or removed).
    node_writes: u64,
    watch: Vec<WatchEvent>,
}

impl Store {
    /// The next resourceVersion (strictly increasing across all kinds).
    pub fn next_rv(&mut self) -> u64 {
        self.rv += 1;
        self.rv
    }

    /// The latest resourceVersion handed out.
    pub fn resource_version(&self) -> u64 {
        self.rv
    }

    /// A number that changes whenever a Node is created, written or removed: what a reader
    /// derived from the nodes is still true while it stays the same.
    pub fn nodes_stamp(&self) -> u64 {
        self.node_writes
    }

    fn note_write(&mut self, kind: Kind) {
        if kind == Kind::Node {
            self.node_writes += 1;
        }
    }

    /// Stored entries: objects and Events.
    pub fn len(&self) -> usize {
        self.objects.len() + self.events.len()
    }

    /// Stored objects other than Events.
    pub fn objects_len(&self) -> usize {
        self.objects.len()
    }

    /// Whether nothing is stored.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Reads an object (`namespace` is ignored for cluster-scoped kinds).
    pub fn get(&self, kind: Kind, namespace: &str, name: &str) -> Option<&Object> {
        with_key(kind, namespace, name, |key| self.objects.get(key)).map(|o| &**o)
    }

    /// Reads an object as a shared handle (no copy).
    pub fn get_shared(&self, kind: Kind, namespace: &str, name: &str) -> Option<Rc<Object>> {
        with_key(kind, namespace, name, |key| self.objects.get(key).cloned())
    }

    /// Reads a node.
    pub fn node(&self, name: &str) -> Option<&crate::model::Node> {
        self.get(Kind::Node, "", name).and_then(Object::as_node)
    }

    /// Reads an object by uid.
    pub fn get_by_uid(&self, uid: &str) -> Option<&Object> {
        let key = self.uids.get(uid)?;
        self.objects.get(key).map(|o| &**o)
    }

    /// Objects that name `uid` in their ownerReferences, by kind then name.
    pub fn dependents<'a>(&'a self, uid: &'a str) -> impl Iterator<Item = &'a Object> + 'a {
        self.owned
            .get(uid)
            .into_iter()
            .flatten()
            .filter_map(|key| self.objects.get(key).map(|o| &**o))
    }

    fn link_owners(&mut self, obj: &Object, key: &Key) {
        for r in &obj.meta().owner_references {
            self.owned
                .entry(Rc::from(r.uid.as_str()))
                .or_default()
                .insert(key.clone());
        }
    }

    fn unlink_owners(&mut self, obj: &Object, key: &Key) {
        for r in &obj.meta().owner_references {
            let uid = r.uid.as_str();
            if let Some(set) = self.owned.get_mut(uid) {
                set.remove(key);
                if set.is_empty() {
                    self.owned.remove(uid);
                }
            }
        }
    }

    /// Pods of one namespace that no controller claims, by name.
    pub fn orphan_pods_in<'a>(&'a self, namespace: &str) -> impl Iterator<Item = &'a Rc<Object>> {
        self.orphan_pods
            .range(span_of(Kind::Pod, Some(namespace)))
            .filter_map(|key| self.objects.get(key))
    }

    /// Keeps [`Store::orphan_pods_in`]'s index: `obj` is stored under `key` now, or is gone.
    fn index_orphan(&mut self, key: &Key, obj: Option<&Object>) {
        if key.as_bytes().first() != Some(&kind_byte(Kind::Pod)) {
            return;
        }
        match obj {
            Some(o) if o.meta().controller_ref().is_none() => {
                self.orphan_pods.insert(Rc::clone(key));
            }
            _ => {
                self.orphan_pods.remove(key);
            }
        }
    }

    /// Objects of one kind in every namespace, in etcd's order (namespace, then name).
    pub fn list(&self, kind: Kind) -> impl Iterator<Item = &Object> {
        self.list_shared(kind).map(|o| &**o)
    }

    /// Objects of one kind in every namespace, as the shared handles the store keeps.
    pub fn list_shared(&self, kind: Kind) -> impl Iterator<Item = &Rc<Object>> {
        self.objects.range(span_of(kind, None)).map(|(_, o)| o)
    }

    /// Objects of one kind in one namespace, by name.
    pub fn list_in<'a>(&'a self, kind: Kind, namespace: &str) -> impl Iterator<Item = &'a Object> {
        self.list_shared_in(kind, namespace).map(|o| &**o)
    }

    /// Objects of one kind in one namespace, as shared handles, by name.
    pub fn list_shared_in<'a>(
        &'a self,
        kind: Kind,
        namespace: &str,
    ) -> impl Iterator<Item = &'a Rc<Object>> {
        self.objects
            .range(span_of(kind, Some(namespace)))
            .map(|(_, o)| o)
    }

    /// Every object, by kind then name.
    pub fn all(&self) -> impl Iterator<Item = &Object> {
        self.objects.values().map(|o| &**o)
    }

    /// Every recorded event.
    pub fn events(&self) -> impl Iterator<Item = &Event> {
        self.events.values().map(|e| &**e)
    }

    /// Stores `obj` (ADDED or MODIFIED; a MODIFIED event carries the stored object as `old`).
    pub(crate) fn insert(&mut self, obj: Object, ty: WatchType) -> Rc<Object> {
        let key = key_of_object(&obj);
        self.note_write(obj.kind());
        let obj = Rc::new(obj);
        let old = self.objects.insert(key.clone(), Rc::clone(&obj));
        // Most writes change neither the uid nor the owners: the indexes stay as they are.
        let same_uid = old
            .as_ref()
            .is_some_and(|o| o.meta().uid() == obj.meta().uid());
        if !same_uid {
            self.uids.insert(Rc::from(obj.meta().uid()), key.clone());
        }
        let same_owners = old
            .as_ref()
            .is_some_and(|o| o.meta().owner_references == obj.meta().owner_references);
        if !same_owners {
            if let Some(old) = &old {
                self.unlink_owners(old, &key);
            }
            self.link_owners(&obj, &key);
            self.index_orphan(&key, Some(&obj));
        }
        self.watch.push(WatchEvent {
            ty,
            object: Rc::clone(&obj),
            old: old.filter(|_| ty == WatchType::Modified),
        });
        obj
    }

    /// Replaces an object's state in place with no resourceVersion and no watch event: for
    /// state derived at read time (a kubelet's Lease renewals, see `kubelet::refresh_leases`).
    pub(crate) fn refresh(&mut self, obj: Object) {
        let key = key_of_object(&obj);
        if self.objects.contains_key(&key) {
            self.note_write(obj.kind());
            self.objects.insert(key, Rc::new(obj));
        }
    }

    /// Removes an object; informers see its last state.
    pub(crate) fn remove(&mut self, kind: Kind, namespace: &str, name: &str) {
        let key = key_of(kind, namespace, name);
        let Some(obj) = self.objects.remove(&key) else {
            return;
        };
        self.note_write(kind);
        self.unlink_owners(&obj, &key);
        self.index_orphan(&key, None);
        self.uids.remove(obj.meta().uid());
        self.watch.push(WatchEvent {
            ty: WatchType::Deleted,
            object: obj,
            old: None,
        });
    }

    /// Drops every Event of a namespace (the namespace controller's last step).
    pub(crate) fn drop_events_in(&mut self, namespace: &str) {
        let prefix = format!("{namespace}/");
        let gone: std::collections::BTreeSet<Rc<str>> = self
            .events
            .keys()
            .filter(|k| k.starts_with(&prefix))
            .cloned()
            .collect();
        for k in &gone {
            if let Some(e) = self.events.remove(k) {
                self.event_index.remove(k, &e);
            }
        }
    }

    /// Takes the watch events produced since the last call, in write order.
    pub fn drain_watch(&mut self) -> Vec<WatchEvent> {
        std::mem::take(&mut self.watch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_should_sort_as_etcd_lists_and_be_found_without_allocating_one() {
        let keys = [
            key_of(Kind::Node, "ignored", "node-1"),
            key_of(Kind::Pod, "default", "a"),
            key_of(Kind::Pod, "default", "b"),
            key_of(Kind::Pod, "kube-system", "a"),
            key_of(Kind::Job, "default", "a"),
            key_of(Kind::Lease, "kube-node-lease", "node-1"),
        ];
        let mut sorted = keys.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, keys);
        assert_eq!(&*keys[0], "Anode-1");
        assert_eq!(&*keys[1], "Bdefault/a");
        // A key too long for the stack buffer is built on the heap, the same.
        let long = "x".repeat(400);
        assert_eq!(
            &*key_of(Kind::Pod, "default", &long),
            format!("Bdefault/{long}")
        );
        assert!(with_key(Kind::Pod, "default", "b", |k| k == &*keys[2]));
    }

    #[test]
    fn a_list_should_hold_its_kind_and_namespace_and_nothing_beside_them() {
        let mut store = Store::default();
        // Namespaces and kinds whose keys sort right before and after those listed: "a-b"
        // ('-' sorts before '/'), "a0" ('0' right after '/'), Nodes and Jobs beside Pods.
        let pods = [
            ("a", "p1"),
            ("a", "p2"),
            ("a-b", "p"),
            ("a0", "p"),
            ("b", "p"),
        ];
        for (ns, name) in pods {
            let mut pod = crate::model::Pod::default();
            pod.metadata.name = name.into();
            pod.metadata.namespace = Some(ns.into());
            store.insert(Object::Pod(Box::new(pod)), WatchType::Added);
        }
        let mut node = crate::model::Node::default();
        node.metadata.name = "n".into();
        store.insert(Object::Node(Box::new(node)), WatchType::Added);
        let mut job = crate::model::job::Job::default();
        job.metadata.name = "j".into();
        job.metadata.namespace = Some("a".into());
        store.insert(Object::Job(Box::new(job)), WatchType::Added);
        let names = |it: &mut dyn Iterator<Item = &Rc<Object>>| -> Vec<String> {
            it.map(|o| format!("{}/{}", o.meta().ns(), o.meta().name))
                .collect()
        };
        assert_eq!(
            names(&mut store.list_shared_in(Kind::Pod, "a")),
            ["a/p1", "a/p2"]
        );
        assert_eq!(names(&mut store.list_shared_in(Kind::Pod, "a0")), ["a0/p"]);
        assert_eq!(
            names(&mut store.list_shared(Kind::Pod)),
            ["a-b/p", "a/p1", "a/p2", "a0/p", "b/p"]
        );
        assert_eq!(names(&mut store.list_shared_in(Kind::Job, "a")), ["a/j"]);
        assert_eq!(store.list(Kind::Node).count(), 1);
        assert_eq!(
            names(&mut store.orphan_pods_in("a")),
            ["a/p1", "a/p2"],
            "pods with no controller"
        );
    }
}
