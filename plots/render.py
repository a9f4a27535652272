#!/usr/bin/python3
"""Render the headline figures of a lissim results file.

    render.py RESULTS.h5 -o DIR [--format png,svg]

Writes to DIR, in each requested format:
  fan_<indicator>      fan chart for each headline indicator (one per SEP target):
                       5-95, 10-90 and 25-75% bands and median of the scenario, the
                       counterfactual median (dashed, only when it differs), the target
                       line, and the base year and deadline as vertical lines;
  target_probabilities P(target met in year t) for every target and all jointly.

Reads only the documented results layout through lissim_results, draws with the Agg
backend (no display, no network) and a colour-blind-safe palette (Okabe-Ito).
Exit codes follow the lissim CLI: 0 ok, 2 bad usage or bad input file, 3 cannot write.
"""

import argparse
import os
import sys

import matplotlib

matplotlib.use("Agg")  # before any other matplotlib import: never needs a display

from matplotlib.figure import Figure  # noqa: E402  (after backend selection)
from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator  # noqa: E402
import numpy as np  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import lissim_results as lr  # noqa: E402

PROG = "render.py"

# The six SEP headline indicators and how a reader should see them named. {base} is the
# base year: the change and share indicators are measured from it.
HEADLINE = {
    "jobs_change": "Jobs change since {base}",
    "employment_rate_gap": "Employment-rate gap with the comparator (comparator minus region)",
    "activity_rate_gap": "Activity-rate gap with the comparator (comparator minus region)",
    "private_density_gap": "Private-sector jobs density gap with the comparator",
    "productivity_gap":
        "Productivity gap with the comparator (1 - regional / comparator GVA per hour)",
    "better_jobs_share_of_growth": "Better jobs' share of net jobs growth since {base}",
}

SUPPORTED_FORMATS = ("png", "svg", "pdf")

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any common form of
# colour-vision deficiency.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
FAN_COLOUR = OKABE_ITO["blue"]
COUNTERFACTUAL_COLOUR = OKABE_ITO["vermillion"]
TARGET_COLOUR = OKABE_ITO["bluish_green"]
MARKER_COLOUR = "#555555"  # base year and deadline: neutral grey, not data
# Target lines in the probability chart; yellow last, it is faint on white.
SERIES_COLOURS = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue",
                 "yellow")
]
SERIES_MARKERS = ("o", "s", "^", "D", "v", "P", "X")  # second cue besides colour

# Band opacity, widest (lightest) first; pairs with lissim_results.FAN_BANDS.
BAND_ALPHAS = (0.18, 0.30, 0.45)
FIGSIZE = (9.0, 5.6)
DPI = 150
FOOTER_HEIGHT = 0.035  # figure fraction kept free below the axes for the provenance line
# No dates or software stamps in the images: identical results give identical files.
SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
RULE_SYMBOLS = {
    "at_least": "≥", "at_most": "≤", "reduce_by": "≤", "share_of_growth_at_least": "≥",
}


class OutputError(Exception):
    """A figure could not be written (exit code 3, as the lissim CLI's I/O errors)."""


# ------------------------------------------------------------------------ command line


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render fan charts and target probabilities from a lissim results file.",
    )
    parser.add_argument("results", help="results file written by `lissim run` (HDF5)")
    parser.add_argument("-o", "--output", required=True, metavar="DIR",
                        help="directory for the figures (created if missing)")
    parser.add_argument("--format", default="png,svg", type=_formats,
                        help="comma-separated image formats (default: png,svg; also pdf)")
    return parser.parse_args(argv)


def _formats(text):
    """argparse type: a checked list of formats, so a typo fails before any work."""
    formats = [part.strip().lower() for part in text.split(",") if part.strip()]
    unknown = [f for f in formats if f not in SUPPORTED_FORMATS]
    if not formats or unknown:
        raise argparse.ArgumentTypeError(
            f"got {text!r}, must be a comma-separated list of {', '.join(SUPPORTED_FORMATS)}"
        )
    return list(dict.fromkeys(formats))  # drop duplicates, keep order


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        results = lr.open_results(args.results)
        check_headline_present(results)
        written = render_all(results, args.output, args.format)
    except lr.ResultsFormatError as err:
        return fail(str(err), 2)
    except OutputError as err:
        return fail(str(err), 3)
    for path in written:
        print(path)
    return 0


