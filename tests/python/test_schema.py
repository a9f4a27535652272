"""The JSON Schema of scenario files (scenarios/schema.json): it is a valid draft 2020-12
schema; every shipped scenario and the seed data (as overrides) validate; hand-written invalid
scenarios are rejected with the error at the expected key path; and, when LISSIM_BINARY is set,
the loader (`lissim validate`) agrees: it accepts the shipped scenarios, rejects the invalid ones
at the same key path, and rejects the cases the schema documents it cannot check.

Sweep files (scenarios/sweeps/, docs/sweeps.md) are not scenarios and are not checked here.

Run: /usr/bin/python3 tests/python/test_schema.py  (needs python3-yaml and python3-jsonschema;
prints "SKIP: ..." and exits 77 without them)
"""

import copy
import json
import os
import re
import sys
import tempfile
import unittest
from pathlib import Path

SKIP = 77
try:
    import yaml
    from jsonschema import Draft202012Validator
except ImportError as error:  # ctest treats exit code 77 as skipped
    print(f"SKIP: {error} (Debian: apt-get install python3-yaml python3-jsonschema; "
          "run with /usr/bin/python3)")
    sys.exit(SKIP)

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import ROOT, lissim  # noqa: E402

SCHEMA_FILE = ROOT / "scenarios" / "schema.json"
DATA = ROOT / "tests" / "data"
TINY = DATA / "tiny"

SHIPPED = sorted((ROOT / "scenarios").glob("*.yaml")) + sorted(DATA.glob("tiny_*.yaml"))
SEED_FOLDERS = [ROOT / "seeds" / "north_east", TINY]


# YAML 1.2 core schema, as lissim (yaml-cpp reads numbers from the text) and editors read it:
# PyYAML's YAML 1.1 would make `1e-3` a string, `yes` a boolean and `012` octal.
class Yaml12Loader(yaml.SafeLoader):
    pass


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:int",
                           "tag:yaml.org,2002:float", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}
