#!/usr/bin/python3
"""Render the figures of a lissim file: results, sweep, Sobol/Morris or sensitivity.

    render.py FILE.h5 -o DIR [--format png,svg]

The file's `filetype` decides what is drawn (plots/README.md lists every figure):
  lissim-sweep        sweep_target_probabilities, sweep_bcr, sweep_net_jobs: P(target met
                      at the deadline), median BCR and net additional jobs against the
                      swept parameter(s);
  lissim-sobol        sobol_<output> (S1 and ST with intervals; exact values for a test
                      function) and morris_<output> (mu* against sigma);
  lissim-sensitivity  sensitivity_<output> (tornado chart of PRCC with intervals);
  lissim-backtest     backtest_pit (PIT histograms) and backtest_coverage (coverage of the
                      50% and 90% bands with intervals), plots/backtest_figures.py;
  lissim-results      the following.
For a results file, writes to DIR, in each requested format:
  fan_<indicator>          fan chart for each headline indicator (one per SEP target):
                           5-95, 10-90 and 25-75% bands and median of the scenario, the
                           target line, and the base year and deadline as vertical lines;
                           with interventions also the counterfactual (median and 5-95%
                           band edges, dashed);
  target_probabilities     P(target met in year t) for every target and all jointly;
  target_probabilities_deadline  P(met) in the deadline year, scenario vs counterfactual;
and, when the file holds them:
  interventions_net_jobs, interventions_net_gva   net additional effect per intervention;
  interventions_bcr[_national]   BCR distributions with the value-for-money bands;
  interventions_cost_per_job     cost per net additional job (and job-year);
  effect_at_deadline             effect of the interventions on each headline indicator;
  sensitivity_<output>, sobol_<output>   tornado chart and Sobol indices.

Reads only the documented results layout through the lissim package (lissim.reader), draws with the Agg
backend (no display, no network) and a colour-blind-safe palette (Okabe-Ito).
Exit codes follow the lissim CLI: 0 ok, 2 bad usage or bad input file, 3 cannot write.
"""

import argparse
import os
import re
import sys
import textwrap
from dataclasses import dataclass

import matplotlib

matplotlib.use("Agg")  # before any other matplotlib import: never needs a display

from matplotlib.figure import Figure  # noqa: E402  (after backend selection)
from matplotlib.layout_engine import ConstrainedLayoutEngine  # noqa: E402
from matplotlib.lines import Line2D  # noqa: E402
from matplotlib.patches import Patch  # noqa: E402
from matplotlib.ticker import FuncFormatter, MaxNLocator, NullLocator  # noqa: E402
import numpy as np  # noqa: E402

# The lissim Python package: python/ beside plots/ in the source tree; installed, the
# lib/python3/dist-packages of the same prefix (cmake/Install.cmake); else Python's own path.
_HERE = os.path.dirname(os.path.abspath(__file__))
for _candidate in (os.path.join(_HERE, "..", "python"),
                   os.path.join(_HERE, "..", "..", "..", "lib", "python3", "dist-packages")):
    if os.path.isfile(os.path.join(_candidate, "lissim", "__init__.py")):
        sys.path.insert(0, os.path.normpath(_candidate))
        break
from lissim import reader as lr  # noqa: E402
sys.path.insert(0, _HERE)
import wording  # noqa: E402
import backtest_figures  # noqa: E402

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
NATIONAL_COLOUR = OKABE_ITO["orange"]
NEGATIVE_COLOUR = OKABE_ITO["vermillion"]
SOBOL_COLOURS = (OKABE_ITO["blue"], OKABE_ITO["orange"])  # first order, total order
# Value-for-money bands (poor, low, medium, high, very high): a light sequential ramp from
# vermillion to blue, read together with the band names printed on the chart.
VFM_COLOURS = ("#D55E00", "#E69F00", "#F0E442", "#009E73", "#0072B2")
VFM_ALPHA = 0.13
MARKER_COLOUR = "#555555"  # base year and deadline: neutral grey, not data
# Target lines in the probability chart; yellow last, it is faint on white.
SERIES_COLOURS = [
    OKABE_ITO[name]
    for name in ("blue", "orange", "bluish_green", "vermillion", "reddish_purple", "sky_blue",
                 "yellow")
]
SERIES_MARKERS = ("o", "s", "^", "D", "v", "P", "X")  # second cue besides colour

# Band opacity, widest (lightest) first; pairs with lissim.reader.FAN_BANDS.
BAND_ALPHAS = (0.18, 0.30, 0.45)
FIGSIZE = (9.0, 5.6)
DPI = 150
FOOTER_HEIGHT = 0.035  # figure fraction kept free below the axes for the provenance line
# No dates or software stamps in the images: identical results give identical files.
SAVE_METADATA = {"png": {"Software": None}, "svg": {"Date": None}, "pdf": {"CreationDate": None}}
RULE_SYMBOLS = {
    "at_least": "≥", "at_most": "≤", "reduce_by": "≤", "share_of_growth_at_least": "≥",
}


# At most this many factors in a tornado or Sobol chart: the rest are listed as hidden.
TOP_FACTORS = 15


class OutputError(Exception):
    """A figure could not be written (exit code 3, as the lissim CLI's I/O errors)."""


@dataclass
class FigureSpec:
    """One drawn figure: its file stem, the report section it belongs to, a caption
    saying what it shows, and the matplotlib Figure."""

    stem: str
    section: str
    caption: str
    figure: Figure


# ------------------------------------------------------------------------ command line


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Render the figures of a lissim file: results (lissim run), sweep "
                    "(lissim sweep), Sobol/Morris (lissim sobol) or sensitivity "
                    "(lissim sensitivity -o).",
    )
    parser.add_argument("results", metavar="FILE",
                        help="HDF5 file written by lissim run, sweep, sobol or sensitivity -o")
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
        if backtest_figures.is_backtest_file(args.results):
            specs = [FigureSpec(stem, "backtest", caption, figure)
                     for stem, caption, figure in backtest_figures.figures(args.results)]
        else:
            specs = build_file_figures(lr.open_file(args.results))
        written = save_all(specs, args.output, args.format)
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
    """Draw every figure of a results file (or any lissim file open_file reads) and save
    it in every format; returns the paths written."""
    return save_all(build_file_figures(results), out_dir, formats)


def save_all(specs, out_dir, formats):
    """Save every FigureSpec in every format; returns the paths written."""
    try:
        os.makedirs(out_dir, exist_ok=True)
    except OSError as err:
        raise OutputError(f"{out_dir}: cannot create directory: {err.strerror}") from err
    return [path for spec in specs for path in save(spec.figure, out_dir, spec.stem, formats)]


def build_file_figures(data):
    """The figures of any file lr.open_file reads, by its type: a results file's
    (build_figures), a sweep's (sweep_figures), a Sobol/Morris file's (sobol_file_figures)
    or a sensitivity file's (sensitivity_file_figures)."""
    if isinstance(data, lr.Sweep):
        return sweep_figures(data)
    if isinstance(data, lr.SobolFile):
        return sobol_file_figures(data)
    if isinstance(data, lr.SensitivityFile):
        return sensitivity_file_figures(data)
    check_headline_present(data)
    return build_figures(data)


# Report sections, in order; every FigureSpec names one.
SECTIONS = ("fan", "targets", "interventions", "effect", "sensitivity", "sweep")


def build_figures(results):
    """Every figure the file supports, as FigureSpecs in report order.

    Optional parts (interventions, effect, sensitivity, Sobol) are drawn only when the
    file holds them; a file with interventions but without one of its documented groups
    gets a warning, not an error.
    """
    specs = []
    for name in HEADLINE:
        label = HEADLINE[name].format(base=results.base_year)
        caption = f"{label}: median and central bands of the simulated paths"
        if results.has_interventions:
            caption += ", with interventions and in the counterfactual (no interventions)"
        specs.append(FigureSpec(f"fan_{name}", "fan", caption, fan_chart(results, name)))
    if results.targets:
        specs.append(FigureSpec("target_probabilities", "targets",
                                "Probability that each target is met, by year",
                                target_probability_chart(results)))
        specs.append(FigureSpec("target_probabilities_deadline", "targets",
                                f"Probability that each target is met in {results.deadline}",
                                deadline_probability_chart(results)))
    else:
        warn(f"{results.path}: no /targets group; target probability figures not drawn")
    if results.has_interventions:
        specs += intervention_figures(results)
        if results.targets and any(t.indicator in results.effect
                                   for t in results.targets.values()):
            specs.append(FigureSpec(
                "effect_against_gap", "effect",
                f"Effect of the interventions in {results.deadline} as a share of the gap to "
                "each target left without them (medians in the indicators' units beside)",
                effect_gap_chart(results)))
        if any(name in results.effect for name in HEADLINE):
            specs.append(FigureSpec(
                "effect_at_deadline", "effect",
                f"Effect of the interventions on each headline indicator in {results.deadline} "
                "(scenario minus counterfactual, draw by draw)",
                effect_chart(results)))
        else:
            warn(f"{results.path}: no /effect/indicators for the headline indicators; "
                 "effect_at_deadline not drawn")
    specs += sensitivity_specs(results, results.sensitivity)
    specs += sobol_specs(results, results.sobol)
    return specs


def intervention_figures(results):
    if not results.interventions:
        warn(f"{results.path}: no /interventions group; intervention figures not drawn")
        return []
    specs = []
    for measure, title in (("jobs", "Net additional jobs"), ("gva", "Net additional GVA")):
        if any(lr.net_bands(i, measure) is not None for i in results.interventions.values()):
            specs.append(FigureSpec(
                f"interventions_net_{measure}", "interventions",
                f"{title} by intervention, by year (local view; national view dashed)",
                net_effect_chart(results, measure)))
    for view, suffix in (("local", ""), ("national", "_national")):
        if any("bcr" in i.appraisal[view].draws for i in results.interventions.values()
               if view in i.appraisal):
            specs.append(FigureSpec(
                f"interventions_bcr{suffix}", "interventions",
                f"Benefit-cost ratio of each intervention ({view} view) with the "
                "value-for-money bands",
                bcr_chart(results, view)))
    if any("cost_per_net_job" in i.appraisal["local"].draws
           for i in results.interventions.values() if "local" in i.appraisal):
        specs.append(FigureSpec(
            "interventions_cost_per_job", "interventions",
            "Cost per net additional job of each intervention (local view)",
            cost_per_job_chart(results)))
    return specs


