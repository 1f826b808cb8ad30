//! The `python3 -c` subset: `import os, sys, time`, assignments, `if`/`elif`/`else`, `while`,
//! `for … in range(…)`, `print`, `int()`/`str()`/`float()`/`len()`, `os.environ.get`,
//! `os.getenv`, `sys.exit`, `time.sleep`, arithmetic and comparisons with Python's rules, and
//! uncaught exceptions printed as CPython prints them (exit code 1). `syntax` reads a program,
//! `value` holds the values' rules; this module runs it.

mod syntax;
mod value;

pub use syntax::{parse, Program};
use syntax::{Expr, FPart, Line, Stmt, MODULES};
use value::{binary, compare, raise, str_method, to_int, to_str, truthy, type_name, Raise, V};

use super::{Context, Process, Run, Stop};

// ---------------------------------------------------------------- running

/// Why a block stopped.
enum Flow {
    Next,
    Break,
    Continue,
}

enum Halt {
    Stop(Stop),
    Raise(Raise, usize),
}

struct Interp<'c> {
    p: Process<'c>,
    vars: std::collections::BTreeMap<String, V>,
    line: usize,
}

/// Runs a parsed program.
pub fn run(program: &Program, ctx: &Context) -> Run {
    let mut it = Interp {
        p: Process::new(ctx),
        vars: Default::default(),
        line: 1,
    };
    let end = match it.block(&program.body) {
        Ok(_) => Ok(0),
        Err(Halt::Stop(s)) => Err(s),
        Err(Halt::Raise(r, line)) => {
            let text = format!(
                "Traceback (most recent call last):\n  File \"<string>\", line {line}, in <module>\n{}: {}\n",
                r.kind, r.message
            );
            it.p.print(&text);
            Ok(1)
        }
    };
    it.p.finish(end)
}

