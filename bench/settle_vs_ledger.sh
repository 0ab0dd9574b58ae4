#!/usr/bin/env bash
# The end-to-end speed comparison of issue 3: on the same N ledger transactions (default
# 1,000,000), `joinedup budget settle FUND.json LEDGER.csv` against `ledger -f FILE balance`
# (Debian package `ledger`), single-threaded. Prints wall time and peak memory (max RSS) of
# each, the ratio of wall times, and joinedup's peak memory against the CSV's size. The issue
# asks for a ratio of at least 50 and peak memory under twice the CSV.
#
#   bench/settle_vs_ledger.sh [ROWS]
#
# Environment:
#   FUND=path        fund JSON (default examples/data/northmoor-fund.json, else
#                    bench/data/bench-fund.json)
#   JOINEDUP=path    the CLI (default build/release/src/cli/joinedup; build it with
#                    `cmake --preset release && cmake --build --preset release`)
#   RUNS=n           runs of each tool; the fastest is reported (default 3)
#   WORK=dir         where the generated files go (default ${TMPDIR:-/tmp}/joinedup-settle-bench)
#   SETTLE_ARGS=…    extra arguments for `joinedup budget settle` (e.g. "--as-of 2025-11-30")
#   KEEP=1           reuse generated files of the same size and fund
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
rows=${1:-${ROWS:-1000000}}
runs=${RUNS:-3}
work=${WORK:-${TMPDIR:-/tmp}/joinedup-settle-bench}
joinedup=${JOINEDUP:-$root/build/release/src/cli/joinedup}
if [[ -z ${FUND:-} ]]; then
  FUND=$root/examples/data/northmoor-fund.json
  [[ -f $FUND ]] || FUND=$root/bench/data/bench-fund.json
fi
fund=$FUND

die() { echo "settle_vs_ledger.sh: $*" >&2; exit 2; }

# --- tools ---------------------------------------------------------------------------------
if ! command -v ledger >/dev/null 2>&1; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    echo "installing the Debian package ledger..." >&2
    apt-get install -y ledger >/dev/null || { apt-get update >/dev/null && apt-get install -y ledger >/dev/null; }
  else
    die "the 'ledger' program is missing: sudo apt-get install ledger"
  fi
fi
if [[ ! -x /usr/bin/time ]]; then
  if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
    apt-get install -y time >/dev/null
  else
    die "/usr/bin/time is missing: sudo apt-get install time"
  fi
fi
[[ -x $joinedup ]] || die "no joinedup CLI at $joinedup (cmake --preset release && cmake --build --preset release, or set JOINEDUP)"
[[ -f $fund ]] || die "no fund file $fund"
command -v python3 >/dev/null || die "python3 is needed to generate the ledger"

# --- data ----------------------------------------------------------------------------------
mkdir -p "$work"
csv=$work/ledger-$rows.csv
journal=$work/ledger-$rows.ledger
stamp=$work/ledger-$rows.stamp
want="$(cksum <"$fund") $rows"
if [[ ${KEEP:-0} != 1 || ! -f $csv || ! -f $journal || "$(cat "$stamp" 2>/dev/null)" != "$want" ]]; then
  echo "generating $rows transactions for $(basename "$fund")..." >&2
  python3 "$root/bench/gen_ledger.py" "$fund" --rows "$rows" --out "$csv" --ledger-out "$journal"
  echo "$want" >"$stamp"
fi
csv_bytes=$(stat -c %s "$csv")

# --- timing --------------------------------------------------------------------------------
# run NAME CMD...: runs CMD `runs` times under /usr/bin/time -v; sets best_wall (seconds, from
# bash's microsecond clock) and best_rss (KiB) of the fastest run, and last_status.
run() {
  local name=$1
  shift
  best_wall=
  best_rss=
  local i
  for ((i = 1; i <= runs; i++)); do
    local t0=$EPOCHREALTIME
    set +e
    /usr/bin/time -v -o "$work/$name.time" "$@" >"$work/$name.out" 2>"$work/$name.err"
    last_status=$?
    set -e
    local t1=$EPOCHREALTIME
    local wall rss
    wall=$(python3 -c "print(f'{$t1 - $t0:.4f}')")
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/$name.time")
    if [[ -z $best_wall ]] || python3 -c "import sys; sys.exit(0 if $wall < $best_wall else 1)"; then
      best_wall=$wall
      best_rss=$rss
    fi
  done
}

echo "fund:   $fund" >&2
echo "ledger: $rows transactions, CSV $csv_bytes bytes, journal $(stat -c %s "$journal") bytes" >&2

# shellcheck disable=SC2086
run joinedup "$joinedup" budget settle "$fund" "$csv" ${SETTLE_ARGS:-}
j_wall=$best_wall j_rss=$best_rss j_status=$last_status
if ((j_status >= 2)); then
  cat "$work/joinedup.err" >&2
  die "joinedup budget settle failed with exit code $j_status"
fi
run ledger ledger -f "$journal" balance
l_wall=$best_wall l_rss=$best_rss l_status=$last_status
((l_status == 0)) || { cat "$work/ledger.err" >&2; die "ledger failed with exit code $l_status"; }

python3 - "$rows" "$csv_bytes" "$j_wall" "$j_rss" "$j_status" "$l_wall" "$l_rss" <<'EOF'
import sys
rows, csv_bytes = int(sys.argv[1]), int(sys.argv[2])
j_wall, j_rss, j_status = float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
l_wall, l_rss = float(sys.argv[6]), int(sys.argv[7])
ratio = l_wall / j_wall
mem = j_rss * 1024 / csv_bytes
print(f"{'tool':<34}{'wall s':>10}{'max RSS MiB':>14}")
print(f"{'joinedup budget settle':<34}{j_wall:>10.3f}{j_rss / 1024:>14.1f}   (exit {j_status})")
print(f"{'ledger -f FILE balance':<34}{l_wall:>10.3f}{l_rss / 1024:>14.1f}")
print(f"rows: {rows}; CSV: {csv_bytes / 1048576:.1f} MiB; joinedup {rows / j_wall / 1e6:.1f} M rows/s end to end")
print(f"speed-up (ledger wall / joinedup wall): {ratio:.1f}x  [target >= 50x: {'met' if ratio >= 50 else 'NOT met'}]")
print(f"joinedup peak memory / CSV size: {mem:.2f}  [target < 2: {'met' if mem < 2 else 'NOT met'}]")
EOF
