"""Checks that a rendered figure shows something: shared by the plot tests (not a test file)."""

import xml.etree.ElementTree as ElementTree

import numpy as np

SVG_NS = "{http://www.w3.org/2000/svg}"


def assert_png_not_blank(test, path):
    from matplotlib import image

    pixels = image.imread(path)
    # Count distinct colours on packed bytes: np.unique over rows is slow on big images.
    rgba = np.round(pixels * 255).astype(np.uint8)
    if rgba.shape[-1] == 3:
        rgba = np.concatenate([rgba, np.full(rgba.shape[:-1] + (1,), 255, np.uint8)], axis=-1)
    colours = np.unique(np.ascontiguousarray(rgba).view(np.uint32))
    test.assertGreater(len(colours), 10, f"{path.name} looks blank")
    test.assertGreater(float(np.var(pixels)), 0.001, f"{path.name} looks blank")


def assert_svg_has_plot(test, path, min_paths=20):
    root = ElementTree.parse(path).getroot()
    test.assertEqual(root.tag, f"{SVG_NS}svg")
    # Data drawn in the axes is a path with a d attribute (lines, bands, bars, violins).
    drawn = [p for p in root.findall(f".//{SVG_NS}path") if len(p.get("d", "")) > 40]
    test.assertGreater(len(drawn), min_paths, f"{path.name} has too few plotted paths")
