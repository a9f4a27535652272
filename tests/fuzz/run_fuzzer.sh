#!/usr/bin/env bash
# Fuzz one of lissim's libFuzzer targets for a bounded time.
#   tests/fuzz/run_fuzzer.sh [SECONDS] [LIBFUZZER_FLAG...]     (default 60 s)
#   FUZZ_TARGET=scenario_loader|sweep_spec|results_readers|all (default scenario_loader; all:
#   each in turn, SECONDS each, as CI does)
# Installs clang-16 and libFuzzer if missing, builds tests/fuzz's libFuzzer binaries in build-fuzz
# (clang, -DLISSIM_FUZZ=ON: -fsanitize=fuzzer,address,undefined) and runs the target on a working
# corpus in build-fuzz/fuzz-corpus-<target>, seeded from its corpus folders (tests/fuzz/README.md).
# A crash, hang, leak, sanitizer report or undocumented exception is written to
# build-fuzz/artifacts-<target>/; save it in the target's regressions folder.
# Environment: BUILD_DIR (default build-fuzz), JOBS (build jobs, default: number of cores),
# CLANG_VERSION (default 16), MAX_LEN (default 65536), RSS_LIMIT_MB (default 2048),
# TIMEOUT (s per input, default 30: tests/data/bad/alias_bomb.yaml takes ~10 s under
# ASan + coverage on a busy machine).
# Extra flags go to libFuzzer, e.g. -fork=2 to use two cores, -runs=0 to replay the corpus.
set -euo pipefail
cd "$(dirname "$0")/../.."

SECONDS_TO_RUN=${1:-60}
[ $# -gt 0 ] && shift
FUZZ_TARGET=${FUZZ_TARGET:-scenario_loader}
TARGETS=(scenario_loader sweep_spec results_readers)
if [ "$FUZZ_TARGET" != all ] && [[ ! " ${TARGETS[*]} " =~ " $FUZZ_TARGET " ]]; then
  echo "FUZZ_TARGET: got '$FUZZ_TARGET', must be one of ${TARGETS[*]} or all" >&2
  exit 2
fi
BUILD_DIR=${BUILD_DIR:-build-fuzz}
JOBS=${JOBS:-$(nproc)}
MAX_LEN=${MAX_LEN:-65536}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-2048}
TIMEOUT=${TIMEOUT:-30}

# clang and libFuzzer (libclang_rt.fuzzer, in libclang-rt-N-dev). Clang >= 16: lissim uses
# C++20 lambda captures of structured bindings, which clang 14 (Debian 12's default) rejects.
CLANG_VERSION=${CLANG_VERSION:-16}
CC_FUZZ=clang-$CLANG_VERSION
CXX_FUZZ=clang++-$CLANG_VERSION
fuzzer_links() {
  command -v "$CC_FUZZ" >/dev/null && command -v "$CXX_FUZZ" >/dev/null || return 1
  local tmp ok=0
  tmp=$(mktemp -d)
  echo 'extern "C" int LLVMFuzzerTestOneInput(const unsigned char*, unsigned long) { return 0; }' >"$tmp/t.cpp"
  "$CXX_FUZZ" -fsanitize=fuzzer,address,undefined "$tmp/t.cpp" -o "$tmp/t" >/dev/null 2>&1 || ok=1
  rm -rf "$tmp"
  return $ok
}
if ! fuzzer_links; then
  echo "Installing clang-$CLANG_VERSION (libFuzzer)"
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "clang-$CLANG_VERSION" "libclang-rt-$CLANG_VERSION-dev" >/dev/null
  fuzzer_links || { echo "$CXX_FUZZ cannot link a libFuzzer target" >&2; exit 1; }
fi

# A build folder configured with another compiler starts afresh.
if [ -f "$BUILD_DIR/CMakeCache.txt" ] && ! grep -q "^CMAKE_CXX_COMPILER:[A-Z]*=.*$CXX_FUZZ\$" "$BUILD_DIR/CMakeCache.txt"; then
  rm -rf "$BUILD_DIR/CMakeCache.txt" "$BUILD_DIR/CMakeFiles"
fi
# A fresh folder builds the fuzzers only; one configured before keeps its other targets.
tests_flag=()
[ -f "$BUILD_DIR/CMakeCache.txt" ] || tests_flag=(-DLISSIM_BUILD_TESTS=OFF)
cmake -S . -B "$BUILD_DIR" -DCMAKE_C_COMPILER="$CC_FUZZ" -DCMAKE_CXX_COMPILER="$CXX_FUZZ" \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo -DLISSIM_FUZZ=ON -DLISSIM_WITH_MPI=OFF -DLISSIM_BUILD_BENCH=OFF \
      "${tests_flag[@]}" >/dev/null
[ "$FUZZ_TARGET" = all ] || TARGETS=("$FUZZ_TARGET")
cmake --build "$BUILD_DIR" -j "$JOBS" --target "${TARGETS[@]/#/lissim_fuzz_}"

# The target's sandboxes (seed data copies): inputs that crash or time out leave theirs here.
mkdir -p "$BUILD_DIR/tmp"
export TMPDIR=$(cd "$BUILD_DIR/tmp" && pwd)
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:halt_on_error=1:print_stacktrace=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}

# The seed folders of each target (the first folder given is the working corpus; new inputs
# are added there, the others only seed it) and its dictionary.
seeds_of() {
  case "$1" in
    scenario_loader) echo tests/fuzz/corpus tests/fuzz/regressions tests/data tests/data/adversarial/scenarios tests/data/adversarial/text scenarios ;;
    sweep_spec) echo tests/fuzz/sweep_corpus tests/data/sweeps tests/data/adversarial/sweeps scenarios/sweeps ;;
    results_readers) echo tests/fuzz/results_corpus ;;
  esac
}
dictionary_of() {
  case "$1" in
    scenario_loader|sweep_spec) echo -dict=tests/fuzz/scenario.dict ;;
  esac
}

status=0
for target in "${TARGETS[@]}"; do
  echo "=== fuzzing $target for $SECONDS_TO_RUN s ==="
  mkdir -p "$BUILD_DIR/fuzz-corpus-$target" "$BUILD_DIR/artifacts-$target"
  # shellcheck disable=SC2046
  "$BUILD_DIR/tests/fuzz/lissim_fuzz_$target" \
    -max_total_time="$SECONDS_TO_RUN" -max_len="$MAX_LEN" -rss_limit_mb="$RSS_LIMIT_MB" \
    -timeout="$TIMEOUT" $(dictionary_of "$target") -artifact_prefix="$BUILD_DIR/artifacts-$target/" \
    -print_final_stats=1 "$@" \
    "$BUILD_DIR/fuzz-corpus-$target" $(seeds_of "$target") || status=$?
  [ "$status" -eq 0 ] || { echo "=== $target: FINDING (see $BUILD_DIR/artifacts-$target/) ==="; break; }
done
exit "$status"
