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
        stdout: out.join("\n\n"),
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
        Object::ControllerRevision(_) | Object::Lease(_) => generic(&mut w, &v),
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
            // DescribePodTemplate passes the indent in the title: continuations start at "\t".
            let _ = writeln!(w, "\t{k}={v}");
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
        if i == 0 {
            let _ = writeln!(w, "{indent}Annotations:\t{k}: {v}");
        } else {
            let _ = writeln!(w, "\t{k}: {v}");
        }
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
    // printTolerationsMultiline sorts by key (sort.Slice; stable for the few a pod has).
    let mut sorted: Vec<&Value> = tols.as_array().into_iter().flatten().collect();
    crate::sort::sort_by_key(&mut sorted, |t| s(&t["key"]));
    let list: Vec<String> = sorted
        .into_iter()
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
                // The match-everything toleration has neither key nor effect to space from.
                text.push_str(if text.is_empty() {
                    "op=Exists"
                } else {
                    " op=Exists"
                });
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
        if i == 0 {
            let _ = writeln!(w, "{indent}Tolerations:\t{t}");
        } else {
            let _ = writeln!(w, "\t{t}");
        }
    }
}

/// `DescribeProbe`: the action, then the timings as the object holds them.
fn describe_probe(p: &Value) -> String {
    let n = |k: &str| p[k].as_i64().unwrap_or(0);
    let attrs = format!(
        "delay={}s timeout={}s period={}s #success={} #failure={}",
        n("initialDelaySeconds"),
        n("timeoutSeconds"),
        n("periodSeconds"),
        n("successThreshold"),
        n("failureThreshold")
    );
    let port = |v: &Value| match v {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    };
    if let Some(exec) = p.get("exec") {
        let cmd: Vec<String> = exec["command"]
            .as_array()
            .into_iter()
            .flatten()
            .map(s)
            .collect();
        return format!("exec [{}] {attrs}", cmd.join(" "));
    }
    if let Some(get) = p.get("httpGet") {
        let host = s(&get["host"]);
        let port = port(&get["port"]);
        let host = if port.is_empty() {
            host
        } else if host.contains(':') {
            format!("[{host}]:{port}")
        } else {
            format!("{host}:{port}")
        };
        let scheme = s(&get["scheme"]).to_lowercase();
        let scheme = if scheme.is_empty() {
            String::new()
        } else {
            format!("{scheme}:")
        };
        return format!("http-get {scheme}//{host}{} {attrs}", s(&get["path"]));
    }
    if let Some(tcp) = p.get("tcpSocket") {
        return format!(
            "tcp-socket {}:{} {attrs}",
            s(&tcp["host"]),
            port(&tcp["port"])
        );
    }
    if let Some(grpc) = p.get("grpc") {
        return format!(
            "grpc <pod>:{} {} {attrs}",
            grpc["port"].as_i64().unwrap_or(0),
            s(&grpc["service"])
        );
    }
    format!("unknown {attrs}")
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
        // Printed whenever the container has a status, empty while it waits.
        let _ = writeln!(w, "{i}Container ID:\t{}", s(&st["containerID"]));
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
                // strings.Split: a final line break leaves an empty last line.
                for line in s(item).split('\n') {
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
    for (title, key) in [
        ("Liveness", "livenessProbe"),
        ("Readiness", "readinessProbe"),
        ("Startup", "startupProbe"),
    ] {
        if let Some(probe) = c.get(key).filter(|p| p.is_object()) {
            let _ = writeln!(w, "{i}{title}:\t{}", describe_probe(probe));
        }
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
    mounts(w, i, c);
}

/// `describeContainerVolumes`: each mount, sorted by path, with `rw`/`ro` and a sub-path.
fn mounts(w: &mut String, i: &str, c: &Value) {
    let mut list: Vec<&Value> = c["volumeMounts"].as_array().into_iter().flatten().collect();
    if list.is_empty() {
        let _ = writeln!(w, "{i}Mounts:\t<none>");
        return;
    }
    let _ = writeln!(w, "{i}Mounts:");
    crate::sort::sort_by(&mut list, |a, b| {
        s(&a["mountPath"]).cmp(&s(&b["mountPath"]))
    });
    for m in list {
        let mut flags = vec![if m["readOnly"] == true { "ro" } else { "rw" }.to_string()];
        if let Some(sub) = m["subPath"].as_str().filter(|p| !p.is_empty()) {
            flags.push(format!("path={sub:?}"));
        }
        let _ = writeln!(
            w,
            "{i}  {} from {} ({})",
            s(&m["mountPath"]),
            s(&m["name"]),
            flags.join(",")
        );
    }
}

/// `describeVolumes`: each volume and what kind it is (`space` indents a template's).
fn volumes(w: &mut String, space: &str, spec: &Value) {
    let list: Vec<&Value> = spec["volumes"].as_array().into_iter().flatten().collect();
    if list.is_empty() {
        let _ = writeln!(w, "{space}Volumes:\t<none>");
        return;
    }
    let _ = writeln!(w, "{space}Volumes:");
    let name_indent = if space.is_empty() { "" } else { " " };
    for v in list {
        let _ = writeln!(w, "  {name_indent}{}:", s(&v["name"]));
        if let Some(e) = v.get("emptyDir") {
            let limit = match e["sizeLimit"].as_str() {
                Some(l) if !l.is_empty() && l != "0" => l.to_string(),
                _ => "<unset>".into(),
            };
            let _ = writeln!(
                w,
                "    Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)"
            );
            let _ = writeln!(w, "    Medium:\t{}", s(&e["medium"]));
            let _ = writeln!(w, "    SizeLimit:\t{limit}");
        } else if let Some(d) = v.get("downwardAPI") {
            let _ = writeln!(
                w,
                "    Type:\tDownwardAPI (a volume populated by information about the pod)"
            );
            let _ = writeln!(w, "    Items:");
            for item in d["items"].as_array().into_iter().flatten() {
                if let Some(f) = item["fieldRef"]["fieldPath"].as_str() {
                    let _ = writeln!(w, "      {f} -> {}", s(&item["path"]));
                }
                if let Some(r) = item["resourceFieldRef"]["resource"].as_str() {
                    let _ = writeln!(w, "      {r} -> {}", s(&item["path"]));
                }
            }
        } else if let Some(h) = v.get("hostPath") {
            let _ = writeln!(w, "    Type:\tHostPath (bare host directory volume)");
            let _ = writeln!(w, "    Path:\t{}", s(&h["path"]));
            let _ = writeln!(w, "    HostPathType:\t{}", s(&h["type"]));
        } else if let Some(c) = v.get("configMap") {
            let _ = writeln!(
                w,
                "    Type:\tConfigMap (a volume populated by a ConfigMap)"
            );
            let _ = writeln!(w, "    Name:\t{}", s(&c["name"]));
            let _ = writeln!(w, "    Optional:\t{}", c["optional"] == true);
        } else if let Some(c) = v.get("secret") {
            let _ = writeln!(w, "    Type:\tSecret (a volume populated by a Secret)");
            let _ = writeln!(w, "    SecretName:\t{}", s(&c["secretName"]));
            let _ = writeln!(w, "    Optional:\t{}", c["optional"] == true);
        } else {
            let _ = writeln!(w, "    <unknown>");
        }
    }
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
    for (title, containers, statuses) in [
        ("Init Containers", "initContainers", "initContainerStatuses"),
        ("Containers", "containers", "containerStatuses"),
    ] {
        let list: Vec<&Value> = spec[containers].as_array().into_iter().flatten().collect();
        if list.is_empty() && title == "Init Containers" {
            continue;
        }
        let _ = writeln!(w, "{title}:");
        let statuses: Vec<&Value> = st[statuses].as_array().into_iter().flatten().collect();
        for c in list {
            let status = statuses.iter().find(|x| x["name"] == c["name"]).copied();
            container(w, "  ", c, status);
        }
    }
    let conds: Vec<&Value> = st["conditions"].as_array().into_iter().flatten().collect();
    if !conds.is_empty() {
        let _ = writeln!(w, "Conditions:");
        let _ = writeln!(w, "  Type\tStatus");
        for c in conds {
            let _ = writeln!(w, "  {} \t{} ", s(&c["type"]), s(&c["status"]));
        }
    }
    volumes(w, "", spec);
    let _ = writeln!(w, "QoS Class:\t{}", or_none(s(&st["qosClass"])));
    node_selector(w, "", &spec["nodeSelector"]);
    tolerations(w, "", &spec["tolerations"]);
}

/// `DescribePodTemplate` written straight out, without a tabwriter (as `kubectl rollout
/// history --revision=N` prints it: tabs stay tabs).
pub(super) fn pod_template_text(t: &Value) -> String {
    let mut w = String::new();
    template(&mut w, t);
    w
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
    if let Some(init) = t["spec"]["initContainers"]
        .as_array()
        .filter(|l| !l.is_empty())
    {
        let _ = writeln!(w, "  Init Containers:");
        for c in init {
            container(w, "   ", c, None);
        }
    }
    let _ = writeln!(w, "  Containers:");
    for c in t["spec"]["containers"].as_array().into_iter().flatten() {
        container(w, "   ", c, None);
    }
    volumes(w, "  ", &t["spec"]);
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
    // v1.31 prints no Terminating count.
    if st["ready"].is_null() {
        let _ = writeln!(
            w,
            "Pods Statuses:\t{} Active / {} Succeeded / {} Failed",
            n("active"),
            n("succeeded"),
            n("failed")
        );
    } else {
        let _ = writeln!(
            w,
            "Pods Statuses:\t{} Active ({} Ready) / {} Succeeded / {} Failed",
            n("active"),
            n("ready"),
            n("succeeded"),
            n("failed")
        );
    }
    if spec["completionMode"] == "Indexed" {
        let idx = st["completedIndexes"].as_str().unwrap_or_default();
        let _ = writeln!(w, "Completed Indexes:\t{}", cap_indexes(idx, 50));
    }
    template(w, &spec["template"]);
    let _ = world;
}

/// `capIndexesListOrNone`: `<none>`, or the list cut after the first comma past `soft`
/// characters with `...`.
fn cap_indexes(indexes: &str, soft: usize) -> String {
    if indexes.is_empty() {
        return "<none>".into();
    }
    match indexes.get(soft..).and_then(|rest| rest.find(',')) {
        Some(i) => format!("{}...", &indexes[..soft + i + 1]),
        None => indexes.to_string(),
    }
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
    // describeDaemonSet prints no namespace, and a Node-Selector (singular) line.
    let _ = writeln!(w, "Name:\t{name}");
    let _ = writeln!(w, "Selector:\t{}", selector_line(&spec["selector"]));
    let sel: Vec<String> = spec["template"]["spec"]["nodeSelector"]
        .as_object()
        .map(|m| m.iter().map(|(k, v)| format!("{k}={}", s(v))).collect())
        .unwrap_or_default();
    let _ = writeln!(w, "Node-Selector:\t{}", or_none(sel.join(",")));
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
    taints(w, &spec["taints"]);
    let _ = writeln!(w, "Unschedulable:\t{}", spec["unschedulable"] == true);
    node_lease(w, world, &name);
    node_conditions(w, &st["conditions"]);
    let _ = writeln!(w, "Addresses:");
    for a in st["addresses"].as_array().into_iter().flatten() {
        let _ = writeln!(w, "  {}:\t{}", s(&a["type"]), s(&a["address"]));
    }
    for (title, key) in [("Capacity", "capacity"), ("Allocatable", "allocatable")] {
        if let Some(list) = st[key].as_object().filter(|l| !l.is_empty()) {
            let _ = writeln!(w, "{title}:");
            for (k, q) in list {
                let _ = writeln!(w, "  {k}:\t{}", s(q));
            }
        }
    }
    let info = &st["nodeInfo"];
    let _ = writeln!(w, "System Info:");
    for (title, key) in [
        ("Machine ID", "machineID"),
        ("System UUID", "systemUUID"),
        ("Boot ID", "bootID"),
        ("Kernel Version", "kernelVersion"),
        ("OS Image", "osImage"),
        ("Operating System", "operatingSystem"),
        ("Architecture", "architecture"),
        ("Container Runtime Version", "containerRuntimeVersion"),
        ("Kubelet Version", "kubeletVersion"),
        ("Kube-Proxy Version", "kubeProxyVersion"),
    ] {
        let _ = writeln!(w, "  {title}:\t{}", s(&info[key]));
    }
    if let Some(cidr) = spec["podCIDR"].as_str().filter(|c| !c.is_empty()) {
        let _ = writeln!(w, "PodCIDR:\t{cidr}");
    }
    let cidrs: Vec<String> = spec["podCIDRs"]
        .as_array()
        .into_iter()
        .flatten()
        .map(s)
        .collect();
    if !cidrs.is_empty() {
        let _ = writeln!(w, "PodCIDRs:\t{}", cidrs.join(","));
    }
    node_pods(w, world, &name);
    let _ = writeln!(w, "Allocated resources:");
    let _ = writeln!(
        w,
        "  (Total limits may be over 100 percent, i.e., overcommitted.)"
    );
    let _ = writeln!(w, "  Resource\tRequests\tLimits");
    let _ = writeln!(w, "  --------\t--------\t------");
    let mut extended: Vec<&String> = st["allocatable"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, _)| k)
        .filter(|k| k.starts_with("hugepages-") || k.contains('/'))
        .collect();
    crate::sort::sort(&mut extended);
    for r in ["cpu", "memory", "ephemeral-storage"]
        .into_iter()
        .chain(extended.iter().map(|k| k.as_str()))
    {
        let _ = writeln!(w, "  {r}\t0 (0%)\t0 (0%)");
    }
}

/// `printNodeTaintsMultiline`: sorted by effect, then key.
fn taints(w: &mut String, list: &Value) {
    let mut taints: Vec<(String, String)> = list
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| {
            let value = s(&t["value"]);
            let text = if value.is_empty() {
                format!("{}:{}", s(&t["key"]), s(&t["effect"]))
            } else {
                format!("{}={value}:{}", s(&t["key"]), s(&t["effect"]))
            };
            (format!("{},{}", s(&t["effect"]), s(&t["key"])), text)
        })
        .collect();
    crate::sort::sort(&mut taints);
    if taints.is_empty() {
        let _ = writeln!(w, "Taints:\t<none>");
    }
    for (i, (_, t)) in taints.iter().enumerate() {
        let lead = if i == 0 { "Taints:" } else { "" };
        let _ = writeln!(w, "{lead}\t{t}");
    }
}

