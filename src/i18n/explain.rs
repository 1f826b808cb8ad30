//! A plain-language explanation beside the API server's words, for the mistakes learners make
//! most, chosen by the error's type, the object's kind and the field's path (never by matching
//! the message's wording).

use super::Lang;
use crate::api::manifest::{ErrorCode, ManifestError};
use crate::model::Kind;
use crate::validation::ErrorType;
use crate::yaml::SyntaxKind;

/// An explanation of a manifest error, if it is a common one.
pub fn explain(e: &ManifestError, lang: Lang) -> Option<&'static str> {
    let path = e.path.as_deref().unwrap_or_default();
    let template = path
        .strip_prefix("spec.jobTemplate.")
        .unwrap_or(path)
        .strip_prefix("spec.template.spec.");
    let (en, zh) = match (e.object, e.code, template, path) {
        (Some(Kind::Job | Kind::CronJob), ErrorCode::Field(ErrorType::Invalid), Some("restartPolicy"), _) => (
            "With a podFailurePolicy only Never is allowed: the policy judges each failed Pod, and OnFailure would restart the container in place instead of failing the Pod.",
            "设置了 podFailurePolicy 时只允许 Never：该策略要判断每个失败的 Pod，而 OnFailure 会在原地重启容器，Pod 不会失败。",
        ),
        (Some(Kind::Job | Kind::CronJob), ErrorCode::Field(_), Some("restartPolicy"), _) => (
            "A Job's pods must finish, so their restartPolicy must be Never or OnFailure. Pod defaulting fills in Always when the field is omitted, so leaving it out is refused the same way as writing Always.",
            "Job 的 Pod 必须会结束，因此 restartPolicy 只能是 Never 或 OnFailure。省略时 Pod 的默认值会填成 Always，所以不写和写 Always 一样会被拒绝。",
        ),
        (Some(Kind::DaemonSet), ErrorCode::Field(_), Some("restartPolicy"), _) => (
            "A daemon pod runs for as long as its node, so its restartPolicy must be Always (the default when omitted).",
            "守护 Pod 与其节点同生命周期，因此 restartPolicy 必须为 Always（省略时的默认值）。",
        ),
        (_, ErrorCode::Syntax(SyntaxKind::Tab), _, _) => (
            "YAML forbids tabs for indentation: indent this line with spaces (two per level).",
            "YAML 不允许用制表符（Tab）缩进：请用空格缩进这一行（每级两个空格）。",
        ),
        (_, ErrorCode::Syntax(SyntaxKind::Alias), _, _) => (
            "A value that starts with * is read as an alias (*name) in YAML. Quote it: schedule: \"*/1 * * * *\".",
            "在 YAML 里，以 * 开头的值会被当作别名（*name）。请加上引号：schedule: \"*/1 * * * *\"。",
        ),
        (_, ErrorCode::Syntax(SyntaxKind::Indentation), _, _) => (
            "The indentation is off here: this line is indented differently from the keys beside it, or a value holds \"key: value\" without quotes. Keys of one object start in the same column.",
            "这里的缩进不对：这一行的缩进与旁边的键不一致，或者某个值里含有未加引号的 \"key: value\"。同一个对象的键要从同一列开始。",
        ),
        (_, ErrorCode::Empty, _, _) => (
            "There is nothing to apply: write a manifest (apiVersion, kind, metadata and spec), or pick a scenario.",
            "没有可应用的内容：请写一个清单（apiVersion、kind、metadata 和 spec），或选择一个场景。",
        ),
        (_, ErrorCode::UnknownField, _, _) => (
            "This field does not exist at this place; check the spelling and the indentation.",
            "这里不存在这个字段；请检查拼写和缩进。",
        ),
        (Some(Kind::DaemonSet), ErrorCode::Field(_), _, "spec.updateStrategy.rollingUpdate.maxSurge") => (
            "maxUnavailable defaults to 1, and a DaemonSet rolls by one or the other: to surge, also write maxUnavailable: 0.",
            "maxUnavailable 默认为 1，而 DaemonSet 只能二选一：要使用 maxSurge，还需写上 maxUnavailable: 0。",
        ),
        (Some(Kind::DaemonSet), ErrorCode::Field(_), _, "spec.template.metadata.labels" | "spec.selector") => (
            "apps/v1 requires a DaemonSet's selector, and it must match the template's labels (it cannot be changed later).",
            "apps/v1 要求 DaemonSet 必须写 selector，且要与模板标签一致（之后不能再修改）。",
        ),
        (Some(Kind::Job), ErrorCode::Field(_), _, "spec.template.metadata.labels" | "spec.selector") => (
            "A Job's selector is generated from its uid; leave it out (or set manualSelector: true and make it match the template labels).",
            "Job 的 selector 由其 uid 自动生成；请不要填写（或设置 manualSelector: true 并让它与模板标签一致）。",
        ),
        (Some(Kind::CronJob), ErrorCode::Field(_), _, "spec.schedule") => (
            "A CronJob schedule is five fields — minute, hour, day of month, month, day of week (\"*/5 * * * *\" is every five minutes) — or a descriptor such as @hourly or @daily; there is no seconds field, and the time zone goes in spec.timeZone.",
            "CronJob 的 schedule 由五个字段组成——分钟、小时、日、月、星期（\"*/5 * * * *\" 表示每五分钟一次）——或使用 @hourly、@daily 这样的描述符；没有秒字段，时区请写在 spec.timeZone 中。",
        ),
        (Some(Kind::CronJob), ErrorCode::Field(_) | ErrorCode::Type, _, "spec.concurrencyPolicy") => (
            "concurrencyPolicy is a CronJob field with the values Allow, Forbid or Replace — not true/false.",
            "concurrencyPolicy 是 CronJob 的字段，取值为 Allow、Forbid 或 Replace——不是 true/false。",
        ),
        (_, ErrorCode::Type, _, _) => (
            "The value has the wrong type here: quote numbers used as strings (labels, annotations).",
            "这里的值类型不对：作为字符串使用的数字（标签、注解）需要加引号。",
        ),
        (_, ErrorCode::Field(ErrorType::Required), _, _) => {
            ("A required field is missing.", "缺少必填字段。")
        }
        _ => return None,
    };
    Some(lang.pick(en, zh))
}

