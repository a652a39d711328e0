//! `Money::parse_in` in Turkish, Russian and Kazakh, accounting negatives, the parser's error
//! messages (each text checked), and the published Kazakhstan-Türkiye figures read in the language
//! they were stated in.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use proptest::prelude::*;
use tradestat::money::Language;
use tradestat::{Currency, Decimal, Error, Money};

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn read(text: &str, language: Language) -> Money {
    Money::parse_in(text, language).unwrap_or_else(|e| panic!("{language} {text:?}: {e}"))
}

/// The reason of the parse error for `text`, and its byte position.
fn reason(text: &str, language: Language) -> (String, usize) {
    match Money::parse_in(text, language) {
        Err(Error::Parse {
            reason, position, ..
        }) => (reason, position),
        other => panic!("{language} {text:?}: expected a parse error, got {other:?}"),
    }
}

// ---------------------------------------------------------------------------------------------
// Languages

#[test]
fn turkish_amounts() {
    use Language::Turkish as T;
    for (text, amount, currency) in [
        ("2,1 milyar dolar", "2100000000", Currency::USD),
        ("939,6 milyon dolar", "939600000", Currency::USD),
        ("3,1 milyar dolar", "3100000000", Currency::USD),
        ("6 milyar 300 milyon dolar", "6300000000", Currency::USD),
        ("3,32 milyar dolar", "3320000000", Currency::USD),
        ("10 milyar doları", "10000000000", Currency::USD),
        ("5 milyar dolarlık", "5000000000", Currency::USD),
        ("5 milyar ABD doları", "5000000000", Currency::USD),
        ("6,3 MİLYAR DOLAR", "6300000000", Currency::USD),
        ("45,5 milyar Türk lirası", "45500000000", Currency::TRY),
        ("45,5 milyar lira", "45500000000", Currency::TRY),
        ("1.500.000 TL", "1500000", Currency::TRY),
        ("1.234,56 TL", "1234.56", Currency::TRY),
        ("750 bin avro", "750000", Currency::EUR),
        ("2,9 trilyon tenge", "2900000000000", Currency::KZT),
        ("1 trilyon 250 milyar tenge", "1250000000000", Currency::KZT),
        (
            "6 milyar 300 milyon 500 bin dolar",
            "6300500000",
            Currency::USD,
        ),
        ("$6,3 milyar", "6300000000", Currency::USD),
        ("USD 6,3 milyar", "6300000000", Currency::USD),
        ("₺45,5 milyar", "45500000000", Currency::TRY),
        ("(1.234,5) TL", "-1234.5", Currency::TRY),
        ("-2,5 milyon avro", "-2500000", Currency::EUR),
    ] {
        let m = read(text, T);
        assert_eq!((m.amount(), m.currency()), (d(amount), currency), "{text}");
    }
}

#[test]
fn russian_amounts() {
    use Language::Russian as R;
    for (text, amount, currency) in [
        ("6,3 миллиардов долларов", "6300000000", Currency::USD),
        ("1 миллиард долларов", "1000000000", Currency::USD),
        ("2 миллиарда долларов", "2000000000", Currency::USD),
        ("4,1 млрд долларов", "4100000000", Currency::USD),
        ("4,1 млрд. долл.", "4100000000", Currency::USD),
        ("4,1 млрд долларов США", "4100000000", Currency::USD),
        ("1 доллар", "1", Currency::USD),
        ("3 доллара", "3", Currency::USD),
        ("939,6 млн долларов", "939600000", Currency::USD),
        ("939,6 миллиона долларов", "939600000", Currency::USD),
        ("500 тыс. евро", "500000", Currency::EUR),
        ("2,9 трлн тенге", "2900000000000", Currency::KZT),
        ("1 500 000 рублей", "1500000", Currency::RUB),
        ("1\u{a0}500\u{a0}000,25 руб.", "1500000.25", Currency::RUB),
        ("1\u{202f}500\u{202f}000 тенге", "1500000", Currency::KZT),
        ("6 млрд 300 млн долларов", "6300000000", Currency::USD),
        ("6 млрд. 300 млн. долларов", "6300000000", Currency::USD),
        (
            "1 трлн 250 млрд 500 тыс. рублей",
            "1250000500000",
            Currency::RUB,
        ),
        ("45,5 млрд турецких лир", "45500000000", Currency::TRY),
        ("$6,3 млрд", "6300000000", Currency::USD),
        ("USD 6,3 млрд", "6300000000", Currency::USD),
        ("(1 234,5) руб.", "-1234.5", Currency::RUB),
        ("−2,5 млн евро", "-2500000", Currency::EUR),
    ] {
        let m = read(text, R);
        assert_eq!((m.amount(), m.currency()), (d(amount), currency), "{text}");
    }
}

