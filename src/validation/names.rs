//! Name, label and annotation rules (apimachinery `validation` package), with its messages.

use super::{FieldError, Path};
use std::collections::BTreeMap;

const DNS1123_LABEL_ERR: &str = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const DNS1123_SUBDOMAIN_ERR: &str = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const LABEL_VALUE_ERR: &str = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const NAME_PART_ERR: &str = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

fn is_label_body(s: &str, extra: &[char]) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && b[0].is_ascii_alphanumeric()
        && b[b.len() - 1].is_ascii_alphanumeric()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || extra.contains(&c))
}

/// Problems with `value` as a DNS-1123 label (max 63).
pub fn dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !(is_label_body(value, &['-']) && value.chars().all(|c| !c.is_ascii_uppercase())) {
        errs.push(DNS1123_LABEL_ERR.to_string());
    }
    errs
}

/// Problems with `value` as a DNS-1123 subdomain (max 253).
pub fn dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push("must be no more than 253 characters".to_string());
    }
    let ok = value.split('.').all(|part| is_label_body(part, &['-']))
        && value.chars().all(|c| !c.is_ascii_uppercase());
    if !ok {
        errs.push(DNS1123_SUBDOMAIN_ERR.to_string());
    }
    errs
}

/// Validates `metadata.name` (or `generateName`) as a DNS subdomain, as most kinds do.
pub fn object_name(meta: &crate::model::ObjectMeta, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if meta.name.is_empty() {
        match &meta.generate_name {
            None => errs.push(FieldError::required(
                &path.child("name"),
                "name or generateName is required",
            )),
            Some(prefix) => {
                let trimmed = prefix.strip_suffix('-').unwrap_or(prefix);
                for msg in dns1123_subdomain(trimmed) {
                    errs.push(FieldError::invalid(
                        &path.child("generateName"),
                        prefix,
                        msg,
                    ));
                }
            }
        }
    } else {
        for msg in dns1123_subdomain(&meta.name) {
            errs.push(FieldError::invalid(&path.child("name"), &meta.name, msg));
        }
    }
    // `ValidateObjectMeta` with `ValidateNamespaceName`: a namespaced object's namespace is a
    // DNS-1123 label (unset means the request's namespace).
    if let Some(ns) = meta.namespace.as_deref() {
        for msg in dns1123_label(ns) {
            errs.push(FieldError::invalid(&path.child("namespace"), ns, msg));
        }
    }
    errs
}

/// `ValidateNamespace`: a namespace's name is a DNS-1123 label, it has no namespace itself,
/// and its labels and annotations are valid.
pub fn validate_namespace(ns: &crate::model::Namespace) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let mut errs = Vec::new();
    if ns.metadata.name.is_empty() {
        errs.push(FieldError::required(
            &meta.child("name"),
            "name or generateName is required",
        ));
    }
    for msg in dns1123_label(&ns.metadata.name) {
        if !ns.metadata.name.is_empty() {
            errs.push(FieldError::invalid(
                &meta.child("name"),
                &ns.metadata.name,
                msg,
            ));
        }
    }
    if ns
        .metadata
        .namespace
        .as_deref()
        .is_some_and(|n| !n.is_empty())
    {
        errs.push(FieldError::forbidden(
            &meta.child("namespace"),
            "not allowed on this type",
        ));
    }
    errs.extend(labels(&ns.metadata.labels, &meta.child("labels")));
    errs.extend(annotations(
        &ns.metadata.annotations,
        &meta.child("annotations"),
    ));
    errs
}

/// Problems with a qualified name such as `app.kubernetes.io/name`.
pub fn qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let (prefix, name) = match value.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, value),
    };
    if let Some(p) = prefix {
        if p.is_empty() {
            errs.push("prefix part must be non-empty".to_string());
        } else {
            errs.extend(
                dns1123_subdomain(p)
                    .into_iter()
                    .map(|m| format!("prefix part {m}")),
            );
        }
    }
    if name.is_empty() {
        errs.push("name part must be non-empty".to_string());
    } else {
        if name.len() > 63 {
            errs.push("name part must be no more than 63 characters".to_string());
        }
        if !is_label_body(name, &['-', '_', '.']) {
            errs.push(NAME_PART_ERR.to_string());
        }
    }
    errs
}

/// Validates a label map (`metadata.labels`, `spec.nodeSelector`, …).
pub fn labels(labels: &BTreeMap<String, String>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    for (k, v) in labels {
        for msg in qualified_name(k) {
            errs.push(FieldError::invalid(path, k, msg));
        }
        for msg in label_value(v) {
            errs.push(FieldError::invalid(path, v, msg));
        }
    }
    errs
}

/// Problems with a label value (`IsValidLabelValue`).
pub fn label_value(v: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if v.len() > 63 {
        errs.push("must be no more than 63 characters".to_string());
    }
    if !v.is_empty() && !is_label_body(v, &['-', '_', '.']) {
        errs.push(LABEL_VALUE_ERR.to_string());
    }
    errs
}

/// Validates annotation keys and the total size limit (256 KiB).
pub fn annotations(annotations: &BTreeMap<String, String>, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut total = 0;
    for (k, v) in annotations {
        for msg in qualified_name(&k.to_ascii_lowercase()) {
            errs.push(FieldError::invalid(path, k, msg));
        }
        total += k.len() + v.len();
    }
    if total > 256 * 1024 {
        errs.push(FieldError::too_long(path, 256 * 1024));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_should_follow_rfc1123() {
        assert!(dns1123_label("pi").is_empty());
        assert!(!dns1123_label("My_C").is_empty());
        assert!(dns1123_subdomain("a.b-c").is_empty());
        assert!(!dns1123_subdomain("-a").is_empty());
        assert_eq!(dns1123_label(&"a".repeat(64)).len(), 1);
    }

    #[test]
    fn labels_should_report_bad_keys_and_values() {
        let mut m = BTreeMap::new();
        m.insert("app.kubernetes.io/name".to_string(), "web".to_string());
        assert!(labels(&m, &Path::new("metadata").child("labels")).is_empty());
        m.insert("bad key".to_string(), "bad value!".to_string());
        let errs = labels(&m, &Path::new("metadata").child("labels"));
        assert_eq!(errs.len(), 2);
        assert!(errs[1]
            .to_string()
            .starts_with("metadata.labels: Invalid value: \"bad value!\": a valid label"));
    }
}
