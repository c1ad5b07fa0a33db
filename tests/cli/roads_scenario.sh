#!/usr/bin/env bash
# fsd generate --roads puts a scenario on a real network: the file refers to the network, loads
# back with road travel times, and plans to a feasible plan.
set -u
bin=$1; src=$2
roads="$src/../shared/roads/monaco"
[ -d "$roads" ] || { echo "FAIL: $roads not found (../shared must be beside the checkout)"; exit 1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*"; exit 1; }
"$bin/fsd" generate --roads "$roads" --centre-lat 43.7384 --centre-lon 7.4246 --radius-km 2 \
  --technicians 3 --jobs 10 --seed 5 -o "$tmp/day.json" > /dev/null || fail "generate --roads"
grep -q '"kind": "roads"' "$tmp/day.json" || fail "problem does not use road travel"
"$bin/fsd" validate "$tmp/day.json" > /dev/null || fail "road problem does not validate"
"$bin/fsd" plan "$tmp/day.json" -o "$tmp/plan.json" --iterations 300 --no-progress -q > /dev/null || fail "plan"
"$bin/fsd" evaluate "$tmp/day.json" "$tmp/plan.json" --json > "$tmp/ev.json" || fail "evaluate"
python3 - "$tmp/ev.json" <<'PY' || fail "road plan KPIs"
import json, sys
ev = json.load(open(sys.argv[1]))
assert ev["feasible"], ev
assert ev["kpis"]["jobs_assigned"] > 0 and 0 < ev["kpis"]["distance"] < 200, ev["kpis"]
PY
# A dispatch day on the network whose log names it relative to the state directory (as a hand-kept
# log may): the problem fsd dispatch show writes names it from anywhere.
"$bin/fsd" dispatch init "$tmp/day.json" -o "$tmp/state" --iterations 300 > /dev/null || fail "dispatch init on roads"
python3 - "$tmp/state/log.jsonl" "$roads" <<'PY' || fail "could not make the log's road path relative"
import json, os, sys
log, roads = sys.argv[1], sys.argv[2]
lines = open(log).read().split("\n")
header = json.loads(lines[0])
header["problem"]["travel"]["path"] = os.path.relpath(roads, os.path.dirname(log))
lines[0] = json.dumps(header, separators=(",", ":"))
open(log, "w").write("\n".join(lines))
PY
mkdir -p "$tmp/elsewhere/deeper"; fsd=$(cd "$bin" && pwd)/fsd
(cd "$tmp/elsewhere" && "$fsd" dispatch show ../state --problem deeper/p0.json --plan deeper/v0.json > /dev/null) || fail "dispatch show on a relative road path"
(cd "$tmp/elsewhere" && "$fsd" evaluate deeper/p0.json deeper/v0.json > /dev/null) || fail "the problem show wrote does not find its road network"
# A centre far from the network has no road nodes around it: an input error, not a crash.
"$bin/fsd" generate --roads "$roads" --centre-lat 0 --centre-lon 0 --radius-km 1 -o "$tmp/x.json" 2> "$tmp/err"
[ $? -eq 2 ] || fail "generate with no nodes in range did not exit 2"
echo ok
