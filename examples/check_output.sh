#!/bin/sh
# check_output.sh PROGRAM PATTERN...: runs an example and checks that its output has a line
# matching each extended regular expression, in any order. Fails on a non-zero exit.
set -u
program=$1
shift
out=$("$program") || { echo "$program exited with $?"; exit 1; }
printf '%s\n' "$out"
status=0
for pattern in "$@"; do
  printf '%s\n' "$out" | grep -Eq -- "$pattern" || { echo "missing a line matching: $pattern"; status=1; }
done
exit $status
