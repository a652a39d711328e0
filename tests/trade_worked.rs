//! The worked example: Kazakhstan (a) and Türkiye (b) each report exports to and imports
//! from the other, in US dollars. Every expected figure is worked out by hand in the comments;
//! the divisions were checked with Python's `decimal`, half to even, on the finest `Decimal` grid
//! that holds the quotient (29 significant digits below 7.9, 28 decimals at most).
//!
//! | year | KAZ exports to TUR | KAZ imports from TUR | TUR imports from KAZ | TUR exports to KAZ |
//! | ---- | ------------------ | -------------------- | -------------------- | ------------------ |
//! | 2021 | 300 (FOB)          | 110 (CIF)            | 318 (CIF)            | 100 (FOB)          |
//! | 2022 | 470 (FOB)          | 160 (CIF)            | 500 (FOB, already)   | (not reported)     |

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use rust_decimal_macros::dec;
use tradestat::{
    Country, Currency, Decimal, Error, Flow, Measure, Money, Period, Perspective, Series,
    TradeData, TradeRecord, Valuation,
};

fn usd(amount: Decimal) -> Money {
    Money::new(amount, Currency::USD)
}

fn y(year: i32) -> Period {
    Period::year(year).unwrap()
}

fn data() -> TradeData {
    let (kaz, tur) = (Country::KAZ, Country::TUR);
    TradeData::from_records([
        TradeRecord::new(kaz, tur, y(2021), Flow::Export, usd(dec!(300))),
        TradeRecord::new(kaz, tur, y(2021), Flow::Import, usd(dec!(110))),
        TradeRecord::new(tur, kaz, y(2021), Flow::Import, usd(dec!(318))),
        TradeRecord::new(tur, kaz, y(2021), Flow::Export, usd(dec!(100))),
        TradeRecord::new(kaz, tur, y(2022), Flow::Export, usd(dec!(470))),
        TradeRecord::new(kaz, tur, y(2022), Flow::Import, usd(dec!(160))),
        TradeRecord::new(tur, kaz, y(2022), Flow::Import, usd(dec!(500)))
            .with_valuation(Valuation::Fob),
    ])
    .unwrap()
}

/// The series as (year, amount) pairs.
fn points(series: &Series) -> Vec<(i32, Decimal)> {
    series
        .iter()
        .map(|(p, m)| (p.calendar_year().get(), m.amount()))
        .collect()
}

#[test]
fn data_set_basics() {
    let data = data();
    assert_eq!(data.len(), 7);
    assert_eq!(data.currency(), Some(Currency::USD));
    assert_eq!(data.periods(), &[y(2021), y(2022)]);
    assert_eq!(
        data.reporters(),
        vec![Country::KAZ.into(), Country::TUR.into()]
    );
    assert_eq!(data.partners(Country::KAZ), vec![Country::TUR.into()]);
    assert_eq!(data.iter().count(), 7);
    let rebuilt = TradeData::from_records(data.iter()).unwrap();
    assert_eq!(
        rebuilt.iter().collect::<Vec<_>>(),
        data.iter().collect::<Vec<_>>()
    );
    assert!(data.inconsistencies().is_empty());
}

#[test]
fn reporter_perspective() {
    let data = data();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    let p = Perspective::Reporter;
    assert_eq!(
        points(&pair.exports(p).unwrap()),
        [(2021, dec!(300)), (2022, dec!(470))]
    );
    assert_eq!(
        points(&pair.imports(p).unwrap()),
        [(2021, dec!(110)), (2022, dec!(160))]
    );
    // 300 + 110 = 410; 470 + 160 = 630.
    assert_eq!(
        points(&pair.turnover(p).unwrap()),
        [(2021, dec!(410)), (2022, dec!(630))]
    );
    // 300 - 110 = 190; 470 - 160 = 310.
    assert_eq!(
        points(&pair.balance(p).unwrap()),
        [(2021, dec!(190)), (2022, dec!(310))]
    );
    let coverage: Vec<(Period, Decimal)> = pair
        .coverage_ratio(p)
        .unwrap()
        .into_iter()
        .map(|(p, r)| (p, r.value()))
        .collect();
    // 300 / 110 = 2.72727..., 29 significant digits, the next (7) rounds up; 470 / 160 = 2.9375.
    assert_eq!(
        coverage,
        [
            (y(2021), dec!(2.7272727272727272727272727273)),
            (y(2022), dec!(2.9375))
        ]
    );
}

