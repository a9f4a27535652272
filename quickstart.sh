#!/usr/bin/env bash
# lissim quick start on Debian/Ubuntu.
#   ./quickstart.sh        install missing packages, build (Release), run the North East
#                          baseline scenario, draw its figures and write its HTML report
#   ./quickstart.sh test   install missing packages, build, run the whole test suite (ctest)
# Environment: BUILD_DIR (default build), JOBS (default: number of cores).
set -euo pipefail
cd "$(dirname "$0")"

PACKAGES=(cmake g++ make pkg-config git libeigen3-dev libboost-program-options-dev libyaml-cpp-dev
          libhdf5-dev catch2 librandom123-dev python3-h5py python3-matplotlib python3-yaml
          python3-jsonschema python3-numpy python3-pandas python3-xarray python3-jinja2
          python3-scipy)
BUILD_DIR=${BUILD_DIR:-build}
JOBS=${JOBS:-$(nproc)}

install_missing() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return
  echo "Installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

build() {
  cmake -S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$BUILD_DIR" -j "$JOBS"
}

install_missing
build
case "${1:-run}" in
  run)
    "$BUILD_DIR/sim/lissim" run scenarios/north_east_baseline.yaml -o out/north_east_baseline.h5 --force
    /usr/bin/python3 plots/render.py out/north_east_baseline.h5 -o out/figures/north_east_baseline
    /usr/bin/python3 plots/report.py out/north_east_baseline.h5 -o out/north_east_baseline_report.html
    ;;
  test)
    cd "$BUILD_DIR" && ctest --output-on-failure -j "$JOBS"
    ;;
  *)
    echo "usage: $0 [run|test]" >&2
    exit 2
    ;;
esac
