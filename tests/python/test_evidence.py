#!/usr/bin/python3
"""The evidence library (seeds/evidence/) is well formed and every number in it has a source.

Checks, per type file: it parses as YAML; its keys follow seeds/evidence/README.md; every numeric
leaf has, on its nearest annotated ancestor mapping, either `source` (ids of sources.yaml, with
`where`) or `estimate: true` with a `reasoning`; distributions use lissim's families with valid
arguments; shares lie in [0, 1]; check ranges are ordered; and the central cost per net local job
implied by the file's own effect sizes and additionality falls inside the range the file states,
and so does its central benefit-cost ratio in each view (GBP 1m spent in one year, the ten years
after it, 3.5%, benefits valued at the default region's base-year GVA per job).
The checker is also run on broken copies, which it must reject.
"""
import math
import os
import sys
import tempfile

import yaml

ROOT = os.environ.get("LISSIM_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
LIBRARY = os.path.join(ROOT, "seeds", "evidence")

INT_TAG = "tag:yaml.org,2002:int"
FLOAT_TAG = "tag:yaml.org,2002:float"
DISTRIBUTIONS = {  # lissim's families and their arguments (sim/config/value_reader.cpp)
    "normal": ("mean", "sd"), "lognormal": ("median", "sd_log"), "uniform": ("min", "max"),
    "triangular": ("min", "mode", "max"), "pert": ("min", "mode", "max"), "beta": ("mean", "sd"),
}
FOUNDATIONS = {"ideas", "people", "infrastructure", "business_environment", "places"}
CHANNEL_KEYS = {
    "jobs": {"gross_per_gbp_m"},
    "productivity": {"gross_gva_gbp_m_a_year_per_gbp_m"},
    "better_jobs": {"gross_moves_per_gbp_m"},
    "activity": {"gross_people_per_gbp_m"},
    "employment": {"starts_per_gbp_m", "sustained_rate", "share_from_inactivity"},
}
OUTCOMES = {"jobs", "gva", "better_jobs", "employment"}
FACTORS = {"leakage", "deadweight", "displacement", "substitution", "multiplier"}
SHARES = FACTORS - {"multiplier"} | {"sustained_rate", "share_from_inactivity"}
META = {"source", "where", "estimate", "reasoning", "derivation", "unit", "note"}


class Problems(list):
    def add(self, path, node, message):
        self.append(f"{path}:{node.start_mark.line + 1}: {message}")


def number(node):
    return float(node.value) if node.tag in (INT_TAG, FLOAT_TAG) else None


def mapping(node):
    """Key -> value node of a YAML mapping node (keys as strings)."""
    return {k.value: v for k, v in node.value} if isinstance(node, yaml.MappingNode) else {}


def check_annotation(path, node, sources, problems):
    """A mapping carrying source/estimate: the annotation itself must be complete."""
    keys = mapping(node)
    if "source" in keys:
        ids = keys["source"]
        ids = [ids] if isinstance(ids, yaml.ScalarNode) else list(ids.value)
        for i in ids:
            if not isinstance(i, yaml.ScalarNode) or i.value not in sources:
                problems.add(path, i, f"source '{getattr(i, 'value', i)}' is not an id of sources.yaml")
        if "where" not in keys or not keys["where"].value:
            problems.add(path, node, "a cited figure needs `where` (table, page or section)")
    if "estimate" in keys:
        if keys["estimate"].value != "true":
            problems.add(path, keys["estimate"], "`estimate` must be true when present")
        if "reasoning" not in keys or not str(keys["reasoning"].value).strip():
            problems.add(path, node, "an estimate needs its `reasoning`")


def walk_numbers(path, node, key_path, annotated, sources, problems):
    """Every numeric leaf must sit under a mapping annotated with source or estimate."""
    if isinstance(node, yaml.MappingNode):
        keys = mapping(node)
        if "source" in keys or "estimate" in keys:
            check_annotation(path, node, sources, problems)
            annotated = True
        for k, v in node.value:
            if k.value in ("where", "reasoning", "derivation", "note", "unit"):
                continue
            walk_numbers(path, v, key_path + [k.value], annotated, sources, problems)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            walk_numbers(path, item, key_path + [str(i)], annotated, sources, problems)
    elif number(node) is not None and not annotated:
        problems.add(path, node, f"{'.'.join(key_path)} = {node.value} has no source and is not marked estimate: true")


def support(path, node, problems):
    """(low, high, central) of a number, a distribution or a {value: ...} quantity."""
    keys = mapping(node)
    if "value" in keys:
        return support(path, keys["value"], problems)
    if number(node) is not None:
        x = number(node)
        return x, x, x
    if "dist" not in keys:
        problems.add(path, node, "expected a number, a distribution or {value: ...}")
        return None
    name = keys["dist"].value
    if name not in DISTRIBUTIONS:
        problems.add(path, node, f"unknown distribution '{name}' (one of {', '.join(DISTRIBUTIONS)})")
        return None
    args = {}
    for a in DISTRIBUTIONS[name]:
        if a not in keys or number(keys[a]) is None:
            problems.add(path, node, f"{name} needs a number for '{a}'")
            return None
        args[a] = number(keys[a])
    lo, hi, centre = -math.inf, math.inf, None
    if name in ("triangular", "pert"):
        if not args["min"] <= args["mode"] <= args["max"] or args["min"] == args["max"]:
            problems.add(path, node, f"{name} needs min <= mode <= max and min < max")
        lo, hi, centre = args["min"], args["max"], args["mode"]
    elif name == "uniform":
        if not args["min"] < args["max"]:
            problems.add(path, node, "uniform needs min < max")
        lo, hi, centre = args["min"], args["max"], (args["min"] + args["max"]) / 2
    elif name == "beta":
        m, s = args["mean"], args["sd"]
        if not (0 < m < 1 and 0 < s < math.sqrt(m * (1 - m))):
            problems.add(path, node, "beta needs 0 < mean < 1 and 0 < sd < sqrt(mean (1 - mean))")
        lo, hi, centre = 0.0, 1.0, m
    elif name == "lognormal":
        if not (args["median"] > 0 and args["sd_log"] > 0):
            problems.add(path, node, "lognormal needs median > 0 and sd_log > 0")
        lo, centre = 0.0, args["median"]
    else:
        if not args["sd"] > 0:
            problems.add(path, node, "normal needs sd > 0")
        centre = args["mean"]
    if "lower" in keys:
        lo = max(lo, number(keys["lower"]))
    if "upper" in keys:
        hi = min(hi, number(keys["upper"]))
    return lo, hi, centre


def check_type(path, sources):
    """Problems of one type file, and its central local cost per net job (or None)."""
    problems = Problems()
    with open(path) as f:
        text = f.read()
    try:
        root = yaml.compose(text)
        yaml.safe_load(text)
    except yaml.YAMLError as e:
        return [f"{path}: not valid YAML: {e}"], None
    if not isinstance(root, yaml.MappingNode):
        return [f"{path}:1: a type file must be a YAML mapping"], None
    top = mapping(root)
    for key in ("schema", "type", "name", "foundation", "channels", "timing", "additionality", "checks"):
        if key not in top:
            problems.add(path, root, f"missing top-level key '{key}'")
    if problems:
        return problems, None
    if top["schema"].value != "lissim-evidence/1":
        problems.add(path, top["schema"], "schema must be lissim-evidence/1")
    stem = os.path.splitext(os.path.basename(path))[0]
    if top["type"].value != stem:
        problems.add(path, top["type"], f"type '{top['type'].value}' must equal the file name '{stem}'")
    if top["foundation"].value not in FOUNDATIONS:
        problems.add(path, top["foundation"], f"foundation must be one of {sorted(FOUNDATIONS)}")
    walk_numbers(path, root, [], False, sources, problems)

    central = {}
    for channel, node in mapping(top["channels"]).items():
        if channel not in CHANNEL_KEYS:
            problems.add(path, node, f"unknown channel '{channel}' (one of {sorted(CHANNEL_KEYS)})")
            continue
        for key, q in mapping(node).items():
            if key in META:
                continue
            if key not in CHANNEL_KEYS[channel]:
                problems.add(path, q, f"channels.{channel}: unknown key '{key}'")
                continue
            s = support(path, q, problems)
            if s and s[0] < 0:
                problems.add(path, q, f"channels.{channel}.{key} may be negative")
            if s and key in SHARES and not (0 <= s[0] and s[1] <= 1):
                problems.add(path, q, f"channels.{channel}.{key} is a share: its support must lie in [0, 1]")
            if s:
                central[f"{channel}.{key}"] = s[2]
    timing = mapping(top["timing"])
    for key in ("lag_years", "ramp_years", "persistence"):
        if key not in timing:
            problems.add(path, top["timing"], f"timing needs '{key}'")
        else:
            s = support(path, timing[key], problems)
            if s and (s[0] < 0 or (key == "persistence" and s[1] > 1)):
                problems.add(path, timing[key], f"timing.{key} out of range")

    chains = {}
    views = mapping(top["additionality"])
    for view in ("local", "national"):
        if view not in views:
            problems.add(path, top["additionality"], f"additionality needs the '{view}' view")
            continue
        for outcome, factors in mapping(views[view]).items():
            if outcome in META:
                continue
            if outcome not in OUTCOMES:
                problems.add(path, factors, f"additionality.{view}: unknown outcome '{outcome}'")
                continue
            values = {}
            for factor, q in mapping(factors).items():
                if factor in META:
                    continue
                if factor not in FACTORS:
                    problems.add(path, q, f"additionality.{view}.{outcome}: unknown factor '{factor}'")
                    continue
                s = support(path, q, problems)
                if not s:
                    continue
                if factor in SHARES and not (0 <= s[0] and s[1] <= 1):
                    problems.add(path, q, f"{view}.{outcome}.{factor} is a share: its support must lie in [0, 1]")
                if factor == "multiplier" and s[0] < 1:
                    problems.add(path, q, f"{view}.{outcome}.multiplier below 1")
                values[factor] = s[2]
            chains[(view, outcome)] = values
    # Net/gross ratio per view and outcome at central values; a factor the national view leaves
    # out (deadweight) is the local one.
    factor_values, chains = chains, {}
    for (view, outcome), values in factor_values.items():
        local = factor_values.get(("local", outcome), {})
        ratio = 1.0
        for factor in FACTORS:
            x = values.get(factor, local.get(factor, 1.0 if factor == "multiplier" else 0.0))
            ratio *= x if factor == "multiplier" else 1 - x
        chains[(view, outcome)] = ratio

    checks = mapping(top["checks"])
    for name, views_node in checks.items():
        for view, rng in mapping(views_node).items():
            r = mapping(rng)
            if number(r.get("min", rng)) is None or number(r.get("max", rng)) is None:
                problems.add(path, rng, f"checks.{name}.{view} needs numeric min and max")
            elif not 0 <= number(r["min"]) < number(r["max"]):
                problems.add(path, rng, f"checks.{name}.{view} needs 0 <= min < max")

    # Central cost per net local job implied by the file: 1e6 / net local jobs per GBP 1m.
    net = 0.0
    if "jobs.gross_per_gbp_m" in central and ("local", "jobs") in chains:
        net += central["jobs.gross_per_gbp_m"] * chains[("local", "jobs")]
    if "employment.starts_per_gbp_m" in central and ("local", "employment") in chains:
        net += (central["employment.starts_per_gbp_m"] * central["employment.sustained_rate"]
                * chains[("local", "employment")])
    cost = 1e6 / net if net > 0 else None
    if not problems:
        central_bcr_in_range(path, top, central, chains, problems)
    rng = mapping(mapping(checks.get("cost_per_net_job_gbp", yaml.MappingNode("", []))).get(
        "local", yaml.MappingNode("", [])))
    if cost is not None and rng:
        lo, hi = number(rng["min"]), number(rng["max"])
        if not lo <= cost <= hi:
            problems.add(path, top["checks"], f"central cost per net local job GBP {cost:,.0f} "
                         f"is outside the file's own range GBP {lo:,.0f}-{hi:,.0f}")
    return problems, cost


GVA_PER_ENTRY_JOB_GBP_M = 0.030  # a year, work taken by programme participants (docs/evidence.md, E)


def gva_per_job_gbp_m():
    """Base-year GVA per job of the default region (GBP m a year), from its seed data."""
    with open(os.path.join(ROOT, "seeds", "north_east", "baseline.yaml")) as f:
        sectors = yaml.safe_load(f)["sectors"]
    gva = sum(s["jobs"] * s["hours_per_job"] * s["gva_per_hour"] for s in sectors)
    return gva / sum(s["jobs"] for s in sectors) / 1e6


def central_bcr_in_range(path, top, central, chains, problems):
    """Central BCR of GBP 1m spent in one year, appraised over the ten years after it at 3.5%,
    must lie inside the file's own checks.bcr range in each view (docs/evidence.md, hand check)."""
    timing = {k: support(path, v, Problems())[2] for k, v in mapping(top["timing"]).items()
              if k in ("lag_years", "ramp_years", "persistence")}
    per_job = gva_per_job_gbp_m()
    for view in ("local", "national"):
        def chain(outcome):
            own, local = chains.get((view, outcome)), chains.get(("local", outcome))
            return own if own is not None else local
        benefit = 0.0
        if "jobs.gross_per_gbp_m" in central:
            benefit += central["jobs.gross_per_gbp_m"] * chain("jobs") * per_job
        if "productivity.gross_gva_gbp_m_a_year_per_gbp_m" in central:
            benefit += central["productivity.gross_gva_gbp_m_a_year_per_gbp_m"] * chain("gva")
        if "employment.starts_per_gbp_m" in central:
            benefit += (central["employment.starts_per_gbp_m"] * central["employment.sustained_rate"]
                        * chain("employment") * GVA_PER_ENTRY_JOB_GBP_M)
        pv = 0.0
        for year in range(1, 11):
            ramp = min(max((year - timing["lag_years"] + 1) / (timing["ramp_years"] + 1), 0.0), 1.0)
            pv += ramp * timing["persistence"] ** max(0.0, year - timing["lag_years"]) * benefit / 1.035 ** year
        rng = mapping(mapping(mapping(top["checks"]).get("bcr", yaml.MappingNode("", []))).get(
            view, yaml.MappingNode("", [])))
        if rng and not number(rng["min"]) <= pv <= number(rng["max"]):
            problems.add(path, top["checks"], f"central {view} BCR {pv:.2f} is outside the file's own "
                         f"range {number(rng['min'])}-{number(rng['max'])}")


def check_sources(path):
    problems = Problems()
    root = yaml.compose(open(path).read())
    for key, entry in mapping(root).items():
        e = mapping(entry)
        for field in ("title", "publisher", "year"):
            if field not in e or not e[field].value:
                problems.add(path, entry, f"source '{key}' needs '{field}'")
        if "year" in e and not (number(e["year"]) and 1900 <= number(e["year"]) <= 2100):
            problems.add(path, e["year"], f"source '{key}': year must be a number")
    return problems, set(mapping(root))


def check_library(directory):
    problems, sources = check_sources(os.path.join(directory, "sources.yaml"))
    costs = {}
    for name in sorted(os.listdir(directory)):
        if name.endswith(".yaml") and name != "sources.yaml":
            p, cost = check_type(os.path.join(directory, name), sources)
            problems += p
            costs[name[:-5]] = cost
    return problems, costs


def broken_copy_is_rejected(directory, edit, expected):
    """Copy the library, apply `edit` to business_support.yaml, expect a problem containing `expected`."""
    with tempfile.TemporaryDirectory() as tmp:
        for name in os.listdir(directory):
            with open(os.path.join(directory, name)) as src, open(os.path.join(tmp, name), "w") as dst:
                text = src.read()
                dst.write(edit(text) if name == "business_support.yaml" else text)
        problems, _ = check_library(tmp)
    found = [p for p in problems if expected in p]
    if not found:
        print(f"FAIL: a broken copy was not rejected (expected '{expected}'); got {problems}")
    return bool(found)


def main():
    problems, costs = check_library(LIBRARY)
    required = {"business_support", "innovation_rd", "access_to_finance", "employment_support",
                "apprenticeships_skills", "digital_adoption", "broadband_digital_infrastructure",
                "inward_investment", "site_property"}
    missing = required - set(costs)
    if missing:
        problems.append(f"{LIBRARY}: missing evidence types {sorted(missing)}")
    for p in problems:
        print(p)
    for name, cost in sorted(costs.items()):
        print(f"{name}: central cost per net local job " + ("n/a" if cost is None else f"GBP {cost:,.0f}"))

    ok = not problems
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t.replace(
        '    source: [nao_rgf_2012]\n    where: "Summary and press release, 14 May 2012: GBP 1.4bn / 41,000 jobs"\n', ""),
        "has no source")
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t.replace("source: [pwc_rda_2009]", "source: [no_such_id]"),
                                  "is not an id of sources.yaml")
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t.replace("mean: 0.40, sd: 0.10", "mean: 1.40, sd: 0.10", 1),
                                  "beta needs")
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t.replace("min: 10, mode: 30, max: 60", "min: 1, mode: 2, max: 3"),
                                  "outside the file's own range")
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t.replace("leakage: {dist: beta, mean: 0.10, sd: 0.05}",
                                                               "leakage: {dist: uniform, min: 0.5, max: 1.5}"),
                                  "is a share")
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t.replace("      min: 1.0\n      max: 4.5\n", "      min: 1.0\n      max: 1.5\n"),
                                  "central local BCR")
    ok &= broken_copy_is_rejected(LIBRARY, lambda t: t + "\n: [\n", "not valid YAML")
    print("evidence library OK" if ok else "evidence library FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
