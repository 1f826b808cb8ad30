//! Python values and their rules: truth, `str()`/`repr()`, `int()`, arithmetic (true division,
//! floor division, modulo with the divisor's sign), comparisons, string methods, and the
//! exceptions their misuse raises.

#[derive(Debug, Clone, PartialEq)]
pub(super) enum V {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<V>),
    /// A module or a built-in function, by its dotted name.
    Builtin(String),
    /// A string's method bound to the string (`"a b".split`).
    Method(Box<V>, String),
}

/// An exception, and the line it was raised on.
pub(super) struct Raise {
    pub(super) kind: &'static str,
    pub(super) message: String,
}

pub(super) fn raise(kind: &'static str, message: impl Into<String>) -> Raise {
    Raise {
        kind,
        message: message.into(),
    }
}

/// A string method: `upper`, `lower`, `strip`, `split`, `startswith`, `endswith`, `format`
/// (positional `{}` fields).
pub(super) fn str_method(s: &str, method: &str, a: &[V]) -> V {
    let arg = |i: usize| a.get(i).cloned().unwrap_or(V::None);
    match method {
        "upper" => V::Str(s.to_uppercase()),
        "lower" => V::Str(s.to_lowercase()),
        "strip" => V::Str(s.trim().to_string()),
        "split" => V::List(
            s.split_whitespace()
                .map(|w| V::Str(w.to_string()))
                .collect(),
        ),
        "startswith" => V::Bool(s.starts_with(&to_str(&arg(0)))),
        "endswith" => V::Bool(s.ends_with(&to_str(&arg(0)))),
        _ => {
            let mut out = String::new();
            let mut i = 0;
            let mut rest = s;
            while let Some(at) = rest.find("{}") {
                out.push_str(&rest[..at]);
                out.push_str(&to_str(&arg(i)));
                i += 1;
                rest = &rest[at + 2..];
            }
            out.push_str(rest);
            V::Str(out)
        }
    }
}

pub(super) fn type_name(v: &V) -> &'static str {
    match v {
        V::None => "NoneType",
        V::Bool(_) => "bool",
        V::Int(_) => "int",
        V::Float(_) => "float",
        V::Str(_) => "str",
        V::List(_) => "list",
        V::Builtin(_) | V::Method(..) => "builtin_function_or_method",
    }
}

pub(super) fn truthy(v: &V) -> bool {
    match v {
        V::None => false,
        V::Bool(b) => *b,
        V::Int(n) => *n != 0,
        V::Float(f) => *f != 0.0,
        V::Str(s) => !s.is_empty(),
        V::List(l) => !l.is_empty(),
        V::Builtin(_) | V::Method(..) => true,
    }
}

fn repr(v: &V) -> String {
    match v {
        V::Str(s) => format!("'{s}'"),
        other => to_str(other),
    }
}

pub(super) fn to_str(v: &V) -> String {
    match v {
        V::None => "None".into(),
        V::Bool(true) => "True".into(),
        V::Bool(false) => "False".into(),
        V::Int(n) => n.to_string(),
        V::Float(f) if f.fract() == 0.0 && f.abs() < 1e16 => format!("{f:.1}"),
        V::Float(f) => f.to_string(),
        V::Str(s) => s.clone(),
        V::List(items) => format!(
            "[{}]",
            items.iter().map(repr).collect::<Vec<_>>().join(", ")
        ),
        V::Builtin(n) => format!("<built-in function {n}>"),
        V::Method(_, m) => format!("<built-in method {m} of str object>"),
    }
}

pub(super) fn to_int(v: &V) -> Result<i64, Raise> {
    match v {
        V::Int(n) => Ok(*n),
        V::Bool(b) => Ok(i64::from(*b)),
        V::Float(f) => Ok(f.trunc() as i64),
        V::Str(s) => s.trim().replace('_', "").parse().map_err(|_| {
            raise(
                "ValueError",
                format!("invalid literal for int() with base 10: {}", repr(v)),
            )
        }),
        other => Err(raise(
            "TypeError",
            format!(
                "int() argument must be a string, a bytes-like object or a real number, not '{}'",
                type_name(other)
            ),
        )),
    }
}

pub(super) fn num(v: &V) -> Option<f64> {
    match v {
        V::Int(n) => Some(*n as f64),
        V::Bool(b) => Some(f64::from(u8::from(*b))),
        V::Float(f) => Some(*f),
        _ => None,
    }
}

pub(super) fn int_like(v: &V) -> Option<i64> {
    match v {
        V::Int(n) => Some(*n),
        V::Bool(b) => Some(i64::from(*b)),
        _ => None,
    }
}

