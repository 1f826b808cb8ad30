//! A kubectl command line: split as a shell would (quotes, backslashes), then words and flags
//! as cobra/pflag read them (`-o wide`, `-owide`, `-o=wide`, `--output=wide`, `--watch`).

use std::collections::BTreeMap;

/// Flags that take a value, by every name they go by (the first is the canonical one).
const VALUED: &[&[&str]] = &[
    &["output", "o"],
    &["selector", "l"],
    &["container", "c"],
    &["namespace", "n"],
    &["filename", "f"],
    &["patch", "p"],
    &["type"],
    &["from"],
    &["to-revision"],
    &["revision"],
    &["grace-period"],
    &["tail"],
    &["image"],
    &["sort-by"],
    &["max-log-requests"],
    &["subresource"],
];

/// Flags that are on or off.
const SWITCHES: &[&[&str]] = &[
    &["show-labels"],
    &["no-headers"],
    &["watch", "w"],
    &["all-namespaces", "A"],
    &["ignore-daemonsets"],
    &["force"],
    &["delete-emptydir-data"],
    &["overwrite"],
    &["all"],
    &["previous"],
    &["prefix"],
    &["all-containers"],
    &["follow"],
    &["recursive"],
];

/// The first shell operator (`|`, `>`, `<`, `;`, `&`) outside quotes: the console runs one
/// kubectl command and has no shell to run the rest.
pub fn shell_operator(line: &str) -> Option<char> {
    let mut quote = None;
    let mut escaped = false;
    for c in line.chars() {
        match (quote, c) {
            _ if escaped => escaped = false,
            (None, '\\') | (Some('"'), '\\') => escaped = true,
            (None, '\'' | '"') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '|' | '>' | '<' | ';' | '&') => return Some(c),
            _ => {}
        }
    }
    None
}

/// Splits a line into words as `sh` would: quotes group, a backslash escapes the next character.
pub fn split(line: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err("unterminated quoted string".into()),
                        },
                        Some(c) => word.push(c),
                        None => return Err("unterminated quoted string".into()),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            c if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

/// Words and flags of a command (after `kubectl` and the verb).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    /// Positional words.
    pub words: Vec<String>,
    /// Flags by canonical name; switches have the value `true`.
    pub flags: BTreeMap<String, String>,
}

impl Args {
    /// A flag's value.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.flags.get(name).map(String::as_str)
    }

    /// Whether a switch is on.
    pub fn on(&self, name: &str) -> bool {
        self.flags.get(name).is_some_and(|v| v != "false")
    }

    /// The namespace the command works in: `-n`/`--namespace`, else the context's `default`.
    pub fn namespace(&self) -> &str {
        self.get("namespace")
            .unwrap_or(crate::model::DEFAULT_NAMESPACE)
    }

    /// Whether `-A`/`--all-namespaces` asks for every namespace.
    pub fn all_namespaces(&self) -> bool {
        self.on("all-namespaces")
    }
}

fn canonical<'a>(table: &'a [&'a [&'a str]], name: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|names| names.contains(&name))
        .map(|names| names[0])
}

/// Reads words and flags; an unknown flag is pflag's error.
/// Parses a command's words; `verb` picks the shorthands that differ between commands (`logs`
/// reads `-f` as `--follow` and `-p` as `--previous`, where others mean `--filename` and
/// `--patch`).
pub fn parse(verb: &str, words: &[String]) -> Result<Args, String> {
    let mut args = Args::default();
    let mut i = 0;
    let mut only_words = false;
    while i < words.len() {
        let w = &words[i];
        i += 1;
        if only_words || w == "-" || !w.starts_with('-') {
            args.words.push(w.clone());
            continue;
        }
        if w == "--" {
            only_words = true;
            continue;
        }
        let (name, inline, long) = match w.strip_prefix("--") {
            Some(rest) => match rest.split_once('=') {
                Some((n, v)) => (n.to_string(), Some(v.to_string()), true),
                None => (rest.to_string(), None, true),
            },
            None => {
                let rest = &w[1..];
                let first: String = rest.chars().take(1).collect();
                let tail = &rest[first.len()..];
                let inline = if tail.is_empty() {
                    None
                } else {
                    Some(tail.strip_prefix('=').unwrap_or(tail).to_string())
                };
                let first = match (verb, first.as_str()) {
                    ("logs", "f") => "follow".to_string(),
                    ("logs", "p") => "previous".to_string(),
                    _ => first,
                };
                (first, inline, false)
            }
        };
        if let Some(canon) = canonical(VALUED, &name) {
            let value = match inline {
                Some(v) => v,
                None if i < words.len() => {
                    i += 1;
                    words[i - 1].clone()
                }
                None => {
                    return Err(if long {
                        format!("error: flag needs an argument: --{name}")
                    } else {
                        format!("error: flag needs an argument: '{name}' in -{name}")
                    })
                }
            };
            args.flags.insert(canon.to_string(), value);
        } else if let Some(canon) = canonical(SWITCHES, &name) {
            args.flags
                .insert(canon.to_string(), inline.unwrap_or_else(|| "true".into()));
        } else if long {
            return Err(format!("error: unknown flag: --{name}"));
        } else {
            return Err(format!("error: unknown shorthand flag: '{name}' in {w}"));
        }
    }
    Ok(args)
}

#[cfg(test)]
mod shell {
    use super::shell_operator;

    #[test]
    fn a_pipe_outside_quotes_should_be_found() {
        assert_eq!(shell_operator("get pods | head"), Some('|'));
        assert_eq!(shell_operator("get pods > out.txt"), Some('>'));
        assert_eq!(
            shell_operator("get pods -o jsonpath='{.items[*].metadata.name}'"),
            None
        );
        assert_eq!(
            shell_operator("get pods -o go-template=\"{{ x | y }}\""),
            None
        );
        assert_eq!(shell_operator("get pods"), None);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_should_split_as_a_shell_splits_them() {
        assert_eq!(
            split(r#"patch job a -p '{"spec": {"parallelism": 3}}'"#).unwrap(),
            ["patch", "job", "a", "-p", r#"{"spec": {"parallelism": 3}}"#]
        );
        assert_eq!(split(r#"a "b c" d\ e"#).unwrap(), ["a", "b c", "d e"]);
        assert!(split("a 'b").is_err());
    }

    #[test]
    fn flags_should_read_as_pflag_reads_them() {
        let w = |s: &str| split(s).unwrap();
        let a = parse("get", &w("pods -owide -l app=x --show-labels -w")).unwrap();
        assert_eq!(a.words, ["pods"]);
        assert_eq!(a.get("output"), Some("wide"));
        assert_eq!(a.get("selector"), Some("app=x"));
        assert!(a.on("show-labels") && a.on("watch"));
        assert_eq!(
            parse("get", &w("-o=yaml x")).unwrap().get("output"),
            Some("yaml")
        );
        assert_eq!(
            parse("get", &w("--output json")).unwrap().get("output"),
            Some("json")
        );
        assert_eq!(
            parse("get", &w("--bogus")),
            Err("error: unknown flag: --bogus".into())
        );
        assert_eq!(
            parse("get", &w("-z")),
            Err("error: unknown shorthand flag: 'z' in -z".into())
        );
        assert_eq!(
            parse("get", &w("-o")),
            Err("error: flag needs an argument: 'o' in -o".into())
        );
    }
}
