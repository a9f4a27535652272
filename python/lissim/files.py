"""lissim files as xarray Datasets with named dimensions and units (lissim.open).

Every kind of lissim file opens into a LissimFile: its root attributes, and a few
xarray.Datasets whose variables are the file's datasets, stacked along the axes the file
spreads over groups (path, target, intervention, output, point, series...). Each variable keeps
its `units` and `description` attributes. Dimension names come from the file: its dimension
scales (format 2), else its `dims` attribute, else the layout of docs/results.md (format 1).
Values are the file's own, never recomputed.
"""

import h5py
import numpy as np
import xarray as xr

from . import reader

BACKTEST_FILETYPE = "lissim-backtest"  # the backtest command (docs/results.md)
FILETYPES = reader.FILETYPES + (BACKTEST_FILETYPE,)
PATHS = ("scenario", "counterfactual", "effect")
# Quantile levels of backtest files that carry no /quantile_levels (docs/results.md).
CONTRACT_LEVELS = np.array([0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95])
# The backtest's two-value datasets and their axes (named in the file from format 2.0 on).
PAIR_AXES = {"coverage_50_interval": "bound", "coverage_90_interval": "bound",
             "crps_minus_no_change": "statistic", "crps_minus_trend": "statistic"}


class LissimFile:
    """One opened lissim file: `filetype`, `attrs` (root attributes) and its Datasets by
    name, also as attributes (`f.indicators`, `f["indicators"]`)."""

    def __init__(self, path, filetype, attrs, datasets):
        self.path = str(path)
        self.filetype = filetype
        self.attrs = attrs
        self.datasets = {name: ds for name, ds in datasets.items() if ds is not None}

    def __getattr__(self, name):
        datasets = self.__dict__.get("datasets", {})
        if name in datasets:
            return datasets[name]
        raise AttributeError(f"{self.filetype} file has no {name!r}; it has {', '.join(datasets)}")

    def __getitem__(self, name):
        return self.datasets[name]

    def __iter__(self):
        return iter(self.datasets)

    def __dir__(self):
        return list(super().__dir__()) + list(self.datasets)

    def __repr__(self):
        lines = [f"<lissim {self.filetype} file {self.path}>"]
        for name, ds in self.datasets.items():
            sizes = ", ".join(f"{d}: {n}" for d, n in ds.sizes.items())
            lines.append(f"  .{name}: {', '.join(ds.data_vars)} ({sizes})")
        return "\n".join(lines)


def open_file(path):
    """Open any lissim file (results, sweep, Sobol/Morris, sensitivity, backtest) as a
    LissimFile; a file that is not one of a supported version raises ResultsFormatError."""
    path = str(path)
    try:
        if not h5py.is_hdf5(path):
            raise reader.ResultsFormatError(path, "not an HDF5 file")
    except (OSError, ValueError) as err:
        raise reader.ResultsFormatError(path, f"cannot open: {err}") from err
    try:
        with h5py.File(path, "r") as h5:
            attrs = {key: reader._plain(value) for key, value in h5.attrs.items()}
            filetype = reader.check_format(path, attrs, FILETYPES)
            return LissimFile(path, filetype, attrs, _READERS[filetype](_File(h5)))
    except (KeyError, ValueError, TypeError) as err:
        raise reader.ResultsFormatError(path, f"damaged lissim file: {err}") from err


