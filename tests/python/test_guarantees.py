"""The README's "Guarantees", checked one by one: one test per numbered promise (G1, G2, ...),
and a check that the README and this file name the same promises.

Run: /usr/bin/python3 tests/python/test_guarantees.py  (LISSIM_BINARY names the binary)
"""

import os
import re
import shutil
import signal
import stat
import subprocess
import sys
import tempfile
import time
import unittest
from pathlib import Path

import h5py

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import HANG_TIMEOUT, ROOT, RefusalChecks, run_bounded, sha, start  # noqa: E402

TINY = ROOT / "tests" / "data" / "tiny_uncertain.yaml"
TINY_INTERVENTIONS = ROOT / "tests" / "data" / "tiny_interventions.yaml"
ADVERSARIAL = ROOT / "tests" / "data" / "adversarial"
SWEEP = ROOT / "tests" / "data" / "sweeps" / "tiny_linear.yaml"


def readme_guarantees():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("## Guarantees", 1)[1].split("\n## ", 1)[0]
    return sorted(int(n) for n in re.findall(r"\*\*G(\d+)\*\*", section))


class Guarantees(RefusalChecks, unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="lissim_guarantees_")
        cls.dir = Path(cls.tmp.name)
        cls.results = cls.dir / "results.h5"
        r = run_bounded("run", TINY_INTERVENTIONS, "-o", cls.results, "-q", "--threads", 1)
        assert r.returncode == 0, r.text

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def scenario(self, name, text):
        path = self.dir / f"{name}.yaml"
        path.write_text(f"name: {name}\nseed_data: {ROOT / 'tests' / 'data' / 'tiny'}\n" + text, encoding="utf-8")
        return path

    def test_every_guarantee_has_a_test(self):
        tested = sorted(int(m.group(1)) for name in dir(self) if (m := re.match(r"test_G(\d+)_", name)))
        self.assertEqual(readme_guarantees(), tested)
        self.assertEqual(tested, list(range(1, len(tested) + 1)))

    # ---- inputs

    def test_G1_only_regular_files_are_read(self):
        fifo = self.dir / "g1.fifo"
        os.mkfifo(fifo)
        self.assert_refused(run_bounded("validate", fifo, timeout=HANG_TIMEOUT), "is a FIFO")
        self.assert_refused(run_bounded("compare", self.results, fifo, timeout=HANG_TIMEOUT), "is a FIFO")
        seed = self.dir / "g1_seed"
        shutil.copytree(ROOT / "tests" / "data" / "tiny", seed)
        (seed / "calibration.yaml").unlink()
        (seed / "calibration.yaml").symlink_to("/dev/zero")
        scenario = self.dir / "g1.yaml"
        scenario.write_text("name: g1\nseed_data: g1_seed\n")
        self.assert_refused(run_bounded("validate", scenario, timeout=HANG_TIMEOUT), r"calibration\.yaml: error: is a character device")

    def test_G2_configuration_files_are_read_up_to_16_mib(self):
        big = self.dir / "g2.yaml"
        big.write_bytes(b"name: g2\n#" + b"x" * (16 << 20) + b"\n")
        self.assert_refused(run_bounded("validate", big), r"g2\.yaml: error: file is larger than 16 MiB")

    def test_G3_configuration_files_are_utf8(self):
        path = self.dir / "g3.yaml"
        path.write_bytes(b"name: g3\ndescription: caf\xe9\n")
        self.assert_refused(run_bounded("validate", path), r"g3\.yaml:2:17: error: byte 0xE9 is not UTF-8")

    def test_G4_problems_are_reported_where_they_are_written(self):
        self.assert_refused(run_bounded("sweep", ADVERSARIAL / "sweeps" / "bad_axis_value.yaml", "-o", self.dir / "g4.h5"),
                     r"bad_axis_value\.yaml:\d+:\d+: error: calibration\.national_cycle\.persistence: got 1\.5")
        self.assert_refused(run_bounded("validate", TINY, "--set", "calibration.national_cycle.persistence=2"),
                     r"command line \(--set calibration\.national_cycle\.persistence=2\).*must be in \[0, 1\)")
        long_name = self.scenario("g4", "").read_text().replace("name: g4", "name: " + "n" * 100000)
        (self.dir / "g4_long.yaml").write_text(long_name)
        r = run_bounded("validate", self.dir / "g4_long.yaml")
        self.assert_refused(r, "at most 64 characters")
        self.assertLess(len(r.stdout) + len(r.stderr), 2000)

    def test_G5_what_validate_accepts_run_can_run(self):
        for text, message in [
            ("calibration:\n  national_cycle:\n    sd_pct: 1e308\n", "sd_pct: got 1e\\+308, implausible"),
            ("baseline:\n  comparator_baseline:\n    gva_per_hour: 1e-300\n", "gva_per_hour: got 1e-300, must be in"),
            ("horizon: 2030\nbaseline:\n  population_projection:\n    growth_pct: {2015: -4}\n",
             "employment rate would be .*above 100%"),
            ("targets:\n  targets: []\n", "must give at least one target"),
        ]:
            with self.subTest(message):
                self.assert_refused(run_bounded("validate", self.scenario("g5", text)), message)
        bad_draws = self.scenario("g5_draws", "draws: 0\n")
        self.assert_refused(run_bounded("run", bad_draws, "--draws", 10, "-o", self.dir / "g5.h5"), "draws: got 0, must be")

    def test_G6_results_files_are_checked_before_use(self):
        damaged = self.dir / "g6.h5"
        shutil.copy(self.results, damaged)
        with h5py.File(damaged, "r+") as f:
            bcr = f["interventions/all/appraisal/bcr"][:-1]
            del f["interventions/all/appraisal/bcr"]
            f["interventions/all/appraisal/bcr"] = bcr
        for args in (["compare", self.results, damaged], ["export", damaged, "--csv", self.dir / "g6"],
                     ["sensitivity", damaged, "--intervention", "all"]):
            with self.subTest(args[0]):
                self.assert_refused(run_bounded(*args), r"g6\.h5: damaged results file: /interventions/all/appraisal/bcr has shape \[7\]")

    # ---- outputs

    def test_G7_outputs_are_renamed_into_place_when_complete(self):
        earlier = self.dir / "g7.h5"
        shutil.copy(self.results, earlier)
        digest = sha(earlier)
        failing = ADVERSARIAL / "scenarios" / "population_falling_run.yaml"  # fails in the run (exit 4)
        r = run_bounded("run", failing, "-o", earlier, "--force", "-q", "--threads", 1)
        self.assertEqual(r.returncode, 4, r.text)
        self.assertEqual(sha(earlier), digest, "a failed run changed the earlier file")
        self.assertEqual(list(self.dir.glob("g7.h5.tmp-*")), [])

    def test_G8_only_regular_files_are_replaced(self):
        fifo = self.dir / "g8.fifo"
        os.mkfifo(fifo)
        self.assert_refused(run_bounded("run", TINY, "-o", fifo, "--force", "--draws", 10, timeout=HANG_TIMEOUT),
                     "is a FIFO.*lissim replaces only regular files, even with --force")
        self.assertTrue(stat.S_ISFIFO(os.lstat(fifo).st_mode))
        if os.geteuid() == 0:
            device = self.dir / "g8.device"  # private: never the system's /dev/null
            os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
            self.assert_refused(run_bounded("run", TINY, "-o", device, "--force", "--draws", 10), "is a character device")
            self.assertTrue(stat.S_ISCHR(os.lstat(device).st_mode))
        folder = self.dir / "g8_folder"
        folder.mkdir()
        self.assert_refused(run_bounded("run", TINY, "-o", folder, "--force", "--draws", 10), "is a folder")

    def test_G9_an_output_is_never_an_input(self):
        scenario = self.scenario("g9", "draws: 10\n")
        digest = sha(scenario)
        self.assert_refused(run_bounded("run", scenario, "-o", scenario, "--force"), "is an input of this command")
        self.assertEqual(sha(scenario), digest)
        copy = self.dir / "g9.h5"
        shutil.copy(self.results, copy)
        alias = self.dir / "g9_alias.h5"
        os.link(copy, alias)
        self.assert_refused(run_bounded("sensitivity", copy, "--intervention", "all", "-o", alias, "--force"),
                     "is an input of this command")
        self.assert_refused(run_bounded(ROOT / "plots" / "report.py", copy, "-o", copy), "is an input of this report")
        self.assertTrue(h5py.is_hdf5(copy))

    def test_G10_the_output_is_checked_before_any_work(self):
        r = run_bounded("run", TINY, "-o", "", "--draws", 100_000_000, "--skip-resource-check", timeout=30)
        self.assert_refused(r, "the output file name is empty")
        self.assertLess(r.seconds, 10)
        folder = self.dir / "g10"
        folder.mkdir()
        self.assert_refused(run_bounded("run", TINY, "-o", folder, "--draws", 10), "is a folder, must be a file name")
        read_only = self.read_only_folder()
        if read_only is None:
            self.skipTest("no read-only folder available (needs root to mount one, or a non-root user)")
        r = run_bounded("run", TINY, "-o", read_only / "x.h5", "--draws", 100_000_000, "--skip-resource-check", timeout=30)
        self.assert_refused(r, r"cannot write in .*: (Read-only file system|Permission denied)", code=3)
        self.assertNotIn("free", r.text)

    def read_only_folder(self):
        """A folder this process cannot write: a read-only tmpfs (root), or a folder without
        write permission (not root); None if neither can be made."""
        folder = self.dir / "g10_read_only"
        folder.mkdir(exist_ok=True)
        if os.geteuid() != 0:
            folder.chmod(0o555)
            return folder
        r = subprocess.run(["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(folder)], capture_output=True)
        if r.returncode != 0:
            return None
        self.addCleanup(subprocess.run, ["umount", str(folder)], capture_output=True)
        return folder

    def test_G11_no_silent_wrong_results(self):
        r = run_bounded("run", ADVERSARIAL / "scenarios" / "population_falling_run.yaml", "-o", self.dir / "g11.h5",
                "-q", "--threads", 1)
        self.assert_refused(r, r"draw \d+, year \d{4}: the scenario indicator (employment|activity)_rate is 10\d\.\d+%, outside \[0, 100\]%",
                     code=4)
        self.assertFalse((self.dir / "g11.h5").exists())
        r = run_bounded("run", ADVERSARIAL / "scenarios" / "zero_spend.yaml", "-o", self.dir / "g11_zero.h5", "--threads", 1)
        self.assertEqual(r.returncode, 0, r.text)
        self.assertNotIn("nan", r.text.lower())
        self.assertIn("BCR -: no draw has a cost to divide by", r.text)

    def test_G12_sweeps_resume_only_what_is_unchanged(self):
        self.assert_refused(run_bounded("sweep", ADVERSARIAL / "sweeps" / "duplicate_axes.yaml", "-o", self.dir / "g12d.h5"),
                     "is already the key of axes")
        sweep = self.dir / "g12.yaml"
        sweep.write_text(SWEEP.read_text().replace("../tiny_interventions.yaml", str(ROOT / "tests/data/tiny_interventions.yaml")))
        out = self.dir / "g12.h5"
        self.interrupt_sweep(sweep, out)
        # The same sweep resumes its checkpoints ...
        resumed = self.dir / "g12_resumed.h5"
        shutil.copytree(Path(f"{out}.points"), Path(f"{resumed}.points"))
        r = run_bounded("sweep", sweep, "-o", resumed, "--draws", 20000, "--threads", 1)
        self.assertEqual(r.returncode, 0, r.text)
        self.assertRegex(r.stdout.decode(), r"\([1-9]\d* from an earlier, interrupted run\)")
        # ... but with other summary years none of them.
        sweep.write_text(sweep.read_text().replace("years: [2018, 2020]", "years: [2017, 2021]"))
        r = run_bounded("sweep", sweep, "-o", out, "--draws", 20000, "--threads", 1)
        self.assertEqual(r.returncode, 0, r.text)
        self.assertIn("(0 from an earlier, interrupted run)", r.stdout.decode())
        with h5py.File(out, "r") as f:
            self.assertEqual(list(f["summary_years"][()]), [2017, 2021])

    def interrupt_sweep(self, sweep, out):
        proc = start("sweep", sweep, "-o", out, "--draws", 20000, "--threads", 1, "-q",
                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        first = Path(f"{out}.points") / "point_000000.txt"
        deadline = time.monotonic() + 60
        while not first.exists() and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        proc.send_signal(signal.SIGTERM)
        proc.communicate(timeout=30)
        self.assertTrue(first.exists(), "no checkpoint before the interruption")
        self.assertFalse(out.exists(), "the sweep finished before it could be interrupted")

    # ---- interruptions and resources

    def test_G13_signals_remove_the_temporary_file(self):
        earlier = self.dir / "g13.h5"
        shutil.copy(self.results, earlier)
        digest = sha(earlier)
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with self.subTest(sig.name):
                proc = start("run", TINY, "-o", earlier, "--force", "--draws", 5000000, "--threads", 1, "-q",
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=lambda: [signal.signal(s, signal.SIG_DFL) for s in
                                                 (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)])
                temporary = Path(f"{earlier}.tmp-{proc.pid}")
                deadline = time.monotonic() + 30
                while not temporary.exists() and proc.poll() is None and time.monotonic() < deadline:
                    time.sleep(0.01)
                proc.send_signal(sig)
                proc.wait(timeout=10)
                self.assertIn(proc.returncode, (-sig, 128 + sig))
                self.assertFalse(temporary.exists())
                self.assertEqual(sha(earlier), digest)

    def test_G14_stale_temporaries_of_dead_processes_are_removed(self):
        target = self.dir / "g14.h5"
        dead = subprocess.Popen(["true"])
        dead.wait()
        stale = Path(f"{target}.tmp-{dead.pid}")
        stale.write_bytes(b"left by a killed run")
        r = run_bounded("run", TINY, "-o", target, "--draws", 10, "-q")
        self.assertEqual(r.returncode, 0, r.text)
        self.assertFalse(stale.exists())

    def test_G15_runs_that_cannot_fit_are_refused_before_they_start(self):
        self.assert_refused(run_bounded("sobol", TINY, "--base-samples", 2 ** 40, "-o", self.dir / "g15.h5", timeout=30),
                     "lissim sobol: not started: it could need up to")
        self.assert_refused(run_bounded("run", TINY, "--draws", 10_000_000_000, "--keep-draws", "-o", self.dir / "g15r.h5", timeout=30),
                     "lissim run: not started")
        self.assertFalse((self.dir / "g15.h5").exists())


if __name__ == "__main__":
    unittest.main(verbosity=2)
