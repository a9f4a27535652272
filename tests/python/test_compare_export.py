"""`lissim export` round trip: every number in the exported CSV files equals the value in the
results file it came from, bit for bit (the CSVs are parsed with the csv module and compared
with numpy exactly); every summary number of the file is exported; an existing export is not
overwritten without --force and is left unchanged. Also checks that `lissim compare --format
csv` parses the same way.

Run: /usr/bin/python3 tests/python/test_compare_export.py  (LISSIM_BINARY names the binary)
"""

import csv
import math
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

from lissim_cli import ROOT, lissim
UNCERTAIN = ROOT / "tests" / "data" / "tiny_uncertain.yaml"
INTERVENTIONS = ROOT / "tests" / "data" / "tiny_interventions.yaml"

COMMON_FILES = ["indicators.csv", "sectors.csv", "targets.csv", "metadata.csv", "scenario.yaml"]
INTERVENTION_FILES = ["interventions.csv", "appraisal.csv", "vfm.csv"]


def read_csv(path):
    """Header and rows (dicts) of a CSV file, read the way pandas/R would: UTF-8, RFC 4180."""
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        return reader.fieldnames, list(reader)


def number(text):
    """A CSV number: empty is NaN (NA)."""
    return math.nan if text == "" else float(text)


def text_of(value):
    if isinstance(value, bytes):
        return value.decode()
    return str(value)


