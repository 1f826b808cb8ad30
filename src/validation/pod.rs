//! Pod defaults (`pkg/apis/core/v1/defaults.go`), admission additions, and pod spec validation.

use super::{names, FieldError, Path};
use crate::model::{Container, Pod, PodSpec, Toleration};
use std::collections::BTreeSet;

/// Fills the defaults the API server applies to every pod spec (including templates).
pub fn default_pod_spec(spec: &mut PodSpec) {
    spec.restart_policy.get_or_insert_with(|| "Always".into());
    spec.dns_policy.get_or_insert_with(|| "ClusterFirst".into());
    spec.scheduler_name
        .get_or_insert_with(|| "default-scheduler".into());
    spec.termination_grace_period_seconds.get_or_insert(30);
    spec.security_context
        .get_or_insert_with(|| serde_json::json!({}));
    spec.enable_service_links.get_or_insert(true);
    for c in std::rc::Rc::make_mut(&mut spec.init_containers)
        .iter_mut()
        .chain(std::rc::Rc::make_mut(&mut spec.containers).iter_mut())
    {
        default_container(c);
    }
    for v in spec
        .volumes
        .as_mut()
        .and_then(|v| v.as_array_mut())
        .into_iter()
        .flatten()
    {
        default_volume(v);
    }
}

/// The volume sources' defaults: a hostPath's `type: ""`, `defaultMode: 420` (0644) for
/// configMap, secret, downwardAPI and projected volumes, `apiVersion: v1` in a fieldRef.
fn default_volume(v: &mut serde_json::Value) {
    if let Some(h) = v.get_mut("hostPath").and_then(|h| h.as_object_mut()) {
        h.entry("type").or_insert_with(|| "".into());
    }
    for source in ["configMap", "secret", "downwardAPI", "projected"] {
        if let Some(o) = v.get_mut(source).and_then(|o| o.as_object_mut()) {
            o.entry("defaultMode").or_insert_with(|| 420.into());
        }
    }
    let items = v
        .pointer_mut("/downwardAPI/items")
        .and_then(|i| i.as_array_mut());
    for item in items.into_iter().flatten() {
        default_field_ref(item.get_mut("fieldRef"));
    }
}

/// `SetDefaults_ObjectFieldSelector`: a fieldRef's apiVersion is v1.
fn default_field_ref(field_ref: Option<&mut serde_json::Value>) {
    if let Some(f) = field_ref.and_then(|f| f.as_object_mut()) {
        f.entry("apiVersion").or_insert_with(|| "v1".into());
    }
}

fn default_container(c: &mut Container) {
    for e in c
        .env
        .as_mut()
        .and_then(|e| e.as_array_mut())
        .into_iter()
        .flatten()
    {
        default_field_ref(e.pointer_mut("/valueFrom/fieldRef"));
    }
    c.termination_message_path
        .get_or_insert_with(|| "/dev/termination-log".into());
    c.termination_message_policy
        .get_or_insert_with(|| "File".into());
    c.resources.get_or_insert_with(|| serde_json::json!({}));
    for probe in [
        &mut c.liveness_probe,
        &mut c.readiness_probe,
        &mut c.startup_probe,
    ]
    .into_iter()
    .flatten()
    {
        default_probe(probe);
    }
    if c.image_pull_policy.is_none() {
        let policy = if image_tag(&c.image) == "latest" {
            "Always"
        } else {
            "IfNotPresent"
        };
        c.image_pull_policy = Some(policy.into());
    }
}

/// `SetDefaults_Probe` and `SetDefaults_HTTPGetAction`: a probe's zero timings become
/// timeout 1 s, period 10 s, success 1, failure 3; an HTTP GET gets path `/` and scheme HTTP.
fn default_probe(probe: &mut serde_json::Value) {
    let Some(p) = probe.as_object_mut() else {
        return;
    };
    for (field, value) in [
        ("timeoutSeconds", 1),
        ("periodSeconds", 10),
        ("successThreshold", 1),
        ("failureThreshold", 3),
    ] {
        if p.get(field)
            .and_then(serde_json::Value::as_i64)
            .unwrap_or(0)
            == 0
        {
            p.insert(field.into(), value.into());
        }
    }
    if let Some(get) = p.get_mut("httpGet").and_then(|g| g.as_object_mut()) {
        get.entry("path").or_insert_with(|| "/".into());
        get.entry("scheme").or_insert_with(|| "HTTP".into());
    }
}

