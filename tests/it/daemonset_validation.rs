//! `podlab validate` on DaemonSets: each field `ValidateDaemonSet` (`pkg/apis/apps/validation`)
//! checks, with the API server's messages.

use crate::support::validate as support;
use support::validate;

/// A DaemonSet with extra spec lines, a selector and template labels.
fn ds(spec_extra: &str, selector: &str, labels: &str, pod_extra: &str) -> String {
    format!(
        "apiVersion: apps/v1\nkind: DaemonSet\nmetadata:\n  name: fluentd\nspec:\n{selector}{spec_extra}  template:\n    metadata:\n      labels: {labels}\n    spec:\n{pod_extra}      containers:\n      - name: fluentd\n        image: fluentd:v1.16\n"
    )
}

const SEL: &str = "  selector:\n    matchLabels: {name: fluentd}\n";
const LABELS: &str = "{name: fluentd}";

#[test]
fn invalid_daemonsets_should_get_the_api_servers_messages() {
    let rows: Vec<(&str, String, &str)> = vec![
        ("maxSurge alone: maxUnavailable defaults to 1", ds("  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n", SEL, LABELS, ""), "The DaemonSet \"fluentd\" is invalid: spec.updateStrategy.rollingUpdate.maxSurge: Invalid value: 1: may not be set when maxUnavailable is non-zero"),
        ("both zero", ds("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0\n", SEL, LABELS, ""), "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"),
        ("both zero as percentages", ds("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 0%\n", SEL, LABELS, ""), "spec.updateStrategy.rollingUpdate.maxUnavailable: Required value: cannot be 0 when maxSurge is 0"),
        ("a percentage above 100", ds("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 150%\n", SEL, LABELS, ""), "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"150%\": must not be greater than 100%"),
        ("not a percentage", ds("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: ten\n", SEL, LABELS, ""), "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: \"ten\": a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%', or '93%', regex used for validation is '[0-9]+%')"),
        ("a negative count", ds("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: -1\n", SEL, LABELS, ""), "spec.updateStrategy.rollingUpdate.maxUnavailable: Invalid value: -1: must be greater than or equal to 0"),
        ("an unknown strategy", ds("  updateStrategy:\n    type: Recreate\n", SEL, LABELS, ""), "spec.updateStrategy: Unsupported value: {\"type\":\"Recreate\"}: supported values: \"RollingUpdate\", \"OnDelete\""),
        ("no selector", ds("", "", LABELS, ""), "spec.template.metadata.labels: Invalid value: {\"name\":\"fluentd\"}: `selector` does not match template `labels`"),
        ("a selector that does not match", ds("", "  selector:\n    matchLabels: {name: other}\n", LABELS, ""), "spec.template.metadata.labels: Invalid value: {\"name\":\"fluentd\"}: `selector` does not match template `labels`"),
        ("an empty selector", ds("", "  selector: {}\n", LABELS, ""), "spec.selector: Invalid value: {}: empty selector is invalid for daemonset"),
        ("restartPolicy OnFailure", ds("", SEL, LABELS, "      restartPolicy: OnFailure\n"), "spec.template.spec.restartPolicy: Unsupported value: \"OnFailure\": supported values: \"Always\""),
        ("restartPolicy Never", ds("", SEL, LABELS, "      restartPolicy: Never\n"), "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\""),
        ("activeDeadlineSeconds", ds("", SEL, LABELS, "      activeDeadlineSeconds: 30\n"), "spec.template.spec.activeDeadlineSeconds: Forbidden: activeDeadlineSeconds in DaemonSet is not Supported"),
        ("negative minReadySeconds", ds("  minReadySeconds: -5\n", SEL, LABELS, ""), "spec.minReadySeconds: Invalid value: -5: must be greater than or equal to 0"),
        ("negative revisionHistoryLimit", ds("  revisionHistoryLimit: -1\n", SEL, LABELS, ""), "spec.revisionHistoryLimit: Invalid value: -1: must be greater than or equal to 0"),
        ("a typo in a DaemonSet field", ds("  updateStratgy:\n    type: OnDelete\n", SEL, LABELS, ""), "DaemonSet in version \"v1\" cannot be handled as a DaemonSet: strict decoding error: unknown field \"spec.updateStratgy\" (did you mean \"updateStrategy\"?)"),
    ];
    let failures = support::failures(&rows);
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn valid_daemonsets_should_pass() {
    for (title, text) in [
        ("defaults", ds("", SEL, LABELS, "")),
        ("surge with maxUnavailable 0", ds("  updateStrategy:\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 0\n", SEL, LABELS, "")),
        ("percentages", ds("  updateStrategy:\n    rollingUpdate:\n      maxUnavailable: 25%\n", SEL, LABELS, "")),
        ("OnDelete", ds("  updateStrategy:\n    type: OnDelete\n", SEL, LABELS, "")),
    ] {
        let (code, err) = validate(&text);
        assert_eq!(code, 0, "{title}: {err}");
    }
}
