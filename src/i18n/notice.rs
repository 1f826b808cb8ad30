//! Banners: why a share link could not be opened, and why a run stopped early.

use super::{tr, Lang};
use crate::engine::EngineError;
use crate::share::ShareError;

/// podlab's own note in the console (not kubectl's words): `podlab: …`.
pub fn podlab_note(note: &crate::scenario::Localized, lang: Lang) -> String {
    tr(
        lang,
        || format!("podlab: {}", note.en),
        || format!("podlab：{}", note.zh),
    )
}

/// Why a share link could not be opened.
pub fn share_error(e: &ShareError, lang: Lang) -> String {
    tr(
        lang,
        || format!("Share link: {e}. The scenario you last used is shown instead."),
        || {
            let why = match e {
                ShareError::NotALink => "不是 podlab 分享链接".to_string(),
                ShareError::TooLong(n) => format!("链接太长（{n} 个字符）"),
                ShareError::Base64 | ShareError::Inflate | ShareError::Json(_) => {
                    "链接已损坏".to_string()
                }
                ShareError::Version(v) => format!("链接来自另一个版本的 podlab（格式 {v}）"),
                ShareError::Scenario(s) => format!("链接中的场景 {s:?} 不存在"),
                ShareError::Field(f) => format!("链接中的字段有误：{f}"),
                ShareError::Manifest(n) => format!("链接中的 YAML 有 {n} 个问题"),
            };
            format!("分享链接：{why}。改为显示你上次使用的场景。")
        },
    )
}

/// Why the run stopped early, for the banner above the cluster.
pub fn engine_error(e: &EngineError, lang: Lang) -> String {
    tr(
        lang,
        || format!("The run was cut short: {e}."),
        || {
            let why = match e {
                EngineError::TooManyEvents { at, bound } => format!(
                    "运行到 t = {at} 时超过了 {bound} 个事件的预算，未能到达终点；请缩短 `until` 或场景"
                ),
                EngineError::TooLarge(t) => format!(
                    "{} 在这次运行中约会产生 {} 个{}；保留回放历史时一次运行最多容纳 {} 个，无历史（`podlab run`）时 {} 个；{}",
                    t.workload,
                    t.count,
                    if t.what == "pods" { " Pod" } else { " Job" },
                    t.most_recorded,
                    t.most_headless,
                    if t.what == "pods" {
                        "请降低 completions 或 parallelism"
                    } else {
                        "请缩短 `until` 或降低调度频率"
                    }
                ),
                EngineError::TooLargeToRecord { at, bound } => format!(
                    "运行到 t = {at} 时，保留回放所需的历史（超过 {bound} 条轨迹与检查点对象）已超出预算；请缩短 `until`、减小工作负载，或用 `podlab run` 无历史运行"
                ),
            };
            format!("这次运行被提前截止：{why}。")
        },
    )
}

/// The banner while the page fetches the time-zone database.
pub fn time_zones_loading(lang: Lang) -> String {
    tr(
        lang,
        || "Loading the time-zone database (a CronJob here names a timeZone)…".to_string(),
        || "正在加载时区数据库（这里有 CronJob 指定了 timeZone）……".to_string(),
    )
}

/// The banner when fetching the time-zone database failed, with the browser's reason.
pub fn time_zones_failed(why: &str, lang: Lang) -> String {
    tr(
        lang,
        || {
            format!("The time-zone database could not be loaded ({why}). Check the connection and retry.")
        },
        || format!("无法加载时区数据库（{why}）。请检查网络后重试。"),
    )
}

/// The console's answer when fetching the field descriptions for `kubectl explain` failed.
pub fn explain_failed(why: &str, lang: Lang) -> String {
    tr(
        lang,
        || {
            format!("podlab: the field descriptions could not be loaded ({why}). Check the connection and run the command again.")
        },
        || format!("podlab：无法加载字段说明（{why}）。请检查网络后再运行一次。"),
    )
}

/// The banner while the page fetches the field descriptions.
pub fn explain_loading(lang: Lang) -> String {
    tr(
        lang,
        || "Loading the API's field descriptions…".to_string(),
        || "正在加载 API 字段说明……".to_string(),
    )
}

/// The banner while the page fetches the lessons.
pub fn lessons_loading(lang: Lang) -> String {
    tr(
        lang,
        || "Loading the lessons…".to_string(),
        || "正在加载课程……".to_string(),
    )
}

/// The banner when fetching the lessons failed, with the browser's reason.
pub fn lessons_failed(why: &str, lang: Lang) -> String {
    tr(
        lang,
        || format!("The lessons could not be loaded ({why}). Check the connection and retry."),
        || format!("无法加载课程（{why}）。请检查网络后重试。"),
    )
}

/// The retry button's label.
pub fn retry(lang: Lang) -> String {
    tr(lang, || "Retry".to_string(), || "重试".to_string())
}
