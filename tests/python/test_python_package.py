"""The lissim Python package (python/lissim, docs/python.md): every dataset of every kind of
lissim file - results (format 2.0 and the 1.0 fixture), sweep, Sobol, Morris, sensitivity and a
synthetic backtest file - is in the opened xarray Datasets with the file's axis names, and its
values equal the raw HDF5 dataset exactly; to_dataframe() gives tidy tables; lissim.run and
lissim.compare call the binary; bad files raise ResultsFormatError.

Run: PYTHONPATH=python /usr/bin/python3 tests/python/test_python_package.py
"""

import os
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "python"))
import lissim  # noqa: E402
import lissim_files  # noqa: E402

SCALE_COORDS = {"years": "year", "quantile_levels": "quantile", "sectors": "sector", "draw_index": "draw",
                "draw_byte_index": "draw_byte",
                "vfm_bands": "band", "parameters/names": "parameter", "summary_years": "summary_year",
                "points/keys": "axis", "points/index": "point", "sobol/factors": "factor",
                "morris/factors": "factor", "sensitivity/factors": "factor"}
STATS = ("mean", "sd", "defined_fraction")
# The appraisal measures of a format 1.0 file (before interventions v2).
FORMAT1_APPRAISAL = ("cost_pv", "benefit_pv", "npv", "bcr", "cost_per_net_job", "cost_per_net_job_year")


def results_place(opened, parts):
    """(Dataset, variable, selection) of a results-file dataset, by its path."""
    if parts[0] in ("scenario", "counterfactual", "effect"):
        path, kind, name, stat = parts
        if kind == "indicators":
            if stat == "quantiles":
                return opened.indicators, name, {"path": path}
            if stat == "draws":
                return opened.draws, name, {"path": path}
            return opened.indicator_moments, f"{name}_{stat}", {"path": path}
        if stat == "quantiles":
            return opened.sectors, name, {"path": path}
        return opened.sector_moments, f"{name}_{stat}", {"path": path}
    if parts[0] == "targets":
        return opened.targets, parts[2], {"target": parts[1]}
    if parts[0] == "interventions":
        _, i, group, name = parts
        if group.startswith("appraisal"):
            view = {"appraisal": "local", "appraisal_national": "national"}[group]
            ds = opened.vfm if name == "vfm_band_probability" else opened.appraisal
            return ds, name, {"intervention": i, "view": view}
        if name == "quantiles":
            return opened.interventions, group, {"intervention": i}
        return opened.intervention_moments, f"{group}_{name}", {"intervention": i}
    if parts == ["parameters", "samples"]:
        return opened.parameters, "samples", {}
    if parts[0] == "parameters":
        return opened.parameters, parts[1], {}
    raise KeyError("/".join(parts))


def sweep_place(opened, parts):
    if parts[0] == "points":
        return opened.points, parts[1], {}
    if parts[0] == "targets":
        return opened.targets, parts[2], {"target": parts[1]}
    if parts[0] in ("scenario", "counterfactual", "effect"):
        path, _, name, stat = parts
        if stat == "quantiles":
            return opened.indicators, name, {"path": path}
        return opened.indicator_means, f"{name}_{stat}", {"path": path}
    if parts[0] == "interventions" and parts[2] == "appraisal":
        i = parts[1]
        if len(parts) == 4:
            return opened.appraisal_means, parts[3], {"intervention": i}
        if parts[4] == "quantiles":
            return opened.appraisal, parts[3], {"intervention": i}
        return opened.appraisal_means, f"{parts[3]}_{parts[4]}", {"intervention": i}
    if len(parts) == 3:  # interventions/<id>/total_spend_gbp_m
        return opened.intervention_means, parts[2], {"intervention": parts[1]}
    _, i, name, stat = parts
    if stat == "quantiles":
        return opened.interventions, name, {"intervention": i}
    return opened.intervention_means, f"{name}_{stat}", {"intervention": i}


def analysis_place(opened, parts):
    ds = opened.indices if opened.filetype == "lissim-sobol" else opened.coefficients
    if parts[1] == "factor_parameters":
        return ds, "factor_parameters", {}
    return ds, parts[2], {"output": parts[1]}


def backtest_place(opened, parts):
    _, series, h, name = parts
    d = opened.scores if name in opened.scores else opened.regions
    return d, name, {"series": series, "horizon": int(h[1:])}


