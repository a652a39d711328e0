#!/usr/bin/env python3
"""Writes the recorded bodies of tests/fetch_*.rs in the services' real shapes.

Run from this directory: python3 make_bodies.py. The UN Comtrade rows carry the 47 fields of the
API v1 JSON; the World Bank pages, the SDMX-CSV files and the bulk file list are as the services
serve them (values chosen by hand; the expected figures are in the tests' comments).
"""
import gzip
import json

FIELDS = ["typeCode", "freqCode", "refPeriodId", "refYear", "refMonth", "period", "reporterCode",
          "reporterISO", "reporterDesc", "flowCode", "flowDesc", "partnerCode", "partnerISO",
          "partnerDesc", "partner2Code", "partner2ISO", "partner2Desc", "classificationCode",
          "classificationSearchCode", "isOriginalClassification", "cmdCode", "cmdDesc",
          "aggrLevel", "isLeaf", "customsCode", "customsDesc", "mosCode", "motCode", "motDesc",
          "qtyUnitCode", "qtyUnitAbbr", "qty", "isQtyEstimated", "altQtyUnitCode",
          "altQtyUnitAbbr", "altQty", "isAltQtyEstimated", "netWgt", "isNetWgtEstimated",
          "grossWgt", "isGrossWgtEstimated", "cifvalue", "fobvalue", "primaryValue",
          "legacyEstimationFlag", "isReported", "isAggregate"]
assert len(FIELDS) == 47

ISO = {398: ("KAZ", "Kazakhstan"), 792: ("TUR", "Türkiye"), 0: ("W00", "World"),
       860: ("UZB", "Uzbekistan")}


def row(reporter, partner, period, flow, value):
    """One API row; `value` is JSON number text, written as is (no float on the way)."""
    r = {
        "typeCode": "C", "freqCode": "A", "refPeriodId": int(period + "0101"),
        "refYear": int(period), "refMonth": 52, "period": period,
        "reporterCode": reporter, "reporterISO": ISO[reporter][0], "reporterDesc": ISO[reporter][1],
        "flowCode": flow, "flowDesc": {"X": "Export", "M": "Import"}[flow],
        "partnerCode": partner, "partnerISO": ISO[partner][0], "partnerDesc": ISO[partner][1],
        "partner2Code": 0, "partner2ISO": "W00", "partner2Desc": "World",
        "classificationCode": "H6", "classificationSearchCode": "HS",
        "isOriginalClassification": True, "cmdCode": "TOTAL", "cmdDesc": "All Commodities",
        "aggrLevel": 0, "isLeaf": False, "customsCode": "C00", "customsDesc": "TOTAL CPC",
        "mosCode": "0", "motCode": 0, "motDesc": "TOTAL MOT", "qtyUnitCode": -1,
        "qtyUnitAbbr": "N/A", "qty": 0, "isQtyEstimated": False, "altQtyUnitCode": -1,
        "altQtyUnitAbbr": "N/A", "altQty": 0, "isAltQtyEstimated": False, "netWgt": 0,
        "isNetWgtEstimated": False, "grossWgt": 0, "isGrossWgtEstimated": False,
        "cifvalue": None, "fobvalue": None, "primaryValue": "@@VALUE@@",
        "legacyEstimationFlag": 0, "isReported": True, "isAggregate": False,
    }
    if flow == "M":
        r["cifvalue"] = "@@VALUE@@"
    else:
        r["fobvalue"] = "@@VALUE@@"
    assert list(r) == FIELDS
    return json.dumps(r, ensure_ascii=False).replace('"@@VALUE@@"', value)


def body(rows, count=None, error=""):
    count = len(rows) if count is None else count
    return ('{"elapsedTime":"0.02 secs","count":%d,"data":[%s],"error":"%s"}'
            % (count, ",".join(rows), error))


normal = [
    row(398, 0, "2022", "X", "84393755285.81"),
    row(398, 792, "2022", "X", "2541000000.123"),
    row(398, 0, "2022", "M", "50991297016.4"),
    row(398, 792, "2022", "M", "1.234567891234E+9"),
]
open("comtrade_kaz_2022.json", "w").write(body(normal))
open("comtrade_count_mismatch.json", "w").write(body(normal, count=5))
open("comtrade_error.json", "w").write(
    '{"elapsedTime":"0 secs","count":0,"data":[],"error":"An unexpected error occurred: '
    'The value of reporterCode (9999) is not valid."}')
open("comtrade_error_object.json", "w").write(
    '{"elapsedTime":"0 secs","count":0,"data":null,"error":"",'
    '"errorObject":{"errorCode":400,"errorMessage":"period: 12 periods at most"}}')
open("comtrade_401.json", "w").write(
    '{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make sure '
    'to include subscription key when making requests to an API." }')
open("comtrade_429.json", "w").write(
    '{ "statusCode": 429, "message": "Rate limit is exceeded. Try again in 1 seconds." }')
open("comtrade_403_quota.json", "w").write(
    '{ "statusCode": 403, "message": "Out of call volume quota. Quota will be replenished in '
    '00:00:01." }')

# Bulk: the availability list and one file (TSV, as Comtrade's C_A_398_2022_H6_O.txt.gz).
open("comtrade_bulk_list.json", "w").write(json.dumps({
    "elapsedTime": "0.05 secs", "count": 1, "data": [{
        "datasetCode": 20223982022100, "typeCode": "C", "freqCode": "A", "period": "2022",
        "reporterCode": 398, "reporterISO": "KAZ", "reporterDesc": "Kazakhstan",
        "classificationCode": "H6", "classificationSearchCode": "HS", "isOriginalClassification": True,
        "isExtendedFlowCode": False, "isExtendedPartnerCode": False, "isExtendedPartner2Code": False,
        "isExtendedCmdCode": False, "isExtendedCustomsCode": False, "isExtendedMotCode": False,
        "totalRecords": 2, "datasetChecksum": 1234567, "firstReleased": "2023-05-01T00:00:00",
        "lastReleased": "2023-09-12T00:00:00", "fileSize": "0.1 KB",
        "fileUrl": "@@BASE@@/bulk/v1/file/398/0f1e2d3c4b5a69788796a5b4c3d2e1f0a1b2c3d4e5f60718293a4b5c6d7e8f90",
        "timestamp": "2023-09-12T00:00:00"}],
    "error": ""}))
