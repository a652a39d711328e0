use super::*;
use crate::country::Country;
use proptest::prelude::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn p(s: &str) -> Period {
    s.parse().unwrap()
}

fn eu() -> Group {
    "EU".parse().unwrap()
}

fn codes(areas: &[Area]) -> Vec<String> {
    areas
        .iter()
        .map(|a| match a {
            Area::Country(c) => c.alpha3().to_owned(),
            other => other.comtrade_code().to_string(),
        })
        .collect()
}

#[test]
fn names_and_abbreviations_find_the_builtins() {
    for (text, abbreviation) in [
        ("EU", "EU"),
        ("eu", "EU"),
        ("European Union", "EU"),
        ("EUROPEAN UNION", "EU"),
        ("EEC", "EU"),
        ("EAEU", "EAEU"),
        ("Eurasian Economic Union", "EAEU"),
        ("EEU", "EAEU"),
        ("OTS", "OTS"),
        ("Organization of Turkic States", "OTS"),
        ("Turkic Council", "OTS"),
        ("CIS", "CIS"),
        ("Commonwealth of Independent States", "CIS"),
        ("ASEAN", "ASEAN"),
        ("Association of Southeast Asian Nations", "ASEAN"),
        ("Mercosur", "MERCOSUR"),
        ("MERCOSUL", "MERCOSUR"),
        ("G7", "G7"),
        ("g-7", "G7"),
        ("Group of Seven", "G7"),
        ("G20", "G20"),
        ("Group of Twenty", "G20"),
    ] {
        let g: Group = text.parse().unwrap();
        assert_eq!(g.abbreviation(), Some(abbreviation), "{text}");
        assert!(g.source().is_some_and(|s| !s.is_empty()));
    }
    let err = "NAFTA".parse::<Group>().unwrap_err();
    assert_eq!(
        err,
        Error::UnknownGroup {
            input: "NAFTA".to_owned()
        }
    );
    assert!(err.to_string().contains("\"NAFTA\""));
    assert_eq!(Group::builtins().count(), 8);
    for g in Group::builtins() {
        assert_eq!(g.name().parse::<Group>().unwrap(), g);
        // The built-in tables pass the same checks as a user's.
        assert_eq!(
            validate(g.name(), g.memberships().to_vec()).unwrap(),
            g.memberships()
        );
    }
}