def file_safe(text):
    """A file-name-safe form of an output name (letters, digits, '_', '-', '.')."""
    return re.sub(r"[^A-Za-z0-9_.-]+", "_", text).strip("._") or "output"


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


def new_figure(figsize=FIGSIZE):
    """A figure detached from pyplot, so nothing is kept in global state between plots."""
    footer = FOOTER_HEIGHT * FIGSIZE[1] / figsize[1]  # the same height in inches
    layout = ConstrainedLayoutEngine(rect=(0.0, footer, 1.0, 1.0 - footer))
    return Figure(figsize=figsize, layout=layout)


# Shares are drawn only within these limits (%): near-zero growth makes the share of
# growth explode in early years, which would squash the years that matter.
SHARE_AXIS_LIMITS = (-50.0, 150.0)
HISTORY_COLOUR = OKABE_ITO["black"]


def fan_chart(results, name):
    """A fan chart as the Bank of England and the OBR draw them: the actual history as a
    solid line, the fan from the latest actual (the base year), equal-tailed bands, each
    target as a marker at its deadline, and a title that states the message."""
    scenario = results.indicators["scenario"][name]
    counterfactual = results.indicators["counterfactual"][name]
    label = HEADLINE[name].format(base=results.base_year)
    with_interventions = results.has_interventions
    fig = new_figure()
    ax = fig.add_subplot()
    handles = draw_history(ax, results.history.get(name), results.base_year)
    handles += draw_bands(ax, scenario,
                          "With interventions" if with_interventions else "Scenario")
    differs = lr.counterfactual_differs(scenario, counterfactual)
    if with_interventions:
        handles += draw_counterfactual(ax, counterfactual)
        if not differs:
            ax.text(0.01, 0.02, "The interventions leave this indicator's median unchanged",
                    transform=ax.transAxes, ha="left", va="bottom", fontsize=8,
                    color=MARKER_COLOUR)
    elif differs:
        (line,) = ax.plot(scenario.years, counterfactual.quantiles[50],
                          color=COUNTERFACTUAL_COLOUR, linestyle="--", linewidth=1.8,
                          label="Counterfactual median (no interventions)")
        handles.append(line)
    targets = lr.targets_for(results, name)
    handles += draw_target_markers(ax, targets, scenario)
    mark_years(ax, results.base_year, [])
    note_undefined_years(ax, scenario)
    if name.endswith("_gap"):
        ax.text(0.99, 0.98, "lower is better \u2193", transform=ax.transAxes, ha="right",
                va="top", fontsize=9, color=OKABE_ITO["black"], fontweight="bold")
    if name == "better_jobs_share_of_growth" or scenario.units == "%" and "share" in name:
        clip_share_axis(ax, scenario)
    ax.set_title(fan_title(results, name, targets, scenario, label), fontsize=10, loc="left")
    ax.set_ylabel(y_label(scenario))
    finish_axes(ax, axis_years(results, name), scenario.units)
    # Below the axes: inside, it hides bands and year labels; on the right, long target
    # labels squeeze the plot.
    ax.legend(handles=handles, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13),
              ncol=2, frameon=False)
    add_footer(fig, results)
    return fig


def draw_bands(ax, summary, who="Scenario"):
    """Shade the central bands widest first, then the median; returns legend handles."""
    bands = lr.fan_bands(summary)
    handles = []
    prefix = "" if who == "Scenario" else f"{who}: "
    for (lo, hi), alpha in zip(lr.FAN_BANDS, BAND_ALPHAS):
        lower, upper = bands[(lo, hi)]
        ax.fill_between(summary.years, lower, upper, color=FAN_COLOUR, alpha=alpha, linewidth=0)
        handles.append(Patch(color=FAN_COLOUR, alpha=alpha,
                             label=f"{prefix}{lo}-{hi}% band ({hi - lo}% of paths)"))
    (median,) = ax.plot(summary.years, bands["median"], color=FAN_COLOUR, linewidth=2.2,
                        label="Scenario median" if who == "Scenario" else f"{who}: median")
    return handles + [median]


def draw_counterfactual(ax, summary):
    """The counterfactual over the scenario's fan: dashed median and 5-95% band edges,
    unfilled so the scenario's bands stay readable underneath."""
    bands = lr.fan_bands(summary)
    lower, upper = bands[(5, 95)]
    (median,) = ax.plot(summary.years, bands["median"], color=COUNTERFACTUAL_COLOUR,
                        linestyle="--", linewidth=1.8,
                        label="Counterfactual (no interventions): median")
    ax.plot(summary.years, lower, color=COUNTERFACTUAL_COLOUR, linestyle=(0, (2, 2)),
            linewidth=0.9, alpha=0.9)
    (edge,) = ax.plot(summary.years, upper, color=COUNTERFACTUAL_COLOUR, linestyle=(0, (2, 2)),
                      linewidth=0.9, alpha=0.9,
                      label="Counterfactual (no interventions): 5-95% band edges")
    return [median, edge]


def fan_title(results, name, targets, scenario, label):
    """First line: the message (P(met) of the indicator's target in words); then what the
    chart shows and which bands."""
    bands = "Bands: 50%, 80%, 90% of simulated paths, equal-tailed"
    if targets:
        target = targets[0]
        message = wording.chance_title(target.prob_met_at_deadline, target)
        if with_counterfactual_text(results):
            message += (" with the interventions; "
                        f"{wording.percent(target.prob_met_counterfactual_at_deadline)} without")
    else:
        year = results.deadline
        hits = np.flatnonzero(scenario.years == year)
        median = scenario.quantiles[50][hits[0]] if hits.size else float("nan")
        message = f"{label}: median {wording.quantity(median, scenario.units)} in {year}"
        return f"{message}\n{bands}"
    return f"{message}\n{label}\n{bands}"


def with_counterfactual_text(results):
    return results.has_interventions


def axis_years(results, name):
    """The simulated years, extended back over the history when the file has one."""
    history = results.history.get(name)
    if history is None or not np.isfinite(history.values).any():
        return results.years
    first = int(history.years[np.isfinite(history.values)][0])
    return np.arange(min(first, int(results.years[0])), int(results.years[-1]) + 1)


def draw_history(ax, history, base_year):
    """The actual (published) series up to the base year as a solid black line."""
    if history is None:
        return []
    keep = np.isfinite(history.values) & (history.years <= base_year)
    if not keep.any():
        return []
    (line,) = ax.plot(history.years[keep], history.values[keep], color=HISTORY_COLOUR,
                      linewidth=2.0, label=f"Actual (published figures), to {int(history.years[keep][-1])}")
    return [line]


def clip_share_axis(ax, summary):
    """Keep a share's axis within SHARE_AXIS_LIMITS and say so when paths go beyond."""
    low, high = SHARE_AXIS_LIMITS
    values = np.concatenate([summary.quantiles[p] for p in (5, 95)])
    values = values[np.isfinite(values)]
    if not values.size:
        return
    cuts = [f"{edge:g}%" for edge, beyond in ((low, values.min() < low),
                                               (high, values.max() > high)) if beyond]
    if cuts:
        ax.set_ylim(max(low, min(values.min(), 0.0)), min(high, max(values.max(), 100.0)))
        ax.text(0.99, 0.98, f"Axis cut at {' and '.join(cuts)}: where jobs growth is near "
                "zero the share is erratic", transform=ax.transAxes, ha="right", va="top",
                fontsize=8, color=MARKER_COLOUR,
                bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none", "alpha": 0.8})


def draw_target_markers(ax, targets, summary):
    """Each target as a marker at its deadline (a target is for one year, not a line
    across all of them), labelled with P(met)."""
    handles = []
    for target in targets:
        level = lr.target_line(target, summary)
        if level is None:
            warn(f"target {target.id}: rule {target.rule!r} cannot be drawn on {summary.name}; "
                 "target marker left out")
            continue
        marker = "v" if target.rule in ("at_most", "reduce_by") else "^"
        (point,) = ax.plot([target.deadline], [level], linestyle="none", marker=marker,
                           markersize=11, color=TARGET_COLOUR, markeredgecolor="black",
                           zorder=5, label=target_label(target, level, summary.units))
        ax.annotate(f"target {wording.number(level)}\nP(met) {wording.percent(target.prob_met_at_deadline)}",
                    xy=(target.deadline, level), xytext=(9, 0), textcoords="offset points",
                    va="center", ha="left", fontsize=8, color="black",
                    bbox={"boxstyle": "round,pad=0.2", "fc": "white", "ec": "none",
                          "alpha": 0.8}, zorder=6)
        handles.append(point)
    return handles


def target_label(target, level, units):
    symbol = RULE_SYMBOLS.get(target.rule, "")
    text = f"Target: {wording.target_phrase(target)}, {symbol} {wording.number(level)}"
    if target.rule == "reduce_by":
        text += f" ({target.threshold:.0%} below the {target.base_year} median)"
    return f"{text} in {target.deadline}"


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
    with_interventions = results.has_interventions
    for i, target in enumerate(results.targets.values()):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        marker = SERIES_MARKERS[i % len(SERIES_MARKERS)]
        p = lr.prob_at_deadline(target, years)
        label = f"{wording.target_phrase(target)} ({wording.percent(p)} in {target.deadline}"
        if with_interventions:
            label += ("; without interventions "
                      f"{wording.percent(lr.prob_at_deadline(target, years, counterfactual=True))}")
        ax.plot(years, target.prob_met, color=colour, marker=marker, markersize=4, linewidth=1.6,
                label=label + ")")
        if with_interventions or not np.allclose(target.prob_met, target.prob_met_counterfactual,
                                                 equal_nan=True):
            ax.plot(years, target.prob_met_counterfactual, color=colour, linestyle="--",
                    linewidth=1.0, alpha=0.8)
    if results.prob_all_met is not None:
        label = f"All targets jointly ({wording.percent(lr.prob_all_at_deadline(results))}"
        if with_interventions and results.prob_all_met_counterfactual is not None:
            label += ("; without interventions "
                      f"{wording.percent(lr.prob_all_at_deadline(results, True))}")
        ax.plot(years, results.prob_all_met, color=OKABE_ITO["black"], linewidth=2.8,
                label=label + ")")
        if results.prob_all_met_counterfactual is not None and (
                with_interventions or not np.allclose(results.prob_all_met,
                                                      results.prob_all_met_counterfactual,
                                                      equal_nan=True)):
            ax.plot(years, results.prob_all_met_counterfactual, color=OKABE_ITO["black"],
                    linewidth=1.4, linestyle="--")
    handles = ax.get_legend_handles_labels()[0]
    if with_interventions or has_counterfactual_effect(results):
        handles.append(Line2D([], [], color=MARKER_COLOUR, linestyle="--", linewidth=1.0,
                              label="Dashed: same target, counterfactual (no interventions)"))
    deadlines = sorted({t.deadline for t in results.targets.values()})
    mark_years(ax, results.base_year, deadlines)
    ax.set_ylim(0.0, 1.0)
    ax.set_ylabel("Chance that the target is met in the year")
    ax.yaxis.set_major_formatter(PERCENT_TICKS)
    if with_interventions:
        title = ("Probability that each target is met, by year: with interventions (solid) "
                 "vs counterfactual (dashed)\nShare of simulated paths on which the target "
                 "holds in that year")
    else:
        title = ("Probability that each target is met, by year\n"
                 "Share of simulated paths on which the target holds in that year")
    ax.set_title(title, fontsize=11 if not with_interventions else 10, loc="left")
    finish_axes(ax, years, "")
    # Below the axes, one entry per line: on the right, the long labels squeeze the plot.
    ax.legend(handles=handles, fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.13),
              ncol=1 if with_interventions else 2, frameon=False)
    add_footer(fig, results)
    return fig


