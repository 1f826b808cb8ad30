//! YAML as kubectl prints it (`-o yaml`): block style, two-space indentation, list items at
//! their parent's indentation, and strings quoted only where YAML would misread them.

use serde_json::Value;

/// Renders a JSON value as YAML text.
pub fn to_yaml(value: &Value) -> String {
    let mut out = String::new();
    emit(value, 0, &mut out);
    out
}

fn emit(value: &Value, indent: usize, out: &mut String) {
    match value {
        Value::Object(map) if !map.is_empty() => {
            for (k, v) in map {
                out.push_str(&" ".repeat(indent));
                out.push_str(&scalar_str(k));
                out.push(':');
                child(v, indent, out);
            }
        }
        Value::Array(items) if !items.is_empty() => {
            for v in items {
                out.push_str(&" ".repeat(indent));
                out.push('-');
                match v {
                    Value::Object(m) if !m.is_empty() => {
                        let mut inner = String::new();
                        emit(v, indent + 2, &mut inner);
                        out.push(' ');
                        out.push_str(&inner[indent + 2..]);
                    }
                    Value::Array(a) if !a.is_empty() => {
                        out.push('\n');
                        emit(v, indent + 2, out);
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&scalar(v));
                        out.push('\n');
                    }
                }
            }
        }
        other => {
            out.push_str(&" ".repeat(indent));
            out.push_str(&scalar(other));
            out.push('\n');
        }
    }
}

fn child(v: &Value, indent: usize, out: &mut String) {
    match v {
        Value::Object(m) if !m.is_empty() => {
            out.push('\n');
            emit(v, indent + 2, out);
        }
        Value::Array(a) if !a.is_empty() => {
            out.push('\n');
            emit(v, indent, out);
        }
        _ => {
            out.push(' ');
            out.push_str(&scalar(v));
            out.push('\n');
        }
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Number(n) => n.to_string(),
        Value::String(s) => scalar_str(s),
        Value::Object(_) => "{}".into(),
        Value::Array(_) => "[]".into(),
    }
}

fn scalar_str(s: &str) -> String {
    let special = s.is_empty()
        || s.parse::<f64>().is_ok()
        || matches!(
            s.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "on" | "off" | "null" | "~" | "y" | "n"
        )
        || s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        || s.ends_with(char::is_whitespace)
        || s.contains(": ")
        || s.contains(" #")
        || s.contains('\n')
        || s.chars().any(|c| c.is_control());
    if !special {
        return s.to_string();
    }
    if s.contains('\n') || s.chars().any(|c| c.is_control()) {
        return serde_json::to_string(s).unwrap_or_default();
    }
    format!("'{}'", s.replace('\'', "''"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_should_look_like_kubectl_and_parse_back() {
        let v = json!({"apiVersion": "v1", "items": [{"kind": "Pod", "metadata": {"labels": {"a": "1"}}}, "x"], "empty": {}, "s": "true", "n": 5});
        let text = to_yaml(&v);
        assert_eq!(text, "apiVersion: v1\nempty: {}\nitems:\n- kind: Pod\n  metadata:\n    labels:\n      a: '1'\n- x\n'n': 5\ns: 'true'\n");
        let back = crate::yaml::parse_documents(&text).unwrap();
        assert_eq!(back[0].get("s").and_then(|n| n.as_str()), Some("true"));
    }
}
