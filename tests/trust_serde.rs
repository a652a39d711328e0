//! serde errors say which field is wrong and what it expects, and a misspelt field is refused by
//! name; valid JSON still round-trips. One table over every struct serde reads in the crate.
#![cfg(feature = "serde")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::fmt::Debug;

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Value};
use tradestat::fx::Rates;
use tradestat::group::Role;
use tradestat::io::{RejectedKey, Rejection};
use tradestat::{
    projection, Assessment, Asymmetry, Commodity, Country, Currency, Flags, Flow, Group, Measure,
    Money, PairAsymmetry, Period, Reporting, Series, Target, TradeRecord,
};

fn period(s: &str) -> Period {
    s.parse().unwrap()
}

fn money(s: &str) -> Money {
    s.parse().unwrap()
}

/// 4.1, 5.0 and 6.3 billion USD in 2020-2022.
fn observed() -> Series {
    Series::from_pairs([
        (period("2020"), money("4.1 billion USD")),
        (period("2021"), money("5.0 billion USD")),
        (period("2022"), money("6.3 billion USD")),
    ])
    .unwrap()
}

/// From 6.3 billion USD in 2022 to 10 billion by 2030.
fn target() -> Target {
    Target::new(
        period("2022"),
        money("6.3 billion USD"),
        money("10 billion USD"),
        period("2030"),
    )
    .unwrap()
}

fn error_of<T: DeserializeOwned + Debug>(json: &str) -> String {
    match serde_json::from_str::<T>(json) {
        Ok(v) => panic!("{json} was read as {v:?}"),
        Err(e) => e.to_string(),
    }
}

// --- The issue's two cases ---------------------------------------------------------------------

#[test]
fn a_wrong_base_value_names_the_field_and_the_form() {
    let json = r#"{"base_period": "2022", "base_value": "$6.3bn",
        "goal": {"amount": "10000000000", "currency": "USD"}, "deadline": "2030"}"#;
    // Before: `invalid type: string "$6.3bn", expected struct Repr at line 1 column 50`.
    assert_eq!(
        error_of::<Target>(json),
        "field `base_value`: invalid type: string \"$6.3bn\", expected money as \
         {\"amount\": \"6300000000\", \"currency\": \"USD\"} at line 1 column 46"
    );
}

#[test]
fn a_misspelt_deadline_is_named() {
    let json = r#"{"base_period": "2022", "base_value": {"amount": "6300000000", "currency": "USD"},
        "goal": {"amount": "10000000000", "currency": "USD"}, "dedline": "2030"}"#;
    // Before: `missing field `deadline``, which does not say that `dedline` was there.
    assert_eq!(
        error_of::<Target>(json),
        "unknown field `dedline`, expected one of `base_period`, `base_value`, `goal`, \
         `deadline` at line 2 column 71"
    );
}

#[test]
fn errors_inside_a_field_give_its_path() {
    let json = r#"{"base_period": "2022", "base_value": {"amount": 6.3, "currency": "USD"},
        "goal": {"amount": "10000000000", "currency": "USD"}, "deadline": "2030"}"#;
    assert!(error_of::<Target>(json).starts_with(
        "field `base_value.amount`: amount given as the JSON number 6.3: a number with a \
         fraction or an exponent"
    ));
    let json = r#"{"currency": "USD", "values": [["2021", "4"], ["2022", "x5"]]}"#;
    assert!(
        error_of::<Series>(json).starts_with("field `values[1]`: cannot read amount from \"x5\""),
        "{}",
        error_of::<Series>(json)
    );
    let json = r#"{"name": "G", "memberships": [{"area": "KAZ", "role": "member", "from": null,
        "until": null}, {"area": "TUR", "role": "chair", "from": null, "until": null}]}"#;
    let err = error_of::<Group>(json);
    assert!(
        err.starts_with(
            "field `memberships[1].role`: cannot read role from \"chair\" at byte 0: expected \
             member, suspended, associate, observer or participant"
        ),
        "{err}"
    );
}