/// A container whose program podlab does not interpret: what it does instead, and how to say
/// what you mean.
pub fn program_warning(w: &crate::validation::program::ProgramWarning, lang: Lang) -> String {
    use crate::script::Instead;
    let (en, zh) = match w.what.instead {
        Instead::DefaultRun => (
            "It runs for the kubelet's defaultRunSeconds and exits 0 instead.",
            "它会改为运行 kubelet 的 defaultRunSeconds 后以 0 退出。",
        ),
        Instead::NoTime => (
            "In the script it takes no time and succeeds (status 0); the rest of the script runs.",
            "在脚本中它不占用时间并且成功（状态 0）；脚本的其余部分照常运行。",
        ),
    };
    match lang {
        Lang::En => format!(
            "Container \"{}\": podlab does not interpret {}. {en} To say what you mean, write `exit N` or `sleep N`, or fail the pod with a failPod step.",
            w.container, w.what
        ),
        Lang::Zh => format!(
            "容器 \"{}\"：podlab 不解释{}。{zh}要表达你的意图，请写 `exit N` 或 `sleep N`，或用 failPod 步骤让 Pod 失败。",
            w.container,
            unsupported_zh(&w.what.what)
        ),
    }
}

/// The interpreter's words for what it does not read, in Chinese (code stays as written).
fn unsupported_zh(what: &str) -> String {
    let table: &[(&str, &str)] = &[
        ("the commands ", "命令 "),
        ("the command ", "命令 "),
        ("the program ", "程序 "),
        ("Python's module ", "Python 模块 "),
        ("Python's ", "Python 的 "),
        (
            "shell syntax podlab does not read (near ",
            "podlab 读不懂的 shell 语法（位于 ",
        ),
        (
            "Python syntax podlab does not read",
            "podlab 读不懂的 Python 语法",
        ),
        ("running a command in the background", "在后台运行命令"),
        ("shell functions", "shell 函数"),
        ("a here-document", "here-document"),
        ("a command whose name is computed", "名字需要计算的命令"),
        ("running the script file ", "运行脚本文件 "),
        (" (line ", "（第 "),
        ("the parameter ", "参数 "),
        ("this `${…}` form", "这种 `${…}` 形式"),
    ];
    let mut out = what.to_string();
    for (en, zh) in table {
        out = out.replace(en, zh);
    }
    if out.contains("（第 ") {
        out = out.replacen(')', " 行）", 1);
    }
    if what.contains("(near `") {
        out = out.replacen("`)", "` 附近）", 1);
    }
    out
}

