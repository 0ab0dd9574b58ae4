#!/bin/sh
# Times the compilation of a file that includes only joinedup/joinedup.hpp (best of 5, -O0 and
# -O2), with g++ and, when present, clang++. Run from the repository root after configuring any
# preset (the generated version header is taken from build/<preset>/include).
set -eu
cd "$(dirname "$0")/.."
gen=$(ls -d build/*/include 2>/dev/null | head -n 1)
[ -n "$gen" ] || { echo "configure a preset first (cmake --preset release)"; exit 1; }
for cxx in g++ clang++; do
  command -v "$cxx" >/dev/null 2>&1 || continue
  for opt in -O0 -O2; do
    best=""
    for _ in 1 2 3 4 5; do
      start=$(date +%s.%N)
      "$cxx" -std=c++20 $opt -Iinclude -I"$gen" -c bench/umbrella_tu.cpp -o /tmp/joinedup_umbrella.o
      end=$(date +%s.%N)
      t=$(echo "$end - $start" | bc)
      if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" -eq 1 ]; then best=$t; fi
    done
    echo "$cxx $opt: joinedup/joinedup.hpp compiles in ${best}s (best of 5)"
  done
done
