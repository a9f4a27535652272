"""The one way the Python tests run lissim: the binary under test (LISSIM_BINARY, which ctest
sets; else build/sim/lissim) with the given arguments, output captured as text. Fixtures
(synthetic result files and their tables) are in synthetic_results.py."""
import os
import subprocess
from pathlib import Path

ROOT = Path(os.environ.get("LISSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("LISSIM_BINARY", str(ROOT / "build" / "sim" / "lissim"))


def lissim(*args, check=False, **run_options):
    """`lissim ARGS` as a CompletedProcess; with check, a non-zero exit fails the test with the
    command and its stderr. run_options go to subprocess.run (cwd, timeout)."""
    result = subprocess.run([str(BINARY), *map(str, args)], capture_output=True, text=True, **run_options)
    if check and result.returncode != 0:
        raise AssertionError(f"lissim {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result