#[test]
fn a_missing_optional_field_still_reads_as_none() {
    // `required` and `reached_in` of an assessment, the dates of a membership: written as null,
    // and before this change also read when left out.
    let assessment = target().assess(&observed()).unwrap();
    let mut value = serde_json::to_value(assessment).unwrap();
    let object = value.as_object_mut().unwrap();
    object.remove("required");
    object.remove("reached_in");
    let back: Assessment = serde_json::from_value(value).unwrap();
    assert_eq!((back.required, back.reached_in), (None, None));
    let json = r#"{"name": "G", "memberships": [{"area": "KAZ", "role": "member"}]}"#;
    let group: Group = serde_json::from_str(json).unwrap();
    assert_eq!(group.members_in(period("2022")), [Country::KAZ.into()]);
}

// --- The table ---------------------------------------------------------------------------------

/// One type serde reads: a valid value's JSON, and how to read JSON back into that type and
/// write it again.
struct Case {
    name: &'static str,
    json: Value,
    reread: fn(&str) -> Result<Value, String>,
}

fn reread<T: Serialize + DeserializeOwned>(json: &str) -> Result<Value, String> {
    let value: T = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(serde_json::to_value(&value).unwrap())
}

fn case<T: Serialize + DeserializeOwned>(name: &'static str, value: &T) -> Case {
    Case {
        name,
        json: serde_json::to_value(value).unwrap(),
        reread: reread::<T>,
    }
}

fn cases() -> Vec<Case> {
    let record = TradeRecord::new(
        Country::KAZ,
        Country::TUR,
        period("2022"),
        Flow::Export,
        money("4.7 billion USD"),
    )
    .with_commodity(Commodity::hs("2709").unwrap())
    .with_flags(Flags::ESTIMATED)
    .with_reporting(Reporting::Single);
    let group = Group::custom("Steppe group")
        .abbreviation("SG")
        .source("founding treaty")
        .member(Country::KAZ, None, None)
        .member(
            Country::TUR,
            chrono::NaiveDate::from_ymd_opt(2009, 10, 3),
            None,
        )
        .role(
            tradestat::group::Party::Unlisted("Northern province".to_owned()),
            Role::Observer,
            None,
            None,
        )
        .build()
        .unwrap();
    let mut rates = Rates::new();
    rates
        .insert(
            Currency::EUR,
            Currency::USD,
            period("2022"),
            "1.05".parse().unwrap(),
        )
        .unwrap();
    let asymmetry = Asymmetry::new(
        period("2022"),
        Measure::Exports,
        money("4.1 billion USD"),
        money("5.3 billion USD"),
    );
    let gappy = Series::with_gaps([
        (period("2020"), money("4.1 billion USD")),
        (period("2022"), money("6.3 billion USD")),
    ])
    .unwrap();
    vec![
        case("Money", &money("6.3 billion USD")),
        case("Series", &observed()),
        case("Series with gaps", &gappy),
        case("Target", &target()),
        case(
            "Progress",
            &target()
                .progress(&money("8 billion USD"), period("2025"))
                .unwrap(),
        ),
        case("Assessment", &target().assess(&observed()).unwrap()),
        case("TrendFit", &projection::trend(&observed()).unwrap()),
        case("TradeRecord", &record),
        case("Group", &group),
        case("Rates", &rates),
        case("Asymmetry", &asymmetry),
        case(
            "PairAsymmetry",
            &PairAsymmetry {
                reporter: Country::KAZ.into(),
                partner: Country::TUR.into(),
                asymmetry,
            },
        ),
        case(
            "Rejection",
            &Rejection {
                line: 7,
                column: "primaryValue".to_owned(),
                value: "1,5".to_owned(),
                reason: "not a number".to_owned(),
            },
        ),
        case(
            "RejectedKey",
            &RejectedKey {
                line: 7,
                reporter: Some(Country::KAZ.into()),
                partner: None,
                period: Some(period("2022")),
                flow: Some(Flow::Export),
                commodity: None,
            },
        ),
    ]
}

