//! A small read-only API server for a real kubectl: legacy discovery, GET and LIST of the kinds
//! podlab has (with `labelSelector` and `fieldSelector` as the API server reads them, lists in
//! etcd's order), NotFound as a `Status`, watches that stay open five seconds, then end. It serves one podlab moment
//! with every time shifted by `delta` seconds, so that kubectl's wall-clock ages come out as
//! podlab's simulated ones. Loopback only; it stops when dropped.

use podlab::model::LabelSelector;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, AtomicI64, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// One served resource: its group/version, plural, kind, scope and short names.
struct Resource {
    group: &'static str,
    version: &'static str,
    plural: &'static str,
    singular: &'static str,
    kind: &'static str,
    namespaced: bool,
    short: &'static [&'static str],
    all: bool,
}

const RESOURCES: &[Resource] = &[
    Resource {
        group: "",
        version: "v1",
        plural: "pods",
        singular: "pod",
        kind: "Pod",
        namespaced: true,
        short: &["po"],
        all: true,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "nodes",
        singular: "node",
        kind: "Node",
        namespaced: false,
        short: &["no"],
        all: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "namespaces",
        singular: "namespace",
        kind: "Namespace",
        namespaced: false,
        short: &["ns"],
        all: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "events",
        singular: "event",
        kind: "Event",
        namespaced: true,
        short: &["ev"],
        all: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "resourcequotas",
        singular: "resourcequota",
        kind: "ResourceQuota",
        namespaced: true,
        short: &["quota"],
        all: false,
    },
    Resource {
        group: "",
        version: "v1",
        plural: "limitranges",
        singular: "limitrange",
        kind: "LimitRange",
        namespaced: true,
        short: &["limits"],
        all: false,
    },
    Resource {
        group: "apps",
        version: "v1",
        plural: "daemonsets",
        singular: "daemonset",
        kind: "DaemonSet",
        namespaced: true,
        short: &["ds"],
        all: true,
    },
    Resource {
        group: "apps",
        version: "v1",
        plural: "controllerrevisions",
        singular: "controllerrevision",
        kind: "ControllerRevision",
        namespaced: true,
        short: &[],
        all: false,
    },
    Resource {
        group: "batch",
        version: "v1",
        plural: "jobs",
        singular: "job",
        kind: "Job",
        namespaced: true,
        short: &[],
        all: true,
    },
    Resource {
        group: "batch",
        version: "v1",
        plural: "cronjobs",
        singular: "cronjob",
        kind: "CronJob",
        namespaced: true,
        short: &["cj"],
        all: true,
    },
    Resource {
        group: "coordination.k8s.io",
        version: "v1",
        plural: "leases",
        singular: "lease",
        kind: "Lease",
        namespaced: true,
        short: &[],
        all: false,
    },
];

const GROUPS: [&str; 3] = ["apps", "batch", "coordination.k8s.io"];

/// What the server serves: objects (kubectl JSON, with kind and apiVersion) and Events.
#[derive(Clone, Debug, Default)]
pub struct Moment {
    /// Every object.
    pub items: Vec<Value>,
    /// Every Event.
    pub events: Vec<Value>,
}

/// The moment and the time shift, shared by the connections.
struct Shared {
    moment: Moment,
    /// Seconds added to every time served.
    delta_s: AtomicI64,
}

/// The running server.
pub struct Server {
    addr: SocketAddr,
    stop: Arc<AtomicBool>,
    shared: Arc<Shared>,
    accept: Option<JoinHandle<()>>,
}

impl Server {
    /// Starts serving `moment` on a loopback port.
    pub fn start(moment: Moment) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
        let addr = listener.local_addr().expect("its address");
        let stop = Arc::new(AtomicBool::new(false));
        let shared = Arc::new(Shared {
            moment,
            delta_s: AtomicI64::new(0),
        });
        let (s, m) = (Arc::clone(&stop), Arc::clone(&shared));
        let accept = std::thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let m = Arc::clone(&m);
                std::thread::spawn(move || serve_connection(conn, &m));
            }
        });
        Server {
            addr,
            stop,
            shared,
            accept: Some(accept),
        }
    }

    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The port (kubectl keys its discovery cache by it).
    pub fn port(&self) -> u16 {
        self.addr.port()
    }

    /// Changes the time shift for the requests that follow.
    pub fn set_delta(&self, delta_s: i64) {
        self.shared.delta_s.store(delta_s, Ordering::SeqCst);
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.accept.take() {
            let _ = h.join();
        }
    }
}

