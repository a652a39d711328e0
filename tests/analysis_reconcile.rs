//! Reconciled mirror flows (issue 20): reliabilities from the absolute log mirror ratios of a
//! hand-made world, the reconciled perspective, and a simple CIF/FOB estimate; with the
//! property that a pair whose two reports agree after the CIF/FOB conversion is reconciled to
//! that figure whatever the weights.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::reliability::{cif_fob_estimate, MIN_PAIRS};
use tradestat::{
    Country, Currency, Decimal, Error, Flow, Money, Period, Perspective, Reliability, TradeData,
    TradeRecord,
};

fn d(s: &str) -> Decimal {
    s.parse().unwrap()
}

fn usd(v: Decimal) -> Money {
    Money::new(v, Currency::USD)
}

fn y() -> Period {
    Period::year(2022).unwrap()
}

const COUNTRIES: [Country; 4] = [Country::KAZ, Country::TUR, Country::DEU, Country::FRA];

/// The hand-made world: every ordered pair of KAZ, TUR, DEU, FRA; each exporter reports 1000 USD,
/// each importer 1000 x exp(±(e_i + m_j)) with exporter effects e = 0.4, 0.2, 0.3, 0.1 and
/// importer effects m = 0.2, 0.3, 0.1, 0.2 (the sign alternating: the ratio is taken in absolute
/// value). The fit recovers them up to the shift that makes the mean exporter effect (0.25)
/// equal the mean importer effect (0.2): e - 0.025 and m + 0.025, so 0.375, 0.175, 0.275, 0.075
/// and 0.225, 0.325, 0.125, 0.225. Italy exports to Kazakhstan once (too few pairs), and Türkiye
/// reports one export to Italy that Italy does not report (unmatched).
fn world() -> TradeData {
    let e = ["0.4", "0.2", "0.3", "0.1"];
    let m = ["0.2", "0.3", "0.1", "0.2"];
    let mut records = Vec::new();
    for (i, exporter) in COUNTRIES.iter().enumerate() {
        for (j, importer) in COUNTRIES.iter().enumerate() {
            if i == j {
                continue;
            }
            let a = d(e[i]) + d(m[j]);
            let a = if (i + j) % 2 == 0 { a } else { -a };
            let imports = Decimal::from(1000) * tradestat::math::exp(a).unwrap();
            records.push(TradeRecord::new(
                *exporter,
                *importer,
                y(),
                Flow::Export,
                usd(1000.into()),
            ));
            records.push(TradeRecord::new(
                *importer,
                *exporter,
                y(),
                Flow::Import,
                usd(imports),
            ));
        }
    }
    records.push(TradeRecord::new(
        Country::ITA,
        Country::KAZ,
        y(),
        Flow::Export,
        usd(500.into()),
    ));
    records.push(TradeRecord::new(
        Country::KAZ,
        Country::ITA,
        y(),
        Flow::Import,
        usd(800.into()),
    ));
    records.push(TradeRecord::new(
        Country::TUR,
        Country::ITA,
        y(),
        Flow::Export,
        usd(70.into()),
    ));
    TradeData::from_records(records).unwrap()
}

fn near(got: Decimal, expected: &str) {
    assert!(
        (got - d(expected)).abs() < d("1e-20"),
        "{got} vs {expected}"
    );
}

