#!/usr/bin/python3
"""Is the NumPy baseline the same model as lissim? Compares two results files of the same
scenario made with different random numbers (lissim's and tests/bench/numpy_baseline.py's)
within Monte Carlo error.

    /usr/bin/python3 tests/bench/numpy_agreement.py LISSIM.h5 NUMPY.h5 [--years 2019,2024,2030] [--limit 4]

For every indicator and every sector series it compares, at the given years, the median, the
5% and 95% quantiles (the 90% band), the mean and the sd; for every target P(met) and
P(judged met). Each difference is divided by its Monte Carlo standard error (the two runs
are independent, so the variances add): a p-quantile's se is sqrt(p (1 - p) / n) / f(q),
with the density f estimated from the neighbouring quantile levels in the file; the mean's
sd / sqrt(n); the sd's about sd / sqrt(2 (n - 1)) (exact for normal data, too small for
fat tails, so the sd's z is only reported); a probability's sqrt(P (1 - P) / n). It prints
the largest |z| of each kind and the share beyond 2 and 3, and exits 1 when any quantile,
mean or probability is beyond --limit standard errors (with hundreds of comparisons a few
|z| > 3 are expected by chance; 4 is rare unless the models differ).
"""

import argparse
import sys

import h5py
import numpy as np
from scipy.stats import norm

LEVELS = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]


def quantile_se(q, k, n):
    """se of the k-th quantile (levels LEVELS) from a file's own quantiles at neighbouring levels:
    dq/dp = 1 / f(q) by a difference quotient, corrected by the ratio of the exact derivative to
    the same quotient for a normal (a one-sided quotient at 0.05 or 0.95 understates a tail's
    dq/dp by a quarter)."""
    lo, hi = max(k - 1, 0), min(k + 1, len(LEVELS) - 1)
    p = LEVELS[k]
    quotient = (q[hi] - q[lo]) / (LEVELS[hi] - LEVELS[lo])
    normal = (1 / norm.pdf(norm.ppf(p))) / ((norm.ppf(LEVELS[hi]) - norm.ppf(LEVELS[lo])) / (LEVELS[hi] - LEVELS[lo]))
    slope = quotient * normal
    return np.sqrt(p * (1 - p) / n) * np.abs(slope)


def compare(a, b, years, n_a, n_b):
    rows = []  # (kind, name, year, value a, value b, z)
    year_index = {int(y): i for i, y in enumerate(a["years"][:])}
    columns = [year_index[y] for y in years]

    def series(name, qa, qb, ma, mb, sa, sb, na, nb):
        for y, c in zip(years, columns):
            for k, kind in ((3, "median"), (0, "q05"), (6, "q95")):
                se = np.hypot(quantile_se(qa[:, c], k, na), quantile_se(qb[:, c], k, nb))
                rows.append((kind, name, y, qa[k, c], qb[k, c], (qa[k, c] - qb[k, c]) / se if se > 0 else 0.0))
            se = np.hypot(sa[c] / np.sqrt(na), sb[c] / np.sqrt(nb))
            rows.append(("mean", name, y, ma[c], mb[c], (ma[c] - mb[c]) / se if se > 0 else 0.0))
            se = np.hypot(sa[c] / np.sqrt(2 * (na - 1)), sb[c] / np.sqrt(2 * (nb - 1)))
            rows.append(("sd", name, y, sa[c], sb[c], (sa[c] - sb[c]) / se if se > 0 else 0.0))

    for name in a["counterfactual/indicators"]:
        ga, gb = a["counterfactual/indicators/" + name], b["counterfactual/indicators/" + name]
        na, nb = n_a, n_b
        if "defined_fraction" in ga:  # the quantiles of a partly undefined series are over defined draws
            na, nb = n_a * ga["defined_fraction"][columns].min(), n_b * gb["defined_fraction"][columns].min()
        series(name, ga["quantiles"][:], gb["quantiles"][:], ga["mean"][:], gb["mean"][:], ga["sd"][:],
               gb["sd"][:], na, nb)
    sectors = [s.decode() if isinstance(s, bytes) else s for s in a["sectors"][:]]
    for kind in ("jobs", "gva_per_hour"):
        ga, gb = a["counterfactual/sectors/" + kind], b["counterfactual/sectors/" + kind]
        for s, sector in enumerate(sectors):
            series(f"sectors/{kind}/{sector}", ga["quantiles"][:, :, s], gb["quantiles"][:, :, s],
                   ga["mean"][:, s], gb["mean"][:, s], ga["sd"][:, s], gb["sd"][:, s], n_a, n_b)
    for target in a["targets"]:
        for kind in ("prob_met", "prob_judged_met"):
            pa, pb = a[f"targets/{target}/{kind}"][:], b[f"targets/{target}/{kind}"][:]
            for y, c in zip(years, columns):
                se = np.hypot(np.sqrt(pa[c] * (1 - pa[c]) / n_a), np.sqrt(pb[c] * (1 - pb[c]) / n_b))
                rows.append((kind, target, y, pa[c], pb[c], (pa[c] - pb[c]) / se if se > 0 else 0.0))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("lissim")
    parser.add_argument("numpy")
    parser.add_argument("--years", default="2019,2024,2030")
    parser.add_argument("--limit", type=float, default=4.0)
    parser.add_argument("--show", type=int, default=12, help="largest differences listed")
    args = parser.parse_args()
    years = [int(y) for y in args.years.split(",")]
    with h5py.File(args.lissim, "r") as a, h5py.File(args.numpy, "r") as b:
        n_a, n_b = int(a.attrs["draws"]), int(b.attrs["draws"])
        rows = compare(a, b, years, n_a, n_b)
    print(f"{args.lissim} ({n_a} draws) against {args.numpy} ({n_b} draws), years {args.years}")
    print(f"{'kind':<16} {'compared':>8} {'max |z|':>8} {'|z|>2':>7} {'|z|>3':>7}")
    failed = False
    for kind in ("median", "q05", "q95", "mean", "sd", "prob_met", "prob_judged_met"):
        z = np.abs([r[5] for r in rows if r[0] == kind])
        print(f"{kind:<16} {len(z):>8} {z.max():>8.2f} {np.mean(z > 2):>7.1%} {np.mean(z > 3):>7.1%}")
        failed |= kind != "sd" and bool(np.any(z > args.limit))
    print("largest differences (kind, series, year, lissim, numpy, z):")
    for r in sorted(rows, key=lambda r: -abs(r[5]))[:args.show]:
        print(f"  {r[0]:<15} {r[1]:<45} {r[2]} {r[3]:>14.6g} {r[4]:>14.6g} {r[5]:>6.2f}")
    headline = [("median", "jobs_change"), ("q05", "jobs_change"), ("q95", "jobs_change"),
                ("median", "employment_rate_gap"), ("median", "productivity_gap"), ("median", "private_density_gap")]
    print("headline at", years[len(years) // 2], "(lissim / numpy):")
    for kind, name in headline:
        for r in rows:
            if r[0] == kind and r[1] == name and r[2] == years[len(years) // 2]:
                print(f"  {kind:<7} {name:<22} {r[3]:>14.6g} {r[4]:>14.6g}  z {r[5]:+.2f}")
    if failed:
        print(f"FAIL: some difference beyond {args.limit} standard errors")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
