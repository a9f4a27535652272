"""Resources: a run too big for memory or disk is refused before it starts (the resource guard,
sim/cli/resource_guard.h), and a disk that fills during a run is a clear I/O error (exit 3)
that leaves no temporary file and any earlier results file byte-identical.

A full disk is made two ways: a file-size limit (RLIMIT_FSIZE with SIGXFSZ ignored, so a write
past it fails with EFBIG; works anywhere) and, when the test may mount (root), a 1 MB tmpfs
that fills for real (ENOSPC).

Run: /usr/bin/python3 tests/python/test_resources.py  (LISSIM_BINARY names the binary)
"""

import os
import resource
import signal
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import ROOT, lissim  # noqa: E402

SCENARIO = ROOT / "tests" / "data" / "tiny_uncertain.yaml"
INTERVENTIONS = ROOT / "tests" / "data" / "sweeps" / "tiny_linear.yaml"


def run(*args, limit_file_bytes=None):
    def child():
        if limit_file_bytes is not None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG)
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))
    return lissim(*args, timeout=300, preexec_fn=child)


class ResourceGuard(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="lissim_resources_")
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def test_too_many_threads_for_memory_is_refused_before_starting(self):
        # 10^5 threads x every series-year x 4,098 histogram bins: terabytes.
        target = self.dir / "big.h5"
        r = run("run", SCENARIO, "-o", target, "--threads", 100000, "-q")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertRegex(r.stderr, r"lissim run: not started: it could need up to [\d.]+ [GT]B of memory, "
                                   r"and [\d.]+ [kMGT]?B is available")
        self.assertIn("quantile histograms (100000 threads x", r.stderr)
        self.assertIn("--skip-resource-check", r.stderr)
        self.assertEqual(list(self.dir.iterdir()), [])

    def test_kept_draws_larger_than_the_disk_are_refused_before_starting(self):
        # 10^10 draws (the loader's maximum) of kept indicators: far beyond any disk.
        target = self.dir / "big.h5"
        r = run("run", SCENARIO, "-o", target, "--draws", 10_000_000_000, "--keep-draws", "-q")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn(f"not started: {target} would take up to", r.stderr)
        self.assertIn("free; use fewer draws or drop --keep-draws", r.stderr)
        self.assertEqual(list(self.dir.iterdir()), [])

    def test_a_sweep_too_big_for_memory_is_refused_before_any_point(self):
        target = self.dir / "sweep.h5"
        r = run("sweep", INTERVENTIONS, "-o", target, "--threads", 100000, "-q")
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("lissim sweep: not started: it could need up to", r.stderr)
        self.assertEqual(list(self.dir.iterdir()), [])


class DiskFull(unittest.TestCase):
    """A run with --force onto an earlier file, on a disk that fills up during the run."""

    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="lissim_disk_full_")
        self.dir = Path(self.tmp.name)
        self.mounted = False

    def tearDown(self):
        if self.mounted:
            subprocess.run(["umount", str(self.dir)], check=False)
        self.tmp.cleanup()

    def earlier_file(self):
        earlier = self.dir / "results.h5"
        r = run("run", SCENARIO, "-o", earlier, "--draws", 200, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        return earlier, earlier.read_bytes()

    def assert_clean_failure(self, r, earlier, earlier_bytes, reason):
        self.assertEqual(r.returncode, 3, r.stderr)  # I/O error, not a crash (negative) or 70
        self.assertIn("cannot write", r.stderr)
        self.assertIn(reason, r.stderr)
        self.assertEqual(len(r.stderr.strip().splitlines()), 1, r.stderr)  # lissim's message only
        self.assertEqual(sorted(p.name for p in self.dir.iterdir()), ["results.h5"])
        self.assertEqual(earlier.read_bytes(), earlier_bytes)

    def test_file_size_limit_reached_during_the_run(self):
        earlier, earlier_bytes = self.earlier_file()
        r = run("run", SCENARIO, "-o", earlier, "--draws", 20000, "--keep-draws", "--force", "-q",
                limit_file_bytes=1 << 20)
        self.assert_clean_failure(r, earlier, earlier_bytes, "File too large")

    def test_no_space_left_on_a_full_file_system(self):
        if os.geteuid() != 0:
            self.skipTest("mounting a small tmpfs needs root")
        m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(self.dir)], capture_output=True)
        if m.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs here: {m.stderr.decode().strip()}")
        self.mounted = True
        earlier, earlier_bytes = self.earlier_file()
        args = ("run", SCENARIO, "-o", earlier, "--draws", 20000, "--keep-draws", "--force", "-q")
        # The guard sees that the kept draws cannot fit ...
        r = run(*args)
        self.assertEqual(r.returncode, 2, r.stderr)
        self.assertIn("(before compression), and its disk has", r.stderr)
        self.assertEqual(earlier.read_bytes(), earlier_bytes)
        # ... and, told to try anyway, the run fails cleanly when the disk is full.
        r = run(*args, "--skip-resource-check")
        self.assert_clean_failure(r, earlier, earlier_bytes, "No space left on device (disk full)")


if __name__ == "__main__":
    unittest.main()