#[test]
fn a_hand_made_world_gives_back_its_effects() {
    let data = world();
    let r = Reliability::estimate_with(&data, &[y()], Decimal::ONE).unwrap();
    assert_eq!((r.pairs(), r.unmatched()), (13, 1));
    let exporters = ["0.375", "0.175", "0.275", "0.075"];
    let importers = ["0.225", "0.325", "0.125", "0.225"];
    for (k, c) in COUNTRIES.iter().enumerate() {
        let x = r.as_exporter(*c).unwrap();
        near(x.effect.value(), exporters[k]);
        assert!(x.estimated);
        assert_eq!(x.pairs, 3);
        let m = r.as_importer(*c).unwrap();
        near(m.effect.value(), importers[k]);
    }
    // Kazakhstan imports from Italy too: four pairs as importer.
    assert_eq!(r.as_importer(Country::KAZ).unwrap().pairs, 4);
    // KAZ as exporter: 1 / 1.375 = 0.727272...
    near(
        r.as_exporter(Country::KAZ).unwrap().reliability.value(),
        "0.7272727272727272727272727273",
    );
    // Italy has one pair (< MIN_PAIRS): the mean exporter effect, (0.375+0.175+0.275+0.075)/4.
    assert_eq!(MIN_PAIRS, 3);
    let italy = r.as_exporter(Country::ITA).unwrap();
    assert!(!italy.estimated);
    assert_eq!(italy.pairs, 1);
    near(italy.effect.value(), "0.225");
    // Weight of KAZ's report of its exports to TUR: (1 + 0.325) / (2 + 0.375 + 0.325) =
    // 1.325 / 2.7 = 0.490740740740..., to 12 significant digits.
    assert_eq!(
        r.exporter_weight(Country::KAZ.into(), Country::TUR.into())
            .unwrap()
            .value(),
        d("0.490740740741")
    );
}

#[test]
fn the_reconciled_view_weights_the_two_reports() {
    let data = world();
    let r = Reliability::estimate_with(&data, &[y()], Decimal::ONE).unwrap();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    // Without weights: an error, whichever flow.
    assert!(matches!(
        pair.exports(Perspective::Reconciled),
        Err(Error::InvalidArgument { .. })
    ));
    let pair = pair
        .with_cif_fob(Decimal::ONE)
        .unwrap()
        .with_reliability(&r);
    // KAZ -> TUR: KAZ reports 1000, TUR 1000 exp(-(0.4 + 0.3)) (i + j = 1, odd): weight w =
    // 0.490740740741 on KAZ's figure, 1 - w on TUR's.
    let w = d("0.490740740741");
    let mirror = Decimal::from(1000) * tradestat::math::exp(d("-0.7")).unwrap();
    let expected = w * Decimal::from(1000) + (Decimal::ONE - w) * mirror;
    let got = pair
        .exports(Perspective::Reconciled)
        .unwrap()
        .get(y())
        .unwrap()
        .amount();
    assert!((got - expected).abs() < d("1e-18"), "{got} vs {expected}");
    // It lies between the two reports, nearer the more reliable one: TUR as importer (effect
    // 0.325, reliability 1/1.325) beats KAZ as exporter (0.375, 1/1.375), so TUR's figure
    // weighs 0.509 and KAZ's 0.491.
    assert!(mirror < got && got < Decimal::from(1000));
    // The mirror view: KAZ's imports from TUR are TUR's exports (exporter TUR, e = 0.175) and
    // KAZ's import report (importer KAZ, m = 0.225): KAZ's report weighs
    // 1 - (1 + 0.225) / (2 + 0.175 + 0.225) = 1 - 1.225 / 2.4 = 1 - 0.510416666667.
    let imports = pair
        .imports(Perspective::Reconciled)
        .unwrap()
        .get(y())
        .unwrap()
        .amount();
    let kaz_import = data
        .value(
            Country::KAZ,
            Country::TUR,
            Flow::Import,
            tradestat::Commodity::TOTAL,
            y(),
        )
        .unwrap()
        .unwrap()
        .amount();
    let w_import = Decimal::ONE - d("0.510416666667");
    let expected = w_import * kaz_import + (Decimal::ONE - w_import) * Decimal::from(1000);
    assert!(
        (imports - expected).abs() < d("1e-18"),
        "{imports} vs {expected}"
    );
}

#[test]
fn errors_name_what_is_missing() {
    let data = world();
    assert!(matches!(
        Reliability::estimate_with(&data, &[y()], Decimal::ZERO),
        Err(Error::OutOfRange { .. })
    ));
    let other = Period::year(2000).unwrap();
    assert!(matches!(
        Reliability::estimate(&data, &[other]),
        Err(Error::TooFewValues { .. })
    ));
    assert!(cif_fob_estimate(&data, &[other]).is_err());
    assert_eq!(
        "reconciled".parse::<Perspective>().unwrap(),
        Perspective::Reconciled
    );
    assert_eq!(Perspective::Reconciled.to_string(), "reconciled");
}

