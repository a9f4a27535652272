"""lissim sobol (docs/sensitivity.md): on the analytic test functions every exact index lies in
its bootstrap interval; the power-of-two rule; on a scenario the macro shocks are one factor,
results do not depend on threads, and the Morris screen ranks the same leading factors.

Run: /usr/bin/python3 tests/python/test_sobol.py  (LISSIM_BINARY names the binary)
"""

import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

from lissim_cli import ROOT, lissim
SCENARIO = ROOT / "tests" / "data" / "tiny_uncertain_interventions.yaml"


class Sobol(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = Path(self.tmp.name)

    def tearDown(self):
        self.tmp.cleanup()

    def check_test_function(self, *args):
        out = self.dir / "f.h5"
        result = lissim("sobol", *args, "--base-samples", 4096, "-o", out, "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out) as f:
            self.assertEqual(f.attrs["filetype"], "lissim-sobol")
            (name,) = [k for k in f["sobol"] if k not in ("factors", "factor_parameters")]
            g = f["sobol"][name]
            for index in ("S1", "ST"):
                exact, low, high = g[f"{index}_exact"][()], g[f"{index}_low"][()], g[f"{index}_high"][()]
                self.assertTrue(np.all((low <= exact) & (exact <= high)),
                                f"{name} {index}: exact {exact} outside [{low}, {high}]")
                np.testing.assert_allclose(g[f"{index}_conf"][()], (high - low) / 2)

    def test_ishigami(self):
        self.check_test_function("--test-function", "ishigami")

    def test_sobol_g(self):
        self.check_test_function("--test-function", "sobol-g", "--g-coefficients", "0,1,4.5,9,99,99")

    def test_base_samples_must_be_a_power_of_two(self):
        result = lissim("sobol", "--test-function", "ishigami", "--base-samples", 1000, "-o", self.dir / "x.h5")
        self.assertEqual(result.returncode, 2)
        self.assertIn("must be a power of two", result.stderr)
        self.assertIn("use 512 (2^9) or 1024 (2^10)", result.stderr)
        self.assertFalse((self.dir / "x.h5").exists())

    def test_scenario_indices(self):
        files = []
        for threads in (1, 2):
            out = self.dir / f"threads{threads}.h5"
            result = lissim("sobol", SCENARIO, "--base-samples", 256, "--measure", "jobs@2020",
                            "--measure", "all:bcr", "--threads", threads, "-o", out, "-q", "--resamples", 200)
            self.assertEqual(result.returncode, 0, result.stderr)
            files.append(out)
        with h5py.File(files[0]) as a, h5py.File(files[1]) as b:
            factors = [x.decode() for x in a["sobol/factors"][()]]
            self.assertEqual(factors[-1], "macro_shocks")
            self.assertIn("interventions.adoption", factors)
            for output in ("jobs@2020", "all:bcr"):
                for index in ("S1", "ST", "S1_low", "ST_high"):
                    np.testing.assert_array_equal(a[f"sobol/{output}/{index}"][()], b[f"sobol/{output}/{index}"][()])
            st = a["sobol/jobs@2020/ST"][()]
            self.assertEqual(factors[int(np.argmax(st))], "macro_shocks")  # shocks drive the level of jobs
            st = a["sobol/all:bcr/ST"][()]
            self.assertEqual(factors[int(np.argmax(st))], "interventions.adoption")
            # A factor that cannot move an output has zero indices.
            skills = factors.index("interventions.skills")
            self.assertEqual(a["sobol/all:bcr/ST"][skills], 0.0)

    def test_morris_screen(self):
        out = self.dir / "morris.h5"
        result = lissim("sobol", SCENARIO, "--method", "morris", "--trajectories", 10, "--measure", "all:bcr",
                        "-o", out, "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        with h5py.File(out) as f:
            factors = [x.decode() for x in f["morris/factors"][()]]
            mu_star = f["morris/all:bcr/mu_star"][()]
            self.assertEqual(factors[int(np.argmax(mu_star))], "interventions.adoption")
            self.assertTrue(np.all(f["morris/all:bcr/sigma"][()] >= 0))


if __name__ == "__main__":
    unittest.main()
