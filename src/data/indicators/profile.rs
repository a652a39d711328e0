//! [`Profile`]: the one-call answer about a pair of countries.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};

use super::gather::uniform_level;
use super::intra_industry::GrubelLloyd;
use super::query::{
    grubel_lloyd, grubel_lloyd_aggregate, partner_share, top_products, trade_intensity_with,
};
use super::share::{RelativeShare, Share};
use super::world::World;
use crate::area::Area;
use crate::asymmetry::Asymmetry;
use crate::commodity::Commodity;
use crate::currency::Currency;
use crate::dataset::TradeData;
use crate::error::{Error, Result};
use crate::flow::Measure;
use crate::growth::growth;
use crate::money::{Money, Scale};
use crate::period::Period;
use crate::perspective::Perspective;
use crate::rate::Rate;
use crate::series::Series;

/// How many products a profile lists in each direction.
const TOP_PRODUCTS: usize = 5;

/// One side's trade with the other in one period. Figures are `None` where the data has none.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProfileRow {
    /// The period.
    pub period: Period,
    /// Exports to the other side.
    pub exports: Option<Money>,
    /// Imports from the other side.
    pub imports: Option<Money>,
    /// Exports plus imports, where both are known.
    pub turnover: Option<Money>,
    /// Exports minus imports, where both are known.
    pub balance: Option<Money>,
    /// Turnover's growth on the previous period, where both are known and the previous is positive.
    pub turnover_growth: Option<Rate>,
}

/// One side's view of the pair: its figures by period, and its indicators in the profile's period.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct ProfileSide {
    /// The side whose figures these are.
    pub reporter: Area,
    /// The other side.
    pub partner: Area,
    /// Its figures, oldest first, up to the profile's period.
    pub rows: Vec<ProfileRow>,
    /// The partner's share in this side's exports (its own reports; see [`partner_share`]).
    pub export_share: Option<Share>,
    /// The partner's share in this side's imports (its own reports).
    pub import_share: Option<Share>,
    /// Trade intensity of this side's exports to the partner.
    pub intensity: Option<RelativeShare>,
    /// The Grubel-Lloyd index of its trade with the partner: over products where the data has
    /// them, else of the period's exports and imports as shown in `rows`.
    pub grubel_lloyd: Option<GrubelLloyd>,
    /// Its largest exports to the partner by product, with their shares.
    pub top_exports: Vec<(Commodity, Share)>,
    /// Its largest imports from the partner by product, with their shares.
    pub top_imports: Vec<(Commodity, Share)>,
}

/// Everything a data set says about a pair in one period and the periods before it: both sides'
/// exports, imports, turnover, balance and growth, the mirror comparison, each side's share in
/// the other's trade, trade intensity, Grubel-Lloyd and the top products.
///
/// Each side's figures are its own reports, with the partner's mirror figures filling the
/// periods it did not report ([`Perspective::ReporterThenPartner`], CIF/FOB factor 1.06). A
/// source that gives one figure per flow for both sides ([`Reporting::Single`], as dyadic
/// tables are read) gives both sides the file's figures, unconverted, and a note says so. What
/// the data cannot give is listed in [`Profile::notes`] with the reason, not left out silently.
///
/// [`Reporting::Single`]: crate::Reporting::Single
///
/// `Display` prints aligned tables with thousands separators and the unit named once, and each
/// top product's HS 2022 name where it has one ([`Commodity::description`]), cut to the width of
/// the tables; serde gives the same figures as JSON (codes without names).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize))]
pub struct Profile {
    period: Period,
    currency: Currency,
    sides: [ProfileSide; 2],
    exports_mirror: Vec<Asymmetry>,
    imports_mirror: Vec<Asymmetry>,
    single_source: bool,
    notes: Vec<String>,
}

impl Profile {
    /// The profile's period.
    pub fn period(&self) -> Period {
        self.period
    }

    /// The currency of every figure.
    pub fn currency(&self) -> Currency {
        self.currency
    }

    /// The first side's view (`a` of [`TradeData::profile`]).
    pub fn first(&self) -> &ProfileSide {
        &self.sides[0]
    }

    /// The second side's view.
    pub fn second(&self) -> &ProfileSide {
        &self.sides[1]
    }

    /// The first side's exports against the second side's imports of them, per period where both
    /// reported.
    pub fn exports_mirror(&self) -> &[Asymmetry] {
        &self.exports_mirror
    }

    /// The first side's imports against the second side's exports, per period where both
    /// reported.
    pub fn imports_mirror(&self) -> &[Asymmetry] {
        &self.imports_mirror
    }

