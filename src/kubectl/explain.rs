//! `kubectl explain RESOURCE[.FIELD…]` for the fields podlab simulates, with the API's own
//! descriptions (`static/lazy/explain.yaml`, taken from the Kubernetes source: built into the
//! native binary, fetched by the page the first time the console runs `explain`) laid out as
//! kubectl's plaintext template lays them out. A path through a Pod template continues in the Pod's
//! fields, one through a CronJob's jobTemplate in the Job's.

use super::args::Args;
use super::Outcome;
use serde::Deserialize;

use std::sync::OnceLock;

/// The descriptions inside the native binary (the page fetches the same file).
#[cfg(not(target_arch = "wasm32"))]
const EMBEDDED: &str = include_str!("../../static/lazy/explain.yaml");

/// The descriptions installed for this process.
static FIELDS: OnceLock<String> = OnceLock::new();

/// The descriptions: on native builds the ones inside the binary, in the page the ones
/// [`install`]ed once fetched (`None` until then).
fn fields() -> Option<&'static str> {
    #[cfg(not(target_arch = "wasm32"))]
    return Some(FIELDS.get_or_init(|| EMBEDDED.to_string()).as_str());
    #[cfg(target_arch = "wasm32")]
    FIELDS.get().map(String::as_str)
}

/// Whether the descriptions are there to answer `kubectl explain`.
pub fn loaded() -> bool {
    fields().is_some()
}

/// Installs the fetched descriptions file; an error when it is not that file.
pub fn install(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
    if parse(text).is_empty() {
        return Err("not podlab's field descriptions".into());
    }
    let _ = FIELDS.set(text.to_string());
    Ok(())
}

/// One documented field.
#[derive(Debug, Default, Deserialize)]
#[serde(default, rename_all = "camelCase", rename = "Field")]
struct Doc {
    kind: String,
    group: String,
    version: String,
    path: String,
    #[serde(rename = "type")]
    type_: String,
    required: bool,
    description: String,
}

fn docs() -> Vec<Doc> {
    fields().map(parse).unwrap_or_default()
}

fn parse(text: &str) -> Vec<Doc> {
    crate::yaml::parse_documents(text)
        .ok()
        .and_then(|d| d.into_iter().next())
        .and_then(|d| crate::yaml::decode::<Vec<Doc>>(&d).ok())
        .unwrap_or_default()
}

fn kind_of(word: &str) -> Option<&'static str> {
    match word.to_ascii_lowercase().as_str() {
        "job" | "jobs" | "job.batch" | "jobs.batch" => Some("Job"),
        "cronjob" | "cronjobs" | "cj" | "cronjob.batch" | "cronjobs.batch" => Some("CronJob"),
        "daemonset" | "daemonsets" | "ds" | "daemonset.apps" | "daemonsets.apps" => {
            Some("DaemonSet")
        }
        "pod" | "pods" | "po" => Some("Pod"),
        _ => None,
    }
}

/// Word-wraps `text` at `width` columns, keeping paragraphs and the lines of enum lists.
fn wrap(text: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    let mut out = String::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            out.push('\n');
            continue;
        }
        let lead: String = line.chars().take_while(|c| *c == ' ').collect();
        let mut current = String::new();
        for word in line.split_whitespace() {
            if !current.is_empty()
                && current.len() + 1 + word.len() > width.saturating_sub(lead.len())
            {
                out.push_str(&format!("{pad}{lead}{current}\n"));
                current.clear();
            }
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(word);
        }
        out.push_str(&format!("{pad}{lead}{current}\n"));
    }
    out
}

