//! Trade-data areas: reporters and partners that are not always ISO countries.
//!
//! UN Comtrade (and the IMF, which follows it) names trade partners with numeric codes that are
//! mostly ISO 3166-1 numeric, but not always:
//!
//! - six reporters have their own codes, because their trade statistics cover more territory than
//!   the ISO country: USA 842 (ISO 840), France 251 (250, with Monaco), Italy 381 (380, with San
//!   Marino and the Holy See), Norway 579 (578, with Svalbard and Jan Mayen), Switzerland 757 (756,
//!   with Liechtenstein), India 699 (356); Monaco has no code of its own (its trade is in
//!   France's), and its ISO code 492 is Comtrade's "Europe EU, n.e.s.";
//! - the world (0), and partners "not elsewhere specified" (n.e.s.) for flows whose partner is
//!   secret or unknown, of which "Other Asia, n.e.s." (490) is Taiwan in practice;
//! - bunkers, free zones and special categories (837, 838, 839), which are not places;
//! - historical entities: the USSR (810), Yugoslavia (890), Czechoslovakia (200), the two
//!   Germanies (278, 280), Belgium-Luxembourg (58), and more.
//!
//! Silently dropping or mis-mapping these codes is the most common error with Comtrade data, so
//! [`Area`] models every one of them, and [`Area::from_comtrade_code`] fails with
//! [`Error::UnmappedAreaCode`] for a code it does not know rather than guessing.
//!
//! ```
//! # use tradestat::{Area, Country};
//! assert_eq!(Area::from_comtrade_code(842)?, Area::Country(Country::USA));
//! assert_eq!(Area::from_comtrade_code(398)?, Area::Country(Country::KAZ));
//! assert_eq!(Area::from_comtrade_code(0)?, Area::World);
//! assert_eq!(Area::from_comtrade_code(490)?.likely_country(), Some(Country::TWN));
//! assert!(Area::from_comtrade_code(999).is_err());
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;
use std::sync::OnceLock;

use crate::country::{normalize, Country, MAX_NAME_BYTES};
use crate::error::{Error, Result};
use crate::period::Year;

