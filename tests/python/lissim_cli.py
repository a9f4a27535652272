"""The one way the Python tests run lissim: the binary under test (LISSIM_BINARY, which ctest
sets; else build/sim/lissim) with the given arguments, output captured as text; under
mpirun (mpirun); started in the background (start); or bounded in time, for the inputs that
could make a reader hang (run_bounded). RefusalChecks is the one check that a command refused
its input. Fixtures (synthetic result files and their tables) are in synthetic_results.py."""
import hashlib
import os
import subprocess
import time
from pathlib import Path

ROOT = Path(os.environ.get("LISSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))
BINARY = os.environ.get("LISSIM_BINARY", str(ROOT / "build" / "sim" / "lissim"))
PYTHON = "/usr/bin/python3"  # Debian's, with h5py and matplotlib, for the plot scripts
HANG_TIMEOUT = 20  # s: a command that blocks on a FIFO or reads /dev/zero would exceed it
# Open MPI refuses to run as root without the first two; every test oversubscribes the cores.
MPI_ENV = dict(os.environ, OMPI_ALLOW_RUN_AS_ROOT="1", OMPI_ALLOW_RUN_AS_ROOT_CONFIRM="1",
               OMPI_MCA_rmaps_base_oversubscribe="1")


def command(*args):
    """The argument vector of `lissim ARGS`."""
    return [str(BINARY), *map(str, args)]


def lissim(*args, check=False, **run_options):
    """`lissim ARGS` as a CompletedProcess; with check, a non-zero exit fails the test with the
    command and its stderr. run_options go to subprocess.run (cwd, timeout, env, preexec_fn)."""
    result = subprocess.run(command(*args), capture_output=True, text=True, **run_options)
    if check and result.returncode != 0:
        raise AssertionError(f"lissim {' '.join(map(str, args))} failed ({result.returncode}):\n{result.stderr}")
    return result


def mpirun(ranks, *args, env=None, timeout=900):
    """`mpirun -np RANKS lissim ARGS`, oversubscribed (ranks may outnumber the cores); env
    defaults to MPI_ENV. Made for a loaded machine (ctest -j, other jobs), where test_mpi once
    failed: when a rank aborts the job, Open MPI sends the others SIGTERM and, by default, SIGKILL
    1 s later (odls_base_sigkill_timeout), which a descheduled rank may not survive long enough
    to remove its temporary file; 10 s lets it. The timeout is generous for the same reason."""
    return subprocess.run(["mpirun", "-np", str(ranks), "--oversubscribe", "--mca", "odls_base_sigkill_timeout", "10",
                           *command(*args)], capture_output=True, text=True, env=env or MPI_ENV, timeout=timeout)


def start(*args, **popen_options):
    """`lissim ARGS` started in the background (subprocess.Popen), for tests that signal it."""
    return subprocess.Popen(command(*args), **popen_options)


def run_bounded(*args, timeout=120):
    """lissim ARGS (or, with a .py first argument, that plot script) with no input; the result
    with .text (stdout and stderr together) and .seconds, or a failed test when it outlives
    `timeout` (a hang)."""
    args = [str(a) for a in args]
    argv = [PYTHON, *args] if args[0].endswith(".py") else command(*args)
    started = time.monotonic()
    try:
        result = subprocess.run(argv, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
    except subprocess.TimeoutExpired as err:
        raise AssertionError(f"hung: {' '.join(argv)} still running after {timeout} s") from err
    result.seconds = time.monotonic() - started
    result.text = (result.stdout + result.stderr).decode("utf-8", errors="replace")
    return result


def sha(path):
    """A file's SHA-256: what a refused command must leave unchanged."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


class RefusalChecks:
    """For unittest.TestCase classes whose commands must refuse bad input cleanly."""

    def assert_refused(self, result, *patterns, code=2, absent=()):
        """A run_bounded result that refused: exit `code`, every pattern in its output, no
        Python traceback, promptly (well inside HANG_TIMEOUT), and none of `absent` written."""
        self.assertEqual(result.returncode, code, result.text[:2000])
        for pattern in patterns:
            self.assertRegex(result.text, pattern)
        self.assertNotIn("Traceback", result.text)
        self.assertLess(result.seconds, HANG_TIMEOUT)
        for path in absent:
            self.assertFalse(Path(path).exists(), f"{path} was written")
