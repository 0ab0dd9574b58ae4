#!/bin/sh
# Proves the validator can fail: breaks a good bundle in one way (BREAK) and expects
# tests/fhir/validate_bundle.js to exit 1 naming the problem (PATTERN, an extended regex).
#   broken_bundle.sh JOINEDUP SOURCE_DIR BREAK PATTERN
set -u
bin=$1
src=$2
break=$3
pattern=$4
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
cd "$src" || exit 1
"$bin" fhir export examples/data/northmoor-plans.json \
  --framework examples/data/northmoor-outcomes-framework.json \
  --measurements examples/data/northmoor-outcomes-measurements.csv -o "$work/good.json" || exit 1
node "$src/tests/fhir/break_bundle.js" "$break" "$work/good.json" "$work/bad.json" || exit 1
node "$src/tests/fhir/validate_bundle.js" "$work/bad.json" >"$work/out" 2>&1
code=$?
cat "$work/out"
if [ "$code" -ne 1 ]; then
  echo "the validator accepted a bundle broken by '$break' (exit $code)"
  exit 1
fi
grep -Eq "$pattern" "$work/out" || { echo "no problem matching /$pattern/"; exit 1; }