#[test]
fn eu_accessions_one_by_one() {
    let eu = eu();
    let count = |y: i32| eu.members_on(day(y, 12, 31)).len();
    // Six founders plus the Belgium-Luxembourg statistical area (58) from 1958.
    assert_eq!(count(1957), 0);
    assert_eq!(
        codes(&eu.members_on(day(1958, 1, 1))),
        ["BEL", "FRA", "ITA", "LUX", "NLD", "280", "58"]
    );
    // 1973: Denmark, Ireland, the United Kingdom and Greenland (with Denmark).
    assert_eq!(count(1972), 7);
    assert_eq!(count(1973), 11);
    // Greenland left on 1985-02-01: member on 1985-01-31, not on 1985-02-01.
    assert!(eu.contains_on(Country::GRL, day(1985, 1, 31)));
    assert!(!eu.contains_on(Country::GRL, day(1985, 2, 1)));
    assert!(eu.contains(Country::GRL, p("1985-01")));
    assert!(!eu.contains(Country::GRL, p("1985-Q1")));
    assert!(eu.contains(Country::GRL, p("1984")));
    assert!(!eu.contains(Country::GRL, p("1985")));
    assert!(!eu.contains(Country::GRL, p("1972")));
    assert_eq!(count(1985), 11); // 7 + Denmark, Ireland, the UK + Greece (1981)
    assert_eq!(count(1981), 12); // the same with Greenland
    assert_eq!(count(1986), 13); // + Spain and Portugal
                                 // Reunification: West Germany until 1990-10-02, Germany from 1990-10-03.
    assert!(eu.contains_on(Area::WestGermany, day(1990, 10, 2)));
    assert!(!eu.contains_on(Area::WestGermany, day(1990, 10, 3)));
    assert!(eu.contains_on(Country::DEU, day(1990, 10, 3)));
    assert!(!eu.contains_on(Country::DEU, day(1990, 10, 2)));
    assert!(eu.contains(Area::WestGermany, p("1990-Q3")));
    assert!(eu.contains(Country::DEU, p("1990-Q4")));
    assert!(!eu.contains(Area::WestGermany, p("1990")));
    assert_eq!(count(1990), 13);
    assert_eq!(count(1994), 13);
    assert_eq!(count(1995), 16); // + Austria, Finland, Sweden
                                 // Belgium-Luxembourg's joint statistics end with 1998.
    assert!(eu.contains(Area::BelgiumLuxembourg, p("1998")));
    assert!(!eu.contains(Area::BelgiumLuxembourg, p("1999")));
    assert_eq!(count(1998), 16);
    assert_eq!(count(1999), 15); // the EU15, countries only from here on
                                 // 2004-05-01: ten more.
    assert_eq!(eu.members_in(p("2004-04")).len(), 15);
    assert_eq!(eu.members_in(p("2004-05")).len(), 25);
    assert!(!eu.contains(Country::POL, p("2004-Q1")));
    assert!(eu.contains(Country::POL, p("2004-Q2")));
    assert_eq!(count(2007), 27);
    assert_eq!(count(2012), 27);
    assert_eq!(count(2013), 28);
    assert_eq!(count(2019), 28);
    assert_eq!(count(2020), 27);
    assert_eq!(count(2025), 27);
    // 28 countries were members at some time, and Greenland, West Germany (280) and
    // Belgium-Luxembourg (58).
    assert_eq!(eu.all_members().len(), 28 + 3);
}

#[test]
fn croatia_2013_under_the_last_day_rule() {
    let eu = eu();
    assert!(eu.contains(Country::HRV, p("2013")));
    assert!(eu.contains(Country::HRV, p("2013-Q3")));
    assert!(!eu.contains(Country::HRV, p("2013-Q2")));
    assert!(!eu.contains(Country::HRV, p("2013-06")));
    assert!(eu.contains(Country::HRV, p("2013-07")));
    assert!(!eu.contains(Country::HRV, p("2012")));
    assert!(!eu.contains_on(Country::HRV, day(2013, 6, 30)));
    assert!(eu.contains_on(Country::HRV, day(2013, 7, 1)));
}

#[test]
fn united_kingdom_2020_under_the_last_day_rule() {
    let eu = eu();
    assert!(eu.contains(Country::GBR, p("2020-01")));
    assert!(!eu.contains(Country::GBR, p("2020-02")));
    assert!(!eu.contains(Country::GBR, p("2020-Q1")));
    assert!(!eu.contains(Country::GBR, p("2020")));
    assert!(eu.contains(Country::GBR, p("2019")));
    assert!(eu.contains(Country::GBR, p("2019-Q4")));
    assert!(eu.contains(Country::GBR, p("1973")));
    assert!(!eu.contains(Country::GBR, p("1972")));
    assert!(eu.contains_on(Country::GBR, day(2020, 1, 31)));
    assert!(!eu.contains_on(Country::GBR, day(2020, 2, 1)));
    // The mirror case: a member that never left stays in.
    assert!(eu.contains(Country::FRA, p("2020")));
}

