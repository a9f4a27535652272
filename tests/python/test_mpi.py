"""Distributed runs (docs/mpi.md): `mpirun -np K lissim run|sweep|sobol` writes the same file,
dataset for dataset, as one process; a failing rank ends the job with its rank named and no file.

Skipped (exit code 77, ctest's SKIP_RETURN_CODE) when mpirun is missing or lissim was built
without MPI.

Run: /usr/bin/python3 tests/python/test_mpi.py  (LISSIM_BINARY names the binary)
"""

import shutil
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from lissim_cli import MPI_ENV, ROOT, lissim, mpirun  # noqa: E402
from lissim_files import datasets, identical, root_attributes  # noqa: E402

SCENARIO = ROOT / "tests" / "data" / "tiny_uncertain_interventions.yaml"
DRAWS = 10000  # three chunks of 4096 draws: uneven shares between ranks
SKIP = 77


class DistributedRun(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.single = Path(cls.tmp.name) / "single.h5"
        lissim("run", SCENARIO, "-o", cls.single, "--draws", DRAWS, "--keep-draws", "-q", check=True)
        cls.expected = datasets(cls.single), root_attributes(cls.single)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def check_same_as_single(self, ranks, threads):
        out = Path(self.tmp.name) / f"ranks{ranks}_threads{threads}.h5"
        result = mpirun(ranks, "run", SCENARIO, "-o", out, "--draws", DRAWS, "--keep-draws", "-q",
                        "--threads", threads)
        self.assertEqual(result.returncode, 0, result.stderr)
        got, attrs = datasets(out), root_attributes(out)
        want, want_attrs = self.expected
        self.assertEqual(sorted(got), sorted(want))
        for name in want:
            self.assertTrue(identical(got[name], want[name]), f"{name} differs with {ranks} ranks")
        self.assertEqual(sorted(attrs), sorted(want_attrs))
        for key in want_attrs:
            self.assertTrue(identical(attrs[key], want_attrs[key]), key)

    def test_two_ranks_two_threads(self):
        self.check_same_as_single(2, 2)

    def test_three_ranks_one_thread(self):
        self.check_same_as_single(3, 1)

    def check_command_same_under_mpi(self, name, *args):
        alone, shared = Path(self.tmp.name) / f"{name}_1.h5", Path(self.tmp.name) / f"{name}_3.h5"
        lissim(*args, "-o", alone, "-q", check=True)
        result = mpirun(3, *args, "-o", shared, "-q", "--threads", 1)
        self.assertEqual(result.returncode, 0, result.stderr)
        got, attrs = datasets(shared), root_attributes(shared)
        want, want_attrs = datasets(alone), root_attributes(alone)
        self.assertEqual(sorted(got), sorted(want))
        for key in want:
            self.assertTrue(identical(got[key], want[key]), f"{name}: {key} differs with 3 ranks")

    def test_sweep_under_mpi(self):
        self.check_command_same_under_mpi("sweep", "sweep", ROOT / "tests" / "data" / "sweeps" / "tiny_linear.yaml")

    def test_sobol_under_mpi(self):
        self.check_command_same_under_mpi("sobol", "sobol", SCENARIO, "--base-samples", 256, "--resamples", 100)

    def test_failing_rank_ends_the_job_without_a_file(self):
        out = Path(self.tmp.name) / "failed.h5"
        env = dict(MPI_ENV, LISSIM_FAIL_RANK="1")
        result = mpirun(2, "run", SCENARIO, "-o", out, "--draws", DRAWS, "-q", env=env)
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("lissim: rank 1 of 2: error:", result.stderr)
        self.assertFalse(out.exists())
        self.assertEqual([p.name for p in Path(self.tmp.name).iterdir() if ".tmp-" in p.name], [])

    def test_existing_file_is_kept_without_force(self):
        result = mpirun(2, "run", SCENARIO, "-o", self.single, "--draws", 100, "-q")
        self.assertEqual(result.returncode, 2)
        self.assertEqual(result.stderr.count("file exists"), 1)  # rank 0 alone reports it
        self.assertTrue(identical(datasets(self.single)["years"], self.expected[0]["years"]))


def main():
    if shutil.which("mpirun") is None:
        print("SKIP: mpirun not found (install openmpi-bin)")
        return SKIP
    version = lissim("--version").stdout
    if "MPI" not in version:
        print("SKIP: lissim was built without MPI (LISSIM_WITH_MPI=OFF): " + version.strip())
        return SKIP
    result = unittest.main(exit=False).result
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
