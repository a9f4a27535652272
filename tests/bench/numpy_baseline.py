#!/usr/bin/python3
"""A plain vectorised NumPy implementation of a lissim scenario without interventions
(model v2, docs/model.md), for the side-by-side benchmark of docs/performance.md.

It is what a competent analyst would write in a notebook: parameters and shocks for a chunk
of draws at once (arrays of draws x sectors, a loop over years only), every series-year held
in memory, exact numpy.quantile at lissim's levels, mean and sd (n - 1), P(met) and
P(judged met), written to HDF5 with lissim's dataset names and compression. It reads the
scenario and its seed folder (baseline.yaml, calibration.yaml, targets.yaml, merged with the
scenario's overrides as lissim merges them), so nothing of the North East is written here.

The random numbers are NumPy's (PCG64, ziggurat normals), not lissim's Philox streams, so
results agree with lissim's in distribution, not bit for bit (tests/bench/numpy_agreement.py
compares them; tests/python/test_numpy_baseline.py checks the zero-uncertainty limit, where
both are deterministic, series by series).

    /usr/bin/python3 tests/bench/numpy_baseline.py scenarios/north_east_baseline.yaml \
        --draws 100000 -o numpy.h5 [--seed 1] [--chunk 20000] [--keep-samples] [--force]

Simplifications against lissim (none changes the model's distribution): no interventions
(exit 2 if the scenario has any); no /history, /scenario or /draws datasets (the file's bulk
is the per-draw datasets, which are written); parameter draws use NumPy's generators of the
same families (truncated ones by inverse CDF); the transitory part of a differential draws
its shocks only where its sd is positive.
"""

import argparse
import math
import os
import sys
import time
import warnings

import h5py
import numpy as np
import scipy.stats
import yaml

QUANTILE_LEVELS = np.array([0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95])
INDICATORS = [
    "jobs", "jobs_change", "employment_rate", "activity_rate", "private_density", "gva_per_hour",
    "better_jobs", "better_jobs_share_of_growth", "working_age_population", "gva",
    "comparator_employment_rate", "comparator_activity_rate", "comparator_private_density",
    "comparator_gva_per_hour", "employment_rate_gap", "activity_rate_gap", "private_density_gap",
    "productivity_gap",
]
# Differentials in lissim's order (docs/model.md, "Random numbers").
DIFFERENTIALS = [("region", "jobs", "_pct"), ("region", "gva_per_hour", "_pct"),
                 ("comparator", "jobs", "_pct"), ("comparator", "gva_per_hour", "_pct"),
                 ("comparator", "employment_rate", "_pp"), ("comparator", "activity_rate", "_pp")]


class InputError(Exception):
    pass


# ----------------------------------------------------------------------------- scenario


def deep_merge(seed, override):
    """lissim's merge of a scenario section into its seed file: maps merge key by key, anything
    else (numbers, lists, distributions given whole) replaces."""
    if not isinstance(seed, dict) or not isinstance(override, dict) or "dist" in override:
        return override
    out = dict(seed)
    for key, value in override.items():
        out[key] = deep_merge(seed.get(key), value) if key in seed else value
    return out


def load_scenario(path):
    with open(path) as f:
        scenario = yaml.safe_load(f)
    if scenario.get("interventions"):
        raise InputError(f"{path}: interventions are not implemented by the NumPy baseline")
    seed_dir = os.path.join(os.path.dirname(os.path.abspath(path)), scenario["seed_data"])
    for section in ("baseline", "calibration", "targets"):
        with open(os.path.join(seed_dir, section + ".yaml")) as f:
            seed = yaml.safe_load(f)
        scenario[section] = deep_merge(seed, scenario.get(section) or {})
    scenario.setdefault("horizon", 2030)
    scenario.setdefault("draws", 10000)
    scenario.setdefault("seed", 1)
    return scenario


def by_year(rates, years, scale):
    """A {year: value} step function at every year: the latest listed at or before it, the first
    listed before that."""
    listed = sorted((int(y), float(v)) for y, v in rates.items())
    out = []
    for year in years:
        value = listed[0][1]
        for y, v in listed:
            if y <= year:
                value = v
        out.append(value * scale)
    return np.array(out)


def unit_scale(key):
    return 0.01 if key.endswith("_pct") or key.endswith("_pp") else 1.0


# ----------------------------------------------------------------------------- parameters


