//! The store's two indexes over its Events: by folding key (client-go's aggregation key, so a
//! repeat finds the Event it bumps) and by last update (so the TTL sweep visits only expired
//! Events). Neither keeps a string key: the folding key is a 64-bit hash of its fields, checked
//! against the Event it leads to, so a recorded Event formats and allocates no key.

use super::store::{Map, Set};
use crate::model::{Event, Time};
use crate::sim::hash::FxHasher;
use std::hash::Hasher;
use std::rc::Rc;

/// The fields client-go folds repeats by (`getEventKey` in its events_cache.go): the source
/// component and host, the involved object (its uid stands for its kind, namespace, name and
/// apiVersion) and the field path in it (which container), the type, reason and message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct FoldKey<'a> {
    /// The involved object's uid.
    pub uid: &'a str,
    /// The part of the object, e.g. `spec.containers{pi}` (empty for the whole object).
    pub field_path: &'a str,
    /// The reason.
    pub reason: &'a str,
    /// The message.
    pub message: &'a str,
    /// The source component.
    pub component: &'a str,
    /// The source host (a kubelet's node; empty for the control plane).
    pub host: &'a str,
    /// `Normal` or `Warning`.
    pub type_: &'a str,
}

impl<'a> FoldKey<'a> {
    /// The key of a stored Event.
    pub fn of(e: &'a Event) -> FoldKey<'a> {
        FoldKey {
            uid: &e.involved_object.uid,
            field_path: e.involved_object.field_path.as_deref().unwrap_or_default(),
            reason: &e.reason,
            message: &e.message,
            component: &e.source.component,
            host: &e.source.host,
            type_: &e.type_,
        }
    }

    /// The fields hashed (FxHash's step, eight bytes at a time), each ended by its length:
    /// the same on every platform and run, so the index (and with it every fold) is
    /// deterministic.
    fn hash(&self) -> u64 {
        let mut h = FxHasher::default();
        for field in [
            self.uid,
            self.field_path,
            self.reason,
            self.message,
            self.component,
            self.host,
            self.type_,
        ] {
            h.write(field.as_bytes());
            h.write_u64(field.len() as u64);
        }
        h.finish()
    }
}

/// Events by folding key and by last update; both hold the Event's store key
/// (`namespace/name`).
#[derive(Clone, Debug, Default)]
pub(crate) struct EventIndex {
    /// `(hash of the folding key, n)` to the store key: Events whose keys hash alike are
    /// told apart by `n` and found by comparing their fields.
    by_key: Map<(u64, u32), Rc<str>>,
    /// `(last update, store key)`, oldest first (an Event without one never expires).
    by_update: Set<(Time, Rc<str>)>,
    /// When expired Events were last swept.
    pub swept: Time,
}

impl EventIndex {
    /// The store key of the Event that `key` folds into, if one is stored.
    pub fn find(&self, events: &Map<Rc<str>, Rc<Event>>, key: &FoldKey<'_>) -> Option<Rc<str>> {
        self.alike(key.hash())
            .map(|(_, name)| name)
            .find(|name| events.get(*name).is_some_and(|e| FoldKey::of(e) == *key))
            .map(Rc::clone)
    }

    /// The Events whose folding keys hash to `h`, with their slots: slots `0..n` are taken
    /// and `n` is free (a removal moves the last one into the gap), so a lookup is a few
    /// `get`s, one in all but a collision.
    fn alike(&self, h: u64) -> impl Iterator<Item = (u32, &Rc<str>)> + '_ {
        (0..=u32::MAX).map_while(move |n| self.by_key.get(&(h, n)).map(|name| (n, name)))
    }

    /// Indexes a new Event stored under `name`.
    pub fn add(&mut self, name: &Rc<str>, e: &Event) {
        self.add_hashed(FoldKey::of(e).hash(), name, e.last_timestamp);
    }

    fn add_hashed(&mut self, h: u64, name: &Rc<str>, last_update: Option<Time>) {
        let n = self.alike(h).last().map_or(0, |(n, _)| n.saturating_add(1));
        self.by_key.insert((h, n), Rc::clone(name));
        if let Some(t) = last_update {
            self.by_update.insert((t, Rc::clone(name)));
        }
    }

