#!/usr/bin/python3
"""Render the figures of a lissim results file.

    render.py RESULTS.h5 -o DIR [--format png,svg]

Writes to DIR, in each requested format (plots/README.md lists them all):
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

Reads only the documented results layout through lissim_results, draws with the Agg
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
    return [path for spec in build_figures(results)
            for path in save(spec.figure, out_dir, spec.stem, formats)]


# Report sections, in order; every FigureSpec names one.
SECTIONS = ("fan", "targets", "interventions", "effect", "sensitivity")


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
        if any(name in results.effect for name in HEADLINE):
            specs.append(FigureSpec(
                "effect_at_deadline", "effect",
                f"Effect of the interventions on each headline indicator in {results.deadline} "
                "(scenario minus counterfactual, draw by draw)",
                effect_chart(results)))
        else:
            warn(f"{results.path}: no /effect/indicators for the headline indicators; "
                 "effect_at_deadline not drawn")
    for output, sensitivity in results.sensitivity.items():
        specs.append(FigureSpec(f"sensitivity_{file_safe(output)}", "sensitivity",
                                f"Uncertain parameters driving {sensitivity.description} "
                                "(partial rank correlation)",
                                tornado_chart(results, sensitivity)))
    for output, sobol in results.sobol.items():
        specs.append(FigureSpec(f"sobol_{file_safe(output)}", "sensitivity",
                                f"Sobol sensitivity indices of {sobol.description}",
                                sobol_chart(results, sobol)))
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


def fan_chart(results, name):
    scenario = results.indicators["scenario"][name]
    counterfactual = results.indicators["counterfactual"][name]
    label = HEADLINE[name].format(base=results.base_year)
    with_interventions = results.has_interventions
    fig = new_figure()
    ax = fig.add_subplot()
    handles = draw_bands(ax, scenario,
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
    handles += draw_target_lines(ax, targets, scenario)
    deadlines = {t.deadline for t in targets} or {t.deadline for t in results.targets.values()}
    mark_years(ax, results.base_year, sorted(deadlines))
    note_undefined_years(ax, scenario)
    if with_interventions:
        title = (f"{label}\nWith interventions (shaded: 90% of paths lie in the band, 50% in "
                 f"the darkest part)\nvs the counterfactual without interventions (dashed)")
    else:
        title = (f"{label}\nIn each year 90% of simulated paths lie in the shaded band, "
                 f"50% in the darkest part")
    ax.set_title(title, fontsize=11 if not with_interventions else 10, loc="left")
    ax.set_ylabel(y_label(scenario))
    finish_axes(ax, scenario.years, scenario.units)
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
    with_interventions = results.has_interventions
    for i, target in enumerate(results.targets.values()):
        colour = SERIES_COLOURS[i % len(SERIES_COLOURS)]
        marker = SERIES_MARKERS[i % len(SERIES_MARKERS)]
        p = lr.prob_at_deadline(target, years)
        label = f"{target.id} (P = {format_probability(p)} in {target.deadline}"
        if with_interventions:
            label += f"; without interventions {format_probability(lr.prob_at_deadline(target, years, counterfactual=True))}"
        ax.plot(years, target.prob_met, color=colour, marker=marker, markersize=4, linewidth=1.6,
                label=label + ")")
        if with_interventions or not np.allclose(target.prob_met, target.prob_met_counterfactual,
                                                 equal_nan=True):
            ax.plot(years, target.prob_met_counterfactual, color=colour, linestyle="--",
                    linewidth=1.0, alpha=0.8)
    if results.prob_all_met is not None:
        label = f"All targets jointly (P = {format_probability(lr.prob_all_at_deadline(results))}"
        if with_interventions and results.prob_all_met_counterfactual is not None:
            label += ("; without interventions "
                      f"{format_probability(lr.prob_all_at_deadline(results, True))}")
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
    ax.set_ylabel("P(target met in year)")
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
    rows = [(t.id, t.prob_met_at_deadline, t.prob_met_counterfactual_at_deadline)
            for t in results.targets.values()]
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
    ax.set_xlabel(f"P(target met in {results.deadline})")
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    title = f"Probability that each target is met in {results.deadline}"
    if show_cf:
        title += ": with interventions vs counterfactual (no interventions)"
    ax.set_title(title + "\nShare of simulated paths on which the target holds in that year",
                 fontsize=10, loc="left")
    ax.legend(fontsize=8, loc="lower right")
    add_footer(fig, results)
    return fig


def label_bars(ax, bars, values):
    for bar, value in zip(bars, values):
        ax.annotate(format_probability(value), xy=(max(bar.get_width(), 0.0) if np.isfinite(value) else 0.0,
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
    fig.suptitle("Cost per net additional job of each intervention (local view, present value "
                 "of cost with optimism bias)\nViolin: distribution over draws where defined; "
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
        if summary.units == "persons":
            ax.xaxis.set_major_formatter(FuncFormatter(lambda v, _pos: f"{v:,.0f}"))
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


# ---------------------------------------------------------------- sensitivity figures


def tornado_chart(results, sensitivity):
    """PRCC of each uncertain parameter with the output, largest |PRCC| at the top."""
    order = lr.tornado_order(sensitivity, TOP_FACTORS)
    shown = len(order)
    fig = new_figure((FIGSIZE[0], 1.8 + 0.38 * shown))
    ax = fig.add_subplot()
    y = np.arange(shown)[::-1]
    prcc = sensitivity.prcc[order]
    colours = [FAN_COLOUR if v >= 0 else NEGATIVE_COLOUR for v in prcc]
    err = np.vstack([np.clip(prcc - sensitivity.prcc_low[order], 0, None),
                     np.clip(sensitivity.prcc_high[order] - prcc, 0, None)])
    ax.barh(y, prcc, color=colours, xerr=err, ecolor=MARKER_COLOUR, capsize=2, height=0.65)
    ax.set_yticks(y, [sensitivity.factors[k] for k in order])
    ax.tick_params(axis="y", labelsize=8)
    ax.axvline(0.0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xlim(-1.05, 1.05)
    ax.set_xlabel("Partial rank correlation coefficient with the output (bars: 95% interval)")
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    hidden = len(sensitivity.factors) - shown
    fig.suptitle(f"What drives {sensitivity.description}: partial rank correlation with each "
                 f"uncertain parameter\nBlue: a higher value raises the output, vermillion: "
                 f"lowers it; largest effect first"
                 f"{f' ({hidden} weaker not shown)' if hidden > 0 else ''}",
                 fontsize=10, x=0.01, ha="left")
    add_footer(fig, results)
    return fig


def sobol_chart(results, sobol):
    """First-order and total Sobol indices per parameter, largest total at the top."""
    order = lr.sobol_order(sobol, TOP_FACTORS)
    shown = len(order)
    fig = new_figure((FIGSIZE[0], 1.8 + 0.45 * shown))
    ax = fig.add_subplot()
    y = np.arange(shown)[::-1].astype(float)
    h = 0.38
    ax.barh(y + h / 2, sobol.s1[order], height=h, color=SOBOL_COLOURS[0],
            xerr=sobol.s1_conf[order], ecolor=MARKER_COLOUR, capsize=2,
            label="First order S1 (alone)")
    ax.barh(y - h / 2, sobol.st[order], height=h, color=SOBOL_COLOURS[1], hatch="//",
            edgecolor="white", xerr=sobol.st_conf[order], ecolor=MARKER_COLOUR, capsize=2,
            label="Total order ST (with interactions)")
    ax.set_yticks(y, [sobol.factors[k] for k in order])
    ax.tick_params(axis="y", labelsize=8)
    top = np.nanmax(np.concatenate([sobol.st + sobol.st_conf, sobol.s1 + sobol.s1_conf, [1.0]]))
    ax.set_xlim(min(0.0, np.nanmin(np.concatenate([sobol.s1 - sobol.s1_conf, [0.0]]))), top * 1.05)
    ax.axvline(0.0, color=OKABE_ITO["black"], linewidth=0.8)
    ax.set_xlabel("Share of the output's variance (bars: 95% confidence interval)")
    ax.grid(True, axis="x", color="#dddddd", linewidth=0.6)
    ax.set_axisbelow(True)
    hidden = len(sobol.factors) - shown
    fig.suptitle(f"Share of the variance of {sobol.description} due to each uncertain "
                 f"parameter (Sobol indices)\nLargest total effect first"
                 f"{f' ({hidden} smaller not shown)' if hidden > 0 else ''}",
                 fontsize=10, x=0.01, ha="left")
    ax.legend(fontsize=8, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=2,
              frameon=False)
    add_footer(fig, results)
    return fig


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


def format_signed(value):
    if not np.isfinite(value):
        return "n/a"
    return f"{value:+,.0f}" if abs(value) >= 1000 else f"{value:+.3g}"


def format_percent(p):
    return "n/a" if not np.isfinite(p) else f"{p:.0%}"


def format_probability(p):
    return "n/a" if not np.isfinite(p) else f"{p:.2f}"


def format_years(years):
    years = [int(y) for y in years]
    return ", ".join(str(y) for y in years) if len(years) <= 3 else f"{len(years)} years"


if __name__ == "__main__":
    sys.exit(main())
