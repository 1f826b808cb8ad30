//! A work queue with client-go's semantics: keys not objects, de-duplication through a dirty
//! set, no key processed twice at once, delayed adds that keep the earliest time, and per-item
//! exponential rate-limited requeues.

use super::SimTime;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A de-duplicating, rate-limited queue of keys driven by virtual time.
#[derive(Clone, Debug)]
pub struct WorkQueue {
    queue: VecDeque<String>,
    dirty: BTreeSet<String>,
    processing: BTreeSet<String>,
    waiting: BTreeMap<String, SimTime>,
    failures: BTreeMap<String, u32>,
    base_ms: u64,
    max_ms: u64,
}

impl WorkQueue {
    /// A queue whose rate limiter starts at `base_ms` and doubles up to `max_ms` per key.
    pub fn new(base_ms: u64, max_ms: u64) -> WorkQueue {
        WorkQueue {
            queue: VecDeque::new(),
            dirty: BTreeSet::new(),
            processing: BTreeSet::new(),
            waiting: BTreeMap::new(),
            failures: BTreeMap::new(),
            base_ms,
            max_ms,
        }
    }

    /// client-go's default controller limiter: 5 ms doubling to 1000 s per item.
    pub fn default_controller() -> WorkQueue {
        WorkQueue::new(5, 1_000_000)
    }

    /// Adds a key now. A key already waiting is not added twice; a key being processed is
    /// queued again once `done` is called.
    pub fn add(&mut self, key: &str) {
        if !self.dirty.insert(key.to_string()) {
            return;
        }
        if !self.processing.contains(key) {
            self.queue.push_back(key.to_string());
        }
    }

    /// Adds a key at `now + delay_ms`; if it is already waiting, the earlier time wins.
    pub fn add_after(&mut self, key: &str, now: SimTime, delay_ms: u64) {
        if delay_ms == 0 {
            self.add(key);
            return;
        }
        let at = now.plus_ms(delay_ms);
        let slot = self.waiting.entry(key.to_string()).or_insert(at);
        if at < *slot {
            *slot = at;
        }
    }

    /// Adds a key after its per-item back-off, which doubles with each call until `forget`.
    /// Returns the delay used.
    pub fn add_rate_limited(&mut self, key: &str, now: SimTime) -> u64 {
        let n = self.failures.entry(key.to_string()).or_insert(0);
        let delay = self
            .base_ms
            .saturating_mul(1u64 << (*n).min(40))
            .min(self.max_ms);
        *n += 1;
        self.add_after(key, now, delay);
        delay
    }

    /// Resets a key's back-off (after a successful sync).
    pub fn forget(&mut self, key: &str) {
        self.failures.remove(key);
    }

    /// How many times a key has been requeued with back-off since the last `forget`.
    pub fn num_requeues(&self, key: &str) -> u32 {
        self.failures.get(key).copied().unwrap_or(0)
    }

    /// Moves delayed keys whose time has come into the queue.
    pub fn promote(&mut self, now: SimTime) {
        let due: Vec<String> = self
            .waiting
            .iter()
            .filter(|(_, t)| **t <= now)
            .map(|(k, _)| k.clone())
            .collect();
        for key in due {
            self.waiting.remove(&key);
            self.add(&key);
        }
    }

    /// The earliest time a delayed key becomes due.
    pub fn next_wakeup(&self) -> Option<SimTime> {
        self.waiting.values().min().copied()
    }

    /// Takes the next key to process, marking it as being processed.
    pub fn get(&mut self) -> Option<String> {
        let key = self.queue.pop_front()?;
        self.dirty.remove(&key);
        self.processing.insert(key.clone());
        Some(key)
    }

    /// Marks a key as processed; if it was added meanwhile, it is queued again.
    pub fn done(&mut self, key: &str) {
        self.processing.remove(key);
        if self.dirty.contains(key) {
            self.queue.push_back(key.to_string());
        }
    }

    /// Keys ready to process, in order.
    pub fn ready_keys(&self) -> impl Iterator<Item = &str> {
        self.queue.iter().map(String::as_str)
    }

    /// Keys waiting for a later time, with that time.
    pub fn waiting_keys(&self) -> impl Iterator<Item = (&str, SimTime)> {
        self.waiting.iter().map(|(k, t)| (k.as_str(), *t))
    }

    /// Whether no key is ready.
    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queue_should_deduplicate_waiting_keys() {
        let mut q = WorkQueue::default_controller();
        q.add("default/pi");
        q.add("default/pi");
        q.add("default/other");
        assert_eq!(
            q.ready_keys().collect::<Vec<_>>(),
            vec!["default/pi", "default/other"]
        );
    }

    #[test]
    fn a_key_added_while_processing_should_be_requeued_after_done() {
        let mut q = WorkQueue::default_controller();
        q.add("k");
        let k = q.get().unwrap();
        q.add("k");
        assert!(q.is_empty(), "must not be handed out twice at once");
        q.done(&k);
        assert_eq!(q.get().as_deref(), Some("k"));
    }

    #[test]
    fn delayed_adds_should_keep_the_earliest_time() {
        let mut q = WorkQueue::default_controller();
        q.add_after("k", SimTime(0), 10_000);
        q.add_after("k", SimTime(0), 5_000);
        q.add_after("k", SimTime(0), 7_000);
        assert_eq!(q.next_wakeup(), Some(SimTime(5_000)));
        q.promote(SimTime(4_999));
        assert!(q.is_empty());
        q.promote(SimTime(5_000));
        assert_eq!(q.get().as_deref(), Some("k"));
    }

    #[test]
    fn rate_limited_requeues_should_double_until_forgotten() {
        let mut q = WorkQueue::new(1_000, 60_000);
        let delays: Vec<u64> = (0..8)
            .map(|_| q.add_rate_limited("k", SimTime(0)))
            .collect();
        assert_eq!(
            delays,
            vec![1_000, 2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000]
        );
        q.forget("k");
        assert_eq!(q.add_rate_limited("k", SimTime(0)), 1_000);
    }
}