    /// Whether the pair's figures come from a source that gives one figure per flow for both
    /// sides ([`Reporting::Single`](crate::Reporting::Single)): then each side's exports are the
    /// other's imports, and there is no mirror comparison.
    pub fn single_source(&self) -> bool {
        self.single_source
    }

    /// What the data could not give, and why.
    pub fn notes(&self) -> &[String] {
        &self.notes
    }
}

impl TradeData {
    /// The [`Profile`] of `a` and `b` in `period` (and the periods of the same frequency before
    /// it in the data).
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] when the data set is empty, neither side has any figure for
    /// the other up to `period`, or a figure shown is negative (naming it); every other missing
    /// piece becomes one of the [`Profile::notes`].
    pub fn profile(
        &self,
        a: impl Into<Area>,
        b: impl Into<Area>,
        period: Period,
    ) -> Result<Profile> {
        let (a, b) = (a.into(), b.into());
        let currency = self.currency().ok_or_else(|| Error::InvalidArgument {
            reason: "the data set is empty: there is nothing to profile".to_owned(),
        })?;
        let mut notes = Vec::new();
        let world = World::from_data(self, period)
            .map_err(|e| notes.push(format!("trade intensity: {e}")))
            .ok();
        let first = side(self, a, b, period, world.as_ref(), &mut notes)?;
        let second = side(self, b, a, period, world.as_ref(), &mut notes)?;
        if first.rows.is_empty() && second.rows.is_empty() {
            return Err(Error::InvalidArgument {
                reason: format!("no trade between {a} and {b} up to {period} in the data set"),
            });
        }
        let bilateral = self.bilateral(a, b)?;
        let single = self.single_source(a, b);
        if single {
            notes.push(format!(
                "source: one figure per flow for both sides (Reporting::Single): {a}'s exports to {b} are {b}'s imports from {a}, as the source gives them (never CIF/FOB converted); there is no mirror comparison"
            ));
        }
        let mut mirror = |measure: Measure| match bilateral.asymmetry(measure) {
            Ok(list) => list.into_iter().filter(|x| x.period <= period).collect(),
            Err(_) if single => Vec::new(),
            Err(e) => {
                notes.push(format!(
                    "mirror {measure}: not available ({e}); the mirror comparison needs both sides' reports of the same flow"
                ));
                Vec::new()
            }
        };
        let exports_mirror = mirror(Measure::Exports);
        let imports_mirror = mirror(Measure::Imports);
        Ok(Profile {
            period,
            currency,
            sides: [first, second],
            exports_mirror,
            imports_mirror,
            single_source: single,
            notes,
        })
    }
}

