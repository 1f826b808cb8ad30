//! A moment as a scenario file (`.yaml`) to keep or hand on: the scenario's own file with the
//! editor's text as its manifests, and every change the learner made to the run added as a
//! step at its time. Changes a scenario file cannot express (one pod's container exiting) are
//! kept as comments. The result is checked by parsing it back.

use crate::share::Fork;
use crate::sim::format_duration;

/// Indents every line of `text` by `n` spaces (blank lines stay empty).
fn indent(text: &str, n: usize) -> String {
    let pad = " ".repeat(n);
    text.lines()
        .map(|l| {
            if l.trim().is_empty() {
                String::new()
            } else {
                format!("{pad}{l}")
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The top-level key a line starts, if any (`manifests:` → `manifests`).
fn top_key(line: &str) -> Option<&str> {
    if line.starts_with([' ', '#', '-']) {
        return None;
    }
    line.split_once(':').map(|(k, _)| k)
}

/// Where a top-level key's block is: the line of the key and the line after its block.
fn block(lines: &[&str], key: &str) -> Option<(usize, usize)> {
    let start = lines.iter().position(|l| top_key(l) == Some(key))?;
    let end = lines[start + 1..]
        .iter()
        .position(|l| top_key(l).is_some())
        .map_or(lines.len(), |i| start + 1 + i);
    Some((start, end))
}

/// A step's `, namespace: NS`, left out for the default namespace.
fn namespace_field(namespace: &str) -> String {
    if namespace.is_empty() || namespace == crate::model::DEFAULT_NAMESPACE {
        String::new()
    } else {
        format!(", namespace: {namespace}")
    }
}

fn step(f: &Fork) -> String {
    let at = format_duration;
    let json = |n: &crate::scenario::NodeDef| serde_json::to_string(n).unwrap_or_default();
    match f {
        Fork::Apply { at: t, yaml } => {
            format!("  - at: {}\n    apply: |\n{}\n", at(*t), indent(yaml.trim_end(), 6))
        }
        Fork::Delete {
            at: t,
            kind,
            namespace,
            name,
        } => format!(
            "  - {{at: {}, delete: {kind}/{name}{}}}\n",
            at(*t),
            namespace_field(namespace)
        ),
        Fork::Evict {
            at: t,
            namespace,
            name,
        } => format!(
            "  - {{at: {}, evict: {name}{}}}\n",
            at(*t),
            namespace_field(namespace)
        ),
        Fork::PatchStatus {
            at: t,
            namespace,
            name,
            patch_type,
            patch,
        } => {
            let quote = |text: &str| serde_json::to_string(text).unwrap_or_default();
            format!(
                "  - {{at: {}, patchStatus: {{pod: {name}, type: {patch_type}, patch: {}}}{}}}\n",
                at(*t),
                quote(patch),
                namespace_field(namespace)
            )
        }
        Fork::AddNode { at: t, node } => {
            format!("  - {{at: {}, addNode: {}}}\n", at(*t), json(node))
        }
        Fork::RemoveNode { at: t, name } => {
            format!("  - {{at: {}, removeNode: {name}}}\n", at(*t))
        }
        Fork::SetNode { at: t, node } => {
            format!("  - {{at: {}, setNode: {}}}\n", at(*t), json(node))
        }
        Fork::BreakImage { at: t, image } => {
            let quoted = serde_json::to_string(image).unwrap_or_default();
            format!("  - {{at: {}, breakImage: {quoted}}}\n", at(*t))
        }
        Fork::ExitContainer {
            at: t, pod, code, ..
        } => format!(
            "  # at {}: pod {pod}'s container exited with code {code} (a scenario file cannot name one pod)\n",
            at(*t)
        ),
    }
}

/// The scenario file `base` with `manifests` as its manifests and `forks` as extra steps.
pub fn scenario_file(base: &str, manifests: &str, forks: &[Fork]) -> String {
    let lines: Vec<&str> = base.lines().collect();
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // Steps first (they come after manifests, so the manifests' line numbers stay valid).
    if !forks.is_empty() {
        let added: String = forks.iter().map(step).collect();
        match block(&lines, "steps") {
            Some((start, end)) if lines[start].trim_end() == "steps:" => {
                out.insert(end, added.trim_end().to_string());
            }
            _ => {
                let at = block(&lines, "until").map_or(out.len(), |(s, _)| s);
                out.insert(at, format!("steps:\n{}", added.trim_end()));
            }
        }
    }
    let manifests_block = format!("manifests: |\n{}", indent(manifests.trim_end(), 2));
    match block(&lines, "manifests") {
        Some((start, end)) => {
            out.splice(start..end, [manifests_block]);
        }
        None => {
            let at = block(&lines, "steps")
                .or_else(|| block(&lines, "until"))
                .map_or(out.len(), |(s, _)| s);
            out.insert(at, manifests_block);
        }
    }
    let mut text = out.join("\n");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::scenario;

    #[test]
    fn every_builtin_should_export_to_a_file_that_parses_back_the_same() {
        for b in crate::builtin::BUILTINS {
            let s = scenario::parse(b.text).unwrap();
            let text = scenario_file(b.text, &s.manifests_text, &[]);
            let back = scenario::parse(&text).unwrap_or_else(|e| panic!("{}: {e:?}", b.id));
            assert_eq!(
                back.manifests_text.trim_end(),
                s.manifests_text.trim_end(),
                "{}",
                b.id
            );
            assert_eq!(back.steps.len(), s.steps.len(), "{}", b.id);
        }
    }

    #[test]
    fn changes_should_become_steps() {
        let b = crate::builtin::find("job-parallel").unwrap();
        let s = scenario::parse(b.text).unwrap();
        let edited = s.manifests_text.replace("parallelism: 2", "parallelism: 4");
        let forks = vec![
            Fork::AddNode {
                at: 3_000,
                node: crate::scenario::NodeDef {
                    name: "node-4".into(),
                    ..Default::default()
                },
            },
            Fork::Apply {
                at: 5_000,
                yaml: edited.clone(),
            },
            Fork::Delete {
                namespace: String::new(),
                at: 9_000,
                kind: "job".into(),
                name: "batch".into(),
            },
            Fork::ExitContainer {
                namespace: String::new(),
                at: 4_000,
                pod: "batch-x".into(),
                code: 1,
            },
        ];
        let text = scenario_file(b.text, &edited, &forks);
        let back = scenario::parse(&text).unwrap_or_else(|e| panic!("{e:?}\n{text}"));
        assert!(back.manifests_text.contains("parallelism: 4"));
        assert_eq!(back.steps.len(), s.steps.len() + 3);
        assert!(text.contains("# at 4s: pod batch-x's container exited with code 1"));
        assert!(matches!(
            back.steps.last().map(|st| &st.action),
            Some(scenario::Action::Delete {
                kind: Kind::Job,
                ..
            })
        ));
    }
}
