#!/usr/bin/env bash
# fsd matrix end to end: CSV shape, the JSON summary keys, the binary cache, exit codes for a
# point at sea and for unreachable pairs, and the DIMACS point convention.
# Usage: matrix.sh BIN_DIR SOURCE_DIR
set -euo pipefail
fsd="$1/fsd"
shared="$2/../shared/roads"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }

cat > "$work/points.csv" <<'CSV'
id,lat,lon
casino,43.7394,7.4276
harbour,43.7355,7.4235
station,43.7396,7.4203
fontvieille,43.7285,7.4160
CSV

# CSV: one row per point in order, seconds with one decimal, no header, zero diagonal.
"$fsd" matrix --roads "$shared/monaco" --points "$work/points.csv" -o "$work/m.csv" > "$work/out.txt"
[ "$(wc -l < "$work/m.csv")" -eq 4 ] || fail "expected 4 rows"
awk -F, 'NF != 4 { exit 1 } { for (i = 1; i <= 4; i++) if ($i !~ /^[0-9]+\.[0-9]$/) exit 1; if ($NR != "0.0") exit 1 }' "$work/m.csv" \
  || fail "bad CSV cells: $(cat "$work/m.csv")"
grep -q "4 read, 4 snapped" "$work/out.txt" || fail "text report lacks the snap count"
grep -q "unreachable  none" "$work/out.txt" || fail "text report lacks the unreachable line"

# --json-summary: exactly one JSON line with the agreed keys.
echo '{"bands": [{"from": "07:00", "to": "09:00", "speed_factor": 0.5}]}' > "$work/rush.json"
"$fsd" matrix --roads "$shared/monaco" --points "$work/points.csv" --profile "$work/rush.json" --json-summary \
  -o "$work/m.fsdm" > "$work/summary.json"
[ "$(wc -l < "$work/summary.json")" -eq 1 ] || fail "summary is not one line"
python3 - "$work/summary.json" <<'PY'
import json, sys
s = json.load(open(sys.argv[1]))
for key in ("points", "seconds", "unreachable_pairs", "max_snap_m"):
    assert key in s, key
assert s["points"] == 4 and s["unreachable_pairs"] == 0 and s["cache"] == "miss", s
assert 0 < s["max_snap_m"] < 100, s
assert s["buckets"][0]["speed_factor"] == 0.5, s
PY
# The binary output is the cache: the same network and points reuse it.
"$fsd" matrix --roads "$shared/monaco" --points "$work/points.csv" --json-summary -o "$work/m.fsdm" > "$work/again.json"
python3 -c 'import json,sys; s=json.load(open(sys.argv[1])); assert s["cache"] == "hit", s' "$work/again.json" || fail "no cache hit"
# A --cache that names a file which is no cache (a problem file, by a slip) is refused, not overwritten.
echo '{"format": "fsd-problem/1"}' > "$work/day.json"
set +e
"$fsd" matrix --roads "$shared/monaco" --points "$work/points.csv" -o "$work/m2.csv" --cache "$work/day.json" 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "--cache on a non-cache file: exit $code"
grep -q -- "--cache: .*day.json exists and is not an fsd matrix cache" "$work/err.txt" || fail "--cache: $(cat "$work/err.txt")"
[ "$(cat "$work/day.json")" = '{"format": "fsd-problem/1"}' ] || fail "the file given as --cache was overwritten"

# Rush hour CSVs: one file per band, every trip twice as long at half speed (each cell is
# rounded to 0.1 s on its own, so allow one step).
"$fsd" matrix --roads "$shared/monaco" --points "$work/points.csv" --profile "$work/rush.json" -o "$work/r.csv" > /dev/null
[ -f "$work/r.0700-0900.csv" ] || fail "no band file"
paste -d, "$work/r.csv" "$work/r.0700-0900.csv" | awk -F, '{ for (i = 1; i <= 4; i++) { d = $(i + 4) - 2 * $i; if (d > 0.15 || d < -0.15) exit 1 } }' \
  || fail "band matrix is not the free-flow matrix at half speed"

