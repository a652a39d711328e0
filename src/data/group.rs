//! Country groups whose membership changes with time: the EU, the EAEU, the Organization of
//! Turkic States, the CIS, ASEAN, Mercosur, the G7, the G20, and groups you define.
//!
//! A [`Group`] holds [`Membership`]s: who ([`Party`], usually an [`Area`], so that West Germany
//! (280) and Belgium-Luxembourg (58) can be members), in which [`Role`], over a half-open interval
//! of days `[from, until)`. Only [`Role::Member`] counts as membership; observers, associates,
//! suspended members and participants that never ratified are recorded and told apart, but not
//! counted.
//!
//! For a [`Period`] the rule is **membership on the period's last day**: Croatia, which joined the
//! EU on 2013-07-01, counts for 2013 and 2013-Q3 but not for 2013-Q2; the United Kingdom, a member
//! until 2020-01-31 inclusive, counts for 2020-01 but neither for 2020-02 nor for the year 2020.
//!
//! ```
//! use tradestat::{Country, Group};
//!
//! let eu: Group = "EU".parse()?;
//! assert!(eu.contains(Country::HRV, "2013".parse()?));
//! assert!(eu.contains(Country::HRV, "2013-Q3".parse()?));
//! assert!(!eu.contains(Country::HRV, "2013-Q2".parse()?));
//! assert!(eu.contains(Country::GBR, "2020-01".parse()?));
//! assert!(!eu.contains(Country::GBR, "2020".parse()?));
//! assert_eq!(eu.members_in("2020".parse()?).len(), 27);
//! assert_eq!(eu.members_in("2019".parse()?).len(), 28);
//! # Ok::<(), tradestat::Error>(())
//! ```
//!
//! Built-in tables and their sources are in `src/data/group/builtin.rs`; each group's
//! [`Group::source`] names them too. Dates are those on which accession or withdrawal took
//! effect.
//!
//! ## Historical areas
//!
//! The EU and the G7 list West Germany ([`Area::WestGermany`], 280) until reunification on
//! 1990-10-03 and Germany from that day; the EU also lists Belgium-Luxembourg
//! ([`Area::BelgiumLuxembourg`], 58), the two founders' joint statistics that UN Comtrade
//! reports until 1998, until 1999-01-01. Under the last-day rule the year 1990 belongs to
//! Germany (276), while Comtrade reports 1990 under 280: for such a series freeze the group on a
//! day before reunification (`eu.as_of(1990-10-02)`) or define your own.
//!
//! ## Parties without an area
//!
//! Northern Cyprus, an observer of the Organization of Turkic States since 2022-11-11, has no
//! ISO 3166 code and no UN Comtrade code. It is recorded as [`Party::Unlisted`] with its role and
//! dates, so [`Group::memberships`] is complete, and it can never be a member: members are counted
//! in trade data by [`Area`].
//!
//! ## Not recorded
//!
//! Outermost regions and overseas departments that have their own ISO codes (Réunion, Martinique,
//! French Guiana, Guadeloupe, Mayotte, the Canary Islands through Spain) are counted by trade
//! statistics within their country and are not listed. The G20's members that are not countries
//! (the EU, the African Union) and the EAEU's observers are not listed either.

mod builtin;

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use crate::area::Area;
use crate::country::normalize;
use crate::error::{Error, Result};
use crate::period::Period;

use builtin::{Spec, Who, SPECS};

/// A party's status in a group over an interval. Only [`Role::Member`] is counted by
/// [`Group::members_on`], [`Group::members_in`] and [`Group::contains`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Role {
    /// A full member.
    Member,
    /// A member whose rights are suspended (Paraguay in Mercosur 2012-2013, Venezuela from
    /// 2016): not counted.
    Suspended,
    /// An associate member (Turkmenistan in the CIS from 2005): not counted.
    Associate,
    /// An observer (Hungary, Turkmenistan and Northern Cyprus in the Organization of Turkic
    /// States): not counted.
    Observer,
    /// A party to the founding agreement that never ratified the charter which defines
    /// membership (Ukraine and, until 2005, Turkmenistan in the CIS): not counted.
    Participant,
}

