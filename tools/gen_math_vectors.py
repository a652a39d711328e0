#!/usr/bin/env python3
"""Generate tests/data/math_vectors.csv: golden vectors for tradestat::math.

Reference values come from Python's `decimal` module at 70 significant digits (exact `Fraction`
arithmetic where the result is rational), are recorded to 60 significant digits, and are
rounded here to the accuracy contract of `tradestat::math`:

    S = the largest scale <= 28 at which round_half_even(ref * 10^S) fits in 96 bits;
    cr = that rounded value (the correctly rounded result);
    lo, hi = the smallest and largest multiples of 10^-S within 1 ulp (10^-S) of ref
             (lo == hi == cr when ref is itself on the grid: exact results must be exact).

If no scale >= 0 fits, the expected result is an overflow error. Inputs are exact `Decimal`s
(mantissa < 2^96, scale <= 28) written in plain notation for `Decimal::from_str_exact`.

Deterministic: a fixed seed. Regenerate with `python3 tools/gen_math_vectors.py`.

Columns: func,a,b,status,cr,lo,hi,ref
  func   nth_root | ln | log10 | exp | powd | powi
  a, b   the arguments (b empty for one-argument functions)
  status ok | undefined | overflow | range (the expected error kind)
"""

import csv
import math
import os
import random
from decimal import Decimal, localcontext, ROUND_HALF_EVEN
from fractions import Fraction

SEED = 20261127
MANT = 2 ** 96
PREC = 70
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "math_vectors.csv")

rng = random.Random(SEED)


def fmt(m, s):
    """m * 10^-s in plain notation."""
    sign = "-" if m < 0 else ""
    digits = str(abs(m))
    if s == 0:
        return sign + digits
    digits = digits.rjust(s + 1, "0")
    return sign + digits[:-s] + "." + digits[-s:]


def dec(m, s):
    assert abs(m) < MANT and 0 <= s <= 28
    return fmt(m, s)


def frac_of(text):
    return Fraction(Decimal(text))


def grid(ref):
    """(cr, lo, hi, S) for an exact Fraction ref, or None on overflow."""
    for s in range(28, -1, -1):
        scaled = ref * 10 ** s
        r = round(scaled)  # Fraction rounding is half-to-even
        if abs(r) < MANT:
            if scaled.denominator == 1:
                lo = hi = r
            else:
                lo = math.ceil(scaled - 1)
                hi = math.floor(scaled + 1)
            return r, lo, hi, s
    return None


rows = []


def emit(func, a, b, ref):
    """ref: Fraction (exact), Decimal (60+ digits), or an error kind string."""
    if isinstance(ref, str):
        rows.append((func, a, b, ref, "", "", "", ""))
        return
    fr = Fraction(ref)
    g = grid(fr)
    if g is None:
        rows.append((func, a, b, "overflow", "", "", "", ""))
        return
    r, lo, hi, s = g
    with localcontext() as ctx:
        ctx.prec = 60
        shown = +Decimal(ref) if isinstance(ref, Decimal) else Decimal(fr.numerator) / Decimal(fr.denominator)
    rows.append((func, a, b, "ok", fmt(r, s), fmt(lo, s), fmt(hi, s), str(shown)))


def D(text):
    return Decimal(text)


# ----------------------------------------------------------------------------- inputs

def rand_any():
    """A random positive Decimal anywhere in range: random scale, random bit length."""
    s = rng.randint(0, 28)
    bits = rng.randint(1, 96)
    m = rng.getrandbits(bits) | 1
    return dec(m, s)


def rand_magnitude(lo_exp, hi_exp, digits=None):
    """A positive Decimal with about 10^e magnitude, e uniform in [lo_exp, hi_exp]."""
    while True:
        e = rng.randint(lo_exp, hi_exp)
        nd = digits or rng.randint(1, 29)
        m = rng.randint(10 ** (nd - 1), 10 ** nd - 1)
        s = nd - 1 - e
        if 0 <= s <= 28 and m < MANT:
            return dec(m, s)


