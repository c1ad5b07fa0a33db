#!/usr/bin/env bash
# fsd plan --input-format vroom on examples/data/vroom-example.json: the VROOM solution it writes
# serves every job it can exactly once, inside its windows, by a vehicle with the skills and the
# capacity, and leaves out the one job nobody is skilled for. Bad VROOM input exits 2 with paths.
# Usage: vroom.sh BIN_DIR SOURCE_DIR
set -euo pipefail
fsd="$1/fsd"
example="$2/examples/data/vroom-example.json"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
# fsd evaluate of a VROOM solution on the example, its output to $2: prints the exit status.
evaluate_status() { set +e; "$fsd" evaluate --input-format vroom "$example" "$1" > "$2" 2>&1; echo $?; set -e; }

"$fsd" plan --input-format vroom --output-format vroom "$example" -o "$tmp/solution.json" \
    --iterations 3000 --no-progress -q > "$tmp/out" || fail "planning the VROOM example failed"
python3 - "$example" "$tmp/solution.json" <<'PY' || fail "the VROOM solution does not satisfy the example"
import json, sys
problem = json.load(open(sys.argv[1]))
solution = json.load(open(sys.argv[2]))
jobs = {j["id"]: j for j in problem["jobs"]}
vehicles = {v["id"]: v for v in problem["vehicles"]}
assert solution["code"] == 0
assert [u["id"] for u in solution["unassigned"]] == [111], solution["unassigned"]
assert solution["unassigned"][0]["x-fsd-reason"] == "no_qualified_technician"
served = []
for route in solution["routes"]:
    v = vehicles[route["vehicle"]]
    steps = route["steps"]
    assert steps[0]["type"] == "start" and steps[-1]["type"] == "end"
    assert v["time_window"][0] <= steps[0]["arrival"] and steps[-1]["arrival"] <= v["time_window"][1]
    assert route["delivery"][0] <= v["capacity"][0]
    for s in steps:
        if s["type"] == "job":
            j = jobs[s["id"]]
            served.append(s["id"])
            assert set(j.get("skills", [])) <= set(v["skills"]), (s["id"], route["vehicle"])
            begin = s["arrival"] + s["waiting_time"]
            windows = j.get("time_windows", [[0, 10**12]])
            assert any(a <= begin <= b for a, b in windows), (s["id"], begin)
            assert s["service"] == j["service"]
        if s["type"] == "break":
            brk = next(b for b in v["breaks"] if b["id"] == s["id"])
            begin = s["arrival"] + s["waiting_time"]
            assert brk["time_windows"][0][0] <= begin <= brk["time_windows"][0][1]
    for a, b in zip(steps, steps[1:]):
        assert a["arrival"] <= b["arrival"]
assert sorted(served) == sorted(i for i in jobs if i != 111), served
assert solution["summary"]["routes"] == len(solution["routes"])
assert solution["summary"]["cost"] == sum(r["cost"] for r in solution["routes"])
assert solution["summary"]["priority"] == sum(jobs[i].get("priority", 0) for i in served)
for r in solution["routes"]:  # a route's waiting is every step's, breaks' too
    assert r["waiting_time"] == sum(s.get("waiting_time", 0) for s in r["steps"]), r["vehicle"]
PY

# fsd validate reads VROOM's format too.
"$fsd" validate --input-format vroom "$example" | grep -q "valid (3 technicians, 11 jobs" || fail "validate --input-format vroom"

