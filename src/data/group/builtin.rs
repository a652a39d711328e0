//! The built-in groups' membership tables, each with the sources its dates were checked against.
//!
//! Every row is a half-open interval `[from, until)`: `from` is the first day of the status,
//! `until` the first day without it (`None`: still current). Dates are those on which a treaty of
//! accession or withdrawal took effect, unless a comment says otherwise.

use chrono::NaiveDate;

use super::Role;
use crate::area::Area;
use crate::country::Country;

/// A date checked at compile time: an impossible date stops the build, it never reaches run time.
macro_rules! ymd {
    ($y:literal - $m:literal - $d:literal) => {
        const {
            match NaiveDate::from_ymd_opt($y, $m, $d) {
                Some(date) => date,
                None => panic!("impossible date in a built-in group table"),
            }
        }
    };
}

/// Who a row is about: an [`Area`], or a participant with no area code (Northern Cyprus).
#[derive(Debug, Clone, Copy)]
pub(super) enum Who {
    Area(Area),
    Unlisted(&'static str),
}

/// One row of a membership table.
#[derive(Debug, Clone, Copy)]
pub(super) struct Row {
    pub(super) who: Who,
    pub(super) role: Role,
    pub(super) from: NaiveDate,
    pub(super) until: Option<NaiveDate>,
}

/// A built-in group: its names, its sources and its table.
pub(super) struct Spec {
    pub(super) name: &'static str,
    pub(super) abbreviation: &'static str,
    /// Other names `FromStr` accepts (former names, other spellings).
    pub(super) aliases: &'static [&'static str],
    pub(super) source: &'static str,
    pub(super) rows: &'static [Row],
}

const fn row(c: Country, role: Role, from: NaiveDate, until: Option<NaiveDate>) -> Row {
    Row {
        who: Who::Area(Area::Country(c)),
        role,
        from,
        until,
    }
}

/// A member from `from` on.
const fn since(c: Country, from: NaiveDate) -> Row {
    row(c, Role::Member, from, None)
}

/// A member from `from` to the day before `until`.
const fn between(c: Country, from: NaiveDate, until: NaiveDate) -> Row {
    row(c, Role::Member, from, Some(until))
}

/// A non-country area, a member from `from` to the day before `until`.
const fn area_between(area: Area, from: NaiveDate, until: NaiveDate) -> Row {
    Row {
        who: Who::Area(area),
        role: Role::Member,
        from,
        until: Some(until),
    }
}

/// Every built-in group, in the order [`super::Group::builtins`] lists them.
pub(super) static SPECS: [&Spec; 8] = [&EU, &EAEU, &OTS, &CIS, &ASEAN, &MERCOSUR, &G7, &G20];

// ---------------------------------------------------------------------------------------------
// European Union (the European Economic Community before 1993).
//
// Sources: European Commission, "From 6 to 27 members"
// (https://neighbourhood-enlargement.ec.europa.eu/enlargement-policy/from-6-to-27-members_en);
// the Treaty of Rome, in force 1958-01-01; the Acts of Accession in EUR-Lex (in force 1973-01-01,
// 1981-01-01, 1986-01-01, 1995-01-01, 2004-05-01, 2007-01-01, 2013-07-01); the Greenland Treaty
// (OJ L 29, 1985-02-01: Greenland left the Communities on 1985-02-01); the Withdrawal Agreement
// (OJ L 29, 2020-01-31: the United Kingdom left at the end of 2020-01-31, a member on that day).
//
// West Germany is the area 280 until German reunification on 1990-10-03, and Germany (276) from
// that day: the new Länder joined as part of Germany. Belgium-Luxembourg (area 58) is the two
// founders' joint customs statistics, which UN Comtrade reports until 1998; it is listed as a
// member until 1999-01-01 so that data under that code counts. It never held a seat.
// ---------------------------------------------------------------------------------------------

const REUNIFICATION: NaiveDate = ymd!(1990 - 10 - 3);
const ROME: NaiveDate = ymd!(1958 - 1 - 1);
const EU_1973: NaiveDate = ymd!(1973 - 1 - 1);
const EU_1986: NaiveDate = ymd!(1986 - 1 - 1);
const EU_1995: NaiveDate = ymd!(1995 - 1 - 1);
const EU_2004: NaiveDate = ymd!(2004 - 5 - 1);
const EU_2007: NaiveDate = ymd!(2007 - 1 - 1);