def rand_near_one():
    s = rng.randint(1, 28)
    k = rng.randint(1, 10 ** rng.randint(0, s - 1 if s > 1 else 0))
    sign = rng.choice((-1, 1))
    return dec(10 ** s + sign * k, s)


def rand_ratio():
    """Typical growth ratios: end / start of two money amounts, as rust_decimal would divide."""
    a = Decimal(rng.randint(1, 10 ** 12)) / 100
    b = Decimal(rng.randint(1, 10 ** 12)) / 100
    with localcontext() as ctx:
        ctx.prec = 29
        q = a / b
    # Round to the Decimal grid (as rust_decimal division would keep 28-29 digits).
    r, _, _, s = grid(Fraction(q))
    return dec(r, s)


# ----------------------------------------------------------------------------- references

def ctx70():
    return localcontext(prec=PREC)


def ref_root(a, n):
    x = Fraction(D(a))
    neg = x < 0
    with ctx70():
        ax = abs(D(a))
        val = (ax.ln() / n).exp()
        # Exact roots: try the value rounded to 40 digits, stripped.
        with localcontext() as c2:
            c2.prec = 40
            cand = (+val).normalize()
        exp_digits = len(cand.as_tuple().digits)
        if exp_digits <= 30 and Fraction(cand) ** n == abs(x):
            val = cand
    f = Fraction(val)
    return -f if neg else f


def ref_ln(a):
    if D(a) == 1:
        return Fraction(0)
    with ctx70():
        return D(a).ln()


def ref_log10(a):
    with ctx70():
        v = D(a).log10()
    return v


def ref_exp(a):
    if D(a) == 0:
        return Fraction(1)
    with ctx70():
        return D(a).exp()


def ref_powi(a, n):
    x = Fraction(D(a))
    return x ** n


def ref_powd(a, b):
    x, y = D(a), D(b)
    if y == y.to_integral_value() and abs(y) <= 400:
        return Fraction(x) ** int(y)
    with ctx70():
        v = x ** y
        # Exact results (4 ** 0.5): try the value rounded to 40 digits.
        with localcontext() as c2:
            c2.prec = 40
            cand = (+v).normalize()
        if len(cand.as_tuple().digits) <= 20 and y > 0:
            # cand^(1/y) == x exactly?  y = p/q: cand^q == x^p
            fy = Fraction(y)
            if fy.numerator <= 64 and fy.denominator <= 64 and Fraction(cand) ** fy.denominator == Fraction(x) ** fy.numerator:
                return Fraction(cand)
    return v


# ----------------------------------------------------------------------------- cases

def gen_roots():
    ns = list(range(2, 13)) + [15, 20, 25, 30, 40, 50, 64, 100, 120]
    for _ in range(1800):
        n = rng.choice(ns) if rng.random() < 0.7 else rng.randint(1, 120)
        a = rng.choice((rand_any, rand_ratio, rand_near_one, lambda: rand_magnitude(-28, 28)))()
        emit("nth_root", a, str(n), ref_root(a, n))
    for _ in range(1200):
        # CAGR-style: ratios over 1..100 years.
        n = rng.randint(1, 100)
        a = rand_ratio()
        emit("nth_root", a, str(n), ref_root(a, n))
    for _ in range(300):
        n = rng.choice((3, 5, 7, 9, 11, 21, 33, 99, 101, 119))
        a = "-" + rand_any()
        emit("nth_root", a, str(n), ref_root(a, n))
    for n in (1000, 65537, 1000000, 4294967295):
        for _ in range(10):
            a = rand_any()
            emit("nth_root", a, str(n), ref_root(a, n))
    # Exact roots: k^n representable.
    count = 0
    while count < 400:
        n = rng.randint(2, 12)
        k = rng.randint(1, 10 ** rng.randint(1, 4))
        ks = rng.randint(0, 3)
        m, s = k ** n, ks * n
        if s <= 28 and m < MANT:
            a = dec(m, s)
            emit("nth_root", a, str(n), Fraction(k, 10 ** ks))
            count += 1
    for a in ("8", "1.21", "-8", "1", "0", "-1", "0.0000000000000000000000000001", "79228162514264337593543950335"):
        for n in (1, 2, 3, 7, 100):
            if a.startswith("-") and n % 2 == 0:
                emit("nth_root", a, str(n), "undefined")
            else:
                emit("nth_root", a, str(n), ref_root(a, n) if D(a) != 0 else Fraction(0))
    # Roots a hair away from a rounding midpoint.
    for a in ("10000000000000000000000000001", "9999999999999999999999999999"):
        emit("nth_root", a, "2", ref_root(a, 2))
    for a in ("-4", "-1", "-0.0001", "-79228162514264337593543950335"):
        for n in (2, 4, 100):
            emit("nth_root", a, str(n), "undefined")
    for a in ("4", "0", "-8"):
        emit("nth_root", a, "0", "range")


