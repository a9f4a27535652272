#!/usr/bin/python3
"""Write the steering-group report of one or more lissim results files as one HTML file.

    report.py RESULTS.h5 [MORE.h5 ...] -o report.html [--images svg|png] [--title TEXT]

The report is self-contained: every figure is inlined as a data: URI (SVG by default, so
it prints sharply; PNG with --images png), the style sheet is inline, and there is no
script, web font or external reference of any kind, so it opens offline and can be sent
as one attachment. The HTML comes from the jinja2 template report.html.j2 beside this
script, with autoescaping. Contents, for the first file: first the answer (plots/summary.py:
each target by its description with P(met) in words of the UK probability yardstick, what
the interventions change and their value for money, key messages), then the target table,
the fan charts, the interventions' appraisal, their effect against the distance to each
target, sensitivity figures when the file holds them, and run metadata in an appendix. With
several files,
a comparison of the target probabilities across them, saying whether they share seed and
draws (common random numbers). Sweep, Sobol/Morris and sensitivity files among the
files (`lissim sweep`, `lissim sobol`, `lissim sensitivity -o`) add their figures: the
sweeps in a section of their own, the others under "What drives the results".

Exit codes as render.py: 0 ok, 2 bad usage or a bad input file, 3 cannot write.
"""

import argparse
import base64
import io
import os
import stat
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402  (selects the Agg backend before matplotlib is used)
from lissim import reader as lr  # noqa: E402  (render put the lissim package on the path)

import jinja2  # noqa: E402
import markupsafe  # noqa: E402
import matplotlib  # noqa: E402
import numpy as np  # noqa: E402

import summary  # noqa: E402
import wording  # noqa: E402

PROG = "report.py"
IMAGE_FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
PNG_DPI = 110  # enough for a page width; keeps the file small

SECTION_TITLES = {
    "targets": "Targets",
    "fan": "Headline indicators",
    "interventions": "Interventions and value for money",
    "effect": "Effect of the interventions",
    "sensitivity": "What drives the results",
    "sweep": "What if a number were different: sweeps",
}

CSS = """
:root { --ink: #1a1a1a; --muted: #555; --rule: #d0d0d0; --band: #f4f6f8; --accent: #0072B2; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif;
       color: var(--ink); margin: 0 auto; max-width: 1120px; padding: 1.5rem 2rem 3rem;
       line-height: 1.45; font-size: 15px; background: #fff; }
h1 { font-size: 1.7rem; margin: 0 0 .3rem; }
h2 { font-size: 1.3rem; margin: 2.2rem 0 .6rem; padding-bottom: .2rem;
     border-bottom: 2px solid var(--accent); }
h3 { font-size: 1.05rem; margin: 1.4rem 0 .4rem; }
p.lead { font-size: 1.05rem; color: var(--muted); margin-top: 0; }
p.note { color: var(--muted); font-size: .9rem; }
nav ol { columns: 2; font-size: .95rem; }
table { border-collapse: collapse; margin: .6rem 0 1rem; font-size: .88rem; width: 100%; }
caption { text-align: left; font-weight: bold; padding: .3rem 0; }
th, td { border-bottom: 1px solid var(--rule); padding: .3rem .5rem; vertical-align: top;
         text-align: left; }
thead th { background: var(--band); border-bottom: 2px solid #999; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
tr.total td, tr.total th { font-weight: bold; border-top: 2px solid #999; }
tbody th { text-align: left; font-weight: 600; }
td code, th code { overflow-wrap: anywhere; word-break: break-word; }
.sub { font-size: .8rem; color: var(--muted); font-weight: normal; }
table.answer td.prob { font-weight: 600; font-size: 1rem; white-space: nowrap; }
table.answer tbody th { min-width: 14rem; width: 34%; font-weight: normal; }
table.answer td.num { white-space: normal; }
ol.messages li { margin: .25rem 0; }
#summary p.lead { color: var(--ink); }
.table-wrap { overflow-x: auto; }
table.meta { width: auto; }
table.meta th { background: none; font-weight: normal; color: var(--muted); }
code { font-size: .85em; }
table.meta code { word-break: break-all; }
figure { margin: 1rem 0 1.6rem; }
figure img { display: block; max-width: 100%; height: auto; border: 1px solid #eee; }
figcaption { font-size: .9rem; color: var(--muted); margin-top: .3rem; }
.up { color: #006b52; }
.down { color: #a34400; }
footer { margin-top: 3rem; font-size: .85rem; color: var(--muted);
         border-top: 1px solid var(--rule); padding-top: .6rem; }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  nav { display: none; }
  section { break-before: page; page-break-before: always; }
  section:first-of-type { break-before: auto; page-break-before: auto; }
  .table-wrap { overflow: visible; }
  td.num { white-space: normal; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, table { break-inside: avoid; page-break-inside: avoid; }
  figure img { max-width: 100%; max-height: 245mm; width: auto; margin: 0 auto;
               border: none; }
  thead { display: table-header-group; }
  a { color: inherit; text-decoration: none; }
}
"""