/// A reporter or partner as trade data names it: an ISO country, the world, a "not elsewhere
/// specified" remainder, a special category, or a historical entity.
///
/// Build one from a UN Comtrade code with [`Area::from_comtrade_code`], from a [`Country`] with
/// `From`, or from text with [`str::parse`] (see [`Area::from_str`]). `Display` writes
/// [`Area::name`]. With the `serde` feature a country serializes as its alpha-3 code (`"TUR"`)
/// and any other area as its name (`"World"`, `"Other Asia, n.e.s."`); both deserialize from
/// that, from a Comtrade code given as a number, or from any text `from_str` accepts.
///
/// The enum is `#[non_exhaustive]`: more special codes may be added.
///
/// ```
/// # use tradestat::{Area, Country};
/// let usa = Area::from(Country::USA);
/// assert_eq!(usa.comtrade_code(), 842);
/// assert_eq!(usa.to_string(), "United States");
/// let nes: Area = "Areas, n.e.s.".parse()?;
/// assert_eq!(nes, Area::AreasNes);
/// assert!(nes.is_aggregate() && nes.country().is_none());
/// assert_eq!("810".parse::<Area>()?, Area::Ussr);
/// assert!(Area::Ussr.is_historical());
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Area {
    /// An ISO 3166-1 country (Comtrade uses its ISO numeric code, except 842 USA, 251 France,
    /// 381 Italy, 579 Norway, 757 Switzerland, 699 India).
    Country(Country),
    /// The whole world: the total over all partners (code 0).
    World,

    /// "Other Asia, n.e.s." (490): in practice Taiwan, which the UN does not list by name; a few
    /// reporters also book trade with unknown Asian partners here. See [`Area::likely_country`].
    OtherAsiaNes,
    /// "Areas, n.e.s." (899): partner not specified.
    AreasNes,
    /// "Other Europe, n.e.s." (568).
    OtherEuropeNes,
    /// "Other Africa, n.e.s." (577).
    OtherAfricaNes,
    /// "Rest of America, n.e.s." (636).
    RestOfAmericaNes,
    /// "North America and Central America, n.e.s." (637).
    NorthAndCentralAmericaNes,
    /// "Oceania, n.e.s." (527).
    OceaniaNes,
    /// "LAIA, n.e.s." (473): Latin American Integration Association.
    LaiaNes,
    /// "Caribbean, n.e.s." (129).
    CaribbeanNes,
    /// "Eastern Europe, n.e.s." (221).
    EasternEuropeNes,
    /// "Northern Africa, n.e.s." (290).
    NorthernAfricaNes,
    /// "CACM, n.e.s." (471): Central American Common Market.
    CacmNes,
    /// "Africa CAMEU region, n.e.s." (472): Central African customs and economic union.
    AfricaCameuNes,
    /// "Europe EU, n.e.s." (492).
    EuropeEuNes,
    /// "Europe EFTA, n.e.s." (697).
    EuropeEftaNes,
    /// "Western Asia, n.e.s." (879).
    WesternAsiaNes,
    /// The European Union as a reporter or partner (97; "EU-28" in older Comtrade lists).
    EuropeanUnion,

    /// "Bunkers" (837): fuel and stores supplied to foreign ships and aircraft.
    Bunkers,
    /// "Free Zones" (838): trade with free zones booked apart from any country.
    FreeZones,
    /// "Special Categories" (839): partners withheld, mostly for confidentiality.
    SpecialCategories,
    /// "Neutral Zone" (536): the former Saudi Arabian-Iraqi and Saudi Arabian-Kuwaiti neutral
    /// zones.
    NeutralZone,
    /// "US Misc. Pacific Islands" (849): roughly the ISO "United States Minor Outlying Islands".
    UsMiscPacificIslands,

    /// Former USSR (810), until 1991.
    Ussr,
    /// Former Socialist Federal Republic of Yugoslavia (890), until 1991.
    Yugoslavia,
    /// Serbia and Montenegro (891), 1992 to 2005.
    SerbiaAndMontenegro,
    /// Former Czechoslovakia (200), until 1992.
    Czechoslovakia,
    /// Former German Democratic Republic, East Germany (278), until 1990.
    EastGermany,
    /// Former Federal Republic of Germany, West Germany (280), until 1990.
    WestGermany,
    /// Belgium-Luxembourg (58): the customs union's joint statistics, until 1998.
    BelgiumLuxembourg,
    /// Former Democratic Yemen, South Yemen (720), until 1990.
    DemocraticYemen,
    /// Former Yemen Arab Republic, North Yemen (886), until 1990.
    YemenArabRepublic,
    /// Former Ethiopia, including Eritrea (230), until 1992.
    FormerEthiopia,
    /// Former Sudan, including South Sudan (736), until 2011.
    FormerSudan,
    /// Former Netherlands Antilles (530), until 2010.
    NetherlandsAntilles,
    /// Netherlands Antilles and Aruba (532), until 1985.
    NetherlandsAntillesAndAruba,
    /// Former Pacific Islands, the Trust Territory (582).
    PacificIslands,
    /// Southern African Customs Union (711): joint statistics until 1999.
    SouthernAfricanCustomsUnion,
    /// "USA (before 1981)" (841), until 1980.
    UsaBefore1981,
    /// Former Democratic Republic of Vietnam, North Vietnam (866), until 1975.
    NorthVietnam,
    /// Former Republic of Vietnam, South Vietnam (868), until 1975.
    SouthVietnam,
    /// East and West Pakistan (588), until 1971.
    EastAndWestPakistan,
    /// Former Federation of Rhodesia and Nyasaland (717), 1953 to 1963.
    RhodesiaNyasaland,
    /// Former Tanganyika (835), until 1963.
    Tanganyika,
    /// Former Zanzibar and Pemba (836), until 1963.
    Zanzibar,
    /// Former Panama, excluding the Canal Zone (590), until 1979.
    PanamaExclCanalZone,
    /// Former Panama Canal Zone (592), until 1979.
    PanamaCanalZone,
    /// Former Ryukyu Islands (647), until 1972.
    RyukyuIslands,
    /// Former Saint Kitts, Nevis and Anguilla (658), until 1980.
    SaintKittsNevisAnguilla,
}

