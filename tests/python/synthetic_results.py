"""Synthetic lissim results files for the plotting and report tests.

Written with h5py following docs/results.md, including its "With interventions" section,
with small N and values chosen so every quantity the plots extract is known in closed
form. The C++ binary is not used: these files pin the plotting side of the contract.

    write_results(path)                          # a run with two interventions and `all`
    write_results(path, interventions=False)     # a baseline run (counterfactual hard link)
    write_results(path, sensitivity=True)        # plus /sensitivity and /sobol (their files' layout)
    write_results(path, sensitivity=True)        # plus /sensitivity and /sobol (assumed layout)
    write_results(path, model_v2=True)           # plus P(judged met), /history and met bits

The module-level constants are the known values the tests compare against.
"""

import h5py
import numpy as np

BASE_YEAR = 2014
DEADLINE = 2024
HORIZON = 2030
YEARS = np.arange(BASE_YEAR, HORIZON + 1, dtype=np.int32)
T = (YEARS - BASE_YEAR).astype(float)  # years since the base year
LEVELS = np.array([0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95])
PERCENTS = (5, 10, 25, 50, 75, 90, 95)
# Quantile row k sits OFFSETS[k] spreads from the median; the spread widens with time.
OFFSETS = dict(zip(PERCENTS, (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0, 3.0)))
N_DRAWS = 12
SEED = 20140401

# name -> (units, intercept, slope per year, spread): quantile p in year t is
#     intercept + slope * t + OFFSETS[p] * spread * (1 + t)
INDICATORS = {
    "jobs": ("persons", 1_000_000.0, 10_000.0, 2_000.0),
    "jobs_change": ("persons", 0.0, 10_000.0, 2_000.0),
    "employment_rate": ("%", 68.0, 0.3, 0.2),
    "employment_rate_gap": ("pp", 4.0, -0.3, 0.2),
    "activity_rate_gap": ("pp", 3.0, -0.15, 0.2),
    "private_density_gap": ("jobs per working-age resident", 0.08, -0.002, 0.002),
    "productivity_gap": ("% of comparator GVA per hour", 12.0, -0.4, 0.3),
    "better_jobs_share_of_growth": ("%", 55.0, 1.0, 3.0),
}
HEADLINE = ("jobs_change", "employment_rate_gap", "activity_rate_gap", "private_density_gap",
            "productivity_gap", "better_jobs_share_of_growth")
# Without interventions these grow more slowly; the others are unchanged.
COUNTERFACTUAL_SLOPE = {"jobs_change": 8_000.0, "jobs": 8_000.0, "productivity_gap": -0.3}
UNDEFINED_IN_BASE_YEAR = {"better_jobs_share_of_growth"}

# Effect (scenario minus counterfactual, draw by draw) quantile p in year t:
#     slope * t + |slope| * t * EFFECT_OFFSETS[p]
EFFECT_SLOPE = {name: 0.0 for name in HEADLINE}
EFFECT_SLOPE.update({"jobs_change": 2_000.0, "productivity_gap": -0.1})
EFFECT_OFFSETS = dict(zip(PERCENTS, (-0.6, -0.4, -0.2, 0.0, 0.2, 0.4, 0.6)))

# id -> (indicator, rule, threshold, P(met) slope per year)
TARGETS = {
    "more_jobs": ("jobs_change", "at_least", 100_000.0, 0.06),
    "better_jobs": ("better_jobs_share_of_growth", "share_of_growth_at_least", 70.0, 0.04),
    "employment_rate_gap": ("employment_rate_gap", "at_most", 0.0, 0.03),
    "activity_rate_gap": ("activity_rate_gap", "reduce_by", 0.5, 0.05),
    "private_density_gap": ("private_density_gap", "reduce_by", 0.5, 0.045),
    "productivity_gap": ("productivity_gap", "reduce_by", 0.5, 0.02),
}

