//! Indicators on real data sets, against an independent computation with Python's `decimal` at
//! 80 digits, rounded half to even to the finest `Decimal` grid:
//!
//! - `gravity_cross_section.csv` (CEPII gravity, one unstated year, millions of USD): shares,
//!   trade intensity and concentration over partners, the world being all reporters;
//! - `world_exports_sitc_1998_2000.csv` (exports to the world by SITC rev. 2 product, 1998-2000
//!   averages, US dollars): revealed comparative advantage.
//!
//! The Python computation is in `tools/indicator_reference.py`.

#![allow(clippy::unwrap_used, clippy::panic)]

use tradestat::indicators::{
    hhi, partner_share, rca_with, trade_intensity_with, Over, TotalSource, World,
};
use tradestat::io::dyadic::DyadicReader;
use tradestat::{
    Area, Classification, Commodity, Country, Decimal, Measure, Period, Scale, TradeData,
};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn data_file(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

/// The year is not stated by the source: the caller names one, here 2000.
fn gravity() -> TradeData {
    let (data, report) = DyadicReader::new("iso_o", "iso_d", "flow")
        .period(Period::year(2000).unwrap())
        .unit(Scale::Million)
        .open(data_file("gravity_cross_section.csv"))
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    assert_eq!(report.rejected(), 0);
    data
}

fn country(code: &str) -> Country {
    code.parse().unwrap()
}

#[test]
fn gravity_shares_and_intensity() {
    let data = gravity();
    let year = Period::year(2000).unwrap();
    let world = World::from_data(&data, year).unwrap();
    for (a, b, share, intensity) in [
        (
            "KAZ",
            "TUR",
            "0.0330184385263605214306992749",
            "2.7928461449447338007293710881",
        ),
        (
            "TUR",
            "KAZ",
            "0.0091537345669835795691955127",
            "4.1568674753461351681714636077",
        ),
        (
            "DEU",
            "FRA",
            "0.0983660369699408264577957859",
            "1.989787478663543052789751715",
        ),
        (
            "USA",
            "CHN",
            "0.0559489077411262726823007384",
            "0.8884966563174755543290382391",
        ),
    ] {
        let (a, b) = (country(a), country(b));
        let s = partner_share(&data, a, b, Measure::Exports, year).unwrap();
        assert_eq!(s.value(), d(share), "{a} {b}");
        assert_eq!(s.source(), TotalSource::SumOfPartners);
        assert_eq!(
            trade_intensity_with(&data, &world, a, b).unwrap().value(),
            d(intensity),
            "{a} {b}"
        );
    }
}

#[test]
fn gravity_concentration_over_partners() {
    let data = gravity();
    let year = Period::year(2000).unwrap();
    for (a, h, n, normalized) in [
        (
            "KAZ",
            "0.0798532380174358772474640128",
            95,
            "0.070064442677195833388394481",
        ),
        (
            "TUR",
            "0.0515267591609648456746424558",
            161,
            "0.0455988014057208759601089712",
        ),
    ] {
        let index = hhi(&data, country(a), Measure::Exports, Over::Partners, year).unwrap();
        assert_eq!((index.value(), index.count()), (d(h), n), "{a}");
        assert_eq!(index.normalized().unwrap().value(), d(normalized), "{a}");
        // Between 1/N and 1; normalized between 0 and 1.
        let n = Decimal::from(index.count());
        assert!(index.value() >= Decimal::ONE / n && index.value() <= Decimal::ONE);
    }
}

#[test]
fn sitc_revealed_comparative_advantage() {
    let (data, _) = DyadicReader::to_partner("country", Area::World, "value")
        .period(Period::year(2000).unwrap())
        .commodity_column("product", Classification::Sitc)
        .open(data_file("world_exports_sitc_1998_2000.csv"))
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    let year = Period::year(2000).unwrap();
    let world = World::from_data(&data, year).unwrap();
    for (c, k, expected) in [
        ("KAZ", "6821", "7.6533722021931285054035080215"),
        ("TUR", "8451", "5.9608369202715083371645771787"),
        // `rom`, Romania's old code, maps to ROU.
        ("ROU", "8423", "4.8351496473381083909694644091"),
        ("DEU", "7810", "4.0728179217930765626884678137"),
        ("KAZ", "3221", "48.217427653830173375733387702"),
    ] {
        let k = Commodity::sitc(k).unwrap();
        let r = rca_with(&data, &world, country(c), k).unwrap();
        assert_eq!(r.value(), d(expected), "{c} {k}");
        assert_eq!(r.share().source(), TotalSource::WorldRecord);
    }
}