class ParameterSampler:
    """Draws a chunk's parameters: a number is used as written, a distribution is sampled once
    per draw (file units recorded for /parameters/samples, model units returned)."""

    def __init__(self, rng, draws):
        self.rng = rng
        self.draws = draws
        self.names, self.descriptions, self.units, self.samples = [], [], [], []

    def __call__(self, name, node):
        scale = unit_scale(name)
        if not isinstance(node, dict):
            return float(node) * scale
        values = self.sample(node)
        self.names.append("calibration." + name)
        self.descriptions.append(describe(node))
        self.units.append("pp" if name.endswith("_pct") or name.endswith("_pp") else "1")
        self.samples.append(values)
        return values * scale

    def frozen(self, d):
        kind = d["dist"]
        if kind == "normal":
            return scipy.stats.norm(d["mean"], d["sd"])
        if kind == "lognormal":
            return scipy.stats.lognorm(d["sd_log"], scale=d["median"])
        if kind == "uniform":
            return scipy.stats.uniform(d["min"], d["max"] - d["min"])
        if kind == "triangular":
            width = d["max"] - d["min"]
            return scipy.stats.triang((d["mode"] - d["min"]) / width, d["min"], width)
        a, b, low, width = beta_shape(d)
        return scipy.stats.beta(a, b, low, width)

    def sample(self, d):
        n, rng, kind = self.draws, self.rng, d["dist"]
        if "lower" in d or "upper" in d:  # condition on the interval: inverse CDF of a uniform in it
            dist = self.frozen(d)
            lo, hi = dist.cdf(d.get("lower", -np.inf)), dist.cdf(d.get("upper", np.inf))
            return dist.ppf(rng.uniform(lo, hi, n))
        if kind == "normal":
            return rng.normal(d["mean"], d["sd"], n)
        if kind == "lognormal":
            return d["median"] * np.exp(d["sd_log"] * rng.standard_normal(n))
        if kind == "uniform":
            return rng.uniform(d["min"], d["max"], n)
        if kind == "triangular":
            return rng.triangular(d["min"], d["mode"], d["max"], n)
        a, b, low, width = beta_shape(d)
        return low + width * rng.beta(a, b, n)


def beta_shape(d):
    """Beta(mean, sd) on (0, 1) by moments; Beta-PERT(min, mode, max) with lambda 4."""
    if d["dist"] == "beta":
        common = d["mean"] * (1 - d["mean"]) / d["sd"] ** 2 - 1
        return d["mean"] * common, (1 - d["mean"]) * common, 0.0, 1.0
    width = d["max"] - d["min"]
    return 1 + 4 * (d["mode"] - d["min"]) / width, 1 + 4 * (d["max"] - d["mode"]) / width, d["min"], width


def describe(d):
    args = ", ".join(f"{k}={v}" for k, v in d.items() if k not in ("dist", "lower", "upper"))
    text = f"{d['dist']}({args})"
    if "lower" in d or "upper" in d:
        text += f" in [{d.get('lower', '-inf')}, {d.get('upper', 'inf')}]"
    return text


def cholesky(node, sectors):
    if "equicorrelation" in node:
        r = float(node["equicorrelation"])
        matrix = np.full((sectors, sectors), r)
        np.fill_diagonal(matrix, 1.0)
    else:
        matrix = np.array(node["matrix"], dtype=float)
    return np.linalg.cholesky(matrix)


def draw_parameters(sc, sector_ids, sample):
    """Every parameter of a chunk in model units: scalars or arrays of shape (draws,) or
    (draws, sectors)."""
    cal = sc["calibration"]
    p = {}
    for key in ("persistence", "sd_pct", "recession_probability", "recession_depth_median_pct",
                "recession_depth_sd_log"):
        p["cycle." + key] = sample("national_cycle." + key, cal["national_cycle"][key])
    for key, value in cal["national"].items():
        if key not in ("central_path", "source"):
            p["national." + key] = sample("national." + key, value)
    for block, series, suffix in DIFFERENTIALS:
        node = cal[block][series]
        for key in ("sigma", "tau", "past_growth", "transitory_sd"):
            p[f"{block}.{series}.{key}"] = sample(f"{block}.{series}.{key}{suffix}", node[key + suffix])
        for key in ("kappa", "transitory_rho", "cycle_sensitivity"):
            p[f"{block}.{series}.{key}"] = sample(f"{block}.{series}.{key}", node[key])
    for key in ("jobs_correlation", "gva_per_hour_correlation"):
        p["comparator." + key] = sample("comparator." + key, cal["comparator"][key])
    for key in ("jobs_share_trend_pct", "jobs_share_sd_pct", "relative_productivity_trend_pct",
                "relative_productivity_sd_pct", "better_jobs_trend_pp", "better_jobs_sd_pp"):
        columns = []
        for sid in sector_ids:
            own = (cal.get("sectors") or {}).get(sid) or {}
            node = own[key] if key in own else cal["sector_defaults"][key]
            columns.append(sample(f"sectors.{sid}.{key}", node))
        p["sector." + key] = np.column_stack(np.broadcast_arrays(*columns)) if any(
            np.ndim(c) for c in columns) else np.array(columns)
    for key, value in cal["labour_market"].items():
        if key != "source":
            p["labour." + key] = sample("labour_market." + key, value)
    return p


