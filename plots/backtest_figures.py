"""Figures of a `lissim backtest` file (filetype lissim-backtest, layout in docs/results.md):

  backtest_pit       PIT histograms, one panel per series and horizon: a calibrated model's
                     PIT values are uniform (the dashed line, with the 90% range of a bin's
                     count under uniformity and independence);
  backtest_coverage  coverage of the 50% and 90% bands per series and horizon, with their
                     95% intervals (binomial at least, wider where regions share shocks) and
                     the nominal levels.

Used by render.py; reads the file with h5py only.
"""

import math

import h5py
import numpy as np
from matplotlib.figure import Figure
from matplotlib.layout_engine import ConstrainedLayoutEngine

from lissim import reader as lr

FILETYPE = "lissim-backtest"
BLUE = "#0072B2"      # Okabe-Ito, as render.py
ORANGE = "#E69F00"
GREY = "#555555"
BINS = 10


def is_backtest_file(path):
    """True for an HDF5 file whose filetype is lissim-backtest (anything else: False, and
    the general reader reports what is wrong)."""
    try:
        with h5py.File(path, "r") as f:
            return f.attrs.get("filetype") == FILETYPE
    except (OSError, ValueError):
        return False


def read(path):
    """Every /backtest/<series>/h<H> group as a dict, in series and horizon order."""
    with h5py.File(path, "r") as f:
        version = f.attrs.get("format_version")
        if version is None or int(version[0]) not in (1, 2):  # 2.0 added dimension scales only
            raise lr.ResultsFormatError(path, f"format_version {version} of a backtest file is not 1.x or 2.x")
        if "backtest" not in f:
            raise lr.ResultsFormatError(path, "missing /backtest")
        meta = {"origin": int(f.attrs["origin"]), "draws": int(f.attrs["draws"]),
                "level": str(f.attrs["level"])}
        groups = []
        for series in f["backtest"]:
            horizons = sorted(f["backtest"][series], key=lambda name: int(name[1:]))
            for name in horizons:
                g = f["backtest"][series][name]
                try:
                    groups.append({
                        "series": series, "horizon": int(g.attrs["horizon"]),
                        "pit": g["pit"][()], "coverage_50": float(g["coverage_50"][()]),
                        "coverage_90": float(g["coverage_90"][()]),
                        "coverage_50_interval": g["coverage_50_interval"][()],
                        "coverage_90_interval": g["coverage_90_interval"][()],
                    })
                except KeyError as err:
                    raise lr.ResultsFormatError(path, f"/backtest/{series}/{name}: missing {err}") from err
    if not groups:
        raise lr.ResultsFormatError(path, "no /backtest/<series>/h<H> groups")
    return meta, groups


def _figure(width, height):
    return Figure(figsize=(width, height), layout=ConstrainedLayoutEngine())


def pit_figure(meta, groups):
    cols = min(3, len(groups))
    rows = math.ceil(len(groups) / cols)
    fig = _figure(4.0 * cols, 3.2 * rows)
    axes = fig.subplots(rows, cols, squeeze=False)
    for ax, g in zip(axes.flat, groups):
        n = len(g["pit"])
        ax.hist(g["pit"], bins=BINS, range=(0, 1), color=BLUE, edgecolor="white")
        expected = n / BINS
        spread = 1.645 * math.sqrt(n * (1 / BINS) * (1 - 1 / BINS))
        ax.axhline(expected, color=GREY, linestyle="--", linewidth=1)
        ax.axhspan(max(0, expected - spread), expected + spread, color=GREY, alpha=0.12, linewidth=0)
        ax.set_title(f"{g['series']}, h = {g['horizon']} ({meta['origin'] + g['horizon']})", fontsize=10)
        ax.set_xlabel("PIT")
        ax.set_ylabel("regions")
    for ax in list(axes.flat)[len(groups):]:
        ax.set_visible(False)
    fig.suptitle(f"Backtest from {meta['origin']}: PIT of {len(groups[0]['pit'])} {meta['level']} regions "
                 f"(uniform if calibrated)", fontsize=11)
    return fig


def coverage_figure(meta, groups):
    fig = _figure(max(6.0, 1.6 * len(groups) + 2), 4.2)
    ax = fig.subplots()
    x = np.arange(len(groups))
    for offset, level, colour in ((-0.12, 50, ORANGE), (0.12, 90, BLUE)):
        values = np.array([g[f"coverage_{level}"] for g in groups])
        intervals = np.array([g[f"coverage_{level}_interval"] for g in groups])
        ax.errorbar(x + offset, values, yerr=np.maximum(0, [values - intervals[:, 0], intervals[:, 1] - values]), fmt="o",
                    color=colour, capsize=4, label=f"{level}% band")
        ax.axhline(level / 100, color=colour, linestyle="--", linewidth=1)
    ax.set_xticks(x, [f"{g['series']}\nh = {g['horizon']}" for g in groups])
    ax.set_ylim(0, 1.05)
    ax.set_ylabel("share of regions inside the band")
    ax.set_title(f"Backtest from {meta['origin']}: coverage with 95% intervals (dashed: nominal)", fontsize=11)
    ax.legend(loc="lower right")
    return fig


def figures(path):
    """(stem, caption, Figure) for every backtest figure of the file."""
    meta, groups = read(path)
    return [
        ("backtest_pit", "PIT histograms of the backtest", pit_figure(meta, groups)),
        ("backtest_coverage", "Coverage of the 50% and 90% bands", coverage_figure(meta, groups)),
    ]
