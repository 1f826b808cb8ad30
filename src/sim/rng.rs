//! The one source of randomness: Xoshiro256++ seeded from the scenario's seed.
//!
//! Every draw is a `u64` or a `u32` range, never a `usize`, so native and wasm32 agree.

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The alphabet of generated name suffixes (apimachinery `util/rand`): no vowels, no 0, 1, 3.
pub const NAME_ALPHABET: &[u8; 27] = b"bcdfghjklmnpqrstvwxz2456789";

/// The simulation's random number generator.
#[derive(Clone, Debug)]
pub struct Rng(Xoshiro256PlusPlus);

impl Rng {
    /// A generator for this seed.
    pub fn new(seed: u64) -> Rng {
        Rng(Xoshiro256PlusPlus::seed_from_u64(seed))
    }

    /// A uniform `u64`.
    pub fn next_u64(&mut self) -> u64 {
        self.0.next_u64()
    }

    /// A uniform integer in `0..n` (unbiased, by rejection). `n` must be positive.
    pub fn below(&mut self, n: u32) -> u32 {
        let n = u64::from(n.max(1));
        let zone = u64::MAX - (u64::MAX % n);
        loop {
            let x = self.0.next_u64();
            if x < zone {
                return (x % n) as u32;
            }
        }
    }

    /// A 5-character name suffix, as the API server's `generateName` draws it.
    pub fn name_suffix(&mut self) -> String {
        let mut s = String::with_capacity(5);
        for _ in 0..5 {
            s.push(char::from(NAME_ALPHABET[self.below(27) as usize]));
        }
        s
    }

    /// A version-4 UUID, as the API server assigns to `metadata.uid`.
    pub fn uuid(&mut self) -> String {
        let (a, b) = (self.next_u64(), self.next_u64());
        let a = (a & 0xffff_ffff_ffff_0fff) | 0x0000_0000_0000_4000;
        let b = (b & 0x3fff_ffff_ffff_ffff) | 0x8000_0000_0000_0000;
        // 8-4-4-4-12 hex digits.
        let groups = [
            (a >> 32, 8),
            ((a >> 16) & 0xffff, 4),
            (a & 0xffff, 4),
            (b >> 48, 4),
            (b & 0xffff_ffff_ffff, 12),
        ];
        let mut s = String::with_capacity(36);
        for (i, (v, width)) in groups.into_iter().enumerate() {
            if i > 0 {
                s.push('-');
            }
            super::hex::push_padded(&mut s, v, width);
        }
        s
    }

    /// A lowercase hex string of `len` characters (container and machine ids).
    pub fn hex(&mut self, len: usize) -> String {
        let mut s = String::with_capacity(len.next_multiple_of(16));
        while s.len() < len {
            super::hex::push_padded(&mut s, self.next_u64(), 16);
        }
        s.truncate(len);
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_should_give_the_same_draws() {
        let (mut a, mut b) = (Rng::new(7), Rng::new(7));
        assert_eq!(a.name_suffix(), b.name_suffix());
        assert_eq!(a.uuid(), b.uuid());
        assert_ne!(Rng::new(7).name_suffix(), Rng::new(8).name_suffix());
    }

    #[test]
    fn suffixes_should_use_only_the_apiserver_alphabet() {
        let mut r = Rng::new(1);
        for _ in 0..200 {
            let s = r.name_suffix();
            assert_eq!(s.len(), 5);
            assert!(s.bytes().all(|c| NAME_ALPHABET.contains(&c)), "{s}");
        }
    }

    #[test]
    fn uuids_should_be_version_4() {
        let u = Rng::new(3).uuid();
        assert_eq!(u.len(), 36);
        assert_eq!(&u[14..15], "4");
        assert!("89ab".contains(&u[19..20]), "{u}");
    }
}
