//! Which containers run a program podlab cannot interpret. Not an API error — the API server
//! accepts any command — but podlab says so before it runs the default instead (the kubelet's
//! `defaultRunSeconds`, exit 0), so that a learner never mistakes the stand-in for the program.

use crate::model::{Object, PodSpec};
use crate::script::{self, Instead, Unsupported};

/// One container whose program podlab does not interpret.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProgramWarning {
    /// The field path of its command (`spec.template.spec.containers[0].command`).
    pub path: String,
    /// The container's name.
    pub container: String,
    /// What podlab does not interpret.
    pub what: Unsupported,
}

/// The pod spec of an object, with its field path.
fn pod_spec(object: &Object) -> Option<(&PodSpec, &'static str)> {
    match object {
        Object::Pod(p) => Some((&p.spec, "spec")),
        Object::Job(j) => Some((&j.spec.template.spec, "spec.template.spec")),
        Object::CronJob(c) => Some((
            &c.spec.job_template.spec.template.spec,
            "spec.jobTemplate.spec.template.spec",
        )),
        Object::DaemonSet(d) => Some((&d.spec.template.spec, "spec.template.spec")),
        _ => None,
    }
}

/// Every container of `object` whose program lies outside podlab's interpreter.
pub fn unsupported_programs(object: &Object) -> Vec<ProgramWarning> {
    let Some((spec, prefix)) = pod_spec(object) else {
        return Vec::new();
    };
    let lists = [
        ("initContainers", &spec.init_containers),
        ("containers", &spec.containers),
    ];
    let mut out = Vec::new();
    for (field, containers) in lists {
        for (i, c) in containers.iter().enumerate() {
            let argv = script::argv(c.command.as_deref(), c.args.as_deref(), &[]);
            if let Err(what) = script::check(&argv) {
                let key = if c.command.is_some() {
                    "command"
                } else {
                    "args"
                };
                out.push(ProgramWarning {
                    path: format!("{prefix}.{field}[{i}].{key}"),
                    container: c.name.clone(),
                    what,
                });
            }
        }
    }
    out
}

impl ProgramWarning {
    /// The warning in English, as `podlab validate` prints it.
    pub fn message(&self) -> String {
        let instead = match self.what.instead {
            Instead::DefaultRun => "it runs for defaultRunSeconds and exits 0",
            Instead::NoTime => "in the script it takes no time and succeeds",
        };
        format!(
            "{}: podlab does not interpret {} (container \"{}\"): {instead}; say what you mean with `exit N`, `sleep N` or a failPod step",
            self.path, self.what, self.container
        )
    }
}
