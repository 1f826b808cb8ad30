//! `controller.ComputeHash` (`pkg/controller/controller_utils.go`) for ControllerRevisions:
//! FNV-32a over the pod
//! template (and the collision count, when set), written in decimal and passed through
//! `rand.SafeEncodeString`, so hashes use only `4 5 6 7 8 9 b c d f`. Go hashes a deep print
//! of its structs, which podlab cannot reproduce; it hashes the template's JSON instead —
//! the same shape of value, equally deterministic.

use crate::model::pod::PodTemplateSpec;

/// FNV-1a, 32 bits.
fn fnv32a(bytes: &[u8]) -> u32 {
    bytes.iter().fold(0x811c_9dc5_u32, |h, b| {
        (h ^ u32::from(*b)).wrapping_mul(0x0100_0193)
    })
}

/// `rand.SafeEncodeString`: each character mapped into an alphabet without vowels or
/// look-alike characters.
pub fn safe_encode(s: &str) -> String {
    const ALPHANUMS: &[u8] = b"bcdfghjklmnpqrstvwxz2456789";
    s.chars()
        .map(|c| char::from(ALPHANUMS[(c as usize) % ALPHANUMS.len()]))
        .collect()
}

/// The `controller-revision-hash` of a template.
pub fn compute_hash(template: &PodTemplateSpec, collision_count: Option<i32>) -> String {
    let mut bytes = serde_json::to_vec(template).unwrap_or_default();
    if let Some(c) = collision_count {
        bytes.extend_from_slice(&(c as u32).to_le_bytes());
    }
    safe_encode(&fnv32a(&bytes).to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_should_use_the_safe_alphabet_and_change_with_the_template() {
        assert_eq!(safe_encode("0123456789"), "456789bcdf");
        // FNV-1a test vectors.
        assert_eq!(fnv32a(b""), 0x811c_9dc5);
        assert_eq!(fnv32a(b"a"), 0xe40c_292c);
        let mut t = PodTemplateSpec::default();
        let first = compute_hash(&t, None);
        assert!(first.chars().all(|c| "456789bcdf".contains(c)), "{first}");
        assert_eq!(first, compute_hash(&t, None), "deterministic");
        assert_ne!(
            first,
            compute_hash(&t, Some(1)),
            "a collision count changes it"
        );
        t.metadata.labels.insert("name".into(), "fluentd".into());
        assert_ne!(first, compute_hash(&t, None));
    }
}