/// What kind of special area a row of [`SPECIALS`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// The world, a group of countries, or a "not elsewhere specified" remainder.
    Aggregate,
    /// Not a place: bunkers, free zones, withheld partners; or a territory outside ISO 3166-1.
    Other,
    /// An entity that no longer exists.
    Historical,
    /// A group of countries that no longer reports as one.
    HistoricalAggregate,
}

/// One special (non-country) area.
struct Special {
    area: Area,
    code: u16,
    name: &'static str,
    kind: Kind,
    first_year: Option<i32>,
    last_year: Option<i32>,
    /// The one ISO country the code stands for in practice, if any.
    likely: Option<Country>,
    /// Other spellings accepted by `from_str` (Comtrade's own first).
    aliases: &'static [&'static str],
}

const fn special(
    area: Area,
    code: u16,
    name: &'static str,
    kind: Kind,
    aliases: &'static [&'static str],
) -> Special {
    Special {
        area,
        code,
        name,
        kind,
        first_year: None,
        last_year: None,
        likely: None,
        aliases,
    }
}

const fn historical(
    area: Area,
    code: u16,
    name: &'static str,
    years: (Option<i32>, Option<i32>),
    aliases: &'static [&'static str],
) -> Special {
    Special {
        area,
        code,
        name,
        kind: Kind::Historical,
        first_year: years.0,
        last_year: years.1,
        likely: None,
        aliases,
    }
}

const fn with_likely(mut s: Special, country: Country) -> Special {
    s.likely = Some(country);
    s
}

const fn as_group(mut s: Special) -> Special {
    s.kind = Kind::HistoricalAggregate;
    s
}

use Kind::{Aggregate, Other};

