#!/bin/sh
# Shows that the output schemas can fail: real joinedup output validates with ajv-cli (the command
# docs/formats.md gives users), and the same documents made wrong in one place each (a required
# member dropped, money as a JSON number, a column renamed, an unknown severity) are rejected.
#
#   sh reject.sh SOURCE_DIR JOINEDUP_BINARY AJV_CLI
set -u
src=$1 joinedup=$2 ajv=$3
out=$(mktemp -d) || exit 1
trap 'rm -rf "$out"' EXIT
export ASAN_OPTIONS=detect_leaks=0
schemas=$src/data/schema/output
failures=0

# expect valid|invalid SCHEMA DOC WHAT
expect() {
  if "$ajv" validate --spec=draft2020 -c ajv-formats -s "$schemas/$2" -r "$schemas/defs.schema.json" \
       -d "$3" --errors=text >"$out/ajv.log" 2>&1; then got=valid; else got=invalid; fi
  if [ "$got" = "$1" ]; then
    echo "ok: $4: $got"
  else
    echo "FAIL: $4: expected $1, ajv says $got" >&2
    cat "$out/ajv.log" >&2
    failures=$((failures + 1))
  fi
}

# A document made wrong with sed must differ from the original, or the test proves nothing.
mutate() {  # mutate SED-SCRIPT IN OUT
  sed "$1" "$2" >"$3"
  if cmp -s "$2" "$3"; then
    echo "FAIL: '$1' did not change $2" >&2
    failures=$((failures + 1))
  fi
}

cd "$src" || exit 1
"$joinedup" core allocate 0.05 70 30 --format json >"$out/allocation.json"
"$joinedup" governance decide examples/data/northmoor-request-permitted.json \
  --scheme examples/data/northmoor-delegation.json --format json >"$out/decision.json"
"$joinedup" care check examples/data/northmoor-plans.json --format json >"$out/check.json"

expect valid core-allocation.schema.json "$out/allocation.json" "core allocate as printed"
mutate 's/"amount": "\([-0-9.]*\)"/"amount": \1/' "$out/allocation.json" "$out/money-number.json"
expect invalid core-allocation.schema.json "$out/money-number.json" "money as a JSON number"
mutate 's/"name": "weight"/"name": "weights"/; s/"weight": /"weights": /' "$out/allocation.json" "$out/renamed.json"
expect invalid core-allocation.schema.json "$out/renamed.json" "a column renamed"

expect valid decision.schema.json "$out/decision.json" "governance decide as printed"
mutate '/"outcome":/d' "$out/decision.json" "$out/no-outcome.json"
expect invalid decision.schema.json "$out/no-outcome.json" "the required member outcome left out"
mutate 's/"amount": "\([-0-9.]*\)"/"amount": "£\1"/' "$out/decision.json" "$out/pound-sign.json"
expect invalid decision.schema.json "$out/pound-sign.json" "money with a pound sign"

expect valid diagnostics.schema.json "$out/check.json" "care check as printed"
mutate 's/"severity": "warning"/"severity": "warn"/' "$out/check.json" "$out/severity.json"
expect invalid diagnostics.schema.json "$out/severity.json" "an unknown severity"
mutate 's/"schema": "joinedup\/diagnostics\/v1",/"schema": "joinedup\/diagnostics\/v1", "extra": 1,/' "$out/check.json" "$out/extra.json"
expect invalid diagnostics.schema.json "$out/extra.json" "a member the document does not have"

[ "$failures" -eq 0 ] || { echo "$failures failure(s)" >&2; exit 1; }
