#!/usr/bin/env python3
"""Generate a deterministic UN Comtrade-shaped CSV (the 47-column layout of current Comtrade+
downloads) for tests and benchmarks of `tradestat::io::comtrade` and `examples/comtrade_summary.rs`.

Usage: gen_comtrade.py OUT.csv [--rows-scale F] [--seed N] [--edge-cases] [--tsv]

A scale below 1 keeps fewer reporters, partners and chapters; above 1 the years reach further back
(scale 10: 70 years, 1953-2022, about ten million rows and 2.8 GB).

What it writes (about one million rows, about 300 MB, at scale 1):
- annual rows (freqCode A) for 2016-2022: for every reporter, partner and flow (X and M, plus RX/RM
  for a few reporters) one TOTAL row and a set of HS chapter rows (cmdCode "01".."97");
- a few reporters report monthly instead (freqCode M, period YYYYMM, twelve complete months, TOTAL
  rows only) for some years;
- breakdown rows of chapter rows by second partner, customs procedure, mode of transport and mode of
  supply (partner2Code != 0, customsCode != C00, motCode != 0), which a reader skips by default;
- values in US dollars with up to three decimals; cifvalue/fobvalue filled as Comtrade does
  (primaryValue is the CIF value of imports and the FOB value of exports, with a few importers
  reporting FOB);
- text fields with commas and doubled quotes (chapter descriptions), quoted as CSV requires.

`--tsv` writes the same rows tab-separated, as Comtrade's bulk files (`.txt.gz`) are: nothing is
quoted, a description's quotes are its own text (no field holds a tab or a line break).

With the default options the file is "peer-compatible": the rules of comtrade_summary (annual rows
first, monthly rows only for complete reporter-years, breakdown rows skipped) give the same sums as
the plain SQL in ../shared/peers (which keeps every TOTAL row). `--edge-cases` adds rows where they
differ: TOTAL breakdown rows, a reporter-year with eleven months, a reporter-year with both annual
and monthly rows.

The output is byte-for-byte the same for the same options (random.Random with a fixed seed).
"""
import csv
import random
import sys

HEADER = (
    "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,reporterISO,reporterDesc,"
    "flowCode,flowDesc,partnerCode,partnerISO,partnerDesc,partner2Code,partner2ISO,partner2Desc,"
    "classificationCode,classificationSearchCode,isOriginalClassification,cmdCode,cmdDesc,aggrLevel,"
    "isLeaf,customsCode,customsDesc,mosCode,motCode,motDesc,qtyUnitCode,qtyUnitAbbr,qty,"
    "isQtyEstimated,altQtyUnitCode,altQtyUnitAbbr,altQty,isAltQtyEstimated,netWgt,"
    "isNetWgtEstimated,grossWgt,isGrossWgtEstimated,cifvalue,fobvalue,primaryValue,"
    "legacyEstimationFlag,isReported,isAggregate"
).split(",")
assert len(HEADER) == 47

# (Comtrade code, ISO alpha-3, name): Comtrade's own codes for USA 842, France 251, Italy 381,
# Norway 579, Switzerland 757, India 699; ISO numeric for the rest.
COUNTRIES = [
    (842, "USA", "USA"), (156, "CHN", "China"), (276, "DEU", "Germany"), (392, "JPN", "Japan"),
    (251, "FRA", "France"), (826, "GBR", "United Kingdom"), (381, "ITA", "Italy"),
    (410, "KOR", "Rep. of Korea"), (528, "NLD", "Netherlands"), (124, "CAN", "Canada"),
    (643, "RUS", "Russian Federation"), (699, "IND", "India"), (56, "BEL", "Belgium"),
    (484, "MEX", "Mexico"), (724, "ESP", "Spain"), (36, "AUS", "Australia"),
    (757, "CHE", "Switzerland"), (76, "BRA", "Brazil"), (792, "TUR", "Türkiye"),
    (398, "KAZ", "Kazakhstan"), (579, "NOR", "Norway"), (752, "SWE", "Sweden"),
    (616, "POL", "Poland"), (40, "AUT", "Austria"), (764, "THA", "Thailand"),
    (360, "IDN", "Indonesia"), (458, "MYS", "Malaysia"), (702, "SGP", "Singapore"),
    (682, "SAU", "Saudi Arabia"), (784, "ARE", "United Arab Emirates"), (710, "ZAF", "South Africa"),
    (32, "ARG", "Argentina"), (152, "CHL", "Chile"), (704, "VNM", "Viet Nam"),
    (608, "PHL", "Philippines"), (860, "UZB", "Uzbekistan"), (417, "KGZ", "Kyrgyzstan"),
    (31, "AZE", "Azerbaijan"), (804, "UKR", "Ukraine"), (818, "EGY", "Egypt"),
    (566, "NGA", "Nigeria"), (404, "KEN", "Kenya"), (554, "NZL", "New Zealand"),
    (203, "CZE", "Czechia"), (348, "HUN", "Hungary"), (620, "PRT", "Portugal"),
    (300, "GRC", "Greece"), (372, "IRL", "Ireland"), (208, "DNK", "Denmark"),
    (246, "FIN", "Finland"),
]
# Partners that are not countries: World 0, Other Asia n.e.s. 490, Areas n.e.s. 899.
SPECIAL_PARTNERS = [(0, "W00", "World"), (490, "S19", "Other Asia, nes"), (899, "_X ", "Areas, nes")]