/// `kubectl explain`.
pub fn explain(args: &Args) -> Outcome {
    let Some(target) = args.words.first() else {
        return Outcome::err("error: You must specify the type of resource to explain. Use \"kubectl api-resources\" for a complete list of supported resources.");
    };
    let (resource, path) = target.split_once('.').unwrap_or((target, ""));
    // `jobs.batch.spec`: a group after the resource is part of the resource.
    let (resource, path) = match path.split_once('.') {
        Some((g, rest)) if matches!(g, "batch" | "apps") => {
            (format!("{resource}.{g}"), rest.to_string())
        }
        _ if matches!(path, "batch" | "apps") => (format!("{resource}.{path}"), String::new()),
        _ => (resource.to_string(), path.to_string()),
    };
    let Some(mut kind) = kind_of(&resource) else {
        if matches!(
            resource.as_str(),
            "node"
                | "nodes"
                | "no"
                | "event"
                | "events"
                | "controllerrevision"
                | "controllerrevisions"
        ) {
            return Outcome::note(
                format!("`kubectl explain {resource}` is not available here; podlab explains pods, jobs, cronjobs and daemonsets"),
                format!("这里不能 `kubectl explain {resource}`；podlab 可以解释 pods、jobs、cronjobs 和 daemonsets"),
            );
        }
        return Outcome::err(format!(
            "error: the server doesn't have a resource type \"{resource}\""
        ));
    };
    let all = docs();
    // Follow templates into the kind they hold.
    let mut rest: Vec<&str> = path.split('.').filter(|p| !p.is_empty()).collect();
    let (shown_kind, shown_group, shown_version) = all
        .iter()
        .find(|d| d.kind == kind && d.path.is_empty())
        .map(|d| (d.kind.clone(), d.group.clone(), d.version.clone()))
        .unwrap_or_default();
    let mut prefix_len = 0;
    loop {
        let joined = rest.join(".");
        if kind == "CronJob"
            && (joined == "spec.jobTemplate.spec" || joined.starts_with("spec.jobTemplate.spec."))
        {
            rest.drain(..2);
            kind = "Job";
            prefix_len += 2;
            continue;
        }
        if matches!(kind, "Job" | "DaemonSet") && joined.starts_with("spec.template.spec") {
            rest.drain(..2);
            kind = "Pod";
            prefix_len += 2;
            continue;
        }
        break;
    }
    let path = rest.join(".");
    let Some(doc) = all.iter().find(|d| d.kind == kind && d.path == path) else {
        let name = rest.last().copied().unwrap_or_default();
        return Outcome::err(format!("error: field \"{name}\" does not exist"));
    };
    let _ = prefix_len;
    let mut out = String::new();
    if !shown_group.is_empty() {
        out.push_str(&format!("GROUP:      {shown_group}\n"));
    }
    out.push_str(&format!(
        "KIND:       {shown_kind}\nVERSION:    {shown_version}\n\n"
    ));
    if !path.is_empty() {
        let name = rest.last().copied().unwrap_or_default();
        let required = if doc.required { " -required-" } else { "" };
        out.push_str(&format!("FIELD: {name} <{}>{required}\n", doc.type_));
        let values: Vec<String> = doc
            .description
            .split("Possible enum values:")
            .nth(1)
            .map(|list| {
                list.lines()
                    .filter_map(|l| {
                        l.trim()
                            .strip_prefix("- `\"")?
                            .split_once("\"`")
                            .map(|(v, _)| v.to_string())
                    })
                    .collect()
            })
            .unwrap_or_default();
        if !values.is_empty() {
            out.push_str("ENUM:\n");
            for v in values {
                out.push_str(&format!("    {v}\n"));
            }
        }
        out.push('\n');
    }
    out.push_str("DESCRIPTION:\n");
    out.push_str(&wrap(&doc.description, 76, 4));
    out.push_str("    \n");
    let children: Vec<&Doc> = all
        .iter()
        .filter(|d| d.kind == kind && !d.path.is_empty())
        .filter(|d| match d.path.strip_prefix(&path) {
            Some(tail) if path.is_empty() => !tail.contains('.'),
            Some(tail) => tail.starts_with('.') && !tail[1..].contains('.'),
            None => false,
        })
        .collect();
    if !children.is_empty() {
        out.push_str("FIELDS:\n");
        for c in children {
            let name = c.path.rsplit('.').next().unwrap_or_default();
            let required = if c.required { " -required-" } else { "" };
            out.push_str(&format!("  {name}\t<{}>{required}\n", c.type_));
            out.push_str(&wrap(&c.description, 76, 4));
            out.push('\n');
        }
        let mut o = Outcome::note(
            "only the fields podlab simulates are listed",
            "只列出 podlab 模拟的字段",
        );
        o.stdout = out;
        return o;
    }
    Outcome::out(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_field_should_load() {
        let all = docs();
        assert_eq!(all.len(), 72);
        assert!(all
            .iter()
            .all(|d| !d.description.is_empty() && !d.type_.is_empty()));
    }

    #[test]
    fn wrap_should_keep_words_and_paragraphs() {
        let text = "one two three four five six\n\nseven";
        assert_eq!(
            wrap(text, 10, 2),
            "  one two\n  three four\n  five six\n\n  seven\n"
        );
    }
}
