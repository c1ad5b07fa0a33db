#!/usr/bin/env bash
# fsd dispatch and fsd cascade: a day started, events applied, its status, a replay that reproduces
# every hash; bad events exit 2 and leave the log as it was; a corrupt log line is named.
set -u
bin=$1; src=$2
fsd=$bin/fsd
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$fsd" generate --technicians 6 --jobs 25 --seed 3 -o "$tmp/day.json" > /dev/null || fail "generate failed"
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/state" --iterations 3000 > "$tmp/out" || fail "init failed"
grep -q "version 0" "$tmp/out" || fail "init does not name version 0"
for f in log.jsonl problem.json plans/v0000.json; do [ -s "$tmp/state/$f" ] || fail "init did not write $f"; done
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/state" 2> "$tmp/err"; [ $? -eq 2 ] || fail "init over an existing day did not exit 2"
# Nor inside another day's directory, nor over a day's leftovers without its log.
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/state/plans/inner" 2> "$tmp/err"; [ $? -eq 2 ] || fail "init inside another day did not exit 2"
grep -q "is inside another day's state directory" "$tmp/err" || fail "init inside another day: $(cat "$tmp/err")"
[ ! -e "$tmp/state/plans/inner" ] || fail "init inside another day wrote there"
mkdir -p "$tmp/leftover/plans"
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/leftover" 2> "$tmp/err"; [ $? -eq 2 ] || fail "init over a day's leftovers did not exit 2"
grep -q "holds a dispatch day's plans but no log" "$tmp/err" || fail "init over leftovers: $(cat "$tmp/err")"
# A first plan the evaluator refuses is named by its file, and leaves no directory behind.
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); p['routes']=p['routes'][:1]; json.dump(p,open(sys.argv[2],'w'))" \
    "$tmp/state/plans/v0000.json" "$tmp/partial.json" || fail "could not write a partial plan"
"$fsd" dispatch init "$tmp/day.json" --plan "$tmp/partial.json" -o "$tmp/refused" 2> "$tmp/err"; [ $? -eq 2 ] || fail "init with a partial plan did not exit 2"
grep -q "$tmp/partial.json: plan.jobs\[" "$tmp/err" || fail "init does not name the plan file: $(head -3 "$tmp/err")"
[ ! -e "$tmp/refused" ] || fail "a refused init left its directory behind"
# An event with a key given twice is refused at its line and key, and the log is left as it was.
cp "$tmp/state/log.jsonl" "$tmp/log.before"
echo '{"event": "job_cancelled", "at": "2026-11-23T08:20", "job": "J0001", "job": "J0002"}' > "$tmp/twice.jsonl"
"$fsd" dispatch apply "$tmp/state" "$tmp/twice.jsonl" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "an event with a key given twice did not exit 2"
grep -q "twice.jsonl: line 1, job: key given twice" "$tmp/err" || fail "the key given twice is not named: $(cat "$tmp/err")"
cmp -s "$tmp/log.before" "$tmp/state/log.jsonl" || fail "a refused event changed the log"
# An events file that is a directory is refused, not read as no events.
"$fsd" dispatch apply "$tmp/state" "$tmp" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "apply with a directory for events did not exit 2"
grep -q "is a directory" "$tmp/err" || fail "apply with a directory: $(cat "$tmp/err")"

# The first job of the first route starts on time and runs an hour long; a ticket comes in.
python3 - "$tmp/state/plans/v0000.json" > "$tmp/events.jsonl" <<'PY' || fail "could not write events"
import json, sys
plan = json.load(open(sys.argv[1]))
route = next(r for r in plan["routes"] if any("job" in s for s in r["stops"]))
stop = next(s for s in route["stops"] if "job" in s)
start = stop["start"][:16]
print(json.dumps({"event": "job_started", "at": start, "job": stop["job"], "technician": route["technician"]}))
print(json.dumps({"event": "running_late", "at": start, "job": stop["job"], "remaining_min": 150, "note": "seized valve"}))
print(json.dumps({"event": "job_added", "at": start, "job": {"id": "NEW1", "location": {"lat": 41.16, "lon": -8.62},
                  "duration_min": 30, "urgency": "emergency", "priority": 10}}))
