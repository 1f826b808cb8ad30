//! RealPodControl: creating pods from a template for an owner, and deleting them, with the
//! SuccessfulCreate / FailedCreate / SuccessfulDelete / FailedDelete events on the owner.

use crate::api::{self, record_event, DeleteOptions, EventTarget};
use crate::cluster::Client;
use crate::model::pod::PodTemplateSpec;
use crate::model::{Kind, Object, ObjectMeta, OwnerReference, Pod};

/// A controller reference to `owner` (controller and blockOwnerDeletion both true).
pub fn controller_ref(owner: &Object) -> OwnerReference {
    let kind = owner.kind();
    OwnerReference {
        api_version: kind.api_version().into(),
        kind: kind.name().into(),
        name: owner.meta().name.clone(),
        uid: owner.meta().uid().into(),
        controller: Some(true),
        block_owner_deletion: Some(true),
    }
}

/// A pod built from a template: template labels and annotations, the owner reference, the
/// given generateName prefix and finalizers.
pub fn pod_from_template(
    template: &PodTemplateSpec,
    owner: &Object,
    generate_name: String,
    finalizers: Vec<String>,
) -> Pod {
    Pod {
        api_version: "v1".into(),
        kind: "Pod".into(),
        metadata: ObjectMeta {
            generate_name: Some(generate_name),
            namespace: owner.meta().namespace.clone(),
            labels: template.metadata.labels.clone(),
            annotations: template.metadata.annotations.clone(),
            owner_references: vec![controller_ref(owner)],
            finalizers,
            ..ObjectMeta::default()
        },
        spec: std::rc::Rc::clone(&template.spec),
        status: None,
    }
}

/// Creates a pod and records the event on its owner. Returns the created pod's name.
pub fn create_pod(
    w: &mut Client<'_>,
    owner: &Object,
    pod: Pod,
    component: &str,
) -> Result<String, api::ApiError> {
    match api::create(w, Object::Pod(Box::new(pod))) {
        Ok(created) => {
            let name = created.meta().name.clone();
            record_event(
                w,
                EventTarget::of(owner),
                "Normal",
                "SuccessfulCreate",
                &format!("Created pod: {name}"),
                component,
                "",
            );
            Ok(name)
        }
        Err(e) => {
            record_event(
                w,
                EventTarget::of(owner),
                "Warning",
                "FailedCreate",
                &format!("Error creating: {e}"),
                component,
                "",
            );
            Err(e)
        }
    }
}

/// Deletes a pod (normal grace period) and records the event on its owner.
pub fn delete_pod(
    w: &mut Client<'_>,
    owner: &Object,
    name: &str,
    component: &str,
) -> Result<(), api::ApiError> {
    let namespace = owner.meta().ns();
    match api::delete(w, Kind::Pod, namespace, name, DeleteOptions::default()) {
        Ok(()) => {
            record_event(
                w,
                EventTarget::of(owner),
                "Normal",
                "SuccessfulDelete",
                &format!("Deleted pod: {name}"),
                component,
                "",
            );
            Ok(())
        }
        Err(e) => {
            record_event(
                w,
                EventTarget::of(owner),
                "Warning",
                "FailedDelete",
                &format!("Error deleting: {e}"),
                component,
                "",
            );
            Err(e)
        }
    }
}