# Interventions. Net additional jobs (local) median in year t: JOBS_SLOPE * max(0, t - 5),
# 5-95% band +-40% of it; national = NATIONAL_SHARE of local. GVA = GVA_PER_JOB * jobs.
INTERVENTIONS = {
    "digital_skills": {"name": "Digital skills and adoption", "foundation": "people",
                       "channels": ["jobs", "better_jobs"], "jobs_slope": 300.0,
                       "spend": {2020: 2.0, 2021: 3.0, 2022: 3.0}},
    "innovation_grants": {"name": "Innovation grants", "foundation": "ideas",
                          "channels": ["jobs", "productivity"], "jobs_slope": 500.0,
                          "spend": {2019: 5.0, 2020: 5.0}},
}
NATIONAL_SHARE = 0.4
GVA_PER_JOB = 0.05  # GBP m a year per net job
BAND_SPREAD = dict(zip(PERCENTS, (-0.4, -0.3, -0.15, 0.0, 0.15, 0.3, 0.4)))

NAN = float("nan")
# Per-draw BCRs (local view), N_DRAWS each, NaN where undefined; chosen to hit every band
# edge. digital_skills: two draws in each band -> P(band) = 0.2 each over the 10 defined.
BCR = {
    "digital_skills": np.array([0.5, 0.9, 1.0, 1.2, 1.5, 1.8, 2.0, 3.0, 4.0, 6.0, NAN, NAN]),
    "innovation_grants": np.array([0.8, 1.1, 1.3, 1.4, 1.6, 2.5, 2.5, 2.5, 3.5, 5.0, 5.5, 0.2]),
    "all": np.array([1.0, 1.2, 1.4, 1.6, 1.7, 1.9, 2.1, 2.4, 2.6, 3.0, 4.5, NAN]),
}
# Known summaries of those draws (over the defined ones).
BCR_BAND_PROBABILITY = {
    "digital_skills": np.array([2, 2, 2, 2, 2]) / 10.0,
    "innovation_grants": np.array([2, 3, 1, 4, 2]) / 12.0,
    "all": np.array([0, 3, 3, 4, 1]) / 11.0,
}
BCR_MEDIAN = {"digital_skills": 1.65, "innovation_grants": 2.05, "all": 1.9}
PROB_BCR_AT_LEAST_1 = {"digital_skills": 0.8, "innovation_grants": 10.0 / 12.0, "all": 1.0}
COST_PV = {"digital_skills": 7.5, "innovation_grants": 9.0, "all": 16.5}  # GBP m, every draw
# Cost per net job, GBP m per job: cost / (peak jobs of draw d), peak = 100 d (d = 0 .. N-1),
# so draw 0 (no net jobs) is NaN.
PEAK_JOBS = 100.0 * np.arange(N_DRAWS)

# Sensitivity and Sobol indices (the layout of docs/sensitivity.md).
FACTORS = ["calibration.national_cycle.recession_probability",
           "calibration.labour_market.migration_response",
           "interventions.digital_skills.channels.jobs.gross_per_gbp_m",
           "calibration.productivity.drift", "calibration.sectors.digital.growth"]
PRCC = {"jobs_change_2024": np.array([-0.62, 0.35, 0.10, 0.48, -0.05]),
        "productivity_gap_2024": np.array([0.20, -0.10, -0.02, -0.70, 0.31])}
SOBOL_S1 = {"jobs_change_2024": np.array([0.40, 0.12, 0.02, 0.25, 0.01])}
SOBOL_ST = {"jobs_change_2024": np.array([0.48, 0.15, 0.03, 0.30, 0.02])}