#[test]
fn kazakh_amounts() {
    use Language::Kazakh as K;
    for (text, amount, currency) in [
        ("6,3 млрд АҚШ доллары", "6300000000", Currency::USD),
        ("6,3 миллиард доллар", "6300000000", Currency::USD),
        ("939,6 миллион доллар", "939600000", Currency::USD),
        ("2,9 трлн теңге", "2900000000000", Currency::KZT),
        ("2,9 трлн тенге", "2900000000000", Currency::KZT),
        ("500 мың евро", "500000", Currency::EUR),
        ("1 500 000 теңге", "1500000", Currency::KZT),
        ("1\u{a0}500\u{a0}000,5 теңге", "1500000.5", Currency::KZT),
        ("6 млрд 300 млн доллар", "6300000000", Currency::USD),
        ("₸2,9 трлн", "2900000000000", Currency::KZT),
        ("(1 234,5) теңге", "-1234.5", Currency::KZT),
        // The Latin alphabet of 2021.
        ("6,3 mlrd AQSh dollary", "6300000000", Currency::USD),
        ("2,9 trln teńge", "2900000000000", Currency::KZT),
        ("500 myń tenge", "500000", Currency::KZT),
    ] {
        let m = read(text, K);
        assert_eq!((m.amount(), m.currency()), (d(amount), currency), "{text}");
    }
}

#[test]
fn english_is_what_from_str_reads() {
    for text in [
        "$6.3bn",
        "6.3 billion US dollars",
        "4 736 842 105.26 USD",
        "(1,234) USD",
        "USD 4,736,842,105.26",
    ] {
        assert_eq!(
            Money::parse_in(text, Language::English).unwrap(),
            text.parse::<Money>().unwrap(),
            "{text}"
        );
    }
    // English never guesses a decimal comma, and does not read amounts in parts.
    for text in [
        "6,3 billion USD",
        "2,1 milyar dolar",
        "6 billion 300 million USD",
    ] {
        assert!(Money::parse_in(text, Language::English).is_err(), "{text}");
    }
}

#[test]
fn each_language_refuses_the_other_separators() {
    // "3.32 milyar" in Turkish would be 332 billion if the dot were read as thousands: refused.
    let (why, at) = reason("3.32 milyar dolar", Language::Turkish);
    assert!(
        why.contains("in Turkish the decimal separator is a comma"),
        "{why}"
    );
    assert_eq!(at, 2);
    for lang in [Language::Russian, Language::Kazakh] {
        let (why, at) = reason("6.3 млрд долларов", lang);
        assert!(
            why.contains(&format!("in {lang} the decimal separator is a comma")),
            "{why}"
        );
        assert_eq!(at, 1);
        assert!(Money::parse_in("1,500,000 тенге", lang).is_err());
    }
    // Parts must shrink: "300 milyon 6 milyar" is not an amount.
    let (why, _) = reason("300 milyon 6 milyar dolar", Language::Turkish);
    assert!(why.contains("smaller scale"), "{why}");
    let (why, _) = reason("6 milyar 1300 milyon dolar", Language::Turkish);
    assert!(why.contains("below 1000"), "{why}");
}

// ---------------------------------------------------------------------------------------------
// Accounting negatives and error messages

