//! Manifests: YAML documents turned into typed objects the way `kubectl apply` and the API
//! server would: strict decoding, defaults, admission, then validation, every error located.

use crate::model::cronjob::CronJob;
use crate::model::daemonset::DaemonSet;
use crate::model::job::Job;
use crate::model::{Kind, Object, Pod};
use crate::validation::program::{unsupported_programs, ProgramWarning};
use crate::validation::{
    cronjob as cronval, daemonset as dsval, job as jobval, pod as podval, ErrorType, FieldError,
};
use crate::yaml::{self, closest_kind, decode, Loc, YNode};
use std::fmt;

/// One decoded, defaulted and validated object, with where its document starts.
#[derive(Clone, Debug, PartialEq)]
pub struct Manifest {
    /// The object, ready to create.
    pub object: Object,
    /// The document's first line and column.
    pub loc: Loc,
    /// Containers whose program podlab does not interpret, each located.
    pub warnings: Vec<(Loc, ProgramWarning)>,
}

/// One problem in a manifest, with its position.
#[derive(Clone, Debug, PartialEq)]
pub struct ManifestError {
    /// Where.
    pub loc: Loc,
    /// The field path, when the problem is in one field.
    pub path: Option<String>,
    /// The message, in the API server's (or kubectl's) wording.
    pub message: String,
    /// A near-miss field or kind name.
    pub suggestion: Option<String>,
    /// What kind of problem, for plain-language explanations in the UI.
    pub code: ErrorCode,
    /// The kind of the document, once known.
    pub object: Option<Kind>,
}

/// Broad classes of manifest errors.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorCode {
    /// The YAML itself does not parse.
    Syntax(crate::yaml::SyntaxKind),
    /// There is nothing to apply (kubectl: `no objects passed to apply`).
    Empty,
    /// apiVersion/kind missing or unknown.
    Kind,
    /// A field that the kind does not have.
    UnknownField,
    /// A value of the wrong JSON type.
    Type,
    /// The API server's validation rejected a field, with apimachinery's error type.
    Field(ErrorType),
}

impl fmt::Display for ManifestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(s) = &self.suggestion {
            write!(f, " (did you mean \"{s}\"?)")?;
        }
        Ok(())
    }
}

/// The kinds podlab simulates, as (apiVersion, kind).
pub const SUPPORTED: &[(&str, &str)] = &[
    ("v1", "Pod"),
    ("batch/v1", "Job"),
    ("batch/v1", "CronJob"),
    ("apps/v1", "DaemonSet"),
    ("v1", "Namespace"),
];

