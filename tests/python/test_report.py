"""plots/report.py: the self-contained HTML steering-group report.

Built from synthetic results files (tests/python/synthetic_results.py, layout of
docs/results.md with interventions, and the sensitivity layout plots/README.md assumes).
Checks that the report is self-contained (no network or file references; every image a
data: URI), well formed, escaped, and has the tables with the known values; then opens it
in headless Chromium (Debian package `chromium`) with every network request routed to an
unreachable proxy and a network log, and checks that every figure decodes, that the page
makes no request, and that it prints with a page per section. Without Chromium that part
prints "SKIP: chromium not installed" and is skipped.

Run: /usr/bin/python3 tests/python/test_report.py   (non-zero on failure)
"""

import atexit
import base64
import html.parser
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

HERE = Path(__file__).resolve().parent
PLOTS_DIR = HERE.parents[1] / "plots"
REPORT = PLOTS_DIR / "report.py"
sys.path.insert(0, str(HERE))
import synthetic_results as syn  # noqa: E402
from figure_checks import report_text  # noqa: E402

os.environ.setdefault("MPLBACKEND", "Agg")

# Figures in a report of the synthetic file with interventions and sensitivity data, in
# report order: targets, fan charts, interventions, effect, sensitivity.
FIGURES = (["target_probabilities", "target_probabilities_deadline"]
           + [f"fan_{n}" for n in syn.HEADLINE]
           + ["interventions_net_jobs", "interventions_net_gva", "interventions_bcr",
              "interventions_bcr_national", "interventions_cost_per_job", "effect_against_gap",
              "effect_at_deadline",
              "sensitivity_jobs_change_2024", "sensitivity_productivity_gap_2024",
              "sobol_jobs_change_2024"])
BASELINE_FIGURES = (["target_probabilities", "target_probabilities_deadline"]
                    + [f"fan_{n}" for n in syn.HEADLINE])
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}
URL_ATTRIBUTES = {"src", "href", "srcset", "poster", "data", "action", "formaction",
                  "background", "xlink:href"}


def run_report(*args):
    return subprocess.run([sys.executable, str(REPORT), *map(str, args)],
                          capture_output=True, text=True, timeout=600)


