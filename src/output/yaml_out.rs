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
                    Value::String(text) if literal_allowed(text) => {
                        out.push(' ');
                        out.push_str(&literal(text, indent + 2));
                    }
                    _ => {
                        out.push(' ');
                        out.push_str(&wrap(&scalar(v), indent + 2, indent + 2));
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
        Value::String(text) if literal_allowed(text) => {
            out.push(' ');
            out.push_str(&literal(text, indent + 2));
        }
        _ => {
            out.push(' ');
            let col = out[out.rfind('\n').map_or(0, |i| i + 1)..].chars().count();
            out.push_str(&wrap(&scalar(v), col, indent + 2));
            out.push('\n');
        }
    }
}

/// go-yaml's line breaking (its best width is 80): in a plain or single-quoted scalar, a
/// single space met once the line is past column 80 becomes a line break and the scalar goes
/// on at `indent` (the key's indentation plus two).
fn wrap(text: &str, start_col: usize, indent: usize) -> String {
    const BEST_WIDTH: usize = 80;
    if text.starts_with('"') || start_col + text.chars().count() <= BEST_WIDTH {
        return text.to_string();
    }
    let quoted = text.starts_with('\'');
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 16);
    let mut col = start_col;
    let mut spaces = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let inside = !quoted || (i > 1 && i + 2 < chars.len());
            if !spaces && col > BEST_WIDTH && inside && chars.get(i + 1) != Some(&' ') {
                out.push('\n');
                out.push_str(&" ".repeat(indent));
                col = indent;
            } else {
                out.push(' ');
                col += 1;
            }
            spaces = true;
        } else {
            out.push(c);
            col += 1;
            spaces = false;
        }
    }
    out
}

/// Whether go-yaml writes a string in the literal block style (`|`): it has a line break, and
/// nothing that block scalars cannot hold — a space at the very end or before a break, or a
/// character YAML does not print (a tab, a carriage return, other controls).
fn literal_allowed(s: &str) -> bool {
    let printable = |c: char| {
        matches!(c, '\n' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..)
            && c != '\u{feff}'
    };
    s.contains('\n') && !s.ends_with(' ') && !s.contains(" \n") && s.chars().all(printable)
}

/// A literal block scalar as go-yaml's emitter writes it: `|` with an indentation hint when the
/// text starts with a space or break, `-` when it has no final break, `+` when it has more
/// than one; each line at `indent`, empty lines empty.
fn literal(s: &str, indent: usize) -> String {
    let mut out = String::from("|");
    if s.starts_with([' ', '\n']) {
        out.push('2');
    }
    if !s.ends_with('\n') {
        out.push('-');
    } else if s == "\n" || s.ends_with("\n\n") {
        out.push('+');
    }
    out.push('\n');
    let pieces: Vec<&str> = s.split('\n').collect();
    let last = pieces.len() - 1;
    for (i, line) in pieces.iter().enumerate() {
        if i == last && line.is_empty() {
            break;
        }
        if !line.is_empty() {
            out.push_str(&" ".repeat(indent));
            out.push_str(line);
        }
        out.push('\n');
    }
    out
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

/// Whether go-yaml (YAML 1.1, as kubectl's printer uses it) would read a plain scalar as
/// something other than a string: such strings are printed double-quoted.
fn resolves_to_non_string(s: &str) -> bool {
    let words = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false",
        "False", "FALSE", "on", "On", "ON", "off", "Off", "OFF", "~", "null", "Null", "NULL",
        ".inf", ".Inf", ".INF", "+.inf", "-.inf", "+.Inf", "-.Inf", ".nan", ".NaN", ".NAN",
    ];
    let number = {
        let t = s.strip_prefix(['+', '-']).unwrap_or(s);
        !t.is_empty()
            && t.chars()
                .next()
                .is_some_and(|c| c.is_ascii_digit() || c == '.')
            && (t.parse::<f64>().is_ok()
                || t.strip_prefix("0x")
                    .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                || t.strip_prefix("0o")
                    .is_some_and(|o| !o.is_empty() && o.chars().all(|c| ('0'..='7').contains(&c))))
    };
    let timestamp = {
        let b = s.as_bytes();
        b.len() >= 10
            && b[..4].iter().all(u8::is_ascii_digit)
            && b[4] == b'-'
            && b[5..7].iter().all(u8::is_ascii_digit)
            && b[7] == b'-'
            && b[8..10].iter().all(u8::is_ascii_digit)
            && (b.len() == 10 || matches!(b[10], b'T' | b't' | b' '))
    };
    s.is_empty() || words.contains(&s) || number || timestamp
}

fn scalar_str(s: &str) -> String {
    if s.contains('\n') || s.chars().any(|c| c.is_control()) {
        return serde_json::to_string(s).unwrap_or_default();
    }
    if resolves_to_non_string(s) {
        return format!("\"{s}\"");
    }
    // libyaml's plain-scalar rules: indicators at the start (`-`, `?`, `:` only when a space or
    // nothing follows), `: ` and ` #` inside, and spaces at either end need quotes.
    let mut chars = s.chars();
    let first = chars.next().unwrap_or(' ');
    let second = chars.next();
    let lead = match first {
        '-' | '?' | ':' => second.is_none_or(char::is_whitespace),
        c => ",[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace(),
    };
    let special = lead
        || s.ends_with(char::is_whitespace)
        || s.ends_with(':')
        || s.contains(": ")
        || s.contains(" #");
    if !special {
        return s.to_string();
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
        assert_eq!(text, "apiVersion: v1\nempty: {}\nitems:\n- kind: Pod\n  metadata:\n    labels:\n      a: \"1\"\n- x\n\"n\": 5\ns: \"true\"\n");
        let v = json!({"t": "2026-01-01T00:00:00Z", "c": ["-c", "- x", "a: b", "*x", ""]});
        assert_eq!(
            to_yaml(&v),
            "c:\n- -c\n- '- x'\n- 'a: b'\n- '*x'\n- \"\"\nt: \"2026-01-01T00:00:00Z\"\n"
        );
        let long = "Container main for pod default/policy-zjsv9 failed with exit code 7 matching FailJob rule at index 1";
        assert_eq!(
            to_yaml(&json!({"items": [{"status": {"conditions": [{"message": long}]}}]})),
            // As kubectl v1.31 prints it: the break comes at the first space past column 80.
            "items:\n- status:\n    conditions:\n    - message: Container main for pod default/policy-zjsv9 failed with exit code 7\n        matching FailJob rule at index 1\n"
        );
        let script = json!({"command": ["bash", "-c", "items=(a b)\necho ${items[0]}\n"], "s": "x\ny", "t": "a \nb"});
        assert_eq!(
            to_yaml(&script),
            "command:\n- bash\n- -c\n- |\n  items=(a b)\n  echo ${items[0]}\ns: |-\n  x\n  y\nt: \"a \\nb\"\n"
        );
        let back = crate::yaml::parse_documents(&text).unwrap();
        assert_eq!(back[0].get("s").and_then(|n| n.as_str()), Some("true"));
    }
}
