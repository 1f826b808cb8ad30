#!/usr/bin/env python3
"""Collects the benchmark results in artifacts/bench/*.json into two tables (printed) and one
JSON file (artifacts/bench/summary.json): first the engine-at-scale rows, each before (the
numbers in benches/baseline.json) and after (this run) beside its goal; then every benchmark
beside its target."""
import gzip
import json
import os
import sys

DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "artifacts", "bench")


def load(name):
    try:
        with open(os.path.join(DIR, name + ".json")) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def get(doc, *path):
    for p in path:
        if doc is None:
            return None
        doc = doc.get(p) if isinstance(doc, dict) else None
    return doc


job, wasm = load("job_100k"), load("wasm")
cron, ds = load("cronjob_year"), load("daemonset_rollout")
play, ui, bundle = load("playback"), load("ui"), load("bundle")
size = load("size")
SITE = os.path.join(DIR, "..", "site")


def gzip_size(path):
    with open(path, "rb") as f:
        return len(gzip.compress(f.read(), 9))


def first_load():
    """The gzip bytes of the files the UI bench saw fetched before the first render."""
    files = get(ui, "first_load_files")
    if not files:
        return None, []
    total, shown = 0, []
    for url in files:
        local = os.path.join(SITE, url.lstrip("/"))
        if local.endswith("/"):
            local += "index.html"
        if os.path.isfile(local):
            n = gzip_size(local)
            total += n
            shown.append((url, os.path.getsize(local), n))
    return total, shown


first_load_gzip, first_load_files = first_load()
ratio = None
if get(wasm, "wall_ms") and get(wasm, "native_wall_ms"):
    ratio = wasm["wall_ms"] / wasm["native_wall_ms"]
rollout = None
if ds:
    rollout = ds.get("place_wall_ms", 0) + ds.get("rollout_wall_ms", 0)
# A run shortened with PODLAB_BENCH_COMPLETIONS or PODLAB_BENCH_HOURS is shown at its size and
# not judged against a target set for the full size.
completions = int((get(job, "scenario") or "job-100000-").split("-")[1])
ticks = get(cron, "ticks") or 525600
full_job = 1000 if completions == 100000 else None
full_cron = 2000 if ticks == 525600 else None
rows = [
    (f"Job {completions:,} completions, parallelism 1,000, 1,000 nodes (native)", get(job, "wall_ms"), "ms", "<=", full_job),
    (f"same Job in wasm (headless Chromium) / native ({get(wasm, 'completions') or 0:,} completions)", ratio, "x", "<=", 2),
    (f"per-minute CronJob, {ticks:,} ticks (native, headless; a year is 525,600)", get(cron, "wall_ms"), "ms", "<=", full_cron),
    ("DaemonSet rolling update over 5,000 nodes (native)", rollout, "ms", "<=", 2000),
    ("seek to a random time in a 1-hour trace, p95", get(play, "hour", "random_seek_ms", "p95"), "ms", "<=", 50),
    (f"fork a 1-hour run ({get(play, 'hour', 'trace_lines') or 0:,} trace lines) for a change, median", get(play, "hour", "fork_ms", "median"), "ms", None, None),
    ("frame while playing 1,000 pods on 100 nodes, median", get(ui, "playing_frame_ms", "median"), "ms", "<=", 16.7),
    ("frame while playing 1,000 pods on 100 nodes, p95", get(ui, "playing_frame_ms", "p95"), "ms", None, None),
    ("frame with 100,000 pods (aggregated view), median", get(wasm, "aggregated", "frame_ms", "median"), "ms", None, None),
    ("frame with 100,000 pods (aggregated view), p95", get(wasm, "aggregated", "frame_ms", "p95"), "ms", None, None),
    ("release wasm, raw", get(bundle, "raw_bytes"), "B", None, None),
    ("release wasm, gzip", get(bundle, "gzip_bytes"), "B", None, None),
    ("first load: every file fetched before the first render, gzip", first_load_gzip, "B", "<=", 400_000),
    ("first render from localhost", get(ui, "first_render_ms"), "ms", "<=", 1000),
    ("the app taking over from the prerendered first screen, from localhost", get(ui, "live_ms"), "ms", None, None),
]