    /// Moves the Event stored under `name` from its last update `before` to `after`.
    pub fn touch(&mut self, name: &Rc<str>, before: Option<Time>, after: Option<Time>) {
        if before == after {
            return;
        }
        if let Some(t) = before {
            self.by_update.remove(&(t, Rc::clone(name)));
        }
        if let Some(t) = after {
            self.by_update.insert((t, Rc::clone(name)));
        }
    }

    /// Forgets the Event `e` stored under `name`.
    pub fn remove(&mut self, name: &Rc<str>, e: &Event) {
        self.remove_hashed(FoldKey::of(e).hash(), name, e.last_timestamp);
    }

    fn remove_hashed(&mut self, h: u64, name: &Rc<str>, last_update: Option<Time>) {
        let mut slot = None;
        let mut last = None;
        for (n, other) in self.alike(h) {
            if other == name {
                slot = Some(n);
            }
            last = Some(n);
        }
        if let (Some(n), Some(last)) = (slot, last) {
            if let Some(moved) = self.by_key.remove(&(h, last)) {
                if n != last {
                    self.by_key.insert((h, n), moved);
                }
            }
        }
        if let Some(t) = last_update {
            self.by_update.remove(&(t, Rc::clone(name)));
        }
    }

    /// The store keys of the Events last updated at or before `cutoff`, oldest first.
    pub fn updated_by(&self, cutoff: Time) -> Vec<Rc<str>> {
        self.by_update
            .iter()
            .take_while(|(t, _)| *t <= cutoff)
            .map(|(_, name)| Rc::clone(name))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key<'a>(uid: &'a str, reason: &'a str, message: &'a str) -> FoldKey<'a> {
        FoldKey {
            uid,
            field_path: "",
            reason,
            message,
            component: "kubelet",
            host: "node-1",
            type_: "Normal",
        }
    }

    #[test]
    fn a_fold_key_should_hash_its_fields_apart() {
        // Each field ends with its length, so one field's end cannot run into the next.
        assert_ne!(key("u", "ab", "c").hash(), key("u", "a", "bc").hash());
        assert_eq!(key("u", "a", "b").hash(), key("u", "a", "b").hash());
    }

    #[test]
    fn events_whose_keys_hash_alike_should_each_be_found_and_removed() {
        let mut index = EventIndex::default();
        let [a, b, c]: [Rc<str>; 3] = ["default/a", "default/b", "default/c"].map(Rc::from);
        for (name, t) in [(&a, 1), (&b, 2), (&c, 3)] {
            index.add_hashed(7, name, Some(Time(t)));
        }
        let names = |index: &EventIndex| -> Vec<String> {
            index.alike(7).map(|(_, n)| n.to_string()).collect()
        };
        assert_eq!(names(&index), ["default/a", "default/b", "default/c"]);
        index.remove_hashed(7, &a, Some(Time(1)));
        // The last one fills the gap, so the slots stay dense and every Event is reached.
        assert_eq!(names(&index), ["default/c", "default/b"]);
        index.remove_hashed(7, &b, Some(Time(2)));
        assert_eq!(names(&index), ["default/c"]);
        assert_eq!(index.updated_by(Time(5)), vec![c.clone()]);
        index.remove_hashed(7, &c, Some(Time(3)));
        assert!(names(&index).is_empty());
        assert!(index.updated_by(Time(5)).is_empty());
    }

    #[test]
    fn the_sweep_should_see_only_events_last_updated_by_the_cutoff() {
        let mut index = EventIndex::default();
        let [a, b]: [Rc<str>; 2] = ["default/a", "default/b"].map(Rc::from);
        index.add_hashed(1, &a, Some(Time(10)));
        index.add_hashed(2, &b, Some(Time(20)));
        assert_eq!(index.updated_by(Time(15)), vec![a.clone()]);
        index.touch(&a, Some(Time(10)), Some(Time(30)));
        assert_eq!(index.updated_by(Time(25)), vec![b.clone()]);
        assert_eq!(index.updated_by(Time(30)), vec![b, a]);
    }
}
