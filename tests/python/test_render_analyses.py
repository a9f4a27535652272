"""plots/render.py and python/lissim/reader.py on the other lissim files: sweeps
(filetype lissim-sweep, docs/sweeps.md), Sobol and Morris files (lissim-sobol) and
sensitivity files (lissim-sensitivity, docs/sensitivity.md).

Synthetic files are written here with h5py per the documented layouts, with values chosen
so every extracted quantity is known in closed form; when the lissim binary works
(LISSIM_BINARY, else build/sim/lissim) real files from the commands in the docs are
rendered too, with few draws.

Run: /usr/bin/python3 tests/python/test_render_analyses.py   (non-zero on failure)
"""

import contextlib
import io
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

os.environ.setdefault("MPLBACKEND", "Agg")

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
PLOTS_DIR = ROOT / "plots"
RENDER = PLOTS_DIR / "render.py"
sys.path.insert(0, str(PLOTS_DIR.parent / "python"))
sys.path.insert(0, str(PLOTS_DIR))
from lissim import reader as lr  # noqa: E402
from figure_checks import assert_png_not_blank, assert_svg_has_plot, report_text, run_render  # noqa: E402
import lissim_cli  # noqa: E402
from lissim_cli import lissim  # noqa: E402
import render  # noqa: E402

BINARY = Path(lissim_cli.BINARY)

# ------------------------------------------------------------------ synthetic sweeps

LEVELS = np.array([0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95])
PERCENTS = (5, 10, 25, 50, 75, 90, 95)
# Quantile p of a per-draw summary is median * (1 + OFFSETS[p]).
OFFSETS = dict(zip(PERCENTS, (-0.4, -0.3, -0.15, 0.0, 0.15, 0.3, 0.4)))
BASE_YEAR, DEADLINE, HORIZON = 2014, 2020, 2024
YEARS = np.arange(BASE_YEAR, HORIZON + 1, dtype=np.int32)
SUMMARY_YEARS = np.array([2020, 2024], dtype=np.int32)

SCALE = "interventions[skills].spend_scale"
DISCOUNT = "appraisal.discount_rate_pct"
THIRD = "calibration.labour_market.migration_response"
# The base scenario's values: spend_scale is in the YAML below, the discount rate is a
# distribution there (so not a single base value) and the third key is absent.
BASE = {SCALE: 1.0, DISCOUNT: 3.5, THIRD: 0.0}
BASE_YAML = """name: synthetic_sweep
seed: 7
interventions:
  - id: adoption
    spend_scale: 3
  - id: skills
    name: Skills programme
    spend_scale: 1
appraisal:
  discount_rate_pct: {dist: uniform, min: 3, max: 4}
"""
# target -> (P at scale 0, slope per unit of scale); P(met at the deadline) is
# clip(p0 + slope * scale - 0.02 * discount, 0, 1), and without the interventions p0.
TARGETS = {"more_jobs": (0.20, 0.01), "productivity_gap": (0.10, 0.002)}


def resolve(keys, row):
    """A point's value of every key, NaN (the base value) replaced by BASE."""
    return {key: (BASE[key] if np.isnan(v) else float(v)) for key, v in zip(keys, row)}


def expected_prob(target, point):
    p0, slope = TARGETS[target]
    return float(np.clip(p0 + slope * point.get(SCALE, 1.0)
                         - 0.02 * point.get(DISCOUNT, 3.5), 0.0, 1.0))


def expected_joint(point):
    return 0.5 * min(expected_prob(t, point) for t in TARGETS)


def expected_net_jobs(iid, point, year):
    """Median net additional jobs: skills 10 x scale per year since the base year / 6,
    adoption a constant 30, the package their sum."""
    skills = 10.0 * point.get(SCALE, 1.0) * (year - BASE_YEAR) / 6.0
    return {"skills": skills, "adoption": 30.0, "all": skills + 30.0}[iid]


def expected_bcr(iid, point):
    """Median BCR: NaN for skills at scale 0 (no cost)."""
    scale, discount = point.get(SCALE, 1.0), point.get(DISCOUNT, 3.5)
    skills = np.nan if scale == 0 else 0.5 + 0.05 * scale - 0.1 * discount
    return {"skills": skills, "adoption": 2.0, "all": 1.5 + 0.01 * scale - 0.1 * discount}[iid]


def string_array(values):
    return np.array(values, dtype=h5py.string_dtype())


def described(node, units, description, dims=None):
    node.attrs["units"] = units
    node.attrs["description"] = description
    if dims is not None:
        node.attrs["dims"] = string_array(dims)
    return node


def write_summary(group, medians, units, description, by_year=True):
    """quantiles [P, 7, Ys] (or [P, 7]) and mean from per-point medians [P, Ys] / [P]."""
    quantiles = np.stack([medians * (1.0 + OFFSETS[p]) for p in PERCENTS], axis=1)
    dims = ["point", "quantile", "summary_year"] if by_year else ["point", "quantile"]
    described(group.create_dataset("quantiles", data=quantiles), units, description, dims)
    described(group.create_dataset("mean", data=medians), units, description,
              dims[:1] + dims[2:])


