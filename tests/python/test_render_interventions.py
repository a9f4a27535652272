"""python/lissim/reader.py and plots/render.py on synthetic files WITH interventions.

The files follow docs/results.md ("With interventions") and, for /sensitivity and /sobol,
the layout plots/README.md assumes; they are built by tests/python/synthetic_results.py
with small N and known values, so the extraction functions are checked exactly and every
figure is checked to be drawn and not blank. The C++ binary is not used.

Run: /usr/bin/python3 tests/python/test_render_interventions.py   (non-zero on failure)
"""

import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
PLOTS_DIR = HERE.parents[1] / "plots"
sys.path.insert(0, str(PLOTS_DIR.parent / "python"))
sys.path.insert(0, str(HERE))
from lissim import reader as lr  # noqa: E402
from figure_checks import (  # noqa: E402
    assert_png_not_blank, assert_svg_has_plot, build_figures, render_some, report_text, run_render,
    save_figure)
from lissim_cli import BINARY, lissim  # noqa: E402
import synthetic_results as syn  # noqa: E402

os.environ.setdefault("MPLBACKEND", "Agg")

IDS = ["digital_skills", "innovation_grants", "all"]
FAN = [f"fan_{name}" for name in syn.HEADLINE]
BASELINE_FIGURES = FAN + ["target_probabilities", "target_probabilities_deadline"]
INTERVENTION_FIGURES = BASELINE_FIGURES + [
    "interventions_net_jobs", "interventions_net_gva", "interventions_bcr",
    "interventions_bcr_national", "interventions_cost_per_job", "effect_against_gap",
    "effect_at_deadline"]
SENSITIVITY_FIGURES = ["sensitivity_jobs_change_2024", "sensitivity_productivity_gap_2024",
                       "sobol_jobs_change_2024"]


class TempDir(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="lissim_render_iv_test_")
        cls.tmp = Path(cls._tmp.name)
        cls.path = cls.tmp / "interventions.h5"
        syn.write_results(cls.path, sensitivity=True)
        cls.baseline_path = cls.tmp / "baseline.h5"
        syn.write_results(cls.baseline_path, interventions=False)

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()


# ------------------------------------------------------------------------ extraction


