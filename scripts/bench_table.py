#!/usr/bin/env python3
"""Collects the benchmark results in artifacts/bench/*.json into one table (printed) and one
JSON file (artifacts/bench/summary.json), each number beside issue 8's target."""
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
    ("frame while playing 1,000 pods on 100 nodes, median", get(ui, "playing_frame_ms", "median"), "ms", "<=", 16.7),
    ("frame while playing 1,000 pods on 100 nodes, p95", get(ui, "playing_frame_ms", "p95"), "ms", None, None),
    ("frame with 100,000 pods (aggregated view), median", get(wasm, "aggregated", "frame_ms", "median"), "ms", None, None),
    ("frame with 100,000 pods (aggregated view), p95", get(wasm, "aggregated", "frame_ms", "p95"), "ms", None, None),
    ("release wasm, raw", get(bundle, "raw_bytes"), "B", None, None),
    ("release wasm, gzip", get(bundle, "gzip_bytes"), "B", "<=", 400_000),
    ("first render from localhost", get(ui, "first_render_ms"), "ms", "<=", 1000),
]
summary = []
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