# A point far out at sea: exit 2, named, nothing written.
cp "$work/points.csv" "$work/sea.csv"
echo "sea,43.71,7.45" >> "$work/sea.csv"
set +e
"$fsd" matrix --roads "$shared/monaco" --points "$work/sea.csv" -o "$work/sea-m.csv" > /dev/null 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "point at sea: exit $code, expected 2"
grep -q "sea: nearest road node" "$work/err.txt" || fail "point at sea not named: $(cat "$work/err.txt")"
[ ! -e "$work/sea-m.csv" ] || fail "matrix written despite a point at sea"

# A one-way spur: 0 <-> 1 and 1 -> 2 only. By default the spur's point snaps onto the part
# every point can reach (node 1); with --any-node it lands on the spur, and its pairs are
# refused unless allowed, then written as empty cells.
mkdir "$work/spur"
printf 'id,osm_id,lat,lon\n0,1,41.0,-8.6\n1,2,41.0,-8.599\n2,3,41.001,-8.599\n' > "$work/spur/nodes.csv"
printf 'source,target,length_m,travel_time_s,speed_kmh,highway,osm_way_id\n0,1,84.0,6.0,50,residential,1\n1,0,84.0,6.0,50,residential,1\n1,2,111.2,8.0,50,residential,2\n' \
  > "$work/spur/edges.csv"
printf 'id,lat,lon\na,41.0,-8.6\nb,41.0,-8.599\nspur,41.001,-8.599\n' > "$work/spur-points.csv"
"$fsd" matrix --roads "$work/spur" --points "$work/spur-points.csv" -o "$work/spur.csv" > /dev/null
[ "$(sed -n 3p "$work/spur.csv")" = "6.0,0.0,0.0" ] || fail "spur snapped by default: $(sed -n 3p "$work/spur.csv")"
set +e
"$fsd" matrix --roads "$work/spur" --any-node --points "$work/spur-points.csv" -o "$work/spur.csv" > /dev/null 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "spur: exit $code, expected 2"
grep -q "no path spur -> a" "$work/err.txt" || fail "spur pairs not listed: $(cat "$work/err.txt")"
"$fsd" matrix --roads "$work/spur" --any-node --points "$work/spur-points.csv" --allow-unreachable -o "$work/spur.csv" > /dev/null
[ "$(sed -n 3p "$work/spur.csv")" = ",,0.0" ] || fail "spur row: $(sed -n 3p "$work/spur.csv")"
[ "$(sed -n 1p "$work/spur.csv")" = "0.0,6.0,14.0" ] || fail "first row: $(sed -n 1p "$work/spur.csv")"

# DIMACS: points in the .co convention (microdegrees, longitude first), with or without header.
mkdir "$work/dimacs"
printf 'p aux sp co 3\nv 1 -73530767 41085396\nv 2 -73530538 41086098\nv 3 -73530000 41085000\n' > "$work/dimacs/g.co"
printf 'p sp 3 4\na 1 2 100\na 2 1 100\na 2 3 50\na 3 2 60\n' > "$work/dimacs/g-t.gr"
printf 'id,x,y\nfirst,-73530767,41085396\nlast,-73530000,41085000\n' > "$work/dimacs-points.csv"
"$fsd" matrix --roads "$work/dimacs" --points "$work/dimacs-points.csv" -o "$work/d.csv" > /dev/null
[ "$(sed -n 1p "$work/d.csv")" = "0.0,0.5" ] || fail "DIMACS row: $(sed -n 1p "$work/d.csv")"  # 150 units x 3.6 ms
printf 'first,-73530767,41085396\nlast,-73530000,41085000\n' > "$work/dimacs-points.csv"
"$fsd" matrix --roads "$work/dimacs/g-t.gr" --points "$work/dimacs-points.csv" -o "$work/d2.csv" > /dev/null
cmp -s "$work/d.csv" "$work/d2.csv" || fail "headerless DIMACS points differ"

# A broken points file names its line.
printf 'id,lat,lon\na,43.73,7.42\nb,north,7.42\n' > "$work/bad.csv"
set +e
"$fsd" matrix --roads "$shared/monaco" --points "$work/bad.csv" -o "$work/bad-m.csv" > /dev/null 2> "$work/err.txt"
code=$?
set -e
[ "$code" -eq 2 ] || fail "bad points: exit $code"
grep -q "bad.csv:3" "$work/err.txt" || fail "bad points line not named: $(cat "$work/err.txt")"
echo "matrix CLI: all checks passed"
