#!/usr/bin/env bash
# Runs one libFuzzer harness for some seconds on a corpus seeded from examples/data and fails on
# any finding: libFuzzer then exits non-zero and leaves the input in <runs>/<harness>/findings.
# Arguments: the fuzz build directory, the harness (problem_reader, plan_reader), seconds, and
# the directory where each harness keeps its growing corpus.
set -eu
fuzz_build=$1; harness=$2; seconds=$3; runs=$4
here=$(cd "$(dirname "$0")" && pwd)
data=$here/../examples/data
case $harness in
  problem_reader) seeds=("$data/metro-demo.json" "$data/bad-problem.json") ;;
  plan_reader) seeds=("$data/metro-demo.plan.json") ;;
  *) echo "unknown harness $harness"; exit 2 ;;
esac
work=$runs/$harness
mkdir -p "$work/corpus" "$work/findings"
cp "${seeds[@]}" "$work/corpus/"
if ! "$fuzz_build/fuzz_$harness" -max_total_time="$seconds" -dict="$here/fsd_json.dict" -artifact_prefix="$work/findings/" \
  -print_final_stats=1 -timeout=10 -rss_limit_mb=2048 "$work/corpus" 2> "$work/log.txt"; then
  tail -n 60 "$work/log.txt"
  echo "FAIL: $harness found an input that breaks it; see $work/findings"
  exit 1
fi
runs_done=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$work/log.txt" | grep -Eo '[0-9]+$')
echo "$harness: $runs_done inputs in $seconds s, corpus of $(find "$work/corpus" -type f | wc -l) files, crashes 0"