class ExtractionTest(TempDir):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.results = lr.open_results(cls.path)
        cls.baseline = lr.open_results(cls.baseline_path)

    def intervention(self, iid):
        return self.results.interventions[iid]

    def test_has_interventions(self):
        self.assertTrue(self.results.has_interventions)
        self.assertFalse(self.baseline.has_interventions)
        self.assertEqual(self.baseline.interventions, {})
        self.assertEqual(self.baseline.effect, {})

    def test_baseline_counterfactual_is_the_scenario(self):
        for name in syn.HEADLINE:
            self.assertFalse(lr.counterfactual_differs(
                self.baseline.indicators["scenario"][name],
                self.baseline.indicators["counterfactual"][name]))

    def test_deadline_and_joint_counterfactual(self):
        self.assertEqual(self.results.deadline, syn.DEADLINE)
        np.testing.assert_array_equal(self.results.prob_all_met, syn.expected_joint())
        np.testing.assert_array_equal(self.results.prob_all_met_counterfactual,
                                      syn.expected_joint(counterfactual=True))
        self.assertEqual(lr.prob_all_at_deadline(self.results),
                         syn.in_year(syn.expected_joint(), syn.DEADLINE))
        self.assertEqual(lr.prob_all_at_deadline(self.results, counterfactual=True),
                         syn.in_year(syn.expected_joint(True), syn.DEADLINE))

    def test_target_counterfactual_at_deadline(self):
        for target_id, (_i, _r, _t, slope) in syn.TARGETS.items():
            target = self.results.targets[target_id]
            self.assertEqual(target.prob_met_counterfactual_at_deadline,
                             syn.in_year(syn.expected_prob(slope, True), syn.DEADLINE))
            self.assertEqual(target.threshold_units, syn.INDICATORS[target.indicator][0])

    def test_intervention_ids_all_last(self):
        self.assertEqual(lr.intervention_ids(self.results), IDS)
        self.assertEqual(lr.intervention_ids(self.results, include_all=False), IDS[:2])

    def test_intervention_attributes(self):
        digital = self.intervention("digital_skills")
        self.assertEqual(digital.name, "Digital skills and adoption")
        self.assertEqual(digital.foundation, "people")
        self.assertEqual(digital.channels, ("jobs", "better_jobs"))
        np.testing.assert_array_equal(digital.spend_gbp_m, syn.spend_by_year("digital_skills"))
        self.assertEqual(digital.total_spend_gbp_m, 8.0)
        self.assertEqual(self.intervention("all").total_spend_gbp_m, 18.0)

    def test_net_jobs_bands_known_values(self):
        for iid in IDS:
            for view in ("local", "national"):
                bands = lr.net_bands(self.intervention(iid), "jobs", view)
                np.testing.assert_array_equal(bands["median"],
                                              syn.expected_net_jobs(iid, 50, view))
                for lo, hi in lr.FAN_BANDS:
                    np.testing.assert_array_equal(bands[(lo, hi)][0],
                                                  syn.expected_net_jobs(iid, lo, view))
                    np.testing.assert_array_equal(bands[(lo, hi)][1],
                                                  syn.expected_net_jobs(iid, hi, view))
        # The package's jobs are the sum of the interventions' (here exactly, by design).
        total = sum(lr.net_bands(self.intervention(i))["median"] for i in IDS[:2])
        np.testing.assert_array_equal(lr.net_bands(self.intervention("all"))["median"], total)

    def test_net_gva_bands(self):
        gva = lr.net_bands(self.intervention("innovation_grants"), "gva")
        np.testing.assert_allclose(gva["median"],
                                   syn.expected_net_jobs("innovation_grants", 50) * syn.GVA_PER_JOB)
        self.assertEqual(self.intervention("all").series["net_additional_gva"].units,
                         "GBP m a year")

    def test_bcr_values_drop_nan(self):
        for iid in IDS:
            values = lr.appraisal_values(self.intervention(iid), "bcr")
            expected = syn.BCR[iid][np.isfinite(syn.BCR[iid])]
            np.testing.assert_array_equal(values, expected)
            self.assertFalse(np.isnan(values).any())
        self.assertEqual(lr.appraisal_values(self.intervention("digital_skills"), "bcr").size, 10)
        # The raw per-draw data keep NaN in draw order.
        raw = self.intervention("digital_skills").appraisal["local"].draws["bcr"]
        self.assertEqual(raw.size, syn.N_DRAWS)
        self.assertTrue(np.isnan(raw[-2:]).all())

    def test_finite(self):
        np.testing.assert_array_equal(lr.finite([1.0, np.nan, np.inf, -2.0]), [1.0, -2.0])
        self.assertEqual(lr.finite([np.nan]).size, 0)

    def test_band_probabilities_from_draws_exact(self):
        for iid in IDS:
            computed = lr.bcr_band_probabilities(syn.BCR[iid])
            np.testing.assert_array_equal(computed, syn.BCR_BAND_PROBABILITY[iid])
            self.assertAlmostEqual(float(computed.sum()), 1.0)

    def test_band_edges_are_half_open(self):
        # Exactly on an edge belongs to the band above: 1.0 low, 1.5 medium, 2 high, 4 very high.
        np.testing.assert_array_equal(lr.bcr_band_probabilities([1.0, 1.5, 2.0, 4.0]),
                                      [0.0, 0.25, 0.25, 0.25, 0.25])
        self.assertTrue(np.isnan(lr.bcr_band_probabilities([np.nan, np.nan])).all())

    def test_band_probabilities_from_file(self):
        for iid in IDS:
            np.testing.assert_array_equal(lr.vfm_band_probabilities(self.intervention(iid)),
                                          syn.BCR_BAND_PROBABILITY[iid])
        appraisal = self.intervention("all").appraisal["local"]
        self.assertEqual(appraisal.bands, ("poor", "low", "medium", "high", "very high"))
        np.testing.assert_array_equal(appraisal.bcr_edges, [1.0, 1.5, 2.0, 4.0])
        self.assertEqual(appraisal.attrs["discount_rate"], 0.035)

    def test_band_probabilities_fall_back_to_draws(self):
        path = self.tmp / "no_vfm.h5"
        syn.write_results(path, mutate=lambda h5: h5.__delitem__(
            "interventions/innovation_grants/appraisal/vfm_band_probability"))
        results = lr.open_results(path)
        intervention = results.interventions["innovation_grants"]
        self.assertIsNone(intervention.appraisal["local"].vfm_band_probability)
        np.testing.assert_array_equal(lr.vfm_band_probabilities(intervention),
                                      syn.BCR_BAND_PROBABILITY["innovation_grants"])

    def test_bcr_median_and_probability_at_least_one(self):
        for iid in IDS:
            values = lr.appraisal_values(self.intervention(iid), "bcr")
            self.assertAlmostEqual(float(lr.draw_quantiles(values, (50,))[0]),
                                   syn.BCR_MEDIAN[iid], places=12)
            self.assertEqual(lr.prob_at_least(values, 1.0), syn.PROB_BCR_AT_LEAST_1[iid])

    def test_cost_per_net_job(self):
        intervention = self.intervention("digital_skills")
        values = lr.appraisal_values(intervention, "cost_per_net_job")
        expected = syn.expected_cost_per_net_job("digital_skills")[1:]  # draw 0: no jobs
        np.testing.assert_array_equal(values, expected)
        self.assertEqual(lr.defined_fraction(intervention, "cost_per_net_job"), 11 / 12)
        self.assertEqual(lr.defined_fraction(intervention, "cost_pv"), 1.0)

    def test_appraisal_table(self):
        rows = lr.appraisal_table(self.results)
        self.assertEqual([r["id"] for r in rows], IDS)
        digital = rows[0]
        self.assertEqual(digital["name"], "Digital skills and adoption")
        self.assertEqual(digital["total_spend_gbp_m"], 8.0)
        self.assertAlmostEqual(digital["bcr"][1], 1.65, places=12)
        np.testing.assert_array_equal(digital["cost_pv"], [7.5, 7.5, 7.5])
        self.assertEqual(digital["prob_bcr_at_least_1"], 0.8)
        np.testing.assert_array_equal(digital["vfm_band_probability"], [0.2] * 5)
        self.assertEqual(digital["units"]["cost_per_net_job"], "GBP m per net job")
        national = lr.appraisal_table(self.results, "national")
        self.assertEqual(national[0]["prob_bcr_at_least_1"], 0.4)  # BCRs halved

    def test_effect_quantiles_at_deadline(self):
        for name in syn.HEADLINE:
            got = lr.effect_quantiles_at(self.results, name)
            expected = [syn.in_year(syn.expected_effect(name, p), syn.DEADLINE)
                        for p in lr.QUANTILE_PERCENTS]
            np.testing.assert_array_equal(got, expected)
        jobs = dict(zip(lr.QUANTILE_PERCENTS, lr.effect_quantiles_at(self.results, "jobs_change")))
        self.assertEqual((jobs[5], jobs[50], jobs[95]), (8_000.0, 20_000.0, 32_000.0))
        in_2020 = lr.effect_quantiles_at(self.results, "jobs_change", 2020)
        self.assertEqual(in_2020[lr.QUANTILE_PERCENTS.index(50)], 12_000.0)
        self.assertTrue(np.isnan(lr.effect_quantiles_at(self.results, "jobs_change", 2040)).all())
        self.assertIsNone(lr.effect_quantiles_at(self.results, "gva"))
        self.assertIsNone(lr.effect_quantiles_at(self.baseline, "jobs_change"))

    def test_sensitivity_and_tornado_order(self):
        self.assertEqual(set(self.results.sensitivity), set(syn.PRCC))
        jobs = self.results.sensitivity["jobs_change_2024"]
        self.assertEqual(jobs.factors, tuple(syn.FACTORS))
        np.testing.assert_array_equal(jobs.prcc, syn.PRCC["jobs_change_2024"])
        self.assertEqual(jobs.description, "jobs change in 2024")
        # |PRCC| 0.62, 0.35, 0.10, 0.48, 0.05 -> factors 0, 3, 1, 2, 4
        self.assertEqual(list(lr.tornado_order(jobs)), [0, 3, 1, 2, 4])
        self.assertEqual(list(lr.tornado_order(jobs, top=2)), [0, 3])

    def test_sobol_and_order(self):
        sobol = self.results.sobol["jobs_change_2024"]
        np.testing.assert_array_equal(sobol.s1, syn.SOBOL_S1["jobs_change_2024"])
        np.testing.assert_array_equal(sobol.st_conf, np.full(5, 0.04))
        self.assertEqual(list(lr.sobol_order(sobol)), [0, 3, 1, 2, 4])
        self.assertEqual(self.baseline.sobol, {})
        self.assertEqual(self.baseline.sensitivity, {})

    def test_comparison_table_and_common_random_numbers(self):
        other = self.tmp / "other_seed.h5"
        syn.write_results(other, seed=7)
        files = [self.results, self.baseline, lr.open_results(other)]
        rows = lr.comparison_table(files)
        self.assertEqual([r["id"] for r in rows], list(self.results.targets) + ["all"])
        more_jobs = next(r for r in rows if r["id"] == "more_jobs")
        np.testing.assert_array_equal(more_jobs["scenario"], [0.6, 0.6, 0.6])
        np.testing.assert_array_equal(more_jobs["counterfactual"], [0.3, 0.6, 0.3])
        self.assertEqual(lr.shared_seed_and_draws(files[:2]), (True, True))
        self.assertEqual(lr.shared_seed_and_draws(files), (False, True))

    def test_bad_appraisal_shape_is_a_format_error(self):
        def two_d(h5):
            del h5["interventions/all/appraisal/bcr"]
            h5.create_dataset("interventions/all/appraisal/bcr", data=np.ones((3, 4)))
        path = self.tmp / "bad_bcr.h5"
        syn.write_results(path, mutate=two_d)
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_results(path)
        self.assertIn("appraisal/bcr", str(caught.exception))

    def test_sensitivity_length_mismatch_is_a_format_error(self):
        def short(h5):
            del h5["sensitivity/jobs_change_2024/prcc"]
            h5.create_dataset("sensitivity/jobs_change_2024/prcc", data=np.zeros(3))
        path = self.tmp / "bad_prcc.h5"
        syn.write_results(path, sensitivity=True, mutate=short)
        with self.assertRaises(lr.ResultsFormatError) as caught:
            lr.open_results(path)
        self.assertIn("/sensitivity/jobs_change_2024/prcc", str(caught.exception))


