#!/usr/bin/env python3
"""The release site's size against its budgets (budgets/bundle.env): the first load (every file
dist/index.html names, which the browser fetches before the first render: the page, its
scripts, its style sheet, the wasm, the icon) and the files fetched on demand (the
`podlab-asset:` metas). Prints each file raw, gzip -9 and Brotli (the build's .br copy); exits
1 when a total is over its budget. Usage: bundle-size.py DIST [BUDGET_FILE]."""
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
first = ["index.html"] + [
    u[2:] if u.startswith("./") else u
    for u in re.findall(r'(?:href|src)="([^"]+)"', html)
    if not u.startswith(("http:", "https:", "data:"))
]


def sizes(name):
    path = os.path.join(dist, name)
    with open(path, "rb") as f:
        data = f.read()
    br = os.path.getsize(path + ".br") if os.path.exists(path + ".br") else None
    return len(data), len(gzip.compress(data, 9)), br


failed = False
for title, names, key in [("first load", first, "FIRST_LOAD_GZIP_BUDGET"),
                          ("on demand", lazy, "LAZY_GZIP_BUDGET")]:
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