# Model v2 additions (docs/results.md): P(judged met on published figures) = JUDGED_SCALE x
# P(met); the published history of filled jobs and the employment rate (region and
# comparator) over HISTORY_YEARS, so that jobs change and the employment-rate gap follow
# expected_history (intercept + slope t for t < 0, NaN in HISTORY_GAP_YEAR); per-draw met
# flags at the deadline, packed 8 to a byte.
JUDGED_SCALE = 0.9
HISTORY_YEARS = np.arange(BASE_YEAR - 5, BASE_YEAR + 1, dtype=np.int32)
HISTORY_GAP_YEAR = BASE_YEAR - 3
MET_FLAGS = np.array([1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0], dtype=bool)
MET_FLAGS_COUNTERFACTUAL = np.array([1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0], dtype=bool)
# Paired difference of those flags: mean 3/12, sd (n - 1) sqrt(2.25 / 11), se = sd / sqrt(12).
MET_FLAGS_DIFFERENCE = 0.25
MET_FLAGS_DIFFERENCE_SE = float(np.sqrt(2.25 / 11.0) / np.sqrt(12.0))


def expected_history(name):
    _units, intercept, slope, _spread = INDICATORS[name]
    values = intercept + slope * (HISTORY_YEARS - BASE_YEAR).astype(float)
    values[list(HISTORY_YEARS).index(HISTORY_GAP_YEAR)] = np.nan
    return values


# ------------------------------------------------------------------------ closed forms


def expected_quantile(name, percent, group="scenario", counterfactual_slope=None):
    """Quantile `percent` of an indicator in every year; counterfactual_slope: the slopes that
    differ without the interventions (default COUNTERFACTUAL_SLOPE)."""
    _units, intercept, slope, spread = INDICATORS[name]
    if group == "counterfactual":
        slope = (COUNTERFACTUAL_SLOPE if counterfactual_slope is None else counterfactual_slope).get(name, slope)
    values = intercept + slope * T + OFFSETS[percent] * spread * (1 + T)
    values = values.astype(float)
    if name in UNDEFINED_IN_BASE_YEAR:
        values[0] = np.nan
    return values


def expected_effect(name, percent):
    slope = EFFECT_SLOPE[name]
    return slope * T + abs(slope) * T * EFFECT_OFFSETS[percent]


def expected_prob(slope, counterfactual=False):
    """P(met in year t) rising linearly from 0; interventions double the slope."""
    scale = 0.5 if counterfactual else 1.0
    return np.clip(scale * slope * T, 0.0, 1.0)


def expected_joint(counterfactual=False):
    return np.min([expected_prob(t[3], counterfactual) for t in TARGETS.values()], axis=0) * 0.5


def in_year(series, year):
    return float(series[list(YEARS).index(year)])


def jobs_slope(iid):
    if iid == "all":
        return sum(spec["jobs_slope"] for spec in INTERVENTIONS.values())
    return INTERVENTIONS[iid]["jobs_slope"]


def expected_net_jobs(iid, percent, view="local"):
    median = jobs_slope(iid) * np.maximum(0.0, T - 5.0)
    if view == "national":
        median = median * NATIONAL_SHARE
    return median * (1.0 + BAND_SPREAD[percent])


def spend_by_year(iid):
    if iid == "all":
        return sum(spend_by_year(i) for i in INTERVENTIONS)
    spend = np.zeros(YEARS.size)
    for year, amount in INTERVENTIONS[iid]["spend"].items():
        spend[list(YEARS).index(year)] = amount
    return spend


def expected_cost_per_net_job(iid):
    with np.errstate(divide="ignore"):
        values = COST_PV[iid] / PEAK_JOBS
    values[PEAK_JOBS == 0] = np.nan
    return values


# ------------------------------------------------------------------------------ writer


def string_array(values):
    return np.array(values, dtype=h5py.string_dtype())


def described(node, units, description):
    node.attrs["units"] = units
    node.attrs["description"] = description
    return node


