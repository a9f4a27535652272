#!/usr/bin/python3
"""Reference beta quantiles for tests/unit/test_beta_quantile.cpp, from SciPy.

Run once with Debian's /usr/bin/python3 (SciPy 1.10.1 made the stored file):
    /usr/bin/python3 tests/data/beta_quantiles/make_reference.py > tests/data/beta_quantiles/reference.csv

Columns: a, b, p, ppf = scipy.stats.beta.ppf(p, a, b), isf = scipy.stats.beta.isf(p, a, b) (the x
with P(X > x) = p), each in repr form (17 significant digits, reads back exactly). The shapes are
the PERT and beta shapes of the kind scenarios use (PERT shapes 1 + 4 (mode - min) / (max - min)
lie in [1, 5]; scenario shares have a + b up to a few hundred) and harder ones (a or b below 1,
a + b in the thousands). The probabilities cover the tails and the sampler's quantile table's
edges (1 / 256 and 1 - 1 / 256).
"""
import scipy
import scipy.stats

SHAPES = [
    (1.0, 5.0), (5.0, 1.0), (3.0, 3.0), (1.8, 4.2), (2.2, 3.8), (1.4, 4.6),
    (13.3125, 4.4375), (11.5, 11.5), (50.0, 70.0), (2000.0, 3000.0),
    (0.3, 2.0), (0.5, 0.5), (1.0 / 18.0, 19.0 / 18.0), (0.05, 0.9),
]
PROBABILITIES = [
    1e-12, 1e-6, 1e-3, 1.0 / 256.0, 0.0039, 0.0040, 0.01, 0.05, 0.1, 0.25, 0.3333, 0.5,
    0.6667, 0.75, 0.9, 0.95, 0.99, 0.996, 1.0 - 1.0 / 256.0, 0.999, 1.0 - 1e-6,
]


def main():
    print(f"# scipy {scipy.__version__}: scipy.stats.beta.ppf and .isf; made by make_reference.py")
    print("a,b,p,ppf,isf")
    for a, b in SHAPES:
        for p in PROBABILITIES:
            ppf = scipy.stats.beta.ppf(p, a, b)
            isf = scipy.stats.beta.isf(p, a, b)
            print(f"{a!r},{b!r},{p!r},{float(ppf)!r},{float(isf)!r}")


if __name__ == "__main__":
    main()
