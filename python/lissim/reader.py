"""Read a lissim results file (HDF5, format version 1 or 2) into plain numpy data; open_file
also reads the other lissim files: sweeps (lissim-sweep, docs/sweeps.md), Sobol/Morris
files (lissim-sobol) and sensitivity files (lissim-sensitivity, docs/sensitivity.md).

The results file is a public, versioned contract (docs/results.md): this module reads
only the documented layout, checks `filetype` and the major `format_version` before
anything else, and ignores groups it does not use (sectors, draws, parameters), so
additions in later minor versions do not break it. The optional parts are read when
present: /effect and /interventions (a run with interventions), and /sensitivity and /sobol
in the layout `lissim sensitivity -o` and `lissim sobol` write in their own files
(docs/sensitivity.md), if a results file holds them too.

Everything here is pure data extraction with no plotting, so tests can check it on known
values and users' own scripts can reuse it:

    results = open_results("out.h5")
    jobs = results.indicators["scenario"]["jobs_change"]
    bands = fan_bands(jobs)                   # {(5, 95): (lo, hi), ..., "median": m}
    for target in results.targets.values():
        print(target.id, prob_at_deadline(target, results.years))
    if results.has_interventions:
        for iid in intervention_ids(results):
            bcr = appraisal_values(results.interventions[iid], "bcr")   # NaN dropped
            print(iid, np.median(bcr), vfm_band_probabilities(results.interventions[iid]))
"""

import os
import stat
from dataclasses import dataclass, field

import h5py
import numpy as np

FILETYPE = "lissim-results"
SWEEP_FILETYPE = "lissim-sweep"  # `lissim sweep -o` (docs/sweeps.md)
SOBOL_FILETYPE = "lissim-sobol"  # `lissim sobol -o` (docs/sensitivity.md)
SENSITIVITY_FILETYPE = "lissim-sensitivity"  # `lissim sensitivity -o` (docs/sensitivity.md)
# Every file type open_file reads; each must carry format_version major 1 or 2 (2.0 added
# dimension scales, which this reader does not need).
FILETYPES = (FILETYPE, SWEEP_FILETYPE, SOBOL_FILETYPE, SENSITIVITY_FILETYPE)
SUPPORTED_MAJOR_VERSIONS = (1, 2)

# Groups holding indicator summaries: scenario paths and the same draws without
# interventions.
GROUPS = ("scenario", "counterfactual")

# Quantile levels the contract promises, in percent. Looked up by value, not position,
# so a file carrying extra levels still reads.
QUANTILE_PERCENTS = (5, 10, 25, 50, 75, 90, 95)

# Central bands drawn in a fan chart, widest first, as (lower, upper) percent.
FAN_BANDS = ((5, 95), (10, 90), (25, 75))

# Target rules this reader understands (docs/model.md section 10; /targets in docs/results.md).
RULES = ("at_least", "at_most", "reduce_by", "share_of_growth_at_least")

# Intervention series (/interventions/<id>/<name>/{quantiles, mean, sd}) by measure and view.
INTERVENTION_SERIES = {
    ("jobs", "local"): "net_additional_jobs",
    ("jobs", "national"): "net_additional_jobs_national",
    ("gva", "local"): "net_additional_gva",
    ("gva", "national"): "net_additional_gva_national",
}
# Appraisal groups by view, and the per-draw datasets they hold (docs/results.md), in the
# order tables list them. Files of format 1.x and before interventions v2 have only the
# first four and cost_per_net_job[_year] (then cost_pv per job); a reader takes every
# per-draw dataset a group holds, these and any other (appraisal_dataset_names).
APPRAISAL_GROUPS = {"local": "appraisal", "national": "appraisal_national"}
APPRAISAL_DATASETS = ("cost_pv", "benefit_pv", "npv", "bcr", "bcr_without_productivity",
                      "residual_value_pv", "public_cost", "cost_per_net_job",
                      "cost_per_net_job_year", "cost_pv_per_net_job", "cost_pv_per_net_job_year",
                      "peak_net_jobs", "net_job_years")
# Datasets of an appraisal group that are not one value per draw.
APPRAISAL_NOT_PER_DRAW = ("vfm_band_probability",)
# The package of every intervention together; always listed last.
ALL_INTERVENTIONS = "all"

# Value-for-money bands from the BCR (DfT / Green Book practice, docs/interventions.md):
# poor < 1 <= low < 1.5 <= medium < 2 <= high < 4 <= very high.
VFM_BANDS = ("poor", "low", "medium", "high", "very high")
VFM_EDGES = (1.0, 1.5, 2.0, 4.0)


class ResultsFormatError(Exception):
    """The file is not a readable lissim results file of a supported version.

    Carries the path and a reason so the command line can print one line naming both.
    """

    def __init__(self, path, reason):
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


@dataclass(frozen=True)
class IndicatorSummary:
    """Per-year distribution summary of one indicator over Monte Carlo draws.

    quantiles maps a percent level (5, 10, ..., 95) to a float array over years; NaN where
    the indicator is undefined in every draw (e.g. share of growth when growth <= 0).
    """

    name: str
    years: np.ndarray
    quantiles: dict
    mean: np.ndarray
    sd: np.ndarray
    units: str
    description: str


@dataclass(frozen=True)
class Target:
    """One target from /targets/<id>: its definition and P(met in year t)."""

    id: str
    description: str
    indicator: str
    rule: str
    threshold: float
    base_year: int
    deadline: int
    prob_met: np.ndarray
    prob_met_counterfactual: np.ndarray
    prob_met_at_deadline: float
    prob_met_counterfactual_at_deadline: float = float("nan")
    threshold_units: str = ""
    # Model v2 (measured indicators): P(the published figures show the target met), [Y];
    # None in files without it.
    prob_judged_met: object = None
    prob_judged_met_counterfactual: object = None
    # Per-draw met flags in the deadline year, packed 8 to a byte (numpy.packbits,
    # bitorder "little"); None when the file does not store them.
    met_bits: object = None
    met_bits_counterfactual: object = None


@dataclass(frozen=True)
class Appraisal:
    """/interventions/<id>/appraisal (local view) or appraisal_national.

    draws maps a dataset name (cost_pv, bcr, ...: every per-draw dataset the group holds,
    APPRAISAL_DATASETS first) to its per-draw values [N], NaN kept (use appraisal_values /
    finite to drop them); units maps it to its units text.
    vfm_band_probability is the file's P(BCR in band) [5], or None when absent.
    """

    view: str
    attrs: dict
    draws: dict
    units: dict
    vfm_band_probability: object
    bands: tuple
    bcr_edges: np.ndarray


@dataclass(frozen=True)
class Intervention:
    """One /interventions/<id> group (or `all`, the whole package)."""

    id: str
    name: str
    foundation: str
    source: str
    channels: tuple
    spend_gbp_m: object  # float array [Y], or None when absent
    total_spend_gbp_m: float
    series: dict  # net_additional_jobs[_national], net_additional_gva[_national] -> summary
    appraisal: dict  # "local"/"national" -> Appraisal


@dataclass(frozen=True)
class Sensitivity:
    """Rank-correlation (tornado) data of one output: PRCC per factor with its interval.

    From a `lissim sensitivity -o` file also the output's units and the group's attributes
    (source, r2_linear, r2_rank, draws_used, draws_dropped).
    """

    output: str
    description: str
    factors: tuple
    prcc: np.ndarray
    prcc_low: np.ndarray
    prcc_high: np.ndarray
    units: str = ""
    attrs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Sobol:
    """Sobol indices of one output per factor, with their confidence half-widths.

    `lissim sobol` files also hold the ends of the bootstrap intervals (s1_low, ...; None
    when absent: use sobol_intervals), the analytic indices of a test function (s1_exact,
    st_exact; None otherwise), the parameters each factor moves, and the output group's
    attributes (confidence, mean, variance, rows_dropped, warnings).
    """

    output: str
    description: str
    factors: tuple
    s1: np.ndarray
    st: np.ndarray
    s1_conf: np.ndarray
    st_conf: np.ndarray
    s1_low: object = None
    s1_high: object = None
    st_low: object = None
    st_high: object = None
    s1_exact: object = None
    st_exact: object = None
    parameters: tuple = ()
    attrs: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Morris:
    """Morris elementary-effects screening of one output: mu, mu* and sigma per factor."""

    output: str
    factors: tuple
    mu: np.ndarray
    mu_star: np.ndarray
    sigma: np.ndarray
    units: str = ""
    parameters: tuple = ()


