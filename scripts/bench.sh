#!/usr/bin/env bash
# bench.sh -- podlab's benchmarks (not tests), each beside issue 8's target:
#   engine, native: a Job of 100,000 completions (parallelism 1,000, 1,000 nodes) to Complete;
#     a per-minute CronJob for one year; a DaemonSet rolling update over 5,000 nodes; seeking
#     to random moments of a one-hour trace (and the app's per-frame work);
#   engine in wasm: the same Job in headless Chromium, as a ratio to native;
#   UI: frame times with 1,000 pods on 100 nodes and with 100,000 pods in the aggregated view,
#     the release bundle's size (and the wasm's by crate, module and function: benches/
#     wasm_size.rs), the bytes the page fetches before its first render, and the time to it.
# Prints a table; every result is in artifacts/bench/*.json, the table in summary.json.
# PODLAB_BENCH_COMPLETIONS (default 100000) sizes the Job; PODLAB_BENCH_HOURS=24 shortens
# the CronJob year to a day.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh --test
source scripts/env.sh
OUT=artifacts/bench
mkdir -p "$OUT"
export PODLAB_BENCH_COMPLETIONS=${PODLAB_BENCH_COMPLETIONS:-100000}

for b in job_100k cronjob_year daemonset_rollout playback; do
  echo "=== cargo bench --bench $b"
  cargo bench --quiet --bench "$b" | tee "$OUT/$b.json"
done

echo "=== the engine in wasm (headless Chromium, the page's wasm-release build)"
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} WASM_BINDGEN_TEST_TIMEOUT=600 \
  cargo test --profile wasm-release --target wasm32-unknown-unknown --test wasm_bench -- --nocapture 2>&1 \
  | tee "$OUT/wasm.log"
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
found = {}
for line in open(f"{out}/wasm.log"):
    if "PODLAB_BENCH " in line:
        doc = json.loads(line.split("PODLAB_BENCH ", 1)[1])
        found["aggregated" if "aggregated_pods" in doc else "job"] = doc
native = json.load(open(f"{out}/job_100k.json"))
result = {"wall_ms": found["job"]["wall_ms"], "native_wall_ms": native["wall_ms"],
          "completions": found["job"]["completions"], "aggregated": found.get("aggregated")}
json.dump(result, open(f"{out}/wasm.json", "w"), indent=2)
print(json.dumps(result))
PY

echo "=== release bundle"
trunk build --release
wasm=$(ls dist/*_bg.wasm)
printf '{"raw_bytes": %d, "gzip_bytes": %d}\n' "$(stat -c %s "$wasm")" "$(gzip -9c "$wasm" | wc -c)" | tee "$OUT/bundle.json"
echo "=== the wasm's size by crate, module and function (cargo's output, with its names)"
cargo bench --quiet --bench wasm_size -- target/wasm32-unknown-unknown/wasm-release/podlab.wasm "$OUT/size.json"

echo "=== UI in headless Chromium"
rm -rf artifacts/site && mkdir -p artifacts/site && cp -r dist artifacts/site/podlab
(cd e2e && npx playwright test -c bench.config.js)

echo
python3 scripts/bench_table.py
