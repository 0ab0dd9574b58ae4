#!/bin/sh
# Runs the commands that joinedup shows its users, so that none of them is out of date:
#   help_examples.sh JOINEDUP SOURCE_DIR          every example of every `joinedup … --help`
#   help_examples.sh JOINEDUP SOURCE_DIR docs     every `joinedup …` line in the code blocks of
#                                                 README.md and docs/*.md
# Each must run: exit 0, or 1 where its input is meant to have problems (a docs line says so
# with "exit 1" in its comment, and then must exit 1), never a usage error (exit 2), never a
# crash, never silent. They run in a scratch folder that links the source tree's examples/ and
# data/, so a command that writes a file (audit append, -o) leaves the tree alone.
set -u
bin=$1
src=$(cd "$2" && pwd)
mode=${3:-help}
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM
ln -s "$src/examples" "$work/examples"
ln -s "$src/data" "$work/data"
mkdir "$work/bin"
ln -s "$bin" "$work/bin/joinedup"
PATH="$work/bin:$PATH"
export PATH
failed=0
runs=0

# run COMMAND [EXPECTED]: runs one shown command in the scratch folder and judges it.
run() {
  runs=$((runs + 1))
  (cd "$work" && sh -c "$1") >"$work/out" 2>"$work/err" </dev/null
  code=$?
  bad=0
  if [ -n "${2:-}" ]; then
    [ "$code" -ne "$2" ] && bad=1
  else
    [ "$code" -gt 1 ] && bad=1
  fi
  grep -Eq 'internal error|Sanitizer|runtime error:' "$work/err" && bad=1
  [ ! -s "$work/out" ] && [ ! -s "$work/err" ] && bad=1
  if [ "$bad" = 1 ]; then
    echo "FAIL (exit $code${2:+, expected $2}): $1"
    head -n 5 "$work/err"
    failed=1
  fi
}

subcommands() {  # the names listed under "Subcommands:" in the help of "$@"
  joinedup "$@" --help | awk '/^Subcommands:/ { on = 1; next } on && /^  [a-z]/ { print $1 }'
}

if [ "$mode" = docs ]; then
  # Lines of fenced code blocks that start with `joinedup ` (after an optional `$ `); a line
  # ending in a backslash goes on on the next, and a block's shell assignments (L=…) are set
  # before each of its commands. Lines with placeholders (<name>, [DIR], FILE, …) stand for many
  # commands and are counted as not run. The commands may write files, so they work on copies.
  rm "$work/examples" "$work/data"
  cp -R "$src/examples" "$src/data" "$work/"
  skipped=0
  for page in "$src/README.md" "$src"/docs/*.md; do
    awk '/^[[:space:]]*```/ { inside = !inside; held = ""; vars = ""; next }
         inside {
           line = $0; sub(/^[[:space:]]*(\$ )?/, "", line)
           if (held != "") { line = held " " line; held = "" }
           if (line ~ /\\$/) { sub(/\\$/, "", line); held = line; next }
           if (line ~ /^[A-Za-z_][A-Za-z0-9_]*=/) {
             sub(/[[:space:]]+#.*$/, "", line); vars = vars line "; "; next
           }
           if (line ~ /^joinedup /) print vars "\037" line
         }' "$page" >"$work/shown"
    while IFS="$(printf '\037')" read -r vars shown; do
      command=$(printf '%s\n' "$shown" | sed 's/[[:space:]]*#.*$//')
      expected=0
      case "$shown" in *"exit 1"*) expected=1 ;; esac
      case "$command" in
        *'<'* | *'['* | *FILE* | *DIR* | *'…'* | *'...'*)
          skipped=$((skipped + 1))
          continue
          ;;
      esac
      run "$vars$command" "$expected"
    done <"$work/shown"
  done
  echo "$runs commands shown in README.md and docs/ run ($skipped with placeholders not run)"
  [ "$runs" -ge 40 ] || { echo "FAIL: expected at least 40 commands in the docs"; failed=1; }
  exit $failed
fi

commands=0
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
    awk '/^Examples?:$/ { on = 1; next } on && /^  / { sub(/^  /, ""); print }' "$work/help" >"$work/listed"
    if [ ! -s "$work/listed" ]; then
      echo "FAIL: joinedup $* --help shows no example"
      failed=1
      continue
    fi
    while IFS= read -r example; do
      run "$example"
    done <"$work/listed"
  done
done
echo "$commands commands, $runs examples run"
[ "$commands" -ge 20 ] || { echo "FAIL: expected at least 20 commands"; failed=1; }
[ "$runs" -ge "$commands" ] || { echo "FAIL: fewer examples than commands"; failed=1; }
exit $failed
