//! The store's two indexes over its Events: by folding key (client-go's aggregation key, so a
//! repeat finds the Event it bumps) and by update time (so the TTL sweep visits only expired
//! Events). Neither keeps a string key: the folding key is a 64-bit hash of its fields, checked
//! against the Event it leads to, so a recorded Event formats and allocates no key. Updates are
//! a queue in time order (the simulated clock only moves forward): recording or bumping an
//! Event appends to it, and the sweep takes from its front, skipping the entries a later bump
//! or a removal left behind, so neither writes into the middle of an ordered map.

use super::store::Map;
use crate::model::{Event, Time};
use crate::sim::hash::FxHasher;
use imbl::shared_ptr::RcK;
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

/// Events by folding key and by update; both hold the Event's store key (`namespace/name`).
#[derive(Clone, Debug, Default)]
pub(crate) struct EventIndex {
    /// `(hash of the folding key, n)` to the store key: Events whose keys hash alike are
    /// told apart by `n` and found by comparing their fields.
    by_key: Map<(u64, u32), Rc<str>>,
    /// `(update time, store key)` for every recording and bump, oldest first; an entry is
    /// current while its Event's last update is still that time (an Event without one never
    /// expires). A persistent vector, so a checkpoint shares it.
    updates: imbl::GenericVector<(Time, Rc<str>), RcK>,
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
            self.updated(t, name);
        }
    }

    /// Notes that the Event stored under `name` was last updated at `t`.
    fn updated(&mut self, t: Time, name: &Rc<str>) {
        debug_assert!(self.updates.back().is_none_or(|(last, _)| *last <= t));
        self.updates.push_back((t, Rc::clone(name)));
    }

    /// Moves the Event stored under `name` from its last update `before` to `after` (the entry
    /// for `before` stays in the queue, to be skipped by the sweep).
    pub fn touch(&mut self, name: &Rc<str>, before: Option<Time>, after: Option<Time>) {
        if before == after {
            return;
        }
        if let Some(t) = after {
            self.updated(t, name);
        }
    }

    /// Forgets the Event `e` stored under `name`.
    pub fn remove(&mut self, name: &Rc<str>, e: &Event) {
        self.remove_hashed(FoldKey::of(e).hash(), name);
    }

    fn remove_hashed(&mut self, h: u64, name: &Rc<str>) {
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
    }

    /// Takes from the queue the updates made at or before `cutoff`, and returns the store keys
    /// of the Events among `events` whose last update they were (oldest first): the Events
    /// the TTL has run out for. Entries of Events bumped since or removed are dropped.
    pub fn take_updated_by(
        &mut self,
        events: &Map<Rc<str>, Rc<Event>>,
        cutoff: Time,
    ) -> Vec<Rc<str>> {
        let mut expired = Vec::new();
        while self.updates.front().is_some_and(|(t, _)| *t <= cutoff) {
            let Some((t, name)) = self.updates.pop_front() else {
                break;
            };
            if events
                .get(&name)
                .is_some_and(|e| e.last_timestamp == Some(t))
            {
                expired.push(name);
            }
        }
        expired
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
        index.remove_hashed(7, &a);
        // The last one fills the gap, so the slots stay dense and every Event is reached.
        assert_eq!(names(&index), ["default/c", "default/b"]);
        index.remove_hashed(7, &b);
        assert_eq!(names(&index), ["default/c"]);
        index.remove_hashed(7, &c);
        assert!(names(&index).is_empty());
    }

    fn stored(events: &mut Map<Rc<str>, Rc<Event>>, name: &Rc<str>, last: i64) {
        let e = Event {
            last_timestamp: Some(Time(last)),
            ..Event::default()
        };
        events.insert(Rc::clone(name), Rc::new(e));
    }

    #[test]
    fn the_sweep_should_see_only_events_last_updated_by_the_cutoff() {
        let mut index = EventIndex::default();
        let mut events = Map::new();
        let [a, b, c]: [Rc<str>; 3] = ["default/a", "default/b", "default/c"].map(Rc::from);
        for (h, name, t) in [(1, &a, 10), (2, &b, 20)] {
            stored(&mut events, name, t);
            index.add_hashed(h, name, Some(Time(t)));
        }
        // `a` bumped at 30: its entry for 10 is left behind, and skipped.
        stored(&mut events, &a, 30);
        index.touch(&a, Some(Time(10)), Some(Time(30)));
        assert!(index.take_updated_by(&events, Time(15)).is_empty());
        assert_eq!(index.take_updated_by(&events, Time(25)), vec![b.clone()]);
        events.remove(&b);
        // `c` recorded at 40 and removed before it expired: skipped too.
        stored(&mut events, &c, 40);
        index.add_hashed(3, &c, Some(Time(40)));
        events.remove(&c);
        index.remove_hashed(3, &c);
        assert_eq!(index.take_updated_by(&events, Time(50)), vec![a.clone()]);
        // Taken entries are gone: a second sweep finds nothing.
        assert!(index.take_updated_by(&events, Time(50)).is_empty());
        assert!(index.updates.is_empty());
    }

    #[test]
    fn a_checkpoint_should_keep_its_own_queue_of_updates() {
        let mut index = EventIndex::default();
        let mut events = Map::new();
        let a: Rc<str> = Rc::from("default/a");
        stored(&mut events, &a, 10);
        index.add_hashed(1, &a, Some(Time(10)));
        let checkpoint = index.clone();
        assert_eq!(index.take_updated_by(&events, Time(10)), vec![a.clone()]);
        assert_eq!(checkpoint.updates.len(), 1);
    }
}