class Structure(html.parser.HTMLParser):
    """Collects tags, their attributes and nesting errors; text per tag for the tables."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.errors, self.tags, self.text = [], [], [], []
        self.doctype = None

    def handle_decl(self, decl):
        self.doctype = decl

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        if tag in VOID:
            self.errors.append(f"end tag for void element <{tag}>")
        elif not self.stack or self.stack[-1] != tag:
            self.errors.append(f"</{tag}> closes <{self.stack[-1] if self.stack else None}>")
        else:
            self.stack.pop()

    def handle_data(self, data):
        self.text.append(data)


def parse(text):
    parser = Structure()
    parser.feed(text)
    parser.close()
    return parser


class SharedReport:
    """The report of three synthetic files (with interventions and sensitivity, a baseline with
    the same seed, another seed), made once by report.py for every test that reads it."""

    _made = None

    @classmethod
    def make(cls):
        if cls._made is None:
            tmp = tempfile.TemporaryDirectory(prefix="lissim_report_test_")
            atexit.register(tmp.cleanup)
            made = cls._made = cls()
            made.tmp = Path(tmp.name)
            made.iv = made.tmp / "interventions.h5"
            made.base = made.tmp / "baseline.h5"
            made.other = made.tmp / "other_seed.h5"
            syn.write_results(made.iv, sensitivity=True)
            syn.write_results(made.base, interventions=False)
            syn.write_results(made.other, seed=7, scenario_name="other_seed")
            made.report = made.tmp / "out" / "report.html"
            made.result = run_report(made.iv, made.base, made.other, "-o", made.report)
            made.text = made.report.read_text(encoding="utf-8") if made.report.exists() else ""
        return cls._made


class ReportTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        shared = SharedReport.make()
        for name in ("tmp", "iv", "base", "other", "report", "result", "text"):
            setattr(cls, name, getattr(shared, name))
        cls.parsed = parse(cls.text)

    # ------------------------------------------------------------------ basics

    def test_exit_code_and_output(self):
        self.assertEqual(self.result.returncode, 0, self.result.stderr)
        self.assertEqual(self.result.stderr, "")
        self.assertEqual(self.result.stdout.strip(), str(self.report))

    def test_html5_document(self):
        self.assertTrue(self.text.startswith("<!DOCTYPE html>\n"))
        self.assertEqual(self.parsed.doctype, "DOCTYPE html")
        self.assertEqual(self.parsed.errors, [])
        self.assertEqual(self.parsed.stack, [], "unclosed elements")
        tags = [t for t, _a in self.parsed.tags]
        self.assertEqual(tags[0], "html")
        self.assertEqual(dict(self.parsed.tags[0][1]).get("lang"), "en")
        self.assertIn(("meta", {"charset": "utf-8"}), self.parsed.tags)
        self.assertEqual(tags.count("title"), 1)
        self.assertEqual(tags.count("h1"), 1)
        ids = [a["id"] for _t, a in self.parsed.tags if "id" in a]
        self.assertEqual(len(ids), len(set(ids)), "duplicate ids")
        for tag, attrs in self.parsed.tags:
            if tag == "img":
                self.assertTrue(attrs.get("alt"), "every image has alt text")

    # ---------------------------------------------------------- self-contained

    def test_no_external_references(self):
        lowered = self.text.lower()
        for needle in ("http:", "https:", "ftp:", "file:", "@import", "<script", "<link",
                       "<iframe", "<object", "<embed", "@font-face"):
            self.assertNotIn(needle, lowered)
        self.assertIsNone(re.search(r"""(src|href)\s*=\s*["']?//""", lowered))
        self.assertIsNone(re.search(r"url\(\s*(?!['\"]?data:)", lowered))

    def test_every_url_attribute_is_data_or_fragment(self):
        for tag, attrs in self.parsed.tags:
            for name, value in attrs.items():
                if name in URL_ATTRIBUTES:
                    ok = value.startswith("data:") or (tag == "a" and value.startswith("#"))
                    self.assertTrue(ok, f"<{tag} {name}={value[:60]!r}>")

    def test_every_figure_is_an_inline_image(self):
        images = [a for t, a in self.parsed.tags if t == "img"]
        self.assertEqual(len(images), len(FIGURES))
        figure_ids = [a["id"] for t, a in self.parsed.tags if t == "figure"]
        self.assertEqual(figure_ids, [f"fig-{stem}" for stem in FIGURES])
        for attrs in images:
            prefix = "data:image/svg+xml;base64,"
            self.assertTrue(attrs["src"].startswith(prefix))
            svg = base64.b64decode(attrs["src"][len(prefix):], validate=True)
            self.assertIn(b"<svg", svg[:2000])
            self.assertNotIn(b"http://", svg.replace(b"http://www.w3.org/", b"")
                             .replace(b"http://purl.org/dc/", b"")
                             .replace(b"http://creativecommons.org/ns#", b"")
                             .replace(b"http://matplotlib.org", b""))
            self.assertGreater(svg.count(b"<path"), 20)

    # ------------------------------------------------------------------ content

    def section(self, sid):
        start = self.text.index(f'<section id="{sid}">')
        return self.text[start:self.text.index("</section>", start)]

    def test_metadata(self):
        run = self.section("appendix")
        for value in ("synthetic_interventions", str(syn.SEED), str(syn.N_DRAWS), "0.2.0",
                      "0123456789abcdef0123456789abcdef01234567", "2024-05-01T12:00:00Z",
                      "digital_skills, innovation_grants", "interventions.h5"):
            self.assertIn(value, run)

    def test_text_is_escaped(self):
        self.assertIn("Synthetic test scenario &lt;with&gt; &#34;markup&#34; &amp; ampersands",
                      self.text)
        self.assertNotIn("<with>", self.text)
        self.assertNotIn("<test>", self.text)
        self.assertIn("synthetic target more_jobs &lt;b&gt;", self.text)

    def test_target_table(self):
        targets = self.section("targets")
        self.assertIn("P(met), with interventions", targets)
        self.assertIn("P(met), counterfactual", targets)
        # more_jobs: 0.06 a year over 10 years = 60%; counterfactual half of it; Monte
        # Carlo standard error sqrt(0.6 x 0.4 / 12) = 14.1 pp.
        row = re.search(r"<tr><td><code>more_jobs</code>.*?</tr>", targets).group(0)
        self.assertEqual(re.findall(r'class="num[^"]*">([^<]*)<', row),
                         ["2024", "60.0%", "30.0%", "+30.0 pp", "14.1 pp"])
        # In targets.yaml's order (the SEP's, from the embedded scenario), not by id.
        self.assertEqual(re.findall(r"<tr><td><code>(\w+)</code>", targets), list(syn.TARGETS))
        joint = re.search(r'<tr class="total">.*?</tr>', targets, re.S).group(0)
        self.assertIn("All targets met jointly", joint)
        self.assertIn("10.0%", joint)
        self.assertIn("5.0%", joint)

    def test_appraisal_tables(self):
        section = self.section("interventions")
        self.assertIn("Appraisal, local view", section)
        self.assertIn("Appraisal, national view", section)
        self.assertIn("discount rate 3.5%", section)
        local = section[section.index("Appraisal, local view"):section.index("Appraisal, national")]
        digital = re.search(r"<tr><td>Digital skills and adoption</td>.*?</tr>", local).group(0)
        cells = re.findall(r'class="num">([^<]*)<', digital)
        # cost, benefit, NPV, BCR median [5%, 95%], P(BCR >= 1), cost per job
        self.assertEqual(cells[0], "7.5 [7.5, 7.5]")
        self.assertTrue(cells[3].startswith("1.65 ["), cells[3])
        self.assertEqual(cells[4], "80.0%")
        self.assertIn("defined in 92% of draws", cells[5])
        # Value for money: digital_skills has 20% in every band.
        bands = local[local.index("Value for money, local view"):]
        row = re.search(r"<tr><td>Digital skills and adoption</td>.*?</tr>", bands).group(0)
        self.assertEqual(re.findall(r'class="num">([^<]*)<', row), ["20.0%"] * 5)
        package = re.search(r'<tr class="total"><td>All interventions</td>.*?</tr>',
                            bands).group(0)
        self.assertEqual(re.findall(r'class="num">([^<]*)<', package),
                         ["&lt;0.1%", "27.3%", "27.3%", "36.4%", "9.1%"])

    def test_effect_table(self):
        effect = self.section("effect")
        row = re.search(r"<tr><td>Jobs change since 2014</td>.*?</tr>", effect).group(0)
        self.assertEqual(re.findall(r'class="num">([^<]*)<', row),
                         ["+20,000", "+8,000", "+16,000", "+24,000", "+32,000"])

    def test_comparison_section(self):
        comparison = self.section("comparison")
        for name in ("interventions.h5", "baseline.h5", "other_seed.h5"):
            self.assertIn(name, comparison)
        self.assertIn("Not paired: the files differ in their seeds", comparison)
        self.assertIn("Rerun them with the same --seed and --draws", comparison)
        # The note comes before the tables.
        self.assertLess(comparison.index("Not paired"), comparison.index("<table"))
        self.assertEqual(re.findall(r"<tr><td><code>(\w+)</code>", comparison)[:len(syn.TARGETS)],
                         list(syn.TARGETS))
        row = re.search(r"<tr><td><code>more_jobs</code>.*?</tr>", comparison).group(0)
        self.assertEqual(re.findall(r'class="num">([^<]*)<', row),
                         ["60.0% (without interventions 30.0%)", "60.0%",
                          "60.0% (without interventions 30.0%)"])
        # Unpaired: the difference carries sqrt(2 x 0.6 x 0.4 / 12) = 20.0 pp.
        self.assertIn("vs #1: no change ± 20.0 (unpaired)", row)

    def test_print_css(self):
        css = self.text[self.text.index("<style>"):self.text.index("</style>")]
        print_css = css[css.index("@media print"):]
        self.assertIn("break-before: page", print_css)
        self.assertIn("max-width: 100%", print_css)

    # ------------------------------------------------------------- variations

    def test_same_seed_and_draws_note(self):
        # The note is text: the report built in this process, its figures (drawn above) left out.
        self.assertIn("same seed and number of draws", report_text(self.iv, self.base, figures=False))

    def test_baseline_only_report(self):
        out = self.tmp / "baseline.html"
        run = run_report(self.base, "-o", out, "--images", "png")
        self.assertEqual(run.returncode, 0, run.stderr)
        text = out.read_text()
        parsed = parse(text)
        self.assertEqual(parsed.errors, [])
        images = [a["src"] for t, a in parsed.tags if t == "img"]
        self.assertEqual(len(images), len(BASELINE_FIGURES))
        self.assertTrue(all(src.startswith("data:image/png;base64,iVBORw0KGgo")
                            for src in images))
        self.assertNotIn('id="interventions"', text)
        self.assertNotIn('id="comparison"', text)
        self.assertNotIn("P(met), counterfactual", text)
        self.assertIn("This run has no interventions", text)

    def test_deterministic(self):
        out = self.tmp / "again.html"
        run = run_report(self.iv, self.base, self.other, "-o", out)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertEqual(out.read_text(encoding="utf-8"), self.text)

    def test_bad_file_exit_2(self):
        bad = self.tmp / "bad.h5"
        syn.write_results(bad, format_version=(3, 0))
        out = self.tmp / "never.html"
        run = run_report(self.iv, bad, "-o", out)
        self.assertEqual(run.returncode, 2, run.stderr)
        self.assertTrue(run.stderr.startswith(f"report.py: error: {bad}: "), run.stderr)
        self.assertFalse(out.exists())
        not_hdf5 = self.tmp / "text.h5"
        not_hdf5.write_text("hello\n")
        self.assertEqual(run_report(not_hdf5, "-o", out).returncode, 2)

    def test_unwritable_output_exit_3(self):
        blocker = self.tmp / "a_file"
        blocker.write_text("x\n")
        run = run_report(self.base, "-o", blocker / "report.html")
        self.assertEqual(run.returncode, 3, run.stderr)
        self.assertIn("cannot write", run.stderr)


