#!/usr/bin/env python3
"""Writes the Excel fixtures of tests/io_excel.rs (tests/data/excel_*.xlsx).

Python's standard library only: an .xlsx file is a zip of a few XML parts, written here by hand
with the cell types spreadsheets use (numbers as <v> numbers, text as inline strings, booleans,
error cells, dates as day serials with the built-in date format 14). The figures come from
tests/data/comtrade_sample.csv (UN Comtrade API rows) or are made up so that the expected
values can be worked out by hand; tests/data/excel.md says which.

    python3 tools/gen_xlsx.py        # from the repository root
"""

import csv
import datetime
import re
import zipfile
from xml.sax.saxutils import escape

NUMBER = re.compile(r"^-?(0|[1-9][0-9]*)(\.[0-9]+)?$")
# Comtrade columns that hold codes: text even when they look like numbers, as an analyst's
# spreadsheet keeps HS codes with their leading zeros.
CODE_COLUMNS = {"cmdCode", "customsCode", "mosCode", "motCode"}


class Date:
    """A date cell."""

    def __init__(self, year, month, day):
        self.value = datetime.date(year, month, day)


class Error:
    """An error cell (#N/A, #DIV/0!)."""

    def __init__(self, text):
        self.text = text


class Raw:
    """A number cell written exactly as given (a float's text with 16 digits)."""

    def __init__(self, text):
        self.text = text


def column_letters(index):
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell(ref, value):
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return f'<c r="{ref}" t="b"><v>{int(value)}</v></c>'
    if isinstance(value, Date):
        serial = (value.value - datetime.date(1899, 12, 30)).days
        return f'<c r="{ref}" s="1"><v>{serial}</v></c>'
    if isinstance(value, Error):
        return f'<c r="{ref}" t="e"><v>{escape(value.text)}</v></c>'
    if isinstance(value, Raw):
        return f'<c r="{ref}"><v>{value.text}</v></c>'
    if isinstance(value, (int, float)):
        return f'<c r="{ref}"><v>{value!r}</v></c>'
    return f'<c r="{ref}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def sheet_xml(rows):
    out = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        "<sheetData>"
    ]
    for r, row in enumerate(rows, start=1):
        cells = "".join(cell(f"{column_letters(c)}{r}", v) for c, v in enumerate(row))
        out.append(f'<row r="{r}">{cells}</row>')
    out.append("</sheetData></worksheet>")
    return "".join(out)


def write_xlsx(path, sheets):
    """sheets: list of (name, rows)."""
    ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = [
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    ]
    book_sheets = []
    book_rels = []
    for i, (name, _) in enumerate(sheets, start=1):
        types.append(
            f'<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        )
        book_sheets.append(f'<sheet name="{escape(name)}" sheetId="{i}" r:id="rId{i}"/>')
        book_rels.append(
            f'<Relationship Id="rId{i}" Type="{rel}/worksheet" Target="worksheets/sheet{i}.xml"/>'
        )
    book_rels.append(
        f'<Relationship Id="rId{len(sheets) + 1}" Type="{rel}/styles" Target="styles.xml"/>'
    )
    types.append("</Types>")
    # Fixed timestamps: the same bytes on every run.
    stamp = (2026, 1, 1, 0, 0, 0)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:

        def put(name, text):
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text)

        put("[Content_Types].xml", "".join(types))
        put(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/>'
            "</Relationships>",
        )
        put(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<workbook xmlns="{ns}" xmlns:r="{rel}"><sheets>{"".join(book_sheets)}</sheets></workbook>',
        )
        put(
            "xl/_rels/workbook.xml.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'{"".join(book_rels)}</Relationships>',
        )
        put(
            "xl/styles.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<styleSheet xmlns="{ns}">'
            '<fonts count="1"><font/></fonts><fills count="1"><fill/></fills>'
            '<borders count="1"><border/></borders>'
            '<cellStyleXfs count="1"><xf numFmtId="0"/></cellStyleXfs>'
            '<cellXfs count="2"><xf numFmtId="0" xfId="0"/>'
            '<xf numFmtId="14" xfId="0" applyNumberFormat="1"/></cellXfs>'
            "</styleSheet>",
        )
        for i, (_, rows) in enumerate(sheets, start=1):
            put(f"xl/worksheets/sheet{i}.xml", sheet_xml(rows))