impl Role {
    /// Every role, in declaration order.
    pub const ALL: [Role; 5] = [
        Role::Member,
        Role::Suspended,
        Role::Associate,
        Role::Observer,
        Role::Participant,
    ];

    /// The role's name in lower case, as `Display` writes it: "member", "suspended",
    /// "associate", "observer", "participant".
    pub const fn name(self) -> &'static str {
        match self {
            Role::Member => "member",
            Role::Suspended => "suspended",
            Role::Associate => "associate",
            Role::Observer => "observer",
            Role::Participant => "participant",
        }
    }

    /// True for [`Role::Member`], the one role counted as membership.
    pub const fn is_member(self) -> bool {
        matches!(self, Role::Member)
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

impl FromStr for Role {
    type Err = Error;

    /// Reads a role's name in any case ("Observer", "member").
    ///
    /// # Errors
    /// [`Error::Parse`] for any other text.
    fn from_str(s: &str) -> Result<Role> {
        let key = s.trim().to_ascii_lowercase();
        Role::ALL
            .into_iter()
            .find(|r| r.name() == key)
            .ok_or_else(|| {
                Error::parse(
                    "role",
                    s,
                    0,
                    "expected member, suspended, associate, observer or participant",
                )
            })
    }
}

serde_as_text!(Role => "a membership role: member, suspended, associate, observer or participant");

/// Who a [`Membership`] is about.
///
/// Almost always an [`Area`]. A participant that trade data has no code for (Northern Cyprus,
/// an observer of the Organization of Turkic States, is neither in ISO 3166 nor in UN Comtrade's
/// lists) is [`Party::Unlisted`], kept by name so that the group's record is complete; such a party
/// cannot be a [`Role::Member`], since members are counted in trade data by area.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Party {
    /// A country or another trade-data area.
    Area(Area),
    /// A participant without an area code, by name.
    Unlisted(String),
}

impl Party {
    /// The area, if the party has one.
    pub fn area(&self) -> Option<Area> {
        match self {
            Party::Area(a) => Some(*a),
            Party::Unlisted(_) => None,
        }
    }
}

impl From<Area> for Party {
    fn from(area: Area) -> Self {
        Party::Area(area)
    }
}

impl From<crate::country::Country> for Party {
    fn from(country: crate::country::Country) -> Self {
        Party::Area(Area::Country(country))
    }
}

impl fmt::Display for Party {
    /// The area's name, or the unlisted party's name.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Party::Area(a) => fmt::Display::fmt(a, f),
            Party::Unlisted(name) => f.pad(name),
        }
    }
}

/// One party's role in a group over the half-open interval of days `[from, until)`: `from` is
/// the first day in the role, `until` the first day out of it. `None` leaves that end open
/// (a member since always, or still a member).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Membership {
    party: Party,
    role: Role,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
}

impl Membership {
    /// Who.
    pub fn party(&self) -> &Party {
        &self.party
    }

    /// The party's area, if it has one (see [`Party::Unlisted`]).
    pub fn area(&self) -> Option<Area> {
        self.party.area()
    }

    /// In which role.
    pub fn role(&self) -> Role {
        self.role
    }

    /// The first day in the role, `None` if open.
    pub fn from(&self) -> Option<NaiveDate> {
        self.from
    }

    /// The first day no longer in the role (the day after the last), `None` if still current.
    pub fn until(&self) -> Option<NaiveDate> {
        self.until
    }

    /// True when `day` is in `[from, until)`.
    pub fn is_active_on(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| from <= day) && self.until.is_none_or(|until| day < until)
    }
}

