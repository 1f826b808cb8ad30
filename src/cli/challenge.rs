//! `podlab challenge list` (`ID<TAB>title`) and `podlab challenge check ID FILE`: the file is
//! what the learner would type (the manifests, or for a console challenge the kubectl lines);
//! exit 0 when it solves the challenge, 1 when it does not (saying why), 2 when it is invalid
//! (the API server's error, as `podlab validate` prints it).

use super::{read, USAGE};
use crate::challenge::{self, clock, CheckError, CHALLENGES};
use crate::i18n::{Bilingual, Lang, Ui};
use std::io::Write;

/// Runs `podlab challenge …` with the arguments after `challenge`.
pub fn challenge_with(args: &[String], out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let mut lang = Lang::En;
    let mut words = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--lang" if i + 1 < args.len() && matches!(args[i + 1].as_str(), "en" | "zh") => {
                lang = Lang::from_code(&args[i + 1]);
                i += 1;
            }
            w => words.push(w),
        }
        i += 1;
    }
    match words.as_slice() {
        ["list"] => {
            for c in CHALLENGES {
                let _ = writeln!(out, "{}\t{}", c.id, c.title(lang));
            }
            0
        }
        ["check", id, file] => check(id, file, lang, out, err),
        _ => {
            let _ = writeln!(
                err,
                "error: expected `challenge list` or `challenge check ID FILE`\n\n{USAGE}"
            );
            2
        }
    }
}

fn check(id: &str, file: &str, lang: Lang, out: &mut dyn Write, err: &mut dyn Write) -> i32 {
    let Some(c) = challenge::find(id) else {
        let _ = writeln!(
            err,
            "error: no challenge {id:?} (podlab challenge list shows them)"
        );
        return 2;
    };
    let text = match read(file) {
        Ok(t) => t,
        Err(e) => {
            let _ = writeln!(err, "error: {e}");
            return 2;
        }
    };
    let verdict = match c.check(&text) {
        Ok(v) => v,
        Err(CheckError::Invalid(errs)) => {
            for e in errs {
                let _ = if e.loc.line > 0 {
                    writeln!(err, "{file}:{}:{}: {e}", e.loc.line, e.loc.column)
                } else {
                    writeln!(err, "{file}: {e}")
                };
            }
            return 2;
        }
        Err(e) => {
            let _ = writeln!(err, "{file}: {e}");
            return 2;
        }
    };
    let j = verdict.judgement;
    let (word, status) = if j.passed {
        (Ui::Solved, 0)
    } else {
        (Ui::NotSolved, 1)
    };
    let _ = writeln!(out, "{}: {}", c.id, lang.t(word));
    for f in &j.findings {
        let text = f.text.get(lang);
        let _ = match f.at {
            Some(t) => writeln!(out, "  [{}] {text}", clock(t)),
            None => writeln!(out, "  {text}"),
        };
    }
    status
}