for tag, pattern, first in [
        ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
        ("tag:yaml.org,2002:int", r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
        ("tag:yaml.org,2002:float",
         r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
         r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$", "-+0123456789.")]:
    Yaml12Loader.add_implicit_resolver(tag, re.compile(pattern), list(first))


def construct_int(loader, node):
    text = loader.construct_scalar(node)
    if text.startswith(("0o", "0x")):
        return int(text, 0)
    return int(text, 10)


Yaml12Loader.add_constructor("tag:yaml.org,2002:int", construct_int)


def load_yaml(path):
    """A YAML file as the JSON document an editor validates (map keys are strings)."""
    with open(path, encoding="utf-8") as f:
        return as_json(yaml.load(f, Loader=Yaml12Loader))


def as_json(document):
    return json.loads(json.dumps(document))


def json_path(path):
    """("interventions", 0, "channels") -> "interventions[0].channels", the loader's key path."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else ("." if text else "") + part
    return text


def nested(outer, inner):
    """Whether key path `inner` is `outer` or below it ("" is the root)."""
    return outer == "" or inner == outer or inner.startswith((outer + ".", outer + "["))


def lissim_validate(path):
    return lissim("validate", path)


with open(SCHEMA_FILE, encoding="utf-8") as f:
    SCHEMA = json.load(f)
VALIDATOR = Draft202012Validator(SCHEMA)


def errors_of(document):
    return sorted(VALIDATOR.iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))


def describe(errors):
    return "\n".join(f"  {json_path(e.absolute_path) or '(root)'}: {e.message}" for e in errors)


# --------------------------------------------------------------------------------------------
# A valid scenario on the tiny test region (sectors alpha and beta, base year 2014), using most
# of the schema: overrides of all three sections, distributions with bounds, both correlation
# forms, an intervention with every optional block and one acting only on activity (no sectors,
# national deadweight left out).

BASE = as_json({
    "name": "schema_case",
    "description": "Schema test scenario",
    "seed_data": str(TINY),
    "horizon": 2024,
    "draws": 8,
    "seed": 7,
    "appraisal": {"discount_rate_pct": 3.5},
    "baseline": {
        "region_baseline": {"employment_rate_pct": 61},
        "population_projection": {"growth_pct": {2016: 0.2}},
    },
    "calibration": {
        "national_cycle": {"sd_pct": 1.0, "persistence": {"dist": "pert", "min": 0.2, "mode": 0.4, "max": 0.6}},
        "national": {"jobs_trend_sd_pct": 0.3, "central_path": {"jobs_growth_pct": {2015: -1.0, 2016: 0.8}}},
        "region": {"jobs": {"tau_pct": {"dist": "uniform", "min": 0, "max": 0.5}}},
        "sector_defaults": {"jobs_share_sd_pct": {"dist": "uniform", "min": 1, "max": 3}},
        "sectors": {"alpha": {"relative_productivity_sd_pct": {"dist": "normal", "mean": 2, "sd": 0.5, "lower": 0},
                              "source": "test"}},
        "correlation": {"jobs": {"matrix": [[1, 0.1], [0.1, 1]]}, "productivity": {"equicorrelation": 0.2}},
        "labour_market": {"migration_response": {"dist": "beta", "mean": 0.2, "sd": 0.05},
                          "inactive_share_of_new_employment": 0.4},
        "comparator": {"gva_per_hour": {"sigma_pct": {"dist": "lognormal", "median": 1.0, "sd_log": 0.2}}},
    },
    "targets": {
        "deadline": 2022,
        "targets": [
            {"id": "more_jobs", "description": "More jobs", "indicator": "jobs_change", "rule": "at_least",
             "threshold": 400},
            {"id": "better_jobs", "description": "Better jobs", "indicator": "better_jobs_share_of_growth",
             "rule": "share_of_growth_at_least", "threshold": 70, "numerator": "better_jobs",
             "denominator": "jobs"},
            {"id": "productivity_gap", "description": "Halve the gap", "indicator": "productivity_gap",
             "rule": "reduce_by", "threshold": 0.5,
             "published": {"series": "gap", "noise": "additive", "noise_sd": 1.3, "autocorrelation": 0,
                           "source": "test"}},
        ],
    },
    "interventions": [
        {
            "id": "support",
            "name": "Business support",
            "foundation": "business_environment",
            "source": "test fixture",
            "spend_gbp_m": {2016: 1.0, 2017: 1.5},
            "spend_scale": 2,
            "optimism_bias_pct": {"dist": "triangular", "min": 5, "mode": 15, "max": 40},
            "sectors": {"alpha": 0.25, "beta": 0.75},
            "lag_years": 1,
            "ramp_years": {"dist": "uniform", "min": 0, "max": 2},
            "persistence": {"dist": "pert", "min": 0.8, "mode": 0.9, "max": 1.0},
            "half_saturation_gbp_m": 6,
            "channels": {
                "jobs": {"gross_per_gbp_m": {"dist": "triangular", "min": 5, "mode": 10, "max": 20}},
                "productivity": {"gross_pct_per_gbp_m": 0.02},
                "better_jobs": {"gross_pp_per_gbp_m": 0.05},
            },
            "additionality": {
                "local": {
                    "jobs": {"leakage": 0.1, "deadweight": {"dist": "beta", "mean": 0.35, "sd": 0.08},
                             "displacement": 0.25, "substitution": 0.05, "multiplier": 1.3},
                    "gva": {"leakage": 0.0, "deadweight": 0.35, "displacement": 0.1, "substitution": 0.05,
                            "multiplier": 1.0},
                    "better_jobs": {"leakage": 0.1, "deadweight": 0.35, "displacement": 0.25, "substitution": 0.05,
                                    "multiplier": 1.0},
                },
                "national": {
                    "jobs": {"leakage": 0.0, "deadweight": 0.3, "displacement": 0.75, "substitution": 0.05,
                             "multiplier": 1.0},
                    "gva": {"displacement": 0.2, "substitution": 0.05},
                    "better_jobs": {"displacement": 0.5, "substitution": 0.05},
                },
            },
            "spillovers": {"share": 0.2, "sectors": {"beta": 1.0}},
            "complementarity": {"skills_intervention": "skills", "share_without_skills": 0.6,
                                "skills_spend_for_full_effect_gbp_m": 2},
        },
        {
            "id": "skills",
            "name": "Skills academy",
            "foundation": "people",
            "source": "test fixture",
            "spend_gbp_m": {2016: 0.5},
            "optimism_bias_pct": 10,
            "lag_years": 1,
            "ramp_years": 1,
            "persistence": 0.8,
            "channels": {"activity": {"gross_pp_per_gbp_m": 0.1}},
            "additionality": {
                "local": {"activity": {"leakage": 0.0, "deadweight": 0.3, "displacement": 0.0, "substitution": 0.0,
                                       "multiplier": 1.0}},
                "national": {"activity": {"leakage": 0.0, "displacement": 0.5, "substitution": 0.0,
                                          "multiplier": 1.0}},
            },
        },
    ],
})

# Overrides are partial: distribution arguments without `dist` merge into the seed data's
# distribution, and an empty map leaves the seed value as it is (north_east has distributions).
PARTIAL = as_json({
    "name": "partial_overrides",
    "seed_data": str(ROOT / "seeds" / "north_east"),
    "calibration": {
        "national_cycle": {"sd_pct": {"sd": 0.2}, "persistence": {}},
        "sectors": {"digital": {"jobs_share_trend_pct": {"mean": 2.0, "lower": -5}}},
        "correlation": {"jobs": {}},
    },
    "baseline": {"population_projection": {}},
    "targets": {},
})

DELETE = object()
SUPPORT = ("interventions", 0)
SKILLS = ("interventions", 1)
TARGET = ("targets", "targets", 0)


def edited(path, value):
    """BASE with the value at path set (or deleted), the path as a tuple of keys and indices."""
    document = copy.deepcopy(BASE)
    node = document
    for part in path[:-1]:
        node = node[part]
    if value is DELETE:
        del node[path[-1]]
    else:
        node[path[-1]] = as_json(value)
    return document


# (what, path edited, new value, path of the expected error, its JSON Schema keyword). Every
# error must be at that path.
INVALID = [
    # wrong types
    ("draws as text", ("draws",), "many", ("draws",), "type"),
    ("horizon not whole", ("horizon",), 2030.5, ("horizon",), "type"),
    ("name not text", ("name",), 12, ("name",), "type"),
    ("name not an identifier", ("name",), "Bad Name", ("name",), "pattern"),
    ("interventions as a map", ("interventions",), {"support": {}}, ("interventions",), "type"),
    ("parameter as text", ("calibration", "national_cycle", "sd_pct"), "high",
     ("calibration", "national_cycle", "sd_pct"), "type"),
    ("spend as a distribution", SUPPORT + ("spend_gbp_m", "2016"), {"dist": "uniform", "min": 1, "max": 2},
     SUPPORT + ("spend_gbp_m", "2016"), "type"),
    ("sector weight as a distribution", SUPPORT + ("sectors", "alpha"), {"dist": "uniform", "min": 0, "max": 1},
     SUPPORT + ("sectors", "alpha"), "type"),
    ("baseline figure as a distribution", ("baseline", "region_baseline", "employment_rate_pct"),
     {"dist": "normal", "mean": 60, "sd": 1}, ("baseline", "region_baseline", "employment_rate_pct"), "type"),
    # unknown keys
    ("unknown top-level key", ("draw",), 100, (), "additionalProperties"),
    ("typo in a calibration key", ("calibration", "national_cycle", "persistance"), 0.3,
     ("calibration", "national_cycle"), "additionalProperties"),
    ("unknown calibration section", ("calibration", "shocks"), {}, ("calibration",), "additionalProperties"),
    ("unknown intervention key", SUPPORT + ("budget",), 3, SUPPORT, "additionalProperties"),
    ("unknown key in a distribution", ("calibration", "sector_defaults", "jobs_share_sd_pct", "mean"), 2,
     ("calibration", "sector_defaults", "jobs_share_sd_pct"), "additionalProperties"),
    ("source on the region block", ("calibration", "region", "source"), "x", ("calibration", "region"),
     "additionalProperties"),
    ("both correlation forms", ("calibration", "correlation", "productivity"),
     {"equicorrelation": 0.2, "matrix": [[1, 0.2], [0.2, 1]]}, ("calibration", "correlation", "productivity"),
     "maxProperties"),
    # bad intervention channels
    ("unknown channel", SUPPORT + ("channels", "training"), {"gross_per_gbp_m": 5}, SUPPORT + ("channels",),
     "additionalProperties"),
    ("another channel's gross key", SUPPORT + ("channels", "productivity"), {"gross_per_gbp_m": 0.1},
     SUPPORT + ("channels", "productivity"), "oneOf"),
    ("employment share above 1", SUPPORT + ("channels", "employment"),
     {"starts_per_gbp_m": 300, "sustained_rate": 1.3, "share_from_inactivity": 0.3},
     SUPPORT + ("channels", "employment", "sustained_rate"), "maximum"),
    ("channel not a map", SUPPORT + ("channels", "jobs"), 5, SUPPORT + ("channels", "jobs"), "type"),
    ("no channels", SKILLS + ("channels",), {}, SKILLS + ("channels",), "minProperties"),
    ("negative gross effect", SUPPORT + ("channels", "jobs", "gross_per_gbp_m"), -1,
     SUPPORT + ("channels", "jobs", "gross_per_gbp_m"), "minimum"),
    # missing required intervention keys
    ("intervention without source", SUPPORT + ("source",), DELETE, SUPPORT, "required"),
    ("intervention without spend", SUPPORT + ("spend_gbp_m",), DELETE, SUPPORT, "required"),
    ("intervention without persistence", SKILLS + ("persistence",), DELETE, SKILLS, "required"),
    ("no national view", SUPPORT + ("additionality", "national"), DELETE, SUPPORT + ("additionality",),
     "required"),
    ("no local deadweight", SUPPORT + ("additionality", "local", "jobs", "deadweight"), DELETE,
     SUPPORT + ("additionality", "local", "jobs"), "required"),
    ("leakage in the UK view", SUPPORT + ("additionality", "national", "gva", "leakage"), 0.1,
     SUPPORT + ("additionality", "national", "gva", "leakage"), "const"),
    ("jobs channel without sectors", SUPPORT + ("sectors",), DELETE, SUPPORT, "required"),
    ("spillovers without a productivity channel", SKILLS + ("spillovers",), {"share": 0.1, "sectors": {"alpha": 1}},
     SKILLS + ("spillovers",), "not"),
    ("spillovers without sectors", SUPPORT + ("spillovers", "sectors"), DELETE, SUPPORT + ("spillovers",),
     "required"),
    ("complementarity without its partner", SUPPORT + ("complementarity", "skills_intervention"), DELETE,
     SUPPORT + ("complementarity",), "required"),
    ("no spend years", SUPPORT + ("spend_gbp_m",), {}, SUPPORT + ("spend_gbp_m",), "minProperties"),
    # other intervention values
    ("reserved id", SUPPORT + ("id",), "all", SUPPORT + ("id",), "not"),
    ("id not an identifier", SUPPORT + ("id",), "Support", SUPPORT + ("id",), "pattern"),
    ("unknown foundation", SUPPORT + ("foundation",), "skills", SUPPORT + ("foundation",), "enum"),
    ("spend key not a year", SUPPORT + ("spend_gbp_m",), {"year2016": 1.0}, SUPPORT + ("spend_gbp_m",),
     "pattern"),
    ("complementarity partner not an id", SUPPORT + ("complementarity", "skills_intervention"), "Skills",
     SUPPORT + ("complementarity", "skills_intervention"), "pattern"),
    # out-of-range values
    ("leakage of 1", SUPPORT + ("additionality", "local", "jobs", "leakage"), 1.0,
     SUPPORT + ("additionality", "local", "jobs", "leakage"), "exclusiveMaximum"),
    ("displacement above 1", SUPPORT + ("additionality", "national", "jobs", "displacement"), 1.2,
     SUPPORT + ("additionality", "national", "jobs", "displacement"), "maximum"),
    ("multiplier below 1", SUPPORT + ("additionality", "local", "jobs", "multiplier"), 0.9,
     SUPPORT + ("additionality", "local", "jobs", "multiplier"), "minimum"),
    ("persistence above 1", SKILLS + ("persistence",), 1.2, SKILLS + ("persistence",), "maximum"),
    ("lag beyond 50 years", SKILLS + ("lag_years",), 60, SKILLS + ("lag_years",), "maximum"),
    ("zero half-saturation", SUPPORT + ("half_saturation_gbp_m",), 0, SUPPORT + ("half_saturation_gbp_m",),
     "exclusiveMinimum"),
    ("sector weight above 1", SUPPORT + ("sectors", "alpha"), 1.5, SUPPORT + ("sectors", "alpha"), "maximum"),
    ("negative spend", SUPPORT + ("spend_gbp_m", "2016"), -1, SUPPORT + ("spend_gbp_m", "2016"), "minimum"),
    ("negative spend scale", SUPPORT + ("spend_scale",), -1, SUPPORT + ("spend_scale",), "minimum"),
    ("share without skills above 1", SUPPORT + ("complementarity", "share_without_skills"), 1.5,
     SUPPORT + ("complementarity", "share_without_skills"), "maximum"),
    ("resident share above 1", ("calibration", "labour_market", "resident_share_of_job_growth"), 1.4,
     ("calibration", "labour_market", "resident_share_of_job_growth"), "maximum"),
    ("inactive share of 0", ("calibration", "labour_market", "inactive_share_of_new_employment"), 0,
     ("calibration", "labour_market", "inactive_share_of_new_employment"), "exclusiveMinimum"),
    ("negative cycle sd", ("calibration", "national_cycle", "sd_pct"), -1,
     ("calibration", "national_cycle", "sd_pct"), "minimum"),
    ("cycle persistence of 1", ("calibration", "national_cycle", "persistence"), 1,
     ("calibration", "national_cycle", "persistence"), "exclusiveMaximum"),
    ("equicorrelation of 1", ("calibration", "correlation", "productivity", "equicorrelation"), 1,
     ("calibration", "correlation", "productivity", "equicorrelation"), "exclusiveMaximum"),
    ("discount rate above 20%", ("appraisal", "discount_rate_pct"), 25, ("appraisal", "discount_rate_pct"),
     "maximum"),
    ("no draws", ("draws",), 0, ("draws",), "minimum"),
    ("employment rate of 100%", ("baseline", "region_baseline", "employment_rate_pct"), 100,
     ("baseline", "region_baseline", "employment_rate_pct"), "exclusiveMaximum"),
    ("population growth above 10%", ("baseline", "population_projection", "growth_pct", "2016"), 12,
     ("baseline", "population_projection", "growth_pct", "2016"), "maximum"),
    ("reduce_by above 1", TARGET[:2] + (2, "threshold"), 1.5, TARGET[:2] + (2, "threshold"), "maximum"),
    # distributions
    ("unknown distribution", ("calibration", "sector_defaults", "jobs_share_sd_pct"),
     {"dist": "gaussian", "mean": 1, "sd": 0.5}, ("calibration", "sector_defaults", "jobs_share_sd_pct", "dist"),
     "enum"),
    ("distribution without dist", SUPPORT + ("persistence",), {"min": 0.8, "mode": 0.9, "max": 1.0},
     SUPPORT + ("persistence",), "required"),
    ("triangular without mode", SUPPORT + ("channels", "jobs", "gross_per_gbp_m"),
     {"dist": "triangular", "min": 5, "max": 20}, SUPPORT + ("channels", "jobs", "gross_per_gbp_m"), "required"),
    ("lognormal given a mean", ("calibration", "comparator", "gva_per_hour", "sigma_pct"),
     {"dist": "lognormal", "mean": 1.0, "sd_log": 0.2}, ("calibration", "comparator", "gva_per_hour", "sigma_pct"),
     "required"),
    ("normal with a negative sd", ("calibration", "sector_defaults", "relative_productivity_trend_pct"),
     {"dist": "normal", "mean": 0.5, "sd": -0.1},
     ("calibration", "sector_defaults", "relative_productivity_trend_pct", "sd"), "exclusiveMinimum"),
    ("beta with a mean above 1", SUPPORT + ("additionality", "local", "jobs", "deadweight"),
     {"dist": "beta", "mean": 1.2, "sd": 0.1}, SUPPORT + ("additionality", "local", "jobs", "deadweight", "mean"),
     "exclusiveMaximum"),
    ("unknown key in partial distribution arguments", ("calibration", "national_cycle", "sd_pct"), {"sdev": 0.2},
     ("calibration", "national_cycle", "sd_pct"), "additionalProperties"),
    ("distribution argument as text", ("calibration", "sector_defaults", "jobs_share_sd_pct", "max"), "three",
     ("calibration", "sector_defaults", "jobs_share_sd_pct", "max"), "type"),
    # targets and baseline overrides
    ("unknown indicator", TARGET + ("indicator",), "jobs_chnge", TARGET + ("indicator",), "enum"),
    ("unknown rule", TARGET + ("rule",), "above", TARGET + ("rule",), "enum"),
    ("numerator without share_of_growth_at_least", TARGET + ("numerator",), "jobs", TARGET + ("numerator",),
     "not"),
    ("share_of_growth_at_least without denominator", ("targets", "targets", 1, "denominator"), DELETE,
     ("targets", "targets", 1), "required"),
    ("baseline sector without jobs", ("baseline", "sectors"),
     [{"id": "alpha", "name": "Alpha", "gva_per_hour": 20, "hours_per_job": 1500, "private_share": 0.8,
       "better_jobs_share": 0.3, "source": "test"}], ("baseline", "sectors", 0), "required"),
    ("empty source", ("calibration", "labour_market", "source"), "", ("calibration", "labour_market", "source"),
     "minLength"),
]

# Loader rules a JSON Schema cannot express (said in the schema's descriptions): the schema
# accepts these, `lissim validate` rejects them at the given key path.
LOADER_ONLY = [
    ("weights not adding up to 1", SUPPORT + ("sectors",), {"alpha": 0.6, "beta": 0.6}, SUPPORT + ("sectors",)),
    ("weight of an unknown sector", SUPPORT + ("spillovers", "sectors"), {"gamma": 1.0},
     SUPPORT + ("spillovers", "sectors", "gamma")),
    ("unknown complementarity partner", SUPPORT + ("complementarity", "skills_intervention"), "academy",
     SUPPORT + ("complementarity", "skills_intervention")),
    ("duplicate intervention id", SKILLS + ("id",), "support", SKILLS + ("id",)),
    ("distribution support outside the range", SKILLS + ("persistence",), {"dist": "normal", "mean": 0.8, "sd": 0.1},
     SKILLS + ("persistence",)),
    ("uniform with max below min", ("calibration", "sector_defaults", "jobs_share_sd_pct"),
     {"dist": "uniform", "min": 3, "max": 1}, ("calibration", "sector_defaults", "jobs_share_sd_pct")),
    ("spend after the horizon", SUPPORT + ("spend_gbp_m", "2030"), 1.0, SUPPORT + ("spend_gbp_m", "2030")),
    ("horizon before the base year", ("horizon",), 2010, ("horizon",)),
    ("calibration for an unknown sector", ("calibration", "sectors", "alpah"), {"jobs_share_sd_pct": 3},
     ("calibration", "sectors", "alpah")),
    ("distribution arguments over a fixed seed value", ("calibration", "national_cycle", "recession_probability"),
     {"sd": 0.1}, ("calibration", "national_cycle", "recession_probability")),
    ("non-symmetric correlation matrix", ("calibration", "correlation", "jobs", "matrix"), [[1, 0.1], [0.2, 1]],
     ("calibration", "correlation", "jobs", "matrix")),
]

# Files of tests/data/bad/ whose fault is a key, type or range (the others are YAML syntax,
# duplicate keys, alias bombs or loader-only rules).
BAD_FILES = ["bad_distribution", "bad_indicator", "bad_name", "distribution_negative_sd", "missing_key",
             "negative_sd", "nested_typo", "share_out_of_range", "typo_key", "wrong_type"]


class Schema(unittest.TestCase):
    def test_schema_is_valid_draft_2020_12(self):
        Draft202012Validator.check_schema(SCHEMA)
        self.assertEqual(SCHEMA["$schema"], "https://json-schema.org/draft/2020-12/schema")

    def test_every_property_has_a_description(self):
        missing = []

        def walk(node, where):
            if isinstance(node, dict):
                node = {key: value for key, value in node.items() if key != "if"}  # conditions only
                for key, value in node.get("properties", {}).items():
                    if isinstance(value, dict) and "description" not in value:
                        missing.append(f"{where}/properties/{key}")
                for key, value in node.items():
                    walk(value, f"{where}/{key}")
            elif isinstance(node, list):
                for i, value in enumerate(node):
                    walk(value, f"{where}/{i}")

        walk(SCHEMA, "#")
        self.assertEqual(missing, [], "properties without a description")

    def test_shipped_scenarios_validate(self):
        self.assertGreaterEqual(len(SHIPPED), 8)
        for path in SHIPPED:
            with self.subTest(scenario=str(path.relative_to(ROOT))):
                errors = errors_of(load_yaml(path))
                self.assertEqual(errors, [], f"{path.name}:\n{describe(errors)}")

    def test_seed_data_validates_as_overrides(self):
        # A whole seed file is a (complete) override, so the schema knows every key it uses.
        for folder in SEED_FOLDERS:
            with self.subTest(seed_data=str(folder.relative_to(ROOT))):
                document = {"name": "seed", "seed_data": "."}
                for section in ("baseline", "calibration", "targets"):
                    document[section] = load_yaml(folder / f"{section}.yaml")
                errors = errors_of(document)
                self.assertEqual(errors, [], describe(errors))

    def test_base_case_and_partial_overrides_validate(self):
        for document in (BASE, PARTIAL):
            with self.subTest(document["name"]):
                errors = errors_of(document)
                self.assertEqual(errors, [], describe(errors))

    def test_invalid_scenarios_are_rejected_at_the_key(self):
        for what, path, value, error_path, keyword in INVALID:
            with self.subTest(what):
                errors = errors_of(edited(path, value))
                self.assertTrue(errors, "accepted")
                self.assertEqual({tuple(e.absolute_path) for e in errors}, {error_path}, describe(errors))
                self.assertIn(keyword, {e.validator for e in errors}, describe(errors))

    def test_loader_only_rules_pass_the_schema(self):
        # If the schema learns one of these, move the case to INVALID.
        for what, path, value, _ in LOADER_ONLY:
            with self.subTest(what):
                errors = errors_of(edited(path, value))
                self.assertEqual(errors, [], describe(errors))

    def test_bad_test_files_are_rejected(self):
        for name in BAD_FILES:
            with self.subTest(name):
                self.assertTrue(errors_of(load_yaml(DATA / "bad" / f"{name}.yaml")), "accepted")


@unittest.skipUnless(os.environ.get("LISSIM_BINARY"), "LISSIM_BINARY is not set (ctest sets it)")
class SchemaAgreesWithLoader(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, name, document):
        path = Path(self.tmp.name) / f"{name}.yaml"
        path.write_text(yaml.safe_dump(document, sort_keys=False))
        return path

    def test_loader_accepts_the_shipped_scenarios(self):
        for path in SHIPPED:
            with self.subTest(scenario=str(path.relative_to(ROOT))):
                result = lissim_validate(path)
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def test_loader_accepts_the_base_case_and_partial_overrides(self):
        for document in (BASE, PARTIAL):
            with self.subTest(document["name"]):
                result = lissim_validate(self.write(document["name"], document))
                self.assertEqual(result.returncode, 0, result.stdout + result.stderr)

    def check_rejected(self, what, document, key_path):
        result = lissim_validate(self.write(re.sub(r"\W+", "_", what), document))
        self.assertEqual(result.returncode, 2, result.stdout + result.stderr)
        # file:line:col: error: key.path: message. The two may name the same value at different
        # depths: the schema an unknown or missing key at the map holding it, the loader a bad
        # distribution argument at the distribution.
        expected = json_path(key_path)
        reported = re.findall(r"^\S+:\d+:\d+: error: (\S*): ", result.stderr, re.MULTILINE)
        self.assertTrue(any(nested(expected, path) or nested(path, expected) for path in reported),
                        f"expected an error at or around {expected}:\n{result.stderr}")

    def test_loader_rejects_the_invalid_scenarios_at_the_same_key(self):
        for what, path, value, error_path, _ in INVALID:
            with self.subTest(what):
                self.check_rejected(what, edited(path, value), error_path)

    def test_loader_rejects_what_the_schema_cannot_check(self):
        for what, path, value, error_path in LOADER_ONLY:
            with self.subTest(what):
                self.check_rejected(what, edited(path, value), error_path)


if __name__ == "__main__":
    unittest.main()
