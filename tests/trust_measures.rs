//! Issue 14, item 2: a measure that needs both flows (turnover) never stands on one; and the
//! last sentence of item 13: `profile` gives the true reason for what it cannot compute.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use tradestat::indicators::{hhi, partner_share, top_partners, top_products, Over};
use tradestat::io::dyadic::{CodeSystem, DyadicReader};
use tradestat::{
    Area, Commodity, Country, Currency, Decimal, Domestic, Error, Flow, Measure, Money, Period,
    Reporting, Scale, TradeData, TradeRecord,
};

fn usd(s: &str) -> Money {
    Money::new(Decimal::from_str_exact(s).unwrap(), Currency::USD)
}

fn yotov(reporting: Reporting) -> TradeData {
    DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .codes(CodeSystem::Alpha3)
        .unit(Scale::Million)
        .reporting(reporting)
        .open("tests/data/yotov_agtpa_trade.csv")
        .unwrap()
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))
        .unwrap()
        .0
}

fn invalid(err: &Error) -> &str {
    match err {
        Error::InvalidArgument { reason } => reason,
        other => panic!("expected InvalidArgument, got {other}"),
    }
}

#[test]
fn turnover_shares_of_a_data_set_of_exports_only_are_refused() {
    // The case: read as the exporters' reports, Türkiye has exports only. Before the
    // fix, top_partners(Turnover) returned the export shares (DEU 0.1594419570560315277719725215).
    let data = yotov(Reporting::Reporter);
    let y = Period::year(2006).unwrap();
    let err = top_partners(&data, Country::TUR, Measure::Turnover, y, 3).unwrap_err();
    let reason = invalid(&err);
    assert!(
        reason.contains("imports") && reason.contains("Türkiye") && reason.contains("turnover"),
        "{reason}"
    );
    let err = partner_share(&data, Country::TUR, Country::DEU, Measure::Turnover, y).unwrap_err();
    assert!(invalid(&err).contains("has no imports in 2006"));
    let err = hhi(&data, Country::TUR, Measure::Turnover, Over::Partners, y).unwrap_err();
    assert!(invalid(&err).contains("one flow alone is not turnover"));
    // Exports alone are still exports.
    let exports = top_partners(&data, Country::TUR, Measure::Exports, y, 1).unwrap();
    assert_eq!(
        exports[0].1.value(),
        Decimal::from_str_exact("0.1594419570560315277719725215").unwrap()
    );
}

#[test]
fn turnover_shares_of_the_one_figure_data_set_are_the_true_ones() {
    let data = yotov(Reporting::Single);
    let y = Period::year(2006).unwrap();
    let top = top_partners(&data, Country::TUR, Measure::Turnover, y, 1).unwrap();
    // (9161.403019790649 + 15549.121329711914) / (57459.17316212522242945 + 84467.60086011206494759):
    // Türkiye's turnover with Germany over its exports plus imports with its 68 partners of
    // 2006 (a Python Decimal sum over the file), rounded half to even at 28 digits.
    assert_eq!(top[0].0, Area::Country(Country::DEU));
    assert_eq!(
        top[0].1.value(),
        Decimal::from_str_exact("0.1741075601819208766748924961").unwrap()
    );
    assert_eq!(top[0].1.part(), usd("24710524349.502563"));
}

/// Kazakhstan reports exports to Türkiye and China and imports from China only.
fn one_way() -> TradeData {
    let y = Period::year(2022).unwrap();
    let r = |b: Country, f: Flow, v: &str, k: &str| {
        TradeRecord::new(Country::KAZ, b, y, f, usd(v)).with_commodity(k.parse().unwrap())
    };
    TradeData::from_records([
        r(Country::TUR, Flow::Export, "30", "27"),
        r(Country::TUR, Flow::Export, "10", "72"),
        r(Country::CHN, Flow::Export, "50", "27"),
        r(Country::CHN, Flow::Import, "20", "85"),
    ])
    .unwrap()
}

#[test]
fn a_flow_the_reporter_reports_elsewhere_counts_as_zero_with_a_partner() {
    // Kazakhstan reports imports (from China), none from Türkiye: its turnover with Türkiye is
    // 40 + 0; with China 50 + 20; in all 110. Shares 40/110 and 70/110.
    let data = one_way();
    let y = Period::year(2022).unwrap();
    let top = top_partners(&data, Country::KAZ, Measure::Turnover, y, 2).unwrap();
    assert_eq!(top[0].0, Area::Country(Country::CHN));
    assert_eq!(top[0].1.part(), usd("70"));
    assert_eq!(top[1].1.part(), usd("40"));
    assert_eq!(top[1].1.total(), usd("110"));
    // Products of the pair: 27 is 30 of 40, 72 is 10 of 40.
    let products =
        top_products(&data, Country::KAZ, Country::TUR, Measure::Turnover, y, 5).unwrap();
    assert_eq!(products[0].1.value(), Decimal::new(75, 2));
    // The mirror case: a side with imports only and no exports anywhere.
    let imports_only = TradeData::from_records([TradeRecord::new(
        Country::TUR,
        Country::KAZ,
        y,
        Flow::Import,
        usd("5"),
    )])
    .unwrap();
    let err = partner_share(
        &imports_only,
        Country::TUR,
        Country::KAZ,
        Measure::Turnover,
        y,
    )
    .unwrap_err();
    assert!(invalid(&err).contains("has no exports in 2022"), "{err}");
    // TradeData::value keeps its rule: turnover only where both flows have a value.
    assert_eq!(
        data.value(
            Country::KAZ,
            Country::TUR,
            Measure::Turnover,
            Commodity::TOTAL,
            y
        )
        .unwrap(),
        None
    );
}

