"""`lissim export` of every kind of lissim file (sweep, Sobol, Morris, sensitivity, backtest) and
of a results file's per-draw values (--draws): every CSV number equals the HDF5 value it came
from, bit for bit, and every element of the exported datasets is in the CSV exactly once; a
forced re-export leaves no file of the earlier export behind, and keeps the user's own files.
(Results summaries: test_compare_export.py.)

Run: /usr/bin/python3 tests/python/test_export_files.py  (LISSIM_BINARY names the binary)
"""

import csv
import math
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

import lissim_files
from test_python_package import write_backtest

LEVELS = ["q05", "q10", "q25", "q50", "q75", "q90", "q95"]


def read_csv(path):
    with open(path, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def number(text):
    return math.nan if text == "" else float(text)


def same(a, b):
    return (math.isnan(a) and math.isnan(b)) or a == b


def text(value):
    return value.decode() if isinstance(value, bytes) else str(value)


class ExportFiles(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = lissim_files.make()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)
        cls.backtest = cls.dir / "backtest.h5"
        write_backtest(cls.backtest)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def export(self, source, name, *extra):
        out = self.dir / name
        result = lissim_files.lissim("export", source, "--csv", out, "-q", *extra)
        self.assertEqual(result.stdout, "")
        return out

    def check_rows(self, h5, rows, locate, datasets):
        """Each row's value equals the element `locate(row)` = (dataset, index) names, and the
        rows cover every element of `datasets` exactly once."""
        seen = set()
        for row in rows:
            dataset, index = locate(row)
            value = h5[dataset][()][index] if index != () else h5[dataset][()]
            self.assertTrue(same(number(row["value"]), float(value)), f"{dataset}{index}: {row['value']} != {value}")
            key = (dataset, index)
            self.assertNotIn(key, seen)
            seen.add(key)
        expected = sum(max(1, h5[d].size) for d in datasets)
        self.assertEqual(len(seen), expected)

    def test_sweep(self):
        out = self.export(self.files["sweep"], "sweep")
        with h5py.File(self.files["sweep"], "r") as h5:
            years = list(h5["years"][()])
            summary_years = list(h5["summary_years"][()])
            keys = list(h5["points/keys"].asstr()[()])
            points = read_csv(out / "points.csv")
            self.assertEqual(len(points), h5["points/values"].shape[0])
            for p, row in enumerate(points):
                for a, key in enumerate(keys):
                    self.assertTrue(same(number(row[key]), h5["points/values"][p, a]))

            def summary(group, row, by_year=True):
                p = int(row["point"])
                y = (summary_years.index(int(row["year"])),) if by_year else ()
                if row["statistic"] == "mean":
                    return f"{group}/mean", (p, *y)
                return f"{group}/quantiles", (p, LEVELS.index(row["statistic"]), *y)

            rows = read_csv(out / "indicators.csv")
            groups = {f"{r['path']}/indicators/{r['indicator']}" for r in rows}
            self.check_rows(h5, rows, lambda r: summary(f"{r['path']}/indicators/{r['indicator']}", r),
                            [f"{g}/{s}" for g in groups for s in ("quantiles", "mean")])
            self.assertIn("scenario/indicators/jobs", groups)

            rows = read_csv(out / "interventions.csv")
            groups = {f"interventions/{r['intervention']}/{r['measure']}" for r in rows}
            self.check_rows(h5, rows, lambda r: summary(f"interventions/{r['intervention']}/{r['measure']}", r),
                            [f"{g}/{s}" for g in groups for s in ("quantiles", "mean")])

            rows = read_csv(out / "appraisal.csv")

            def appraisal(r):
                g = f"interventions/{r['intervention']}/appraisal"
                if r["statistic"] == "value":
                    return f"{g}/{r['measure']}", (int(r["point"]),)
                return summary(f"{g}/{r['measure']}", r, by_year=False)

            measures = {(r["intervention"], r["measure"], r["statistic"] == "value") for r in rows}
            self.check_rows(h5, rows, appraisal,
                            [f"interventions/{i}/appraisal/{m}" for i, m, single in measures if single] +
                            [f"interventions/{i}/appraisal/{m}/{s}" for i, m, single in measures if not single
                             for s in ("quantiles", "mean")])

            rows = read_csv(out / "targets.csv")
            for column in ("prob_met", "prob_met_counterfactual"):
                tidy = [dict(r, value=r[column]) for r in rows]
                self.check_rows(h5, tidy, lambda r: (f"targets/{r['target']}/{column}",
                                                     (int(r["point"]), years.index(int(r["year"])))),
                                [f"targets/{t}/{column}" for t in h5["targets"]])
            self.assertEqual((out / "sweep.yaml").read_text(encoding="utf-8"), h5.attrs["sweep_yaml"])

    def check_factor_file(self, kind, top, table):
        out = self.export(self.files[kind], kind)
        with h5py.File(self.files[kind], "r") as h5:
            factors = list(h5[f"{top}/factors"].asstr()[()])
            rows = read_csv(out / table)
            names = [f"{top}/{o}/{d}" for o in h5[top] if isinstance(h5[f"{top}/{o}"], h5py.Group)
                     for d in h5[f"{top}/{o}"]]
            self.check_rows(h5, rows, lambda r: (f"{top}/{r['output']}/{r['statistic']}",
                                                 (factors.index(r["factor"]),)), names)
        return out

    def test_sobol_and_morris(self):
        out = self.check_factor_file("sobol", "sobol", "indices.csv")
        with h5py.File(self.files["sobol"], "r") as h5:
            outputs = read_csv(out / "outputs.csv")
            for row in outputs:
                self.assertEqual(float(row["variance"]), h5[f"sobol/{row['output']}"].attrs["variance"])
            factors = read_csv(out / "factors.csv")
            self.assertEqual([r["parameters"] for r in factors], list(h5["sobol/factor_parameters"].asstr()[()]))
        self.check_factor_file("morris", "morris", "indices.csv")

    def test_sensitivity(self):
        out = self.check_factor_file("sensitivity", "sensitivity", "coefficients.csv")
        with h5py.File(self.files["sensitivity"], "r") as h5:
            for row in read_csv(out / "outputs.csv"):
                g = h5[f"sensitivity/{row['output']}"]
                self.assertEqual(float(row["r2_rank"]), g.attrs["r2_rank"])
                self.assertEqual(int(row["draws_used"]), g.attrs["draws_used"])

    def test_backtest(self):
        out = self.export(self.backtest, "backtest")
        with h5py.File(self.backtest, "r") as h5:
            scores = read_csv(out / "scores.csv")
            self.check_rows(h5, scores, lambda r: (f"backtest/{r['series']}/h{r['horizon']}/{r['statistic']}", ()),
                            [f"backtest/{s}/{h}/{n}" for s in h5["backtest"] for h in h5[f"backtest/{s}"]
                             for n in ("coverage_50", "coverage_90", "crps", "crps_no_change", "crps_trend")])

            def region(r):
                g = f"backtest/{r['series']}/h{r['horizon']}"
                i = list(h5[f"{g}/codes"].asstr()[()]).index(r["region"])
                if r["statistic"] in LEVELS:
                    return f"{g}/quantiles", (LEVELS.index(r["statistic"]), i)
                return f"{g}/{r['statistic']}", (i,)

            self.check_rows(h5, read_csv(out / "regions.csv"), region,
                            [f"backtest/{s}/{h}/{n}" for s in h5["backtest"] for h in h5[f"backtest/{s}"]
                             for n in ("realised", "pit", "quantiles")])
            metadata = {r["key"]: r["value"] for r in read_csv(out / "metadata.csv")}
            self.assertEqual(metadata["backtest/filled_jobs/h3/origin"], "2009")

    def test_results_draws(self):
        out = self.export(self.files["results"], "draws", "--draws")
        with h5py.File(self.files["results"], "r") as h5:
            names = list(h5["parameters/names"].asstr()[()])
            self.check_rows(h5, read_csv(out / "parameters.csv"),
                            lambda r: ("parameters/samples", (int(r["draw"]), names.index(r["parameter"]))),
                            ["parameters/samples"])
            years = list(h5["years"][()])
            rows = read_csv(out / "draws.csv")
            self.check_rows(h5, rows, lambda r: (f"{r['path']}/indicators/{r['indicator']}/draws",
                                                 (int(r["draw"]), years.index(int(r["year"])))),
                            [f"{p}/indicators/{n}/draws" for p in ("scenario", "counterfactual")
                             for n in h5[f"{p}/indicators"]])
            group = {"local": "appraisal", "national": "appraisal_national"}
            rows = read_csv(out / "appraisal_draws.csv")
            self.check_rows(h5, rows, lambda r: (f"interventions/{r['intervention']}/{group[r['view']]}/{r['measure']}",
                                                 (int(r["draw"]),)),
                            [f"interventions/{i}/{g}/{m}" for i in h5["interventions"] for g in group.values()
                             for m in h5[f"interventions/{i}/{g}"] if m != "vfm_band_probability"])
        result = lissim_files.lissim("export", self.files["sweep"], "--csv", self.dir / "never", "--draws", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertIn("no per-draw values", result.stderr)

    def test_draws_of_a_file_without_samples(self):
        """Without --keep-samples the export draws the samples again: the same CSV files."""
        kept = self.export(self.files["results"], "kept", "--draws")
        lean = self.export(self.files["lean"], "lean", "--draws")
        for name in ("parameters.csv", "draws.csv", "appraisal_draws.csv"):
            self.assertEqual((kept / name).read_bytes(), (lean / name).read_bytes(), name)

    def test_reexport_leaves_no_stale_files(self):
        out = self.export(self.files["results"], "again", "--draws")
        (out / "notes.txt").write_text("mine")
        refused = lissim_files.lissim("export", self.files["sensitivity"], "--csv", out, check=False)
        self.assertEqual(refused.returncode, 2)
        self.assertIn("--force", refused.stderr)
        self.assertTrue((out / "vfm.csv").exists())
        self.export(self.files["sensitivity"], "again", "--force")
        self.assertEqual(sorted(p.name for p in out.iterdir()),
                         ["coefficients.csv", "metadata.csv", "notes.txt", "outputs.csv"])


if __name__ == "__main__":
    unittest.main(verbosity=2)
