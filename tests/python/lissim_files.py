"""One small file of each kind lissim writes, made once per test process by the binary under
test (LISSIM_BINARY), for the tests of the file format, the Python package and the CSV export:

    files = lissim_files.make()   # {"results": Path, "sweep": ..., "sobol": ..., "morris": ...,
                                  #  "sensitivity": ..., "format1": the 1.0 fixture}

and what the tests compare files by: datasets, root attributes, identical (bit for bit).
"""

import atexit
import tempfile
from pathlib import Path

import h5py
import numpy as np

from lissim_cli import BINARY, ROOT, lissim  # noqa: F401  (BINARY: test_python_package reads it here)
DATA = ROOT / "tests" / "data"
SCENARIO = DATA / "tiny_uncertain_interventions.yaml"
# Written by lissim 0.1.0 (format 1.0) from SCENARIO with --draws 20 (tests/data/format1).
FORMAT1 = DATA / "format1" / "tiny_uncertain_interventions.h5"
FORMAT1_DRAWS = 20
DRAWS = 40

_made = {}


def make():
    if _made:
        return _made
    tmp = tempfile.TemporaryDirectory(prefix="lissim-files-")
    atexit.register(tmp.cleanup)
    d = Path(tmp.name)
    # Every per-draw dataset; `lean` is the same run as written by default (no parameter samples).
    lissim("run", SCENARIO, "--draws", DRAWS, "--keep-draws", "--keep-samples", "-o", d / "results.h5", check=True)
    lissim("run", SCENARIO, "--draws", DRAWS, "--keep-draws", "-o", d / "lean.h5", check=True)
    lissim("sweep", DATA / "sweeps" / "tiny_linear.yaml", "-o", d / "sweep.h5", "-q", check=True)
    lissim("sobol", SCENARIO, "--set", "draws=100", "--base-samples", 16, "--resamples", 50,
           "--measure", "jobs_change@2020", "--measure", "all:bcr", "-o", d / "sobol.h5", "-q", check=True)
    lissim("sobol", "--test-function", "ishigami", "--method", "morris", "--trajectories", 10,
           "-o", d / "morris.h5", "-q", check=True)
    lissim("sensitivity", d / "results.h5", "--output", "jobs@2020", "--intervention", "all",
           "-o", d / "sensitivity.h5", check=True)
    _made.update(results=d / "results.h5", lean=d / "lean.h5", sweep=d / "sweep.h5", sobol=d / "sobol.h5",
                 morris=d / "morris.h5", sensitivity=d / "sensitivity.h5", format1=FORMAT1)
    return _made


def datasets(path, under=""):
    """Every dataset of a file below `under` (a group; default the root): name relative to it ->
    array."""
    out = {}
    with h5py.File(path, "r") as f:
        group = f[under] if under else f
        group.visititems(lambda name, obj: out.__setitem__(name, obj[()])
                         if isinstance(obj, h5py.Dataset) else None)
    return out


def root_attributes(path, leave_out=("created_utc",)):
    """The root attributes of a file but those in `leave_out` (by default the time it was
    written, which differs between any two runs)."""
    with h5py.File(path, "r") as f:
        return {k: f.attrs[k] for k in f.attrs if k not in leave_out}


def identical(a, b):
    """Bit for bit, NaN equal to NaN."""
    a, b = np.asarray(a), np.asarray(b)
    if a.dtype.kind in "fc":
        return a.shape == b.shape and np.array_equal(a, b, equal_nan=True)
    return a.shape == b.shape and np.array_equal(a, b)
