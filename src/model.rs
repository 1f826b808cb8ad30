//! API objects with the real Kubernetes field names, as `kubectl get -o json` shows them.

pub mod cronjob;
pub mod daemonset;
pub mod event;
pub mod indexes;
pub mod job;
pub mod lease;
pub mod meta;
pub mod namespace;
pub mod node;
pub mod object;
pub mod pod;
pub mod selector;
pub mod time;

pub use event::{Event, EventSource, ObjectReference};
pub use meta::{ObjectMeta, OwnerReference};
pub use namespace::{Namespace, DEFAULT_NAMESPACE};
pub use node::{Node, NodeCondition, NodeSpec, NodeStatus, Taint};
pub use object::{Kind, Object};
pub use pod::{
    Container, ContainerState, ContainerStatus, Pod, PodCondition, PodSpec, PodStatus, Toleration,
};
pub use selector::{
    LabelSelector, LabelSelectorRequirement, NodeSelectorRequirement, NodeSelectorTerm,
};
pub use time::Time;

/// Whether two shared parts of an object are equal: the same allocation (an unchanged spec
/// shared by two versions), else equal values. What a version's `PartialEq` compares its
/// `Rc`-held spec with.
pub(crate) fn same_shared<T: PartialEq>(a: &std::rc::Rc<T>, b: &std::rc::Rc<T>) -> bool {
    std::rc::Rc::ptr_eq(a, b) || a == b
}

/// An opaque JSON value for fields podlab accepts and shows but does not simulate.
pub type Any = serde_json::Value;