/// A place in a JSON document where a field's value sits: the path to the object holding it
/// (keys and indexes) and the field's name; `shown` is the path the error should give.
#[derive(Debug, Clone)]
struct Place {
    steps: Vec<Step>,
    field: String,
    shown: String,
}

#[derive(Debug, Clone)]
enum Step {
    Key(String),
    Index(usize),
}

/// Lists whose errors give the element's index (the others give the field alone).
const INDEXED: &[&str] = &["values", "memberships"];

/// Every field of every object in `json`, nested ones included, with the path its error gives.
fn places(json: &Value, steps: &[Step], shown: &str, out: &mut Vec<Place>) {
    match json {
        Value::Object(map) => {
            for (key, value) in map {
                let here = if shown.is_empty() {
                    key.clone()
                } else {
                    format!("{shown}.{key}")
                };
                out.push(Place {
                    steps: steps.to_vec(),
                    field: key.clone(),
                    shown: here.clone(),
                });
                let mut deeper = steps.to_vec();
                deeper.push(Step::Key(key.clone()));
                match value {
                    Value::Object(_) => places(value, &deeper, &here, out),
                    Value::Array(items) if INDEXED.contains(&key.as_str()) => {
                        for (i, item) in items.iter().enumerate() {
                            let mut at = deeper.clone();
                            at.push(Step::Index(i));
                            places(item, &at, &format!("{here}[{i}]"), out);
                        }
                    }
                    _ => {}
                }
            }
        }
        // A list at the top (Rates): its elements' fields, without an index.
        Value::Array(items) if steps.is_empty() => {
            for (i, item) in items.iter().enumerate() {
                places(item, &[Step::Index(i)], shown, out);
            }
        }
        _ => {}
    }
}

fn object_at<'a>(json: &'a mut Value, steps: &[Step]) -> &'a mut serde_json::Map<String, Value> {
    let mut at = json;
    for step in steps {
        at = match step {
            Step::Key(k) => at.get_mut(k).unwrap(),
            Step::Index(i) => at.get_mut(*i).unwrap(),
        };
    }
    at.as_object_mut().unwrap()
}

/// What no field accepts: `true`, or, for a field that holds a bool, a string.
fn wrong_value(current: &Value) -> Value {
    match current {
        Value::Bool(_) => json!("yes"),
        _ => json!(true),
    }
}

#[test]
fn valid_json_round_trips() {
    for case in cases() {
        let text = case.json.to_string();
        let back = (case.reread)(&text).unwrap_or_else(|e| panic!("{}: {e}\n{text}", case.name));
        assert_eq!(back, case.json, "{}", case.name);
    }
}

#[test]
fn a_misspelt_field_is_refused_by_name_with_the_fields_expected() {
    let mut checked = 0;
    for case in cases() {
        let mut found = Vec::new();
        places(&case.json, &[], "", &mut found);
        for place in found {
            let mut json = case.json.clone();
            let object = object_at(&mut json, &place.steps);
            let value = object.remove(&place.field).unwrap();
            let misspelt = format!("{}x", place.field);
            object.insert(misspelt.clone(), value);
            let err = (case.reread)(&json.to_string()).unwrap_err();
            let what = format!("{} {}", case.name, place.shown);
            assert!(
                err.contains(&format!("unknown field `{misspelt}`, expected ")),
                "{what}: {err}"
            );
            assert!(err.contains(&format!("`{}`", place.field)), "{what}: {err}");
            // A nested object's unknown field is named under its parent's path.
            if let Some((parent, _)) = place.shown.rsplit_once('.') {
                assert!(
                    err.starts_with(&format!("field `{parent}`: ")),
                    "{what}: {err}"
                );
            }
            checked += 1;
        }
    }
    // Every field of the 14 samples, nested ones included (counted by hand from `cases`):
    // Money 2, Series 2 x 3, Target 4 + 2 x 2, Progress 4, Assessment 11 + 2 x 4 + outlook
    // (7 + 2 x 2), TrendFit 8 + standard errors 3,
    // TradeRecord 9 + 2, Group 4 (no `as_of`: it is not frozen) + 3 memberships x 4, Rates 4,
    // Asymmetry 4 + 2 x 2, PairAsymmetry 3 + 4 + 2 x 2, Rejection 4, RejectedKey 6.
    assert_eq!(
        checked,
        2 + 6 + 8 + 4 + 30 + 11 + 11 + 16 + 4 + 8 + 11 + 4 + 6
    );
}