# ----------------------------------------------------------------------------- model


class Model:
    """The scenario's fixed data (baseline, paths, targets) and one chunk's simulation."""

    def __init__(self, sc):
        b = sc["baseline"]
        self.base_year = int(b["base_year"])
        self.horizon = int(sc["horizon"])
        self.years = np.arange(self.base_year, self.horizon + 1)
        self.deadline = int(sc["targets"]["deadline"])
        sectors = b["sectors"]
        self.sector_ids = [s["id"] for s in sectors]
        self.jobs0 = np.array([s["jobs"] for s in sectors], dtype=float)
        self.q0_s = np.array([s["gva_per_hour"] for s in sectors], dtype=float)
        self.hours = np.array([s["hours_per_job"] for s in sectors], dtype=float)
        self.private = np.array([s["private_share"] for s in sectors], dtype=float)
        self.better0 = np.array([s["better_jobs_share"] for s in sectors], dtype=float)
        self.q0 = self.q0_s @ (self.jobs0 * self.hours) / (self.jobs0 @ self.hours)
        rb, cb = b["region_baseline"], b["comparator_baseline"]
        self.population0 = float(rb["working_age_population"])
        self.e0 = rb["employment_rate_pct"] / 100
        self.a0 = rb["activity_rate_pct"] / 100
        self.comparator0 = {"e": cb["employment_rate_pct"] / 100, "a": cb["activity_rate_pct"] / 100,
                            "density": float(cb["private_density"]), "q": float(cb["gva_per_hour"])}
        later = self.years[1:]
        cal = sc["calibration"]
        path = cal["national"]["central_path"]
        self.path = {k: by_year(path[k], later, 0.01) for k in
                     ("jobs_growth_pct", "gva_per_hour_growth_pct", "employment_rate_change_pp",
                      "activity_rate_change_pp")}
        self.population_growth = by_year(b["population_projection"]["growth_pct"], later, 0.01)
        self.comparator_population_growth = by_year(cal["comparator"]["population_growth_pct"], later, 0.01)
        self.chol_jobs = cholesky(cal["correlation"]["jobs"], len(sectors))
        self.chol_productivity = cholesky(cal["correlation"]["productivity"], len(sectors))
        self.targets = [self.read_target(t) for t in sc["targets"]["targets"]]

    def read_target(self, t):
        pub = t.get("published") or {"noise": "none"}
        noise = pub.get("noise", "none")
        target = {"id": t["id"], "indicator": t.get("indicator"), "rule": t["rule"],
                  "threshold": float(t["threshold"]), "numerator": t.get("numerator"),
                  "denominator": t.get("denominator"), "noise": noise, "sd": 0.0, "drift_sd": 0.0,
                  "a": float(pub.get("autocorrelation", 0))}
        if noise == "additive":
            target["sd"] = float(pub["noise_sd"])
        elif noise == "relative":
            target["sd"] = pub["noise_sd_pct"] / 100
            target["drift_sd"] = pub["drift_sd_pct"] / 100
        return target

    def simulate(self, p, rng, n, out, rows):
        """Simulates n draws with parameters p and writes every series-year into out[...][rows]."""
        S, T = len(self.sector_ids), len(self.years)
        z = Shocks(rng)
        diff = {}
        for block, series, _ in DIFFERENTIALS:
            k = f"{block}.{series}"
            rho, s_tr = p[k + ".transitory_rho"], p[k + ".transitory_sd"]
            c0 = s_tr / np.sqrt(1 - rho * rho) * z.normal(n) if np.any(s_tr) else np.zeros(n)
            diff[k] = {"drift": p[k + ".kappa"] * p[k + ".past_growth"] + p[k + ".tau"] * z.normal(n),
                       "perm": np.zeros(n), "c": c0, "c0": c0}
        jobs_drift = p["national.jobs_trend_sd_pct"] * z.normal(n)
        productivity_drift = p["national.gva_per_hour_trend_sd_pct"] * z.normal(n)
        noise_base = [t["sd"] * z.normal(n) for t in self.targets]
        noise_now = [nb.copy() for nb in noise_base]
        noise_drift = [np.zeros(n) for _ in self.targets]

        # State at the base year.
        x = np.zeros(n); x_mean = np.zeros(n)
        err = {k: np.zeros(n) for k in ("L", "q", "E", "A")}
        nat = {k: np.zeros(n) for k in ("L", "q", "E", "A")}
        cum_path = {k: 0.0 for k in self.path}
        comparator_population = 0.0
        log_shares = np.tile(np.log(self.jobs0 / self.jobs0.sum()), (n, 1))
        log_relative = np.tile(np.log(self.q0_s / self.q0), (n, 1))
        jobs = np.tile(self.jobs0, (n, 1))
        q_s = np.tile(self.q0_s, (n, 1))
        better = np.tile(self.better0, (n, 1))
        log_total = np.full(n, np.log(self.jobs0.sum()))
        log_p = np.full(n, np.log(self.population0))
        log_w = np.full(n, np.log(self.e0 * self.population0))
        e = np.full(n, self.e0)
        a = np.full(n, self.a0)
        xc = np.zeros(n)  # the centred cycle
        base_values = None

        def departure(k):  # a differential's departure from the nation: zero in the base year
            d = diff[k]
            return d["perm"] + d["c"] - d["c0"] + p[k + ".cycle_sensitivity"] * xc

        for ti in range(T):
            if ti > 0:
                y = ti - 1
                # National block: level cycle centred on its mean, central path, errors.
                recession = z.uniform(n) < p["cycle.recession_probability"]
                depth = p["cycle.recession_depth_median_pct"] * np.exp(p["cycle.recession_depth_sd_log"] * z.normal(n))
                x = p["cycle.persistence"] * x + p["cycle.sd_pct"] * z.normal(n) - recession * depth
                x_mean = p["cycle.persistence"] * x_mean - p["cycle.recession_probability"] * \
                    p["cycle.recession_depth_median_pct"] * np.exp(0.5 * p["cycle.recession_depth_sd_log"] ** 2)
                xc = x - x_mean
                err["L"] = err["L"] + jobs_drift + p["national.jobs_permanent_sd_pct"] * z.normal(n)
                err["q"] = err["q"] + productivity_drift + p["national.gva_per_hour_permanent_sd_pct"] * z.normal(n)
                err["E"] = err["E"] + p["national.employment_rate_permanent_sd_pp"] * z.normal(n)
                err["A"] = err["A"] + p["national.activity_rate_permanent_sd_pp"] * z.normal(n)
                for k in cum_path:
                    cum_path[k] += self.path[k][y]
                comparator_population += self.comparator_population_growth[y]
                L = cum_path["jobs_growth_pct"] + p["national.jobs_cycle_elasticity"] * xc + err["L"]
                jobs_growth = L - nat["L"]
                E = cum_path["employment_rate_change_pp"] + p["national.employment_rate_cycle_elasticity"] * xc + err["E"]
                A = cum_path["activity_rate_change_pp"] + p["national.activity_rate_cycle_elasticity"] * xc + err["A"]
                dE, dA = E - nat["E"], A - nat["A"]
                nat = {"L": L, "E": E, "A": A,
                       "q": cum_path["gva_per_hour_growth_pct"] + p["national.gva_per_hour_cycle_elasticity"] * xc + err["q"]}

                # Differentials; the comparator's jobs and GVA-per-hour steps contain the region's.
                steps = z.normal((n, len(DIFFERENTIALS)))
                for i, (block, series, _) in enumerate(DIFFERENTIALS):
                    k = f"{block}.{series}"
                    u = steps[:, i]
                    if block == "comparator" and series in ("jobs", "gva_per_hour"):
                        c = p[f"comparator.{series}_correlation"]
                        u = c * steps[:, 0 if series == "jobs" else 1] + np.sqrt(1 - c * c) * u
                    d = diff[k]
                    d["perm"] = d["perm"] + d["drift"] + p[k + ".sigma"] * u
                    if np.any(p[k + ".transitory_sd"]):
                        d["c"] = p[k + ".transitory_rho"] * d["c"] + p[k + ".transitory_sd"] * z.normal(n)

                # Region's totals, then sectors' shares and relative productivity.
                total0 = np.exp(np.log(self.jobs0.sum()) + nat["L"] + departure("region.jobs"))
                productivity0 = np.exp(np.log(self.q0) + nat["q"] + departure("region.gva_per_hour"))
                log_shares += p["sector.jobs_share_trend_pct"] + p["sector.jobs_share_sd_pct"] * \
                    (z.normal((n, S)) @ self.chol_jobs.T)
                log_relative += p["sector.relative_productivity_trend_pct"] + \
                    p["sector.relative_productivity_sd_pct"] * (z.normal((n, S)) @ self.chol_productivity.T)
                weights = np.exp(log_shares)
                jobs = weights * (total0 / weights.sum(axis=1))[:, None]
                relative = np.exp(log_relative)
                mean_relative = (relative * jobs) @ self.hours / (jobs @ self.hours)
                q_s = relative * (productivity0 / mean_relative)[:, None]
                better = np.clip(better + p["sector.better_jobs_trend_pp"] + p["sector.better_jobs_sd_pp"] *
                                 z.normal((n, S)), 0.0, 1.0)

                # Labour block: population, residents in work, activity.
                new_log_total = np.log(jobs.sum(axis=1))
                differential_growth = new_log_total - log_total - jobs_growth
                log_total = new_log_total
                n_t = self.population_growth[y]
                log_p = log_p + n_t + p["labour.migration_response"] * differential_growth + \
                    p["labour.population_sd_pct"] * z.normal(n)
                log_w = log_w + np.log(1 + dE / e) + n_t + p["labour.resident_share_of_job_growth"] * \
                    differential_growth + p["labour.residents_in_work_sd_pct"] * z.normal(n)
                e_previous = e
                e = np.exp(log_w - log_p)
                a = a + p["labour.inactive_share_of_new_employment"] * (e - e_previous - dE) + dA + \
                    p["labour.activity_trend_pp"] + p["labour.activity_sd_pp"] * z.normal(n)
                a = np.maximum(a, e + p["labour.min_unemployment_pct"])

                # Published-series noise.
                for i, t in enumerate(self.targets):
                    if t["sd"]:
                        noise_now[i] = t["a"] * noise_now[i] + math.sqrt(1 - t["a"] ** 2) * t["sd"] * z.normal(n)
                    if t["drift_sd"]:
                        noise_drift[i] = noise_drift[i] + t["drift_sd"] * z.normal(n)

            # Comparator and indicators.
            comparator_e = self.comparator0["e"] + nat["E"] + departure("comparator.employment_rate")
            comparator_a = self.comparator0["a"] + nat["A"] + departure("comparator.activity_rate")
            comparator_q = np.exp(np.log(self.comparator0["q"]) + nat["q"] + departure("comparator.gva_per_hour"))
            comparator_density = self.comparator0["density"] * np.exp(
                nat["L"] + departure("comparator.jobs") - comparator_population)
            total_jobs = jobs.sum(axis=1)
            hours = jobs @ self.hours
            gva = (q_s * jobs) @ self.hours
            population = np.exp(log_p)
            better_jobs = (better * jobs).sum(axis=1)
            v = {"jobs": total_jobs, "employment_rate": 100 * e, "activity_rate": 100 * a,
                 "private_density": jobs @ self.private / population, "gva_per_hour": gva / hours,
                 "better_jobs": better_jobs, "working_age_population": population, "gva": gva / 1e6,
                 "comparator_employment_rate": 100 * comparator_e, "comparator_activity_rate": 100 * comparator_a,
                 "comparator_private_density": comparator_density, "comparator_gva_per_hour": comparator_q}
            if ti == 0:
                base_values = v
            v["jobs_change"] = total_jobs - base_values["jobs"]
            growth = v["jobs_change"]
            with np.errstate(divide="ignore", invalid="ignore"):
                v["better_jobs_share_of_growth"] = np.where(
                    growth > 0, 100 * (better_jobs - base_values["better_jobs"]) / growth, np.nan)
            v["employment_rate_gap"] = 100 * (comparator_e - e)
            v["activity_rate_gap"] = 100 * (comparator_a - a)
            v["private_density_gap"] = comparator_density - v["private_density"]
            v["productivity_gap"] = 100 * (1 - v["gva_per_hour"] / comparator_q)
            for name in INDICATORS:
                out["indicators"][name][rows, ti] = v[name]
            out["sector_jobs"][rows, ti] = jobs
            out["sector_gva_per_hour"][rows, ti] = q_s
            met_all = np.ones(n, bool); judged_all = np.ones(n, bool)
            for i, t in enumerate(self.targets):
                met, judged = judge(t, v, base_values, noise_base[i], noise_now[i], noise_drift[i])
                out["met"][t["id"]][rows, ti] = met
                out["judged"][t["id"]][rows, ti] = judged
                met_all &= met; judged_all &= judged
            out["met"]["all"][rows, ti] = met_all
            out["judged"]["all"][rows, ti] = judged_all