/// The tag of an image reference; `latest` when it has neither tag nor digest.
pub fn image_tag(image: &str) -> &str {
    if image.contains('@') {
        return "";
    }
    let last = image.rsplit('/').next().unwrap_or(image);
    last.split_once(':').map(|(_, t)| t).unwrap_or("latest")
}

/// What admission plugins add to a new pod: service account, priority, default tolerations.
pub fn admit_pod(spec: &mut PodSpec) {
    let sa = spec
        .service_account_name
        .clone()
        .unwrap_or_else(|| "default".into());
    spec.service_account_name = Some(sa.clone());
    spec.service_account = Some(sa);
    spec.priority.get_or_insert(0);
    spec.preemption_policy
        .get_or_insert_with(|| "PreemptLowerPriority".into());
    for key in [
        "node.kubernetes.io/not-ready",
        "node.kubernetes.io/unreachable",
    ] {
        let tolerated = spec.tolerations.iter().any(|t| {
            (t.effect.is_empty() || t.effect == "NoExecute")
                && (t.key.is_empty() || t.key == key)
                && t.operator.as_deref() == Some("Exists")
        });
        if !tolerated {
            spec.tolerations.push(Toleration {
                key: key.into(),
                operator: Some("Exists".into()),
                effect: "NoExecute".into(),
                toleration_seconds: Some(300),
                ..Toleration::default()
            });
        }
    }
}

/// Validates a whole Pod object.
pub fn validate_pod(pod: &Pod) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let mut errs = names::object_name(&pod.metadata, &meta);
    errs.extend(names::labels(&pod.metadata.labels, &meta.child("labels")));
    errs.extend(names::annotations(
        &pod.metadata.annotations,
        &meta.child("annotations"),
    ));
    errs.extend(validate_pod_spec(&pod.spec, &Path::new("spec")));
    errs
}

