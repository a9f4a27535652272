#!/usr/bin/env bash
# lissim against the NumPy baseline (tests/bench/numpy_baseline.py), side by side on one core:
# both pinned to CPU 0 (taskset), every BLAS/OpenMP pool at one thread, runs alternated
# (lissim, numpy, lissim, ...) and the minimum wall and CPU time of the repeats kept. Prints one
# markdown row per program (the table of docs/performance.md, "The NumPy comparison") and
# the ratio numpy / lissim. Nothing here is a test: it never fails on a time.
#
#   tests/bench/compare_numpy.sh                       # 100,000 draws, 3 repeats
#   tests/bench/compare_numpy.sh --draws 500000 --repeats 2
#   tests/bench/compare_numpy.sh --lissim /path/to/lissim --scenario scenarios/x.yaml
#
# Options: --draws N [100000], --repeats R [3], --lissim BIN [<repo>/build/sim/lissim],
# --scenario FILE [scenarios/north_east_baseline.yaml], --cpu C [0], --python P [/usr/bin/python3],
# --numpy-args "..." (more options for numpy_baseline.py, e.g. --keep-samples, with
# --lissim-args --keep-samples, to time both writing the per-draw parameter samples),
# --lissim-args "..." (more options for lissim run). Results go to a temporary folder, removed.
#
# Build lissim in Release first (cmake --build build --target lissim). On a shared machine the
# load average printed with each run says how far to trust it.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DRAWS=100000
REPEATS=3
LISSIM=$ROOT/build/sim/lissim
SCENARIO=$ROOT/scenarios/north_east_baseline.yaml
CPU=0
PYTHON=/usr/bin/python3
NUMPY_ARGS=""
LISSIM_ARGS=""
while [ $# -gt 0 ]; do
  case $1 in
    --draws) DRAWS=$2; shift 2 ;;
    --repeats) REPEATS=$2; shift 2 ;;
    --lissim) LISSIM=$2; shift 2 ;;
    --scenario) SCENARIO=$2; shift 2 ;;
    --cpu) CPU=$2; shift 2 ;;
    --python) PYTHON=$2; shift 2 ;;
    --numpy-args) NUMPY_ARGS=$2; shift 2 ;;
    --lissim-args) LISSIM_ARGS=$2; shift 2 ;;
    *) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
[ -x "$LISSIM" ] || { echo "compare_numpy.sh: no lissim binary at $LISSIM (build it, or --lissim BIN)" >&2; exit 2; }

export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1 BLIS_NUM_THREADS=1 NUMEXPR_NUM_THREADS=1
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Draw-sector-years of one run: draws x sectors x simulated years (base year excluded).
WORK_UNITS=$("$PYTHON" -c "
import sys; sys.path.insert(0, '$ROOT/tests/bench')
import numpy_baseline as nb
sc = nb.load_scenario('$SCENARIO')
print($DRAWS * len(sc['baseline']['sectors']) * (int(sc['horizon']) - int(sc['baseline']['base_year'])))")

# run NAME COMMAND...: one timed run; appends "name wall_s peak_kb file_bytes load1 cpu_s" to runs.txt.
run() {
  local name=$1; shift
  local out=$WORK/$name.h5 load
  rm -f "$out"
  load=$(cut -d' ' -f1 /proc/loadavg)
  /usr/bin/time -f "%e %M %U %S" -o "$WORK/time.txt" taskset -c "$CPU" "$@" -o "$out" >/dev/null
  read -r wall rss user sys <"$WORK/time.txt"
  local cpu
  cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
  echo "$name $wall $rss $(stat -c %s "$out") $load $cpu" >>"$WORK/runs.txt"
  echo "  $name: ${wall} s wall, ${cpu} s CPU, peak ${rss} kB, file $(stat -c %s "$out") bytes (load $load)" >&2
}

echo "$(basename "$SCENARIO"), $DRAWS draws, CPU $CPU, $REPEATS repeats; lissim $LISSIM" >&2
for ((r = 1; r <= REPEATS; r++)); do
  # shellcheck disable=SC2086
  run lissim "$LISSIM" run "$SCENARIO" --draws "$DRAWS" --threads 1 --force -q $LISSIM_ARGS
  # shellcheck disable=SC2086
  run numpy "$PYTHON" "$ROOT/tests/bench/numpy_baseline.py" "$SCENARIO" --draws "$DRAWS" --force -q $NUMPY_ARGS
done

awk -v units="$WORK_UNITS" -v draws="$DRAWS" -v repeats="$REPEATS" -v loadnow="$(cut -d' ' -f1-3 /proc/loadavg)" '
  { n = $1; if (!(n in best) || $2 < best[n]) { best[n] = $2; rss[n] = $3; size[n] = $4; load[n] = $5 }
    if (!(n in cpu) || $6 < cpu[n]) cpu[n] = $6 }
  END {
    print "| program | draws | wall s (min of " repeats ") | CPU s (min) | draw-sector-years per wall s | per CPU s | peak RSS MB | file MB | load (1 min) |"
    print "|---|---|---|---|---|---|---|---|---|"
    split("lissim numpy", order, " ")
    for (i = 1; i <= 2; i++) { n = order[i]
      printf "| %s | %d | %.2f | %.2f | %.3gM | %.3gM | %.0f | %.1f | %s |\n", n, draws, best[n], cpu[n], units / best[n] / 1e6, units / cpu[n] / 1e6, rss[n] / 1024, size[n] / 1e6, load[n] }
    printf "\nnumpy / lissim: wall time %.2f, CPU time %.2f (lissim is %.2fx %s per core); load average now %s\n",
      best["numpy"] / best["lissim"], cpu["numpy"] / cpu["lissim"], (best["numpy"] > best["lissim"] ? best["numpy"] / best["lissim"] : best["lissim"] / best["numpy"]),
      (best["numpy"] > best["lissim"] ? "faster" : "slower"), loadnow
  }' "$WORK/runs.txt"