#[test]
fn partner_perspective_with_the_imf_factor() {
    let data = data();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    assert_eq!(pair.cif_fob(), dec!(1.06));
    let p = Perspective::Partner;
    // 2021: Türkiye's imports 318 CIF / 1.06 = 300 FOB. 2022: 500 already FOB, not adjusted.
    assert_eq!(
        points(&pair.exports(p).unwrap()),
        [(2021, dec!(300)), (2022, dec!(500))]
    );
    // 2021: Türkiye's exports 100 FOB * 1.06 = 106 CIF. 2022: Türkiye reported nothing: a gap.
    assert_eq!(points(&pair.imports(p).unwrap()), [(2021, dec!(106))]);
    // Turnover and balance only where both flows have a value: 300 + 106, 300 - 106.
    assert_eq!(points(&pair.turnover(p).unwrap()), [(2021, dec!(406))]);
    assert_eq!(points(&pair.balance(p).unwrap()), [(2021, dec!(194))]);
    let coverage = pair.coverage_ratio(p).unwrap();
    // 300 / 106 = 2.8301886792452830188679245283 (29 digits, half to even).
    assert_eq!(coverage.len(), 1);
    assert_eq!(coverage[0].1.value(), dec!(2.8301886792452830188679245283));
}

#[test]
fn partner_perspective_with_factor_one() {
    let data = data();
    let pair = data
        .bilateral(Country::KAZ, Country::TUR)
        .unwrap()
        .with_cif_fob(dec!(1))
        .unwrap();
    let p = Perspective::Partner;
    // No valuation adjustment: the mirror figures as reported.
    assert_eq!(
        points(&pair.exports(p).unwrap()),
        [(2021, dec!(318)), (2022, dec!(500))]
    );
    assert_eq!(points(&pair.imports(p).unwrap()), [(2021, dec!(100))]);
    assert_eq!(points(&pair.turnover(p).unwrap()), [(2021, dec!(418))]);
    assert_eq!(points(&pair.balance(p).unwrap()), [(2021, dec!(218))]);
    // (300 + 318) / 2 = 309; (110 + 100) / 2 = 105.
    assert_eq!(
        points(&pair.exports(Perspective::Mean).unwrap()),
        [(2021, dec!(309)), (2022, dec!(485))]
    );
    assert_eq!(
        points(&pair.imports(Perspective::Mean).unwrap()),
        [(2021, dec!(105)), (2022, dec!(160))]
    );
}

#[test]
fn reconciled_perspectives() {
    let data = data();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    // Exports: 2021 both 300 (after adjustment); 2022 reported 470, mirror 500.
    // Mean (470 + 500) / 2 = 485; larger 500; reporter first 470.
    assert_eq!(
        points(&pair.exports(Perspective::Mean).unwrap()),
        [(2021, dec!(300)), (2022, dec!(485))]
    );
    assert_eq!(
        points(&pair.exports(Perspective::Larger).unwrap()),
        [(2021, dec!(300)), (2022, dec!(500))]
    );
    assert_eq!(
        points(&pair.exports(Perspective::ReporterThenPartner).unwrap()),
        [(2021, dec!(300)), (2022, dec!(470))]
    );
    // Imports: 2021 reported 110, mirror 106: mean 108, larger 110. 2022 only reported 160,
    // which mean and larger give as it is.
    assert_eq!(
        points(&pair.imports(Perspective::Mean).unwrap()),
        [(2021, dec!(108)), (2022, dec!(160))]
    );
    assert_eq!(
        points(&pair.imports(Perspective::Larger).unwrap()),
        [(2021, dec!(110)), (2022, dec!(160))]
    );
    // Turnover: mean 300 + 108 = 408 and 485 + 160 = 645; larger 410 and 660.
    assert_eq!(
        points(&pair.turnover(Perspective::Mean).unwrap()),
        [(2021, dec!(408)), (2022, dec!(645))]
    );
    assert_eq!(
        points(&pair.turnover(Perspective::Larger).unwrap()),
        [(2021, dec!(410)), (2022, dec!(660))]
    );
    assert_eq!(
        points(&pair.balance(Perspective::Larger).unwrap()),
        [(2021, dec!(190)), (2022, dec!(340))]
    );
}