def write_sweep(path, keys, rows, varied=None, mode="grid", interventions=True,
                filetype="lissim-sweep", format_version=(1, 0), mutate=None):
    rows = np.array(rows, dtype=float)
    points = [resolve(keys, row) for row in rows]
    n = len(rows)
    with h5py.File(path, "w") as h5:
        a = h5.attrs
        a["filetype"] = filetype
        a["format_version"] = np.array(format_version, dtype=np.int32)
        a["lissim_version"] = "0.2.0"
        a["git_sha"] = "0" * 12
        a["created_utc"] = "2024-05-01T12:00:00Z"
        a["sweep_yaml"] = "scenario: synthetic.yaml\n"
        a["sweep_file"] = "synthetic_sweep.yaml"
        a["scenario_name"] = "synthetic_sweep"
        a["base_scenario_yaml"] = BASE_YAML
        a["seed"] = np.int64(7)
        a["draws"] = np.int64(100)
        a["mode"] = mode
        a["base_year"] = np.int64(BASE_YEAR)
        a["deadline"] = np.int64(DEADLINE)
        table = h5.create_group("points")
        described(table.create_dataset("keys", data=string_array(keys)), "", "axes")
        described(table.create_dataset("values", data=rows), "scenario file units", "values",
                  ["point", "axis"])
        described(table.create_dataset(
            "varied_axis", data=np.array(varied if varied is not None else [-1] * n,
                                         dtype=np.int32)), "", "varied axis")
        described(h5.create_dataset("years", data=YEARS), "year", "years")
        described(h5.create_dataset("summary_years", data=SUMMARY_YEARS), "year", "years")
        described(h5.create_dataset("quantile_levels", data=LEVELS), "1", "levels")
        # P(met in year t) rises linearly to its deadline value, then stays.
        ramp = np.minimum(1.0, (YEARS - BASE_YEAR) / (DEADLINE - BASE_YEAR))
        for target in [*TARGETS, "all"]:
            group = h5.create_group(f"targets/{target}")
            if target == "all":
                at_deadline = np.array([expected_joint(p) for p in points])
                cf = np.full(n, 0.5 * min(p0 for p0, _s in TARGETS.values()))
            else:
                at_deadline = np.array([expected_prob(target, p) for p in points])
                cf = np.full(n, TARGETS[target][0])
            described(group.create_dataset("prob_met", data=np.outer(at_deadline, ramp)),
                      "1", "P(met)", ["point", "year"])
            if interventions:
                described(group.create_dataset("prob_met_counterfactual",
                                               data=np.outer(cf, ramp)),
                          "1", "P(met) without", ["point", "year"])
        jobs = h5.create_group("scenario/indicators/jobs_change")
        write_summary(jobs, np.array([[100.0 * (y - BASE_YEAR) for y in SUMMARY_YEARS]] * n),
                      "persons", "jobs change")
        if interventions:
            for iid in ("skills", "adoption", "all"):
                group = h5.create_group(f"interventions/{iid}")
                write_summary(group.create_group("net_additional_jobs"),
                              np.array([[expected_net_jobs(iid, p, y) for y in SUMMARY_YEARS]
                                        for p in points]),
                              "persons", "Net additional jobs, local view")
                write_summary(group.create_group("net_additional_gva"),
                              np.array([[0.05 * expected_net_jobs(iid, p, y)
                                         for y in SUMMARY_YEARS] for p in points]),
                              "GBP m a year", "Net additional GVA, local view")
                bcr = np.array([expected_bcr(iid, p) for p in points])
                write_summary(group.create_group("appraisal/bcr"), bcr, "1", "BCR",
                              by_year=False)
                described(group["appraisal"].create_dataset(
                    "prob_bcr_at_least_1", data=(bcr >= 1).astype(float)), "1", "P(BCR >= 1)")
        if mutate is not None:
            mutate(h5)


GRID_1 = dict(keys=[SCALE], rows=[[v] for v in (0, 1, 2, 5, 10, 20, 50)])
# Two axes written out of order: the layout must sort each line by x.
GRID_2 = dict(keys=[SCALE, DISCOUNT],
              rows=[[s, d] for s in (2, 0, 1) for d in (3.5, 1.5)])
GRID_3 = dict(keys=[SCALE, DISCOUNT, THIRD],
              rows=[[s, d, t] for t in (0, 1) for s in (0, 1, 2) for d in (1.5, 3.5)])
ONE_AT_A_TIME = dict(keys=[SCALE, DISCOUNT], mode="one_at_a_time",
                     rows=[[np.nan, np.nan], [5, np.nan], [0, np.nan], [2, np.nan],
                           [np.nan, 1.5], [np.nan, 2.5]],
                     varied=[-1, 0, 0, 0, 1, 1])

# ---------------------------------------------------------- synthetic Sobol / Morris

FACTORS = ["calibration.labour_market.resident_share_of_job_growth", "interventions.support",
           "macro_shocks"]
FACTOR_PARAMETERS = ["calibration.labour_market.resident_share_of_job_growth",
                     "interventions.support.lag_years, interventions.support.persistence",
                     "macro_shocks"]
S1 = np.array([0.10, 0.05, 0.70])
ST = np.array([0.15, 0.10, 0.80])
S1_LOW, S1_HIGH = S1 - np.array([0.02, 0.06, 0.10]), S1 + np.array([0.04, 0.02, 0.10])
ST_LOW, ST_HIGH = ST - 0.03, ST + np.array([0.05, 0.05, 0.9])  # macro ST interval to 1.7
MU = np.array([1.0, 0.0, -5.0])
MU_STAR = np.array([2.0, 0.0, 5.0])
SIGMA = np.array([0.5, 0.0, 6.0])
ISHIGAMI_S1 = np.array([0.3139, 0.4424, 0.0])
ISHIGAMI_ST = np.array([0.5576, 0.4424, 0.2437])


