#!/usr/bin/env bash
# fsd emergency, fsd slots and fsd offer: options printed with their cascade, as text and JSON;
# bad input (a missing state directory, a job file that is not a job) names the path and exits 2.
set -u
bin=$1
fsd=$bin/fsd
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }

"$fsd" generate --technicians 8 --jobs 30 --seed 3 -o "$tmp/day.json" > /dev/null || fail "generate failed"
"$fsd" dispatch init "$tmp/day.json" -o "$tmp/state" --iterations 2000 > /dev/null || fail "init failed"
cat > "$tmp/emergency.json" <<'JSON'
{"id": "E1", "location": {"lat": 41.16, "lon": -8.62}, "duration_min": 45, "urgency": "emergency", "priority": 5}
JSON
cat > "$tmp/same_day.json" <<'JSON'
{"id": "S1", "location": {"lat": 41.15, "lon": -8.60}, "duration_min": 40, "urgency": "same-day"}
JSON
cat > "$tmp/visit.json" <<'JSON'
{"id": "V1", "location": {"lat": 41.17, "lon": -8.63}, "duration_min": 60}
JSON

"$fsd" emergency "$tmp/state" "$tmp/emergency.json" --now 2026-11-23T10:00 > "$tmp/out" || fail "emergency failed"
grep -Eq "^emergency E1 at 2026-11-23T10:00: [0-9]+ option" "$tmp/out" || fail "emergency: no header"
grep -Eq "^option 1: (bump|interrupt|bump and reassign) by T[0-9]+, ETA p50 " "$tmp/out" || fail "emergency: no first option"
grep -Eq "^  cascade: [0-9]+ delayed" "$tmp/out" || fail "emergency: no cascade"
grep -q "^recommended: " "$tmp/out" || fail "emergency: no recommendation"
"$fsd" emergency "$tmp/state" "$tmp/emergency.json" --now 2026-11-23T10:00 --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['job'] == 'E1' and not d['declined'] and d['options']
o = d['options'][0]
assert o['action'] in ('bump', 'interrupt', 'bump and reassign') and 'p50' in o['eta'] and 'totals' in o['cascade']
for o in d['options']:
    assert (o['action'] == 'interrupt') == (o.get('interrupted') is not None), o
    assert o['action'] != 'interrupt' or o['rest']
assert abs(sum(o['score_parts'].values()) - o['score']) < 1e-6
" || fail "emergency --json"
# A limit nothing can meet: declined, with the reason.
"$fsd" emergency "$tmp/state" "$tmp/emergency.json" --now 2026-11-23T10:00 --max-delay 0 --max-bumped 0 --max-misses 0 \
    --max-overtime 0 > "$tmp/out" || fail "emergency (declined) failed"
grep -q "^option 1: decline - every option's cascade is over the limit" "$tmp/out" || fail "emergency: not declined over the limit"

"$fsd" slots "$tmp/state" "$tmp/same_day.json" -k 2 --now 2026-11-23T09:00 > "$tmp/out" || fail "slots failed"
grep -Eq "^slot 1: T[0-9]+, stop [0-9]+, \+[0-9]+ min driving, arrives [0-9:]+-[0-9:]+ \([0-9]+% confidence\)" "$tmp/out" || fail "slots: no slot"
grep -Eq "^  cascade: " "$tmp/out" || fail "slots: no cascade"
"$fsd" slots "$tmp/state" "$tmp/same_day.json" -k 2 --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert 1 <= len(d['slots']) <= 2 and all('cascade' in s and 'window' in s for s in d['slots'])
" || fail "slots --json"

# Adopting a slot records it in a copy of the day: the version is that slot's plan, replayed as chosen.
cp -r "$tmp/state" "$tmp/adopted"
"$fsd" slots "$tmp/adopted" "$tmp/same_day.json" -k 2 --now 2026-11-23T09:00 --json > "$tmp/slots.json" || fail "slots (to adopt) failed"
"$fsd" slots "$tmp/adopted" "$tmp/same_day.json" --now 2026-11-23T09:00 --adopt 1 > "$tmp/out" || fail "slots --adopt failed"
grep -Eq "^adopted slot 1 \(T[0-9]+, stop [0-9]+, arrives [0-9:]+-[0-9:]+\): version 1 " "$tmp/out" || fail "slots --adopt: $(head -2 "$tmp/out")"
python3 - "$tmp/slots.json" "$tmp/adopted/plans/v0001.json" <<'PY' || fail "the adopted version is not the slot's plan"
import json, sys
slot = json.load(open(sys.argv[1]))["slots"][0]
plan = json.load(open(sys.argv[2]))
job = json.load(open(sys.argv[1]))["job"]
route = next(r for r in plan["routes"] if any(s.get("job") == job for s in r["stops"]))
assert route["technician"] == slot["technician"], (route["technician"], slot["technician"])
jobs = [s for s in route["stops"] if "job" in s or "break" in s]
assert jobs[slot["position"]].get("job") == job, slot["position"]
PY
"$fsd" dispatch replay "$tmp/adopted" | grep -q "version 1: .*chosen among a lane's options when logged: adopted as logged; the whole day passes the evaluator" \
    || fail "the adopted version does not replay as chosen"
