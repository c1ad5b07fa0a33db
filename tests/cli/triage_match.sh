#!/usr/bin/env bash
# fsd triage and fsd match from the command line: the JSON contract, exit codes (0 ok, 2 bad
# input) and a saved model reused. Arguments: the bin directory and the source directory.
set -euo pipefail
bin="$1"
fsd="$bin/fsd"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {  # expected-code command...
    local want="$1"; shift
    set +e; "$@" >"$work/out" 2>"$work/err"; local got=$?; set -e
    [ "$got" = "$want" ] || { cat "$work/err" >&2; fail "exit $got, wanted $want: $*"; }
}

# Train once, then reuse the model file.
expect_exit 0 "$fsd" triage --save-model "$work/model.json"
[ -s "$work/model.json" ] || fail "no model file written"
model=(--model "$work/model.json")

expect_exit 0 "$fsd" triage "${model[@]}" --json "GAS LEAK?? smells like rotten eggs"
python3 - "$work/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
for key in ("job_type", "urgency", "skills", "confidence", "reasons", "safety_instruction"):
    assert key in r, key
assert r["job_type"] == "gas-leak", r["job_type"]
assert r["urgency"] == "emergency", r["urgency"]
assert r["safety_instruction"], "no safety instruction"
assert r["skills"][0]["skill"] == "hvac"
PY

expect_exit 0 "$fsd" triage "${model[@]}" --json "replace gas water heater next month"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["urgency"]=="scheduled", r; assert r["safety_instruction"] is None' "$work/out"

echo "boiler not firing up, radiators stone cold" >"$work/ticket.txt"
expect_exit 0 "$fsd" triage "${model[@]}" --json --file "$work/ticket.txt" --vulnerable elderly --temp-c -3
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["urgency"]=="emergency" and r["job_type"]=="boiler-repair", r' "$work/out"

expect_exit 2 "$fsd" triage "${model[@]}"
# Blank tickets are refused, not guessed at.
expect_exit 2 "$fsd" triage "${model[@]}" "   "
grep -q "blank" "$work/err" || fail "blank TEXT should say it is blank"
printf ' \n\t\n' >"$work/blank.txt"
expect_exit 2 "$fsd" triage "${model[@]}" --file "$work/blank.txt"
grep -q "blank.txt" "$work/err" || fail "blank --file should name the file"
expect_exit 2 "$fsd" triage "${model[@]}" --temp-c nan "no heat"
expect_exit 2 "$fsd" triage "${model[@]}" --temp-c -300 "no heat"
expect_exit 2 "$fsd" triage "${model[@]}" --threshold nan "no heat"
expect_exit 2 "$fsd" triage "${model[@]}" --file "$work"
grep -q "is a directory" "$work/err" || fail "a directory given as --file is not named as one"
expect_exit 2 "$fsd" triage "${model[@]}" --date 2026-02-30 "no heat"
# An unwritable output is refused before any training (so quickly, and as bad input).
expect_exit 2 "$fsd" triage --save-model /nonexistent/dir/m.json
grep -q -- "--save-model" "$work/err" || fail "unwritable --save-model should name the option"
# A malformed model file is named once, not twice.
echo '{' >"$work/bad.json"
expect_exit 2 "$fsd" triage --model "$work/bad.json" "no heat"
[ "$(grep -o 'bad.json' "$work/err" | wc -l)" = 1 ] || { cat "$work/err" >&2; fail "path repeated"; }

# Planned work in an emergency type's words is not elevated; a hazard the classifier alone
# decides is, and carries an instruction.
expect_exit 0 "$fsd" triage "${model[@]}" --json "install a CO alarm"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["urgency"]!="emergency" and r["safety_instruction"] is None, r' "$work/out"
expect_exit 0 "$fsd" triage "${model[@]}" --json "CARBON MONOXIDE ALARM!!!"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); assert r["urgency"]=="emergency" and r["safety_instruction"], r' "$work/out"
expect_exit 2 "$fsd" triage "${model[@]}" --vulnerable nobody "no heat"
expect_exit 2 "$fsd" triage --model "$work/missing.json" "no heat"
expect_exit 2 "$fsd" triage "${model[@]}" --file "$work/missing.txt"

# The exported training split, trained on as a TSV file, gives the same held-out figures.
expect_exit 0 "$fsd" triage --export-corpus "$work/corpus"
[ "$(grep -vc '^#' "$work/corpus-training.tsv")" = 8000 ] || fail "training export size"
[ "$(grep -vc '^#' "$work/corpus-held-out.tsv")" = 3000 ] || fail "held-out export size"
expect_exit 0 "$fsd" triage "${model[@]}" --evaluate --json
mv "$work/out" "$work/eval-builtin.json"
expect_exit 0 "$fsd" triage --train "$work/corpus-training.tsv" --evaluate --json
python3 - "$work/eval-builtin.json" "$work/out" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert abs(a["job_type_accuracy"] - b["job_type_accuracy"]) < 0.005, (a["job_type_accuracy"], b["job_type_accuracy"])
assert b["job_type_accuracy"] >= 0.90 and b["false_elevation_rate"] <= 0.05, b
PY

