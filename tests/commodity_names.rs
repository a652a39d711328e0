//! HS 2022 names of commodity codes: every row of the source table, the sections, the edition
//! rule (a code read in another edition gets no 2022 name), the word search, and the Comtrade
//! reader carrying the edition of `classificationCode`.
//!
//! The reference is `tools/data/hs2022_codes.csv` and `hs2022_sections.csv`, read here
//! independently of the generator (repository datasets/harmonized-system 2022.0, data from UN
//! Comtrade's classification API; ODC-PDDL-1.0, public domain).

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::hash::{BuildHasher, RandomState};

use proptest::prelude::*;

use tradestat::commodity::{Commodity, HsEdition, HsSection};
use tradestat::io::comtrade::ComtradeReader;
use tradestat::TradeRecord;

fn hs(code: &str) -> Commodity {
    Commodity::hs(code).unwrap()
}

/// The rows of a CSV file with quoted fields (no quote inside a quoted field in these files).
fn csv_rows(path: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.trim_start_matches('\u{feff}');
    let mut rows = Vec::new();
    for line in text.lines().skip(1) {
        let mut fields = Vec::new();
        let mut field = String::new();
        let mut quoted = false;
        for c in line.chars() {
            match c {
                '"' => quoted = !quoted,
                ',' if !quoted => fields.push(std::mem::take(&mut field)),
                _ => field.push(c),
            }
        }
        fields.push(field);
        rows.push(fields);
    }
    rows
}

fn source_codes() -> Vec<Vec<String>> {
    csv_rows(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tools/data/hs2022_codes.csv"
    ))
}

#[test]
fn every_code_of_the_source_has_its_description_and_section() {
    let rows = source_codes();
    let mut by_level: BTreeMap<&str, usize> = BTreeMap::new();
    let sections: BTreeMap<String, HsSection> = HsSection::all()
        .map(|s| (s.numeral().to_owned(), s))
        .collect();
    for row in &rows {
        let [section, code, description, _parent, level] = &row[..] else {
            panic!("{row:?}");
        };
        if code == "TOTAL" {
            continue;
        }
        *by_level.entry(level.as_str()).or_default() += 1;
        let c = hs(code);
        assert_eq!(c.description(), Some(description.as_str()), "{code}");
        // Read as HS 2022 explicitly: the same text.
        assert_eq!(
            c.with_edition(HsEdition::Hs2022).description(),
            Some(description.as_str())
        );
        let expected = sections.get(section).copied(); // "TOTAL" for chapter 99: none
        assert_eq!(c.section(), expected, "{code}");
    }
    // 97 chapters (01-97 without 77, and Comtrade's 99), 1,229 headings, 5,613 subheadings.
    assert_eq!(
        by_level,
        BTreeMap::from([("2", 97), ("4", 1229), ("6", 5613)])
    );
}

#[test]
fn known_names() {
    assert_eq!(
        hs("0101").description(),
        Some("Horses, asses, mules and hinnies; live")
    );
    assert_eq!(
        hs("010121").description(),
        Some("Horses; live, pure-bred breeding animals")
    );
    assert_eq!(
        hs("270900").description(),
        Some("Oils; petroleum oils and oils obtained from bituminous minerals, crude")
    );
    assert_eq!(
        hs("99").description(),
        Some("Commodities not specified according to kind")
    );
    assert_eq!(hs("99").section(), None);
    assert!(hs("99").is_reserved_for_national_use());
    // Chapter 98 is valid (national use) but not in the table; neither is heading 0199.
    assert_eq!(hs("98").description(), None);
    assert_eq!(hs("0199").description(), None);
    assert_eq!(Commodity::TOTAL.description(), None);
    assert_eq!(Commodity::sitc("0011").unwrap().description(), None);

    let section = hs("0101").section().unwrap();
    assert_eq!(section.numeral(), "I");
    // The source writes "live animals; animal products"; the generator capitalises it.
    assert_eq!(section.name(), "Live animals; animal products");
    assert_eq!(
        HsSection::from_number(7).unwrap().name(),
        "Plastics and articles thereof; rubber and articles thereof"
    );
}

#[test]
fn sections_match_the_source() {
    let rows = csv_rows(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tools/data/hs2022_sections.csv"
    ));
    assert_eq!(rows.len(), 21);
    for (row, section) in rows.iter().zip(HsSection::all()) {
        assert_eq!(section.numeral(), row[0]);
        // Two corrections, documented in tools/gen_hs.py: a capital first letter (I) and no
        // trailing space (VII).
        let mut name = row[1].trim().to_owned();
        name[..1].make_ascii_uppercase();
        assert_eq!(section.name(), name);
    }
}