#[test]
fn as_of_freezes_one_day() {
    let eu27 = eu().as_of(day(2020, 2, 1));
    assert_eq!(eu27.frozen_at(), Some(day(2020, 2, 1)));
    let members = codes(&eu27.members_in(p("1960")));
    assert_eq!(
        members,
        [
            "AUT", "BEL", "BGR", "CYP", "CZE", "DEU", "DNK", "ESP", "EST", "FIN", "FRA", "GRC",
            "HRV", "HUN", "IRL", "ITA", "LTU", "LUX", "LVA", "MLT", "NLD", "POL", "PRT", "ROU",
            "SVK", "SVN", "SWE"
        ]
    );
    assert_eq!(eu27.members_on(day(2100, 1, 1)), eu27.members_in(p("1960")));
    assert!(!eu27.contains(Country::GBR, p("2010")));
    assert!(!eu27.contains(Area::WestGermany, p("1980")));
    // Freezing twice keeps the first day.
    assert_eq!(eu27.as_of(day(2000, 1, 1)), eu27);
    // EU28 as of 2019: the United Kingdom in, all the time.
    let eu28 = eu().as_of(day(2019, 12, 31));
    assert_eq!(eu28.members_in(p("2024")).len(), 28);
    assert!(eu28.contains(Country::GBR, p("2024")));
    // Observers stay observers when frozen.
    let ots = Group::organization_of_turkic_states().as_of(day(2023, 1, 1));
    assert_eq!(
        ots.role_on(Country::TKM, day(1990, 1, 1)),
        Some(Role::Observer)
    );
    assert_eq!(ots.members_in(p("1990")).len(), 5);
}

#[test]
fn eaeu_dates() {
    let g: Group = "EAEU".parse().unwrap();
    assert_eq!(codes(&g.members_on(day(2015, 1, 1))), ["BLR", "KAZ", "RUS"]);
    assert_eq!(
        codes(&g.members_on(day(2015, 1, 2))),
        ["ARM", "BLR", "KAZ", "RUS"]
    );
    assert!(!g.contains(Country::KGZ, p("2015-07")));
    assert!(g.contains(Country::KGZ, p("2015-08")));
    assert!(!g.contains(Country::KGZ, p("2015-Q2")));
    assert!(g.contains(Country::KGZ, p("2015-Q3")));
    assert!(!g.contains(Country::KAZ, p("2014")));
    assert_eq!(g.members_in(p("2015")).len(), 5);
}

#[test]
fn ots_members_and_observers_told_apart() {
    let g: Group = "OTS".parse().unwrap();
    assert_eq!(
        codes(&g.members_in(p("2009"))),
        ["AZE", "KAZ", "KGZ", "TUR"]
    );
    assert!(!g.contains(Country::KAZ, p("2009-Q3")));
    assert!(g.contains(Country::KAZ, p("2009-Q4")));
    assert!(!g.contains(Country::UZB, p("2019-09")));
    assert!(g.contains(Country::UZB, p("2019-10")));
    assert!(g.contains(Country::UZB, p("2019")));
    for (observer, since) in [
        (Country::HUN, day(2018, 9, 3)),
        (Country::TKM, day(2021, 11, 12)),
    ] {
        assert_eq!(g.role_on(observer, since), Some(Role::Observer));
        assert_eq!(g.role_on(observer, since.pred_opt().unwrap()), None);
        assert!(!g.contains(observer, p("2024")));
        assert!(!g.members_in(p("2024")).contains(&Area::Country(observer)));
    }
    let cyprus: Vec<&Membership> = g
        .memberships_on(day(2023, 1, 1))
        .filter(|m| m.area().is_none())
        .collect();
    assert_eq!(cyprus.len(), 1);
    assert_eq!(
        cyprus[0].party(),
        &Party::Unlisted("Northern Cyprus".to_owned())
    );
    assert_eq!(cyprus[0].role(), Role::Observer);
    assert_eq!(cyprus[0].from(), Some(day(2022, 11, 11)));
    assert_eq!(g.memberships_on(day(2022, 11, 10)).count(), 7);
    assert_eq!(g.memberships_on(day(2022, 11, 11)).count(), 8);
    // Cyprus (the ISO country) has nothing to do with it.
    assert_eq!(g.role_on(Country::CYP, day(2023, 1, 1)), None);
}

