#!/bin/sh
# One case of the hostile-input suite (tests/hostile/cases.txt; see hostile.cmake).
#   run.sh BIN GENDIR SANITIZED JSONCHECK EXIT EXPECT STDIN STDOUT ARG...
# Runs BIN ARG... from the source tree (the current directory) and fails unless:
#   - it exits with EXIT, within 300 seconds, with no sanitizer report or "internal error";
#   - its stdout or stderr matches the extended regular expression EXPECT (the diagnostic code);
#   - a failed run presents nothing as complete: no '"complete": true' on stdout, and with
#     --format json stdout is empty or exactly one JSON document (JSONCHECK reads it);
#   - every input file named by an argument has the same bytes afterwards (SHA-256).
# @G@ in an argument is GENDIR (the files hostile_gen.sh made). STDIN is "" (empty input),
# "zero" (/dev/zero, endless), "rows:N:HEADER:TEXT" (a HEADER line, if not empty, then N lines of
# TEXT, streamed) or a file path;
# STDOUT is "" (captured) or "full" (/dev/full, where every write fails). Memory is capped: at
# 1 GiB of RSS under AddressSanitizer (hard_rss_limit_mb), else 2 GiB of address space.
set -u
bin=$1 gen=$2 sanitized=$3 jsoncheck=$4 want_exit=$5 expect=$6 stdin_spec=$7 stdout_spec=$8
shift 8
work=$(mktemp -d) || exit 1
trap 'rm -rf "$work"' EXIT INT TERM

# The arguments, with @G@ expanded, kept as positional parameters.
n=$#
i=0
while [ "$i" -lt "$n" ]; do
  a=$1
  shift
  case $a in *@G@*) a=$(printf '%s' "$a" | sed "s|@G@|$gen|g") ;; esac
  set -- "$@" "$a"
  i=$((i + 1))
done

command="$bin $*"

# Fingerprints of every regular file an argument names (and the part after a '=' or ':').
: >"$work/before"
for a in "$@"; do
  for p in "$a" "${a#*=}"; do
    if [ -f "$p" ] && [ -r "$p" ]; then sha256sum "$p" >>"$work/before"; fi
  done
done

if [ "$sanitized" = 1 ]; then
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=1024:exitcode=99"
  UBSAN_OPTIONS="${UBSAN_OPTIONS:+$UBSAN_OPTIONS:}exitcode=99"
  export ASAN_OPTIONS UBSAN_OPTIONS
else
  ulimit -v 2097152
fi

out="$work/stdout"
[ "$stdout_spec" = full ] && out=/dev/full
case $stdin_spec in
  "") timeout 300 "$bin" "$@" </dev/null >"$out" 2>"$work/stderr" ;;
  zero) timeout 300 "$bin" "$@" </dev/zero >"$out" 2>"$work/stderr" ;;
  rows:*)
    spec=${stdin_spec#rows:}
    count=${spec%%:*}
    spec=${spec#*:}
    header=${spec%%:*}
    text=${spec#*:}
    { [ -n "$header" ] && printf '%s\n' "$header"; yes "$text" | head -n "$count"; } |
      timeout 300 "$bin" "$@" >"$out" 2>"$work/stderr"
    ;;
  *) timeout 300 "$bin" "$@" <"$stdin_spec" >"$out" 2>"$work/stderr" ;;
esac
code=$?
[ "$out" = /dev/full ] && : >"$work/stdout"

fail() {
  echo "FAIL: $*"
  echo "--- command: $command"
  echo "--- exit: $code"
  echo "--- stdout (first 40 lines):"
  head -n 40 "$work/stdout"
  echo "--- stderr (first 40 lines):"
  head -n 40 "$work/stderr"
  exit 1
}

if grep -Eq 'AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|internal error' "$work/stderr"; then
  fail "a crash, a sanitizer report or an internal error"
fi
[ "$code" -eq 124 ] && fail "still running after 300 seconds"
[ "$code" -eq "$want_exit" ] || fail "exit $code, expected $want_exit"
cat "$work/stdout" "$work/stderr" | grep -Eq -- "$expect" || fail "no output matches /$expect/"
if [ "$code" -ne 0 ] && grep -q '"complete": true' "$work/stdout"; then
  fail "a failed run printed a document that says it is complete"
fi
for a in "$@"; do
  if [ "$a" = json ] && [ -s "$work/stdout" ] && ! "$jsoncheck" <"$work/stdout"; then
    fail "--format json output is not exactly one JSON document"
  fi
done
: >"$work/after"
while read -r _sum path; do
  sha256sum "$path" >>"$work/after"
done <"$work/before"
cmp -s "$work/before" "$work/after" || fail "an input file was changed"
exit 0