class _File:
    """The open HDF5 file and the coordinates of its axes, by axis name."""

    def __init__(self, h5):
        self.h5 = h5
        self.coords = {}

    def axis(self, name, path=None, values=None):
        """Record the coordinate of an axis: a dataset's values (strings decoded) or given values."""
        if values is None:
            values = self.h5[path][()]
            if values.dtype.kind in "OS":
                values = np.array([reader._text(v) for v in values], dtype=object)
        self.coords[name] = values

    def array(self, path, default_dims):
        """The dataset at `path` as a DataArray: dims named by the file, coordinates from the
        recorded axes, `units` and `description` kept."""
        d = self.h5[path]
        dims = _dims(d, default_dims)
        values = d[()]
        if values.dtype.kind in "OS":
            values = np.array([reader._text(v) for v in np.ravel(values)], dtype=object).reshape(values.shape)
        coords = {}
        for dim, n in zip(dims, values.shape):
            c = self.coords.get(dim)
            coords[dim] = c if c is not None and len(c) == n else np.arange(n)
        attrs = {k: reader._plain(d.attrs[k]) for k in ("units", "description") if k in d.attrs}
        return xr.DataArray(values, dims=dims, coords=coords, attrs=attrs)

    def groups(self, path):
        g = self.h5.get(path)
        return [k for k in g if isinstance(g[k], h5py.Group)] if isinstance(g, h5py.Group) else []

    def ids(self, path):
        """The groups under /targets (in targets.yaml's order) or /interventions (by id), `all`
        last, as lissim's tables list them: reader.ScenarioOrder."""
        g = self.h5.get(path)
        if not isinstance(g, h5py.Group):
            return []
        attrs = self.h5.attrs
        order = reader.ScenarioOrder(reader._plain(attrs.get("scenario_yaml", attrs.get("base_scenario_yaml"))))
        ids = order.targets(g) if path == "targets" else order.interventions(g)
        return [k for k in ids if isinstance(g[k], h5py.Group)]

    def datasets(self, path):
        g = self.h5.get(path)
        return [k for k in g if isinstance(g[k], h5py.Dataset)] if isinstance(g, h5py.Group) else []


def _dims(d, default):
    labels = [dim.label for dim in d.dims]
    if labels and all(labels):
        return tuple(labels)
    if "dims" in d.attrs:
        return tuple(reader._plain(d.attrs["dims"])) if d.ndim > 1 else (reader._plain(d.attrs["dims"])[0],)
    if len(default) != d.ndim:
        raise ValueError(f"/{d.name.lstrip('/')} has shape {d.shape}, expected axes {default}")
    return tuple(default)


def _stack(arrays, dim):
    """DataArrays keyed by a label, stacked along a new dimension `dim` (outer join on the
    other axes, so members of different lengths line up with NaN)."""
    if not arrays:
        return None
    labels = list(arrays)
    out = xr.concat([arrays[k] for k in labels], dim=dim, join="outer", combine_attrs="override",
                    fill_value=np.nan)
    return out.assign_coords({dim: np.asarray(labels)})


def _dataset(variables, attrs=None):
    variables = {k: v for k, v in variables.items() if v is not None}
    return xr.Dataset(variables, attrs=attrs or {}) if variables else None


def _summaries(f, groups, dim, summary_dims, mean_dims):
    """quantiles, mean, sd, defined_fraction of several summary groups, stacked along `dim`:
    {label: group path} -> variables `quantiles`, `mean`, `sd`[, `defined_fraction`]."""
    out = {}
    for name, dims in (("quantiles", summary_dims), ("mean", mean_dims), ("sd", mean_dims),
                       ("defined_fraction", mean_dims)):
        present = {k: f.array(f"{g}/{name}", dims) for k, g in groups.items() if name in f.h5.get(g, {})}
        out[name] = _stack(present, dim)
    return out


def _by_name(f, groups, dataset, dims, dim):
    """One variable per group label (e.g. per indicator), each stacked along `dim` over the
    `groups` {stack label: {variable: group path}} - keeps each variable's own units."""
    variables = {}
    names = sorted({n for members in groups.values() for n in members}, key=_order(groups))
    for name in names:
        present = {label: f.array(f"{members[name]}/{dataset}", dims)
                   for label, members in groups.items() if name in members
                   and dataset in f.h5.get(members[name], {})}
        variables[name] = _stack(present, dim)
    return variables


def _order(groups):
    first = {}
    for members in groups.values():
        for i, n in enumerate(members):
            first.setdefault(n, i)
    return lambda n: first[n]


# ----------------------------------------------------------------------------- results