CHAPTERS = [
    ("01", "Animals; live"), ("02", "Meat and edible meat offal"),
    ("03", "Fish and crustaceans, molluscs and other aquatic invertebrates"),
    ("04", "Dairy produce; birds' eggs; natural honey; edible products of animal origin, not elsewhere specified or included"),
    ("09", "Coffee, tea, mate and spices"), ("10", "Cereals"),
    ("15", "Animal, vegetable or microbial fats and oils and their cleavage products; prepared edible fats; animal or vegetable waxes"),
    ("22", "Beverages, spirits and vinegar"),
    ("27", "Mineral fuels, mineral oils and products of their distillation; bituminous substances; mineral waxes"),
    ("28", "Inorganic chemicals; organic and inorganic compounds of precious metals; of rare earth metals, of radio-active elements and of isotopes"),
    ("30", "Pharmaceutical products"), ("39", "Plastics and articles thereof"),
    ("40", "Rubber and articles thereof"), ("44", "Wood and articles of wood; wood charcoal"),
    ("52", "Cotton"), ("61", "Apparel and clothing accessories; knitted or crocheted"),
    ("62", "Apparel and clothing accessories; not knitted or crocheted"),
    ("71", "Natural, cultured pearls; precious, semi-precious stones; precious metals, metals clad with precious metal, and articles thereof; imitation jewellery; coin"),
    ("72", "Iron and steel"), ("73", "Iron or steel articles"),
    ("84", "Machinery and mechanical appliances, boilers, nuclear reactors; parts thereof"),
    ("85", "Electrical machinery and equipment and parts thereof; sound recorders and reproducers; television image and sound recorders and reproducers, parts and accessories of such articles"),
    ("87", "Vehicles; other than railway or tramway rolling stock, and parts and accessories thereof"),
    ("90", "Optical, photographic, cinematographic, measuring, checking, medical or surgical instruments and apparatus; parts and accessories"),
    ("94", "Furniture; bedding, mattresses, cushions; lamps and lighting fittings, n.e.c.; illuminated signs, name-plates; prefabricated buildings"),
    ("97", "Works of art; collectors' pieces and antiques (\"antiques\" over 100 years old)"),
]
FLOW_DESC = {"X": "Export", "M": "Import", "RX": "Re-export", "RM": "Re-import"}
MOT = [(1000, "Air"), (2100, "Sea"), (3100, "Road"), (9000, "Other")]
CUSTOMS = [("C01", "Ordinary trade"), ("C02", "Processing trade"), ("C03", "Customs warehouse")]
YEARS = list(range(2016, 2023))


def money(rng, scale):
    """A positive amount in dollars with 0 to 3 decimals, as text."""
    whole = int(rng.lognormvariate(0, 1.6) * scale)
    decimals = rng.choice((0, 0, 1, 2, 3, 3, 3))
    if decimals == 0:
        return str(whole)
    return f"{whole}.{rng.randrange(10 ** decimals):0{decimals}d}"


class TsvWriter:
    """Tab-separated rows without quoting (Comtrade's bulk files)."""

    def __init__(self, f):
        self.f = f

    def writerow(self, fields):
        text = [str(x) for x in fields]
        assert not any(c in t for t in text for c in "\t\n\r"), text
        self.f.write("\t".join(text) + "\n")


