//! `podlab validate` on invalid Jobs: each Job field `ValidateJob` (`pkg/apis/batch/validation`)
//! checks gets the API server's message, at the right line.

use crate::support::validate as support;
use support::validate;

fn job(spec_extra: &str, template_extra: &str, restart: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n{spec_extra}  template:\n    spec:\n{restart}{template_extra}      containers:\n      - name: pi\n        image: perl:5.34.0\n"
    )
}

const NEVER: &str = "      restartPolicy: Never\n";

#[test]
fn invalid_jobs_should_get_the_api_servers_messages() {
    let rows: Vec<(&str, String, &str)> = vec![
        ("restartPolicy Always is rejected", job("", "", "      restartPolicy: Always\n"), ":8:22: The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
        ("an omitted restartPolicy is rejected the same way", job("", "", ""), "The Job \"pi\" is invalid: spec.template.spec.restartPolicy: Required value: valid values: \"OnFailure\", \"Never\""),
        ("another restartPolicy is unsupported", job("", "", "      restartPolicy: Sometimes\n"), "spec.template.spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"OnFailure\", \"Never\""),
        ("negative parallelism", job("  parallelism: -1\n", "", NEVER), ":6:16: The Job \"pi\" is invalid: spec.parallelism: Invalid value: -1: must be greater than or equal to 0"),
        ("negative completions", job("  completions: -2\n", "", NEVER), "spec.completions: Invalid value: -2: must be greater than or equal to 0"),
        ("negative backoffLimit", job("  backoffLimit: -1\n", "", NEVER), "spec.backoffLimit: Invalid value: -1: must be greater than or equal to 0"),
        ("negative activeDeadlineSeconds", job("  activeDeadlineSeconds: -5\n", "", NEVER), "spec.activeDeadlineSeconds: Invalid value: -5: must be greater than or equal to 0"),
        ("negative ttlSecondsAfterFinished", job("  ttlSecondsAfterFinished: -1\n", "", NEVER), "spec.ttlSecondsAfterFinished: Invalid value: -1: must be greater than or equal to 0"),
        ("an unknown completionMode", job("  completionMode: Sorted\n", "", NEVER), "spec.completionMode: Unsupported value: \"Sorted\": supported values: \"NonIndexed\", \"Indexed\""),
        ("Indexed without completions", job("  completionMode: Indexed\n  parallelism: 2\n", "", NEVER), "spec.completions: Required value: when completion mode is Indexed"),
        ("backoffLimitPerIndex needs Indexed", job("  backoffLimitPerIndex: 1\n", "", NEVER), "spec.backoffLimitPerIndex: Invalid value: 1: requires indexed completion mode"),
        ("maxFailedIndexes needs backoffLimitPerIndex", job("  completionMode: Indexed\n  completions: 3\n  maxFailedIndexes: 1\n", "", NEVER), "spec.backoffLimitPerIndex: Required value: when maxFailedIndexes is specified"),
        ("maxFailedIndexes above completions", job("  completionMode: Indexed\n  completions: 3\n  backoffLimitPerIndex: 1\n  maxFailedIndexes: 4\n", "", NEVER), "spec.maxFailedIndexes: Invalid value: 4: must be less than or equal to completions"),
        ("an unknown podReplacementPolicy", job("  podReplacementPolicy: Always\n", "", NEVER), "spec.podReplacementPolicy: Unsupported value: \"Always\": supported values: \"Failed\", \"TerminatingOrFailed\""),
        ("a selector without manualSelector", job("  selector:\n    matchLabels: {app: pi}\n", "", NEVER), "spec.selector: Invalid value: {\"matchLabels\":{\"app\":\"pi\"}}: `selector` not auto-generated"),
        ("a manual selector that does not match", job("  manualSelector: true\n  selector:\n    matchLabels: {app: pi}\n", "", NEVER), "spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`"),
        ("podFailurePolicy with OnFailure", job("  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {operator: In, values: [1]}\n", "", "      restartPolicy: OnFailure\n"), "spec.template.spec.restartPolicy: Invalid value: \"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified"),
        ("a podFailurePolicy action that does not exist", job("  podFailurePolicy:\n    rules:\n    - action: Retry\n      onExitCodes: {operator: In, values: [1]}\n", "", NEVER), "spec.podFailurePolicy.rules[0].action: Unsupported value: \"Retry\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\""),
        ("FailIndex without backoffLimitPerIndex", job("  podFailurePolicy:\n    rules:\n    - action: FailIndex\n      onExitCodes: {operator: In, values: [1]}\n", "", NEVER), "spec.podFailurePolicy.rules[0].action: Invalid value: \"FailIndex\": requires the backoffLimitPerIndex to be set"),
        ("exit code 0 with In", job("  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes: {operator: In, values: [0, 3]}\n", "", NEVER), "spec.podFailurePolicy.rules[0].onExitCodes.values[0]: Invalid value: 0: must not be 0 for the In operator"),
        ("unordered exit codes", job("  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes: {operator: In, values: [5, 3]}\n", "", NEVER), "spec.podFailurePolicy.rules[0].onExitCodes.values[1]: Invalid value: 3: must be ordered"),
        ("a rule with both matchers", job("  podFailurePolicy:\n    rules:\n    - action: Ignore\n      onExitCodes: {operator: In, values: [3]}\n      onPodConditions: [{type: DisruptionTarget}]\n", "", NEVER), "spec.podFailurePolicy.rules[0]: Invalid value: specifying both OnExitCodes and OnPodConditions is not supported"),
        ("successPolicy needs Indexed", job("  successPolicy:\n    rules: [{succeededCount: 1}]\n", "", NEVER), "spec.successPolicy: Invalid value: {\"rules\":[{\"succeededCount\":1}]}: requires indexed completion mode"),
        ("successPolicy index out of range", job("  completionMode: Indexed\n  completions: 5\n  successPolicy:\n    rules: [{succeededIndexes: \"5\"}]\n", "", NEVER), "spec.successPolicy.rules[0].succeededIndexes: Invalid value: \"5\": error parsing succeededIndexes: too large index: \"5\""),
        ("successPolicy count above completions", job("  completionMode: Indexed\n  completions: 2\n  successPolicy:\n    rules: [{succeededCount: 3}]\n", "", NEVER), "spec.successPolicy.rules[0].succeededCount: Invalid value: 3: must be less than or equal to 2 (the number of specified completions)"),
        ("an Indexed job whose pod names would be invalid", format!("apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: {}\nspec:\n  completionMode: Indexed\n  completions: 10\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: c, image: busybox}}]\n", "a".repeat(62)), "will not able to create pod with invalid DNS label"),
        ("a typo in a Job field", job("  paralelism: 2\n", "", NEVER), ":6:3: Job in version \"v1\" cannot be handled as a Job: strict decoding error: unknown field \"spec.paralelism\" (did you mean \"parallelism\"?)"),
        ("concurrencyPolicy belongs to CronJobs", job("  concurrencyPolicy: Forbid\n", "", NEVER), "unknown field \"spec.concurrencyPolicy\""),
    ];
    let failures = support::failures(&rows);
    let (code, err) = validate(&job("  parallelism: 2\n  completions: 8\n", "", NEVER));
    assert_eq!(code, 0, "a valid Job must validate: {err}");
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn several_errors_should_be_reported_at_once() {
    let (code, err) = validate(&job(
        "  parallelism: -1\n  completions: -1\n",
        "",
        "      restartPolicy: Always\n",
    ));
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 3, "{err}");
}
