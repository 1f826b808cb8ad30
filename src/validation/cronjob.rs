//! batch/v1 CronJob validation (`batch/validation`): so far the schedule, checked with the same
//! parser the API server uses ([`crate::cron`]) and the rule against `TZ` in the schedule.

use super::{FieldError, Path};

/// `spec.schedule` on create: required, parseable by `cron.ParseStandard`, and free of `TZ`
/// (the `timeZone` field is the way to pick a zone).
pub fn validate_schedule(schedule: &str, path: &Path) -> Vec<FieldError> {
    if schedule.is_empty() {
        return vec![FieldError::required(path, "")];
    }
    let mut errs = Vec::new();
    if let Err(why) = crate::cron::parse_standard(schedule) {
        errs.push(FieldError::invalid(path, schedule, why));
    }
    if schedule.contains("TZ") {
        errs.push(FieldError::invalid(
            path,
            schedule,
            "cannot use TZ or CRON_TZ in schedule, use timeZone field instead",
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