# Another technician reports setting out for their first job when the plan has them leave.
other = next(r for r in plan["routes"] if r is not route and any("job" in s for s in r["stops"]))
first = next(s for s in other["stops"] if "job" in s)
print(json.dumps({"event": "on_the_way", "at": other["departure"][:16], "job": first["job"], "technician": other["technician"]}))
PY
# A dry run prints what the events would do and writes nothing; the real run then prints the same.
cp "$tmp/state/log.jsonl" "$tmp/log.before"
"$fsd" dispatch apply --dry-run "$tmp/state" "$tmp/events.jsonl" > "$tmp/dry" || fail "apply --dry-run failed"
grep -q "dry run: 4 event(s) would make version 4; nothing was written" "$tmp/dry" || fail "the dry run does not say so: $(tail -1 "$tmp/dry")"
cmp -s "$tmp/log.before" "$tmp/state/log.jsonl" || fail "a dry run changed the log"
[ ! -e "$tmp/state/plans/v0001.json" ] || fail "a dry run wrote a plan"
"$fsd" dispatch apply "$tmp/state" "$tmp/events.jsonl" > "$tmp/out" || fail "apply failed"
grep -q "version 4 is current" "$tmp/out" || fail "apply did not make four versions"
diff <(sed '$d' "$tmp/dry" | sed 's/, [0-9.]* s)/)/') <(sed '$d' "$tmp/out" | sed 's/, [0-9.]* s)/)/') > /dev/null \
    || fail "the dry run's reports differ from the applied ones"
cp "$tmp/out" "$tmp/apply.out"
# A stored version is a plan of the whole day that fsd evaluate accepts: what is done or under way
# as reported (a visit begun on time, one running 150 minutes long), a trip set out on. Versions
# from the ticket's arrival on (v3) are plans of the latest problem.json.
for v in v0003 v0004; do
    "$fsd" evaluate "$tmp/state/problem.json" "$tmp/state/plans/$v.json" > "$tmp/eval" || { cat "$tmp/eval"; fail "fsd evaluate refused stored version $v"; }
done
grep -q '"as_reported": *true' "$tmp/state/plans/v0004.json" || fail "version 4 marks nothing as reported"
grep -q "^cascade at" "$tmp/out" || fail "apply printed no cascade report"
"$fsd" dispatch status "$tmp/state" > "$tmp/out" || fail "status failed"
grep -q "SLA monitor" "$tmp/out" || fail "status shows no SLA monitor"
grep -q "on site at" "$tmp/out" || fail "status shows nobody on site"
"$fsd" dispatch status "$tmp/state" --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['version'] == 4" || fail "status --json"
"$fsd" dispatch replay "$tmp/state" > "$tmp/out" || fail "replay did not verify"
[ "$(grep -c ': reproduced' "$tmp/out")" -eq 4 ] || fail "replay did not reproduce four versions"
[ "$(grep -c 'the whole day passes the evaluator' "$tmp/out")" -eq 4 ] || fail "replay found a stored whole day the evaluator refuses"

# fsd dispatch show: each version's cascade report is the one apply printed for it, and the problem
# as of a version before the ticket's arrival takes that version's plan, which problem.json does not.
for v in 1 2 3 4; do
    awk -v v="$v" '/^line [0-9]+:/{n++; next} /event\(s\) applied/{next} n==v' "$tmp/apply.out" > "$tmp/told"
    "$fsd" dispatch show "$tmp/state" --version "$v" > "$tmp/show" || fail "show --version $v failed"
    grep -q "^version $v (" "$tmp/show" || fail "show --version $v does not name the version"
    sed -n '/^cascade at/,$p' "$tmp/show" | diff "$tmp/told" - > /dev/null || fail "show --version $v is not the cascade report apply printed"