#[test]
fn a_code_read_in_another_edition_has_no_2022_name() {
    let screens = hs("8524");
    assert_eq!(
        screens.description(),
        Some("Flat panel display modules, whether or not incorporating touch-sensitive screens")
    );
    for edition in HsEdition::ALL {
        let read = screens.with_edition(edition);
        assert_eq!(read, screens, "the edition is not part of the identity");
        assert_eq!(read.edition(), Some(edition));
        let expected = (edition == HsEdition::Hs2022).then_some(screens.description().unwrap());
        assert_eq!(read.description(), expected, "{edition}");
        // The section is the chapter's in every edition (85: XVI).
        assert_eq!(read.section().map(|s| s.numeral()), Some("XVI"));
        // Parents keep the edition.
        assert_eq!(read.parent().unwrap().edition(), Some(edition));
    }
    assert_eq!(
        format!("{:?}", screens.with_edition(HsEdition::Hs1992)),
        "Commodity(8524, H0)"
    );
    assert_eq!(format!("{screens:?}"), "Commodity(8524)");
    // The total and SITC codes never carry an edition.
    assert_eq!(
        Commodity::sitc("0011")
            .unwrap()
            .with_edition(HsEdition::Hs1992)
            .edition(),
        None
    );
}

#[test]
fn search_by_words() {
    let codes = |text: &str| -> Vec<String> {
        Commodity::search(text)
            .iter()
            .map(Commodity::code)
            .collect()
    };
    // Worked out from hs2022_codes.csv: the descriptions with a word starting "horses".
    assert_eq!(
        codes("horses"),
        ["0101", "010121", "010129", "0205", "020500", "0206", "020680", "020690", "340700"]
    );
    // Case, accents and punctuation do not matter; every word must be there.
    assert_eq!(codes("HÖRSES; live"), ["0101", "010121", "010129"]);
    assert_eq!(codes("horses live"), codes("live, Horses"));
    assert_eq!(codes("flat panel display"), codes("FLAT-PANEL displ"));
    assert!(codes("flat panel display").contains(&"8524".to_owned()));
    assert!(codes("horses zebra").is_empty());
    // In code order, which is Commodity's order.
    let found = Commodity::search("petroleum");
    assert!(found.windows(2).all(|w| w[0] < w[1]));
    assert!(found.contains(&hs("2709")) && found.contains(&hs("270900")));
    assert!(found.iter().all(|c| c.edition().is_none()));
}

fn read(text: &str) -> Vec<TradeRecord> {
    ComtradeReader::new()
        .records(text.as_bytes())
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap()
}

#[test]
fn comtrade_rows_carry_the_edition_of_classification_code() {
    let text = "reporterCode,period,freqCode,flowCode,partnerCode,cmdCode,classificationCode,primaryValue\n\
398,1995,A,X,792,8524,H0,10\n\
398,2022,A,X,792,8524,H6,20\n\
398,2022,A,X,792,0101,HS,30\n\
398,2022,A,X,792,TOTAL,H6,60\n\
398,1998,A,X,792,0011,S2,5\n";
    let got: Vec<(Commodity, Option<HsEdition>, Option<&str>)> = read(text)
        .iter()
        .map(|r| {
            let c = r.commodity();
            (c, c.edition(), c.description())
        })
        .collect();
    let screens =
        "Flat panel display modules, whether or not incorporating touch-sensitive screens";
    assert_eq!(
        got,
        [
            (hs("8524"), Some(HsEdition::Hs1992), None),
            (hs("8524"), Some(HsEdition::Hs2022), Some(screens)),
            (
                hs("0101"),
                None,
                Some("Horses, asses, mules and hinnies; live")
            ),
            (Commodity::TOTAL, None, None),
            (Commodity::sitc("0011").unwrap(), None, None),
        ]
    );
    // Without the column: HS without an edition, read as HS 2022.
    let text =
        "reporterCode,period,flowCode,partnerCode,cmdCode,primaryValue\n398,2022,X,792,8524,1\n";
    let c = read(text)[0].commodity();
    assert_eq!((c.edition(), c.description()), (None, Some(screens)));
}