def rule_met(t, x, x_base):
    if t["rule"] == "at_least":
        return x >= t["threshold"]
    if t["rule"] == "at_most":
        return x <= t["threshold"]
    return x <= (1 - t["threshold"]) * x_base  # reduce_by


def share_met(t, numerator_growth, growth):
    with np.errstate(divide="ignore", invalid="ignore"):
        return (growth > 0) & (100 * numerator_growth / growth >= t["threshold"])


def judge(t, now, base, nb, nn, nd):
    """(met, judged met) of docs/model.md sections 10-11: the rule on true values and on
    published values."""
    if t["rule"] == "share_of_growth_at_least":
        d = now[t["denominator"]]
        growth = d - base[t["denominator"]]
        numerator_growth = now[t["numerator"]] - base[t["numerator"]]
        return (share_met(t, numerator_growth - nb * growth / 100, growth),
                share_met(t, numerator_growth + (nn - nb) * d / 100, growth))
    x, x_base = now[t["indicator"]], base[t["indicator"]]
    if t["noise"] != "relative":  # additive (or none: sd zero)
        return rule_met(t, x - nb, x_base - nb), rule_met(t, x + nn - nb, x_base)
    level, level_base = now["jobs"], base["jobs"]
    shift = np.exp(-nb)
    published = level * np.exp(nd + nn - nb)
    if t["indicator"] == "jobs":
        return rule_met(t, level * shift, level_base * shift), rule_met(t, published, level_base)
    zero = np.zeros_like(level)
    return rule_met(t, (level - level_base) * shift, zero), rule_met(t, published - level_base, zero)


