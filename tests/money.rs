//! Integration tests for `Currency`, `Scale` and `Money`: real-world phrasings, bad inputs, the ISO
//! table, and properties (round trips, exact and associative addition).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::op_ref
)]

use std::str::FromStr;

use proptest::prelude::*;
use tradestat::{Currency, Decimal, Error, Money, Rate, RoundingStrategy, Scale};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap_or_else(|e| panic!("{s:?}: {e}"))
}

// ---------------------------------------------------------------------------------------------
// Parsing what people write

#[test]
fn real_world_phrasings_parse_exactly() {
    let cases: &[(&str, &str, Currency)] = &[
        ("6.3 billion US dollars", "6300000000", Currency::USD),
        ("$6.3bn", "6300000000", Currency::USD),
        ("US$ 6.3 bln", "6300000000", Currency::USD),
        ("USD 6.3 billion", "6300000000", Currency::USD),
        ("6,300,000,000 USD", "6300000000", Currency::USD),
        ("6.3B USD", "6300000000", Currency::USD),
        ("€1.2 million", "1200000", Currency::EUR),
        ("1.2 million euros", "1200000", Currency::EUR),
        ("KZT 2.9 trillion", "2900000000000", Currency::KZT),
        ("TRY 45.5 billion", "45500000000", Currency::TRY),
        ("£700m", "700000000", Currency::GBP),
        ("JP¥ 1.5 trillion", "1500000000000", Currency::JPY),
        ("CN¥1.5 trillion", "1500000000000", Currency::CNY),
        ("USD 4,736,842,105.26", "4736842105.26", Currency::USD),
        ("4 736 842 105.26 USD", "4736842105.26", Currency::USD),
        (
            "4\u{a0}736\u{a0}842\u{a0}105.26 USD",
            "4736842105.26",
            Currency::USD,
        ),
        (
            "4\u{202f}736\u{202f}842\u{202f}105.26\u{a0}USD",
            "4736842105.26",
            Currency::USD,
        ),
        ("-1.5 million USD", "-1500000", Currency::USD),
        ("USD -3.2bn", "-3200000000", Currency::USD),
        ("-$3.2bn", "-3200000000", Currency::USD),
        ("US$6.3 billion", "6300000000", Currency::USD),
        ("U.S. $6.3 billion", "6300000000", Currency::USD),
        ("6.3 billion dollars", "6300000000", Currency::USD),
        ("usd 10 billion", "10000000000", Currency::USD),
        ("10bn usd", "10000000000", Currency::USD),
        ("5.3 billion U.S. dollars", "5300000000", Currency::USD),
        ("A$2.5bn", "2500000000", Currency::AUD),
        ("C$ 750 million", "750000000", Currency::CAD),
        ("HK$12bn", "12000000000", Currency::HKD),
        ("NZ$ 1.1 billion", "1100000000", Currency::NZD),
        ("3.4 billion Canadian dollars", "3400000000", Currency::CAD),
        ("₺45.5bn", "45500000000", Currency::TRY),
        ("45.5 billion Turkish lira", "45500000000", Currency::TRY),
        ("45.5 billion lira", "45500000000", Currency::TRY),
        ("₸ 2.9 trillion", "2900000000000", Currency::KZT),
        ("2.9 trillion tenge", "2900000000000", Currency::KZT),
        ("₽1.2 trillion", "1200000000000", Currency::RUB),
        ("1.2 trillion roubles", "1200000000000", Currency::RUB),
        ("1.2 trillion rubles", "1200000000000", Currency::RUB),
        ("₹2.5 trillion", "2500000000000", Currency::INR),
        ("2.5 trillion Indian rupees", "2500000000000", Currency::INR),
        ("₩1.2 trillion", "1200000000000", Currency::KRW),
        ("1.5 trillion yen", "1500000000000", Currency::JPY),
        ("800 billion yuan", "800000000000", Currency::CNY),
        ("800 billion renminbi", "800000000000", Currency::CNY),
        ("RMB 800bn", "800000000000", Currency::CNY),
        ("250 million pounds sterling", "250000000", Currency::GBP),
        ("EUR 500k", "500000", Currency::EUR),
        ("500 thousand EUR", "500000", Currency::EUR),
        ("12 th. USD", "12000", Currency::USD),
        ("7 mln USD", "7000000", Currency::USD),
        ("7 mn USD", "7000000", Currency::USD),
        ("1.1 tn USD", "1100000000000", Currency::USD),
        ("1.1 trn USD", "1100000000000", Currency::USD),
        ("1.1T USD", "1100000000000", Currency::USD),
        ("0.5 USD", "0.5", Currency::USD),
        ("1,000 JPY", "1000", Currency::JPY),
        ("DEM 1.2 billion", "1200000000", Currency::DEM),
        ("1.2 billion Deutsche Marks", "1200000000", Currency::DEM),
        ("TRL 1,500,000,000,000", "1500000000000", Currency::TRL),
        ("CHF 3.5m", "3500000", Currency::CHF),
        ("3.5 million Swiss francs", "3500000", Currency::CHF),
        ("  USD 6.3bn  ", "6300000000", Currency::USD),
        ("+6.3bn USD", "6300000000", Currency::USD),
        ("\u{2212}2.5 million EUR", "-2500000", Currency::EUR),
        ("6300000000 USD", "6300000000", Currency::USD),
        ("1,234.5678 KWD", "1234.5678", Currency::KWD),
    ];
    let mut checked = 0;
    for (text, amount, currency) in cases {
        let m = money(text);
        assert_eq!(m.amount(), d(amount), "{text:?}");
        assert_eq!(m.currency(), *currency, "{text:?}");
        checked += 1;
    }
    assert!(checked >= 30, "only {checked} phrasings");
}