/// The way forward after the API server refused an update of `kind` that changes a field that
/// cannot change.
pub fn immutable(kind: Kind, lang: Lang) -> &'static str {
    let (en, zh) = match kind {
        Kind::Job => (
            "A Job's pod template, selector and completions cannot change once it exists: delete the Job (or give it a new name) and apply again. Only parallelism, activeDeadlineSeconds, suspend and a few others can change.",
            "Job 创建后，它的 Pod 模板、selector 和 completions 都不能修改：请删除这个 Job（或换个名字）再应用。只有 parallelism、activeDeadlineSeconds、suspend 等少数字段可以修改。",
        ),
        Kind::DaemonSet => (
            "A DaemonSet's selector cannot change once it exists: delete the DaemonSet (or give it a new name) and apply again. Its template can change: that starts a rollout.",
            "DaemonSet 创建后，它的 selector 不能修改：请删除这个 DaemonSet（或换个名字）再应用。模板可以修改：那会触发滚动更新。",
        ),
        _ => (
            "This field cannot change once the object exists: delete the object (or give it a new name) and apply again.",
            "对象创建后这个字段不能修改：请删除这个对象（或换个名字）再应用。",
        ),
    };
    lang.pick(en, zh)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::manifest::parse_manifests;

    #[test]
    fn program_warnings_should_read_in_chinese() {
        for (en, zh) in [
            ("the command `curl`", "命令 `curl`"),
            ("Python's `def` (line 3)", "Python 的 `def`（第 3 行）"),
            (
                "shell syntax podlab does not read (near `;;`)",
                "podlab 读不懂的 shell 语法（位于 `;;` 附近）",
            ),
            (
                "running a command in the background (`&`)",
                "在后台运行命令 (`&`)",
            ),
        ] {
            assert_eq!(unsupported_zh(en), zh);
        }
    }

    fn first(text: &str) -> ManifestError {
        parse_manifests(text).expect_err("refused").remove(0)
    }

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: pi}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: busybox}]\n";

    #[test]
    fn common_mistakes_should_be_explained_in_both_languages() {
        let always = first(&format!("{JOB}      restartPolicy: Always\n"));
        let omitted = first(JOB);
        for e in [&always, &omitted] {
            let (en, zh) = (explain(e, Lang::En), explain(e, Lang::Zh));
            assert!(en.is_some_and(|t| t.contains("Never or OnFailure")), "{e}");
            assert!(zh.is_some() && en != zh);
        }
        let schedule = first("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: \"0 0 * * * *\"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: Never\n          containers: [{name: c, image: busybox}]\n");
        assert!(explain(&schedule, Lang::En).is_some_and(|t| t.contains("five fields")));
        let surge = first("apiVersion: apps/v1\nkind: DaemonSet\nmetadata: {name: f}\nspec:\n  selector: {matchLabels: {a: b}}\n  updateStrategy: {rollingUpdate: {maxSurge: 1}}\n  template:\n    metadata: {labels: {a: b}}\n    spec:\n      containers: [{name: c, image: busybox}]\n");
        assert!(explain(&surge, Lang::Zh).is_some_and(|t| t.contains("maxUnavailable: 0")));
    }

    #[test]
    fn both_concurrency_policy_mistakes_should_be_explained() {
        let cronjob = |policy: &str| {
            format!("apiVersion: batch/v1\nkind: CronJob\nmetadata: {{name: hello}}\nspec:\n  schedule: \"* * * * *\"\n  concurrencyPolicy: {policy}\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{{name: c, image: busybox}}]\n")
        };
        for policy in ["true", "\"true\""] {
            let e = first(&cronjob(policy));
            for lang in [Lang::En, Lang::Zh] {
                assert!(
                    explain(&e, lang).is_some_and(|t| t.contains("Allow")),
                    "{e}"
                );
            }
        }
        // The unquoted boolean is refused while decoding, in the API server's words.
        assert_eq!(first(&cronjob("true")).message, "CronJob in version \"v1\" cannot be handled as a CronJob: json: cannot unmarshal bool into Go struct field CronJobSpec.spec.concurrencyPolicy of type v1.ConcurrencyPolicy");
    }

    #[test]
    fn a_missing_restart_policy_should_be_explained_as_defaulted_to_always() {
        // Pod defaulting fills in Always before validation (the lesson says the same).
        let e = first(JOB);
        assert!(
            explain(&e, Lang::En).is_some_and(|t| t.contains("omitted")),
            "{e}"
        );
        assert!(
            explain(&e, Lang::Zh).is_some_and(|t| t.contains("省略")),
            "{e}"
        );
    }

    #[test]
    fn yaml_mistakes_should_get_a_plain_sentence_on_their_line() {
        let alias = first("apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: c}\nspec:\n  schedule: */1 * * * *\n");
        assert_eq!(alias.loc.line, 5);
        assert!(explain(&alias, Lang::En).is_some_and(|t| t.contains("Quote it")));
        let tab = first("apiVersion: v1\nkind: Pod\nmetadata:\n\tname: p\n");
        assert_eq!(tab.loc.line, 4);
        assert!(explain(&tab, Lang::Zh).is_some_and(|t| t.contains("制表符")));
        let indent = first("apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n labels: {}\n");
        assert!(
            explain(&indent, Lang::En).is_some_and(|t| t.contains("indentation")),
            "{indent}"
        );
    }

    #[test]
    fn the_explanation_should_agree_with_the_error_it_explains() {
        // With a podFailurePolicy only Never is allowed: the explanation must not offer
        // OnFailure (pkg/apis/batch/validation/validation.go).
        let text = format!("{JOB}      restartPolicy: OnFailure\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {{operator: In, values: [42]}}\n");
        let e = first(&text);
        assert!(e.message.contains("only \"Never\" is supported"), "{e}");
        let en = explain(&e, Lang::En).expect("explained");
        assert!(
            en.contains("only Never") && !en.contains("Never or OnFailure"),
            "{en}"
        );
    }
}
