#!/usr/bin/env bash
# publish.sh -- build the optimised static site and put it where a web server (or GitHub
# Pages, or a USB stick for an offline classroom) can serve it.
#
#   bash scripts/publish.sh              # -> artifacts/site/podlab/ (serve artifacts/site/)
#   bash scripts/publish.sh /var/www/lab # -> that directory (emptied first)
#
# The site uses relative URLs only, so it works from any sub-path and from any static file
# server; nothing is loaded from another site.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$ROOT"
# --site: also the headless Chromium and Playwright that prerender the first screen.
bash scripts/setup.sh --site
source scripts/env.sh
cargo fetch --quiet            # Trunk runs cargo --offline
OUT=${1:-artifacts/site/podlab}
trunk build --release
if ! grep -q 'class="prerender"' dist/index.html; then
  echo "publish.sh: dist/index.html has no prerendered first screen (see prerender.js's message above)" >&2
  exit 1
fi
rm -rf "$OUT"
mkdir -p "$OUT"
cp -r dist/. "$OUT/"
echo "published to $OUT ($(du -sh "$OUT" | cut -f1)); try: python3 -m http.server -d $(dirname "$OUT")"