/// Serves the requests of one keep-alive connection until the client closes it or idles.
fn serve_connection(conn: TcpStream, shared: &Shared) {
    let _ = conn.set_read_timeout(Some(Duration::from_secs(5)));
    let Ok(mut writer) = conn.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(conn);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).unwrap_or(0) == 0 {
            return;
        }
        let mut parts = line.split_whitespace();
        let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let mut length = 0usize;
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h).unwrap_or(0) == 0 {
                return;
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let (code, reply) = respond(method, target, &shared.moment);
        let ok = match reply {
            Reply::Json(v) => {
                let delta = shared.delta_s.load(Ordering::SeqCst);
                let text = shift_times(&v, delta).to_string();
                let head = format!(
                    "HTTP/1.1 {code} {}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n",
                    reason(code),
                    text.len()
                );
                writer.write_all(head.as_bytes()).and_then(|_| writer.write_all(text.as_bytes()))
            }
            // A watch stays open a while with nothing to say (one that ends at once makes
            // client-go warn "very short watch" on stderr), then ends.
            Reply::EmptyWatch => writer
                .write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n",
                )
                .and_then(|_| writer.flush())
                .and_then(|_| {
                    std::thread::sleep(std::time::Duration::from_secs(5));
                    writer.write_all(b"0\r\n\r\n")
                }),
        };
        if ok.is_err() {
            return;
        }
    }
}

fn reason(code: u16) -> &'static str {
    match code {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        _ => "Method Not Allowed",
    }
}

enum Reply {
    Json(Value),
    EmptyWatch,
}

fn status(code: u16, reason: &str, message: String, details: Value) -> (u16, Reply) {
    (
        code,
        Reply::Json(
            json!({"kind": "Status", "apiVersion": "v1", "metadata": {}, "status": "Failure",
            "message": message, "reason": reason, "details": details, "code": code}),
        ),
    )
}

fn group_version(r: &Resource) -> String {
    if r.group.is_empty() {
        r.version.to_string()
    } else {
        format!("{}/{}", r.group, r.version)
    }
}

fn resource_list(gv: &str) -> Value {
    let resources: Vec<Value> = RESOURCES
        .iter()
        .filter(|r| group_version(r) == gv)
        .map(|r| {
            let mut v = json!({"name": r.plural, "singularName": r.singular, "namespaced": r.namespaced,
                "kind": r.kind, "verbs": ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]});
            if !r.short.is_empty() {
                v["shortNames"] = json!(r.short);
            }
            if r.all {
                v["categories"] = json!(["all"]);
            }
            v
        })
        .collect();
    json!({"kind": "APIResourceList", "apiVersion": "v1", "groupVersion": gv, "resources": resources})
}

fn group(name: &str) -> Value {
    let gv = json!({"groupVersion": format!("{name}/v1"), "version": "v1"});
    json!({"name": name, "versions": [gv.clone()], "preferredVersion": gv})
}

/// Answers one request.
fn respond(method: &str, target: &str, m: &Moment) -> (u16, Reply) {
    if method != "GET" {
        return status(
            405,
            "MethodNotAllowed",
            "the server does not allow this method on the requested resource".into(),
            json!({}),
        );
    }
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let query = parse_query(query);
    let segs: Vec<&str> = path
        .trim_matches('/')
        .split('/')
        .filter(|s| !s.is_empty())
        .collect();
    match segs.as_slice() {
        ["version"] => (
            200,
            Reply::Json(json!({"major": "1", "minor": "31", "gitVersion": "v1.31.9",
            "gitCommit": "8f3800390d488f54f74111f22973059e133f9cba", "gitTreeState": "clean",
            "buildDate": "2025-05-15T08:17:48Z", "goVersion": "go1.23.8", "compiler": "gc", "platform": "linux/amd64"})),
        ),
        ["api"] => (
            200,
            Reply::Json(json!({"kind": "APIVersions", "versions": ["v1"],
            "serverAddressByClientCIDRs": [{"clientCIDR": "0.0.0.0/0", "serverAddress": "127.0.0.1:6443"}]})),
        ),
        ["apis"] => (
            200,
            Reply::Json(json!({"kind": "APIGroupList", "apiVersion": "v1",
            "groups": GROUPS.iter().map(|g| group(g)).collect::<Vec<_>>()})),
        ),
        ["api", "v1"] => (200, Reply::Json(resource_list("v1"))),
        ["apis", g] if GROUPS.contains(g) => {
            let mut v = group(g);
            v["kind"] = json!("APIGroup");
            v["apiVersion"] = json!("v1");
            (200, Reply::Json(v))
        }
        ["apis", g, "v1"] if GROUPS.contains(g) => {
            (200, Reply::Json(resource_list(&format!("{g}/v1"))))
        }
        ["api", "v1", rest @ ..] => objects("", rest, &query, m),
        ["apis", g, "v1", rest @ ..] if GROUPS.contains(g) => objects(g, rest, &query, m),
        _ => status(
            404,
            "NotFound",
            "the server could not find the requested resource".into(),
            json!({}),
        ),
    }
}

