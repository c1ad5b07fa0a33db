#!/usr/bin/env bash
# fsd simulate: every policy runs a generated day and writes the executed day, which fsd evaluate
# scores as it happened (the jobs it counts are the jobs done); the same seed writes the same file;
# fsd report draws the plan with the executed day behind it; bad options exit 2 and name themselves.
set -u
bin=$1
fsd=$bin/fsd
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$fsd" generate --technicians 6 --jobs 25 --seed 3 -o "$tmp/day.json" > /dev/null || fail "generate failed"
for policy in whiteboard optimiser-mean optimiser-p75 live live-p50; do
    "$fsd" simulate "$tmp/day.json" --policy $policy --seed 2 --iterations-per-job 40 --json -o "$tmp/$policy.json" \
        --planned "$tmp/$policy.planned.json" --report "$tmp/$policy.html" > "$tmp/$policy.out" || fail "simulate --policy $policy failed"
    [ -s "$tmp/$policy.problem.json" ] || fail "$policy: no as-executed problem written"
    grep -qi "planned against actual" "$tmp/$policy.html" || fail "$policy: the report has no planned-against-actual section"
    "$fsd" evaluate "$tmp/$policy.problem.json" "$tmp/$policy.json" --json > "$tmp/$policy.eval" || fail "$policy: evaluate failed"
    python3 - "$tmp/$policy.out" "$tmp/$policy.eval" <<'PY' || fail "$policy: the executed plan does not score as the day's KPIs"
import json, sys
sim = json.load(open(sys.argv[1]))
ev = json.load(open(sys.argv[2]))
assert sim["policy"], sim
done = sim["kpis"]["done"]
assert 0 < done <= sim["kpis"]["jobs"], sim["kpis"]
assert ev["kpis"]["jobs_assigned"] == done, (ev["kpis"]["jobs_assigned"], done)
PY
    # The morning plan's times hold at the problem's quantile (re-derived for plans made on others).
    "$fsd" evaluate "$tmp/day.json" "$tmp/$policy.planned.json" > "$tmp/$policy.planned.eval"
    ! grep -q "(schedule)" "$tmp/$policy.planned.eval" || fail "$policy: the morning plan states times that do not hold"
    "$fsd" report "$tmp/day.json" "$tmp/$policy.planned.json" --sim "$tmp/$policy.json" -o "$tmp/$policy.sim.html" > /dev/null \
        || fail "$policy: report --sim failed"
    grep -q "actual" "$tmp/$policy.sim.html" || fail "$policy: report --sim draws no actual day"
done

# The same seed, the same executed day, byte for byte.
"$fsd" simulate "$tmp/day.json" --policy live --seed 2 --iterations-per-job 40 -o "$tmp/again.json" > /dev/null || fail "second live run failed"
cmp -s "$tmp/live.json" "$tmp/again.json" || fail "live: the same seed wrote another executed day"

# A day of a multi-day problem: planned on that day's shifts only, its KPIs its own jobs', and the
# morning plan read with the whole problem.
"$fsd" generate --technicians 4 --jobs 20 --days 3 --seed 5 -o "$tmp/days.json" > /dev/null || fail "generate --days 3 failed"
"$fsd" simulate "$tmp/days.json" --policy optimiser-p75 --day 2 --iterations-per-job 40 --json -o "$tmp/d2.json" \
    --planned "$tmp/d2.planned.json" > "$tmp/d2.out" || fail "simulate --day 2 failed"
"$fsd" evaluate "$tmp/days.json" "$tmp/d2.planned.json" --json > "$tmp/d2.planned.eval" || fail "the day's morning plan does not evaluate"
python3 - "$tmp/d2.out" "$tmp/d2.planned.json" "$tmp/d2.planned.eval" <<'PY' || fail "day 2 of 3 was planned on other days or counted their jobs"
import json, sys
kpis = json.load(open(sys.argv[1]))["kpis"]
plan = json.load(open(sys.argv[2]))
ev = json.load(open(sys.argv[3]))
assert kpis["jobs"] < 20, kpis["jobs"]
assert kpis["done"] >= 7, kpis["done"]  # 5 when the morning plan put most of the day's jobs on past days
assert plan["routes"] and all(r["departure"].startswith("2026-11-25") for r in plan["routes"]), [r["departure"] for r in plan["routes"]]
assert ev["feasible"], ev["violations"]
PY
"$fsd" report "$tmp/days.json" "$tmp/d2.planned.json" --sim "$tmp/d2.json" -o "$tmp/d2.html" > /dev/null \
    || fail "report --sim of a day of a multi-day problem failed"
grep -q "Planned against actual" "$tmp/d2.html" || fail "the day's report has no planned-against-actual section"

