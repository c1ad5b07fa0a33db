#!/usr/bin/env bash
# The HTML report in a real browser: headless Chromium opens reports written by `fsd report`
# (a straight-line day and, when ../shared is there, a day on the Monaco road network), logs no
# JavaScript error, runs the page's script to its end, and has one route path per technician used
# and one bar per visit; a screenshot is taken. The harness proves it would see a script error.
# Skipped (exit 77, loudly) only when Chromium is not installed: `make install-deps` installs it.
# Usage: report_browser.sh BIN_DIR SOURCE_DIR BUILD_DIR
set -euo pipefail
fsd="$1/fsd"
src="$2"
out_dir="$3/report-browser"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
    echo "################################################################################"
    echo "SKIPPED: the browser test of the HTML report did not run: Chromium is not installed."
    echo "Install it with 'make install-deps' (Debian package 'chromium')."
    echo "################################################################################"
    exit 77
fi
mkdir -p "$out_dir"

# The flags Chromium needs as root in a sandbox without a network; a fresh profile each time.
browse() {  # browse FILE.html MODE ARGS... ; MODE is --dump-dom or --screenshot=PNG
    local page=$1; shift
    local profile
    profile=$(mktemp -d "$tmp/profile.XXXX")
    timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --enable-logging=stderr --v=0 "$@" "file://$page"
}

# Console messages (uncaught errors among them) are logged as "...:CONSOLE(...)" lines.
console_lines() { grep -E ':CONSOLE' "$1" || true; }

check_page() {  # check_page NAME PLAN.json REPORT.html
    local name=$1 plan=$2 page=$3
    browse "$page" --dump-dom > "$tmp/$name.dom" 2> "$tmp/$name.log" || { cat "$tmp/$name.log" >&2; fail "$name: chromium failed"; }
    local console
    console=$(console_lines "$tmp/$name.log")
    [ -z "$console" ] || fail "$name: the page logged to the console: $console"
    python3 - "$plan" "$tmp/$name.dom" "$name" <<'PY' || fail "$name: the rendered page is not the plan"
import json, sys
from html.parser import HTMLParser

plan = json.load(open(sys.argv[1]))
class Census(HTMLParser):
    def __init__(self):
        super().__init__()
        self.routes, self.visits, self.left_out, self.ready, self.route_points = [], [], 0, False, 0
    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        cls = (a.get("class") or "").split()
        if tag == "body":
            self.ready = a.get("data-ready") == "1"
        if tag == "path" and "route" in cls:
            self.routes.append(a["data-tech"])
            self.route_points += a["d"].count("L")
        if tag == "rect" and "visit" in cls:
            self.visits.append(a["data-job"])
        if tag == "tr" and "left-out-row" in cls:
            self.left_out += 1
census = Census()
census.feed(open(sys.argv[2]).read())
used = sorted({r["technician"] for r in plan["routes"] if any("job" in s for s in r["stops"])})
visits = sorted(s["job"] for r in plan["routes"] for s in r["stops"] if "job" in s)
assert census.ready, "the page's script did not run to its end"
assert sorted(census.routes) == used, (len(census.routes), len(used))
assert sorted(census.visits) == visits, (len(census.visits), len(visits))
assert census.left_out == len(plan["unassigned"]), (census.left_out, len(plan["unassigned"]))
print(f"{sys.argv[3]}: {len(used)} route paths ({census.route_points} segments), {len(visits)} visit bars, "
      f"{census.left_out} left out, no console output")
PY
    browse "$page" --screenshot="$out_dir/$name.png" --window-size=1400,1800 > /dev/null 2> "$tmp/$name.shot.log" ||
        { cat "$tmp/$name.shot.log" >&2; fail "$name: no screenshot"; }
    python3 - "$out_dir/$name.png" <<'PY' || fail "$name: the screenshot is not a 1400x1800 picture"
import struct, sys
data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n"
width, height = struct.unpack(">II", data[16:24])
assert (width, height) == (1400, 1800), (width, height)
assert len(data) > 20000, len(data)  # a blank page compresses to a few kB
PY
}

# A straight-line day.
"$fsd" generate --technicians 8 --jobs 40 --seed 3 -o "$tmp/day.json" > /dev/null
"$fsd" plan "$tmp/day.json" -o "$tmp/day.plan.json" --iterations 2000 --no-progress -q > /dev/null
"$fsd" report "$tmp/day.json" "$tmp/day.plan.json" -o "$tmp/day.html" > /dev/null
check_page straight "$tmp/day.plan.json" "$tmp/day.html"

# The same day with the cascade diff from a shorter search's plan (tests/cli/report_cascade.sh checks
# its content): it must render as cleanly.
"$fsd" plan "$tmp/day.json" -o "$tmp/early.plan.json" --iterations 100 --seed 7 --no-progress -q > /dev/null
"$fsd" report "$tmp/day.json" "$tmp/day.plan.json" --before "$tmp/early.plan.json" -o "$tmp/cascade.html" > /dev/null
check_page cascade "$tmp/day.plan.json" "$tmp/cascade.html"

# A day on a real road network: the routes follow the streets, so far more segments than stops.
monaco="$src/../shared/roads/monaco"
if [ -d "$monaco" ]; then
    "$fsd" generate --roads "$monaco" --centre-lat 43.7384 --centre-lon 7.4246 --radius-km 1.2 \
        --technicians 3 --jobs 12 --seed 2 -o "$tmp/roads.json" > /dev/null
    "$fsd" plan "$tmp/roads.json" -o "$tmp/roads.plan.json" --iterations 1000 --no-progress -q > /dev/null
    "$fsd" report "$tmp/roads.json" "$tmp/roads.plan.json" -o "$tmp/roads.html" | grep -q "drawn along the roads" ||
        fail "the report on roads was not drawn along them"
    check_page roads "$tmp/roads.plan.json" "$tmp/roads.html" | tee "$tmp/roads.out"
    segments=$(sed -n 's/.*(\([0-9]*\) segments).*/\1/p' "$tmp/roads.out")
    [ "${segments:-0}" -gt 60 ] || fail "road routes have only ${segments:-0} segments: not drawn along the streets"
else
    echo "note: $monaco is absent, so the road-geometry page was not checked"
fi

# The harness itself: a page with a script error must be caught.
sed 's|</body>|<script>notDefinedAnywhere();</script></body>|' "$tmp/day.html" > "$tmp/broken.html"
browse "$tmp/broken.html" --dump-dom > /dev/null 2> "$tmp/broken.log"
console_lines "$tmp/broken.log" | grep -q "Uncaught ReferenceError" || fail "a script error went unnoticed by this test"
echo "ok (screenshots in $out_dir)"