def write_sobol(path, morris=True, sobol=True, test_function=False, mutate=None):
    with h5py.File(path, "w") as h5:
        a = h5.attrs
        a["filetype"] = "lissim-sobol"
        a["format_version"] = np.array([1, 0], dtype=np.int32)
        a["lissim_version"] = "0.2.0"
        a["method"] = "saltelli" if sobol else "morris"
        a["subject"] = ("test function: ishigami" if test_function
                        else "name: synthetic_sobol\nseed: 11\n")
        a["base_samples_or_trajectories"] = np.int64(256 if sobol else 20)
        a["model_evaluations"] = np.int64(1280)
        if test_function:
            group = h5.create_group("sobol")
            group["factors"] = string_array(["x1", "x2", "x3"])
            group["factor_parameters"] = string_array(["x1", "x2", "x3"])
            out = group.create_group("ishigami")
            s1, st = ISHIGAMI_S1 + 0.01, ISHIGAMI_ST - 0.01
            for name, values in (("S1", s1), ("ST", st), ("S1_conf", np.full(3, 0.05)),
                                 ("ST_conf", np.full(3, 0.04)), ("S1_low", s1 - 0.05),
                                 ("S1_high", s1 + 0.05), ("ST_low", st - 0.04),
                                 ("ST_high", st + 0.04), ("S1_exact", ISHIGAMI_S1),
                                 ("ST_exact", ISHIGAMI_ST)):
                described(out.create_dataset(name, data=values), "1", name)
        if sobol and not test_function:
            group = h5.create_group("sobol")
            group["factors"] = string_array(FACTORS)
            group["factor_parameters"] = string_array(FACTOR_PARAMETERS)
            for output, scale in (("jobs_change@2020", 1.0), ("all:bcr", 0.5)):
                out = group.create_group(output)
                out.attrs["confidence"] = 0.95
                out.attrs["rows_dropped"] = np.int64(3 if scale == 1.0 else 0)
                out.attrs["warnings"] = string_array([""])
                for name, values in (("S1", S1), ("ST", ST), ("S1_low", S1_LOW),
                                     ("S1_high", S1_HIGH), ("ST_low", ST_LOW),
                                     ("ST_high", ST_HIGH),
                                     ("S1_conf", (S1_HIGH - S1_LOW) / 2),
                                     ("ST_conf", (ST_HIGH - ST_LOW) / 2)):
                    described(out.create_dataset(name, data=values * scale), "1", name)
        if morris:
            group = h5.create_group("morris")
            group["factors"] = string_array(FACTORS)
            group["factor_parameters"] = string_array(FACTOR_PARAMETERS)
            out = group.create_group("jobs_change@2020")
            for name, values in (("mu", MU), ("mu_star", MU_STAR), ("sigma", SIGMA)):
                described(out.create_dataset(name, data=values),
                          "output units per unit-cube step", name)
        if mutate is not None:
            mutate(h5)


# ------------------------------------------------------------ synthetic sensitivity

SENS_FACTORS = ["calibration.sectors.alpha.jobs_share_sd_pct",
                "calibration.labour_market.resident_share_of_job_growth",
                "calibration.comparator.gva_per_hour.sigma_pct",
                "calibration.labour_market.migration_response"]
PRCC = np.array([0.30, -0.60, np.nan, 0.05])


def write_sensitivity(path, mutate=None):
    with h5py.File(path, "w") as h5:
        a = h5.attrs
        a["filetype"] = "lissim-sensitivity"
        a["format_version"] = np.array([1, 0], dtype=np.int32)
        a["lissim_version"] = "0.2.0"
        a["source_file"] = "/somewhere/run.h5"
        a["source_scenario_sha256"] = "0" * 64
        a["confidence"] = 0.9
        group = h5.create_group("sensitivity")
        described(group.create_dataset("factors", data=string_array(SENS_FACTORS)), "",
                  "factors")
        for output, sign in (("employment_rate_gap@2020", 1.0), ("all:bcr", -1.0)):
            out = group.create_group(output)
            out.attrs["source"] = "/scenario/indicators/employment_rate_gap/draws, year 2020"
            out.attrs["units"] = "pp"
            out.attrs["description"] = "Comparator minus region employment rate, every draw"
            out.attrs["r2_linear"] = 0.41
            out.attrs["r2_rank"] = 0.4
            out.attrs["draws_used"] = np.int64(98)
            out.attrs["draws_dropped"] = np.int64(2)
            prcc = sign * PRCC
            for name, values in (("prcc", prcc), ("prcc_low", prcc - 0.1),
                                 ("prcc_high", prcc + 0.1), ("prcc_p_value", np.abs(prcc)),
                                 ("src", prcc * 0.9), ("src_low", prcc - 0.2),
                                 ("src_high", prcc + 0.2), ("src_p_value", np.abs(prcc))):
                described(out.create_dataset(name, data=values), "1", name)
        if mutate is not None:
            mutate(h5)


# ----------------------------------------------------------------------- helpers


def render_in_process(path, out_dir, formats="png"):
    """render.main in this process (much faster than a new interpreter per file);
    returns (exit code, stdout, stderr)."""
    stdout, stderr = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = render.main([str(path), "-o", str(out_dir), "--format", formats])
    return code, stdout.getvalue(), stderr.getvalue()


