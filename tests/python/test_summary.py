"""The report's first screen: plots/wording.py (yardstick words, number formats),
plots/summary.py (shortfalls, effects against the gap, Monte Carlo standard errors, key
messages) and the report's first section, on synthetic files with known values
(tests/python/synthetic_results.py), with and without the model v2 datasets (P(judged met),
/history, per-draw met flags).

Run: /usr/bin/python3 tests/python/test_summary.py   (non-zero on failure)
"""

import math
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLOTS_DIR = HERE.parents[1] / "plots"
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(PLOTS_DIR))
os.environ.setdefault("MPLBACKEND", "Agg")
import synthetic_results as syn  # noqa: E402
import render  # noqa: E402  (puts the lissim package on the path)
import summary  # noqa: E402
import wording  # noqa: E402
from lissim import reader as lr  # noqa: E402
from figure_checks import report_text  # noqa: E402
import numpy as np  # noqa: E402

YARDSTICK_WORDS = [word for word, _lo, _hi in wording.YARDSTICK]


class WordingTest(unittest.TestCase):
    def test_yardstick_ranges(self):
        for word, low, high in wording.YARDSTICK:
            for p in (low, (low + high) / 2, high):
                self.assertEqual(wording.yardstick_word(p), word, p)

    def test_yardstick_gaps_take_the_nearer_word(self):
        self.assertEqual(wording.yardstick_word(0.07), "remote chance")      # 5 < 7 < 10
        self.assertEqual(wording.yardstick_word(0.08), "highly unlikely")
        self.assertEqual(wording.yardstick_word(0.52), "realistic possibility")  # 50 < 52 < 55
        self.assertEqual(wording.yardstick_word(0.54), "likely")
        self.assertEqual(wording.yardstick_word(0.93), "almost certain")
        # A tie goes to the word nearer 50%.
        self.assertEqual(wording.yardstick_word(0.075), "highly unlikely")
        self.assertEqual(wording.yardstick_word(0.925), "highly likely")
        self.assertEqual(wording.yardstick_word(float("nan")), "")

    def test_percent_never_claims_certainty(self):
        self.assertEqual(wording.percent(0.0), "<1%")
        self.assertEqual(wording.percent(0.004), "<1%")
        self.assertEqual(wording.percent(0.136), "14%")
        self.assertEqual(wording.percent(0.995), ">99%")
        self.assertEqual(wording.percent(1.0), ">99%")
        self.assertEqual(wording.percent(1.0, 1), ">99.9%")
        self.assertEqual(wording.percent(0.1364, 1), "13.6%")
        self.assertEqual(wording.percent_with_word(0.136), "14% (highly unlikely)")

    def test_numbers_without_scientific_notation(self):
        cases = {-2.22e-05: "-0.0000222", 35930.4: "35,930", 4.98: "4.98", 0.0413: "0.0413",
                 123.4: "123", 12.345: "12.3", 0.0: "0", 1e6: "1,000,000", -64487: "-64,487"}
        for value, text in cases.items():
            self.assertEqual(wording.number(value), text, value)
        self.assertEqual(wording.number(46.1, signed=True), "+46.1")
        self.assertEqual(wording.points(0.0021), "+0.2 pp")
        self.assertEqual(wording.points(0.0), "no change")
        self.assertEqual(wording.points(0.0002), "+<0.1 pp")
        self.assertEqual(wording.money_gbp(298415.0), "GBP 298,000")

    def test_target_phrases(self):
        results = lr.open_results(SummaryTest.path_v1)
        phrases = {t.id: wording.target_phrase(t) for t in results.targets.values()}
        self.assertEqual(phrases["more_jobs"], "+100,000 jobs")
        self.assertEqual(phrases["employment_rate_gap"], "employment-rate gap closed")
        self.assertEqual(phrases["productivity_gap"], "productivity gap halved")
        self.assertEqual(phrases["better_jobs"], "better jobs' share of new jobs at least 70%")


