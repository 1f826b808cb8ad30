//! The shell's `$((…))` arithmetic: 64-bit integers with C's operators and precedence
//! (`* / %`, `+ -`, `<< >>`, comparisons, `== !=`, `&`, `^`, `|`, `&&`, `||`, `?:`, unary
//! `- + ! ~`, `**`), names read as variables.

/// Evaluates `expr`, reading names with `var`. Errors are worded as bash words them.
pub fn eval(expr: &str, var: &dyn Fn(&str) -> String) -> Result<i64, String> {
    eval_at(expr, var, 0)
}

fn eval_at(expr: &str, var: &dyn Fn(&str) -> String, depth: usize) -> Result<i64, String> {
    if depth > 64 {
        return Err(format!("{expr}: expression recursion level exceeded"));
    }
    let toks = lex(expr)?;
    let mut p = P {
        toks,
        at: 0,
        var,
        expr,
        depth,
    };
    let v = p.ternary()?;
    if p.at < p.toks.len() {
        return Err(format!(
            "{expr}: syntax error in expression (error token is \"{}\")",
            p.rest()
        ));
    }
    Ok(v)
}

#[derive(Clone, Debug, PartialEq)]
enum T {
    Num(i64),
    Name(String),
    Op(&'static str),
}

const OPS: &[&str] = &[
    "**", "<<", ">>", "<=", ">=", "==", "!=", "&&", "||", "+", "-", "*", "/", "%", "<", ">", "&",
    "^", "|", "!", "~", "(", ")", "?", ":",
];

fn lex(expr: &str) -> Result<Vec<T>, String> {
    let mut out = Vec::new();
    let b = expr.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c = b[i] as char;
        if c.is_ascii_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < b.len() && (b[i] as char).is_ascii_alphanumeric() {
                i += 1;
            }
            let text = &expr[start..i];
            let n = if let Some(hex) = text.strip_prefix("0x").or(text.strip_prefix("0X")) {
                i64::from_str_radix(hex, 16).ok()
            } else if text.len() > 1 && text.starts_with('0') {
                i64::from_str_radix(&text[1..], 8).ok()
            } else {
                text.parse().ok()
            };
            match n {
                Some(n) => out.push(T::Num(n)),
                None => {
                    return Err(format!(
                        "{expr}: value too great for base (error token is \"{text}\")"
                    ))
                }
            }
        } else if c.is_ascii_alphabetic() || c == '_' || c == '$' {
            let start = if c == '$' { i + 1 } else { i };
            i += 1;
            while i < b.len() && ((b[i] as char).is_ascii_alphanumeric() || b[i] == b'_') {
                i += 1;
            }
            out.push(T::Name(expr[start..i].to_string()));
        } else if let Some(op) = OPS.iter().find(|o| expr[i..].starts_with(**o)) {
            out.push(T::Op(op));
            i += op.len();
        } else {
            return Err(format!(
                "{expr}: syntax error: operand expected (error token is \"{}\")",
                &expr[i..]
            ));
        }
    }
    Ok(out)
}

struct P<'a> {
    toks: Vec<T>,
    at: usize,
    var: &'a dyn Fn(&str) -> String,
    expr: &'a str,
    depth: usize,
}

/// Binary operators by precedence, loosest first.
const LEVELS: &[&[&str]] = &[
    &["||"],
    &["&&"],
    &["|"],
    &["^"],
    &["&"],
    &["==", "!="],
    &["<", ">", "<=", ">="],
    &["<<", ">>"],
    &["+", "-"],
    &["*", "/", "%"],
];