/// Validates a pod spec at `path` (`spec` for pods, `spec.template.spec` for templates).
pub fn validate_pod_spec(spec: &PodSpec, path: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let mut seen = BTreeSet::new();
    if spec.containers.is_empty() {
        errs.push(FieldError::required(&path.child("containers"), ""));
    }
    for (list, name) in [
        (&spec.init_containers, "initContainers"),
        (&spec.containers, "containers"),
    ] {
        for (i, c) in list.iter().enumerate() {
            validate_container(c, &path.child(name).index(i), &mut seen, &mut errs);
        }
    }
    if let Some(policy) = &spec.restart_policy {
        if !["Always", "OnFailure", "Never"].contains(&policy.as_str()) {
            errs.push(FieldError::not_supported(
                &path.child("restartPolicy"),
                policy,
                &["Always", "Never", "OnFailure"],
            ));
        }
    }
    if let Some(dns) = &spec.dns_policy {
        let ok = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"];
        if !ok.contains(&dns.as_str()) {
            errs.push(FieldError::not_supported(
                &path.child("dnsPolicy"),
                dns,
                &ok,
            ));
        }
    }
    if let Some(d) = spec.active_deadline_seconds {
        if !(1..=i64::from(i32::MAX)).contains(&d) {
            errs.push(FieldError::invalid(
                &path.child("activeDeadlineSeconds"),
                &d,
                "must be between 1 and 2147483647, inclusive",
            ));
        }
    }
    errs.extend(names::labels(
        &spec.node_selector,
        &path.child("nodeSelector"),
    ));
    if let Some(node) = spec.node_name.as_deref().filter(|n| !n.is_empty()) {
        for msg in names::dns1123_subdomain(node) {
            errs.push(FieldError::invalid(&path.child("nodeName"), node, msg));
        }
    }
    for field in [("hostname", &spec.hostname), ("subdomain", &spec.subdomain)] {
        if let Some(v) = field.1.as_deref().filter(|v| !v.is_empty()) {
            for msg in names::dns1123_label(v) {
                errs.push(FieldError::invalid(&path.child(field.0), v, msg));
            }
        }
    }
    for (i, t) in spec.tolerations.iter().enumerate() {
        validate_toleration(t, &path.child("tolerations").index(i), &mut errs);
    }
    if let Some(required) = spec.required_node_affinity() {
        let p = path
            .child("affinity")
            .child("nodeAffinity")
            .child("requiredDuringSchedulingIgnoredDuringExecution")
            .child("nodeSelectorTerms");
        if required.node_selector_terms.is_empty() {
            errs.push(FieldError::required(
                &p,
                "must have at least one node selector term",
            ));
        }
        for (i, term) in required.node_selector_terms.iter().enumerate() {
            for (j, r) in term.match_expressions.iter().enumerate() {
                let rp = p.index(i).child("matchExpressions").index(j);
                validate_node_requirement(&r.operator, &r.values, &rp, &mut errs);
                for msg in names::qualified_name(&r.key) {
                    errs.push(FieldError::invalid(&rp.child("key"), &r.key, msg));
                }
            }
            for (j, r) in term.match_fields.iter().enumerate() {
                let rp = p.index(i).child("matchFields").index(j);
                if r.key != "metadata.name" {
                    errs.push(FieldError::invalid(
                        &rp.child("key"),
                        &r.key,
                        "not a valid field selector key",
                    ));
                }
                if !["In", "NotIn"].contains(&r.operator.as_str()) {
                    errs.push(FieldError::invalid(
                        &rp.child("operator"),
                        &r.operator,
                        "not a valid selector operator",
                    ));
                } else if r.values.len() != 1 {
                    errs.push(FieldError::required(&rp.child("values"), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
                }
            }
        }
    }
    errs
}

fn validate_node_requirement(op: &str, values: &[String], path: &Path, errs: &mut Vec<FieldError>) {
    match op {
        "In" | "NotIn" if values.is_empty() => errs.push(FieldError::required(
            &path.child("values"),
            "must be specified when `operator` is 'In' or 'NotIn'",
        )),
        "Exists" | "DoesNotExist" if !values.is_empty() => errs.push(FieldError::forbidden(
            &path.child("values"),
            "may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
        )),
        "Gt" | "Lt" if values.len() != 1 => errs.push(FieldError::required(
            &path.child("values"),
            "must be specified single value when `operator` is 'Lt' or 'Gt'",
        )),
        "In" | "NotIn" | "Exists" | "DoesNotExist" | "Gt" | "Lt" => {}
        other => errs.push(FieldError::invalid(
            &path.child("operator"),
            other,
            "not a valid selector operator",
        )),
    }
}

fn validate_container(
    c: &Container,
    path: &Path,
    seen: &mut BTreeSet<String>,
    errs: &mut Vec<FieldError>,
) {
    if c.name.is_empty() {
        errs.push(FieldError::required(&path.child("name"), ""));
    } else {
        for msg in names::dns1123_label(&c.name) {
            errs.push(FieldError::invalid(&path.child("name"), &c.name, msg));
        }
        if !seen.insert(c.name.clone()) {
            errs.push(FieldError::duplicate(&path.child("name"), &c.name));
        }
    }
    if c.image.trim().is_empty() {
        errs.push(FieldError::required(&path.child("image"), ""));
    }
    if let Some(p) = &c.image_pull_policy {
        let ok = ["Always", "IfNotPresent", "Never"];
        if !ok.contains(&p.as_str()) {
            errs.push(FieldError::not_supported(
                &path.child("imagePullPolicy"),
                p,
                &ok,
            ));
        }
    }
    if let Some(p) = &c.termination_message_policy {
        let ok = ["FallbackToLogsOnError", "File"];
        if !ok.contains(&p.as_str()) {
            errs.push(FieldError::not_supported(
                &path.child("terminationMessagePolicy"),
                p,
                &ok,
            ));
        }
    }
}

fn validate_toleration(t: &Toleration, path: &Path, errs: &mut Vec<FieldError>) {
    if !t.key.is_empty() {
        for msg in names::qualified_name(&t.key) {
            errs.push(FieldError::invalid(&path.child("key"), &t.key, msg));
        }
    }
    let op = t.operator.as_deref().unwrap_or("Equal");
    if t.key.is_empty() && op != "Exists" {
        errs.push(FieldError::invalid(
            &path.child("operator"),
            op,
            "operator must be Exists when `key` is empty, which means \"match all values and all keys\"",
        ));
    }
    match op {
        "Equal" | "" => {}
        "Exists" if !t.value.is_empty() => errs.push(FieldError::invalid(
            &path.child("operator"),
            &t.value,
            "value must be empty when `operator` is 'Exists'",
        )),
        "Exists" => {}
        other => errs.push(FieldError::not_supported(
            &path.child("operator"),
            other,
            &["Equal", "Exists"],
        )),
    }
    if t.toleration_seconds.is_some() && t.effect != "NoExecute" {
        errs.push(FieldError::invalid(
            &path.child("effect"),
            &t.effect,
            "effect must be 'NoExecute' when `tolerationSeconds` is set",
        ));
    }
    if !t.effect.is_empty()
        && !["NoSchedule", "PreferNoSchedule", "NoExecute"].contains(&t.effect.as_str())
    {
        errs.push(FieldError::not_supported(
            &path.child("effect"),
            &t.effect,
            &["NoSchedule", "PreferNoSchedule", "NoExecute"],
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pod(spec: PodSpec) -> Pod {
        let mut p = Pod {
            spec: std::rc::Rc::new(spec),
            ..Pod::default()
        };
        p.metadata.name = "p".into();
        p
    }

    fn container(name: &str, image: &str) -> Container {
        Container {
            name: name.into(),
            image: image.into(),
            ..Container::default()
        }
    }

    #[test]
    fn defaults_should_match_the_api_server() {
        let mut spec = PodSpec {
            containers: std::rc::Rc::new(vec![
                container("a", "nginx"),
                container("b", "perl:5.34.0"),
            ]),
            ..PodSpec::default()
        };
        default_pod_spec(&mut spec);
        admit_pod(&mut spec);
        assert_eq!(spec.restart_policy.as_deref(), Some("Always"));
        assert_eq!(spec.termination_grace_period_seconds, Some(30));
        assert_eq!(
            spec.containers[0].image_pull_policy.as_deref(),
            Some("Always")
        );
        assert_eq!(
            spec.containers[1].image_pull_policy.as_deref(),
            Some("IfNotPresent")
        );
        assert_eq!(spec.tolerations.len(), 2);
        assert_eq!(spec.tolerations[0].key, "node.kubernetes.io/not-ready");
        assert_eq!(spec.tolerations[1].toleration_seconds, Some(300));
        assert_eq!(spec.service_account.as_deref(), Some("default"));
    }

    #[test]
    fn validation_should_report_every_problem_at_once() {
        let spec = PodSpec {
            containers: std::rc::Rc::new(vec![
                container("a", ""),
                container("a", "x"),
                container("Bad_Name", "x"),
            ]),
            restart_policy: Some("Sometimes".into()),
            tolerations: vec![Toleration {
                key: "k".into(),
                operator: Some("Eq".into()),
                ..Toleration::default()
            }],
            ..PodSpec::default()
        };
        let errs: Vec<String> = validate_pod(&pod(spec))
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            errs,
            vec![
                "spec.containers[0].image: Required value",
                "spec.containers[1].name: Duplicate value: \"a\"",
                "spec.containers[2].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"",
                "spec.tolerations[0].operator: Unsupported value: \"Eq\": supported values: \"Equal\", \"Exists\"",
            ]
        );
    }

    #[test]
    fn a_pod_without_containers_or_name_should_be_rejected() {
        let errs: Vec<String> = validate_pod(&Pod::default())
            .iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(
            errs,
            vec![
                "metadata.name: Required value: name or generateName is required",
                "spec.containers: Required value"
            ]
        );
    }
}