/// The node's Lease in kube-node-lease (kubectl reads it to show the last heartbeat).
fn node_lease(w: &mut String, world: &World, name: &str) {
    let ns = crate::model::lease::NODE_LEASE_NAMESPACE;
    let Some(Object::Lease(lease)) = world.store.get(Kind::Lease, ns, name) else {
        let _ = writeln!(
            w,
            "Lease:\tFailed to get lease: leases.coordination.k8s.io \"{name}\" not found"
        );
        return;
    };
    let v = serde_json::to_value(lease).unwrap_or_default();
    let spec = &v["spec"];
    let or_unset = |v: &Value, f: fn(&Value) -> String| {
        if v.is_null() {
            "<unset>".to_string()
        } else {
            f(v)
        }
    };
    let _ = writeln!(w, "Lease:");
    let _ = writeln!(
        w,
        "  HolderIdentity:\t{}",
        or_unset(&spec["holderIdentity"], s)
    );
    let _ = writeln!(
        w,
        "  AcquireTime:\t{}",
        or_unset(&spec["acquireTime"], when)
    );
    let _ = writeln!(w, "  RenewTime:\t{}", or_unset(&spec["renewTime"], when));
}

fn node_conditions(w: &mut String, list: &Value) {
    let Some(list) = list.as_array().filter(|l| !l.is_empty()) else {
        return;
    };
    let _ = writeln!(w, "Conditions:");
    let _ = writeln!(
        w,
        "  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage"
    );
    let _ = writeln!(
        w,
        "  ----\t------\t-----------------\t------------------\t------\t-------"
    );
    // describeNode writes each cell with a space before its tab.
    for c in list {
        let _ = writeln!(
            w,
            "  {} \t{} \t{} \t{} \t{} \t{}",
            s(&c["type"]),
            s(&c["status"]),
            when(&c["lastHeartbeatTime"]),
            when(&c["lastTransitionTime"]),
            s(&c["reason"]),
            s(&c["message"])
        );
    }
}