# fsd's evaluator checks the VROOM solution, and the report draws it.
"$fsd" evaluate --input-format vroom "$example" "$tmp/solution.json" > "$tmp/eval" || fail "the VROOM solution was not judged feasible"
grep -q '^feasible$' "$tmp/eval" || fail "evaluate did not say feasible"
# The solution scores as it was planned: each vehicle leaves at its start step, not at its shift start.
"$fsd" evaluate --input-format vroom "$example" "$tmp/solution.json" --json > "$tmp/eval.json" || fail "evaluate --json"
python3 - "$tmp/out" "$tmp/eval.json" <<'PY' || fail "the VROOM solution does not score as planned"
import json, re, sys
planned = open(sys.argv[1]).read()
cost = float(re.search(r"^  cost +([0-9.]+)", planned, re.M).group(1))
ev = json.load(open(sys.argv[2]))
assert abs(ev["kpis"]["cost"] - cost) < 0.01, (ev["kpis"]["cost"], cost)
PY
"$fsd" report --input-format vroom "$example" "$tmp/solution.json" -o "$tmp/report.html" > /dev/null || fail "no report of the VROOM solution"
grep -q 'data-job="106"' "$tmp/report.html" || fail "the report lacks job 106"
# A step moved before its job's window opens is caught.
python3 - "$tmp/solution.json" "$tmp/early.json" <<'PY'
import json, sys
solution = json.load(open(sys.argv[1]))
step = next(s for r in solution["routes"] for s in r["steps"] if s.get("id") == 106 and s["type"] == "job")
step["arrival"], step["waiting_time"] = 7 * 3600, 0
json.dump(solution, open(sys.argv[2], "w"))
PY
code=$(evaluate_status "$tmp/early.json" "$tmp/eval")
[ "$code" -eq 2 ] || fail "a VROOM solution serving job 106 at 07:00 was not rejected (exit $code)"

# The same problem as an fsd plan: fsd evaluate needs fsd's problem format, so only the shape.
"$fsd" plan --input-format vroom "$example" -o "$tmp/plan.json" --iterations 500 --no-progress -q > /dev/null
grep -q '"format": "fsd-plan/1"' "$tmp/plan.json" || fail "an fsd plan was not written"

# What fsd cannot honour: exit 2, every path named, nothing written.
python3 - "$example" "$tmp/bad.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["shipments"] = [{"pickup": {"id": 1}, "delivery": {"id": 2}}]
del doc["vehicles"][1]["end_index"]
doc["jobs"][2]["setup"] = 120
doc["vehicles"][0]["breaks"][0]["max_load"] = [3]
json.dump(doc, open(sys.argv[2], "w"))
PY
set +e
"$fsd" plan --input-format vroom "$tmp/bad.json" -o "$tmp/never.json" --no-progress 2> "$tmp/err"
code=$?
set -e
[ "$code" -eq 2 ] || fail "bad VROOM input exited $code, expected 2"
for path in "shipments[0]" "vehicles[1].end_index" "jobs[2].setup" "vehicles[0].breaks[0].max_load"; do
    grep -qF "  $path: " "$tmp/err" || { cat "$tmp/err" >&2; fail "no error reported at $path"; }
done
[ ! -e "$tmp/never.json" ] || fail "a solution was written for bad input"

# fsd evaluate names a VROOM solution's steps (the start step is steps[0]), not fsd's stops.
python3 - "$tmp/solution.json" "$tmp/twice.json" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
steps = next(r for r in doc["routes"] if sum(s["type"] == "job" for s in r["steps"]) >= 2)["steps"]
first = next(i for i, s in enumerate(steps) if s["type"] == "job")
steps.insert(first + 1, dict(steps[first]))  # the first job twice in a row
json.dump(doc, open(sys.argv[2], "w"))
PY
code=$(evaluate_status "$tmp/twice.json" "$tmp/out")
[ "$code" -eq 2 ] || fail "a solution with a job twice exited $code, expected 2"
grep -q "routes\[[0-9]*\].steps\[" "$tmp/out" || { cat "$tmp/out" >&2; fail "the violations do not name the solution's steps"; }
! grep -q "\.stops\[" "$tmp/out" || { cat "$tmp/out" >&2; fail "the violations name fsd's stops"; }
# A document that is not an object names the file.
echo '[1, 2]' > "$tmp/array.json"
set +e
"$fsd" plan --input-format vroom "$tmp/array.json" -o "$tmp/never.json" --no-progress 2> "$tmp/err"
set -e
grep -qF "$tmp/array.json: expected an object, got an array" "$tmp/err" || { cat "$tmp/err" >&2; fail "the file is not named"; }
echo "ok"
