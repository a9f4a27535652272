"""Results format 2.0 (docs/results.md): every dataset with an axis of every file kind has
each axis's dimension scale attached and labelled (h5py `.dims`), the same names as its `dims`
attribute, and strings are UTF-8; format 2.0 changed no value (the 1.0 fixture and today's
run of the same scenario have equal datasets); the C++ readers still open a 1.0 file. Results
files are 2.1: without --keep-samples they lack only /parameters/samples.

Run: /usr/bin/python3 tests/python/test_format2.py  (LISSIM_BINARY names the binary)
"""

import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

import lissim_files

# The scale of each axis name, by file kind (a path relative to the root).
SCALES = {
    "results": {"year": "years", "quantile": "quantile_levels", "sector": "sectors",
                "draw": "draw_index", "parameter": "parameters/names", "band": "vfm_bands",
                "draw_byte": "draw_byte_index"},
    "lean": {"year": "years", "quantile": "quantile_levels", "sector": "sectors",
             "draw": "draw_index", "parameter": "parameters/names", "band": "vfm_bands",
             "draw_byte": "draw_byte_index"},
    "sweep": {"year": "years", "summary_year": "summary_years", "quantile": "quantile_levels",
              "point": "points/index", "axis": "points/keys"},
    "sobol": {"factor": "sobol/factors"},
    "morris": {"factor": "morris/factors"},
    "sensitivity": {"factor": "sensitivity/factors"},
}


# Model v2 (issue 16) and interventions v2 (issue 17) changed values after the 1.0 fixture was
# written. Datasets that depend on neither (axes, the interventions' costs) must be equal; every
# other dataset of 1.0 keeps its shape and attributes, and the only new datasets are the scales
# of 2.0 and the new appraisal measures.
MODEL_FREE = ("years", "quantile_levels", "sectors")
NEW_APPRAISAL = ("bcr_without_productivity", "public_cost", "residual_value_pv", "cost_pv_per_net_job",
                 "cost_pv_per_net_job_year", "peak_net_jobs", "net_job_years")


def model_free(name):
    return name in MODEL_FREE or name.endswith("/cost_pv")


def datasets(h5):
    out = {}
    h5.visititems(lambda name, obj: out.__setitem__(name, obj) if isinstance(obj, h5py.Dataset) else None)
    return out