/// `describeNodeResource`'s pod table: every pod bound to the node that is not terminal, in
/// all namespaces. podlab models no resource requests, so every figure is 0.
fn node_pods(w: &mut String, world: &World, name: &str) {
    let pods: Vec<&crate::model::Pod> = world
        .store
        .list(Kind::Pod)
        .filter_map(Object::as_pod)
        .filter(|p| p.node_name() == Some(name) && !matches!(p.phase(), "Succeeded" | "Failed"))
        .collect();
    let _ = writeln!(w, "Non-terminated Pods:\t({} in total)", pods.len());
    let _ = writeln!(
        w,
        "  Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge"
    );
    let _ = writeln!(
        w,
        "  ---------\t----\t\t------------\t----------\t---------------\t-------------\t---"
    );
    let now = world.wall_now();
    for p in pods {
        let age = p
            .metadata
            .creation_timestamp
            .map_or_else(|| "<unknown>".into(), |t| crate::output::age(now, t));
        let _ = writeln!(
            w,
            "  {}\t{}\t\t0 (0%)\t0 (0%)\t0 (0%)\t0 (0%)\t{age}",
            p.metadata.ns(),
            p.metadata.name
        );
    }
}

/// kubectl's `genericDescriber` (ControllerRevision and Lease have no describer of their
/// own): name, namespace, labels and annotations, then every other field of the object,
/// sorted, with labels made from the field names (`smartLabelFor`).
fn generic(w: &mut String, v: &Value) {
    let m = &v["metadata"];
    let _ = writeln!(w, "Name:\t{}", s(&m["name"]));
    let _ = writeln!(w, "Namespace:\t{}", s(&m["namespace"]));
    map_lines(w, "", "Labels", &m["labels"]);
    annotations(w, "", &m["annotations"]);
    if let Some(content) = v.as_object() {
        unstructured(w, 0, content, "");
    }
}

