//! Shared by the validation tables: runs `podlab validate` on a text, as a file, through the
//! same entry point as the command line.

use std::ffi::OsString;

/// Exit status and standard error of `podlab validate` on `text`.
pub fn validate(text: &str) -> (i32, String) {
    let dir = std::env::temp_dir().join(format!("podlab-validate-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!(
        "{:x}.yaml",
        text.len() * 31 + text.bytes().map(usize::from).sum::<usize>()
    ));
    std::fs::write(&path, text).unwrap();
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = podlab::cli::main_with(
        vec![OsString::from("validate"), path.clone().into_os_string()],
        &mut out,
        &mut err,
    );
    std::fs::remove_file(&path).ok();
    (code, String::from_utf8_lossy(&err).to_string())
}

/// Runs each (title, manifest, expected message) row through `podlab validate` and returns a
/// description of every row that did not exit 2 with the message.
pub fn failures<T: AsRef<str>>(rows: &[(&str, T, &str)]) -> Vec<String> {
    rows.iter()
        .filter_map(|(title, text, want)| {
            let (code, err) = validate(text.as_ref());
            (code != 2 || !err.contains(want)).then(|| {
                format!(
                    "{title}: exit {code}\n  want: {want}\n  got:  {}",
                    err.trim()
                )
            })
        })
        .collect()
}
