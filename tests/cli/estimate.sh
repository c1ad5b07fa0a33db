#!/usr/bin/env bash
# fsd generate-history and fsd estimate end to end: files written, tables printed, and exit
# codes (0 ok, 2 bad input, with file:line for a bad CSV). Usage: estimate.sh BIN_DIR SOURCE_DIR
set -euo pipefail
fsd="$1/fsd"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

fail() { echo "FAIL: $*" >&2; exit 1; }
expect_code() {  # expect_code CODE command...
    local want=$1; shift
    set +e; "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?; set -e
    [ "$got" -eq "$want" ] || { cat "$tmp/out" "$tmp/err" >&2; fail "exit $got, wanted $want: $*"; }
}

expect_code 0 "$fsd" generate-history --rows 30000 --seed 3 -o "$tmp/h.csv"
[ "$(wc -l < "$tmp/h.csv")" -eq 30001 ] || fail "history should have a header and 30000 rows"
head -1 "$tmp/h.csv" | grep -q '^job_id,completed_on,job_type,trade,technician_id,' || fail "history header"

# The same seed gives the same file.
expect_code 0 "$fsd" generate-history --rows 30000 --seed 3 -o "$tmp/h2.csv"
cmp -s "$tmp/h.csv" "$tmp/h2.csv" || fail "generate-history is not deterministic"

expect_code 0 "$fsd" estimate fit "$tmp/h.csv" --until 2026-08-21 -o "$tmp/m.json"
grep -q '"format": "fsd-duration-model/1"' "$tmp/m.json" || fail "model file format"

expect_code 0 "$fsd" estimate report "$tmp/m.json" "$tmp/h.csv" --since 2026-08-21
for want in 'pinball (min)' 'coverage' 'boiler-repair' 'electrical' 'p90 coverage target 0.88-0.92'; do
    grep -q -- "$want" "$tmp/out" || fail "report lacks '$want'"
done

# Without --since the report scores only rows after the training period and says so; rows
# inside it are flagged as in-sample, and the verdict with them.
expect_code 0 "$fsd" estimate report "$tmp/m.json" "$tmp/h.csv"
grep -q 'scoring only the .* rows after the training period' "$tmp/out" || fail "default report scope"
if grep -q 'IN-SAMPLE' "$tmp/out"; then fail "held-out report marked in-sample"; fi
expect_code 0 "$fsd" estimate report "$tmp/m.json" "$tmp/h.csv" --since 2026-01-01
grep -q 'WARNING: .* inside the training period' "$tmp/out" || fail "in-sample rows not warned about"
grep -q 'IN-SAMPLE (not a held-out verdict): p90 coverage target' "$tmp/out" || fail "verdict not marked"
expect_code 0 "$fsd" estimate fit "$tmp/h.csv" -o "$tmp/all.json"
expect_code 2 "$fsd" estimate report "$tmp/all.json" "$tmp/h.csv"  # nothing after its training
grep -q 'no rows after the model' "$tmp/err" || fail "report on training-only rows should say why"

# A UTF-8 byte-order mark before the header is not part of the first column's name.
printf '\xef\xbb\xbf' | cat - "$tmp/h.csv" >"$tmp/bom.csv"
expect_code 0 "$fsd" estimate report "$tmp/m.json" "$tmp/bom.csv"

# An unwritable output is bad input, found before the work.
expect_code 2 "$fsd" estimate fit "$tmp/h.csv" -o /nonexistent/dir/x.json
grep -q -- '-o: cannot write /nonexistent/dir/x.json' "$tmp/err" || fail "unwritable -o message"
if grep -q 'fitted on' "$tmp/out"; then fail "the fit ran before the output path was checked"; fi
expect_code 2 "$fsd" generate-history --rows 1000 -o /nonexistent/x.csv
expect_code 2 "$fsd" generate-history --rows 1000 -o "$tmp"   # a directory

expect_code 0 "$fsd" estimate evaluate "$tmp/h.csv" --holdout-months 3
grep -q 'held out: last 3 months' "$tmp/out" || fail "evaluate output"

expect_code 0 "$fsd" generate-history --rows 30000 --months 18 --late-joiners 0 --seed 3 \
    --shift-from 2026-08-01 --shift-factor 1.5 --shift-job-type boiler-repair -o "$tmp/shifted.csv"
expect_code 0 "$fsd" estimate fit "$tmp/shifted.csv" --until 2026-05-21 -o "$tmp/ms.json"
expect_code 0 "$fsd" estimate drift "$tmp/ms.json" "$tmp/shifted.csv" --since 2026-05-21
grep -q 'ALARM job_type=boiler-repair' "$tmp/out" || fail "drift did not name boiler-repair"

# Bad input: exit 2, the file and line named.
{
    head -1 "$tmp/h.csv"
    echo 'H1,2026-01-05,leak-repair,plumbing,T01,residential,4,first,60,61'
    echo 'H2,2026-13-05,leak-repair,plumbing,T01,residential,4,first,60,61'
} > "$tmp/bad.csv"
expect_code 2 "$fsd" estimate fit "$tmp/bad.csv" -o "$tmp/x.json"
grep -q "bad.csv:3: completed_on" "$tmp/err" || fail "bad CSV error should name bad.csv:3"
[ ! -e "$tmp/x.json" ] || fail "no model should be written from bad input"
expect_code 2 "$fsd" estimate report "$tmp/h.csv" "$tmp/h.csv"            # a CSV is not a model
expect_code 2 "$fsd" estimate report "$tmp/m.json" "$tmp/missing.csv"
expect_code 2 "$fsd" estimate fit "$tmp/h.csv" --until 2020-01-01 -o "$tmp/x.json"  # nothing before
expect_code 2 "$fsd" estimate fit "$tmp/h.csv" --until yesterday -o "$tmp/x.json"
expect_code 2 "$fsd" generate-history --months 0 -o "$tmp/x.csv"
expect_code 2 "$fsd" estimate
echo "ok"
