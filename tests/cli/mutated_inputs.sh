#!/usr/bin/env bash
# Bad input never crashes: random mutations of a valid problem (wrong types, missing or extra
# fields, negative, huge or out-of-range numbers, broken references) give exit 0 or 2, never a
# crash; and whenever a mutated problem is accepted, its plan passes the evaluator.
set -u
bin=$1; src=$2
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin/fsd" generate --technicians 4 --jobs 12 --seed 3 -o "$tmp/base.json" > /dev/null || { echo "FAIL: generate"; exit 1; }
python3 - "$tmp" <<'PY'
import json, random, sys, copy
tmp = sys.argv[1]
base = json.load(open(f"{tmp}/base.json"))
rnd = random.Random(12345)
junk = [None, True, -1, 0, 1e308, -7.5, "", "x", [], {}, [1, 2], {"a": 1}, "2026-13-45T99:99", 10**18]
def paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for k, v in node.items(): yield from paths(v, prefix + (k,))
    elif isinstance(node, list):
        for i, v in enumerate(node): yield from paths(v, prefix + (i,))
all_paths = [p for p in paths(base) if p]
for n in range(150):
    doc = copy.deepcopy(base)
    for _ in range(rnd.randint(1, 3)):
        p = rnd.choice(all_paths)
        parent = doc
        try:
            for k in p[:-1]: parent = parent[k]
            op = rnd.random()
            if op < 0.5: parent[p[-1]] = rnd.choice(junk)
            elif op < 0.75 and isinstance(parent, dict): del parent[p[-1]]
            elif isinstance(parent, dict): parent["extra_" + str(n)] = 1
        except (KeyError, IndexError, TypeError):
            pass
    json.dump(doc, open(f"{tmp}/m{n}.json", "w"))
PY
accepted=0
for f in "$tmp"/m*.json; do
  "$bin/fsd" validate "$f" > /dev/null 2>&1; code=$?
  if [ $code -ne 0 ] && [ $code -ne 2 ]; then echo "FAIL: validate exited $code on $f"; cat "$f"; exit 1; fi
  if [ $code -eq 0 ]; then
    accepted=$((accepted + 1))
    "$bin/fsd" plan "$f" -o "$tmp/plan.json" --iterations 100 --no-progress -q > /dev/null 2>&1; pc=$?
    [ $pc -eq 0 ] || { echo "FAIL: plan exited $pc on accepted $f"; exit 1; }
    "$bin/fsd" evaluate "$f" "$tmp/plan.json" > /dev/null 2>&1 || { echo "FAIL: plan of $f does not evaluate"; exit 1; }
  fi
done
echo "ok: 150 mutations, $accepted accepted and planned"