#[test]
fn profile_of_mirror_filled_figures_adds_them_exactly() {
    // Kazakhstan reports exports 5 and imports 3; Türkiye reports nothing. Türkiye's side is
    // mirror-filled: exports 3 / 1.06, imports 5 x 1.06 = 5.30. Before the fix its turnover
    // failed with "overflow in money addition" (2.8301886792452830188679245283 + 5.30 needs 29
    // digits). Turnover is (3 + 5.30 x 1.06) / 1.06 = 8.618 / 1.06, divided once:
    // 8.130188679245283018867924528 (Python Decimal, half to even to the finest Decimal grid:
    // 27 decimals, as 28 would not fit 96 bits).
    let y = Period::year(2021).unwrap();
    let data = TradeData::from_records([
        TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("5")),
        TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Import, usd("3")),
    ])
    .unwrap();
    let profile = data.profile(Country::KAZ, Country::TUR, y).unwrap();
    let row = &profile.second().rows[0];
    assert_eq!(row.imports, Some(usd("5.30")));
    assert_eq!(
        row.turnover.unwrap().amount(),
        Decimal::from_str_exact("8.130188679245283018867924528").unwrap()
    );
    // Balance: (3 - 5.618) / 1.06 = -2.46981132075471698113207547169811..., rounded half to
    // even to the finest Decimal grid (28 decimals here, as Ratio::checked_div).
    assert_eq!(
        row.balance.unwrap().amount(),
        Decimal::from_str_exact("-2.4698113207547169811320754717").unwrap()
    );
    assert_eq!(profile.first().rows[0].turnover, Some(usd("8")));
}

#[test]
fn profile_with_a_negative_export_says_so() {
    // Before the fix: "overflow in money subtraction" (2.8301886792452830188679245283 - -5.30).
    let y = Period::year(2021).unwrap();
    for (a, b) in [(Country::KAZ, Country::TUR), (Country::TUR, Country::KAZ)] {
        let data = TradeData::from_records([
            TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Export, usd("-5")),
            TradeRecord::new(Country::KAZ, Country::TUR, y, Flow::Import, usd("3")),
        ])
        .unwrap();
        let err = data.profile(a, b, y).unwrap_err();
        let reason = invalid(&err);
        assert!(reason.contains("negative"), "{reason}");
        assert!(!reason.contains("overflow"), "{reason}");
    }
}

#[test]
fn profile_never_replaces_a_failed_product_index_by_the_totals_one() {
    // Chapter 72 exports are -2 (a correction), so the pair's product-level Grubel-Lloyd index
    // and top products cannot be computed. Before the fix the profile showed the totals'
    // index instead (exports 8, imports 5: 1 - 3/13) and said the data had no product detail.
    let y = Period::year(2021).unwrap();
    let r = |f: Flow, k: &str, v: &str| {
        TradeRecord::new(Country::KAZ, Country::TUR, y, f, usd(v))
            .with_commodity(k.parse().unwrap())
    };
    let data = TradeData::from_records([
        r(Flow::Export, "27", "10"),
        r(Flow::Export, "72", "-2"),
        r(Flow::Import, "27", "5"),
    ])
    .unwrap();
    let profile = data.profile(Country::KAZ, Country::TUR, y).unwrap();
    assert_eq!(profile.first().grubel_lloyd, None);
    assert!(profile.first().top_exports.is_empty());
    let notes = profile.notes().join("\n");
    assert!(
        notes.contains("Grubel-Lloyd (Kazakhstan with Türkiye): invalid argument: Kazakhstan export to Türkiye, 72, 2021 is negative"),
        "{notes}"
    );
    assert!(notes.contains("top products by exports"), "{notes}");
    assert!(
        !notes.contains("top products (Kazakhstan with Türkiye): not available"),
        "{notes}"
    );
}

mod class {
    use super::*;
    use proptest::prelude::*;

    const PARTNERS: [Country; 4] = [Country::TUR, Country::CHN, Country::RUS, Country::DEU];

    proptest! {
        /// Any records of Kazakhstan's exports and imports with four partners: turnover shares
        /// exist exactly when it reports both flows with someone; then each partner's part is
        /// its exports plus its imports (a flow it lacks with that partner being zero) and the
        /// parts add up to the total. Otherwise the error names the missing flow.
        #[test]
        fn turnover_is_both_flows_or_an_error_naming_the_missing_one(
            cells in proptest::collection::btree_map((0usize..4, any::<bool>()), 1i64..1_000_000, 1..8),
        ) {
            let y = Period::year(2022).unwrap();
            let records: Vec<TradeRecord> = cells
                .iter()
                .map(|(&(p, export), &cents)| {
                    let flow = if export { Flow::Export } else { Flow::Import };
                    TradeRecord::new(Country::KAZ, PARTNERS[p], y, flow, Money::new(Decimal::new(cents, 2), Currency::USD))
                })
                .collect();
            let data = TradeData::from_records(records).unwrap();
            let has = |export: bool| cells.keys().any(|&(_, e)| e == export);
            let result = top_partners(&data, Country::KAZ, Measure::Turnover, y, 4);
            if has(true) && has(false) {
                let shares = result.unwrap();
                let mut sum = Decimal::ZERO;
                for (partner, share) in &shares {
                    let p = PARTNERS.iter().position(|c| Area::Country(*c) == *partner).unwrap();
                    let part: i64 = [true, false].iter().filter_map(|&e| cells.get(&(p, e))).sum();
                    prop_assert_eq!(share.part().amount(), Decimal::new(part, 2));
                    sum += share.part().amount();
                }
                prop_assert_eq!(sum, shares[0].1.total().amount());
            } else {
                let missing = if has(true) { "has no imports" } else { "has no exports" };
                let err = result.unwrap_err();
                prop_assert!(invalid(&err).contains(missing), "{}", err);
            }
        }
    }
}