#[test]
fn exact_amounts_keep_their_scale() {
    let m = money("6.3 billion US dollars");
    assert_eq!(m.amount().scale(), 0);
    assert_eq!(m.to_string(), "6300000000 USD");
    assert_eq!(
        money("USD 4,736,842,105.26").to_string(),
        "4736842105.26 USD"
    );
    assert_eq!(money("USD 6.30").to_string(), "6.30 USD");
    assert_eq!(money("1.23456789 million USD").amount(), d("1234567.89"));
    assert_eq!(money("0.000000001 billion USD").amount(), d("1"));
}

fn expect_parse(text: &str, position: usize) {
    match text.parse::<Money>() {
        Err(Error::Parse {
            position: p,
            what,
            reason,
            ..
        }) => {
            assert_eq!(what, "money");
            assert_eq!(p, position, "{text:?}: {reason}");
            assert!(!reason.is_empty());
        }
        other => panic!("{text:?}: expected a parse error, got {other:?}"),
    }
}

#[test]
fn bad_inputs_give_clear_errors() {
    // Parse errors, with the byte position of the problem.
    expect_parse("", 0);
    expect_parse("   ", 0);
    expect_parse("USD", 0);
    expect_parse("billion USD", 0);
    expect_parse("hello world", 0);
    expect_parse("6.3 billion", 11);
    expect_parse("  42  ", 4);
    expect_parse("1,2,3 USD", 2);
    expect_parse("6.3.1 USD", 3);
    expect_parse("6,3 USD", 2);
    expect_parse("1,2345 USD", 2);
    expect_parse("12,34,567 USD", 3);
    expect_parse("1.000,50 EUR", 5);
    expect_parse("USD 5 EUR", 6);
    expect_parse("$5 EUR", 3);
    expect_parse("5 million billion USD", 10);
    expect_parse("5bn m USD", 4);
    expect_parse("USD 5 6", 6);
    expect_parse("USD 4 7361", 6);
    expect_parse(".5 USD", 0);
    expect_parse("5. USD", 1);
    expect_parse("5, USD", 1);
    expect_parse("-USD -5", 5);
    expect_parse("1,000 000 USD", 6);

    // Currency errors.
    for (text, bad) in [
        ("6.3 billion zorkmids", "zorkmids"),
        ("XYZ 5", "XYZ"),
        ("5 QQQ", "QQQ"),
        ("5 USD EUR", "USD EUR"),
        ("@5", "@"),
        ("5 USD-", "USD-"),
    ] {
        match text.parse::<Money>() {
            Err(Error::UnknownCurrency { input }) => assert_eq!(input, bad, "{text:?}"),
            other => panic!("{text:?}: {other:?}"),
        }
    }
    for (text, candidates) in [
        ("¥ 1.5 trillion", &["JPY", "CNY"][..]),
        ("kr 500m", &["SEK", "NOK", "DKK", "ISK"][..]),
        (
            "2 billion rupees",
            &["INR", "PKR", "LKR", "NPR", "MUR", "SCR"][..],
        ),
        (
            "Rs 45 billion",
            &["INR", "PKR", "LKR", "NPR", "MUR", "SCR"][..],
        ),
        ("5 million francs", &["CHF", "XOF", "XAF", "XPF"][..]),
        (
            "5 million pounds",
            &["GBP", "EGP", "LBP", "SYP", "SDG", "SSP"][..],
        ),
        (
            "100 pesos",
            &["MXN", "ARS", "CLP", "COP", "PHP", "CUP", "DOP", "UYU"][..],
        ),
    ] {
        match text.parse::<Money>() {
            Err(Error::AmbiguousCurrency { candidates: c, .. }) => {
                assert_eq!(c, candidates, "{text:?}")
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }

    // Overflow.
    for text in [
        "USD 99999999999999999 trillion",
        "USD 79228162514264337593543950336",
        "99999999999999999999 billion USD",
    ] {
        let e = text.parse::<Money>().unwrap_err();
        assert!(e.is_overflow(), "{text:?}: {e:?}");
        assert!(e.to_string().contains("at byte"), "{e}");
    }
}

#[test]
fn unknown_words_are_reported_not_guessed() {
    // 99 999 999 999 trillion is 1e23, well inside a Decimal: not an overflow.
    assert_eq!(
        money("USD 99999999999 trillion").amount(),
        d("99999999999000000000000")
    );
    assert!(matches!(
        "₺45.5 milyar".parse::<Money>(),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        "₹ 85,000 crore".parse::<Money>(),
        Err(Error::Parse { .. })
    ));
    assert!(matches!(
        "£1.25bn sterling".parse::<Money>(),
        Err(Error::Parse { .. })
    ));
}

#[test]
fn published_kazakhstan_turkiye_figures() {
    // From shared/data/kaz_tur_published.csv (facts, cited there with their source pages): the
    // `as_stated` text, with the words around the amount removed, and `value_usd`.
    let rows = [
        ("USD 556.8 million", "556800000"),
        ("$1.235 billion", "1235000000"),
        ("$0.616 billion", "616000000"),
        ("$1.851 billion", "1851000000"),
        ("$2.574 billion", "2574000000"),
        ("$0.729 billion", "729000000"),
        ("$3.303 billion", "3303000000"),
        ("$3.229 billion", "3229000000"),
        ("$4.015 billion", "4015000000"),
        ("$2 bln", "2000000000"),
        ("$1.9 billion", "1900000000"),
        ("3.9 billion Dollars", "3900000000"),
        ("$1.1 billion", "1100000000"),
        ("$4.1 billion", "4100000000"),
        ("$5.3 billion", "5300000000"),
        ("$6.3 billion", "6300000000"),
        ("$5.4 billion", "5400000000"),
        ("$10 billion", "10000000000"),
    ];
    for (text, usd) in rows {
        assert_eq!(money(text), Money::new(d(usd), Currency::USD), "{text:?}");
    }
    // Sentences and decimal commas are refused, never misread ("939,6" is not 9396).
    for text in [
        "939,6 milyon dolar",
        "2,1 milyar dolar",
        "901 billion (sic)",
        "$3 billion, +39%",
        "almost 3.9 billion Dollars",
        "rose 33% in 2021 to $4.1 billion",
    ] {
        assert!(text.parse::<Money>().is_err(), "{text:?}");
    }
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

#[test]
fn seed_question_arithmetic() {
    let y2022 = money("6.3 billion US dollars");
    let growth: Rate = "33%".parse().unwrap();
    let y2021 = y2022.checked_div(growth.factor().unwrap()).unwrap();
    assert_eq!(y2021.round().amount(), d("4736842105.26"));
    assert_eq!(
        y2021.round_with(RoundingStrategy::ToZero).to_string(),
        "4736842105.26 USD"
    );
    let target = money("10 billion USD");
    let gap = (target - y2022).unwrap();
    assert_eq!(gap.human(), "3.7 billion USD");
    assert_eq!(y2022.ratio(&target).unwrap(), d("0.63"));
    assert_eq!((y2022 * growth).unwrap().amount(), d("2079000000.00"));
    assert_eq!((&y2022 * Decimal::TWO).unwrap().human(), "12.6 billion USD");
}

#[test]
fn arithmetic_errors() {
    let usd = money("USD 5");
    let eur = money("EUR 5");
    for e in [
        (usd + eur).unwrap_err(),
        (usd - eur).unwrap_err(),
        (&usd + &eur).unwrap_err(),
        usd.ratio(&eur).unwrap_err(),
    ] {
        assert!(matches!(e, Error::CurrencyMismatch { .. }), "{e:?}");
    }
    assert!(matches!(
        usd.checked_div(Decimal::ZERO),
        Err(Error::Undefined { .. })
    ));
    assert!(matches!(
        usd.ratio(&Money::zero(Currency::USD)),
        Err(Error::Undefined { .. })
    ));
    let max = Money::new(Decimal::MAX, Currency::USD);
    assert!((max + usd).unwrap_err().is_overflow());
    assert!((max * Decimal::TWO).unwrap_err().is_overflow());
    assert!(max.checked_div(d("0.5")).unwrap_err().is_overflow());
    assert!(
        Money::from_scaled(Decimal::MAX, Scale::Thousand, Currency::USD)
            .unwrap_err()
            .is_overflow()
    );
    assert!(Money::sum(Currency::USD, [&usd, &eur]).is_err());
    assert_eq!(
        Money::sum(Currency::USD, [&usd, &usd, &usd]).unwrap(),
        money("15 USD")
    );
    assert_eq!(
        Money::sum(Currency::EUR, []).unwrap(),
        Money::zero(Currency::EUR)
    );
}

#[test]
fn signs_and_comparisons() {
    let m = money("USD -3.2bn");
    assert!(m.is_negative());
    assert!(!m.abs().is_negative());
    assert_eq!(-m, m.neg());
    assert_eq!(m.neg().human(), "3.2 billion USD");
    assert!(Money::zero(Currency::USD).is_zero());
    assert!(money("USD 1") < money("USD 2"));
    assert_eq!(money("USD 1").partial_cmp(&money("EUR 1")), None);
    assert_eq!(money("USD 6.30"), money("USD 6.3"));
    let negative_zero = money("-0.00 USD");
    assert!(negative_zero.is_zero() && !negative_zero.is_negative());
    assert_eq!(negative_zero, Money::zero(Currency::USD));
}

#[test]
fn scales() {
    assert_eq!(Scale::Billion.factor(), d("1000000000"));
    assert_eq!(Scale::Trillion.factor(), d("1000000000000"));
    for (text, scale) in [
        ("units", Scale::Units),
        ("k", Scale::Thousand),
        ("TH", Scale::Thousand),
        ("thousand", Scale::Thousand),
        ("m", Scale::Million),
        ("mn", Scale::Million),
        ("Mln", Scale::Million),
        ("million", Scale::Million),
        ("b", Scale::Billion),
        ("bn", Scale::Billion),
        ("bln", Scale::Billion),
        ("Billion", Scale::Billion),
        ("tn", Scale::Trillion),
        ("trn", Scale::Trillion),
        ("trillion", Scale::Trillion),
    ] {
        assert_eq!(text.parse::<Scale>().unwrap(), scale, "{text}");
    }
    assert!("gazillion".parse::<Scale>().is_err());
    assert!("".parse::<Scale>().is_err());
    let m = Money::from_scaled(d("2.9"), Scale::Trillion, Currency::KZT).unwrap();
    assert_eq!(m, money("KZT 2.9 trillion"));
    assert_eq!(m.in_scale(Scale::Billion), d("2900"));
    assert_eq!(m.in_scale(Scale::Units), m.amount());
}

// ---------------------------------------------------------------------------------------------
// The ISO 4217 table

#[test]
fn every_currency_round_trips_through_code_and_numeric() {
    let mut current = 0;
    for c in Currency::all() {
        assert_eq!(Currency::from_code(c.code()), Some(c));
        assert_eq!(Currency::from_code(&c.code().to_lowercase()), Some(c));
        assert_eq!(Currency::from_numeric(c.numeric()), Some(c));
        assert_eq!(c.code().parse::<Currency>().unwrap(), c);
        assert_eq!(c.to_string(), c.code());
        assert!(!c.name().is_empty());
        if !c.is_withdrawn() {
            current += 1;
            assert_eq!(c.withdrawn_in(), None);
        }
    }
    assert_eq!(current, 178);
    assert_eq!(Currency::all().len(), Currency::all().count());
}

#[test]
fn list_one_matches_the_source_csv() {
    let text = include_str!("../tools/data/iso4217_list_one.csv");
    let mut seen = 0;
    for line in text.lines().skip(1) {
        // Country names may hold quoted commas; the last five fields never do.
        let fields: Vec<&str> = line.rsplitn(5, ',').collect();
        let (fund, minor, numeric, code) = (fields[0], fields[1], fields[2], fields[3]);
        if code.is_empty() {
            continue;
        }
        let c = Currency::from_code(code).unwrap_or_else(|| panic!("{code}"));
        assert_eq!(c.numeric(), numeric.parse::<u16>().unwrap(), "{code}");
        let minor = if minor == "N.A." {
            None
        } else {
            Some(minor.parse::<u8>().unwrap())
        };
        assert_eq!(c.minor_units(), minor, "{code}");
        assert_eq!(c.is_fund(), fund == "true", "{code}");
        assert!(!c.is_withdrawn());
        seen += 1;
    }
    assert!(seen > 250);
}

#[test]
fn known_facts() {
    let facts: &[(Currency, &str, u16, Option<u8>)] = &[
        (Currency::USD, "USD", 840, Some(2)),
        (Currency::EUR, "EUR", 978, Some(2)),
        (Currency::KZT, "KZT", 398, Some(2)),
        (Currency::TRY, "TRY", 949, Some(2)),
        (Currency::JPY, "JPY", 392, Some(0)),
        (Currency::KWD, "KWD", 414, Some(3)),
        (Currency::CLF, "CLF", 990, Some(4)),
        (Currency::XAU, "XAU", 959, None),
        (Currency::XDR, "XDR", 960, None),
    ];
    for (c, code, numeric, minor) in facts {
        assert_eq!(
            (c.code(), c.numeric(), c.minor_units()),
            (*code, *numeric, *minor)
        );
    }
    assert!(Currency::CLF.is_fund() && Currency::USN.is_fund() && !Currency::USD.is_fund());
    assert_eq!(Currency::KZT.name(), "Tenge");
    assert_eq!(Currency::TRY.name(), "Turkish Lira");
}

#[test]
fn withdrawn_currencies_are_flagged_with_their_last_year() {
    let expected: &[(Currency, u16, i32, Option<u8>, Currency)] = &[
        (Currency::DEM, 276, 2001, Some(2), Currency::EUR),
        (Currency::FRF, 250, 2001, Some(2), Currency::EUR),
        (Currency::ITL, 380, 2001, Some(0), Currency::EUR),
        (Currency::ESP, 724, 2001, Some(0), Currency::EUR),
        (Currency::NLG, 528, 2001, Some(2), Currency::EUR),
        (Currency::BEF, 56, 2001, Some(0), Currency::EUR),
        (Currency::ATS, 40, 2001, Some(2), Currency::EUR),
        (Currency::FIM, 246, 2001, Some(2), Currency::EUR),
        (Currency::IEP, 372, 2001, Some(2), Currency::EUR),
        (Currency::PTE, 620, 2001, Some(0), Currency::EUR),
        (Currency::GRD, 300, 2001, Some(0), Currency::EUR),
        (Currency::LUF, 442, 2001, Some(0), Currency::EUR),
        (Currency::TRL, 792, 2004, Some(0), Currency::TRY),
        (Currency::RUR, 810, 1997, Some(2), Currency::RUB),
        (Currency::HRK, 191, 2022, Some(2), Currency::EUR),
        (Currency::LTL, 440, 2014, Some(2), Currency::EUR),
        (Currency::LVL, 428, 2013, Some(2), Currency::EUR),
        (Currency::EEK, 233, 2010, Some(2), Currency::EUR),
        (Currency::SKK, 703, 2008, Some(2), Currency::EUR),
        (Currency::SIT, 705, 2006, Some(2), Currency::EUR),
        (Currency::CYP, 196, 2007, Some(2), Currency::EUR),
        (Currency::MTL, 470, 2007, Some(2), Currency::EUR),
        (Currency::BYR, 974, 2016, Some(0), Currency::BYN),
        (Currency::VEF, 937, 2018, Some(2), Currency::VES),
        (Currency::ZMK, 894, 2012, Some(2), Currency::ZMW),
    ];
    for (c, numeric, year, minor, successor) in expected {
        assert!(c.is_withdrawn(), "{c}");
        assert_eq!(c.numeric(), *numeric, "{c}");
        assert_eq!(c.withdrawn_in().map(|y| y.get()), Some(*year), "{c}");
        assert_eq!(c.minor_units(), *minor, "{c}");
        assert_eq!(c.successor(), Some(*successor), "{c}");
        assert!(!successor.is_withdrawn(), "{successor}");
    }
    assert!(!Currency::EUR.is_withdrawn());
    assert_eq!(Currency::EUR.successor(), None);
}

#[test]
fn currency_lookup_and_errors() {
    for (text, c) in [
        ("usd", Currency::USD),
        ("$", Currency::USD),
        ("US$", Currency::USD),
        ("€", Currency::EUR),
        ("£", Currency::GBP),
        ("₺", Currency::TRY),
        ("₸", Currency::KZT),
        ("₽", Currency::RUB),
        ("₹", Currency::INR),
        ("₩", Currency::KRW),
        ("Pounds Sterling", Currency::GBP),
        ("sterling", Currency::GBP),
        ("yen", Currency::JPY),
        ("Renminbi", Currency::CNY),
        ("Australian dollars", Currency::AUD),
        ("Swedish kronor", Currency::SEK),
    ] {
        assert_eq!(Currency::lookup(text).unwrap(), c, "{text}");
    }
    // FromStr reads what lookup resolves to one currency (it read codes only before).
    assert_eq!("€".parse::<Currency>().unwrap(), Currency::EUR);
    assert!(matches!(
        "¥".parse::<Currency>(),
        Err(Error::AmbiguousCurrency { .. })
    ));
    assert!(matches!(
        "US".parse::<Currency>(),
        Err(Error::UnknownCurrency { .. })
    ));
    assert!(matches!(
        "".parse::<Currency>(),
        Err(Error::UnknownCurrency { .. })
    ));
    assert!(matches!(
        "ÜSD".parse::<Currency>(),
        Err(Error::UnknownCurrency { .. })
    ));
    assert_eq!(" eur ".parse::<Currency>().unwrap(), Currency::EUR);
}

// ---------------------------------------------------------------------------------------------
// serde

#[cfg(feature = "serde")]
#[test]
fn serde_shapes() {
    let m = money("$6.3bn");
    let json = serde_json::to_string(&m).unwrap();
    assert_eq!(json, r#"{"amount":"6300000000","currency":"USD"}"#);
    assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
    // A JSON number with a fraction has passed through f64: refused (see tests/serde_exact.rs).
    let n = serde_json::from_str::<Money>(r#"{"amount": 6.3, "currency": "eur"}"#).unwrap_err();
    assert!(n.to_string().contains("write it as a string"), "{n}");
    let big: Money = serde_json::from_str(r#"{"amount": 6300000000, "currency": "KZT"}"#).unwrap();
    assert_eq!(big.amount(), d("6300000000"));
    assert!(serde_json::from_str::<Money>(r#"{"amount":"x","currency":"USD"}"#).is_err());
    assert!(serde_json::from_str::<Money>(r#"{"amount":"1","currency":"ZZZ"}"#).is_err());
    assert!(serde_json::from_str::<Money>(r#"{"amount":"1"}"#).is_err());
    assert_eq!(serde_json::to_string(&Currency::KZT).unwrap(), r#""KZT""#);
    assert_eq!(
        serde_json::to_string(&Scale::Billion).unwrap(),
        r#""billion""#
    );
    assert_eq!(
        serde_json::from_str::<Scale>(r#""bn""#).unwrap(),
        Scale::Billion
    );
}

// ---------------------------------------------------------------------------------------------
// Properties

fn any_currency() -> impl Strategy<Value = Currency> {
    let all: Vec<Currency> = Currency::all().collect();
    proptest::sample::select(all)
}

fn any_decimal() -> impl Strategy<Value = Decimal> {
    // Every Decimal: a 96-bit mantissa, a sign and a scale of 0..=28.
    (
        any::<u32>(),
        any::<u32>(),
        any::<u32>(),
        any::<bool>(),
        0_u32..=28,
    )
        .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
}

fn modest_decimal() -> impl Strategy<Value = Decimal> {
    // Amounts well inside the range, with up to 6 decimals: sums of three never overflow.
    (-10_i64.pow(15)..10_i64.pow(15), 0_u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
}

fn any_money() -> impl Strategy<Value = Money> {
    (any_decimal(), any_currency()).prop_map(|(a, c)| Money::new(a, c))
}

proptest! {
    #[test]
    fn money_display_parse_round_trip(m in any_money()) {
        let text = m.to_string();
        let back: Money = text.parse().unwrap();
        prop_assert_eq!(back, m);
        prop_assert_eq!(back.amount().scale(), m.amount().scale());
        prop_assert_eq!(back.to_string(), text);
    }

    #[test]
    fn human_reads_back_to_the_same_value(m in any_money()) {
        let back: Money = m.human().parse().unwrap();
        prop_assert_eq!(back, m);
    }

    #[test]
    fn currency_display_parse_round_trip(c in any_currency()) {
        prop_assert_eq!(c.to_string().parse::<Currency>().unwrap(), c);
        prop_assert_eq!(Currency::from_str(&c.code().to_lowercase()).unwrap(), c);
    }

    #[test]
    fn scale_display_parse_round_trip(i in 0_usize..5) {
        let s = Scale::ALL[i];
        prop_assert_eq!(s.to_string().parse::<Scale>().unwrap(), s);
    }

    #[test]
    fn parsers_never_panic(s in "\\PC{0,40}") {
        let _ = s.parse::<Money>();
        let _ = s.parse::<Currency>();
        let _ = s.parse::<Scale>();
        let _ = Currency::lookup(&s);
    }

    #[test]
    fn money_parser_never_panics_on_money_like_text(
        s in "[-+−]?[$€£¥₺ ]{0,2}[0-9 ,.\u{a0}]{0,20}[ a-zA-Z]{0,12}"
    ) {
        let _ = s.parse::<Money>();
    }

    #[test]
    fn addition_is_exact_and_associative(
        a in modest_decimal(), b in modest_decimal(), c in modest_decimal(), cur in any_currency()
    ) {
        let (a, b, c) = (Money::new(a, cur), Money::new(b, cur), Money::new(c, cur));
        let left = ((a + b).unwrap() + c).unwrap();
        let right = (a + (b + c).unwrap()).unwrap();
        prop_assert_eq!(left, right);
        prop_assert_eq!(((a + b).unwrap() - b).unwrap(), a);
        prop_assert_eq!(Money::sum(cur, [&a, &b, &c]).unwrap(), left);
    }

    #[test]
    fn addition_of_any_amounts_is_exact_or_an_error(a in any_decimal(), b in any_decimal()) {
        let (x, y) = (Money::new(a, Currency::USD), Money::new(b, Currency::USD));
        if let Ok(sum) = x + y {
            // Exact: subtracting either operand gives the other back.
            prop_assert_eq!((sum - y).unwrap(), x);
            prop_assert_eq!((sum - x).unwrap(), y);
        }
    }

    #[test]
    fn adding_different_currencies_is_always_an_error(
        a in any_money(), b in any_money()
    ) {
        prop_assume!(a.currency() != b.currency());
        let is_mismatch = |r: Result<Money, Error>| matches!(r, Err(Error::CurrencyMismatch { .. }));
        prop_assert!(is_mismatch(a + b));
        prop_assert!(is_mismatch(a - b));
        prop_assert!(is_mismatch(a.checked_add(&b)));
    }

    #[test]
    fn from_scaled_and_in_scale_are_inverse(a in modest_decimal(), i in 0_usize..5) {
        let s = Scale::ALL[i];
        let m = Money::from_scaled(a, s, Currency::EUR).unwrap();
        prop_assert_eq!(m.in_scale(s), a);
    }
}

#[cfg(feature = "serde")]
proptest! {
    #[test]
    fn serde_json_round_trips(m in any_money(), i in 0_usize..5) {
        let json = serde_json::to_string(&m).unwrap();
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), m);
        let c = m.currency();
        prop_assert_eq!(serde_json::from_str::<Currency>(&serde_json::to_string(&c).unwrap()).unwrap(), c);
        let s = Scale::ALL[i];
        prop_assert_eq!(serde_json::from_str::<Scale>(&serde_json::to_string(&s).unwrap()).unwrap(), s);
    }
}