class Shocks:
    """Standard normals and uniforms from NumPy's generator."""

    def __init__(self, rng):
        self.normal = rng.standard_normal
        self.uniform = rng.random


# ----------------------------------------------------------------------------- statistics and file


def summarise(values):
    """Exact type-7 quantiles, mean and sd (n - 1) over the draws (axis 0); NaN (undefined)
    values are left out, as lissim does for the better-jobs share of growth."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        if np.isnan(values).any():
            return (np.nanquantile(values, QUANTILE_LEVELS, axis=0), np.nanmean(values, axis=0),
                    np.nanstd(values, axis=0, ddof=1), np.mean(~np.isnan(values), axis=0))
        return np.quantile(values, QUANTILE_LEVELS, axis=0), values.mean(axis=0), values.std(axis=0, ddof=1), None


def per_draw(group, name, data, chunk_rows):
    """lissim's per-draw datasets: chunked by 4,096 draws, shuffled, deflate level 4."""
    chunks = (min(len(data), chunk_rows),) + data.shape[1:]
    group.create_dataset(name, data=data, chunks=chunks, shuffle=True, compression="gzip", compression_opts=4)


def write_results(path, model, sc, draws, seed, out, sampler_names, samples):
    tmp = path + ".part"
    with h5py.File(tmp, "w") as f:
        f.attrs.update({"filetype": "numpy-baseline-results", "draws": draws, "seed": seed,
                        "base_year": model.base_year, "horizon": model.horizon, "deadline": model.deadline,
                        "scenario_name": sc["name"], "generator": "numpy PCG64 " + np.__version__})
        f["years"] = model.years.astype(np.int32)
        f["quantile_levels"] = QUANTILE_LEVELS
        f["sectors"] = np.array(model.sector_ids, dtype=h5py.string_dtype())
        per_draw(f, "draw_index", np.arange(draws, dtype=np.int64), 4096)
        cf = f.create_group("counterfactual")
        for name in INDICATORS:
            g = cf.create_group("indicators/" + name)
            q, mean, sd, defined = summarise(out["indicators"][name])
            g["quantiles"], g["mean"], g["sd"] = q, mean, sd
            if name == "better_jobs_share_of_growth":
                g["defined_fraction"] = defined if defined is not None else np.ones(len(model.years))
        for series, key in (("jobs", "sector_jobs"), ("gva_per_hour", "sector_gva_per_hour")):
            g = cf.create_group("sectors/" + series)
            g["quantiles"], g["mean"], g["sd"], _ = summarise(out[key])
        deadline = model.deadline - model.base_year
        bits_len = (draws + 7) // 8
        per_draw(f, "draw_byte_index", np.arange(bits_len, dtype=np.int64), 4096)
        for tid in [t["id"] for t in model.targets] + ["all"]:
            g = f.create_group("targets/" + tid)
            for suffix in ("", "_counterfactual"):  # no interventions: the counterfactual is the scenario
                g["prob_met" + suffix] = out["met"][tid].mean(axis=0)
                g["prob_judged_met" + suffix] = out["judged"][tid].mean(axis=0)
                bits = np.packbits(out["met"][tid][:, deadline], bitorder="little")
                g.create_dataset("met_at_deadline_bits" + suffix, data=bits, chunks=(min(bits_len, 1 << 20),),
                                 compression="gzip", compression_opts=4)
        if samples is not None:
            p = f.create_group("parameters")
            p["names"] = np.array(sampler_names[0], dtype=h5py.string_dtype())
            p["distributions"] = np.array(sampler_names[1], dtype=h5py.string_dtype())
            p["units"] = np.array(sampler_names[2], dtype=h5py.string_dtype())
            per_draw(p, "samples", samples, 4096)
    os.replace(tmp, path)