#[test]
fn a_simple_cif_fob_estimate_is_the_median_ratio() {
    // Three pairs with importer/exporter ratios 1.02, 1.06 and 1.10 in 2022; 1.05 and 1.07 in
    // 2023 (median 1.06, quartiles 1.05 and 1.07).
    let y23 = Period::year(2023).unwrap();
    let mut records = Vec::new();
    let mut add = |x: Country, m: Country, p: Period, ratio: &str| {
        records.push(TradeRecord::new(x, m, p, Flow::Export, usd(100.into())));
        records.push(TradeRecord::new(
            m,
            x,
            p,
            Flow::Import,
            usd(d(ratio) * Decimal::from(100)),
        ));
    };
    add(Country::KAZ, Country::TUR, y(), "1.02");
    add(Country::TUR, Country::KAZ, y(), "1.10");
    add(Country::DEU, Country::KAZ, y(), "1.06");
    add(Country::KAZ, Country::TUR, y23, "1.05");
    add(Country::TUR, Country::KAZ, y23, "1.07");
    let data = TradeData::from_records(records).unwrap();
    let est = cif_fob_estimate(&data, &[y(), y23]).unwrap();
    assert_eq!(est[0].median.value(), d("1.06"));
    assert_eq!(
        (est[0].lower_quartile.value(), est[0].upper_quartile.value()),
        (d("1.02"), d("1.10"))
    );
    assert_eq!(est[0].pairs, 3);
    assert_eq!(est[1].median.value(), d("1.06"));
    assert_eq!(
        (est[1].lower_quartile.value(), est[1].upper_quartile.value()),
        (d("1.05"), d("1.07"))
    );
}

proptest! {
    /// A pair whose two reports agree after the CIF/FOB conversion (importer's CIF = exporter's
    /// FOB x factor) is reconciled to that figure whatever the weights, in both views: the
    /// exporter's exports (FOB) and the importer's imports (CIF).
    #[test]
    fn agreeing_reports_reconcile_to_their_figure(
        cents in 1i64..100_000_000_000,
        factor_cents in 100i64..130,
        noise in proptest::collection::vec(1i64..1_000_000, 12),
    ) {
        let x = Decimal::new(cents, 2);
        let factor = Decimal::new(factor_cents, 2);
        let m = x * factor;
        let mut records = vec![
            TradeRecord::new(Country::KAZ, Country::TUR, y(), Flow::Export, usd(x)),
            TradeRecord::new(Country::TUR, Country::KAZ, y(), Flow::Import, usd(m)),
        ];
        // Other pairs that disagree at random, so the weights are anything.
        let others = [Country::DEU, Country::FRA, Country::ITA];
        let mut k = 0;
        for a in [Country::KAZ, Country::TUR] {
            for b in others {
                let (v1, v2) = (noise[k], noise[k + 1]);
                k = (k + 2) % 12;
                records.push(TradeRecord::new(a, b, y(), Flow::Export, usd(v1.into())));
                records.push(TradeRecord::new(b, a, y(), Flow::Import, usd(v2.into())));
                records.push(TradeRecord::new(b, a, y(), Flow::Export, usd(v2.into())));
                records.push(TradeRecord::new(a, b, y(), Flow::Import, usd(v1.into())));
            }
        }
        let data = TradeData::from_records(records).unwrap();
        let r = Reliability::estimate_with(&data, &[y()], factor).unwrap();
        let kaz = data.bilateral(Country::KAZ, Country::TUR).unwrap()
            .with_cif_fob(factor).unwrap().with_reliability(&r);
        prop_assert_eq!(kaz.exports(Perspective::Reconciled).unwrap().get(y()), Some(usd(x)));
        let tur = data.bilateral(Country::TUR, Country::KAZ).unwrap()
            .with_cif_fob(factor).unwrap().with_reliability(&r);
        prop_assert_eq!(tur.imports(Perspective::Reconciled).unwrap().get(y()), Some(usd(m)));
    }
}
