#!/bin/sh
# Writes the board pack of an area with the joinedup tool, then opens it in headless Chromium
# (check_report.js). Usage: report_test.sh JOINEDUP AREA_DIR OUT_DIR [--expect-incomplete]
set -u
joinedup=$1 area=$2 out=$3 flag=${4:-}
mkdir -p "$out"
"$joinedup" report "$area" -o "$out/report.html"
code=$?
if [ "$flag" = "--expect-incomplete" ]; then
  [ "$code" -eq 1 ] || { echo "expected exit 1 for an incomplete pack, got $code" >&2; exit 1; }
else
  [ "$code" -eq 0 ] || { echo "joinedup report exited $code" >&2; exit 1; }
fi
exec node "$(dirname "$0")/check_report.js" "$out/report.html" "$out" $flag