def _read_results(f):
    h5 = f.h5
    f.axis("year", "years")
    f.axis("quantile", "quantile_levels")
    f.axis("sector", "sectors")
    f.axis("parameter", "parameters/names")
    draws = int(h5.attrs["draws"])
    f.axis("draw", values=h5["draw_index"][()] if "draw_index" in h5 else np.arange(draws))
    f.axis("draw_byte", values=h5["draw_byte_index"][()] if "draw_byte_index" in h5
           else np.arange((draws + 7) // 8))
    if "vfm_bands" in h5:
        f.axis("band", "vfm_bands")
    else:  # format 1: the bands attribute of each vfm_band_probability dataset
        f.axis("band", values=np.array(reader.VFM_BANDS, dtype=object))
        for i in f.ids("interventions"):
            d = h5.get(f"interventions/{i}/appraisal/vfm_band_probability")
            if d is not None and "bands" in d.attrs:
                f.axis("band", values=np.array(reader._plain(d.attrs["bands"]), dtype=object))
    paths = [p for p in PATHS if p in h5]

    indicator_groups = {p: {n: f"{p}/indicators/{n}" for n in f.groups(f"{p}/indicators")} for p in paths}
    quantiles = _by_name(f, indicator_groups, "quantiles", ("quantile", "year"), "path")
    means = _by_name(f, indicator_groups, "mean", ("year",), "path")
    sds = _by_name(f, indicator_groups, "sd", ("year",), "path")
    defined = _by_name(f, indicator_groups, "defined_fraction", ("year",), "path")
    kept = {p: m for p, m in indicator_groups.items() if p != "effect"}
    draws_by_name = _by_name(f, kept, "draws", ("draw", "year"), "path")

    sector_groups = {p: {n: f"{p}/sectors/{n}" for n in f.groups(f"{p}/sectors")} for p in paths}
    sectors = {}
    for stat, dims in (("quantiles", ("quantile", "year", "sector")), ("mean", ("year", "sector")),
                       ("sd", ("year", "sector"))):
        for name, array in _by_name(f, sector_groups, stat, dims, "path").items():
            sectors[name if stat == "quantiles" else f"{name}_{stat}"] = array

    interventions, intervention_moments = _interventions(f)
    appraisal, vfm = _appraisal(f)
    return {
        "indicators": _dataset(quantiles),
        "indicator_moments": _dataset({**{f"{k}_mean": v for k, v in means.items()},
                                       **{f"{k}_sd": v for k, v in sds.items()},
                                       **{f"{k}_defined_fraction": v for k, v in defined.items()}}),
        "draws": _dataset(draws_by_name),
        "sectors": _dataset({k: v for k, v in sectors.items() if "quantile" in v.dims}),
        "sector_moments": _dataset({k: v for k, v in sectors.items() if "quantile" not in v.dims}),
        "targets": _targets(f),
        "interventions": interventions,
        "intervention_moments": intervention_moments,
        "appraisal": appraisal,
        "vfm": vfm,
        "parameters": _parameters(f),
    }


def _targets(f):
    ids = f.ids("targets")
    if not ids:
        return None
    variables = {name: _stack({t: f.array(f"targets/{t}/{name}", ("year",)) for t in ids}, "target")
                 for name in ("prob_met", "prob_met_counterfactual")}
    # Optional per-target series: P(judged met) by year (model v2), and the draws' met flags
    # in the deadline year, packed 8 a byte (lissim.reader.unpack_met_bits).
    for name, dims in (("prob_judged_met", ("year",)), ("prob_judged_met_counterfactual", ("year",)),
                       ("met_at_deadline_bits", ("draw_byte",)),
                       ("met_at_deadline_bits_counterfactual", ("draw_byte",))):
        if all(name in f.h5[f"targets/{t}"] for t in ids):
            variables[name] = _stack({t: f.array(f"targets/{t}/{name}", dims) for t in ids}, "target")
    ds = _dataset(variables)
    for key in ("description", "indicator", "rule", "threshold", "threshold_units", "deadline",
                "prob_met_at_deadline", "prob_met_counterfactual_at_deadline"):
        values = [reader._plain(f.h5[f"targets/{t}"].attrs.get(key, "" if key in _TEXT_KEYS else np.nan))
                  for t in ids]
        ds = ds.assign_coords({key: ("target", np.array(values, dtype=object if key in _TEXT_KEYS else float))})
    return ds


_TEXT_KEYS = ("description", "indicator", "rule", "threshold_units")


def _interventions(f):
    ids = f.ids("interventions")
    if not ids:
        return None, None
    groups = {i: {s: f"interventions/{i}/{s}" for s in reader.INTERVENTION_SERIES.values()
                  if s in f.h5[f"interventions/{i}"]} for i in ids}
    variables = {}
    for stat, dims in (("quantiles", ("quantile", "year")), ("mean", ("year",)), ("sd", ("year",))):
        for name, array in _by_name(f, groups, stat, dims, "intervention").items():
            variables[name if stat == "quantiles" else f"{name}_{stat}"] = array
    spend = np.array([np.asarray(f.h5[f"interventions/{i}"].attrs["spend_gbp_m"], dtype=float) for i in ids])
    variables["spend_gbp_m"] = xr.DataArray(
        spend, dims=("intervention", "year"), coords={"intervention": np.array(ids, dtype=object),
                                                      "year": f.coords["year"]},
        attrs={"units": "GBP m (cash)", "description": "Spend by year"})
    out = []
    for quantiles in (True, False):
        ds = _dataset({k: v for k, v in variables.items() if ("quantile" in v.dims) == quantiles})
        for key in ("name", "foundation", "source", "total_spend_gbp_m"):
            values = [reader._plain(f.h5[f"interventions/{i}"].attrs.get(key, "")) for i in ids]
            ds = ds.assign_coords({key: ("intervention", np.array(values, dtype=float if key.startswith("total")
                                                                   else object))})
        out.append(ds)
    return tuple(out)


def _appraisal(f):
    ids = f.ids("interventions")
    if not ids:
        return None, None
    # Every dataset of any appraisal group: the documented measures first, then any other
    # (older files lack the interventions v2 measures; a newer one may add some).
    names = {n for i in ids for group in reader.APPRAISAL_GROUPS.values()
             for n in f.datasets(f"interventions/{i}/{group}")}
    variables = {}
    for measure in reader.appraisal_dataset_names(names) + ["vfm_band_probability"]:
        dims = ("band",) if measure == "vfm_band_probability" else ("draw",)
        by_view = {}
        for view, group in reader.APPRAISAL_GROUPS.items():
            present = {i: f.array(f"interventions/{i}/{group}/{measure}", dims) for i in ids
                       if measure in f.datasets(f"interventions/{i}/{group}")}
            if present:
                by_view[view] = _stack(present, "intervention")
        variables[measure] = _stack(by_view, "view")
    vfm = variables.pop("vfm_band_probability")
    return _dataset(variables), _dataset({"vfm_band_probability": vfm})


# Results format 2.1: the per-draw samples are written only on request (docs/results.md).
SAMPLES_NOT_KEPT = ("not in this file: lissim run writes them only with --keep-samples "
                    "(lissim.run(..., keep_samples=True)); lissim sensitivity and lissim export --draws "
                    "draw them again from the file's scenario and seed")


def _parameters(f):
    """The uncertain parameters (names, units and distributions as coordinates) and, when the
    run kept them, their `samples`; otherwise the `samples` attribute says how to get them."""
    if "parameters/names" not in f.h5:
        return None
    if "parameters/samples" in f.h5:
        ds = _dataset({"samples": f.array("parameters/samples", ("draw", "parameter"))})
    else:
        ds = xr.Dataset(coords={"parameter": f.coords["parameter"]}, attrs={"samples": SAMPLES_NOT_KEPT})
    for key in ("units", "distributions"):
        if f"parameters/{key}" in f.h5:
            ds = ds.assign_coords({key: f.array(f"parameters/{key}", ("parameter",))})
    return ds


# ------------------------------------------------------------------------------- sweep


def _read_sweep(f):
    h5 = f.h5
    f.axis("year", "years")
    f.axis("summary_year", "summary_years")
    f.axis("quantile", "quantile_levels")
    f.axis("axis", "points/keys")
    n = h5["points/values"].shape[0]
    f.axis("point", values=h5["points/index"][()] if "points/index" in h5 else np.arange(n))
    points = _dataset({"values": f.array("points/values", ("point", "axis")),
                       "varied_axis": f.array("points/varied_axis", ("point",))})

    def summaries(prefix, names):
        out = {}
        for name in names:
            g = f"{prefix}/{name}"
            for stat, dims in (("quantiles", ("point", "quantile", "summary_year")), ("mean", ("point", "summary_year"))):
                if stat in h5.get(g, {}):
                    out[name if stat == "quantiles" else f"{name}_mean"] = f.array(f"{g}/{stat}", dims)
        return out

    indicators = {}
    for p in PATHS:
        for name, array in summaries(f"{p}/indicators", f.groups(f"{p}/indicators")).items():
            indicators.setdefault(name, {})[p] = array
    ids = f.ids("targets")
    targets = {name: _stack({t: f.array(f"targets/{t}/{name}", ("point", "year")) for t in ids
                             if name in h5[f"targets/{t}"]}, "target")
               for name in ("prob_met", "prob_met_counterfactual")}
    interventions, appraisal = {}, {}
    for i in f.ids("interventions"):
        for name, array in summaries(f"interventions/{i}", [s for s in f.groups(f"interventions/{i}")
                                                             if s != "appraisal"]).items():
            interventions.setdefault(name, {})[i] = array
        for name in f.datasets(f"interventions/{i}"):  # total_spend_gbp_m [point]
            interventions.setdefault(name, {})[i] = f.array(f"interventions/{i}/{name}", ("point",))
        g = f"interventions/{i}/appraisal"
        for measure in f.groups(g):
            for stat, dims in (("quantiles", ("point", "quantile")), ("mean", ("point",))):
                key = measure if stat == "quantiles" else f"{measure}_mean"
                appraisal.setdefault(key, {})[i] = f.array(f"{g}/{measure}/{stat}", dims)
        for name in f.datasets(g):
            appraisal.setdefault(name, {})[i] = f.array(f"{g}/{name}", ("point",))
    def stacked(family, dim, quantiles):
        return _dataset({k: _stack(v, dim) for k, v in family.items()
                         if ("quantile" in next(iter(v.values())).dims) == quantiles})

    out = {"points": points,
           "indicators": stacked(indicators, "path", True), "indicator_means": stacked(indicators, "path", False),
           "targets": _dataset(targets),
           "interventions": stacked(interventions, "intervention", True),
           "intervention_means": stacked(interventions, "intervention", False),
           "appraisal": stacked(appraisal, "intervention", True),
           "appraisal_means": stacked(appraisal, "intervention", False)}
    # Each axis's value at each point, as a coordinate along `point` of every Dataset.
    values = h5["points/values"][()]
    keys = [str(k) for k in f.coords["axis"]]
    for name, ds in out.items():
        if ds is not None and "point" in ds.dims:
            out[name] = ds.assign_coords({k: ("point", values[:, j]) for j, k in enumerate(keys)})
    return out


# ----------------------------------------------------------------------- Sobol, Morris


def _read_sobol(f):
    top = "morris" if "morris" in f.h5 else "sobol"
    f.axis("factor", f"{top}/factors")
    outputs = f.groups(top)
    variables = {}
    for name in sorted({n for o in outputs for n in f.datasets(f"{top}/{o}")},
                       key=lambda n: min(f.datasets(f"{top}/{o}").index(n) for o in outputs
                                         if n in f.datasets(f"{top}/{o}"))):
        variables[name] = _stack({o: f.array(f"{top}/{o}/{name}", ("factor",)) for o in outputs
                                  if name in f.h5[f"{top}/{o}"]}, "output")
    ds = _dataset(variables)
    if ds is None:
        return {"indices": None}
    if f"{top}/factor_parameters" in f.h5:
        ds = ds.assign_coords(factor_parameters=f.array(f"{top}/factor_parameters", ("factor",)))
    for key in ("confidence", "mean", "variance", "rows_dropped"):
        if all(key in f.h5[f"{top}/{o}"].attrs for o in outputs):
            ds = ds.assign_coords({key: ("output", np.array([reader._plain(f.h5[f"{top}/{o}"].attrs[key])
                                                             for o in outputs], dtype=float))})
    return {"indices": ds}


# ------------------------------------------------------------------------- sensitivity


def _read_sensitivity(f):
    f.axis("factor", "sensitivity/factors")
    outputs = f.groups("sensitivity")
    names = f.datasets(f"sensitivity/{outputs[0]}") if outputs else []
    ds = _dataset({name: _stack({o: f.array(f"sensitivity/{o}/{name}", ("factor",)) for o in outputs},
                                "output") for name in names})
    if ds is None:
        return {"coefficients": None}
    for key in ("source", "units", "description", "r2_linear", "r2_rank", "draws_used", "draws_dropped"):
        values = [reader._plain(f.h5[f"sensitivity/{o}"].attrs.get(key, np.nan)) for o in outputs]
        kind = object if key in ("source", "units", "description") else float
        ds = ds.assign_coords({f"output_{key}" if key in ("units", "description") else key:
                               ("output", np.array(values, dtype=kind))})
    return {"coefficients": ds}


# ---------------------------------------------------------------------------- backtest


def _read_backtest(f):
    """/backtest/<series>/h<H>/...: scores by (series, horizon), and per-region values by
    (series, horizon, region), regions lined up by code (NaN where a region is missing)."""
    h5 = f.h5
    f.axis("quantile", "quantile_levels") if "quantile_levels" in h5 else f.axis("quantile", values=CONTRACT_LEVELS)
    for axis, scale, values in (("bound", "interval_bounds", ["low", "high"]),
                                ("statistic", "difference_statistics", ["mean", "se"])):
        f.axis(axis, scale) if scale in h5 else f.axis(axis, values=np.array(values, dtype=object))  # 2.0 : 1.0
    scores, regions = {}, {}
    for series in f.groups("backtest"):
        for h in f.groups(f"backtest/{series}"):
            g = f"backtest/{series}/{h}"
            horizon = int(h.lstrip("h"))
            codes = f.array(f"{g}/codes", ("region",)).values
            f.axis("region", values=codes)
            for name in f.datasets(g):
                d = h5[f"{g}/{name}"]
                if d.ndim == 0:
                    attrs = {k: reader._plain(d.attrs[k]) for k in ("units", "description") if k in d.attrs}
                    scores.setdefault(name, {}).setdefault(series, {})[horizon] = xr.DataArray(d[()], attrs=attrs)
                elif name != "codes":
                    dims = ("quantile", "region") if name == "quantiles" else (PAIR_AXES.get(name, "region"),)
                    regions.setdefault(name, {}).setdefault(series, {})[horizon] = f.array(f"{g}/{name}", dims)
    nested = lambda family: {name: _stack({s: _stack(by_h, "horizon") for s, by_h in by_series.items()},  # noqa: E731
                                          "series") for name, by_series in family.items()}
    return {"scores": _dataset(nested(scores)), "regions": _dataset(nested(regions))}


_READERS = {
    reader.FILETYPE: _read_results,
    reader.SWEEP_FILETYPE: _read_sweep,
    reader.SOBOL_FILETYPE: _read_sobol,
    reader.SENSITIVITY_FILETYPE: _read_sensitivity,
    BACKTEST_FILETYPE: _read_backtest,
}