#[test]
fn a_wrong_value_names_the_field_and_what_it_expects() {
    for case in cases() {
        let mut found = Vec::new();
        places(&case.json, &[], "", &mut found);
        for place in found {
            let mut json = case.json.clone();
            let object = object_at(&mut json, &place.steps);
            let wrong = wrong_value(&object[&place.field]);
            object.insert(place.field.clone(), wrong);
            let err = (case.reread)(&json.to_string()).unwrap_err();
            let what = format!("{} {}", case.name, place.shown);
            assert!(
                err.starts_with(&format!("field `{}`: invalid type: ", place.shown)),
                "{what}: {err}"
            );
            let expected = err.split(", expected ").nth(1).unwrap_or("");
            assert!(
                expected.len() > 8,
                "{what}: says nothing of what it expects: {err}"
            );
            assert!(!err.contains("Repr"), "{what}: {err}");
            if std::env::var_os("SHOW_ERRORS").is_some() {
                println!("{what}: {err}");
            }
        }
    }
}

#[test]
fn a_whole_value_of_the_wrong_kind_shows_the_form() {
    for case in cases() {
        if case.json.is_array() {
            continue;
        }
        let err = (case.reread)("5").unwrap_err();
        let form = err.split(", expected ").nth(1).unwrap_or("");
        assert!(
            form.contains(" as {") || form.contains("a group with its memberships"),
            "{}: {err}",
            case.name
        );
        assert!(!err.contains("Repr"), "{}: {err}", case.name);
    }
    assert_eq!(
        error_of::<Money>("\"$6.3bn\""),
        "invalid type: string \"$6.3bn\", expected money as \
         {\"amount\": \"6300000000\", \"currency\": \"USD\"} at line 1 column 8"
    );
}

/// Text of the right kind that does not parse: the error names the field, the text, and what the
/// text should hold.
#[test]
fn bad_text_names_the_field_and_the_form() {
    let record = |field: &str, value: Value| {
        let mut json = json!({
            "reporter": "KAZ", "partner": "TUR", "period": "2022", "flow": "X",
            "value": {"amount": "4700000000", "currency": "USD"}
        });
        json[field] = value;
        error_of::<TradeRecord>(&json.to_string())
    };
    let table = [
        (
            record("reporter", json!("Atlantis")),
            "field `reporter`: ",
            "expected a UN Comtrade area code (398, 0 for World), a country code (\"KAZ\") or \
             an area name",
        ),
        (
            record("partner", json!(65000)),
            "field `partner`: ",
            "expected a UN Comtrade area code",
        ),
        (
            record("period", json!("2022-13")),
            "field `period`: ",
            "expected",
        ),
        (
            record("flow", json!("sideways")),
            "field `flow`: ",
            "expected",
        ),
        (
            record("value", json!({"amount": "1,5", "currency": "USD"})),
            "field `value.amount`: ",
            "expected only digits and one decimal point",
        ),
        (
            record("value", json!({"amount": "15", "currency": "USX"})),
            "field `value.currency`: unknown currency \"USX\"",
            ": expected an ISO 4217 alphabetic currency code (or a symbol or name)",
        ),
        (
            error_of::<Assessment>(
                &json!({"status": "late", "trend": "0.05", "required": null,
                    "projected": {"amount": "1", "currency": "USD"},
                    "gap": {"amount": "1", "currency": "USD"}, "reached_in": null})
                .to_string(),
            ),
            "field `status`: unknown variant `late`",
            "expected one of `ahead`, `on_track`, `slipping_back`, `behind`",
        ),
        (
            error_of::<tradestat::Frequency>("true"),
            "invalid type: boolean `true`",
            "expected a frequency: \"annual\", \"quarterly\" or \"monthly\"",
        ),
        (
            error_of::<Country>("\"Atlantis\""),
            "unknown country",
            "expected an ISO 3166-1 code (\"KAZ\", \"KZ\", 398) or a country name",
        ),
    ];
    for (err, start, expects) in table {
        assert!(err.starts_with(start), "{err}\ndoes not start with {start}");
        assert!(err.contains(expects), "{err}\ndoes not say {expects}");
    }
}