class DimensionScales(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = lissim_files.make()

    def check_file(self, kind):
        scales = SCALES[kind]
        with h5py.File(self.files[kind], "r") as h5:
            self.assertEqual(list(h5.attrs["format_version"]), [2, 1] if kind in ("results", "lean") else [2, 0])
            attached = 0
            for name, d in datasets(h5).items():
                with self.subTest(kind=kind, dataset=name):
                    if h5py.h5ds.is_scale(d.id):
                        if name.startswith("history/"):  # each history series has its own years
                            self.assertTrue(name.endswith("/years"))
                            continue
                        self.assertIn(name, scales.values())
                        self.assertEqual(d.ndim, 1)
                        continue
                    if d.ndim == 0:
                        continue
                    dims = [str(x) for x in d.attrs["dims"]]
                    self.assertEqual(len(dims), d.ndim)
                    for i, axis in enumerate(dims):
                        self.assertEqual(d.dims[i].label, axis)
                        self.assertEqual(len(d.dims[i]), 1, "one scale per axis")
                        scale = d.dims[i][0]
                        path = axis + "s" if axis.startswith("history/") else scales[axis]
                        self.assertEqual(scale.name, "/" + path)
                        self.assertEqual(scale.shape, (d.shape[i],))
                        attached += 1
            self.assertGreater(attached, 0)
            # Every scale of the kind is in the file, marked as the axis it names.
            for axis, path in scales.items():
                if kind == "results" and axis == "band" and "interventions" not in h5:
                    continue
                self.assertTrue(h5py.h5ds.is_scale(h5[path].id), path)

    def test_results(self):
        self.check_file("results")
        self.check_file("lean")

    def test_sweep(self):
        self.check_file("sweep")

    def test_sobol_and_morris(self):
        self.check_file("sobol")
        self.check_file("morris")

    def test_sensitivity(self):
        self.check_file("sensitivity")

    def test_strings_are_utf8(self):
        for kind in SCALES:
            with h5py.File(self.files[kind], "r") as h5:
                for name, d in datasets(h5).items():
                    if d.dtype.kind == "O":
                        self.assertEqual(h5py.check_string_dtype(d.dtype).encoding, "utf-8", f"{kind} {name}")
                for key, value in h5.attrs.items():
                    if isinstance(value, str):
                        self.assertEqual(h5.attrs.get_id(key).dtype.kind, "O", key)
                        self.assertEqual(h5py.check_string_dtype(h5.attrs.get_id(key).dtype).encoding, "utf-8")

    def test_draw_and_point_indices(self):
        with h5py.File(self.files["results"], "r") as h5:
            np.testing.assert_array_equal(h5["draw_index"][()], np.arange(lissim_files.DRAWS))
        with h5py.File(self.files["sweep"], "r") as h5:
            np.testing.assert_array_equal(h5["points/index"][()], np.arange(h5["points/values"].shape[0]))


class Format21(unittest.TestCase):
    """Format 2.1: a run without --keep-samples writes everything a run with it writes, bit for
    bit, except /parameters/samples; both carry the samples' checksum, which numpy reproduces."""

    def test_only_the_samples_are_left_out(self):
        files = lissim_files.make()
        with h5py.File(files["results"], "r") as kept, h5py.File(files["lean"], "r") as lean:
            a, b = datasets(kept), datasets(lean)
            self.assertEqual(sorted(set(a) - set(b)), ["parameters/samples"])
            self.assertEqual(sorted(b), sorted(set(a) - {"parameters/samples"}))
            for name in b:
                with self.subTest(dataset=name):
                    x, y = a[name][()], b[name][()]
                    self.assertEqual(x.dtype, y.dtype)
                    self.assertTrue(np.array_equal(x, y, equal_nan=x.dtype.kind == "f"))
            self.assertEqual(set(kept.attrs), set(lean.attrs))
            checksum = kept["parameters"].attrs["samples_checksum"]
            self.assertEqual(checksum, lean["parameters"].attrs["samples_checksum"])
            self.assertEqual(checksum, samples_checksum(kept["parameters/samples"][()]))

    def test_counterfactual_flags_of_a_run_without_interventions_are_the_scenarios(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "plain.h5"
            lissim_files.lissim("run", lissim_files.DATA / "tiny_uncertain.yaml", "--draws", 30, "-o", out, "-q")
            with h5py.File(out, "r") as h5:
                for target in h5["targets"]:
                    g = h5[f"targets/{target}"]
                    self.assertEqual(g["met_at_deadline_bits"].id, g["met_at_deadline_bits_counterfactual"].id)


def samples_checksum(x):
    """docs/results.md: sum mod 2^64 of splitmix64(bits + 0x9e3779b97f4a7c15 * (d K + k + 1))."""
    def splitmix64(z):
        z = z + np.uint64(0x9E3779B97F4A7C15)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        return z ^ (z >> np.uint64(31))
    with np.errstate(over="ignore"):
        position = np.arange(1, x.size + 1, dtype=np.uint64).reshape(x.shape)
        total = splitmix64(x.view(np.uint64) + np.uint64(0x9E3779B97F4A7C15) * position).sum(dtype=np.uint64)
    return f"{int(total):016x}"


class Format1(unittest.TestCase):
    """Format 2.0 changed no value, and the C++ readers still open 1.x files."""

    def test_same_values_as_format1(self):
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp) / "now.h5"
            lissim_files.lissim("run", lissim_files.SCENARIO, "--draws", lissim_files.FORMAT1_DRAWS, "-o", out)
            with h5py.File(lissim_files.FORMAT1, "r") as old, h5py.File(out, "r") as new:
                self.assertEqual(list(old.attrs["format_version"]), [1, 0])
                old_sets = datasets(old)
                self.assertGreater(len(old_sets), 100)
                compared = 0
                for name, d in old_sets.items():
                    if name.startswith("parameters/"):
                        continue  # the model's parameters are v2's
                    with self.subTest(dataset=name):
                        a, b = d[()], new[name][()]
                        self.assertEqual(a.shape, b.shape)
                        for key in d.attrs:
                            self.assertIn(key, new[name].attrs)
                        if not model_free(name):
                            continue
                        compared += 1
                        if a.dtype.kind == "f":
                            self.assertTrue(np.array_equal(a, b, equal_nan=True))
                        else:
                            self.assertTrue(np.array_equal(a, b))
                self.assertGreater(compared, 5)
                added = {n for n in set(datasets(new)) - set(old_sets) if n.rsplit("/", 1)[-1] not in NEW_APPRAISAL}
                judged = {f"targets/{t}/prob_judged_met{s}" for t in new["targets"] for s in ("", "_counterfactual")}
                flags = {f"targets/{t}/met_at_deadline_bits{s}" for t in new["targets"] for s in ("", "_counterfactual")}
                self.assertEqual(added, {"draw_index", "vfm_bands", "draw_byte_index"} | judged | flags)

    def test_cpp_readers_open_format1(self):
        with tempfile.TemporaryDirectory() as tmp:
            files = lissim_files.make()
            result = lissim_files.lissim("compare", lissim_files.FORMAT1, files["results"])
            self.assertIn("tiny_uncertain_interventions", result.stdout)
            lissim_files.lissim("export", lissim_files.FORMAT1, "--csv", Path(tmp) / "csv")
            self.assertTrue((Path(tmp) / "csv" / "indicators.csv").exists())
            result = lissim_files.lissim("sensitivity", lissim_files.FORMAT1, "--intervention", "all")
            self.assertIn("all", result.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