class OutputError(Exception):
    """The report could not be written (exit code 3)."""


# ------------------------------------------------------------------------ command line


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Write a self-contained HTML report of lissim results files.",
    )
    parser.add_argument("results", nargs="+",
                        help="results files written by `lissim run` (HDF5); the first is "
                             "reported in full, the others compared with it; sweep, Sobol "
                             "and sensitivity files add their figures")
    parser.add_argument("-o", "--output", required=True, metavar="report.html",
                        help="HTML file to write")
    parser.add_argument("--images", choices=sorted(IMAGE_FORMATS), default="svg",
                        help="how figures are inlined (default: svg)")
    parser.add_argument("--title", help="report title (default: from the scenario name)")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    problem = output_problem(args.output, args.results)
    if problem:
        return fail(problem, 2)
    try:
        files = [lr.open_file(path) for path in args.results]
        results_list = [f for f in files if isinstance(f, lr.Results)]
        analyses = [f for f in files if not isinstance(f, lr.Results)]
        if not isinstance(files[0], lr.Results):
            raise lr.ResultsFormatError(
                files[0].path, f"filetype is {files[0].attrs.get('filetype')!r}, but the "
                "first file must be a results file (lissim-results, from `lissim run`)")
        render.check_headline_present(results_list[0])
        text = build_report(results_list, args.images, args.title, analyses)
        write_atomically(args.output, text)
    except lr.ResultsFormatError as err:
        return fail(str(err), 2)
    except OutputError as err:
        return fail(str(err), 3)
    print(args.output)
    return 0


def output_problem(output, inputs):
    """Why the report must not be written to `output`, or None: it is one of the inputs
    (the same file under any name), or exists and is not a regular file (a device, FIFO or
    folder is never replaced)."""
    try:
        out = os.stat(output)
    except OSError:
        return None
    for path in inputs:
        try:
            if os.path.samefile(path, output):
                return f"{output}: is an input of this report ({path}); writing there would destroy it"
        except OSError:
            continue
    if not stat.S_ISREG(out.st_mode):
        return f"{output}: is {lr.file_kind(out.st_mode)}, not a regular file; the report replaces only regular files"
    return None


def fail(message, code):
    print(f"{PROG}: error: {message}", file=sys.stderr)
    return code


def write_atomically(path, text):
    """Write beside the target and rename, so a failure never leaves half a report."""
    directory = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(directory, exist_ok=True)
        handle, temporary = tempfile.mkstemp(prefix=".report-", suffix=".html", dir=directory)
        try:
            with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
                out.write(text)
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        except BaseException:
            os.unlink(temporary)
            raise
    except OSError as err:
        raise OutputError(f"{path}: cannot write: {err.strerror or err}") from err


# ------------------------------------------------------------------------------ report

TEMPLATE = "report.html.j2"