expect_exit 0 "$fsd" generate --seed 3 -o "$work/problem.json"
expect_exit 0 "$fsd" match "$work/problem.json" J0001 -k 2 --json
python3 - "$work/out" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
assert r["job"] == "J0001"
assert len(r["candidates"]) == min(2, r["eligible"]), r
assert r["eligible"] + len(r["ineligible"]) == 12, r  # every technician is accounted for
for c in r["candidates"]:
    assert any("min away" in reason for reason in c["reasons"]), c
for x in r["ineligible"]:
    assert x["reasons"], x
PY
expect_exit 0 "$fsd" match "$work/problem.json" J0001
grep -q "technicians qualify" "$work/out" || fail "match text output"
expect_exit 2 "$fsd" match "$work/problem.json" NO-SUCH-JOB
expect_exit 2 "$fsd" match "$work/missing.json" J0001

# --records: first-time-fix rates and customer visits reach the reasons.
expect_exit 0 "$fsd" match "$work/problem.json" J0001 -k 12 --json
python3 - "$work/out" "$work/problem.json" "$work/records.json" <<'PY'
import json, sys
r, p = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
job = next(j for j in p["jobs"] if j["id"] == "J0001")
last = r["candidates"][-1]["technician"]
records = {"format": "fsd-match-records/1", "technicians": {last: {
    "first_time_fix": {job["job_type"]: {"jobs": 50, "fixed_first_time": 49}}}}}
json.dump(records, open(sys.argv[3], "w"))
PY
expect_exit 0 "$fsd" match "$work/problem.json" J0001 -k 12 --json --records "$work/records.json"
grep -q "first-time fix 98%" "$work/out" || fail "--records not used"
echo '{"format": "fsd-match-records/1", "technicians": {"NOPE": {}}}' >"$work/bad-records.json"
expect_exit 2 "$fsd" match "$work/problem.json" J0001 --records "$work/bad-records.json"
grep -q 'bad-records.json: technicians.NOPE' "$work/err" || fail "records error should name file and path"

# --plan: the day's other jobs count as load; the matched job itself does not.
expect_exit 0 "$fsd" plan "$work/problem.json" --planner baseline --no-progress -q -o "$work/plan.json"
job=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); r=next(r for r in d["routes"] if len(r["stops"])>=2); print(r["stops"][1]["job"])' "$work/plan.json")
expect_exit 0 "$fsd" match "$work/problem.json" "$job" -k 12 --json --plan "$work/plan.json"
python3 - "$work/out" "$work/plan.json" "$job" <<'PY'
import json, sys
r, plan, job = json.load(open(sys.argv[1])), json.load(open(sys.argv[2])), sys.argv[3]
route = next(rt for rt in plan["routes"] if any(s["job"] == job for s in rt["stops"]))
day = next(s["start"][:10] for s in route["stops"] if s["job"] == job)
same_day = sum(1 for rt in plan["routes"] if rt["technician"] == route["technician"]
               for s in rt["stops"] if "job" in s and s["start"][:10] == day)
c = next(c for c in r["candidates"] if c["technician"] == route["technician"])
want = same_day - 1
assert any(x == f"{want} job{'' if want == 1 else 's'} today" for x in c["reasons"]), (want, c)
PY

# Triage takes its duration from a fitted duration model when given one: the model learnt a
# history where boiler repairs run twice as long as the taxonomy's typical figure.
"$fsd" generate-history --rows 20000 --seed 4 --shift-from 2000-01-01 --shift-factor 2 --shift-job-type boiler-repair \
  -o "$work/history.csv" > /dev/null || fail "generate-history"
"$fsd" estimate fit "$work/history.csv" -o "$work/durations.json" > /dev/null || fail "estimate fit"
ticket="boiler leaking and banging, no hot water"
"$fsd" triage --json "$ticket" > "$work/typical.json" || fail "triage"
"$fsd" triage --json --duration-model "$work/durations.json" "$ticket" > "$work/fitted.json" || fail "triage with model"
python3 - "$work/typical.json" "$work/fitted.json" <<'PY' || fail "fitted duration not used"
import json, sys
typ, fit = (json.load(open(f)) for f in sys.argv[1:3])
assert typ["job_type"] == fit["job_type"] == "boiler-repair", (typ["job_type"], fit["job_type"])
assert fit["duration_minutes"]["p50"] > 1.5 * typ["duration_minutes"]["p50"], (typ["duration_minutes"], fit["duration_minutes"])
PY
expect_exit 2 "$fsd" triage --duration-model "$work/missing.json" "$ticket"
echo "ok"
