#!/usr/bin/env bash
# ctest install.layout: `cmake --install` into a temporary prefix, check the layout
# (cmake/Install.cmake) and that the installed lissim validates and runs the installed
# North East scenario (its seed_data: ../seeds/north_east resolves inside share/lissim),
# that the installed plot scripts render the result, and that the installed Python package
# (lib/python3/dist-packages/lissim) opens it and runs the installed binary.
#   check_layout.sh CMAKE BUILD_DIR
set -euo pipefail
cmake=${1:?usage: check_layout.sh CMAKE BUILD_DIR}
build=${2:?usage: check_layout.sh CMAKE BUILD_DIR}
python=${LISSIM_PYTHON:-/usr/bin/python3}

prefix=$(mktemp -d "${TMPDIR:-/tmp}/lissim-install-XXXXXX")
trap 'rm -rf "$prefix"' EXIT

fail() { echo "install.layout: FAIL: $*" >&2; exit 1; }

"$cmake" --install "$build" --prefix "$prefix" >"$prefix.log" 2>&1 || { cat "$prefix.log" >&2; rm -f "$prefix.log"; fail "cmake --install"; }
rm -f "$prefix.log"

for f in bin/lissim \
         share/lissim/plots/render.py share/lissim/plots/report.py share/lissim/plots/README.md \
         share/lissim/plots/report.html.j2 share/lissim/plots/summary.py share/lissim/plots/wording.py \
         share/lissim/scenarios/north_east_baseline.yaml share/lissim/scenarios/schema.json \
         share/lissim/scenarios/README.md \
         lib/python3/dist-packages/lissim/__init__.py lib/python3/dist-packages/lissim/reader.py \
         share/lissim/seeds/north_east/baseline.yaml share/lissim/seeds/north_east/calibration.yaml \
         share/lissim/seeds/north_east/targets.yaml share/lissim/seeds/north_east/README.md \
         share/doc/lissim/README.md share/doc/lissim/docs/model.md share/doc/lissim/docs/results.md; do
  [ -f "$prefix/$f" ] || fail "missing $f"
done
[ -x "$prefix/bin/lissim" ] || fail "bin/lissim is not executable"
[ -x "$prefix/share/lissim/plots/render.py" ] || fail "plots/render.py is not executable"
# Every scenario, seed file and doc of the source tree is installed.
src=$(cd "$(dirname "$0")/../.." && pwd)
for f in "$src"/scenarios/*.yaml; do
  [ -f "$prefix/share/lissim/scenarios/$(basename "$f")" ] || fail "missing scenario $(basename "$f")"
done
if [ -d "$src/scenarios/sweeps" ]; then
  for f in "$src"/scenarios/sweeps/*.yaml "$src"/scenarios/sweeps/*.md; do
    [ -f "$prefix/share/lissim/scenarios/sweeps/$(basename "$f")" ] || fail "missing sweep $(basename "$f")"
  done
fi
for f in "$src"/python/lissim/*.py; do
  [ -f "$prefix/lib/python3/dist-packages/lissim/$(basename "$f")" ] || fail "missing python/lissim/$(basename "$f")"
done
for f in "$src"/docs/*.md; do
  [ -f "$prefix/share/doc/lissim/docs/$(basename "$f")" ] || fail "missing doc $(basename "$f")"
done
if find "$prefix" -name __pycache__ -o -name '*.pyc' | grep -q .; then fail "Python caches installed"; fi

scenario="$prefix/share/lissim/scenarios/north_east_baseline.yaml"
work=$(mktemp -d "${TMPDIR:-/tmp}/lissim-install-run-XXXXXX")
trap 'rm -rf "$prefix" "$work"' EXIT
cd "$work"  # away from the source tree: nothing may resolve against it

out=$("$prefix/bin/lissim" validate "$scenario") || fail "lissim validate $scenario: $out"
echo "$out"
case "$out" in *": ok: scenario 'north_east_baseline'"*) ;; *) fail "unexpected validate output: $out" ;; esac

# Every installed scenario finds its seed data.
for s in "$prefix"/share/lissim/scenarios/*.yaml; do
  "$prefix/bin/lissim" validate "$s" >/dev/null || fail "lissim validate $s"
done

"$prefix/bin/lissim" run "$scenario" --draws 200 -o "$work/ne.h5" -q || fail "lissim run on the installed scenario"
if "$python" -c 'import h5py, matplotlib' 2>/dev/null; then
  MPLBACKEND=Agg "$python" "$prefix/share/lissim/plots/render.py" "$work/ne.h5" -o "$work/figures" \
    || fail "installed plots/render.py"
  ls "$work/figures"/*.png >/dev/null 2>&1 || fail "render.py wrote no figures"
else
  echo "install.layout: $python lacks h5py/matplotlib; skipping the plot check"
fi
if "$python" -c 'import h5py, xarray, pandas' 2>/dev/null; then
  # The installed package, with nothing from the source tree or the build on the path; it
  # finds the installed binary beside it.
  env -u LISSIM_BINARY PATH=/usr/bin:/bin PYTHONPATH="$prefix/lib/python3/dist-packages" \
    "$python" - "$prefix" "$work" <<'EOF' || fail "installed Python package"
import sys
from pathlib import Path
import lissim
prefix, work = map(Path, sys.argv[1:])
assert Path(lissim.__file__).is_relative_to(prefix), lissim.__file__
assert Path(lissim.binary()) == prefix / "bin" / "lissim", lissim.binary()
r = lissim.open(work / "ne.h5")
assert r.attrs["draws"] == 200 and r.indicators["jobs"].dims == ("path", "quantile", "year")
assert len(r.targets["prob_met"].to_dataframe()) == r.targets.sizes["target"] * r.targets.sizes["year"]
again = lissim.run(prefix / "share/lissim/scenarios/north_east_baseline.yaml", draws=50)
assert again.attrs["draws"] == 50
print("install.layout: the installed Python package opened", work / "ne.h5")
EOF
else
  echo "install.layout: $python lacks h5py/xarray/pandas; skipping the Python package check"
fi
echo "install.layout: ok ($prefix)"