/// A group of countries (or other areas) with membership by date.
///
/// Find a built-in group by name or abbreviation, in any case ([`Group::from_str`]): "EU",
/// "European Union", "EAEU", "Eurasian Economic Union", "OTS", "Organization of Turkic States"
/// ("Turkic Council"), "CIS", "ASEAN", "Mercosur", "G7", "G20". Or define one with
/// [`Group::custom`].
///
/// - [`Group::members_on`] a day, [`Group::members_in`] a period (members on its last day),
///   [`Group::contains`] an area in a period (the same rule).
/// - [`Group::as_of`] a day: the same group with that day's membership for all time, for series
///   of fixed composition (the EU as of 2020-02-01 is Eurostat's EU27_2020).
/// - [`Group::role_on`] tells observers, associates and suspended members apart.
///
/// With the `serde` feature a group serializes as its name, abbreviation, source, the day it is
/// frozen at (if any) and its memberships; it deserializes from that (validated as
/// [`GroupBuilder::build`] does) or from the name of a built-in group.
///
/// ```
/// use tradestat::{Country, Group};
/// use tradestat::group::Role;
/// use chrono::NaiveDate;
///
/// let ots: Group = "Organization of Turkic States".parse()?;
/// assert_eq!(ots.abbreviation(), Some("OTS"));
/// let day = NaiveDate::from_ymd_opt(2023, 6, 30).unwrap_or_default();
/// let members: Vec<String> = ots.members_on(day).iter().map(|a| a.to_string()).collect();
/// assert_eq!(members, ["Azerbaijan", "Kazakhstan", "Kyrgyzstan", "Türkiye", "Uzbekistan"]);
/// assert_eq!(ots.role_on(Country::HUN, day), Some(Role::Observer));
/// assert!(!ots.contains(Country::HUN, "2023".parse()?));
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Group {
    name: String,
    abbreviation: Option<String>,
    source: Option<String>,
    frozen: Option<NaiveDate>,
    /// Sorted by party, then by `from`; a party's intervals never overlap.
    memberships: Vec<Membership>,
}

impl Group {
    /// A builder for a group of your own, named `name`.
    ///
    /// ```
    /// use tradestat::{Country, Group};
    /// use chrono::NaiveDate;
    ///
    /// let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    /// let corridor = Group::custom("Middle Corridor")
    ///     .abbreviation("TITR")
    ///     .member(Country::KAZ, day(2014, 1, 1), None)
    ///     .member(Country::AZE, day(2014, 1, 1), None)
    ///     .member(Country::GEO, day(2014, 1, 1), None)
    ///     .member(Country::TUR, day(2016, 1, 1), None)
    ///     .build()?;
    /// assert!(corridor.contains(Country::TUR, "2016".parse()?));
    /// assert!(!corridor.contains(Country::TUR, "2015".parse()?));
    /// assert!("TITR".parse::<Group>().is_err()); // only built-in groups are found by name
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn custom(name: impl Into<String>) -> GroupBuilder {
        GroupBuilder {
            name: name.into(),
            abbreviation: None,
            source: None,
            memberships: Vec::new(),
        }
    }

    /// The European Union (the European Economic Community before 1993), from 1958.
    pub fn european_union() -> Group {
        Group::from_spec(&builtin::EU)
    }

    /// The Eurasian Economic Union, from 2015.
    pub fn eurasian_economic_union() -> Group {
        Group::from_spec(&builtin::EAEU)
    }

    /// The Organization of Turkic States (the Turkic Council until 2021), from 2009, with its
    /// observers.
    pub fn organization_of_turkic_states() -> Group {
        Group::from_spec(&builtin::OTS)
    }

    /// The Commonwealth of Independent States, from 1991, with each state's status.
    pub fn commonwealth_of_independent_states() -> Group {
        Group::from_spec(&builtin::CIS)
    }

    /// The Association of Southeast Asian Nations, from 1967.
    pub fn asean() -> Group {
        Group::from_spec(&builtin::ASEAN)
    }