class ExportRoundTrip:
    """Shared checks, run on a file without and a file with interventions."""

    scenario = None
    extra_args = ()

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.h5 = Path(cls.tmp.name) / "run.h5"
        run = lissim("run", cls.scenario, "-o", cls.h5, "-q", *cls.extra_args)
        if run.returncode != 0:
            raise RuntimeError(run.stderr)
        cls.out = Path(cls.tmp.name) / "csv"
        cls.export = lissim("export", cls.h5, "--csv", cls.out)
        cls.f = h5py.File(cls.h5, "r")
        cls.years = cls.f["years"][()]
        cls.levels = cls.f["quantile_levels"][()]
        cls.quantile_row = {f"q{round(100 * level):02d}": k for k, level in enumerate(cls.levels)}

    @classmethod
    def tearDownClass(cls):
        cls.f.close()
        cls.tmp.cleanup()

    def assertSame(self, csv_text, expected, what):
        """Exactly equal doubles; NaN exported as an empty field."""
        got = number(csv_text)
        expected = float(expected)
        if math.isnan(expected):
            self.assertEqual(csv_text, "", what)
        else:
            self.assertEqual(np.float64(got), np.float64(expected), f"{what}: {csv_text!r} vs {expected!r}")

    def year_index(self, year):
        return int(np.flatnonzero(self.years == int(year))[0])

    def expected_files(self):
        return COMMON_FILES + (INTERVENTION_FILES if "interventions" in self.f else [])

    def test_export_succeeds_and_writes_the_files(self):
        self.assertEqual(self.export.returncode, 0, self.export.stderr)
        written = sorted(p.name for p in self.out.iterdir())
        self.assertEqual(written, sorted(self.expected_files()))

    def test_indicators(self):
        header, rows = read_csv(self.out / "indicators.csv")
        self.assertEqual(header, ["path", "indicator", "year", "statistic", "value", "units"])
        seen = set()
        for row in rows:
            group = self.f[f"{row['path']}/indicators/{row['indicator']}"]
            y = self.year_index(row["year"])
            stat = row["statistic"]
            if stat in self.quantile_row:
                expected = group["quantiles"][self.quantile_row[stat], y]
            else:
                expected = group[stat][y]
            self.assertSame(row["value"], expected, str(row))
            self.assertEqual(row["units"], text_of(group["quantiles"].attrs["units"]))
            seen.add((row["path"], row["indicator"], stat, y))
        # Every number of every summary dataset is there.
        expected_count = 0
        for path in ("scenario", "counterfactual", "effect"):
            if path not in self.f:
                continue
            for name, group in self.f[f"{path}/indicators"].items():
                per_year = len(self.levels) + sum(1 for s in ("mean", "sd", "defined_fraction") if s in group)
                expected_count += per_year * len(self.years)
        self.assertEqual(len(seen), expected_count)
        self.assertEqual(len(rows), expected_count)

    def test_sectors(self):
        header, rows = read_csv(self.out / "sectors.csv")
        self.assertEqual(header, ["path", "measure", "sector", "year", "statistic", "value", "units"])
        sectors = list(self.f["sectors"].asstr()[()])
        count = 0
        for row in rows:
            group = self.f[f"{row['path']}/sectors/{row['measure']}"]
            y, s = self.year_index(row["year"]), sectors.index(row["sector"])
            stat = row["statistic"]
            if stat in self.quantile_row:
                expected = group["quantiles"][self.quantile_row[stat], y, s]
            else:
                expected = group[stat][y, s]
            self.assertSame(row["value"], expected, str(row))
            count += 1
        paths = [p for p in ("scenario", "counterfactual", "effect") if f"{p}/sectors" in self.f]
        per_cell = len(self.levels) + 2
        self.assertEqual(count, len(paths) * 2 * len(sectors) * len(self.years) * per_cell)

    def test_targets(self):
        header, rows = read_csv(self.out / "targets.csv")
        self.assertEqual(header[:4], ["target", "year", "prob_met", "prob_met_counterfactual"])
        for column in ("description", "rule", "threshold"):
            self.assertIn(column, header)
        targets = set()
        for row in rows:
            group = self.f[f"targets/{row['target']}"]
            y = self.year_index(row["year"])
            self.assertSame(row["prob_met"], group["prob_met"][y], str(row))
            self.assertSame(row["prob_met_counterfactual"], group["prob_met_counterfactual"][y], str(row))
            if "threshold" in group.attrs:
                self.assertSame(row["threshold"], group.attrs["threshold"], str(row))
                self.assertEqual(row["rule"], text_of(group.attrs["rule"]))
            targets.add(row["target"])
        self.assertEqual(targets, set(self.f["targets"].keys()))
        self.assertEqual(len(rows), len(targets) * len(self.years))
        self.assertEqual(rows[-1]["target"], "all")

    def test_metadata_and_scenario(self):
        header, rows = read_csv(self.out / "metadata.csv")
        self.assertEqual(header, ["key", "value"])
        values = {row["key"]: row["value"] for row in rows}
        self.assertEqual(set(values), set(self.f.attrs) - {"scenario_yaml"})
        self.assertEqual(rows[0]["key"], "filetype")
        for key, value in self.f.attrs.items():
            if key == "scenario_yaml":
                continue
            if isinstance(value, np.ndarray):
                self.assertEqual(values[key], "[" + ", ".join(str(v) for v in value.tolist()) + "]", key)
            else:
                self.assertEqual(values[key], text_of(value), key)
        self.assertEqual(values["format_version"], "[2, 1]")
        scenario = (self.out / "scenario.yaml").read_text(encoding="utf-8")
        self.assertEqual(scenario, text_of(self.f.attrs["scenario_yaml"]))

    def test_no_overwrite_without_force(self):
        again = Path(self.tmp.name) / "again"
        first = lissim("export", self.h5, "--csv", again, "-q")
        self.assertEqual(first.returncode, 0, first.stderr)
        before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in again.iterdir()}
        refused = lissim("export", self.h5, "--csv", again)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("use --force", refused.stderr)
        self.assertIn("indicators.csv", refused.stderr)
        after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in again.iterdir()}
        self.assertEqual(after, before)
        # Only one file in the way is enough to refuse, and nothing else is written.
        partial = Path(self.tmp.name) / "partial"
        partial.mkdir()
        (partial / "targets.csv").write_text("mine\n")
        refused = lissim("export", self.h5, "--csv", partial)
        self.assertEqual(refused.returncode, 2)
        self.assertEqual([p.name for p in partial.iterdir()], ["targets.csv"])
        self.assertEqual((partial / "targets.csv").read_text(), "mine\n")
        forced = lissim("export", self.h5, "--csv", partial, "--force", "-q")
        self.assertEqual(forced.returncode, 0, forced.stderr)
        self.assertEqual((partial / "targets.csv").read_bytes(), (self.out / "targets.csv").read_bytes())
        leftovers = [p.name for p in partial.iterdir() if ".tmp-" in p.name]
        self.assertEqual(leftovers, [])

    def test_compare_csv_parses(self):
        r = lissim("compare", self.h5, self.h5, "--format", "csv")
        self.assertEqual(r.returncode, 0, r.stderr)
        rows = list(csv.reader(r.stdout.splitlines()))
        self.assertEqual(rows[0], ["section", "item", "measure", "units", "year", "file", "statistic", "value", "note"])
        for row in rows[1:]:
            self.assertEqual(len(row), len(rows[0]), row)
            if row[7] != "":
                float(row[7])
            if row[6] in ("prob_met_minus_A", "median_minus_A") or row[6].startswith("difference_"):
                self.assertIn(row[7], ("", "0"), row)


