//! `podlab validate` on CronJobs: each CronJob field `ValidateCronJob` (`pkg/apis/batch/validation`) checks gets the API server's
//! message at the right line, and the popular tutorial's mistakes get the real errors.

use crate::support::validate as support;
use support::validate;

/// A CronJob with extra spec lines and a job template with extra spec lines.
fn cronjob(name: &str, spec_extra: &str, job_extra: &str, restart: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: {name}\nspec:\n  schedule: \"*/1 * * * *\"\n{spec_extra}  jobTemplate:\n    spec:\n{job_extra}      template:\n        spec:\n{restart}          containers:\n          - name: hello\n            image: busybox:1.28\n"
    )
}

const OK: &str = "          restartPolicy: OnFailure\n";

#[test]
fn invalid_cronjobs_should_get_the_api_servers_messages() {
    let schedule =
        |s: &str| cronjob("hello", "", "", OK).replace("\"*/1 * * * *\"", &format!("{s:?}"));
    let rows: Vec<(&str, String, &str)> = vec![
        ("concurrencyPolicy is not a boolean", cronjob("hello", "  concurrencyPolicy: \"true\"\n", "", OK), ":7:22: The CronJob \"hello\" is invalid: spec.concurrencyPolicy: Unsupported value: \"true\": supported values: \"Allow\", \"Forbid\", \"Replace\""),
        ("an unquoted boolean fails at decoding", cronjob("hello", "  concurrencyPolicy: true\n", "", OK), "CronJob in version \"v1\" cannot be handled as a CronJob: json: cannot unmarshal bool into Go struct field CronJobSpec.spec.concurrencyPolicy of type v1.ConcurrencyPolicy"),
        ("a lower-case policy", cronjob("hello", "  concurrencyPolicy: forbid\n", "", OK), "spec.concurrencyPolicy: Unsupported value: \"forbid\""),
        ("an empty schedule", schedule(""), "spec.schedule: Required value"),
        ("six fields", schedule("0 0 * * * *"), "spec.schedule: Invalid value: \"0 0 * * * *\": expected exactly 5 fields, found 6: [0 0 * * * *]"),
        ("day-of-week 7", schedule("0 0 * * 7"), "spec.schedule: Invalid value: \"0 0 * * 7\": end of range (7) above maximum (6): 7"),
        ("minute 60", schedule("60 * * * *"), "end of range (60) above maximum (59): 60"),
        ("a reversed range", schedule("0 5-1 * * *"), "beginning of range (5) beyond end of range (1): 5-1"),
        ("a zero step", schedule("*/0 * * * *"), "step of range should be a positive number: */0"),
        ("an unknown descriptor", schedule("@reboot"), "unrecognized descriptor: @reboot"),
        ("@every without a unit", schedule("@every 5"), "failed to parse duration @every 5: time: missing unit in duration \"5\""),
        ("L is not supported", schedule("0 0 L * *"), "failed to parse int from L: strconv.Atoi: parsing \"L\": invalid syntax"),
        ("TZ= in the schedule", schedule("TZ=Asia/Shanghai 0 9 * * *"), "spec.schedule: Invalid value: \"TZ=Asia/Shanghai 0 9 * * *\": cannot use TZ or CRON_TZ in schedule, use timeZone field instead"),
        ("CRON_TZ with an unknown zone", schedule("CRON_TZ=Mars/Olympus 0 9 * * *"), "provided bad location Mars/Olympus: unknown time zone Mars/Olympus"),
        ("an empty timeZone", cronjob("hello", "  timeZone: \"\"\n", "", OK), "spec.timeZone: Invalid value: \"\": timeZone must be nil or non-empty string"),
        ("an unknown timeZone", cronjob("hello", "  timeZone: Mars/Olympus\n", "", OK), "spec.timeZone: Invalid value: \"Mars/Olympus\": unknown time zone Mars/Olympus"),
        ("a lower-case timeZone", cronjob("hello", "  timeZone: asia/shanghai\n", "", OK), "spec.timeZone: Invalid value: \"asia/shanghai\": unknown time zone asia/shanghai"),
        ("Local", cronjob("hello", "  timeZone: Local\n", "", OK), "spec.timeZone: Invalid value: \"Local\": timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones"),
        ("a path-like timeZone", cronjob("hello", "  timeZone: ../etc\n", "", OK), "spec.timeZone: Invalid value: \"../etc\": unknown time zone ../etc"),
        ("a zone part longer than 14", cronjob("hello", "  timeZone: America/Argentina_Buenos\n", "", OK), "unknown time zone America/Argentina_Buenos"),
        ("negative startingDeadlineSeconds", cronjob("hello", "  startingDeadlineSeconds: -10\n", "", OK), "spec.startingDeadlineSeconds: Invalid value: -10: must be greater than or equal to 0"),
        ("negative successfulJobsHistoryLimit", cronjob("hello", "  successfulJobsHistoryLimit: -1\n", "", OK), "spec.successfulJobsHistoryLimit: Invalid value: -1: must be greater than or equal to 0"),
        ("negative failedJobsHistoryLimit", cronjob("hello", "  failedJobsHistoryLimit: -3\n", "", OK), "spec.failedJobsHistoryLimit: Invalid value: -3: must be greater than or equal to 0"),
        ("restartPolicy Always in the template", cronjob("hello", "", "", "          restartPolicy: Always\n"), "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
        ("an omitted restartPolicy", cronjob("hello", "", "", ""), "spec.jobTemplate.spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
        ("a Job rule inside the template", cronjob("hello", "", "      backoffLimit: -1\n", OK), "spec.jobTemplate.spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"),
        ("a selector in the template", cronjob("hello", "", "      selector:\n        matchLabels: {app: hello}\n", OK), "spec.jobTemplate.spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"hello\"}}: `selector` will be auto-generated"),
        ("manualSelector in the template", cronjob("hello", "", "      manualSelector: true\n", OK), "spec.jobTemplate.spec.manualSelector: Unsupported value: true: supported values: \"nil\", \"false\""),
        ("a name longer than 52", cronjob(&"a".repeat(53), "", "", OK), "metadata.name: Invalid value: \"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\": must be no more than 52 characters"),
        ("an invalid name", cronjob("Hello", "", "", OK), "metadata.name: Invalid value: \"Hello\": a lowercase RFC 1123 subdomain"),
        ("a typo in a CronJob field", cronjob("hello", "  concurencyPolicy: Forbid\n", "", OK), ":7:3: CronJob in version \"v1\" cannot be handled as a CronJob: strict decoding error: unknown field \"spec.concurencyPolicy\" (did you mean \"concurrencyPolicy\"?)"),
    ];
    let failures = support::failures(&rows);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn valid_cronjobs_should_pass() {
    for (title, text) in [
        ("52 characters", cronjob(&"a".repeat(52), "", "", OK)),
        (
            "a time zone",
            cronjob("hello", "  timeZone: Asia/Shanghai\n", "", OK),
        ),
        (
            "every policy",
            cronjob("hello", "  concurrencyPolicy: Replace\n", "", OK),
        ),
        (
            "limits of 0",
            cronjob(
                "hello",
                "  successfulJobsHistoryLimit: 0\n  failedJobsHistoryLimit: 0\n",
                "",
                OK,
            ),
        ),
        (
            "names and ?",
            cronjob("hello", "", "", OK).replace("\"*/1 * * * *\"", "\"0 9 ? JAN-dec MON-fri\""),
        ),
        (
            "@every",
            cronjob("hello", "", "", OK).replace("\"*/1 * * * *\"", "\"@every 1h30m\""),
        ),
    ] {
        let (code, err) = validate(&text);
        assert_eq!(code, 0, "{title}: {err}");
    }
}
