#!/usr/bin/env python3
"""Reference values for tests/analysis_uncertainty.rs, computed independently of tradestat.

For each series (the published Kazakh-side turnover of the seed example, and generated ones) it fits
ln v = a + b t by ordinary least squares with statsmodels (t counted in years from the first
observation, as tradestat's `TrendFit` does) and writes, for one deadline and one goal:

- a, b and their standard errors (`bse`), and the residual standard deviation;
- the fitted log value at the deadline and the prediction interval from
  `get_prediction(...).summary_frame(alpha=1 - confidence)` (`obs_ci_lower`, `obs_ci_upper`), as
  values `exp(.)` and as factors of the fitted value;
- the probability that the value at the deadline meets the goal under the fitted line
  (scipy.stats.t with n - 2 degrees of freedom around the prediction, scale the prediction's
  standard error), and under a random walk with drift: the per-year log growth rates between
  consecutive observations, a gap of k years counted as k years of its rate, mean m and standard
  deviation s over those n years; the log value h years after the last observation is t with
  n - 1 degrees of freedom around ln v_last + m h, scale s sqrt(h (1 + h / n)).

Floats are IEEE doubles: statsmodels' and scipy's results carry about 15 to 16 significant digits
(scipy's t distribution is accurate to about 1e-15 relative here), so the tests compare to 1e-12
relative. Output: tests/data/trend_reference.csv, printed with 17 significant digits.

Run: python3 tools/trend_reference.py (needs numpy, statsmodels, scipy).
"""
import csv
import math
import os
import random

import numpy as np
import statsmodels.api as sm
from scipy import stats

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "tests", "data")


def kazakh_turnover():
    """Kazakh-side turnover: metric 'turnover', data_side starting with 'KZ', first row per year."""
    series = {}
    with open(os.path.join(DATA, "kaz_tur_published.csv")) as f:
        lines = [l for l in f if not l.startswith("#")]
    for row in csv.DictReader(lines):
        if row["metric"] != "turnover" or not row["data_side"].startswith("KZ"):
            continue
        if not row["year"].isdigit() or not row["value_usd"]:
            continue
        series.setdefault(int(row["year"]), int(row["value_usd"]))
    return sorted(series.items())


def generated(seed, n, gaps):
    """n yearly values from 2000, growth around 6% with noise; `gaps` drops some years."""
    rng = random.Random(seed)
    out, v, year = [], 1_000_000 + rng.randrange(1_000_000), 2000
    while len(out) < n:
        if not (gaps and rng.random() < 0.25 and out):
            out.append((year, v))
        v = max(1, int(v * (1.06 + rng.gauss(0, 0.08))))
        year += 1
    return out


def reference(name, points, deadline, goal, confidence):
    years = np.array([p for p, _ in points], dtype=float)
    t = years - years[0]
    y = np.log(np.array([v for _, v in points], dtype=float))
    n = len(points)
    res = sm.OLS(y, sm.add_constant(t)).fit()
    a, b = res.params
    se_a, se_b = res.bse
    sd = math.sqrt(res.scale)
    td = float(deadline - points[0][0])
    frame = res.get_prediction(np.array([[1.0, td]])).summary_frame(alpha=1 - confidence)
    mean = float(frame["mean"].iloc[0])
    lo = float(frame["obs_ci_lower"].iloc[0])
    hi = float(frame["obs_ci_upper"].iloc[0])
    se_obs = math.sqrt(float(frame["mean_se"].iloc[0]) ** 2 + res.scale)
    z = (math.log(goal) - mean) / se_obs
    rising = goal > points[-1][1]
    p_fit = stats.t.sf(z, n - 2) if rising else stats.t.cdf(z, n - 2)
    # Random walk with drift.
    rates = []
    for (p0, v0), (p1, v1) in zip(points, points[1:]):
        k = p1 - p0
        rates += [math.log(v1 / v0) / k] * k
    m = sum(rates) / len(rates)
    s = math.sqrt(sum((r - m) ** 2 for r in rates) / (len(rates) - 1))
    h = deadline - points[-1][0]
    centre = math.log(points[-1][1]) + m * h
    scale = s * math.sqrt(h * (1 + h / len(rates)))
    zr = (math.log(goal) - centre) / scale
    p_rw = stats.t.sf(zr, len(rates) - 1) if rising else stats.t.cdf(zr, len(rates) - 1)
    return {
        "name": name,
        "series": ";".join(f"{p}:{v}" for p, v in points),
        "deadline": deadline,
        "goal": goal,
        "confidence": confidence,
        "intercept": a,
        "slope": b,
        "se_intercept": se_a,
        "se_slope": se_b,
        "residual_sd": sd,
        "projected_by_fit": math.exp(mean),
        "low": math.exp(lo),
        "high": math.exp(hi),
        "low_factor": math.exp(lo - mean),
        "high_factor": math.exp(hi - mean),
        "probability": p_fit,
        "probability_random_walk": p_rw,
    }


def main():
    rows = [reference("kazakh_turnover", kazakh_turnover(), 2030, 10_000_000_000, 0.9)]
    rows.append(reference("kazakh_turnover_95", kazakh_turnover(), 2030, 10_000_000_000, 0.95))
    for seed in range(8):
        pts = generated(seed, 4 + seed * 3, gaps=seed % 2 == 1)
        last_year, last = pts[-1]
        # A goal within reach of the interval keeps the probability away from 0 and 1.
        goal = int(last * (1.4 if seed % 3 else 0.8))
        rows.append(reference(f"generated_{seed}", pts, last_year + 3 + seed % 4, goal,
                              [0.9, 0.8, 0.95, 0.5][seed % 4]))
    out = os.path.join(DATA, "trend_reference.csv")
    with open(out, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        for r in rows:
            w.writerow({k: (f"{v:.17g}" if isinstance(v, float) and k != "confidence" else v)
                        for k, v in r.items()})
    for r in rows:
        print(r["name"], r["projected_by_fit"], r["low"], r["high"], r["probability"],
              r["probability_random_walk"])


if __name__ == "__main__":
    main()
