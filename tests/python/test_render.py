"""Tests for python/lissim/reader.py and plots/render.py on a synthetic results file.

The file is built here with h5py following the documented layout (docs/results.md), with
quantiles linear in the year, so every extracted value is known in closed form. The C++
binary is deliberately not used (even when LISSIM_BINARY is set): these tests pin the
plotting side of the contract on their own.

Run: /usr/bin/python3 tests/python/test_render.py   (exits non-zero on failure)
"""

import dataclasses
import os
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ElementTree
from pathlib import Path

import h5py
import numpy as np

PLOTS_DIR = Path(__file__).resolve().parents[2] / "plots"
sys.path.insert(0, str(PLOTS_DIR.parent / "python"))
from lissim import reader as lr  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from figure_checks import build_figures, png_colours, run_render, save_figure  # noqa: E402
import synthetic_results as syn  # noqa: E402
from synthetic_results import (  # noqa: E402
    BASE_YEAR, DEADLINE, HEADLINE, INDICATORS, LEVELS, PERCENTS, TARGETS, YEARS, expected_prob, string_array)
from synthetic_results import in_year as prob_in_year  # noqa: E402

os.environ.setdefault("MPLBACKEND", "Agg")

# The synthetic tables are shared with the other plot tests (synthetic_results.py); this file
# writes its own, smaller results file from them. Its counterfactual differs in jobs_change only,
# and its years since the base year are integers.
COUNTERFACTUAL_SLOPE = {"jobs_change": 8_000.0}

FIGURES = [f"fan_{name}" for name in HEADLINE] + ["target_probabilities",
                                                 "target_probabilities_deadline"]


# ----------------------------------------------------------------- synthetic results file


def expected_quantile(name, percent, group="scenario"):
    """Closed form of this file's quantiles (its counterfactual differs in jobs_change only)."""
    return syn.expected_quantile(name, percent, group, counterfactual_slope=COUNTERFACTUAL_SLOPE)


def write_results(path, filetype="lissim-results", format_version=(1, 0), mutate=None):
    """Write a synthetic results file; mutate(h5) may then damage it for error tests."""
    with h5py.File(path, "w") as h5:
        h5.attrs["filetype"] = filetype
        h5.attrs["format_version"] = np.array(format_version, dtype=np.int32)
        h5.attrs["lissim_version"] = "0.1.0"
        h5.attrs["scenario_name"] = "synthetic test"
        h5.attrs["seed"] = np.uint64(42)
        h5.attrs["draws"] = np.int64(1000)
        h5.attrs["base_year"] = np.int32(BASE_YEAR)
        h5.attrs["horizon"] = np.int32(YEARS[-1])
        h5.create_dataset("years", data=YEARS)
        h5.create_dataset("quantile_levels", data=LEVELS)
        for group in lr.GROUPS:
            for name in INDICATORS:
                write_indicator(h5, group, name)
        for target_id in TARGETS:
            write_target(h5, target_id)
        joint = np.min([expected_prob(t[3]) for t in TARGETS.values()], axis=0) * 0.5
        h5.create_dataset("targets/all/prob_met", data=joint)
        if mutate is not None:
            mutate(h5)


def write_indicator(h5, group, name):
    units = INDICATORS[name][0]
    quantiles = np.stack([expected_quantile(name, p, group) for p in PERCENTS])
    node = h5.create_group(f"{group}/indicators/{name}")
    datasets = {
        "quantiles": quantiles,
        "mean": quantiles[PERCENTS.index(50)],
        "sd": np.full(YEARS.size, INDICATORS[name][3]),
    }
    for key, data in datasets.items():
        dataset = node.create_dataset(key, data=data)
        dataset.attrs["units"] = units
        dataset.attrs["description"] = f"{name} ({key})"
    node["quantiles"].attrs["dims"] = string_array(["quantile", "year"])


def write_target(h5, target_id):
    indicator, rule, threshold, slope = TARGETS[target_id]
    node = h5.create_group(f"targets/{target_id}")
    node.create_dataset("prob_met", data=expected_prob(slope))
    node.create_dataset("prob_met_counterfactual", data=expected_prob(slope, counterfactual=True))
    node.attrs["description"] = f"synthetic target {target_id}"
    node.attrs["indicator"] = indicator
    node.attrs["rule"] = rule
    node.attrs["threshold"] = threshold
    node.attrs["base_year"] = np.int32(BASE_YEAR)
    node.attrs["deadline"] = np.int32(DEADLINE)
    node.attrs["prob_met_at_deadline"] = prob_in_year(expected_prob(slope), DEADLINE)


