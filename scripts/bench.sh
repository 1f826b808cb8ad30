#!/usr/bin/env bash
# bench.sh -- podlab's benchmarks (not tests): the engine natively on the stress scenario and
# on a year of per-minute CronJob ticks, on a DaemonSet rollout over 5,000 nodes, and the UI's
# frame times in headless Chromium.
# Results: artifacts/bench/*.json. PODLAB_BENCH_HOURS=24 shortens the CronJob year to a day.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
bash scripts/setup.sh --test
source scripts/env.sh
mkdir -p artifacts/bench
cargo build --release --quiet
s=$(date +%s%N)
./target/release/podlab run tests/scenarios/stress-1000-pods.yaml -o json > /dev/null
e=$(date +%s%N)
printf '{"scenario": "stress-1000-pods", "engine_native_ms": %d}\n' $(( (e - s) / 1000000 )) | tee artifacts/bench/engine.json
cargo bench --quiet --bench playback | tee artifacts/bench/playback.json
cargo bench --quiet --bench cronjob_year | tee artifacts/bench/cronjob_year.json
cargo bench --quiet --bench daemonset_rollout | tee artifacts/bench/daemonset_rollout.json
trunk build --release
rm -rf artifacts/site && mkdir -p artifacts/site && cp -r dist artifacts/site/podlab
(cd e2e && npx playwright test -c bench.config.js)