def write_results(path, interventions=True, sensitivity=False, filetype="lissim-results",
                  format_version=(1, 0), seed=SEED, draws=N_DRAWS, scenario_name=None,
                  mutate=None, model_v2=False):
    """Write a synthetic results file; mutate(h5) may then change it for error tests."""
    with h5py.File(path, "w") as h5:
        a = h5.attrs
        a["filetype"] = filetype
        a["format_version"] = np.array(format_version, dtype=np.int32)
        a["lissim_version"] = "0.2.0"
        a["git_sha"] = "0123456789abcdef0123456789abcdef01234567"
        a["created_utc"] = "2024-05-01T12:00:00Z"
        a["seed"] = np.int64(seed)
        a["draws"] = np.int64(draws)
        a["rng_scheme"] = "philox4x32-10/fnv1a64-stream/as241-normal v1"
        a["scenario_name"] = scenario_name or (
            "synthetic_interventions" if interventions else "synthetic_baseline")
        a["scenario_description"] = ("Synthetic test scenario <with> \"markup\" & ampersands"
                                     if interventions else "Synthetic baseline")
        a["scenario_file"] = "scenarios/synthetic.yaml"
        a["scenario_yaml"] = scenario_yaml(interventions)
        a["scenario_sha256"] = "0" * 64
        a["base_year"] = np.int64(BASE_YEAR)
        a["horizon"] = np.int64(HORIZON)
        a["deadline"] = np.int64(DEADLINE)
        described(h5.create_dataset("years", data=YEARS), "year", "simulated years")
        described(h5.create_dataset("quantile_levels", data=LEVELS), "1", "quantile levels")
        h5.create_dataset("sectors", data=string_array(["digital", "manufacturing"]))
        for name in INDICATORS:
            write_indicator(h5, "scenario", name)
        if interventions:
            for name in INDICATORS:
                write_indicator(h5, "counterfactual", name)
            for name in HEADLINE:
                write_effect(h5, name)
            for iid in [*INTERVENTIONS, "all"]:
                write_intervention(h5, iid)
        else:
            h5["counterfactual"] = h5["scenario"]  # hard link, as lissim writes it
        for target_id in TARGETS:
            write_target(h5, target_id, interventions)
        write_joint(h5, interventions)
        if model_v2:
            write_model_v2(h5)
        if sensitivity:
            write_sensitivity(h5)
        if mutate is not None:
            mutate(h5)


def scenario_yaml(interventions):
    """The resolved scenario as lissim embeds it, reduced to the lists whose order the readers
    keep: the targets as targets.yaml lists them (TARGETS' order, not alphabetical)."""
    lines = ["name: synthetic", "targets:", "  targets:"]
    lines += [f"    - id: {target_id}" for target_id in TARGETS]
    if interventions:
        lines += ["interventions:"] + [f"  - id: {iid}" for iid in INTERVENTIONS]
    return "\n".join(lines) + "\n"


def write_summary(node, quantiles, units, description):
    q = described(node.create_dataset("quantiles", data=quantiles), units, description)
    q.attrs["dims"] = string_array(["quantile", "year"])
    median = quantiles[PERCENTS.index(50)]
    described(node.create_dataset("mean", data=median), units, f"{description} (mean)")
    described(node.create_dataset("sd", data=np.abs(quantiles[-1] - quantiles[0]) / 3.29),
              units, f"{description} (sd)")


def write_indicator(h5, group, name):
    units = INDICATORS[name][0]
    quantiles = np.stack([expected_quantile(name, p, group) for p in PERCENTS])
    write_summary(h5.create_group(f"{group}/indicators/{name}"), quantiles, units, name)


def write_effect(h5, name):
    units = INDICATORS[name][0]
    quantiles = np.stack([expected_effect(name, p) for p in PERCENTS])
    write_summary(h5.create_group(f"effect/indicators/{name}"), quantiles, units,
                  f"effect of the interventions on {name}")


