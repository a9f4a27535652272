"""The North East seed data are the panel's: `lissim build-region` on the shipped panel
(data/uk_regions, or the folder in LISSIM_UK_PANEL) with seeds/north_east/region.yaml rebuilds
seeds/north_east/baseline.yaml number for number, and the base year equals the panel's data
(jobs = the four ITL3 areas' filled jobs, GVA per hour as the panel gives it, hours, history).
Another region (ITL3 TLK11 + TLK12, with the North East's region file adapted for the test) gets a
complete seed folder that `lissim run` takes at once, with its base year the panel's.
Skips (exit 77) when no panel folder with all five files is found.

Run: /usr/bin/python3 tests/python/test_north_east_seed.py  (LISSIM_BINARY names the binary)
"""

import csv
import math
import os
import sys
import tempfile
import unittest
from pathlib import Path

import yaml

from lissim_cli import ROOT, lissim

SEEDS = ROOT / "seeds" / "north_east"
CODES = ["TLC14", "TLC21", "TLC22", "TLC23"]
STRATEGIC = ["digital", "advanced_manufacturing", "health_life_sciences", "energy"]
FILES = ["subregional_productivity.csv", "bres_employees_by_section_nuts3.csv",
         "gva_by_industry_chained_volume_itl1.csv", "gva_by_industry_chained_volume_itl3.csv"]


def find_panel():
    for folder in [os.environ.get("LISSIM_UK_PANEL"), ROOT / "data" / "uk_regions"]:
        if folder and all((Path(folder) / f).exists() for f in FILES):
            return Path(folder)
    return None


PANEL = find_panel()


def panel_2014(series, code):
    with open(PANEL / FILES[0], newline="") as f:
        for row in csv.DictReader(f):
            if row["series"] == series and row["code"] == code and row["year"] == "2014":
                return float(row["value"])
    raise KeyError((series, code))


