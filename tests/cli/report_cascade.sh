#!/usr/bin/env bash
# `fsd report PLAN --before EARLIER`: the cascade diff. Two plans of one generated day (a short and a
# longer search) differ; every job whose technician differs between the two plan files (read here,
# independently of fsd) has a row in the cascade table and a mark on its visit, the previous plan's
# visits are drawn behind the rows, and the section's count agrees with `fsd cascade --json`.
# Usage: report_cascade.sh BIN_DIR SOURCE_DIR BUILD_DIR
set -euo pipefail
fsd="$1/fsd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

"$fsd" generate --technicians 8 --jobs 40 --seed 3 -o "$tmp/day.json" > /dev/null
"$fsd" plan "$tmp/day.json" -o "$tmp/before.json" --iterations 100 --seed 7 --no-progress -q > /dev/null
"$fsd" plan "$tmp/day.json" -o "$tmp/after.json" --iterations 2000 --no-progress -q > /dev/null
"$fsd" report "$tmp/day.json" "$tmp/after.json" --before "$tmp/before.json" -o "$tmp/diff.html" > /dev/null
"$fsd" cascade "$tmp/day.json" "$tmp/before.json" "$tmp/after.json" --json > "$tmp/cascade.json"

python3 - "$tmp/before.json" "$tmp/after.json" "$tmp/diff.html" "$tmp/cascade.json" <<'PY' || fail "the cascade diff is not the plans' difference"
import json, re, sys
from html.parser import HTMLParser

def technician_of(plan):
    return {s["job"]: r["technician"] for r in plan["routes"] for s in r["stops"] if "job" in s}
before, after = (technician_of(json.load(open(p))) for p in sys.argv[1:3])
moved = {j for j in after if j in before and before[j] != after[j]}
dropped = {j for j in before if j not in after}
assert moved, "the two searches gave the same assignment: the test proves nothing"

class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.in_cascade = self.in_cell = False
        self.rows, self.cell, self.marked, self.before_bars = [], [], {}, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "section":
            self.in_cascade = a.get("id") == "cascade"
        if self.in_cascade and tag == "tr":
            self.cell = []
        if self.in_cascade and tag == "td":
            self.in_cell = True
        for c in cls:
            if c.startswith("mark-") and "data-tip" in a:
                self.marked.setdefault(a["data-tip"].split()[0], set()).add(c)
        if tag == "rect" and "bar-before" in cls:
            self.before_bars += 1
    def handle_endtag(self, tag):
        if tag == "td":
            self.in_cell = False
        if self.in_cascade and tag == "tr" and self.cell:
            self.rows.append(self.cell)
        if tag == "section":
            self.in_cascade = False
    def handle_data(self, data):
        if self.in_cell:
            self.cell.append(data)
page = Page()
page.feed(open(sys.argv[3]).read())
rows = {r[0]: r for r in page.rows}
cascade = json.load(open(sys.argv[4]))
changed = cascade["jobs"]
assert len(rows) == len(changed), (len(rows), len(changed))
for j in moved:
    assert j in rows, f"{j} changed technician ({before[j]} -> {after[j]}) but has no cascade row"
    assert f"{before[j]} → {after[j]}" in rows[j][1], rows[j]
    assert page.marked.get(j), f"{j} changed technician but is not marked"
for j in dropped:
    assert "mark-unassigned" in page.marked.get(j, set()), f"{j} was dropped but is not marked unassigned"
assert page.before_bars == len(before), (page.before_bars, len(before))
print(f"{len(moved)} moved, {len(dropped)} dropped, {len(rows)} cascade rows, {page.before_bars} previous visits drawn")
PY

# With three files read, an error names the one at fault.
python3 -c "
import json, sys
p = json.load(open(sys.argv[1]))
p['routes'][0]['technician'] = 'T99'
json.dump(p, open(sys.argv[2], 'w'))" "$tmp/before.json" "$tmp/bad.json"
code=0
"$fsd" report "$tmp/day.json" "$tmp/after.json" --before "$tmp/bad.json" -o "$tmp/x.html" 2> "$tmp/err" || code=$?
[ "$code" -eq 2 ] || fail "a bad --before plan: exit $code"
grep -q "bad.json: routes\[0\].technician: unknown technician" "$tmp/err" || fail "the bad file is not named: $(cat "$tmp/err")"
echo ok
