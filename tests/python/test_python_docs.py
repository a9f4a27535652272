"""docs/python.md's example runs as it stands, from the source tree's root, with the package
from python/ (PYTHONPATH=python) and the binary under test.

Run: /usr/bin/python3 tests/python/test_python_docs.py  (LISSIM_BINARY names the binary)
"""

import os
import re
import subprocess
import sys
import unittest
from pathlib import Path

ROOT = Path(os.environ.get("LISSIM_SOURCE_DIR", Path(__file__).resolve().parents[2]))


class PythonDocs(unittest.TestCase):
    def test_example_runs(self):
        text = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
        blocks = re.findall(r"```python\n(.*?)```", text, re.S)
        self.assertEqual(len(blocks), 1)
        env = dict(os.environ, PYTHONPATH=str(ROOT / "python"), MPLBACKEND="Agg")
        run = subprocess.run([sys.executable, "-c", blocks[0]], cwd=ROOT, env=env, capture_output=True, text=True)
        self.assertEqual(run.returncode, 0, run.stderr)
        self.assertIn("jobs_change", run.stdout)
        self.assertIn("persons", run.stdout)
        self.assertIn("prob_met", run.stdout)


if __name__ == "__main__":
    unittest.main(verbosity=2)