# --------------------------------------------------------------------------- rendering


class RenderTest(TempDir):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.out = cls.tmp / "figures"
        cls.rendered = run_render(cls.path, cls.out, "--format", "png,svg")

    def test_exit_code_zero_and_no_warnings(self):
        self.assertEqual(self.rendered.returncode, 0, self.rendered.stderr)
        self.assertEqual(self.rendered.stderr, "")

    def test_every_expected_figure_written(self):
        expected = {f"{stem}.{fmt}" for stem in INTERVENTION_FIGURES + SENSITIVITY_FIGURES
                    for fmt in ("png", "svg")}
        self.assertEqual({p.name for p in self.out.iterdir()}, expected)
        self.assertEqual(set(self.rendered.stdout.split()), {str(self.out / n) for n in expected})

    def test_png_not_blank(self):
        for stem in INTERVENTION_FIGURES + SENSITIVITY_FIGURES:
            with self.subTest(figure=stem):
                assert_png_not_blank(self, self.out / f"{stem}.png")

    def test_svg_has_plotted_paths(self):
        for stem in INTERVENTION_FIGURES + SENSITIVITY_FIGURES:
            with self.subTest(figure=stem):
                assert_svg_has_plot(self, self.out / f"{stem}.svg")

    def test_svg_titles_say_what_is_shown(self):
        # Text is drawn as glyph paths; the figure's text is kept as SVG comments/ids only
        # in part, so check the matplotlib titles through the figure objects instead.
        sys.path.insert(0, str(PLOTS_DIR))
        import render

        results = lr.open_results(self.path)
        specs = {s.stem: s for s in render.build_figures(results)}
        fan = specs["fan_jobs_change"].figure.axes[0]
        # The title states the message: P(more_jobs met in 2024) = 0.06 x 10 = 60%, 30%
        # without the interventions.
        self.assertTrue(fan.get_title(loc="left").startswith(
            "60% chance (likely) of +100,000 jobs by 2024 with the interventions; 30% without"),
            fan.get_title(loc="left"))
        self.assertIn("equal-tailed", fan.get_title(loc="left"))
        labels = fan.get_legend().get_texts()
        texts = [t.get_text() for t in labels]
        self.assertIn("Counterfactual (no interventions): median", texts)
        self.assertIn("With interventions: median", texts)
        self.assertIn("Target: +100,000 jobs, ≥ 100,000 in 2024", texts)
        # The target is a marker at its deadline, not a line across the years.
        marker = [line for line in fan.get_lines()
                  if line.get_label() == "Target: +100,000 jobs, ≥ 100,000 in 2024"][0]
        self.assertEqual(list(marker.get_xdata()), [2024])
        self.assertEqual(list(marker.get_ydata()), [100_000.0])
        self.assertEqual(fan.get_xlabel(), "Year")
        self.assertIn("persons", fan.get_ylabel())
        bcr = specs["interventions_bcr"].figure.axes[0]
        self.assertIn("Benefit-cost ratio", specs["interventions_bcr"].figure._suptitle.get_text())
        band_texts = [t.get_text() for t in bcr.texts]
        self.assertEqual(band_texts.count("20%"), 5)  # digital_skills: 20% in each band
        ticks = [t.get_text() for t in bcr.get_yticklabels()]
        self.assertIn("P(BCR ≥ 1) = 0.80", ticks[0])
        effect = specs["effect_at_deadline"].figure
        self.assertIn(f"in {syn.DEADLINE}", effect._suptitle.get_text())

    def test_deterministic_svg(self):
        again = self.tmp / "again"
        stems = ("interventions_bcr", "effect_at_deadline", "fan_jobs_change")
        render_some(self.path, again, "png,svg", stems)  # same options, same bytes
        for stem in stems:
            self.assertEqual((self.out / f"{stem}.svg").read_bytes(),
                             (again / f"{stem}.svg").read_bytes(), stem)

    # The variants below build render.py's figures in this process (build_figures) and save
    # only those they check: every figure type is rendered once, above.

    def test_baseline_file_draws_only_baseline_figures(self):
        specs, warnings = build_figures(self.baseline_path)
        self.assertEqual(warnings, "")
        self.assertEqual(list(specs), BASELINE_FIGURES)

    def test_interventions_without_effect_group_warn_and_render(self):
        path = self.tmp / "no_effect.h5"
        syn.write_results(path, mutate=lambda h5: h5.__delitem__("effect"))
        specs, warnings = build_figures(path)
        self.assertIn("effect_at_deadline not drawn", warnings)
        self.assertIn("interventions_bcr", specs)
        self.assertNotIn("effect_at_deadline", specs)
        self.assertNotIn("effect_against_gap", specs)

    def test_all_nan_bcr_still_renders(self):
        def blank(h5):
            h5["interventions/digital_skills/appraisal/bcr"][...] = np.nan
            h5["interventions/digital_skills/appraisal/cost_per_net_job"][...] = np.nan
        path = self.tmp / "nan_bcr.h5"
        syn.write_results(path, mutate=blank)
        specs, _warnings = build_figures(path)
        for stem in ("interventions_bcr", "interventions_cost_per_job"):
            assert_png_not_blank(self, save_figure(specs[stem], self.tmp / "nan_bcr"))


