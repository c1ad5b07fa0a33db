#!/usr/bin/env bash
# A consumer project finds the installed package with find_package(fsd). The consumer is the
# README's "Using the library" example itself: its C++ and CMake blocks are extracted from
# README.md here, so the README cannot drift from what compiles and runs.
set -eu
src=$2; build=$3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cmake --install "$build" --prefix "$tmp/prefix" > /dev/null

# Prints the first ```<lang> block of the README's "## Using the library" section.
readme_block() {
  awk -v fence='```'"$1" '
    /^## / { in_section = ($0 == "## Using the library") }
    in_section && !done && $0 == fence { copying = 1; next }
    copying && $0 == "```" { copying = 0; done = 1; next }
    copying { print }' "$src/README.md"
}
snippets=$tmp/readme
mkdir -p "$snippets"
readme_block cpp > "$snippets/main.cpp"
readme_block cmake > "$snippets/link.cmake"
for f in main.cpp link.cmake; do
  [ -s "$snippets/$f" ] || { echo "FAIL: no $f block in README.md's 'Using the library' section"; exit 1; }
done

cmake -S "$src/tests/consumer" -B "$tmp/consumer" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DREADME_SNIPPETS="$snippets" \
  -DCMAKE_BUILD_TYPE=Release > /dev/null
cmake --build "$tmp/consumer" -j 2 > /dev/null
# The example reads day.json from the working directory.
mkdir -p "$tmp/run"
cp "$src/examples/data/metro-demo.json" "$tmp/run/day.json"
out=$(cd "$tmp/run" && "$tmp/consumer/my_app")
echo "README example: $out"
echo "$out" | grep -Eq '^[1-9][0-9]* jobs, feasible: 1$' || { echo "FAIL: the README example did not plan day.json feasibly"; exit 1; }
