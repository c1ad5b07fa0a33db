#!/usr/bin/env bash
# The CLI's contract: input errors exit 2 and name every defect with its JSON path; success exits 0.
set -u
bin=$1; src=$2
fsd=$bin/fsd
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

# fsd validate lists every defect of the deliberately broken example, with its path, and exits 2.
"$fsd" validate "$src/examples/data/bad-problem.json" 2> "$tmp/err"; code=$?
[ $code -eq 2 ] || fail "validate on bad input exited $code, expected 2"
for path in "technicians[1].efficiency" "jobs[0].skills[0]" "jobs[1].location.lat" "jobs[1].duration_min" \
            "jobs[2].urgency" "jobs[2].preferred_technicians[0]" "jobs[3].colour" "jobs[3].location" \
            "technicians[0].shifts[0]" "technicians[1].id" "jobs[0].time_windows[0]"; do
  grep -qF "  $path: " "$tmp/err" || fail "validate did not report $path"
done

# Unreadable and malformed files are input errors too.
"$fsd" validate "$tmp/missing.json" 2>/dev/null; [ $? -eq 2 ] || fail "missing file did not exit 2"
echo '{"format": "fsd-problem/1",' > "$tmp/broken.json"
"$fsd" validate "$tmp/broken.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "malformed JSON did not exit 2"
grep -q "malformed JSON" "$tmp/err" || fail "malformed JSON not named"
"$fsd" plan "$tmp/broken.json" -o "$tmp/p.json" 2>/dev/null; [ $? -eq 2 ] || fail "plan on malformed JSON did not exit 2"
[ ! -e "$tmp/p.json" ] || fail "a plan was written for bad input"
"$fsd" nosuchcommand 2>/dev/null; [ $? -eq 2 ] || fail "an unknown subcommand did not exit 2"
# A key given twice in one object is an input error at its path, not the last one read silently.
echo '{"format": "fsd-problem/1", "technicians": [], "jobs": [], "jobs": []}' > "$tmp/twice.json"
"$fsd" validate "$tmp/twice.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a key given twice did not exit 2"
grep -q "  jobs: key given twice in one object" "$tmp/err" || fail "a key given twice is not named: $(cat "$tmp/err")"
# A CVRPLIB .sol numbers customers and has no breaks: a generated day's plan is refused at -o,
# before the work; a Solomon instance's is written, and fsd evaluate reads it back.
"$fsd" generate --technicians 2 --jobs 5 --seed 1 -o "$tmp/day.json" > /dev/null || fail "generate"
"$fsd" plan "$tmp/day.json" -o "$tmp/day.sol" --iterations 10 --no-progress 2> "$tmp/err"; [ $? -eq 2 ] || fail "plan -o .sol of a generated day did not exit 2"
grep -q -- "-o: a CVRPLIB .sol names customers by number" "$tmp/err" || fail ".sol refusal not named: $(cat "$tmp/err")"
[ ! -e "$tmp/day.sol" ] || fail "a refused .sol was written"
solomon="$src/../shared/benchmarks/solomon/C101.txt"
[ -f "$solomon" ] || fail "$solomon not found (../shared must be beside the checkout)"
"$fsd" plan "$solomon" -o "$tmp/c101.sol" --iterations 50 --no-progress -q > /dev/null || fail "plan -o .sol of a Solomon instance"
"$fsd" evaluate "$solomon" "$tmp/c101.sol" > /dev/null || fail "a Solomon .sol written by plan does not evaluate"
# A number no double holds, and a directory given as a file, are input errors named as such.
echo '{"format": "fsd-problem/1", "name": 1e400}' > "$tmp/huge.json"
"$fsd" validate "$tmp/huge.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a number of 1e400 did not exit 2"
grep -q "malformed JSON" "$tmp/err" || fail "a number of 1e400 is not reported as malformed JSON"
"$fsd" validate "$tmp" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a directory did not exit 2"
grep -q "is a directory" "$tmp/err" || fail "a directory is not named as one"
# A seed is a whole number that fits 64 bits: not wrapped from -1, not saturated.
for seed in -1 18446744073709551616 1.5; do
  "$fsd" generate --technicians 2 --jobs 3 --seed $seed -o "$tmp/s.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "--seed $seed did not exit 2"
  grep -q -- "--seed" "$tmp/err" || fail "--seed $seed: the error does not name --seed"
done

# Numeric options are finite numbers in their range, refused by name: NaN, infinities and
# negatives used to run unoptimised, forever, or write files the readers refuse.
"$fsd" generate --technicians 3 --jobs 5 --seed 1 -o "$tmp/small.json" > /dev/null || fail "generate (small) failed"
for args in "plan $tmp/small.json -o $tmp/x.json --time-limit nan" "plan $tmp/small.json -o $tmp/x.json --time-limit inf" \
            "plan $tmp/small.json -o $tmp/x.json --iterations -1" "generate -o $tmp/x.json --centre-lat 90" \
            "generate -o $tmp/x.json --radius-km inf" "estimate evaluate --months 0"; do
  option=$(echo "$args" | grep -o -- '--[a-z-]*' | tail -1)
  timeout 60 "$fsd" $args > /dev/null 2> "$tmp/err"; code=$?
  [ $code -eq 2 ] || fail "$args exited $code, expected 2"
  grep -q -- "$option" "$tmp/err" || fail "$args: the error does not name $option"
done

# generate -> validate -> plan -> evaluate, all exit 0, and the plan passes the evaluator.
"$fsd" generate --technicians 6 --jobs 25 --seed 7 -o "$tmp/g.json" > /dev/null || fail "generate failed"
"$fsd" validate "$tmp/g.json" > /dev/null || fail "generated problem does not validate"
"$fsd" plan "$tmp/g.json" -o "$tmp/plan.json" -q --time-limit 1 --no-progress > /dev/null || fail "plan failed"
"$fsd" evaluate "$tmp/g.json" "$tmp/plan.json" --json > "$tmp/ev.json" || fail "evaluate rejected the plan"
grep -q '"feasible":true' "$tmp/ev.json" || fail "evaluate --json does not say feasible"

# A plan with a tampered start time is caught and exits 2.
python3 - "$tmp/plan.json" <<'PY' || fail "could not tamper with the plan"
import json, sys
p = json.load(open(sys.argv[1]))
stop = next(s for r in p["routes"] for s in r["stops"] if "job" in s)
stop["start"] = "2026-11-23T05:00"
json.dump(p, open(sys.argv[1], "w"))
PY
"$fsd" evaluate "$tmp/g.json" "$tmp/plan.json" > /dev/null; [ $? -eq 2 ] || fail "an impossible plan was not rejected"
echo "ok"
