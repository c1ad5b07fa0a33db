#!/usr/bin/env bash
# Fails when any C++ file of the tree differs from what the repo's .clang-format gives; the
# tree was formatted once (commit 9e7c616) and this keeps it so. Arguments: clang-format, source dir.
set -eu
clang_format=$1; src=$2
cd "$src"
mapfile -t files < <(find include src support tests bench fuzz -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) 2>/dev/null | sort)
[ "${#files[@]}" -gt 0 ] || { echo "FAIL: no C++ files found under $src"; exit 1; }
if ! "$clang_format" --dry-run --Werror "${files[@]}"; then
  echo "FAIL: the files above differ from .clang-format; run: clang-format -i <file>"
  exit 1
fi
echo "${#files[@]} files match .clang-format"
