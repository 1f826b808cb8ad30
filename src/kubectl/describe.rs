//! `kubectl describe pod|job|cronjob|daemonset|node NAME`: the describers' sections, written
//! with tabs as kubectl's `PrefixWriter` writes them and aligned with the same tabwriter.

use super::args::Args;
use super::tabwriter::align;
use super::{not_found, target, Outcome};
use crate::model::{Event, Kind, Object, Time};
use crate::output::{human_duration, sorted_events};
use crate::world::World;
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt::Write;

/// `kubectl describe`.
pub fn describe(args: &Args, world: &World) -> Outcome {
    if args.words.is_empty() {
        return Outcome::err("You must specify the type of resource to describe. Use \"kubectl api-resources\" for a complete list of supported resources.\nerror: Required resource not specified.\nSee 'kubectl describe -h' for help and examples");
    }
    let (kind, names) = match target(&args.words) {
        Ok(t) => t,
        Err(o) => return o,
    };
    let namespace = args.namespace();
    let names: Vec<String> = if names.is_empty() {
        let listed: Vec<&Object> = if kind.namespaced() {
            world.store.list_in(kind, namespace).collect()
        } else {
            world.store.list(kind).collect()
        };
        listed.iter().map(|o| o.meta().name.clone()).collect()
    } else {
        names
    };
    let mut out = Vec::new();
    let mut err = String::new();
    for name in &names {
        match world.store.get(kind, namespace, name) {
            None => {
                err.push_str(&not_found(kind, name));
                err.push('\n');
            }
            Some(o) => out.push(describe_one(o, world)),
        }
    }
    if names.is_empty() {
        err = if kind.namespaced() {
            format!("No resources found in {namespace} namespace.\n")
        } else {
            "No resources found\n".into()
        };
    }
    Outcome {
        stdout: out.join("\n\n\n"),
        stderr: err,
        ..Outcome::default()
    }
}

fn describe_one(o: &Object, world: &World) -> String {
    let v = serde_json::to_value(o).unwrap_or_default();
    let mut w = String::new();
    match o {
        Object::Pod(_) => pod(&mut w, &v, world),
        Object::Job(_) => job(&mut w, &v, world),
        Object::CronJob(_) => cronjob(&mut w, &v, world),
        Object::DaemonSet(_) => daemonset(&mut w, &v, world),
        Object::Node(_) => node(&mut w, &v, world),
        Object::ControllerRevision(_) => revision(&mut w, &v),
        Object::Namespace(_) => return namespace(&v),
    }
    events(&mut w, world, o);
    align(&w, 2)
}

fn s(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

fn or_none(text: String) -> String {
    if text.is_empty() {
        "<none>".into()
    } else {
        text
    }
}

/// RFC 1123 with a numeric zone, as describe prints times.
fn when(v: &Value) -> String {
    let t = v.as_str().and_then(Time::parse);
    t.and_then(|t| chrono::DateTime::from_timestamp_millis(t.0))
        .map(|d| d.format("%a, %d %b %Y %H:%M:%S %z").to_string())
        .unwrap_or_default()
}

/// `Labels:` style: the first on the line, the others indented under it.
fn map_lines(w: &mut String, indent: &str, title: &str, map: &Value) {
    let entries: BTreeMap<String, String> = map
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), s(v))).collect())
        .unwrap_or_default();
    if entries.is_empty() {
        let _ = writeln!(w, "{indent}{title}:\t<none>");
        return;
    }
    for (i, (k, v)) in entries.iter().enumerate() {
        if i == 0 {
            let _ = writeln!(w, "{indent}{title}:\t{k}={v}");
        } else {
            let _ = writeln!(w, "{indent}\t{k}={v}");
        }
    }
}

fn annotations(w: &mut String, indent: &str, map: &Value) {
    let entries: BTreeMap<String, String> = map
        .as_object()
        .map(|m| m.iter().map(|(k, v)| (k.clone(), s(v))).collect())
        .unwrap_or_default();
    if entries.is_empty() {
        let _ = writeln!(w, "{indent}Annotations:\t<none>");
        return;
    }
    for (i, (k, v)) in entries.iter().enumerate() {
        let lead = if i == 0 { "Annotations:" } else { "" };
        let _ = writeln!(w, "{indent}{lead}\t{k}: {v}");
    }
}

fn controlled_by(w: &mut String, v: &Value) {
    if let Some(r) = v["metadata"]["ownerReferences"]
        .as_array()
        .and_then(|refs| refs.iter().find(|r| r["controller"] == true))
    {
        let _ = writeln!(w, "Controlled By:\t{}/{}", s(&r["kind"]), s(&r["name"]));
    }
}

