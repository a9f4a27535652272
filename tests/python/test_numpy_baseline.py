"""The NumPy baseline of the benchmark (tests/bench/numpy_baseline.py) stays the model lissim
runs, so the NumPy comparison of docs/performance.md cannot silently rot:

- zero-uncertainty limit: every distribution of the North East seeds fixed at its centre,
  every shock and measurement sd zero, a moving national path and persistent drifts (kappa):
  both programs are then deterministic and every series-year, quantile and P(met) of the
  NumPy file must equal lissim's to rounding;
- the real scenario at a few hundred draws: the base year (seed data, no randomness) agrees
  exactly, and the NumPy file holds every summary dataset lissim writes (same shapes).

Run: /usr/bin/python3 tests/python/test_numpy_baseline.py   (non-zero on failure)
"""

import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import yaml

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from lissim_cli import ROOT, lissim  # noqa: E402

NUMPY_BASELINE = ROOT / "tests" / "bench" / "numpy_baseline.py"
SEEDS = ROOT / "seeds" / "north_east"
DRAWS = 300


def centre(node):
    """A distribution's centre (a number as written); sds of shocks are zeroed by the caller."""
    if not isinstance(node, dict) or "dist" not in node:
        return node
    kind = node["dist"]
    value = {"normal": "mean", "beta": "mean", "lognormal": "median", "triangular": "mode", "pert": "mode"}.get(kind)
    return node[value] if value else (node["min"] + node["max"]) / 2


def is_shock_sd(key):
    key = str(key)
    return key in ("sigma_pct", "sigma_pp", "tau_pct", "tau_pp", "recession_probability") or "_sd_" in key or \
        key.endswith("_sd_pct") or key.endswith("_sd_pp") or key.endswith("sd_log") or key == "sd_pct"


def deterministic(node):
    if isinstance(node, dict) and "dist" not in node:
        return {k: (0 if is_shock_sd(k) else deterministic(v)) for k, v in node.items()}
    return centre(node)


def write_deterministic_seeds(folder):
    shutil.copy(SEEDS / "baseline.yaml", folder / "baseline.yaml")
    calibration = deterministic(yaml.safe_load((SEEDS / "calibration.yaml").read_text()))
    # Move what zero shocks leave still: drifts that persist, a national path that changes.
    for block in ("region", "comparator"):
        for series in calibration[block].values():
            if isinstance(series, dict) and "kappa" in series:
                series["kappa"] = 0.5
    calibration["comparator"]["employment_rate"]["past_growth_pp"] = 0.05
    path = calibration["national"]["central_path"]
    path["employment_rate_change_pp"] = {2015: 0.2, 2020: -0.1}
    path["activity_rate_change_pp"] = {2015: 0.1}
    path["jobs_growth_pct"] = {2015: 0.76, 2018: -1.5, 2019: 1.0}
    (folder / "calibration.yaml").write_text(yaml.safe_dump(calibration))
    targets = yaml.safe_load((SEEDS / "targets.yaml").read_text())
    for t in targets["targets"]:
        for key in ("noise_sd", "noise_sd_pct", "drift_sd_pct"):
            if key in t["published"]:
                t["published"][key] = 0
    (folder / "targets.yaml").write_text(yaml.safe_dump(targets))


def run_both(scenario, tmp):
    lissim_file, numpy_file = tmp / "lissim.h5", tmp / "numpy.h5"
    lissim("run", scenario, "--draws", DRAWS, "--threads", 1, "-o", lissim_file, "--force", "-q",
           "--keep-samples", check=True)
    result = subprocess.run([sys.executable, str(NUMPY_BASELINE), str(scenario), "--draws", str(DRAWS),
                             "-o", str(numpy_file), "--force", "-q", "--keep-samples"], capture_output=True, text=True)
    if result.returncode != 0:
        raise AssertionError(f"numpy_baseline.py failed:\n{result.stderr}")
    return h5py.File(lissim_file, "r"), h5py.File(numpy_file, "r")


def summaries(f):
    """Every summary dataset of a results file: counterfactual statistics and target probabilities."""
    out = {}
    f.visititems(lambda name, obj: out.__setitem__(name, obj[()]) if isinstance(obj, h5py.Dataset) and (
        name.startswith("counterfactual/") or (name.startswith("targets/") and "/prob_" in name)) else None)
    return out


class ZeroUncertaintyTest(unittest.TestCase):
    def test_every_series_year_equals_lissims(self):
        with tempfile.TemporaryDirectory() as d:
            tmp = Path(d)
            (tmp / "seeds").mkdir()
            write_deterministic_seeds(tmp / "seeds")
            scenario = tmp / "deterministic.yaml"
            scenario.write_text("name: deterministic\ndescription: zero uncertainty\nseed_data: seeds\n"
                                "horizon: 2030\nseed: 5\n")
            a, b = run_both(scenario, tmp)
            with a, b:
                expected, got = summaries(a), summaries(b)
        self.assertEqual(sorted(expected), sorted(got))
        jobs_2030 = expected["counterfactual/indicators/jobs/mean"][-1]
        self.assertGreater(abs(jobs_2030 / expected["counterfactual/indicators/jobs/mean"][0] - 1), 0.01,
                           "the deterministic path should move")
        for name, value in expected.items():
            with self.subTest(dataset=name):
                if name.endswith("/sd"):
                    # Zero up to rounding of identical draws; compare with the series' scale.
                    scale = np.nanmax(np.abs(expected[name.replace("/sd", "/mean")]))
                    np.testing.assert_allclose(got[name], value, rtol=0, atol=1e-9 * scale)
                else:
                    np.testing.assert_allclose(got[name], value, rtol=1e-9, atol=1e-12, equal_nan=True)


class NorthEastTest(unittest.TestCase):
    def test_base_year_and_datasets(self):
        with tempfile.TemporaryDirectory() as d:
            a, b = run_both(ROOT / "scenarios" / "north_east_baseline.yaml", Path(d))
            with a, b:
                expected, got = summaries(a), summaries(b)
                self.assertEqual(a["parameters/samples"].shape, b["parameters/samples"].shape)
        self.assertEqual(sorted(expected), sorted(got))
        for name, value in expected.items():
            with self.subTest(dataset=name):
                self.assertEqual(np.shape(got[name]), np.shape(value))
                if name.endswith("/quantiles") or name.endswith("/mean"):
                    base = (slice(None), 0) if name.endswith("/quantiles") else (0,)
                    np.testing.assert_allclose(got[name][base], value[base], rtol=1e-12, equal_nan=True)


if __name__ == "__main__":
    unittest.main()