/// Parses every document; returns all objects, or every problem found.
pub fn parse_manifests(text: &str) -> Result<Vec<Manifest>, Vec<ManifestError>> {
    let docs = yaml::parse_documents(text).map_err(|e| {
        vec![ManifestError {
            loc: e.loc,
            path: None,
            message: e.message,
            suggestion: None,
            code: ErrorCode::Syntax(e.kind),
            object: None,
        }]
    })?;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for doc in &docs {
        match admit(doc) {
            Ok(object) => {
                let warnings = unsupported_programs(&object)
                    .into_iter()
                    .map(|w| (doc.locate(&w.path), w))
                    .collect();
                out.push(Manifest {
                    object,
                    loc: doc.loc,
                    warnings,
                })
            }
            Err(mut e) => errors.append(&mut e),
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// The objects `kubectl apply -f` would send: like [`parse_manifests`], but a text with no
/// object is refused as kubectl refuses it.
pub fn parse_to_apply(text: &str) -> Result<Vec<Manifest>, Vec<ManifestError>> {
    match parse_manifests(text)? {
        m if m.is_empty() => Err(vec![ManifestError {
            loc: Loc::default(),
            path: None,
            message: NOTHING_TO_APPLY.into(),
            suggestion: None,
            code: ErrorCode::Empty,
            object: None,
        }]),
        m => Ok(m),
    }
}

/// kubectl's words for a file without objects.
pub const NOTHING_TO_APPLY: &str = "error: no objects passed to apply";

fn kind_error(doc: &YNode, message: String, suggestion: Option<String>) -> Vec<ManifestError> {
    vec![ManifestError {
        loc: doc.locate("kind"),
        path: Some("kind".into()),
        message,
        suggestion,
        code: ErrorCode::Kind,
        object: None,
    }]
}

/// Decodes, defaults, admits and validates one document.
pub fn admit(doc: &YNode) -> Result<Object, Vec<ManifestError>> {
    if !matches!(doc.value, yaml::YValue::Map(_)) {
        return Err(vec![ManifestError {
            loc: doc.loc,
            path: None,
            message: format!(
                "error validating data: a manifest must be a mapping, not {}",
                doc.type_name()
            ),
            suggestion: None,
            code: ErrorCode::Kind,
            object: None,
        }]);
    }
    let api_version = doc
        .get("apiVersion")
        .and_then(YNode::as_str)
        .unwrap_or_default();
    let kind = doc.get("kind").and_then(YNode::as_str).unwrap_or_default();
    let mut missing = Vec::new();
    if api_version.is_empty() {
        missing.push("apiVersion not set");
    }
    if kind.is_empty() {
        missing.push("kind not set");
    }
    if !missing.is_empty() {
        return Err(kind_error(
            doc,
            format!("error validating data: [{}]", missing.join(", ")),
            None,
        ));
    }
    if (api_version, kind) == ("apps/v1", "ControllerRevision") {
        let kinds: Vec<&str> = SUPPORTED.iter().map(|(_, k)| *k).collect();
        let message = format!(
            "podlab cannot run {kind} objects yet (it simulates {}); nothing here would act on this manifest",
            kinds.join(", ")
        );
        return Err(kind_error(doc, message, None));
    }
    if !SUPPORTED
        .iter()
        .any(|(v, k)| *v == api_version && *k == kind)
    {
        let kinds: Vec<&str> = SUPPORTED.iter().map(|(_, k)| *k).collect();
        let near = closest_kind(kind, &kinds);
        let message = match SUPPORTED.iter().find(|(_, k)| *k == kind) {
            Some((v, _)) => format!("no matches for kind \"{kind}\" in version \"{api_version}\" (it is served as \"{v}\")"),
            None if near.is_none() && !kind.is_empty() && kind.chars().next().is_some_and(char::is_uppercase) => format!(
                "no matches for kind \"{kind}\" in version \"{api_version}\": podlab simulates {}",
                kinds.join(", ")
            ),
            None => format!("no matches for kind \"{kind}\" in version \"{api_version}\""),
        };
        return Err(kind_error(doc, message, near));
    }
    match kind {
        "Pod" => admit_pod(doc),
        "Job" => admit_job(doc),
        "CronJob" => admit_cronjob(doc),
        "DaemonSet" => admit_daemonset(doc),
        "Namespace" => admit_namespace(doc),
        _ => unreachable_kind(doc, kind),
    }
}

fn unreachable_kind(doc: &YNode, kind: &str) -> Result<Object, Vec<ManifestError>> {
    Err(kind_error(
        doc,
        format!("kind \"{kind}\" is not handled"),
        None,
    ))
}

fn decode_as<T: serde::de::DeserializeOwned>(
    doc: &YNode,
    object: Kind,
    version: &str,
) -> Result<T, Vec<ManifestError>> {
    let kind = object.to_string();
    decode::<T>(doc).map_err(|e| {
        e.issues
            .into_iter()
            .map(|i| ManifestError {
                loc: i.loc,
                code: if i.message.starts_with("unknown field") {
                    ErrorCode::UnknownField
                } else {
                    ErrorCode::Type
                },
                path: Some(i.path),
                // The API server names the version without its group (`gvk.Version`).
                message: format!(
                    "{kind} in version \"{}\" cannot be handled as a {kind}: {}",
                    version.rsplit('/').next().unwrap_or(version),
                    if i.message.starts_with("unknown field") {
                        format!("strict decoding error: {}", i.message)
                    } else {
                        i.message
                    }
                ),
                suggestion: i.suggestion,
                object: Some(object),
            })
            .collect()
    })
}

/// Turns field errors into located manifest errors worded as kubectl prints them.
pub fn invalid(doc: &YNode, kind: Kind, name: &str, errs: Vec<FieldError>) -> Vec<ManifestError> {
    errs.into_iter()
        .map(|e| ManifestError {
            loc: e.loc.unwrap_or_else(|| doc.locate(e.path.as_str())),
            path: Some(e.path.to_string()),
            code: ErrorCode::Field(e.kind),
            object: Some(kind),
            message: format!("The {kind} \"{name}\" is invalid: {e}"),
            suggestion: None,
        })
        .collect()
}

fn admit_pod(doc: &YNode) -> Result<Object, Vec<ManifestError>> {
    let mut pod: Pod = decode_as(doc, Kind::Pod, "v1")?;
    podval::default_pod_spec(std::rc::Rc::make_mut(&mut pod.spec));
    podval::admit_pod(std::rc::Rc::make_mut(&mut pod.spec));
    let errs = podval::validate_pod(&pod);
    if !errs.is_empty() {
        return Err(invalid(doc, Kind::Pod, &pod.metadata.name, errs));
    }
    pod.status = None;
    Ok(Object::Pod(Box::new(pod)))
}

fn admit_namespace(doc: &YNode) -> Result<Object, Vec<ManifestError>> {
    let mut ns: crate::model::Namespace = decode_as(doc, Kind::Namespace, "v1")?;
    let errs = crate::validation::names::validate_namespace(&ns);
    if !errs.is_empty() {
        return Err(invalid(doc, Kind::Namespace, &ns.metadata.name, errs));
    }
    ns.status = None;
    Ok(Object::Namespace(Box::new(ns)))
}

fn admit_daemonset(doc: &YNode) -> Result<Object, Vec<ManifestError>> {
    let mut ds: DaemonSet = decode_as(doc, Kind::DaemonSet, "apps/v1")?;
    dsval::default_daemonset(&mut ds);
    let errs = dsval::validate_daemonset(&ds);
    if !errs.is_empty() {
        return Err(invalid(doc, Kind::DaemonSet, &ds.metadata.name, errs));
    }
    ds.status = None;
    Ok(Object::DaemonSet(Box::new(ds)))
}

fn admit_cronjob(doc: &YNode) -> Result<Object, Vec<ManifestError>> {
    let mut cj: CronJob = decode_as(doc, Kind::CronJob, "batch/v1")?;
    cronval::default_cronjob(&mut cj);
    let errs = cronval::validate_cronjob(&cj);
    if !errs.is_empty() {
        return Err(invalid(doc, Kind::CronJob, &cj.metadata.name, errs));
    }
    cj.status = None;
    Ok(Object::CronJob(Box::new(cj)))
}

fn admit_job(doc: &YNode) -> Result<Object, Vec<ManifestError>> {
    let mut job: Job = decode_as(doc, Kind::Job, "batch/v1")?;
    jobval::default_job(&mut job);
    // Validate as the server would after generating the selector; the real uid and selector
    // are filled in on create.
    let mut check = job.clone();
    jobval::generate_selector(&mut check, "");
    let errs = jobval::validate_job(&check);
    if !errs.is_empty() {
        return Err(invalid(doc, Kind::Job, &job.metadata.name, errs));
    }
    job.status = None;
    Ok(Object::Job(Box::new(job)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_valid_pod_should_get_its_defaults() {
        let m = parse_manifests("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: c, image: busybox}]\n").unwrap();
        let pod = m[0].object.as_pod().unwrap();
        assert_eq!(pod.spec.restart_policy.as_deref(), Some("Always"));
        assert_eq!(
            pod.spec.containers[0].image_pull_policy.as_deref(),
            Some("Always")
        );
    }

    #[test]
    fn errors_should_carry_positions_and_api_wording() {
        let text = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  restartPolicy: Sometimes\n  containers:\n  - name: c\n    image: \"\"\n";
        let errs = parse_manifests(text).unwrap_err();
        let rendered: Vec<String> = errs
            .iter()
            .map(|e| format!("{}:{} {e}", e.loc.line, e.loc.column))
            .collect();
        assert_eq!(
            rendered,
            vec![
                "8:12 The Pod \"p\" is invalid: spec.containers[0].image: Required value",
                "5:18 The Pod \"p\" is invalid: spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\"",
            ]
        );
    }

    #[test]
    fn unknown_fields_and_kinds_should_suggest_the_real_name() {
        let errs = parse_manifests("apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers:\n  - name: c\n    imagee: busybox\n").unwrap_err();
        assert_eq!(errs[0].to_string(), "Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagee\" (did you mean \"image\"?)");
        assert_eq!((errs[0].loc.line, errs[0].loc.column), (7, 5));
        let errs = parse_manifests("apiVersion: v1\nkind: Pdo\n").unwrap_err();
        assert_eq!(errs[0].suggestion.as_deref(), Some("Pod"));
        let errs = parse_manifests("metadata: {}\n").unwrap_err();
        assert_eq!(
            errs[0].message,
            "error validating data: [apiVersion not set, kind not set]"
        );
    }
}
