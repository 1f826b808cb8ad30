//! batch/v1 CronJob: defaults (`pkg/apis/batch/v1/defaults.go`) and validation
//! (`batch/validation`: `ValidateCronJobCreate` / `ValidateCronJobUpdate`), with the API
//! server's messages. The schedule is checked with the same parser ([`crate::cron`]).

use super::field::nonneg;
use super::{job as jobval, names, pod as podval, FieldError, Path};
use crate::cron::Zone;
use crate::model::cronjob::{CronJob, CronJobSpec, JobTemplateSpec};

/// The controller appends `-<minutes since the epoch>` (11 characters) to a CronJob's name to
/// name each Job, and a Job name is a 63-character DNS label.
pub const MAX_NAME_LEN: usize = 52;

/// Fills the defaults batch/v1 applies: concurrencyPolicy `Allow`, suspend false, history
/// limits 3 and 1, and the pod defaults inside the template (the Job's own defaults apply
/// when a Job is made from it).
pub fn default_cronjob(cj: &mut CronJob) {
    let s = std::rc::Rc::make_mut(&mut cj.spec);
    if s.concurrency_policy.as_deref().is_none_or(str::is_empty) {
        s.concurrency_policy = Some("Allow".into());
    }
    s.suspend.get_or_insert(false);
    s.successful_jobs_history_limit.get_or_insert(3);
    s.failed_jobs_history_limit.get_or_insert(1);
    podval::default_pod_spec(std::rc::Rc::make_mut(
        &mut std::rc::Rc::make_mut(&mut s.job_template.spec)
            .template
            .spec,
    ));
}

/// `ValidateCronJobCreate`.
pub fn validate_cronjob(cj: &CronJob) -> Vec<FieldError> {
    let meta = Path::new("metadata");
    let mut errs = names::object_name(&cj.metadata, &meta);
    errs.extend(names::labels(&cj.metadata.labels, &meta.child("labels")));
    errs.extend(names::annotations(
        &cj.metadata.annotations,
        &meta.child("annotations"),
    ));
    errs.extend(validate_cronjob_spec(&cj.spec, None, &Path::new("spec")));
    if cj.metadata.name.len() > MAX_NAME_LEN {
        errs.push(FieldError::invalid(
            &meta.child("name"),
            &cj.metadata.name,
            "must be no more than 52 characters",
        ));
    }
    errs
}

/// `ValidateCronJobUpdate`: the spec rules again (a `TZ` kept from the old schedule is
/// tolerated; the time zone is checked only when it changes), without the name limit.
pub fn validate_cronjob_update(new: &CronJob, old: &CronJob) -> Vec<FieldError> {
    validate_cronjob_spec(&new.spec, Some(&old.spec), &Path::new("spec"))
}

/// `validateCronJobSpec`.
pub fn validate_cronjob_spec(
    s: &CronJobSpec,
    old: Option<&CronJobSpec>,
    path: &Path,
) -> Vec<FieldError> {
    let schedule = path.child("schedule");
    let mut errs = if s.schedule.is_empty() {
        vec![FieldError::required(&schedule, "")]
    } else {
        let allow_tz = old.is_some_and(|o| o.schedule.contains("TZ"));
        validate_schedule_format(&s.schedule, allow_tz, s.time_zone.is_some(), &schedule)
    };
    nonneg(
        &mut errs,
        &path.child("startingDeadlineSeconds"),
        s.starting_deadline_seconds,
    );
    if old.is_none_or(|o| o.time_zone != s.time_zone) {
        errs.extend(validate_time_zone(
            s.time_zone.as_deref(),
            &path.child("timeZone"),
        ));
    }
    let policy = path.child("concurrencyPolicy");
    match s.concurrency_policy.as_deref().unwrap_or_default() {
        "Allow" | "Forbid" | "Replace" => {}
        "" => errs.push(FieldError::required(&policy, "")),
        other => errs.push(FieldError::not_supported(
            &policy,
            other,
            &["Allow", "Forbid", "Replace"],
        )),
    }
    errs.extend(validate_job_template(
        &s.job_template,
        &path.child("jobTemplate"),
    ));
    nonneg(
        &mut errs,
        &path.child("successfulJobsHistoryLimit"),
        s.successful_jobs_history_limit.map(i64::from),
    );
    nonneg(
        &mut errs,
        &path.child("failedJobsHistoryLimit"),
        s.failed_jobs_history_limit.map(i64::from),
    );
    errs
}

