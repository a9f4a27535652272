"""Parameter samples drawn again (results format 2.1, docs/results.md): a file written without
--keep-samples gives `lissim sensitivity` and `lissim export --draws` exactly what the kept samples
give, and when they cannot be drawn again - another random-number scheme, a checksum that does
not match, a scenario that changed - both refuse with exit 2, say to rerun with --keep-samples,
and write nothing.

Run: /usr/bin/python3 tests/python/test_keep_samples.py  (LISSIM_BINARY names the binary)
"""

import shutil
import tempfile
import unittest
from pathlib import Path

import h5py

import lissim_files


class DrawnAgain(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.files = lissim_files.make()
        cls.tmp = tempfile.TemporaryDirectory()
        cls.dir = Path(cls.tmp.name)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def sensitivity(self, path, *extra):
        return lissim_files.lissim("sensitivity", path, "--output", "jobs@2020", "--intervention", "all",
                                   "--format", "csv", *extra, check=False)

    def test_sensitivity_files_are_equal(self):
        kept, lean = self.dir / "kept.h5", self.dir / "lean.h5"
        self.sensitivity(self.files["results"], "-o", kept)
        self.sensitivity(self.files["lean"], "-o", lean)
        with h5py.File(kept, "r") as a, h5py.File(lean, "r") as b:
            compared = 0
            for output in a["sensitivity"]:
                if not isinstance(a[f"sensitivity/{output}"], h5py.Group):
                    continue
                for name, d in a[f"sensitivity/{output}"].items():
                    self.assertEqual(d[()].tobytes(), b[f"sensitivity/{output}/{name}"][()].tobytes(), name)
                    compared += 1
            self.assertGreater(compared, 10)

    def tampered(self, name, change):
        path = self.dir / f"{name}.h5"
        shutil.copyfile(self.files["lean"], path)
        with h5py.File(path, "r+") as h5:
            change(h5)
        return path

    def assert_refused(self, path, reason):
        for args in (["sensitivity", path, "--intervention", "all"],
                     ["export", path, "--csv", self.dir / f"{path.stem}_csv", "--draws"]):
            with self.subTest(command=args[0]):
                result = lissim_files.lissim(*args, check=False)
                self.assertEqual(result.returncode, 2, result.stderr)
                self.assertIn(reason, result.stderr)
                self.assertIn("rerun lissim run with --keep-samples", result.stderr)
                self.assertEqual(result.stdout, "")
        self.assertFalse((self.dir / f"{path.stem}_csv").exists())

    def test_another_random_number_scheme(self):
        path = self.tampered("scheme", lambda h5: h5.attrs.__setitem__("rng_scheme", "philox4x32-10/other v9"))
        self.assert_refused(path, "random-number scheme is 'philox4x32-10/other v9'")

    def test_a_checksum_that_does_not_match(self):
        path = self.tampered("checksum", lambda h5: h5["parameters"].attrs.__setitem__("samples_checksum",
                                                                                      "0123456789abcdef"))
        self.assert_refused(path, "do not match the run's (samples_checksum 0123456789abcdef")

    def test_a_scenario_that_changed(self):
        def widen(h5):
            text = h5.attrs["scenario_yaml"]
            self.assertIn("max: 3", text)
            h5.attrs["scenario_yaml"] = text.replace("max: 3", "max: 4", 1)
        self.assert_refused(self.tampered("scenario", widen), "do not match the run's")

    def test_no_checksum(self):
        path = self.tampered("unchecked", lambda h5: h5["parameters"].attrs.__delitem__("samples_checksum"))
        self.assert_refused(path, "no scenario_yaml or /parameters samples_checksum")


if __name__ == "__main__":
    unittest.main()
