"""Interrupting a run: SIGINT, SIGTERM or SIGHUP (a closed terminal or SSH session) during `lissim run --force` to an existing results
file stops the run promptly with a non-zero status, removes the temporary file
(<target>.tmp-<pid>, sim/io/atomic_output.cpp) and leaves the earlier file byte-identical;
an interrupted run to a new target leaves no file at all. A temporary file left by a process
that died without cleaning up (SIGKILL) is removed by the next run to the same target; those of
live processes are kept.

Run: /usr/bin/python3 tests/python/test_interrupt.py  (LISSIM_BINARY names the binary)
"""

import os
import signal
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import h5py

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import ROOT, lissim, start  # noqa: E402

SCENARIO = ROOT / "tests" / "data" / "tiny_uncertain.yaml"
LONG_DRAWS = 2_000_000   # many seconds of work: the run is always interrupted long before the end
START_TIMEOUT = 30.0     # s until the temporary file appears (generous for sanitizer builds)
EXIT_TIMEOUT = 5.0       # s from the signal to the exit: "promptly"


def default_signals():
    """In the child: the default SIGINT/SIGTERM/SIGHUP actions, whatever the test runner set."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    signal.signal(signal.SIGHUP, signal.SIG_DFL)


class Interrupt(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="lissim_interrupt_")
        cls.dir = Path(cls.tmp.name)
        cls.earlier = cls.dir / "earlier.h5"
        r = lissim("run", SCENARIO, "-o", cls.earlier, "--draws", 200, "-q", timeout=120)
        if r.returncode != 0:
            raise RuntimeError(f"short run failed ({r.returncode}): {r.stderr}")
        cls.earlier_bytes = cls.earlier.read_bytes()

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def leftovers(self):
        return sorted(p.name for p in self.dir.iterdir() if ".tmp-" in p.name)

    def interrupt_run(self, target, sig, force):
        """Starts a long run to target, waits for its temporary file, sends sig; returns
        (returncode, seconds from the signal to the exit, stderr)."""
        args = ["run", SCENARIO, "-o", target, "--draws", LONG_DRAWS, "--threads", 2, "-q"]
        if force:
            args.append("--force")
        proc = start(*args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, preexec_fn=default_signals)
        temporary = Path(f"{target}.tmp-{proc.pid}")
        try:
            deadline = time.monotonic() + START_TIMEOUT
            while not temporary.exists():
                if proc.poll() is not None:
                    _, err = proc.communicate()
                    self.fail(f"the run ended ({proc.returncode}) before its temporary file {temporary.name} "
                              f"appeared: {err.decode(errors='replace')}")
                if time.monotonic() > deadline:
                    self.fail(f"no temporary file {temporary.name} after {START_TIMEOUT} s")
                time.sleep(0.01)
            time.sleep(0.3)  # well inside the run
            self.assertIsNone(proc.poll(), "the run ended before it could be interrupted")
            sent = time.monotonic()
            proc.send_signal(sig)
            try:
                _, err = proc.communicate(timeout=EXIT_TIMEOUT)
            except subprocess.TimeoutExpired:
                self.fail(f"still running {EXIT_TIMEOUT} s after {sig.name}")
            return proc.returncode, time.monotonic() - sent, err.decode(errors="replace")
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.communicate()

    def check_interrupted_overwrite(self, sig):
        returncode, seconds, err = self.interrupt_run(self.earlier, sig, force=True)
        self.assertNotEqual(returncode, 0, f"{sig.name}: exit status 0; stderr: {err}")
        # Killed by the signal (negative in Python) or exited with 128 + signal.
        self.assertIn(returncode, (-sig, 128 + sig), f"{sig.name}: unexpected status; stderr: {err}")
        self.assertLess(seconds, EXIT_TIMEOUT)
        self.assertEqual(self.leftovers(), [], f"{sig.name}: temporary file left behind")
        self.assertEqual(self.earlier.read_bytes(), self.earlier_bytes, f"{sig.name}: earlier file changed")
        with h5py.File(self.earlier, "r") as f:
            self.assertEqual(f.attrs["draws"], 200)

    def test_sigint_keeps_the_earlier_file(self):
        self.check_interrupted_overwrite(signal.SIGINT)

    def test_sigterm_keeps_the_earlier_file(self):
        self.check_interrupted_overwrite(signal.SIGTERM)

    def test_sighup_keeps_the_earlier_file(self):
        self.check_interrupted_overwrite(signal.SIGHUP)

    def test_stale_temporaries_of_dead_processes_are_removed(self):
        target = self.dir / "stale.h5"
        dead = subprocess.Popen(["true"])
        dead.wait()
        stale = Path(f"{target}.tmp-{dead.pid}")
        alive = Path(f"{target}.tmp-{os.getpid()}")          # this test's process: alive
        other = Path(f"{self.dir / 'other.h5'}.tmp-{dead.pid}")  # another target's: not ours
        for path in (stale, alive, other):
            path.write_bytes(b"half a results file")
        r = lissim("run", SCENARIO, "-o", target, "--draws", 50, "-q", timeout=120)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertFalse(stale.exists(), "the dead process's temporary file was kept")
        self.assertTrue(alive.exists(), "a live process's temporary file was removed")
        self.assertTrue(other.exists(), "another target's temporary file was removed")
        for path in (alive, other, target):
            path.unlink()

    def test_interrupted_new_target_leaves_no_file(self):
        target = self.dir / "new.h5"
        returncode, _, err = self.interrupt_run(target, signal.SIGTERM, force=False)
        self.assertNotEqual(returncode, 0, err)
        self.assertFalse(target.exists())
        self.assertEqual(self.leftovers(), [])


if __name__ == "__main__":
    unittest.main(verbosity=2)
