"""lissim calibrate and lissim backtest end to end (docs/model.md, MODEL.md 7-8).

- The backtest on the shipped panel (data/uk_regions, to 2014): filled_jobs from 2007 at
  h = 5, 7 and from 2009 at h = 5, gva_per_hour from 2009 at h = 5. The file's layout, and its
  scores recomputed here from its own per-region datasets (coverage from quantiles and outcomes,
  the rules' CRPS from their Gaussian forecasts in closed form).
- mpirun -np 3 writes the same datasets as one process (skipped without mpirun or MPI).
- A panel with a later year added gives the same calibration and backtest (nothing after the
  base year or origin is used).
- Bad input: missing columns, an unknown region code, a base year outside the panel, a window
  too short, an origin without later data, an existing output: exit 2 naming the problem.
- plots/render.py draws the PIT and coverage figures.

Run: /usr/bin/python3 tests/python/test_backtest.py  (LISSIM_BINARY names the binary)
"""

import csv
import math
import os
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import ROOT, lissim, mpirun  # noqa: E402

PANEL = ROOT / "data" / "uk_regions"  # the shipped panel (ONS, to 2014)
NE_LEP = "TLC21,TLC22,TLC23,TLC14"
PROVENANCE = {"created_utc", "panel", "panel_file", "git_sha"}
SCALE_LINKS = {"DIMENSION_LIST", "REFERENCE_LIST"}  # HDF5 object references: compared by the scales' values


def contents(path):
    """Datasets and attributes, without the provenance that differs between any two runs."""
    out = {}
    with h5py.File(path, "r") as f:
        def visit(name, obj):
            if isinstance(obj, h5py.Dataset):
                out[name] = obj[()]
            for key, value in obj.attrs.items():
                if key not in PROVENANCE | SCALE_LINKS:
                    out[f"{name}@{key}"] = value
        f.visititems(visit)
        for key, value in f.attrs.items():
            if key not in PROVENANCE:
                out[f"@{key}"] = value
    return out


def assert_same(test, a, b):
    test.assertEqual(sorted(a), sorted(b))
    for key in a:
        if isinstance(a[key], np.ndarray) and a[key].dtype.kind == "f":
            np.testing.assert_array_equal(a[key], b[key], err_msg=key)
        else:
            test.assertEqual(np.asarray(a[key]).tolist(), np.asarray(b[key]).tolist(), key)