/// Every area that is not an ISO country, sorted by Comtrade code. Codes and names follow the UN
/// Comtrade reporter and partner lists (`reporterAreas.json`, `partnerAreas.json`); the years are
/// the political end (and start) of each entity, the span in which data under the code can exist.
static SPECIALS: [Special; 49] = [
    special(
        Area::World,
        0,
        "World",
        Aggregate,
        &["All", "Total", "World total"],
    ),
    as_group(historical(
        Area::BelgiumLuxembourg,
        58,
        "Belgium-Luxembourg",
        (None, Some(1998)),
        &["BLEU", "Belgium-Luxembourg Economic Union"],
    )),
    special(
        Area::EuropeanUnion,
        97,
        "European Union",
        Aggregate,
        &["EU", "EU-28", "EU28"],
    ),
    special(Area::CaribbeanNes, 129, "Caribbean, n.e.s.", Aggregate, &[]),
    historical(
        Area::Czechoslovakia,
        200,
        "Czechoslovakia",
        (None, Some(1992)),
        &["Fmr Czechoslovakia", "Former Czechoslovakia", "CSK"],
    ),
    special(
        Area::EasternEuropeNes,
        221,
        "Eastern Europe, n.e.s.",
        Aggregate,
        &[],
    ),
    historical(
        Area::FormerEthiopia,
        230,
        "Ethiopia (former, incl. Eritrea)",
        (None, Some(1992)),
        &["Fmr Ethiopia", "Former Ethiopia"],
    ),
    historical(
        Area::EastGermany,
        278,
        "German Democratic Republic (former)",
        (None, Some(1990)),
        &[
            "Fmr Dem. Rep. of Germany",
            "East Germany",
            "German Democratic Republic",
            "GDR",
            "DDR",
        ],
    ),
    with_likely(
        historical(
            Area::WestGermany,
            280,
            "Federal Republic of Germany (former)",
            (None, Some(1990)),
            &["Fmr Fed. Rep. of Germany", "West Germany", "FRG"],
        ),
        Country::DEU,
    ),
    special(
        Area::NorthernAfricaNes,
        290,
        "Northern Africa, n.e.s.",
        Aggregate,
        &[],
    ),
    special(Area::CacmNes, 471, "CACM, n.e.s.", Aggregate, &[]),
    special(
        Area::AfricaCameuNes,
        472,
        "Africa CAMEU region, n.e.s.",
        Aggregate,
        &[],
    ),
    special(Area::LaiaNes, 473, "LAIA, n.e.s.", Aggregate, &[]),
    with_likely(
        special(
            Area::OtherAsiaNes,
            490,
            "Other Asia, n.e.s.",
            Aggregate,
            &["Other Asia, not elsewhere specified"],
        ),
        Country::TWN,
    ),
    special(Area::EuropeEuNes, 492, "Europe EU, n.e.s.", Aggregate, &[]),
    special(
        Area::OceaniaNes,
        527,
        "Oceania, n.e.s.",
        Aggregate,
        &["Other Oceania, n.e.s."],
    ),
    historical(
        Area::NetherlandsAntilles,
        530,
        "Netherlands Antilles (former)",
        (None, Some(2010)),
        &["Neth. Antilles", "Netherlands Antilles", "ANT"],
    ),
    as_group(historical(
        Area::NetherlandsAntillesAndAruba,
        532,
        "Netherlands Antilles and Aruba (former)",
        (None, Some(1985)),
        &["Neth. Antilles and Aruba", "Netherlands Antilles and Aruba"],
    )),
    special(Area::NeutralZone, 536, "Neutral Zone", Other, &[]),
    special(
        Area::OtherEuropeNes,
        568,
        "Other Europe, n.e.s.",
        Aggregate,
        &[],
    ),
    special(
        Area::OtherAfricaNes,
        577,
        "Other Africa, n.e.s.",
        Aggregate,
        &[],
    ),
    historical(
        Area::PacificIslands,
        582,
        "Pacific Islands (former Trust Territory)",
        (None, None),
        &["Fmr Pacific Isds", "Trust Territory of the Pacific Islands"],
    ),
    historical(
        Area::EastAndWestPakistan,
        588,
        "East and West Pakistan (former)",
        (None, Some(1971)),
        &["East and West Pakistan"],
    ),
    historical(
        Area::PanamaExclCanalZone,
        590,
        "Panama, excl. Canal Zone (former)",
        (None, Some(1979)),
        &["Fmr Panama, excl.Canal Zone"],
    ),
    historical(
        Area::PanamaCanalZone,
        592,
        "Panama Canal Zone (former)",
        (None, Some(1979)),
        &["Fmr Panama-Canal-Zone", "Canal Zone"],
    ),
    special(
        Area::RestOfAmericaNes,
        636,
        "Rest of America, n.e.s.",
        Aggregate,
        &[],
    ),
    special(
        Area::NorthAndCentralAmericaNes,
        637,
        "North America and Central America, n.e.s.",
        Aggregate,
        &[],
    ),
    historical(
        Area::RyukyuIslands,
        647,
        "Ryukyu Islands (former)",
        (None, Some(1972)),
        &["Ryukyu Isd", "Ryukyu Islands"],
    ),
    historical(
        Area::SaintKittsNevisAnguilla,
        658,
        "Saint Kitts, Nevis and Anguilla (former)",
        (None, Some(1980)),
        &["Saint Kitts, Nevis and Anguilla"],
    ),
    special(
        Area::EuropeEftaNes,
        697,
        "Europe EFTA, n.e.s.",
        Aggregate,
        &[],
    ),
    as_group(historical(
        Area::SouthernAfricanCustomsUnion,
        711,
        "Southern African Customs Union",
        (None, Some(1999)),
        &["So. African Customs Union", "SACU"],
    )),
    historical(
        Area::RhodesiaNyasaland,
        717,
        "Federation of Rhodesia and Nyasaland (former)",
        (Some(1953), Some(1963)),
        &["Fmr Rhodesia Nyas", "Rhodesia and Nyasaland"],
    ),
    historical(
        Area::DemocraticYemen,
        720,
        "Democratic Yemen (former)",
        (None, Some(1990)),
        &["Fmr Dem. Yemen", "South Yemen", "Democratic Yemen"],
    ),
    historical(
        Area::FormerSudan,
        736,
        "Sudan (former, incl. South Sudan)",
        (None, Some(2011)),
        &["Fmr Sudan", "Former Sudan"],
    ),
    historical(
        Area::Ussr,
        810,
        "USSR (former)",
        (None, Some(1991)),
        &["Fmr USSR", "USSR", "Soviet Union", "SUN"],
    ),
    historical(
        Area::Tanganyika,
        835,
        "Tanganyika (former)",
        (None, Some(1963)),
        &["Fmr Tanganyika", "Tanganyika"],
    ),
    historical(
        Area::Zanzibar,
        836,
        "Zanzibar and Pemba (former)",
        (None, Some(1963)),
        &["Fmr Zanzibar and Pemba Isd", "Zanzibar"],
    ),
    special(Area::Bunkers, 837, "Bunkers", Other, &[]),
    special(Area::FreeZones, 838, "Free Zones", Other, &[]),
    special(
        Area::SpecialCategories,
        839,
        "Special Categories",
        Other,
        &[],
    ),
    with_likely(
        historical(
            Area::UsaBefore1981,
            841,
            "USA (before 1981)",
            (None, Some(1980)),
            &[],
        ),
        Country::USA,
    ),
    with_likely(
        special(
            Area::UsMiscPacificIslands,
            849,
            "US Misc. Pacific Islands",
            Other,
            &["US Misc. Pacific Isds"],
        ),
        Country::UMI,
    ),
    historical(
        Area::NorthVietnam,
        866,
        "Democratic Republic of Vietnam (former)",
        (None, Some(1975)),
        &["Fmr Dem. Rep. of Vietnam", "North Vietnam"],
    ),
    historical(
        Area::SouthVietnam,
        868,
        "Republic of Vietnam (former)",
        (None, Some(1975)),
        &["Fmr Rep. of Vietnam", "South Vietnam"],
    ),
    special(
        Area::WesternAsiaNes,
        879,
        "Western Asia, n.e.s.",
        Aggregate,
        &[],
    ),
    historical(
        Area::YemenArabRepublic,
        886,
        "Yemen Arab Republic (former)",
        (None, Some(1990)),
        &[
            "Fmr Arab Rep. of Yemen",
            "North Yemen",
            "Yemen Arab Republic",
        ],
    ),
    historical(
        Area::Yugoslavia,
        890,
        "Yugoslavia (former SFR)",
        (None, Some(1991)),
        &["Fmr Yugoslavia", "Yugoslavia", "SFR Yugoslavia", "YUG"],
    ),
    historical(
        Area::SerbiaAndMontenegro,
        891,
        "Serbia and Montenegro (former)",
        (Some(1992), Some(2005)),
        &["Serbia and Montenegro", "SCG"],
    ),
    special(
        Area::AreasNes,
        899,
        "Areas, n.e.s.",
        Aggregate,
        &["Areas not elsewhere specified", "Unspecified"],
    ),
];

