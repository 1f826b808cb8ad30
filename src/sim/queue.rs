//! The event queue: events ordered by (time, insertion sequence), so ties break by insertion.

use super::SimTime;
use std::collections::BTreeMap;

/// A priority queue of events keyed by `(SimTime, seq)`.
#[derive(Clone, Debug)]
pub struct EventQueue<E> {
    items: BTreeMap<(SimTime, u64), E>,
    seq: u64,
    taken: u64,
}

impl<E> Default for EventQueue<E> {
    fn default() -> Self {
        EventQueue {
            items: BTreeMap::new(),
            seq: 0,
            taken: 0,
        }
    }
}

impl<E> EventQueue<E> {
    /// Schedules `event` at `at`.
    pub fn push(&mut self, at: SimTime, event: E) {
        self.seq += 1;
        self.items.insert((at, self.seq), event);
    }

    /// The time of the next event.
    pub fn peek_time(&self) -> Option<SimTime> {
        self.items.keys().next().map(|(t, _)| *t)
    }

    /// Takes the next event.
    pub fn pop(&mut self) -> Option<(SimTime, E)> {
        let next = self.items.pop_first()?;
        self.taken += 1;
        Some((next.0 .0, next.1))
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
        self.items.retain(|_, e| keep(e));
    }

    /// Whether any pending event matches `pred`.
    pub fn any(&self, pred: impl FnMut(&E) -> bool) -> bool {
        self.items.values().any(pred)
    }

    /// Whether an event matching `pred` is pending at or before `at`.
    pub fn any_by(&self, at: SimTime, mut pred: impl FnMut(&E) -> bool) -> bool {
        self.items.range(..=(at, u64::MAX)).any(|(_, e)| pred(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