PLACES = {"lissim-results": results_place, "lissim-sweep": sweep_place, "lissim-sobol": analysis_place,
          "lissim-sensitivity": analysis_place, "lissim-backtest": backtest_place}


def write_backtest(path):
    """A small file in the backtest layout of OUTPUT.md ("Version 2 additions"), with a
    different set of regions at each horizon. Returns the per-region realised values."""
    rng = np.random.default_rng(3)
    realised = {}
    with h5py.File(path, "w") as h5:
        h5.attrs["filetype"] = "lissim-backtest"
        h5.attrs["format_version"] = np.array([2, 0], dtype=np.int32)
        for series in ("filled_jobs", "gva_per_hour"):
            for horizon, codes in ((1, ["E12000001", "E12000002", "W92000004"]), (3, ["E12000001", "S92000003"])):
                g = h5.create_group(f"backtest/{series}/h{horizon}")
                g.attrs.update(origin=2009, horizon=horizon, panel="uk_regions", level="relative to UK", draws=500)
                for name in ("coverage_50", "coverage_90", "crps", "crps_no_change", "crps_trend"):
                    d = g.create_dataset(name, data=rng.uniform())
                    d.attrs["units"] = "1"
                    d.attrs["description"] = name
                g.create_dataset("codes", data=codes, dtype=h5py.string_dtype())
                values = rng.normal(size=len(codes))
                realised[(series, horizon)] = dict(zip(codes, values))
                g.create_dataset("realised", data=values)
                g.create_dataset("pit", data=rng.uniform(size=len(codes)))
                g.create_dataset("quantiles", data=np.sort(rng.normal(size=(7, len(codes))), axis=0))
    return realised


def raw(d):
    values = d[()]
    if values.dtype.kind in "OS":
        values = np.array([v.decode() if isinstance(v, bytes) else v for v in np.ravel(values)],
                          dtype=object).reshape(values.shape)
    return values


def dims_of(d):
    labels = [dim.label for dim in d.dims]
    if labels and all(labels):
        return labels
    return [str(x) for x in d.attrs["dims"]] if "dims" in d.attrs else None


class RoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = lissim_files.make()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.backtest = Path(cls.tmp.name) / "backtest.h5"
        cls.realised = write_backtest(cls.backtest)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def round_trip(self, path):
        opened = lissim.open(path)
        place = PLACES[opened.filetype]
        checked = 0
        with h5py.File(path, "r") as h5:
            names = []
            h5.visititems(lambda name, obj: names.append(name) if isinstance(obj, h5py.Dataset) else None)
            for name in names:
                d = h5[name]
                with self.subTest(file=Path(path).name, dataset=name):
                    if name in SCALE_COORDS:
                        coords = [ds.coords[SCALE_COORDS[name]] for ds in opened.datasets.values()
                                  if SCALE_COORDS[name] in ds.coords]
                        if coords:
                            np.testing.assert_array_equal(coords[0].values, raw(d))
                        continue
                    if name.endswith("/codes"):  # the backtest's regions, lined up by code
                        _, series, h, _ = name.split("/")
                        realised = opened.regions["realised"].sel(series=series, horizon=int(h[1:]))
                        self.assertEqual(set(realised.dropna("region").region.values), set(raw(d)))
                        continue
                    ds, variable, selection = place(opened, name.split("/"))
                    array = ds[variable].sel(selection)
                    expected = raw(d)
                    if d.ndim:
                        axes = dims_of(d) or list(array.dims)
                        array = array.transpose(*axes)
                        # Outer-joined regions: compare on the dataset's own codes.
                        if "region" in axes and opened.filetype == "lissim-backtest":
                            codes = raw(h5[name.rsplit("/", 1)[0] + "/codes"])
                            array = array.sel(region=codes)
                    values = array.values
                    if expected.dtype.kind == "f":
                        self.assertTrue(np.array_equal(values.astype(float), expected, equal_nan=True))
                    else:
                        self.assertTrue(np.array_equal(values, expected), f"{values} != {expected}")
                    if "units" in d.attrs:
                        self.assertEqual(ds[variable].attrs["units"], lissim.reader._plain(d.attrs["units"]))
                    checked += 1
        self.assertGreater(checked, 0)
        return opened

    def test_results(self):
        r = self.round_trip(self.files["results"])
        self.assertEqual(r.indicators["jobs"].dims, ("path", "quantile", "year"))
        self.assertEqual(r.indicators["jobs"].attrs["units"], "persons")
        self.assertEqual(r.appraisal["bcr"].dims, ("view", "intervention", "draw"))
        # Interventions v2: every documented measure, the new ones included, in table order.
        self.assertEqual(list(r.appraisal.data_vars), list(lissim.reader.APPRAISAL_DATASETS))
        self.assertEqual(list(r.targets["prob_met"].dims), ["target", "year"])
        self.assertEqual(r.attrs["filetype"], "lissim-results")

    def test_results_without_samples(self):
        """Format 2.1 without --keep-samples: the parameters' names, units and distributions,
        no samples, and an attribute that says how to get them."""
        r = self.round_trip(self.files["lean"])
        kept = lissim.open(self.files["results"])
        self.assertNotIn("samples", r.parameters)
        self.assertIn("--keep-samples", r.parameters.attrs["samples"])
        self.assertEqual(list(r.parameters["parameter"].values), list(kept.parameters["parameter"].values))
        self.assertEqual(list(r.parameters["units"].values), list(kept.parameters["units"].values))

    def test_format1_results(self):
        r = self.round_trip(self.files["format1"])
        self.assertEqual(r.attrs["format_version"].tolist(), [1, 0])
        self.assertEqual(r.appraisal.sizes["draw"], lissim_files.FORMAT1_DRAWS)
        # A 1.0 file has only the measures of its day; it opens without the v2 ones.
        self.assertEqual(list(r.appraisal.data_vars), list(FORMAT1_APPRAISAL))

    def test_reader_reads_every_appraisal_dataset(self):
        """lissim.reader (the figures' and the report's reader) keeps every per-draw dataset of
        each appraisal group, exactly, and the units of each."""
        for kind in ("results", "format1"):
            results = lissim.reader.open_results(self.files[kind])
            with h5py.File(self.files[kind], "r") as h5:
                for iid, intervention in results.interventions.items():
                    for view, name in lissim.reader.APPRAISAL_GROUPS.items():
                        group = h5[f"interventions/{iid}/{name}"]
                        expected = [n for n in group if n != "vfm_band_probability"]
                        with self.subTest(file=kind, intervention=iid, view=view):
                            appraisal = intervention.appraisal[view]
                            self.assertEqual(set(appraisal.draws), set(expected))
                            for n in expected:
                                self.assertTrue(np.array_equal(appraisal.draws[n], group[n][()],
                                                               equal_nan=True), n)
                                self.assertEqual(appraisal.units[n], lissim.reader._plain(group[n].attrs["units"]))
                rows = lissim.reader.appraisal_table(results)
                for name in lissim.reader.APPRAISAL_DATASETS:  # NaN where the file lacks one
                    self.assertEqual(len(rows[0][name]), 3, name)

    def test_unknown_appraisal_measure_is_read(self):
        """A measure a newer writer adds is read without a code change, by both readers; a
        dataset of another shape is not taken for a per-draw measure by lissim.reader."""
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "newer.h5"
            path.write_bytes(Path(self.files["results"]).read_bytes())
            with h5py.File(path, "r+") as h5:
                group = h5["interventions/all/appraisal"]
                d = group.create_dataset("future_measure", data=np.arange(lissim_files.DRAWS, dtype=float))
                d.attrs["units"] = "GBP"
                d.dims[0].attach_scale(h5["draw_index"])
                group.create_dataset("future_table", data=np.arange(3.0))
            results = lissim.reader.open_results(path)
            draws = results.interventions["all"].appraisal["local"].draws
            np.testing.assert_array_equal(draws["future_measure"], np.arange(lissim_files.DRAWS))
            self.assertNotIn("future_table", draws)
            self.assertNotIn("future_measure", results.interventions["all"].appraisal["national"].draws)
            opened = lissim.open(path)
            future = opened.appraisal["future_measure"]
            np.testing.assert_array_equal(future.sel(view="local", intervention="all").values,
                                          np.arange(lissim_files.DRAWS))
            self.assertTrue(np.isnan(future.sel(view="national").values).all())
            self.assertEqual(future.attrs["units"], "GBP")

    def test_targets_in_the_scenario_order(self):
        """Targets as tests/data/tiny/targets.yaml lists them (not alphabetical), `all` last;
        interventions by id, `all` last, as lissim's table: in both readers, for runs and sweeps."""
        tiny = ["more_jobs", "better_jobs", "employment_rate_gap", "productivity_gap"]
        results = lissim.reader.open_results(self.files["results"])
        self.assertEqual(list(results.targets), tiny)
        self.assertEqual(list(results.interventions), ["adoption", "skills", "support", "all"])
        opened = lissim.open(self.files["results"])
        self.assertEqual(list(opened.targets.target.values), [*tiny, "all"])
        self.assertEqual(list(opened.interventions.intervention.values), ["adoption", "skills", "support", "all"])
        sweep = lissim.reader.open_file(self.files["sweep"])
        self.assertEqual(list(sweep.targets), tiny)
        self.assertEqual(list(lissim.open(self.files["sweep"]).targets.target.values), [*tiny, "all"])

    def test_sweep(self):
        s = self.round_trip(self.files["sweep"])
        # Each axis's value at each point is a coordinate of every Dataset.
        with h5py.File(self.files["sweep"], "r") as h5:
            key = h5["points/keys"].asstr()[0]
            np.testing.assert_array_equal(s.targets.coords[key].values, h5["points/values"][:, 0])

    def test_sobol_morris_sensitivity(self):
        for kind in ("sobol", "morris", "sensitivity"):
            opened = self.round_trip(self.files[kind])
            for ds in opened.datasets.values():
                self.assertIn("factor", ds.dims)
                self.assertIn("output", ds.dims)

    def test_backtest(self):
        b = self.round_trip(self.backtest)
        self.assertEqual(dict(b.scores.sizes), {"series": 2, "horizon": 2})
        # Regions are lined up by code: a region missing at a horizon is NaN there.
        realised = b.regions["realised"].sel(series="gva_per_hour")
        self.assertEqual(float(realised.sel(horizon=3, region="S92000003")),
                         self.realised[("gva_per_hour", 3)]["S92000003"])
        self.assertTrue(np.isnan(float(realised.sel(horizon=3, region="W92000004"))))

    def test_to_dataframe_is_tidy(self):
        r = lissim.open(self.files["results"])
        table = r.targets["prob_met"].to_dataframe().reset_index()
        self.assertEqual(list(table.columns[:2]), ["target", "year"])
        with h5py.File(self.files["results"], "r") as h5:
            row = table[(table.target == "more_jobs") & (table.year == 2020)]
            self.assertEqual(float(row.prob_met.iloc[0]), h5["targets/more_jobs/prob_met"][2020 - 2014])
        for ds in r.datasets.values():
            frame = ds.to_dataframe()
            self.assertEqual(len(frame), int(np.prod(list(ds.sizes.values()))))

    def test_bad_files(self):
        with tempfile.TemporaryDirectory() as tmp:
            text = Path(tmp) / "x.h5"
            text.write_text("not HDF5")
            with self.assertRaisesRegex(lissim.ResultsFormatError, "not an HDF5 file"):
                lissim.open(text)
            v3 = Path(tmp) / "v3.h5"
            with h5py.File(v3, "w") as h5:
                h5.attrs["filetype"] = "lissim-results"
                h5.attrs["format_version"] = np.array([3, 0], dtype=np.int32)
            with self.assertRaisesRegex(lissim.ResultsFormatError, "major versions 1 to 2"):
                lissim.open(v3)


class Commands(unittest.TestCase):
    def test_run_and_compare(self):
        with tempfile.TemporaryDirectory() as tmp:
            a = lissim.run(lissim_files.SCENARIO, draws=30)
            b = lissim.run(lissim_files.SCENARIO, output=Path(tmp) / "b.h5", draws=30,
                           set={"seed": 12, "appraisal.discount_rate_pct": 5})
            self.assertEqual(a.attrs["draws"], 30)
            self.assertEqual(b.attrs["seed"], 12)
            self.assertIn("discount_rate_pct: 5", b.attrs["scenario_yaml"])
            self.assertEqual(a.appraisal.sizes["draw"], 30)
            text = lissim.compare(a.path, b.path)
            self.assertIn("tiny_uncertain_interventions", text)
            table = lissim.compare(a, b, format="dataframe")  # opened files work too
            self.assertGreater(len(table), 0)
            with self.assertRaises(lissim.LissimError) as caught:
                lissim.run(Path(tmp) / "missing.yaml")
            self.assertEqual(caught.exception.returncode, 2)


if __name__ == "__main__":
    os.environ.setdefault("LISSIM_BINARY", lissim_files.BINARY)
    unittest.main(verbosity=2)
