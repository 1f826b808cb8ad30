//! apps/v1 DaemonSet: defaults (`pkg/apis/apps/v1/defaults.go`) and `ValidateDaemonSet`
//! (`apps/validation`), with the API server's messages: the selector must match the template,
//! daemon pods always restart, and a rolling update moves at least one node at a time — by
//! `maxUnavailable` or by `maxSurge`, never both.

use super::field::nonneg;
use super::{names, pod as podval, FieldError, Path};
use crate::model::daemonset::{
    DaemonSet, DaemonSetUpdateStrategy, IntOrString, RollingUpdateDaemonSet,
};

/// Fills the defaults apps/v1 applies: updateStrategy RollingUpdate with maxUnavailable 1 and
/// maxSurge 0, revisionHistoryLimit 10, and the pod defaults of the template.
pub fn default_daemonset(ds: &mut DaemonSet) {
    let s = &mut ds.spec;
    let strategy = s
        .update_strategy
        .get_or_insert_with(DaemonSetUpdateStrategy::default);
    if strategy.type_.as_deref().is_none_or(str::is_empty) {
        strategy.type_ = Some("RollingUpdate".into());
    }
    if strategy.type_.as_deref() == Some("RollingUpdate") {
        let ru = strategy
            .rolling_update
            .get_or_insert_with(RollingUpdateDaemonSet::default);
        ru.max_unavailable.get_or_insert(IntOrString::Int(1));
        ru.max_surge.get_or_insert(IntOrString::Int(0));
    }
    s.revision_history_limit.get_or_insert(10);
    podval::default_pod_spec(std::rc::Rc::make_mut(&mut s.template.spec));
}

/// `ValidateDaemonSet` on create (after defaulting).
pub fn validate_daemonset(ds: &DaemonSet) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let mut errs = names::object_name(&ds.metadata, &meta);
    errs.extend(names::labels(&ds.metadata.labels, &meta.child("labels")));
    errs.extend(names::annotations(
        &ds.metadata.annotations,
        &meta.child("annotations"),
    ));
    let spec = Path::new("spec");
    let s = &ds.spec;
    let labels = &s.template.metadata.labels;
    // A missing selector selects nothing, so it never matches the template either.
    if !s.selector.as_ref().is_some_and(|sel| sel.matches(labels)) {
        errs.push(FieldError::invalid(
            &spec.child("template").child("metadata").child("labels"),
            &serde_json::to_value(labels).unwrap_or_default(),
            "`selector` does not match template `labels`",
        ));
    }
    if let Some(sel) = s
        .selector
        .as_ref()
        .filter(|sel| sel.match_labels.is_empty() && sel.match_expressions.is_empty())
    {
        errs.push(FieldError::invalid(
            &spec.child("selector"),
            &serde_json::to_value(sel).unwrap_or_default(),
            "empty selector is invalid for daemonset",
        ));
    }
    let template = spec.child("template");
    errs.extend(names::labels(
        labels,
        &template.child("metadata").child("labels"),
    ));
    errs.extend(podval::validate_pod_spec(
        &s.template.spec,
        &template.child("spec"),
    ));
    let restart = s
        .template
        .spec
        .restart_policy
        .as_deref()
        .unwrap_or_default();
    if restart != "Always" {
        errs.push(FieldError::not_supported(
            &template.child("spec").child("restartPolicy"),
            restart,
            &["Always"],
        ));
    }
    if s.template.spec.active_deadline_seconds.is_some() {
        errs.push(FieldError::forbidden(
            &template.child("spec").child("activeDeadlineSeconds"),
            "activeDeadlineSeconds in DaemonSet is not Supported",
        ));
    }
    nonneg(
        &mut errs,
        &spec.child("minReadySeconds"),
        s.min_ready_seconds.map(i64::from),
    );
    if let Some(strategy) = &s.update_strategy {
        validate_update_strategy(strategy, &spec.child("updateStrategy"), &mut errs);
    }
    nonneg(
        &mut errs,
        &spec.child("revisionHistoryLimit"),
        s.revision_history_limit.map(i64::from),
    );
    errs
}

/// `ValidateDaemonSetUpdateStrategy`.
fn validate_update_strategy(
    strategy: &DaemonSetUpdateStrategy,
    path: &Path,
    errs: &mut Vec<FieldError>,
) {
    match strategy.type_.as_deref().unwrap_or_default() {
        "OnDelete" => {}
        "RollingUpdate" => match &strategy.rolling_update {
            None => errs.push(FieldError::required(&path.child("rollingUpdate"), "")),
            Some(ru) => validate_rolling_update(ru, &path.child("rollingUpdate"), errs),
        },
        _ => errs.push(FieldError::not_supported(
            path,
            &serde_json::to_value(strategy).unwrap_or_default(),
            &["RollingUpdate", "OnDelete"],
        )),
    }
}

/// A percentage such as `25%` (`^[0-9]+%$`), as its number.
fn percent(v: &str) -> Option<i64> {
    let digits = v.strip_suffix('%')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse().unwrap_or(i64::MAX))
}

/// `getIntOrPercentValue`: the number of an int or a valid percentage; Go's `IntValue` of any
/// other string (its `Atoi`, 0 when that fails).
fn int_or_percent(v: &IntOrString) -> i64 {
    match v {
        IntOrString::Int(i) => i64::from(*i),
        IntOrString::Str(s) => percent(s).unwrap_or_else(|| s.parse().unwrap_or(0)),
    }
}

const PERCENT_ERR: &str = "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%', regex used for validation is '[0-9]+%')";

/// `ValidateRollingUpdateDaemonSet`.
fn validate_rolling_update(ru: &RollingUpdateDaemonSet, path: &Path, errs: &mut Vec<FieldError>) {
    let zero = IntOrString::Int(0);
    let unavailable = ru.max_unavailable.as_ref().unwrap_or(&zero);
    let surge = ru.max_surge.as_ref().unwrap_or(&zero);
    let json = |v: &IntOrString| serde_json::to_value(v).unwrap_or_default();
    for (v, name) in [(unavailable, "maxUnavailable"), (surge, "maxSurge")] {
        let p = path.child(name);
        match v {
            IntOrString::Str(s) if percent(s).is_none() => {
                errs.push(FieldError::invalid(&p, &json(v), PERCENT_ERR));
            }
            IntOrString::Str(_) => {}
            IntOrString::Int(i) => nonneg(errs, &p, Some(i64::from(*i))),
        }
    }
    for (v, name) in [(unavailable, "maxUnavailable"), (surge, "maxSurge")] {
        if let IntOrString::Str(s) = v {
            if percent(s).is_some_and(|p| p > 100) {
                errs.push(FieldError::invalid(
                    &path.child(name),
                    &json(v),
                    "must not be greater than 100%",
                ));
            }
        }
    }
    match (int_or_percent(unavailable) != 0, int_or_percent(surge) != 0) {
        (true, true) => errs.push(FieldError::invalid(
            &path.child("maxSurge"),
            &json(surge),
            "may not be set when maxUnavailable is non-zero",
        )),
        (false, false) => errs.push(FieldError::required(
            &path.child("maxUnavailable"),
            "cannot be 0 when maxSurge is 0",
        )),
        _ => {}
    }
}
