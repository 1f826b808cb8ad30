//! The console checked against a real kubectl v1.31.9: for every built-in scenario at a few
//! moments, every command kubectl prints client-side (`get -o json|yaml|name|jsonpath|
//! custom-columns`, `describe`, `rollout history|status`, the errors) is run through podlab's
//! console and through the real kubectl reading the same objects from a fixture API server
//! ([`server`]); stdout, stderr and the exit status must be byte-identical. Times are served
//! shifted to the wall clock and shifted back in kubectl's output, so ages compare as they are.
//!
//! `scripts/test.sh` installs kubectl (`scripts/setup.sh --test`) and runs this with
//! `PODLAB_KUBECTL` set; it is ignored in a plain `cargo test`.

mod server;

use podlab::engine::Sim;
use podlab::kubectl::{self, Context};
use podlab::model::Kind;
use podlab::sim::SimTime;
use podlab::world::World;
use server::{Moment, Server};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// What a command printed, and its exit status.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Printed {
    stdout: String,
    stderr: String,
    code: i32,
}

/// A hermetic kubectl: no inherited environment, a kubeconfig naming the fixture server by IP,
/// every file it writes under one directory.
struct Kubectl {
    bin: PathBuf,
    dir: PathBuf,
}

impl Kubectl {
    fn new(bin: PathBuf, server: &Server, tag: &str) -> Kubectl {
        let dir =
            Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("kubectl-{tag}-{}", server.port()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("home")).expect("a temp dir");
        let config = format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: fake\n  cluster:\n    server: {}\ncontexts:\n- name: fake\n  context: {{cluster: fake, user: fake}}\ncurrent-context: fake\nusers:\n- name: fake\n  user: {{}}\n",
            server.url()
        );
        std::fs::write(dir.join("kubeconfig"), config).expect("kubeconfig written");
        Kubectl { bin, dir }
    }

    fn run(&self, words: &[String]) -> Printed {
        let out = Command::new(&self.bin)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .env("HOME", self.dir.join("home"))
            .env("KUBECONFIG", self.dir.join("kubeconfig"))
            .env("TZ", "UTC")
            .env("LANG", "C")
            .current_dir(self.dir.join("home"))
            .arg("--cache-dir")
            .arg(self.dir.join("cache"))
            .args(words)
            .output()
            .expect("kubectl runs");
        Printed {
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            code: out.status.code().unwrap_or(-1),
        }
    }
}

// kubectl reads the wall clock for ages, so the harness must too (the simulation never does).
#[allow(clippy::disallowed_methods)]
fn wall_now() -> Duration {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
}

/// Runs kubectl with the server's times shifted so that the simulated "now" is the wall
/// clock's current second; retried when the second changes during the run.
fn run_shifted(k: &Kubectl, server: &Server, sim_now_s: i64, words: &[String]) -> Printed {
    for attempt in 0.. {
        let mut now = wall_now();
        if now.subsec_millis() > 800 {
            std::thread::sleep(Duration::from_millis(
                1_010 - u64::from(now.subsec_millis()),
            ));
            now = wall_now();
        }
        let second = now.as_secs() as i64;
        let delta = second - sim_now_s;
        server.set_delta(delta);
        let mut printed = k.run(words);
        // A command that cannot finish within one second is kept after a few tries (its ages
        // may then be a second off).
        if wall_now().as_secs() as i64 == second || attempt >= 4 {
            printed.stdout = unshift(&printed.stdout, delta);
            printed.stderr = unshift(&printed.stderr, delta);
            return printed;
        }
    }
    unreachable!("the loop returns")
}