header = FIELDS
tsv_rows = []
for reporter, partner, flow, value in [(398, 792, "X", "2541000000.123"), (398, 792, "M", "1234567891.234")]:
    r = json.loads(row(reporter, partner, "2022", flow, "0"))
    r["primaryValue"] = value
    if flow == "M":
        r["cifvalue"] = value
    else:
        r["fobvalue"] = value
    tsv_rows.append("\t".join("" if r[f] is None else str(r[f]) for f in header))
tsv = "\t".join(header) + "\n" + "\n".join(tsv_rows) + "\n"
with open("C_A_398_2022_H6_O.txt.gz", "wb") as raw:
    with gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as f:
        f.write(tsv.encode())

# World Bank: GDP deflator of Türkiye in two pages (per_page 2), a null value kept as a gap.
def wb_page(page, pages, total, per_page, rows, indicator, label):
    meta = {"page": page, "pages": pages, "per_page": per_page, "total": total,
            "sourceid": "2", "lastupdated": "2025-07-01"}
    out = []
    for iso3, iso2, name, date, value in rows:
        out.append('{"indicator":{"id":"%s","value":"%s"},"country":{"id":"%s","value":"%s"},'
                   '"countryiso3code":"%s","date":"%s","value":%s,"unit":"","obs_status":"",'
                   '"decimal":1}' % (indicator, label, iso2, name, iso3, date, value))
    return "[%s,[%s]]" % (json.dumps(meta), ",".join(out))

DEFL = ("NY.GDP.DEFL.ZS", "GDP deflator (base year varies by country)")
open("wb_deflator_tur_p1.json", "w").write(wb_page(1, 2, 3, 2, [
    ("TUR", "TR", "Turkiye", "2022", "433.927150710154"),
    ("TUR", "TR", "Turkiye", "2021", "252.418037098391")], *DEFL))
open("wb_deflator_tur_p2.json", "w").write(wb_page(2, 2, 3, 2, [
    ("TUR", "TR", "Turkiye", "2020", "null")], *DEFL))
open("wb_deflator_kaz.json", "w").write(wb_page(1, 1, 2, 1000, [
    ("KAZ", "KZ", "Kazakhstan", "2022", "1.5E+2"),
    ("KAZ", "KZ", "Kazakhstan", "2021", "120")], *DEFL))
FX = ("PA.NUS.FCRF", "Official exchange rate (LCU per US$, period average)")
open("wb_fx_tur.json", "w").write(wb_page(1, 1, 2, 1000, [
    ("TUR", "TR", "Turkiye", "2005", "1.34358166666667"),
    ("TUR", "TR", "Turkiye", "2004", "1.42555008333333")], *FX))
open("wb_fx_deu.json", "w").write(wb_page(1, 1, 2, 1000, [
    ("DEU", "DE", "Germany", "2002", "1.06255099150506"),
    ("DEU", "DE", "Germany", "1998", "0.899067469748465")], *FX))
open("wb_error.json", "w").write(
    '[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]')

# SDMX-CSV: OECD (2.0, with labels off), Eurostat (1.0), IMF IMTS (2.0).
open("oecd_itcs.csv", "w").write(
    "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,COUNTERPART_AREA,TRADE_FLOW,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n"
    "DATAFLOW,OECD.SDD.TPS:DSD_ITCS@DF_ITCS(1.0),I,TUR,KAZ,X,A,2022,1234.5,USD_EXC,6\n"
    "DATAFLOW,OECD.SDD.TPS:DSD_ITCS@DF_ITCS(1.0),I,TUR,KAZ,M,A,2022,987.65,USD_EXC,6\n")
open("oecd_percent.csv", "w").write(
    "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,COUNTERPART_AREA,TRADE_FLOW,FREQ,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,UNIT_MULT\n"
    "DATAFLOW,OECD.SDD.TPS:DSD_ITCS@DF_ITCS(1.0),I,TUR,KAZ,X,A,2022,0.13,PT_B1GQ,0\n")
open("eurostat_comext.csv", "w").write(
    "DATAFLOW,LAST UPDATE,freq,reporter,partner,product,flow,indicators,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS\n"
    "ESTAT:DS-045409(1.0),15/11/24 11:00:00,A,DE,KZ,TOTAL,1,VALUE_IN_EUROS,2023,6523401876,,\n"
    "ESTAT:DS-045409(1.0),15/11/24 11:00:00,A,DE,KZ,TOTAL,2,VALUE_IN_EUROS,2023,2257632011,p,\n")
open("imf_imts.csv", "w").write(
    "STRUCTURE,STRUCTURE_ID,ACTION,COUNTRY,COUNTERPART_COUNTRY,INDICATOR,FREQUENCY,TIME_PERIOD,OBS_VALUE,SCALE\n"
    "dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,TUR,XG_FOB_USD,A,2022,2541.5,6\n"
    "dataflow,IMF.STA:IMTS(1.0.0),I,KAZ,TUR,MG_CIF_USD,A,2022,1234.25,6\n")
open("imf_404.json", "w").write('{"statusCode": 404, "message": "Resource not found"}')
