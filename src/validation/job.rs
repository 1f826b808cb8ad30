//! batch/v1 Job: defaults (`pkg/apis/batch/v1/defaults.go`), what the API server adds on create
//! (generated selector and labels), validation and update rules (`batch/validation`).

use super::field::nonneg;
use super::{names, pod as podval, FieldError, Path};
use crate::model::job::{Job, JobSpec};
use crate::model::LabelSelector;

/// The label keys the API server adds to a Job's pod template.
pub const CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";
/// Legacy unprefixed form, still added.
pub const LEGACY_CONTROLLER_UID: &str = "controller-uid";
/// The Job's name on its pods.
pub const JOB_NAME: &str = "batch.kubernetes.io/job-name";
/// Legacy unprefixed form, still added.
pub const LEGACY_JOB_NAME: &str = "job-name";

/// Fills the defaults batch/v1 applies (before validation).
pub fn default_job(job: &mut Job) {
    let s = std::rc::Rc::make_mut(&mut job.spec);
    if s.completions.is_none() && s.parallelism.is_none() {
        s.completions = Some(1);
        s.parallelism = Some(1);
    }
    s.parallelism.get_or_insert(1);
    if s.backoff_limit.is_none() {
        s.backoff_limit = Some(if s.backoff_limit_per_index.is_some() {
            i32::MAX
        } else {
            6
        });
    }
    s.completion_mode.get_or_insert_with(|| "NonIndexed".into());
    s.suspend.get_or_insert(false);
    if s.pod_replacement_policy.is_none() {
        let p = if s.pod_failure_policy.is_some() {
            "Failed"
        } else {
            "TerminatingOrFailed"
        };
        s.pod_replacement_policy = Some(p.into());
    }
    if let Some(pfp) = &mut s.pod_failure_policy {
        for rule in &mut pfp.rules {
            for c in &mut rule.on_pod_conditions {
                if c.status.is_empty() {
                    c.status = "True".into();
                }
            }
        }
    }
    podval::default_pod_spec(std::rc::Rc::make_mut(&mut s.template.spec));
    if job.metadata.labels.is_empty() {
        job.metadata.labels = s.template.metadata.labels.clone();
    }
}

/// What the API server adds on create, once the uid is known: the generated selector and the
/// four template labels (unless `manualSelector: true`).
pub fn generate_selector(job: &mut Job, uid: &str) {
    if job.spec.manual_selector == Some(true) {
        return;
    }
    let name = job.metadata.name.clone();
    let spec = std::rc::Rc::make_mut(&mut job.spec);
    let labels = &mut spec.template.metadata.labels;
    labels.insert(LEGACY_CONTROLLER_UID.into(), uid.into());
    labels.insert(CONTROLLER_UID.into(), uid.into());
    labels.insert(LEGACY_JOB_NAME.into(), name.clone());
    labels.insert(JOB_NAME.into(), name);
    if spec.selector.is_none() {
        let mut sel = LabelSelector::default();
        sel.match_labels.insert(CONTROLLER_UID.into(), uid.into());
        spec.selector = Some(sel);
    }
}

/// Validates a Job as created (with the generated selector in place).
pub fn validate_job(job: &Job) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let mut errs = names::object_name(&job.metadata, &meta);
    errs.extend(names::labels(&job.metadata.labels, &meta.child("labels")));
    errs.extend(names::annotations(
        &job.metadata.annotations,
        &meta.child("annotations"),
    ));
    let spec = Path::new("spec");
    let s = &job.spec;
    if s.completion_mode.as_deref() == Some("Indexed") {
        if let Some(c) = s.completions.filter(|c| *c > 0) {
            let pod_name = format!("{}-{}", job.metadata.name, c - 1);
            if !job.metadata.name.is_empty() && !names::dns1123_label(&pod_name).is_empty() {
                errs.push(FieldError::invalid(
                    &meta.child("name"),
                    &job.metadata.name,
                    format!("will not able to create pod with invalid DNS label: {pod_name}"),
                ));
            }
        }
    }
    validate_selector(job, &spec, &mut errs);
    errs.extend(validate_job_spec(s, &spec));
    errs
}