#[test]
fn cis_statuses() {
    let g: Group = "CIS".parse().unwrap();
    let on = |y, m, d| day(y, m, d);
    assert_eq!(g.members_in(p("2024")).len(), 9);
    assert_eq!(g.members_in(p("2008")).len(), 10); // with Georgia
    assert!(g.contains_on(Country::GEO, on(2009, 8, 17)));
    assert!(!g.contains_on(Country::GEO, on(2009, 8, 18)));
    assert!(g.contains(Country::GEO, p("2009-07")));
    assert!(!g.contains(Country::GEO, p("2009-08")));
    assert!(!g.contains(Country::GEO, p("2009")));
    assert!(!g.contains(Country::GEO, p("1993-11")));
    assert!(g.contains(Country::GEO, p("1993-12")));
    assert_eq!(
        g.role_on(Country::TKM, on(2005, 8, 25)),
        Some(Role::Participant)
    );
    assert_eq!(
        g.role_on(Country::TKM, on(2005, 8, 26)),
        Some(Role::Associate)
    );
    assert_eq!(
        g.role_on(Country::UKR, on(2018, 5, 18)),
        Some(Role::Participant)
    );
    assert_eq!(g.role_on(Country::UKR, on(2018, 5, 19)), None);
    assert!(!g.contains(Country::UKR, p("2000")));
    assert!(!g.contains(Country::TKM, p("2000")));
    assert!(!g.contains(Country::AZE, p("1992")));
    assert!(g.contains(Country::AZE, p("1993")));
    assert!(g.contains(Country::MDA, p("2025")));
}

#[test]
fn asean_accessions() {
    let g: Group = "asean".parse().unwrap();
    assert_eq!(g.members_in(p("1967")).len(), 5);
    assert_eq!(g.members_in(p("1983")).len(), 5);
    assert_eq!(g.members_in(p("1984")).len(), 6);
    assert_eq!(g.members_in(p("1995")).len(), 7);
    assert_eq!(g.members_in(p("1997")).len(), 9);
    assert!(!g.contains(Country::KHM, p("1999-03")));
    assert!(g.contains(Country::KHM, p("1999-04")));
    assert_eq!(g.members_in(p("2024")).len(), 10);
    assert_eq!(
        g.role_on(Country::TLS, day(2025, 10, 25)),
        Some(Role::Observer)
    );
    assert!(!g.contains(Country::TLS, p("2025-09")));
    assert!(g.contains(Country::TLS, p("2025-10")));
    assert!(g.contains(Country::TLS, p("2025")));
    assert_eq!(g.members_in(p("2025")).len(), 11);
}

#[test]
fn mercosur_suspensions_are_not_membership() {
    let g: Group = "Mercosur".parse().unwrap();
    assert_eq!(
        codes(&g.members_in(p("1991"))),
        ["ARG", "BRA", "PRY", "URY"]
    );
    // Paraguay: suspended 2012-06-29 to 2013-08-14.
    assert!(g.contains_on(Country::PRY, day(2012, 6, 28)));
    assert!(!g.contains_on(Country::PRY, day(2012, 6, 29)));
    assert_eq!(
        g.role_on(Country::PRY, day(2012, 6, 29)),
        Some(Role::Suspended)
    );
    assert!(g.contains(Country::PRY, p("2012-05")));
    assert!(!g.contains(Country::PRY, p("2012-06")));
    assert!(!g.contains(Country::PRY, p("2012")));
    assert!(!g.contains(Country::PRY, p("2013-07")));
    assert!(g.contains(Country::PRY, p("2013-08")));
    assert!(g.contains(Country::PRY, p("2013")));
    // Venezuela: member 2012-07-31, suspended from 2016-12-01.
    assert!(!g.contains(Country::VEN, p("2012-06")));
    assert!(g.contains(Country::VEN, p("2012-07")));
    assert!(g.contains(Country::VEN, p("2016-11")));
    assert!(!g.contains(Country::VEN, p("2016-12")));
    assert!(!g.contains(Country::VEN, p("2016")));
    assert_eq!(
        g.role_on(Country::VEN, day(2025, 1, 1)),
        Some(Role::Suspended)
    );
    // Bolivia from 2024-07-08.
    assert!(!g.contains(Country::BOL, p("2024-06")));
    assert!(g.contains(Country::BOL, p("2024-07")));
    assert_eq!(
        codes(&g.members_in(p("2012"))),
        ["ARG", "BRA", "URY", "VEN"]
    );
    assert_eq!(
        codes(&g.members_in(p("2024"))),
        ["ARG", "BOL", "BRA", "PRY", "URY"]
    );
}