class ExportWithoutInterventions(ExportRoundTrip, unittest.TestCase):
    scenario = UNCERTAIN
    extra_args = ("--draws", 500)


@unittest.skipUnless(INTERVENTIONS.exists(), "tests/data/tiny_interventions.yaml not there yet")
class ExportWithInterventions(ExportRoundTrip, unittest.TestCase):
    scenario = INTERVENTIONS

    def test_interventions(self):
        header, rows = read_csv(self.out / "interventions.csv")
        self.assertEqual(header, ["intervention", "view", "measure", "year", "statistic", "value", "units"])
        for row in rows:
            suffix = "_national" if row["view"] == "national" else ""
            group = self.f[f"interventions/{row['intervention']}/{row['measure']}{suffix}"]
            y = self.year_index(row["year"])
            stat = row["statistic"]
            if stat in self.quantile_row:
                expected = group["quantiles"][self.quantile_row[stat], y]
            else:
                expected = group[stat][y]
            self.assertSame(row["value"], expected, str(row))
        ids = set(self.f["interventions"].keys())
        self.assertEqual({row["intervention"] for row in rows}, ids)
        self.assertEqual({row["measure"] for row in rows}, {"net_additional_jobs", "net_additional_gva"})
        self.assertEqual({row["view"] for row in rows}, {"local", "national"})
        self.assertEqual(len(rows), len(ids) * 4 * len(self.years) * (len(self.levels) + 2))

    def test_appraisal(self):
        header, rows = read_csv(self.out / "appraisal.csv")
        self.assertEqual(header, ["intervention", "view", "measure", "statistic", "value", "units"])
        count = 0
        for row in rows:
            group = "appraisal_national" if row["view"] == "national" else "appraisal"
            dataset = self.f[f"interventions/{row['intervention']}/{group}/{row['measure']}"]
            stat = row["statistic"]
            if stat in self.quantile_row:
                expected = dataset.attrs["quantiles"][self.quantile_row[stat]]
            else:
                expected = dataset.attrs[stat]
            self.assertSame(row["value"], expected, str(row))
            count += 1
        expected_count = 0
        for intervention in self.f["interventions"].values():
            for group in ("appraisal", "appraisal_national"):
                measures = [n for n, d in intervention[group].items() if n != "vfm_band_probability"]
                expected_count += len(measures) * (len(self.levels) + 2)
        self.assertEqual(count, expected_count)
        # The per-draw datasets agree with the exported quantiles (numpy's default method).
        npv = self.f["interventions/all/appraisal/npv"][()]
        median = [r for r in rows if r["intervention"] == "all" and r["view"] == "local"
                  and r["measure"] == "npv" and r["statistic"] == "q50"][0]
        self.assertEqual(number(median["value"]), np.quantile(npv[~np.isnan(npv)], 0.5))

    def test_vfm(self):
        header, rows = read_csv(self.out / "vfm.csv")
        self.assertEqual(header, ["intervention", "view", "band", "probability", "bcr_from", "bcr_to"])
        for row in rows:
            group = "appraisal_national" if row["view"] == "national" else "appraisal"
            dataset = self.f[f"interventions/{row['intervention']}/{group}/vfm_band_probability"]
            bands = [text_of(b) for b in dataset.attrs["bands"]]
            b = bands.index(row["band"])
            self.assertSame(row["probability"], dataset[b], str(row))
            edges = dataset.attrs["bcr_edges"]
            self.assertSame(row["bcr_from"], edges[b - 1] if b > 0 else math.nan, str(row))
            self.assertSame(row["bcr_to"], edges[b] if b < len(edges) else math.nan, str(row))
        self.assertEqual(len(rows), len(self.f["interventions"]) * 2 * 5)


if __name__ == "__main__":
    unittest.main(verbosity=2)