/// Comtrade codes of the six reporters whose code is not their ISO numeric code.
const COMTRADE_OWN_CODES: [(Country, u16); 6] = [
    (Country::USA, 842),
    (Country::FRA, 251),
    (Country::ITA, 381),
    (Country::NOR, 579),
    (Country::CHE, 757),
    (Country::IND, 699),
];

fn specials() -> impl Iterator<Item = &'static Special> {
    SPECIALS.iter()
}

/// Normalised names and aliases of the special areas, sorted, built on first use.
fn special_names() -> &'static [(String, Area)] {
    static NAMES: OnceLock<Vec<(String, Area)>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let mut names: Vec<(String, Area)> = specials()
            .flat_map(|s| {
                std::iter::once(s.name)
                    .chain(s.aliases.iter().copied())
                    .map(move |name| (normalize(name), s.area))
            })
            .collect();
        names.sort();
        names.dedup();
        names
    })
}

impl Area {
    fn special(&self) -> Option<&'static Special> {
        match self {
            Area::Country(_) => None,
            area => specials().find(|s| s.area == *area),
        }
    }

    /// The area a UN Comtrade reporter or partner code stands for.
    ///
    /// - 0 is [`Area::World`]; the special and historical codes are their own variants;
    /// - 842, 251, 381, 579, 757, 699 are the USA, France, Italy, Norway, Switzerland and India;
    /// - every other code is read as ISO 3166-1 numeric, which Comtrade uses for all other
    ///   countries (398 is Kazakhstan). This includes the ISO codes of the six countries above
    ///   (840, 250, 380, 578, 756, 356), which Comtrade does not use for current data: 840 reads
    ///   as the USA (Comtrade's older "USA (before 1981)" is 841, [`Area::UsaBefore1981`]), and
    ///   356, "India, excl. Sikkim" in Comtrade's lists (before 1975), reads as India.
    ///   158 is Taiwan, which Comtrade itself reports under 490 ([`Area::OtherAsiaNes`]);
    /// - the one clash: 492 is Comtrade's "Europe EU, n.e.s." ([`Area::EuropeEuNes`]), not
    ///   Monaco (ISO 492), which Comtrade includes in France (251).
    ///
    /// # Errors
    ///
    /// [`Error::UnmappedAreaCode`] for any other code (no code is dropped silently).
    ///
    /// ```
    /// # use tradestat::{Area, Country, Error};
    /// assert_eq!(Area::from_comtrade_code(699)?, Area::Country(Country::IND));
    /// assert_eq!(Area::from_comtrade_code(810)?, Area::Ussr);
    /// assert_eq!(Area::from_comtrade_code(999), Err(Error::UnmappedAreaCode { code: 999 }));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn from_comtrade_code(code: u16) -> Result<Area> {
        if let Some(&(country, _)) = COMTRADE_OWN_CODES.iter().find(|(_, c)| *c == code) {
            return Ok(Area::Country(country));
        }
        if let Ok(i) = SPECIALS.binary_search_by_key(&code, |s| s.code) {
            if let Some(s) = SPECIALS.get(i) {
                return Ok(s.area);
            }
        }
        Country::from_numeric(code)
            .map(Area::Country)
            .ok_or(Error::UnmappedAreaCode { code })
    }

    /// The code UN Comtrade uses for this area: 842 for the USA, 0 for the world, 398 for
    /// Kazakhstan, and the ISO numeric code for countries Comtrade does not list (158 for
    /// Taiwan). `Area::from_comtrade_code(a.comtrade_code()) == Ok(a)` for every area but one:
    /// Monaco has no Comtrade code of its own, and gives France's, 251, in whose statistics its
    /// trade is (its ISO code 492 means "Europe EU, n.e.s." in Comtrade).
    pub fn comtrade_code(&self) -> u16 {
        match self {
            Area::Country(Country::MCO) => 251,
            Area::Country(country) => COMTRADE_OWN_CODES
                .iter()
                .find(|(c, _)| c == country)
                .map_or(country.numeric(), |&(_, code)| code),
            area => area.special().map_or(0, |s| s.code),
        }
    }

    /// The country, for [`Area::Country`]; `None` for every other area, including
    /// [`Area::OtherAsiaNes`] (see [`Area::likely_country`]).
    pub fn country(&self) -> Option<Country> {
        match self {
            Area::Country(c) => Some(*c),
            _ => None,
        }
    }

    /// The one ISO country this area stands for in practice: the country itself, Taiwan for
    /// "Other Asia, n.e.s." (490), the USA for "USA (before 1981)", Germany for the former
    /// Federal Republic, the US Minor Outlying Islands for "US Misc. Pacific Islands"; `None` for
    /// the world, groups, and entities that split into several countries.
    ///
    /// ```
    /// # use tradestat::{Area, Country};
    /// assert_eq!(Area::OtherAsiaNes.likely_country(), Some(Country::TWN));
    /// assert_eq!(Area::Ussr.likely_country(), None);
    /// ```
    pub fn likely_country(&self) -> Option<Country> {
        match self {
            Area::Country(c) => Some(*c),
            area => area.special().and_then(|s| s.likely),
        }
    }

    /// The name: the country's ISO short name, or Comtrade's name of a special area written out
    /// ("Other Asia, n.e.s.", "USSR (former)").
    pub fn name(&self) -> &'static str {
        match self {
            Area::Country(c) => c.name(),
            area => area.special().map_or("", |s| s.name),
        }
    }

    /// True for the world, groups of countries and "not elsewhere specified" remainders: areas
    /// whose figures overlap or sum other partners' (adding them to country figures double
    /// counts or mixes in unknown partners). False for countries, historical single entities,
    /// and bunkers, free zones, special categories and the Neutral Zone.
    pub fn is_aggregate(&self) -> bool {
        self.special()
            .is_some_and(|s| matches!(s.kind, Kind::Aggregate | Kind::HistoricalAggregate))
    }

    /// True for entities that no longer exist (the USSR, Czechoslovakia, Belgium-Luxembourg as one
    /// reporter, ...). See [`Area::last_year`].
    pub fn is_historical(&self) -> bool {
        self.special()
            .is_some_and(|s| matches!(s.kind, Kind::Historical | Kind::HistoricalAggregate))
    }

    /// For a historical area, the last year it existed (so the last year data under its code can
    /// cover), where known: 1991 for the USSR, 1998 for Belgium-Luxembourg. `None` otherwise.
    pub fn last_year(&self) -> Option<Year> {
        self.special()
            .and_then(|s| s.last_year)
            .and_then(|y| Year::new(y).ok())
    }

    /// For a historical area that began after 1950, its first year (1992 for Serbia and
    /// Montenegro). `None` otherwise.
    pub fn first_year(&self) -> Option<Year> {
        self.special()
            .and_then(|s| s.first_year)
            .and_then(|y| Year::new(y).ok())
    }

    /// Every area that is not a country, in order of Comtrade code: [`Area::World`], the
    /// "n.e.s." areas, special categories and historical entities.
    pub fn specials() -> impl Iterator<Item = Area> {
        specials().map(|s| s.area)
    }
}