@dataclass(frozen=True)
class History:
    """The actual (published) history of an indicator up to the base year, from /history."""

    name: str
    years: np.ndarray
    values: np.ndarray
    units: str
    source: str


@dataclass(frozen=True)
class Results:
    """Everything the plots need from one results file."""

    path: str
    attrs: dict
    years: np.ndarray
    indicators: dict  # group ("scenario"/"counterfactual") -> name -> IndicatorSummary
    targets: dict  # id -> Target, in file order
    prob_all_met: object = None  # float array [Y]; None when the file has no targets
    prob_all_met_counterfactual: object = None  # float array [Y] or None
    effect: dict = field(default_factory=dict)  # name -> IndicatorSummary (/effect/indicators)
    interventions: dict = field(default_factory=dict)  # id -> Intervention, `all` last
    sensitivity: dict = field(default_factory=dict)  # output -> Sensitivity
    sobol: dict = field(default_factory=dict)  # output -> Sobol
    has_interventions: bool = False  # /interventions or /effect present
    history: dict = field(default_factory=dict)  # name -> History (/history), when present
    all_met_bits: object = None  # /targets/all met flags at the deadline, packed; or None
    all_met_bits_counterfactual: object = None

    @property
    def base_year(self):
        """Base year from the root attribute; the first year if the attribute is absent."""
        return int(self.attrs.get("base_year", self.years[0]))

    @property
    def deadline(self):
        """The targets' deadline: root attribute, else the latest target deadline, else
        the last simulated year."""
        if "deadline" in self.attrs:
            return int(self.attrs["deadline"])
        if self.targets:
            return max(t.deadline for t in self.targets.values())
        return int(self.years[-1])

    @property
    def scenario_name(self):
        return str(self.attrs.get("scenario_name", ""))


@dataclass(frozen=True)
class SweepSummary:
    """One summary of a sweep, per point: quantiles maps a percent level to a float array
    [P, Ys] (indicators, net effects, by summary year) or [P] (appraisal measures); mean
    has the same shape, or is None when absent."""

    name: str
    quantiles: dict
    mean: object
    units: str
    description: str


@dataclass(frozen=True)
class SweepTarget:
    """/targets/<id> of a sweep: P(met in year t) per point, [P, Y]."""

    id: str
    prob_met: np.ndarray
    prob_met_counterfactual: object  # [P, Y] or None


@dataclass(frozen=True)
class SweepIntervention:
    """/interventions/<id> of a sweep (local view)."""

    id: str
    series: dict  # net_additional_jobs, net_additional_gva -> SweepSummary [P, Ys]
    appraisal: dict  # bcr, npv, cost_per_net_job, ... -> SweepSummary [P]
    prob_bcr_at_least_1: object  # [P] or None
    total_spend_gbp_m: object = None  # [P]: the point's total spend, GBP m; None in older files


@dataclass(frozen=True)
class Sweep:
    """A `lissim sweep` file (filetype lissim-sweep, docs/sweeps.md): the same scenario
    run at P points, each a full Monte Carlo run with the same seed and draws.

    keys [A] are the axes' key paths; values [P, A] each point's value of each axis (NaN:
    the base scenario's value); varied_axis [P] the axis a one-at-a-time point moves (-1
    for the base point, and for every grid point).
    """

    path: str
    attrs: dict
    keys: tuple
    values: np.ndarray
    varied_axis: np.ndarray
    years: np.ndarray
    summary_years: np.ndarray
    targets: dict  # id -> SweepTarget, in file order, without `all`
    prob_all_met: object = None  # [P, Y] or None
    prob_all_met_counterfactual: object = None
    indicators: dict = field(default_factory=dict)  # "scenario"/"effect" -> name -> SweepSummary
    interventions: dict = field(default_factory=dict)  # id -> SweepIntervention, `all` last

    @property
    def mode(self):
        return str(self.attrs.get("mode", "grid"))

    @property
    def base_year(self):
        return int(self.attrs.get("base_year", self.years[0]))

    @property
    def deadline(self):
        return int(self.attrs.get("deadline", self.years[-1]))

    @property
    def scenario_name(self):
        return str(self.attrs.get("scenario_name", ""))

    @property
    def has_interventions(self):
        return bool(self.interventions)


@dataclass(frozen=True)
class SweepLine:
    """Points of a sweep drawn as one line: indices into the points, sorted by x."""

    label: str  # "" when the panel has a single line
    points: np.ndarray
    x: np.ndarray


@dataclass(frozen=True)
class SweepPanel:
    """One panel of a sweep figure: the axis on x, its lines, and (one at a time) the
    base point, drawn as a reference."""

    axis: int
    title: str
    lines: tuple
    base_point: object = None  # point index, or None


@dataclass(frozen=True)
class SobolFile:
    """A `lissim sobol` file (filetype lissim-sobol): Sobol indices (/sobol, Saltelli
    method) and/or Morris screening (/morris)."""

    path: str
    attrs: dict
    sobol: dict  # output -> Sobol
    morris: dict  # output -> Morris

    @property
    def method(self):
        return str(self.attrs.get("method", "saltelli" if self.sobol else "morris"))

    @property
    def subject(self):
        return str(self.attrs.get("subject", ""))

    @property
    def is_test_function(self):
        return self.subject.startswith("test function")

    @property
    def scenario_name(self):
        """The scenario's name from the `subject` YAML, or the test function's."""
        if self.is_test_function:
            return self.subject.split(":", 1)[-1].strip()
        for line in self.subject.splitlines():
            if line.startswith("name:"):
                return line.split(":", 1)[1].strip().strip("'\"")
        return ""


@dataclass(frozen=True)
class SensitivityFile:
    """A `lissim sensitivity -o` file (filetype lissim-sensitivity): PRCC and SRC per
    output, from one Monte Carlo run (`source_file`)."""

    path: str
    attrs: dict
    sensitivity: dict  # output -> Sensitivity

    @property
    def scenario_name(self):
        return ""

    @property
    def confidence(self):
        return float(self.attrs.get("confidence", 0.95))


# --------------------------------------------------------------------------- reading


def open_results(path):
    """Read a results file, raising ResultsFormatError on anything unreadable.

    Every failure (missing file, not HDF5, wrong filetype or version, missing or
    misshapen dataset) becomes one ResultsFormatError, so callers need a single handler.
    Only `lissim-results` files are accepted; open_file also reads the other lissim files.
    """
    return _open(str(path), (FILETYPE,))


def open_file(path):
    """Read any lissim file this module knows, by its `filetype` attribute:

        lissim-results      -> Results          (`lissim run`)
        lissim-sweep        -> Sweep            (`lissim sweep`)
        lissim-sobol        -> SobolFile        (`lissim sobol`)
        lissim-sensitivity  -> SensitivityFile  (`lissim sensitivity -o`)

    Each must have format_version major 1 or 2; anything else (an unknown filetype included)
    raises ResultsFormatError.
    """
    return _open(str(path), FILETYPES)


def _open(path, accepted):
    # Regular files only: opening a FIFO would wait for ever, a device never end.
    try:
        mode = os.stat(path).st_mode
    except OSError as err:
        raise ResultsFormatError(path, f"cannot open: {err.strerror or err}") from err
    if not stat.S_ISREG(mode):
        raise ResultsFormatError(path, f"is {file_kind(mode)}, must be a regular file")
    try:
        is_hdf5 = h5py.is_hdf5(path)
    except (OSError, ValueError) as err:
        raise ResultsFormatError(path, f"cannot open: {err}") from err
    if not is_hdf5:
        raise ResultsFormatError(path, "not an HDF5 file")
    filetype = FILETYPE
    try:
        with h5py.File(path, "r") as h5:
            attrs = {key: _plain(value) for key, value in h5.attrs.items()}
            filetype = check_format(path, attrs, accepted)
            return _READERS[filetype](path, h5)
    except ResultsFormatError as err:
        if filetype == FILETYPE or err.reason.startswith("filetype is"):
            raise
        # Say which kind of file was expected to hold the missing part.
        raise ResultsFormatError(path, f"filetype is {filetype!r}, but {err.reason}") from err
    except (OSError, KeyError, ValueError, TypeError) as err:
        what = "results file" if filetype == FILETYPE else f"{filetype} file"
        raise ResultsFormatError(path, f"damaged {what}: {err}") from err