const GENERIC_SKIP: [&str; 5] = [
    ".metadata.managedFields",
    ".metadata.name",
    ".metadata.namespace",
    ".metadata.labels",
    ".metadata.annotations",
];

/// `printUnstructuredContent`.
fn unstructured(
    w: &mut String,
    level: usize,
    content: &serde_json::Map<String, Value>,
    prefix: &str,
) {
    let indent = "  ".repeat(level);
    let mut fields: Vec<&String> = content.keys().collect();
    crate::sort::sort(&mut fields);
    for field in fields {
        let path = format!("{prefix}.{field}");
        if GENERIC_SKIP.contains(&path.as_str()) {
            continue;
        }
        let label = smart_label(field);
        match &content[field] {
            Value::Object(map) => {
                let _ = writeln!(w, "{indent}{label}:");
                unstructured(w, level + 1, map, &path);
            }
            Value::Array(items) => {
                let _ = writeln!(w, "{indent}{label}:");
                for item in items {
                    match item {
                        Value::Object(map) => unstructured(w, level + 1, map, &path),
                        other => {
                            let _ = writeln!(w, "{indent}  {}", go_value(other));
                        }
                    }
                }
            }
            other => {
                let _ = writeln!(w, "{indent}{label}:\t{}", go_value(other));
            }
        }
    }
}