class RenderErrorTest(TempDir):
    def test_wrong_filetype_exit_2(self):
        path = self.tmp / "other.h5"
        syn.write_results(path, filetype="lissim-sweep")
        run = run_render(path, self.tmp / "never")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("filetype is 'lissim-sweep'", run.stderr)
        self.assertFalse((self.tmp / "never").exists())

    def test_wrong_major_version_exit_2(self):
        path = self.tmp / "v3.h5"
        syn.write_results(path, format_version=(3, 0))
        run = run_render(path, self.tmp / "never")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertIn("major versions 1 to 2", run.stderr)

    def test_damaged_sensitivity_exit_2(self):
        def short(h5):
            del h5["sobol/jobs_change_2024/ST"]
            h5.create_dataset("sobol/jobs_change_2024/ST", data=np.zeros(2))
        path = self.tmp / "bad_sobol.h5"
        syn.write_results(path, sensitivity=True, mutate=short)
        run = run_render(path, self.tmp / "never")
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertTrue(run.stderr.startswith(f"render.py: error: {path}: "), run.stderr)

    def test_unwritable_output_exit_3(self):
        blocker = self.tmp / "a_file"
        blocker.write_text("not a directory\n")
        run = run_render(self.path, blocker / "figures", "--format", "png")
        self.assertEqual(run.returncode, 3, run.stderr)