class TempDirTest(unittest.TestCase):
    """Gives each test class one temporary directory and a good synthetic file in it."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="lissim_render_test_")
        cls.tmp = Path(cls._tmp.name)
        cls.good = cls.tmp / "good.h5"
        write_results(cls.good)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()


# ------------------------------------------------------------------------ extraction


class ExtractionTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.results = lr.open_results(cls.good)

    def summary(self, name, group="scenario"):
        return self.results.indicators[group][name]

    def test_years_and_attributes(self):
        np.testing.assert_array_equal(self.results.years, YEARS)
        self.assertEqual(self.results.base_year, BASE_YEAR)
        self.assertEqual(self.results.scenario_name, "synthetic test")
        self.assertEqual(self.results.attrs["draws"], 1000)

    def test_indicator_groups_and_units(self):
        for group in lr.GROUPS:
            self.assertEqual(set(self.results.indicators[group]), set(INDICATORS))
        self.assertEqual(self.summary("jobs_change").units, "persons")
        self.assertEqual(self.summary("productivity_gap").units, "% of comparator GVA per hour")
        self.assertEqual(self.summary("jobs_change").description, "jobs_change (quantiles)")

    def test_fan_bands_return_known_quantiles(self):
        for name in INDICATORS:
            bands = lr.fan_bands(self.summary(name))
            self.assertEqual(set(bands), {(5, 95), (10, 90), (25, 75), "median"})
            for lo, hi in ((5, 95), (10, 90), (25, 75)):
                np.testing.assert_allclose(bands[(lo, hi)][0], expected_quantile(name, lo))
                np.testing.assert_allclose(bands[(lo, hi)][1], expected_quantile(name, hi))
            np.testing.assert_allclose(bands["median"], expected_quantile(name, 50))

    def test_fan_bands_keep_undefined_years_as_nan(self):
        median = lr.fan_bands(self.summary("better_jobs_share_of_growth"))["median"]
        self.assertTrue(np.isnan(median[0]))
        self.assertTrue(np.all(np.isfinite(median[1:])))

    def test_jobs_change_median_reaches_100k_at_deadline(self):
        median = lr.fan_bands(self.summary("jobs_change"))["median"]
        self.assertAlmostEqual(prob_in_year(median, DEADLINE), 100_000.0)

    def test_target_line_for_each_rule(self):
        expected = {
            "more_jobs": 100_000.0,                 # at_least: the threshold
            "better_jobs": 70.0,                    # share_of_growth_at_least: threshold in %
            "employment_rate_gap": 0.0,             # at_most: the threshold
            "activity_rate_gap": 0.5 * 3.0,         # reduce_by: (1 - 0.5) * median(base)
            "private_density_gap": 0.5 * 0.08,
            "productivity_gap": 0.5 * 12.0,
        }
        for target_id, level in expected.items():
            target = self.results.targets[target_id]
            line = lr.target_line(target, self.summary(target.indicator))
            self.assertAlmostEqual(line, level, msg=target_id)

    def test_target_line_unknown_rule_is_none(self):
        target = self.results.targets["more_jobs"]
        odd = dataclasses.replace(target, rule="grow_faster_than")
        self.assertIsNone(lr.target_line(odd, self.summary("jobs_change")))

    def test_prob_at_deadline(self):
        for target_id, (_ind, _rule, _thr, slope) in TARGETS.items():
            target = self.results.targets[target_id]
            expected = prob_in_year(expected_prob(slope), DEADLINE)
            self.assertAlmostEqual(lr.prob_at_deadline(target, YEARS), expected)
            self.assertAlmostEqual(target.prob_met_at_deadline, expected)
            self.assertAlmostEqual(
                lr.prob_at_deadline(target, YEARS, counterfactual=True),
                prob_in_year(expected_prob(slope, counterfactual=True), DEADLINE),
            )

    def test_joint_probability(self):
        joint = np.min([expected_prob(t[3]) for t in TARGETS.values()], axis=0) * 0.5
        np.testing.assert_allclose(self.results.prob_all_met, joint)
        self.assertNotIn("all", self.results.targets)

    def test_counterfactual_differs_only_where_interventions_act(self):
        for name in INDICATORS:
            differs = lr.counterfactual_differs(
                self.summary(name), self.summary(name, "counterfactual")
            )
            self.assertEqual(differs, name in COUNTERFACTUAL_SLOPE, msg=name)

    def test_target_table(self):
        table = lr.target_table(self.results)
        self.assertEqual([row["id"] for row in table], sorted(TARGETS))  # HDF5 orders by name
        row = next(r for r in table if r["id"] == "activity_rate_gap")
        self.assertEqual((row["rule"], row["threshold"], row["deadline"]),
                         ("reduce_by", 0.5, DEADLINE))

    def test_targets_for_indicator(self):
        found = lr.targets_for(self.results, "jobs_change")
        self.assertEqual([t.id for t in found], ["more_jobs"])


class FormatCheckTest(TempDirTest):
    def assert_rejected(self, path, *fragments):
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_results(path)
        message = str(caught.exception)
        self.assertTrue(message.startswith(f"{path}: "), message)
        for fragment in fragments:
            self.assertIn(fragment, message)

    def test_wrong_filetype(self):
        path = self.tmp / "other.h5"
        write_results(path, filetype="other")
        self.assert_rejected(path, "'other'", "lissim-results")

    def test_wrong_major_version(self):
        path = self.tmp / "v3.h5"
        write_results(path, format_version=(3, 0))
        self.assert_rejected(path, "3.0", "major versions 1 to 2")

    def test_newer_minor_version_and_extra_groups_are_accepted(self):
        def add_extras(h5):
            h5.create_dataset("interventions/digital/net_additional_jobs/quantiles",
                              data=np.zeros((7, YEARS.size)))
            h5.create_group("sobol")
        path = self.tmp / "v1_3.h5"
        write_results(path, format_version=(1, 3), mutate=add_extras)
        self.assertEqual(lr.open_results(path).years.size, YEARS.size)

    def test_not_hdf5(self):
        path = self.tmp / "text.h5"
        path.write_text("this is not HDF5\n")
        self.assert_rejected(path, "not an HDF5 file")

    def test_missing_file(self):
        self.assert_rejected(self.tmp / "absent.h5")

    def test_missing_years(self):
        path = self.tmp / "no_years.h5"
        write_results(path, mutate=lambda h5: h5.__delitem__("years"))
        self.assert_rejected(path, "/years")

    def test_transposed_quantiles(self):
        def transpose(h5):
            name = "scenario/indicators/jobs_change/quantiles"
            data = h5[name][()]
            del h5[name]
            h5.create_dataset(name, data=data.T)
        path = self.tmp / "transposed.h5"
        write_results(path, mutate=transpose)
        self.assert_rejected(path, "jobs_change/quantiles", "shape")


# --------------------------------------------------------------------------- rendering


class RenderTest(TempDirTest):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.out = cls.tmp / "figures"
        cls.rendered = run_render(cls.good, cls.out)  # the default formats

    def test_exit_code_zero_and_no_warnings(self):
        self.assertEqual(self.rendered.returncode, 0, self.rendered.stderr)
        self.assertEqual(self.rendered.stderr, "")

    def test_lists_every_figure_written(self):
        listed = set(self.rendered.stdout.split())
        expected = {str(self.out / f"{stem}.{fmt}") for stem in FIGURES for fmt in ("png", "svg")}
        self.assertEqual(listed, expected)

    def test_png_figures_are_not_blank(self):
        for stem in FIGURES:
            with self.subTest(figure=stem):
                pixels = image_pixels(self.out / f"{stem}.png")
                self.assertGreater(float(np.var(pixels)), 0.0)
                self.assertGreater(len(png_colours(pixels)), 2)

    def test_svg_figures_are_svg_with_content(self):
        for stem in FIGURES:
            with self.subTest(figure=stem):
                root = ElementTree.parse(self.out / f"{stem}.svg").getroot()
                self.assertTrue(root.tag.endswith("svg"), root.tag)
                self.assertGreater(sum(1 for _ in root.iter()), 50)

    def test_default_formats_are_png_and_svg(self):
        self.assertEqual(sorted(p.name for p in self.out.iterdir()),
                         sorted(f"{s}.{f}" for s in FIGURES for f in ("png", "svg")))

    def test_indicator_undefined_in_every_year_still_renders(self):
        def blank_share(h5):
            for group in lr.GROUPS:
                node = h5[f"{group}/indicators/better_jobs_share_of_growth"]
                for key in ("quantiles", "mean", "sd"):
                    node[key][...] = np.nan
        path = self.tmp / "all_nan.h5"
        write_results(path, mutate=blank_share)
        # Built in this process as render.py builds it; only the figure of that indicator saved.
        specs, warnings = build_figures(path)
        self.assertEqual(warnings, "")
        pixels = image_pixels(save_figure(specs["fan_better_jobs_share_of_growth"], self.tmp / "all_nan"))
        self.assertGreater(float(np.var(pixels)), 0.0)


def image_pixels(path):
    from matplotlib import image  # only the tests that read images need matplotlib

    return image.imread(path)


class RenderErrorTest(TempDirTest):
    def assert_fails_with(self, path, reason):
        run = run_render(path, self.tmp / "never")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertTrue(run.stderr.startswith(f"render.py: error: {path}: "), run.stderr)
        self.assertIn(reason, run.stderr)
        self.assertEqual(run.stdout, "")
        self.assertFalse((self.tmp / "never").exists())

    def test_wrong_filetype(self):
        path = self.tmp / "other.h5"
        write_results(path, filetype="other")
        self.assert_fails_with(path, "filetype is 'other'")

    def test_not_hdf5(self):
        path = self.tmp / "garbage.h5"
        path.write_bytes(b"\x00garbage, not HDF5\n" * 20)
        self.assert_fails_with(path, "not an HDF5 file")

    def test_missing_headline_indicator(self):
        path = self.tmp / "no_productivity.h5"
        write_results(path, mutate=lambda h5: h5.__delitem__(
            "counterfactual/indicators/productivity_gap"))
        self.assert_fails_with(path, "productivity_gap")

    def test_bad_format_option_is_usage_error(self):
        run = run_render(self.good, self.tmp / "never", "--format", "png,gif")
        self.assertEqual(run.returncode, 2)
        self.assertIn("render.py: error:", run.stderr)
        self.assertIn("gif", run.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
