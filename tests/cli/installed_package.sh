#!/usr/bin/env bash
# A consumer project finds the installed package with find_package(fsd) and links fsd::fsd.
set -eu
src=$2; build=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null
cmake -S "$src/tests/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$tmp/consumer" -j 2 > /dev/null
out=$("$tmp/consumer/consumer" "$src/examples/data/metro-demo.json")
echo "$out"
echo "$out" | grep -q "feasible" || { echo "FAIL: consumer did not plan the example"; exit 1; }
