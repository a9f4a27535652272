#!/usr/bin/env bash
# Builds lissim and lissim_bench (Release), measures, and prints the tables of
# docs/performance.md: the random-number floor, the full engine and their ratios, the
# 2-thread speedup, the scaling with the number of draws, peak memory by draws, and which
# series-years make the quantile selection take a third pass. Timings are the minimum over
# repeats, wall clock and CPU. Nothing here is a test: it never fails on a time.
#
#   tests/bench/run_benchmarks.sh              # measure everything (about an hour on 2 idle cores)
#   tests/bench/run_benchmarks.sh --quick      # small draws, one repeat: a smoke run (a few minutes)
#   tests/bench/run_benchmarks.sh --report F   # only print the tables from an earlier raw.txt
#
# Environment (defaults in brackets):
#   LISSIM_BENCH_BUILD  build directory                           [<repo>/build-bench]
#   DRAWS               engine draws, 4x apart for the scaling    ["250000 1000000"]
#   DRAWS_XL            extra baseline size, last thread count    [4000000]  ("" to skip)
#   THREAD_COUNTS       thread counts                             ["1 2"]
#   REPEATS             repeats below 1M draws                    [3]
#   REPEATS_LONG        repeats from 1M draws (4M and more: 1)    [2]
#   MEMORY_DRAWS        draws for peak memory of `lissim run`     ["100000 1000000 10000000"]
#   MEMORY_THREADS      threads for the memory runs               [2]
#
# On a shared machine, wall times measure the other users as much as lissim: note the load
# average printed with every measurement, compare wall with CPU seconds, and consider giving
# this session priority first (Linux autogroups, root): echo -10 > /proc/self/autogroup
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${LISSIM_BENCH_BUILD:-$ROOT/build-bench}
DRAWS=${DRAWS:-"250000 1000000"}
DRAWS_XL=${DRAWS_XL-4000000}
THREAD_COUNTS=${THREAD_COUNTS:-"1 2"}
REPEATS=${REPEATS:-3}
REPEATS_LONG=${REPEATS_LONG:-2}
MEMORY_DRAWS=${MEMORY_DRAWS:-"100000 1000000 10000000"}
MEMORY_THREADS=${MEMORY_THREADS:-2}
REPORT_ONLY=""
case ${1:-} in
  "") ;;
  --quick) DRAWS="25000 100000"; DRAWS_XL=""; REPEATS=1; REPEATS_LONG=1; MEMORY_DRAWS="20000 100000" ;;
  --report) REPORT_ONLY=${2:?--report needs the raw.txt of an earlier run} ;;
  *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
esac
BASELINE=$ROOT/scenarios/north_east_baseline.yaml
INTERVENTION=$ROOT/scenarios/north_east_lis_digital.yaml