def file_kind(mode):
    """What a non-regular file is, for messages."""
    for test, kind in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return kind
    return "not a regular file"


def _read_results(path, h5):
    attrs = {key: _plain(value) for key, value in h5.attrs.items()}
    check_format(path, attrs)
    years = _read_years(path, h5)
    percent_index = _quantile_index(path, h5)
    indicators = {
        group: _read_indicator_group(path, h5, group, years, percent_index) for group in GROUPS
    }
    order = ScenarioOrder(attrs.get("scenario_yaml"))
    targets, prob_all, prob_all_cf = _read_targets(path, h5, years, order)
    all_bits = _met_bits(h5["targets/all"]) if "targets/all" in h5 else (None, None)
    effect = (
        _read_indicator_group(path, h5, "effect", years, percent_index) if "effect" in h5 else {}
    )
    interventions = _read_interventions(path, h5, years, percent_index, order)
    return Results(
        path, attrs, years, indicators, targets, prob_all,
        prob_all_met_counterfactual=prob_all_cf,
        effect=effect,
        interventions=interventions,
        sensitivity=_read_sensitivity(path, h5),
        sobol=_read_sobol(path, h5),
        has_interventions=("interventions" in h5 or "effect" in h5),
        history=_read_history(path, h5),
        all_met_bits=all_bits[0],
        all_met_bits_counterfactual=all_bits[1],
    )


def check_format(path, attrs, accepted=(FILETYPE,)):
    """Check filetype and major format version before reading anything else; returns
    the filetype.

    A major version bump means the layout changed in a way this reader cannot follow,
    so refusing is safer than misreading.
    """
    filetype = attrs.get("filetype")
    if not isinstance(filetype, str) or filetype not in accepted:
        found = "no filetype attribute" if filetype is None else f"filetype is {filetype!r}"
        expected = (repr(accepted[0]) if len(accepted) == 1
                    else "one of " + ", ".join(repr(a) for a in accepted))
        raise ResultsFormatError(path, f"{found}, expected {expected}")
    version = attrs.get("format_version")
    if version is None:
        raise ResultsFormatError(path, "no format_version attribute")
    try:
        major = int(np.atleast_1d(version)[0])
    except (TypeError, ValueError) as err:
        raise ResultsFormatError(
            path, f"format_version {version!r} is not an integer array"
        ) from err
    if major not in SUPPORTED_MAJOR_VERSIONS:
        raise ResultsFormatError(
            path,
            f"format_version is {_version_text(version)}, "
            f"but this reader supports major versions 1 to 2 only",
        )
    return filetype


def _version_text(version):
    return ".".join(str(int(part)) for part in np.atleast_1d(version))


def _read_years(path, h5):
    years = _dataset(path, h5, "years")
    if years.ndim != 1 or years.size == 0:
        raise ResultsFormatError(path, f"/years has shape {years.shape}, expected [Y] with Y >= 1")
    return years.astype(int)


def _quantile_index(path, h5):
    """Map each contract percent level to its row in the quantiles arrays."""
    levels = _dataset(path, h5, "quantile_levels").astype(float)
    index = {}
    for percent in QUANTILE_PERCENTS:
        rows = np.flatnonzero(np.isclose(levels, percent / 100.0))
        if rows.size == 0:
            raise ResultsFormatError(
                path, f"/quantile_levels {levels.tolist()} lacks the {percent}% level"
            )
        index[percent] = int(rows[0])
    index["count"] = levels.size
    return index


def _read_indicator_group(path, h5, group, years, percent_index):
    location = f"{group}/indicators"
    if location not in h5:
        raise ResultsFormatError(path, f"missing group /{location}")
    return {
        name: _read_indicator(path, h5[location][name], years, percent_index)
        for name in h5[location]
    }


def _read_indicator(path, group, years, percent_index):
    where = group.name
    quantiles = _dataset(path, group, "quantiles")
    expected = (percent_index["count"], years.size)
    if quantiles.shape != expected:
        raise ResultsFormatError(
            path, f"{where}/quantiles has shape {quantiles.shape}, expected {expected}"
        )
    dims = group["quantiles"].attrs.get("dims")
    if dims is not None and [_text(d) for d in dims] != ["quantile", "year"]:
        # With Y == 7 a transposed array would pass the shape check; dims catches it.
        raise ResultsFormatError(path, f"{where}/quantiles has dims {_plain(dims)}")
    series = {
        name: _series(path, group, name, years.size) for name in ("mean", "sd")
    }
    return IndicatorSummary(
        name=group.name.rsplit("/", 1)[-1],
        years=years,
        quantiles={p: quantiles[percent_index[p]].astype(float) for p in QUANTILE_PERCENTS},
        mean=series["mean"],
        sd=series["sd"],
        units=_attr_text(group, "units"),
        description=_attr_text(group, "description"),
    )


class ScenarioOrder:
    """The order in which a scenario lists its targets (targets.yaml's, the SEP's), read from the
    resolved scenario a file carries (root attribute `scenario_yaml`; a sweep's
    `base_scenario_yaml`), as sim/io/embedded_scenario.cpp reads it. HDF5 lists groups by name;
    ids the scenario does not list follow in that order, and without the attribute (or
    python3-yaml) the order is the file's. Interventions are in id order, `all` last, as lissim
    reads them (their random streams are registered in that order) and its table lists them."""

    def __init__(self, scenario_yaml):
        self._document = None
        if isinstance(scenario_yaml, str):
            try:
                import yaml  # python3-yaml; optional: without it ids stay in file order
                loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
                self._document = yaml.load(scenario_yaml, Loader=loader)
            except Exception:  # noqa: BLE001 - an unreadable scenario only loses the order
                self._document = None

    def listed_ids(self, *key_path):
        """Ids of the maps listed under key_path, e.g. ("targets", "targets"), in order."""
        node = self._document
        for key in key_path:
            if not isinstance(node, dict) or key not in node:
                return []
            node = node[key]
        if not isinstance(node, list):
            return []
        return [str(item["id"]) for item in node if isinstance(item, dict) and "id" in item]

    def targets(self, group):
        """The target ids under an HDF5 group /targets in the scenario's order, `all` last."""
        return self._ordered(group, self.listed_ids("targets", "targets"))

    def interventions(self, group):
        """The intervention ids under /interventions by id, `all` last."""
        return self._ordered(group, [])

    @staticmethod
    def _ordered(group, preferred):
        present = [k for k in group if k != ALL_INTERVENTIONS]
        ids = [k for k in dict.fromkeys(preferred) if k in present]
        ids += [k for k in present if k not in ids]
        return ids + ([ALL_INTERVENTIONS] if ALL_INTERVENTIONS in group else [])


def _read_targets(path, h5, years, order):
    """Read /targets in the scenario's order (targets.yaml's); a file without the group
    simply has no targets."""
    if "targets" not in h5:
        return {}, None, None
    targets = {}
    prob_all = prob_all_cf = None
    for target_id in order.targets(h5["targets"]):
        group = h5["targets"][target_id]
        if target_id == "all":
            prob_all = _series(path, group, "prob_met", years.size)
            if "prob_met_counterfactual" in group:
                prob_all_cf = _series(path, group, "prob_met_counterfactual", years.size)
        else:
            targets[target_id] = _read_target(path, target_id, group, years)
    return targets, prob_all, prob_all_cf


def _read_target(path, target_id, group, years):
    attrs = group.attrs
    for required in ("indicator", "rule", "threshold", "deadline"):
        if required not in attrs:
            raise ResultsFormatError(path, f"{group.name} lacks attribute {required!r}")
    prob_met = _series(path, group, "prob_met", years.size)
    prob_cf = _series(path, group, "prob_met_counterfactual", years.size)
    deadline = int(_plain(attrs["deadline"]))
    at_deadline = attrs.get("prob_met_at_deadline")
    cf_at_deadline = attrs.get("prob_met_counterfactual_at_deadline")
    return Target(
        id=target_id,
        description=_text(attrs.get("description", target_id)),
        indicator=_text(attrs["indicator"]),
        rule=_text(attrs["rule"]),
        threshold=float(_plain(attrs["threshold"])),
        base_year=int(_plain(attrs.get("base_year", years[0]))),
        deadline=deadline,
        prob_met=prob_met,
        prob_met_counterfactual=prob_cf,
        prob_met_at_deadline=(
            float(_plain(at_deadline))
            if at_deadline is not None
            else _value_in_year(prob_met, years, deadline)
        ),
        prob_met_counterfactual_at_deadline=(
            float(_plain(cf_at_deadline))
            if cf_at_deadline is not None
            else _value_in_year(prob_cf, years, deadline)
        ),
        threshold_units=_text(attrs.get("threshold_units", "")),
        prob_judged_met=(_series(path, group, "prob_judged_met", years.size)
                         if "prob_judged_met" in group else None),
        prob_judged_met_counterfactual=(
            _series(path, group, "prob_judged_met_counterfactual", years.size)
            if "prob_judged_met_counterfactual" in group else None),
        met_bits=_met_bits(group)[0],
        met_bits_counterfactual=_met_bits(group)[1],
    )


