//! API errors, worded as the API server words its Status messages.

use crate::model::Kind;

/// An error returned by an API call.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ApiError {
    /// 404.
    #[error("{} \"{name}\" not found", resource(*kind))]
    NotFound {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
    },
    /// 409 on create.
    #[error("{} \"{name}\" already exists", resource(*kind))]
    AlreadyExists {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
    },
    /// 409 on a stale resourceVersion.
    #[error("Operation cannot be fulfilled on {} \"{name}\": the object has been modified; please apply your changes to the latest version and try again", resource(*kind))]
    Conflict {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
    },
    /// 403: the request is not allowed (a system namespace's deletion, a new object in a
    /// terminating namespace).
    #[error("{} \"{name}\" is forbidden: {reason}", resource(*kind))]
    Forbidden {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
        /// Why.
        reason: String,
    },
    /// etcd's space quota is used up (podlab's store holds at most
    /// [`super::MAX_OBJECTS`] objects); etcd's own words.
    #[error("etcdserver: mvcc: database space exceeded")]
    SpaceExceeded,
    /// 422: validation failed.
    #[error("{} \"{name}\" is invalid: {}", qualified(*kind), render_causes(causes))]
    Invalid {
        /// Kind.
        kind: Kind,
        /// Name.
        name: String,
        /// The field errors, rendered.
        causes: Vec<String>,
    },
}

/// The resource as the API server names it in messages: `pods`, `jobs.batch`.
fn resource(kind: Kind) -> String {
    match kind.api_version().split_once('/') {
        Some((group, _)) => format!("{}.{group}", kind.plural()),
        None => kind.plural().to_string(),
    }
}

/// `Kind.group` as the API server names a kind in Status messages (`Job.batch`, `Pod`).
fn qualified(kind: Kind) -> String {
    match kind.api_version().split_once('/') {
        Some((group, _)) => format!("{}.{group}", kind.name()),
        None => kind.name().to_string(),
    }
}

fn render_causes(causes: &[String]) -> String {
    if causes.len() == 1 {
        causes[0].clone()
    } else {
        format!("[{}]", causes.join(", "))
    }
}