done
"$fsd" dispatch show "$tmp/state" | grep -q "^version 4 (" || fail "show without --version is not the current version"
"$fsd" dispatch show "$tmp/state" --version 3 --json | python3 -c "import json,sys; d=json.load(sys.stdin); assert d['version'] == 3 and d['event']['event'] == 'job_added' and d['assignments'] and 'notify' in d['cascade']" || fail "show --json"
"$fsd" dispatch show "$tmp/state" --version 2 --problem "$tmp/p2.json" --plan "$tmp/v2.json" > /dev/null || fail "show --problem failed"
cmp -s "$tmp/v2.json" "$tmp/state/plans/v0002.json" || fail "show --plan is not the stored version 2"
"$fsd" evaluate "$tmp/p2.json" "$tmp/v2.json" > "$tmp/eval" || { cat "$tmp/eval"; fail "version 2 is not a plan of its own problem"; }
"$fsd" evaluate "$tmp/state/problem.json" "$tmp/v2.json" > /dev/null; [ $? -eq 2 ] || fail "version 2 passed against the latest problem, which has the ticket it lacks"
# show writes nothing into the state directory: the log and the files beside it are the day's own.
cp "$tmp/state/log.jsonl" "$tmp/log.kept"
"$fsd" dispatch show "$tmp/state" --version 1 --plan "$tmp/state/log.jsonl" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "show --plan over the log did not exit 2"
grep -q -- "--plan: .* is inside the state directory" "$tmp/err" || fail "show --plan over the log: $(cat "$tmp/err")"
"$fsd" dispatch show "$tmp/state" --problem "$tmp/state/../state/problem.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "show --problem over problem.json did not exit 2"
grep -q -- "--problem: .* is inside the state directory" "$tmp/err" || fail "show --problem over problem.json: $(cat "$tmp/err")"
ln -s "$tmp/state/plans/v0009.json" "$tmp/dangling"
"$fsd" dispatch show "$tmp/state" --plan "$tmp/dangling" > /dev/null 2>&1; [ $? -eq 2 ] || fail "show --plan through a link into the state directory did not exit 2"
[ ! -e "$tmp/state/plans/v0009.json" ] || fail "show --plan through a dangling link wrote into the state directory"
# Nor into another day's: a directory whose log is a dispatch log's. A log.jsonl of something else
# does not make one.
mkdir "$tmp/other" "$tmp/mine"
cp "$tmp/state/log.jsonl" "$tmp/other/log.jsonl"
"$fsd" dispatch show "$tmp/state" --problem "$tmp/other/problem.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "show --problem into another day's state directory did not exit 2"
grep -q -- "--problem: .* is inside another day's state directory" "$tmp/err" || fail "show into another day: $(cat "$tmp/err")"
[ ! -e "$tmp/other/problem.json" ] || fail "show wrote into another day's state directory"
echo '{"not": "a dispatch log"}' > "$tmp/mine/log.jsonl"
"$fsd" dispatch show "$tmp/state" --plan "$tmp/mine/v1.json" > /dev/null || fail "show --plan beside a log.jsonl of something else was refused"
cmp -s "$tmp/log.kept" "$tmp/state/log.jsonl" || fail "show changed the log"
"$fsd" dispatch show "$tmp/state" --version 9 2> "$tmp/err"; [ $? -eq 2 ] || fail "show of a missing version did not exit 2"
grep -q -- "--version: no version 9: the day has versions 0 to 4" "$tmp/err" || fail "the missing version is not named: $(cat "$tmp/err")"

# fsd cascade on two versions' plans, as JSON.
"$fsd" cascade "$tmp/state/problem.json" "$tmp/state/plans/v0000.json" "$tmp/state/plans/v0002.json" --json > "$tmp/c.json" || fail "cascade failed"
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert 'notify' in d and 'totals' in d and d['now'] is None" "$tmp/c.json" || fail "cascade --json (no --now: now is null)"

