//! `kubectl get`: tables (with `-o wide`, `--show-labels` and `--no-headers`), `-o yaml|json|name`, simple
//! `-o jsonpath`, `-l` selectors, several kinds at once, events, and `-w` as a [`Watch`] that
//! prints the rows that changed as the playhead moves.

use super::args::Args;
use super::jsonpath::{self, JsonPath};
use super::{not_found, resource, unknown_type, Outcome};
use crate::model::{Kind, LabelSelector, Object, Time};
use crate::output::table::{
    cronjob_row, daemonset_row, job_row, layout, lease_row, namespace_row, node_row, pod_row,
    pod_row_wide, revision_row, CRONJOB_HEADER, DAEMONSET_HEADER, JOB_HEADER, LEASE_HEADER,
    NAMESPACE_HEADER, NODE_HEADER, POD_WIDE_HEADER, REVISION_HEADER,
};
use crate::output::{sorted_events, to_json, to_yaml};
use crate::world::World;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// What `get` lists: a kind of object, or events.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum What {
    Objects(Kind),
    Events,
}

fn parse_what(word: &str) -> Option<What> {
    match word.to_ascii_lowercase().as_str() {
        "events" | "event" | "ev" => Some(What::Events),
        w => Kind::parse(w).map(What::Objects),
    }
}

/// How rows are printed.
#[derive(Clone, Debug)]
enum Format {
    Table {
        wide: bool,
    },
    Yaml,
    Json,
    Name,
    /// `-o jsonpath=` (`as_json`: `-o jsonpath-as-json=`).
    JsonPath {
        template: JsonPath,
        as_json: bool,
    },
    /// `-o custom-columns=HEADER:PATH,…`.
    Columns(Vec<(String, JsonPath)>),
}

/// One row's identity: what it lists, the namespace (`""` for cluster-scoped objects) and the
/// name.
type Key = (What, String, String);

/// What a `get` lists and how its rows look.
#[derive(Clone, Debug, PartialEq)]
struct Listing {
    whats: Vec<What>,
    /// The namespace listed (`None`: every namespace, with a NAMESPACE column).
    namespace: Option<String>,
    names: Vec<String>,
    selector: Option<LabelSelector>,
    wide: bool,
    labels: bool,
    prefix: bool,
}

/// A command that goes on printing as the playhead moves: `get -w` (what it follows and the
/// rows it last printed) or `logs -f` (the command and what it has printed so far).
#[derive(Clone, Debug, PartialEq)]
pub struct Watch(Following);

#[derive(Clone, Debug, PartialEq)]
enum Following {
    /// `get -w`.
    Rows {
        /// What it lists.
        listing: Listing,
        /// What was printed for each object: its resourceVersion then, and its row.
        printed: BTreeMap<Key, (String, String)>,
    },
    /// `logs -f`.
    Logs {
        /// The logs command (without its follow flag).
        args: Args,
        /// Its output so far.
        printed: String,
        /// The streams it follows (pod uid, container, restart count).
        streams: Vec<(String, String, i64)>,
        /// A followed container restarted or its pod went away: the stream is closed.
        ended: bool,
    },
}

impl Watch {
    /// What to print since the last call: for `get -w` the rows of the objects that changed,
    /// as watch events arrive (a new resourceVersion prints the row, a moving AGE alone does
    /// not, and a deleted object prints its last row, as a DELETED event does); for `logs -f`
    /// the lines the containers have written since.
    pub fn poll(&mut self, world: &World) -> String {
        match &mut self.0 {
            Following::Rows { listing, printed } => poll_rows(listing, printed, world),
            Following::Logs {
                args,
                printed,
                streams,
                ended,
            } => {
                if *ended {
                    return String::new();
                }
                let now = super::logs::logs(args, world).stdout;
                if super::logs::streams(args, world) == *streams {
                    let fresh = now
                        .strip_prefix(printed.as_str())
                        .unwrap_or_default()
                        .to_string();
                    *printed = now;
                    return fresh;
                }
                // The container restarted: the followed stream is the previous instance's,
                // which ends with its last lines.
                *ended = true;
                let mut previous = args.clone();
                previous.flags.insert("previous".into(), "true".into());
                let before = super::logs::logs(&previous, world).stdout;
                before
                    .strip_prefix(printed.as_str())
                    .unwrap_or_default()
                    .to_string()
            }
        }
    }
}

