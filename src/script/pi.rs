//! π to N significant digits, as the docs' `pi` Job prints it (`perl -Mbignum=bpi -wle "print bpi(N)"`).

/// π to `n` significant digits, rounded, as Math::BigFloat's `bpi(n)` prints it.
pub fn pi(n: usize) -> String {
    // Machin: π = 16·atan(1/5) − 4·atan(1/239), in base-10⁴ limbs with 3 guard limbs.
    let limbs = n / 4 + 4;
    let mut a = atan_inv(5, limbs);
    mul_small(&mut a, 16);
    let mut b = atan_inv(239, limbs);
    mul_small(&mut b, 4);
    sub(&mut a, &b);
    let mut digits = a[0].to_string();
    for limb in &a[1..] {
        digits.push_str(&format!("{limb:04}"));
    }
    // Round to n significant digits.
    let bytes: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let mut kept: Vec<u8> = bytes[..n.min(bytes.len())].to_vec();
    if bytes.get(n).is_some_and(|d| *d >= 5) {
        let mut i = kept.len();
        while i > 0 {
            i -= 1;
            if kept[i] == 9 {
                kept[i] = 0;
            } else {
                kept[i] += 1;
                break;
            }
        }
    }
    let text: String = kept.iter().map(|d| char::from(b'0' + d)).collect();
    if text.len() <= 1 {
        text
    } else {
        format!("{}.{}", &text[..1], &text[1..])
    }
}

const BASE: u64 = 10_000;

fn atan_inv(x: u64, limbs: usize) -> Vec<u64> {
    let mut sum = vec![0u64; limbs];
    let mut power = vec![0u64; limbs];
    power[0] = 1;
    div_small(&mut power, x);
    let mut k = 0u64;
    loop {
        let mut term = power.clone();
        div_small(&mut term, 2 * k + 1);
        if term.iter().all(|l| *l == 0) {
            break;
        }
        if k % 2 == 0 {
            add(&mut sum, &term);
        } else {
            sub(&mut sum, &term);
        }
        div_small(&mut power, x * x);
        k += 1;
    }
    sum
}

fn div_small(a: &mut [u64], d: u64) {
    let mut rem = 0;
    for limb in a.iter_mut() {
        let cur = rem * BASE + *limb;
        *limb = cur / d;
        rem = cur % d;
    }
}

fn mul_small(a: &mut [u64], m: u64) {
    let mut carry = 0;
    for limb in a.iter_mut().rev() {
        let cur = *limb * m + carry;
        *limb = cur % BASE;
        carry = cur / BASE;
    }
    a[0] += carry * BASE;
}

fn add(a: &mut [u64], b: &[u64]) {
    let mut carry = 0;
    for i in (0..a.len()).rev() {
        let cur = a[i] + b[i] + carry;
        a[i] = if i == 0 { cur } else { cur % BASE };
        carry = if i == 0 { 0 } else { cur / BASE };
    }
}

fn sub(a: &mut [u64], b: &[u64]) {
    let mut borrow = 0;
    for i in (0..a.len()).rev() {
        let need = b[i] + borrow;
        if a[i] >= need {
            a[i] -= need;
            borrow = 0;
        } else {
            a[i] = a[i] + BASE - need;
            borrow = 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pi_should_have_the_right_digits_and_rounding() {
        assert_eq!(pi(10), "3.141592654");
        assert_eq!(pi(3), "3.14");
        let p = pi(2000);
        assert_eq!(p.len(), 2001);
        assert!(p.starts_with("3.14159265358979323846264338327950288419716939937510"));
        // The Feynman point: decimals 762 to 767 are six nines.
        assert_eq!(&p[2 + 761..2 + 767], "999999");
        assert_ne!(&p[2 + 760..2 + 761], "9");
    }
}