# ---------------------------------------------------------------- headless Chromium

CHROMIUM = next((shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")
                 if shutil.which(n)), None)
if CHROMIUM is None:
    print("SKIP: chromium not installed (Debian: apt-get install chromium); "
          "the browser checks of the report are skipped", file=sys.stderr)

# After load, count the images that decoded; written into the DOM for --dump-dom to show.
IMAGE_PROBE = """<script>window.addEventListener('load', function () {
  var images = Array.prototype.slice.call(document.images);
  var decoded = images.filter(function (i) { return i.complete && i.naturalWidth > 0; });
  var p = document.createElement('p');
  p.id = 'image-probe';
  p.textContent = 'DECODED ' + decoded.length + ' OF ' + images.length;
  document.body.appendChild(p);
});</script>"""


@unittest.skipIf(CHROMIUM is None, "SKIP: chromium not installed")
class ChromiumTest(unittest.TestCase):
    """Open the report as a user would, offline: every request would go to 127.0.0.1:9."""

    @classmethod
    def setUpClass(cls):
        cls._tmp = tempfile.TemporaryDirectory(prefix="lissim_report_chromium_")
        cls.tmp = Path(cls._tmp.name)
        shared = SharedReport.make()
        if shared.result.returncode != 0:
            raise AssertionError(shared.result.stderr)
        cls.report, cls.text = shared.report, shared.text

    @classmethod
    def tearDownClass(cls):
        cls._tmp.cleanup()

    def chromium(self, page, *args, name="run"):
        """Run headless Chromium on a page; returns (completed process, page requests).

        Page requests are read from Chromium's network log: requests the browser makes
        for itself (updates, time) have no initiator; a page's have its (opaque) origin.
        """
        profile = self.tmp / f"profile-{name}"
        netlog = self.tmp / f"netlog-{name}.json"
        command = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                   "--disable-dev-shm-usage", f"--user-data-dir={profile}", "--no-first-run",
                   "--disable-background-networking", "--disable-component-update",
                   "--disable-sync", "--disable-default-apps", "--proxy-server=127.0.0.1:9",
                   f"--log-net-log={netlog}", *args, page.as_uri()]
        run = subprocess.run(command, capture_output=True, text=True, timeout=180)
        return run, page_requests(netlog)

    def test_dom_has_every_figure_each_decodes_and_no_request(self):
        """One browser run: the page's DOM after load, with a probe that counts the images that
        decoded (the report plus IMAGE_PROBE, nothing else)."""
        probe = self.tmp / "probe.html"
        probe.write_text(self.text.replace("</body>", IMAGE_PROBE + "</body>"), encoding="utf-8")
        run, requests = self.chromium(probe, "--dump-dom", name="probe")
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        dom = run.stdout
        self.assertIn("<h1>lissim report: synthetic_interventions</h1>", dom)
        self.assertEqual(len(re.findall(r'<img src="data:image/svg\+xml;base64,', dom)),
                         len(FIGURES))
        self.assertEqual(dom.count("<img"), len(FIGURES))
        for heading in ("Targets", "Headline indicators", "Interventions and value for money",
                        "Effect of the interventions", "What drives the results"):
            self.assertIn(f"<h2>{heading}</h2>", dom)
        found = re.search(r"DECODED (\d+) OF (\d+)", dom)
        self.assertIsNotNone(found, "the probe did not run")
        self.assertEqual((int(found.group(1)), int(found.group(2))),
                         (len(FIGURES), len(FIGURES)))
        self.assertEqual(requests, [])

    def test_detector_sees_external_requests(self):
        """Control: a page with external references is caught by both checks above."""
        bad = self.tmp / "bad.html"
        bad.write_text('<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
                       '<title>bad</title><link rel="stylesheet" href="https://example.com/s.css">'
                       '</head><body><img src="http://example.com/x.png" alt="x">'
                       + IMAGE_PROBE + "</body></html>", encoding="utf-8")
        run, requests = self.chromium(bad, "--dump-dom", name="control")
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        self.assertIn("DECODED 0 OF 1", run.stdout)
        self.assertTrue(any("example.com/x.png" in url for url in requests), requests)

    def test_screenshot_not_blank(self):
        from matplotlib import image
        import numpy as np

        shot = self.tmp / "shot.png"
        run, requests = self.chromium(self.report, f"--screenshot={shot}",
                                      "--window-size=1200,3000", "--hide-scrollbars",
                                      name="shot")
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        pixels = image.imread(shot)
        colours = np.unique(pixels.reshape(-1, pixels.shape[-1]), axis=0)
        self.assertGreater(len(colours), 50)
        self.assertEqual(requests, [])

    def test_prints_a_page_per_section(self):
        pdf = self.tmp / "report.pdf"
        run, requests = self.chromium(self.report, f"--print-to-pdf={pdf}",
                                      "--no-pdf-header-footer", name="pdf")
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf.read_bytes()))
        sections = self.text.count("<section ")
        self.assertGreaterEqual(pages, sections)  # each section after the first on a new page
        self.assertEqual(requests, [])


def page_requests(netlog):
    """URLs the page asked for, from a Chromium network log (--log-net-log)."""
    if not netlog.exists():
        raise AssertionError(f"Chromium wrote no network log at {netlog}")
    text = netlog.read_text(encoding="utf-8", errors="replace")
    try:
        log = json.loads(text)
    except json.JSONDecodeError:
        log = json.loads(text.rstrip().rstrip(",") + "]}")  # a log cut short at exit
    names = {number: name for name, number in log["constants"]["logEventTypes"].items()}
    urls = []
    for event in log.get("events", []):
        params = event.get("params") or {}
        if names.get(event.get("type")) == "URL_REQUEST_START_JOB" and "url" in params:
            if params.get("initiator", "not an origin") != "not an origin":
                urls.append(params["url"])
    return urls


if __name__ == "__main__":
    unittest.main(verbosity=2)