ROOT = HERE.parents[1]


def scenario_with_interventions():
    """A shipped scenario that funds interventions, or None."""
    for path in sorted((ROOT / "scenarios").glob("*.yaml")):
        if re.search(r"^interventions:", path.read_text(encoding="utf-8"), re.MULTILINE):
            return path
    return None


@unittest.skipUnless(Path(BINARY).exists() and scenario_with_interventions(),
                     "needs the lissim binary (LISSIM_BINARY) and a scenario with interventions")
class RealRunTest(unittest.TestCase):
    """The figures and the report from a file the C++ writer produced: catches any drift
    between docs/results.md, the writer and this reader."""

    def test_render_and_report_a_real_run(self):
        with tempfile.TemporaryDirectory(prefix="lissim_render_real_") as tmp:
            out = Path(tmp) / "run.h5"
            run = lissim("run", scenario_with_interventions(), "-o", out, "--draws", 200, "-q",
                         timeout=600)
            self.assertEqual(run.returncode, 0, run.stderr)
            results = lr.open_results(out)
            self.assertTrue(results.has_interventions)
            self.assertIn("all", results.interventions)
            for iid in lr.intervention_ids(results):
                with self.subTest(intervention=iid):
                    bcr = lr.appraisal_values(results.interventions[iid], "bcr")
                    self.assertFalse(np.isnan(bcr).any())
                    p = lr.vfm_band_probabilities(results.interventions[iid])
                    self.assertAlmostEqual(float(p.sum()), 1.0, places=9)
                    np.testing.assert_allclose(p, lr.bcr_band_probabilities(bcr), atol=1e-12)
            figures = Path(tmp) / "figures"
            rendered = run_render(out, figures, "--format", "png")
            self.assertEqual(rendered.returncode, 0, rendered.stderr)
            self.assertEqual(rendered.stderr, "")
            self.assertEqual({p.name for p in figures.iterdir()},
                             {f"{stem}.png" for stem in INTERVENTION_FIGURES})
            # The report's tables and text on the real file; its figures are those just drawn.
            self.assertIn("<table", report_text(out, figures=False))


if __name__ == "__main__":
    unittest.main(verbosity=2)
