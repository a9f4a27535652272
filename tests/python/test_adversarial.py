"""The adversarial corpus (tests/data/adversarial/README.md): hostile inputs by class, each
expected to fail cleanly with a known exit code and message, or to succeed without a silent
wrong result. Three parts:

  1. the corpus files (scenarios/, sweeps/, text/), each with its expectations in a header
     of `# run:`, `# exit:`, `# expect:` ... lines (a sidecar FILE.expect for files that cannot
     carry a UTF-8 header);
  2. special files made here, since git cannot hold them: FIFOs, links to /dev/zero and
     /dev/urandom, a private character device (mknod, root only), oversized files, as inputs
     and outputs of every command and of plots/report.py;
  3. structure-aware mutations of a valid results file (a dataset shortened, reshaped,
     retyped or removed) for compare, export, sensitivity and the plots.

Run: /usr/bin/python3 tests/python/test_adversarial.py  (LISSIM_BINARY names the binary)
"""

import os
import re
import shutil
import stat
import sys
import tempfile
import unittest
from pathlib import Path

import h5py
import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import HANG_TIMEOUT, ROOT, RefusalChecks, run_bounded, sha  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "adversarial"
TINY = ROOT / "tests" / "data" / "tiny_uncertain.yaml"
TINY_INTERVENTIONS = ROOT / "tests" / "data" / "tiny_interventions.yaml"


def parse_header(path):
    """The expectations of a corpus file: {'run': str, 'exit': int, 'expect': [...], ...}."""
    source = Path(str(path) + ".expect")
    text = (source if source.exists() else path).read_bytes().decode("utf-8", errors="replace")
    header = {"expect": [], "reject": [], "unchanged": [], "absent": []}
    for line in text.splitlines():
        m = re.match(r"# (run|exit|expect|reject|unchanged|absent|max-output|max-seconds): (.*)$", line)
        if not m:
            continue
        key, value = m.groups()
        if key in ("expect", "reject", "unchanged", "absent"):
            header[key].append(value)
        else:
            header[key] = value
    return header


def corpus_files():
    for folder in ("scenarios", "sweeps", "text"):
        yield from sorted(p for p in (CORPUS / folder).iterdir() if p.suffix == ".yaml")


class Corpus(unittest.TestCase):
    """Part 1: every corpus file meets the expectations in its header."""

    def test_every_corpus_file(self):
        files = list(corpus_files())
        self.assertGreaterEqual(len(files), 30, "the corpus went missing")
        for path in files:
            with self.subTest(path.relative_to(CORPUS).as_posix()):
                self.check(path, parse_header(path))

    def check(self, path, header):
        self.assertIn("run", header, f"{path}: no '# run:' line")
        with tempfile.TemporaryDirectory(prefix="lissim_adv_") as tmp:
            def fill(text):
                return (text.replace("{file}", str(path)).replace("{dir}", str(path.parent))
                        .replace("{tmp}", tmp))
            before = {fill(u): sha(fill(u)) for u in header["unchanged"]}
            args = [fill(a) for a in _split(header["run"])]
            result = run_bounded(*args, timeout=int(header.get("max-seconds", 120)))
            self.assertEqual(result.returncode, int(header["exit"]), result.text[:3000])
            for pattern in header["expect"]:
                self.assertRegex(result.text, re.compile(fill(pattern), re.M))
            for pattern in header["reject"]:
                self.assertNotRegex(result.text, re.compile(pattern, re.M | re.I))
            if "max-output" in header:
                self.assertLessEqual(len(result.stdout) + len(result.stderr), int(header["max-output"]))
            for file, digest in before.items():
                self.assertEqual(sha(file), digest, f"{file} changed")
            for file in header["absent"]:
                self.assertFalse(Path(fill(file)).exists(), f"{fill(file)} was written")
            self.assertEqual([p for p in Path(tmp).rglob("*.tmp-*")], [], "temporary files left")


def _split(command):
    import shlex
    return shlex.split(command)