impl Watch {
    /// `logs -f`: follows what `args` (a logs command) prints, from what it printed now.
    pub(super) fn logs(
        mut args: Args,
        printed: String,
        streams: Vec<(String, String, i64)>,
    ) -> Watch {
        args.flags.remove("follow");
        Watch(Following::Logs {
            args,
            printed,
            streams,
            ended: false,
        })
    }
}

fn poll_rows(
    listing: &Listing,
    printed: &mut BTreeMap<Key, (String, String)>,
    world: &World,
) -> String {
    {
        let now = rows(world, listing);
        let mut lines = Vec::new();
        let mut seen = BTreeMap::new();
        for (key, version, row) in now {
            let line = row.join("\t");
            if printed.get(&key).map(|(v, _)| v) != Some(&version) {
                lines.push(row);
            }
            seen.insert(key, (version, line));
        }
        for (key, (_, line)) in printed.iter() {
            if !seen.contains_key(key) {
                lines.push(line.split('\t').map(str::to_string).collect());
            }
        }
        *printed = seen;
        if lines.is_empty() {
            String::new()
        } else {
            layout(&lines)
        }
    }
}

fn age(now: Time, t: Option<Time>) -> String {
    t.map_or_else(|| "<unknown>".into(), |t| crate::output::age(now, t))
}

fn header(what: What, wide: bool, labels: bool) -> Vec<String> {
    let mut h: Vec<&str> = match (what, wide) {
        (What::Objects(Kind::Pod), true) => POD_WIDE_HEADER.to_vec(),
        (What::Objects(Kind::Pod), false) => vec!["NAME", "READY", "STATUS", "RESTARTS", "AGE"],
        (What::Objects(Kind::Node), _) => NODE_HEADER.to_vec(),
        (What::Objects(Kind::Job), _) => JOB_HEADER.to_vec(),
        (What::Objects(Kind::CronJob), _) => CRONJOB_HEADER.to_vec(),
        (What::Objects(Kind::DaemonSet), _) => DAEMONSET_HEADER.to_vec(),
        (What::Objects(Kind::ControllerRevision), _) => REVISION_HEADER.to_vec(),
        (What::Objects(Kind::Namespace), _) => NAMESPACE_HEADER.to_vec(),
        (What::Objects(Kind::Lease), _) => LEASE_HEADER.to_vec(),
        (What::Events, false) => vec!["LAST SEEN", "TYPE", "REASON", "OBJECT", "MESSAGE"],
        (What::Events, true) => vec![
            "LAST SEEN",
            "TYPE",
            "REASON",
            "OBJECT",
            "SUBOBJECT",
            "SOURCE",
            "MESSAGE",
            "FIRST SEEN",
            "COUNT",
            "NAME",
        ],
    };
    if wide {
        match what {
            What::Objects(Kind::Node) => h.extend([
                "INTERNAL-IP",
                "EXTERNAL-IP",
                "OS-IMAGE",
                "KERNEL-VERSION",
                "CONTAINER-RUNTIME",
            ]),
            What::Objects(Kind::Job | Kind::CronJob | Kind::DaemonSet) => {
                h.extend(["CONTAINERS", "IMAGES", "SELECTOR"])
            }
            _ => {}
        }
    }
    if labels {
        h.push("LABELS");
    }
    h.into_iter().map(str::to_string).collect()
}

fn labels_of(labels: &BTreeMap<String, String>) -> String {
    if labels.is_empty() {
        "<none>".into()
    } else {
        labels
            .iter()
            .map(|(k, v)| format!("{k}={v}"))
            .collect::<Vec<_>>()
            .join(",")
    }
}

fn containers_images(template: &crate::model::pod::PodSpec) -> [String; 2] {
    [
        template
            .containers
            .iter()
            .map(|c| c.name.clone())
            .collect::<Vec<_>>()
            .join(","),
        template
            .containers
            .iter()
            .map(|c| c.image.clone())
            .collect::<Vec<_>>()
            .join(","),
    ]
}