#[cfg(feature = "json")]
#[test]
fn comtrade_json_rows_carry_the_edition_too() {
    use tradestat::io::comtrade_json::ComtradeJsonReader;
    let body = r#"{"data":[{"period":"1995","reporterCode":398,"flowCode":"X","partnerCode":792,"cmdCode":"8524","classificationCode":"H0","primaryValue":10}]}"#;
    let got = ComtradeJsonReader::new()
        .records(body.as_bytes())
        .unwrap()
        .collect::<Result<Vec<_>, _>>()
        .unwrap();
    let c = got[0].commodity();
    assert_eq!(c.edition(), Some(HsEdition::Hs1992));
    assert_eq!(c.description(), None);
}

/// A data set holds each code once: a code reported in several editions keeps the oldest, so it
/// has a 2022 name only when every row was HS 2022 (or named no edition). Both row orders.
#[test]
fn a_data_set_names_a_code_only_if_every_row_was_hs_2022() {
    use tradestat::{Country, Currency, Flow, Money, Period, TradeData};
    let row = |year: i32, code: &str, edition: Option<HsEdition>| {
        let c = hs(code);
        let c = edition.map_or(c, |e| c.with_edition(e));
        TradeRecord::new(
            Country::KAZ,
            Country::TUR,
            Period::year(year).unwrap(),
            Flow::Export,
            Money::new(tradestat::Decimal::ONE, Currency::USD),
        )
        .with_commodity(c)
    };
    let products = |rows: Vec<TradeRecord>, year: i32| -> Vec<(String, Option<HsEdition>)> {
        let data = TradeData::from_records(rows).unwrap();
        data.products(Country::KAZ, Country::TUR, Period::year(year).unwrap())
            .into_iter()
            .filter(|c| !c.is_total())
            .map(|c| (c.code(), c.edition()))
            .collect()
    };
    let old = row(1995, "8524", Some(HsEdition::Hs1992));
    let new = row(2022, "8524", Some(HsEdition::Hs2022));
    let plain = row(2023, "8524", None);
    for rows in [vec![old, new], vec![new, old]] {
        // Asked for 2022 alone, the code still stands for the whole series: HS 1992, no name.
        assert_eq!(
            products(rows, 2022),
            [("8524".to_owned(), Some(HsEdition::Hs1992))]
        );
    }
    for rows in [vec![new, plain], vec![plain, new]] {
        let data = TradeData::from_records(rows).unwrap();
        let got = data.products(Country::KAZ, Country::TUR, Period::year(2023).unwrap());
        let heading = got.iter().find(|c| c.code() == "8524").unwrap();
        assert!(heading
            .description()
            .is_some_and(|d| d.starts_with("Flat panel")));
    }
}

/// Any valid HS code (chapters 01-99 but 77, headings and subheadings from 01) read in any
/// edition: equal to the plain code with the same hash, order and section; named only in HS 2022
/// (the same name as the plain code); found by the first word of its name.
fn any_hs_code() -> impl Strategy<Value = Commodity> {
    (1_u32..100, 1_u32..100, 0_u32..100, 0_usize..3)
        .prop_filter("chapter 77 does not exist", |(chapter, ..)| *chapter != 77)
        .prop_map(|(chapter, heading, sub, level)| {
            let text = format!("{chapter:02}{heading:02}{sub:02}");
            hs(&text[..2 + 2 * level])
        })
}

fn any_edition() -> impl Strategy<Value = HsEdition> {
    proptest::sample::select(HsEdition::ALL.to_vec())
}

proptest! {
    // Each case searches the 6,939 names once: 64 cases keep the debug run short.
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn the_edition_decides_the_name_and_nothing_else(
        code in any_hs_code(),
        edition in any_edition(),
    ) {
        let read = code.with_edition(edition);
        let hasher = RandomState::new();
        prop_assert_eq!(read, code);
        prop_assert_eq!(read.cmp(&code), std::cmp::Ordering::Equal);
        prop_assert_eq!(hasher.hash_one(read), hasher.hash_one(code));
        prop_assert_eq!(read.section(), code.section());
        prop_assert_eq!(read.to_string(), code.to_string());
        let expected = if edition == HsEdition::Hs2022 { code.description() } else { None };
        prop_assert_eq!(read.description(), expected);
        // A found code's name holds every word searched for (the first word of its name).
        if let Some(name) = code.description() {
            let word: String = name.chars().take_while(|c| c.is_ascii_alphanumeric()).collect();
            if !word.is_empty() {
                prop_assert!(Commodity::search(&word).contains(&code));
            }
        }
    }
}