load() { cut -d' ' -f1-3 /proc/loadavg; }
# field KEY LINE: the value of key=value in a raw line.
field() { tr ' ' '\n' <<<"$2" | sed -n "s/^$1=//p" | head -1; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
human() { awk -v n="$1" 'BEGIN { if (n >= 1e6) printf "%gM", n / 1e6; else printf "%gk", n / 1e3 }'; }

measure() {
  # --- Build ---------------------------------------------------------------------------
  # With the top-level option (add_subdirectory(tests/bench) under LISSIM_BUILD_BENCH) build
  # the tree itself; otherwise a wrapper project that adds the repository and tests/bench.
  if grep -q 'LISSIM_BUILD_BENCH' "$ROOT/CMakeLists.txt"; then
    cmake -S "$ROOT" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DLISSIM_BUILD_TESTS=OFF -DLISSIM_BUILD_BENCH=ON >/dev/null
    BENCH=$BUILD/tests/bench/lissim_bench
    LISSIM=$BUILD/sim/lissim
  else
    BUILD=$BUILD/standalone
    mkdir -p "$BUILD/wrapper"
    cat >"$BUILD/wrapper/CMakeLists.txt" <<EOF
cmake_minimum_required(VERSION 3.20)
project(lissim_bench_wrapper LANGUAGES C CXX)
add_subdirectory("$ROOT" main)
add_compile_options(-Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)
add_subdirectory("$ROOT/tests/bench" bench)
EOF
    cmake -S "$BUILD/wrapper" -B "$BUILD" -DCMAKE_BUILD_TYPE=Release -DLISSIM_BUILD_TESTS=OFF >/dev/null
    BENCH=$BUILD/bench/lissim_bench
    LISSIM=$BUILD/main/sim/lissim
  fi
  echo "building in $BUILD ..." >&2
  cmake --build "$BUILD" -j"$(nproc)" --target lissim lissim_bench >/dev/null

  mkdir -p "$BUILD/bench-results"
  RAW=$BUILD/bench-results/raw.txt
  : >"$RAW"
  {
    echo "machine model=$(lscpu | sed -n 's/^Model name: *//p' | tr ' ' '_') cores=$(nproc)" \
      "compiler=$(c++ --version | head -1 | tr ' ' '_')" \
      "flags=$(sed -n 's/^CMAKE_CXX_FLAGS_RELEASE:STRING=//p' "$BUILD/CMakeCache.txt" | tr ' ' '_')" \
      "autogroup=$(tr ' ' '_' </proc/self/autogroup 2>/dev/null || echo none) load_start=$(load | tr ' ' '/')" \
      "date=$(date -u +%Y-%m-%dT%H:%MZ) sources=$(cd "$ROOT" && find models sim -name '*.cpp' -o -name '*.h' |
        LC_ALL=C sort | xargs cat | sha256sum | cut -c1-12)"
  } >>"$RAW"

  # bench WORKLOAD SCENARIO DRAWS THREADS [ARGS]: one lissim_bench line, appended to raw.txt.
  bench() {
    local workload=$1 scenario=$2 draws=$3 threads=$4 repeats=$REPEATS
    shift 4
    if ((draws >= 1000000)); then repeats=$REPEATS_LONG; fi
    if ((draws >= 4000000)); then repeats=1; fi
    echo "  $workload $* $(basename "$scenario" .yaml) $(human "$draws") draws, $threads thread(s), load $(load)" >&2
    echo "$("$BENCH" "$workload" --scenario "$scenario" --draws "$draws" --threads "$threads" --repeats "$repeats" "$@")" \
      "load=$(load | tr ' ' '/')" >>"$RAW"
  }
  # memory DRAWS [ARGS]: peak resident set (KB) and wall time of the real binary.
  memory() {
    local draws=$1 tmp
    shift
    tmp=$(mktemp -d)
    echo "  memory: lissim run baseline $(human "$draws") draws $* (load $(load))" >&2
    /usr/bin/time -f "%M %e %U %S" -o "$tmp/time" "$LISSIM" run "$BASELINE" --draws "$draws" \
      --threads "$MEMORY_THREADS" -q --force -o "$tmp/out.h5" "$@"
    local kb wall user sys
    read -r kb wall user sys <"$tmp/time"
    echo "workload=memory scenario=north_east_baseline draws=$draws threads=$MEMORY_THREADS" \
      "options=${*:-summaries_only} peak_kb=$kb wall_s=$wall cpu_s=$(calc %.2f "$user + $sys")" \
      "file_mb=$(du -m "$tmp/out.h5" | cut -f1) load=$(load | tr ' ' '/')" >>"$RAW"
    rm -rf "$tmp"
  }

  echo "load average at start: $(load); raw lines in $RAW" >&2
  local last_threads=${THREAD_COUNTS##* } largest=${DRAWS##* }
  for scenario in "$BASELINE" "$INTERVENTION"; do
    for draws in $DRAWS; do
      for threads in $THREAD_COUNTS; do
        bench rng "$scenario" "$draws" "$threads"
        bench simulate "$scenario" "$draws" "$threads"
        bench run "$scenario" "$draws" "$threads"
      done
      bench cells "$scenario" "$draws" "$last_threads"
    done
    bench rng "$scenario" "$largest" 1 --part params
    bench rng "$scenario" "$largest" 1 --part shocks
  done
  if [[ -n $DRAWS_XL ]]; then
    bench rng "$BASELINE" "$DRAWS_XL" "$last_threads"
    bench run "$BASELINE" "$DRAWS_XL" "$last_threads"
    bench cells "$BASELINE" "$DRAWS_XL" "$last_threads"
  fi
  for draws in $MEMORY_DRAWS; do memory "$draws"; done
  memory "${MEMORY_DRAWS%% *}" --keep-draws
  echo "end load_end=$(load | tr ' ' '/')" >>"$RAW"
  echo "load average at end: $(load)" >&2
  echo "$RAW"
}

# --- Tables (from raw.txt) ---------------------------------------------------------------
report() {
  local raw=$1
  declare -A L
  local line key
  while IFS= read -r line; do
    [[ $line == workload=* ]] || continue
    key="$(field workload "$line")/$(field scenario "$line")/$(field draws "$line")/$(field threads "$line")"
    [[ $(field workload "$line") == memory ]] && key+="/$(field options "$line")"
    L[$key]=$line
  done <"$raw"
  keys() { printf '%s\n' "${!L[@]}" | grep "^$1/" | sort -t/ -k2,2 -k3,3n -k4,4n; }
  get() { field "$2" "${L[$1]:-}"; }  # get KEY FIELD

  local m
  m=$(grep '^machine ' "$raw" || true)
  echo "Machine: $(field model "$m" | tr '_' ' '), $(field cores "$m") cores; $(field compiler "$m" | tr '_' ' ');" \
    "$(field flags "$m" | tr '_' ' '); load average $(field load_start "$m") at start," \
    "$(field load_end "$(grep '^end ' "$raw" || true)") at end; autogroup $(field autogroup "$m" | tr '_' ' ');" \
    "measured $(field date "$m"), sources (sha256 of models/ and sim/) $(field sources "$m")"
  echo
  echo "Random-number floor: one pass of the engine's random numbers (wall, minimum of repeats)"
  echo
  echo "| scenario | draws | threads | numbers/draw | Philox calls/draw | numbers/s | s per 1M draws | CPU s per 1M draws |"
  echo "|---|---|---|---|---|---|---|---|"
  for key in $(keys rng; keys rng-params; keys rng-shocks); do
    local l=${L[$key]} part=""
    [[ $key == rng-* ]] && part=" (${key%%/*})"
    echo "| $(field scenario "$l")$part | $(human "$(field draws "$l")") | $(field threads "$l") |" \
      "$(field numbers_per_draw "$l") | $(field philox_calls_per_draw "$l") |" \
      "$(calc %.3g "$(field numbers_per_s "$l")") | $(calc %.2f "$(field s_per_1M_draws "$l")") |" \
      "$(calc %.2f "$(field cpu_s "$l") * 1e6 / $(field draws "$l")") |"
  done
  echo
  echo "Engine (run_monte_carlo, summaries only) against the floor at the same draws and threads;"
  echo "simulate = Simulator::run over every block, no statistics"
  echo
  echo "| scenario | draws | threads | passes | draw-sector-years/s | simulate / floor | run / floor | run / (passes x floor) | same, CPU time | contention |"
  echo "|---|---|---|---|---|---|---|---|---|---|"
  for key in $(keys run); do
    local rest=${key#run/} l=${L[$key]}
    local f=$(get "rng/$rest" wall_s) fc=$(get "rng/$rest" cpu_s) passes=$(field passes "$l")
    local sim=-
    [[ -n ${L[simulate/$rest]:-} ]] && sim=$(calc %.2f "$(get "simulate/$rest" wall_s) / $f")
    echo "| $(field scenario "$l") | $(human "$(field draws "$l")") | $(field threads "$l") | $passes |" \
      "$(calc %.3g "$(field draw_sector_years_per_s "$l")") | $sim | $(calc %.2f "$(field wall_s "$l") / $f") |" \
      "$(calc %.2f "$(field wall_s "$l") / ($passes * $f)") | $(calc %.2f "$(field cpu_s "$l") / ($passes * $fc)") |" \
      "$(calc %.2f "$(field contention "$l")") |"
  done
  echo
  echo "Where a pass goes, 1 thread, CPU time per 1M draws: floor; model and recording = simulate - floor;"
  echo "statistics = run / passes - simulate"
  echo
  echo "| scenario | draws | floor s | model + record s | statistics s | pass s | passes | run s |"
  echo "|---|---|---|---|---|---|---|---|"
  for key in $(keys run | grep '/1$'); do
    local rest=${key#run/} l=${L[$key]}
    [[ -n ${L[simulate/$rest]:-} && -n ${L[rng/$rest]:-} ]] || continue
    local n=$(field draws "$l") passes=$(field passes "$l")
    local f=$(calc %.3f "$(get "rng/$rest" cpu_s) * 1e6 / $n") s=$(calc %.3f "$(get "simulate/$rest" cpu_s) * 1e6 / $n")
    local r=$(calc %.3f "$(field cpu_s "$l") * 1e6 / $n")
    echo "| $(field scenario "$l") | $(human "$n") | $(calc %.1f "$f") | $(calc %.1f "$s - $f") |" \
      "$(calc %.1f "$r / $passes - $s") | $(calc %.1f "$r / $passes") | $passes | $(calc %.1f "$r") |"
  done
  echo
  local tl=($THREAD_COUNTS)
  if ((${#tl[@]} >= 2)); then
    local t1=${tl[0]} t2=${tl[-1]}
    echo "Speedup, $t2 threads over $t1: measured wall($t1) / wall($t2); estimated for an idle machine with"
    echo "wall - (run-queue wait) / threads; extra work = CPU($t2) / CPU($t1)"
    echo
    echo "| scenario | draws | floor | simulate | run | floor, est. | simulate, est. | run, est. | run extra work |"
    echo "|---|---|---|---|---|---|---|---|---|"
    for key in $(keys run | grep "/$t1\$"); do
      local rest=${key#run/}
      rest=${rest%/*}
      [[ -n ${L[run/$rest/$t2]:-} ]] || continue
      local cells="" est=""
      for w in rng simulate run; do
        if [[ -n ${L[$w/$rest/$t1]:-} && -n ${L[$w/$rest/$t2]:-} ]]; then
          cells+=" $(calc %.2f "$(get "$w/$rest/$t1" wall_s) / $(get "$w/$rest/$t2" wall_s)") |"
          local e1="$(get "$w/$rest/$t1" wall_s) - $(get "$w/$rest/$t1" wait_s) / $t1"
          local e2="$(get "$w/$rest/$t2" wall_s) - $(get "$w/$rest/$t2" wait_s) / $t2"
          est+=" $(calc %.2f "($e1) / ($e2)") |"
        else
          cells+=" - |" est+=" - |"
        fi
      done
      cells+=$est
      echo "| ${rest%/*} | $(human "${rest#*/}") |$cells $(calc %.2f "$(get "run/$rest/$t2" cpu_s) / $(get "run/$rest/$t1" cpu_s)") |"
    done
    echo
  fi
  echo "Scaling: time(4N) / (4 x time(N)), 1.00 = linear"
  echo
  echo "| scenario | threads | N -> 4N | floor (wall) | run (wall) | run (CPU) | passes |"
  echo "|---|---|---|---|---|---|---|"
  for key in $(keys run); do
    local rest=${key#run/}
    local name=${rest%%/*} n=$(get "$key" draws) t=$(get "$key" threads)
    local big="run/$name/$((4 * n))/$t"
    [[ -n ${L[$big]:-} ]] || continue
    echo "| $name | $t | $(human "$n") -> $(human "$((4 * n))") |" \
      "$(calc %.2f "$(get "rng/$name/$((4 * n))/$t" wall_s) / (4 * $(get "rng/$rest" wall_s))") |" \
      "$(calc %.2f "$(get "$big" wall_s) / (4 * $(get "$key" wall_s))") |" \
      "$(calc %.2f "$(get "$big" cpu_s) / (4 * $(get "$key" cpu_s))") |" \
      "$(get "$key" passes) -> $(get "$big" passes) |"
  done
  echo
  echo "First-pass quantile cells (lissim_bench cells): cells whose bin is too large to collect"
  echo "(more than QuantileSelector collects directly) force a further pass over every draw"
  echo
  echo "| scenario | draws | cells collected | values collected | cells to narrow | predicted passes | worst series-year |"
  echo "|---|---|---|---|---|---|---|"
  for key in $(keys cells); do
    local l=${L[$key]}
    echo "| $(field scenario "$l") | $(human "$(field draws "$l")") | $(field collect_cells "$l") |" \
      "$(field collected_values "$l") | $(field refine_cells "$l") | $(field predicted_passes "$l") |" \
      "$(field worst "$l" | tr '_' ' ') |"
  done
  echo
  echo "Peak memory of lissim run (baseline, maximum resident set; the file holds /parameters/samples)"
  echo
  echo "| draws | threads | options | peak MB | wall s | CPU s | file MB |"
  echo "|---|---|---|---|---|---|---|"
  for key in $(keys memory | grep -v -- '--keep' ; keys memory | grep -- '--keep'); do
    local l=${L[$key]}
    echo "| $(human "$(field draws "$l")") | $(field threads "$l") | $(field options "$l" | tr '_' ' ') |" \
      "$(calc %.0f "$(field peak_kb "$l") / 1024") | $(field wall_s "$l") | $(field cpu_s "$l") | $(field file_mb "$l") |"
  done
}

if [[ -n $REPORT_ONLY ]]; then
  report "$REPORT_ONLY"
else
  raw=$(measure)
  echo
  report "$raw"
fi