fn selector_text(sel: Option<&crate::model::LabelSelector>) -> String {
    match sel {
        None => "<none>".into(),
        Some(s) => {
            let v = serde_json::to_value(s).unwrap_or_default();
            let mut parts: Vec<String> = v["matchLabels"]
                .as_object()
                .map(|m| {
                    m.iter()
                        .map(|(k, v)| format!("{k}={}", v.as_str().unwrap_or_default()))
                        .collect()
                })
                .unwrap_or_default();
            if let Some(exprs) = v["matchExpressions"].as_array() {
                for e in exprs {
                    let values: Vec<&str> = e["values"]
                        .as_array()
                        .map(|a| a.iter().filter_map(Value::as_str).collect())
                        .unwrap_or_default();
                    let key = e["key"].as_str().unwrap_or_default();
                    parts.push(match e["operator"].as_str().unwrap_or_default() {
                        "In" => format!("{key} in ({})", values.join(",")),
                        "NotIn" => format!("{key} notin ({})", values.join(",")),
                        "Exists" => key.to_string(),
                        _ => format!("!{key}"),
                    });
                }
            }
            if parts.is_empty() {
                "<none>".into()
            } else {
                parts.join(",")
            }
        }
    }
}

fn object_row(o: &Object, now: Time, wide: bool, prefix: bool) -> Vec<String> {
    match o {
        Object::Pod(p) if wide && !prefix => pod_row_wide(p, now),
        Object::Pod(p) if wide => {
            let mut row = pod_row_wide(p, now);
            row[0] = format!("pod/{}", row[0]);
            row
        }
        Object::Pod(p) => pod_row(p, now, prefix),
        Object::Node(n) => {
            let mut row = node_row(n, now, prefix);
            if wide {
                let st = n.status.clone().unwrap_or_default();
                let addr = |t: &str| {
                    st.addresses
                        .iter()
                        .find(|a| a.type_ == t)
                        .map_or_else(|| "<none>".to_string(), |a| a.address.clone())
                };
                let info = st.node_info.clone().unwrap_or_default();
                let or_unknown = |s: String| {
                    if s.is_empty() {
                        "<unknown>".to_string()
                    } else {
                        s
                    }
                };
                row.extend([
                    addr("InternalIP"),
                    addr("ExternalIP"),
                    or_unknown(info.os_image),
                    or_unknown(info.kernel_version),
                    or_unknown(info.container_runtime_version),
                ]);
            }
            row
        }
        Object::Job(j) => {
            let mut row = job_row(j, now, prefix);
            if wide {
                row.extend(containers_images(&j.spec.template.spec));
                row.push(selector_text(j.spec.selector.as_ref()));
            }
            row
        }
        Object::CronJob(c) => {
            let mut row = cronjob_row(c, now, prefix);
            if wide {
                row.extend(containers_images(&c.spec.job_template.spec.template.spec));
                row.push("<none>".into());
            }
            row
        }
        Object::DaemonSet(d) => {
            let mut row = daemonset_row(d, now, prefix);
            if wide {
                row.extend(containers_images(&d.spec.template.spec));
                row.push(selector_text(d.spec.selector.as_ref()));
            }
            row
        }
        Object::ControllerRevision(c) => revision_row(c, now, prefix),
        Object::Namespace(n) => namespace_row(n, now, prefix),
        Object::Lease(l) => lease_row(l, now, prefix),
    }
}

/// Each object's key, its resourceVersion (what a watch event carries), and its row.
type Rows = Vec<(Key, String, Vec<String>)>;

