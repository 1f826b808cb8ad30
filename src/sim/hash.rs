//! A fast, deterministic 64-bit hasher (rustc's FxHash step over eight bytes at a time) for
//! the engine's in-memory indexes whose buckets are then compared exactly: the event queue's
//! dedupe buckets and the store's Event folding index. It has no random seed, so a run indexes
//! alike every time; `std`'s SipHash cost a seventh of the event queue's work.

use std::hash::Hasher;

/// FxHash's multiplier.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// The hasher: one 64-bit state.
#[derive(Clone, Copy, Debug, Default)]
pub struct FxHasher(u64);

impl FxHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FxHasher {
    /// Eight bytes at a time; the last few (none, up to seven) make one more word, zero-padded,
    /// whose top byte tells how many there were (so `"abcdefgh"` and `"abcdefgh\0"` differ).
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let mut word = [0u8; 8];
        word[..rest.len()].copy_from_slice(rest);
        word[7] = rest.len() as u8 + 1;
        self.add(u64::from_le_bytes(word));
    }

    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }

    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }

    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }

    /// As a u64, so that wasm32 and native hash alike.
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::Hash;

    fn hash(v: impl Hash) -> u64 {
        let mut h = FxHasher::default();
        v.hash(&mut h);
        h.finish()
    }

    #[test]
    fn equal_values_should_hash_alike_and_near_ones_apart() {
        assert_eq!(hash(("pod", 1u64)), hash(("pod", 1u64)));
        assert_ne!(hash(("pod", 1u64)), hash(("pod", 2u64)));
        // str's Hash ends each string, so one string's end cannot run into the next.
        assert_ne!(hash(("ab", "c")), hash(("a", "bc")));
        assert_ne!(hash("abcdefgh"), hash("abcdefgh\0"));
    }
}