pub(super) fn binary(op: &str, l: V, r: V) -> Result<V, Raise> {
    if let (Some(a), Some(b)) = (int_like(&l), int_like(&r)) {
        return match op {
            "+" => Ok(V::Int(a.wrapping_add(b))),
            "-" => Ok(V::Int(a.wrapping_sub(b))),
            "*" => Ok(V::Int(a.wrapping_mul(b))),
            "/" if b == 0 => Err(raise("ZeroDivisionError", "division by zero")),
            "/" => Ok(V::Float(a as f64 / b as f64)),
            "//" | "%" if b == 0 => Err(raise(
                "ZeroDivisionError",
                "integer division or modulo by zero",
            )),
            "//" => Ok(V::Int(
                a.div_euclid(b) - if b < 0 && a.rem_euclid(b) != 0 { 1 } else { 0 },
            )),
            "%" => Ok(V::Int({
                let m = a % b;
                if m != 0 && (m < 0) != (b < 0) {
                    m + b
                } else {
                    m
                }
            })),
            _ if b < 0 => Ok(V::Float((a as f64).powf(b as f64))),
            _ => Ok(V::Int(a.wrapping_pow(b.min(u32::MAX as i64) as u32))),
        };
    }
    if let (Some(a), Some(b)) = (num(&l), num(&r)) {
        return match op {
            "+" => Ok(V::Float(a + b)),
            "-" => Ok(V::Float(a - b)),
            "*" => Ok(V::Float(a * b)),
            "/" | "//" | "%" if b == 0.0 => {
                Err(raise("ZeroDivisionError", "float division by zero"))
            }
            "/" => Ok(V::Float(a / b)),
            "//" => Ok(V::Float((a / b).floor())),
            "%" => Ok(V::Float(a - b * (a / b).floor())),
            _ => Ok(V::Float(a.powf(b))),
        };
    }
    match (op, &l, &r) {
        ("+", V::Str(a), V::Str(b)) => Ok(V::Str(format!("{a}{b}"))),
        ("+", V::List(a), V::List(b)) => Ok(V::List(a.iter().chain(b).cloned().collect())),
        ("*", V::Str(s), V::Int(n)) | ("*", V::Int(n), V::Str(s)) => {
            Ok(V::Str(s.repeat((*n).clamp(0, 1 << 16) as usize)))
        }
        ("%", V::Str(s), _) => Ok(V::Str(s.replacen("%s", &to_str(&r), 1).replacen(
            "%d",
            &to_str(&r),
            1,
        ))),
        _ => Err(raise(
            "TypeError",
            format!(
                "unsupported operand type(s) for {op}: '{}' and '{}'",
                type_name(&l),
                type_name(&r)
            ),
        )),
    }
}

pub(super) fn compare(op: &str, l: &V, r: &V) -> Result<bool, Raise> {
    match op {
        "==" => return Ok(equal(l, r)),
        "!=" => return Ok(!equal(l, r)),
        "is" => {
            return Ok(
                matches!((l, r), (V::None, V::None)) || (equal(l, r) && matches!(l, V::Bool(_)))
            )
        }
        "is not" => {
            return Ok(
                !(matches!((l, r), (V::None, V::None)) || (equal(l, r) && matches!(l, V::Bool(_))))
            )
        }
        "in" | "not in" => {
            let found = match r {
                V::Str(s) => s.contains(&to_str(l)),
                V::List(items) => items.iter().any(|i| equal(i, l)),
                _ => {
                    return Err(raise(
                        "TypeError",
                        format!("argument of type '{}' is not iterable", type_name(r)),
                    ))
                }
            };
            return Ok(found == (op == "in"));
        }
        _ => {}
    }
    let ord = match (l, r) {
        (V::Str(a), V::Str(b)) => a.cmp(b),
        _ => match (num(l), num(r)) {
            (Some(a), Some(b)) => a.partial_cmp(&b).unwrap_or(std::cmp::Ordering::Equal),
            _ => {
                return Err(raise(
                    "TypeError",
                    format!(
                        "'{op}' not supported between instances of '{}' and '{}'",
                        type_name(l),
                        type_name(r)
                    ),
                ))
            }
        },
    };
    Ok(match op {
        "<" => ord.is_lt(),
        ">" => ord.is_gt(),
        "<=" => ord.is_le(),
        _ => ord.is_ge(),
    })
}

pub(super) fn equal(l: &V, r: &V) -> bool {
    match (num(l), num(r)) {
        (Some(a), Some(b)) => a == b,
        _ => l == r,
    }
}