def fail(message, code):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def warn(message):
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def check_headline_present(results):
    """Every headline indicator is in the contract; a file without one is damaged."""
    for group in lr.GROUPS:
        missing = [name for name in HEADLINE if name not in results.indicators[group]]
        if missing:
            raise lr.ResultsFormatError(
                results.path, f"missing /{group}/indicators/{missing[0]}"
            )


# --------------------------------------------------------------------------- figures


def render_all(results, out_dir, formats):
    """Draw every figure and save it in every format; returns the paths written."""
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create directory: {err.strerror}") from err
    figures = [(f"fan_{name}", fan_chart(results, name)) for name in HEADLINE]
    if results.targets:
        figures.append(("target_probabilities", target_probability_chart(results)))
    else:
        warn(f"{results.path}: no /targets group; target_probabilities not drawn")
    return [path for stem, fig in figures for path in save(fig, out_dir, stem, formats)]


def save(fig, out_dir, stem, formats):
    paths = []
    for fmt in formats:
        path = os.path.join(out_dir, f"{stem}.{fmt}")
        try:
            with matplotlib.rc_context({"svg.hashsalt": "lissim"}):  # stable SVG ids
                fig.savefig(path, format=fmt, dpi=DPI, metadata=SAVE_METADATA[fmt])
        except OSError as err:
            raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err
        paths.append(path)
    return paths


def new_figure():
    """A figure detached from pyplot, so nothing is kept in global state between plots."""
    layout = ConstrainedLayoutEngine(rect=(0.0, FOOTER_HEIGHT, 1.0, 1.0 - FOOTER_HEIGHT))
    return Figure(figsize=FIGSIZE, layout=layout)


def fan_chart(results, name):
    scenario = results.indicators["scenario"][name]
    counterfactual = results.indicators["counterfactual"][name]
    label = HEADLINE[name].format(base=results.base_year)
    fig = new_figure()
    ax = fig.add_subplot()
    handles = draw_bands(ax, scenario)
    if lr.counterfactual_differs(scenario, counterfactual):
        (line,) = ax.plot(scenario.years, counterfactual.quantiles[50],
                          color=COUNTERFACTUAL_COLOUR, linestyle="--", linewidth=1.8,
                          label="Counterfactual median (no interventions)")
        handles.append(line)
    targets = lr.targets_for(results, name)
    handles += draw_target_lines(ax, targets, scenario)
    deadlines = {t.deadline for t in targets} or {t.deadline for t in results.targets.values()}
    mark_years(ax, results.base_year, sorted(deadlines))
    note_undefined_years(ax, scenario)
    ax.set_title(f"{label}\nIn each year 90% of simulated paths lie in the shaded band, "
                 f"50% in the darkest part", fontsize=11, loc="left")
    ax.set_ylabel(y_label(scenario))
    finish_axes(ax, scenario.years, scenario.units)
    # Below the axes: inside, it hides bands and year labels; on the right, long target
    # labels squeeze the plot.
    ax.legend(handles=handles, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13),
              ncol=2, frameon=False)
    add_footer(fig, results)
    return fig


def draw_bands(ax, summary):
    """Shade the central bands widest first, then the median; returns legend handles."""
    bands = lr.fan_bands(summary)
    handles = []
    for (lo, hi), alpha in zip(lr.FAN_BANDS, BAND_ALPHAS):
        lower, upper = bands[(lo, hi)]
        ax.fill_between(summary.years, lower, upper, color=FAN_COLOUR, alpha=alpha, linewidth=0)
        handles.append(Patch(color=FAN_COLOUR, alpha=alpha,
                             label=f"{lo}-{hi}% band ({hi - lo}% of paths)"))
    (median,) = ax.plot(summary.years, bands["median"], color=FAN_COLOUR, linewidth=2.2,
                        label="Scenario median")
    return handles + [median]


def draw_target_lines(ax, targets, summary):
    handles = []
    for target in targets:
        level = lr.target_line(target, summary)
        if level is None:
            warn(f"target {target.id}: rule {target.rule!r} cannot be drawn on {summary.name}; "
                 "target line left out")
            continue
        line = ax.axhline(level, color=TARGET_COLOUR, linestyle=":", linewidth=2.0,
                          label=target_label(target, level, summary.units))
        handles.append(line)
    return handles


def target_label(target, level, units):
    symbol = RULE_SYMBOLS.get(target.rule, "")
    text = f"Target {target.id}: {symbol} {format_number(level)} {units} in {target.deadline}"
    if target.rule == "reduce_by":
        text += f" ({target.threshold:.0%} below median {target.base_year})"
    return text