#[test]
fn g7_and_g20() {
    let g7 = Group::g7();
    assert_eq!(g7.members_in(p("1975")).len(), 6);
    assert_eq!(g7.members_in(p("1976")).len(), 7);
    assert!(g7.contains(Area::WestGermany, p("1989")));
    assert!(g7.contains(Country::DEU, p("1991")));
    assert!(!g7.contains(Country::RUS, p("2000")));
    let g20 = Group::g20();
    assert_eq!(g20.members_in(p("2024")).len(), 19);
    assert_eq!(g20.members_in(p("1998")).len(), 0);
    assert!(!g20.contains(Area::EuropeanUnion, p("2024")));
    assert!(g20.contains(Country::TUR, p("2024")));
}

#[test]
fn custom_groups_with_dated_membership() {
    let g = Group::custom("Test union")
        .abbreviation("TU")
        .source("made up")
        .member(Country::KAZ, day(2000, 1, 1), None)
        .member(Country::TUR, day(2000, 1, 1), day(2005, 7, 1))
        .member(Country::TUR, day(2010, 1, 1), None)
        .role(Country::HUN, Role::Observer, None, None)
        .role(
            Party::Unlisted("Somewhere".to_owned()),
            Role::Observer,
            day(2001, 1, 1),
            None,
        )
        .build()
        .unwrap();
    assert_eq!(g.name(), "Test union");
    assert_eq!(g.abbreviation(), Some("TU"));
    assert_eq!(g.to_string(), "Test union");
    assert!(g.contains(Country::TUR, p("2005-Q2")));
    assert!(!g.contains(Country::TUR, p("2005-Q3")));
    assert!(!g.contains(Country::TUR, p("2005")));
    assert!(!g.contains(Country::TUR, p("2009")));
    assert!(g.contains(Country::TUR, p("2010")));
    assert!(!g.contains(Country::HUN, p("2010")));
    assert_eq!(codes(&g.all_members()), ["KAZ", "TUR"]);
    // Memberships come back sorted by party and start.
    assert_eq!(g.memberships().len(), 5);
    assert_eq!(g.memberships()[0].party(), &Party::from(Country::HUN));
}

#[test]
fn custom_groups_reject_bad_intervals() {
    let overlap = Group::custom("X")
        .member(Country::KAZ, day(2000, 1, 1), day(2010, 1, 1))
        .member(Country::KAZ, day(2009, 1, 1), None)
        .build()
        .unwrap_err();
    assert!(matches!(overlap, Error::InvalidMembership { .. }));
    assert!(overlap.to_string().contains("Kazakhstan"), "{overlap}");
    assert!(overlap.to_string().contains("overlaps"), "{overlap}");
    // Touching intervals are fine: [2000, 2010) then [2010, ...).
    assert!(Group::custom("X")
        .member(Country::KAZ, day(2000, 1, 1), day(2010, 1, 1))
        .role(Country::KAZ, Role::Suspended, day(2010, 1, 1), None)
        .build()
        .is_ok());
    // An open end overlaps anything after it.
    assert!(Group::custom("X")
        .member(Country::KAZ, day(2000, 1, 1), None)
        .member(Country::KAZ, day(2020, 1, 1), None)
        .build()
        .is_err());
    let empty = Group::custom("X")
        .member(Country::KAZ, day(2000, 1, 1), day(2000, 1, 1))
        .build()
        .unwrap_err();
    assert!(empty.to_string().contains("empty"), "{empty}");
    let backwards = Group::custom("X")
        .member(Country::KAZ, day(2001, 1, 1), day(2000, 1, 1))
        .build();
    assert!(backwards.is_err());
    let unlisted = Group::custom("X")
        .role(
            Party::Unlisted("Nowhere".to_owned()),
            Role::Member,
            None,
            None,
        )
        .build()
        .unwrap_err();
    assert!(unlisted.to_string().contains("Nowhere"), "{unlisted}");
}