def gen_ln():
    for _ in range(1400):
        a = rng.choice((rand_any, rand_ratio, rand_near_one, lambda: rand_magnitude(-28, 28)))()
        emit("ln", a, "", ref_ln(a))
    for _ in range(200):
        a = rand_near_one()
        emit("ln", a, "", ref_ln(a))
    for a in ("1", "2", "10", "0.1", "79228162514264337593543950335", "0.0000000000000000000000000001",
              "1.0000000000000000000000000001", "0.9999999999999999999999999999", "2.7182818284590452353602874714"):
        emit("ln", a, "", ref_ln(a))
    for a in ("0", "-1", "-0.0000000000000000000000000001", "-79228162514264337593543950335"):
        emit("ln", a, "", "undefined")
    for _ in range(500):
        a = rng.choice((rand_any, lambda: rand_magnitude(-28, 28)))()
        emit("log10", a, "", ref_log10(a))
    for e in range(-28, 29):
        a = dec(10 ** (e + 28), 28) if e < 0 else dec(10 ** e, 0)
        emit("log10", a, "", ref_log10(a))
    emit("log10", "0", "", "undefined")
    emit("log10", "-10", "", "undefined")


def rand_exp_arg():
    pick = rng.random()
    if pick < 0.5:
        s = rng.randint(0, 27)
        m = rng.randint(0, 70 * 10 ** s)
        v = dec(m, s)
        return v if rng.random() < 0.5 else "-" + v
    if pick < 0.7:
        # near the overflow / underflow boundaries
        s = rng.randint(10, 27)
        base = rng.choice((665, -652))
        m = base * 10 ** (s - 1) + rng.randint(-10 ** (s - 1), 10 ** (s - 1))
        return dec(m, s)
    # tiny arguments
    s = 28
    m = rng.randint(1, 10 ** rng.randint(1, 20))
    return dec(m, s) if rng.random() < 0.5 else "-" + dec(m, s)


def gen_exp():
    for _ in range(2000):
        a = rand_exp_arg()
        emit("exp", a, "", ref_exp(a))
    for a in ("0", "1", "-1", "66.54", "66.55", "66.5", "-65.16", "-65.17", "-70", "-100", "70"):
        emit("exp", a, "", ref_exp(a))
    for a in ("100", "1000", "79228162514264337593543950335", "67.1"):
        emit("exp", a, "", "overflow")
    emit("exp", "-79228162514264337593543950335", "", Fraction(0))


