//! Issue 14, item 3 (the data set's side): a figure whose own row a lenient read rejected is
//! never replaced silently by a sum of its parts (totals rule) or of its periods (frequency
//! rule): asking for it is an error naming the line, unless the caller opts in, and then the
//! figure is marked `Flags::SUBSTITUTED`.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

use proptest::prelude::*;
use tradestat::indicators::{partner_share, top_products};
use tradestat::io::tidy::TidyReader;
use tradestat::io::{Mode, ReadReport, RejectedKey};
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Error, Flags, Flow, Measure, Money, Period,
    Perspective, TradeData, TradeRecord,
};

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

fn y2016() -> Period {
    Period::year(2016).unwrap()
}

/// The case, in thousands written out: Kazakhstan's 2016 exports to Türkiye are 120,000
/// in all (the TOTAL row, line 2, has a typo: `12O000`), of which chapters 27 and 72 are 100,000
/// and 37,000 (they disagree with the total); imports are 88,000. Turnover is 208,000; with the
/// chapters summed in place of the rejected total it would be 225,000.
const FILE: &str = "reporter,partner,period,flow,value,currency,classification,commodity\n\
KAZ,TUR,2016,X,12O000,USD,,TOTAL\n\
KAZ,TUR,2016,X,100000,USD,HS,27\n\
KAZ,TUR,2016,X,37000,USD,HS,72\n\
KAZ,TUR,2016,M,88000,USD,,TOTAL\n";

/// The key the lenient read gives the rejected row (line 2): everything but the value was read.
fn total_row() -> RejectedKey {
    RejectedKey {
        line: 2,
        reporter: Some(Country::KAZ.into()),
        partner: Some(Country::TUR.into()),
        period: Some(y2016()),
        flow: Some(Flow::Export),
        commodity: Some(Commodity::TOTAL),
    }
}

fn lenient_records() -> (Vec<TradeRecord>, ReadReport) {
    let mut records = TidyReader::new()
        .mode(Mode::Lenient)
        .records(FILE.as_bytes())
        .unwrap();
    let all: Vec<TradeRecord> = records.by_ref().map(Result::unwrap).collect();
    (all, records.into_report())
}

fn names_line_2(err: &Error) -> bool {
    matches!(err, Error::InvalidArgument { reason } if reason.contains("line 2") && reason.contains("rejected"))
}

#[test]
fn strict_read_stops_at_the_bad_total_row() {
    let err = TidyReader::new()
        .records(FILE.as_bytes())
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap_err();
    assert!(
        matches!(&err, Error::BadRow { line: 2, column, .. } if column == "value"),
        "{err}"
    );
}

#[test]
fn lenient_read_refuses_the_sum_of_chapters_for_the_rejected_total() {
    let (records, report) = lenient_records();
    assert_eq!((report.rejected(), report.rejections()[0].line), (1, 2));
    let y = y2016();
    // Before the fix (nothing told the data set about line 2): 137,000 exports, 225,000
    // turnover, unmarked.
    let unaware = TradeData::from_records(records.clone()).unwrap();
    assert_eq!(
        unaware
            .value(
                Country::KAZ,
                Country::TUR,
                Measure::Turnover,
                Commodity::TOTAL,
                y
            )
            .unwrap(),
        Some(usd("225000"))
    );
    let data = TradeData::builder()
        .rejected_keys([total_row()])
        .build(records.clone())
        .unwrap();
    assert_eq!(data.rejected_keys(), &[total_row()]);
    for figure in [Measure::Exports, Measure::Turnover] {
        let err = data
            .value(Country::KAZ, Country::TUR, figure, Commodity::TOTAL, y)
            .unwrap_err();
        assert!(names_line_2(&err), "{figure}: {err}");
    }
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    for view in Perspective::ALL {
        assert!(names_line_2(&pair.turnover(view).unwrap_err()), "{view}");
        assert!(names_line_2(&pair.exports(view).unwrap_err()), "{view}");
    }
    // Imports and the chapters have rows of their own: what the file says.
    assert_eq!(
        pair.imports(Perspective::Reporter).unwrap().get(y),
        Some(usd("88000"))
    );
    assert_eq!(
        data.value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::hs("27").unwrap(),
            y
        )
        .unwrap(),
        Some(usd("100000"))
    );
    // Indicators alike.
    let err = top_products(&data, Country::KAZ, Country::TUR, Measure::Exports, y, 3).unwrap_err();
    assert!(names_line_2(&err), "{err}");
    let err = partner_share(&data, Country::KAZ, Country::TUR, Measure::Turnover, y).unwrap_err();
    assert!(names_line_2(&err), "{err}");
}