class SummaryTest(unittest.TestCase):
    _tmp = tempfile.TemporaryDirectory(prefix="lissim_summary_test_")
    tmp = Path(_tmp.name)
    path_v1 = tmp / "v1.h5"
    path_v2 = tmp / "v2.h5"
    path_base = tmp / "base.h5"
    syn.write_results(path_v1)
    syn.write_results(path_v2, model_v2=True)
    syn.write_results(path_base, interventions=False)

    @classmethod
    def setUpClass(cls):
        cls.v1 = summary.summarise(lr.open_results(cls.path_v1))
        cls.v2 = summary.summarise(lr.open_results(cls.path_v2))
        cls.base = summary.summarise(lr.open_results(cls.path_base))

    def target(self, answer, target_id):
        return next(t for t in answer.targets if t.id == target_id)

    def test_probability_and_standard_error(self):
        jobs = self.target(self.v1, "more_jobs")
        self.assertAlmostEqual(jobs.probability, 0.6)
        self.assertAlmostEqual(jobs.probability_se, math.sqrt(0.6 * 0.4 / syn.N_DRAWS))
        self.assertEqual(jobs.probability_text, "60% (likely)")
        self.assertAlmostEqual(self.v1.all_met, syn.in_year(syn.expected_joint(), syn.DEADLINE))

    def test_shortfall_and_effect_against_the_gap(self):
        # more_jobs: median jobs change in 2024 = 10,000 x 10 = the target; without the
        # package 8,000 x 10 = 80,000, so the gap is 20,000 and the effect (2,000 x 10) is
        # all of it.
        jobs = self.target(self.v1, "more_jobs")
        self.assertAlmostEqual(jobs.shortfall, 0.0)
        self.assertAlmostEqual(jobs.gap_to_close, 20_000.0)
        self.assertAlmostEqual(jobs.effect, 20_000.0)
        self.assertAlmostEqual(jobs.effect_share_of_gap, 1.0)
        # productivity_gap: halve the 2014 median 12 -> 6; median 2024 = 12 - 0.4 x 10 = 8
        # (2 too high); without the package 9 (gap 3); the effect -1 is +1 in the better
        # direction, a third of the gap.
        gap = self.target(self.v1, "productivity_gap")
        self.assertTrue(gap.lower_is_better)
        self.assertAlmostEqual(gap.target_level, 6.0)
        self.assertAlmostEqual(gap.shortfall, 2.0)
        self.assertEqual(gap.shortfall_text, "2 pp of comparator GVA per hour too high")
        self.assertAlmostEqual(gap.gap_to_close, 3.0)
        self.assertAlmostEqual(gap.effect, 1.0)
        self.assertAlmostEqual(gap.effect_share_of_gap, 1.0 / 3.0)

    def test_unpaired_difference_claims_no_standard_error(self):
        jobs = self.target(self.v1, "more_jobs")
        self.assertAlmostEqual(jobs.difference, 0.3)
        self.assertTrue(math.isnan(jobs.difference_se))
        self.assertFalse(jobs.difference_paired)
        self.assertEqual(jobs.difference_text, "+30.0 pp")

    def test_paired_difference_from_met_bits(self):
        jobs = self.target(self.v2, "more_jobs")
        self.assertTrue(jobs.difference_paired)
        self.assertAlmostEqual(jobs.difference, syn.MET_FLAGS_DIFFERENCE)
        self.assertAlmostEqual(jobs.difference_se, syn.MET_FLAGS_DIFFERENCE_SE)
        # 0.25 < 2 x 0.1306: not distinguishable from no change.
        self.assertFalse(summary.distinguishable(jobs.difference, jobs.difference_se))
        self.assertEqual(jobs.difference_text,
                         "+25.0 pp ± 13.1 (not distinguishable from no change)")
        self.assertTrue(summary.distinguishable(0.3, 0.1))
        self.assertIsNone(summary.distinguishable(0.3, float("nan")))

    def test_bits_round_trip(self):
        flags = lr.unpack_met_bits(
            lr.open_results(self.path_v2).targets["more_jobs"].met_bits, syn.N_DRAWS)
        self.assertEqual(flags.tolist(), syn.MET_FLAGS.tolist())

    def test_judged_met_when_present(self):
        jobs = self.target(self.v2, "more_jobs")
        self.assertAlmostEqual(jobs.judged, syn.JUDGED_SCALE * 0.6)
        self.assertEqual(jobs.judged_text, "54% (likely)")  # 54 is nearer 55 than 50
        self.assertTrue(self.v2.has_judged)
        self.assertFalse(self.v1.has_judged)
        self.assertEqual(self.target(self.v1, "more_jobs").judged_text, "not in this file")

    def test_key_messages(self):
        for answer in (self.v1, self.v2, self.base):
            self.assertGreaterEqual(len(answer.messages), 3)
            self.assertLessEqual(len(answer.messages), 5)
        first = self.v1.messages[0]
        self.assertIn("the most likely to be met by 2024 is \u201csynthetic target more_jobs <b>\u201d "
                      "at 60% (likely)", first)
        self.assertIn("the least likely is \u201csynthetic target productivity_gap <b>\u201d at 20% "
                      "(highly unlikely)", first)
        self.assertTrue(any("moves \u201csynthetic target more_jobs <b>\u201d by +30.0 pp" in m
                            for m in self.v1.messages), self.v1.messages)
        self.assertTrue(any(m.startswith("Value for money of the package (local view): BCR 1.9")
                            and "P(BCR ≥ 1) >99%" in m for m in self.v1.messages),
                        self.v1.messages)
        self.assertFalse(any("package" in m for m in self.base.messages))

    def test_value_for_money_views(self):
        rows = {v.id: v for v in self.v1.value_for_money}
        self.assertEqual(list(rows), ["digital_skills", "innovation_grants", "all"])
        self.assertTrue(rows["digital_skills"].text("local").startswith(
            "BCR 1.65 [0.68 to 5.1], medium value for money, P(BCR ≥ 1) 80%"))
        self.assertIn("UK", "UK view")  # the column name; the national view's text:
        self.assertTrue(rows["all"].text("national").startswith("BCR 0.95"))

    def test_history_read_and_drawn(self):
        results = lr.open_results(self.path_v2)
        # Derived from the published series as lissim derives the indicators: jobs change
        # from filled jobs at the base year, the gap as comparator minus region.
        history = results.history["jobs_change"]
        self.assertEqual(history.years.tolist(), syn.HISTORY_YEARS.tolist())
        self.assertEqual(history.source, "synthetic panel")
        np.testing.assert_allclose(history.values, syn.expected_history("jobs_change"),
                                   rtol=0, atol=1e-9)
        np.testing.assert_allclose(results.history["employment_rate_gap"].values,
                                   syn.expected_history("employment_rate_gap"), rtol=0, atol=1e-12)
        self.assertEqual(results.history["employment_rate_gap"].units, "pp")
        self.assertNotIn("productivity_gap", results.history)  # no GVA-per-hour series
        fig = render.fan_chart(results, "jobs_change")
        ax = fig.axes[0]
        line = next(l for l in ax.get_lines() if l.get_label().startswith("Actual (published figures), to 2014"))
        expected_years = [y for y in syn.HISTORY_YEARS if y != syn.HISTORY_GAP_YEAR]
        self.assertEqual(list(line.get_xdata()), expected_years)
        self.assertLessEqual(ax.get_xlim()[0], syn.HISTORY_YEARS[0])
        self.assertEqual(lr.open_results(self.path_v1).history, {})

    def test_gap_charts_say_lower_is_better(self):
        results = lr.open_results(self.path_v1)
        for name in ("employment_rate_gap", "productivity_gap", "jobs_change"):
            texts = [t.get_text() for t in render.fan_chart(results, name).axes[0].texts]
            self.assertEqual(any("lower is better" in t for t in texts), name.endswith("_gap"),
                             name)


