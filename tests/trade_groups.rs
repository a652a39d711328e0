//! Group aggregates: a group's trade counts, in each period, only that period's members (on the
//! period's last day), and a flow between two members is not the group's trade with itself.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rust_decimal_macros::dec;
use tradestat::{
    Country, Currency, Decimal, Error, Flow, Group, Money, Period, Perspective, Series, TradeData,
    TradeRecord,
};

fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn export(from: Country, to: Country, period: &str, amount: Decimal) -> TradeRecord {
    TradeRecord::new(from, to, p(period), Flow::Export, usd(amount))
}

fn points(series: &Series) -> Vec<(String, Decimal)> {
    series
        .iter()
        .map(|(p, m)| (p.to_string(), m.amount()))
        .collect()
}

fn eu() -> Group {
    "EU".parse().unwrap()
}

#[test]
fn croatia_counts_from_2013() {
    let (hrv, svn, tur) = (Country::HRV, Country::SVN, Country::TUR);
    let data = TradeData::from_records([
        export(hrv, tur, "2012", dec!(10)),
        export(hrv, tur, "2013", dec!(10)),
        export(svn, tur, "2012", dec!(20)),
        export(svn, tur, "2013", dec!(20)),
        export(hrv, svn, "2012", dec!(5)),
        export(hrv, svn, "2013", dec!(5)),
        export(svn, hrv, "2012", dec!(6)),
        export(svn, hrv, "2013", dec!(6)),
    ])
    .unwrap();
    // EU exports to Türkiye: 2012 Slovenia's 20 only; 2013 20 + Croatia's 10 = 30.
    let eu_tur = data.bilateral(eu(), tur).unwrap();
    assert_eq!(
        points(&eu_tur.exports(Perspective::Reporter).unwrap()),
        [("2012".into(), dec!(20)), ("2013".into(), dec!(30))]
    );
    // The EU's exports to Croatia: Slovenia's 6 in 2012; in 2013 Croatia is a member, so none.
    let eu_hrv = data.bilateral(eu(), hrv).unwrap();
    assert_eq!(
        points(&eu_hrv.exports(Perspective::Reporter).unwrap()),
        [("2012".into(), dec!(6))]
    );
    // Croatia's exports to the EU: 5 to Slovenia in 2012, none in 2013.
    let hrv_eu = data.bilateral(hrv, eu()).unwrap();
    assert_eq!(
        points(&hrv_eu.exports(Perspective::Reporter).unwrap()),
        [("2012".into(), dec!(5))]
    );
    // Intra-EU trade: 2013 only, 5 + 6 = 11 (in 2012 Croatia was outside).
    let intra = data.intra_group(eu()).unwrap();
    assert_eq!(
        points(&intra.exports(Perspective::Reporter).unwrap()),
        [("2013".into(), dec!(11))]
    );
    // The EU with itself is not bilateral trade.
    assert!(matches!(
        data.bilateral(eu(), eu()),
        Err(Error::InvalidArgument { .. })
    ));
}

#[test]
fn croatia_by_quarter_and_the_united_kingdom_by_month() {
    let (hrv, svn, gbr, deu, tur) = (
        Country::HRV,
        Country::SVN,
        Country::GBR,
        Country::DEU,
        Country::TUR,
    );
    let data = TradeData::from_records([
        export(hrv, tur, "2013-Q2", dec!(1)),
        export(hrv, tur, "2013-Q3", dec!(2)),
        export(svn, tur, "2013-Q2", dec!(3)),
        export(svn, tur, "2013-Q3", dec!(3)),
    ])
    .unwrap();
    // Croatia joined on 2013-07-01: a member on the last day of Q3, not of Q2.
    let eu_tur = data.bilateral(eu(), tur).unwrap();
    assert_eq!(
        points(&eu_tur.exports(Perspective::Reporter).unwrap()),
        [("2013-Q2".into(), dec!(3)), ("2013-Q3".into(), dec!(5))]
    );
    let data = TradeData::from_records([
        export(gbr, tur, "2020-01", dec!(7)),
        export(gbr, tur, "2020-02", dec!(8)),
        export(deu, tur, "2020-01", dec!(1)),
        export(deu, tur, "2020-02", dec!(1)),
    ])
    .unwrap();
    // The United Kingdom left after 2020-01-31: in January's figure, not February's.
    let eu_tur = data.bilateral(eu(), tur).unwrap();
    assert_eq!(
        points(&eu_tur.exports(Perspective::Reporter).unwrap()),
        [("2020-01".into(), dec!(8)), ("2020-02".into(), dec!(1))]
    );
}

#[test]
fn group_with_group_and_mirror_figures() {
    // OTS (Kazakhstan, Türkiye, ...) with the EU (Germany): Kazakhstan's and Türkiye's exports to
    // Germany, and Germany's imports from them as the mirror.
    let (kaz, tur, deu) = (Country::KAZ, Country::TUR, Country::DEU);
    let data = TradeData::from_records([
        export(kaz, deu, "2022", dec!(100)),
        export(tur, deu, "2022", dec!(200)),
        TradeRecord::new(deu, kaz, p("2022"), Flow::Import, usd(dec!(106))),
        TradeRecord::new(deu, tur, p("2022"), Flow::Import, usd(dec!(212))),
        export(kaz, tur, "2022", dec!(50)), // inside the OTS: not OTS-EU trade
    ])
    .unwrap();
    let ots: Group = "OTS".parse().unwrap();
    let pair = data.bilateral(&ots, eu()).unwrap();
    assert_eq!(
        points(&pair.exports(Perspective::Reporter).unwrap()),
        [("2022".into(), dec!(300))]
    );
    // (106 + 212) / 1.06 = 100 + 200 = 300.
    assert_eq!(
        points(&pair.exports(Perspective::Partner).unwrap()),
        [("2022".into(), dec!(300))]
    );
    let intra = data.intra_group(&ots).unwrap();
    assert_eq!(
        points(&intra.exports(Perspective::Reporter).unwrap()),
        [("2022".into(), dec!(50))]
    );
    let asymmetry = pair.asymmetry(tradestat::Measure::Exports).unwrap();
    assert_eq!(asymmetry[0].difference().unwrap(), usd(dec!(18))); // 318 - 300
}