def mark_years(ax, base_year, deadlines):
    """Vertical lines at the base year and each deadline, labelled at the top of the axes."""
    marks = [(base_year, f"base {base_year}")] + [(d, f"deadline {d}") for d in deadlines]
    for year, text in marks:
        ax.axvline(year, color=MARKER_COLOUR, linewidth=1.0, linestyle="-.", zorder=1)
        ax.annotate(text, xy=(year, 1.0), xycoords=("data", "axes fraction"), xytext=(3, -3),
                    textcoords="offset points", ha="left", va="top", fontsize=8,
                    color=MARKER_COLOUR)


def note_undefined_years(ax, summary):
    """Say why the chart has gaps: a blank year is an undefined value, not a zero."""
    median = summary.quantiles[50]
    undefined = summary.years[~np.isfinite(median)]
    if undefined.size == median.size:
        text = "Not defined in any year: undefined in every draw"
    elif undefined.size:
        text = f"No value in {format_years(undefined)}: undefined in every draw"
    else:
        return
    ax.text(0.99, 0.02, text, transform=ax.transAxes, ha="right", va="bottom", fontsize=8,
            color=MARKER_COLOUR)


def target_probability_chart(results):
    fig = new_figure()
    ax = fig.add_subplot()
    years = results.years
    for i, target in enumerate(results.targets.values()):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        marker = SERIES_MARKERS[i % len(SERIES_MARKERS)]
        p = lr.prob_at_deadline(target, years)
        ax.plot(years, target.prob_met, color=colour, marker=marker, markersize=4, linewidth=1.6,
                label=f"{target.id} (P = {format_probability(p)} in {target.deadline})")
        if not np.allclose(target.prob_met, target.prob_met_counterfactual, equal_nan=True):
            ax.plot(years, target.prob_met_counterfactual, color=colour, linestyle="--",
                    linewidth=1.0, alpha=0.8)
    if results.prob_all_met is not None:
        ax.plot(years, results.prob_all_met, color=OKABE_ITO["black"], linewidth=2.8,
                label="All targets jointly")
    handles = ax.get_legend_handles_labels()[0]
    if has_counterfactual_effect(results):
        handles.append(Line2D([], [], color=MARKER_COLOUR, linestyle="--", linewidth=1.0,
                              label="Dashed: same target without interventions"))
    deadlines = sorted({t.deadline for t in results.targets.values()})
    mark_years(ax, results.base_year, deadlines)
    ax.set_ylim(0.0, 1.0)
    ax.set_ylabel("P(target met in year)")
    ax.set_title("Probability that each target is met, by year\n"
                 "Share of simulated paths on which the target holds in that year",
                 fontsize=11, loc="left")
    finish_axes(ax, years, "")
    # On the right: one entry per line, read against the lines in the same order.
    ax.legend(handles=handles, fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0),
              borderaxespad=0.0)
    add_footer(fig, results)
    return fig


def has_counterfactual_effect(results):
    return any(not np.allclose(t.prob_met, t.prob_met_counterfactual, equal_nan=True)
               for t in results.targets.values())


# --------------------------------------------------------------------------- helpers


def finish_axes(ax, years, units):
    """Shared axis styling. The x range is set from the years, not the data, so a series
    that is NaN throughout still gets a sensible axis."""
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))
    if units == "persons":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def y_label(summary):
    units = f" ({summary.units})" if summary.units else ""
    return f"{summary.name.replace('_', ' ')}{units}"


def add_footer(fig, results):
    """Provenance under every figure, so a copied image still says where it came from."""
    attrs = results.attrs
    parts = [f"scenario {results.scenario_name}" if results.scenario_name else None,
             f"{attrs['draws']} draws" if "draws" in attrs else None,
             f"seed {attrs['seed']}" if "seed" in attrs else None,
             f"lissim {attrs['lissim_version']}" if "lissim_version" in attrs else None,
             os.path.basename(results.path)]
    fig.text(0.01, 0.005, " | ".join(p for p in parts if p), fontsize=7, color=MARKER_COLOUR,
             ha="left", va="bottom")


def format_number(value):
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def format_probability(p):
    return "n/a" if not np.isfinite(p) else f"{p:.2f}"


def format_years(years):
    years = [int(y) for y in years]
    return ", ".join(str(y) for y in years) if len(years) <= 3 else f"{len(years)} years"


if __name__ == "__main__":
    sys.exit(main())
