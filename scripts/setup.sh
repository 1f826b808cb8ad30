#!/usr/bin/env bash
# setup.sh -- install every tool podlab needs, idempotently, from the package registries only.
#
#   bash scripts/setup.sh          # build tools (wasm target, trunk, wasm-bindgen-cli, wasm-opt)
#   bash scripts/setup.sh --test   # the above plus Chromium, ChromeDriver and Playwright
#
# Each tool sits behind a version check, so a machine that has them re-runs this in seconds.
# From scratch it takes about 20 minutes on 2 cores (trunk alone is 13-15 minutes).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$ROOT/scripts/env.sh"
TOOLS=$PODLAB_TOOLS
TRUNK_VERSION=0.22.1
WB_VERSION=$(sed -n '/^name = "wasm-bindgen"$/{n;s/^version = "\(.*\)"/\1/p}' "$ROOT/Cargo.lock" 2>/dev/null || true)
WB_VERSION=${WB_VERSION:-0.2.130}
BINARYEN_NPM=132.0.0
PW_VERSION=1.65.1

t() { local s=$SECONDS; "$@"; echo "[setup] $((SECONDS - s))s: $*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  t rustup target add wasm32-unknown-unknown || {
    echo "setup: 'rustup target add wasm32-unknown-unknown' failed (see the message above); podlab cannot build for the browser without it." >&2
    exit 1
  }
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  # trunk 0.22.x declares rust-version 1.96.1 but builds and works on 1.95.
  t cargo install trunk --version "$TRUNK_VERSION" --locked --ignore-rust-version --root "$TOOLS"
fi
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WB_VERSION" ]; then
  # Not --locked: its lockfile pins a crate version the registry mirror lacks.
  t cargo install wasm-bindgen-cli --version "$WB_VERSION" --root "$TOOLS" --force
fi
if [ "$(wasm-opt --version 2>/dev/null)" != "wasm-opt version 132 (version_132)" ]; then
  # Debian's binaryen 108 cannot parse what rustc 1.95 emits.
  mkdir -p "$TOOLS/npm"
  (cd "$TOOLS/npm" && t npm install --no-audit --no-fund --no-save "binaryen@$BINARYEN_NPM")
fi

if [ "${1:-}" = "--test" ]; then
  # A CJK font so that screenshots of the Chinese UI are readable.
  if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null || [ ! -d /usr/share/fonts/truetype/wqy ]; then
    t apt-get update -qq
    t env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver fonts-wqy-microhei
  fi
  if [ ! -x "$ROOT/e2e/node_modules/.bin/playwright" ] || [ ! -d "$ROOT/e2e/node_modules/@axe-core/playwright" ] ||
     [ "$("$ROOT/e2e/node_modules/.bin/playwright" --version 2>/dev/null)" != "Version $PW_VERSION" ]; then
    (cd "$ROOT/e2e" && t env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
echo "[setup] tools ready in $TOOLS"