/// The serde form of enums read by name is unchanged: every variant round-trips.
#[test]
fn enums_read_by_name_round_trip() {
    use tradestat::{Frequency, Status};
    for (status, name) in [
        (Status::Ahead, "\"ahead\""),
        (Status::OnTrack, "\"on_track\""),
        (Status::SlippingBack, "\"slipping_back\""),
        (Status::Behind, "\"behind\""),
    ] {
        assert_eq!(serde_json::to_string(&status).unwrap(), name);
        assert_eq!(serde_json::from_str::<Status>(name).unwrap(), status);
    }
    for (frequency, name) in [
        (Frequency::Annual, "\"annual\""),
        (Frequency::Quarterly, "\"quarterly\""),
        (Frequency::Monthly, "\"monthly\""),
    ] {
        assert_eq!(serde_json::to_string(&frequency).unwrap(), name);
        assert_eq!(serde_json::from_str::<Frequency>(name).unwrap(), frequency);
    }
}

mod trend_fit {
    use super::*;
    use proptest::prelude::*;
    use tradestat::projection::TrendFit;
    use tradestat::Decimal;

    fn fit_of(values: &[i64]) -> TrendFit {
        let values: Vec<Decimal> = values.iter().map(|v| Decimal::new(*v, 2)).collect();
        let series = Series::from_values(period("2000"), &values, Currency::USD).unwrap();
        projection::trend(&series).unwrap()
    }

    /// The fit of 4.1, 5.0 and 6.3 billion did not read back: its growth comes from the unrounded
    /// slope, and the check compared it with exp of the rounded slope to the last digit.
    #[test]
    fn a_fit_of_real_figures_reads_back() {
        let fit = projection::trend(&observed()).unwrap();
        let json = serde_json::to_string(&fit).unwrap();
        assert_eq!(serde_json::from_str::<TrendFit>(&json).unwrap(), fit);
    }

    /// A growth that is not the slope's is still refused, even when it differs only in the 20th
    /// significant digit.
    #[test]
    fn a_growth_that_is_not_the_slopes_is_refused() {
        let fit = projection::trend(&observed()).unwrap();
        let mut json = serde_json::to_value(&fit).unwrap();
        let growth: Decimal = json["growth"].as_str().unwrap().parse().unwrap();
        json["growth"] = json!((growth + Decimal::new(1, 20)).to_string());
        let err = serde_json::from_value::<TrendFit>(json)
            .unwrap_err()
            .to_string();
        assert!(err.contains("is not exp("), "{err}");
    }

    proptest! {
        /// Any fit `trend` makes, rising or falling, reads back equal to itself.
        #[test]
        fn every_fit_reads_back(
            values in prop::collection::vec(1_i64..=1_000_000_000_000, 2..8),
            falling in any::<bool>(),
        ) {
            let mut values = values;
            values.sort_unstable();
            if falling {
                values.reverse();
            }
            let fit = fit_of(&values);
            let json = serde_json::to_string(&fit).unwrap();
            let back = serde_json::from_str::<TrendFit>(&json);
            prop_assert_eq!(back.as_ref().ok(), Some(&fit), "{:?} {}", back, json);
        }
    }
}