impl From<Country> for Area {
    fn from(country: Country) -> Self {
        Area::Country(country)
    }
}

impl FromStr for Area {
    type Err = Error;

    /// Reads an area from:
    /// - a UN Comtrade code, as digits (`"842"`, `"0"`, `"899"`), read by
    ///   [`Area::from_comtrade_code`];
    /// - the name of a special area as [`Area::name`] writes it or as Comtrade spells it
    ///   ("World", "Areas, nes", "Fmr USSR", "So. African Customs Union"), compared like country
    ///   names (case, accents and punctuation ignored);
    /// - anything [`Country::from_str`] accepts.
    ///
    /// # Errors
    ///
    /// [`Error::UnmappedAreaCode`] for an unknown code, [`Error::Parse`] for a number above
    /// 65535, [`Error::UnknownCountry`] (with a suggestion when one is close) for an unknown name,
    /// and at once, without reading it, for input longer than any name (256 bytes).
    ///
    /// ```
    /// # use tradestat::{Area, Country};
    /// assert_eq!("world".parse::<Area>()?, Area::World);
    /// assert_eq!("Other Asia, nes".parse::<Area>()?, Area::OtherAsiaNes);
    /// assert_eq!("Türkiye".parse::<Area>()?, Area::Country(Country::TUR));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn from_str(s: &str) -> Result<Self> {
        // Longer than any name or code: refused before the text is normalised.
        if s.len() > MAX_NAME_BYTES {
            return Err(Error::UnknownCountry {
                input: Error::shown(s, MAX_NAME_BYTES),
                suggestion: None,
            });
        }
        let text = s.trim();
        if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
            let code = text
                .parse::<u16>()
                .map_err(|_| Error::parse("area", s, 0, "code is above 65535"))?;
            return Area::from_comtrade_code(code);
        }
        let key = normalize(text);
        let names = special_names();
        if let Ok(i) = names.binary_search_by(|(k, _)| k.as_str().cmp(&key)) {
            if let Some(&(_, area)) = names.get(i) {
                return Ok(area);
            }
        }
        text.parse::<Country>().map(Area::Country)
    }
}

