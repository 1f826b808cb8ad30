#!/usr/bin/env bash
# test.sh -- install whatever is missing, then run every check and test podlab has:
# formatting, clippy (native and wasm), native tests, the model test over 10,000 random
# clusters, the engine's cost budget, wasm tests in headless Chromium, the release build with
# its size budgets (the first load and the files fetched on demand), and the browser
# end-to-end tests. Exits non-zero on the first failure.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
step() { printf '\n=== %s\n' "$*"; }
t0=$SECONDS

step "set-up (tools, Chromium, Playwright)"
bash scripts/setup.sh --test
source scripts/env.sh
cargo fetch --quiet

step "cargo fmt --check"
cargo fmt --all -- --check

step "cargo clippy (native, all targets)"
cargo clippy --all-targets --quiet -- -D warnings

step "cargo clippy (wasm32: the UI)"
cargo clippy --target wasm32-unknown-unknown --lib --bins --quiet -- -D warnings

step "native tests"
cargo test --quiet

step "model test: ${PODLAB_MODEL_SEEDS:=10000} random clusters, every invariant at every event (release build)"
PODLAB_MODEL_SEEDS=$PODLAB_MODEL_SEEDS cargo test --release --quiet --test it model::

step "kubectl truth: the console against the real kubectl v1.31.9 (tests/it/kubectl_truth.rs)"
PODLAB_KUBECTL="$PODLAB_TOOLS/bin/kubectl" cargo test --release --quiet --test it kubectl_truth -- --ignored

step "the engine's cost per event against its budget (budgets/engine.env)"
cargo bench --quiet --bench budget

step "wasm tests in headless Chromium"
CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver} WASM_BINDGEN_TEST_TIMEOUT=${WASM_BINDGEN_TEST_TIMEOUT:-120} \
  cargo test --target wasm32-unknown-unknown --test web

step "release build (trunk build --release)"
trunk build --release
python3 scripts/bundle-size.py dist budgets/bundle.env

step "browser end-to-end tests (Playwright, system Chromium, site served from /podlab/)"
mkdir -p artifacts/screenshots
rm -rf artifacts/site && mkdir -p artifacts/site && cp -r dist artifacts/site/podlab
(cd e2e && npx playwright test)

step "all checks passed in $((SECONDS - t0))s"
