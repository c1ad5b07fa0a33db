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

# fsd::model and fsd::solver alone need none of the heavier packages: with them hidden from
# find_package, the config still finds these two components and the planner builds and runs.
hidden=(-DCMAKE_DISABLE_FIND_PACKAGE_Boost=ON -DCMAKE_DISABLE_FIND_PACKAGE_Eigen3=ON -DCMAKE_DISABLE_FIND_PACKAGE_nlohmann_json=ON
        -DCMAKE_DISABLE_FIND_PACKAGE_fmt=ON -DCMAKE_DISABLE_FIND_PACKAGE_ZLIB=ON)
configure_model_solver() {  # components, build directory
  cmake -S "$src/tests/consumer_model_solver" -B "$2" -DCMAKE_PREFIX_PATH="$tmp/prefix" -DCMAKE_BUILD_TYPE=Release \
    "${hidden[@]}" -DFSD_COMPONENTS="$1"
}
configure_model_solver "model;solver" "$tmp/model_solver" > "$tmp/model_solver.log" 2>&1 || {
  cat "$tmp/model_solver.log"; echo "FAIL: model and solver need a hidden package"; exit 1; }
cmake --build "$tmp/model_solver" -j 2 > /dev/null
out=$("$tmp/model_solver/plan_by_hand")
echo "model+solver consumer: $out"
[ "$out" = "6 of 6 jobs, feasible: 1" ] || { echo "FAIL: the model+solver consumer did not plan its day"; exit 1; }
# The control: travel does need Boost, so asking for it with Boost hidden must fail.
if configure_model_solver "model;solver;travel" "$tmp/travel_hidden" > /dev/null 2>&1; then
  echo "FAIL: find_package(fsd COMPONENTS travel) succeeded without Boost"
  exit 1
fi
