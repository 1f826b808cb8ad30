//! Validation of a Job's podFailurePolicy and successPolicy (batch-val), with its messages.

use super::{FieldError, Path};
use crate::model::indexes;
use crate::model::job::JobSpec;
use std::collections::BTreeSet;

/// Validates `spec.podFailurePolicy` and `spec.successPolicy`.
pub fn validate_policies(s: &JobSpec, spec: &Path, errs: &mut Vec<FieldError>) {
    if let Some(pfp) = &s.pod_failure_policy {
        let rules = spec.child("podFailurePolicy").child("rules");
        if pfp.rules.len() > 20 {
            errs.push(FieldError::too_many(&rules, pfp.rules.len(), 20));
        }
        let containers: BTreeSet<&str> = s
            .template
            .spec
            .containers
            .iter()
            .chain(s.template.spec.init_containers.iter())
            .map(|c| c.name.as_str())
            .collect();
        for (i, rule) in pfp.rules.iter().enumerate() {
            let p = rules.index(i);
            match rule.action.as_str() {
                "" => errs.push(FieldError::required(
                    &p.child("action"),
                    "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
                )),
                "FailIndex" if s.backoff_limit_per_index.is_none() => {
                    errs.push(FieldError::invalid(
                        &p.child("action"),
                        "FailIndex",
                        "requires the backoffLimitPerIndex to be set",
                    ))
                }
                "Count" | "FailIndex" | "FailJob" | "Ignore" => {}
                other => errs.push(FieldError::not_supported(
                    &p.child("action"),
                    other,
                    &["Count", "FailIndex", "FailJob", "Ignore"],
                )),
            }
            match (&rule.on_exit_codes, rule.on_pod_conditions.is_empty()) {
                (Some(_), false) => errs.push(FieldError {
                    value: None,
                    ..FieldError::invalid(
                        &p,
                        "",
                        "specifying both OnExitCodes and OnPodConditions is not supported",
                    )
                }),
                (None, true) => errs.push(FieldError {
                    value: None,
                    ..FieldError::invalid(
                        &p,
                        "",
                        "specifying one of OnExitCodes and OnPodConditions is required",
                    )
                }),
                _ => {}
            }
            if let Some(codes) = &rule.on_exit_codes {
                let cp = p.child("onExitCodes");
                if let Some(name) = &codes.container_name {
                    if !containers.contains(name.as_str()) {
                        errs.push(FieldError::invalid(&cp.child("containerName"), name, "must be one of the container or initContainer names in the pod template"));
                    }
                }
                match codes.operator.as_str() {
                    "In" | "NotIn" => {}
                    "" => errs.push(FieldError::required(
                        &cp.child("operator"),
                        "valid values: [\"In\" \"NotIn\"]",
                    )),
                    other => errs.push(FieldError::not_supported(
                        &cp.child("operator"),
                        other,
                        &["In", "NotIn"],
                    )),
                }
                let vp = cp.child("values");
                if codes.values.is_empty() {
                    errs.push(FieldError {
                        value: None,
                        ..FieldError::invalid(&vp, "", "at least one value is required")
                    });
                }
                if codes.values.len() > 255 {
                    errs.push(FieldError::too_many(&vp, codes.values.len(), 255));
                }
                let mut seen = BTreeSet::new();
                let mut prev: Option<i32> = None;
                for (j, v) in codes.values.iter().enumerate() {
                    if !seen.insert(*v) {
                        errs.push(FieldError::duplicate(&vp.index(j), &i64::from(*v)));
                    }
                    if codes.operator == "In" && *v == 0 {
                        errs.push(FieldError::invalid(
                            &vp.index(j),
                            &0i64,
                            "must not be 0 for the In operator",
                        ));
                    }
                    if prev.is_some_and(|p| p > *v) {
                        errs.push(FieldError::invalid(
                            &vp.index(j),
                            &i64::from(*v),
                            "must be ordered",
                        ));
                    }
                    prev = Some(*v);
                }
            }
            if rule.on_pod_conditions.len() > 20 {
                errs.push(FieldError::too_many(
                    &p.child("onPodConditions"),
                    rule.on_pod_conditions.len(),
                    20,
                ));
            }
            for (j, c) in rule.on_pod_conditions.iter().enumerate() {
                let cp = p.child("onPodConditions").index(j);
                for msg in super::names::qualified_name(&c.type_) {
                    errs.push(FieldError::invalid(&cp.child("type"), &c.type_, msg));
                }
                if !["True", "False", "Unknown"].contains(&c.status.as_str()) {
                    errs.push(FieldError::not_supported(
                        &cp.child("status"),
                        &c.status,
                        &["False", "True", "Unknown"],
                    ));
                }
            }
        }
    }
    if let Some(sp) = &s.success_policy {
        let p = spec.child("successPolicy");
        if s.completion_mode.as_deref() != Some("Indexed") {
            errs.push(FieldError::invalid(
                &p,
                &serde_json::to_value(sp).unwrap_or_default(),
                "requires indexed completion mode",
            ));
            return;
        }
        let rules = p.child("rules");
        if sp.rules.is_empty() {
            errs.push(FieldError::required(
                &rules,
                "at least one rules must be specified when the successPolicy is specified",
            ));
        }
        if sp.rules.len() > 20 {
            errs.push(FieldError::too_many(&rules, sp.rules.len(), 20));
        }
        let completions = s.completions.unwrap_or_default();
        for (i, r) in sp.rules.iter().enumerate() {
            let rp = rules.index(i);
            if r.succeeded_count.is_none() && r.succeeded_indexes.is_none() {
                errs.push(FieldError::required(
                    &rp,
                    "at least one of succeededCount or succeededIndexes must be specified",
                ));
            }
            let mut n_indexes = None;
            if let Some(text) = &r.succeeded_indexes {
                match indexes::parse(text, completions) {
                    Ok(set) => n_indexes = Some(set.len() as i64),
                    Err(e) => errs.push(FieldError::invalid(
                        &rp.child("succeededIndexes"),
                        text,
                        format!("error parsing succeededIndexes: {e}"),
                    )),
                }
            }
            if let Some(c) = r.succeeded_count.map(i64::from) {
                let cp = rp.child("succeededCount");
                if c < 0 {
                    errs.push(FieldError::invalid(
                        &cp,
                        &c,
                        "must be greater than or equal to 0",
                    ));
                } else if c > i64::from(completions) {
                    errs.push(FieldError::invalid(&cp, &c, format!("must be less than or equal to {completions} (the number of specified completions)")));
                } else if let Some(n) = n_indexes.filter(|n| c > *n) {
                    errs.push(FieldError::invalid(&cp, &c, format!("must be less than or equal to {n} (the number of indexes in the specified succeededIndexes field)")));
                }
            }
        }
    }
}