class NorthEastSeed(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.out = Path(cls.tmp.name) / "north_east"
        cls.result = lissim("build-region", "--panel", PANEL, "--region", ",".join(CODES), "--base-year", 2014,
                            "--region-file", SEEDS / "region.yaml", "-o", cls.out, "-q")
        cls.shipped = yaml.safe_load((SEEDS / "baseline.yaml").read_text())

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_rebuild_equals_the_shipped_baseline(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        rebuilt = yaml.safe_load((self.out / "baseline.yaml").read_text())
        for key in ["region", "comparator", "base_year", "sectors", "region_baseline", "comparator_baseline",
                    "population_projection", "region_totals"]:
            self.assertEqual(rebuilt[key], self.shipped[key], key)
        self.assertEqual(rebuilt["history"]["series"], self.shipped["history"]["series"])

    def test_base_year_is_the_panel(self):
        sectors = self.shipped["sectors"]
        totals = self.shipped["region_totals"]
        jobs = sum(panel_2014("filled_jobs", c) for c in CODES)
        hours = [panel_2014("hours_worked_per_week", c) for c in CODES]
        prices = [panel_2014("gva_per_hour_current_price", c) for c in CODES]
        gva_per_hour = sum(h * p for h, p in zip(hours, prices)) / sum(hours)
        self.assertAlmostEqual(totals["filled_jobs"], jobs, delta=0.005)
        self.assertAlmostEqual(sum(s["jobs"] for s in sectors), jobs, delta=0.005)
        self.assertAlmostEqual(totals["gva_per_hour"], gva_per_hour, delta=5e-5)
        sector_hours = sum(s["jobs"] * s["hours_per_job"] for s in sectors)
        self.assertAlmostEqual(sector_hours / 52 / sum(hours), 1, delta=1e-5)
        sector_gva = sum(s["jobs"] * s["hours_per_job"] * s["gva_per_hour"] for s in sectors)
        self.assertAlmostEqual(sector_gva / sector_hours, gva_per_hour, delta=1e-4)
        history = {s["id"]: s for s in self.shipped["history"]["series"] if "sector" not in s}
        self.assertEqual(history["filled_jobs"]["years"][-1], 2014)
        self.assertAlmostEqual(history["filled_jobs"]["region"][-1], jobs, delta=0.01)
        self.assertAlmostEqual(history["filled_jobs"]["uk"][-1], panel_2014("filled_jobs", "UKX"), delta=0.01)
        self.assertAlmostEqual(history["gva_per_hour_real"]["region"][-1], gva_per_hour, delta=1e-5)
        self.assertEqual(self.shipped["comparator_baseline"]["gva_per_hour"],
                         round(history["gva_per_hour_current_price"]["comparator"][-1], 4))

    def test_sep_targets_and_strategic_sectors_are_kept(self):
        ids = [s["id"] for s in self.shipped["sectors"]]
        for sector in STRATEGIC:
            self.assertIn(sector, ids)
        targets = yaml.safe_load((SEEDS / "targets.yaml").read_text())
        self.assertEqual([t["id"] for t in targets["targets"]],
                         ["more_jobs", "better_jobs", "employment_rate_gap", "activity_rate_gap",
                          "private_density_gap", "productivity_gap"])
        self.assertEqual(self.shipped["region_totals"]["sep_jobs"], 811300)  # APS, the SEP's measure


def uk_output_share_trends(baseline, base_year=2014, window=10):
    """Each sector's trend of its share of UK chained-volume GVA, % a year (OLS of 100 ln share on
    the year over [base - window, base]), from the baseline's history; None without years."""
    series = [h for h in baseline["history"]["series"] if h["id"] == "gva_chained_volume"]
    total = next(h for h in series if "sector" not in h)
    out = {}
    for h in series:
        if "sector" not in h:
            continue
        points = [(y, 100 * math.log(u / total["uk"][total["years"].index(y)]))
                  for y, u in zip(h["years"], h["uk"]) if base_year - window <= y <= base_year]
        if len(points) < 5:
            out[h["sector"]] = None
            continue
        x = [p[0] for p in points]
        v = [p[1] for p in points]
        mx, mv = sum(x) / len(x), sum(v) / len(v)
        out[h["sector"]] = (sum((a - mx) * (b - mv) for a, b in zip(x, v)) / sum((a - mx) ** 2 for a in x))
    return out


class SectorTrends(unittest.TestCase):
    """MODEL.md 2.1: the North East's relative productivity trends are the UK output share trends
    (panel, 2004-2014) less the jobs share trends (marked estimates), where the panel has the industries."""

    def test_calibration_takes_the_fitted_trends(self):
        baseline = yaml.safe_load((SEEDS / "baseline.yaml").read_text())
        calibration = yaml.safe_load((SEEDS / "calibration.yaml").read_text())
        trends = uk_output_share_trends(baseline)
        self.assertEqual(sorted(s for s, t in trends.items() if t is None),
                         ["advanced_manufacturing", "energy", "other_services"])
        self.assertAlmostEqual(trends["digital"], 6.01, delta=0.005)
        for sector, trend in trends.items():
            if trend is None:
                continue
            block = calibration["sectors"][sector]
            jobs = block["jobs_share_trend_pct"]["mean"]
            self.assertAlmostEqual(block["relative_productivity_trend_pct"]["mean"], round(trend - jobs, 2),
                                   delta=1e-9, msg=sector)
            self.assertIn("D - E", block["source"])


class AnotherRegion(unittest.TestCase):
    """build-region writes a runnable folder: baseline, panel calibration, calibration, targets."""
    CODES = ["TLK11", "TLK12"]

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        folder = Path(cls.tmp.name)
        region = yaml.safe_load((SEEDS / "region.yaml").read_text())
        region["region"] = "Test region TLK11 + TLK12 (the North East region file's figures, a test fixture)"
        region.pop("codes")
        for key in ("sep_jobs", "better_jobs_share_total"):
            region["region_baseline"].pop(key)
        for sector in region["sectors"]:
            sector.pop("gva_per_hour", None)  # the North East's replacement of the panel's figure
        (folder / "region.yaml").write_text(yaml.safe_dump(region, sort_keys=False))
        cls.seeds = folder / "seeds"
        cls.built = lissim("build-region", "--panel", PANEL, "--region", ",".join(cls.CODES), "--base-year", 2014,
                           "--region-file", folder / "region.yaml", "-o", cls.seeds, "--resamples", 200, "-q")
        (folder / "scenario.yaml").write_text("name: another\nseed_data: seeds\ndraws: 500\nseed: 7\n")
        cls.ran = lissim("run", folder / "scenario.yaml", "-o", folder / "another.h5", "-q")
        cls.h5 = folder / "another.h5"

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_the_folder_runs(self):
        self.assertEqual(self.built.returncode, 0, self.built.stderr)
        for name in ("baseline.yaml", "panel_calibration.yaml", "calibration.yaml", "targets.yaml"):
            self.assertTrue((self.seeds / name).exists(), name)
        self.assertEqual(self.ran.returncode, 0, self.ran.stderr)
        targets = yaml.safe_load((self.seeds / "targets.yaml").read_text())
        self.assertEqual(targets["deadline"], 2024)
        self.assertEqual([t["id"] for t in targets["targets"]],
                         ["employment_rate_gap", "activity_rate_gap", "private_density_gap", "productivity_gap"])

    def test_base_year_is_the_panel(self):
        import h5py
        jobs = sum(panel_2014("filled_jobs", c) for c in self.CODES)
        hours = [panel_2014("hours_worked_per_week", c) for c in self.CODES]
        prices = [panel_2014("gva_per_hour_current_price", c) for c in self.CODES]
        with h5py.File(self.h5, "r") as f:
            # Every draw starts from the panel's base year (the true value is the published one minus noise,
            # but the simulated jobs start from the data).
            quantiles = f["scenario/indicators/jobs/quantiles"][()]
            self.assertTrue(abs(quantiles[:, 0] - jobs).max() < 0.01 * max(1, 1e-9 * jobs), quantiles[:, 0])
        baseline = yaml.safe_load((self.seeds / "baseline.yaml").read_text())
        self.assertAlmostEqual(baseline["region_totals"]["gva_per_hour"],
                               sum(h * p for h, p in zip(hours, prices)) / sum(hours), delta=5e-5)

    def test_calibration_is_the_panel_calibration(self):
        fitted = yaml.safe_load((self.seeds / "panel_calibration.yaml").read_text())
        calibration = yaml.safe_load((self.seeds / "calibration.yaml").read_text())
        for series, key in (("filled_jobs", "jobs"), ("gva_per_hour", "gva_per_hour")):
            estimate = fitted["region"]["series"][series]
            block = calibration["region"][key]
            self.assertAlmostEqual(block["sigma_pct"]["mean"], 100 * estimate["sigma"]["value"], delta=0.005)
            self.assertAlmostEqual(block["past_growth_pct"], 100 * estimate["past_growth"]["value"],
                                   delta=5e-3 * max(1, abs(block["past_growth_pct"])))
            self.assertEqual(block["tau_pct"], 100 * estimate["tau"]["value"])
        baseline = yaml.safe_load((self.seeds / "baseline.yaml").read_text())
        fitted_sectors = 0
        for sector, trend in uk_output_share_trends(baseline).items():
            if trend is None:
                self.assertNotIn(sector, calibration.get("sectors", {}))
                continue
            fitted_sectors += 1
            self.assertAlmostEqual(calibration["sectors"][sector]["relative_productivity_trend_pct"]["mean"],
                                   trend, delta=0.005, msg=sector)
        self.assertGreater(fitted_sectors, 5)


if __name__ == "__main__":
    if PANEL is None:
        print("skipped: no panel folder with " + ", ".join(FILES) + " (set LISSIM_UK_PANEL)")
        sys.exit(77)
    unittest.main()
