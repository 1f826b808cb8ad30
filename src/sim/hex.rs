//! Lowercase hexadecimal written straight into a `String`: uids, container ids, image digests
//! and Event names are made on every write, and `format!("{:016x}")` goes through the padding
//! formatter (about a thousand instructions each); these write the digits directly.

const DIGITS: &[u8; 16] = b"0123456789abcdef";

/// Appends the low `width` hex digits of `v`, zero-padded (`format!("{v:0width$x}")` for a
/// `v` of at most `width` digits; `width` is at most 16).
pub fn push_padded(out: &mut String, v: u64, width: usize) {
    debug_assert!(width <= 16);
    let mut buf = [0u8; 16];
    for (i, slot) in buf[..width].iter_mut().enumerate() {
        let shift = 4 * (width - 1 - i);
        *slot = DIGITS[((v >> shift) & 0xf) as usize];
    }
    // Every byte is an ASCII hex digit, so the check passes.
    out.push_str(std::str::from_utf8(&buf[..width]).unwrap_or_default());
}

/// Appends `v` in hex without leading zeros (`format!("{v:x}")`).
pub fn push(out: &mut String, v: u64) {
    let digits = (16 - (v.leading_zeros() as usize) / 4).max(1);
    push_padded(out, v, digits);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn padded_digits_should_be_what_the_formatter_writes() {
        for v in [
            0u64,
            1,
            0xf,
            0x10,
            0xdead_beef,
            u64::MAX,
            0x0123_4567_89ab_cdef,
        ] {
            for width in [1usize, 4, 8, 12, 16] {
                let masked = if width == 16 {
                    v
                } else {
                    v & ((1 << (4 * width)) - 1)
                };
                let mut s = String::new();
                push_padded(&mut s, masked, width);
                assert_eq!(s, format!("{masked:0width$x}"), "{v:#x} width {width}");
            }
        }
    }

    #[test]
    fn unpadded_digits_should_be_what_the_formatter_writes() {
        for v in [
            0u64,
            1,
            0xf,
            0x10,
            0xff,
            0x100,
            0xdead_beef,
            u64::MAX,
            1 << 60,
        ] {
            let mut s = String::from("x.");
            push(&mut s, v);
            assert_eq!(s, format!("x.{v:x}"));
        }
    }
}