/// A scalar as Go's `%v` prints it.
fn go_value(v: &Value) -> String {
    match v {
        Value::Null => "<nil>".into(),
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// `smartLabelFor`: `ownerReferences` → `Owner References`, `uid` → `UID`; a field with
/// characters other than letters and `-` is kept as it is.
fn smart_label(field: &str) -> String {
    if field.chars().any(|c| !c.is_alphabetic() && c != '-') {
        return field.to_string();
    }
    camel_split(field)
        .into_iter()
        .filter(|p| p != "_")
        .map(|p| {
            let upper = p.to_uppercase();
            if ["API", "URL", "UID", "OSB", "GUID"].contains(&upper.as_str()) {
                upper
            } else {
                let mut c = p.chars();
                c.next()
                    .map_or_else(String::new, |f| f.to_uppercase().chain(c).collect())
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `camelcase.Split`: runs of lower case, upper case, digits and other characters; an upper
/// case run followed by a lower case one gives its last letter to it (`CIDRs` → `CID`, `Rs`).
fn camel_split(text: &str) -> Vec<String> {
    let class = |c: char| {
        if c.is_lowercase() {
            1
        } else if c.is_uppercase() {
            2
        } else if c.is_numeric() {
            3
        } else {
            4
        }
    };
    let mut runs: Vec<Vec<char>> = Vec::new();
    let mut last = 0;
    for c in text.chars() {
        let k = class(c);
        match runs.last_mut() {
            Some(run) if k == last => run.push(c),
            _ => runs.push(vec![c]),
        }
        last = k;
    }
    for i in 0..runs.len().saturating_sub(1) {
        let upper_then_lower = runs[i].first().is_some_and(|c| c.is_uppercase())
            && runs[i + 1].first().is_some_and(|c| c.is_lowercase());
        if upper_then_lower {
            if let Some(c) = runs[i].pop() {
                runs[i + 1].insert(0, c);
            }
        }
    }
    runs.into_iter()
        .filter(|r| !r.is_empty())
        .map(|r| r.into_iter().collect())
        .collect()
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
            |t: Option<Time>| t.map_or_else(|| "<unknown>".into(), |t| crate::output::age(now, t));
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