impl Interp<'_> {
    fn block(&mut self, lines: &[Line]) -> Result<Flow, Halt> {
        for l in lines {
            self.line = l.no;
            match self.stmt(&l.stmt)? {
                Flow::Next => {}
                other => return Ok(other),
            }
        }
        Ok(Flow::Next)
    }

    fn body(&mut self, lines: &[Line]) -> Result<Flow, Halt> {
        self.block(lines)
    }

    fn step(&mut self) -> Result<(), Halt> {
        self.p.step().map_err(Halt::Stop)
    }

    fn stmt(&mut self, s: &Stmt) -> Result<Flow, Halt> {
        self.step()?;
        let line = self.line;
        let r = match s {
            Stmt::Import | Stmt::Pass => Ok(Flow::Next),
            Stmt::Break => Ok(Flow::Break),
            Stmt::Continue => Ok(Flow::Continue),
            Stmt::Assign(name, aug, e) => {
                let v = self.eval(e)?;
                let v = match aug {
                    None => v,
                    Some(op) => {
                        let old = self.name(name)?;
                        binary(op, old, v).map_err(|r| Halt::Raise(r, line))?
                    }
                };
                self.vars.insert(name.clone(), v);
                Ok(Flow::Next)
            }
            Stmt::Expr(e) => self.eval(e).map(|_| Flow::Next),
            Stmt::If(branches, otherwise) => {
                for (c, body) in branches {
                    if truthy(&self.eval(c)?) {
                        return self.body(body);
                    }
                }
                self.body(otherwise)
            }
            Stmt::While(c, body) => {
                while truthy(&self.eval(c)?) {
                    self.step()?;
                    if let Flow::Break = self.body(body)? {
                        break;
                    }
                }
                Ok(Flow::Next)
            }
            Stmt::For(var, e, body) => {
                let items = match self.eval(e)? {
                    V::List(items) => items,
                    V::Str(s) => s.chars().map(|c| V::Str(c.to_string())).collect(),
                    other => {
                        return Err(self.raise(raise(
                            "TypeError",
                            format!("'{}' object is not iterable", type_name(&other)),
                        )));
                    }
                };
                for item in items {
                    self.step()?;
                    self.vars.insert(var.clone(), item);
                    if let Flow::Break = self.body(body)? {
                        break;
                    }
                }
                Ok(Flow::Next)
            }
        };
        r
    }

    fn raise(&self, r: Raise) -> Halt {
        Halt::Raise(r, self.line)
    }

    fn name(&self, n: &str) -> Result<V, Halt> {
        if let Some(v) = self.vars.get(n) {
            return Ok(v.clone());
        }
        if MODULES.contains(&n)
            || matches!(
                n,
                "print"
                    | "int"
                    | "str"
                    | "float"
                    | "len"
                    | "range"
                    | "abs"
                    | "min"
                    | "max"
                    | "bool"
                    | "exit"
                    | "quit"
            )
        {
            return Ok(V::Builtin(n.to_string()));
        }
        Err(self.raise(raise("NameError", format!("name '{n}' is not defined"))))
    }

    fn eval(&mut self, e: &Expr) -> Result<V, Halt> {
        match e {
            Expr::Const(v) => Ok(v.clone()),
            Expr::Name(n) => self.name(n),
            Expr::FStr(parts) => {
                let mut s = String::new();
                for p in parts {
                    match p {
                        FPart::Text(t) => s.push_str(t),
                        FPart::Expr(e) => s.push_str(&to_str(&self.eval(e)?)),
                    }
                }
                Ok(V::Str(s))
            }
            Expr::Attr(base, attr) => {
                let b = self.eval(base)?;
                match b {
                    V::Builtin(path) => Ok(V::Builtin(format!("{path}.{attr}"))),
                    V::Str(_)
                        if matches!(
                            attr.as_str(),
                            "upper"
                                | "lower"
                                | "strip"
                                | "split"
                                | "format"
                                | "startswith"
                                | "endswith"
                        ) =>
                    {
                        Ok(V::Method(Box::new(b), attr.clone()))
                    }
                    other => Err(self.raise(raise(
                        "AttributeError",
                        format!("'{}' object has no attribute '{attr}'", type_name(&other)),
                    ))),
                }
            }
            Expr::Call(f, args, kwargs) => {
                let f = self.eval(f)?;
                let mut a = Vec::new();
                for x in args {
                    a.push(self.eval(x)?);
                }
                let mut kw = Vec::new();
                for (k, x) in kwargs {
                    kw.push((k.as_str(), self.eval(x)?));
                }
                self.call(f, a, kw)
            }
            Expr::Index(base, index) => {
                let b = self.eval(base)?;
                let i = self.eval(index)?;
                match (&b, &i) {
                    (V::Builtin(p), V::Str(k)) if p == "os.environ" => match self.p.getenv(k) {
                        Some(v) => Ok(V::Str(v.to_string())),
                        None => Err(self.raise(raise("KeyError", format!("'{k}'")))),
                    },
                    (V::List(items), V::Int(n)) => {
                        let idx = if *n < 0 { items.len() as i64 + n } else { *n };
                        items
                            .get(idx as usize)
                            .cloned()
                            .filter(|_| idx >= 0)
                            .ok_or_else(|| {
                                self.raise(raise("IndexError", "list index out of range"))
                            })
                    }
                    (V::Str(s), V::Int(n)) => {
                        let chars: Vec<char> = s.chars().collect();
                        let idx = if *n < 0 { chars.len() as i64 + n } else { *n };
                        chars
                            .get(idx as usize)
                            .filter(|_| idx >= 0)
                            .map(|c| V::Str(c.to_string()))
                            .ok_or_else(|| {
                                self.raise(raise("IndexError", "string index out of range"))
                            })
                    }
                    _ => Err(self.raise(raise(
                        "TypeError",
                        format!("'{}' object is not subscriptable", type_name(&b)),
                    ))),
                }
            }
            Expr::List(items) => {
                let mut out = Vec::new();
                for x in items {
                    out.push(self.eval(x)?);
                }
                Ok(V::List(out))
            }
            Expr::Unary(op, x) => {
                let v = self.eval(x)?;
                match (*op, v) {
                    ("not", v) => Ok(V::Bool(!truthy(&v))),
                    ("-", V::Int(n)) => Ok(V::Int(n.wrapping_neg())),
                    ("-", V::Bool(b)) => Ok(V::Int(-i64::from(b))),
                    ("-", V::Float(f)) => Ok(V::Float(-f)),
                    ("+", v @ (V::Int(_) | V::Float(_))) => Ok(v),
                    (op, v) => Err(self.raise(raise(
                        "TypeError",
                        format!("bad operand type for unary {op}: '{}'", type_name(&v)),
                    ))),
                }
            }
            Expr::Bin(op, l, r) => {
                let l = self.eval(l)?;
                let r = self.eval(r)?;
                binary(op, l, r).map_err(|e| self.raise(e))
            }
            Expr::Compare(first, rest) => {
                let mut l = self.eval(first)?;
                for (op, x) in rest {
                    let r = self.eval(x)?;
                    if !compare(op, &l, &r).map_err(|e| self.raise(e))? {
                        return Ok(V::Bool(false));
                    }
                    l = r;
                }
                Ok(V::Bool(true))
            }
            Expr::And(l, r) => {
                let l = self.eval(l)?;
                if !truthy(&l) {
                    return Ok(l);
                }
                self.eval(r)
            }
            Expr::Or(l, r) => {
                let l = self.eval(l)?;
                if truthy(&l) {
                    return Ok(l);
                }
                self.eval(r)
            }
            Expr::IfElse(c, a, b) => {
                if truthy(&self.eval(c)?) {
                    self.eval(a)
                } else {
                    self.eval(b)
                }
            }
        }
    }

    fn call(&mut self, f: V, a: Vec<V>, kw: Vec<(&str, V)>) -> Result<V, Halt> {
        if let V::Method(recv, method) = f {
            let s = to_str(&recv);
            return Ok(str_method(&s, &method, &a));
        }
        let V::Builtin(name) = f else {
            return Err(self.raise(raise(
                "TypeError",
                format!("'{}' object is not callable", type_name(&f)),
            )));
        };
        let arg = |i: usize| a.get(i).cloned().unwrap_or(V::None);
        match name.as_str() {
            "print" => {
                let sep = kw
                    .iter()
                    .find(|(k, _)| *k == "sep")
                    .map_or(" ".to_string(), |(_, v)| to_str(v));
                let end = kw
                    .iter()
                    .find(|(k, _)| *k == "end")
                    .map_or("\n".to_string(), |(_, v)| to_str(v));
                let text = a.iter().map(to_str).collect::<Vec<_>>().join(&sep);
                self.p.print(&(text + &end));
                Ok(V::None)
            }
            "sys.stdout.write" | "sys.stderr.write" => {
                let s = to_str(&arg(0));
                self.p.print(&s);
                Ok(V::Int(s.chars().count() as i64))
            }
            "sys.stdout.flush" | "sys.stderr.flush" => Ok(V::None),
            "sys.exit" | "exit" | "quit" => {
                let code = match arg(0) {
                    V::None => 0,
                    V::Int(n) => (n & 0xff) as i32,
                    V::Bool(b) => i32::from(b),
                    other => {
                        self.p.print(&(to_str(&other) + "\n"));
                        1
                    }
                };
                Err(Halt::Stop(Stop::Exit(code)))
            }
            "time.sleep" => {
                let secs = match arg(0) {
                    V::Int(n) => n as f64,
                    V::Float(f) => f,
                    V::Bool(b) => f64::from(u8::from(b)),
                    other => {
                        return Err(self.raise(raise(
                            "TypeError",
                            format!(
                                "'{}' object cannot be interpreted as an integer",
                                type_name(&other)
                            ),
                        )))
                    }
                };
                if secs < 0.0 {
                    return Err(
                        self.raise(raise("ValueError", "sleep length must be non-negative"))
                    );
                }
                self.p
                    .sleep(Some((secs * 1000.0).round() as u64))
                    .map_err(Halt::Stop)?;
                Ok(V::None)
            }
            "time.time" => Ok(V::Float(self.p.wall_ms() as f64 / 1000.0)),
            "os.environ.get" | "os.getenv" => match arg(0) {
                V::Str(k) => Ok(self.p.getenv(&k).map_or(arg(1), |v| V::Str(v.to_string()))),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!("str expected, not {}", type_name(&other)),
                ))),
            },
            "int" => to_int(&arg(0)).map(V::Int).map_err(|e| self.raise(e)),
            "float" => match arg(0) {
                V::Int(n) => Ok(V::Float(n as f64)),
                V::Float(f) => Ok(V::Float(f)),
                V::Str(s) => s.trim().parse().map(V::Float).map_err(|_| {
                    self.raise(raise(
                        "ValueError",
                        format!("could not convert string to float: '{s}'"),
                    ))
                }),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!(
                        "float() argument must be a string or a real number, not '{}'",
                        type_name(&other)
                    ),
                ))),
            },
            "str" => Ok(V::Str(if a.is_empty() {
                String::new()
            } else {
                to_str(&arg(0))
            })),
            "bool" => Ok(V::Bool(truthy(&arg(0)))),
            "len" => match arg(0) {
                V::Str(s) => Ok(V::Int(s.chars().count() as i64)),
                V::List(l) => Ok(V::Int(l.len() as i64)),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!("object of type '{}' has no len()", type_name(&other)),
                ))),
            },
            "abs" => match arg(0) {
                V::Int(n) => Ok(V::Int(n.wrapping_abs())),
                V::Float(f) => Ok(V::Float(f.abs())),
                other => Err(self.raise(raise(
                    "TypeError",
                    format!("bad operand type for abs(): '{}'", type_name(&other)),
                ))),
            },
            "min" | "max" => {
                let items = match (a.len(), arg(0)) {
                    (1, V::List(l)) => l,
                    _ => a.clone(),
                };
                let mut best: Option<V> = None;
                for v in items {
                    best = Some(match best {
                        None => v,
                        Some(b) => {
                            let less = compare("<", &v, &b).map_err(|e| self.raise(e))?;
                            if less == (name == "min") {
                                v
                            } else {
                                b
                            }
                        }
                    });
                }
                best.ok_or_else(|| {
                    self.raise(raise(
                        "ValueError",
                        format!("{name}() arg is an empty sequence"),
                    ))
                })
            }
            "range" => {
                let ints: Result<Vec<i64>, Raise> = a.iter().map(to_int).collect();
                let ints = ints.map_err(|e| self.raise(e))?;
                let (start, stop, step) = match ints.as_slice() {
                    [s] => (0, *s, 1),
                    [a, b] => (*a, *b, 1),
                    [a, b, c] => (*a, *b, *c),
                    _ => {
                        return Err(
                            self.raise(raise("TypeError", "range expected at most 3 arguments"))
                        )
                    }
                };
                if step == 0 {
                    return Err(self.raise(raise("ValueError", "range() arg 3 must not be zero")));
                }
                let mut out = Vec::new();
                let mut v = start;
                while (step > 0 && v < stop) || (step < 0 && v > stop) {
                    self.step()?;
                    out.push(V::Int(v));
                    v += step;
                }
                Ok(V::List(out))
            }
            _ => Err(self.raise(raise("TypeError", format!("'{name}' is not callable here")))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::{run as run_program, Context};

    fn py(source: &str, index: Option<&str>) -> super::Run {
        let ctx = Context {
            env: index
                .map(|i| vec![("JOB_COMPLETION_INDEX".to_string(), i.to_string())])
                .unwrap_or_default(),
            default_run_ms: 5_000,
            keep_output: true,
            ..Context::default()
        };
        run_program(&["python3".into(), "-c".into(), source.into()], &ctx)
    }

    const FAILINDEX: &str = "import os, sys\nindex = int(os.environ.get(\"JOB_COMPLETION_INDEX\"))\nif index == 0:\n  sys.exit(1)\nelif index == 1:\n  sys.exit(42)\nelse:\n  sys.exit(0)\n";

    #[test]
    fn the_docs_programs_should_exit_as_their_index_says() {
        let codes: Vec<i32> = ["0", "1", "2", "3"]
            .iter()
            .map(|i| py(FAILINDEX, Some(i)).exit_code)
            .collect();
        assert_eq!(codes, vec![1, 42, 0, 0]);
        let example = "import os, sys\nprint(\"Hello world\")\nif int(os.environ.get(\"JOB_COMPLETION_INDEX\")) % 2 == 0:\n  sys.exit(1)\n";
        let r = py(example, Some("4"));
        assert_eq!(
            (r.exit_code, r.output_until(0)),
            (1, "Hello world\n".to_string())
        );
        assert_eq!(py(example, Some("7")).exit_code, 0);
        let success = "import os, sys\nif os.environ.get(\"JOB_COMPLETION_INDEX\") == \"2\":\n  sys.exit(0)\nelse:\n  sys.exit(1)\n";
        assert_eq!(py(success, Some("2")).exit_code, 0);
        assert_eq!(py(success, Some("3")).exit_code, 1);
    }

    #[test]
    fn an_uncaught_exception_should_print_a_traceback_and_exit_1() {
        let r = py(FAILINDEX, None);
        assert_eq!(r.exit_code, 1);
        assert_eq!(
            r.output_until(0),
            "Traceback (most recent call last):\n  File \"<string>\", line 2, in <module>\nTypeError: int() argument must be a string, a bytes-like object or a real number, not 'NoneType'\n"
        );
    }

    #[test]
    fn time_loops_and_formatting_should_follow_python() {
        let r = py("import time\nfor i in range(3):\n    print(f\"step {i}\", 7 / 2, 7 // 2, -7 % 3)\n    time.sleep(1.5)\n", None);
        assert_eq!(r.run_ms, Some(4_500));
        assert_eq!(
            r.output_until(10_000),
            "step 0 3.5 3 2\nstep 1 3.5 3 2\nstep 2 3.5 3 2\n"
        );
        assert_eq!(py("while True:\n    pass\n", None).run_ms, None);
        let r = py(
            "name = 'pod'\nprint(name.upper(), '{}-{}'.format(name, 3), 'a b'.split())\n",
            None,
        );
        assert_eq!(r.output_until(0), "POD pod-3 ['a', 'b']\n");
        for (src, what) in [
            ("import requests", "Python's module `requests` (line 1)"),
            ("def f():\n  pass", "Python's `def` (line 1)"),
            (
                "import os\nos.system('ls')",
                "Python's `os.system` (line 2)",
            ),
        ] {
            assert_eq!(super::parse(src).unwrap_err().what, what, "{src}");
        }
    }
}