pub(super) static EU: Spec = Spec {
    name: "European Union",
    abbreviation: "EU",
    aliases: &[
        "European Communities",
        "European Economic Community",
        "EEC",
        "EC",
    ],
    source: "European Commission, From 6 to 27 members; Acts of Accession (EUR-Lex); \
             Greenland Treaty, OJ L 29 1985; Withdrawal Agreement, OJ L 29 2020",
    rows: &[
        since(Country::BEL, ROME),
        since(Country::FRA, ROME),
        area_between(Area::WestGermany, ROME, REUNIFICATION),
        since(Country::DEU, REUNIFICATION),
        since(Country::ITA, ROME),
        since(Country::LUX, ROME),
        since(Country::NLD, ROME),
        area_between(Area::BelgiumLuxembourg, ROME, ymd!(1999 - 1 - 1)),
        since(Country::DNK, EU_1973),
        since(Country::IRL, EU_1973),
        between(Country::GBR, EU_1973, ymd!(2020 - 2 - 1)),
        between(Country::GRL, EU_1973, ymd!(1985 - 2 - 1)),
        since(Country::GRC, ymd!(1981 - 1 - 1)),
        since(Country::ESP, EU_1986),
        since(Country::PRT, EU_1986),
        since(Country::AUT, EU_1995),
        since(Country::FIN, EU_1995),
        since(Country::SWE, EU_1995),
        since(Country::CYP, EU_2004),
        since(Country::CZE, EU_2004),
        since(Country::EST, EU_2004),
        since(Country::HUN, EU_2004),
        since(Country::LVA, EU_2004),
        since(Country::LTU, EU_2004),
        since(Country::MLT, EU_2004),
        since(Country::POL, EU_2004),
        since(Country::SVK, EU_2004),
        since(Country::SVN, EU_2004),
        since(Country::BGR, EU_2007),
        since(Country::ROU, EU_2007),
        since(Country::HRV, ymd!(2013 - 7 - 1)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Eurasian Economic Union.
//
// Sources: Treaty on the Eurasian Economic Union (signed 2014-05-29, in force 2015-01-01 for
// Belarus, Kazakhstan and Russia); Treaty on Armenia's accession (in force 2015-01-02); Treaty on
// Kyrgyzstan's accession (in force 2015-08-12); Eurasian Economic Commission, "About the Union"
// (https://eec.eaeunion.org/en/). Observer states (Moldova, Uzbekistan, Cuba, Iran) are not
// recorded.
// ---------------------------------------------------------------------------------------------

const EAEU_START: NaiveDate = ymd!(2015 - 1 - 1);

pub(super) static EAEU: Spec = Spec {
    name: "Eurasian Economic Union",
    abbreviation: "EAEU",
    aliases: &["EEU", "Eurasian Union"],
    source: "Treaty on the Eurasian Economic Union (in force 2015-01-01) and the accession \
             treaties of Armenia (2015-01-02) and Kyrgyzstan (2015-08-12)",
    rows: &[
        since(Country::BLR, EAEU_START),
        since(Country::KAZ, EAEU_START),
        since(Country::RUS, EAEU_START),
        since(Country::ARM, ymd!(2015 - 1 - 2)),
        since(Country::KGZ, ymd!(2015 - 8 - 12)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Organization of Turkic States (the Cooperation Council of Turkic Speaking States, or Turkic
// Council, until its renaming at the Istanbul summit of 2021-11-12).
//
// Sources: OTS, "About OTS" (https://www.turkicstates.org/en/turk-konseyi-hakkinda): founded by
// the Nakhchivan Agreement of 2009-10-03 (Azerbaijan, Kazakhstan, Kyrgyzstan, Türkiye);
// Uzbekistan a member at the 7th summit, Baku, 2019-10-15; Hungary an observer at the 6th summit,
// Cholpon-Ata, 2018-09-03; Turkmenistan an observer at the 8th summit, Istanbul, 2021-11-12; the
// "Turkish Republic of Northern Cyprus" an observer at the 9th summit, Samarkand, 2022-11-11
// (Trend, 2023-02-27, https://en.trend.az/azerbaijan/politics/3715814.html; the 8th summit's
// date and Turkmenistan's observer status: News Central Asia, 2021-11-15,
// http://www.newscentralasia.net/2021/11/15/istanbul-hosted-8th-summit-of-the-organization-of-turkic-states-turkmenistan-became-observer-member/).
//
// Northern Cyprus has no ISO 3166 code and no UN Comtrade area: it is recorded by name
// (`Party::Unlisted`), as an observer only, and never appears in `members_on`.
// ---------------------------------------------------------------------------------------------

const NAKHCHIVAN: NaiveDate = ymd!(2009 - 10 - 3);

pub(super) static OTS: Spec = Spec {
    name: "Organization of Turkic States",
    abbreviation: "OTS",
    aliases: &[
        "Turkic Council",
        "Cooperation Council of Turkic Speaking States",
        "CCTS",
        "Organisation of Turkic States",
        "TDT",
    ],
    source: "OTS, About OTS (turkicstates.org); Nakhchivan Agreement 2009-10-03; summit \
             decisions of 2018-09-03, 2019-10-15, 2021-11-12, 2022-11-11",
    rows: &[
        since(Country::AZE, NAKHCHIVAN),
        since(Country::KAZ, NAKHCHIVAN),
        since(Country::KGZ, NAKHCHIVAN),
        since(Country::TUR, NAKHCHIVAN),
        since(Country::UZB, ymd!(2019 - 10 - 15)),
        row(Country::HUN, Role::Observer, ymd!(2018 - 9 - 3), None),
        row(Country::TKM, Role::Observer, ymd!(2021 - 11 - 12), None),
        Row {
            who: Who::Unlisted("Northern Cyprus"),
            role: Role::Observer,
            from: ymd!(2022 - 11 - 11),
            until: None,
        },
    ],
};

// ---------------------------------------------------------------------------------------------
// Commonwealth of Independent States.
//
// Sources: the Creation Agreement (Belovezha, 1991-12-08) and its Alma-Ata Protocol
// (1991-12-21); the CIS Charter (1993-01-22), whose article 7 makes a member a state that
// ratified it; the ratification dates of the Creation Agreement as listed in "Member states of
// the Commonwealth of Independent States" (Wikipedia, table "List of members"); Kremlin,
// "Commonwealth of Independent States" (http://en.kremlin.ru/catalog/glossary/38): Georgia
// joined in December 1993 and left on 2009-08-18, twelve months after its notice of 2008-08-18
// (Charter article 9); Turkmenistan an associate member from 2005-08-26 (Kazan summit);
// Ukraine never ratified the Charter and ended its participation in the statutory bodies by the
// presidential decree of 2018-05-19 (CIA World Factbook, "Commonwealth of Independent States").
//
// A `Member` row starts on the day a state ratified the Creation Agreement, for the states that
// also ratified the Charter. Georgia: from the day it signed its accession, 1993-12-03 (Wikipedia's
// former-member row; the Kremlin and Georgian sources say "December 1993"), until 2009-08-18, the
// day the withdrawal took effect (Kremlin, civil.ge; one Georgian official called it the last day
// of membership, which would move the end by one day, within the same month). `Participant` is a party to the
// Creation Agreement that never ratified the Charter. Moldova began denouncing the Charter and
// the Creation Agreement in 2026; the withdrawal takes effect twelve months after notification
// and is not recorded until it has.
// ---------------------------------------------------------------------------------------------

pub(super) static CIS: Spec = Spec {
    name: "Commonwealth of Independent States",
    abbreviation: "CIS",
    aliases: &["SNG"],
    source: "CIS Creation Agreement 1991-12-08, Alma-Ata Protocol 1991-12-21, CIS Charter \
             1993-01-22; ratification dates per Wikipedia, Member states of the CIS; Kremlin \
             glossary (Georgia 2009-08-18); CIA World Factbook (Ukraine 2018)",
    rows: &[
        since(Country::ARM, ymd!(1992 - 2 - 18)),
        since(Country::AZE, ymd!(1993 - 9 - 24)),
        since(Country::BLR, ymd!(1991 - 12 - 10)),
        between(Country::GEO, ymd!(1993 - 12 - 3), ymd!(2009 - 8 - 18)),
        since(Country::KAZ, ymd!(1991 - 12 - 23)),
        since(Country::KGZ, ymd!(1992 - 3 - 6)),
        since(Country::MDA, ymd!(1994 - 4 - 8)),
        since(Country::RUS, ymd!(1991 - 12 - 12)),
        since(Country::TJK, ymd!(1993 - 6 - 26)),
        row(
            Country::TKM,
            Role::Participant,
            ymd!(1991 - 12 - 26),
            Some(ymd!(2005 - 8 - 26)),
        ),
        row(Country::TKM, Role::Associate, ymd!(2005 - 8 - 26), None),
        row(
            Country::UKR,
            Role::Participant,
            ymd!(1991 - 12 - 10),
            Some(ymd!(2018 - 5 - 19)),
        ),
        since(Country::UZB, ymd!(1992 - 4 - 1)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Association of Southeast Asian Nations.
//
// Sources: ASEAN, "ASEAN Member States" (https://asean.org/member-states/): the Bangkok
// Declaration of 1967-08-08 (Indonesia, Malaysia, the Philippines, Singapore, Thailand); Brunei
// Darussalam 1984-01-07; Viet Nam 1995-07-28; Lao PDR and Myanmar 1997-07-23; Cambodia
// 1999-04-30; the Declaration on the Admission of Timor-Leste, signed at the 47th summit in Kuala
// Lumpur on 2025-10-26 (Timor-Leste an observer from the 40th/41st summits, 2022-11-11).
// ---------------------------------------------------------------------------------------------

const BANGKOK: NaiveDate = ymd!(1967 - 8 - 8);
const ASEAN_1997: NaiveDate = ymd!(1997 - 7 - 23);
const TIMOR_LESTE: NaiveDate = ymd!(2025 - 10 - 26);

pub(super) static ASEAN: Spec = Spec {
    name: "Association of Southeast Asian Nations",
    abbreviation: "ASEAN",
    aliases: &[],
    source: "ASEAN, ASEAN Member States (asean.org); Declaration on the Admission of \
             Timor-Leste into ASEAN, 2025-10-26",
    rows: &[
        since(Country::IDN, BANGKOK),
        since(Country::MYS, BANGKOK),
        since(Country::PHL, BANGKOK),
        since(Country::SGP, BANGKOK),
        since(Country::THA, BANGKOK),
        since(Country::BRN, ymd!(1984 - 1 - 7)),
        since(Country::VNM, ymd!(1995 - 7 - 28)),
        since(Country::LAO, ASEAN_1997),
        since(Country::MMR, ASEAN_1997),
        since(Country::KHM, ymd!(1999 - 4 - 30)),
        row(
            Country::TLS,
            Role::Observer,
            ymd!(2022 - 11 - 11),
            Some(TIMOR_LESTE),
        ),
        since(Country::TLS, TIMOR_LESTE),
    ],
};

// ---------------------------------------------------------------------------------------------
// Mercosur (Southern Common Market).
//
// Sources: MERCOSUR, "Países del MERCOSUR" (https://www.mercosur.int/quienes-somos/paises-del-
// mercosur/): the Treaty of Asunción of 1991-03-26 (Argentina, Brazil, Paraguay, Uruguay);
// Paraguay suspended by the decision of 2012-06-29 (Mendoza) until its reinstatement on
// 2013-08-15, when its new president took office; Venezuela a full member from 2012-07-31 and
// suspended from 2016-12-01 (suspension confirmed under the Ushuaia Protocol on 2017-08-05);
// Bolivia a full member on 2024-07-08, when it deposited its ratification of the Protocol of
// Accession at the Asunción summit. Suspended members are not counted as members.
// ---------------------------------------------------------------------------------------------

const ASUNCION: NaiveDate = ymd!(1991 - 3 - 26);
const PARAGUAY_SUSPENDED: NaiveDate = ymd!(2012 - 6 - 29);
const PARAGUAY_BACK: NaiveDate = ymd!(2013 - 8 - 15);
const VENEZUELA_SUSPENDED: NaiveDate = ymd!(2016 - 12 - 1);

pub(super) static MERCOSUR: Spec = Spec {
    name: "Mercosur",
    abbreviation: "MERCOSUR",
    aliases: &[
        "Mercosul",
        "Southern Common Market",
        "Mercado Común del Sur",
    ],
    source: "MERCOSUR, Países del MERCOSUR (mercosur.int); Treaty of Asunción 1991-03-26; \
             decisions on Paraguay (2012-06-29, 2013-08-15) and Venezuela (2016-12-01); \
             Bolivia's accession 2024-07-08",
    rows: &[
        since(Country::ARG, ASUNCION),
        since(Country::BRA, ASUNCION),
        between(Country::PRY, ASUNCION, PARAGUAY_SUSPENDED),
        row(
            Country::PRY,
            Role::Suspended,
            PARAGUAY_SUSPENDED,
            Some(PARAGUAY_BACK),
        ),
        since(Country::PRY, PARAGUAY_BACK),
        since(Country::URY, ASUNCION),
        between(Country::VEN, ymd!(2012 - 7 - 31), VENEZUELA_SUSPENDED),
        row(Country::VEN, Role::Suspended, VENEZUELA_SUSPENDED, None),
        since(Country::BOL, ymd!(2024 - 7 - 8)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Group of Seven.
//
// Sources: G7 Research Group, University of Toronto, "What is the G7?"
// (http://www.g7.utoronto.ca/what_is_g8.html): the Rambouillet summit of 1975-11-15 (France, West
// Germany, Italy, Japan, the United Kingdom, the United States); Canada from the San Juan summit
// of 1976-06-27. Germany continues West Germany's seat from reunification (1990-10-03). Russia's
// participation in the G8 (1997 to 2014) is not G7 membership; the European Union attends as a
// "non-enumerated member" and is not a country: neither is recorded.
// ---------------------------------------------------------------------------------------------

const RAMBOUILLET: NaiveDate = ymd!(1975 - 11 - 15);

pub(super) static G7: Spec = Spec {
    name: "Group of Seven",
    abbreviation: "G7",
    aliases: &["G-7", "Group of 7"],
    source: "G7 Research Group, University of Toronto, What is the G7?",
    rows: &[
        since(Country::FRA, RAMBOUILLET),
        area_between(Area::WestGermany, RAMBOUILLET, REUNIFICATION),
        since(Country::DEU, REUNIFICATION),
        since(Country::ITA, RAMBOUILLET),
        since(Country::JPN, RAMBOUILLET),
        since(Country::GBR, RAMBOUILLET),
        since(Country::USA, RAMBOUILLET),
        since(Country::CAN, ymd!(1976 - 6 - 27)),
    ],
};

// ---------------------------------------------------------------------------------------------
// Group of Twenty: its 19 country members.
//
// Sources: G20, "About the G20" (https://g20.org/about-the-g20/); the G7 finance ministers'
// communiqué of 1999-09-25 that created the G20 (inaugural meeting in Berlin, 1999-12-15/16). The
// G20 has two more members that are not countries: the European Union (from 1999) and the African
// Union (from the New Delhi summit, 2023-09-09). They are not recorded, since their trade is that
// of countries already counted (France, Germany and Italy are EU members; South Africa an AU
// member).
// ---------------------------------------------------------------------------------------------

const G20_START: NaiveDate = ymd!(1999 - 9 - 25);

pub(super) static G20: Spec = Spec {
    name: "Group of Twenty",
    abbreviation: "G20",
    aliases: &["G-20", "Group of 20"],
    source: "G20, About the G20 (g20.org); G7 finance ministers' communiqué, 1999-09-25",
    rows: &[
        since(Country::ARG, G20_START),
        since(Country::AUS, G20_START),
        since(Country::BRA, G20_START),
        since(Country::CAN, G20_START),
        since(Country::CHN, G20_START),
        since(Country::FRA, G20_START),
        since(Country::DEU, G20_START),
        since(Country::IND, G20_START),
        since(Country::IDN, G20_START),
        since(Country::ITA, G20_START),
        since(Country::JPN, G20_START),
        since(Country::KOR, G20_START),
        since(Country::MEX, G20_START),
        since(Country::RUS, G20_START),
        since(Country::SAU, G20_START),
        since(Country::ZAF, G20_START),
        since(Country::TUR, G20_START),
        since(Country::GBR, G20_START),
        since(Country::USA, G20_START),
    ],
};
