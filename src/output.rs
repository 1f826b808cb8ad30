//! What a run shows: `kubectl get -o json`-shaped documents, `kubectl get` tables and YAML.

mod age;
pub mod table;
mod yaml_out;

pub use age::{age, human_duration, span};
pub use table::tables;
pub use yaml_out::to_yaml;

use crate::model::Event;
use crate::world::World;
use serde::Serialize;
use serde_json::{json, Value};

/// Every stored object, as `kubectl get -o json` items (kinds in a fixed order, then names).
pub fn items_json(w: &World) -> Vec<Value> {
    crate::api::list_json(&w.store)
}

/// Events in the order they last happened.
pub fn sorted_events(w: &World) -> Vec<&Event> {
    newest_events(w, usize::MAX)
}

/// The newest `n` events, in the order of [`sorted_events`] (only those `n` are sorted).
pub fn newest_events(w: &World, n: usize) -> Vec<&Event> {
    let rv = |e: &Event| {
        e.metadata
            .resource_version
            .as_deref()
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let mut keyed: Vec<_> = w
        .store
        .events()
        .map(|e| ((e.last_timestamp, rv(e)), e))
        .collect();
    if keyed.len() > n {
        let cut = keyed.len() - n;
        keyed.select_nth_unstable_by_key(cut, |(k, _)| *k);
        keyed.drain(..cut);
    }
    keyed.sort_unstable_by_key(|(k, _)| *k);
    keyed.into_iter().map(|(_, e)| e).collect()
}

/// The `-o json` document: `{time, items, events}`.
pub fn snapshot(w: &World) -> Value {
    let events: Vec<Value> = sorted_events(w)
        .into_iter()
        .map(|e| serde_json::to_value(e).unwrap_or(Value::Null))
        .collect();
    json!({ "time": w.wall_now().rfc3339(), "items": items_json(w), "events": events })
}

/// The trace as a transcript: time, actor, cause and change on each line.
pub fn transcript(trace: &[std::rc::Rc<crate::sim::TraceEvent>]) -> String {
    let mut out = String::new();
    for e in trace {
        out.push_str(&format!(
            "{:>9}  {:<26} {:<40} {}\n",
            crate::sim::format_duration(e.time.0),
            e.actor.to_string(),
            format!("({})", e.cause),
            e.change
        ));
    }
    out
}

/// [`snapshot`] as [`to_json`] would print it, handed to `emit` one object at a time, so that a
/// run of 100,000 pods never holds the whole document (or its JSON tree) in memory. The bytes
/// are the same: keys sorted, four-space indentation, Go's escapes.
pub fn snapshot_json_chunks(w: &World, emit: &mut dyn FnMut(&str)) {
    /// One element of a top-level list, pretty-printed alone and indented two levels (a JSON
    /// string holds no raw line break, so indenting line by line is exact).
    fn element(emit: &mut dyn FnMut(&str), value: &Value, last: bool) {
        let text = to_json(value);
        let mut out = String::with_capacity(text.len() + 256);
        let mut lines = text.trim_end_matches('\n').split('\n').peekable();
        while let Some(line) = lines.next() {
            out.push_str("        ");
            out.push_str(line);
            if lines.peek().is_none() && !last {
                out.push(',');
            }
            out.push('\n');
        }
        emit(&out);
    }
    fn list<T>(emit: &mut dyn FnMut(&str), key: &str, items: &[T], value: impl Fn(&T) -> Value) {
        if items.is_empty() {
            emit(&format!("    \"{key}\": [],\n"));
            return;
        }
        emit(&format!("    \"{key}\": [\n"));
        for (i, item) in items.iter().enumerate() {
            element(emit, &value(item), i + 1 == items.len());
        }
        emit("    ],\n");
    }
    emit("{\n");
    list(emit, "events", &sorted_events(w), |e| {
        serde_json::to_value(e).unwrap_or(Value::Null)
    });
    let objects: Vec<&crate::model::Object> = w.store.all().collect();
    list(emit, "items", &objects, |o| {
        serde_json::to_value(o).unwrap_or(Value::Null)
    });
    let time = to_json(&Value::String(w.wall_now().rfc3339()));
    emit(&format!("    \"time\": {}\n}}\n", time.trim_end()));
}

/// JSON as kubectl prints it: keys sorted, four-space indentation, a final newline.
pub fn to_json<T: Serialize>(value: &T) -> String {
    let value = serde_json::to_value(value).unwrap_or(Value::Null);
    let mut buf = Vec::new();
    let fmt = serde_json::ser::PrettyFormatter::with_indent(b"    ");
    let mut ser = serde_json::Serializer::with_formatter(&mut buf, fmt);
    if value.serialize(&mut ser).is_err() {
        return "null\n".into();
    }
    let text = String::from_utf8(buf).unwrap_or_default();
    // Go's encoding/json writes <, > and & (and U+2028, U+2029) as escapes, so kubectl does.
    // In JSON text they can only occur inside strings, so replacing them is exact.
    let mut text = text
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029");
    text.push('\n');
    text
}

/// Compares names as people count: runs of digits by their value (`node-2` < `node-10`).
pub fn natural_order(a: &str, b: &str) -> std::cmp::Ordering {
    fn chunks(s: &str) -> Vec<(bool, &str)> {
        let mut out = Vec::new();
        let mut start = 0;
        let bytes = s.as_bytes();
        for i in 1..=bytes.len() {
            if i == bytes.len() || bytes[i].is_ascii_digit() != bytes[start].is_ascii_digit() {
                out.push((bytes[start].is_ascii_digit(), &s[start..i]));
                start = i;
            }
        }
        out
    }
    let (x, y) = (chunks(a), chunks(b));
    for (p, q) in x.iter().zip(&y) {
        let o = match (p, q) {
            ((true, m), (true, n)) => {
                let (m, n) = (m.trim_start_matches('0'), n.trim_start_matches('0'));
                m.len().cmp(&n.len()).then(m.cmp(n))
            }
            ((_, m), (_, n)) => m.cmp(n),
        };
        if o.is_ne() {
            return o;
        }
    }
    x.len().cmp(&y.len()).then(a.cmp(b))
}

#[cfg(test)]
mod natural {
    use super::natural_order;

    #[test]
    fn node_2_should_come_before_node_10() {
        let mut names = vec![
            "node-10",
            "node-2",
            "control-plane",
            "node-1",
            "node-02b",
            "node-2a",
        ];
        crate::sort::sort_by(&mut names, |a, b| natural_order(a, b));
        assert_eq!(
            names,
            [
                "control-plane",
                "node-1",
                "node-2",
                "node-2a",
                "node-02b",
                "node-10"
            ]
        );
    }
}