"$fsd" dispatch show "$tmp/adopted" --version 1 | head -1 | grep -q "a lane's option adopted as chosen$" || fail "show does not say the version was chosen"
# The recommendation is adopted as printed: the customers it would tell are the version's. (The
# version's cascade is against the last version's times, the lane's against them as of now: a stop
# that moved since without a report shows in the first only.)
cp -r "$tmp/state" "$tmp/adopt3"
"$fsd" emergency "$tmp/adopt3" "$tmp/emergency.json" --now 2026-11-23T10:00 | sed -n '/^recommended: /,$p' | sed -n '/^notify:/,$p' > "$tmp/told"
"$fsd" emergency "$tmp/adopt3" "$tmp/emergency.json" --now 2026-11-23T10:00 --adopt-recommended > "$tmp/out" || fail "emergency --adopt-recommended failed"
grep -q "^adopted the recommended option" "$tmp/out" || fail "emergency --adopt-recommended: $(head -1 "$tmp/out")"
[ -s "$tmp/told" ] || fail "the recommendation tells nobody: nothing to compare"
sed -n '/^notify:/,$p' "$tmp/out" | diff "$tmp/told" - > /dev/null || fail "the adopted version tells others than the recommendation: $(sed -n '/^notify:/,$p' "$tmp/out" | diff "$tmp/told" - | head -5)"
cp -r "$tmp/state" "$tmp/adopt2"
"$fsd" slots "$tmp/adopt2" "$tmp/same_day.json" --now 2026-11-23T09:00 --adopt 1000 > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "adopting a slot that is not there did not exit 2"
grep -q -- "--adopt: there" "$tmp/err" || fail "adopting a missing slot: $(cat "$tmp/err")"
cmp -s "$tmp/state/log.jsonl" "$tmp/adopt2/log.jsonl" || fail "a refused --adopt changed the log"

"$fsd" offer "$tmp/day.json" "$tmp/visit.json" -k 3 --iterations 1000 > "$tmp/out" || fail "offer on a problem failed"
grep -Eq "^offer 1: .*% confidence" "$tmp/out" || fail "offer: no offer"
# A plan given is checked first: offers priced into one with jobs missing would be too cheap.
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); p['routes']=[]; json.dump(p,open(sys.argv[2],'w'))" \
    "$tmp/state/plans/v0000.json" "$tmp/empty.plan.json" || fail "could not write an empty plan"
"$fsd" offer "$tmp/day.json" "$tmp/visit.json" --plan "$tmp/empty.plan.json" > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "offer with a plan missing jobs did not exit 2"
grep -q "empty.plan.json: plan.jobs\[0\]" "$tmp/err" || fail "offer does not name the plan's fault: $(head -3 "$tmp/err")"
# Booking hours are one office day (past 24: its night): two days' worth is refused.
"$fsd" offer "$tmp/day.json" "$tmp/visit.json" --first-hour 0 --last-hour 48 > /dev/null 2> "$tmp/err"; [ $? -eq 2 ] || fail "offer over 48 hours did not exit 2"
grep -q -- "--last-hour: the booking hours 0-48 span more than 24 hours" "$tmp/err" || fail "48 hours not named: $(cat "$tmp/err")"
"$fsd" offer "$tmp/state" "$tmp/visit.json" --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['offers'] and all(0 <= o['confidence'] <= 1 for o in d['offers'])
" || fail "offer on a state --json"
# On a live day the offers start from its clock: at 11:00 no window opening earlier today is offered.
cp -r "$tmp/state" "$tmp/late"
echo '{"event": "travel_delay", "at": "2026-11-23T11:00", "technician": "T01", "delay_min": 5}' > "$tmp/delay.jsonl"
"$fsd" dispatch apply "$tmp/late" "$tmp/delay.jsonl" > /dev/null || fail "the 11:00 event was not applied"
"$fsd" offer "$tmp/late" "$tmp/visit.json" -k 10 --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
assert d['offers'], d
for o in d['offers']:
    assert o['day'] > 0 or o['window']['start'] >= '2026-11-23T11:00', o
" || fail "offer at 11:00 offers a window that opened before"
# With no slot or nothing to offer, the answer says why.
echo '{"id": "G9", "location": {"lat": 41.17, "lon": -8.63}, "duration_min": 60, "skills": [{"name": "hvac", "level": 5}]}' > "$tmp/master.json"
"$fsd" slots "$tmp/state" "$tmp/master.json" > "$tmp/out" || fail "slots for a job nobody may do failed"
grep -q "^no slot: no technician has the skills" "$tmp/out" || fail "no slot, no reason: $(cat "$tmp/out")"
cp -r "$tmp/state" "$tmp/evening"
echo '{"event": "travel_delay", "at": "2026-11-23T15:30", "technician": "T01", "delay_min": 5}' > "$tmp/delay.jsonl"
"$fsd" dispatch apply "$tmp/evening" "$tmp/delay.jsonl" > /dev/null || fail "the 15:30 event was not applied"
"$fsd" offer "$tmp/evening" "$tmp/visit.json" > "$tmp/out" || fail "offer at 15:30 failed"
grep -q "^no offer: no window of a working day is left in the horizon" "$tmp/out" || fail "no offer, no reason: $(cat "$tmp/out")"