# ----------------------------------------------------------------------------- main


def run(args):
    sc = load_scenario(args.scenario)
    draws = int(args.draws or sc["draws"])
    seed = int(args.seed if args.seed is not None else sc["seed"])
    if os.path.exists(args.output) and not args.force:
        raise InputError(f"{args.output} exists; --force to overwrite it")
    model = Model(sc)
    T, S = len(model.years), len(model.sector_ids)
    out = {"indicators": {name: np.empty((draws, T)) for name in INDICATORS},
           "sector_jobs": np.empty((draws, T, S)), "sector_gva_per_hour": np.empty((draws, T, S)),
           "met": {t: np.empty((draws, T), bool) for t in [t["id"] for t in model.targets] + ["all"]},
           "judged": {t: np.empty((draws, T), bool) for t in [t["id"] for t in model.targets] + ["all"]}}
    rng = np.random.default_rng(seed)
    sample_chunks, names = [], None
    for first in range(0, draws, args.chunk):
        n = min(args.chunk, draws - first)
        sampler = ParameterSampler(rng, n)
        p = draw_parameters(sc, model.sector_ids, sampler)
        model.simulate(p, rng, n, out, slice(first, first + n))
        names = (sampler.names, sampler.descriptions, sampler.units)
        if sampler.samples and args.keep_samples:
            sample_chunks.append(np.column_stack(sampler.samples))
    samples = np.concatenate(sample_chunks) if sample_chunks else None
    write_results(args.output, model, sc, draws, seed, out, names, samples)
    return draws * S * (T - 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("scenario")
    parser.add_argument("-o", "--output", required=True)
    parser.add_argument("--draws", type=int)
    parser.add_argument("--seed", type=int)
    parser.add_argument("--chunk", type=int, default=20000, help="draws simulated at once (memory of the working arrays)")
    parser.add_argument("--keep-samples", action="store_true", help="write /parameters/samples (as lissim run --keep-samples)")
    parser.add_argument("--force", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()
    start = time.perf_counter()
    try:
        work = run(args)
    except (InputError, OSError, KeyError) as e:
        print(f"numpy_baseline: {e}", file=sys.stderr)
        return 2
    seconds = time.perf_counter() - start
    if not args.quiet:
        print(f"{args.output}: {work:.3g} draw-sector-years in {seconds:.2f} s ({work / seconds:.3g} a second)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
