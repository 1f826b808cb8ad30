#!/usr/bin/env python3
"""Trunk post-build hook: moves Trunk's inline start-up script into a file of its own.

The page's Content-Security-Policy (`script-src 'self' 'wasm-unsafe-eval'`) forbids inline
scripts, so the module that loads the wasm must come from the site itself. The file is named
after its content's hash, like Trunk's other assets, and the page loads it as a module.
"""
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("csp-init.py runs as a Trunk post_build hook (TRUNK_STAGING_DIR is not set)")
page = os.path.join(staging, "index.html")
with open(page, encoding="utf-8") as f:
    html = f.read()
inline = re.compile(r'<script type="module">(.*?)</script>', re.S)
found = inline.findall(html)
if len(found) != 1:
    sys.exit(f"csp-init.py: expected one inline module script in {page}, found {len(found)}")
code = found[0]
name = f"init-{hashlib.sha256(code.encode()).hexdigest()[:16]}.js"
with open(os.path.join(staging, name), "w", encoding="utf-8") as f:
    f.write(code)
html = inline.sub(lambda _: f'<script type="module" src="./{name}"></script>', html, count=1)
with open(page, "w", encoding="utf-8") as f:
    f.write(html)