fn side(
    data: &TradeData,
    a: Area,
    b: Area,
    period: Period,
    world: Option<&World>,
    notes: &mut Vec<String>,
) -> Result<ProfileSide> {
    let bilateral = data.bilateral(a, b)?.frequency(period.frequency());
    let view = Perspective::ReporterThenPartner;
    let series = |s: Result<Series>| s.ok();
    let exports = series(bilateral.exports(view));
    let imports = series(bilateral.imports(view));
    // Turnover and balance from the exact figures, divided once (adding two figures already
    // divided by the CIF/FOB factor could need more digits than a Decimal holds).
    let turnovers = series(bilateral.turnover(view));
    let balances = series(bilateral.balance(view));
    let mut periods: Vec<Period> = exports
        .iter()
        .chain(imports.iter())
        .flat_map(|s| s.periods().collect::<Vec<_>>())
        .filter(|p| *p <= period)
        .collect();
    periods.sort();
    periods.dedup();
    let get = |s: &Option<Series>, p: Period| s.as_ref().and_then(|s| s.get(p));
    let mut rows: Vec<ProfileRow> = Vec::with_capacity(periods.len());
    for p in periods {
        let (x, m) = (get(&exports, p), get(&imports, p));
        for (figure, flow) in [(x, "exports to"), (m, "imports from")] {
            if let Some(v) = figure.filter(Money::is_negative) {
                return Err(Error::InvalidArgument {
                    reason: format!(
                        "profile of {a} and {b}: {a}'s {flow} {b} in {p} are negative ({v}; its own report, else {b}'s mirror figure): a profile's turnover, balance, growth and indicators need trade flows of zero or more (a negative figure is a correction, not trade)"
                    ),
                });
            }
        }
        let (turnover, balance) = match (x, m) {
            (Some(_), Some(_)) => (get(&turnovers, p), get(&balances, p)),
            _ => (None, None),
        };
        let previous = p
            .pred()
            .ok()
            .and_then(|q| rows.iter().find(|r| r.period == q))
            .and_then(|r| r.turnover);
        let turnover_growth = match (previous, turnover) {
            (Some(before), Some(now)) if before.amount() > Decimal::ZERO => {
                growth(&before, &now).ok()
            }
            _ => None,
        };
        rows.push(ProfileRow {
            period: p,
            exports: x,
            imports: m,
            turnover,
            balance,
            turnover_growth,
        });
    }
    let mut note = |what: &str, e: Error| notes.push(format!("{what} ({a} with {b}): {e}"));
    let mut share = |measure: Measure| {
        partner_share(data, a, b, measure, period)
            .map_err(|e| note(&format!("share in {measure}"), e))
            .ok()
    };
    let (export_share, import_share) = (share(Measure::Exports), share(Measure::Imports));
    let intensity = world.and_then(|w| {
        trade_intensity_with(data, w, a, b)
            .map_err(|e| note("trade intensity", e))
            .ok()
    });
    // Over products where the pair has them (an error there is noted, never replaced by the
    // totals' index); else of the period's figures as shown (a's own, gaps filled with the
    // mirror figures).
    let detail = match uniform_level(data.products(a, b, period)) {
        Ok(products) => Some(!products.is_empty()),
        Err(e) => {
            note("products", e);
            None
        }
    };
    let shown = rows.iter().find(|r| r.period == period);
    let grubel_lloyd = match detail {
        Some(false) => match shown.map(|r| (r.exports, r.imports)) {
            Some((Some(x), Some(m))) => GrubelLloyd::new(x, m).map(Some),
            _ => grubel_lloyd(data, a, b, Commodity::TOTAL, period).map(Some),
        },
        Some(true) => grubel_lloyd_aggregate(data, a, b, period).map(Some),
        None => Ok(None),
    }
    .map_err(|e| note("Grubel-Lloyd", e))
    .ok()
    .flatten();
    let mut top = |measure: Measure| match detail {
        Some(true) => top_products(data, a, b, measure, period, TOP_PRODUCTS)
            .map_err(|e| note(&format!("top products by {measure}"), e))
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    let (top_exports, top_imports) = (top(Measure::Exports), top(Measure::Imports));
    if detail == Some(false) {
        notes.push(format!("top products ({a} with {b}): not available, the data has no product detail for {period}"));
    }
    Ok(ProfileSide {
        reporter: a,
        partner: b,
        rows,
        export_share,
        import_share,
        intensity,
        grubel_lloyd,
        top_exports,
        top_imports,
    })
}

impl fmt::Display for Profile {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scale = display_scale(self);
        let unit = if scale == Scale::Units {
            self.currency.code().to_owned()
        } else {
            format!("{} {}", scale.word(), self.currency.code())
        };
        let (a, b) = (self.first().reporter, self.second().reporter);
        writeln!(
            f,
            "Trade profile: {} and {}, {} (values in {unit})",
            a.name(),
            b.name(),
            self.period
        )?;
        for side in &self.sides {
            writeln!(f)?;
            writeln!(
                f,
                "{}'s trade with {}",
                side.reporter.name(),
                side.partner.name()
            )?;
            writeln!(
                f,
                "{:<9}{:>16}{:>16}{:>16}{:>16}{:>9}",
                "period", "exports", "imports", "turnover", "balance", "growth"
            )?;
            for row in &side.rows {
                let cell = |m: Option<Money>| {
                    m.map_or_else(|| "-".to_owned(), |m| grouped(m.in_scale(scale)))
                };
                let growth = row
                    .turnover_growth
                    .map_or_else(|| "-".to_owned(), |g| format!("{g:.1}"));
                writeln!(
                    f,
                    "{:<9}{:>16}{:>16}{:>16}{:>16}{:>9}",
                    row.period.to_string(),
                    cell(row.exports),
                    cell(row.imports),
                    cell(row.turnover),
                    cell(row.balance),
                    growth
                )?;
            }
            let pct = |s: Option<Decimal>| {
                s.map_or_else(
                    || "n/a".to_owned(),
                    |v| format!("{:.2}", Rate::from_fraction(v)),
                )
            };
            writeln!(
                f,
                "  {}'s share in its exports: {}; in its imports: {}",
                side.partner.name(),
                pct(side.export_share.as_ref().map(Share::value)),
                pct(side.import_share.as_ref().map(Share::value))
            )?;
            let num = |v: Option<Decimal>| {
                v.map_or_else(
                    || "n/a".to_owned(),
                    |v| format!("{:.3}", crate::Ratio::new(v)),
                )
            };
            writeln!(
                f,
                "  trade intensity of its exports: {}",
                num(side.intensity.as_ref().map(RelativeShare::value))
            )?;
            writeln!(
                f,
                "  Grubel-Lloyd index: {}",
                num(side.grubel_lloyd.as_ref().map(GrubelLloyd::value))
            )?;
            for (label, list) in [
                ("exports", &side.top_exports),
                ("imports", &side.top_imports),
            ] {
                if !list.is_empty() {
                    writeln!(f, "  top {label}:")?;
                    for (k, s) in list {
                        let line = format!(
                            "    {:<10}{:>16}{:>9}",
                            k.to_string(),
                            grouped(s.part().in_scale(scale)),
                            pct(Some(s.value()))
                        );
                        match k.description() {
                            Some(name) => writeln!(f, "{line}  {}", clip(name, NAME_WIDTH))?,
                            None => writeln!(f, "{line}")?,
                        }
                    }
                }
            }
        }
        writeln!(f)?;
        writeln!(f, "Mirror statistics ({a}'s figures against {b}'s)")?;
        if self.single_source {
            writeln!(
                f,
                "  not applicable: the source gives one figure per flow for both sides"
            )?;
        } else if self.exports_mirror.is_empty() && self.imports_mirror.is_empty() {
            writeln!(
                f,
                "  not available: no period in which both sides reported the same flow"
            )?;
        }
        for (label, list) in [
            ("exports", &self.exports_mirror),
            ("imports", &self.imports_mirror),
        ] {
            for x in list {
                let relative = x.relative().map_or_else(
                    |_| "n/a".to_owned(),
                    |r| format!("{:.1}", Rate::from_fraction(r.value())),
                );
                writeln!(
                    f,
                    "  {label:<8}{:<9}{:>16}{:>16}{:>9}",
                    x.period.to_string(),
                    grouped(x.reported.in_scale(scale)),
                    grouped(x.mirror.in_scale(scale)),
                    relative
                )?;
            }
        }
        if !self.notes.is_empty() {
            writeln!(f)?;
            writeln!(f, "Notes")?;
            for note in &self.notes {
                writeln!(f, "  - {note}")?;
            }
        }
        Ok(())
    }
}