#[test]
fn accounting_negatives_in_parentheses() {
    // Regression: "(1,234) USD" was reported as "two currencies".
    for (text, amount, currency) in [
        ("(1,234) USD", "-1234", Currency::USD),
        ("USD (1,234)", "-1234", Currency::USD),
        ("($1,234.50)", "-1234.50", Currency::USD),
        ("(USD 1.2bn)", "-1200000000", Currency::USD),
        ("(6.3 billion US dollars)", "-6300000000", Currency::USD),
        ("  ( 42 )  EUR", "-42", Currency::EUR),
    ] {
        let m: Money = text.parse().unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert_eq!((m.amount(), m.currency()), (d(amount), currency), "{text}");
    }
    for (text, says) in [
        ("(-1,234) USD", "a sign inside accounting parentheses"),
        ("(1,234 USD", "unbalanced parentheses"),
        ("1,234) USD", "unbalanced parentheses"),
        ("((1,234)) USD", "unbalanced parentheses"),
        (
            "901 billion USD (sic)",
            "parentheses must enclose the amount",
        ),
        ("USD (note) 5", "parentheses must enclose the amount"),
    ] {
        let (why, _) = reason(text, Language::English);
        assert!(why.contains(says), "{text:?}: {why}");
    }
}

#[test]
fn error_messages_say_what_is_wrong() {
    use Language::English as E;
    // Regression: "two currencies".
    let (why, at) = reason("USD 6.3 bil", E);
    assert_eq!(why, r#"unknown scale word "bil": write "bn" or "billion""#);
    assert_eq!(at, 8);
    let (why, _) = reason("6.3 bil USD", E);
    assert_eq!(why, r#"unknown scale word "bil": write "bn" or "billion""#);
    let (why, _) = reason("6.3 mil USD", E);
    assert_eq!(why, r#"unknown scale word "mil": write "m" or "million""#);
    let (why, _) = reason("USD 6.3 zillion", E);
    assert!(
        why.starts_with(r#"unknown word "zillion" after the number"#),
        "{why}"
    );
    let (why, _) = reason("6,3 mily USD", Language::Turkish);
    assert_eq!(why, r#"unknown scale word "mily": write "mn" or "milyon""#);
    let (why, _) = reason("6,3 миллиар долларов", Language::Russian);
    assert_eq!(
        why,
        r#"unknown scale word "миллиар": write "млрд" or "миллиардов""#
    );
    // Two real currencies still say so.
    let (why, _) = reason("USD 5 EUR", E);
    assert!(why.starts_with("two currencies"), "{why}");
    // Regression: "a second number".
    let (why, at) = reason("6.3e9 USD", E);
    assert!(why.starts_with("exponent notation"), "{why}");
    assert!(why.contains("not accepted"), "{why}");
    assert_eq!(at, 3);
    assert!(reason("1E+6 USD", E).0.starts_with("exponent notation"));
    // Regression: said nothing about decimal commas.
    let (why, _) = reason("1 234,5 EUR", E);
    assert!(
        why.contains("decimal comma is not read in English"),
        "{why}"
    );
    assert!(why.contains("Money::parse_in"), "{why}");
    let (why, _) = reason("6,3 billion USD", E);
    assert!(why.contains("decimal comma"), "{why}");
    // The English "1,2,3" still points at the bad group.
    assert_eq!(reason("1,2,3 USD", E).1, 2);
    // A second number is still one.
    assert!(reason("USD 5 6", E).0.contains("a second number"));
}

// ---------------------------------------------------------------------------------------------
// The published figures, each in its own language

/// How a row of `examples/data/kaz_tur_published.csv` is read: the amount as stated (a part of the
/// `as_stated` column) and its language, or why the row holds no plain amount.
enum Row {
    Plain(Language, &'static str),
    Skip(&'static str, &'static str),
}

#[test]
fn published_figures_read_in_their_language() {
    use Language::{English as E, Russian as R, Turkish as T};
    use Row::{Plain, Skip};
    // One entry per data row, in file order: a new row must be classified here.
    let rows = [
        Plain(E, "USD 556.8 million"),
        Plain(E, "$1.235 billion"),
        Plain(E, "$0.616 billion"),
        Plain(E, "$1.851 billion"),
        Plain(E, "$2.574 billion"),
        Plain(E, "$0.729 billion"),
        Plain(E, "$3.303 billion"),
        Plain(E, "$3.229 billion"),
        Plain(E, "$4.015 billion"),
        Skip("2.595 billion", "no currency stated"),
        Skip(
            "901 billion (sic)",
            "no currency; a typo for million in the source",
        ),
        Skip("3.496 billion", "no currency stated"),
        Plain(E, "$2 bln"),
        Plain(E, "$2 billion"),
        Plain(E, "$2 billion"),
        Skip(
            "почти два миллиарда долларов",
            "amount in words (два), not digits",
        ),
        Plain(E, "$1.9 billion"),
        Plain(E, "3.9 billion Dollars"),
        Plain(T, "2,1 milyar dolar"),
        Plain(T, "939,6 milyon dolar"),
        Plain(T, "3,1 milyar dolar"),
        Plain(E, "$3 billion"),
        Plain(E, "$3 billion"),
        Plain(E, "$1.1 billion"),
        Plain(E, "$4.1 billion"),
        Plain(E, "$4.1 billion"),
        Skip("4,1 млрд", "no currency stated"),
        Plain(E, "$5.3 billion"),
        Plain(E, "$4.7 billion"),
        Plain(E, "$1.6 billion"),
        Plain(E, "$6.3 billion"),
        Plain(R, "6,3 миллиардов долларов"),
        Plain(T, "6 milyar 300 milyon dolar"),
        Skip("increased about 60%", "a growth rate, no amount"),
        Skip("5.9 billion for 11 months", "no currency stated"),
        Plain(E, "$4 billion"),
        Plain(E, "$3.9 billion"),
        Plain(E, "$2 billion"),
        Plain(E, "$6 billion"),
        Plain(E, "$6 billion"),
        Plain(T, "3,32 milyar dolar"),
        Skip("3,9 milyar", "no currency stated"),
        Skip("1,5 milyar", "no currency stated"),
        Plain(E, "$5.4 billion"),
        Plain(E, "$10 billion"),
    ];
    let csv = include_str!("../examples/data/kaz_tur_published.csv");
    let data: Vec<Vec<String>> = csv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(split_csv)
        .collect();
    assert_eq!(
        data.len(),
        rows.len(),
        "every row of the file is classified"
    );
    let (mut read_rows, mut skipped) = (0, 0);
    for (fields, row) in data.iter().zip(&rows) {
        let (as_stated, value_usd) = (&fields[3], &fields[2]);
        match row {
            Plain(lang, amount) => {
                assert!(
                    as_stated.contains(amount),
                    "{amount:?} not in {as_stated:?}"
                );
                let m = read(amount, *lang);
                assert_eq!(m, Money::new(d(value_usd), Currency::USD), "{as_stated:?}");
                read_rows += 1;
            }
            Skip(snippet, why) => {
                assert!(
                    as_stated.contains(snippet),
                    "{snippet:?} not in {as_stated:?}"
                );
                assert!(!why.is_empty());
                // A skipped row is one that no language reads as an amount in US dollars.
                for lang in Language::ALL {
                    let m = Money::parse_in(snippet, lang);
                    assert!(m.is_err(), "{snippet:?} ({why}) reads in {lang} as {m:?}");
                }
                skipped += 1;
            }
        }
    }
    assert_eq!((read_rows, skipped), (36, 9));
}

/// Splits one CSV line with double-quoted fields (no quotes inside quotes in this file).
fn split_csv(line: &str) -> Vec<String> {
    let mut fields = vec![String::new()];
    let mut quoted = false;
    for c in line.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => fields.push(String::new()),
            c => fields.last_mut().unwrap().push(c),
        }
    }
    fields
}

// ---------------------------------------------------------------------------------------------
// No panics

proptest! {
    #[test]
    fn parse_in_never_panics(s in "\\PC{0,40}", lang in 0usize..4) {
        let _ = Money::parse_in(&s, Language::ALL[lang]);
    }

    #[test]
    fn parse_in_never_panics_on_money_like_text(
        s in "[-+−(]?[$€₺₸ ]{0,2}[0-9 ,.\u{a0}\u{202f}]{0,20}[ )]?[ a-zA-Zа-яА-ЯңғүұқөһіәıİşçğöüÜ.]{0,16}[)]?",
        lang in 0usize..4,
    ) {
        let _ = Money::parse_in(&s, Language::ALL[lang]);
    }
}