#[test]
fn opting_in_gives_the_sum_of_chapters_marked() {
    let (records, _) = lenient_records();
    let data = TradeData::builder()
        .rejected_keys([total_row()])
        .substitute_rejected(true)
        .build(records)
        .unwrap();
    let y = y2016();
    let turnover = data
        .value_with_flags(
            Country::KAZ,
            Country::TUR,
            Measure::Turnover,
            Commodity::TOTAL,
            y,
        )
        .unwrap();
    assert_eq!(turnover, Some((usd("225000"), Flags::SUBSTITUTED)));
    let imports = data
        .value_with_flags(
            Country::KAZ,
            Country::TUR,
            Flow::Import,
            Commodity::TOTAL,
            y,
        )
        .unwrap();
    assert_eq!(imports, Some((usd("88000"), Flags::NONE)));
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    assert_eq!(
        pair.turnover(Perspective::Reporter).unwrap().get(y),
        Some(usd("225000"))
    );
}

#[test]
fn a_builder_takes_the_keys_of_a_read_report() {
    // The report of a lenient read (its keys, when the reader keeps them) goes to the builder
    // as a whole; a report without keys changes nothing.
    let (records, report) = lenient_records();
    let data = TradeData::builder()
        .rejected(&report)
        .build(records.clone())
        .unwrap();
    assert_eq!(data.rejected_keys(), report.rejected_keys());
    assert_eq!(
        data.rejected_keys_complete(),
        report.rejected_keys_complete()
    );
}

#[test]
fn into_trade_data_passes_the_reads_rejected_keys() {
    let (data, report) = TidyReader::new()
        .mode(Mode::Lenient)
        .records(FILE.as_bytes())
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    assert_eq!(report.rejected_keys(), &[total_row()]);
    let err = data
        .value(
            Country::KAZ,
            Country::TUR,
            Measure::Turnover,
            Commodity::TOTAL,
            y2016(),
        )
        .unwrap_err();
    assert!(names_line_2(&err), "{err}");
}

#[test]
fn unreadable_fields_match_anything_and_the_mirror_side_is_checked() {
    let y = y2016();
    let x = |a: Country, b: Country, f: Flow, k: &str, v: &str| {
        TradeRecord::new(a, b, y, f, usd(v)).with_commodity(k.parse().unwrap())
    };
    let records = [
        x(Country::KAZ, Country::TUR, Flow::Export, "TOTAL", "50"),
        x(Country::TUR, Country::KAZ, Flow::Import, "27", "40"),
        x(Country::TUR, Country::KAZ, Flow::Import, "72", "13"),
    ];
    // Türkiye's TOTAL import row was rejected, its commodity unreadable.
    let key = RejectedKey {
        line: 7,
        reporter: Some(Country::TUR.into()),
        partner: Some(Country::KAZ.into()),
        period: Some(y),
        flow: Some(Flow::Import),
        commodity: None,
    };
    let data = TradeData::builder()
        .rejected_keys([key])
        .build(records)
        .unwrap();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    // Kazakhstan's own exports are fine; any view reading Türkiye's imports is refused.
    assert_eq!(
        pair.exports(Perspective::Reporter).unwrap().get(y),
        Some(usd("50"))
    );
    for view in [Perspective::Partner, Perspective::Mean, Perspective::Larger] {
        let err = pair.exports(view).unwrap_err();
        assert!(err.to_string().contains("line 7"), "{view}: {err}");
    }
    // ReporterThenPartner reads the mirror only where Kazakhstan reported nothing.
    assert_eq!(
        pair.exports(Perspective::ReporterThenPartner)
            .unwrap()
            .get(y),
        Some(usd("50"))
    );
    // The mirror case: Türkiye's own chapter records are what the file says.
    assert_eq!(
        data.value(
            Country::TUR,
            Country::KAZ,
            Flow::Import,
            Commodity::hs("27").unwrap(),
            y
        )
        .unwrap(),
        Some(usd("40"))
    );
    // A rejected row without a readable reporter could be any figure's row: every sum of parts
    // and every missing figure is refused.
    let anything = RejectedKey {
        line: 9,
        reporter: None,
        partner: None,
        period: None,
        flow: None,
        commodity: None,
    };
    let data = TradeData::builder()
        .rejected_keys([anything])
        .build(records)
        .unwrap();
    let err = data
        .value(
            Country::TUR,
            Country::KAZ,
            Flow::Import,
            Commodity::TOTAL,
            y,
        )
        .unwrap_err();
    assert!(err.to_string().contains("line 9"), "{err}");
    let err = data
        .value(Country::KAZ, Area::World, Flow::Export, Commodity::TOTAL, y)
        .unwrap_err();
    assert!(err.to_string().contains("nothing to stand in"), "{err}");
    assert_eq!(
        data.value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::TOTAL,
            y
        )
        .unwrap(),
        Some(usd("50"))
    );
}

