//! The indicators on small hand-made data sets, each expected value worked out in a comment.

#![allow(clippy::unwrap_used, clippy::panic)]

use tradestat::indicators::{
    complementarity, diversification, grubel_lloyd, grubel_lloyd_aggregate, hhi, partner_share,
    rca, top_partners, top_products, trade_intensity, Component, Over, TotalSource, WorldBasis,
};
use tradestat::{
    Area, Commodity, Country, Decimal, Flow, Group, Measure, Money, Period, TradeData, TradeRecord,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn usd(v: i64) -> Money {
    Money::new(Decimal::from(v), tradestat::Currency::USD)
}

fn y() -> Period {
    Period::year(2022).unwrap()
}

fn rec(r: Country, p: impl Into<Area>, flow: Flow, v: i64) -> TradeRecord {
    TradeRecord::new(r, p, y(), flow, usd(v))
}

fn hs(code: &str) -> Commodity {
    Commodity::hs(code).unwrap()
}

/// Four reporters, totals only, plus Kazakhstan-Türkiye by HS chapter.
///
/// | exports of | to KAZ | to TUR | to CHN | to RUS | World record | total X |
/// | KAZ        |        | 30     | 90     | 80     |              | 200 (sum of partners) |
/// | TUR        | 20     |        | 100    | 80     |              | 200 |
/// | CHN        | 50     | 150    |        | 300    |              | 500 |
/// | RUS        | 40     | 60     |        |        | 150          | 150 (World record) |
///
/// KAZ imports: TUR 10, CHN 60, RUS 30. KAZ-TUR by chapter: exports 27: 20, 72: 10; imports
/// 72: 4, 84: 6.
fn data() -> TradeData {
    const CHN: Country = Country::CHN;
    const KAZ: Country = Country::KAZ;
    const RUS: Country = Country::RUS;
    const TUR: Country = Country::TUR;
    let x = Flow::Export;
    let m = Flow::Import;
    let with = |r: TradeRecord, code: &str| r.with_commodity(hs(code));
    TradeData::from_records([
        rec(KAZ, TUR, x, 30),
        rec(KAZ, CHN, x, 90),
        rec(KAZ, RUS, x, 80),
        rec(KAZ, TUR, m, 10),
        rec(KAZ, CHN, m, 60),
        rec(KAZ, RUS, m, 30),
        rec(TUR, KAZ, x, 20),
        rec(TUR, CHN, x, 100),
        rec(TUR, RUS, x, 80),
        rec(CHN, KAZ, x, 50),
        rec(CHN, TUR, x, 150),
        rec(CHN, RUS, x, 300),
        rec(RUS, KAZ, x, 40),
        rec(RUS, TUR, x, 60),
        rec(RUS, Area::World, x, 150),
        with(rec(KAZ, TUR, x, 20), "27"),
        with(rec(KAZ, TUR, x, 10), "72"),
        with(rec(KAZ, TUR, m, 4), "72"),
        with(rec(KAZ, TUR, m, 6), "84"),
    ])
    .unwrap()
}

#[test]
fn partner_shares_and_their_totals() {
    let data = data();
    // 30 / (30 + 90 + 80) = 0.15, the total summed over partners.
    let s = partner_share(&data, Country::KAZ, Country::TUR, Measure::Exports, y()).unwrap();
    assert_eq!(s.value(), d("0.15"));
    assert_eq!(s.source(), TotalSource::SumOfPartners);
    assert_eq!((s.part(), s.total()), (usd(30), usd(200)));
    // Russia reported its World total, 150: 60 / 150 = 0.4.
    let s = partner_share(&data, Country::RUS, Country::TUR, Measure::Exports, y()).unwrap();
    assert_eq!(
        (s.value(), s.source()),
        (d("0.4"), TotalSource::WorldRecord)
    );
    // Turnover: (30 + 10) / (200 + 100) = 0.1333...
    let s = partner_share(&data, Country::KAZ, Country::TUR, Measure::Turnover, y()).unwrap();
    assert_eq!(s.value(), d("0.1333333333333333333333333333"));
    // A group: the EAEU's members in 2022 other than Kazakhstan: of them only Russia, 80 / 200.
    let eaeu: Group = "EAEU".parse().unwrap();
    let s = partner_share(&data, Country::KAZ, &eaeu, Measure::Exports, y()).unwrap();
    assert_eq!(s.value(), d("0.4"));
    // Missing: Türkiye reported no imports from Russia.
    assert!(partner_share(&data, Country::TUR, Country::RUS, Measure::Imports, y()).is_err());
}

#[test]
fn top_partners_largest_first() {
    let top = top_partners(&data(), Country::KAZ, Measure::Exports, y(), 2).unwrap();
    let got: Vec<(Area, Decimal)> = top.iter().map(|(a, s)| (*a, s.value())).collect();
    // 90 / 200 = 0.45 and 80 / 200 = 0.4.
    assert_eq!(
        got,
        vec![
            (Country::CHN.into(), d("0.45")),
            (Country::RUS.into(), d("0.4"))
        ]
    );
    // Asking for more than there are gives them all; the World record is not a partner.
    assert_eq!(
        top_partners(&data(), Country::RUS, Measure::Exports, y(), 1000)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn intensity_against_the_reporters_world() {
    let data = data();
    // X_w = 200 + 200 + 500 + 150 = 1050; world exports to TUR = 30 + 150 + 60 = 240.
    // T = (30 / 200) / (240 / 1050) = (30 * 1050) / (200 * 240) = 31500 / 48000 = 0.65625.
    let t = trade_intensity(&data, Country::KAZ, Country::TUR, y()).unwrap();
    assert_eq!(t.value(), d("0.65625"));
    assert_eq!(
        (t.reference().part(), t.reference().total()),
        (usd(240), usd(1050))
    );
    match t.world() {
        WorldBasis::Reporters(r) => assert_eq!(r.len(), 4),
        other => panic!("{other:?}"),
    }
}

#[test]
fn concentration_over_partners() {
    // (30^2 + 90^2 + 80^2) / 200^2 = 15400 / 40000 = 0.385; normalized (3 * 0.385 - 1) / 2 = 0.0775.
    let h = hhi(&data(), Country::KAZ, Measure::Exports, Over::Partners, y()).unwrap();
    assert_eq!(h.value(), d("0.385"));
    assert_eq!(h.count(), 3);
    assert_eq!(h.normalized().unwrap().value(), d("0.0775"));
    assert!(h
        .components()
        .contains(&(Component::Partner(Country::TUR.into()), usd(30))));
    // One partner only (Russia's World record does not count): normalized is undefined.
    let one = TradeData::from_records([rec(Country::KAZ, Country::TUR, Flow::Export, 5)]).unwrap();
    let h = hhi(&one, Country::KAZ, Measure::Exports, Over::Partners, y()).unwrap();
    assert_eq!(h.value(), Decimal::ONE);
    assert!(h.normalized().is_err());
}

#[test]
fn grubel_lloyd_per_product_and_aggregate() {
    let data = data();
    // Totals: 1 - |30 - 10| / 40 = 0.5.
    let gl = grubel_lloyd(&data, Country::KAZ, Country::TUR, Commodity::TOTAL, y()).unwrap();
    assert_eq!(gl.value(), d("0.5"));
    // Chapter 72: 1 - |10 - 4| / 14 = 8/14.
    let gl = grubel_lloyd(&data, Country::KAZ, Country::TUR, hs("72"), y()).unwrap();
    assert_eq!(gl.value(), d("0.5714285714285714285714285714"));
    // Chapter 27: exports 20, no import record though imports were reported: 0.
    let gl = grubel_lloyd(&data, Country::KAZ, Country::TUR, hs("27"), y()).unwrap();
    assert_eq!(gl.value(), Decimal::ZERO);
    // Aggregate over 27 (20, 0), 72 (10, 4), 84 (0, 6): 1 - (20 + 6 + 6) / (20 + 14 + 6) = 0.2.
    let gl = grubel_lloyd_aggregate(&data, Country::KAZ, Country::TUR, y()).unwrap();
    assert_eq!((gl.value(), gl.products()), (d("0.2"), 3));
    // No products for Kazakhstan-China; no imports reported by Türkiye at all.
    assert!(grubel_lloyd_aggregate(&data, Country::KAZ, Country::CHN, y()).is_err());
    assert!(grubel_lloyd(&data, Country::TUR, Country::KAZ, Commodity::TOTAL, y()).is_err());
}

#[test]
fn top_products_of_a_pair() {
    let top = top_products(
        &data(),
        Country::KAZ,
        Country::TUR,
        Measure::Exports,
        y(),
        5,
    )
    .unwrap();
    let got: Vec<(Commodity, Decimal)> = top.iter().map(|(k, s)| (*k, s.value())).collect();
    // 20 / 30 and 10 / 30.
    assert_eq!(
        got,
        vec![
            (hs("27"), d("0.6666666666666666666666666667")),
            (hs("72"), d("0.3333333333333333333333333333"))
        ]
    );
    assert!(top_products(
        &data(),
        Country::KAZ,
        Country::CHN,
        Measure::Exports,
        y(),
        5
    )
    .is_err());
}

/// Exports to the World by SITC product, as in the 1998-2000 world export data:
///
/// | exporter | 0011 | 0012 | total |
/// | A = DEU  | 60   | 40   | 100   |
/// | B = FRA  | 10   | 90   | 100   |
/// | C = ITA  | 30   | 70   | 100   |
/// | world    | 100  | 200  | 300   |
///
/// and ESP's imports from the World: 50 and 50.
fn products() -> TradeData {
    let sitc = |c: &str| Commodity::sitc(c).unwrap();
    let row = |r: Country, flow: Flow, code: &str, v: i64| {
        rec(r, Area::World, flow, v).with_commodity(sitc(code))
    };
    TradeData::from_records([
        row(Country::DEU, Flow::Export, "0011", 60),
        row(Country::DEU, Flow::Export, "0012", 40),
        row(Country::FRA, Flow::Export, "0011", 10),
        row(Country::FRA, Flow::Export, "0012", 90),
        row(Country::ITA, Flow::Export, "0011", 30),
        row(Country::ITA, Flow::Export, "0012", 70),
        row(Country::ESP, Flow::Import, "0011", 50),
        row(Country::ESP, Flow::Import, "0012", 50),
    ])
    .unwrap()
}

#[test]
fn revealed_comparative_advantage() {
    let data = products();
    let k = Commodity::sitc("0011").unwrap();
    // (60 / 100) / (100 / 300) = 1.8.
    assert_eq!(rca(&data, Country::DEU, k, y()).unwrap().value(), d("1.8"));
    // (90 / 100) / (200 / 300) = 1.35.
    let k2 = Commodity::sitc("0012").unwrap();
    assert_eq!(
        rca(&data, Country::FRA, k2, y()).unwrap().value(),
        d("1.35")
    );
    // A product nobody exported is undefined.
    assert!(rca(&data, Country::DEU, Commodity::sitc("0013").unwrap(), y()).is_err());
}

#[test]
fn structures() {
    let data = products();
    // DEU: 0.6, 0.4 against the world's 1/3, 2/3: (4/15 + 4/15) / 2 = 4/15.
    let dx = diversification(&data, Country::DEU, y()).unwrap();
    assert_eq!(dx.value(), d("0.2666666666666666666666666667"));
    // DEU's exports 0.6, 0.4 against ESP's imports 0.5, 0.5: 100 (1 - 0.2 / 2) = 90.
    let tc = complementarity(&data, Country::DEU, Country::ESP, y()).unwrap();
    assert_eq!(tc.value(), d("90"));
    // Over products: 0.6^2 + 0.4^2 = 0.52.
    let h = hhi(&data, Country::DEU, Measure::Exports, Over::Products, y()).unwrap();
    assert_eq!(h.value(), d("0.52"));
    // Totals only: no product detail.
    assert!(diversification(&super_totals(), Country::KAZ, y()).is_err());
}

fn super_totals() -> TradeData {
    TradeData::from_records([rec(Country::KAZ, Country::TUR, Flow::Export, 5)]).unwrap()
}

#[test]
fn profile_of_a_pair() {
    let data = data();
    let p = data.profile(Country::KAZ, Country::TUR, y()).unwrap();
    let kaz = p.first();
    assert_eq!(kaz.rows.len(), 1);
    let row = &kaz.rows[0];
    // Kazakhstan's own reports: exports 30, imports 10.
    assert_eq!(
        (row.exports, row.imports, row.turnover, row.balance),
        (Some(usd(30)), Some(usd(10)), Some(usd(40)), Some(usd(20)))
    );
    // Türkiye reported exports to Kazakhstan (20) but no imports: its imports are Kazakhstan's
    // exports mirrored, 30 FOB * 1.06 = 31.8 CIF.
    let tur = &p.second().rows[0];
    assert_eq!(
        (tur.exports, tur.imports),
        (
            Some(usd(20)),
            Some(Money::new(d("31.8"), tradestat::Currency::USD))
        )
    );
    // Both reported Türkiye-to-Kazakhstan trade: Kazakhstan's imports 10 against Türkiye's exports 20.
    assert_eq!(p.imports_mirror().len(), 1);
    assert_eq!(
        (p.imports_mirror()[0].reported, p.imports_mirror()[0].mirror),
        (usd(10), usd(20))
    );
    assert!(p.exports_mirror().is_empty());
    assert_eq!(kaz.grubel_lloyd.as_ref().unwrap().value(), d("0.2"));
    assert_eq!(kaz.top_exports.len(), 2);
    let text = p.to_string();
    assert!(text.contains("Kazakhstan's trade with Türkiye"), "{text}");
    assert!(text.contains("values in USD"), "{text}");
    // The top products carry their HS 2022 names, cut to end with the period table (82
    // characters): chapter 27's name has 100 characters, so 40 of them and an ellipsis.
    let products: Vec<&str> = text
        .lines()
        .filter(|l| l.starts_with("    27 ") || l.starts_with("    72 "))
        .collect();
    assert_eq!(
        products[..2],
        [
            "    27                   20.00   66.67%  Mineral fuels, mineral oils and products…",
            "    72                   10.00   33.33%  Iron and steel",
        ],
        "{text}"
    );
    assert_eq!(products[0].chars().count(), 82);
    println!("{text}");
}