fn parse_query(q: &str) -> BTreeMap<String, String> {
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(k), decode(v))
        })
        .collect()
}

/// URL query decoding: `%XX`, and `+` as a space.
fn decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < b.len() => {
                let hex = std::str::from_utf8(&b[i + 1..i + 3]).unwrap_or("");
                match u8::from_str_radix(hex, 16) {
                    Ok(v) => {
                        out.push(v);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            c => out.push(c),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// GET or LIST under a group: `[namespaces/NS/]RESOURCE[/NAME]`.
fn objects(
    group: &str,
    segs: &[&str],
    query: &BTreeMap<String, String>,
    m: &Moment,
) -> (u16, Reply) {
    let (namespace, rest): (Option<&str>, &[&str]) = match segs {
        ["namespaces", ns, rest @ ..] if !rest.is_empty() => (Some(ns), rest),
        _ => (None, segs),
    };
    let (plural, name) = match rest {
        [p] => (*p, None),
        [p, n] => (*p, Some(*n)),
        _ => {
            return status(
                404,
                "NotFound",
                "the server could not find the requested resource".into(),
                json!({}),
            )
        }
    };
    let Some(r) = RESOURCES
        .iter()
        .find(|r| r.group == group && r.plural == plural)
    else {
        return status(
            404,
            "NotFound",
            "the server could not find the requested resource".into(),
            json!({}),
        );
    };
    let pool: &[Value] = if r.kind == "Event" {
        &m.events
    } else {
        &m.items
    };
    let in_scope = |v: &&Value| {
        v["kind"] == r.kind
            && match namespace {
                Some(ns) if r.namespaced => v["metadata"]["namespace"] == ns,
                _ => true,
            }
    };
    if let Some(name) = name {
        return match pool
            .iter()
            .filter(in_scope)
            .find(|v| v["metadata"]["name"] == name)
        {
            Some(v) => (200, Reply::Json(v.clone())),
            None => {
                let res = if group.is_empty() {
                    plural.to_string()
                } else {
                    format!("{plural}.{group}")
                };
                let mut details = json!({"name": name, "kind": plural});
                if !group.is_empty() {
                    details["group"] = json!(group);
                }
                status(
                    404,
                    "NotFound",
                    format!("{res} \"{name}\" not found"),
                    details,
                )
            }
        };
    }
    if query.get("watch").is_some_and(|w| w == "true" || w == "1") {
        return (200, Reply::EmptyWatch);
    }
    let labels = match query.get("labelSelector").filter(|s| !s.is_empty()) {
        None => None,
        Some(s) => match LabelSelector::parse(s) {
            Ok(sel) => Some(sel),
            Err(e) => {
                return status(
                    400,
                    "BadRequest",
                    format!("unable to parse requirement: {e}"),
                    json!({}),
                )
            }
        },
    };
    let fields = match query.get("fieldSelector").filter(|s| !s.is_empty()) {
        None => Vec::new(),
        Some(s) => match field_terms(s, r) {
            Ok(t) => t,
            Err(bad) => {
                return status(
                    400,
                    "BadRequest",
                    format!("field label not supported: {bad}"),
                    json!({}),
                )
            }
        },
    };
    let items: Vec<Value> = pool
        .iter()
        .filter(in_scope)
        .filter(|v| {
            labels.as_ref().is_none_or(|sel| {
                let l: BTreeMap<String, String> = v["metadata"]["labels"]
                    .as_object()
                    .map(|o| {
                        o.iter()
                            .map(|(k, x)| (k.clone(), x.as_str().unwrap_or_default().to_string()))
                            .collect()
                    })
                    .unwrap_or_default();
                sel.matches(&l)
            })
        })
        .filter(|v| fields.iter().all(|t| t.holds(v)))
        .cloned()
        .collect();
    let rv = m
        .items
        .iter()
        .chain(&m.events)
        .filter_map(|v| {
            v["metadata"]["resourceVersion"]
                .as_str()?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(1);
    let api_version = group_version(r);
    (
        200,
        Reply::Json(
            json!({"kind": format!("{}List", r.kind), "apiVersion": api_version,
        "metadata": {"resourceVersion": rv.to_string()}, "items": items}),
        ),
    )
}

/// One `field=value` / `field!=value` term.
struct Term {
    pointer: String,
    value: String,
    equal: bool,
    boolean: bool,
}

impl Term {
    fn holds(&self, v: &Value) -> bool {
        let found = match v.pointer(&self.pointer) {
            Some(Value::String(s)) => s.clone(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(Value::Number(n)) => n.to_string(),
            _ if self.boolean => "false".into(),
            _ => String::new(),
        };
        (found == self.value) == self.equal
    }
}

/// The field terms the API server accepts for a resource; `Err` names an unsupported field.
fn field_terms(text: &str, r: &Resource) -> Result<Vec<Term>, String> {
    let mut terms = Vec::new();
    for raw in split_unescaped(text, ',') {
        let (field, value, equal) = if let Some((f, v)) = raw.split_once("!=") {
            (f, v, false)
        } else if let Some((f, v)) = raw.split_once("==") {
            (f, v, true)
        } else if let Some((f, v)) = raw.split_once('=') {
            (f, v, true)
        } else {
            return Err(raw.to_string());
        };
        let value = value
            .replace("\\,", ",")
            .replace("\\=", "=")
            .replace("\\\\", "\\");
        let pointer = match (r.kind, field) {
            (_, "metadata.name") => "/metadata/name",
            (_, "metadata.namespace") if r.namespaced => "/metadata/namespace",
            ("Pod", "spec.nodeName") => "/spec/nodeName",
            ("Pod", "spec.restartPolicy") => "/spec/restartPolicy",
            ("Pod", "spec.schedulerName") => "/spec/schedulerName",
            ("Pod", "spec.serviceAccountName") => "/spec/serviceAccountName",
            ("Pod", "spec.hostNetwork") => "/spec/hostNetwork",
            ("Pod", "status.phase") => "/status/phase",
            ("Pod", "status.podIP") => "/status/podIP",
            ("Pod", "status.nominatedNodeName") => "/status/nominatedNodeName",
            ("Event", f) if f.starts_with("involvedObject.") => {
                let leaf = &f["involvedObject.".len()..];
                terms.push(Term {
                    pointer: format!("/involvedObject/{leaf}"),
                    value,
                    equal,
                    boolean: false,
                });
                continue;
            }
            ("Event", "reason") => "/reason",
            ("Event", "reportingComponent") => "/reportingComponent",
            ("Event", "source") => "/source/component",
            ("Event", "type") => "/type",
            ("Node", "spec.unschedulable") => "/spec/unschedulable",
            ("Namespace", "status.phase") => "/status/phase",
            ("Job", "status.successful") => "/status/succeeded",
            _ => return Err(field.to_string()),
        };
        let boolean = matches!(field, "spec.unschedulable" | "spec.hostNetwork");
        terms.push(Term {
            pointer: pointer.to_string(),
            value,
            equal,
            boolean,
        });
    }
    Ok(terms)
}

fn split_unescaped(text: &str, sep: char) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut escaped = false;
    for c in text.chars() {
        if escaped {
            out.last_mut().expect("one part").push(c);
            escaped = false;
            continue;
        }
        if c == '\\' {
            escaped = true;
            out.last_mut().expect("one part").push(c);
        } else if c == sep {
            out.push(String::new());
        } else {
            out.last_mut().expect("one part").push(c);
        }
    }
    out.into_iter().filter(|p| !p.is_empty()).collect()
}

/// Every RFC 3339 time in `v` moved by `delta_s` seconds (fractions kept).
pub fn shift_times(v: &Value, delta_s: i64) -> Value {
    if delta_s == 0 {
        return v.clone();
    }
    match v {
        Value::String(s) => Value::String(shift_rfc3339(s, delta_s).unwrap_or_else(|| s.clone())),
        Value::Array(a) => Value::Array(a.iter().map(|x| shift_times(x, delta_s)).collect()),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), shift_times(x, delta_s)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `2026-01-01T00:00:00Z` or `…00.000000Z` plus `delta_s` seconds, in the same form.
pub fn shift_rfc3339(s: &str, delta_s: i64) -> Option<String> {
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[10] != b'T' || !s.ends_with('Z') {
        return None;
    }
    let (whole, frac) = match s[..s.len() - 1].split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (&s[..s.len() - 1], None),
    };
    let t = chrono::NaiveDateTime::parse_from_str(whole, "%Y-%m-%dT%H:%M:%S").ok()?;
    let t = t + chrono::Duration::seconds(delta_s);
    let mut out = t.format("%Y-%m-%dT%H:%M:%S").to_string();
    if let Some(f) = frac {
        out.push('.');
        out.push_str(f);
    }
    out.push('Z');
    Some(out)
}