#[test]
fn a_rejected_year_is_not_replaced_by_its_quarters() {
    let q = |n: u8, v: &str| {
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            Period::quarter(2016, n).unwrap(),
            Flow::Export,
            usd(v),
        )
    };
    let records = [q(1, "1"), q(2, "2"), q(3, "3"), q(4, "4")];
    let key = RejectedKey {
        line: 3,
        ..total_row()
    };
    let data = TradeData::builder()
        .rejected_keys([key])
        .build(records)
        .unwrap();
    let err = data
        .value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::TOTAL,
            y2016(),
        )
        .unwrap_err();
    assert!(err.to_string().contains("line 3"), "{err}");
    let q3 = Period::quarter(2016, 3).unwrap();
    assert_eq!(
        data.value(
            Country::KAZ,
            Country::TUR,
            Flow::Export,
            Commodity::TOTAL,
            q3
        )
        .unwrap(),
        Some(usd("3"))
    );
    // A rejected quarter makes the year a sum with a part missing: refused too.
    let key = RejectedKey {
        line: 4,
        period: Some(q3),
        ..total_row()
    };
    let data = TradeData::builder()
        .rejected_keys([key])
        .build([q(1, "1"), q(2, "2"), q(4, "4")])
        .unwrap();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    let err = pair
        .clone()
        .frequency(tradestat::Frequency::Annual)
        .exports(Perspective::Reporter)
        .unwrap_err();
    assert!(err.to_string().contains("line 4"), "{err}");
    // At its own frequency the rejected quarter is a gap, not a number.
    let quarters = pair.exports(Perspective::Reporter).unwrap();
    assert_eq!(quarters.get(q3), None);
    assert_eq!(quarters.len(), 3);
}

/// The nodes of a small tree, in pre-order: the total, chapters 27 and 72, headings under 27.
const CODES: [&str; 5] = ["TOTAL", "27", "2709", "2710", "72"];

proptest! {
    /// Any file of this tree over four quarters and the year (values of any sign), any rows
    /// rejected: a data set told of the rejected rows gives every figure exactly as the data set
    /// of the whole file does, or refuses it naming a rejected line; with the opt-in, it gives
    /// the same figure or one marked SUBSTITUTED. Both flows, every perspective's reporter view.
    #[test]
    fn a_figure_is_the_whole_files_or_refused(
        rows in proptest::collection::btree_map((0usize..5, 0u8..5, any::<bool>()), -1000i64..100_000, 1..30),
        rejected in proptest::collection::btree_set(0usize..30, 0..6),
    ) {
        let period = |p: u8| if p == 0 { Period::year(2016).unwrap() } else { Period::quarter(2016, p).unwrap() };
        let mut kept = Vec::new();
        let mut all = Vec::new();
        let mut keys = Vec::new();
        for (n, (&(code, p, export), &value)) in rows.iter().enumerate() {
            let flow = if export { Flow::Export } else { Flow::Import };
            let record = TradeRecord::new(Country::KAZ, Country::TUR, period(p), flow, Money::new(Decimal::new(value, 2), Currency::USD))
                .with_commodity(CODES[code].parse().unwrap());
            all.push(record);
            if rejected.contains(&n) {
                keys.push(RejectedKey {
                    line: n as u64 + 2,
                    reporter: Some(Country::KAZ.into()),
                    partner: Some(Country::TUR.into()),
                    period: Some(period(p)),
                    flow: Some(flow),
                    commodity: Some(record.commodity()),
                });
            } else {
                kept.push(record);
            }
        }
        let whole = TradeData::from_records(all).unwrap();
        let told = TradeData::builder().rejected_keys(keys.clone()).build(kept.clone()).unwrap();
        let marked = TradeData::builder().rejected_keys(keys.clone()).substitute_rejected(true).build(kept).unwrap();
        let lines: BTreeSet<String> = keys.iter().map(|k| format!("line {}", k.line)).collect();
        for code in CODES {
            let k: Commodity = code.parse().unwrap();
            for p in 0..5 {
                for flow in [Flow::Export, Flow::Import] {
                    let truth = whole.value(Country::KAZ, Country::TUR, flow, k, period(p)).unwrap();
                    match told.value(Country::KAZ, Country::TUR, flow, k, period(p)) {
                        Ok(v) => prop_assert_eq!(v, truth, "{} {} {}", code, p, flow),
                        Err(e) => {
                            let text = e.to_string();
                            prop_assert!(lines.iter().any(|l| text.contains(l.as_str())), "{}", text);
                        }
                    }
                    match marked.value_with_flags(Country::KAZ, Country::TUR, flow, k, period(p)) {
                        Ok(Some((_, flags))) if flags.contains(Flags::SUBSTITUTED) => {
                            prop_assert!(!keys.is_empty());
                        }
                        Ok(other) => prop_assert_eq!(other.map(|(v, _)| v), truth, "{} {} {}", code, p, flow),
                        // Nothing to stand in for a rejected row: an error even so.
                        Err(e) => prop_assert!(e.to_string().contains("nothing to stand in"), "{}", e),
                    }
                }
            }
        }
    }
}
