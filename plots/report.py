#!/usr/bin/python3
"""Write the steering-group report of one or more lissim results files as one HTML file.

    report.py RESULTS.h5 [MORE.h5 ...] -o report.html [--images svg|png] [--title TEXT]

The report is self-contained: every figure is inlined as a data: URI (SVG by default, so
it prints sharply; PNG with --images png), the style sheet is inline, and there is no
script, web font or external reference of any kind, so it opens offline and can be sent
as one attachment. Contents, for the first file: run metadata, the target table (P(met)
at the deadline with interventions and in the counterfactual), the target and fan-chart
figures, the interventions' appraisal tables and figures, the effect of the interventions
at the deadline, and sensitivity figures when the file holds them. With several files,
a comparison of the target probabilities across them, saying whether they share seed and
draws (common random numbers). Sweep, Sobol/Morris and sensitivity files among the
files (`lissim sweep`, `lissim sobol`, `lissim sensitivity -o`) add their figures: the
sweeps in a section of their own, the others under "What drives the results".

Exit codes as render.py: 0 ok, 2 bad usage or a bad input file, 3 cannot write.
"""

import argparse
import base64
import html
import io
import os
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import render  # noqa: E402  (selects the Agg backend before matplotlib is used)
from lissim import reader as lr  # noqa: E402  (render put the lissim package on the path)