def write_target(h5, target_id, interventions):
    indicator, rule, threshold, slope = TARGETS[target_id]
    node = h5.create_group(f"targets/{target_id}")
    scenario = expected_prob(slope)
    counterfactual = expected_prob(slope, counterfactual=interventions)
    described(node.create_dataset("prob_met", data=scenario), "1", "P(met), scenario")
    described(node.create_dataset("prob_met_counterfactual", data=counterfactual), "1",
              "P(met), counterfactual")
    node.attrs["description"] = f"synthetic target {target_id} <b>"
    node.attrs["indicator"] = indicator
    node.attrs["rule"] = rule
    node.attrs["threshold"] = threshold
    node.attrs["threshold_units"] = INDICATORS[indicator][0]
    node.attrs["base_year"] = np.int64(BASE_YEAR)
    node.attrs["deadline"] = np.int64(DEADLINE)
    node.attrs["prob_met_at_deadline"] = in_year(scenario, DEADLINE)
    node.attrs["prob_met_counterfactual_at_deadline"] = in_year(counterfactual, DEADLINE)


def write_joint(h5, interventions):
    node = h5.create_group("targets/all")
    scenario = expected_joint()
    counterfactual = expected_joint(counterfactual=interventions)
    described(node.create_dataset("prob_met", data=scenario), "1", "P(all met)")
    described(node.create_dataset("prob_met_counterfactual", data=counterfactual), "1",
              "P(all met), counterfactual")
    node.attrs["description"] = "all targets jointly"
    node.attrs["base_year"] = np.int64(BASE_YEAR)
    node.attrs["deadline"] = np.int64(DEADLINE)
    node.attrs["prob_met_at_deadline"] = in_year(scenario, DEADLINE)
    node.attrs["prob_met_counterfactual_at_deadline"] = in_year(counterfactual, DEADLINE)


def write_model_v2(h5):
    for target_id in TARGETS:
        node = h5[f"targets/{target_id}"]
        judged = JUDGED_SCALE * node["prob_met"][()]
        described(node.create_dataset("prob_judged_met", data=judged), "1",
                  "P(published figures show the target met)")
        for name, flags in (("met_at_deadline_bits", MET_FLAGS),
                            ("met_at_deadline_bits_counterfactual", MET_FLAGS_COUNTERFACTUAL)):
            described(node.create_dataset(name, data=np.packbits(flags, bitorder="little")),
                      "1", "per-draw met flags at the deadline, packed")
    # /history as model v2 writes it (docs/results.md): published series with their own years.
    jobs = INDICATORS["jobs"][1] + expected_history("jobs_change")
    gap = expected_history("employment_rate_gap")
    for sid, region, comparator, units in (
            ("filled_jobs", jobs, np.full(HISTORY_YEARS.size, np.nan), "persons"),
            ("employment_rate", 70.0 - gap, np.full(HISTORY_YEARS.size, 70.0), "%")):
        group = h5.create_group(f"history/{sid}")
        described(group.create_dataset("years", data=HISTORY_YEARS), "year", f"years of {sid}")
        for who, values in (("region", region), ("comparator", comparator),
                            ("uk", np.full(HISTORY_YEARS.size, np.nan))):
            data = described(group.create_dataset(who, data=values), units, f"published {sid}")
            data.attrs["source"] = "synthetic panel"


def write_intervention(h5, iid):
    node = h5.create_group(f"interventions/{iid}")
    spec = INTERVENTIONS.get(iid)
    if spec is not None:
        node.attrs["name"] = spec["name"]
        node.attrs["foundation"] = spec["foundation"]
        node.attrs["source"] = "Illustrative <test> assumptions"
        node.attrs["channels"] = string_array(spec["channels"])
    else:
        node.attrs["name"] = "All interventions"
        node.attrs["channels"] = string_array(["jobs", "better_jobs", "productivity"])
    spend = spend_by_year(iid)
    node.attrs["spend_gbp_m"] = spend
    node.attrs["total_spend_gbp_m"] = float(spend.sum())
    for view, suffix in (("local", ""), ("national", "_national")):
        jobs = np.stack([expected_net_jobs(iid, p, view) for p in PERCENTS])
        write_summary(node.create_group(f"net_additional_jobs{suffix}"), jobs, "persons",
                      f"net additional jobs, {view} view")
        write_summary(node.create_group(f"net_additional_gva{suffix}"), jobs * GVA_PER_JOB,
                      "GBP m a year", f"net additional GVA, {view} view")
    for view, name, scale in (("local", "appraisal", 1.0), ("national", "appraisal_national", 0.5)):
        write_appraisal(node.create_group(name), iid, view, scale)