def template_environment():
    """jinja2 with autoescaping on for every template: any text from a results file
    (scenario descriptions, names) is escaped unless marked safe, which only figures are."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(os.path.dirname(os.path.abspath(__file__))),
        autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True,
        trim_blocks=False, lstrip_blocks=False)


def build_report(results_list, image_format="svg", title=None, analyses=()):
    """The whole report as an HTML5 string. analyses: sweep, Sobol and sensitivity files
    (lr.open_file) whose figures are added."""
    results = results_list[0]
    name = results.scenario_name or os.path.basename(results.path)
    title = title or f"lissim report: {name}"
    specs = render.build_figures(results)
    for analysis in analyses:
        specs += render.build_file_figures(analysis)
    by_section = {}
    for spec in specs:
        by_section.setdefault(spec.section, []).append(spec)

    def figs(section):
        return figures_part(by_section.get(section, []), image_format)

    answer = summary.summarise(results)
    sections = [section("targets", SECTION_TITLES["targets"],
                        targets_section(results, answer) + [figs("targets")]),
                section("fan", SECTION_TITLES["fan"], [fan_note(results), figs("fan")])]
    if results.has_interventions:
        sections.append(section("interventions", SECTION_TITLES["interventions"],
                                interventions_section(results) + [figs("interventions")]))
        sections.append(section("effect", SECTION_TITLES["effect"],
                                effect_section(results, answer) + [figs("effect")]))
    if by_section.get("sensitivity"):
        table = analyses_table([a for a in analyses if not isinstance(a, lr.Sweep)])
        sections.append(section("sensitivity", SECTION_TITLES["sensitivity"],
                                ([table] if table else []) + [figs("sensitivity")]))
    sweeps = [a for a in analyses if isinstance(a, lr.Sweep)]
    if sweeps:
        sections.append(section("sweep", SECTION_TITLES["sweep"],
                                sweeps_table(sweeps) + [figs("sweep")]))
    if len(results_list) > 1:
        sections.append(section("comparison", "Comparison of the results files",
                                comparison_section(results_list)))

    sources = [os.path.basename(f.path) for f in [*results_list, *analyses]]
    draws = results.attrs.get("draws")
    template = template_environment().get_template(TEMPLATE)
    return template.render(
        title=title, css=markupsafe.Markup(CSS),
        description=results.attrs.get("scenario_description", ""),
        summary=summary_screen(results, answer), sections=sections,
        appendix=run_table(results), sources=", ".join(sources),
        draws=wording.number(draws) if draws is not None else "the",
        yardstick_source=wording.YARDSTICK_SOURCE)


def section(sid, heading, parts):
    return {"id": sid, "heading": heading, "parts": [p for p in parts if p]}


def cell(text, css="", code=False, header=False, sub=None, colspan=None):
    return {"text": "" if text is None else str(text), "css": css, "code": code,
            "header": header, "sub": sub, "colspan": colspan}


def num(text, css=""):
    return cell(text, ("num " + css).strip())


def row(cells, css=""):
    return {"cells": cells, "css": css}


def make_table(caption, head, rows, numeric_from=None, css=""):
    return {"kind": "table", "caption": caption, "head": head, "rows": rows,
            "numeric_from": numeric_from, "css": css}


def notes_part(*notes):
    return {"kind": "notes", "notes": [n for n in notes if n]}


# ------------------------------------------------------------------- the first screen


def summary_screen(results, answer):
    """The first section: the answer in plain words (summary.summarise)."""
    with_iv = answer.has_interventions
    draws = wording.number(answer.draws) if answer.draws else "the"
    lead = (f"How likely the targets are to be met by {answer.deadline}, from {draws} "
            "simulated futures of the region's economy")
    if with_iv:
        spend = answer.package_spend_gbp_m
        lead += (f", with the interventions (GBP {wording.number(spend)}m) and without them"
                 if np.isfinite(spend) else ", with the interventions and without them")
    lead += "."
    several_deadlines = len({t.deadline for t in answer.targets}) > 1
    head = ["Target", "Chance of being met" + (" with the package" if with_iv else "")]
    if answer.has_judged:
        head.append("Judged met on published figures")
    if with_iv:
        head += ["Without the package", "Change", "Package's effect: share of the gap"]
    head.append("Distance at the median" + (" with the package" if with_iv else ""))
    rows = []
    for t in answer.targets:
        cells = [cell(t.description, header=True,
                      sub=f"by {t.deadline}" if several_deadlines else None),
                 chance(t.probability)]
        if answer.has_judged:
            cells.append(chance(t.judged) if np.isfinite(t.judged)
                         else cell("not in this file"))
        if with_iv:
            cells += [chance(t.counterfactual), cell(t.difference_text, "num"),
                      cell(share_text(t), "num")]
        cells.append(cell(t.shortfall_text, "num"))
        rows.append(row(cells))
    if answer.targets and np.isfinite(answer.all_met):
        cells = [cell("All targets met together", header=True), chance(answer.all_met)]
        if answer.has_judged:
            cells.append(cell(""))
        if with_iv:
            cells += [chance(answer.all_met_counterfactual),
                      cell(wording.points(answer.all_met - answer.all_met_counterfactual),
                           "num"), cell("")]
        cells.append(cell(""))
        rows.append(row(cells, "total"))
    caption = f"The targets by {answer.deadline}"
    targets = make_table(caption, head, rows, css="answer") if rows else None
    vfm = None
    if answer.value_for_money:
        vrows = [row([cell(v.name, header=True,
                           sub=f"GBP {wording.number(v.spend_gbp_m)}m"
                           if np.isfinite(v.spend_gbp_m) else None),
                      cell(v.text("local")), cell(v.text("national"))],
                     "total" if v.id == lr.ALL_INTERVENTIONS else "")
                 for v in answer.value_for_money]
        vfm = make_table("Value for money of each intervention: benefit-cost ratio (BCR), "
                         "median [90% band]",
                         ["Intervention", "Local view (the LEP area)", "UK view"], vrows)
    notes = [
        "Chances are shares of the simulated futures in which the target is met in its "
        "deadline year, with the words of the UK probability yardstick (remote chance "
        "under 5%, highly unlikely 10-20%, unlikely 25-35%, realistic possibility 40-50%, "
        "likely 55-75%, highly likely 80-90%, almost certain 95% or more; a value between "
        "two ranges takes the nearer word). Monte Carlo error: at most "
        f"±{max_se_points(answer)} percentage points (one standard error)."]
    if not answer.has_judged and answer.targets:
        notes.append("Whether the published figures would show a target as met (measurement "
                     "noise in the official series): not in this file.")
    if with_iv:
        notes.append("“Change the package makes” compares the same futures with and "
                     "without the interventions; ± is its Monte Carlo standard error where "
                     "the file stores the draws' met flags, and changes within two standard "
                     "errors are marked as not distinguishable from no change.")
    return {"lead": lead, "targets": targets, "messages": answer.messages,
            "value_for_money": vfm, "notes": notes}


def chance(p):
    """A probability cell of the first screen: the percentage, the yardstick word below."""
    return cell(wording.percent(p), "prob", sub=wording.yardstick_word(p) or None)


def share_text(target):
    share = target.effect_share_of_gap
    if not np.isfinite(target.gap_to_close):
        return "n/a"
    if target.gap_to_close <= 0:
        return "none needed: met at the median"
    if not np.isfinite(share):
        return "n/a"
    return (f"{wording.number(100 * share, 2)}% of "
            f"{wording.quantity(target.gap_to_close, target.units)}")


def max_se_points(answer):
    ses = [t.probability_se for t in answer.targets if np.isfinite(t.probability_se)]
    return wording.number(100 * max(ses), 2) if ses else "n/a"


# ------------------------------------------------------------------------ the sections


def run_table(results):
    attrs = results.attrs
    version = attrs.get("format_version")
    rows = [
        ("Scenario", attrs.get("scenario_name")),
        ("Description", attrs.get("scenario_description")),
        ("Scenario file", attrs.get("scenario_file")),
        ("Results file", os.path.basename(results.path)),
        ("Monte Carlo draws", format_int(attrs.get("draws"))),
        ("Random seed", attrs.get("seed")),
        ("Years", f"{results.years[0]}-{results.years[-1]} (base year {results.base_year}, "
                  f"targets' deadline {results.deadline})"),
        ("Interventions", ", ".join(lr.intervention_ids(results, include_all=False))
         if results.has_interventions else "none (the counterfactual is the scenario)"),
        ("lissim version", attrs.get("lissim_version")),
        ("git commit", attrs.get("git_sha")),
        ("Created (UTC)", attrs.get("created_utc")),
        ("Random number scheme", attrs.get("rng_scheme")),
        ("Scenario SHA-256", attrs.get("scenario_sha256")),
        ("Results format", ".".join(str(int(v)) for v in np.atleast_1d(version))
         if version is not None else None),
    ]
    body = [row([cell(label, header=True),
                 cell(value, code=label in ("git commit", "Scenario SHA-256"))])
            for label, value in rows if value not in (None, "")]
    return make_table("The run", ["Item", "Value"], body, css="meta")


def targets_section(results, answer):
    if not results.targets:
        return [notes_part("This results file has no targets.")]
    with_iv = results.has_interventions
    deadline_years = sorted({t.deadline for t in results.targets.values()})
    head = ["Target", "Description", "Rule", "Deadline"]
    if with_iv:
        head += ["P(met), with interventions", "P(met), counterfactual", "Difference"]
    else:
        head += ["P(met)"]
    head.append("Monte Carlo s.e.")
    rows = []
    by_id = {t.id: t for t in answer.targets}
    for t in results.targets.values():
        cells = [cell(t.id, code=True), cell(t.description), cell(rule_text(t)),
                 num(t.deadline)]
        cells += probability_cells(t.prob_met_at_deadline,
                                   t.prob_met_counterfactual_at_deadline, with_iv)
        cells.append(num(se_points(by_id[t.id].probability_se)))
        rows.append(row(cells))
    if results.prob_all_met is not None:
        cells = [cell("All targets met jointly", colspan=3), num(results.deadline)]
        cells += probability_cells(lr.prob_all_at_deadline(results),
                                   lr.prob_all_at_deadline(results, counterfactual=True), with_iv)
        cells.append(num(se_points(answer.all_met_se)))
        rows.append(row(cells, "total"))
    caption = (f"Probability that each target is met in its deadline year "
               f"({', '.join(map(str, deadline_years))})")
    note = ("P(met) is the share of simulated paths on which the target holds in the deadline "
            "year; s.e. is its Monte Carlo standard error in percentage points. "
            + ("The counterfactual runs the same draws without any intervention, so the "
               "difference is the interventions' effect, free of Monte Carlo noise between the "
               "two." if with_iv else "This run has no interventions."))
    return [make_table(caption, head, rows, numeric_from=4), notes_part(note)]


def se_points(se):
    return "n/a" if not np.isfinite(se) else f"{100 * se:.1f} pp"


def probability_cells(scenario, counterfactual, with_iv):
    cells = [num(format_percent(scenario))]
    if with_iv:
        cells.append(num(format_percent(counterfactual)))
        diff = scenario - counterfactual
        css = "up" if diff > 0 else "down" if diff < 0 else ""
        cells.append(num(format_pp(diff), css))
    return cells


def fan_note(results):
    note = ("Fan charts: the median and equal-tailed central bands holding 50%, 80% and 90% "
            "of the simulated paths; the target as a marker at its deadline.")
    if results.history:
        note += " The solid black line is the actual history up to the base year."
    else:
        note += " Actual history before the base year: not in this file."
    return notes_part(note)


RULE_TEXT = {
    "at_least": "at least {x}",
    "at_most": "at most {x}",
    "reduce_by": "reduced by {pct} from {base}",
    "share_of_growth_at_least": "share of growth at least {x}",
}


def rule_text(target):
    units = f" {target.threshold_units}" if target.threshold_units else ""
    template = RULE_TEXT.get(target.rule)
    if template is None:
        return f"{target.rule} {wording.number(target.threshold)}"
    return template.format(x=f"{format_number(target.threshold)}{units}",
                           pct=f"{target.threshold:.0%}", base=target.base_year) \
        + f" ({target.indicator})"


def interventions_section(results):
    if not results.interventions:
        return [notes_part("The file marks a run with interventions but has no "
                           "/interventions group.")]
    parts = [interventions_list(results)]
    for view in ("local", "national"):
        rows = lr.appraisal_table(results, view)
        if rows:
            parts += appraisal_tables(results, rows, view)
        else:
            parts.append(notes_part(f"Appraisal, {view} view: not in this file."))
    parts.append(notes_part(
        "Medians with the 90% band (5th to 95th percentile of the draws) in brackets. Money "
        "in GBP m at base-year prices, discounted to the base year; costs include optimism "
        "bias. Value-for-money bands by BCR: poor < 1, low 1-1.5, medium 1.5-2, high 2-4, "
        "very high ≥ 4. Cost per net job as the file defines it (its units say whether "
        "discounted), undefined in draws without net jobs; undefined draws are left out of "
        "every statistic."))
    return parts


def interventions_list(results):
    head = ["Intervention", "Foundation", "Channels", "Spend (GBP m)", "Source"]
    rows = []
    for iid, i in results.interventions.items():
        rows.append(row([cell(render.intervention_title(i)), cell(i.foundation),
                         cell(", ".join(i.channels)), num(format_number(i.total_spend_gbp_m)),
                         cell(i.source)], "total" if iid == lr.ALL_INTERVENTIONS else ""))
    return make_table("The interventions", head, rows)


def appraisal_tables(results, rows, view):
    """Two tables per view: money and BCR, then the value-for-money band probabilities
    (one table of 12 columns does not fit a printed page)."""
    bands = rows[0]["bands"]
    cost_scale, cost_units = per_job_scale(rows[0]["units"].get("cost_per_net_job", ""))
    cost_units = short_units(cost_units)
    money = short_units(rows[0]["units"].get("npv", "")) or "GBP m"
    head = ["Intervention", f"Cost PV ({money})", f"Benefit PV ({money})", f"NPV ({money})",
            "BCR", "P(BCR ≥ 1)",
            f"Cost per net job ({cost_units})" if cost_units else "Cost per net job"]
    band_head = ["Intervention"] + [f"P({render.band_name(b)})" for b in bands]
    body, band_body = [], []
    for r in rows:
        name = (results.interventions[r["id"]].name if r["id"] != lr.ALL_INTERVENTIONS
                else "All interventions")
        per_job = median_band(r["cost_per_net_job"] * cost_scale, 1)
        share = r["cost_per_net_job_defined_fraction"]
        if not np.isfinite(r["cost_per_net_job"][1]):
            per_job = "n/a (no net jobs)"
        elif np.isfinite(share) and share < 1:
            per_job += f"; defined in {share:.0%} of draws"
        cells = [median_band(r["cost_pv"], 1), median_band(r["benefit_pv"], 1),
                 median_band(r["npv"], 1), median_band(r["bcr"], 2),
                 format_percent(r["prob_bcr_at_least_1"]), per_job]
        css = "total" if r["id"] == lr.ALL_INTERVENTIONS else ""
        body.append(row([cell(name)] + [num(c) for c in cells], css))
        band_body.append(row([cell(name)] + [num(format_percent(p))
                                             for p in r["vfm_band_probability"]], css))
    # The package's attributes describe the table as a whole (its optimism bias is
    # "each intervention's own"); an intervention's would describe only its row.
    package = results.interventions.get(lr.ALL_INTERVENTIONS,
                                        next(iter(results.interventions.values())))
    appraisal = package.appraisal.get(view)
    detail = ""
    if appraisal is not None:
        a = appraisal.attrs
        bits = []
        if "discount_rate" in a:
            bits.append(f"discount rate {float(a['discount_rate']):.1%}")
        if "price_base_year" in a:
            bits.append(f"prices of {int(a['price_base_year'])}, discounted to it")
        if "appraisal_years" in a:
            years = np.atleast_1d(a["appraisal_years"])
            bits.append(f"benefits and costs {int(years[0])}-{int(years[-1])}")
        if "optimism_bias" in a:
            bits.append(f"optimism bias {a['optimism_bias']}")
        detail = "; ".join(bits)
    caption = f"Appraisal, {view} view" + (f" ({detail})" if detail else "")
    edges = ", ".join(format_number(e) for e in appraisal.bcr_edges) if appraisal else ""
    band_caption = (f"Value for money, {view} view: probability that the BCR falls in each band"
                    + (f" (edges {edges})" if edges else ""))
    return [make_table(caption, head, body, numeric_from=1),
            make_table(band_caption, band_head, band_body, numeric_from=1)]


def short_units(units):
    """Units without their parenthetical detail, for a column header:
    'GBP m (base-year prices, discounted)' -> 'GBP m'."""
    return (units or "").split(" (")[0].strip()


def per_job_scale(units):
    """Cost per job shown in GBP thousand as on the figure (render.per_job_scale)."""
    return render.per_job_scale(units)


def effect_section(results, answer):
    names = [n for n in render.HEADLINE if n in results.effect]
    if not names:
        return [notes_part("The file has no /effect group for the headline indicators.")]
    parts = []
    gap_rows = []
    for t in answer.targets:
        if not np.isfinite(t.gap_to_close):
            continue
        gap_rows.append(row([cell(t.description),
                             num(wording.quantity(t.gap_to_close, t.units)),
                             num(wording.quantity(t.effect, t.units, signed=True)),
                             num(share_text(t) if t.gap_to_close > 0 else "no gap")]))
    if gap_rows:
        parts.append(make_table(
            f"The package's effect against the distance to each target in {results.deadline} "
            "(medians; effect counted in the target's better direction)",
            ["Target", "Gap without the package", "Package's effect", "Share of the gap"],
            gap_rows, numeric_from=1))
    year = results.deadline
    head = ["Indicator", "Units", "Median", "5%", "25%", "75%", "95%"]
    rows = []
    for name in names:
        q = dict(zip(lr.QUANTILE_PERCENTS, lr.effect_quantiles_at(results, name, year)))
        label = render.HEADLINE[name].format(base=results.base_year)
        rows.append(row([cell(label), cell(results.effect[name].units)]
                        + [num(wording.number(q[p], signed=True)) for p in (50, 5, 25, 75, 95)]))
    caption = (f"Effect of the interventions in {year}: scenario minus counterfactual, "
               "draw by draw (quantiles over draws)")
    parts.append(make_table(caption, head, rows, numeric_from=2))
    return parts


def comparison_section(results_list):
    same_seed, same_draws = lr.shared_seed_and_draws(results_list)
    paired = same_seed and same_draws
    if paired:
        note = ("All files use the same seed and number of draws (common random numbers): "
                "differences between them come from the scenarios, not from Monte Carlo noise.")
    else:
        differ = [w for w, same in (("seeds", same_seed), ("numbers of draws", same_draws))
                  if not same]
        note = (f"Not paired: the files differ in their {' and '.join(differ)}, so differences "
                "between them include Monte Carlo noise. Rerun them with the same --seed and "
                "--draws (lissim run SCENARIO.yaml --seed S --draws N) to compare them paired. "
                "Differences within two standard errors are marked as not distinguishable.")
    files_head = ["#", "File", "Scenario", "Seed", "Draws", "Interventions", "lissim", "Created"]
    files_rows = []
    for k, r in enumerate(results_list, 1):
        a = r.attrs
        files_rows.append(row([
            num(k), cell(os.path.basename(r.path), code=True), cell(r.scenario_name),
            num(a.get("seed", "")), num(format_int(a.get("draws"))),
            cell(", ".join(lr.intervention_ids(r, include_all=False)) or "none"),
            cell(a.get("lissim_version", "")), cell(a.get("created_utc", ""))]))
    any_iv = any(r.has_interventions for r in results_list)
    head = ["Target"] + [f"#{k} {r.scenario_name or os.path.basename(r.path)}"
                         for k, r in enumerate(results_list, 1)]
    draws = [int(r.attrs.get("draws", 0)) or None for r in results_list]
    rows = []
    for entry in lr.comparison_table(results_list):
        label = "All targets jointly" if entry["id"] == "all" else entry["id"]
        cells = [cell(label, code=True)]
        first = entry["scenario"][0]
        for k, r in enumerate(results_list):
            p = entry["scenario"][k]
            text = format_percent(p)
            if r.has_interventions:
                text += f" (without interventions {format_percent(entry['counterfactual'][k])})"
            sub = None
            if k > 0 and np.isfinite(p) and np.isfinite(first):
                diff, se, how = comparison_difference(results_list, entry["id"], k, paired,
                                                      draws)
                sub = f"vs #1: {wording.points(diff)}"
                if np.isfinite(se):
                    sub += f" ± {100 * se:.1f} ({how})"
                    if summary.distinguishable(diff, se) is False and diff != 0:
                        sub += ", not distinguishable"
            cells.append(cell(text, "num", sub=sub))
        rows.append(row(cells, "total" if entry["id"] == "all" else ""))
    deadlines = sorted({r.deadline for r in results_list})
    caption = f"P(target met) at the deadline ({', '.join(map(str, deadlines))}) in each file"
    if any_iv:
        caption += "; in brackets the same draws without interventions"
    return [notes_part(note), make_table("The files", files_head, files_rows),
            make_table(caption, head, rows, numeric_from=1)]


def met_bits(results, target_id):
    if target_id == "all":
        return results.all_met_bits
    target = results.targets.get(target_id)
    return None if target is None else target.met_bits


def comparison_difference(results_list, target_id, k, paired, draws):
    """(file k minus file 1, its standard error, 'paired' or 'unpaired'): paired from the
    per-draw met flags when the files share their random numbers and store them."""
    first, other = results_list[0], results_list[k]
    p0 = lr.comparison_value(first, target_id)
    pk = lr.comparison_value(other, target_id)
    bits0, bitsk = met_bits(first, target_id), met_bits(other, target_id)
    if paired and bits0 is not None and bitsk is not None and draws[0]:
        diff, se = summary.paired_difference(bitsk, bits0, draws[0])
        return diff, se, "paired"
    se = np.hypot(summary.standard_error(pk, draws[k]), summary.standard_error(p0, draws[0]))
    return pk - p0, se, "unpaired"


def sweeps_table(sweeps):
    """What each sweep varied, how, and with how many draws."""
    head = ["File", "Scenario", "Mode", "Swept parameters", "Points", "Draws", "Seed"]
    rows = []
    for sweep in sweeps:
        a = sweep.attrs
        rows.append(row([cell(os.path.basename(sweep.path), code=True),
                         cell(sweep.scenario_name), cell(sweep.mode.replace("_", " ")),
                         cell(", ".join(sweep.keys), code=True), num(sweep.values.shape[0]),
                         num(format_int(a.get("draws"))), num(a.get("seed", ""))]))
    note = ("Every point of a sweep is a full Monte Carlo run of the base scenario with the "
            "same seed and draws, so the differences between points come from the swept "
            "values, not from sampling noise.")
    return [make_table("The sweeps", head, rows), notes_part(note)]


def analyses_table(analyses):
    """The Sobol, Morris and sensitivity files whose figures follow; None without any."""
    if not analyses:
        return None
    head = ["File", "Analysis", "Subject", "Outputs"]
    rows = []
    for analysis in analyses:
        if isinstance(analysis, lr.SobolFile):
            kind = (f"{'Sobol indices' if analysis.sobol else 'Morris screening'} "
                    f"({analysis.attrs.get('model_evaluations', '?')} model evaluations)")
            subject = analysis.scenario_name
            outputs = list(analysis.sobol) + [o for o in analysis.morris
                                              if o not in analysis.sobol]
        else:
            kind = "Partial rank correlation (from one Monte Carlo run)"
            subject = os.path.basename(str(analysis.attrs.get("source_file", "")))
            outputs = list(analysis.sensitivity)
        rows.append(row([cell(os.path.basename(analysis.path), code=True), cell(kind),
                         cell(subject), cell(", ".join(outputs), code=True)]))
    return make_table("Sensitivity analyses", head, rows)


# ----------------------------------------------------------------------------- helpers


def figures_part(specs, image_format):
    if not specs:
        return None
    return {"kind": "figures",
            "figures": [{"stem": spec.stem, "caption": spec.caption,
                         "uri": data_uri(spec.figure, image_format)} for spec in specs]}


def data_uri(fig, image_format):
    """The figure as a base64 data: URI; no timestamps, so the report is reproducible."""
    buffer = io.BytesIO()
    with matplotlib.rc_context({"svg.hashsalt": "lissim"}):
        fig.savefig(buffer, format=image_format, dpi=PNG_DPI if image_format == "png" else 100,
                    metadata=render.SAVE_METADATA[image_format])
    encoded = base64.b64encode(buffer.getvalue()).decode("ascii")
    return f"data:{IMAGE_FORMATS[image_format]};base64,{encoded}"


def median_band(quantiles, digits=None):
    """'median [5%, 95%]' from a [5, 50, 95] array."""
    lo, mid, hi = quantiles
    if not np.isfinite(mid):
        return "n/a"
    fmt = (lambda v: f"{v:,.{digits}f}") if digits is not None else format_number
    return f"{fmt(mid)} [{fmt(lo)}, {fmt(hi)}]"


def format_number(value):
    return wording.number(value)


def format_int(value):
    return "" if value is None else f"{int(value):,}"


def format_percent(p):
    return wording.percent(p, 1)


def format_pp(diff):
    return wording.points(diff)


if __name__ == "__main__":
    sys.exit(main())
