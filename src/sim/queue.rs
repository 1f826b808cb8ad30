//! The event queue: events ordered by (time, insertion sequence), so ties break by insertion,
//! with an index from each event's de-duplication key to where it waits, so that "is an equal
//! event already pending?" looks at equal events only, not at the whole queue. Both are
//! persistent maps: a checkpoint of the world shares the queue instead of copying it.

use super::SimTime;
use imbl::shared_ptr::RcK;

type Map<K, V> = imbl::GenericOrdMap<K, V, RcK>;
type Set<T> = imbl::GenericOrdSet<T, RcK>;

/// An event's de-duplication key: equal events must have equal keys.
pub trait Keyed {
    /// The key (a hash of what makes two events equal).
    fn dedupe_key(&self) -> u64;
}

/// A priority queue of events keyed by `(SimTime, seq)`.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    items: Map<(SimTime, u64), E>,
    index: Map<u64, Set<(SimTime, u64)>>,
    seq: u64,
    taken: u64,
}

impl<E: Clone> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            items: Map::new(),
            index: Map::new(),
            seq: 0,
            taken: 0,
        }
    }
}

impl<E: Keyed + Clone> EventQueue<E> {
    /// Schedules `event` at `at`.
    pub fn push(&mut self, at: SimTime, event: E) {
        self.seq += 1;
        let key = (at, self.seq);
        let k = event.dedupe_key();
        match self.index.get_mut(&k) {
            Some(set) => {
                set.insert(key);
            }
            None => {
                self.index.insert(k, Set::unit(key));
            }
        }
        self.items.insert(key, event);
    }

    fn unindex(&mut self, key: (SimTime, u64), event: &E) {
        let k = event.dedupe_key();
        if let Some(set) = self.index.get_mut(&k) {
            set.remove(&key);
            if set.is_empty() {
                self.index.remove(&k);
            }
        }
    }

    /// The time of the next event.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.items.get_min().map(|((t, _), _)| *t)
    }

    /// Takes the next event.
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        let key = self.items.get_min()?.0;
        let event = self.items.remove(&key)?;
        self.unindex(key, &event);
        self.taken += 1;
        Some((key.0, event))
    }

    /// How many events have been taken so far: a run's position, which changes exactly when
    /// something has happened.
    pub fn taken(&self) -> u64 {
        self.taken
    }

    /// Pending events.
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether nothing is pending.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Removes every pending event matching `pred`.
    pub fn retain(&mut self, mut keep: impl FnMut(&E) -> bool) {
        let gone: Vec<(SimTime, u64)> = self
            .items
            .iter()
            .filter(|(_, e)| !keep(e))
            .map(|(k, _)| *k)
            .collect();
        for key in gone {
            if let Some(e) = self.items.remove(&key) {
                self.unindex(key, &e);
            }
        }
    }

    /// Whether any pending event matches `pred`.
    pub fn any(&self, pred: impl FnMut(&E) -> bool) -> bool {
        self.items.values().any(pred)
    }

    /// Whether an event with `event`'s key and matching `pred` is pending at or before `at`.
    pub fn any_equal_by(&self, at: SimTime, event: &E, mut pred: impl FnMut(&E) -> bool) -> bool {
        self.index.get(&event.dedupe_key()).is_some_and(|keys| {
            keys.range(..=(at, u64::MAX))
                .any(|k| self.items.get(k).is_some_and(&mut pred))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    impl Keyed for &str {
        fn dedupe_key(&self) -> u64 {
            self.len() as u64
        }
    }

    /// A copy of the queue (a checkpoint's) is not changed by what the original does next.
    #[test]
    fn a_copy_should_keep_its_events_when_the_original_moves_on() {
        let mut q = EventQueue::default();
        q.push(SimTime(5), "ab");
        q.push(SimTime(7), "cd");
        let copy = q.clone();
        assert_eq!(q.pop(), Some((SimTime(5), "ab")));
        q.push(SimTime(6), "xyz");
        let mut copy = copy;
        assert_eq!(copy.len(), 2);
        assert!(copy.any_equal_by(SimTime(5), &"ab", |x| *x == "ab"));
        assert_eq!(copy.pop(), Some((SimTime(5), "ab")));
        assert_eq!(copy.pop(), Some((SimTime(7), "cd")));
        assert_eq!(copy.pop(), None);
        assert_eq!(q.pop(), Some((SimTime(6), "xyz")));
    }

    #[test]
    fn equal_events_should_be_found_through_the_index_until_taken() {
        let mut q = EventQueue::default();
        q.push(SimTime(5), "ab");
        q.push(SimTime(7), "cd");
        q.push(SimTime(9), "xyz");
        let found = |q: &EventQueue<&str>, at, e: &'static str| {
            q.any_equal_by(SimTime(at), &e, |x| *x == e)
        };
        assert!(found(&q, 5, "ab"));
        assert!(!found(&q, 4, "ab"), "later than asked");
        assert!(found(&q, 7, "cd"), "same key, other event, both indexed");
        assert!(!found(&q, 9, "zz"), "same key, no equal event");
        assert_eq!(q.pop(), Some((SimTime(5), "ab")));
        assert!(!found(&q, 9, "ab"), "taken events leave the index");
        q.retain(|e| *e != "cd");
        assert!(!found(&q, 9, "cd"), "removed events leave the index");
        assert!(found(&q, 9, "xyz"));
        assert_eq!(q.index.len(), 1);
    }

    #[test]
    fn events_should_pop_in_time_then_insertion_order() {
        let mut q = EventQueue::default();
        q.push(SimTime(5), "b");
        q.push(SimTime(1), "a");
        q.push(SimTime(5), "c");
        assert_eq!(q.pop(), Some((SimTime(1), "a")));
        assert_eq!(q.pop(), Some((SimTime(5), "b")));
        assert_eq!(q.pop(), Some((SimTime(5), "c")));
        assert_eq!(q.pop(), None);
        assert_eq!(q.taken(), 3);
    }
}