    /// Mercosur, from 1991, with its suspensions.
    pub fn mercosur() -> Group {
        Group::from_spec(&builtin::MERCOSUR)
    }

    /// The Group of Seven, from 1975.
    pub fn g7() -> Group {
        Group::from_spec(&builtin::G7)
    }

    /// The Group of Twenty's 19 country members, from 1999 (the European Union and the African
    /// Union, also members, are not countries and are not included).
    pub fn g20() -> Group {
        Group::from_spec(&builtin::G20)
    }

    /// Every built-in group.
    pub fn builtins() -> impl Iterator<Item = Group> {
        SPECS.iter().map(|spec| Group::from_spec(spec))
    }

    fn from_spec(spec: &Spec) -> Group {
        let mut memberships: Vec<Membership> = spec
            .rows
            .iter()
            .map(|row| Membership {
                party: match row.who {
                    Who::Area(area) => Party::Area(area),
                    Who::Unlisted(name) => Party::Unlisted(name.to_owned()),
                },
                role: row.role,
                from: Some(row.from),
                until: row.until,
            })
            .collect();
        sort(&mut memberships);
        Group {
            name: spec.name.to_owned(),
            abbreviation: Some(spec.abbreviation.to_owned()),
            source: Some(spec.source.to_owned()),
            frozen: None,
            memberships,
        }
    }

    /// The group's name ("European Union").
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The group's abbreviation ("EU"), if it has one.
    pub fn abbreviation(&self) -> Option<&str> {
        self.abbreviation.as_deref()
    }

    /// Where the membership dates come from, if stated.
    pub fn source(&self) -> Option<&str> {
        self.source.as_deref()
    }

    /// The day whose membership [`Group::as_of`] froze this group at, if it is frozen.
    pub fn frozen_at(&self) -> Option<NaiveDate> {
        self.frozen
    }

    /// Every membership record, sorted by party and then by start.
    pub fn memberships(&self) -> &[Membership] {
        &self.memberships
    }

    /// The memberships of `area` (all its roles over time), in order of start.
    fn of(&self, area: Area) -> &[Membership] {
        let key = Party::Area(area);
        let start = self.memberships.partition_point(|m| m.party < key);
        let len = self
            .memberships
            .get(start..)
            .map_or(0, |rest| rest.iter().take_while(|m| m.party == key).count());
        self.memberships.get(start..start + len).unwrap_or_default()
    }

    /// The areas that are members ([`Role::Member`]) on `day`, in area order.
    pub fn members_on(&self, day: NaiveDate) -> Vec<Area> {
        let mut areas: Vec<Area> = self
            .memberships
            .iter()
            .filter(|m| m.role.is_member() && m.is_active_on(day))
            .filter_map(Membership::area)
            .collect();
        areas.dedup();
        areas
    }

    /// The areas that are members on the last day of `period` (see the module docs for why).
    pub fn members_in(&self, period: Period) -> Vec<Area> {
        self.members_on(period.last_day())
    }

    /// True when `area` is a member ([`Role::Member`]) on the last day of `period`.
    ///
    /// ```
    /// # use tradestat::{Country, Group};
    /// let mercosur: Group = "mercosur".parse()?;
    /// assert!(!mercosur.contains(Country::PRY, "2012-Q3".parse()?)); // suspended
    /// assert!(mercosur.contains(Country::PRY, "2013-Q3".parse()?)); // back from 2013-08-15
    /// assert!(mercosur.contains(Country::BOL, "2024".parse()?));
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn contains(&self, area: impl Into<Area>, period: Period) -> bool {
        self.contains_on(area, period.last_day())
    }

    /// True when `area` is a member ([`Role::Member`]) on `day`.
    pub fn contains_on(&self, area: impl Into<Area>, day: NaiveDate) -> bool {
        self.role_on(area, day) == Some(Role::Member)
    }

