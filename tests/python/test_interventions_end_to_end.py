"""End to end: interventions and common random numbers (docs/interventions.md).

- The counterfactual of a run with interventions is bit-identical to the run without them.
- The order of interventions in the file does not change any dataset.
- Removing an intervention does not change another's draws or its jobs.
- /effect is the draw-by-draw difference of the two paths; appraisal summaries equal numpy's
  over the per-draw datasets; the package's benefit is the sum of the attributed benefits.

Run: /usr/bin/python3 tests/python/test_interventions_end_to_end.py  (LISSIM_BINARY names the binary)
"""

import re
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

from lissim_cli import ROOT, lissim
from lissim_files import datasets, identical
DATA = ROOT / "tests" / "data"
WITH = DATA / "tiny_uncertain_interventions.yaml"
WITHOUT = DATA / "tiny_uncertain.yaml"
DRAWS = 2000
# Root attributes that name the file or time rather than the results.
PROVENANCE = {"created_utc", "scenario_yaml", "scenario_sha256", "scenario_file", "scenario_name"}


def interventions_blocks(text):
    """The scenario text split into its header and its list items under `interventions:`."""
    head, items = text.split("interventions:\n")
    blocks = re.split(r"\n(?=  - id: )", items.strip("\n"))
    return head, blocks


