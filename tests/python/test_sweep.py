"""lissim sweep (docs/sweeps.md): a sweep over a linear effect gives the exact line; one axis
at a time moves one axis from the base; an interrupted sweep resumes and ends with the same
file as an uninterrupted one; bad sweep files and existing outputs are clear errors.

Run: /usr/bin/python3 tests/python/test_sweep.py  (LISSIM_BINARY names the binary)
"""

import signal
import subprocess
import tempfile
import time
import unittest
from pathlib import Path

import h5py
import numpy as np

from lissim_cli import BINARY, ROOT, lissim
from lissim_files import datasets, identical, root_attributes

DATA = ROOT / "tests" / "data"
LINEAR = DATA / "sweeps" / "tiny_linear.yaml"


class Sweep(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, text):
        path = self.dir / name
        path.write_text(text.replace("@DATA@", str(DATA)))
        return path

    def test_linear_effect_gives_the_exact_line(self):
        out = self.dir / "linear.h5"
        result = lissim("sweep", LINEAR, "-o", out, "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out) as f:
            self.assertEqual(f.attrs["filetype"], "lissim-sweep")
            values = f["points/values"][()]
            self.assertEqual(values.shape, (12, 2))  # 4 x 3 grid, the last axis fastest
            np.testing.assert_array_equal(values[:3, 1], [1.5, 2.5, 3.5])
            np.testing.assert_array_equal(values[::3, 0], [0, 5, 10, 20])
            self.assertEqual(list(f["summary_years"][()]), [2018, 2020])
            jobs = f["interventions/skills/net_additional_jobs/mean"][()]
            gross = values[:, 0]
            # Effective spend 3 (2018) and 1.5 (2020: each cohort decays on its own clock) by hand
            # (tests/unit/test_interventions.cpp), net/gross 0.9 x 0.8 x 0.75 x 1.5 = 0.81.
            np.testing.assert_allclose(jobs[:, 0], gross * 3 * 0.81, rtol=1e-13, atol=0)
            np.testing.assert_allclose(jobs[:, 1], gross * 1.5 * 0.81, rtol=1e-13, atol=0)
            # Discounting changes the appraisal, not the jobs; cheaper money, higher BCR.
            bcr = f["interventions/skills/appraisal/bcr/mean"][()].reshape(4, 3)
            self.assertTrue(np.all(np.diff(bcr[1:], axis=1) < 0))
            self.assertEqual(f["targets/more_jobs/prob_met"].shape, (12, 11))
            self.assertEqual(list(f["scenario/indicators/jobs/quantiles"].attrs["dims"]),
                             ["point", "quantile", "summary_year"])
        self.assertFalse(Path(str(out) + ".points").exists())  # checkpoints go once the file is written

    def test_one_at_a_time(self):
        sweep = self.write("oat.yaml", """
scenario: @DATA@/tiny_interventions.yaml
mode: one_at_a_time
axes:
  - key: interventions[skills].spend_scale
    values: [0, 2]
  - key: interventions[adoption].channels.productivity.gross_pct_per_gbp_m
    range: {from: 0.1, to: 1.0, steps: 3, scale: log}
""")
        out = self.dir / "oat.h5"
        result = lissim("sweep", sweep, "-o", out, "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out) as f:
            values = f["points/values"][()]
            self.assertEqual(list(f["points/varied_axis"][()]), [-1, 0, 0, 1, 1, 1])
            self.assertTrue(np.all(np.isnan(values[0])))
            np.testing.assert_allclose(values[3:, 1], [0.1, np.sqrt(0.1), 1.0], rtol=1e-15)
            jobs = f["interventions/skills/net_additional_jobs/mean"][:, 0]
            # The base point equals scale 1; scale 0 gives no jobs; scale 2 doubles them.
            self.assertEqual(jobs[1], 0.0)
            self.assertAlmostEqual(jobs[2], 2 * jobs[0], places=10)
            np.testing.assert_array_equal(jobs[3:], jobs[0])

    def test_table_goal_and_spend(self):
        sweep = self.write("scale.yaml", """
scenario: @DATA@/tiny_interventions.yaml
mode: grid
axes:
  - key: interventions[skills].spend_scale
    values: [0, 1, 2]
""")
        out = self.dir / "scale.h5"
        result = lissim("sweep", sweep, "-o", out, "--goal", "all:1e-9", "--goal", "more_jobs:1")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out) as f:
            spend = f["interventions/skills/total_spend_gbp_m"][()]
            package = f["interventions/all/total_spend_gbp_m"][()]
            deadline = list(f["years"][()]).index(f.attrs["deadline"])
            p_all = f["targets/all/prob_met"][:, deadline]
            p_jobs = f["targets/more_jobs/prob_met"][:, deadline]
        # Spend scales with the swept factor; the package's adds the other intervention's.
        np.testing.assert_allclose(spend, spend[1] * np.array([0.0, 1.0, 2.0]), rtol=1e-15)
        self.assertGreater(spend[1], 0)
        np.testing.assert_allclose(package - spend, (package - spend)[0], rtol=1e-15)
        lines = result.stdout.splitlines()
        header = next(i for i, line in enumerate(lines) if line.strip().startswith("point"))
        self.assertIn("spend (GBP m)", lines[header])
        rows = lines[header + 1:header + 4]
        # Every row lines up under the header: the last column ends at the same place.
        self.assertEqual({len(r) for r in rows}, {len(lines[header])})
        for k, row in enumerate(rows):
            cells = row.split()
            self.assertEqual(cells[0], str(k))
            self.assertIn(f"{100 * p_jobs[k]:.1f}%", cells)
        first = next((k for k in range(3) if p_all[k] >= 1e-9), None)
        goal = next(line for line in lines if line.startswith("Goal all"))
        if first is None:
            self.assertIn("not reached at any swept value", goal)
        else:
            self.assertIn(f"first reached at interventions[skills].spend_scale = {first} "
                          f"(point {first}:", goal)
        jobs_goal = next(line for line in lines if line.startswith("Goal more_jobs"))
        if p_jobs.max() < 1:
            self.assertIn("not reached at any swept value", jobs_goal)
        bad = lissim("sweep", sweep, "-o", self.dir / "never.h5", "--goal", "more_jobs")
        self.assertEqual(bad.returncode, 2)
        self.assertIn("--goal more_jobs: expected TARGET:PROBABILITY", bad.stderr)
        self.assertFalse((self.dir / "never.h5").exists())

    def test_interrupted_sweep_resumes_to_the_same_file(self):
        sweep = self.write("slow.yaml", """
scenario: @DATA@/tiny_uncertain_interventions.yaml
draws: 16000
axes:
  - key: interventions[support].spend_scale
    values: [0, 0.5, 1, 2, 4, 8]
""")
        whole = self.dir / "whole.h5"
        result = lissim("sweep", sweep, "-o", whole, "-q", "--threads", 1)
        self.assertEqual(result.returncode, 0, result.stderr)

        resumed = self.dir / "resumed.h5"
        points = Path(str(resumed) + ".points")
        process = subprocess.Popen([BINARY, "sweep", str(sweep), "-o", str(resumed), "-q", "--threads", "1"])
        deadline = time.time() + 120
        while time.time() < deadline and not (points / "point_000001.txt").exists():
            time.sleep(0.05)
        process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
        self.assertFalse(resumed.exists())
        done = sorted(p.name for p in points.iterdir() if p.name.startswith("point_") and p.suffix == ".txt")
        self.assertGreaterEqual(len(done), 2)
        self.assertLess(len(done), 6, "the sweep finished before it could be interrupted")

        result = lissim("sweep", sweep, "-o", resumed, "--threads", 2)
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn(f"({len(done)} from an earlier, interrupted run)", result.stdout)
        a, attrs_a = datasets(whole), root_attributes(whole)
        b, attrs_b = datasets(resumed), root_attributes(resumed)
        self.assertEqual(sorted(a), sorted(b))
        for name in a:
            self.assertTrue(identical(a[name], b[name]), name)
        for key in attrs_a:
            self.assertTrue(identical(attrs_a[key], attrs_b[key]), key)

    def test_bad_sweeps_are_clear_errors(self):
        cases = {
            "axis_both.yaml": ("scenario: @DATA@/tiny_interventions.yaml\naxes:\n  - key: draws\n"
                               "    values: [1]\n    range: {from: 1, to: 2, steps: 2}\n",
                               "axis_both.yaml:3:", "exactly one of 'values'"),
            "typo.yaml": ("scenario: @DATA@/tiny_interventions.yaml\naxis:\n  - key: draws\n    values: [1]\n",
                          "typo.yaml:2:", "did you mean 'axes'"),
            "no_scenario.yaml": ("scenario: missing.yaml\naxes:\n  - key: draws\n    values: [1]\n",
                                 "no_scenario.yaml:1:", "must be a scenario file"),
            "bad_key.yaml": ("scenario: @DATA@/tiny_interventions.yaml\naxes:\n"
                             "  - key: interventions[skills].lag_years\n    values: [1, -1]\n",
                             "interventions[0].lag_years", "got -1"),
            "log_range.yaml": ("scenario: @DATA@/tiny_interventions.yaml\naxes:\n  - key: draws\n"
                               "    range: {from: 0, to: 10, steps: 3, scale: log}\n",
                               "log_range.yaml:4:", "a log range needs from and to > 0"),
        }
        for name, (text, where, fragment) in cases.items():
            with self.subTest(name):
                result = lissim("sweep", self.write(name, text), "-o", self.dir / "never.h5")
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(where, result.stderr)
                self.assertIn(fragment, result.stderr)
                self.assertFalse((self.dir / "never.h5").exists())

    def test_existing_output_needs_force(self):
        out = self.dir / "exists.h5"
        out.write_text("earlier result")
        result = lissim("sweep", LINEAR, "-o", out)
        self.assertEqual(result.returncode, 2)
        self.assertIn("use --force", result.stderr)
        self.assertEqual(out.read_text(), "earlier result")


if __name__ == "__main__":
    unittest.main()
