//! What a simulated container does, read from its command and args the way a shell would run
//! them (the README's table of commands): `sleep N`, `exit N`, `true`/`false`, `sh -c` scripts.

/// How long a container runs and how it exits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Behaviour {
    /// Run time in milliseconds; `None` runs forever (`sleep infinity`).
    pub run_ms: Option<u64>,
    /// The exit code when it ends.
    pub exit_code: i32,
}

/// Reads the behaviour of a container from `command` + `args`.
pub fn behaviour(
    command: Option<&[String]>,
    args: Option<&[String]>,
    default_run_ms: u64,
) -> Behaviour {
    let argv: Vec<&str> = command
        .unwrap_or_default()
        .iter()
        .chain(args.unwrap_or_default())
        .map(String::as_str)
        .collect();
    let Some(first) = argv.first() else {
        return Behaviour {
            run_ms: Some(default_run_ms),
            exit_code: 0,
        };
    };
    let program = first.rsplit('/').next().unwrap_or(first);
    if matches!(program, "sh" | "bash" | "ash" | "dash" | "zsh") {
        let mut errexit = false;
        let mut i = 1;
        while let Some(flag) = argv.get(i).filter(|a| a.starts_with('-')) {
            errexit |= flag.contains('e');
            if flag.contains('c') {
                let script = argv.get(i + 1).copied().unwrap_or("");
                return run_script(script, errexit);
            }
            i += 1;
        }
        return Behaviour {
            run_ms: Some(default_run_ms),
            exit_code: 0,
        };
    }
    match simple_command(&argv) {
        Step::Known { ms, code } => Behaviour {
            run_ms: ms,
            exit_code: code,
        },
        Step::Exit(code) => Behaviour {
            run_ms: Some(0),
            exit_code: code,
        },
        Step::Unknown => Behaviour {
            run_ms: Some(default_run_ms),
            exit_code: 0,
        },
    }
}

enum Step {
    /// Runs `ms` (None = forever) and sets status `code`.
    Known { ms: Option<u64>, code: i32 },
    /// Ends the shell with this code.
    Exit(i32),
    /// Not understood.
    Unknown,
}

fn simple_command(argv: &[&str]) -> Step {
    let Some(first) = argv.first() else {
        return Step::Known {
            ms: Some(0),
            code: 0,
        };
    };
    let program = first.rsplit('/').next().unwrap_or(first);
    match program {
        "sleep" => match argv.get(1).map(|a| sleep_ms(a)) {
            Some(Some(ms)) => Step::Known { ms, code: 0 },
            _ => Step::Known {
                ms: Some(0),
                code: 1,
            },
        },
        "exit" => Step::Exit(
            argv.get(1)
                .and_then(|c| c.parse::<i64>().ok())
                .map(|c| (c & 0xff) as i32)
                .unwrap_or(0),
        ),
        "true" | ":" => Step::Known {
            ms: Some(0),
            code: 0,
        },
        "false" => Step::Known {
            ms: Some(0),
            code: 1,
        },
        _ => Step::Unknown,
    }
}

/// `sleep` operands: seconds with optional fraction and an `s`/`m`/`h`/`d` suffix; `infinity`.
/// Returns `Some(None)` for a sleep that never ends and `None` for an operand sleep rejects.
fn sleep_ms(arg: &str) -> Option<Option<u64>> {
    if arg == "infinity" || arg == "inf" {
        return Some(None);
    }
    let (num, factor) = match arg.chars().last()? {
        's' => (&arg[..arg.len() - 1], 1_000.0),
        'm' => (&arg[..arg.len() - 1], 60_000.0),
        'h' => (&arg[..arg.len() - 1], 3_600_000.0),
        'd' => (&arg[..arg.len() - 1], 86_400_000.0),
        _ => (arg, 1_000.0),
    };
    let value: f64 = num.parse().ok()?;
    if !value.is_finite() || value < 0.0 {
        return None;
    }
    Some(Some((value * factor).min(1e15).round() as u64))
}

#[derive(Clone, Copy, PartialEq)]
enum Connector {
    Always,
    And,
    Or,
}

