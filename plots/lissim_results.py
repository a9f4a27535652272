"""Read a lissim results file (HDF5, format version 1) into plain numpy data.

The results file is a public, versioned contract (see the project's OUTPUT.md): this
module reads only the documented layout, checks `filetype` and the major
`format_version` before anything else, and ignores groups it does not use (sectors,
draws, interventions, sensitivity), so additions in later minor versions do not break it.

Everything here is pure data extraction with no plotting, so tests can check it on known
values and users' own scripts can reuse it:

    results = open_results("out.h5")
    jobs = results.indicators["scenario"]["jobs_change"]
    bands = fan_bands(jobs)                   # {(5, 95): (lo, hi), ..., "median": m}
    for target in results.targets.values():
        print(target.id, prob_at_deadline(target, results.years))
"""

from dataclasses import dataclass

import h5py
import numpy as np

FILETYPE = "lissim-results"
SUPPORTED_MAJOR_VERSION = 1

# Groups holding indicator summaries: scenario paths and the same draws without
# interventions.
GROUPS = ("scenario", "counterfactual")

# Quantile levels the contract promises, in percent. Looked up by value, not position,
# so a file carrying extra levels still reads.
QUANTILE_PERCENTS = (5, 10, 25, 50, 75, 90, 95)

# Central bands drawn in a fan chart, widest first, as (lower, upper) percent.
FAN_BANDS = ((5, 95), (10, 90), (25, 75))

# Target rules this reader understands (MODEL.md section 1; OUTPUT.md /targets).
RULES = ("at_least", "at_most", "reduce_by", "share_of_growth_at_least")


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


@dataclass(frozen=True)
class Results:
    """Everything the plots need from one results file."""

    path: str
    attrs: dict
    years: np.ndarray
    indicators: dict  # group ("scenario"/"counterfactual") -> name -> IndicatorSummary
    targets: dict  # id -> Target, in file order
    prob_all_met: object = None  # float array [Y]; None when the file has no targets

    @property
    def base_year(self):
        """Base year from the root attribute; the first year if the attribute is absent."""
        return int(self.attrs.get("base_year", self.years[0]))

    @property
    def scenario_name(self):
        return str(self.attrs.get("scenario_name", ""))


# --------------------------------------------------------------------------- reading


def open_results(path):
    """Read a results file, raising ResultsFormatError on anything unreadable.

    Every failure (missing file, not HDF5, wrong filetype or version, missing or
    misshapen dataset) becomes one ResultsFormatError, so callers need a single handler.
    """
    path = str(path)
    try:
        is_hdf5 = h5py.is_hdf5(path)
    except (OSError, ValueError) as err:
        raise ResultsFormatError(path, f"cannot open: {err}") from err
    if not is_hdf5:
        raise ResultsFormatError(path, "not an HDF5 file")
    try:
        with h5py.File(path, "r") as h5:
            return _read_results(path, h5)
    except ResultsFormatError:
        raise
    except (OSError, KeyError, ValueError, TypeError) as err:
        raise ResultsFormatError(path, f"damaged results file: {err}") from err


def _read_results(path, h5):
    attrs = {key: _plain(value) for key, value in h5.attrs.items()}
    check_format(path, attrs)
    years = _read_years(path, h5)
    percent_index = _quantile_index(path, h5)
    indicators = {
        group: _read_indicator_group(path, h5, group, years, percent_index) for group in GROUPS
    }
    targets, prob_all = _read_targets(path, h5, years)
    return Results(path, attrs, years, indicators, targets, prob_all)


def check_format(path, attrs):
    """Check filetype and major format version before reading anything else.

    A major version bump means the layout changed in a way this reader cannot follow,
    so refusing is safer than misreading.
    """
    filetype = attrs.get("filetype")
    if filetype != FILETYPE:
        found = "no filetype attribute" if filetype is None else f"filetype is {filetype!r}"
        raise ResultsFormatError(path, f"{found}, expected {FILETYPE!r}")
    version = attrs.get("format_version")
    if version is None:
        raise ResultsFormatError(path, "no format_version attribute")
    try:
        major = int(np.atleast_1d(version)[0])
    except (TypeError, ValueError) as err:
        raise ResultsFormatError(
            path, f"format_version {version!r} is not an integer array"
        ) from err
    if major != SUPPORTED_MAJOR_VERSION:
        raise ResultsFormatError(
            path,
            f"format_version is {_version_text(version)}, "
            f"but this reader supports major version {SUPPORTED_MAJOR_VERSION} only",
        )


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


def _read_targets(path, h5, years):
    """Read /targets; a file without the group simply has no targets."""
    if "targets" not in h5:
        return {}, None
    targets = {}
    prob_all = None
    for target_id, group in h5["targets"].items():
        if target_id == "all":
            prob_all = _series(path, group, "prob_met", years.size)
        else:
            targets[target_id] = _read_target(path, target_id, group, years)
    return targets, prob_all


def _read_target(path, target_id, group, years):
    attrs = group.attrs
    for required in ("indicator", "rule", "threshold", "deadline"):
        if required not in attrs:
            raise ResultsFormatError(path, f"{group.name} lacks attribute {required!r}")
    prob_met = _series(path, group, "prob_met", years.size)
    deadline = int(_plain(attrs["deadline"]))
    at_deadline = attrs.get("prob_met_at_deadline")
    return Target(
        id=target_id,
        description=_text(attrs.get("description", target_id)),
        indicator=_text(attrs["indicator"]),
        rule=_text(attrs["rule"]),
        threshold=float(_plain(attrs["threshold"])),
        base_year=int(_plain(attrs.get("base_year", years[0]))),
        deadline=deadline,
        prob_met=prob_met,
        prob_met_counterfactual=_series(path, group, "prob_met_counterfactual", years.size),
        prob_met_at_deadline=(
            float(_plain(at_deadline))
            if at_deadline is not None
            else _value_in_year(prob_met, years, deadline)
        ),
    )


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
    """Attributes may come back as str or bytes depending on how they were written."""
    if isinstance(value, bytes):
        return value.decode("utf-8")
    if isinstance(value, np.ndarray) and value.shape == ():
        return _text(value.item())
    return str(value)


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


def _value_in_year(series, years, year):
    hits = np.flatnonzero(np.asarray(years) == int(year))
    return float(series[hits[0]]) if hits.size else float("nan")
