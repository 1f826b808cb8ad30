#!/usr/bin/env python3
"""Trunk post-build step (scripts/post-build.sh, after csp-init.py): the files the page fetches
on demand. Each file in static/lazy/ (the time-zone database, the field descriptions for
`kubectl explain`) and the lessons (src/lesson/content/, as one `lessons.json`) is put at the
site's root under a name with its content's hash, like Trunk's own assets, so a browser may
cache it for good; the page names it in a `<meta name="podlab-asset:FILE"
content="./FILE-HASH.EXT">` that the app reads (src/ui/assets.rs). Relative, so the site works
from any sub-path.
"""
import hashlib
import json
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("site-files.py runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)")
page = os.path.join(staging, "index.html")
with open(page, encoding="utf-8") as f:
    html = f.read()

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
lazy = os.path.join(staging, "static", "lazy")
files = {}
for name in sorted(os.listdir(lazy)) if os.path.isdir(lazy) else []:
    with open(os.path.join(lazy, name), "rb") as f:
        files[name] = f.read()
    os.remove(os.path.join(lazy, name))
if os.path.isdir(lazy) and not os.listdir(lazy):
    os.rmdir(lazy)
# The lessons, one JSON object of id -> the lesson's file (src/lesson.rs installs it).
lessons_dir = os.path.join(ROOT, "src", "lesson", "content")
lessons = {}
for name in sorted(os.listdir(lessons_dir)):
    if name.endswith(".yaml"):
        with open(os.path.join(lessons_dir, name), encoding="utf-8") as f:
            lessons[name[: -len(".yaml")]] = f.read()
files["lessons.json"] = json.dumps(lessons, ensure_ascii=False, sort_keys=True).encode()
metas = []
for name, data in files.items():
    stem, ext = os.path.splitext(name)
    hashed = f"{stem}-{hashlib.sha256(data).hexdigest()[:16]}{ext}"
    with open(os.path.join(staging, hashed), "wb") as f:
        f.write(data)
    metas.append(f'<meta name="podlab-asset:{name}" content="./{hashed}" />')
if metas:
    html = re.sub(r"\s*<meta name=\"podlab-asset:[^>]*>", "", html)
    html = html.replace("</head>", "  " + "\n    ".join(metas) + "\n  </head>", 1)
    with open(page, "w", encoding="utf-8") as f:
        f.write(html)