class SpecialFiles(RefusalChecks, unittest.TestCase):
    """Part 2: class 1 (unbounded reads, blocking opens) and class 2 (clobbering)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="lissim_special_")
        cls.dir = Path(cls.tmp.name)
        cls.results = cls.dir / "results.h5"
        r = run_bounded("run", TINY_INTERVENTIONS, "-o", cls.results, "-q", "--threads", 1)
        assert r.returncode == 0, r.text
        cls.fifo = cls.dir / "fifo"
        os.mkfifo(cls.fifo)
        cls.device = None
        if os.geteuid() == 0:
            # A private character device with /dev/null's numbers: never the system's node.
            cls.device = cls.dir / "private_null"
            os.mknod(cls.device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def seed_folder_with(self, name, make):
        """A copy of the tiny seed data whose `name` is replaced by make(path); a scenario using it."""
        folder = self.dir / f"seed_{name}_{make.__name__}"
        shutil.copytree(ROOT / "tests" / "data" / "tiny", folder)
        (folder / name).unlink()
        make(folder / name)
        scenario = self.dir / f"scenario_{name}_{make.__name__}.yaml"
        scenario.write_text(f"name: x\nseed_data: {folder.name}\n")
        return scenario

    # ---- class 1: only regular files are read, never more than the limit

    def test_scenario_fifo_device_folder(self):
        for path, kind in [(self.fifo, "a FIFO"), ("/dev/zero", "a character device"),
                           ("/dev/urandom", "a character device"), (self.dir, "a folder")]:
            with self.subTest(str(path)):
                self.assert_refused(run_bounded("validate", path, timeout=HANG_TIMEOUT), f"is {kind}")
                self.assert_refused(run_bounded("run", path, "-o", self.dir / "x.h5", timeout=HANG_TIMEOUT), f"is {kind}")

    def test_seed_files_linked_to_endless_devices_or_fifo(self):
        def zero(p): p.symlink_to("/dev/zero")
        def urandom(p): p.symlink_to("/dev/urandom")
        def fifo(p): os.mkfifo(p)
        for make in (zero, urandom, fifo):
            for name in ("baseline.yaml", "calibration.yaml", "targets.yaml"):
                with self.subTest(f"{name} -> {make.__name__}"):
                    scenario = self.seed_folder_with(name, make)
                    self.assert_refused(run_bounded("validate", scenario, timeout=HANG_TIMEOUT),
                                        rf"{name}: error: is a (character device|FIFO)")

    def test_oversized_configuration_file(self):
        big = self.dir / "big.yaml"
        with open(big, "wb") as f:
            f.write(b"name: big\nseed_data: x\n# " + b"x" * (17 << 20) + b"\n")
        self.assert_refused(run_bounded("validate", big), "file is larger than 16 MiB")

    def test_sweep_file_fifo_and_device(self):
        self.assert_refused(run_bounded("sweep", self.fifo, "-o", self.dir / "s.h5", timeout=HANG_TIMEOUT), "is a FIFO")
        self.assert_refused(run_bounded("sweep", "/dev/zero", "-o", self.dir / "s.h5", timeout=HANG_TIMEOUT),
                            "is a character device")

    def test_results_readers_refuse_special_files(self):
        for path, kind in [(self.fifo, "a FIFO"), ("/dev/zero", "a character device"), (self.dir, "a folder")]:
            for args in (["compare", self.results, path], ["export", path, "--csv", self.dir / "csv"],
                         ["sensitivity", path], ["report.py", path, "-o", self.dir / "r.html"]):
                with self.subTest(f"{args[0]} {path}"):
                    if args[0] == "report.py":
                        args = [ROOT / "plots" / "report.py", *args[1:]]
                    self.assert_refused(run_bounded(*args, timeout=HANG_TIMEOUT), f"is {kind}")

    def test_sweep_checkpoint_fifo_is_not_read(self):
        sweep = ROOT / "tests" / "data" / "sweeps" / "tiny_linear.yaml"
        out = self.dir / "sweep_fifo.h5"
        points = Path(str(out) + ".points")
        points.mkdir()
        os.mkfifo(points / "point_000000.txt")
        r = run_bounded("sweep", sweep, "-o", out, "--draws", 4, "-q", timeout=HANG_TIMEOUT)
        # The checkpoint is not read; writing its replacement is refused (never a FIFO).
        self.assert_refused(r, "point_000000.txt: is a FIFO")

    # ---- class 2: outputs never replace a device, FIFO or input

    def outputs_for(self, target):
        """Every command and plot script that writes a file, with `target` as its output."""
        sweep = ROOT / "tests" / "data" / "sweeps" / "tiny_linear.yaml"
        return {
            "run": ["run", TINY, "-o", target, "--draws", 20, "--force", "-q"],
            "sweep": ["sweep", sweep, "-o", target, "--draws", 4, "--force", "-q"],
            "sobol": ["sobol", TINY, "-o", target, "--base-samples", 4, "--force", "-q"],
            "sensitivity": ["sensitivity", self.results, "--intervention", "all", "-o", target, "--force"],
            "report.py": [ROOT / "plots" / "report.py", self.results, "-o", target],
        }

    def test_fifo_output_is_never_replaced(self):
        for name, args in self.outputs_for(self.fifo).items():
            with self.subTest(name):
                self.assert_refused(run_bounded(*args, timeout=HANG_TIMEOUT), "FIFO")
                self.assertTrue(stat.S_ISFIFO(os.lstat(self.fifo).st_mode), f"{name} replaced the FIFO")

    def test_device_output_is_never_replaced(self):
        if self.device is None:
            self.skipTest("mknod needs root")
        for name, args in self.outputs_for(self.device).items():
            with self.subTest(name):
                self.assert_refused(run_bounded(*args, timeout=HANG_TIMEOUT), "character device")
                self.assertTrue(stat.S_ISCHR(os.lstat(self.device).st_mode), f"{name} replaced the device")

    def test_link_to_device_output_is_refused(self):
        link = self.dir / "link_to_fifo.h5"
        link.symlink_to(self.fifo)
        r = run_bounded("run", TINY, "-o", link, "--draws", 20, "--force", "-q", timeout=HANG_TIMEOUT)
        self.assert_refused(r, "is a link to a FIFO")
        self.assertTrue(link.is_symlink())

    def test_export_csv_fifo_is_never_replaced(self):
        folder = self.dir / "csv_fifo"
        folder.mkdir()
        r = run_bounded("export", self.results, "--csv", folder)
        self.assertEqual(r.returncode, 0, r.text)
        victim = sorted(folder.glob("*.csv"))[0]
        victim.unlink()
        os.mkfifo(victim)
        self.assert_refused(run_bounded("export", self.results, "--csv", folder, "--force", timeout=HANG_TIMEOUT), "FIFO")
        self.assertTrue(stat.S_ISFIFO(os.lstat(victim).st_mode))

    def test_output_is_input_under_another_name(self):
        copy = self.dir / "copy.h5"
        shutil.copy(self.results, copy)
        hard = self.dir / "hard_link.h5"
        os.link(copy, hard)
        digest = sha(copy)
        for args in (["sensitivity", copy, "--intervention", "all", "-o", hard, "--force"],
                     ["sensitivity", copy, "--intervention", "all", "-o", copy, "--force"],
                     [ROOT / "plots" / "report.py", copy, "-o", copy],
                     [ROOT / "plots" / "report.py", copy, "-o", hard]):
            with self.subTest(" ".join(map(str, args[:1] + args[-2:]))):
                self.assert_refused(run_bounded(*args), "is an input of this")
                self.assertEqual(sha(copy), digest)


class DamagedResults(unittest.TestCase):
    """Part 3: structure-aware mutations of a valid results file; every reader refuses each
    with exit 2 naming the dataset, never a silent zero, a crash or a traceback."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory(prefix="lissim_damaged_")
        cls.dir = Path(cls.tmp.name)
        cls.valid = cls.dir / "valid.h5"
        r = run_bounded("run", TINY_INTERVENTIONS, "-o", cls.valid, "-q", "--threads", 1, "--keep-draws",
                        "--keep-samples")
        assert r.returncode == 0, r.text

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def mutated(self, name, mutate):
        path = self.dir / f"{name}.h5"
        shutil.copy(self.valid, path)
        with h5py.File(path, "r+") as f:
            mutate(f)
        return path

    @staticmethod
    def replace(f, dataset, data):
        attrs = dict(f[dataset].attrs)
        del f[dataset]
        f[dataset] = data
        for k, v in attrs.items():
            f[dataset].attrs[k] = v

    def mutations(self):
        bcr = "interventions/all/appraisal/bcr"
        return {
            "bcr_short": (lambda f: self.replace(f, bcr, f[bcr][:-1]), "appraisal/bcr has shape"),
            "bcr_empty": (lambda f: self.replace(f, bcr, np.zeros(0)), "appraisal/bcr has shape"),
            "bcr_2d": (lambda f: self.replace(f, bcr, np.zeros((8, 2))), "appraisal/bcr has shape"),
            "quantiles_short": (lambda f: self.replace(f, "scenario/indicators/jobs/quantiles",
                                                       f["scenario/indicators/jobs/quantiles"][:, :-1]),
                                "quantiles has shape"),
            "mean_long": (lambda f: self.replace(f, "scenario/indicators/jobs_change/mean",
                                                 np.zeros(f["years"].shape[0] + 3)), "mean has shape"),
            "prob_met_short": (lambda f: self.replace(f, "targets/all/prob_met", np.zeros(2)), "prob_met has shape"),
            "sector_quantiles_2d": (lambda f: self.replace(f, "scenario/sectors/jobs/quantiles",
                                                           f["scenario/sectors/jobs/quantiles"][:, :, 0]),
                                    "quantiles has shape"),
            "samples_rows": (lambda f: self.replace(f, "parameters/samples", f["parameters/samples"][:-2]),
                             "samples has shape"),
            "draws_wrong": (lambda f: f.attrs.__setitem__("draws", np.int64(9)), "has shape"),
            "horizon_wrong": (lambda f: f.attrs.__setitem__("horizon", np.int64(2040)), "has shape|/years"),
            "years_values": (lambda f: self.replace(f, "years", f["years"][()] + 1), "/years is not"),
            "years_missing": (lambda f: f.__delitem__("years"), "missing dataset /years"),
            "description_latin1": (lambda f: f.attrs.__setitem__("scenario_description", np.bytes_(b"Caf\xe9")),
                                   "not UTF-8"),
            "keep_draws_short": (lambda f: self.replace(f, "scenario/indicators/jobs/draws",
                                                        f["scenario/indicators/jobs/draws"][:3]), "draws has shape"),
        }

    def test_every_reader_refuses_every_mutation(self):
        for name, (mutate, message) in self.mutations().items():
            path = self.mutated(name, mutate)
            for args in (["compare", self.valid, path], ["export", path, "--csv", self.dir / f"csv_{name}"],
                         ["sensitivity", path, "--intervention", "all"]):
                with self.subTest(f"{args[0]} {name}"):
                    r = run_bounded(*args)
                    self.assertEqual(r.returncode, 2, r.text[:2000])
                    self.assertRegex(r.text, f"{path.name}: damaged results file: .*({message})")
                    self.assertNotIn("BCR 0 [0, 0]", r.text)

    def test_plots_refuse_a_short_bcr_and_text_not_utf8(self):
        for mutation, message in (("bcr_short", "one value per draw"), ("description_latin1", "is not UTF-8")):
            path = self.mutated(f"{mutation}_plots", self.mutations()[mutation][0])
            for script, out in (("report.py", self.dir / "r.html"), ("render.py", self.dir / "figures")):
                with self.subTest(f"{script} {mutation}"):
                    r = run_bounded(ROOT / "plots" / script, path, "-o", out)
                    self.assertEqual(r.returncode, 2, r.text[:2000])
                    self.assertIn(message, r.text)
                    self.assertNotIn("Traceback", r.text)


if __name__ == "__main__":
    unittest.main(verbosity=2)
