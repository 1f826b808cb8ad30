#!/usr/bin/env bash
# Trunk's post-build hook (Trunk.toml says why it is one): the page's start-up script into a
# file, the files fetched on demand, then (release builds) the prerendered first screen and the
# Brotli copies of every file as they finally are.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
python3 scripts/csp-init.py
python3 scripts/site-files.py
# Release builds only: a debug wasm is large and `trunk serve` rebuilds often.
if [ "${TRUNK_PROFILE:-}" = release ]; then
  node scripts/prerender.js
  node scripts/compress.js
fi