def _met_bits(group):
    """(scenario, counterfactual) packed per-draw met flags at the deadline, or None."""
    def read(name):
        return np.asarray(group[name][()], dtype=np.uint8) if name in group else None
    return read("met_at_deadline_bits"), read("met_at_deadline_bits_counterfactual")


def _read_history(path, h5):
    """The headline indicators' actual history up to the base year, from /history (model v2:
    /history/<id>/{years, region, comparator, uk}, docs/results.md): an indicator's own series
    where /history has it, else derived as lissim derives the indicator (jobs change from
    filled jobs; gaps as comparator minus region; the productivity gap as 100 (1 - region /
    comparator)). {} when the file has no /history."""
    if "history" not in h5:
        return {}
    series = {}
    for sid, group in h5["history"].items():
        if not isinstance(group, h5py.Group) or "years" not in group:
            continue  # sector subgroups and anything newer are not drawn
        years = np.asarray(group["years"][()], dtype=int)
        parts = {}
        for who in ("region", "comparator", "uk"):
            if who in group:
                values = np.asarray(group[who][()], dtype=float).reshape(-1)
                if values.size != years.size:
                    raise ResultsFormatError(path, f"{group[who].name}: {values.size} values for "
                                                   f"{years.size} history years")
                parts[who] = values
        if "region" in parts:
            attrs = group["region"].attrs
            series[sid] = (years, parts, _text(attrs.get("units", "")), _text(attrs.get("source", "")))
    base_year = int(_plain(h5.attrs.get("base_year", 0)))
    out = {}

    def add(name, years, values, units, source):
        out[name] = History(name, years, values, units, source)

    for sid, (years, parts, units, source) in series.items():
        add(sid, years, parts["region"], units, source)
    jobs = series.get("jobs") or series.get("filled_jobs")
    if jobs is not None and "jobs_change" not in out:
        years, parts, _units, source = jobs
        at_base = np.flatnonzero(years == base_year)
        if at_base.size:
            add("jobs_change", years, parts["region"] - parts["region"][at_base[0]], "persons",
                source)
    for gap, sid in (("employment_rate_gap", "employment_rate"),
                     ("activity_rate_gap", "activity_rate"),
                     ("private_density_gap", "private_density")):
        if sid in series and gap not in out and "comparator" in series[sid][1]:
            years, parts, units, source = series[sid]
            add(gap, years, parts["comparator"] - parts["region"],
                "pp" if units == "%" else units, source)
    # The target's gap is in current prices: lissim build-region's history names that series
    # gva_per_hour_current_price.
    gva = series.get("gva_per_hour") or series.get("gva_per_hour_current_price")
    if gva is not None and "productivity_gap" not in out and "comparator" in gva[1]:
        years, parts, _units, source = gva
        add("productivity_gap", years, 100.0 * (1.0 - parts["region"] / parts["comparator"]),
            "% of comparator GVA per hour", source)
    return out


def _read_interventions(path, h5, years, percent_index, order):
    """Read /interventions/<id>; `all` (the package) is placed last, the others by id.

    Only the quantiles of a series are required; mean and sd, the appraisal and the
    descriptive attributes are read when present, so a file from a newer minor version
    that drops or renames one of them still draws what it can.
    """
    if "interventions" not in h5 or not isinstance(h5["interventions"], h5py.Group):
        return {}
    ids = order.interventions(h5["interventions"])
    draws = int(_plain(h5.attrs["draws"])) if "draws" in h5.attrs else None
    return {
        iid: _read_intervention(path, iid, h5["interventions"][iid], years, percent_index, draws)
        for iid in ids
        if isinstance(h5["interventions"][iid], h5py.Group)
    }


def _read_intervention(path, iid, group, years, percent_index, draws=None):
    attrs = group.attrs
    series = {
        name: _read_series(path, group[name], years, percent_index)
        for name in INTERVENTION_SERIES.values()
        if name in group
    }
    appraisal = {
        view: _read_appraisal(path, view, group[name], draws)
        for view, name in APPRAISAL_GROUPS.items()
        if name in group
    }
    spend = attrs.get("spend_gbp_m")
    spend = None if spend is None else np.asarray(spend, dtype=float).reshape(-1)
    if spend is not None and spend.shape != years.shape:
        raise ResultsFormatError(
            path, f"{group.name} attribute spend_gbp_m has {spend.size} values for {years.size} years")
    total = attrs.get("total_spend_gbp_m")
    if total is not None:
        total = float(_plain(total))
    elif spend is not None:
        total = float(np.sum(spend))
    else:
        total = float("nan")
    channels = (tuple(_text(c) for c in np.atleast_1d(attrs["channels"]))
                if "channels" in attrs else ())
    return Intervention(
        id=iid,
        name=_text(attrs.get("name", "all interventions" if iid == ALL_INTERVENTIONS else iid)),
        foundation=_text(attrs.get("foundation", "")),
        source=_text(attrs.get("source", "")),
        channels=channels,
        spend_gbp_m=spend,
        total_spend_gbp_m=total,
        series=series,
        appraisal=appraisal,
    )


def _read_series(path, group, years, percent_index):
    """An intervention series: like an indicator, but mean and sd may be absent."""
    quantiles = _dataset(path, group, "quantiles")
    expected = (percent_index["count"], years.size)
    if quantiles.shape != expected:
        raise ResultsFormatError(
            path, f"{group.name}/quantiles has shape {quantiles.shape}, expected {expected}"
        )
    blank = np.full(years.size, np.nan)
    return IndicatorSummary(
        name=group.name.rsplit("/", 1)[-1],
        years=years,
        quantiles={p: quantiles[percent_index[p]].astype(float) for p in QUANTILE_PERCENTS},
        mean=_series(path, group, "mean", years.size) if "mean" in group else blank,
        sd=_series(path, group, "sd", years.size) if "sd" in group else blank,
        units=_attr_text(group, "units"),
        description=_attr_text(group, "description"),
    )


def appraisal_dataset_names(names):
    """The per-draw appraisal datasets among the dataset names of an appraisal group: the
    documented ones in APPRAISAL_DATASETS order, then any other (a newer file's) by name."""
    names = [n for n in names if n not in APPRAISAL_NOT_PER_DRAW]
    known = [n for n in APPRAISAL_DATASETS if n in names]
    return known + sorted(n for n in names if n not in APPRAISAL_DATASETS)


def _read_appraisal(path, view, group, expected_draws=None):
    """Every per-draw dataset of the group (appraisal_dataset_names), so measures a newer
    writer adds are read too; a documented one of the wrong shape is a format error, an
    unknown one that is not one value per draw is left out (it is not a per-draw measure)."""
    draws, units = {}, {}
    names = [n for n in group if isinstance(group[n], h5py.Dataset)]
    for name in appraisal_dataset_names(names):
        values = _dataset(path, group, name)
        # One value per draw: a shorter dataset must not read as a BCR of 0.
        if values.ndim != 1 or (expected_draws is not None and values.shape[0] != expected_draws) \
                or values.dtype.kind not in "biuf":
            if name not in APPRAISAL_DATASETS:
                continue
            raise ResultsFormatError(
                path, f"{group.name}/{name} has shape {list(values.shape)}, expected "
                f"[{expected_draws if expected_draws is not None else 'N'}] (one value per draw)"
            )
        draws[name] = values.astype(float)
        units[name] = _text(group[name].attrs.get("units", ""))
    probability, bands, edges = None, VFM_BANDS, np.array(VFM_EDGES)
    if "vfm_band_probability" in group:
        node = group["vfm_band_probability"]
        probability = _dataset(path, group, "vfm_band_probability").astype(float)
        if "bands" in node.attrs:
            bands = tuple(_text(b) for b in np.atleast_1d(node.attrs["bands"]))
        if "bcr_edges" in node.attrs:
            edges = np.asarray(node.attrs["bcr_edges"], dtype=float)
        if probability.shape != (len(bands),) or edges.shape != (len(bands) - 1,):
            raise ResultsFormatError(
                path, f"{node.name} has {probability.shape} values for {len(bands)} bands "
                f"and {edges.size} edges"
            )
    return Appraisal(
        view=_text(group.attrs.get("view", view)),
        attrs={key: _plain(value) for key, value in group.attrs.items()},
        draws=draws,
        units=units,
        vfm_band_probability=probability,
        bands=bands,
        bcr_edges=edges,
    )