# Bad events: the line and field are named, exit 2, and the log is unchanged.
cp "$tmp/state/log.jsonl" "$tmp/log.before"
echo '{"event": "job_cancelled", "at": "2026-11-23T15:00", "job": "NOPE"}' > "$tmp/bad.jsonl"
"$fsd" dispatch apply "$tmp/state" "$tmp/bad.jsonl" 2> "$tmp/err"; [ $? -eq 2 ] || fail "an unknown job did not exit 2"
grep -q "line 1, job: unknown job" "$tmp/err" || fail "the unknown job is not named: $(cat "$tmp/err")"
printf '{"event": "job_finished", "at": "2026-11-23T15:00"}\nnot json\n' > "$tmp/bad.jsonl"
"$fsd" dispatch apply "$tmp/state" "$tmp/bad.jsonl" 2> "$tmp/err"; [ $? -eq 2 ] || fail "malformed events did not exit 2"
grep -q "line 1, job: missing required field" "$tmp/err" || fail "the missing field is not named"
grep -q "line 2: malformed JSON" "$tmp/err" || fail "the malformed line is not named"
cmp -s "$tmp/log.before" "$tmp/state/log.jsonl" || fail "a rejected apply changed the log"

# A corrupt line: replay names it and exits 2; the versions before it were read.
cp -r "$tmp/state" "$tmp/broken"
python3 - "$tmp/broken/log.jsonl" <<'PY'
import sys
lines = open(sys.argv[1]).read().split("\n")
lines[3] = lines[3][: len(lines[3]) // 2]
open(sys.argv[1], "w").write("\n".join(lines))
PY
"$fsd" dispatch replay "$tmp/broken" > "$tmp/out" 2> "$tmp/err"; [ $? -eq 2 ] || fail "replay of a corrupt log did not exit 2"
grep -q "line 4" "$tmp/err" || fail "the corrupt line is not named: $(cat "$tmp/err")"
grep -q "^2 version(s) read" "$tmp/out" || fail "the versions before the corrupt line were not read"
"$fsd" dispatch status "$tmp/broken" 2> /dev/null; [ $? -eq 2 ] || fail "status on a corrupt log did not exit 2"

# Whatever a command accepts, the log reads back. Options out of range are refused by name, before
# anything is written; so is an event whose value the log could not hold.
for opt in "--threshold nan" "--threshold -5" "--threshold 1e12" "--iterations -1"; do
  "$fsd" dispatch init "$tmp/day.json" -o "$tmp/opt" $opt 2> "$tmp/err"; [ $? -eq 2 ] || fail "init $opt did not exit 2"
  grep -q -- "${opt%% *}" "$tmp/err" || fail "init $opt: the error does not name the option"
  [ ! -e "$tmp/opt" ] || fail "init $opt wrote a day"
done
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/big" --iterations 2000 > /dev/null || fail "init (big) failed"
echo '{"event": "running_late", "at": "2026-11-23T09:00", "job": "J0004", "remaining_min": 1e9}' > "$tmp/big.jsonl"
"$fsd" dispatch apply "$tmp/big" "$tmp/big.jsonl" 2> "$tmp/err"; [ $? -eq 2 ] || fail "remaining_min 1e9 did not exit 2"
grep -q "line 1, remaining_min: must be 0 to 10080 minutes" "$tmp/err" || fail "remaining_min: $(cat "$tmp/err")"
echo '{"event": "job_added", "at": "2026-11-23T09:00", "job": {"id": "HUGE", "location": {"lat": 41.16, "lon": -8.62}, "duration_min": 1e7}}' \
    > "$tmp/big.jsonl"
"$fsd" dispatch apply "$tmp/big" "$tmp/big.jsonl" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a 1e7-minute job did not exit 2"
grep -q "line 1, job.duration_min: must be at most a week" "$tmp/err" || fail "duration_min: $(cat "$tmp/err")"
"$fsd" dispatch apply "$tmp/big" "$tmp/big.jsonl" --time-budget 0 2> "$tmp/err"; [ $? -eq 2 ] || fail "--time-budget 0 did not exit 2"
echo '{"event": "job_added", "at": "2026-11-23T10:00", "job": {"id": "LATER", "location": {"lat": 41.16, "lon": -8.62}, "duration_min": 30, "reported_at": "2026-11-23T12:00"}}' \
    > "$tmp/later.jsonl"
"$fsd" dispatch apply "$tmp/big" "$tmp/later.jsonl" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a ticket reported after it was added was accepted"
grep -q "line 1, job.reported_at: 2026-11-23T12:00 is after the ticket was added" "$tmp/err" || fail "reported_at: $(cat "$tmp/err")"
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/opt" --now 2026-11-25T08:00 2> "$tmp/err"; [ $? -eq 2 ] || fail "init --now after the horizon"
grep -q -- "--now: '2026-11-25T08:00' is outside the problem's horizon" "$tmp/err" || fail "init --now: $(cat "$tmp/err")"
"$fsd" dispatch status "$tmp/big" > /dev/null || fail "the day is unreadable after refused events"
# A header edited by hand gets the same ranges.
python3 - "$tmp/big/log.jsonl" <<'PY' || fail "could not edit the header"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
head = json.loads(lines[0])
head["params"]["max_iterations"] = -3
head["params"]["notify_threshold_min"] = -1
lines[0] = json.dumps(head)
open(sys.argv[1], "w").write("\n".join(lines) + "\n")
PY
"$fsd" dispatch status "$tmp/big" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a header with negative params was read"
grep -q "params.max_iterations" "$tmp/err" && grep -q "params.notify_threshold_min" "$tmp/err" || fail "header: $(cat "$tmp/err")"

# fsd cascade compares well-formed plans of its problem only; each error names its file.
python3 - "$tmp/state/plans/v0000.json" "$tmp/twice.json" <<'PY' || fail "could not write the broken plan"
import json, sys
plan = json.load(open(sys.argv[1]))
routes = [r for r in plan["routes"] if any("job" in s for s in r["stops"])]
stop = next(s for s in routes[0]["stops"] if "job" in s)
routes[1]["stops"].append(dict(stop))
json.dump(plan, open(sys.argv[2], "w"))
PY
"$fsd" cascade "$tmp/day.json" "$tmp/state/plans/v0000.json" "$tmp/twice.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a job planned twice was compared"
grep -q "twice.json: jobs\[[0-9]*\]: job J[0-9]* appears 2 times" "$tmp/err" || fail "the plan with a job twice is not named: $(cat "$tmp/err")"
"$fsd" generate --technicians 6 --jobs 25 --seed 4 -o "$tmp/other.json" > /dev/null || fail "generate (other) failed"
"$fsd" plan "$tmp/other.json" -o "$tmp/other-plan.json" -q --iterations 500 --no-progress > /dev/null || fail "plan (other) failed"
"$fsd" cascade "$tmp/day.json" "$tmp/state/plans/v0000.json" "$tmp/other-plan.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "another problem's plan was compared"
grep -q "other-plan.json: problem: the plan is for problem" "$tmp/err" || fail "another problem's plan: $(cat "$tmp/err")"
for opt in "--threshold nan" "--threshold -1"; do
  "$fsd" cascade "$tmp/day.json" "$tmp/state/plans/v0000.json" "$tmp/state/plans/v0000.json" $opt 2> /dev/null; [ $? -eq 2 ] || fail "cascade $opt did not exit 2"
done

# Nobody at home at a technician's first door: the status shows their day going on from it.
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/door" --iterations 3000 > /dev/null || fail "init (door) failed"
door=$(python3 - "$tmp/door/plans/v0000.json" "$tmp/door.jsonl" <<'PY'
import json, sys
plan = json.load(open(sys.argv[1]))
route = next(r for r in plan["routes"] if any("job" in s for s in r["stops"]))
stop = next(s for s in route["stops"] if "job" in s)
with open(sys.argv[2], "w") as f:
    f.write(json.dumps({"event": "customer_not_home", "at": stop["start"][:16], "job": stop["job"], "technician": route["technician"]}) + "\n")
print(stop["job"])
PY
) || fail "could not write the not-home event"
"$fsd" dispatch apply "$tmp/door" "$tmp/door.jsonl" > /dev/null || fail "apply (not home) failed"
"$fsd" dispatch status "$tmp/door" > "$tmp/out" || fail "status (door) failed"
grep -q "at the door of $door [0-9:]* (not served);" "$tmp/out" || fail "status does not show the door the day goes on from: $(grep -A20 '^plan:' "$tmp/out")"
echo "ok"

# A log written before stops carried "as_reported" and "set_out" (by the build of 2026-12-07,
# 118898b) still loads and takes new events.
cp -r "$src/tests/data/log-before-as-reported" "$tmp/old"
"$fsd" dispatch status "$tmp/old" > "$tmp/out" || fail "a log from before as_reported does not load"
echo '{"event": "job_finished", "at": "2026-11-23T10:30", "job": "J0002", "technician": "T01"}' > "$tmp/more.jsonl"
"$fsd" dispatch apply "$tmp/old" "$tmp/more.jsonl" > "$tmp/out" || fail "a log from before as_reported takes no new event"
grep -q "version 4 is current" "$tmp/out" || fail "the old log's next version is not 4"
# A day is read back by the edition of the rules it was written with: new logs name theirs (2); the
# old one above names none and follows the first; an edition this build does not know is refused.
head -1 "$tmp/state/log.jsonl" | grep -q '"rules":2' || fail "a new log does not name its rules' edition"
cp -r "$tmp/state" "$tmp/future"
sed -i '1s/"rules":2/"rules":9/' "$tmp/future/log.jsonl"
"$fsd" dispatch status "$tmp/future" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "a log of unknown rules did not exit 2"
grep -q "params.rules: must be 1 to 2" "$tmp/err" || fail "unknown rules not named: $(cat "$tmp/err")"

# A log cut short of its final newline takes the next version on a line of its own.
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/nonl" --iterations 3000 > /dev/null || fail "init (nonl) failed"
truncate -s -1 "$tmp/nonl/log.jsonl"
"$fsd" dispatch apply "$tmp/nonl" "$tmp/events.jsonl" > /dev/null || fail "a log without its final newline takes no event"
"$fsd" dispatch replay "$tmp/nonl" > "$tmp/out" 2> "$tmp/err" || fail "the log written after a missing newline does not replay: $(cat "$tmp/out" "$tmp/err")"
grep -q "^5 version(s) read$" "$tmp/out" || fail "versions were lost after a missing newline: $(tail -1 "$tmp/out")"
# A state directory whose plans/ is a file: exit 2 naming it, the log as it was, no file left behind.
cp -r "$src/tests/data/log-before-as-reported" "$tmp/plansfile"
rm -rf "$tmp/plansfile/plans"; echo x > "$tmp/plansfile/plans"
cp "$tmp/plansfile/log.jsonl" "$tmp/log.before"
"$fsd" dispatch apply "$tmp/plansfile" "$tmp/more.jsonl" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "plans as a file did not exit 2: $(cat "$tmp/err")"
grep -q "cannot write $tmp/plansfile/plans" "$tmp/err" || fail "plans as a file is not named: $(cat "$tmp/err")"
cmp -s "$tmp/log.before" "$tmp/plansfile/log.jsonl" || fail "a failed write changed the log"
# problem.json a directory: the same, and no temporary file is left beside it.
cp -r "$src/tests/data/log-before-as-reported" "$tmp/probdir"
rm "$tmp/probdir/problem.json"; mkdir "$tmp/probdir/problem.json"
"$fsd" dispatch apply "$tmp/probdir" "$tmp/more.jsonl" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "problem.json as a directory did not exit 2: $(cat "$tmp/err")"
grep -q "cannot write $tmp/probdir/problem.json" "$tmp/err" || fail "problem.json as a directory is not named: $(cat "$tmp/err")"
! ls "$tmp/probdir" | grep -q "tmp-" || fail "a failed write left a temporary file: $(ls "$tmp/probdir")"