def panel_with_later_year(folder):
    """The shipped panel plus a made-up 2015 (every 2014 value doubled)."""
    source = PANEL / "subregional_productivity.csv"
    os.makedirs(folder, exist_ok=True)
    with open(source, newline="") as f:
        rows = list(csv.DictReader(f))
    later = [dict(row, year="2015", value=str(2 * float(row["value"]))) for row in rows if row["year"] == "2014"]
    with open(Path(folder) / "subregional_productivity.csv", "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows + later)


class BacktestTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="lissim_backtest_")
        cls.jobs_2007 = Path(cls.tmp) / "from_2007.h5"
        cls.both_2009 = Path(cls.tmp) / "from_2009.h5"
        cls.table_2007 = lissim("backtest", "--panel", PANEL, "--origin", 2007, "--horizons", "5,7",
                                "--series", "filled_jobs", "-o", cls.jobs_2007, check=True).stdout
        cls.table_2009 = lissim("backtest", "--panel", PANEL, "--origin", 2009, "--horizons", "5",
                                "-o", cls.both_2009, check=True).stdout

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_layout_and_scores_recomputed(self):
        for path, expected in ((self.jobs_2007, {"filled_jobs": [5, 7]}),
                               (self.both_2009, {"filled_jobs": [5], "gva_per_hour": [5]})):
            with h5py.File(path, "r") as f:
                self.assertEqual(f.attrs["filetype"], "lissim-backtest")
                self.assertEqual(list(f.attrs["format_version"]), [2, 0])
                self.assertEqual(int(f.attrs["draws"]), 10000)
                levels = f["quantile_levels"][()]
                np.testing.assert_array_equal(levels, [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95])
                self.assert_scales(f)
                self.assertEqual(sorted(f["backtest"]), sorted(expected))
                for series, horizons in expected.items():
                    self.assertEqual(sorted(f["backtest"][series]), sorted(f"h{h}" for h in horizons))
                    for h in horizons:
                        g = f["backtest"][series][f"h{h}"]
                        self.assertEqual(int(g.attrs["horizon"]), h)
                        self.assertEqual(int(g.attrs["origin"]), int(f.attrs["origin"]))
                        self.assertEqual(g.attrs["level"], "ITL2")
                        codes = [c.decode() if isinstance(c, bytes) else c for c in g["codes"][()]]
                        self.assertEqual(len(codes), 41)
                        self.assertIn("TLC1", codes)
                        q = g["quantiles"][()]
                        y = g["realised"][()]
                        self.assertEqual(q.shape, (7, 41))
                        self.assertTrue(np.all(np.diff(q, axis=0) >= 0))
                        for name in ("coverage_50", "coverage_90", "crps", "crps_no_change", "crps_trend"):
                            self.assertEqual(g[name].shape, (), name)
                        self.assertAlmostEqual(g["coverage_50"][()], np.mean((y >= q[2]) & (y <= q[4])), places=12)
                        self.assertAlmostEqual(g["coverage_90"][()], np.mean((y >= q[0]) & (y <= q[6])), places=12)
                        pit = g["pit"][()]
                        self.assertTrue(np.all((pit >= 0) & (pit <= 1)))
                        # The PIT and the quantiles agree: below the 5% quantile means PIT <= 0.05.
                        self.assertTrue(np.all(pit[y < q[0]] <= 0.05 + 1e-4))
                        self.assertTrue(np.all(pit[y > q[6]] >= 0.95 - 1e-4))
                        for rule in ("no_change", "trend"):
                            mean, sd = g[f"{rule}_mean"][()], g[f"{rule}_sd"][()]
                            z = (y - mean) / sd
                            cdf = 0.5 * (1 + np.vectorize(math.erf)(z / math.sqrt(2)))
                            pdf = np.exp(-z * z / 2) / math.sqrt(2 * math.pi)
                            crps = sd * (z * (2 * cdf - 1) + 2 * pdf - 1 / np.sqrt(np.pi))
                            np.testing.assert_allclose(g[f"crps_{rule}_by_region"][()], crps, rtol=1e-9)
                            self.assertAlmostEqual(g[f"crps_{rule}"][()], crps.mean(), places=12)
                        self.assertAlmostEqual(g["crps"][()], g["crps_by_region"][()].mean(), places=12)
                        diff = g["crps_by_region"][()] - g["crps_no_change_by_region"][()]
                        self.assertAlmostEqual(g["crps_minus_no_change"][0], diff.mean(), places=12)
                        self.assertGreaterEqual(g["crps_minus_no_change"][1], diff.std(ddof=1) / np.sqrt(41) - 1e-15)
                        low, high = g["coverage_90_interval"][()]
                        self.assertLessEqual(high - low, 1.0)
                        self.assertGreaterEqual(min(high, 1.0) - max(low, 0.0) + 1e-12,
                                                min(1, g["coverage_90"][()] + 1.96 * np.sqrt(0.09 / 41))
                                                - max(0, g["coverage_90"][()] - 1.96 * np.sqrt(0.09 / 41)))
                        # The no-change rule's outcome: the origin's published value.
                        self.assertTrue(np.all(np.isfinite(y)))

    def assert_scales(self, f):
        """Format 2.0: every dataset with an axis names it and has the axis's dimension scale."""
        scales = {"quantile": "/quantile_levels", "region": "/region_codes", "bound": "/interval_bounds",
                  "statistic": "/difference_statistics"}
        seen = set()

        # Each object is visited once, under one of its names (the region scale is also each group's codes).
        def visit(name, obj):
            if not isinstance(obj, h5py.Dataset) or obj.ndim == 0 or any(obj == f[p] for p in scales.values()):
                return
            labels = [d.label for d in obj.dims]
            self.assertEqual([str(x) for x in obj.attrs["dims"]], labels, name)
            for i, label in enumerate(labels):
                self.assertEqual(obj.dims[i][0], f[scales[label]], name)
                seen.add(label)
        f.visititems(visit)
        self.assertEqual(seen, set(scales))
        codes = [c.decode() for c in f["region_codes"][()]]
        for series in f["backtest"]:
            for h in f["backtest"][series]:
                self.assertEqual([c.decode() for c in f["backtest"][series][h]["codes"][()]], codes)
        self.assertEqual([c.decode() for c in f["interval_bounds"][()]], ["low", "high"])

    def test_format_1_files_still_read(self):
        """A 1.0 file (no scales, codes per group, quantiles' dims by attribute) reads as 2.0 does."""
        sys.path[:0] = [str(ROOT / "python"), str(ROOT / "plots")]
        import backtest_figures
        import lissim as package
        old = Path(self.tmp) / "format1.h5"
        with h5py.File(self.both_2009, "r") as new, h5py.File(old, "w") as f:
            for key, value in new.attrs.items():
                f.attrs[key] = value
            f.attrs["format_version"] = np.array([1, 0], dtype=np.int32)
            f.create_dataset("quantile_levels", data=new["quantile_levels"][()])

            def copy(name, obj):
                if isinstance(obj, h5py.Group):
                    f.require_group(name).attrs.update({k: v for k, v in obj.attrs.items()})
                elif name.startswith("backtest/"):
                    d = f.create_dataset(name, data=obj[()], dtype=obj.dtype)
                    for key in ("units", "description"):
                        if key in obj.attrs:
                            d.attrs[key] = obj.attrs[key]
                    if name.endswith("/quantiles"):
                        d.attrs["dims"] = ["quantile", "region"]
            new.visititems(copy)
            for series in new["backtest"]:
                for h in new["backtest"][series]:
                    g = f[f"backtest/{series}/{h}"]
                    if "codes" in g:  # copied where the visit met the scale
                        del g["codes"]
                    codes = [c.decode() for c in new["backtest"][series][h]["codes"][()]]
                    g.create_dataset("codes", data=codes, dtype=h5py.string_dtype())
        meta_new, groups_new = backtest_figures.read(self.both_2009)
        meta_old, groups_old = backtest_figures.read(old)
        self.assertEqual(meta_new, meta_old)
        for a, b in zip(groups_new, groups_old):
            for key in a:
                np.testing.assert_array_equal(a[key], b[key], err_msg=key)
        opened_new, opened_old = package.open(self.both_2009), package.open(old)
        for family in ("scores", "regions"):
            a, b = getattr(opened_new, family), getattr(opened_old, family)
            self.assertEqual(sorted(a.data_vars), sorted(b.data_vars))
            names = ("pit", "realised", "quantiles", "coverage_90_interval") if family == "regions" else ("crps",)
            for name in names:
                if name in a:
                    np.testing.assert_array_equal(a[name].values, b[name].values, err_msg=name)
        self.assertEqual(list(opened_old.regions["coverage_90_interval"].coords["bound"].values), ["low", "high"])
        np.testing.assert_array_equal(opened_new.regions["quantiles"].coords["region"].values,
                                      opened_old.regions["quantiles"].coords["region"].values)

    def test_export(self):
        """lissim export of a real backtest file: the two-value datasets as two score rows, the clusters as text."""
        out = Path(self.tmp) / "export"
        lissim("export", self.both_2009, "--csv", out)
        with open(out / "scores.csv", newline="") as f:
            scores = {(r["series"], r["horizon"], r["statistic"]): r["value"] for r in csv.DictReader(f)}
        with open(out / "regions.csv", newline="") as f:
            clusters = {r["region"]: r["value"] for r in csv.DictReader(f)
                        if r["statistic"] == "cluster" and r["series"] == "gva_per_hour"}
        with h5py.File(self.both_2009, "r") as h5:
            g = h5["backtest/gva_per_hour/h5"]
            low, high = g["coverage_90_interval"][()]
            self.assertEqual(float(scores[("gva_per_hour", "5", "coverage_90_interval_low")]), low)
            self.assertEqual(float(scores[("gva_per_hour", "5", "coverage_90_interval_high")]), high)
            self.assertEqual(float(scores[("gva_per_hour", "5", "crps_minus_trend_se")]), g["crps_minus_trend"][1])
            codes = [c.decode() for c in g["codes"][()]]
            self.assertEqual(clusters, dict(zip(codes, (c.decode() for c in g["clusters"][()]))))

    def test_outcomes_and_rules_from_the_csv(self):
        """y, the outcome and both rules' centres computed here from the CSV, independently."""
        values = {}
        with open(PANEL / "subregional_productivity.csv", newline="") as f:
            for row in csv.DictReader(f):
                values[(row["series"], row["code"], int(row["year"]))] = float(row["value"])

        def y(series, code, year, origin):
            if series == "filled_jobs":
                return math.log(values[("filled_jobs", code, year)] / values[("filled_jobs", "UKX", year)])
            level = lambda c: (values[("gva_per_hour_current_price", c, origin)]
                               * values[("gva_per_hour_chained_volume_index", c, year)]
                               / values[("gva_per_hour_chained_volume_index", c, origin)])
            return math.log(level(code) / level("UKX"))

        for path in (self.jobs_2007, self.both_2009):
            with h5py.File(path, "r") as f:
                origin = int(f.attrs["origin"])
                for series in f["backtest"]:
                    first = 2002 if series == "filled_jobs" else 2004
                    k = min(5, origin - 1 - first)
                    self.assertEqual(int(f["backtest"][series].attrs["trend_years"]), k)
                    for name in f["backtest"][series]:
                        g = f["backtest"][series][name]
                        h = int(g.attrs["horizon"])
                        for i, code in enumerate(c.decode() if isinstance(c, bytes) else c for c in g["codes"][()]):
                            y0 = y(series, code, origin, origin)
                            slope = (y(series, code, origin - 1, origin) - y(series, code, origin - 1 - k, origin)) / k
                            self.assertAlmostEqual(g["realised"][i], y(series, code, origin + h, origin), places=10)
                            self.assertAlmostEqual(g["no_change_mean"][i], y0, places=10)
                            self.assertAlmostEqual(g["trend_mean"][i], y0 + h * slope, places=10)
                            # The model's median is near no change (kappa = 0): within a tenth of its 90% band.
                            q = g["quantiles"][:, i]
                            self.assertLess(abs(q[3] - y0), 0.1 * (q[6] - q[0]))

    def test_table_printed(self):
        self.assertIn("Backtest from 2007", self.table_2007)
        self.assertRegex(self.table_2007, r"filled_jobs\s+5 ")
        self.assertRegex(self.table_2007, r"filled_jobs\s+7 ")
        self.assertRegex(self.table_2009, r"gva_per_hour\s+5 ")

    def test_mpi_gives_the_same_file(self):
        if shutil.which("mpirun") is None or "MPI" not in lissim("--version", check=True).stdout:
            self.skipTest("no mpirun or a build without MPI")
        out = Path(self.tmp) / "mpi.h5"
        result = mpirun(3, "backtest", "--panel", PANEL, "--origin", 2009, "--horizons", 5, "-o", out, "-q")
        self.assertEqual(result.returncode, 0, result.stderr)
        assert_same(self, contents(self.both_2009), contents(out))
        # An existing output: every rank stops with exit 2, none waits for the others.
        result = mpirun(2, "backtest", "--panel", PANEL, "--origin", 2009, "--horizons", 5, "-o", out, timeout=120)
        self.assertEqual(result.returncode, 2, result.stderr)
        self.assertIn("--force", result.stderr)

    def test_later_years_change_nothing(self):
        longer = Path(self.tmp) / "longer_panel"
        panel_with_later_year(longer)
        out = Path(self.tmp) / "longer.h5"
        lissim("backtest", "--panel", longer, "--origin", 2009, "--horizons", "5", "-o", out, "-q", check=True)
        a, b = contents(self.both_2009), contents(out)
        a.pop("@panel_sha256")
        b.pop("@panel_sha256")
        assert_same(self, a, b)
        shipped, extended = Path(self.tmp) / "a.yaml", Path(self.tmp) / "b.yaml"
        lissim("calibrate", "--panel", PANEL, "--region", NE_LEP, "--base-year", 2014, "-o", shipped, "-q", check=True)
        lissim("calibrate", "--panel", longer, "--region", NE_LEP, "--base-year", 2014, "-o", extended, "-q", check=True)
        da, db = yaml.safe_load(shipped.read_text()), yaml.safe_load(extended.read_text())
        for d in (da, db):
            d.pop("created_utc")
            d.pop("provenance")
        self.assertEqual(da, db)

    def test_render(self):
        figures = Path(self.tmp) / "figures"
        result = subprocess.run(["/usr/bin/python3", str(ROOT / "plots" / "render.py"), str(self.both_2009), "-o",
                                 str(figures), "--format", "png"], capture_output=True, text=True,
                                env=dict(os.environ, MPLBACKEND="Agg"))
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertTrue((figures / "backtest_pit.png").stat().st_size > 1000)
        self.assertTrue((figures / "backtest_coverage.png").stat().st_size > 1000)


class CalibrateTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="lissim_calibrate_")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_file_and_table(self):
        out = Path(self.tmp) / "ne.yaml"
        result = lissim("calibrate", "--panel", PANEL, "--region", NE_LEP, "--base-year", 2014, "-o", out, check=True)
        self.assertIn("observed MSE", result.stdout)
        d = yaml.safe_load(out.read_text())
        self.assertEqual(d["filetype"], "lissim-calibration")
        self.assertEqual(d["format_version"], [1, 0])
        self.assertEqual(d["provenance"]["base_year"], 2014)
        self.assertEqual(d["region"]["codes"], ["TLC14", "TLC21", "TLC22", "TLC23"])
        for who in ("region", "comparator"):
            for series in ("filled_jobs", "gva_per_hour"):
                s = d[who]["series"][series]
                self.assertLessEqual(s["window"][1], 2014)
                self.assertEqual(s["pool"]["level"], "ITL2" if who == "region" else "own")
                for key in ("sigma", "noise_sd"):
                    self.assertEqual(s[key]["status"], "estimate")
                    low, high = s[key]["interval"]
                    self.assertLessEqual(low, s[key]["value"] + 1e-12)
                    self.assertGreaterEqual(high, s[key]["value"] - 1e-12)
                for key in ("tau", "kappa", "transitory_rho", "transitory_sd"):
                    self.assertEqual(s[key]["status"], "prior")
                self.assertEqual(s["tau"]["value"], 0.002)
                self.assertEqual(s["kappa"]["value"], 0 if who == "region" else 1)
                # The region's errors are no-change errors (tau at its prior); the comparator's
                # are around its own drift (no tau term).
                tau2 = 0.002 ** 2 if who == "region" else 0
                fit = s["fit"]
                self.assertEqual([row["horizon"] for row in fit], list(range(1, 7)))
                # Fitted = h sigma^2 + h^2 tau^2 + 2 noise^2 (to the file's 6 significant digits).
                for row in fit:
                    h = row["horizon"]
                    fitted = h * s["sigma"]["value"] ** 2 + h * h * tau2 + 2 * s["noise_sd"]["value"] ** 2
                    self.assertAlmostEqual(row["fitted"], fitted, delta=1e-5 * fitted + 1e-12)
        self.assertTrue(d["comparator"]["contains_region"])
        self.assertEqual(d["comparator"]["codes"], ["TLC", "TLD", "TLE", "TLF", "TLG", "TLH", "TLJ", "TLK"])
        # The comparator's drift against the UK (MODEL.md 7: about -0.1% a year for jobs).
        self.assertLess(d["comparator"]["series"]["filled_jobs"]["past_growth"]["value"], 0)

    def expect_error(self, args, *fragments):
        result = lissim(*args, check=False)
        self.assertEqual(result.returncode, 2, result.stderr)
        for fragment in fragments:
            self.assertIn(fragment, result.stderr)
        return result

    def test_bad_input(self):
        out = Path(self.tmp) / "x.yaml"
        calibrate = ["calibrate", "--panel", PANEL, "--region", NE_LEP, "-o", out]
        self.expect_error(["calibrate", "--panel", PANEL, "--region", "TLZ9", "--base-year", 2014, "-o", out],
                          "TLZ9", "subregional_productivity.csv")
        self.expect_error(calibrate + ["--base-year", 2016], "base year 2016 is outside the panel", "2002-2014")
        self.expect_error(calibrate + ["--base-year", 2004], "window too short to estimate", "2004")
        self.assertFalse(out.exists())
        broken = Path(self.tmp) / "broken"
        broken.mkdir()
        with open(PANEL / "subregional_productivity.csv") as f, open(broken / "subregional_productivity.csv", "w") as g:
            for line in f:
                g.write(line.replace("value", "val", 1) if line.startswith("series") else line)
        self.expect_error(["calibrate", "--panel", broken, "--region", "TLC1", "--base-year", 2014, "-o", out],
                          str(broken / "subregional_productivity.csv") + ":1: error: missing column(s) value")
        bt = Path(self.tmp) / "bt.h5"
        self.expect_error(["backtest", "--panel", PANEL, "--origin", 2012, "--horizons", "5", "-o", bt],
                          "origin 2012 at horizon 5 needs filled_jobs for 2017", "a backtest needs its outcomes")
        self.expect_error(["backtest", "--panel", PANEL, "--origin", 2003, "--horizons", "5", "-o", bt],
                          "window too short")
        self.assertFalse(bt.exists())
        lissim("calibrate", "--panel", PANEL, "--region", "TLC1", "--base-year", 2014, "-o", out, "-q", check=True)
        before = out.read_text()
        self.expect_error(["calibrate", "--panel", PANEL, "--region", "TLC1", "--base-year", 2013, "-o", out],
                          "--force")
        self.assertEqual(out.read_text(), before)


if __name__ == "__main__":
    unittest.main(verbosity=2)
