//! The batch tables (`rca_table`, `shares_table`, `intensity_table`, `hhi_table`) against the
//! per-pair functions, cell by cell, on the project's real data: every country and product of
//! `world_exports_sitc_1998_2000.csv`, every exporter, partner and year of
//! `yotov_agtpa_trade.csv`. The per-pair functions are checked against an independent Python
//! computation in `indicators_data.rs`; here the tables must give the same digits and the same
//! rows.

#![allow(clippy::unwrap_used, clippy::panic)]

use tradestat::indicators::{
    hhi, hhi_table, intensity_table, partner_share, rca_table, rca_with, shares_table,
    trade_intensity_with, Over, World,
};
use tradestat::io::dyadic::DyadicReader;
use tradestat::{
    Area, Classification, Commodity, Country, Decimal, Domestic, Measure, Period, Scale, TradeData,
};

fn data_file(name: &str) -> String {
    format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn sitc() -> TradeData {
    let (data, report) = DyadicReader::to_partner("country", Area::World, "value")
        .period(Period::year(2000).unwrap())
        .commodity_column("product", Classification::Sitc)
        .open(data_file("world_exports_sitc_1998_2000.csv"))
        .unwrap()
        .into_trade_data(TradeData::builder())
        .unwrap();
    assert_eq!(report.rejected(), 0);
    data
}

fn yotov() -> TradeData {
    let (data, report) = DyadicReader::new("exporter", "importer", "trade")
        .period_column("year")
        .unit(Scale::Million)
        .open(data_file("yotov_agtpa_trade.csv"))
        .unwrap()
        .into_trade_data(TradeData::builder().domestic(Domestic::Keep))
        .unwrap();
    assert_eq!(report.rejected(), 0);
    data
}

#[test]
fn rca_table_is_rca_with_cell_by_cell_on_sitc() {
    let data = sitc();
    let year = Period::year(2000).unwrap();
    let table = rca_table(&data, year).unwrap();
    let world = World::from_data(&data, year).unwrap();
    let products: Vec<Commodity> = world.by_product().map(|(k, _)| k).collect();
    let reporters: Vec<Area> = data
        .reporters()
        .into_iter()
        .filter(|r| !r.is_aggregate())
        .collect();
    // Every reporter has exports, so the table is the full grid, country by country.
    assert_eq!(table.len(), reporters.len() * products.len());
    let mut zeros = 0;
    for (i, row) in table.iter().enumerate() {
        assert_eq!(row.country, reporters[i / products.len()]);
        assert_eq!(row.product, products[i % products.len()]);
        let r = rca_with(&data, &world, row.country, row.product).unwrap();
        assert_eq!(row.rca, r.ratio(), "{} {}", row.country, row.product);
        assert_eq!(row.exports, r.share().part());
        zeros += usize::from(row.rca.value().is_zero());
    }
    // Not every country exports every product: the grid has zeros, as rca gives them.
    assert!(zeros > 0);
    // A value checked against Python's decimal in indicators_data.rs.
    let kaz = table
        .iter()
        .find(|r| {
            r.country == Area::from(Country::KAZ) && r.product == Commodity::sitc("6821").unwrap()
        })
        .unwrap();
    assert_eq!(
        kaz.rca.value(),
        Decimal::from_str_exact("7.6533722021931285054035080215").unwrap()
    );
}

#[test]
fn yotov_tables_are_the_per_pair_functions_cell_by_cell_every_year() {
    let data = yotov();
    let years: Vec<Period> = data.periods().to_vec();
    assert_eq!(years.len(), 21);
    let mut cells = 0;
    for &year in &years {
        let world = World::from_data(&data, year).unwrap();
        let shares = shares_table(&data, Measure::Exports, year).unwrap();
        let intensities = intensity_table(&data, year).unwrap();
        // Every exporter reports every partner in every year: the same pairs in both tables.
        assert_eq!(shares.len(), intensities.len());
        for (s, t) in shares.iter().zip(&intensities) {
            assert_eq!((s.reporter, s.partner), (t.reporter, t.partner));
            let share =
                partner_share(&data, s.reporter, s.partner, Measure::Exports, year).unwrap();
            assert_eq!(s.share, share, "{} {} {year}", s.reporter, s.partner);
            let intensity = trade_intensity_with(&data, &world, t.reporter, t.partner).unwrap();
            assert_eq!(
                t.intensity,
                intensity.ratio(),
                "{} {} {year}",
                t.reporter,
                t.partner
            );
            assert_eq!(t.exports, intensity.share().part());
            cells += 1;
        }
        let hhis = hhi_table(&data, Measure::Exports, Over::Partners, year).unwrap();
        assert!(!hhis.is_empty());
        for row in &hhis {
            assert_eq!(
                row.hhi,
                hhi(&data, row.reporter, Measure::Exports, Over::Partners, year).unwrap()
            );
        }
    }
    // 69 exporters x 68 partners x 21 years, domestic flows apart (the file's 99,981 rows less
    // its 69 x 21 domestic ones).
    assert_eq!(cells, 99_981 - 69 * 21);
}

#[test]
fn sitc_hhi_over_products_table_is_hhi_per_country() {
    let data = sitc();
    let year = Period::year(2000).unwrap();
    let rows = hhi_table(&data, Measure::Exports, Over::Products, year).unwrap();
    // Every reporter but the aggregate areas ("n.e.s.") has a row.
    let reporters = data.reporters().into_iter().filter(|r| !r.is_aggregate());
    assert_eq!(rows.len(), reporters.count());
    assert_eq!(rows.len(), 226);
    for row in &rows {
        let h = hhi(&data, row.reporter, Measure::Exports, Over::Products, year).unwrap();
        assert_eq!(row.hhi, h, "{}", row.reporter);
    }
}

/// A data set told of a rejected row: Kazakhstan's 2016 TOTAL exports to Türkiye (line 2) did
/// not read, its chapters did (`trust_rejected.rs` has the whole case). The cached totals and
/// the tables refuse the figure as the per-pair functions do, every time it is asked: a cache is
/// no way around the rule.
#[test]
fn caches_and_tables_keep_refusing_a_rejected_total() {
    use tradestat::io::tidy::TidyReader;
    use tradestat::io::{Mode, RejectedKey};
    use tradestat::{Error, Flow};
    const FILE: &str = "reporter,partner,period,flow,value,currency,classification,commodity\n\
KAZ,TUR,2016,X,12O000,USD,,TOTAL\n\
KAZ,TUR,2016,X,100000,USD,HS,27\n\
KAZ,TUR,2016,X,37000,USD,HS,72\n\
KAZ,TUR,2016,M,88000,USD,,TOTAL\n";
    let y = Period::year(2016).unwrap();
    let mut reader = TidyReader::new()
        .mode(Mode::Lenient)
        .records(FILE.as_bytes())
        .unwrap();
    let records: Vec<_> = reader.by_ref().map(Result::unwrap).collect();
    let key = RejectedKey {
        line: 2,
        reporter: Some(Country::KAZ.into()),
        partner: Some(Country::TUR.into()),
        period: Some(y),
        flow: Some(Flow::Export),
        commodity: Some(Commodity::TOTAL),
    };
    let data = TradeData::builder()
        .rejected_keys([key])
        .build(records.clone())
        .unwrap();
    let line_2 =
        |e: &Error| matches!(e, Error::InvalidArgument { reason } if reason.contains("line 2"));
    for _ in 0..2 {
        for measure in [Measure::Exports, Measure::Turnover] {
            let e = partner_share(&data, Country::KAZ, Country::TUR, measure, y).unwrap_err();
            assert!(line_2(&e), "{measure}: {e}");
            let e = shares_table(&data, measure, y).unwrap_err();
            assert!(line_2(&e), "table {measure}: {e}");
        }
        let e = World::from_data(&data, y).unwrap_err();
        assert!(line_2(&e), "world: {e}");
        let e = intensity_table(&data, y).unwrap_err();
        assert!(line_2(&e), "intensity table: {e}");
        // Imports have a row of their own: 88,000 of 88,000.
        let imports = shares_table(&data, Measure::Imports, y).unwrap();
        assert_eq!(imports.len(), 1);
        assert_eq!(imports[0].share.value(), Decimal::ONE);
    }
    // The mirror case: unaware of the rejected row, the sums of chapters are the figures
    // (137,000 exports), and the tables give them.
    let unaware = TradeData::from_records(records).unwrap();
    let exports = shares_table(&unaware, Measure::Exports, y).unwrap();
    assert_eq!(exports[0].share.total().amount(), Decimal::from(137_000));
}

/// Where a check refuses a cell, the tables refuse it as the per-pair functions do: a World
/// record smaller than one partner's figure (a share above 1), and its mirror, a negative flow.
#[test]
fn tables_refuse_what_the_per_pair_functions_refuse() {
    use tradestat::{Currency, Error, Flow, Money, TradeRecord};
    let y = Period::year(2022).unwrap();
    let usd = |v: i64| Money::new(Decimal::from(v), Currency::USD);
    let x = |a: Country, b: Area, v: i64| TradeRecord::new(a, b, y, Flow::Export, usd(v));
    let base = [
        x(Country::TUR, Country::DEU.into(), 50),
        x(Country::DEU, Country::TUR.into(), 30),
        x(Country::DEU, Country::FRA.into(), 70),
    ];
    // Kazakhstan's World record (10) is below its exports to Türkiye (40).
    let mut above = base.to_vec();
    above.push(x(Country::KAZ, Area::World, 10));
    above.push(x(Country::KAZ, Country::TUR.into(), 40));
    let data = TradeData::from_records(above).unwrap();
    let per_pair =
        partner_share(&data, Country::KAZ, Country::TUR, Measure::Exports, y).unwrap_err();
    let table = shares_table(&data, Measure::Exports, y).unwrap_err();
    assert_eq!(table, per_pair);
    assert!(
        matches!(&table, Error::InvalidArgument { reason } if reason.contains("share above 1")),
        "{table}"
    );
    let world = World::from_data(&data, y).unwrap();
    let per_pair = trade_intensity_with(&data, &world, Country::KAZ, Country::TUR).unwrap_err();
    assert_eq!(intensity_table(&data, y).unwrap_err(), per_pair);
    // Without Kazakhstan, every cell is defined: DEU's share in TUR's exports is 50 / 50 = 1,
    // TUR's in DEU's 30 / 100 = 0.3.
    let fine = TradeData::from_records(base).unwrap();
    let shares = shares_table(&fine, Measure::Exports, y).unwrap();
    let values: Vec<_> = shares.iter().map(|r| r.share.value().to_string()).collect();
    assert_eq!(values, ["0.7", "0.3", "1"]);
    // A negative flow: refused in a table as in the per-pair function, naming the figure.
    let negative = TradeData::from_records([
        x(Country::TUR, Country::DEU.into(), 50),
        x(Country::DEU, Country::TUR.into(), -30),
        x(Country::DEU, Country::FRA.into(), 70),
    ])
    .unwrap();
    let per_pair =
        partner_share(&negative, Country::DEU, Country::TUR, Measure::Exports, y).unwrap_err();
    assert_eq!(
        shares_table(&negative, Measure::Exports, y).unwrap_err(),
        per_pair
    );
    assert!(per_pair.to_string().contains("negative"), "{per_pair}");
}

/// The caches are filled from several threads at once (the data set is `Sync`): every thread
/// gets the figures one thread alone gets, and a clone (empty cache) gets them again.
#[test]
fn threads_share_one_cache_and_agree() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<TradeData>();
    let data = sitc();
    let year = Period::year(2000).unwrap();
    let alone = rca_table(&data.clone(), year).unwrap();
    let fresh = data.clone();
    let results: Vec<_> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|_| s.spawn(|| rca_table(&fresh, year).unwrap()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    for table in results {
        assert_eq!(table, alone);
    }
}
