#!/bin/sh
# Runs every example that `joinedup … --help` shows, for every command: each must run (exit 0,
# or 1 where the example's input is meant to have problems), never be a usage error (exit 2) and
# never crash. The examples run in a scratch folder that links the source tree's examples/ and
# data/, so an example that writes a file (audit append, -o) leaves the tree alone.
#   help_examples.sh JOINEDUP SOURCE_DIR
set -u
bin=$1
src=$(cd "$2" && pwd)
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
ln -s "$src/examples" "$work/examples"
ln -s "$src/data" "$work/data"
mkdir "$work/bin"
ln -s "$bin" "$work/bin/joinedup"
PATH="$work/bin:$PATH"
export PATH

subcommands() {  # the names listed under "Subcommands:" in the help of "$@"
  joinedup "$@" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'
}
failed=0
commands=0
examples=0
for group in $(subcommands); do
  subs=$(subcommands "$group")
  [ -z "$subs" ] && subs="-"
  for sub in $subs; do
    if [ "$sub" = "-" ]; then set -- "$group"; else set -- "$group" "$sub"; fi
    commands=$((commands + 1))
    joinedup "$@" --help >"$work/help" 2>&1
    if grep -Eq 'ENUM|->[0-9]' "$work/help"; then
      echo "FAIL: joinedup $* --help shows CLI11 internals"
      failed=1
    fi
    awk '/^Examples?:$/ { on = 1; next } on && /^  / { sub(/^  /, ""); print }' "$work/help" >"$work/examples"
    if [ ! -s "$work/examples" ]; then
      echo "FAIL: joinedup $* --help shows no example"
      failed=1
      continue
    fi
    while IFS= read -r example; do
      examples=$((examples + 1))
      (cd "$work" && sh -c "$example") >"$work/out" 2>"$work/err" </dev/null
      code=$?
      bad=0
      [ "$code" -gt 1 ] && bad=1
      grep -Eq 'internal error|Sanitizer|runtime error:' "$work/err" && bad=1
      [ ! -s "$work/out" ] && [ ! -s "$work/err" ] && bad=1
      if [ "$bad" = 1 ]; then
        echo "FAIL (exit $code): $example"
        head -n 5 "$work/err"
        failed=1
      fi
    done <"$work/examples"
  done
done
echo "$commands commands, $examples examples run"
[ "$commands" -ge 20 ] || { echo "FAIL: expected at least 20 commands"; failed=1; }
exit $failed
