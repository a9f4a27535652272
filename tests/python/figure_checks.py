"""Shared by the plot tests (not a test file): checks that a rendered figure shows something,
and plots/render.py's and plots/report.py's work done in this process for the tests that
check one figure or the report's text. Saving a figure is most of a render's time, so each
figure type is rendered once (by the tests that run render.py or report.py themselves) and
the variants build only what they check."""

import contextlib
import io
import os
import subprocess
import sys
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from unittest import mock

import numpy as np

PLOTS_DIR = Path(__file__).resolve().parents[2] / "plots"
sys.path.insert(0, str(PLOTS_DIR.parent / "python"))
sys.path.insert(0, str(PLOTS_DIR))
os.environ.setdefault("MPLBACKEND", "Agg")

SVG_NS = "{http://www.w3.org/2000/svg}"


def assert_png_not_blank(test, path):
    from matplotlib import image

    pixels = image.imread(path)
    test.assertGreater(len(png_colours(pixels)), 10, f"{path.name} looks blank")
    test.assertGreater(float(np.var(pixels)), 0.001, f"{path.name} looks blank")


def png_colours(pixels):
    """The distinct colours of an image (matplotlib.image.imread), counted on packed RGBA
    bytes: np.unique over rows is slow on big images."""
    rgba = np.round(pixels * 255).astype(np.uint8)
    if rgba.shape[-1] == 3:
        rgba = np.concatenate([rgba, np.full(rgba.shape[:-1] + (1,), 255, np.uint8)], axis=-1)
    return np.unique(np.ascontiguousarray(rgba).view(np.uint32))


def assert_svg_has_plot(test, path, min_paths=20):
    root = ElementTree.parse(path).getroot()
    test.assertEqual(root.tag, f"{SVG_NS}svg")
    # Data drawn in the axes is a path with a d attribute (lines, bands, bars, violins).
    drawn = [p for p in root.findall(f".//{SVG_NS}path") if len(p.get("d", "")) > 40]
    test.assertGreater(len(drawn), min_paths, f"{path.name} has too few plotted paths")


def run_render(path, out_dir, *extra, timeout=600):
    """`plots/render.py PATH -o OUT_DIR EXTRA...` in its own process, output captured as text."""
    return subprocess.run([sys.executable, str(PLOTS_DIR / "render.py"), str(path), "-o", str(out_dir), *map(str, extra)],
                          capture_output=True, text=True, timeout=timeout)


def build_figures(path):
    """render.py's figures of a results file, built as it builds them but not saved:
    (stem -> FigureSpec in order, what render.py would print on stderr)."""
    import render
    from lissim import reader as lr

    stderr = io.StringIO()
    with contextlib.redirect_stderr(stderr):
        specs = render.build_file_figures(lr.open_file(path))
    return {spec.stem: spec for spec in specs}, stderr.getvalue()


def save_figure(spec, out_dir, fmt="png"):
    """Save one built figure as render.py saves it; returns its path."""
    import render

    Path(out_dir).mkdir(parents=True, exist_ok=True)
    return Path(render.save(spec.figure, str(out_dir), spec.stem, [fmt])[0])


def report_text(*paths, figures=True, image_format="svg"):
    """report.py's HTML for its files (a results file, then any sweep, Sobol or sensitivity
    files), built in this process; figures=False keeps each figure's place, id and caption but
    not its image (rendering is most of a report's time), for the tests of the report's text."""
    import report
    from lissim import reader as lr

    files = [lr.open_file(p) for p in paths]
    results = [f for f in files if isinstance(f, lr.Results)]
    analyses = [f for f in files if not isinstance(f, lr.Results)]
    if figures:
        return report.build_report(results, image_format, None, analyses)
    with mock.patch.object(report, "data_uri", lambda fig, image_format: "data:,"):
        return report.build_report(results, image_format, None, analyses)


def render_some(path, out_dir, formats, stems):
    """In a new process (its own hash seed, as render.py run again would have): build the
    figures of `path` as render.py does and save those named, in `formats` in that order."""
    code = ("import sys, figure_checks as f; specs, _ = f.build_figures(sys.argv[1]); "
            "[f.save_figure(specs[s], sys.argv[2], fmt) for s in sys.argv[4:] for fmt in sys.argv[3].split(',')]")
    run = subprocess.run([sys.executable, "-c", code, str(path), str(out_dir), formats, *stems],
                         cwd=Path(__file__).parent, capture_output=True, text=True, timeout=300)
    if run.returncode != 0:
        raise AssertionError(run.stderr)