def _read_sensitivity(path, h5):
    """/sensitivity/factors [K] and /sensitivity/<output>/{prcc, prcc_low, prcc_high} [K]."""
    return {
        output: Sensitivity(output, found.description, found.factors, *found.values,
                            units=_text(found.attrs.get("units", "")), attrs=found.attrs)
        for output, found in _read_factor_outputs(
            path, h5, "sensitivity", ("prcc", "prcc_low", "prcc_high")).items()
    }


SOBOL_OPTIONAL = ("S1_low", "S1_high", "ST_low", "ST_high", "S1_exact", "ST_exact")


def _read_sobol(path, h5):
    """/sobol/factors [K] and /sobol/<output>/{S1, ST, S1_conf, ST_conf} [K]; the interval
    ends and a test function's exact indices when present."""
    return {
        output: Sobol(output, found.description, found.factors, *found.values,
                      **{name.lower(): found.optional.get(name) for name in SOBOL_OPTIONAL},
                      parameters=found.parameters, attrs=found.attrs)
        for output, found in _read_factor_outputs(
            path, h5, "sobol", ("S1", "ST", "S1_conf", "ST_conf"), SOBOL_OPTIONAL).items()
    }


def _read_morris(path, h5):
    """/morris/factors [K] and /morris/<output>/{mu, mu_star, sigma} [K]."""
    morris = {}
    for output, found in _read_factor_outputs(path, h5, "morris",
                                              ("mu", "mu_star", "sigma")).items():
        units = _text(h5["morris"][output]["mu_star"].attrs.get("units", ""))
        morris[output] = Morris(output, found.factors, *found.values, units=units,
                                parameters=found.parameters)
    return morris


@dataclass(frozen=True)
class _FactorOutput:
    description: str
    factors: tuple
    values: list
    optional: dict
    parameters: tuple
    attrs: dict


def _read_factor_outputs(path, h5, location, names, optional=()):
    """Outputs of a per-factor analysis group, by output name; an absent or empty group
    yields nothing.

    Each output is a subgroup holding every dataset in `names` (and any in `optional`),
    one value per factor. `factor_parameters` [K], when present, names the parameters
    each factor moves.
    """
    if location not in h5 or not isinstance(h5[location], h5py.Group):
        return {}
    group = h5[location]
    if "factors" not in group:
        return {}
    factors = tuple(_text(f) for f in np.atleast_1d(_dataset(path, group, "factors")))
    parameters = ()
    if "factor_parameters" in group:
        parameters = tuple(_text(f) for f in
                           np.atleast_1d(_dataset(path, group, "factor_parameters")))
        if len(parameters) != len(factors):
            raise ResultsFormatError(
                path, f"/{location}/factor_parameters has {len(parameters)} entries for "
                f"{len(factors)} factors")

    def factor_values(node, name):
        data = _dataset(path, node, name).astype(float)
        if data.shape != (len(factors),):
            raise ResultsFormatError(
                path, f"{node.name}/{name} has shape {data.shape}, "
                f"expected ({len(factors)},) like /{location}/factors"
            )
        return data

    found = {}
    for output, node in group.items():
        if not isinstance(node, h5py.Group):
            continue
        found[output] = _FactorOutput(
            description=_text(node.attrs.get("description", output)),
            factors=factors,
            values=[factor_values(node, name) for name in names],
            optional={name: factor_values(node, name) for name in optional if name in node},
            parameters=parameters,
            attrs={key: _plain(value) for key, value in node.attrs.items()},
        )
    return found


# ------------------------------------------------------------- the other lissim files


def _read_sobol_file(path, h5):
    attrs = {key: _plain(value) for key, value in h5.attrs.items()}
    sobol, morris = _read_sobol(path, h5), _read_morris(path, h5)
    if not sobol and not morris:
        raise ResultsFormatError(path, "no output in /sobol or /morris")
    return SobolFile(path, attrs, sobol, morris)


def _read_sensitivity_file(path, h5):
    attrs = {key: _plain(value) for key, value in h5.attrs.items()}
    if "sensitivity" not in h5 or "factors" not in h5["sensitivity"]:
        raise ResultsFormatError(path, "missing /sensitivity/factors")
    sensitivity = _read_sensitivity(path, h5)
    if not sensitivity:
        raise ResultsFormatError(path, "no output in /sensitivity")
    return SensitivityFile(path, attrs, sensitivity)


def _read_sweep(path, h5):
    attrs = {key: _plain(value) for key, value in h5.attrs.items()}
    if "points" not in h5:
        raise ResultsFormatError(path, "missing group /points")
    table = h5["points"]
    keys = tuple(_text(k) for k in np.atleast_1d(_dataset(path, table, "keys")))
    values = _dataset(path, table, "values").astype(float)
    if values.ndim != 2 or values.shape[1] != len(keys) or values.shape[0] == 0 or not keys:
        raise ResultsFormatError(
            path, f"/points/values has shape {values.shape}, expected [P, {len(keys)}] with "
            "P >= 1 and one column per /points/keys")
    n_points = values.shape[0]
    if "varied_axis" in table:
        varied = _dataset(path, table, "varied_axis").astype(int)
        if varied.shape != (n_points,):
            raise ResultsFormatError(
                path, f"/points/varied_axis has shape {varied.shape}, expected ({n_points},)")
    else:
        varied = np.full(n_points, -1)
    if attrs.get("mode") == "one_at_a_time" and np.any(varied >= len(keys)):
        raise ResultsFormatError(path, "/points/varied_axis names an axis beyond /points/keys")
    years = _read_years(path, h5)
    summary_years = _dataset(path, h5, "summary_years").astype(int).reshape(-1)
    percent_index = _quantile_index(path, h5)
    deadline = int(attrs.get("deadline", years[-1]))
    if deadline not in years:
        raise ResultsFormatError(path, f"deadline {deadline} is not in /years")

    order = ScenarioOrder(attrs.get("base_scenario_yaml"))
    targets, prob_all, prob_all_cf = {}, None, None
    if "targets" in h5:
        for target_id in order.targets(h5["targets"]):
            group = h5["targets"][target_id]
            if not isinstance(group, h5py.Group):
                continue
            prob = _sweep_array(path, group, "prob_met", (n_points, years.size))
            prob_cf = (_sweep_array(path, group, "prob_met_counterfactual",
                                    (n_points, years.size))
                       if "prob_met_counterfactual" in group else None)
            if target_id == ALL_INTERVENTIONS:
                prob_all, prob_all_cf = prob, prob_cf
            else:
                targets[target_id] = SweepTarget(target_id, prob, prob_cf)

    shape = (n_points, summary_years.size)
    indicators = {}
    for group_name in ("scenario", "effect"):
        location = f"{group_name}/indicators"
        if location in h5:
            indicators[group_name] = {
                name: _sweep_summary(path, node, percent_index, shape)
                for name, node in h5[location].items() if isinstance(node, h5py.Group)}

    interventions = {}
    if "interventions" in h5:
        for iid in order.interventions(h5["interventions"]):
            group = h5["interventions"][iid]
            if not isinstance(group, h5py.Group):
                continue
            series = {name: _sweep_summary(path, group[name], percent_index, shape)
                      for name in ("net_additional_jobs", "net_additional_gva",
                                   "net_additional_jobs_national", "net_additional_gva_national")
                      if name in group}
            appraisal, prob_bcr = {}, None
            if "appraisal" in group:
                for name, node in group["appraisal"].items():
                    if isinstance(node, h5py.Group):
                        appraisal[name] = _sweep_summary(path, node, percent_index, (n_points,))
                if "prob_bcr_at_least_1" in group["appraisal"]:
                    prob_bcr = _sweep_array(path, group["appraisal"], "prob_bcr_at_least_1",
                                            (n_points,))
            spend = (_sweep_array(path, group, "total_spend_gbp_m", (n_points,))
                     if "total_spend_gbp_m" in group else None)
            interventions[iid] = SweepIntervention(iid, series, appraisal, prob_bcr, spend)

    return Sweep(path, attrs, keys, values, varied, years, summary_years, targets,
                 prob_all_met=prob_all, prob_all_met_counterfactual=prob_all_cf,
                 indicators=indicators, interventions=interventions)


