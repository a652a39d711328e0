//! Issue 14, item 4: inconsistent data is flagged, not computed through. Negative flows are
//! refused by every indicator alike, naming the figure; a World record smaller than one
//! partner's record is listed (`Breakdown::Partners`) and a share above 1 is an error.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::indicators::{
    grubel_lloyd, hhi, partner_share, rca, top_partners, trade_intensity, Over, Share, TotalSource,
};
use tradestat::{
    Area, Breakdown, Commodity, Country, Currency, Decimal, Error, Flow, Measure, Money, Period,
    TradeData, TradeRecord,
};

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

fn y() -> Period {
    Period::year(2022).unwrap()
}

fn r(a: impl Into<Area>, b: impl Into<Area>, flow: Flow, v: &str) -> TradeRecord {
    TradeRecord::new(a, b, y(), flow, usd(v)).with_commodity(Commodity::hs("27").unwrap())
}

fn invalid(result: tradestat::Result<impl std::fmt::Debug>) -> String {
    match result {
        Err(Error::InvalidArgument { reason }) => reason,
        other => panic!("expected InvalidArgument, got {other:?}"),
    }
}

#[test]
fn a_world_record_smaller_than_one_partners_is_listed_and_its_shares_refused() {
    // The case: Kazakhstan's World exports 1, its exports to Türkiye 5: a share of 5
    // (500%) before the fix. The mirror case on the import side: World 2, China 3.
    for (flow, measure, partner, world, part) in [
        (Flow::Export, Measure::Exports, Country::TUR, "1", "5"),
        (Flow::Import, Measure::Imports, Country::CHN, "2", "3"),
    ] {
        let data = TradeData::from_records([
            r(Country::KAZ, Area::World, flow, world),
            r(Country::KAZ, partner, flow, part),
            r(Country::KAZ, Country::RUS, flow, "0.5"),
        ])
        .unwrap();
        let listed: Vec<_> = data
            .inconsistencies()
            .iter()
            .filter(|i| matches!(i.breakdown, Breakdown::Partners(_)))
            .collect();
        assert_eq!(listed.len(), 1, "{flow}");
        let found = listed[0];
        assert_eq!(found.breakdown, Breakdown::Partners(Area::Country(partner)));
        assert_eq!(
            (found.reporter, found.partner),
            (Country::KAZ.into(), Area::World)
        );
        assert_eq!((found.reported, found.parts), (usd(world), usd(part)));
        assert_eq!(found.flow, flow);
        let reason = invalid(partner_share(&data, Country::KAZ, partner, measure, y()));
        assert!(reason.contains("share above 1"), "{reason}");
        assert!(reason.contains("Breakdown::Partners"), "{reason}");
        assert!(top_partners(&data, Country::KAZ, measure, y(), 3).is_err());
    }
}

#[test]
fn a_world_record_that_merely_differs_from_the_sum_of_partners_is_not_listed() {
    // World 10 against partners 3 + 4 (the partners are not complete) and a partner equal to
    // the World figure: nothing listed, shares as they are.
    let data = TradeData::from_records([
        r(Country::KAZ, Area::World, Flow::Export, "10"),
        r(Country::KAZ, Country::TUR, Flow::Export, "3"),
        r(Country::KAZ, Country::CHN, Flow::Export, "4"),
        r(Country::TUR, Area::World, Flow::Export, "10"),
        r(Country::TUR, Country::KAZ, Flow::Export, "10"),
    ])
    .unwrap();
    assert!(
        data.inconsistencies().is_empty(),
        "{:?}",
        data.inconsistencies()
    );
    let share = partner_share(&data, Country::KAZ, Country::TUR, Measure::Exports, y()).unwrap();
    assert_eq!(share.value(), Decimal::new(3, 1));
    let share = partner_share(&data, Country::TUR, Country::KAZ, Measure::Exports, y()).unwrap();
    assert_eq!(share.value(), Decimal::ONE);
}

#[test]
fn every_indicator_refuses_a_negative_flow_naming_it() {
    // Kazakhstan's exports of chapter 27 to Türkiye are -1 (a correction); everything else is
    // positive. Before the fix partner_share gave -1/(-1 + 9) = -0.125 and trade intensity and
    // RCA computed through; HHI and Grubel-Lloyd refused without naming the figure.
    let data = TradeData::from_records([
        r(Country::KAZ, Country::TUR, Flow::Export, "-1"),
        r(Country::KAZ, Country::CHN, Flow::Export, "9"),
        r(Country::KAZ, Country::TUR, Flow::Import, "2"),
        r(Country::CHN, Country::TUR, Flow::Export, "7"),
    ])
    .unwrap();
    // The figure asked for is named: the total (here the sum of chapter 27 alone) or the
    // chapter itself.
    let named = [
        "Kazakhstan export to Türkiye, ",
        ", 2022 is negative (-1 USD)",
    ];
    let k = Commodity::hs("27").unwrap();
    let cases: Vec<(&str, String)> = vec![
        (
            "partner_share",
            invalid(partner_share(
                &data,
                Country::KAZ,
                Country::TUR,
                Measure::Exports,
                y(),
            )),
        ),
        (
            "partner_share of China (the total has the negative figure)",
            invalid(partner_share(
                &data,
                Country::KAZ,
                Country::CHN,
                Measure::Exports,
                y(),
            )),
        ),
        (
            "trade_intensity",
            invalid(trade_intensity(&data, Country::KAZ, Country::TUR, y())),
        ),
        ("rca", invalid(rca(&data, Country::KAZ, k, y()))),
        (
            "hhi",
            invalid(hhi(
                &data,
                Country::KAZ,
                Measure::Exports,
                Over::Partners,
                y(),
            )),
        ),
        (
            "grubel_lloyd",
            invalid(grubel_lloyd(&data, Country::KAZ, Country::TUR, k, y())),
        ),
        (
            "turnover share",
            invalid(partner_share(
                &data,
                Country::KAZ,
                Country::TUR,
                Measure::Turnover,
                y(),
            )),
        ),
    ];
    for (indicator, reason) in cases {
        assert!(
            reason.contains(named[0]) && reason.contains(named[1]),
            "{indicator}: {reason}"
        );
    }
    // The import side alike.
    let data = TradeData::from_records([
        r(Country::TUR, Country::KAZ, Flow::Import, "-2"),
        r(Country::TUR, Country::CHN, Flow::Import, "9"),
    ])
    .unwrap();
    let reason = invalid(partner_share(
        &data,
        Country::TUR,
        Country::KAZ,
        Measure::Imports,
        y(),
    ));
    assert!(
        reason.contains("Türkiye import from Kazakhstan, TOTAL, 2022 is negative (-2 USD)"),
        "{reason}"
    );
}

#[test]
fn share_values_built_by_hand_follow_the_same_rule() {
    let s = |part: &str, total: &str| Share::new(usd(part), usd(total), TotalSource::Supplied);
    assert!(invalid(s("-1", "10")).contains("negative"));
    assert!(invalid(s("1", "-10")).contains("negative"));
    assert!(invalid(s("5", "1")).contains("share above 1"));
    assert_eq!(s("1", "1").unwrap().value(), Decimal::ONE);
    assert_eq!(s("0", "4").unwrap().value(), Decimal::ZERO);
}