def deadline_probability_chart(results):
    """Horizontal bars of P(met) in the deadline year per target and all jointly; with
    interventions (or a differing counterfactual) the counterfactual beside each bar."""
    rows = sorted(((wording.target_phrase(t), t.prob_met_at_deadline,
                   t.prob_met_counterfactual_at_deadline) for t in results.targets.values()),
                  key=lambda r: -r[1] if np.isfinite(r[1]) else 1.0)
    if results.prob_all_met is not None:
        rows.append(("all jointly", lr.prob_all_at_deadline(results),
                     lr.prob_all_at_deadline(results, counterfactual=True)))
    show_cf = results.has_interventions or has_counterfactual_effect(results)
    fig = new_figure((FIGSIZE[0], max(3.2, 1.6 + 0.36 * len(rows) * (2 if show_cf else 1))))
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1].astype(float)
    height = 0.38 if show_cf else 0.6
    scenario_label = "With interventions" if results.has_interventions else "Scenario"
    bars = ax.barh(y + (height / 2 if show_cf else 0), [r[1] for r in rows], height=height,
                   color=FAN_COLOUR, label=scenario_label)
    label_bars(ax, bars, [r[1] for r in rows])
    if show_cf:
        cf = ax.barh(y - height / 2, [r[2] for r in rows], height=height,
                     color=COUNTERFACTUAL_COLOUR, hatch="//", edgecolor="white",
                     label="Counterfactual (no interventions)")
        label_bars(ax, cf, [r[2] for r in rows])
    ax.set_yticks(y, [r[0] for r in rows])
    ax.set_xlim(0.0, 1.08)
    ax.set_xlabel(f"Chance that the target is met in {results.deadline}")
    ax.xaxis.set_major_formatter(PERCENT_TICKS)
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    best = rows[0] if rows else None
    if show_cf:
        largest = max((abs(r[1] - r[2]) for r in rows if np.isfinite(r[1] - r[2])), default=0.0)
        headline = (f"The interventions change no target's chance by more than "
                    f"{wording.points(largest).lstrip('+')}" if largest < 0.01 else
                    f"The interventions change a target's chance by up to "
                    f"{wording.points(largest).lstrip('+')}")
    elif best is not None:
        headline = (f"The most likely target, {best[0]}, has a {wording.percent(best[1])} "
                    f"chance ({wording.yardstick_word(best[1])})")
    else:
        headline = f"Chance that each target is met in {results.deadline}"
    detail = f"Chance that each target is met in {results.deadline}"
    if show_cf:
        detail += ": with the interventions (solid) and without them (hatched)"
    fig.suptitle(f"{headline}\n{detail}", fontsize=10, x=0.01, ha="left")
    ax.legend(fontsize=8, loc="lower right")
    add_footer(fig, results)
    return fig


def label_bars(ax, bars, values):
    for bar, value in zip(bars, values):
        ax.annotate(wording.percent_with_word(value), xy=(max(bar.get_width(), 0.0) if np.isfinite(value) else 0.0,
                                                   bar.get_y() + bar.get_height() / 2),
                    xytext=(3, 0), textcoords="offset points", va="center", fontsize=8)


def has_counterfactual_effect(results):
    return any(not np.allclose(t.prob_met, t.prob_met_counterfactual, equal_nan=True)
               for t in results.targets.values())


# ------------------------------------------------------------- interventions figures


