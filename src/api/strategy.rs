//! Per-kind API server strategies: what happens to an object on create (PrepareForCreate) and
//! how an update is checked (ValidateUpdate), as the registry strategies do.

use crate::model::{Object, PodSpec};
use crate::validation::{
    cronjob as cronval, daemonset as dsval, job as jobval, pod as podval, FieldError,
};
use std::rc::Rc;

/// The last pod spec defaulting and admission made, with the spec it was made from: the pods
/// a controller creates from one template share one admitted spec instead of each copying
/// and re-admitting the template's. Both are pure functions of the spec, so sharing changes
/// nothing a pod shows; holding the input keeps its address from being reused.
#[derive(Clone, Debug, Default)]
pub struct AdmittedSpec(Option<(Rc<PodSpec>, Rc<PodSpec>)>);

impl AdmittedSpec {
    /// `spec` defaulted and admitted (`SetDefaults_PodSpec`, then the admission plugins).
    pub fn spec_for(&mut self, spec: &Rc<PodSpec>) -> Rc<PodSpec> {
        if let Some((from, made)) = &self.0 {
            if Rc::ptr_eq(from, spec) {
                return Rc::clone(made);
            }
        }
        let mut made = PodSpec::clone(spec);
        podval::default_pod_spec(&mut made);
        podval::admit_pod(&mut made);
        let made = Rc::new(made);
        self.0 = Some((Rc::clone(spec), Rc::clone(&made)));
        made
    }
}

/// Fills server-side fields once the uid is known (e.g. a Job's generated selector).
pub fn prepare_for_create(obj: &mut Object, admitted: &mut AdmittedSpec) {
    match obj {
        Object::Job(job) => {
            job.status = None;
            let uid = job.metadata.uid().to_string();
            jobval::generate_selector(job, &uid);
            // v1 defaulting copies the template labels to a Job that has none; it runs again
            // when the Job is read back from storage, so the generated labels show up too.
            if job.metadata.labels.is_empty() {
                job.metadata.labels = job.spec.template.metadata.labels.clone();
            }
        }
        Object::Pod(pod) => {
            // Defaulting and the admission plugins run for every new pod, including the
            // pods controllers create from templates.
            pod.spec = admitted.spec_for(&pod.spec);
            // The pod strategy starts the status as Pending with the pod's QoS class (every
            // pod is BestEffort: podlab models no resources).
            let st = pod.status.get_or_insert_with(Default::default);
            if st.phase.is_empty() {
                st.phase = "Pending".into();
            }
            st.qos_class = Some("BestEffort".into());
        }
        Object::CronJob(cj) => cj.status = None,
        Object::DaemonSet(ds) => {
            // The API server starts the template generation at 1 (apps/v1 shows it as an
            // annotation).
            ds.status = None;
            ds.metadata.annotations.insert(
                crate::model::daemonset::TEMPLATE_GENERATION_ANNOTATION.into(),
                "1".into(),
            );
        }
        Object::Namespace(ns) => {
            // Defaulting labels every namespace with its name; the namespace strategy adds
            // the `kubernetes` finalizer and sets the phase.
            let name = ns.metadata.name.clone();
            ns.metadata
                .labels
                .insert("kubernetes.io/metadata.name".into(), name);
            ns.spec.finalizers = vec![crate::model::namespace::KUBERNETES_FINALIZER.into()];
            ns.status = Some(crate::model::namespace::NamespaceStatus {
                phase: "Active".into(),
            });
        }
        Object::Node(_) | Object::ControllerRevision(_) | Object::Lease(_) => {}
    }
}

/// Merges an applied object onto the stored one as `kubectl apply` does for server-set fields
/// (a Job keeps its generated selector and template labels), then checks the update.
pub fn apply_update(old: &Object, new: &Object) -> Result<Object, Vec<FieldError>> {
    let mut merged = new.clone();
    {
        let (m, o) = (merged.meta_mut(), old.meta());
        m.uid = o.uid.clone();
        m.namespace = o.namespace.clone();
        m.resource_version = o.resource_version.clone();
        m.creation_timestamp = o.creation_timestamp;
        m.generation = o.generation;
        m.finalizers = o.finalizers.clone();
        m.owner_references = o.owner_references.clone();
    }
    match (&mut merged, old) {
        (Object::Job(n), Object::Job(o)) => {
            // Labels the server copied from the template on create are not in the learner's
            // manifest (nor in kubectl's last-applied configuration): apply keeps them.
            if n.metadata.labels.is_empty() {
                n.metadata.labels = o.metadata.labels.clone();
            }
            let spec = std::rc::Rc::make_mut(&mut n.spec);
            if spec.selector.is_none() {
                spec.selector = o.spec.selector.clone();
            }
            for (k, v) in &o.spec.template.metadata.labels {
                if [
                    jobval::CONTROLLER_UID,
                    jobval::LEGACY_CONTROLLER_UID,
                    jobval::JOB_NAME,
                    jobval::LEGACY_JOB_NAME,
                ]
                .contains(&k.as_str())
                {
                    spec.template
                        .metadata
                        .labels
                        .entry(k.clone())
                        .or_insert_with(|| v.clone());
                }
            }
            n.status = o.status.clone();
            let errs = jobval::validate_job_update(n, o);
            if !errs.is_empty() {
                return Err(errs);
            }
        }
        (Object::DaemonSet(n), Object::DaemonSet(o)) => {
            n.status = o.status.clone();
            let key = crate::model::daemonset::TEMPLATE_GENERATION_ANNOTATION;
            let old_gen: i64 = o
                .metadata
                .annotations
                .get(key)
                .and_then(|g| g.parse().ok())
                .unwrap_or(1);
            let gen = if n.spec.template != o.spec.template {
                old_gen + 1
            } else {
                old_gen
            };
            n.metadata.annotations.insert(key.into(), gen.to_string());
            let mut errs = Vec::new();
            if n.spec.selector != o.spec.selector {
                errs.push(FieldError::immutable(
                    &crate::validation::Path::new("spec").child("selector"),
                    &serde_json::to_value(&n.spec.selector).unwrap_or_default(),
                ));
            }
            errs.extend(dsval::validate_daemonset(n));
            if !errs.is_empty() {
                return Err(errs);
            }
        }
        (Object::CronJob(n), Object::CronJob(o)) => {
            n.status = o.status.clone();
            let errs = cronval::validate_cronjob_update(n, o);
            if !errs.is_empty() {
                return Err(errs);
            }
        }
        (Object::Pod(n), Object::Pod(o)) => {
            n.status = o.status.clone();
            if n.spec.node_name != o.spec.node_name {
                std::rc::Rc::make_mut(&mut n.spec).node_name = o.spec.node_name.clone();
            }
            // A pod written back with the spec it was read with shares it: no field to compare.
            if !std::rc::Rc::ptr_eq(&n.spec, &o.spec) && n.spec != o.spec {
                return Err(vec![FieldError::forbidden(
                    &crate::validation::Path::new("spec"),
                    "pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)",
                )]);
            }
        }
        _ => {}
    }
    Ok(merged)
}