def _sweep_array(path, group, name, shape):
    data = _dataset(path, group, name).astype(float)
    if data.shape != tuple(shape):
        raise ResultsFormatError(
            path, f"{group.name}/{name} has shape {data.shape}, expected {tuple(shape)}")
    return data


def _sweep_summary(path, group, percent_index, shape):
    """quantiles [P, levels, ...] and mean [P, ...] of one sweep summary."""
    n_points, rest = shape[0], tuple(shape[1:])
    quantiles = _sweep_array(path, group, "quantiles",
                             (n_points, percent_index["count"]) + rest)
    dims = group["quantiles"].attrs.get("dims")
    if dims is not None and [_text(d) for d in np.atleast_1d(dims)][:2] != ["point", "quantile"]:
        raise ResultsFormatError(path, f"{group.name}/quantiles has dims {_plain(dims)}")
    mean = _sweep_array(path, group, "mean", shape) if "mean" in group else None
    return SweepSummary(
        name=group.name.rsplit("/", 1)[-1],
        quantiles={p: quantiles[:, percent_index[p]] for p in QUANTILE_PERCENTS},
        mean=mean,
        units=_attr_text(group, "units"),
        description=_attr_text(group, "description"),
    )


_READERS = {
    FILETYPE: _read_results,
    SWEEP_FILETYPE: _read_sweep,
    SOBOL_FILETYPE: _read_sobol_file,
    SENSITIVITY_FILETYPE: _read_sensitivity_file,
}


def _attr_text(group, name):
    """Text attribute of an indicator: on its quantiles dataset (the contract: every
    dataset carries units and description), else on the indicator group, else ""."""
    for holder in (group["quantiles"].attrs, group.attrs):
        if name in holder:
            return _text(holder[name])
    return ""


def _dataset(path, group, name):
    if name not in group:
        raise ResultsFormatError(path, f"missing dataset {group.name.rstrip('/')}/{name}")
    node = group[name]
    if not isinstance(node, h5py.Dataset):
        raise ResultsFormatError(path, f"{node.name} is not a dataset")
    return np.asarray(node[()])


def _series(path, group, name, length):
    values = _dataset(path, group, name)
    if values.shape != (length,):
        raise ResultsFormatError(
            path, f"{group.name}/{name} has shape {values.shape}, expected ({length},)"
        )
    return values.astype(float)


def _text(value):
    """Attributes may come back as str or bytes depending on how they were written. Text that
    is not UTF-8 (h5py passes it on as lone surrogates) raises ValueError: a damaged file."""
    if isinstance(value, bytes):
        try:
            return value.decode("utf-8")
        except UnicodeDecodeError as err:
            raise ValueError(f"text {value[:40]!r} is not UTF-8") from err
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value.item())
    text = str(value)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(f"text {text[:40]!r} is not UTF-8") from err
    return text


def _plain(value):
    """Turn h5py attribute values into Python scalars/strings/arrays for easy use."""
    if isinstance(value, (bytes, str)):
        return _text(value)
    array = np.asarray(value)
    if array.dtype.kind in "OSU":
        texts = [_text(v) for v in array.ravel()]
        return texts[0] if array.shape == () else texts
    return array.item() if array.shape == () else array


# ------------------------------------------------------------------- pure extraction


def fan_bands(summary):
    """Bands for a fan chart: {(5, 95): (lo, hi), (10, 90): ..., (25, 75): ..., "median": m}.

    NaN entries (indicator undefined in every draw that year) are passed through, so the
    chart leaves a gap rather than drawing a misleading value.
    """
    bands = {(lo, hi): (summary.quantiles[lo], summary.quantiles[hi]) for lo, hi in FAN_BANDS}
    bands["median"] = summary.quantiles[50]
    return bands


def target_line(target, summary):
    """Level of the target on the indicator's axis, or None if it cannot be drawn.

    at_least / at_most / share_of_growth_at_least: the threshold itself (already in the
    indicator's units). reduce_by: the target is relative to each draw's base-year value,
    so the line is drawn at (1 - threshold) * median X(base year). None for a rule this
    reader does not know (a newer file) or a base year without a defined median; the
    chart is still valid without the line.
    """
    if target.rule in ("at_least", "at_most", "share_of_growth_at_least"):
        return float(target.threshold)
    if target.rule == "reduce_by":
        base = _value_in_year(summary.quantiles[50], summary.years, target.base_year)
        if not np.isfinite(base):
            return None
        return float((1.0 - target.threshold) * base)
    return None


def judged_at_deadline(target, years, counterfactual=False):
    """P(the published figures show the target met in its deadline year); NaN when the
    file does not have it (model v1 files)."""
    series = target.prob_judged_met_counterfactual if counterfactual else target.prob_judged_met
    return float("nan") if series is None else _value_in_year(series, years, target.deadline)


def unpack_met_bits(bits, draws):
    """Per-draw met flags (bool [draws]) from a packed array (numpy.packbits, little bit
    order: draw k is bit k % 8 of byte k // 8)."""
    return np.unpackbits(np.asarray(bits, dtype=np.uint8), count=int(draws),
                         bitorder="little").astype(bool)


def prob_at_deadline(target, years, counterfactual=False):
    """P(target met in its deadline year) from the per-year series; NaN past the horizon."""
    series = target.prob_met_counterfactual if counterfactual else target.prob_met
    return _value_in_year(series, years, target.deadline)


def counterfactual_differs(scenario, counterfactual):
    """True when the counterfactual median differs from the scenario median.

    Without interventions both are identical, and a second line on top of the first
    would only suggest an effect that is not there.
    """
    return not np.allclose(
        scenario.quantiles[50], counterfactual.quantiles[50], rtol=1e-12, atol=0.0, equal_nan=True
    )


def targets_for(results, indicator):
    """Targets judged on the given indicator, in file order."""
    return [t for t in results.targets.values() if t.indicator == indicator]


def target_table(results):
    """One row per target (dicts), for printing or CSV: definition and deadline odds."""
    return [
        {
            "id": t.id,
            "description": t.description,
            "indicator": t.indicator,
            "rule": t.rule,
            "threshold": t.threshold,
            "base_year": t.base_year,
            "deadline": t.deadline,
            "prob_met_at_deadline": t.prob_met_at_deadline,
            "prob_met_at_deadline_counterfactual": prob_at_deadline(
                t, results.years, counterfactual=True
            ),
        }
        for t in results.targets.values()
    ]


def prob_all_at_deadline(results, counterfactual=False):
    """P(all targets met jointly) in the deadline year; NaN when the file lacks it."""
    series = results.prob_all_met_counterfactual if counterfactual else results.prob_all_met
    if series is None:
        return float("nan")
    return _value_in_year(series, results.years, results.deadline)


# ------------------------------------------------------------ interventions and appraisal


def intervention_ids(results, include_all=True):
    """Intervention ids in file order (by id), with `all` (the package) last if present."""
    return [iid for iid in results.interventions
            if include_all or iid != ALL_INTERVENTIONS]


def net_bands(intervention, measure="jobs", view="local"):
    """Fan-chart bands of an intervention's net additional jobs or GVA by year.

    measure "jobs" or "gva", view "local" or "national"; the same dict as fan_bands
    ({(5, 95): (lo, hi), ..., "median": m}), or None when the file lacks that series.
    """
    name = INTERVENTION_SERIES[(measure, view)]
    summary = intervention.series.get(name)
    return None if summary is None else fan_bands(summary)


def finite(values):
    """The finite entries of an array, as float: NaN (undefined draws) and inf dropped."""
    values = np.asarray(values, dtype=float).reshape(-1)
    return values[np.isfinite(values)]


def appraisal_values(intervention, name, view="local"):
    """Per-draw values of an appraisal dataset (bcr, npv, ...) with NaN dropped.

    An empty array when the intervention has no such appraisal view or dataset.
    """
    appraisal = intervention.appraisal.get(view)
    if appraisal is None or name not in appraisal.draws:
        return np.empty(0)
    return finite(appraisal.draws[name])