#[test]
fn gap_filling_from_the_partner() {
    // Kazakhstan reported nothing for 2023; Türkiye's imports of 212 CIF fill the gap (/1.06 = 200).
    let (kaz, tur) = (Country::KAZ, Country::TUR);
    let mut records: Vec<TradeRecord> = data().iter().collect();
    records.push(TradeRecord::new(
        tur,
        kaz,
        y(2023),
        Flow::Import,
        usd(dec!(212)),
    ));
    let data = TradeData::from_records(records).unwrap();
    let pair = data.bilateral(kaz, tur).unwrap();
    assert_eq!(
        points(&pair.exports(Perspective::ReporterThenPartner).unwrap()),
        [(2021, dec!(300)), (2022, dec!(470)), (2023, dec!(200))]
    );
    assert_eq!(
        points(&pair.exports(Perspective::Reporter).unwrap()),
        [(2021, dec!(300)), (2022, dec!(470))]
    );
    assert_eq!(
        points(&pair.exports(Perspective::Mean).unwrap()).last(),
        Some(&(2023, dec!(200)))
    );
}

#[test]
fn the_partners_view_mirrors() {
    let data = data();
    let tur = data
        .bilateral(Country::TUR, Country::KAZ)
        .unwrap()
        .with_cif_fob(dec!(1))
        .unwrap();
    // Türkiye's own: exports 100 (2021 only), imports 318 and 500.
    assert_eq!(
        points(&tur.exports(Perspective::Reporter).unwrap()),
        [(2021, dec!(100))]
    );
    assert_eq!(
        points(&tur.imports(Perspective::Reporter).unwrap()),
        [(2021, dec!(318)), (2022, dec!(500))]
    );
    // Under Partner, Türkiye's figures are Kazakhstan's: balance 110 - 300 = -190, 160 - 470 = -310,
    // minus Kazakhstan's balance under Reporter.
    assert_eq!(
        points(&tur.balance(Perspective::Partner).unwrap()),
        [(2021, dec!(-190)), (2022, dec!(-310))]
    );
    // With the factor 1.06: Kazakhstan's imports 110 CIF / 1.06 stand for Türkiye's exports FOB.
    let tur = data.bilateral(Country::TUR, Country::KAZ).unwrap();
    let exports = tur.exports(Perspective::Partner).unwrap();
    // 110 / 1.06 = 103.77358490566037735849056604 and 160 / 1.06 = 150.94339622641509433962264151
    // (29 digits, half to even).
    assert_eq!(
        points(&exports),
        [
            (2021, dec!(103.77358490566037735849056604)),
            (2022, dec!(150.94339622641509433962264151))
        ]
    );
    // Kazakhstan's exports 300 FOB * 1.06 = 318 CIF, 470 * 1.06 = 498.2.
    assert_eq!(
        points(&tur.imports(Perspective::Partner).unwrap()),
        [(2021, dec!(318)), (2022, dec!(498.2))]
    );
}

