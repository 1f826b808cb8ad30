//! Field paths and field errors, rendered exactly as apimachinery's `field.Error` renders them.

use crate::yaml::Loc;
use std::fmt;

/// A field path such as `spec.template.spec.containers[0].image`.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Path(String);

impl Path {
    /// The root path `name`.
    pub fn new(name: &str) -> Path {
        Path(name.to_string())
    }

    /// `self.name`.
    pub fn child(&self, name: &str) -> Path {
        if self.0.is_empty() {
            Path::new(name)
        } else {
            Path(format!("{}.{name}", self.0))
        }
    }

    /// `self[i]`.
    pub fn index(&self, i: usize) -> Path {
        Path(format!("{}[{i}]", self.0))
    }

    /// `self[key]`.
    pub fn key(&self, key: &str) -> Path {
        Path(format!("{}[{key}]", self.0))
    }

    /// The path as text.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The error types of apimachinery's `field.ErrorType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorType {
    /// `Required value`.
    Required,
    /// `Invalid value`.
    Invalid,
    /// `Unsupported value`.
    NotSupported,
    /// `Forbidden`.
    Forbidden,
    /// `Too many`.
    TooMany,
    /// `Too long`.
    TooLong,
    /// `Duplicate value`.
    Duplicate,
    /// `Not found`.
    NotFound,
}

impl ErrorType {
    /// The wording the API server uses.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::TooMany => "Too many",
            ErrorType::TooLong => "Too long",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::NotFound => "Not found",
        }
    }
}

/// One validation error on one field.
#[derive(Clone, Debug, PartialEq)]
pub struct FieldError {
    /// The field.
    pub path: Path,
    /// The type.
    pub kind: ErrorType,
    /// The offending value, already rendered (strings quoted, numbers bare, others JSON).
    pub value: Option<String>,
    /// The detail sentence.
    pub detail: String,
    /// Where the field stands in the input, when known.
    pub loc: Option<Loc>,
}

/// apimachinery's `FieldImmutableErrorMsg`: the detail of an update that changes a field that
/// cannot change.
pub const FIELD_IMMUTABLE: &str = "field is immutable";

/// Renders a value the way apimachinery does: strings quoted, numbers and bools bare.
pub trait BadValue {
    /// The rendering.
    fn render(&self) -> String;
}

impl BadValue for str {
    fn render(&self) -> String {
        format!("{self:?}")
    }
}

impl BadValue for String {
    fn render(&self) -> String {
        format!("{self:?}")
    }
}

impl BadValue for i64 {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl BadValue for i32 {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl BadValue for bool {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl BadValue for serde_json::Value {
    fn render(&self) -> String {
        self.to_string()
    }
}

impl FieldError {
    fn new(
        path: &Path,
        kind: ErrorType,
        value: Option<String>,
        detail: impl Into<String>,
    ) -> FieldError {
        FieldError {
            path: path.clone(),
            kind,
            value,
            detail: detail.into(),
            loc: None,
        }
    }

    /// `Required value`.
    pub fn required(path: &Path, detail: impl Into<String>) -> FieldError {
        FieldError::new(path, ErrorType::Required, None, detail)
    }

    /// `Forbidden`.
    pub fn forbidden(path: &Path, detail: impl Into<String>) -> FieldError {
        FieldError::new(path, ErrorType::Forbidden, None, detail)
    }

    /// `Invalid value`.
    pub fn invalid<V: BadValue + ?Sized>(
        path: &Path,
        value: &V,
        detail: impl Into<String>,
    ) -> FieldError {
        FieldError::new(path, ErrorType::Invalid, Some(value.render()), detail)
    }

    /// `Invalid value: …: field is immutable` (apimachinery's `ValidateImmutableField`).
    pub fn immutable<V: BadValue + ?Sized>(path: &Path, value: &V) -> FieldError {
        FieldError::invalid(path, value, FIELD_IMMUTABLE)
    }

    /// Whether this refuses a change to a field that cannot change.
    pub fn is_immutable(&self) -> bool {
        self.kind == ErrorType::Invalid && self.detail == FIELD_IMMUTABLE
    }

    /// `Unsupported value` with the list of supported values, quoted, in the order given.
    pub fn not_supported<V: BadValue + ?Sized>(
        path: &Path,
        value: &V,
        supported: &[&str],
    ) -> FieldError {
        let list = supported
            .iter()
            .map(|s| format!("{s:?}"))
            .collect::<Vec<_>>()
            .join(", ");
        FieldError::new(
            path,
            ErrorType::NotSupported,
            Some(value.render()),
            format!("supported values: {list}"),
        )
    }

    /// `Duplicate value`.
    pub fn duplicate<V: BadValue + ?Sized>(path: &Path, value: &V) -> FieldError {
        FieldError::new(path, ErrorType::Duplicate, Some(value.render()), "")
    }

    /// `Too many`.
    pub fn too_many(path: &Path, actual: usize, max: usize) -> FieldError {
        FieldError::new(
            path,
            ErrorType::TooMany,
            Some(actual.to_string()),
            format!("must have at most {max} items"),
        )
    }

    /// `Too long`.
    pub fn too_long(path: &Path, max: usize) -> FieldError {
        FieldError::new(
            path,
            ErrorType::TooLong,
            None,
            format!("may not be more than {max} bytes"),
        )
    }

    /// `Not found`.
    pub fn not_found<V: BadValue + ?Sized>(path: &Path, value: &V) -> FieldError {
        FieldError::new(path, ErrorType::NotFound, Some(value.render()), "")
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.kind.as_str())?;
        let omit_value = matches!(
            self.kind,
            ErrorType::Required | ErrorType::Forbidden | ErrorType::TooLong
        );
        if let (false, Some(v)) = (omit_value, &self.value) {
            write!(f, ": {v}")?;
        }
        if !self.detail.is_empty() {
            write!(f, ": {}", self.detail)?;
        }
        Ok(())
    }
}

/// `ValidateNonnegativeField`: a negative value is `Invalid` with the API server's words.
pub fn nonneg(errs: &mut Vec<FieldError>, path: &Path, v: Option<i64>) {
    if let Some(v) = v.filter(|v| *v < 0) {
        errs.push(FieldError::invalid(
            path,
            &v,
            "must be greater than or equal to 0",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn field_errors_should_render_like_apimachinery() {
        let p = Path::new("spec")
            .child("template")
            .child("spec")
            .child("restartPolicy");
        assert_eq!(
            FieldError::required(&p, r#"valid values: "OnFailure", "Never""#).to_string(),
            r#"spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never""#
        );
        assert_eq!(
            FieldError::not_supported(
                &Path::new("spec").child("concurrencyPolicy"),
                "true",
                &["Allow", "Forbid", "Replace"]
            )
            .to_string(),
            r#"spec.concurrencyPolicy: Unsupported value: "true": supported values: "Allow", "Forbid", "Replace""#
        );
        assert_eq!(
            FieldError::invalid(
                &Path::new("spec").child("parallelism"),
                &-1i64,
                "must be greater than or equal to 0"
            )
            .to_string(),
            "spec.parallelism: Invalid value: -1: must be greater than or equal to 0"
        );
        assert_eq!(
            FieldError::duplicate(
                &Path::new("spec").child("containers").index(1).child("name"),
                "a"
            )
            .to_string(),
            r#"spec.containers[1].name: Duplicate value: "a""#
        );
        assert_eq!(
            FieldError::required(&Path::new("spec").child("containers"), "").to_string(),
            "spec.containers: Required value"
        );
    }
}