def write_appraisal(group, iid, view, scale):
    group.attrs["view"] = view
    group.attrs["discount_rate"] = 0.035
    group.attrs["price_base_year"] = np.int64(BASE_YEAR)
    group.attrs["optimism_bias"] = "uniform(0.1, 0.2)"
    group.attrs["appraisal_years"] = np.array([BASE_YEAR + 1, HORIZON], dtype=np.int64)
    bcr = BCR[iid] * scale
    cost = np.full(N_DRAWS, COST_PV[iid])
    benefit = bcr * cost
    data = {
        "cost_pv": (cost, "GBP m"),
        "benefit_pv": (benefit, "GBP m"),
        "npv": (benefit - cost, "GBP m"),
        "bcr": (bcr, "1"),
        "cost_per_net_job": (expected_cost_per_net_job(iid), "GBP m per net job"),
        "cost_per_net_job_year": (expected_cost_per_net_job(iid) / 5.0, "GBP m per net job-year"),
    }
    for name, (values, units) in data.items():
        ds = described(group.create_dataset(name, data=values), units, name)
        defined = values[np.isfinite(values)]
        ds.attrs["mean"] = float(defined.mean()) if defined.size else NAN
        ds.attrs["quantiles"] = (np.quantile(defined, LEVELS) if defined.size
                                 else np.full(7, NAN))
        ds.attrs["defined_fraction"] = defined.size / values.size
    if scale == 1.0:
        probability = BCR_BAND_PROBABILITY[iid]
    else:  # national view: computed here, independently of the reader
        defined = bcr[np.isfinite(bcr)]
        probability = np.array([np.mean(defined < 1.0),
                                np.mean((defined >= 1.0) & (defined < 1.5)),
                                np.mean((defined >= 1.5) & (defined < 2.0)),
                                np.mean((defined >= 2.0) & (defined < 4.0)),
                                np.mean(defined >= 4.0)])
    ds = described(group.create_dataset("vfm_band_probability", data=probability), "1",
                   "P(BCR in value-for-money band)")
    ds.attrs["bands"] = string_array(["poor", "low", "medium", "high", "very high"])
    ds.attrs["bcr_edges"] = np.array([1.0, 1.5, 2.0, 4.0])


def write_sensitivity(h5):
    """/sensitivity and /sobol as `lissim sensitivity -o` and `lissim sobol` write them (docs/sensitivity.md)."""
    h5.create_dataset("sensitivity/factors", data=string_array(FACTORS))
    for output, prcc in PRCC.items():
        node = h5.create_group(f"sensitivity/{output}")
        node.attrs["description"] = output.replace("_2024", " in 2024").replace("_", " ")
        node.create_dataset("prcc", data=prcc)
        node.create_dataset("prcc_low", data=np.clip(prcc - 0.1, -1, 1))
        node.create_dataset("prcc_high", data=np.clip(prcc + 0.1, -1, 1))
    h5.create_dataset("sobol/factors", data=string_array(FACTORS))
    for output in SOBOL_S1:
        node = h5.create_group(f"sobol/{output}")
        node.attrs["description"] = "jobs change in 2024"
        node.create_dataset("S1", data=SOBOL_S1[output])
        node.create_dataset("ST", data=SOBOL_ST[output])
        node.create_dataset("S1_conf", data=np.full(len(FACTORS), 0.03))
        node.create_dataset("ST_conf", data=np.full(len(FACTORS), 0.04))