import matplotlib  # noqa: E402
import numpy as np  # noqa: E402

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
tr.total td { font-weight: bold; border-top: 2px solid #999; }
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

    sections = [("summary", "Run", run_section(results))]
    sections.append(("targets", SECTION_TITLES["targets"],
                     targets_section(results, by_section.get("targets", []), image_format)))
    sections.append(("fan", SECTION_TITLES["fan"],
                     figures_html(by_section.get("fan", []), image_format)))
    if results.has_interventions:
        sections.append(("interventions", SECTION_TITLES["interventions"],
                         interventions_section(results, by_section.get("interventions", []),
                                               image_format)))
        sections.append(("effect", SECTION_TITLES["effect"],
                         effect_section(results, by_section.get("effect", []), image_format)))
    if by_section.get("sensitivity"):
        sections.append(("sensitivity", SECTION_TITLES["sensitivity"],
                         analyses_table([a for a in analyses if not isinstance(a, lr.Sweep)])
                         + figures_html(by_section["sensitivity"], image_format)))
    sweeps = [a for a in analyses if isinstance(a, lr.Sweep)]
    if sweeps:
        sections.append(("sweep", SECTION_TITLES["sweep"],
                         sweeps_table(sweeps) + figures_html(by_section.get("sweep", []),
                                                             image_format)))
    if len(results_list) > 1:
        sections.append(("comparison", "Comparison of the results files",
                         comparison_section(results_list)))

    nav = "".join(f'<li><a href="#{sid}">{esc(heading)}</a></li>'
                  for sid, heading, _body in sections)
    body = "\n".join(f'<section id="{sid}">\n<h2>{esc(heading)}</h2>\n{content}\n</section>'
                     for sid, heading, content in sections)
    description = results.attrs.get("scenario_description", "")
    sources = [os.path.basename(f.path) for f in [*results_list, *analyses]]
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="lissim plots/report.py">
<title>{esc(title)}</title>
<style>{CSS}</style>
</head>
<body>
<header>
<h1>{esc(title)}</h1>
{f'<p class="lead">{esc(description)}</p>' if description else ''}
<nav aria-label="Contents"><ol>{nav}</ol></nav>
</header>
<main>
{body}
</main>
<footer>
<p>Written by lissim's plots/report.py from {esc(", ".join(sources))}.
Probabilities are shares of {esc(str(results.attrs.get("draws", "the")))} Monte Carlo draws;
bands are central ranges of the simulated paths, not forecasts' error margins.</p>
</footer>
</body>
</html>
"""


def esc(value):
    """HTML-escaped text of any value (quotes too: safe in attributes)."""
    return html.escape(str(value), quote=True)


def run_section(results):
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
    cells = "".join(
        f"<tr><th scope=\"row\">{esc(label)}</th><td>{code_if_hash(label, value)}</td></tr>"
        for label, value in rows if value not in (None, "")
    )
    return f'<table class="meta"><tbody>{cells}</tbody></table>'


def code_if_hash(label, value):
    if label in ("git commit", "Scenario SHA-256"):
        return f"<code>{esc(value)}</code>"
    return esc(value)


def targets_section(results, specs, image_format):
    if not results.targets:
        return '<p class="note">This results file has no targets.</p>'
    with_iv = results.has_interventions
    deadline_years = sorted({t.deadline for t in results.targets.values()})
    head = ["Target", "Description", "Rule", "Deadline"]
    if with_iv:
        head += ["P(met), with interventions", "P(met), counterfactual", "Difference"]
    else:
        head += ["P(met)"]
    rows = []
    for t in results.targets.values():
        cells = [f"<td><code>{esc(t.id)}</code></td>", f"<td>{esc(t.description)}</td>",
                 f"<td>{esc(rule_text(t))}</td>", f'<td class="num">{t.deadline}</td>']
        cells += probability_cells(t.prob_met_at_deadline,
                                   t.prob_met_counterfactual_at_deadline, with_iv)
        rows.append(f"<tr>{''.join(cells)}</tr>")
    if results.prob_all_met is not None:
        cells = ['<td colspan="3">All targets met jointly</td>',
                 f'<td class="num">{results.deadline}</td>']
        cells += probability_cells(lr.prob_all_at_deadline(results),
                                   lr.prob_all_at_deadline(results, counterfactual=True), with_iv)
        rows.append(f'<tr class="total">{"".join(cells)}</tr>')
    caption = (f"Probability that each target is met in its deadline year "
               f"({', '.join(map(str, deadline_years))})")
    note = ("<p class=\"note\">P(met) is the share of simulated paths on which the target "
            "holds in the deadline year. The counterfactual runs the same draws without any "
            "intervention, so the difference is the interventions' effect, free of Monte "
            "Carlo noise between the two.</p>" if with_iv else
            "<p class=\"note\">P(met) is the share of simulated paths on which the target "
            "holds in the deadline year. This run has no interventions.</p>")
    return table_html(caption, head, rows, numeric_from=4) + note + figures_html(specs, image_format)


def probability_cells(scenario, counterfactual, with_iv):
    cells = [f'<td class="num">{format_percent(scenario)}</td>']
    if with_iv:
        cells.append(f'<td class="num">{format_percent(counterfactual)}</td>')
        diff = scenario - counterfactual
        css = "up" if diff > 0 else "down" if diff < 0 else ""
        cells.append(f'<td class="num {css}">{format_pp(diff)}</td>')
    return cells


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
        return f"{target.rule} {target.threshold:g}"
    return template.format(x=f"{format_number(target.threshold)}{units}",
                           pct=f"{target.threshold:.0%}", base=target.base_year) \
        + f" ({target.indicator})"


def interventions_section(results, specs, image_format):
    if not results.interventions:
        return '<p class="note">The file marks a run with interventions but has no ' \
               '/interventions group.</p>' + figures_html(specs, image_format)
    parts = [interventions_list(results)]
    for view in ("local", "national"):
        rows = lr.appraisal_table(results, view)
        if rows:
            parts.append(appraisal_html(results, rows, view))
    parts.append('<p class="note">Medians with the 90% band (5th to 95th percentile of the '
                 'draws) in brackets. Money in GBP m at base-year prices, discounted to the base '
                 'year; costs include optimism bias. Value-for-money bands by BCR: poor &lt; 1, '
                 'low 1-1.5, medium 1.5-2, high 2-4, very high &ge; 4. Cost per net job is the '
                 'present value of cost over the peak of net additional jobs, undefined in draws '
                 'without net jobs; undefined draws are left out of every statistic.</p>')
    parts.append(figures_html(specs, image_format))
    return "\n".join(parts)


def interventions_list(results):
    head = ["Intervention", "Foundation", "Channels", "Spend (GBP m)", "Source"]
    rows = []
    for iid, i in results.interventions.items():
        css = ' class="total"' if iid == lr.ALL_INTERVENTIONS else ""
        rows.append(
            f"<tr{css}><td>{esc(render.intervention_title(i))}</td><td>{esc(i.foundation)}</td>"
            f"<td>{esc(', '.join(i.channels))}</td>"
            f'<td class="num">{format_number(i.total_spend_gbp_m)}</td><td>{esc(i.source)}</td></tr>')
    return table_html("The interventions", head, rows)


def appraisal_html(results, rows, view):
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
    for row in rows:
        name = esc(results.interventions[row["id"]].name if row["id"] != lr.ALL_INTERVENTIONS
                   else "All interventions")
        per_job = median_band(row["cost_per_net_job"] * cost_scale, 1)
        share = row["cost_per_net_job_defined_fraction"]
        if not np.isfinite(row["cost_per_net_job"][1]):
            per_job = "n/a (no net jobs)"
        elif np.isfinite(share) and share < 1:
            per_job += f"; defined in {share:.0%} of draws"
        cells = [median_band(row["cost_pv"], 1), median_band(row["benefit_pv"], 1),
                 median_band(row["npv"], 1), median_band(row["bcr"], 2),
                 format_percent(row["prob_bcr_at_least_1"]), per_job]
        css = ' class="total"' if row["id"] == lr.ALL_INTERVENTIONS else ""
        body.append(f"<tr{css}><td>{name}</td>"
                    + "".join(f'<td class="num">{esc(c)}</td>' for c in cells) + "</tr>")
        band_body.append(f"<tr{css}><td>{name}</td>"
                         + "".join(f'<td class="num">{format_percent(p)}</td>'
                                   for p in row["vfm_band_probability"]) + "</tr>")
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
    return (table_html(caption, head, body, numeric_from=1)
            + table_html(band_caption, band_head, band_body, numeric_from=1))


def short_units(units):
    """Units without their parenthetical detail, for a column header:
    'GBP m (base-year prices, discounted)' -> 'GBP m'."""
    return (units or "").split(" (")[0].strip()


def per_job_scale(units):
    """Cost per job shown in GBP thousand as on the figure (render.per_job_scale)."""
    return render.per_job_scale(units)


def effect_section(results, specs, image_format):
    names = [n for n in render.HEADLINE if n in results.effect]
    if not names:
        return '<p class="note">The file has no /effect group for the headline indicators.</p>'
    year = results.deadline
    head = ["Indicator", "Units", "Median", "5%", "25%", "75%", "95%"]
    rows = []
    for name in names:
        q = dict(zip(lr.QUANTILE_PERCENTS, lr.effect_quantiles_at(results, name, year)))
        label = render.HEADLINE[name].format(base=results.base_year)
        rows.append(f"<tr><td>{esc(label)}</td><td>{esc(results.effect[name].units)}</td>"
                    + "".join(f'<td class="num">{esc(render.format_signed(q[p]))}</td>'
                              for p in (50, 5, 25, 75, 95)) + "</tr>")
    caption = (f"Effect of the interventions in {year}: scenario minus counterfactual, "
               "draw by draw (quantiles over draws)")
    return table_html(caption, head, rows, numeric_from=2) + figures_html(specs, image_format)


def comparison_section(results_list):
    same_seed, same_draws = lr.shared_seed_and_draws(results_list)
    if same_seed and same_draws:
        note = ("All files use the same seed and number of draws (common random numbers): "
                "differences between them come from the scenarios, not from Monte Carlo noise.")
    else:
        differ = [w for w, same in (("seeds", same_seed), ("numbers of draws", same_draws))
                  if not same]
        note = (f"The files differ in their {' and '.join(differ)}: differences between them "
                "include Monte Carlo noise, so small differences may not be meaningful.")
    files_head = ["#", "File", "Scenario", "Seed", "Draws", "Interventions", "lissim", "Created"]
    files_rows = []
    for k, r in enumerate(results_list, 1):
        a = r.attrs
        files_rows.append(
            f'<tr><td class="num">{k}</td><td>{esc(os.path.basename(r.path))}</td>'
            f"<td>{esc(r.scenario_name)}</td><td class=\"num\">{esc(a.get('seed', ''))}</td>"
            f"<td class=\"num\">{esc(format_int(a.get('draws')))}</td>"
            f"<td>{esc(', '.join(lr.intervention_ids(r, include_all=False)) or 'none')}</td>"
            f"<td>{esc(a.get('lissim_version', ''))}</td><td>{esc(a.get('created_utc', ''))}</td>"
            "</tr>")
    any_iv = any(r.has_interventions for r in results_list)
    head = ["Target"] + [f"#{k} {r.scenario_name or os.path.basename(r.path)}"
                         for k, r in enumerate(results_list, 1)]
    rows = []
    for row in lr.comparison_table(results_list):
        label = "All targets jointly" if row["id"] == "all" else row["id"]
        cells = []
        for k, r in enumerate(results_list):
            text = format_percent(row["scenario"][k])
            if r.has_interventions:
                text += f" (without interventions {format_percent(row['counterfactual'][k])})"
            cells.append(f'<td class="num">{esc(text)}</td>')
        css = ' class="total"' if row["id"] == "all" else ""
        rows.append(f"<tr{css}><td><code>{esc(label)}</code></td>{''.join(cells)}</tr>")
    deadlines = sorted({r.deadline for r in results_list})
    caption = f"P(target met) at the deadline ({', '.join(map(str, deadlines))}) in each file"
    if any_iv:
        caption += "; in brackets the same draws without interventions"
    return (table_html("The files", files_head, files_rows)
            + f'<p class="note">{esc(note)}</p>'
            + table_html(caption, head, rows, numeric_from=1))


def sweeps_table(sweeps):
    """What each sweep varied, how, and with how many draws."""
    head = ["File", "Scenario", "Mode", "Swept parameters", "Points", "Draws", "Seed"]
    rows = []
    for sweep in sweeps:
        a = sweep.attrs
        rows.append(
            f"<tr><td>{esc(os.path.basename(sweep.path))}</td><td>{esc(sweep.scenario_name)}</td>"
            f"<td>{esc(sweep.mode.replace('_', ' '))}</td>"
            f"<td>{'<br>'.join(f'<code>{esc(k)}</code>' for k in sweep.keys)}</td>"
            f'<td class="num">{sweep.values.shape[0]}</td>'
            f'<td class="num">{esc(format_int(a.get("draws")))}</td>'
            f'<td class="num">{esc(a.get("seed", ""))}</td></tr>')
    note = ("Every point of a sweep is a full Monte Carlo run of the base scenario with the "
            "same seed and draws, so the differences between points come from the swept "
            "values, not from sampling noise.")
    return table_html("The sweeps", head, rows) + f'<p class="note">{esc(note)}</p>'


def analyses_table(analyses):
    """The Sobol, Morris and sensitivity files whose figures follow; empty without any."""
    if not analyses:
        return ""
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
        rows.append(f"<tr><td>{esc(os.path.basename(analysis.path))}</td><td>{esc(kind)}</td>"
                    f"<td>{esc(subject)}</td>"
                    f"<td>{', '.join(f'<code>{esc(o)}</code>' for o in outputs)}</td></tr>")
    return table_html("Sensitivity analyses", head, rows)


# ----------------------------------------------------------------------------- helpers


def table_html(caption, head, rows, numeric_from=None):
    numeric = ' class="num"'
    heads = "".join(
        f'<th scope="col"{numeric if numeric_from is not None and k >= numeric_from else ""}>'
        f"{esc(h)}</th>" for k, h in enumerate(head))
    return (f'<div class="table-wrap"><table><caption>{esc(caption)}</caption>'
            f"<thead><tr>{heads}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def figures_html(specs, image_format):
    return "\n".join(figure_html(spec, image_format) for spec in specs)


def figure_html(spec, image_format):
    uri = data_uri(spec.figure, image_format)
    return (f'<figure id="fig-{esc(spec.stem)}"><img src="{uri}" alt="{esc(spec.caption)}">'
            f"<figcaption>{esc(spec.caption)}</figcaption></figure>")


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
    value = float(value)
    if not np.isfinite(value):
        return "n/a"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    if abs(value) >= 100:
        return f"{value:.0f}"
    return f"{value:.3g}" if abs(value) >= 1 or value == 0 else f"{value:.2g}"


def format_int(value):
    return "" if value is None else f"{int(value):,}"


def format_percent(p):
    return "n/a" if p is None or not np.isfinite(p) else f"{100 * p:.1f}%"


def format_pp(diff):
    return "n/a" if not np.isfinite(diff) else f"{100 * diff:+.1f} pp"


if __name__ == "__main__":
    sys.exit(main())