fn run_script(script: &str, errexit: bool) -> Behaviour {
    let mut elapsed: u64 = 0;
    let mut status = 0;
    for (connector, words) in split_script(script) {
        let skip = match connector {
            Connector::Always => false,
            Connector::And => status != 0,
            Connector::Or => status == 0,
        };
        if skip || words.is_empty() {
            continue;
        }
        let argv: Vec<&str> = words.iter().map(String::as_str).collect();
        match simple_command(&argv) {
            Step::Known { ms: None, .. } => {
                return Behaviour {
                    run_ms: None,
                    exit_code: 0,
                }
            }
            Step::Known { ms: Some(ms), code } => {
                elapsed = elapsed.saturating_add(ms);
                status = code;
            }
            Step::Exit(code) => {
                return Behaviour {
                    run_ms: Some(elapsed),
                    exit_code: code,
                }
            }
            Step::Unknown => status = 0,
        }
        if errexit && status != 0 && connector != Connector::Or {
            return Behaviour {
                run_ms: Some(elapsed),
                exit_code: status,
            };
        }
    }
    Behaviour {
        run_ms: Some(elapsed),
        exit_code: status,
    }
}

/// Splits a script at `;`, `&&`, `||` and new lines (outside quotes) into words per command.
fn split_script(script: &str) -> Vec<(Connector, Vec<String>)> {
    let mut out = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    let mut connector = Connector::Always;
    let mut quote: Option<char> = None;
    let mut chars = script.chars().peekable();
    let flush_word = |word: &mut String, words: &mut Vec<String>| {
        if !word.is_empty() {
            words.push(std::mem::take(word));
        }
    };
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == q {
                quote = None;
            } else {
                word.push(c);
            }
            continue;
        }
        match c {
            '\'' | '"' => quote = Some(c),
            ' ' | '\t' => flush_word(&mut word, &mut words),
            '#' if word.is_empty() => {
                while chars.peek().is_some_and(|&n| n != '\n') {
                    chars.next();
                }
            }
            ';' | '\n' => {
                flush_word(&mut word, &mut words);
                out.push((connector, std::mem::take(&mut words)));
                connector = Connector::Always;
            }
            '&' | '|' if chars.peek() == Some(&c) => {
                chars.next();
                flush_word(&mut word, &mut words);
                out.push((connector, std::mem::take(&mut words)));
                connector = if c == '&' {
                    Connector::And
                } else {
                    Connector::Or
                };
            }
            _ => word.push(c),
        }
    }
    flush_word(&mut word, &mut words);
    out.push((connector, words));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(cmd: &[&str]) -> Behaviour {
        let v: Vec<String> = cmd.iter().map(|s| s.to_string()).collect();
        behaviour(Some(&v), None, 5_000)
    }

    #[test]
    fn each_row_of_the_behaviour_table_should_hold() {
        let cases: &[(&[&str], Option<u64>, i32)] = &[
            (&["sleep", "10"], Some(10_000), 0),
            (&["sleep", "0.5"], Some(500), 0),
            (&["exit", "3"], Some(0), 3),
            (&["true"], Some(0), 0),
            (&["false"], Some(0), 1),
            (&["sh", "-c", "sleep 2; exit 1"], Some(2_000), 1),
            (
                &["/bin/sh", "-c", "echo hi && sleep 3 && false || sleep 1"],
                Some(4_000),
                0,
            ),
            (&["bash", "-c", "false && sleep 9"], Some(0), 1),
            (
                &["sh", "-c", "echo start\nsleep 4\necho done"],
                Some(4_000),
                0,
            ),
            (&["sh", "-ec", "false; sleep 9"], Some(0), 1),
            (&["sh", "-c", "sleep infinity"], None, 0),
            (
                &["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
                Some(5_000),
                0,
            ),
            (&["sh", "-c", "echo 'a; b'; exit 42"], Some(0), 42),
        ];
        for (cmd, ms, code) in cases {
            assert_eq!(
                b(cmd),
                Behaviour {
                    run_ms: *ms,
                    exit_code: *code
                },
                "{cmd:?}"
            );
        }
    }

    #[test]
    fn args_should_join_the_command_like_a_shell() {
        let cmd = vec!["/bin/sh".to_string(), "-c".to_string()];
        let args = vec!["sleep 5; exit 2".to_string()];
        assert_eq!(
            behaviour(Some(&cmd), Some(&args), 1),
            Behaviour {
                run_ms: Some(5_000),
                exit_code: 2
            }
        );
        assert_eq!(
            behaviour(None, None, 7_000),
            Behaviour {
                run_ms: Some(7_000),
                exit_code: 0
            }
        );
    }
}