class InterventionsEndToEnd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        tmp = Path(cls.tmp.name)
        cls.baseline = tmp / "baseline.h5"
        cls.with_run = tmp / "with.h5"
        # Samples kept to compare them across runs (readers draw them again otherwise).
        lissim("run", WITHOUT, "-o", cls.baseline, "--draws", DRAWS, "-q", "--keep-samples", check=True)
        lissim("run", WITH, "-o", cls.with_run, "--draws", DRAWS, "--keep-draws", "-q", "--keep-samples", check=True)

        # The same scenario with the interventions in reverse order, and without `support`.
        head, blocks = interventions_blocks(WITH.read_text())
        head = head.replace("seed_data: tiny", f"seed_data: {DATA / 'tiny'}")
        cls.reversed_file = tmp / "reversed.yaml"
        cls.reversed_file.write_text(head + "interventions:\n" + "\n".join(reversed(blocks)) + "\n")
        cls.reversed = tmp / "reversed.h5"
        lissim("run", cls.reversed_file, "-o", cls.reversed, "--draws", DRAWS, "--keep-draws", "-q", "--keep-samples", check=True)
        fewer = [b for b in blocks if not b.startswith("  - id: support")]
        cls.fewer_file = tmp / "fewer.yaml"
        cls.fewer_file.write_text(head + "interventions:\n" + "\n".join(fewer) + "\n")
        cls.fewer = tmp / "fewer.h5"
        lissim("run", cls.fewer_file, "-o", cls.fewer, "--draws", DRAWS, "-q", "--keep-samples", check=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def test_counterfactual_is_the_baseline_bit_for_bit(self):
        base = datasets(self.baseline, "scenario")
        counterfactual = datasets(self.with_run, "counterfactual")
        base = {k: v for k, v in base.items() if not k.endswith("/draws")}
        counterfactual = {k: v for k, v in counterfactual.items() if not k.endswith("/draws")}
        self.assertEqual(sorted(base), sorted(counterfactual))
        for name in base:
            self.assertTrue(identical(base[name], counterfactual[name]), name)
        with h5py.File(self.baseline) as b, h5py.File(self.with_run) as r:
            for target in b["targets"]:
                self.assertTrue(identical(b[f"targets/{target}/prob_met"],
                                          r[f"targets/{target}/prob_met_counterfactual"]), target)
            # Every baseline parameter has the same draws with interventions added.
            names_b = [n.decode() for n in b["parameters/names"][()]]
            names_r = [n.decode() for n in r["parameters/names"][()]]
            for j, name in enumerate(names_b):
                k = names_r.index(name)
                self.assertTrue(identical(b["parameters/samples"][:, j], r["parameters/samples"][:, k]), name)
            self.assertTrue(any(n.startswith("interventions.support.") for n in names_r))

    def test_order_of_interventions_does_not_matter(self):
        a, b = datasets(self.with_run), datasets(self.reversed)
        self.assertEqual(sorted(a), sorted(b))
        for name in a:
            self.assertTrue(identical(a[name], b[name]), name)
        with h5py.File(self.with_run) as fa, h5py.File(self.reversed) as fb:
            for key in set(fa.attrs) - PROVENANCE:
                self.assertTrue(identical(fa.attrs[key], fb.attrs[key]), key)

    def test_removing_an_intervention_keeps_the_others_draws(self):
        with h5py.File(self.with_run) as a, h5py.File(self.fewer) as b:
            names_a = [n.decode() for n in a["parameters/names"][()]]
            names_b = [n.decode() for n in b["parameters/names"][()]]
            self.assertFalse(any(n.startswith("interventions.support.") for n in names_b))
            for j, name in enumerate(names_b):
                k = names_a.index(name)
                self.assertTrue(identical(b["parameters/samples"][:, j], a["parameters/samples"][:, k]), name)
            # Jobs and costs of an intervention do not depend on the others.
            for i in ["adoption", "skills"]:
                for path in ["net_additional_jobs/quantiles", "appraisal/cost_pv"]:
                    self.assertTrue(identical(a[f"interventions/{i}/{path}"], b[f"interventions/{i}/{path}"]),
                                    f"{i}/{path}")

    def test_effect_is_the_draw_by_draw_difference(self):
        with h5py.File(self.with_run) as f:
            levels = f["quantile_levels"][()]
            for name in ["jobs", "gva", "employment_rate_gap", "productivity_gap", "activity_rate"]:
                diff = (f[f"scenario/indicators/{name}/draws"][()]
                        - f[f"counterfactual/indicators/{name}/draws"][()])
                expected = np.quantile(diff, levels, axis=0)
                self.assertTrue(identical(f[f"effect/indicators/{name}/quantiles"][()], expected), name)
            # Before any spend the interventions change nothing.
            self.assertTrue(np.all(f["effect/indicators/jobs/quantiles"][:, :2] == 0.0))
            self.assertGreater(f["effect/indicators/gva/mean"][-1], 0.0)

    def test_appraisal_summaries_and_identities(self):
        with h5py.File(self.with_run) as f:
            levels = f["quantile_levels"][()]
            ids = sorted(k for k in f["interventions"] if k != "all")
            self.assertEqual(ids, ["adoption", "skills", "support"])
            for i in ids + ["all"]:
                for view in ["appraisal", "appraisal_national"]:
                    g = f[f"interventions/{i}/{view}"]
                    cost, benefit = g["cost_pv"][()], g["benefit_pv"][()]
                    self.assertEqual(cost.shape, (DRAWS,))
                    np.testing.assert_array_equal(g["npv"][()], benefit - cost)
                    np.testing.assert_array_equal(g["bcr"][()], benefit / cost)
                    for m in ["cost_pv", "benefit_pv", "npv", "bcr", "cost_per_net_job", "cost_per_net_job_year"]:
                        values = g[m][()]
                        defined = values[~np.isnan(values)]
                        self.assertAlmostEqual(g[m].attrs["defined_fraction"], defined.size / DRAWS)
                        if defined.size:
                            self.assertTrue(identical(g[m].attrs["quantiles"], np.quantile(defined, levels)),
                                            f"{i}/{view}/{m}")
                    bcr = g["bcr"][()]
                    counts = np.array([np.sum(bcr < 1), np.sum((bcr >= 1) & (bcr < 1.5)),
                                       np.sum((bcr >= 1.5) & (bcr < 2)), np.sum((bcr >= 2) & (bcr < 4)),
                                       np.sum(bcr >= 4)]) / DRAWS
                    np.testing.assert_array_equal(g["vfm_band_probability"][()], counts)
            # The package costs the sum of the costs; the Shapley attributions add up.
            for view in ["appraisal", "appraisal_national"]:
                total = sum(f[f"interventions/{i}/{view}/benefit_pv"][()] for i in ids)
                np.testing.assert_allclose(f[f"interventions/all/{view}/benefit_pv"][()], total, rtol=1e-10)
                cost = sum(f[f"interventions/{i}/{view}/cost_pv"][()] for i in ids)
                np.testing.assert_allclose(f[f"interventions/all/{view}/cost_pv"][()], cost, rtol=1e-12)
            # Only `support` creates jobs: the package's jobs are its jobs.
            self.assertTrue(identical(f["interventions/all/net_additional_jobs/quantiles"][()],
                                      f["interventions/support/net_additional_jobs/quantiles"][()]))
            self.assertTrue(np.all(np.isnan(f["interventions/skills/appraisal/cost_per_net_job"][()])))
            # National displacement is higher: fewer national than local jobs.
            self.assertTrue(np.all(f["interventions/support/net_additional_jobs_national/mean"][4:]
                                   < f["interventions/support/net_additional_jobs/mean"][4:]))
            self.assertEqual(f["interventions/adoption"].attrs["foundation"], "ideas")
            self.assertEqual(list(f["interventions/adoption"].attrs["channels"]), ["productivity"])
            self.assertAlmostEqual(f["interventions/all"].attrs["total_spend_gbp_m"], 9.5)
            self.assertNotIn("counterfactual", [k for k in f["scenario"]])  # separate groups
            self.assertFalse(f["counterfactual"] == f["scenario"])


if __name__ == "__main__":
    unittest.main()
