#!/usr/bin/env bash
# serve.sh -- install whatever is missing, then serve podlab at http://127.0.0.1:8080/
#   bash scripts/serve.sh            # trunk serve (rebuilds on change)
#   bash scripts/serve.sh --release  # optimised build, as published
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# An optimised build prerenders its first screen (scripts/prerender.js) in a headless Chromium.
case " $* " in
  *" --release "*) bash scripts/setup.sh --site ;;
  *) bash scripts/setup.sh ;;
esac
source scripts/env.sh
cargo fetch --quiet            # Trunk runs cargo --offline
exec trunk serve "$@"
