"""lissim for Python: open lissim's HDF5 files as xarray Datasets, and run lissim.

    import lissim
    r = lissim.open("out/north_east_baseline.h5")       # any lissim file, format 1.x or 2.x
    r.indicators["jobs_change"].sel(path="scenario", quantile=0.5)   # median by year
    r.targets["prob_met"].to_dataframe()                 # tidy table: target, year, value
    r = lissim.run("scenarios/north_east_baseline.yaml", draws=2000, set={"seed": 7})
    print(lissim.compare("a.h5", "b.h5"))

Depends only on Debian's python3-h5py, -numpy, -xarray and -pandas (docs/python.md).
`lissim.reader` is the plain-numpy reader the plot scripts use.
"""

from .commands import LissimError, binary, compare, run
from .files import FILETYPES, LissimFile, open_file as open
from .reader import ResultsFormatError

__all__ = ["open", "run", "compare", "binary", "LissimFile", "LissimError", "ResultsFormatError", "FILETYPES"]