class TempDir(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="lissim_render_analyses_")
        cls.tmp = Path(cls._tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()


# ------------------------------------------------------------------ extraction: sweeps


class SweepExtractionTest(TempDir):
    def open(self, name, **spec):
        path = self.tmp / f"{name}.h5"
        write_sweep(path, **spec)
        return lr.open_file(path)

    def test_open_file_returns_a_sweep(self):
        sweep = self.open("grid1", **GRID_1)
        self.assertIsInstance(sweep, lr.Sweep)
        self.assertEqual(sweep.keys, (SCALE,))
        self.assertEqual(sweep.mode, "grid")
        self.assertEqual(sweep.deadline, DEADLINE)
        self.assertEqual(list(sweep.targets), list(TARGETS))
        self.assertEqual(list(sweep.interventions), ["adoption", "skills", "all"])
        np.testing.assert_array_equal(sweep.summary_years, SUMMARY_YEARS)

    def test_prob_at_deadline_known_values(self):
        sweep = self.open("grid1", **GRID_1)
        points = [resolve(GRID_1["keys"], row) for row in GRID_1["rows"]]
        for target in TARGETS:
            np.testing.assert_allclose(lr.sweep_prob_at_deadline(sweep, target),
                                       [expected_prob(target, p) for p in points])
            np.testing.assert_allclose(lr.sweep_prob_at_deadline(sweep, target, True),
                                       np.full(len(points), TARGETS[target][0]))
        np.testing.assert_allclose(lr.sweep_prob_at_deadline(sweep),
                                   [expected_joint(p) for p in points])
        # scale 50: more_jobs 0.2 + 0.5 - 0.07 = 0.63
        self.assertAlmostEqual(lr.sweep_prob_at_deadline(sweep, "more_jobs")[-1], 0.63)

    def test_without_interventions_no_counterfactual(self):
        sweep = self.open("baseline", interventions=False, **GRID_1)
        self.assertIsNone(lr.sweep_prob_at_deadline(sweep, "more_jobs", counterfactual=True))
        self.assertFalse(sweep.has_interventions)
        self.assertIsNone(lr.sweep_appraisal(sweep, "all"))

    def test_appraisal_and_net_jobs_known_values(self):
        sweep = self.open("grid1", **GRID_1)
        scales = np.array([row[0] for row in GRID_1["rows"]], dtype=float)
        np.testing.assert_allclose(lr.sweep_appraisal(sweep, "all"), 1.5 + 0.01 * scales - 0.35)
        np.testing.assert_allclose(lr.sweep_appraisal(sweep, "all", percent=95),
                                   (1.5 + 0.01 * scales - 0.35) * 1.4)
        skills = lr.sweep_appraisal(sweep, "skills")
        self.assertTrue(np.isnan(skills[0]))  # no cost at scale 0
        np.testing.assert_allclose(skills[1:], 0.5 + 0.05 * scales[1:] - 0.35)
        np.testing.assert_allclose(lr.sweep_net_effect(sweep, "skills", 2020), 10.0 * scales)
        np.testing.assert_allclose(lr.sweep_net_effect(sweep, "all", 2024),
                                   10.0 * scales * 10 / 6 + 30)
        np.testing.assert_allclose(lr.sweep_net_effect(sweep, "all", 2024, percent=5),
                                   (10.0 * scales * 10 / 6 + 30) * 0.6)
        self.assertTrue(np.all(np.isnan(lr.sweep_net_effect(sweep, "all", 2019))))
        self.assertIsNone(lr.sweep_net_effect(sweep, "nonexistent", 2020))

    def test_base_values_from_the_scenario_yaml(self):
        sweep = self.open("oat", **ONE_AT_A_TIME)
        base = lr.sweep_base_values(sweep)
        self.assertEqual(base[0], 1.0)  # interventions[skills].spend_scale: 1
        self.assertTrue(np.isnan(base[1]))  # a distribution: no single base value
        np.testing.assert_array_equal(lr.sweep_axis_values(sweep, 0, base_values=base),
                                      [1, 5, 0, 2, 1, 1])

    def test_layout_one_axis(self):
        sweep = self.open("grid1", **GRID_1)
        (panel,) = lr.sweep_layout(sweep)
        (line,) = panel.lines
        self.assertEqual((panel.axis, panel.title, line.label, panel.base_point), (0, "", "", None))
        np.testing.assert_array_equal(line.points, np.arange(7))
        np.testing.assert_array_equal(line.x, [0, 1, 2, 5, 10, 20, 50])

    def test_layout_two_axes_one_line_per_second_axis_sorted_by_x(self):
        sweep = self.open("grid2", **GRID_2)
        (panel,) = lr.sweep_layout(sweep)
        self.assertEqual([line.label for line in panel.lines],
                         [f"{DISCOUNT} = 3.5", f"{DISCOUNT} = 1.5"])
        # rows: (2, 3.5), (2, 1.5), (0, 3.5), (0, 1.5), (1, 3.5), (1, 1.5)
        np.testing.assert_array_equal(panel.lines[0].points, [2, 4, 0])
        np.testing.assert_array_equal(panel.lines[1].points, [3, 5, 1])
        np.testing.assert_array_equal(panel.lines[0].x, [0, 1, 2])

    def test_layout_three_axes_one_panel_per_third_axis_value(self):
        sweep = self.open("grid3", **GRID_3)
        panels = lr.sweep_layout(sweep)
        self.assertEqual([p.title for p in panels], [f"{THIRD} = 0", f"{THIRD} = 1"])
        self.assertEqual([len(p.lines) for p in panels], [2, 2])
        np.testing.assert_array_equal(panels[1].lines[0].points, [6, 8, 10])

    def test_layout_one_at_a_time(self):
        sweep = self.open("oat", **ONE_AT_A_TIME)
        panels = lr.sweep_layout(sweep)
        self.assertEqual([p.title for p in panels], [SCALE, DISCOUNT])
        self.assertEqual([p.base_point for p in panels], [0, 0])
        np.testing.assert_array_equal(panels[0].lines[0].points, [2, 3, 1])
        np.testing.assert_array_equal(panels[0].lines[0].x, [0, 2, 5])
        np.testing.assert_array_equal(panels[1].lines[0].x, [1.5, 2.5])

    def test_misshapen_prob_met_is_a_format_error(self):
        def short(h5):
            del h5["targets/more_jobs/prob_met"]
            h5["targets/more_jobs/prob_met"] = np.zeros((3, YEARS.size))
        path = self.tmp / "bad.h5"
        write_sweep(path, mutate=short, **GRID_1)
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_file(path)
        self.assertIn("filetype is 'lissim-sweep'", str(caught.exception))
        self.assertIn("/targets/more_jobs/prob_met", str(caught.exception))

    def test_deadline_beyond_years_is_a_format_error(self):
        path = self.tmp / "late.h5"
        write_sweep(path, mutate=lambda h5: h5.attrs.__setitem__("deadline", np.int64(2040)),
                    **GRID_1)
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_file(path)
        self.assertIn("deadline 2040", str(caught.exception))


# ------------------------------------------------- extraction: Sobol, Morris, PRCC


class AnalysisExtractionTest(TempDir):
    def test_sobol_file(self):
        path = self.tmp / "sobol.h5"
        write_sobol(path)
        data = lr.open_file(path)
        self.assertIsInstance(data, lr.SobolFile)
        self.assertEqual(list(data.sobol), ["all:bcr", "jobs_change@2020"])
        self.assertEqual(data.scenario_name, "synthetic_sobol")
        self.assertFalse(data.is_test_function)
        sobol = data.sobol["jobs_change@2020"]
        self.assertEqual(sobol.factors, tuple(FACTORS))
        self.assertEqual(sobol.parameters, tuple(FACTOR_PARAMETERS))
        np.testing.assert_array_equal(lr.sobol_order(sobol), [2, 0, 1])
        intervals = lr.sobol_intervals(sobol)
        # The file's (asymmetric) interval ends, not index +- conf.
        np.testing.assert_allclose(intervals["S1"][0], S1_LOW)
        np.testing.assert_allclose(intervals["ST"][1], ST_HIGH)
        self.assertIsNone(sobol.s1_exact)
        self.assertEqual(sobol.attrs["rows_dropped"], 3)

    def test_sobol_intervals_fall_back_to_conf(self):
        sobol = lr.Sobol("y", "y", ("a", "b"), np.array([0.2, 0.5]), np.array([0.3, 0.6]),
                         np.array([0.1, 0.05]), np.array([0.02, 0.2]))
        intervals = lr.sobol_intervals(sobol)
        np.testing.assert_allclose(intervals["S1"][0], [0.1, 0.45])
        np.testing.assert_allclose(intervals["ST"][1], [0.32, 0.8])

    def test_test_function_exact_values(self):
        path = self.tmp / "ishigami.h5"
        write_sobol(path, morris=False, test_function=True)
        data = lr.open_file(path)
        self.assertTrue(data.is_test_function)
        self.assertEqual(data.scenario_name, "ishigami")
        np.testing.assert_allclose(data.sobol["ishigami"].s1_exact, ISHIGAMI_S1)
        np.testing.assert_allclose(data.sobol["ishigami"].st_exact, ISHIGAMI_ST)

    def test_morris(self):
        path = self.tmp / "morris.h5"
        write_sobol(path, sobol=False)
        data = lr.open_file(path)
        self.assertEqual(data.method, "morris")
        self.assertEqual(data.sobol, {})
        morris = data.morris["jobs_change@2020"]
        np.testing.assert_array_equal(lr.morris_order(morris), [2, 0, 1])
        ratio = lr.morris_ratio(morris)
        np.testing.assert_allclose(ratio[[0, 2]], [0.25, 1.2])
        self.assertTrue(np.isnan(ratio[1]))
        self.assertEqual(morris.units, "output units per unit-cube step")

    def test_sensitivity_file(self):
        path = self.tmp / "sens.h5"
        write_sensitivity(path)
        data = lr.open_file(path)
        self.assertIsInstance(data, lr.SensitivityFile)
        self.assertAlmostEqual(data.confidence, 0.9)
        found = data.sensitivity["employment_rate_gap@2020"]
        np.testing.assert_array_equal(lr.tornado_order(found), [1, 0, 3, 2])  # NaN last
        self.assertEqual(found.units, "pp")
        self.assertEqual(found.attrs["draws_dropped"], 2)
        np.testing.assert_allclose(found.prcc_low[:2], [0.2, -0.7])

    def test_output_description(self):
        cases = {
            "jobs_change@2030": "jobs change in 2030",
            "scenario:jobs@2030": "jobs in 2030",
            "counterfactual:jobs@2030": "jobs in 2030 without the interventions",
            "effect:employment_rate_gap@2024":
                "the interventions' effect on employment rate gap in 2024",
            "all:bcr": "benefit-cost ratio of the package of interventions",
            "skills:cost_per_net_job": "cost per net additional job of intervention skills",
            "ishigami": "ishigami",
        }
        for label, words in cases.items():
            with self.subTest(label=label):
                self.assertEqual(lr.output_description(label), words)

    def test_factor_label(self):
        self.assertEqual(render.factor_label("macro_shocks"), "macro_shocks")
        self.assertEqual(render.factor_label(
            "calibration.labour_market.resident_share_of_job_growth"),
            "calibration.labour_market.\nresident_share_of_job_growth")
        self.assertEqual(render.factor_label("interventions.support", "a.b, a.c, a.d"),
                         "interventions.support\n(3 parameters)")
        long = "a_long_name.another_long_name.third_long_name.fourth_long_name.leaf"
        label = render.factor_label(long, width=20, max_lines=2)
        self.assertTrue(label.startswith("…"), label)
        self.assertTrue(label.endswith("leaf"), label)
        self.assertEqual(label.count("\n"), 1)

    def test_unknown_filetype_and_versions(self):
        def retype(value):
            return lambda h5: h5.attrs.__setitem__("filetype", value)
        path = self.tmp / "unknown.h5"
        write_sensitivity(path, mutate=retype("lissim-unknown"))
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_file(path)
        message = str(caught.exception)
        self.assertIn("filetype is 'lissim-unknown'", message)
        for filetype in lr.FILETYPES:
            self.assertIn(repr(filetype), message)
        v3 = self.tmp / "v3.h5"
        write_sobol(v3, mutate=lambda h5: h5.attrs.__setitem__(
            "format_version", np.array([3, 0], dtype=np.int32)))
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_file(v3)
        self.assertIn("major versions 1 to 2", str(caught.exception))
        # open_results still accepts results files only.
        sweep = self.tmp / "sweep.h5"
        write_sweep(sweep, **GRID_1)
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_results(sweep)
        self.assertIn("expected 'lissim-results'", str(caught.exception))

    def test_empty_sobol_file_is_a_format_error(self):
        path = self.tmp / "empty.h5"
        write_sobol(path, morris=False, sobol=False)
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_file(path)
        self.assertIn("no output in /sobol or /morris", str(caught.exception))


# ----------------------------------------------------------------------- rendering

SWEEP_FIGURES = ["sweep_target_probabilities", "sweep_bcr", "sweep_net_jobs"]


class RenderTest(TempDir):
    """Every expected figure is written, not blank, and titled for what it shows."""

    def render(self, name, writer, expected, formats="png", **kwargs):
        path = self.tmp / f"{name}.h5"
        writer(path, **kwargs)
        out = self.tmp / f"{name}_figures"
        code, stdout, stderr = render_in_process(path, out, formats)
        self.assertEqual(code, 0, stderr)
        self.assertEqual(stderr, "")
        names = {f"{stem}.{fmt}" for stem in expected for fmt in formats.split(",")}
        self.assertEqual({p.name for p in out.iterdir()}, names)
        self.assertEqual(set(stdout.split()), {str(out / n) for n in names})
        for stem in expected:
            with self.subTest(figure=stem):
                assert_png_not_blank(self, out / f"{stem}.png")
                if "svg" in formats:
                    assert_svg_has_plot(self, out / f"{stem}.svg")
        return path, out

    def test_sweep_one_axis_png_and_svg(self):
        self.render("grid1", write_sweep, SWEEP_FIGURES, "png,svg", **GRID_1)

    def test_sweep_two_axes(self):
        self.render("grid2", write_sweep, SWEEP_FIGURES, **GRID_2)

    def test_sweep_three_axes_draws_small_multiples(self):
        path = self.tmp / "grid3.h5"
        write_sweep(path, **GRID_3)
        specs = {s.stem: s for s in render.build_file_figures(lr.open_file(path))}
        self.assertEqual(set(specs), set(SWEEP_FIGURES))
        # Targets: (2 targets + joint) x 2 values of the third axis, each with 2 lines.
        panels = [ax for ax in specs["sweep_target_probabilities"].figure.axes if ax.lines]
        self.assertEqual(len(panels), 6)
        self.assertEqual(len(panels[0].get_lines()), 2 * 2)  # with the counterfactual
        # Net jobs: 2 years x 3 interventions x 2 panels = 12 panels, at the limit.
        panels = [ax for ax in specs["sweep_net_jobs"].figure.axes if ax.lines]
        self.assertEqual(len(panels), render.MAX_SWEEP_PANELS)

    def test_sweep_one_at_a_time(self):
        self.render("oat", write_sweep, SWEEP_FIGURES, **ONE_AT_A_TIME)

    def test_sweep_without_interventions(self):
        self.render("baseline", write_sweep, ["sweep_target_probabilities"],
                    interventions=False, **GRID_1)

    def test_sobol_and_morris(self):
        self.render("sobol", write_sobol, ["sobol_jobs_change_2020", "sobol_all_bcr",
                                           "morris_jobs_change_2020"], "png,svg")

    def test_test_function(self):
        self.render("ishigami", write_sobol, ["sobol_ishigami"], morris=False,
                    test_function=True)

    def test_sensitivity(self):
        self.render("sens", write_sensitivity, ["sensitivity_employment_rate_gap_2020",
                                                "sensitivity_all_bcr"], "png,svg")

    def test_titles_and_marks(self):
        path = self.tmp / "t_grid1.h5"
        write_sweep(path, **GRID_1)
        specs = {s.stem: s for s in render.build_file_figures(lr.open_file(path))}
        title = specs["sweep_target_probabilities"].figure._suptitle.get_text()
        self.assertIn(f"met in {DEADLINE}", title)
        self.assertIn(SCALE, title)
        self.assertIn("without the interventions", title)
        ax = specs["sweep_target_probabilities"].figure.axes[0]
        # Two targets and the joint line, each solid and dashed (counterfactual).
        self.assertEqual(len(ax.get_lines()), 6)
        np.testing.assert_allclose(ax.get_lines()[0].get_ydata(),
                                   lr.sweep_prob_at_deadline(lr.open_file(path), "more_jobs"))
        self.assertEqual(ax.get_xscale(), "symlog")  # 0 .. 50
        self.assertIn("benefit-cost ratio",
                      specs["sweep_bcr"].figure._suptitle.get_text())
        self.assertEqual([a.get_title(loc="left") for a in specs["sweep_net_jobs"].figure.axes
                          if a.get_title(loc="left")], ["In 2020", "In 2024"])

        oat = self.tmp / "t_oat.h5"
        write_sweep(oat, **ONE_AT_A_TIME)
        specs = {s.stem: s for s in render.build_file_figures(lr.open_file(oat))}
        first = specs["sweep_target_probabilities"].figure.axes[0]
        stars = [line for line in first.get_lines() if line.get_marker() == "*"]
        self.assertEqual(len(stars), 3)  # the base point of two targets and the joint
        self.assertEqual(float(stars[0].get_xdata()[0]), 1.0)

        path = self.tmp / "t_ishigami.h5"
        write_sobol(path, morris=False, test_function=True)
        spec, = render.build_file_figures(lr.open_file(path))
        self.assertIn("ishigami test function", spec.figure._suptitle.get_text())
        ax = spec.figure.axes[0]
        self.assertIn("Exact value (test function)",
                      [t.get_text() for t in ax.get_legend().get_texts()])
        diamonds = [line for line in ax.get_lines() if line.get_marker() == "D"]
        self.assertEqual(len(diamonds), 2)
        self.assertEqual([t.get_text() for t in ax.get_yticklabels()], ["x1", "x2", "x3"])

        path = self.tmp / "t_sobol.h5"
        write_sobol(path)
        specs = {s.stem: s for s in render.build_file_figures(lr.open_file(path))}
        ax = specs["sobol_jobs_change_2020"].figure.axes[0]
        ticks = [t.get_text() for t in ax.get_yticklabels()]
        self.assertEqual(ticks[0], "macro_shocks")  # largest ST first
        self.assertIn("(2 parameters)", ticks[2])
        beyond = [t.get_text() for t in ax.texts if "▸" in t.get_text()]
        self.assertEqual(len(beyond), 1)  # macro ST interval reaches 1.7
        self.assertIn("ST 0.80 [0.77, 1.70]", beyond[0])
        morris, legend = specs["morris_jobs_change_2020"].figure.axes[:2]
        labels = [t.get_text() for t in legend.get_legend().get_texts()]
        self.assertTrue(labels[0].startswith("1. macro_shocks"), labels)
        self.assertIn("interventions.support", morris.get_xlabel())  # no effect: named

        path = self.tmp / "t_sens.h5"
        write_sensitivity(path)
        specs = {s.stem: s for s in render.build_file_figures(lr.open_file(path))}
        figure = specs["sensitivity_employment_rate_gap_2020"].figure
        self.assertIn("employment rate gap in 2020 (pp)", figure._suptitle.get_text())
        ax = figure.axes[0]
        self.assertIn("90% interval", ax.get_xlabel())
        self.assertIn("not ranked", ax.get_xlabel())
        self.assertIn("calibration.comparator.gva_per_hour.sigma_pct", ax.get_xlabel())
        self.assertEqual(len(ax.get_yticklabels()), 3)


class RenderErrorTest(TempDir):
    def test_unknown_filetype_exit_2(self):
        path = self.tmp / "unknown.h5"
        write_sobol(path, mutate=lambda h5: h5.attrs.__setitem__("filetype", "lissim-fancy"))
        run = run_render(path, self.tmp / "never")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertTrue(run.stderr.startswith(f"render.py: error: {path}: "), run.stderr)
        self.assertIn("filetype is 'lissim-fancy'", run.stderr)
        self.assertFalse((self.tmp / "never").exists())

    def test_wrong_major_version_and_damaged_files_exit_2(self):
        cases = {
            "v3_sweep": (write_sweep, dict(format_version=(3, 1), **GRID_1), "major versions 1 to 2"),
            "bad_sobol": (write_sobol, dict(mutate=lambda h5: h5["sobol/all:bcr"].__delitem__(
                "ST")), "ST"),
            "bad_sens": (write_sensitivity, dict(mutate=lambda h5: h5.__delitem__(
                "sensitivity/factors")), "/sensitivity/factors"),
        }
        for name, (writer, kwargs, reason) in cases.items():
            with self.subTest(case=name):
                path = self.tmp / f"{name}.h5"
                writer(path, **kwargs)
                code, stdout, stderr = render_in_process(path, self.tmp / "never")
                self.assertEqual(code, 2, stderr)
                self.assertIn(reason, stderr)
                self.assertEqual(stdout, "")
                self.assertFalse((self.tmp / "never").exists())


class ReportTest(TempDir):
    """report.py adds the figures of sweep, Sobol and sensitivity files given after the
    results file; a report cannot start with one of them."""

    def test_report_with_analysis_files(self):
        sys.path.insert(0, str(HERE))
        import synthetic_results as syn

        results, sweep, sobol, sens = (self.tmp / f"{n}.h5" for n in
                                       ("results", "sweep", "sobol", "sens"))
        syn.write_results(results, interventions=False)  # fewer figures: a quicker test
        write_sweep(sweep, **GRID_1)
        write_sobol(sobol)
        write_sensitivity(sens)
        # Built in this process without the images: these figures are rendered above.
        text = report_text(results, sweep, sobol, sens, figures=False)
        self.assertIn('<section id="sweep">', text)
        self.assertIn('<section id="sensitivity">', text)
        for stem in SWEEP_FIGURES + ["sobol_jobs_change_2020", "morris_jobs_change_2020",
                                     "sensitivity_employment_rate_gap_2020"]:
            self.assertIn(f'id="fig-{stem}"', text)
        self.assertIn("<code>interventions[skills].spend_scale</code>", text)
        run = subprocess.run([sys.executable, str(PLOTS_DIR / "report.py"), str(sweep), "-o",
                              str(self.tmp / "never.html")],
                             capture_output=True, text=True, timeout=300)
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("first file must be a results file", run.stderr)


# ----------------------------------------------------------------- real lissim files


def binary_works():
    if not BINARY.exists():
        return False
    try:
        run = lissim("--version", timeout=30)
    except OSError:
        return False
    return run.returncode == 0


@unittest.skipUnless(binary_works(), "needs a working lissim binary (LISSIM_BINARY)")
class RealFilesTest(TempDir):
    """The figures of files the C++ writers produced: catches drift between the docs,
    the writers and this reader. Few draws, so the whole class takes seconds."""

    def make(self, *args):
        lissim(*args, check=True, timeout=300, cwd=ROOT)

    def check(self, path, kind, expected):
        data = lr.open_file(path)
        self.assertIsInstance(data, kind)
        out = self.tmp / f"{path.stem}_figures"
        code, _stdout, stderr = render_in_process(path, out)
        self.assertEqual(code, 0, stderr)
        self.assertEqual({p.name for p in out.iterdir()}, {f"{s}.png" for s in expected})
        for stem in expected:
            assert_png_not_blank(self, out / f"{stem}.png")
        return data

    def test_sweeps(self):
        linear = self.tmp / "lin.h5"
        self.make("sweep", "tests/data/sweeps/tiny_linear.yaml", "-o", linear, "-q")
        data = self.check(linear, lr.Sweep, SWEEP_FIGURES)
        (panel,) = lr.sweep_layout(data)
        self.assertEqual(len(panel.lines), 3)  # one line per discount rate
        # Net additional jobs are linear in the gross effect per GBP 1m (the sweep's point).
        jobs = lr.sweep_net_effect(data, "skills", data.summary_years[-1])
        line = panel.lines[0]
        np.testing.assert_allclose(jobs[line.points], jobs[line.points][-1] * line.x / line.x[-1],
                                   rtol=1e-9, atol=1e-9)
        scale = ROOT / "scenarios" / "sweeps" / "digital_skills_scale.yaml"
        if scale.exists():
            dss = self.tmp / "dss.h5"
            self.make("sweep", scale, "-o", dss, "--draws", "100", "-q")
            data = self.check(dss, lr.Sweep, SWEEP_FIGURES)
            self.assertEqual(len(lr.sweep_prob_at_deadline(data)), 7)

    def test_sobol_morris_and_test_function(self):
        scenario = "tests/data/tiny_uncertain_interventions.yaml"
        sobol = self.tmp / "s.h5"
        self.make("sobol", scenario, "--base-samples", "32", "--resamples", "100", "-o",
                    sobol, "-q")
        data = lr.open_file(sobol)
        expected = [f"sobol_{render.file_safe(o)}" for o in data.sobol]
        self.assertIn("sobol_all_bcr", expected)
        self.check(sobol, lr.SobolFile, expected)
        morris = self.tmp / "m.h5"
        self.make("sobol", scenario, "--method", "morris", "--trajectories", "6", "-o",
                    morris, "-q")
        data = lr.open_file(morris)
        self.assertTrue(data.morris)
        self.check(morris, lr.SobolFile, [f"morris_{render.file_safe(o)}" for o in data.morris])
        ishigami = self.tmp / "i.h5"
        self.make("sobol", "--test-function", "ishigami", "--base-samples", "1024", "-o",
                    ishigami, "-q")
        data = self.check(ishigami, lr.SobolFile, ["sobol_ishigami"])
        found = data.sobol["ishigami"]
        np.testing.assert_allclose(found.st_exact, [0.5576, 0.4424, 0.2437], atol=1e-4)
        intervals = lr.sobol_intervals(found)
        self.assertTrue(np.all((intervals["ST"][0] <= found.st_exact)
                               & (found.st_exact <= intervals["ST"][1])))

    def test_sensitivity(self):
        run = self.tmp / "r.h5"
        self.make("run", "tests/data/tiny_uncertain.yaml", "--draws", "300", "--keep-draws",
                    "-o", run, "-q")
        sens = self.tmp / "sens.h5"
        self.make("sensitivity", run, "--output", "employment_rate_gap@2020", "-o", sens)
        data = self.check(sens, lr.SensitivityFile, ["sensitivity_employment_rate_gap_2020"])
        found = data.sensitivity["employment_rate_gap@2020"]
        self.assertEqual(len(found.factors), found.prcc.size)
        self.assertEqual(found.attrs["draws_used"] + found.attrs["draws_dropped"], 300)


if __name__ == "__main__":
    unittest.main(verbosity=2)