    /// The role of `area` on `day`, `None` if it has none then.
    pub fn role_on(&self, area: impl Into<Area>, day: NaiveDate) -> Option<Role> {
        self.of(area.into())
            .iter()
            .find(|m| m.is_active_on(day))
            .map(|m| m.role)
    }

    /// Every party with a role on `day` (members, observers, associates, ...), by party.
    pub fn memberships_on(&self, day: NaiveDate) -> impl Iterator<Item = &Membership> + '_ {
        self.memberships.iter().filter(move |m| m.is_active_on(day))
    }

    /// Every area that is a member at some time, in area order.
    pub fn all_members(&self) -> Vec<Area> {
        let mut areas: Vec<Area> = self
            .memberships
            .iter()
            .filter(|m| m.role.is_member())
            .filter_map(Membership::area)
            .collect();
        areas.dedup();
        areas
    }

    /// The group with the roles of `day` for all time: a group of fixed composition, for series
    /// that compare like with like. The EU as of 2020-02-01 is Eurostat's EU27_2020. Freezing a
    /// frozen group changes nothing.
    ///
    /// ```
    /// # use tradestat::{Country, Group};
    /// # use chrono::NaiveDate;
    /// let day = NaiveDate::from_ymd_opt(2020, 2, 1).unwrap_or_default();
    /// let eu27 = "EU".parse::<Group>()?.as_of(day);
    /// assert_eq!(eu27.members_in("1995".parse()?).len(), 27);
    /// assert!(eu27.contains(Country::HRV, "2000".parse()?));
    /// assert!(!eu27.contains(Country::GBR, "2000".parse()?));
    /// assert_eq!(eu27.to_string(), "European Union (as of 2020-02-01)");
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn as_of(&self, day: NaiveDate) -> Group {
        if self.frozen.is_some() {
            return self.clone();
        }
        Group {
            name: self.name.clone(),
            abbreviation: self.abbreviation.clone(),
            source: self.source.clone(),
            frozen: Some(day),
            memberships: self
                .memberships_on(day)
                .map(|m| Membership {
                    party: m.party.clone(),
                    role: m.role,
                    from: None,
                    until: None,
                })
                .collect(),
        }
    }
}

/// Sorts memberships by party, then by start (an open start first).
fn sort(memberships: &mut [Membership]) {
    memberships.sort_by(|a, b| a.party.cmp(&b.party).then(a.from.cmp(&b.from)));
}

/// Checks intervals (non-empty, no overlap for one party) and parties (an unlisted party cannot
/// be a member), and sorts.
fn validate(group: &str, mut memberships: Vec<Membership>) -> Result<Vec<Membership>> {
    let invalid = |m: &Membership, reason: String| Error::InvalidMembership {
        group: group.to_owned(),
        party: m.party.to_string(),
        reason,
    };
    for m in &memberships {
        if let (Some(from), Some(until)) = (m.from, m.until) {
            if from >= until {
                return Err(invalid(
                    m,
                    format!(
                        "the interval [{from}, {until}) is empty: `until` is the first day out"
                    ),
                ));
            }
        }
        if m.role.is_member() && m.area().is_none() {
            return Err(invalid(
                m,
                "a member must be an area, since trade data counts members by area".to_owned(),
            ));
        }
    }
    sort(&mut memberships);
    for pair in memberships.windows(2) {
        let [a, b] = pair else { continue };
        if a.party == b.party {
            let overlaps = match (a.until, b.from) {
                (Some(until), Some(from)) => from < until,
                _ => true,
            };
            if overlaps {
                return Err(invalid(
                    b,
                    format!(
                        "{} from {} overlaps {} until {}",
                        b.role,
                        show(b.from, "always"),
                        a.role,
                        show(a.until, "now")
                    ),
                ));
            }
        }
    }
    Ok(memberships)
}

fn show(day: Option<NaiveDate>, open: &str) -> String {
    day.map_or_else(|| open.to_owned(), |d| d.to_string())
}