def fmt_ms(v):
    return "-" if v is None else (f"{v / 1000:,.1f} s" if v >= 1000 else f"{v:,.0f} ms")


def fmt_rss(kib):
    return "" if kib is None else (f", {kib / 1048576:,.2f} GB" if kib >= 1048576 else f", {kib / 1024:,.0f} MB")


base_path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "benches", "baseline.json")
with open(base_path) as f:
    base = json.load(f)
ds_rss = get(ds, "rss_kib", "peak")
select_task = get(ui, "select_longest_task_ms")
scale = [
    (f"Job {completions:,} completions, parallelism 1,000, 1,000 nodes",
     f"{base['job_100k']['wall']}, {base['job_100k']['rss']}",
     fmt_ms(get(job, "wall_ms")) + fmt_rss(get(job, "rss_kib")), "<= 1 s, <= 500 MB"),
    (f"per-minute CronJob, {ticks:,} ticks", base["cronjob_year"]["wall"], fmt_ms(get(cron, "wall_ms")), "<= 2 s"),
    ("DaemonSet on 5,000 nodes, placed and rolled out (10 %)",
     f"{base['daemonset_5000']['wall']}, {base['daemonset_5000']['rss']}",
     fmt_ms(rollout) + fmt_rss(ds_rss), "<= 2 s, <= 300 MB"),
    ("the same Job in wasm / native", base["wasm_ratio"], "-" if ratio is None else f"{ratio:.2f}x", "<= 2x"),
    ("selecting the 1,000-pod scenario: longest main-thread task", base["select_1000_pods_longest_task"],
     "-" if select_task is None else ("none over 50 ms" if select_task == 0 else f"{select_task} ms"), "none > 50 ms"),
    ("the app's largest Job with history (refused above)", base["most_recorded_pods"],
     "-" if get(play, "most_recorded_pods") is None else f"{get(play, 'most_recorded_pods'):,} pods", ">= 100,000 pods"),
    ("  the bench's Job (parallelism 1,000) fills the replay budget at", "-",
     "-" if get(play, "budget_filled", "pods") is None
     else f"{get(play, 'budget_filled', 'pods'):,} pods" + fmt_rss(get(play, "budget_filled", "rss_kib")), "within 1 GB"),
]
if first_load_files:
    print("The first load (issue 22): what the page fetched before its first render")
    for url, raw, gz in first_load_files:
        print(f"  {url:<60} {raw:>12,} B raw {gz:>12,} B gzip")
    print(f"  {'total':<60} {sum(r for _, r, _ in first_load_files):>12,} B raw {first_load_gzip:>12,} B gzip")
    print()
if size:
    print(f"The wasm by crate (cargo's output before wasm-bindgen and wasm-opt: {size['code_bytes']:,} B of code, "
          f"{size['data_bytes']:,} B of data, {size['data_text_bytes']:,} B of it text; details in artifacts/bench/size.json)")
    for name, n in size["by_crate"][:12]:
        print(f"  {name:<30} {n:>12,} B {100 * n / size['code_bytes']:5.1f} %")
    print()
print("The engine at scale (issue 20): before is benches/baseline.json, after is this run")
print(f"{'run':<62} {'before':>22} {'after':>22}  goal")
for name, before, after, goal in scale:
    print(f"{name:<62} {before:>22} {after:>22}  {goal}")
print()
summary = [{"benchmark": n, "before": b, "after": a, "goal": g} for n, b, a, g in scale]
print(f"{'benchmark':<68} {'result':>12} {'target':>12}  status")
for name, value, unit, op, target in rows:
    if value is None:
        status, shown = "not run", "-"
    else:
        shown = f"{value:,.2f} {unit}" if unit == "x" else f"{value:,.0f} {unit}" if value >= 100 else f"{value:,.1f} {unit}"
        status = "" if target is None else ("met" if value <= target else "missed")
    goal = "" if target is None else f"{op} {target:,} {unit}"
    print(f"{name:<68} {shown:>12} {goal:>12}  {status}")
    summary.append({"benchmark": name, "value": value, "unit": unit, "target": target, "status": status or None})
with open(os.path.join(DIR, "summary.json"), "w") as f:
    json.dump(summary, f, indent=2)
print(f"\nwritten to {os.path.relpath(os.path.join(DIR, 'summary.json'))}", file=sys.stderr)