#[test]
fn roles_read_and_write() {
    for r in Role::ALL {
        assert_eq!(r.to_string().parse::<Role>().unwrap(), r);
    }
    assert_eq!("Observer".parse::<Role>().unwrap(), Role::Observer);
    assert!("chair".parse::<Role>().is_err());
}

#[cfg(feature = "serde")]
#[test]
fn serde_round_trips() {
    let g = Group::custom("Test union")
        .member(Country::KAZ, day(2000, 1, 1), None)
        .member(Area::WestGermany, None, day(1990, 10, 3))
        .role(
            Party::Unlisted("Somewhere".to_owned()),
            Role::Observer,
            day(2001, 1, 1),
            None,
        )
        .build()
        .unwrap();
    let json = serde_json::to_string(&g).unwrap();
    assert_eq!(
        json,
        r#"{"name":"Test union","memberships":[{"area":"KAZ","role":"member","from":"2000-01-01","until":null},{"area":"Federal Republic of Germany (former)","role":"member","from":null,"until":"1990-10-03"},{"unlisted":"Somewhere","role":"observer","from":"2001-01-01","until":null}]}"#
    );
    assert_eq!(serde_json::from_str::<Group>(&json).unwrap(), g);
    for builtin in Group::builtins() {
        let json = serde_json::to_string(&builtin).unwrap();
        assert_eq!(serde_json::from_str::<Group>(&json).unwrap(), builtin);
        let frozen = builtin.as_of(day(2020, 2, 1));
        let json = serde_json::to_string(&frozen).unwrap();
        assert_eq!(serde_json::from_str::<Group>(&json).unwrap(), frozen);
    }
    assert_eq!(serde_json::from_str::<Group>(r#""eu""#).unwrap(), eu());
    assert!(serde_json::from_str::<Group>(r#""nafta""#).is_err());
    // Deserializing validates like the builder.
    let overlapping = r#"{"name":"X","memberships":[
        {"area":"KAZ","role":"member","from":"2000-01-01","until":null},
        {"area":"KAZ","role":"observer","from":"2001-01-01","until":null}]}"#;
    let err = serde_json::from_str::<Group>(overlapping).unwrap_err();
    assert!(err.to_string().contains("overlaps"), "{err}");
    let both = r#"{"name":"X","memberships":[
        {"area":"KAZ","unlisted":"Y","role":"member","from":null,"until":null}]}"#;
    assert!(serde_json::from_str::<Group>(both).is_err());
    let typo = r#"{"name":"X","memberships":[],"members":[]}"#;
    assert!(serde_json::from_str::<Group>(typo).is_err());
}

fn any_period() -> impl Strategy<Value = Period> {
    prop_oneof![
        (1950i32..2030).prop_map(|y| Period::year(y).unwrap()),
        (1950i32..2030, 1u8..=4).prop_map(|(y, q)| Period::quarter(y, q).unwrap()),
        (1950i32..2030, 1u8..=12).prop_map(|(y, m)| Period::month(y, m).unwrap()),
    ]
}

proptest! {
    #[test]
    fn contains_agrees_with_members_in(period in any_period(), which in 0usize..8) {
        let group = Group::builtins().nth(which).unwrap();
        let members = group.members_in(period);
        let candidates = group
            .memberships()
            .iter()
            .filter_map(Membership::area)
            .chain([Area::Country(Country::USA), Area::World, Area::Country(Country::CHN)]);
        for area in candidates {
            prop_assert_eq!(group.contains(area, period), members.contains(&area));
        }
        for area in &members {
            prop_assert!(group.contains(*area, period));
        }
        // Frozen on the period's last day, the group has that period's members in every period.
        let frozen = group.as_of(period.last_day());
        prop_assert_eq!(frozen.members_in(Period::year(1950).unwrap()), members);
    }
}