# An output that would overwrite an input: refused before any work, the input left as it was.
cp "$tmp/day.json" "$tmp/tuesday.problem.json"
sum=$(cksum < "$tmp/tuesday.problem.json")
"$fsd" simulate "$tmp/tuesday.problem.json" --policy whiteboard -o "$tmp/tuesday.json" 2> "$tmp/err"
[ $? -eq 2 ] || fail "an as-executed problem named as the input did not exit 2"
grep -q -- "--executed-problem: .*is the PROBLEM file read" "$tmp/err" || fail "the overwrite is not named: $(cat "$tmp/err")"
[ "$(cksum < "$tmp/tuesday.problem.json")" = "$sum" ] || fail "the input problem was overwritten"
# Two outputs on one file not written yet, named two ways.
(cd "$tmp" && "$fsd" simulate day.json --policy whiteboard -o new.json --planned ./new.json 2> err2); [ $? -eq 2 ] \
    || fail "-o new.json --planned ./new.json did not exit 2"
grep -q -- "--planned: ./new.json is also written as -o" "$tmp/err2" || fail "the clash is not named: $(cat "$tmp/err2")"

"$fsd" simulate "$tmp/day.json" --policy nonsense 2> /dev/null; [ $? -eq 2 ] || fail "an unknown policy did not exit 2"
"$fsd" simulate "$tmp/day.json" --policy live --cancel-rate 2 2> "$tmp/err"; [ $? -eq 2 ] || fail "a bad rate did not exit 2"
grep -q -- "--cancel-rate" "$tmp/err" || fail "the error does not name --cancel-rate"
"$fsd" simulate "$tmp/day.json" --policy live --technicians-judge-at p60 2> "$tmp/err"; [ $? -eq 2 ] || fail "a bad quantile did not exit 2"
grep -q -- "--technicians-judge-at" "$tmp/err" || fail "the error does not name --technicians-judge-at"
# Budgets and minutes that are not finite numbers in range exit 2 at once (a NaN budget used to spin).
for bad in "--iterations-per-job nan" "--iterations-per-job -5" "--bring-forward-within nan" "--not-today-notice inf"; do
  timeout 60 "$fsd" simulate "$tmp/day.json" --policy live $bad 2> "$tmp/err"; [ $? -eq 2 ] || fail "$bad did not exit 2"
  grep -q -- "${bad% *}" "$tmp/err" || fail "$bad: the error does not name the option"
done
# The technicians may judge at another quantile than the day's plans.
"$fsd" simulate "$tmp/day.json" --policy live-p50 --seed 2 --iterations-per-job 40 --technicians-judge-at p50 --json \
    -o "$tmp/judged.json" > "$tmp/judged.out" || fail "simulate --technicians-judge-at p50 failed"
python3 -c "import json,sys; k = json.load(open(sys.argv[1]))['kpis']; assert 0 < k['done'] <= k['jobs'], k" "$tmp/judged.out" \
    || fail "--technicians-judge-at p50: no day"

# A recorded day replayed: with the rates at 0, the one cancellation is the recorded one; the
# recorded durations are the executed ones; a bad recording exits 2 and names the field at fault.
python3 - "$tmp/day.json" "$tmp/recorded.json" <<'PY' || fail "could not write the recorded day"
import json, sys
p = json.load(open(sys.argv[1]))
scheduled = [j["id"] for j in p["jobs"] if "reported_at" not in j]
day = p["horizon"]["start_date"]
rec = [{"id": scheduled[0], "outcome": "cancelled", "cancelled_at": day + "T07:30"},
       {"id": scheduled[1], "outcome": "not_home"}]
rec += [{"id": i, "duration_min": 50} for i in scheduled[2:]]
json.dump({"jobs": rec}, open(sys.argv[2], "w"))
PY
"$fsd" simulate "$tmp/day.json" --policy live --seed 2 --iterations-per-job 40 --cancel-rate 0 --not-home-rate 0 --json \
    --recorded "$tmp/recorded.json" -o "$tmp/replayed.json" > "$tmp/replayed.out" || fail "simulate --recorded failed"
python3 - "$tmp/replayed.out" "$tmp/replayed.json" "$tmp/day.json" <<'PY' || fail "--recorded: the day did not keep what was recorded"
import json, sys
k = json.load(open(sys.argv[1]))["kpis"]
assert k["cancelled"] == 1 and k["not_home"] <= 1 and k["done"] > 0, k
from datetime import datetime
problem = json.load(open(sys.argv[3]))
eff = {t["id"]: t.get("efficiency", 1.0) for t in problem["technicians"]}
scheduled = [j["id"] for j in problem["jobs"] if "reported_at" not in j]
served = 0
for r in json.load(open(sys.argv[2]))["routes"]:
    for s in r["stops"]:
        if "job" not in s:
            continue
        assert s["job"] not in scheduled[:2], ("the cancelled or absent customer was served", s)
        if s["job"] in scheduled[2:]:
            took = (datetime.fromisoformat(s["end"]) - datetime.fromisoformat(s["start"])).total_seconds()
            assert abs(took - 50 * 60 / eff[r["technician"]]) <= 1, (r["technician"], s, took)
            served += 1
assert served > 0
PY
printf '{"jobs": [{"id": "no such job"}]}' > "$tmp/bad_recorded.json"
"$fsd" simulate "$tmp/day.json" --policy live --recorded "$tmp/bad_recorded.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a bad recording did not exit 2"
grep -q "jobs\[0\].id" "$tmp/err" || fail "the error does not name jobs[0].id: $(cat "$tmp/err")"
echo "simulate: ok"
