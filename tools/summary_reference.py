#!/usr/bin/env python3
"""An independent computation of examples/comtrade_summary.rs's output with Python's `decimal`
and `fractions` (exact), for the tests and for checking the example on generated files.

Usage: summary_reference.py INPUT.csv > EXPECTED.csv   (the stderr line is printed to stderr)

The rules, as the example documents them: only TOTAL rows whose partner2Code is 0, customsCode
C00, motCode 0 and mosCode 0 (when those columns exist), the others counted as skipped; exports
flow X, imports flow M; a reporter-partner-period-flow's value is the sum of its TOTAL rows; annual rows where the
reporter has any for the year; otherwise all twelve months summed, or the year left out; growth =
(turnover - previous) / previous rounded once half to even to 28 significant digits (not finer
than 1e-28), empty where the previous year is missing or zero; sorted by reporter, partner (as
written: alpha-3 for countries, the Comtrade code otherwise), year.
"""
import csv
import sys
from collections import defaultdict
from decimal import Decimal, getcontext
from fractions import Fraction

sys.path.insert(0, __file__.rsplit("/", 1)[0])
from gen_comtrade import COUNTRIES  # noqa: E402

getcontext().prec = 80  # exact sums
ISO = {code: iso for code, iso, _ in COUNTRIES}


def text(code):
    return ISO.get(int(code), str(int(code)))


def round_sig(q, digits=28):
    """Fraction -> Decimal text: half to even at `digits` significant digits, scale <= 28."""
    if q == 0:
        return "0"
    neg = q < 0
    q = abs(q)
    # k: scale such that floor(q * 10^k) has `digits` digits.
    k = digits - 1
    while q * Fraction(10) ** k >= 10 ** digits:
        k -= 1
    while q * Fraction(10) ** k < 10 ** (digits - 1):
        k += 1
    k = min(k, 28)
    scaled = q * Fraction(10) ** k
    n, r = divmod(scaled.numerator, scaled.denominator)
    if 2 * r > scaled.denominator or (2 * r == scaled.denominator and n % 2 == 1):
        n += 1
    d = Decimal(n).scaleb(-k)
    d = -d if neg else d
    s = format(d.normalize(), "f")
    return s


def main():
    sums = defaultdict(lambda: [Decimal(0), Decimal(0)])  # exports, imports
    read = accepted = skipped = 0
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        r = csv.DictReader(f)
        for row in r:
            read += 1
            if row["cmdCode"] != "TOTAL" or any(row.get(c, t) not in ("", t) for c, t in
                   (("partner2Code", "0"), ("customsCode", "C00"), ("motCode", "0"), ("mosCode", "0"))):
                skipped += 1
                continue
            accepted += 1
            flow = {"X": 0, "M": 1}.get(row["flowCode"])
            if flow is None:
                continue
            key = (int(row["reporterCode"]), int(row["partnerCode"]), row["period"])
            sums[key][flow] += Decimal(row["primaryValue"])
    annual = set()
    months = defaultdict(set)
    for rep, par, period in sums:
        if len(period) == 4:
            annual.add((rep, int(period)))
        else:
            months[(rep, int(period[:4]))].add(int(period[4:]))
    out = defaultdict(lambda: [Decimal(0), Decimal(0)])
    for (rep, par, period), flows in sums.items():
        year = int(period[:4])
        if len(period) == 6 and ((rep, year) in annual or len(months[(rep, year)]) != 12):
            continue
        row = out[(text(rep), text(par), year)]
        for f in range(2):
            row[f] += flows[f]
    left = sorted(f"{text(r)} {y} ({len(m)} months)" for (r, y), m in months.items()
                  if (r, y) not in annual and len(m) != 12)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow("reporter,partner,year,exports,imports,turnover,balance,growth".split(","))
    prev = None
    for key in sorted(out):
        x, m = out[key]
        t = x + m
        g = ""
        if prev and prev[0] == key[:2] and prev[1] == key[2] - 1 and prev[2] != 0:
            g = round_sig(Fraction(t - prev[2]) / Fraction(prev[2]))
        w.writerow([key[0], key[1], key[2], x, m, t, x - m, g])
        prev = (key[:2], key[2], t)
    line = f"read {read} rows: accepted {accepted}, rejected 0, skipped {skipped}"
    if left:
        line += f"; left out {len(left)} reporter-years with incomplete months: {', '.join(left)}"
    print(line, file=sys.stderr)


if __name__ == "__main__":
    main()