const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Moves every absolute time kubectl printed back by `delta` seconds: RFC 3339 (JSON, YAML)
/// and RFC 1123 with a zone (describe). Both have a fixed width, so columns stay aligned.
fn unshift(text: &str, delta: i64) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    let b = text.as_bytes();
    while i < b.len() {
        // RFC 3339: 2026-12-06T10:00:00Z or with a fraction.
        if i + 20 <= b.len() && b[i].is_ascii_digit() && b[i + 4] == b'-' && b[i + 10] == b'T' {
            let end = text[i..]
                .find('Z')
                .map(|z| i + z + 1)
                .filter(|e| e - i <= 30);
            if let Some(end) = end {
                if let Some(s) = server::shift_rfc3339(&text[i..end], -delta) {
                    out.push_str(&s);
                    i = end;
                    continue;
                }
            }
        }
        // RFC 1123Z: Thu, 01 Jan 2026 00:00:00 +0000 (31 bytes).
        if i + 31 <= b.len() && DAYS.iter().any(|d| text[i..].starts_with(d)) && b[i + 3] == b',' {
            if let Ok(t) =
                chrono::DateTime::parse_from_str(&text[i..i + 31], "%a, %d %b %Y %H:%M:%S %z")
            {
                let t = t - chrono::Duration::seconds(delta);
                out.push_str(&t.format("%a, %d %b %Y %H:%M:%S %z").to_string());
                i += 31;
                continue;
            }
        }
        let c = text[i..].chars().next().expect("a char");
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// podlab's console on the same moment.
fn podlab(world: &World, line: &str) -> Printed {
    let o = kubectl::run(line, &Context { world, stdin: "" });
    Printed {
        code: o.exit_code(),
        stdout: o.stdout,
        stderr: o.stderr,
    }
}

/// The fixture the server serves for a moment: podlab's objects and Events as JSON.
fn moment(world: &World) -> Moment {
    let doc = podlab::output::snapshot(world);
    Moment {
        items: doc["items"].as_array().cloned().unwrap_or_default(),
        events: doc["events"].as_array().cloned().unwrap_or_default(),
    }
}

/// The commands compared at a moment, built from what exists then.
fn commands(world: &World) -> Vec<String> {
    let mut out = Vec::new();
    let names = |k: Kind| -> Vec<String> {
        world
            .store
            .list(k)
            .take(1)
            .map(|o| o.meta().name.clone())
            .collect()
    };
    let few = |k: Kind| world.store.list(k).count() <= 3;
    for (word, kind) in [
        ("pods", Kind::Pod),
        ("jobs", Kind::Job),
        ("cronjobs", Kind::CronJob),
        ("daemonsets", Kind::DaemonSet),
        ("controllerrevisions", Kind::ControllerRevision),
        ("nodes", Kind::Node),
        ("namespaces", Kind::Namespace),
    ] {
        for o in ["yaml", "name"] {
            out.push(format!("get {word} -o {o}"));
        }
        if few(kind) {
            out.push(format!("describe {word}"));
        }
        for n in names(kind) {
            out.push(format!("get {word} {n} -o json"));
            out.push(format!("describe {word} {n}"));
        }
    }
    out.push("get events -o name".into());
    out.push("get pods -o jsonpath={.items[*].metadata.name}".into());
    out.push(r#"get pods -o 'jsonpath={range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}'"#.into());
    out.push("get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName".into());
    out.push("get jobs -o 'jsonpath={.items[?(@.status.succeeded==1)].metadata.name}'".into());
    out.push("get nodes -o jsonpath-as-json={.items[0].status.nodeInfo}".into());
    out.push("get pods -o 'jsonpath={.items[*].spec.containers[*].image}'".into());
    out.push("get pods -o jsonpath={.items[0:2].metadata.name}".into());
    out.push("get pods --sort-by=.metadata.uid -o name".into());
    out.push("get pods --sort-by=.nothing -o name".into());
    out.push("get job nope -o yaml".into());
    out.push("describe pod nope".into());
    out.push("get pods -l app=nothing -o name".into());
    for ds in world
        .store
        .list(Kind::DaemonSet)
        .map(|o| o.meta().name.clone())
    {
        out.push(format!("rollout history daemonset/{ds}"));
        out.push(format!("rollout history daemonset/{ds} --revision=1"));
        out.push(format!("rollout history daemonset/{ds} --revision=99"));
        out.push(format!("rollout status daemonset/{ds} --watch=false"));
    }
    out
}

/// A line diff of kubectl's text (`-`) and podlab's (`+`), by longest common subsequence.
fn diff(what: &str, real: &str, ours: &str) -> String {
    if real == ours {
        return String::new();
    }
    let (a, b): (Vec<&str>, Vec<&str>) = (real.split('\n').collect(), ours.split('\n').collect());
    let mut lcs = vec![vec![0u32; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let mut out = format!("--- {what}\n");
    let (mut i, mut j) = (0, 0);
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push_str(&format!("  {}\n", a[i]));
            i += 1;
            j += 1;
        } else if j < b.len() && (i == a.len() || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("+ {}\n", b[j]));
            j += 1;
        } else {
            out.push_str(&format!("- {}\n", a[i]));
            i += 1;
        }
    }
    out
}

/// The moments compared in each built-in scenario.
fn moments(sim: &Sim) -> Vec<SimTime> {
    let end = sim.scenario().until;
    vec![SimTime(end.0 / 3 / 1000 * 1000), end]
}

/// One scenario's comparisons: how many, how many identical, and the differences.
#[allow(clippy::disallowed_methods)] // PODLAB_TRUTH_TIMING times each real kubectl run.
fn compare(bin: &Path, b: &podlab::builtin::Builtin) -> (usize, usize, String) {
    let (mut total, mut same, mut report) = (0, 0, String::new());
    let mut sim = Sim::new(podlab::scenario::parse(b.text).expect("valid"));
    sim.run();
    for t in moments(&sim) {
        let world = sim.seek(t);
        let server = Server::start(moment(&world));
        let k = Kubectl::new(bin.to_path_buf(), &server, b.id);
        let sim_now = world.wall_now().0 / 1000;
        for line in commands(&world) {
            let words = kubectl::split(&line).expect("splits");
            let started = std::time::Instant::now();
            let real = run_shifted(&k, &server, sim_now, &words);
            if std::env::var("PODLAB_TRUTH_TIMING").is_ok() {
                eprintln!("{:>6} ms  {line}", started.elapsed().as_millis());
            }
            let ours = podlab(&world, &line);
            total += 1;
            if real == ours {
                same += 1;
                continue;
            }
            report.push_str(&format!(
                "=== {} at {}s: kubectl {line}\n",
                b.id,
                t.0 / 1000
            ));
            report.push_str(&diff("stdout", &real.stdout, &ours.stdout));
            report.push_str(&diff("stderr", &real.stderr, &ours.stderr));
            if real.code != ours.code {
                report.push_str(&format!(
                    "exit: kubectl {}, podlab {}\n",
                    real.code, ours.code
                ));
            }
        }
    }
    (total, same, report)
}

#[test]
#[ignore = "needs a real kubectl: scripts/test.sh runs it with PODLAB_KUBECTL set"]
fn the_console_should_print_what_a_real_kubectl_prints() {
    let bin = PathBuf::from(
        std::env::var("PODLAB_KUBECTL").expect("PODLAB_KUBECTL names kubectl v1.31.9"),
    );
    let only = std::env::var("PODLAB_TRUTH_ONLY").ok();
    let builtins: Vec<&podlab::builtin::Builtin> = podlab::builtin::BUILTINS
        .iter()
        .filter(|b| only.as_deref().is_none_or(|o| o == b.id))
        .collect();
    // Scenarios run on a few threads (each with its own server and kubectl cache): kubectl
    // spends most of a command starting up.
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results = std::sync::Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..3 {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
                let Some(b) = builtins.get(i) else { break };
                let r = compare(&bin, b);
                eprintln!("kubectl truth: {}: {} of {} identical", b.id, r.1, r.0);
                results.lock().expect("not poisoned").push((i, r));
            });
        }
    });
    let mut results = results.into_inner().expect("not poisoned");
    podlab::sort::sort_by_key(&mut results, |(i, _)| *i);
    let total: usize = results.iter().map(|(_, r)| r.0).sum();
    let same: usize = results.iter().map(|(_, r)| r.1).sum();
    let report: String = results.iter().map(|(_, r)| r.2.as_str()).collect();
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(dir.join("kubectl-truth.txt"), &report).expect("report written");
    let share = 100.0 * same as f64 / total.max(1) as f64;
    println!("kubectl truth: {same} of {total} identical ({share:.1} %)");
    assert!(
        share >= 99.0,
        "{same} of {total} identical ({share:.1} %); differences in {}",
        dir.join("kubectl-truth.txt").display()
    );
}