/// `spec.schedule` on create: parseable by `cron.ParseStandard`, and free of `TZ` (the
/// `timeZone` field is the way to pick a zone).
pub fn validate_schedule(schedule: &str, path: &Path) -> Vec<FieldError> {
    if schedule.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    validate_schedule_format(schedule, false, false, path)
}

/// `validateScheduleFormat`.
fn validate_schedule_format(
    schedule: &str,
    allow_tz: bool,
    has_time_zone: bool,
    path: &Path,
) -> Vec<FieldError> {
    let mut errs = Vec::new();
    if let Err(why) = crate::cron::parse_standard(schedule) {
        errs.push(FieldError::invalid(path, schedule, why));
    }
    let tz = schedule.contains("TZ");
    if allow_tz && tz && has_time_zone {
        errs.push(FieldError::invalid(
            path,
            schedule,
            "cannot use both timeZone field and TZ or CRON_TZ in schedule",
        ));
    } else if !allow_tz && tz {
        errs.push(FieldError::invalid(
            path,
            schedule,
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
        ));
    }
    errs
}

/// Each `/`-separated part of a zone name: 1–14 of `[A-Za-z.-_0-9+]`, not `.` or `..`, not
/// starting with `-`.
fn valid_zone_part(part: &str) -> bool {
    (1..=14).contains(&part.len())
        && part != "."
        && part != ".."
        && !part.starts_with('-')
        && part
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | '+'))
}

/// `validateTimeZone`.
pub fn validate_time_zone(tz: Option<&str>, path: &Path) -> Vec<FieldError> {
    let Some(tz) = tz else { return Vec::new() };
    if tz.is_empty() {
        return vec![FieldError::invalid(
            path,
            tz,
            "timeZone must be nil or non-empty string",
        )];
    }
    if !tz.split('/').all(valid_zone_part) {
        return vec![FieldError::invalid(
            path,
            tz,
            format!("unknown time zone {tz}"),
        )];
    }
    let mut errs = Vec::new();
    if tz.eq_ignore_ascii_case("Local") {
        errs.push(FieldError::invalid(
            path,
            tz,
            "timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones",
        ));
    }
    // Go's LoadLocation("Local") is the machine's zone, so only the rule above applies.
    if tz != "Local" {
        if let Err(e) = Zone::load(tz) {
            errs.push(FieldError::invalid(path, tz, e));
        }
    }
    errs
}

/// `ValidateJobTemplateSpec`: the Job spec rules, and no selector of its own.
fn validate_job_template(t: &JobTemplateSpec, path: &Path) -> Vec<FieldError> {
    let spec = path.child("spec");
    let mut errs = jobval::validate_job_spec(&t.spec, &spec);
    if let Some(sel) = &t.spec.selector {
        errs.push(FieldError::invalid(
            &spec.child("selector"),
            &jobval::selector_json(sel),
            "`selector` will be auto-generated",
        ));
    }
    if t.spec.manual_selector == Some(true) {
        errs.push(FieldError::not_supported(
            &spec.child("manualSelector"),
            &true,
            &["nil", "false"],
        ));
    }
    errs
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(schedule: &str) -> Vec<String> {
        validate_schedule(schedule, &Path::new("spec").child("schedule"))
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn a_bad_schedule_should_be_reported_as_the_api_server_does() {
        assert!(messages("*/5 * * * *").is_empty());
        assert_eq!(messages(""), vec!["spec.schedule: Required value"]);
        assert_eq!(
            messages("0 0 * * * *"),
            vec![
                "spec.schedule: Invalid value: \"0 0 * * * *\": expected exactly 5 fields, found 6: [0 0 * * * *]"
            ]
        );
        assert_eq!(
            messages("TZ=UTC 0 * * * *"),
            vec!["spec.schedule: Invalid value: \"TZ=UTC 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"]
        );
    }
}