# Bad input: exit 2, naming the path.
"$fsd" emergency "$tmp/nowhere" "$tmp/emergency.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a missing state directory did not exit 2"
grep -q "nowhere" "$tmp/err" || fail "the error does not name the directory"
echo '{"id": "E2", "location": {"lat": 41.16, "lon": -8.62}}' > "$tmp/bad.json"
"$fsd" slots "$tmp/state" "$tmp/bad.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a job without a duration did not exit 2"
grep -q "bad.json: duration_min" "$tmp/err" || fail "the error does not name the file and field: $(cat "$tmp/err")"
echo '{"id": ' > "$tmp/broken.json"
"$fsd" offer "$tmp/day.json" "$tmp/broken.json" 2> "$tmp/err"; [ $? -eq 2 ] || fail "malformed JSON did not exit 2"
grep -q "broken.json" "$tmp/err" || fail "the error does not name the file"
"$fsd" slots "$tmp/state" "$tmp/same_day.json" -k 0 2> /dev/null; [ $? -eq 2 ] || fail "-k 0 did not exit 2"
# Limits and counts that are not numbers in range are refused by name, not turned into a false
# "decline" (a huge limit used to overflow into the tightest one).
for opt in "--max-delay nan" "--max-delay -5" "--max-overtime 1e19" "--candidates 0" "--max-bumped -1" "--max-misses 1.5e400"; do
  "$fsd" emergency "$tmp/state" "$tmp/emergency.json" $opt 2> "$tmp/err"; [ $? -eq 2 ] || fail "emergency $opt did not exit 2"
  grep -q -- "${opt%% *}" "$tmp/err" || fail "emergency $opt: the error does not name the option"
done
# A job whose every window has closed has no place today: an input error naming its windows.
cat > "$tmp/closed.json" <<'JSON'
{"id": "X1", "location": {"lat": 41.15, "lon": -8.60}, "duration_min": 40,
 "time_windows": [{"start": "2026-11-23T08:00", "end": "2026-11-23T09:00"}]}
JSON
for lane in emergency slots; do
  "$fsd" $lane "$tmp/state" "$tmp/closed.json" --now 2026-11-23T10:00 2> "$tmp/err"; [ $? -eq 2 ] || fail "$lane: a closed job did not exit 2"
  grep -q "closed.json: time_windows: every window has closed by 2026-11-23T10:00" "$tmp/err" || fail "$lane: $(cat "$tmp/err")"
done
"$fsd" slots "$tmp/state" "$tmp/same_day.json" --now 2026-11-25T10:00 2> "$tmp/err"; [ $? -eq 2 ] || fail "--now after the horizon did not exit 2"
grep -q -- "--now: '2026-11-25T10:00' is outside the problem's horizon" "$tmp/err" || fail "--now outside: $(cat "$tmp/err")"
# Adopting an interruption: an interruptible job the plan starts, reported started, then
# interrupted; the rest is a job of its own, the status says "interrupted", the log replays, and a
# job that is not under way cannot be interrupted.
python3 - "$tmp/day.json" "$tmp/state/plans/v0000.json" > "$tmp/interrupt.jsonl" <<'PY' || fail "no interruptible job starts in the plan"
import json, sys
day, plan = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
interruptible = {j["id"] for j in day["jobs"] if j.get("interruptible")}
first = sorted((s["start"], s["job"], r["technician"]) for r in plan["routes"] for s in r["stops"] if s.get("job") in interruptible)[0]
print(json.dumps({"event": "job_started", "at": first[0], "job": first[1], "technician": first[2]}))
print(json.dumps({"event": "job_interrupted", "at": first[0][:14] + "59", "job": first[1], "rest_job": "REST-1"}))
PY
job=$(python3 -c "import json,sys; print(json.loads(open(sys.argv[1]).readline())['job'])" "$tmp/interrupt.jsonl")
"$fsd" dispatch apply "$tmp/state" "$tmp/interrupt.jsonl" > "$tmp/out" || fail "job_interrupted not applied"
grep -q "REST-1" "$tmp/out" || fail "the rest of the interrupted job is not planned and told"
"$fsd" dispatch status "$tmp/state" | grep -q "$job [0-9:]* interrupted" || fail "status does not say $job was interrupted"
"$fsd" dispatch replay "$tmp/state" | grep -q "version 2: .*reproduced" || fail "the log with job_interrupted does not replay"
echo "{\"event\": \"job_interrupted\", \"at\": \"2026-11-23T16:00\", \"job\": \"$job\"}" > "$tmp/again.jsonl"
"$fsd" dispatch apply "$tmp/state" "$tmp/again.jsonl" 2> "$tmp/err"; [ $? -eq 2 ] || fail "a second interruption did not exit 2"
grep -q "line 1, job: job $job is not under way (interrupted)" "$tmp/err" || fail "the refusal does not say why: $(cat "$tmp/err")"
echo "lanes CLI ok"