def defined_fraction(intervention, name, view="local"):
    """Share of draws where an appraisal dataset is defined (not NaN); NaN if absent."""
    appraisal = intervention.appraisal.get(view)
    if appraisal is None or name not in appraisal.draws or appraisal.draws[name].size == 0:
        return float("nan")
    values = appraisal.draws[name]
    return float(np.count_nonzero(np.isfinite(values)) / values.size)


def bcr_band_probabilities(bcr, edges=VFM_EDGES):
    """P(BCR in each value-for-money band) over the defined draws, as an array [len(edges)+1].

    Bands are half-open [edge_k, edge_k+1): a BCR of exactly 1.5 is "medium". All NaN
    when no draw is defined.
    """
    values = finite(bcr)
    edges = np.asarray(edges, dtype=float)
    if values.size == 0:
        return np.full(edges.size + 1, np.nan)
    counts = np.bincount(np.searchsorted(edges, values, side="right"), minlength=edges.size + 1)
    return counts / values.size


def vfm_band_probabilities(intervention, view="local"):
    """The file's P(BCR in band) [5]; computed from the per-draw BCRs when it is absent."""
    appraisal = intervention.appraisal.get(view)
    if appraisal is None:
        return np.full(len(VFM_BANDS), np.nan)
    if appraisal.vfm_band_probability is not None:
        return np.asarray(appraisal.vfm_band_probability, dtype=float)
    return bcr_band_probabilities(appraisal.draws.get("bcr", np.empty(0)), appraisal.bcr_edges)


def prob_at_least(values, threshold):
    """Share of the defined values that are >= threshold (e.g. P(BCR >= 1)); NaN if none."""
    values = finite(values)
    return float(np.mean(values >= threshold)) if values.size else float("nan")


def draw_quantiles(values, percents=(5, 50, 95)):
    """Quantiles of per-draw values over the defined draws, numpy's default (type 7)
    interpolation as lissim's own summaries; NaN when no draw is defined."""
    values = finite(values)
    if values.size == 0:
        return np.full(len(percents), np.nan)
    return np.quantile(values, np.asarray(percents, dtype=float) / 100.0)


def appraisal_table(results, view="local"):
    """One row per intervention (dicts, `all` last): spend, and median and 90% band
    ([5%, 50%, 95%] arrays) and defined fraction of every appraisal measure (each of
    APPRAISAL_DATASETS, NaN where the file lacks it, then any other the file holds),
    P(BCR >= 1) and the value-for-money band probabilities. Interventions without that view
    are left out."""
    rows = []
    for iid, intervention in results.interventions.items():
        appraisal = intervention.appraisal.get(view)
        if appraisal is None:
            continue
        row = {
            "id": iid,
            "name": intervention.name,
            "foundation": intervention.foundation,
            "total_spend_gbp_m": intervention.total_spend_gbp_m,
            "units": dict(appraisal.units),
            "bands": appraisal.bands,
            "vfm_band_probability": vfm_band_probabilities(intervention, view),
            "prob_bcr_at_least_1": prob_at_least(appraisal.draws.get("bcr", []), 1.0),
        }
        for name in APPRAISAL_DATASETS + tuple(n for n in appraisal.draws
                                               if n not in APPRAISAL_DATASETS):
            row[name] = draw_quantiles(appraisal.draws.get(name, []))
            row[f"{name}_defined_fraction"] = defined_fraction(intervention, name, view)
        rows.append(row)
    return rows


def effect_quantiles_at(results, name, year=None):
    """Quantiles [7] (QUANTILE_PERCENTS order) of the draw-by-draw effect of the
    interventions (scenario minus counterfactual) on an indicator in a year (default: the
    deadline). None when the file has no /effect for that indicator; NaN past the horizon.
    """
    summary = results.effect.get(name)
    if summary is None:
        return None
    year = results.deadline if year is None else year
    return np.array([_value_in_year(summary.quantiles[p], results.years, year)
                     for p in QUANTILE_PERCENTS])


# ------------------------------------------------------------------- sensitivity


def tornado_order(sensitivity, top=None):
    """Factor indices sorted by |PRCC|, largest first (ties: factor order); NaN last.

    top keeps only the first `top` factors.
    """
    magnitude = np.abs(sensitivity.prcc)
    key = np.where(np.isfinite(magnitude), magnitude, -1.0)
    order = np.argsort(-key, kind="stable")
    return order if top is None else order[:top]


def sobol_order(sobol, top=None):
    """Factor indices sorted by total-order index ST, largest first; NaN last."""
    key = np.where(np.isfinite(sobol.st), sobol.st, -np.inf)
    order = np.argsort(-key, kind="stable")
    return order if top is None else order[:top]


def sobol_intervals(sobol):
    """{"S1": (low, high), "ST": (low, high)}: the file's interval ends when it has them
    (lissim's percentile bootstrap intervals need not be symmetric), else index +- conf."""
    return {
        "S1": (sobol.s1 - sobol.s1_conf if sobol.s1_low is None else sobol.s1_low,
               sobol.s1 + sobol.s1_conf if sobol.s1_high is None else sobol.s1_high),
        "ST": (sobol.st - sobol.st_conf if sobol.st_low is None else sobol.st_low,
               sobol.st + sobol.st_conf if sobol.st_high is None else sobol.st_high),
    }


def morris_order(morris, top=None):
    """Factor indices sorted by mu* (mean absolute elementary effect), largest first."""
    key = np.where(np.isfinite(morris.mu_star), morris.mu_star, -np.inf)
    order = np.argsort(-key, kind="stable")
    return order if top is None else order[:top]