impl fmt::Display for Group {
    /// The group's name, with " (as of YYYY-MM-DD)" when it is frozen.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.frozen {
            Some(day) => f.pad(&format!("{} (as of {day})", self.name)),
            None => f.pad(&self.name),
        }
    }
}

impl FromStr for Group {
    type Err = Error;

    /// Finds a built-in group by name, abbreviation or former name, ignoring case, accents and
    /// punctuation: "EU", "european union", "EAEU", "EEU", "OTS", "Turkic Council", "CIS",
    /// "ASEAN", "Mercosur", "Mercosul", "G7", "G-20", ...
    ///
    /// # Errors
    /// [`Error::UnknownGroup`] for any other text.
    fn from_str(s: &str) -> Result<Group> {
        let key = normalize(s);
        SPECS
            .iter()
            .find(|spec| {
                std::iter::once(spec.name)
                    .chain(std::iter::once(spec.abbreviation))
                    .chain(spec.aliases.iter().copied())
                    .any(|name| normalize(name) == key)
            })
            .map(|spec| Group::from_spec(spec))
            .ok_or_else(|| Error::UnknownGroup {
                input: s.to_owned(),
            })
    }
}

/// Builds a user-defined [`Group`]: see [`Group::custom`]. Dates are checked by
/// [`GroupBuilder::build`].
#[derive(Debug, Clone)]
#[must_use = "a builder does nothing until `build` is called"]
pub struct GroupBuilder {
    name: String,
    abbreviation: Option<String>,
    source: Option<String>,
    memberships: Vec<Membership>,
}

impl GroupBuilder {
    /// The group's abbreviation.
    pub fn abbreviation(mut self, abbreviation: impl Into<String>) -> Self {
        self.abbreviation = Some(abbreviation.into());
        self
    }