/// `validateJobSpec`: the rules a Job spec obeys wherever it appears (a Job, or a CronJob's
/// `jobTemplate.spec`), without the selector, which each caller checks its own way.
pub fn validate_job_spec(s: &JobSpec, spec: &Path) -> Vec<FieldError> {
    let mut errs = Vec::new();
    let indexed = s.completion_mode.as_deref() == Some("Indexed");
    nonneg(
        &mut errs,
        &spec.child("parallelism"),
        s.parallelism.map(i64::from),
    );
    nonneg(
        &mut errs,
        &spec.child("completions"),
        s.completions.map(i64::from),
    );
    nonneg(
        &mut errs,
        &spec.child("activeDeadlineSeconds"),
        s.active_deadline_seconds,
    );
    nonneg(
        &mut errs,
        &spec.child("backoffLimit"),
        s.backoff_limit.map(i64::from),
    );
    nonneg(
        &mut errs,
        &spec.child("ttlSecondsAfterFinished"),
        s.ttl_seconds_after_finished.map(i64::from),
    );
    nonneg(
        &mut errs,
        &spec.child("backoffLimitPerIndex"),
        s.backoff_limit_per_index.map(i64::from),
    );
    nonneg(
        &mut errs,
        &spec.child("maxFailedIndexes"),
        s.max_failed_indexes.map(i64::from),
    );
    match s.completion_mode.as_deref() {
        None | Some("NonIndexed") | Some("Indexed") => {}
        Some(other) => errs.push(FieldError::not_supported(
            &spec.child("completionMode"),
            other,
            &["NonIndexed", "Indexed"],
        )),
    }
    if indexed {
        match s.completions {
            None => errs.push(FieldError::required(
                &spec.child("completions"),
                "when completion mode is Indexed",
            )),
            Some(c) if c > 100_000 && s.backoff_limit_per_index.is_some() => {
                if s.max_failed_indexes.is_none() {
                    errs.push(FieldError::required(
                        &spec.child("maxFailedIndexes"),
                        "must be specified when completions is above 100000",
                    ));
                }
                if let Some(p) = s.parallelism.filter(|p| *p > 10_000) {
                    errs.push(FieldError::invalid(&spec.child("parallelism"), &p, "must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"));
                }
            }
            _ => {}
        }
        if let Some(p) = s.parallelism.filter(|p| *p > 100_000) {
            errs.push(FieldError::invalid(
                &spec.child("parallelism"),
                &p,
                "must be less than or equal to 100000 when completion mode is Indexed",
            ));
        }
    } else {
        if let Some(v) = s.backoff_limit_per_index {
            errs.push(FieldError::invalid(
                &spec.child("backoffLimitPerIndex"),
                &v,
                "requires indexed completion mode",
            ));
        }
        if let Some(v) = s.max_failed_indexes {
            errs.push(FieldError::invalid(
                &spec.child("maxFailedIndexes"),
                &v,
                "requires indexed completion mode",
            ));
        }
    }
    if let Some(m) = s.max_failed_indexes {
        if s.backoff_limit_per_index.is_none() {
            errs.push(FieldError::required(
                &spec.child("backoffLimitPerIndex"),
                "when maxFailedIndexes is specified",
            ));
        }
        if let Some(c) = s.completions.filter(|c| m > *c) {
            let _ = c;
            errs.push(FieldError::invalid(
                &spec.child("maxFailedIndexes"),
                &m,
                "must be less than or equal to completions",
            ));
        }
        if m > 100_000 {
            errs.push(FieldError::invalid(
                &spec.child("maxFailedIndexes"),
                &m,
                "must be less than or equal to 100000",
            ));
        }
    }
    match s.pod_replacement_policy.as_deref() {
        None => {}
        Some("Failed") => {}
        Some(other) if s.pod_failure_policy.is_some() => errs.push(FieldError::not_supported(
            &spec.child("podReplacementPolicy"),
            other,
            &["Failed"],
        )),
        Some("TerminatingOrFailed") => {}
        Some(other) => errs.push(FieldError::not_supported(
            &spec.child("podReplacementPolicy"),
            other,
            &["Failed", "TerminatingOrFailed"],
        )),
    }
    if let Some(m) = &s.managed_by {
        if m.len() > 63 {
            errs.push(FieldError::too_long(&spec.child("managedBy"), 63));
        }
        let (domain, path) = m.split_once('/').unwrap_or(("", ""));
        if domain.is_empty() || path.is_empty() || !names::dns1123_subdomain(domain).is_empty() {
            errs.push(FieldError::invalid(
                &spec.child("managedBy"),
                m,
                "must be a domain-prefixed path (such as \"acme.io/foo\")",
            ));
        }
    }
    let template = spec.child("template");
    errs.extend(names::labels(
        &s.template.metadata.labels,
        &template.child("metadata").child("labels"),
    ));
    errs.extend(podval::validate_pod_spec(
        &s.template.spec,
        &template.child("spec"),
    ));
    let rp = template.child("spec").child("restartPolicy");
    match s.template.spec.restart_policy.as_deref() {
        Some("OnFailure") if s.pod_failure_policy.is_some() => errs.push(FieldError::invalid(
            &rp,
            "OnFailure",
            "only \"Never\" is supported when podFailurePolicy is specified",
        )),
        Some("OnFailure") | Some("Never") => {}
        None | Some("Always") | Some("") => errs.push(FieldError::required(
            &rp,
            "valid values: \"OnFailure\", \"Never\"",
        )),
        Some(other) => {
            // The pod spec check already said so; the Job check words it its own way.
            errs.retain(|e| e.path != rp);
            errs.push(FieldError::not_supported(
                &rp,
                other,
                &["OnFailure", "Never"],
            ));
        }
    }
    super::job_policy::validate_policies(s, spec, &mut errs);
    errs
}

