#!/usr/bin/env python3
"""The release site's size against its budgets (budgets/bundle.env), in three parts:

- the first render: what the browser needs before it draws the first scenario. With the
  prerendered first screen (scripts/prerender.js) that is the page, its style sheets, its
  blocking start-up script and the icon; without it (a build without the prerender step) it is
  every file the page names, the wasm included, as the app then draws the first frame itself;
- the app: what the page loads beside the first render and runs to take over (the module
  script, the wasm and their preloads), when the first screen is prerendered;
- on demand: the files the app fetches when a feature needs them (the `podlab-asset:` metas).

Prints each file raw, gzip -9 and Brotli (the build's .br copy); exits 1 when a total is over its
budget. Usage: bundle-size.py DIST [BUDGET_FILE]."""
import gzip
import os
import re
import sys

dist = sys.argv[1] if len(sys.argv) > 1 else "dist"
budget_file = sys.argv[2] if len(sys.argv) > 2 else "budgets/bundle.env"
budgets = {}
with open(budget_file) as f:
    for line in f:
        m = re.match(r"^([A-Z_]+)=(\d+)\s*$", line)
        if m:
            budgets[m.group(1)] = int(m.group(2))
with open(os.path.join(dist, "index.html"), encoding="utf-8") as f:
    html = f.read()
lazy = re.findall(r'<meta name="podlab-asset:[^"]+" content="\./([^"]+)"', html)


def local(url):
    return not url.startswith(("http:", "https:", "data:"))


def path_of(url):
    return url[2:] if url.startswith("./") else url


prerendered = 'class="prerender"' in html
render, app = ["index.html"], []
for tag in re.findall(r"<(?:link|script)\b[^>]*>", html):
    url = re.search(r'(?:href|src)="([^"]+)"', tag)
    if not url or not local(url.group(1)):
        continue
    # A module script and the preloads run the app; a style sheet, a classic script and the
    # icon come before the first paint.
    is_app = 'type="module"' in tag or re.search(r'rel="(?:modulepreload|preload)"', tag)
    (app if prerendered and is_app else render).append(path_of(url.group(1)))


def sizes(name):
    path = os.path.join(dist, name)
    with open(path, "rb") as f:
        data = f.read()
    br = os.path.getsize(path + ".br") if os.path.exists(path + ".br") else None
    return len(data), len(gzip.compress(data, 9)), br


failed = False
if not prerendered:
    print("the first screen is not prerendered: the first render waits for the app")
parts = [("first render", render, "FIRST_RENDER_GZIP_BUDGET")]
if prerendered:
    parts.append(("the app, loaded beside the first render", app, "APP_GZIP_BUDGET"))
parts.append(("on demand", lazy, "LAZY_GZIP_BUDGET"))
for title, names, key in parts:
    total = [0, 0, 0]
    print(f"{title}:")
    for name in dict.fromkeys(names):
        raw, gz, br = sizes(name)
        total[0] += raw
        total[1] += gz
        total[2] += br or 0
        print(f"  {name:<44} {raw:>10,} raw {gz:>10,} gzip {br or 0:>10,} br")
    budget = budgets.get(key)
    shown = f"   budget {budget:,} gzip" if budget is not None else ""
    print(f"  {'total':<44} {total[0]:>10,} raw {total[1]:>10,} gzip {total[2]:>10,} br{shown}")
    if budget is not None and total[1] > budget:
        print(f"the {title} ({total[1]:,} bytes gzip) is over its budget of {budget:,} bytes "
              f"({key} in {budget_file})", file=sys.stderr)
        failed = True
sys.exit(1 if failed else 0)