/// The rows a listing shows (every namespace: each row led by its namespace).
fn rows(world: &World, listing: &Listing) -> Rows {
    let Listing {
        whats,
        namespace,
        names,
        selector,
        wide,
        labels,
        prefix,
    } = listing;
    let (namespace, selector) = (namespace.as_deref(), selector.as_ref());
    let (wide, labels, prefix) = (*wide, *labels, *prefix);
    let now = world.wall_now();
    let mut out = Vec::new();
    for what in whats {
        match what {
            What::Objects(kind) => {
                let objects: Vec<&Object> = match namespace {
                    Some(ns) if kind.namespaced() => world.store.list_in(*kind, ns).collect(),
                    _ => world.store.list(*kind).collect(),
                };
                for o in objects {
                    let meta = o.meta();
                    if !names.is_empty() && !names.contains(&meta.name) {
                        continue;
                    }
                    if selector.is_some_and(|s| !s.matches(&meta.labels)) {
                        continue;
                    }
                    let mut row = object_row(o, now, wide, prefix);
                    if namespace.is_none() && kind.namespaced() {
                        row.insert(0, meta.ns().to_string());
                    }
                    if labels {
                        row.push(labels_of(&meta.labels));
                    }
                    let version = meta.resource_version.clone().unwrap_or_default();
                    let key = (*what, meta.ns().to_string(), meta.name.clone());
                    out.push((key, version, row));
                }
            }
            What::Events => {
                for e in sorted_events(world) {
                    let ns = e.metadata.ns();
                    if namespace.is_some_and(|n| n != ns) {
                        continue;
                    }
                    if !names.is_empty() && !names.contains(&e.metadata.name) {
                        continue;
                    }
                    let object = format!(
                        "{}/{}",
                        e.involved_object.kind.to_ascii_lowercase(),
                        e.involved_object.name
                    );
                    let mut row = vec![];
                    if namespace.is_none() {
                        row.push(ns.to_string());
                    }
                    row.extend([
                        age(now, e.last_timestamp),
                        e.type_.clone(),
                        e.reason.clone(),
                        object,
                    ]);
                    if wide {
                        row.push(e.involved_object.field_path.clone().unwrap_or_default());
                        let source = if e.source.host.is_empty() {
                            e.source.component.clone()
                        } else {
                            format!("{}, {}", e.source.component, e.source.host)
                        };
                        row.push(source);
                        row.push(e.message.clone());
                        row.push(age(now, e.first_timestamp));
                        row.push(e.count.to_string());
                        row.push(e.metadata.name.clone());
                    } else {
                        row.push(e.message.clone());
                    }
                    if labels {
                        row.push(labels_of(&e.metadata.labels));
                    }
                    let version = e.metadata.resource_version.clone().unwrap_or_default();
                    let key = (What::Events, ns.to_string(), e.metadata.name.clone());
                    out.push((key, version, row));
                }
            }
        }
    }
    out
}

fn name_of(what: What, name: &str) -> String {
    match what {
        What::Objects(k) => format!("{}/{name}", resource(k)),
        What::Events => format!("event/{name}"),
    }
}

fn json_of(world: &World, what: What, ns: &str, name: &str) -> Value {
    match what {
        What::Objects(k) => world
            .store
            .get(k, ns, name)
            .and_then(|o| serde_json::to_value(o).ok())
            .unwrap_or(Value::Null),
        What::Events => sorted_events(world)
            .into_iter()
            .find(|e| e.metadata.name == name && e.metadata.ns() == ns)
            .and_then(|e| serde_json::to_value(e).ok())
            .unwrap_or(Value::Null),
    }
}