def typed(name, text):
    """A Comtrade CSV field as a spreadsheet cell holds it."""
    if text in ("True", "False"):
        return text == "True"
    if name not in CODE_COLUMNS and NUMBER.match(text):
        return int(text) if "." not in text else float(text)
    return text


def comtrade_rows(count):
    with open("tests/data/comtrade_sample.csv", newline="") as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1 : count + 1]
    return header, [[typed(n, v) for n, v in zip(header, row)] for row in body]


def main():
    header, body = comtrade_rows(40)
    write_xlsx(
        "tests/data/excel_comtrade.xlsx",
        [
            ("Notes", [["Source: UN Comtrade API (tests/data/comtrade_sample.csv), rows 2-41"]]),
            ("Data", [header] + body),
        ],
    )

    # Cells of every kind in a Comtrade sheet: one row of the sample (USA exports of HS 02 in
    # 2016) copied with other periods, values and frequencies.
    base = comtrade_rows(3)[1][2]
    col = {n: i for i, n in enumerate(header)}

    def variant(**changes):
        row = list(base)
        for name, value in changes.items():
            row[col[name]] = value
        return row

    dates = [
        header,
        # Monthly, period as the date 2016-03-01: 201603.
        variant(freqCode="M", refMonth=3, period=Date(2016, 3, 1), primaryValue=1000.5),
        # Annual, period as the date 2016-01-01: 2016.
        variant(freqCode="A", period=Date(2016, 1, 1), cmdCode="03", primaryValue=2000),
        # Monthly, a date that is no month's first day: refused (row 4, cell F4).
        variant(freqCode="M", refMonth=3, period=Date(2016, 3, 15), cmdCode="04"),
        # A value of 16 significant digits: refused (row 5, cell AR5).
        variant(cmdCode="05", primaryValue=Raw("1234567890.123456")),
        # A value as text in a column of numbers, and an integral float for the year.
        variant(cmdCode="06", primaryValue="326.762", period=2016.0),
        # An error cell as the value: refused (row 7).
        variant(cmdCode="07", primaryValue=Error("#DIV/0!")),
    ]
    write_xlsx("tests/data/excel_cells.xlsx", [("Comtrade", dates)])

    # An SDMX-CSV 1.0 sheet (OECD balance of payments columns) with TIME_PERIOD as dates.
    sdmx = [
        [
            "DATAFLOW", "REF_AREA", "COUNTERPART_AREA", "MEASURE", "ACCOUNTING_ENTRY",
            "UNIT_MEASURE", "CURRENCY", "FREQ", "TIME_PERIOD", "OBS_VALUE", "UNIT_MULT",
        ],
        ["OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0)", "GBR", "W1", "G", "C", "XDC", "GBP", "M",
         Date(2020, 3, 1), 120.812, 6],
        ["OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0)", "GBR", "W1", "G", "D", "XDC", "GBP", "A",
         Date(2020, 1, 1), 130.5, 6],
        ["OECD.SDD.TPS:DSD_BOP@DF_BOP(1.0)", "GBR", "W1", "G", "C", "XDC", "GBP", "A",
         "2021", Error("#N/A"), 6],
    ]
    # A BACI sheet: year t as an integral float, the product k as text with its leading zero,
    # values as numbers and as text, q empty or NA.
    baci = [
        ["t", "i", "j", "k", "v", "q"],
        [2022.0, 842, 251, "010121", 1234.5, ""],
        [2022, 842, 699, "010129", "20.125", "NA"],
        [2022, 251, 842, "020110", 0.001, 3.25],
    ]
    # A long table as a statistics office publishes it: a note row before the header, months as
    # dates (the first of the month), January as text (a date of 1 January is a year or
    # January: refused), a filter column.
    long = [
        ["# origin: made up for tests/io_excel.rs"],
        ["month", "metric", "value_usd"],
        [Date(2022, 2, 1), "exports", 1500.25],
        [Date(2022, 3, 1), "exports", "1600"],
        [Date(2022, 3, 1), "imports", 900],
        [Date(2022, 1, 1), "exports", 1400],
        ["2022-01", "exports", 1400],
    ]
    write_xlsx(
        "tests/data/excel_formats.xlsx", [("SDMX", sdmx), ("BACI", baci), ("Long", long)]
    )


if __name__ == "__main__":
    main()