/// The scale that puts the largest figure under a million of it (millions for billions).
fn display_scale(profile: &Profile) -> Scale {
    let largest = profile
        .sides
        .iter()
        .flat_map(|s| s.rows.iter())
        .filter_map(|r| r.turnover.or(r.exports).or(r.imports))
        .map(|m| m.amount().abs())
        .max()
        .unwrap_or(Decimal::ZERO);
    Scale::ALL
        .iter()
        .rev()
        .copied()
        .find(|s| largest >= s.factor() * Decimal::from(1000))
        .unwrap_or(Scale::Units)
}

/// The room for a product's name after its code, value and share in the text profile: the
/// lines then end where the period table's do (82 characters).
const NAME_WIDTH: usize = 41;

/// `text` cut to at most `width` characters, the cut marked with an ellipsis.
fn clip(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_owned();
    }
    let mut out: String = text.chars().take(width.saturating_sub(1)).collect();
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A figure rounded half to even to two decimals, with thousands separators: "-1,234,567.89".
fn grouped(value: Decimal) -> String {
    let rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointNearestEven);
    let text = crate::vocabulary::decimal_text::rounded_places(rounded.abs(), 2);
    let (int, frac) = text.split_once('.').unwrap_or((&text, "00"));
    let mut out = String::with_capacity(text.len() + int.len() / 3 + 1);
    if rounded.is_sign_negative() && !rounded.is_zero() {
        out.push('-');
    }
    for (i, ch) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    out.push('.');
    out.push_str(frac);
    out
}

#[cfg(test)]
mod tests {
    use super::{clip, grouped};
    use rust_decimal::Decimal;

    #[test]
    fn names_are_clipped_to_the_room() {
        assert_eq!(clip("Iron and steel", 41), "Iron and steel");
        // 41 characters exactly: kept whole; 42: 40 and the ellipsis.
        let exact = "a".repeat(41);
        assert_eq!(clip(&exact, 41), exact);
        assert_eq!(clip(&"b".repeat(42), 41), format!("{}…", "b".repeat(40)));
        // A space before the cut is dropped; characters, not bytes, are counted.
        assert_eq!(clip("abc def", 5), "abc…");
        assert_eq!(clip("ééééé", 4), "ééé…");
        assert_eq!(clip("", 0), "");
    }

    #[test]
    fn thousands() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(grouped(d("1234567.891")), "1,234,567.89");
        assert_eq!(grouped(d("-999.995")), "-1,000.00");
        assert_eq!(grouped(d("0.004")), "0.00");
        assert_eq!(grouped(d("-0.004")), "0.00");
        assert_eq!(grouped(d("100")), "100.00");
    }
}