#[test]
fn asymmetries() {
    let data = data();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    let exports = pair.asymmetry(Measure::Exports).unwrap();
    assert_eq!(exports.len(), 2);
    // Unadjusted: 318 - 300 = 18, 18 / 300 = 0.06; 500 - 470 = 30, 30 / 470 = 0.0638297872340425531914893617 (28 decimals, the most a Decimal holds).
    assert_eq!(
        (exports[0].reported, exports[0].mirror),
        (usd(dec!(300)), usd(dec!(318)))
    );
    assert_eq!(exports[0].difference().unwrap(), usd(dec!(18)));
    assert_eq!(exports[0].relative().unwrap().value(), dec!(0.06));
    assert_eq!(exports[1].difference().unwrap(), usd(dec!(30)));
    assert_eq!(
        exports[1].relative().unwrap().value(),
        dec!(0.0638297872340425531914893617)
    );
    // Imports: 100 - 110 = -10, -10 / 110 = -0.0909090909090909090909090909 (28 decimals); 2022 has no mirror.
    let imports = pair.asymmetry(Measure::Imports).unwrap();
    assert_eq!(imports.len(), 1);
    assert_eq!(imports[0].period, y(2021));
    assert_eq!(imports[0].difference().unwrap(), usd(dec!(-10)));
    assert_eq!(
        imports[0].relative().unwrap().value(),
        dec!(-0.0909090909090909090909090909)
    );
    // Turnover: 410 against 318 + 100 = 418, only 2021 (Türkiye reported no 2022 exports).
    let turnover = pair.asymmetry(Measure::Turnover).unwrap();
    assert_eq!(turnover.len(), 1);
    assert_eq!(
        (turnover[0].reported, turnover[0].mirror),
        (usd(dec!(410)), usd(dec!(418)))
    );
    // The ranking across pairs: exports 2022, Kazakhstan's 470 against Türkiye's 500.
    let top = data
        .largest_asymmetries(Measure::Exports, y(2022), 10)
        .unwrap();
    assert_eq!(top.len(), 1);
    assert_eq!(top[0].reporter, Country::KAZ.into());
    assert_eq!(top[0].asymmetry.difference().unwrap(), usd(dec!(30)));
    // 2021: KAZ exports differ by 18, TUR exports (100 against KAZ's imports 110) by 10.
    let top = data
        .largest_asymmetries(Measure::Exports, y(2021), 5)
        .unwrap();
    let ranked: Vec<(Country, Decimal)> = top
        .iter()
        .map(|p| {
            (
                p.reporter.country().unwrap(),
                p.asymmetry.difference().unwrap().amount(),
            )
        })
        .collect();
    assert_eq!(ranked, [(Country::KAZ, dec!(18)), (Country::TUR, dec!(10))]);
    assert!(data
        .largest_asymmetries(Measure::Exports, y(2021), 0)
        .unwrap()
        .is_empty());
    assert_eq!(
        data.largest_asymmetries(Measure::Exports, y(2021), usize::MAX)
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn errors_name_the_problem() {
    let data = data();
    let pair = data.bilateral(Country::KAZ, Country::TUR).unwrap();
    assert!(matches!(
        pair.re_exports(Perspective::Partner),
        Err(Error::InvalidArgument { .. })
    ));
    // No re-export records at all.
    let err = pair.re_exports(Perspective::Reporter).unwrap_err();
    assert!(matches!(err, Error::NoData { .. }), "{err}");
    let err = data.bilateral(Country::KAZ, Country::CHN).unwrap_err();
    assert_eq!(
        err.to_string(),
        "no data for trade between Kazakhstan and China"
    );
    assert!(data.bilateral(Country::KAZ, Country::KAZ).is_err());
    assert!(pair.clone().with_cif_fob(dec!(0)).is_err());
    assert!(pair.clone().with_cif_fob(dec!(-1.06)).is_err());
}

#[test]
fn coverage_far_from_one_keeps_its_digits() {
    // Kazakhstan reported only imports of 0.07; Türkiye reported imports from Kazakhstan of
    // 31,800,000,000,000.01 CIF. Exports filled from the mirror: 31800000000000.01 / 1.06, and the
    // coverage (31800000000000.01 / 1.06) / 0.07 is one division of the exact figures:
    // 428571428571428.70619946091644|2... (Python `decimal`, 80 digits) rounded half to even.
    let (kaz, tur) = (Country::KAZ, Country::TUR);
    let data = TradeData::from_records([
        TradeRecord::new(kaz, tur, y(2021), Flow::Import, usd(dec!(0.07))),
        TradeRecord::new(
            tur,
            kaz,
            y(2021),
            Flow::Import,
            usd(dec!(31800000000000.01)),
        ),
    ])
    .unwrap();
    let pair = data.bilateral(kaz, tur).unwrap();
    let coverage = pair
        .coverage_ratio(Perspective::ReporterThenPartner)
        .unwrap();
    assert_eq!(coverage[0].1.value(), dec!(428571428571428.70619946091644));
    // And the exports alone: 30000000000000.009433962264151 (29 digits, half to even).
    let exports = pair.exports(Perspective::ReporterThenPartner).unwrap();
    assert_eq!(
        exports.get(y(2021)),
        Some(usd(dec!(30000000000000.009433962264151)))
    );
}