impl P<'_> {
    fn rest(&self) -> String {
        self.toks[self.at..]
            .iter()
            .map(|t| match t {
                T::Num(n) => n.to_string(),
                T::Name(n) => n.clone(),
                T::Op(o) => (*o).to_string(),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn eat(&mut self, op: &str) -> bool {
        if self.toks.get(self.at)
            == Some(&T::Op(match OPS.iter().find(|o| **o == op) {
                Some(o) => o,
                None => return false,
            }))
        {
            self.at += 1;
            true
        } else {
            false
        }
    }

    fn ternary(&mut self) -> Result<i64, String> {
        let c = self.binary(0)?;
        if self.eat("?") {
            let a = self.ternary()?;
            if !self.eat(":") {
                return Err(format!(
                    "{}: `:' expected for conditional expression",
                    self.expr
                ));
            }
            let b = self.ternary()?;
            return Ok(if c != 0 { a } else { b });
        }
        Ok(c)
    }

    fn binary(&mut self, level: usize) -> Result<i64, String> {
        if level == LEVELS.len() {
            return self.power();
        }
        let mut left = self.binary(level + 1)?;
        loop {
            let Some(T::Op(op)) = self.toks.get(self.at).cloned() else {
                return Ok(left);
            };
            if !LEVELS[level].contains(&op) {
                return Ok(left);
            }
            self.at += 1;
            let right = self.binary(level + 1)?;
            left = match op {
                "||" => i64::from(left != 0 || right != 0),
                "&&" => i64::from(left != 0 && right != 0),
                "|" => left | right,
                "^" => left ^ right,
                "&" => left & right,
                "==" => i64::from(left == right),
                "!=" => i64::from(left != right),
                "<" => i64::from(left < right),
                ">" => i64::from(left > right),
                "<=" => i64::from(left <= right),
                ">=" => i64::from(left >= right),
                "<<" => left.wrapping_shl(right as u32),
                ">>" => left.wrapping_shr(right as u32),
                "+" => left.wrapping_add(right),
                "-" => left.wrapping_sub(right),
                "*" => left.wrapping_mul(right),
                "/" | "%" if right == 0 => {
                    return Err(format!(
                        "{}: division by 0 (error token is \"{}\")",
                        self.expr,
                        self.rest()
                    ))
                }
                "/" => left.wrapping_div(right),
                _ => left.wrapping_rem(right),
            };
        }
    }

    fn power(&mut self) -> Result<i64, String> {
        let base = self.unary()?;
        if self.eat("**") {
            let exp = self.power()?;
            if exp < 0 {
                return Err(format!("{}: exponent less than 0", self.expr));
            }
            return Ok(base.wrapping_pow(exp.min(u32::MAX as i64) as u32));
        }
        Ok(base)
    }

    fn unary(&mut self) -> Result<i64, String> {
        if self.eat("-") {
            return Ok(self.unary()?.wrapping_neg());
        }
        if self.eat("+") {
            return self.unary();
        }
        if self.eat("!") {
            return Ok(i64::from(self.unary()? == 0));
        }
        if self.eat("~") {
            return Ok(!self.unary()?);
        }
        if self.eat("(") {
            let v = self.ternary()?;
            if !self.eat(")") {
                return Err(format!(
                    "{}: missing `)' (error token is \"{}\")",
                    self.expr,
                    self.rest()
                ));
            }
            return Ok(v);
        }
        match self.toks.get(self.at).cloned() {
            Some(T::Num(n)) => {
                self.at += 1;
                Ok(n)
            }
            Some(T::Name(name)) => {
                self.at += 1;
                let value = (self.var)(&name);
                let value = value.trim();
                if value.is_empty() {
                    return Ok(0);
                }
                eval_at(value, self.var, self.depth + 1)
            }
            _ => Err(format!(
                "{}: syntax error: operand expected (error token is \"{}\")",
                self.expr,
                self.rest()
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_should_follow_c_precedence() {
        let var = |n: &str| {
            if n == "JOB_COMPLETION_INDEX" {
                "3".into()
            } else {
                String::new()
            }
        };
        for (e, v) in [
            ("1 + 2 * 3", 7),
            ("(1 + 2) * 3", 9),
            ("JOB_COMPLETION_INDEX % 2", 1),
            ("$JOB_COMPLETION_INDEX * 10", 30),
            ("2 ** 3 ** 2", 512),
            ("unset + 1", 1),
            ("5 > 3 && 2 > 1", 1),
            ("-4 / 3", -1),
            ("1 ? 10 : 20", 10),
            ("010", 8),
        ] {
            assert_eq!(eval(e, &var), Ok(v), "{e}");
        }
        assert!(eval("1 / 0", &var).unwrap_err().contains("division by 0"));
    }
}