def main():
    args = sys.argv[1:]
    if not args or args[0].startswith("-"):
        sys.exit(__doc__)
    out_path = args[0]
    scale = 1.0
    seed = 20260101
    edge = "--edge-cases" in args
    tsv = "--tsv" in args
    if "--rows-scale" in args:
        scale = float(args[args.index("--rows-scale") + 1])
    if "--seed" in args:
        seed = int(args[args.index("--seed") + 1])
    rng = random.Random(seed)
    # Above scale 1 the panel grows longer (more years before 2016), so a 10 M-row file keeps the
    # shape of real data: the same reporters, partners and chapters over a longer span.
    years = YEARS if scale <= 1 else list(range(2023 - round(len(YEARS) * scale), 2023))

    n_reporters = max(2, round(len(COUNTRIES) * min(scale, 1.0)))
    reporters = COUNTRIES[:n_reporters]
    n_chapters = max(1, round(len(CHAPTERS) * min(1.0, scale ** 0.5)))
    # Monthly reporters: years reported by month instead of by year.
    monthly = {reporters[i][0]: set(years[-2:]) for i in (3, 7, 13) if i < len(reporters)}
    rows = 0
    with open(out_path, "w", newline="", encoding="utf-8") as f:
        w = TsvWriter(f) if tsv else csv.writer(f, lineterminator="\n")
        w.writerow(HEADER)

        def row(freq, year, month, rep, flow, par, cmd, cmd_desc, primary, p2=(0, "W00", "World"),
                customs=("C00", "TOTAL CPC"), mos=0, mot=(0, "TOTAL MOT"), fob_imports=False):
            nonlocal rows
            rows += 1
            period = f"{year}" if freq == "A" else f"{year}{month:02d}"
            refid = f"{year}{(month or 1):02d}01"
            import_side = flow in ("M", "RM")
            cif = primary if import_side and not fob_imports else ""
            fob = primary if not import_side or fob_imports else ""
            if import_side and not fob_imports and rng.random() < 0.3:
                fob = money(rng, 1000)  # some importers also give an FOB figure, different
            weight = str(int(float(primary) / 3.7)) if cmd != "TOTAL" else "0"
            w.writerow([
                "C", freq, refid, year, month if freq == "M" else 52, period,
                rep[0], rep[1], rep[2], flow, FLOW_DESC[flow], par[0], par[1], par[2],
                p2[0], p2[1], p2[2], "H5", "HS", "True", cmd, cmd_desc,
                0 if cmd == "TOTAL" else 2, "False", customs[0], customs[1], mos, mot[0], mot[1],
                -1 if cmd == "TOTAL" else 8, "N/A" if cmd == "TOTAL" else "kg", 0 if cmd == "TOTAL" else weight,
                "False", -1, "N/A", 0, "False", weight, "False", 0, "False",
                cif, fob, primary, 0, "True" if rng.random() < 0.9 else "False",
                "True" if cmd == "TOTAL" else "False",
            ])

        for ri, rep in enumerate(reporters):
            partners = [p for p in COUNTRIES if p[0] != rep[0]]
            rng.shuffle(partners)
            partners = SPECIAL_PARTNERS[:1] + partners[: max(1, round((44 + ri % 7) * min(scale, 1.0)))] + SPECIAL_PARTNERS[1 + ri % 2:2 + ri % 2]
            flows = ["X", "M"] + (["RX", "RM"] if ri % 9 == 0 else [])
            fob_imports = ri % 11 == 5  # an importer valuing FOB (as a few do)
            for par in partners:
                size = rng.lognormvariate(13, 2.2)
                # Some pairs miss a year (growth is then empty next year).
                missing = {rng.choice(years)} if rng.random() < 0.1 else set()
                for year in years:
                    if year in missing:
                        continue
                    zero = par[0] != 0 and rng.random() < 0.004  # a year with no trade at all
                    for flow in flows:
                        if year in monthly.get(rep[0], ()):
                            for month in range(1, 13):
                                v = "0" if zero else money(rng, size / 12)
                                row("M", year, month, rep, flow, par, "TOTAL", "All Commodities", v,
                                    fob_imports=fob_imports)
                            continue
                        v = "0" if zero else money(rng, size)
                        row("A", year, 0, rep, flow, par, "TOTAL", "All Commodities", v,
                            fob_imports=fob_imports)
                        if flow in ("RX", "RM"):
                            continue
                        chapters = CHAPTERS[:n_chapters]
                        for code, desc in chapters:
                            cv = "0" if zero else money(rng, size / 20)
                            row("A", year, 0, rep, flow, par, code, desc, cv, fob_imports=fob_imports)
                            if rng.random() < 0.03:
                                # Breakdown rows of this chapter row: by mode of transport and by
                                # customs procedure (they add up to the chapter row in real data).
                                for mot in rng.sample(MOT, 2):
                                    row("A", year, 0, rep, flow, par, code, desc, money(rng, size / 40),
                                        mot=mot, fob_imports=fob_imports)
                                p2 = rng.choice(partners)
                                row("A", year, 0, rep, flow, par, code, desc, money(rng, size / 80),
                                    p2=p2, customs=rng.choice(CUSTOMS), fob_imports=fob_imports)
                        if edge and rng.random() < 0.01:
                            row("A", year, 0, rep, flow, par, "TOTAL", "All Commodities", money(rng, size / 3),
                                mot=MOT[0], fob_imports=fob_imports)
        if edge:
            # A reporter-year with eleven months (left out of the summary), and one with both
            # annual and monthly rows (the annual ones are used).
            rep, par = reporters[0], COUNTRIES[1]
            for month in range(1, 12):
                row("M", 2023, month, rep, "X", par, "TOTAL", "All Commodities", money(rng, 1e6))
            for month in range(1, 13):
                row("M", 2022, month, rep, "X", par, "TOTAL", "All Commodities", money(rng, 1e6))
    print(f"wrote {rows} rows to {out_path}", file=sys.stderr)


if __name__ == "__main__":
    main()