/// `kubectl get …`.
pub fn get(args: &Args, world: &World) -> Outcome {
    let Some(first) = args.words.first() else {
        return Outcome::err("You must specify the type of resource to get. Use \"kubectl api-resources\" for a complete list of supported resources.\n\nerror: Required resource not specified.\nUse \"kubectl explain <resource>\" for a detailed description of that resource (e.g. kubectl explain pods).\nSee 'kubectl get -h' for help and examples");
    };
    // TYPE[,TYPE…] [NAME…] or TYPE/NAME…
    let mut whats = Vec::new();
    let mut names = Vec::new();
    if first.contains('/') {
        for w in &args.words {
            let Some((k, n)) = w.split_once('/') else {
                return Outcome::err("error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
            };
            let Some(what) = parse_what(k) else {
                return unknown_type(k);
            };
            if !whats.contains(&what) {
                whats.push(what);
            }
            names.push(n.to_string());
        }
    } else {
        for t in first.split(',') {
            let found = if t == "all" {
                vec![
                    What::Objects(Kind::Pod),
                    What::Objects(Kind::DaemonSet),
                    What::Objects(Kind::Job),
                    What::Objects(Kind::CronJob),
                ]
            } else {
                match parse_what(t) {
                    Some(w) => vec![w],
                    None => return unknown_type(t),
                }
            };
            whats.extend(found);
        }
        names = args.words[1..].to_vec();
    }
    let selector = match args.get("selector") {
        None => None,
        Some(s) => match LabelSelector::parse(s) {
            Ok(sel) => Some(sel),
            Err(e) => return Outcome::err(format!("error: {e}")),
        },
    };
    let output = args.get("output").unwrap_or("");
    let format = match output {
        "" => Format::Table { wide: false },
        "wide" => Format::Table { wide: true },
        "yaml" => Format::Yaml,
        "json" => Format::Json,
        "name" => Format::Name,
        o if o.starts_with("jsonpath=") || o.starts_with("jsonpath-as-json=") => {
            let (text, as_json) = match o.strip_prefix("jsonpath=") {
                Some(t) => (t, false),
                None => (&o["jsonpath-as-json=".len()..], true),
            };
            if text.is_empty() {
                return Outcome::err("error: template format specified but no template given");
            }
            match JsonPath::parse(text) {
                Ok(template) => Format::JsonPath { template, as_json },
                Err(e) => return Outcome::err(format!("error: error parsing jsonpath {text}, {e}")),
            }
        }
        "jsonpath" | "jsonpath-as-json" => {
            return Outcome::err("error: template format specified but no template given")
        }
        o if o == "custom-columns" || o.starts_with("custom-columns=") => {
            match custom_columns(o.strip_prefix("custom-columns=").unwrap_or("")) {
                Ok(columns) => Format::Columns(columns),
                Err(e) => return Outcome::err(format!("error: {e}")),
            }
        }
        o => return Outcome::err(format!("error: unable to match a printer suitable for the output format \"{o}\", allowed formats are: custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml")),
    };
    let prefix = whats.len() > 1;
    let wide = matches!(format, Format::Table { wide: true });
    let labels = args.on("show-labels");
    let namespace = (!args.all_namespaces()).then(|| args.namespace().to_string());
    let listing = Listing {
        whats: whats.clone(),
        namespace: namespace.clone(),
        names: names.clone(),
        selector: selector.clone(),
        wide,
        labels,
        prefix,
    };
    let mut found = rows(world, &listing);
    if let Some(field) = args.get("sort-by") {
        if let Err(e) = sort_rows(world, field, &mut found) {
            return Outcome::err(format!("error: {e}"));
        }
    }
    // Names asked for that do not exist.
    let mut errors = String::new();
    for n in &names {
        if !found.iter().any(|((_, _, name), _, _)| name == n) {
            let msg = match whats.first() {
                Some(What::Objects(k)) => not_found(*k, n),
                _ => format!("Error from server (NotFound): events \"{n}\" not found"),
            };
            errors.push_str(&msg);
            errors.push('\n');
        }
    }
    // One name of one type: kubectl prints that object itself, or nothing when it is missing.
    let implied_single = names.len() == 1 && whats.len() == 1;
    let single = implied_single && found.len() == 1;
    let out = match format {
        Format::Table { .. } if found.is_empty() => {
            if errors.is_empty() {
                let cluster = whats
                    .iter()
                    .all(|w| matches!(w, What::Objects(k) if !k.namespaced()));
                errors = match &namespace {
                    Some(ns) if !cluster => format!("No resources found in {ns} namespace.\n"),
                    _ => "No resources found\n".into(),
                };
            }
            String::new()
        }
        Format::Table { .. } => {
            let mut out = String::new();
            let mut by_what: Vec<(What, Vec<Vec<String>>)> = Vec::new();
            for ((what, _, _), _, row) in &found {
                match by_what.last_mut() {
                    Some((w, rows)) if w == what => rows.push(row.clone()),
                    _ => by_what.push((*what, vec![row.clone()])),
                }
            }
            for (what, mut table) in by_what {
                if !out.is_empty() {
                    out.push('\n');
                }
                let mut head = header(what, wide, labels);
                let namespaced = match what {
                    What::Objects(k) => k.namespaced(),
                    What::Events => true,
                };
                if namespace.is_none() && namespaced {
                    head.insert(0, "NAMESPACE".into());
                }
                if !args.on("no-headers") {
                    table.insert(0, head);
                }
                out.push_str(&layout(&table));
            }
            out
        }
        Format::Name => found
            .iter()
            .map(|((w, _, n), _, _)| name_of(*w, n) + "\n")
            .collect(),
        _ if implied_single && found.is_empty() => String::new(),
        Format::Yaml | Format::Json | Format::JsonPath { .. } | Format::Columns(_) => {
            let items: Vec<Value> = found
                .iter()
                .map(|((w, ns, n), _, _)| json_of(world, *w, ns, n))
                .collect();
            let value = if single {
                items.into_iter().next().unwrap_or(Value::Null)
            } else {
                json!({"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}})
            };
            match &format {
                Format::JsonPath { template, as_json } => {
                    match template.execute(&value, *as_json) {
                        Ok(text) => text,
                        // The printer's message, with the template and the object it was given.
                        Err(e) => return Outcome::err(exec_error(output, &e, &value)),
                    }
                }
                Format::Columns(columns) => match columns_table(columns, &value, single) {
                    Ok(text) => text,
                    Err(e) => return Outcome::err(format!("error: {e}")),
                },
                Format::Yaml => to_yaml(&value),
                _ => to_json(&value),
            }
        }
    };
    let watch = args.on("watch").then(|| {
        let mut w = Watch(Following::Rows {
            listing,
            printed: BTreeMap::new(),
        });
        let _ = w.poll(world);
        Box::new(w)
    });
    let note = (watch.is_some() && !matches!(format, Format::Table { .. })).then(|| {
        errors.push_str("podlab: -w follows table rows only; the list is shown once\n");
        Box::new(crate::scenario::Localized {
            en: "-w follows table rows only; the list is shown once".into(),
            zh: "-w 只跟踪表格行；列表只显示一次".into(),
        })
    });
    Outcome {
        stdout: out,
        stderr: errors,
        changes: Vec::new(),
        watch: if note.is_some() { None } else { watch },
        note,
    }
}

/// `--sort-by`: rows in the order of one field of their objects (kubectl's `RuntimeSort`, see
/// [`sort_cmp`]); stable, as Go's sort is for the twelve objects or fewer a lesson shows.
fn sort_rows<R>(
    world: &World,
    field: &str,
    found: &mut [(Key, R, Vec<String>)],
) -> Result<(), String> {
    let path = relaxed(field)?;
    let parser = JsonPath::parse(&path)?;
    let mut keyed = Vec::with_capacity(found.len());
    for ((what, ns, name), _, _) in found.iter() {
        let found = parser.find(&json_of(world, *what, ns, name))?;
        keyed.push(found.into_iter().next().and_then(|v| v.into_iter().next()));
    }
    if !found.is_empty() && keyed.iter().all(Option::is_none) {
        return Err(format!(
            "couldn't find any field with path \"{path}\" in the list of objects"
        ));
    }
    for v in keyed.iter().flatten() {
        if matches!(v, Value::Object(_) | Value::Array(_)) {
            return Err(format!("field {path} is an unsortable type"));
        }
    }
    let mut order: Vec<usize> = (0..found.len()).collect();
    crate::sort::sort_by(&mut order, |&a, &b| {
        sort_cmp(keyed[a].as_ref(), keyed[b].as_ref())
    });
    apply_order(found, &order);
    Ok(())
}

/// Reorders `items` so that position i holds what was at `order[i]`.
fn apply_order<T>(items: &mut [T], order: &[usize]) {
    let mut placed: Vec<usize> = (0..items.len()).collect(); // placed[j]: where item j is now
    let mut at: Vec<usize> = (0..items.len()).collect(); // at[p]: which item is at p
    for (i, &want) in order.iter().enumerate() {
        let p = placed[want];
        if p != i {
            items.swap(i, p);
            let other = at[i];
            at[i] = want;
            at[p] = other;
            placed[want] = i;
            placed[other] = p;
        }
    }
}

/// `isLess` over the values kubectl's sorter meets: missing first, numbers by value, strings
/// by [`string_cmp`], booleans false before true.
fn sort_cmp(a: Option<&Value>, b: Option<&Value>) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    match (a, b) {
        (None | Some(Value::Null), None | Some(Value::Null)) => Ordering::Equal,
        (None | Some(Value::Null), _) => Ordering::Less,
        (_, None | Some(Value::Null)) => Ordering::Greater,
        (Some(Value::String(x)), Some(Value::String(y))) => string_cmp(x, y),
        (Some(Value::Number(x)), Some(Value::Number(y))) => x
            .as_f64()
            .partial_cmp(&y.as_f64())
            .unwrap_or(Ordering::Equal),
        (Some(Value::Bool(x)), Some(Value::Bool(y))) => x.cmp(y),
        _ => Ordering::Equal,
    }
}

/// Strings as kubectl v1.31's sorter orders them (checked against the real binary): two
/// quantities (`9`, `10`, `100m`, `1Gi`) by value, anything else byte by byte (`a10` before
/// `a9`).
fn string_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    match (quantity(a), quantity(b)) {
        (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(std::cmp::Ordering::Equal),
        _ => a.cmp(b),
    }
}

/// A resource quantity's value (`resource.ParseQuantity`'s grammar: a signed decimal number,
/// then a binary or decimal SI suffix or an exponent).
fn quantity(text: &str) -> Option<f64> {
    let end = text
        .char_indices()
        .find(|&(i, c)| !(c.is_ascii_digit() || c == '.' || (i == 0 && (c == '+' || c == '-'))))
        .map_or(text.len(), |(i, _)| i);
    let number: f64 = text[..end].parse().ok()?;
    let scale = match &text[end..] {
        "" => 1.0,
        "Ki" => 1024f64,
        "Mi" => 1024f64.powi(2),
        "Gi" => 1024f64.powi(3),
        "Ti" => 1024f64.powi(4),
        "Pi" => 1024f64.powi(5),
        "Ei" => 1024f64.powi(6),
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        s if s.starts_with(['e', 'E']) => 10f64.powi(s[1..].parse().ok()?),
        _ => return None,
    };
    Some(number * scale)
}

/// kubectl's message when a JSONPath template fails on an object.
fn exec_error(output: &str, e: &str, value: &Value) -> String {
    let raw = output.split_once('=').map_or("", |(_, t)| t);
    format!(
        "error: error executing jsonpath {}: Error executing template: {e}. Printing more information for debugging the template:\n\ttemplate was:\n\t\t{raw}\n\tobject given to jsonpath engine was:\n\t\t{}\n\n\n",
        jsonpath::go_quote(raw),
        jsonpath::go_syntax(value)
    )
}

/// `NewCustomColumnsPrinterFromSpec`: `HEADER:PATH` pairs, each path relaxed as kubectl
/// relaxes it (`.a.b`, `a.b`, `{.a.b}`).
fn custom_columns(spec: &str) -> Result<Vec<(String, JsonPath)>, String> {
    if spec.is_empty() {
        return Err("custom-columns format specified but no custom columns given".into());
    }
    spec.split(',')
        .map(|part| {
            let Some((header, path)) = part.split_once(':') else {
                return Err(format!(
                    "unexpected custom-columns spec: {part}, expected <header>:<json-path-expr>"
                ));
            };
            let path = relaxed(path)?;
            Ok((header.to_string(), JsonPath::parse(&path)?))
        })
        .collect()
}

/// `RelaxedJSONPathExpression`.
fn relaxed(path: &str) -> Result<String, String> {
    if path.is_empty() {
        return Ok(String::new());
    }
    let inner = path
        .strip_prefix('{')
        .and_then(|p| p.strip_suffix('}'))
        .unwrap_or(path);
    let inner = inner.strip_prefix('.').unwrap_or(inner);
    if inner.is_empty() || inner.contains(['{', '}']) {
        return Err("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'".into());
    }
    Ok(format!("{{.{inner}}}"))
}

/// The custom-columns printer: a header, then one row per object, each cell every value the
/// path finds joined by commas (`<none>` when it finds none).
fn columns_table(
    columns: &[(String, JsonPath)],
    value: &Value,
    single: bool,
) -> Result<String, String> {
    let mut rows = vec![columns.iter().map(|(h, _)| h.clone()).collect::<Vec<_>>()];
    let objects: Vec<&Value> = if single {
        vec![value]
    } else {
        value["items"].as_array().into_iter().flatten().collect()
    };
    for object in objects {
        let mut row = Vec::new();
        for (_, path) in columns {
            let found = path.find(object)?;
            let mut cells: Vec<String> = Vec::new();
            if found.first().is_none_or(Vec::is_empty) {
                cells.push("<none>".into());
            }
            cells.extend(found.iter().flatten().map(jsonpath::go_sprint));
            row.push(cells.join(","));
        }
        rows.push(row);
    }
    Ok(layout(&rows))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_should_sort_as_kubectl_sorts_them() {
        use std::cmp::Ordering::{Greater, Less};
        // Observed with kubectl v1.31.9: 9 < 10 < a10 < a9 < x-10 < x-2.
        assert_eq!(string_cmp("9", "10"), Less);
        assert_eq!(string_cmp("a10", "a9"), Less);
        assert_eq!(string_cmp("x-10", "x-2"), Less);
        assert_eq!(string_cmp("1Gi", "900Mi"), Greater);
        assert_eq!(string_cmp("15244033-82bb", "52b44e31-3e40"), Less);
        let mut items = vec!['a', 'b', 'c', 'd'];
        apply_order(&mut items, &[2, 0, 3, 1]);
        assert_eq!(items, vec!['c', 'a', 'd', 'b']);
    }
}
