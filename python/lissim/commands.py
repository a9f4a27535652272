"""Calling the lissim executable from Python: run a scenario and open its results, compare
results files. The executable is $LISSIM_BINARY, else `lissim` on PATH, else the one installed
beside this package (PREFIX/bin) or built in the source tree (build/sim/lissim)."""

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from .files import open_file


class LissimError(RuntimeError):
    """lissim exited with an error; carries the exit code (docs: 2 bad input, 3 I/O, 4 model
    failure, 70 internal) and what it printed on stderr."""

    def __init__(self, args, returncode, stderr):
        super().__init__(f"lissim {' '.join(args)}: exit {returncode}\n{stderr.strip()}")
        self.returncode = returncode
        self.stderr = stderr


def binary():
    """The lissim executable this package calls."""
    if os.environ.get("LISSIM_BINARY"):
        return os.environ["LISSIM_BINARY"]
    on_path = shutil.which("lissim")
    if on_path:
        return on_path
    here = Path(__file__).resolve().parent
    for candidate in (here.parents[3] / "bin" / "lissim",           # PREFIX/lib/python3/dist-packages/lissim
                      here.parents[1] / "build" / "sim" / "lissim"):  # source tree: python/lissim
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    raise LissimError(["--version"], 127, "no lissim executable: set LISSIM_BINARY or put lissim on PATH")


def _call(args):
    args = [str(a) for a in args]
    result = subprocess.run([binary(), *args], capture_output=True, text=True)
    if result.returncode != 0:
        raise LissimError(args, result.returncode, result.stderr)
    return result.stdout


def run(scenario, output=None, draws=None, seed=None, threads=None, set=None, keep_draws=False,
        keep_samples=False, force=False):
    """`lissim run SCENARIO` and return the opened results (lissim.open). `set` is a dict of
    key path -> value (--set key=value). Without `output` the file goes to a temporary folder
    that lives as long as the process."""
    if output is None:
        output = Path(_scratch().name) / (Path(scenario).stem + ".h5")
        force = True
    args = ["run", scenario, "-o", output]
    for flag, value in (("--draws", draws), ("--seed", seed), ("--threads", threads)):
        if value is not None:
            args += [flag, value]
    for key, value in (set or {}).items():
        args += ["--set", f"{key}={_yaml_value(value)}"]
    if keep_draws:
        args.append("--keep-draws")
    if keep_samples:
        args.append("--keep-samples")
    if force:
        args.append("--force")
    _call(args)
    return open_file(output)


def compare(*files, format="text"):
    """`lissim compare A.h5 B.h5 ...` (paths or opened files): the comparison as text (format
    text, markdown or csv); with format="dataframe", the CSV as a pandas DataFrame."""
    paths = [getattr(f, "path", f) for f in files]
    text = _call(["compare", *paths, "--format", "csv" if format == "dataframe" else format])
    if format != "dataframe":
        return text
    import io

    import pandas as pd

    return pd.read_csv(io.StringIO(text))


def _yaml_value(value):
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


_scratch_dir = None


def _scratch():
    global _scratch_dir
    if _scratch_dir is None:
        _scratch_dir = tempfile.TemporaryDirectory(prefix="lissim-")
    return _scratch_dir