def gen_powd():
    for _ in range(2200):
        x = rng.choice((lambda: rand_magnitude(-6, 6), rand_ratio, rand_near_one))()
        s = rng.randint(0, 6)
        y = dec(rng.randint(0, 30 * 10 ** s), s)
        if rng.random() < 0.4:
            y = "-" + y if D(y) != 0 else y
        emit("powd", x, y, ref_powd(x, y))
    for _ in range(300):
        # CAGR as rust_decimal users write it: ratio ^ (1/n), 1/n rounded to 28 places.
        n = rng.randint(2, 50)
        x = rand_ratio()
        with localcontext() as c:
            c.prec = 28
            y = +(Decimal(1) / n)
        r, _, _, s = grid(Fraction(y))
        y = dec(r, s)
        emit("powd", x, y, ref_powd(x, y))
    for _ in range(150):
        x = "-" + rand_magnitude(-2, 2)
        y = str(rng.randint(-20, 20))
        emit("powd", x, y, ref_powd(x, y) if not (D(x) == 0 and D(y) < 0) else "undefined")
    # exact fractional powers
    count = 0
    while count < 150:
        k = rng.randint(1, 10 ** rng.randint(1, 4))
        q = rng.choice((2, 4, 5, 8, 10))
        p = rng.randint(1, 3)
        m = k ** q
        if m < MANT:
            y = Fraction(p, q)
            yd = Decimal(p) / Decimal(q)
            emit("powd", dec(m, 0), str(yd), Fraction(k) ** p if (Fraction(k) ** p) < MANT else "overflow")
            count += 1
    for x, y, kind in (("-2", "0.5", "undefined"), ("-0.5", "1.5", "undefined"), ("0", "-1", "undefined"),
                       ("0", "-0.5", "undefined"), ("10", "29", "overflow"), ("2", "100", "overflow"),
                       ("79228162514264337593543950335", "1.5", "overflow")):
        emit("powd", x, y, kind)
    for x, y in (("4", "0.5"), ("-2", "3"), ("0", "0"), ("0", "2.5"), ("2", "0"), ("1", "100000000000000000000"),
                 ("1.00000000000000000001", "100000000000000000000"), ("10", "-28"), ("10", "-29"),
                 ("2", "0.5"), ("1.5", "-0.5")):
        emit("powd", x, y, ref_powd(x, y) if not (D(x) == 0) else (Fraction(1) if D(y) == 0 else Fraction(0)))


def gen_powi():
    for _ in range(1500):
        pick = rng.random()
        if pick < 0.4:
            x = rand_magnitude(-3, 3, digits=rng.randint(1, 6))
            n = rng.randint(-40, 40)
        elif pick < 0.7:
            x = rand_magnitude(-2, 2)
            n = rng.randint(-30, 30)
        elif pick < 0.85:
            x = rand_near_one()
            n = rng.randint(-3000, 3000)
        else:
            x = rand_ratio()
            n = rng.randint(-60, 60)
        if rng.random() < 0.2:
            x = "-" + x
        fx = Fraction(D(x))
        if fx == 0 and n < 0:
            emit("powi", x, str(n), "undefined")
        else:
            emit("powi", x, str(n), ref_powi(x, n))
    for x, n in (("0.5", 29), ("0.5", 31), ("1.1", 2), ("2", -2), ("-3", 3), ("0", 0), ("0", 5), ("10", 28),
                 ("-1", 9223372036854775807), ("1", -9223372036854775808), ("0.1", 28), ("0.1", 29), ("0.1", 30),
                 ("2", 95), ("2", 96), ("2", -29), ("7", 34)):
        emit("powi", x, str(n), ref_powi(x, n))
    for x, n, kind in (("0", -1, "undefined"), ("10", 29, "overflow"), ("79228162514264337593543950335", 2, "overflow"),
                       ("0.0000000000000000000000000001", -2, "overflow"), ("2", 100, "overflow")):
        emit("powi", x, str(n), kind)


def main():
    gen_roots()
    gen_ln()
    gen_exp()
    gen_powd()
    gen_powi()
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(("func", "a", "b", "status", "cr", "lo", "hi", "ref"))
        w.writerows(rows)
    print(f"wrote {len(rows)} rows to {os.path.normpath(OUT)}")


if __name__ == "__main__":
    main()