impl fmt::Display for Area {
    /// Writes [`Area::name`], padded to the width and alignment asked for.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Area {
    /// Serializes a country as its alpha-3 code (`"USA"`), any other area as its name
    /// (`"World"`): text that [`Area::from_str`] reads back to the same area.
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match self {
            Area::Country(c) => serializer.serialize_str(c.alpha3()),
            area => serializer.serialize_str(area.name()),
        }
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Area {
    /// Deserializes from a Comtrade code (a number) or from any text [`Area::from_str`] accepts.
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        use crate::vocabulary::serde_field;
        const EXPECTING: &str =
            "a UN Comtrade area code (398, 0 for World), a country code (\"KAZ\") or an area name";
        struct Visitor;

        impl serde::de::Visitor<'_> for Visitor {
            type Value = Area;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(EXPECTING)
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> std::result::Result<Area, E> {
                let code = u16::try_from(v)
                    .map_err(|_| E::custom(format!("area code {v} is above 65535")))?;
                Area::from_comtrade_code(code)
                    .map_err(|e| E::custom(serde_field::with_expected(&e, EXPECTING)))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> std::result::Result<Area, E> {
                let v =
                    u64::try_from(v).map_err(|_| E::custom(format!("negative area code {v}")))?;
                self.visit_u64(v)
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Area, E> {
                v.parse()
                    .map_err(|e| E::custom(serde_field::with_expected(&e, EXPECTING)))
            }
        }

        deserializer.deserialize_any(Visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specials_are_sorted_and_distinct_from_iso_codes() {
        assert!(SPECIALS.windows(2).all(|w| w[0].code < w[1].code));
        for s in specials() {
            // The one clash, documented on `from_comtrade_code`.
            let clash = (s.code == 492).then_some(Country::MCO);
            assert_eq!(Country::from_numeric(s.code), clash, "{}", s.name);
            assert!(!COMTRADE_OWN_CODES.iter().any(|&(_, c)| c == s.code));
        }
        for (country, code) in COMTRADE_OWN_CODES {
            assert_eq!(Country::from_numeric(code), None, "{country:?}");
        }
    }

    #[test]
    fn special_names_do_not_shadow_countries() {
        for s in specials() {
            for name in std::iter::once(&s.name).chain(s.aliases.iter()) {
                assert_eq!(Country::from_name(name), None, "{name}");
                assert_eq!(Country::from_alpha2(name), None, "{name}");
                assert_eq!(Country::from_alpha3(name), None, "{name}");
                assert_eq!(name.parse::<Area>(), Ok(s.area), "{name}");
            }
        }
    }

    #[test]
    fn special_names_are_unambiguous() {
        let names = special_names();
        assert!(names.windows(2).all(|w| w[0].0 < w[1].0), "{names:?}");
        assert!(names.iter().all(|(k, _)| !k.is_empty()));
    }

    #[test]
    fn every_variant_is_in_the_table() {
        assert_eq!(Area::specials().count(), 49);
        assert!(Area::specials().all(|a| !a.name().is_empty()));
    }
}
