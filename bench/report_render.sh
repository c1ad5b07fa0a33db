#!/usr/bin/env bash
# How fast headless Chromium renders the HTML report of a large day, and how big the file is.
# Plans `fsd generate --technicians 180 --jobs 1000 --seed 1`, writes its report, then opens it
# RUNS times in a fresh Chromium each time and prints the medians of:
#   in-page   navigation start to the end of the page's script, after a forced layout (the
#             page records it as body[data-render-ms]): parsing, styling, layout and script;
#   shot      wall time of a whole `chromium --screenshot` run of the report (start-up, load,
#             layout, paint, PNG), and the same for an empty page, whose difference is the
#             report's own share.
# Exits 1 when the in-page median is 2 s or more or the file is 5 MB or more.
# Usage: bench/report_render.sh [BUILD_DIR] [RUNS]
#   PLAN_SECONDS=30 sets the planner's time; ROADS=../shared/roads/porto puts the day on that road
#   network, so the map's routes follow the streets.
set -euo pipefail
build=${1:-build}
runs=${2:-5}
fsd="$build/bin/fsd"
chromium=$(command -v chromium || command -v chromium-browser) || { echo "chromium is not installed (make install-deps)" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

"$fsd" generate --technicians 180 --jobs 1000 --seed 1 ${ROADS:+--roads "$ROADS"} -o "$work/day.json" > /dev/null
"$fsd" plan "$work/day.json" -o "$work/plan.json" --time-limit "${PLAN_SECONDS:-30}" --no-progress -q > /dev/null
"$fsd" report "$work/day.json" "$work/plan.json" -o "$work/day.html"
echo '<!DOCTYPE html><html><body></body></html>' > "$work/empty.html"

browse() {  # browse PAGE ARGS...
    local page=$1; shift
    local profile
    profile=$(mktemp -d "$work/profile.XXXX")
    "$chromium" --headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking \
        --disable-component-update --disable-sync --user-data-dir="$profile" "$@" "file://$page" 2> /dev/null
}
milliseconds() { local t0 t1; t0=$(date +%s%N); "$@" > /dev/null; t1=$(date +%s%N); echo $(((t1 - t0) / 1000000)); }

: > "$work/in_page"; : > "$work/shot"; : > "$work/empty"
for _ in $(seq "$runs"); do
    browse "$work/day.html" --dump-dom | sed -n 's/.*data-render-ms="\([0-9]*\)".*/\1/p' >> "$work/in_page"
    milliseconds browse "$work/day.html" --screenshot="$work/day.png" --window-size=1400,1800 >> "$work/shot"
    milliseconds browse "$work/empty.html" --screenshot="$work/empty.png" --window-size=1400,1800 >> "$work/empty"
done

python3 - "$work" "$runs" <<'PY'
import json, os, statistics, sys
work, runs = sys.argv[1], int(sys.argv[2])
read = lambda name: [float(x) for x in open(os.path.join(work, name)).read().split()]
in_page = read("in_page")
shot, empty = [x / 1000 for x in read("shot")], [x / 1000 for x in read("empty")]
assert len(in_page) == runs, "the page did not report its render time"
plan = json.load(open(os.path.join(work, "plan.json")))
visits = sum(1 for r in plan["routes"] for s in r["stops"] if "job" in s)
size = os.path.getsize(os.path.join(work, "day.html"))
print(f"report: 180 technicians, 1000 jobs, {visits} visits, {size / 1e6:.2f} MB{os.environ.get('ROADS') and ', along the roads' or ''}")
print(f"in-page render (ms), median of {runs}: {statistics.median(in_page):.0f}   runs: {' '.join(f'{x:.0f}' for x in in_page)}")
print(f"screenshot run (s), median: report {statistics.median(shot):.2f}, empty page {statistics.median(empty):.2f}, "
      f"difference {statistics.median(shot) - statistics.median(empty):.2f}")
ok = statistics.median(in_page) < 2000 and size < 5e6
print("within the limits (render < 2 s, file < 5 MB)" if ok else "OVER THE LIMITS (render < 2 s, file < 5 MB)")
sys.exit(0 if ok else 1)
PY
echo "machine: $(nproc) cores, $(sed -n 's/^model name\s*: //p' /proc/cpuinfo | head -1); $("$chromium" --version 2> /dev/null)"
