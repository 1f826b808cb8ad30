//! One stable sort for the whole program. The standard library's stable sort is compiled
//! again for every element type and comparator (about 6 KB of wasm each: 180 KB over thirty
//! call sites, measured with `benches/wasm_size.rs`); these functions sort the positions
//! through one `dyn` comparator, so it is compiled once, then move the elements into that
//! order (a few elements are sorted by insertion, in place). The order is exactly
//! `slice::sort_by`'s: stable, equal elements keep their order.
//! clippy (`clippy.toml`) points every other sort here.

use std::cmp::Ordering;

/// Up to this many elements are sorted by insertion, in place.
const SMALL: usize = 12;

/// Sorts by a comparator, stably (as `slice::sort_by`).
pub fn sort_by<T>(v: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    if v.len() <= SMALL {
        // A few elements (a pod's conditions): insertion, without allocating.
        for i in 1..v.len() {
            let mut j = i;
            while j > 0 && compare(&v[j - 1], &v[j]) == Ordering::Greater {
                v.swap(j - 1, j);
                j -= 1;
            }
        }
        return;
    }
    let order = {
        let items: &[T] = v;
        positions(items.len(), &mut |a, b| compare(&items[a], &items[b]))
    };
    permute(v, &order);
}

/// Sorts by a key, stably (as `slice::sort_by_key`).
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts, stably (as `slice::sort`).
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, Ord::cmp);
}

/// The positions `0..n` in sorted order: the one place the standard sort is instantiated.
#[allow(clippy::disallowed_methods)]
fn positions(n: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves `v`'s elements into `order` (a permutation of its positions: position `i` gets the
/// element at `order[i]`), one cycle of swaps at a time.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut placed = vec![false; order.len()];
    for start in 0..order.len() {
        let mut i = start;
        while !placed[i] {
            placed[i] = true;
            let j = order[i];
            if placed[j] {
                break;
            }
            v.swap(i, j);
            i = j;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[allow(clippy::disallowed_methods)]
    fn the_order_should_be_the_standard_stable_sorts() {
        let mut seed = 7u64;
        for n in [0usize, 1, 2, 3, 17, 100, 1000] {
            let v: Vec<(u8, usize)> = (0..n)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            assert_eq!(ours, std, "n = {n}");
            let mut ours = v.clone();
            let mut std = v;
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            std.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            assert_eq!(ours, std);
        }
        let mut words = vec!["b".to_string(), "a".into(), "c".into()];
        sort(&mut words);
        assert_eq!(words, ["a", "b", "c"]);
    }
}