fn tolerations(w: &mut String, indent: &str, tols: &Value) {
    let list: Vec<String> = tols
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let mut text = s(&t["key"]);
            if !s(&t["value"]).is_empty() {
                text.push('=');
                text.push_str(&s(&t["value"]));
            }
            if !s(&t["effect"]).is_empty() {
                text.push(':');
                text.push_str(&s(&t["effect"]));
            }
            if t["operator"] == "Exists" && s(&t["value"]).is_empty() {
                text.push_str(" op=Exists");
            }
            if let Some(secs) = t["tolerationSeconds"].as_i64() {
                let _ = write!(text, " for {secs}s");
            }
            text
        })
        .collect();
    if list.is_empty() {
        let _ = writeln!(w, "{indent}Tolerations:\t<none>");
    }
    for (i, t) in list.iter().enumerate() {
        let lead = if i == 0 { "Tolerations:" } else { "" };
        let _ = writeln!(w, "{indent}{lead}\t{t}");
    }
}

fn node_selector(w: &mut String, indent: &str, sel: &Value) {
    let text: Vec<String> = sel
        .as_object()
        .map(|m| m.iter().map(|(k, v)| format!("{k}={}", s(v))).collect())
        .unwrap_or_default();
    let _ = writeln!(w, "{indent}Node-Selectors:\t{}", or_none(text.join(",")));
}

/// A container in a pod template (DescribePodTemplate) or a pod (with its status).
fn container(w: &mut String, indent: &str, c: &Value, status: Option<&Value>) {
    let _ = writeln!(w, "{indent}{}:", s(&c["name"]));
    let i = "    ";
    if let Some(st) = status {
        if let Some(id) = st["containerID"].as_str() {
            let _ = writeln!(w, "{i}Container ID:\t{id}");
        }
    }
    let _ = writeln!(w, "{i}Image:\t{}", s(&c["image"]));
    if let Some(st) = status {
        let _ = writeln!(w, "{i}Image ID:\t{}", s(&st["imageID"]));
    }
    let _ = writeln!(w, "{i}Port:\t<none>");
    let _ = writeln!(w, "{i}Host Port:\t<none>");
    for (title, key) in [("Command", "command"), ("Args", "args")] {
        if let Some(items) = c[key].as_array() {
            let _ = writeln!(w, "{i}{title}:");
            for item in items {
                for line in s(item).lines() {
                    let _ = writeln!(w, "{i}  {line}");
                }
            }
        }
    }
    if let Some(st) = status {
        state(w, i, "State", &st["state"]);
        if st["lastState"].as_object().is_some_and(|m| !m.is_empty()) {
            state(w, i, "Last State", &st["lastState"]);
        }
        let ready = if st["ready"] == true { "True" } else { "False" };
        let _ = writeln!(w, "{i}Ready:\t{ready}");
        let _ = writeln!(
            w,
            "{i}Restart Count:\t{}",
            st["restartCount"].as_i64().unwrap_or(0)
        );
    }
    if let Some(probe) = c.get("readinessProbe").filter(|p| p.is_object()) {
        let _ = writeln!(
            w,
            "{i}Readiness:\texec [] delay={}s timeout={}s period={}s #success={} #failure={}",
            probe["initialDelaySeconds"].as_i64().unwrap_or(0),
            probe["timeoutSeconds"].as_i64().unwrap_or(1),
            probe["periodSeconds"].as_i64().unwrap_or(10),
            probe["successThreshold"].as_i64().unwrap_or(1),
            probe["failureThreshold"].as_i64().unwrap_or(3),
        );
    }
    let env: Vec<&Value> = c["env"].as_array().into_iter().flatten().collect();
    if env.is_empty() {
        let _ = writeln!(w, "{i}Environment:\t<none>");
    } else {
        let _ = writeln!(w, "{i}Environment:");
        for e in env {
            let value = match e.get("value") {
                Some(v) => s(v),
                None => match e["valueFrom"]["fieldRef"]["fieldPath"].as_str() {
                    Some(path) => format!(" (v1:{path})"),
                    None => String::new(),
                },
            };
            let _ = writeln!(w, "{i}  {}:\t{value}", s(&e["name"]));
        }
    }
    let _ = writeln!(w, "{i}Mounts:\t<none>");
}

