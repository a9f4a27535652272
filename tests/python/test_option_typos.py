"""A mistyped command-line option names the closest option, as a mistyped YAML key does, and
exits 2; an option far from every other gets no suggestion.

Run: /usr/bin/python3 tests/python/test_option_typos.py  (LISSIM_BINARY names the binary)
"""

import unittest

import lissim_files

CASES = [
    (["run", lissim_files.SCENARIO, "--seeed", "3"], "'--seeed'; did you mean '--seed'?"),
    (["run", lissim_files.SCENARIO, "--keep-drws"], "did you mean '--keep-draws'?"),
    (["export", lissim_files.FORMAT1, "--csv", "x", "--froce"], "did you mean '--force'?"),
    (["compare", lissim_files.FORMAT1, lissim_files.FORMAT1, "--formt", "csv"], "did you mean '--format'?"),
    (["sobol", "--test-function", "ishigami", "--base-smaples", "8"], "did you mean '--base-samples'?"),
    (["sweep", "x.yaml", "--trheads", "2"], "did you mean '--threads'?"),
    (["sensitivity", lissim_files.FORMAT1, "--intervnetion", "all"], "did you mean '--intervention'?"),
    (["validate", lissim_files.SCENARIO, "--prnt"], "did you mean '--print'?"),
]


class OptionTypos(unittest.TestCase):
    def test_suggestions(self):
        for args, expected in CASES:
            with self.subTest(args=args):
                result = lissim_files.lissim(*args, check=False)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(expected, result.stderr)
                self.assertTrue(result.stderr.startswith("lissim: error: unrecognised option"), result.stderr)

    def test_no_suggestion_when_nothing_is_close(self):
        result = lissim_files.lissim("run", lissim_files.SCENARIO, "--zzzzzzzz", check=False)
        self.assertEqual(result.returncode, 2)
        self.assertNotIn("did you mean", result.stderr)


if __name__ == "__main__":
    unittest.main(verbosity=2)