class FirstScreenTest(unittest.TestCase):
    """The report opens with the answer: every target's description, a percentage and a
    yardstick word; run metadata only after it."""

    def report(self, path):
        """report.py's HTML, built in this process without its figures (test_report draws them):
        these tests read the text."""
        return report_text(path, figures=False)

    def check_first_section(self, text):
        first = re.search(r"<section id=\"([a-z]+)\">(.*?)</section>", text, re.S)
        self.assertEqual(first.group(1), "summary")
        body = first.group(2)
        for target_id in syn.TARGETS:
            row = re.search(r"<tr><th scope=\"row\">synthetic target " + target_id
                            + r" &lt;b&gt;.*?</tr>", body, re.S)
            self.assertIsNotNone(row, target_id)
            cells = row.group(0)
            self.assertRegex(cells, r"(&lt;|&gt;)?\d+%")
            self.assertTrue(any(f">{w}<" in cells for w in YARDSTICK_WORDS), cells)
        for metadata in ("SHA-256", "Random number scheme", "0123456789abcdef", "philox"):
            self.assertNotIn(metadata, body)
        appendix = text.index('<section id="appendix">')
        self.assertGreater(appendix, text.index('<section id="summary">'))
        self.assertIn("Random number scheme", text[appendix:])
        return body

    def test_first_section_with_interventions(self):
        body = self.check_first_section(self.report(SummaryTest.path_v1))
        self.assertIn("Key messages", body)
        self.assertIn("Local view (the LEP area)", body)
        self.assertIn("UK view", body)
        self.assertIn("not in this file", body)  # no P(judged met) in a model v1 file
        self.assertIn("100% of 20,000 jobs", body)

    def test_first_section_model_v2(self):
        text = self.report(SummaryTest.path_v2)
        body = self.check_first_section(text)
        self.assertIn("Judged met on published figures", body)
        self.assertIn("± 13.1 (not distinguishable from no change)", body)
        self.assertNotIn("not in this file", body)
        self.assertIn("actual history up to the base year", text)

    def test_first_section_baseline(self):
        body = self.check_first_section(self.report(SummaryTest.path_base))
        self.assertNotIn("Without the package", body)


if __name__ == "__main__":
    unittest.main(verbosity=2)