def morris_ratio(morris):
    """sigma / mu* per factor (NaN where mu* is 0): below 0.1 the factor acts almost
    linearly, 0.1-0.5 monotonically, 0.5-1 almost monotonically, above 1 non-linearly or
    through interactions (Garcia Sanchez et al. 2014)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(morris.mu_star > 0, morris.sigma / morris.mu_star, np.nan)


MEASURE_NAMES = {
    "bcr": "benefit-cost ratio",
    "npv": "net present value",
    "benefit_pv": "present value of the benefits",
    "cost_pv": "present value of the cost",
    "cost_per_net_job": "cost per net additional job",
    "cost_per_net_job_year": "cost per net additional job-year",
    "bcr_without_productivity": "benefit-cost ratio without the productivity channel",
    "residual_value_pv": "present value of the residual value",
    "public_cost": "public cost",
    "cost_pv_per_net_job": "present value of the cost per net additional job",
    "cost_pv_per_net_job_year": "present value of the cost per net additional job-year",
    "peak_net_jobs": "peak net additional jobs",
    "net_job_years": "net additional job-years",
}


def output_description(label):
    """Plain words for an output label of `lissim sensitivity` / `lissim sobol`:

        jobs_change@2030           -> "jobs change in 2030"
        counterfactual:jobs@2030   -> "jobs in 2030 without the interventions"
        effect:jobs@2030           -> "the interventions' effect on jobs in 2030"
        all:bcr                    -> "benefit-cost ratio of the package of interventions"
        skills:npv                 -> "net present value of intervention skills"
    Anything else is returned with underscores as spaces.
    """
    label = str(label)
    if "@" in label:
        where, _, year = label.rpartition("@")
        path, _, indicator = where.rpartition(":")
        words = f"{indicator.replace('_', ' ')} in {year}"
        if path == "counterfactual":
            return f"{words} without the interventions"
        if path == "effect":
            return f"the interventions' effect on {words}"
        return words if path in ("", "scenario") else f"{words} ({path})"
    if ":" in label:
        iid, _, measure = label.partition(":")
        what = MEASURE_NAMES.get(measure, measure.replace("_", " "))
        if iid == ALL_INTERVENTIONS:
            return f"{what} of the package of interventions"
        return f"{what} of intervention {iid}"
    return label.replace("_", " ")


# ------------------------------------------------------------------------- sweeps


def sweep_prob_at_deadline(sweep, target=ALL_INTERVENTIONS, counterfactual=False):
    """P(target met in the deadline year) at each point, [P]; target `all` (the default)
    is every target jointly. None when the file lacks that series (e.g. no
    counterfactual without interventions)."""
    if target == ALL_INTERVENTIONS:
        series = sweep.prob_all_met_counterfactual if counterfactual else sweep.prob_all_met
    else:
        found = sweep.targets[target]
        series = found.prob_met_counterfactual if counterfactual else found.prob_met
    if series is None:
        return None
    column = int(np.flatnonzero(sweep.years == sweep.deadline)[0])
    return series[:, column].copy()


def sweep_summary_at(summary, summary_years, year, percent=50):
    """One quantile of a per-point summary in a summary year, [P]; NaN when the year is
    not a summary year."""
    values = summary.quantiles[percent]
    if values.ndim == 1:
        return values.copy()
    hits = np.flatnonzero(np.asarray(summary_years) == int(year))
    return values[:, hits[0]].copy() if hits.size else np.full(values.shape[0], np.nan)


def sweep_net_effect(sweep, intervention, year, measure="jobs", percent=50):
    """Net additional jobs ("jobs") or GVA ("gva") of an intervention (`all`: the package),
    local view, in a summary year: the given quantile over draws at each point, [P].
    None when the file lacks it."""
    found = sweep.interventions.get(intervention)
    name = "net_additional_jobs" if measure == "jobs" else "net_additional_gva"
    if found is None or name not in found.series:
        return None
    return sweep_summary_at(found.series[name], sweep.summary_years, year, percent)


def sweep_appraisal(sweep, intervention, measure="bcr", percent=50):
    """An appraisal measure's quantile over draws at each point, [P] (NaN where no draw
    has it defined); None when the file lacks it."""
    found = sweep.interventions.get(intervention)
    if found is None or measure not in found.appraisal:
        return None
    return found.appraisal[measure].quantiles[percent].copy()


def sweep_base_values(sweep):
    """Each axis's value in the base scenario, [A], read from the `base_scenario_yaml`
    attribute by key path (`a.b[id].c`: `[id]` picks the list entry with that id, `[n]`
    entry n); NaN where the scenario leaves it to a default or holds a distribution."""
    text = sweep.attrs.get("base_scenario_yaml")
    values = np.full(len(sweep.keys), np.nan)
    if not isinstance(text, str):
        return values
    try:
        import yaml  # python3-yaml; optional: without it the base value is not marked
        document = yaml.safe_load(text)
    except Exception:  # noqa: BLE001 - any failure just leaves the base values unknown
        return values
    for axis, key in enumerate(sweep.keys):
        value = _lookup_key_path(document, key)
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            values[axis] = float(value)
    return values


def _lookup_key_path(node, key):
    import re
    for part in key.split("."):
        match = re.fullmatch(r"([^\[\]]*)((?:\[[^\]]*\])*)", part)
        if match is None:
            return None
        name, selectors = match.groups()
        if name:
            if not isinstance(node, dict) or name not in node:
                return None
            node = node[name]
        for selector in re.findall(r"\[([^\]]*)\]", selectors):
            if not isinstance(node, list):
                return None
            if selector.isdigit() and int(selector) < len(node):
                node = node[int(selector)]
                continue
            hits = [e for e in node if isinstance(e, dict) and str(e.get("id")) == selector]
            if not hits:
                return None
            node = hits[0]
    return node


def sweep_axis_values(sweep, axis, points=None, base_values=None):
    """The axis's value at the given points (default all), with NaN (the base value)
    replaced by the base scenario's value where known."""
    points = np.arange(sweep.values.shape[0]) if points is None else np.asarray(points)
    values = sweep.values[points, axis].copy()
    base = sweep_base_values(sweep) if base_values is None else base_values
    values[np.isnan(values)] = base[axis]
    return values


def sweep_spend_axis(sweep, axis):
    """(intervention id, GBP m of spend per unit of the axis) when the axis is an
    intervention's spend_scale and the file has its spend; None otherwise. Spend is
    proportional to the scale, so the axis can be read in GBP m."""
    import re
    match = re.fullmatch(r"interventions\[([^\]]+)\]\.spend_scale", sweep.keys[axis])
    if match is None or match.group(1) not in sweep.interventions:
        return None
    spend = sweep.interventions[match.group(1)].total_spend_gbp_m
    if spend is None:
        return None
    scale = sweep.values[:, axis]
    usable = np.isfinite(scale) & (scale > 0)
    if not usable.any():
        return None
    return match.group(1), float(np.median(np.asarray(spend)[usable] / scale[usable]))


def sweep_layout(sweep):
    """How the points are drawn: a list of SweepPanel.

    grid, one axis: one panel, one line over the axis's values.
    grid, two or more axes: the first axis on x and one line per value of the second;
        with more axes, one panel per combination of the third and later axes' values.
    one_at_a_time: one panel per axis, a line over that axis's points, and the base point
        (varied_axis -1) as the reference.
    Lines' points are sorted by x; values and panels in the order the file lists them.
    """
    values, n_axes = sweep.values, len(sweep.keys)
    if sweep.mode == "one_at_a_time":
        base = np.flatnonzero(sweep.varied_axis < 0)
        base_point = int(base[0]) if base.size else None
        panels = []
        for axis in range(n_axes):
            points = np.flatnonzero(sweep.varied_axis == axis)
            if not points.size:
                continue
            points = points[np.argsort(values[points, axis], kind="stable")]
            panels.append(SweepPanel(axis, sweep.keys[axis],
                                     (SweepLine("", points, values[points, axis]),),
                                     base_point))
        return panels
    everything = np.arange(values.shape[0])
    groups = _unique_rows(values[:, 2:]) if n_axes > 2 else [()]
    panels = []
    for combo in groups:
        in_panel = everything[np.all(values[:, 2:] == np.asarray(combo, dtype=float), axis=1)] \
            if n_axes > 2 else everything
        title = ", ".join(f"{sweep.keys[2 + k]} = {_format_value(v)}"
                          for k, v in enumerate(combo))
        lines = []
        series_values = _unique_rows(values[in_panel, 1:2]) if n_axes > 1 else [()]
        for series in series_values:
            points = in_panel[values[in_panel, 1] == series[0]] if n_axes > 1 else in_panel
            points = points[np.argsort(values[points, 0], kind="stable")]
            label = f"{sweep.keys[1]} = {_format_value(series[0])}" if n_axes > 1 else ""
            lines.append(SweepLine(label, points, values[points, 0]))
        panels.append(SweepPanel(0, title, tuple(lines)))
    return panels


def _unique_rows(array):
    """Distinct rows of a 2-D array, in order of first appearance, as tuples."""
    seen = []
    for row in np.asarray(array):
        key = tuple(float(v) for v in row)
        if key not in seen:
            seen.append(key)
    return seen


def _format_value(value):
    return f"{value:g}"


# ------------------------------------------------------------------ several files


def comparison_table(results_list):
    """P(met at the deadline) of every target across files: one row per target id (union,
    in first-seen order, `all` last) with arrays [F] for the scenario and counterfactual,
    NaN where a file lacks the target."""
    ids = []
    for results in results_list:
        ids += [t for t in results.targets if t not in ids]
    rows = []
    for target_id in ids:
        scenario, counterfactual = [], []
        for results in results_list:
            target = results.targets.get(target_id)
            scenario.append(np.nan if target is None else target.prob_met_at_deadline)
            counterfactual.append(
                np.nan if target is None else target.prob_met_counterfactual_at_deadline)
        rows.append({"id": target_id, "scenario": np.array(scenario),
                     "counterfactual": np.array(counterfactual)})
    rows.append({
        "id": "all",
        "scenario": np.array([prob_all_at_deadline(r) for r in results_list]),
        "counterfactual": np.array([prob_all_at_deadline(r, counterfactual=True)
                                    for r in results_list]),
    })
    return rows


def comparison_value(results, target_id):
    """P(met at the deadline) of a target (or `all`) in one file; NaN where it lacks it."""
    if target_id == "all":
        return prob_all_at_deadline(results)
    target = results.targets.get(target_id)
    return float("nan") if target is None else target.prob_met_at_deadline


def shared_seed_and_draws(results_list):
    """(same seed, same draws) across files: with both, the files use common random
    numbers and differences between them are not Monte Carlo noise."""
    seeds = {_plain_key(r.attrs.get("seed")) for r in results_list}
    draws = {_plain_key(r.attrs.get("draws")) for r in results_list}
    return (len(seeds) == 1 and None not in seeds, len(draws) == 1 and None not in draws)


def _plain_key(value):
    return None if value is None else int(value)


def _value_in_year(series, years, year):
    hits = np.flatnonzero(np.asarray(years) == int(year))
    return float(series[hits[0]]) if hits.size else float("nan")