def panel_grid(fig, count, ncols=2, sharex=True):
    """count panels on a grid of ncols columns; unused cells are removed."""
    ncols = min(ncols, count)
    nrows = -(-count // ncols)
    axes = np.atleast_1d(fig.subplots(nrows, ncols, sharex=sharex, squeeze=False)).ravel()
    for ax in axes[count:]:
        ax.remove()
    return axes[:count]


def intervention_title(intervention):
    if intervention.id == lr.ALL_INTERVENTIONS:
        return "All interventions (the package)"
    name = intervention.name
    return name if name == intervention.id else f"{name} ({intervention.id})"


def row_label(intervention, width=34):
    """An intervention's title wrapped for a y-axis label, so long names do not squeeze
    the plot."""
    return "\n".join(textwrap.wrap(intervention_title(intervention), width)) or intervention.id


def band_name(band):
    return band.replace("_", " ")


def net_effect_chart(results, measure):
    """Per intervention: median and 5-95% band of the local net additional effect by year,
    with the national view's median dashed."""
    interventions = [i for i in results.interventions.values()
                     if lr.net_bands(i, measure) is not None]
    ncols = 2 if len(interventions) > 1 else 1
    nrows = -(-len(interventions) // ncols)
    fig = new_figure((FIGSIZE[0], 1.6 + 2.6 * nrows))
    axes = panel_grid(fig, len(interventions), ncols, sharex=False)
    units = ""
    for ax, intervention in zip(axes, interventions):
        local = intervention.series[lr.INTERVENTION_SERIES[(measure, "local")]]
        units = units or local.units
        bands = lr.fan_bands(local)
        lower, upper = bands[(5, 95)]
        ax.fill_between(local.years, lower, upper, color=FAN_COLOUR, alpha=0.25, linewidth=0,
                        label="Local view: 90% band (5-95%)")
        ax.plot(local.years, bands["median"], color=FAN_COLOUR, linewidth=2.0,
                label="Local view: median")
        national = lr.net_bands(intervention, measure, "national")
        if national is not None:
            ax.plot(local.years, national["median"], color=NATIONAL_COLOUR, linestyle="--",
                    linewidth=1.6, label="National view: median")
        ax.axhline(0.0, color=MARKER_COLOUR, linewidth=0.8)
        ax.axvline(results.deadline, color=MARKER_COLOUR, linewidth=0.9, linestyle="-.")
        ax.set_title(row_label(intervention, 60), fontsize=9, loc="left")
        ax.set_ylabel(local.units or "")
        finish_axes(ax, local.years, local.units)
        ax.tick_params(labelsize=8)
        drawn = np.concatenate([lower, upper, bands["median"]])
        drawn = drawn[np.isfinite(drawn)]
        if not drawn.size or np.all(drawn == 0):
            # Nothing to scale the axis by (e.g. no jobs channel): a plain zero line.
            ax.set_ylim(-1.0, 1.0)
            ax.yaxis.set_major_locator(MaxNLocator(integer=True))
            ax.text(0.02, 0.9, f"No net additional {'jobs' if measure == 'jobs' else 'GVA'} "
                    "in any year", transform=ax.transAxes, fontsize=8, color=MARKER_COLOUR,
                    va="top")
        if intervention.spend_gbp_m is not None and intervention.spend_gbp_m.size == local.years.size:
            spent = local.years[intervention.spend_gbp_m > 0]
            if spent.size:
                ax.axvspan(spent[0] - 0.5, spent[-1] + 0.5, color=OKABE_ITO["yellow"],
                           alpha=0.15, linewidth=0, label="Years with spend")
    handles, labels = axes[0].get_legend_handles_labels()
    handles.append(Line2D([], [], color=MARKER_COLOUR, linestyle="-.", linewidth=0.9))
    labels.append(f"Deadline {results.deadline}")
    what = "jobs" if measure == "jobs" else "GVA"
    fig.suptitle(f"Net additional {what} by intervention, by year{' (' + units + ')' if units else ''}"
                 "\nLocal view: median and 90% band (5-95% of draws); national view: median, "
                 "dashed", fontsize=10, x=0.01, ha="left")
    axes[0].legend(handles, labels, fontsize=7, loc="upper left", framealpha=0.85)
    add_footer(fig, results)
    return fig


def distribution_rows(ax, rows, colour=FAN_COLOUR, width=0.8):
    """Horizontal violin and box (box 25-75%, whiskers 5-95%, median line) per row.

    rows: list of (label, finite values). Rows without values are left empty and
    returned, so the caller can say so. Row 0 is drawn at the top.
    """
    positions = np.arange(len(rows))[::-1].astype(float)
    filled = [(pos, values) for pos, (_label, values) in zip(positions, rows) if values.size]
    if filled:
        pos, data = zip(*filled)
        violins = ax.violinplot(list(data), positions=list(pos), vert=False, widths=width,
                                showextrema=False)
        for body in violins["bodies"]:
            body.set_facecolor(colour)
            body.set_edgecolor("none")
            body.set_alpha(0.30)
        ax.boxplot(list(data), positions=list(pos), vert=False, widths=0.25, whis=(5, 95),
                   showfliers=False, patch_artist=True,
                   boxprops={"facecolor": "white", "edgecolor": colour, "linewidth": 1.2},
                   whiskerprops={"color": colour, "linewidth": 1.2},
                   capprops={"color": colour, "linewidth": 1.2},
                   medianprops={"color": OKABE_ITO["black"], "linewidth": 2.0})
    ax.set_yticks(positions, [label for label, _values in rows])
    ax.set_ylim(-0.6, len(rows) - 0.4)
    return [label for label, values in rows if not values.size]


def clip_range(all_values, include=(), pad=0.05):
    """x range covering the 1st-99th percentiles of every value and the points in
    `include`; returns (lo, hi, number of values outside)."""
    values = np.concatenate([v for v in all_values if v.size] or [np.empty(0)])
    points = list(include)
    if values.size:
        points += list(np.quantile(values, [0.01, 0.99]))
    if not points:
        return 0.0, 1.0, 0
    lo, hi = min(points), max(points)
    span = (hi - lo) or 1.0
    lo, hi = lo - pad * span, hi + pad * span
    outside = int(np.count_nonzero((values < lo) | (values > hi))) if values.size else 0
    return lo, hi, outside


def bcr_chart(results, view="local"):
    """BCR distribution per intervention and the package, over the value-for-money bands,
    with each band's probability printed in the band above each row and P(BCR >= 1)
    under the row's name."""
    interventions = [i for i in results.interventions.values() if view in i.appraisal]
    rows = [(row_label(i), lr.appraisal_values(i, "bcr", view)) for i in interventions]
    fig = new_figure((11.0, 2.6 + 1.0 * len(rows)))
    ax = fig.add_subplot()
    edges = np.asarray(interventions[0].appraisal[view].bcr_edges, dtype=float)
    bands = interventions[0].appraisal[view].bands
    lo, hi, outside = clip_range([v for _l, v in rows], include=(0.0, edges[-1] * 1.15))
    bounds = [lo, *edges, hi]
    centres = []
    for k, band in enumerate(bands):
        ax.axvspan(bounds[k], bounds[k + 1], color=VFM_COLOURS[k % len(VFM_COLOURS)],
                   alpha=VFM_ALPHA, linewidth=0)
        centres.append((max(bounds[k], lo) + min(bounds[k + 1], hi)) / 2)
        ax.annotate(band_name(band), xy=(centres[-1], 1.0), xycoords=("data", "axes fraction"),
                    xytext=(0, 3), textcoords="offset points", ha="center", va="bottom",
                    fontsize=8, color=MARKER_COLOUR)
    for edge in edges:
        ax.axvline(edge, color=MARKER_COLOUR, linewidth=0.8, linestyle=":")
    labelled = []
    for intervention, (label, values) in zip(interventions, rows):
        if values.size:
            label += f"\nP(BCR ≥ 1) = {format_probability(lr.prob_at_least(values, 1.0))}"
        else:
            label += "\nBCR undefined in every draw"
        labelled.append((label, values))
    distribution_rows(ax, labelled, width=0.55)
    positions = np.arange(len(rows))[::-1]
    for pos, intervention in zip(positions, interventions):
        probabilities = lr.vfm_band_probabilities(intervention, view)
        for centre, probability in zip(centres, probabilities):
            ax.text(centre, pos + 0.33, format_percent(probability), ha="center", va="bottom",
                    fontsize=7.5, color=OKABE_ITO["black"])
    ax.set_ylim(-0.55, len(rows) - 0.35)
    ax.set_xlim(lo, hi)
    ax.set_xlabel("Benefit-cost ratio (present value of net additional GVA / present value "
                  "of cost)")
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    title = (f"Benefit-cost ratio of each intervention and of the package ({view} view)\n"
             "Shaded: value-for-money bands (BCR edges "
             + ", ".join(format_number(e) for e in edges)
             + "), with P(BCR in band) printed in each\n"
             "Violin: distribution over draws; box 25-75%, whiskers 5-95%, black line median")
    fig.suptitle(title, fontsize=10, x=0.01, ha="left")
    notes = []
    if outside:
        notes.append(f"{outside} draw(s) beyond the axis (1st-99th percentile shown)")
    dropped = sum(int(np.count_nonzero(~np.isfinite(i.appraisal[view].draws["bcr"])))
                  for i in interventions if "bcr" in i.appraisal[view].draws)
    if dropped:
        notes.append(f"{dropped} undefined draw(s) (no cost) left out")
    if notes:
        fig.text(0.99, 0.005, "; ".join(notes), fontsize=7, color=MARKER_COLOUR, ha="right",
                 va="bottom")
    add_footer(fig, results)
    return fig


GBP_MILLION = re.compile(r"^\s*GBP\s*m(?:illion)?\b\s*(.*)$", re.IGNORECASE)
GBP_PLAIN = re.compile(r"^\s*GBP\b(?!\s*(?:m\b|million|thousand|k\b|bn\b))\s*(.*)$",
                       re.IGNORECASE)


def per_job_scale(units):
    """(factor, units) showing a cost per job in GBP thousand when it is in GBP m or GBP;
    other units are left alone."""
    units = units or ""
    for pattern, factor in ((GBP_MILLION, 1000.0), (GBP_PLAIN, 0.001)):
        match = pattern.match(units)
        if match:
            return factor, f"GBP thousand {match.group(1)}".strip()
    return 1.0, units


def money_per_job(values, units):
    """Cost per job values and axis label, in GBP thousand where the units allow."""
    factor, shown = per_job_scale(units)
    return values * factor, shown


def cost_per_job_chart(results):
    """Cost per net additional job (peak jobs) and per net job-year, per intervention."""
    interventions = [i for i in results.interventions.values()
                     if "local" in i.appraisal and "cost_per_net_job" in i.appraisal["local"].draws]
    measures = [m for m in ("cost_per_net_job", "cost_per_net_job_year")
                if any(m in i.appraisal["local"].draws for i in interventions)]
    fig = new_figure((11.0, 2.2 + 0.75 * len(interventions)))
    axes = fig.subplots(1, len(measures), sharey=True, squeeze=False)[0]
    titles = {"cost_per_net_job": "per net additional job (at its peak)",
              "cost_per_net_job_year": "per net additional job-year"}
    for ax, measure in zip(axes, measures):
        rows, units = [], ""
        for i in interventions:
            values = lr.appraisal_values(i, measure)
            scaled, units_shown = money_per_job(values, i.appraisal["local"].units.get(measure))
            units = units or units_shown
            rows.append((row_label(i), scaled))
        distribution_rows(ax, rows, OKABE_ITO["reddish_purple"])
        lo, hi, outside = clip_range([v for _l, v in rows], include=(0.0,))
        ax.set_xlim(lo, hi)
        positions = np.arange(len(rows))[::-1]
        for pos, (_label, values), i in zip(positions, rows, interventions):
            share = lr.defined_fraction(i, measure)
            text = (f"median {format_number(float(np.median(values)))}" if values.size
                    else "undefined in every draw (no net jobs)")
            if values.size and np.isfinite(share) and share < 1.0:
                text += f"; defined in {share:.0%} of draws"
            ax.annotate(text, xy=(0.99, pos + 0.3), xycoords=("axes fraction", "data"),
                        ha="right", va="center", fontsize=7, color=MARKER_COLOUR)
        ax.set_xlabel("\n".join(textwrap.wrap(units or "cost", 40)), fontsize=9)
        ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.6g}"))
        title = f"Cost {titles[measure]}"
        if outside:
            title += f"\n{outside} draw(s) beyond the axis (1st-99th percentile shown)"
        ax.set_title(title, fontsize=9, loc="left")
        ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    fig.suptitle("Cost per net additional job of each intervention (local view, undiscounted public "
                 "cost, as evaluations report it)\nViolin: distribution over draws where defined; "
                 "box 25-75%, whiskers 5-95%, line median", fontsize=10, x=0.01, ha="left")
    add_footer(fig, results)
    return fig


def effect_chart(results):
    """Per headline indicator, the distribution of scenario minus counterfactual in the
    deadline year: 5-95, 10-90 and 25-75% bars and the median, with zero marked."""
    names = [name for name in HEADLINE if name in results.effect]
    fig = new_figure((FIGSIZE[0], 1.4 + 1.05 * len(names)))
    axes = fig.subplots(len(names), 1, squeeze=False)[:, 0]
    year = results.deadline
    for ax, name in zip(axes, names):
        q = dict(zip(lr.QUANTILE_PERCENTS, lr.effect_quantiles_at(results, name, year)))
        summary = results.effect[name]
        for (lo, hi), width, alpha in zip(lr.FAN_BANDS, (4, 9, 14), BAND_ALPHAS):
            ax.plot([q[lo], q[hi]], [0, 0], color=FAN_COLOUR, linewidth=width, alpha=alpha + 0.2,
                    solid_capstyle="butt")
        ax.plot([q[50]], [0], marker="D", color=OKABE_ITO["black"], markersize=6)
        ax.axvline(0.0, color=MARKER_COLOUR, linewidth=1.0, linestyle="--")
        ax.set_yticks([0], [HEADLINE[name].format(base=results.base_year).split(" (")[0]
                            .replace(" with the comparator", "")])
        ax.tick_params(axis="y", labelsize=8)
        ax.tick_params(axis="x", labelsize=8)
        finite_q = [v for v in q.values() if np.isfinite(v)]
        span = max(finite_q + [0.0]) - min(finite_q + [0.0])
        if span > 0:
            ax.set_xlim(min(finite_q + [0.0]) - 0.08 * span, max(finite_q + [0.0]) + 0.08 * span)
        else:
            ax.set_xlim(-1.0, 1.0)
        ax.set_ylim(-0.6, 0.6)
        ax.set_xlabel(summary.units, fontsize=8, labelpad=1)
        ax.xaxis.set_major_formatter(PLAIN_TICKS)
        ax.xaxis.set_major_locator(MaxNLocator(5))
        if not finite_q:
            text = "undefined in every draw"
        elif span == 0:
            text = "no effect (zero in 90% of draws)" if q[50] == 0 else \
                f"{format_signed(q[50])} in 90% of draws"
        else:
            text = (f"median {format_signed(q[50])} [90%: {format_signed(q[5])} to "
                    f"{format_signed(q[95])}]")
        ax.text(0.99, 0.9, text, transform=ax.transAxes, ha="right", va="top", fontsize=8)
        ax.grid(True, axis="x", color="#eeeeee", linewidth=0.6)
    fig.suptitle(f"Effect of the interventions on each headline indicator in {year}\n"
                 "Scenario minus counterfactual, draw by draw: median (diamond); 25-75%, "
                 "10-90% and 5-95%\nof draws (darkest to lightest); dashed line: no effect",
                 fontsize=10, x=0.01, ha="left")
    add_footer(fig, results)
    return fig


def effect_gap_chart(results):
    """The package's effect on each target's indicator in the deadline year as a share of
    the gap the counterfactual median leaves to the target (100% = the package alone would
    meet it at the median), in the target's better direction; the numbers in the
    indicator's units beside each bar."""
    rows = []
    for target in results.targets.values():
        summary_cf = results.indicators["counterfactual"].get(target.indicator)
        effect = lr.effect_quantiles_at(results, target.indicator, target.deadline)
        if summary_cf is None or effect is None:
            continue
        level = lr.target_line(target, summary_cf)
        hits = np.flatnonzero(results.years == target.deadline)
        if level is None or not hits.size:
            continue
        median_cf = summary_cf.quantiles[50][hits[0]]
        lower = target.rule in ("at_most", "reduce_by")
        gap = (median_cf - level) if lower else (level - median_cf)
        q = dict(zip(lr.QUANTILE_PERCENTS, -effect if lower else effect))
        if lower:  # negating swaps the tails
            q = {p: q[100 - p] for p in q}
        rows.append((target, gap, q, summary_cf.units))
    fig = new_figure((FIGSIZE[0], 1.9 + 0.62 * max(len(rows), 1)))
    ax = fig.add_subplot()
    y = np.arange(len(rows))[::-1].astype(float)
    labels = []
    for yy, (target, gap, q, units) in zip(y, rows):
        labels.append(wording.target_phrase(target))
        if not (np.isfinite(gap) and gap > 0):
            ax.annotate(f"met at the median without the package (effect "
                        f"{wording.number(q[50], signed=True)} {wording.short_units(units)})",
                        xy=(0, yy), xytext=(4, 0), textcoords="offset points", va="center",
                        fontsize=8, color=MARKER_COLOUR)
            continue
        share = {p: 100.0 * v / gap for p, v in q.items()}
        ax.plot([share[5], share[95]], [yy, yy], color=FAN_COLOUR, linewidth=9, alpha=0.35,
                solid_capstyle="butt")
        ax.plot([share[25], share[75]], [yy, yy], color=FAN_COLOUR, linewidth=9, alpha=0.8,
                solid_capstyle="butt")
        ax.plot([share[50]], [yy], marker="D", color="black", markersize=6)
        short = wording.short_units(units)
        ax.annotate(f"{wording.number(share[50], 2)}%: {wording.number(q[50], signed=True)} "
                    f"of {wording.number(gap)} {short}",
                    xy=(max(share[95], 0.0), yy), xytext=(6, 0), textcoords="offset points",
                    va="center", fontsize=8)
    ax.set_yticks(y, labels)
    finite = [v for _t, gap, q, _u in rows if np.isfinite(gap) and gap > 0
              for v in (100.0 * q[5] / gap, 100.0 * q[95] / gap)]
    right = max(finite + [0.0])
    left = min(finite + [0.0])
    span = right - left if right > left else 1.0
    ax.set_xlim(left - 0.05 * span, right + 1.1 * span)  # room for the labels
    ax.set_ylim(-0.7, len(rows) - 0.3)
    ax.axvline(0.0, color=MARKER_COLOUR, linewidth=1.0, linestyle="--")
    ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{wording.number(v, 2)}%"))
    ax.xaxis.set_major_locator(MaxNLocator(5))
    ax.set_xlabel(f"Share of the gap to the target in {results.deadline} that the package "
                  "closes (100% = closed)")
    ax.grid(True, axis="x", color="#eeeeee", linewidth=0.6)
    largest = max((100.0 * q[50] / gap for _t, gap, q, _u in rows
                   if np.isfinite(gap) and gap > 0), default=float("nan"))
    headline = (f"The package closes at most {wording.number(largest, 2)}% of any target's "
                "remaining gap" if np.isfinite(largest) else "The package's effect on the targets")
    fig.suptitle(f"{headline}\nGap: from the median without the package to the target. "
                 "Median effect (diamond), 50% and 90% of draws (bars);\nbeside: the median "
                 "effect and the gap in the indicator's units", fontsize=10, x=0.01, ha="left")
    add_footer(fig, results)
    return fig


# ---------------------------------------------------------------- sensitivity figures


def describe_output(output, description=""):
    """Plain words for an output: lissim's labels (jobs@2030, effect:jobs@2030, all:bcr)
    are spelled out; other names use the file's description."""
    if "@" in output or ":" in output:
        return lr.output_description(output)
    return description or lr.output_description(output)


def factor_label(name, parameters="", width=30, max_lines=3):
    """A factor's name for an axis: a long key path is broken after its dots (and commas)
    into lines of at most `width` characters; beyond `max_lines` lines the start is
    dropped ("…"), as the end of a key path says most. A factor that moves several
    parameters says how many."""
    pieces = [p for p in re.split(r"(?<=[.,])", name) if p]
    lines, current = [], ""
    for piece in pieces:
        if current and len(current) + len(piece) > width:
            lines.append(current)
            current = piece
        else:
            current += piece
    lines.append(current)
    if len(lines) > max_lines:
        lines = lines[-max_lines:]
        lines[0] = "…" + lines[0]
    count = len([p for p in parameters.split(",") if p.strip()]) if parameters else 0
    if count > 1:
        lines.append(f"({count} parameters)")
    return "\n".join(lines)


def label_lines(labels):
    return sum(label.count("\n") + 1 for label in labels)


def factor_rows_height(labels, per_row=0.42, per_line=0.16):
    """Axes height in inches for horizontal bars with these (multi-line) labels."""
    return sum(max(per_row, 0.12 + per_line * (label.count("\n") + 1)) for label in labels)


def sensitivity_specs(data, sensitivities, confidence=0.95):
    """Tornado figures (sensitivity_<output>) of every output."""
    return [FigureSpec(f"sensitivity_{file_safe(output)}", "sensitivity",
                       f"Uncertain parameters driving "
                       f"{describe_output(output, found.description)} "
                       "(partial rank correlation)",
                       tornado_chart(data, found, confidence))
            for output, found in sensitivities.items()]


def sobol_specs(data, sobols, describe=None):
    """Sobol index figures (sobol_<output>) of every output."""
    describe = describe or (lambda output, found: describe_output(output, found.description))
    return [FigureSpec(f"sobol_{file_safe(output)}", "sensitivity",
                       f"Sobol sensitivity indices of {describe(output, found)}",
                       sobol_chart(data, found, describe(output, found)))
            for output, found in sobols.items()]


def sensitivity_file_figures(data):
    """A `lissim sensitivity -o` file: one tornado chart per output."""
    return sensitivity_specs(data, data.sensitivity, data.confidence)


def sobol_file_figures(data):
    """A `lissim sobol` file: Sobol indices per output (sobol_<output>) and, with
    --method morris, the Morris screening per output (morris_<output>)."""
    def describe(output, found):
        if data.is_test_function:
            return f"the {output.replace('_', ' ').replace('-', ' ')} test function"
        return describe_output(output, getattr(found, "description", ""))

    specs = sobol_specs(data, data.sobol, describe)
    for output, found in data.morris.items():
        what = describe(output, found)
        specs.append(FigureSpec(f"morris_{file_safe(output)}", "sensitivity",
                                f"Morris screening of the uncertain factors of {what}",
                                morris_chart(data, found, what)))
    return specs


def tornado_chart(results, sensitivity, confidence=0.95):
    """PRCC of each uncertain parameter with the output, largest |PRCC| at the top, with
    its interval; parameters without a PRCC (constant, or dropped) are named below."""
    order = [k for k in lr.tornado_order(sensitivity) if np.isfinite(sensitivity.prcc[k])]
    unranked = [k for k in range(len(sensitivity.factors))
                if not np.isfinite(sensitivity.prcc[k])]
    shown = order[:TOP_FACTORS]
    labels = [factor_label(sensitivity.factors[k]) for k in shown]
    fig = new_figure((FIGSIZE[0], 2.3 + factor_rows_height(labels or ["none"])))
    ax = fig.add_subplot()
    y = np.arange(len(shown))[::-1].astype(float)
    prcc = sensitivity.prcc[shown]
    low, high = sensitivity.prcc_low[shown], sensitivity.prcc_high[shown]
    colours = [FAN_COLOUR if v >= 0 else NEGATIVE_COLOUR for v in prcc]
    hatches = ["" if v >= 0 else "//" for v in prcc]  # second cue besides colour
    err = np.nan_to_num(np.vstack([np.clip(prcc - low, 0, None), np.clip(high - prcc, 0, None)]))
    bars = ax.barh(y, prcc, color=colours, xerr=err, ecolor=MARKER_COLOUR, capsize=2,
                   height=0.62, edgecolor="white")
    for bar, hatch in zip(bars, hatches):
        bar.set_hatch(hatch)
    for pos, value, lo, hi in zip(y, prcc, low, high):
        end = hi if value >= 0 else lo
        end = value if not np.isfinite(end) else end
        ax.annotate(f"{value:+.2f}", xy=(end, pos), xytext=(4 if value >= 0 else -4, 0),
                    textcoords="offset points", ha="left" if value >= 0 else "right",
                    va="center", fontsize=7.5)
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylim(-0.6, max(len(shown), 1) - 0.4)
    ax.axvline(0.0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xlim(-1.12, 1.12)
    if not shown:
        ax.text(0.5, 0.5, "No parameter could be ranked", transform=ax.transAxes,
                ha="center", va="center", color=MARKER_COLOUR)
    notes = []
    r2 = sensitivity.attrs.get("r2_rank")
    if isinstance(r2, (int, float)) and np.isfinite(r2):
        note = f"rank regression R² = {r2:.2f}"
        if r2 < 0.5:
            note += " (most of the spread comes from the random shocks, not these parameters)"
        notes.append(note)
    if "draws_used" in sensitivity.attrs:
        dropped = int(sensitivity.attrs.get("draws_dropped", 0))
        notes.append(f"{int(sensitivity.attrs['draws_used'])} draws"
                     + (f", {dropped} dropped (output not finite)" if dropped else ""))
    if unranked:
        notes.append("not ranked (constant over the draws): "
                     + ", ".join(sensitivity.factors[k] for k in unranked))
    xlabel = (f"Partial rank correlation coefficient with the output "
              f"(bars: {confidence:.0%} interval)")
    if notes:
        xlabel += "\n" + "\n".join(textwrap.wrap("; ".join(notes), 110))
    ax.set_xlabel(xlabel, fontsize=9)
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    hidden = len(order) - len(shown)
    what = describe_output(sensitivity.output, sensitivity.description)
    units = f" ({sensitivity.units})" if sensitivity.units else ""
    fig.suptitle(f"What drives {what}{units}: partial rank correlation with each "
                 f"uncertain parameter\nBlue: a higher value raises the output, vermillion "
                 f"(hatched): lowers it; largest effect first"
                 f"{f' ({hidden} weaker not shown)' if hidden > 0 else ''}",
                 fontsize=10, x=0.01, ha="left")
    add_footer(fig, results)
    return fig


# Sobol axes: a share of variance lies in [0, 1]; estimates beyond these limits are
# printed instead of stretching the axis.
SOBOL_AXIS_LIMITS = (-0.2, 1.2)


def sobol_chart(results, sobol, description=None):
    """First-order and total Sobol indices per factor with their intervals, largest total
    at the top; a test function's exact indices as black diamonds."""
    order = lr.sobol_order(sobol, TOP_FACTORS)
    intervals = lr.sobol_intervals(sobol)
    parameters = sobol.parameters or ("",) * len(sobol.factors)
    labels = [factor_label(sobol.factors[k], parameters[k]) for k in order]
    has_exact = sobol.s1_exact is not None or sobol.st_exact is not None
    fig = new_figure((FIGSIZE[0], 2.6 + factor_rows_height(labels, per_row=0.55)))
    ax = fig.add_subplot()
    y = np.arange(len(order))[::-1].astype(float)
    h = 0.38
    shown = []
    for key, offset, colour, hatch, label, exact in (
            ("S1", h / 2, SOBOL_COLOURS[0], "", "First order S1 (the factor alone)",
             sobol.s1_exact),
            ("ST", -h / 2, SOBOL_COLOURS[1], "//",
             "Total order ST (alone and with interactions)", sobol.st_exact)):
        values = (sobol.s1 if key == "S1" else sobol.st)[order]
        low, high = (part[order] for part in intervals[key])
        err = np.nan_to_num(np.vstack([np.clip(values - low, 0, None),
                                       np.clip(high - values, 0, None)]))
        # A NaN index (not estimated) is drawn as no bar and said so below.
        ax.barh(y + offset, np.nan_to_num(values), height=h, color=colour, hatch=hatch,
                edgecolor="white", xerr=err, ecolor=MARKER_COLOUR, capsize=2, label=label)
        shown.append((key, offset, values, low, high))
        if exact is not None:
            ax.plot(exact[order], y + offset, linestyle="none", marker="D", markersize=5.5,
                    color=OKABE_ITO["black"], markerfacecolor=OKABE_ITO["yellow"],
                    label="Exact value (test function)" if key == "S1" else None, zorder=4)
    everything = np.concatenate([np.concatenate(part[2:]) for part in shown] + [[0.0, 1.0]])
    everything = everything[np.isfinite(everything)]
    lo = max(SOBOL_AXIS_LIMITS[0], float(everything.min()))
    hi = min(SOBOL_AXIS_LIMITS[1], float(everything.max()))
    lo, hi = lo - 0.03 * (hi - lo), hi + 0.03 * (hi - lo)
    ax.set_xlim(lo, hi)
    for pos, k in zip(y, order):
        text = None
        if not (np.isfinite(sobol.s1[k]) or np.isfinite(sobol.st[k])):
            text = "not estimated (NaN)"
        elif all(np.nan_to_num(v[k], nan=1.0) == 0.0 for v in
                 (sobol.s1, sobol.st, *intervals["S1"], *intervals["ST"])):
            text = "no effect (0)"
        if text:
            ax.annotate(text, xy=(0.0, pos), xytext=(4, 0), textcoords="offset points",
                        va="center", fontsize=7.5, color=MARKER_COLOUR)
    beyond = 0
    for key, offset, values, low, high in shown:
        for pos, value, a, b in zip(y + offset, values, low, high):
            if any(np.isfinite(v) and not lo <= v <= hi for v in (value, a, b)):
                beyond += 1
                ax.text(hi, pos, f"{key} {value:.2f} [{a:.2f}, {b:.2f}] ▸ ", ha="right",
                        va="center", fontsize=7, color=OKABE_ITO["black"],
                        bbox={"facecolor": "white", "alpha": 0.8, "edgecolor": "none",
                              "pad": 0.5})
    ax.set_yticks(y, labels)
    ax.tick_params(axis="y", labelsize=8)
    ax.set_ylim(-0.6, max(len(order), 1) - 0.4)
    ax.axvline(0.0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.axvline(1.0, color=MARKER_COLOUR, linewidth=0.8, linestyle=":")
    confidence = sobol.attrs.get("confidence", 0.95)
    confidence = confidence if isinstance(confidence, (int, float)) else 0.95
    notes = []
    total_s1 = float(np.nansum(sobol.s1))
    notes.append(f"sum of S1 = {total_s1:.2f}"
                 + (f" (about {1 - total_s1:.0%} of the variance from interactions)"
                    if 0 < total_s1 < 1 else ""))
    if beyond:
        notes.append(f"{beyond} estimate(s) beyond the axis printed at its edge: a share of "
                     "variance lies in [0, 1], so more base samples are needed")
    dropped = sobol.attrs.get("rows_dropped")
    if isinstance(dropped, (int, float)) and dropped > 0:
        notes.append(f"{int(dropped)} rows dropped (output not finite)")
    xlabel = (f"Share of the output's variance (error bars: {confidence:.0%} bootstrap "
              "interval)")
    if notes:
        xlabel += "\n" + "\n".join(textwrap.wrap("; ".join(notes), 110))
    ax.set_xlabel(xlabel, fontsize=9)
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    hidden = len(sobol.factors) - len(order)
    what = description or describe_output(sobol.output, sobol.description)
    fig.suptitle(f"Share of the variance of {what} due to each uncertain factor "
                 f"(Sobol indices)\nLargest total effect first"
                 f"{f' ({hidden} smaller not shown)' if hidden > 0 else ''}"
                 f"{'; diamonds: the exact indices' if has_exact else ''}",
                 fontsize=10, x=0.01, ha="left")
    # Inside, bottom right: the rows are sorted by ST, so the smallest bars are there.
    ax.legend(fontsize=8, loc="lower right", framealpha=0.9)
    add_footer(fig, results)
    return fig


# sigma / mu* lines on the Morris chart (Garcia Sanchez et al. 2014).
MORRIS_RATIOS = ((0.1, ":"), (0.5, "--"), (1.0, "-."))


def morris_chart(data, morris, description=None):
    """Morris screening: mu* (importance) against sigma (non-linearity or interactions)
    per factor, numbered by mu*, with the sigma/mu* = 0.1, 0.5, 1 lines."""
    order = lr.morris_order(morris)
    active = [k for k in order if np.isfinite(morris.mu_star[k])
              and (morris.mu_star[k] > 0 or morris.sigma[k] > 0)]
    inactive = [k for k in range(len(morris.factors)) if k not in active]
    legend_height = 0.22 * max(len(active), 1) + 0.1
    fig = new_figure((FIGSIZE[0], 6.4 + legend_height))
    grid = fig.add_gridspec(2, 1, height_ratios=[5.0, legend_height])
    ax = fig.add_subplot(grid[0])
    x_max = max([float(morris.mu_star[k]) for k in active] + [0.0]) * 1.12 or 1.0
    y_max = max([float(morris.sigma[k]) for k in active if np.isfinite(morris.sigma[k])]
                + [0.0]) * 1.12 or 1.0
    for ratio, style in MORRIS_RATIOS:
        xs = np.array([0.0, x_max])
        ax.plot(xs, ratio * xs, color=MARKER_COLOUR, linestyle=style, linewidth=0.9)
        if ratio * x_max <= y_max:
            ax.annotate(f"σ/μ* = {ratio:g}", xy=(x_max, ratio * x_max), xytext=(-3, 3),
                        textcoords="offset points", ha="right", va="bottom", fontsize=7.5,
                        color=MARKER_COLOUR)
        else:
            ax.annotate(f"σ/μ* = {ratio:g}", xy=(y_max / ratio, y_max), xytext=(3, -3),
                        textcoords="offset points", ha="left", va="top", fontsize=7.5,
                        color=MARKER_COLOUR)
    parameters = morris.parameters or ("",) * len(morris.factors)
    for rank, k in enumerate(active):
        colour = SERIES_COLOURS[rank % len(SERIES_COLOURS)]
        marker = SERIES_MARKERS[rank % len(SERIES_MARKERS)]
        name = factor_label(morris.factors[k], parameters[k], width=60, max_lines=2)
        ax.plot([morris.mu_star[k]], [morris.sigma[k]], linestyle="none", marker=marker,
                markersize=8, color=colour, markeredgecolor=OKABE_ITO["black"],
                markeredgewidth=0.6, clip_on=False, zorder=4,
                label=f"{rank + 1}. {name.replace(chr(10), ' ')} "
                      f"(μ* {format_number(float(morris.mu_star[k]))})")
        ax.annotate(str(rank + 1), xy=(morris.mu_star[k], morris.sigma[k]), xytext=(6, 4),
                    textcoords="offset points", fontsize=8, fontweight="bold")
    ax.set_xlim(0.0, x_max)
    ax.set_ylim(0.0, y_max)
    units = f" ({morris.units})" if morris.units else ""
    xlabel = f"μ*: mean absolute elementary effect{units}"
    if inactive:
        xlabel += "\n" + "\n".join(textwrap.wrap(
            "No effect on this output: " + ", ".join(morris.factors[k] for k in inactive), 110))
    ax.set_xlabel(xlabel, fontsize=9)
    ax.set_ylabel("σ: standard deviation of the elementary effects", fontsize=9)
    ax.grid(True, color="#eeeeee", linewidth=0.6)
    ax.set_axisbelow(True)
    what = description or describe_output(morris.output)
    trajectories = data.attrs.get("base_samples_or_trajectories")
    fig.suptitle(wrap_title(
        f"Morris screening of {what}: how much each factor matters (μ*, to the right) "
        f"against how non-linearly or through interactions it acts (σ, up)\n"
        f"Elementary effects from {trajectories or 'the'} trajectories; lines: σ/μ* = 0.1 "
        "(below: almost linear), 0.5 and 1 (above: non-linear or interacting)", 120),
        fontsize=10, x=0.01, ha="left")
    legend_ax = fig.add_subplot(grid[1])
    legend_ax.axis("off")
    if active:
        legend_ax.legend(*ax.get_legend_handles_labels(), fontsize=8, loc="upper center",
                         ncol=1, frameon=False)
    else:
        ax.text(0.5, 0.5, "No factor changes this output", transform=ax.transAxes,
                ha="center", va="center", color=MARKER_COLOUR)
    add_footer(fig, data)
    return fig


# ---------------------------------------------------------------------- sweep figures


@dataclass
class SweepItem:
    """One quantity drawn against the swept parameter: values [P] per point, optionally
    the same without the interventions (dashed) and a band (lo [P], hi [P])."""

    label: str
    values: np.ndarray
    colour: str
    marker: str = "o"
    linewidth: float = 1.6
    counterfactual: object = None
    band: object = None


# At most this many panels in a sweep figure; beyond it only the package (`all`) is drawn.
MAX_SWEEP_PANELS = 12
SWEEP_LINE_COLOURS = SERIES_COLOURS


def sweep_figures(sweep):
    """A sweep's figures: P(target met at the deadline), the package's BCR and the net
    additional jobs against the swept parameter(s)."""
    layout = lr.sweep_layout(sweep)
    if not layout:
        warn(f"{sweep.path}: no swept point to draw")
        return []
    against = sweep_x_description(sweep)
    specs = []
    if sweep.targets or sweep.prob_all_met is not None:
        specs.append(FigureSpec(
            "sweep_target_probabilities", "sweep",
            f"Probability that each target is met in {sweep.deadline}, against {against}",
            sweep_target_chart(sweep, layout)))
    else:
        warn(f"{sweep.path}: no /targets group; sweep_target_probabilities not drawn")
    if any("bcr" in i.appraisal for i in sweep.interventions.values()):
        specs.append(FigureSpec(
            "sweep_bcr", "sweep",
            f"Median benefit-cost ratio of each intervention and the package, against {against}",
            sweep_bcr_chart(sweep, layout)))
    if any("net_additional_jobs" in i.series for i in sweep.interventions.values()):
        specs.append(FigureSpec(
            "sweep_net_jobs", "sweep",
            f"Median net additional jobs in {format_years(sweep.summary_years)}, "
            f"against {against}",
            sweep_net_jobs_chart(sweep, layout)))
    return specs


def sweep_x_description(sweep):
    keys = sweep.keys
    spend_axis = lr.sweep_spend_axis(sweep, 0) if len(keys) == 1 else None
    if spend_axis is not None and sweep.mode != "one_at_a_time":
        return f"spend on {spend_axis[0]} (GBP m)"
    if sweep.mode == "one_at_a_time":
        return ("each swept parameter in turn" if len(keys) > 1 else keys[0]) + \
            " (the others at their base values)"
    if len(keys) == 1:
        return keys[0]
    return f"{keys[0]}, one line per {keys[1]}" + (
        f", one panel per {', '.join(keys[2:])}" if len(keys) > 2 else "")


def sweep_run_note(sweep):
    draws = sweep.attrs.get("draws")
    return ("Each point is a full Monte Carlo run"
            + (f" of {draws} draws" if draws is not None else "")
            + " with the same random numbers, so the differences are the parameter's, not noise")


def intervention_items(sweep, values_of, band_of_all=None):
    """One SweepItem per intervention with the quantity (`all`, the package, black and
    last); interventions without it are left out."""
    items, k = [], 0
    for iid in sweep.interventions:
        values = values_of(iid)
        if values is None:
            continue
        if iid == lr.ALL_INTERVENTIONS:
            items.append(SweepItem("All interventions (the package)", values,
                                   OKABE_ITO["black"], "s", 2.6,
                                   band=band_of_all(iid) if band_of_all else None))
        else:
            items.append(SweepItem(iid, values, SERIES_COLOURS[k % len(SERIES_COLOURS)],
                                   SERIES_MARKERS[k % len(SERIES_MARKERS)]))
            k += 1
    return items


def sweep_target_chart(sweep, layout):
    items = []
    for k, (target_id, target) in enumerate(sweep.targets.items()):
        values = lr.sweep_prob_at_deadline(sweep, target_id)
        cf = lr.sweep_prob_at_deadline(sweep, target_id, counterfactual=True)
        items.append(SweepItem(target_id, values, SERIES_COLOURS[k % len(SERIES_COLOURS)],
                               SERIES_MARKERS[k % len(SERIES_MARKERS)],
                               counterfactual=cf if differs(values, cf) else None))
    if sweep.prob_all_met is not None:
        values = lr.sweep_prob_at_deadline(sweep)
        cf = lr.sweep_prob_at_deadline(sweep, counterfactual=True)
        items.append(SweepItem("All targets jointly", values, OKABE_ITO["black"], "s", 2.6,
                               counterfactual=cf if differs(values, cf) else None))
    with_cf = any(item.counterfactual is not None for item in items)
    title = (f"Probability that each target is met in {sweep.deadline}, against "
             f"{sweep_x_description(sweep)}\n{sweep_run_note(sweep)}"
             + ("; dashed: the same without the interventions" if with_cf else ""))
    return sweep_chart(sweep, layout, [("", items)], f"P(met in {sweep.deadline})", title,
                       ylim=(-0.03, 1.03), probability=True)


def differs(values, counterfactual):
    return counterfactual is not None and not np.allclose(values, counterfactual,
                                                          equal_nan=True)


def sweep_bcr_chart(sweep, layout):
    def band(iid):
        return (lr.sweep_appraisal(sweep, iid, "bcr", 5), lr.sweep_appraisal(sweep, iid, "bcr", 95))

    items = intervention_items(sweep, lambda iid: lr.sweep_appraisal(sweep, iid, "bcr"), band)
    title = (f"Median benefit-cost ratio (local view) of each intervention and the package, "
             f"against {sweep_x_description(sweep)}\n"
             + ("" if several_lines(layout) else "Shaded: 90% of draws (5-95%) for the package; ")
             + f"dotted line: BCR = 1, benefits equal costs\n{sweep_run_note(sweep)}")
    return sweep_chart(sweep, layout, [("", items)], "Benefit-cost ratio (median over draws)",
                       title, reference=(1.0, "BCR = 1"))


def sweep_net_jobs_chart(sweep, layout):
    groups = []
    for year in sweep.summary_years:
        def values_of(iid, year=year):
            return lr.sweep_net_effect(sweep, iid, year, "jobs")

        def band(iid, year=year):
            return (lr.sweep_net_effect(sweep, iid, year, "jobs", 5),
                    lr.sweep_net_effect(sweep, iid, year, "jobs", 95))

        groups.append((f"In {year}", intervention_items(sweep, values_of, band)))
    units = next((i.series["net_additional_jobs"].units for i in sweep.interventions.values()
                  if "net_additional_jobs" in i.series), "")
    title = (f"Median net additional jobs (local view) in "
             f"{format_years(sweep.summary_years)}, against {sweep_x_description(sweep)}\n"
             + ("" if several_lines(layout) else "Shaded: 90% of draws (5-95%) for the package\n")
             + sweep_run_note(sweep))
    return sweep_chart(sweep, layout, groups,
                       "Net additional jobs" + (f" ({units})" if units else ""), title,
                       reference=(0.0, None), persons=units == "persons")


def sweep_panels(layout, groups):
    """(title, layout panel, items) per panel. With one line per panel, every item is a
    line of its panel; with several (a grid of two or more axes) each item gets its own
    panels, one line per value of the second axis, and if that makes too many panels only
    the package (or the joint probability) is kept."""
    multi = several_lines(layout)
    panels = []
    for group_title, items in groups:
        for panel in layout:
            if multi:
                for item in items:
                    panels.append((join_titles(group_title, item.label, panel.title), panel,
                                   [item]))
            else:
                panels.append((join_titles(group_title, panel.title), panel, items))
    if multi and len(panels) > MAX_SWEEP_PANELS:
        keep = [p for p in panels if p[2][0].colour == OKABE_ITO["black"]]
        panels = keep or panels[:MAX_SWEEP_PANELS]
    return panels, multi


def several_lines(layout):
    """True when a panel has several lines (a grid of two or more axes)."""
    return any(len(panel.lines) > 1 for panel in layout)


def join_titles(*parts):
    return "; ".join(p for p in parts if p)


def sweep_chart(sweep, layout, groups, ylabel, title, ylim=None, reference=None,
                probability=False, persons=False):
    """Small multiples of quantities against the swept parameter(s); see sweep_panels."""
    panels, multi = sweep_panels(layout, groups)
    base_values = lr.sweep_base_values(sweep)
    ncols = 1 if len(panels) == 1 else (2 if len(panels) <= 4 else 3)
    nrows = -(-len(panels) // ncols)
    legend_entries = []
    # Legend: one entry per item (single line per panel) or per line (several).
    if multi:
        for k, line in enumerate(layout[0].lines):
            legend_entries.append(Line2D([], [],
                                         color=SWEEP_LINE_COLOURS[k % len(SWEEP_LINE_COLOURS)],
                                         marker=SERIES_MARKERS[k % len(SERIES_MARKERS)],
                                         label=line.label))
    else:
        for item in panels[0][2]:
            legend_entries.append(Line2D([], [], color=item.colour, marker=item.marker,
                                         linewidth=item.linewidth, markersize=5,
                                         label=item.label))
    if any(item.counterfactual is not None for _t, _p, items in panels for item in items):
        legend_entries.append(Line2D([], [], color=MARKER_COLOUR, linestyle="--",
                                     label="Dashed: the same without the interventions"))
    if not multi and any(item.band is not None for _t, _p, items in panels for item in items):
        legend_entries.append(Patch(color=OKABE_ITO["black"], alpha=0.12,
                                    label="90% of draws (5-95%), the package"))
    has_base = any(panel.base_point is not None for _t, panel, _i in panels)
    if has_base:
        known = any(np.isfinite(base_values[panel.axis]) for _t, panel, _i in panels)
        legend_entries.append(Line2D([], [], color=MARKER_COLOUR,
                                     marker="*" if known else "", markersize=10,
                                     linestyle="none" if known else ":",
                                     label="Base scenario" + ("" if known else
                                                              " (dotted; its value of the "
                                                              "parameter is not in the file)")))
    legend_cols = 2
    legend_rows = -(-len(legend_entries) // legend_cols)
    panel_height = 3.1 if nrows > 1 else 4.2
    width = 11.0 if ncols > 1 else FIGSIZE[0]
    legend_height = 0.25 * legend_rows + 0.1
    fig = new_figure((width, 1.4 + panel_height * nrows + legend_height))
    grid = fig.add_gridspec(nrows + 1, ncols,
                            height_ratios=[panel_height] * nrows + [legend_height])
    axes = []
    for index, (panel_title, panel, items) in enumerate(panels):
        ax = fig.add_subplot(grid[index // ncols, index % ncols],
                             sharey=axes[0] if axes else None)
        axes.append(ax)
        draw_sweep_panel(ax, sweep, panel, items, multi, base_values)
        if multi and len(panel.lines) > 1 and lines_coincide(items[0].values, panel.lines):
            # Only the last line shows; say why the others are missing.
            panel_title += f" (the lines coincide: {sweep.keys[1]} does not change it)"
        if reference is not None:
            level, text = reference
            ax.axhline(level, color=MARKER_COLOUR, linestyle=":" if text else "-",
                       linewidth=1.0 if text else 0.8, zorder=1)
            if text:
                ax.annotate(text, xy=(0.0, level), xycoords=("axes fraction", "data"),
                            xytext=(3, 2), textcoords="offset points", fontsize=7.5,
                            color=MARKER_COLOUR)
        if panel_title:
            ax.set_title("\n".join(textwrap.wrap(panel_title, 45 if ncols > 2 else
                                                  (62 if ncols > 1 else 100))),
                         fontsize=9, loc="left")
        spend_axis = lr.sweep_spend_axis(sweep, panel.axis)
        if spend_axis is not None:
            iid, per_unit = spend_axis
            ax.set_xlabel(f"Spend on {iid}, GBP m (total over the years, base-year prices)",
                          fontsize=8.5)
            ax.xaxis.set_major_formatter(FuncFormatter(
                lambda v, _pos, k=per_unit: wording.number(v * k)))
        else:
            ax.set_xlabel(factor_label(sweep.keys[panel.axis], width=40 if ncols > 2 else 60,
                                       max_lines=2), fontsize=8.5)
        if index % ncols == 0:
            ax.set_ylabel(ylabel, fontsize=9)
        ax.tick_params(labelsize=8)
        ax.grid(True, color="#e2e2e2", linewidth=0.6)
        ax.set_axisbelow(True)
        if persons:
            ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
        if probability:
            ax.yaxis.set_major_formatter(PERCENT_TICKS)
    if ylim is not None:
        axes[0].set_ylim(*ylim)
    legend_ax = fig.add_subplot(grid[nrows, :])
    legend_ax.axis("off")
    legend_ax.legend(handles=legend_entries, loc="upper center", ncol=legend_cols,
                     fontsize=8, frameon=False)
    fig.suptitle(wrap_title(title, 150 if ncols > 1 else 120), fontsize=10, x=0.01, ha="left")
    add_footer(fig, sweep)
    return fig


def draw_sweep_panel(ax, sweep, panel, items, multi, base_values):
    """The lines of one panel; see sweep_panels for what a line is."""
    xs_all = np.concatenate([line.x for line in panel.lines])
    base_x = base_values[panel.axis]
    set_sweep_x_scale(ax, xs_all, base_x if panel.base_point is not None else np.nan)
    for item in items:
        for k, line in enumerate(panel.lines):
            if multi:
                colour = SWEEP_LINE_COLOURS[k % len(SWEEP_LINE_COLOURS)]
                marker, width = SERIES_MARKERS[k % len(SERIES_MARKERS)], 1.8
            else:
                colour, marker, width = item.colour, item.marker, item.linewidth
            y = item.values[line.points]
            if item.band is not None and not multi:
                lo, hi = item.band
                if lo is not None and hi is not None and np.any(
                        np.isfinite(lo[line.points]) & np.isfinite(hi[line.points])):
                    ax.fill_between(line.x, lo[line.points], hi[line.points], color=colour,
                                    alpha=0.12, linewidth=0)
            ax.plot(line.x, y, color=colour, marker=marker, markersize=4.5, linewidth=width,
                    zorder=3)
            if item.counterfactual is not None:
                ax.plot(line.x, item.counterfactual[line.points], color=colour,
                        linestyle="--", linewidth=1.0, alpha=0.85, zorder=2)
        if panel.base_point is not None:
            colour = item.colour
            y_base = item.values[panel.base_point]
            if np.isfinite(base_x):
                ax.plot([base_x], [y_base], marker="*", markersize=12, color=colour,
                        markeredgecolor=OKABE_ITO["black"], markeredgewidth=0.6,
                        linestyle="none", zorder=4)
            else:
                ax.axhline(y_base, color=colour, linestyle=":", linewidth=1.0, zorder=1)
    if panel.base_point is not None and np.isfinite(base_x):
        ax.axvline(base_x, color=MARKER_COLOUR, linewidth=0.9, linestyle="-.", zorder=1)
        right = base_x > 0.5 * (np.nanmin(xs_all) + np.nanmax(xs_all))
        ax.annotate(f"base {format_number(base_x)}", xy=(base_x, 1.0),
                    xycoords=("data", "axes fraction"), xytext=(-3 if right else 3, -3),
                    textcoords="offset points", ha="right" if right else "left", va="top",
                    fontsize=7.5, color=MARKER_COLOUR)


def lines_coincide(values, lines):
    """True when every line of a panel has the same values (so only the last shows)."""
    first = values[lines[0].points]
    return all(line.points.size == lines[0].points.size
               and np.allclose(values[line.points], first, equal_nan=True, rtol=1e-9, atol=1e-12)
               for line in lines[1:])


def wrap_title(text, width):
    """Wrap each line of a title to `width` characters."""
    return "\n".join(wrapped for line in text.split("\n")
                     for wrapped in (textwrap.wrap(line, width) or [""]))


def set_sweep_x_scale(ax, xs, base_x=np.nan):
    """Linear axis, or symmetric-log when the values span a wide range from zero up (a
    spend scale of 0, 1, 2, 5, ... 50); ticks at the swept values when there are few."""
    values = np.unique(np.concatenate([xs[np.isfinite(xs)],
                                       [base_x] if np.isfinite(base_x) else []]))
    positive = values[values > 0]
    if values.size >= 4 and values.min() >= 0 and positive.size >= 2 \
            and positive.max() / positive.min() >= 30:
        if values.min() > 0:
            ax.set_xscale("log")
        else:
            ax.set_xscale("symlog", linthresh=float(positive.min()), linscale=0.6)
    if 0 < values.size <= 10:
        ax.set_xticks(values, [format_number(float(v)) for v in values])
        ax.xaxis.set_minor_locator(NullLocator())
    if values.size:
        span = values.max() - values.min()
        if ax.get_xscale() == "linear":
            pad = 0.04 * span if span > 0 else 1.0
            ax.set_xlim(values.min() - pad, values.max() + pad)


# --------------------------------------------------------------------------- helpers


def finish_axes(ax, years, units):
    """Shared axis styling. The x range is set from the years, not the data, so a series
    that is NaN throughout still gets a sensible axis."""
    ax.set_xlim(years[0] - 0.5, years[-1] + 0.5)
    ax.set_xlabel("Year")
    ax.xaxis.set_major_locator(MaxNLocator(integer=True, nbins=8))
    if units == "persons":
        ax.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
    ax.grid(True, color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)


def y_label(summary):
    units = f" ({summary.units})" if summary.units else ""
    return f"{summary.name.replace('_', ' ')}{units}"


def add_footer(fig, data):
    """Provenance under every figure, so a copied image still says where it came from."""
    attrs = data.attrs
    subject = getattr(data, "scenario_name", "")
    if isinstance(data, lr.SobolFile) and data.is_test_function:
        subject = f"test function {subject}" if subject else None
    elif subject:
        subject = f"scenario {subject}"
    parts = [subject or None,
             f"{attrs['draws']} draws" if "draws" in attrs else None,
             f"seed {attrs['seed']}" if "seed" in attrs else None,
             (f"{attrs.get('method', 'model')}: {attrs['model_evaluations']} model evaluations"
              if "model_evaluations" in attrs else None),
             (f"from {os.path.basename(str(attrs['source_file']))}"
              if "source_file" in attrs else None),
             f"lissim {attrs['lissim_version']}" if "lissim_version" in attrs else None,
             os.path.basename(data.path)]
    fig.text(0.01, 0.005, " | ".join(p for p in parts if p), fontsize=7, color=MARKER_COLOUR,
             ha="left", va="bottom")


def format_number(value):
    return wording.number(value)


def format_signed(value):
    return wording.number(value, signed=True)


PERCENT_TICKS = FuncFormatter(lambda v, _pos: f"{100 * v:.0f}%")
# Tick labels as the text writes numbers: thousands separators, never 1e-05.
PLAIN_TICKS = FuncFormatter(lambda v, _pos: wording.number(v, 2) if abs(v) >= 1e-12 else "0")


def format_percent(p):
    return "n/a" if not np.isfinite(p) else f"{p:.0%}"


def format_probability(p):
    return "n/a" if not np.isfinite(p) else f"{p:.2f}"


def format_years(years):
    years = [int(y) for y in years]
    return ", ".join(str(y) for y in years) if len(years) <= 3 else f"{len(years)} years"


if __name__ == "__main__":
    sys.exit(main())