    /// Where the membership dates come from.
    pub fn source(mut self, source: impl Into<String>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// `area` is a member from `from` (`None`: since always) until the day before `until`
    /// (`None`: still a member). Pass a date or `None` for either.
    pub fn member(
        self,
        area: impl Into<Area>,
        from: impl Into<Option<NaiveDate>>,
        until: impl Into<Option<NaiveDate>>,
    ) -> Self {
        self.role(Party::Area(area.into()), Role::Member, from, until)
    }

    /// `party` (an area, or a [`Party::Unlisted`] name) has `role` over `[from, until)`.
    pub fn role(
        mut self,
        party: impl Into<Party>,
        role: Role,
        from: impl Into<Option<NaiveDate>>,
        until: impl Into<Option<NaiveDate>>,
    ) -> Self {
        self.memberships.push(Membership {
            party: party.into(),
            role,
            from: from.into(),
            until: until.into(),
        });
        self
    }

    /// The group.
    ///
    /// # Errors
    /// [`Error::InvalidMembership`] for an empty interval (`from` not before `until`), for two
    /// intervals of one party that overlap, and for an unlisted party given as a member.
    pub fn build(self) -> Result<Group> {
        let memberships = validate(&self.name, self.memberships)?;
        Ok(Group {
            name: self.name,
            abbreviation: self.abbreviation,
            source: self.source,
            frozen: None,
            memberships,
        })
    }
}

#[cfg(feature = "serde")]
mod serde_impl {
    use super::*;

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        deny_unknown_fields,
        expecting = "a membership as {\"area\": \"KAZ\", \"role\": \"member\", \"from\": \"2009-10-03\", \"until\": null} (or \"unlisted\": a name instead of \"area\")"
    )]
    struct MembershipRepr {
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::vocabulary::serde_field::area"
        )]
        area: Option<Area>,
        /// The name of a party without an area ([`Party::Unlisted`]).
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::vocabulary::serde_field::unlisted"
        )]
        unlisted: Option<String>,
        #[serde(deserialize_with = "crate::vocabulary::serde_field::role")]
        role: Role,
        #[serde(default, deserialize_with = "crate::vocabulary::serde_field::from")]
        from: Option<NaiveDate>,
        #[serde(default, deserialize_with = "crate::vocabulary::serde_field::until")]
        until: Option<NaiveDate>,
    }

    #[derive(serde::Serialize, serde::Deserialize)]
    #[serde(
        deny_unknown_fields,
        expecting = "a group as {\"name\": \"...\", \"memberships\": [...]} (and optionally abbreviation, source, as_of)"
    )]
    struct GroupRepr {
        #[serde(deserialize_with = "crate::vocabulary::serde_field::name")]
        name: String,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::vocabulary::serde_field::abbreviation"
        )]
        abbreviation: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::vocabulary::serde_field::source"
        )]
        source: Option<String>,
        #[serde(
            default,
            skip_serializing_if = "Option::is_none",
            deserialize_with = "crate::vocabulary::serde_field::as_of"
        )]
        as_of: Option<NaiveDate>,
        #[serde(deserialize_with = "crate::vocabulary::serde_field::memberships")]
        memberships: Vec<MembershipRepr>,
    }

    impl serde::Serialize for Group {
        fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
            GroupRepr {
                name: self.name.clone(),
                abbreviation: self.abbreviation.clone(),
                source: self.source.clone(),
                as_of: self.frozen,
                memberships: self
                    .memberships
                    .iter()
                    .map(|m| MembershipRepr {
                        area: m.area(),
                        unlisted: match &m.party {
                            Party::Unlisted(name) => Some(name.clone()),
                            Party::Area(_) => None,
                        },
                        role: m.role,
                        from: m.from,
                        until: m.until,
                    })
                    .collect(),
            }
            .serialize(s)
        }
    }

    impl TryFrom<GroupRepr> for Group {
        type Error = Error;

        fn try_from(r: GroupRepr) -> Result<Group> {
            let mut memberships = Vec::with_capacity(r.memberships.len());
            for m in r.memberships {
                let party = match (m.area, m.unlisted) {
                    (Some(area), None) => Party::Area(area),
                    (None, Some(name)) => Party::Unlisted(name),
                    _ => {
                        return Err(Error::InvalidMembership {
                            group: r.name,
                            party: "?".to_owned(),
                            reason: "a membership needs exactly one of `area` and `unlisted`"
                                .to_owned(),
                        })
                    }
                };
                memberships.push(Membership {
                    party,
                    role: m.role,
                    from: m.from,
                    until: m.until,
                });
            }
            let memberships = validate(&r.name, memberships)?;
            if r.as_of.is_some()
                && memberships
                    .iter()
                    .any(|m| m.from.is_some() || m.until.is_some())
            {
                return Err(Error::InvalidMembership {
                    group: r.name,
                    party: "?".to_owned(),
                    reason: "a group frozen `as_of` a day has memberships without dates".to_owned(),
                });
            }
            Ok(Group {
                name: r.name,
                abbreviation: r.abbreviation,
                source: r.source,
                frozen: r.as_of,
                memberships,
            })
        }
    }

    impl<'de> serde::Deserialize<'de> for Group {
        /// Reads a built-in group's name (`"EU"`) or a full group as `Serialize` writes it.
        fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
            struct Visitor;

            impl<'de> serde::de::Visitor<'de> for Visitor {
                type Value = Group;

                fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                    f.write_str("the name of a built-in group, or a group with its memberships")
                }

                fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Group, E> {
                    v.parse().map_err(E::custom)
                }

                fn visit_map<A: serde::de::MapAccess<'de>>(
                    self,
                    map: A,
                ) -> std::result::Result<Group, A::Error> {
                    use serde::de::Error as _;
                    let repr = <GroupRepr as serde::Deserialize>::deserialize(
                        serde::de::value::MapAccessDeserializer::new(map),
                    )?;
                    Group::try_from(repr).map_err(A::Error::custom)
                }
            }

            d.deserialize_any(Visitor)
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests;
