#!/bin/sh
# Exports a bundle twice with the same arguments and validates it with the real FHIR R4 JSON
# Schema validator (tests/fhir/validate_bundle.js), checking the two runs are byte-identical:
#   export_validate.sh JOINEDUP SOURCE_DIR EXPECTED_NHS_NUMBERS PLANS.json [export options…]
set -u
bin=$1
src=$2
nhs=$3
shift 3
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
cd "$src" || exit 1
"$bin" fhir export "$@" -o "$work/a.json" || { echo "export failed"; exit 1; }
"$bin" fhir export "$@" >"$work/b.json" || { echo "second export failed"; exit 1; }
node "$src/tests/fhir/validate_bundle.js" "$work/a.json" --same-as "$work/b.json" --expect-nhs "$nhs"
