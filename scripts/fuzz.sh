#!/usr/bin/env bash
# fuzz.sh [SECONDS] [TARGET…] -- run podlab's libFuzzer targets (fuzz/fuzz_targets/) for SECONDS
# each (default 60), seeded with the built-in scenarios, the manifests in them and the
# Kubernetes documentation's example manifests (fuzz/seeds/k8s-docs/).
# cargo-fuzz comes from the crate registry into the tools directory; it runs on stable Rust with
# `-s none` (no sanitizer: Rust's own checks make every panic and overflow a finding).
# A crash is saved under fuzz/artifacts/TARGET/; turn it into a regression test.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
source scripts/env.sh
SECS=${1:-60}
shift || true
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(yaml_objects scenario_run share_link kubectl_line)
if ! command -v cargo-fuzz >/dev/null; then
  cargo install --locked --root "$PODLAB_TOOLS" cargo-fuzz
fi
corpus() {
  local dir=fuzz/corpus/$1
  mkdir -p "$dir"
  case $1 in
    yaml_objects)
      for f in tests/scenarios/*.yaml; do
        awk '/^manifests: \|/{on=1; next} on && /^[^ ]/{on=0} on{sub(/^  /, ""); print}' "$f" > "$dir/$(basename "$f")"
      done
      for f in fuzz/seeds/k8s-docs/*.yaml; do cp "$f" "$dir/docs-$(basename "$f")"; done ;;
    scenario_run)
      cp tests/scenarios/*.yaml "$dir/"
      for f in fuzz/seeds/k8s-docs/*.yaml; do
        { printf 'name: docs\ncluster: {nodes: 2}\nmanifests: |\n'; sed 's/^/  /' "$f"; printf 'until: 5m\n'; } > "$dir/docs-$(basename "$f")"
      done ;;
    share_link) printf '#share=%s' "$(printf 'x' | base64)" > "$dir/seed" ;;
    kubectl_line)
      i=0
      for c in 'get pods -o wide' 'describe pod sleeper' 'logs sleeper' 'drain node-1 --force' \
               'label node node-1 a=b' 'taint node node-1 k=v:NoSchedule' 'explain job.spec' \
               "patch job x -p '{\"spec\":{}}'" 'rollout status ds/x' 'get events -w'; do
        printf '%s' "$c" > "$dir/c$i"; i=$((i + 1))
      done ;;
  esac
}
for t in "${TARGETS[@]}"; do
  corpus "$t"
  echo "=== $t ($SECS s)"
  (cd fuzz && cargo fuzz run -s none "$t" "corpus/$t" -- -max_total_time="$SECS" -rss_limit_mb=4096 -max_len=65536 2>&1 \
    | grep -E '^(Done|==|SUMMARY|#[0-9]+ +DONE)|panicked|deadly signal|Test unit written' || true)
done