fn state(w: &mut String, i: &str, title: &str, st: &Value) {
    if let Some(r) = st.get("running") {
        let _ = writeln!(w, "{i}{title}:\tRunning");
        let _ = writeln!(w, "{i}  Started:\t{}", when(&r["startedAt"]));
    } else if let Some(t) = st.get("terminated") {
        let _ = writeln!(w, "{i}{title}:\tTerminated");
        let _ = writeln!(w, "{i}  Reason:\t{}", s(&t["reason"]));
        let _ = writeln!(
            w,
            "{i}  Exit Code:\t{}",
            t["exitCode"].as_i64().unwrap_or(0)
        );
        let _ = writeln!(w, "{i}  Started:\t{}", when(&t["startedAt"]));
        let _ = writeln!(w, "{i}  Finished:\t{}", when(&t["finishedAt"]));
    } else if let Some(wt) = st.get("waiting") {
        let _ = writeln!(w, "{i}{title}:\tWaiting");
        let _ = writeln!(w, "{i}  Reason:\t{}", s(&wt["reason"]));
    } else {
        let _ = writeln!(w, "{i}{title}:\tWaiting");
    }
}

fn pod(w: &mut String, v: &Value, world: &World) {
    let m = &v["metadata"];
    let spec = &v["spec"];
    let st = &v["status"];
    let _ = writeln!(w, "Name:\t{}", s(&m["name"]));
    let _ = writeln!(w, "Namespace:\t{}", s(&m["namespace"]));
    let _ = writeln!(w, "Priority:\t{}", spec["priority"].as_i64().unwrap_or(0));
    let _ = writeln!(
        w,
        "Service Account:\t{}",
        or_none(s(&spec["serviceAccountName"]))
    );
    let node = s(&spec["nodeName"]);
    let node = if node.is_empty() {
        "<none>".to_string()
    } else {
        format!("{node}/{}", s(&st["hostIP"]))
    };
    let _ = writeln!(w, "Node:\t{node}");
    if !st["startTime"].is_null() {
        let _ = writeln!(w, "Start Time:\t{}", when(&st["startTime"]));
    }
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    let mut status = s(&st["phase"]);
    if !m["deletionTimestamp"].is_null() {
        status = format!(
            "Terminating (lasts {})",
            human_duration(
                world.wall_now().0
                    - m["deletionTimestamp"]
                        .as_str()
                        .and_then(Time::parse)
                        .map_or(0, |t| t.0)
            )
        );
        let _ = writeln!(w, "Status:\t{status}");
        let _ = writeln!(
            w,
            "Termination Grace Period:\t{}s",
            m["deletionGracePeriodSeconds"].as_i64().unwrap_or(30)
        );
    } else {
        let _ = writeln!(w, "Status:\t{status}");
    }
    if let Some(reason) = st["reason"].as_str() {
        let _ = writeln!(w, "Reason:\t{reason}");
    }
    if let Some(msg) = st["message"].as_str() {
        let _ = writeln!(w, "Message:\t{msg}");
    }
    let _ = writeln!(w, "IP:\t{}", s(&st["podIP"]));
    let ips: Vec<String> = st["podIPs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|ip| s(&ip["ip"]))
        .collect();
    if ips.is_empty() {
        let _ = writeln!(w, "IPs:\t<none>");
    } else {
        let _ = writeln!(w, "IPs:");
        for ip in ips {
            let _ = writeln!(w, "  IP:\t{ip}");
        }
    }
    controlled_by(w, v);
    let _ = writeln!(w, "Containers:");
    let statuses: Vec<&Value> = st["containerStatuses"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    for c in spec["containers"].as_array().into_iter().flatten() {
        let status = statuses.iter().find(|x| x["name"] == c["name"]).copied();
        container(
            w,
            "  ",
            c,
            status.or(Some(&Value::Null)).filter(|x| !x.is_null()),
        );
    }
    let conds: Vec<&Value> = st["conditions"].as_array().into_iter().flatten().collect();
    if !conds.is_empty() {
        let _ = writeln!(w, "Conditions:");
        let _ = writeln!(w, "  Type\tStatus");
        for c in conds {
            let _ = writeln!(w, "  {} \t{} ", s(&c["type"]), s(&c["status"]));
        }
    }
    let _ = writeln!(w, "Volumes:\t<none>");
    let _ = writeln!(w, "QoS Class:\t{}", or_none(s(&st["qosClass"])));
    node_selector(w, "", &spec["nodeSelector"]);
    tolerations(w, "", &spec["tolerations"]);
}

fn template(w: &mut String, t: &Value) {
    let _ = writeln!(w, "Pod Template:");
    map_lines(w, "  ", "Labels", &t["metadata"]["labels"]);
    if t["metadata"]["annotations"]
        .as_object()
        .is_some_and(|m| !m.is_empty())
    {
        annotations(w, "  ", &t["metadata"]["annotations"]);
    }
    let _ = writeln!(w, "  Containers:");
    for c in t["spec"]["containers"].as_array().into_iter().flatten() {
        container(w, "   ", c, None);
    }
    let _ = writeln!(w, "  Volumes:\t<none>");
    node_selector(w, "  ", &t["spec"]["nodeSelector"]);
    tolerations(w, "  ", &t["spec"]["tolerations"]);
}

fn selector_line(sel: &Value) -> String {
    let text: Vec<String> = sel["matchLabels"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| format!("{k}={}", s(v))).collect())
        .unwrap_or_default();
    or_none(text.join(","))
}

fn job(w: &mut String, v: &Value, world: &World) {
    let m = &v["metadata"];
    let spec = &v["spec"];
    let st = &v["status"];
    let _ = writeln!(w, "Name:\t{}", s(&m["name"]));
    let _ = writeln!(w, "Namespace:\t{}", s(&m["namespace"]));
    let _ = writeln!(w, "Selector:\t{}", selector_line(&spec["selector"]));
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    controlled_by(w, v);
    let _ = writeln!(
        w,
        "Parallelism:\t{}",
        spec["parallelism"].as_i64().unwrap_or(1)
    );
    match spec["completions"].as_i64() {
        Some(c) => {
            let _ = writeln!(w, "Completions:\t{c}");
        }
        None => {
            let _ = writeln!(w, "Completions:\t<unset>");
        }
    }
    let _ = writeln!(w, "Completion Mode:\t{}", s(&spec["completionMode"]));
    let _ = writeln!(
        w,
        "Suspend:\t{}",
        spec["suspend"].as_bool().unwrap_or(false)
    );
    let _ = writeln!(
        w,
        "Backoff Limit:\t{}",
        spec["backoffLimit"].as_i64().unwrap_or(6)
    );
    if let Some(ttl) = spec["ttlSecondsAfterFinished"].as_i64() {
        let _ = writeln!(w, "TTL Seconds After Finished:\t{ttl}");
    }
    if !st["startTime"].is_null() {
        let _ = writeln!(w, "Start Time:\t{}", when(&st["startTime"]));
    }
    let start = st["startTime"].as_str().and_then(Time::parse);
    if let Some(done) = st["completionTime"].as_str().and_then(Time::parse) {
        let _ = writeln!(w, "Completed At:\t{}", when(&st["completionTime"]));
        if let Some(start) = start {
            let _ = writeln!(w, "Duration:\t{}", human_duration(done.0 - start.0));
        }
    }
    if let Some(d) = spec["activeDeadlineSeconds"].as_i64() {
        let _ = writeln!(w, "Active Deadline Seconds:\t{d}s");
    }
    let n = |k: &str| st[k].as_i64().unwrap_or(0);
    if st["terminating"].is_null() {
        let _ = writeln!(
            w,
            "Pods Statuses:\t{} Active ({} Ready) / {} Succeeded / {} Failed",
            n("active"),
            n("ready"),
            n("succeeded"),
            n("failed")
        );
    } else {
        let _ = writeln!(
            w,
            "Pods Statuses:\t{} Active ({} Ready) / {} Succeeded / {} Failed / {} Terminating",
            n("active"),
            n("ready"),
            n("succeeded"),
            n("failed"),
            n("terminating")
        );
    }
    if let Some(idx) = st["completedIndexes"].as_str() {
        let _ = writeln!(w, "Completed Indexes:\t{idx}");
    }
    template(w, &spec["template"]);
    let _ = world;
}

fn cronjob(w: &mut String, v: &Value, world: &World) {
    let m = &v["metadata"];
    let spec = &v["spec"];
    let st = &v["status"];
    let _ = writeln!(w, "Name:\t{}", s(&m["name"]));
    let _ = writeln!(w, "Namespace:\t{}", s(&m["namespace"]));
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    let _ = writeln!(w, "Schedule:\t{}", s(&spec["schedule"]));
    let _ = writeln!(w, "Concurrency Policy:\t{}", s(&spec["concurrencyPolicy"]));
    let _ = writeln!(
        w,
        "Suspend:\t{}",
        if spec["suspend"] == true {
            "True"
        } else {
            "False"
        }
    );
    let _ = writeln!(
        w,
        "Successful Job History Limit:\t{}",
        spec["successfulJobsHistoryLimit"].as_i64().unwrap_or(3)
    );
    let _ = writeln!(
        w,
        "Failed Job History Limit:\t{}",
        spec["failedJobsHistoryLimit"].as_i64().unwrap_or(1)
    );
    match spec["startingDeadlineSeconds"].as_i64() {
        Some(d) => {
            let _ = writeln!(w, "Starting Deadline Seconds:\t{d}s");
        }
        None => {
            let _ = writeln!(w, "Starting Deadline Seconds:\t<unset>");
        }
    }
    let jt = &spec["jobTemplate"]["spec"];
    let _ = writeln!(w, "Selector:\t<unset>");
    let _ = writeln!(
        w,
        "Parallelism:\t{}",
        jt["parallelism"]
            .as_i64()
            .map_or("<unset>".into(), |p| p.to_string())
    );
    let _ = writeln!(
        w,
        "Completions:\t{}",
        jt["completions"]
            .as_i64()
            .map_or("<unset>".into(), |p| p.to_string())
    );
    template(w, &jt["template"]);
    let last = st["lastScheduleTime"]
        .as_str()
        .map_or("<unset>".into(), |_| when(&st["lastScheduleTime"]));
    let _ = writeln!(w, "Last Schedule Time:\t{last}");
    let active: Vec<String> = st["active"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| s(&r["name"]))
        .collect();
    let _ = writeln!(w, "Active Jobs:\t{}", or_none(active.join(", ")));
    let _ = world;
}

fn daemonset(w: &mut String, v: &Value, world: &World) {
    let m = &v["metadata"];
    let spec = &v["spec"];
    let st = &v["status"];
    let name = s(&m["name"]);
    let _ = writeln!(w, "Name:\t{name}");
    let _ = writeln!(w, "Namespace:\t{}", s(&m["namespace"]));
    let _ = writeln!(w, "Selector:\t{}", selector_line(&spec["selector"]));
    node_selector(w, "", &spec["template"]["spec"]["nodeSelector"]);
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    let n = |k: &str| st[k].as_i64().unwrap_or(0);
    let _ = writeln!(
        w,
        "Desired Number of Nodes Scheduled: {}",
        n("desiredNumberScheduled")
    );
    let _ = writeln!(
        w,
        "Current Number of Nodes Scheduled: {}",
        n("currentNumberScheduled")
    );
    let _ = writeln!(
        w,
        "Number of Nodes Scheduled with Up-to-date Pods: {}",
        n("updatedNumberScheduled")
    );
    let _ = writeln!(
        w,
        "Number of Nodes Scheduled with Available Pods: {}",
        n("numberAvailable")
    );
    let _ = writeln!(
        w,
        "Number of Nodes Misscheduled: {}",
        n("numberMisscheduled")
    );
    // Pods Status: running / waiting / succeeded / failed among the DaemonSet's pods.
    let (mut running, mut waiting, mut succeeded, mut failed) = (0, 0, 0, 0);
    let uid = s(&m["uid"]);
    for p in world.store.list(Kind::Pod).filter_map(Object::as_pod) {
        if p.metadata.controller_ref().is_some_and(|r| r.uid == uid) {
            match p.phase() {
                "Running" => running += 1,
                "Succeeded" => succeeded += 1,
                "Failed" => failed += 1,
                _ => waiting += 1,
            }
        }
    }
    let _ = writeln!(w, "Pods Status:\t{running} Running / {waiting} Waiting / {succeeded} Succeeded / {failed} Failed");
    template(w, &spec["template"]);
}

fn node(w: &mut String, v: &Value, world: &World) {
    let m = &v["metadata"];
    let spec = &v["spec"];
    let st = &v["status"];
    let name = s(&m["name"]);
    let _ = writeln!(w, "Name:\t{name}");
    let roles: Vec<String> = m["labels"]
        .as_object()
        .map(|l| {
            l.keys()
                .filter_map(|k| {
                    k.strip_prefix("node-role.kubernetes.io/")
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    let _ = writeln!(w, "Roles:\t{}", or_none(roles.join(",")));
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    let _ = writeln!(w, "CreationTimestamp:\t{}", when(&m["creationTimestamp"]));
    let taints: Vec<String> = spec["taints"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let value = s(&t["value"]);
            if value.is_empty() {
                format!("{}:{}", s(&t["key"]), s(&t["effect"]))
            } else {
                format!("{}={value}:{}", s(&t["key"]), s(&t["effect"]))
            }
        })
        .collect();
    if taints.is_empty() {
        let _ = writeln!(w, "Taints:\t<none>");
    }
    for (i, t) in taints.iter().enumerate() {
        let lead = if i == 0 { "Taints:" } else { "" };
        let _ = writeln!(w, "{lead}\t{t}");
    }
    let _ = writeln!(w, "Unschedulable:\t{}", spec["unschedulable"] == true);
    let _ = writeln!(w, "Conditions:");
    let _ = writeln!(
        w,
        "  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage"
    );
    let _ = writeln!(
        w,
        "  ----\t------\t-----------------\t------------------\t------\t-------"
    );
    for c in st["conditions"].as_array().into_iter().flatten() {
        let _ = writeln!(
            w,
            "  {}\t{}\t{}\t{}\t{}\t{}",
            s(&c["type"]),
            s(&c["status"]),
            when(&c["lastHeartbeatTime"]),
            when(&c["lastTransitionTime"]),
            s(&c["reason"]),
            s(&c["message"])
        );
    }
    let pods: Vec<&crate::model::Pod> = world
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| {
            p.node_name() == Some(name.as_str()) && !matches!(p.phase(), "Succeeded" | "Failed")
        })
        .collect();
    let _ = writeln!(w, "Non-terminated Pods:\t({} in total)", pods.len());
    let _ = writeln!(
        w,
        "  Namespace\tName\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge"
    );
    let _ = writeln!(
        w,
        "  ---------\t----\t------------\t----------\t---------------\t-------------\t---"
    );
    let now = world.wall_now();
    for p in pods {
        let age = p
            .metadata
            .creation_timestamp
            .map_or_else(|| "<unknown>".into(), |t| human_duration(now.0 - t.0));
        let _ = writeln!(
            w,
            "  default\t{}\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t{age}",
            p.metadata.name
        );
    }
}

fn revision(w: &mut String, v: &Value) {
    let m = &v["metadata"];
    let _ = writeln!(w, "Name:\t{}", s(&m["name"]));
    let _ = writeln!(w, "Namespace:\t{}", s(&m["namespace"]));
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    controlled_by(w, v);
    let _ = writeln!(w, "Revision:\t{}", v["revision"].as_i64().unwrap_or(0));
}

/// A namespace: kubectl's describer prints its status, then its quotas and limit ranges (none
/// here), and no Events.
fn namespace(v: &Value) -> String {
    let mut w = String::new();
    let _ = writeln!(w, "Name:\t{}", s(&v["metadata"]["name"]));
    map_lines(&mut w, "", "Labels", &v["metadata"]["labels"]);
    annotations(&mut w, "", &v["metadata"]["annotations"]);
    let _ = writeln!(w, "Status:\t{}", s(&v["status"]["phase"]));
    let mut out = align(&w, 2);
    out.push_str("\nNo resource quota.\n\nNo LimitRange resource.\n");
    out
}

fn events(w: &mut String, world: &World, o: &Object) {
    let now = world.wall_now();
    let meta = o.meta();
    let kind = o.kind();
    let list: Vec<&Event> = sorted_events(world)
        .into_iter()
        .filter(|e| {
            e.involved_object.kind == kind.name()
                && e.involved_object.name == meta.name
                && e.involved_object.namespace.as_deref().unwrap_or_default() == meta.ns()
        })
        .collect();
    if list.is_empty() {
        let _ = writeln!(w, "Events:\t<none>");
        return;
    }
    let _ = writeln!(w, "Events:");
    let _ = writeln!(w, "  Type\tReason\tAge\tFrom\tMessage");
    let _ = writeln!(w, "  ----\t------\t----\t----\t-------");
    for e in list {
        let since =
            |t: Option<Time>| t.map_or_else(|| "<unknown>".into(), |t| human_duration(now.0 - t.0));
        let age = if e.count > 1 {
            format!(
                "{} (x{} over {})",
                since(e.last_timestamp),
                e.count,
                since(e.first_timestamp)
            )
        } else {
            since(e.last_timestamp)
        };
        let from = if e.source.component.is_empty() {
            e.reporting_component.clone()
        } else {
            e.source.component.clone()
        };
        let _ = writeln!(
            w,
            "  {}\t{}\t{age}\t{from}\t{}",
            e.type_,
            e.reason,
            e.message.trim()
        );
    }
}