fn validate_selector(job: &Job, spec: &Path, errs: &mut Vec<FieldError>) {
    let Some(sel) = &job.spec.selector else {
        errs.push(FieldError::required(&spec.child("selector"), ""));
        return;
    };
    if sel.match_labels.is_empty() && sel.match_expressions.is_empty() {
        errs.push(FieldError::invalid(
            &spec.child("selector"),
            &selector_json(sel),
            "empty selector is invalid for deployment",
        ));
        return;
    }
    let labels = &job.spec.template.metadata.labels;
    if job.spec.manual_selector != Some(true) {
        let uid = job.metadata.uid();
        let generated = sel.match_labels.get(CONTROLLER_UID).map(String::as_str) == Some(uid)
            && sel.match_expressions.is_empty();
        if !generated {
            errs.push(FieldError::invalid(
                &spec.child("selector"),
                &selector_json(sel),
                "`selector` not auto-generated",
            ));
            return;
        }
    }
    if !sel.matches(labels) {
        let v = serde_json::to_value(labels).unwrap_or_default();
        errs.push(FieldError::invalid(
            &spec.child("template").child("metadata").child("labels"),
            &v,
            "`selector` does not match template `labels`",
        ));
    }
}

/// A selector as the value of a field error.
pub fn selector_json(sel: &LabelSelector) -> serde_json::Value {
    serde_json::to_value(sel).unwrap_or_default()
}

/// Validates an update of an existing Job (immutable fields).
pub fn validate_job_update(new: &Job, old: &Job) -> Vec<FieldError> {
    let spec = Path::new("spec");
    let mut errs = Vec::new();
    let (n, o) = (&new.spec, &old.spec);
    let immutable =
        |errs: &mut Vec<FieldError>, name: &str, changed: bool, value: serde_json::Value| {
            if changed {
                let v = match value {
                    serde_json::Value::String(s) => FieldError::immutable(&spec.child(name), &s),
                    serde_json::Value::Number(n) => {
                        FieldError::immutable(&spec.child(name), &n.as_i64().unwrap_or_default())
                    }
                    other => FieldError::immutable(&spec.child(name), &other),
                };
                errs.push(v);
            }
        };
    let indexed = o.completion_mode.as_deref() == Some("Indexed");
    if n.completions != o.completions {
        if indexed {
            if n.completions != n.parallelism {
                errs.push(FieldError::invalid(
                    &spec.child("completions"),
                    &n.completions.unwrap_or_default(),
                    "can only be modified in tandem with spec.parallelism",
                ));
            }
        } else {
            immutable(&mut errs, "completions", true, json(&n.completions));
        }
    }
    immutable(
        &mut errs,
        "completionMode",
        n.completion_mode != o.completion_mode,
        json(&n.completion_mode),
    );
    immutable(
        &mut errs,
        "selector",
        n.selector != o.selector,
        json(&n.selector),
    );
    immutable(
        &mut errs,
        "podFailurePolicy",
        n.pod_failure_policy != o.pod_failure_policy,
        json(&n.pod_failure_policy),
    );
    immutable(
        &mut errs,
        "successPolicy",
        n.success_policy != o.success_policy,
        json(&n.success_policy),
    );
    immutable(
        &mut errs,
        "backoffLimitPerIndex",
        n.backoff_limit_per_index != o.backoff_limit_per_index,
        json(&n.backoff_limit_per_index),
    );
    if n.template != o.template {
        let never_started =
            o.suspend == Some(true) && old.status.as_ref().is_none_or(|s| s.start_time.is_none());
        let mut a = n.template.clone();
        let mut b = o.template.clone();
        if never_started {
            // Scheduling directives may change while a suspended Job has never started.
            for t in [&mut a, &mut b] {
                t.metadata.labels.clear();
                t.metadata.annotations.clear();
                let spec = std::rc::Rc::make_mut(&mut t.spec);
                spec.node_selector.clear();
                spec.tolerations.clear();
                spec.affinity = None;
                spec.scheduling_gates = None;
            }
        }
        if a != b {
            immutable(&mut errs, "template", true, json(&n.template));
        }
    }
    errs
}

/// A field's value as JSON, for immutable-field messages.
fn json<T: serde::Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or_default()
}
