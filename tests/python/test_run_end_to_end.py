"""End to end: `lissim run` on the North East baseline with few draws, the results file
read back with h5py and its layout checked against the contract (docs/results.md), the
file identical for 1 and 2 threads, written atomically, never overwritten without --force,
and rendered by plots/render.py.

Run: /usr/bin/python3 tests/python/test_run_end_to_end.py  (LISSIM_BINARY names the binary)
"""

import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

from lissim_cli import ROOT, lissim
from lissim_files import datasets
SCENARIO = ROOT / "scenarios" / "north_east_baseline.yaml"
DRAWS = 1500

INDICATORS = [
    "jobs", "jobs_change", "employment_rate", "activity_rate", "private_density", "gva_per_hour",
    "better_jobs", "better_jobs_share_of_growth", "working_age_population", "gva",
    "comparator_employment_rate", "comparator_activity_rate", "comparator_private_density",
    "comparator_gva_per_hour", "employment_rate_gap", "activity_rate_gap", "private_density_gap",
    "productivity_gap",
]
TARGETS = ["more_jobs", "better_jobs", "employment_rate_gap", "activity_rate_gap",
           "private_density_gap", "productivity_gap"]


class RunEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = Path(cls.tmp.name) / "baseline.h5"
        cls.result = lissim("run", SCENARIO, "-o", cls.out, "--draws", DRAWS, "--threads", 1)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_run_succeeds_and_prints_the_target_table(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        for target in TARGETS + ["all jointly"]:
            self.assertIn(target, self.result.stdout)
        self.assertIn("jobs change", self.result.stdout)
        self.assertIn("productivity gap", self.result.stdout)

    def test_root_attributes(self):
        with h5py.File(self.out, "r") as f:
            a = f.attrs
            self.assertEqual(a["filetype"], "lissim-results")
            self.assertEqual(list(a["format_version"]), [2, 1])
            self.assertEqual(a["draws"], DRAWS)
            self.assertEqual(a["seed"], 20140401)
            self.assertEqual(a["base_year"], 2014)
            self.assertEqual(a["horizon"], 2030)
            self.assertEqual(a["scenario_name"], "north_east_baseline")
            self.assertTrue(a["rng_scheme"].startswith("philox4x32-10"))
            self.assertEqual(len(a["scenario_sha256"]), 64)
            for key in ("lissim_version", "git_sha", "created_utc"):
                self.assertTrue(a[key])
            # The resolved scenario shows the seed data and the defaults.
            self.assertIn("national_cycle", a["scenario_yaml"])
            self.assertIn("draws: 1500", a["scenario_yaml"])

    def test_layout(self):
        with h5py.File(self.out, "r") as f:
            years = f["years"][()]
            self.assertEqual(list(years), list(range(2014, 2031)))
            self.assertEqual(f["years"].dtype, np.int32)
            sectors = f["sectors"].asstr()[()]
            for s in ("digital", "advanced_manufacturing", "health_life_sciences", "energy"):
                self.assertIn(s, sectors)
            np.testing.assert_array_equal(f["quantile_levels"][()], [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95])
            for group in ("scenario", "counterfactual"):
                for name in INDICATORS:
                    g = f[f"{group}/indicators/{name}"]
                    self.assertEqual(g["quantiles"].shape, (7, len(years)))
                    self.assertEqual(list(g["quantiles"].attrs["dims"]), ["quantile", "year"])
                    self.assertEqual(g["mean"].shape, (len(years),))
                    self.assertEqual(g["sd"].shape, (len(years),))
                    for ds in ("quantiles", "mean", "sd"):
                        self.assertIn("units", g[ds].attrs)
                        self.assertIn("description", g[ds].attrs)
                    q = g["quantiles"][()]
                    ok = ~np.isnan(q).any(axis=0)
                    self.assertTrue((np.diff(q[:, ok], axis=0) >= 0).all(), f"{name}: quantiles not ordered")
                for name in ("jobs", "gva_per_hour"):
                    q = f[f"{group}/sectors/{name}/quantiles"]
                    self.assertEqual(q.shape, (7, len(years), len(sectors)))
                    self.assertEqual(list(q.attrs["dims"]), ["quantile", "year", "sector"])
            # No interventions: the counterfactual is the scenario.
            for name in INDICATORS:
                np.testing.assert_array_equal(f[f"scenario/indicators/{name}/quantiles"][()],
                                              f[f"counterfactual/indicators/{name}/quantiles"][()])
            for t in TARGETS + ["all"]:
                g = f[f"targets/{t}"]
                p = g["prob_met"][()]
                self.assertEqual(p.shape, (len(years),))
                self.assertTrue(((p >= 0) & (p <= 1)).all())
                np.testing.assert_array_equal(p, g["prob_met_counterfactual"][()])
                self.assertEqual(g.attrs["deadline"], 2024)
                self.assertEqual(g.attrs["prob_met_at_deadline"], p[2024 - 2014])
            for t in TARGETS:
                self.assertIn(f["targets"][t].attrs["rule"], ("at_least", "at_most", "reduce_by", "share_of_growth_at_least"))
            # The joint probability never exceeds any single one.
            joint = f["targets/all/prob_met"][()]
            for t in TARGETS:
                self.assertTrue((joint <= f[f"targets/{t}/prob_met"][()]).all())
            names = f["parameters/names"].asstr()[()]
            self.assertEqual(len(set(names)), len(names))
            # The samples only with --keep-samples; their checksum always (docs/results.md).
            self.assertNotIn("samples", f["parameters"])
            self.assertRegex(f["parameters"].attrs["samples_checksum"], "^[0-9a-f]{16}$")

    def test_base_year_is_the_data(self):
        with h5py.File(self.out, "r") as f:
            # The panel's 2014 filled jobs of TLC14, TLC21, TLC22 and TLC23 and their hours-weighted
            # GVA per hour (seeds/north_east/baseline.yaml, region_totals; docs/regions.md).
            jobs = f["scenario/indicators/jobs/quantiles"][:, 0]
            np.testing.assert_allclose(jobs, 183417.51 + 115132.46 + 411667.6 + 123753.52, rtol=1e-12)
            self.assertTrue((f["scenario/indicators/jobs_change/quantiles"][:, 0] == 0).all())
            gva_per_hour = f["scenario/indicators/gva_per_hour/quantiles"][3, 0]
            hours = [5702732.52, 3467010.11, 12593789.59, 3676893.9]
            prices = [26.38, 25.87, 26.54, 33.23]
            self.assertAlmostEqual(gva_per_hour, np.dot(hours, prices) / sum(hours), delta=1e-4)

    def test_threads_give_identical_files(self):
        two = Path(self.tmp.name) / "two_threads.h5"
        r = lissim("run", SCENARIO, "-o", two, "--draws", DRAWS, "--threads", 2, "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        a, b = datasets(self.out), datasets(two)
        self.assertEqual(a.keys(), b.keys())
        for name in a:
            if a[name].dtype == object:
                self.assertEqual(list(a[name]), list(b[name]), name)
            else:
                self.assertEqual(a[name].tobytes(), b[name].tobytes(), name)

    def test_no_overwrite_without_force_and_atomic_write(self):
        before = self.out.read_bytes()
        r = lissim("run", SCENARIO, "-o", self.out, "--draws", 10)
        self.assertEqual(r.returncode, 2)
        self.assertIn("use --force", r.stderr)
        self.assertEqual(self.out.read_bytes(), before)
        copy = Path(self.tmp.name) / "forced.h5"
        copy.write_bytes(before)
        r = lissim("run", SCENARIO, "-o", copy, "--draws", 10, "--force", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(copy, "r") as f:
            self.assertEqual(f.attrs["draws"], 10)
        leftovers = [p.name for p in Path(self.tmp.name).iterdir() if ".tmp-" in p.name]
        self.assertEqual(leftovers, [])

    def test_failed_run_leaves_no_file(self):
        target = Path(self.tmp.name) / "never.h5"
        r = lissim("run", SCENARIO, "-o", target, "--set", "calibration.national_cycle.sd_pct=-1")
        self.assertEqual(r.returncode, 2)
        self.assertFalse(target.exists())

    def test_keep_draws(self):
        kept = Path(self.tmp.name) / "kept.h5"
        r = lissim("run", SCENARIO, "-o", kept, "--draws", 300, "--keep-draws", "-q")
        self.assertEqual(r.returncode, 0, r.stderr)
        with h5py.File(kept, "r") as f:
            for name in ("jobs_change", "productivity_gap"):
                g = f[f"scenario/indicators/{name}"]
                draws = g["draws"][()]
                self.assertEqual(draws.shape, (300, 17))
                np.testing.assert_array_equal(g["quantiles"][()], np.quantile(draws, f["quantile_levels"][()], axis=0))

    def test_render_figures(self):
        figures = Path(self.tmp.name) / "figures"
        r = subprocess.run([sys.executable, ROOT / "plots" / "render.py", self.out, "-o", figures],
                           capture_output=True, text=True)
        self.assertEqual(r.returncode, 0, r.stderr)
        for name in ("fan_jobs_change", "fan_productivity_gap", "target_probabilities"):
            self.assertTrue((figures / f"{name}.png").stat().st_size > 1000)


if __name__ == "__main__":
    unittest.main(verbosity=2)
