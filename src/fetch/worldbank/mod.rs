//! [`WorldBankClient`]: World Bank indicator series (`/v2/country/{iso3}/indicator/{id}`,
//! JSON, paged), their values read from the JSON text (never through `f64`): GDP deflators for
//! [`fx::deflate`](crate::fx::deflate) and official exchange rates for
//! [`fx::Rates`](crate::fx::Rates).

mod currencies;
mod currency;

pub use currency::currency_in;

use std::ops::RangeInclusive;
use std::time::Duration;

use rust_decimal::Decimal;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::error::Error;
use super::http::politeness_setters;
use super::report::{Call, FetchReport, Outcome};
use super::service::{call_name, Service};
use crate::country::Country;
use crate::currency::Currency;
use crate::fx::Rates;
use crate::period::{Period, Year};
use crate::series::Series;

/// The default base URL.
pub const WORLD_BANK_BASE_URL: &str = "https://api.worldbank.org";

/// GDP deflator (base year varies by country).
pub const GDP_DEFLATOR: &str = "NY.GDP.DEFL.ZS";

/// Official exchange rate (local currency units per US dollar, period average).
pub const OFFICIAL_EXCHANGE_RATE: &str = "PA.NUS.FCRF";

/// One annual indicator series of one country, as the World Bank serves it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndicatorSeries {
    country: Country,
    indicator: String,
    source: String,
    values: Vec<(Year, Decimal)>,
    missing: Vec<Year>,
}

impl IndicatorSeries {
    /// The country.
    pub fn country(&self) -> Country {
        self.country
    }

    /// The indicator's id (`NY.GDP.DEFL.ZS`).
    pub fn indicator(&self) -> &str {
        &self.indicator
    }

    /// Where the figures come from: the indicator's name, the World Bank source id and its
    /// last update (`"GDP deflator (base year varies by country); World Bank source 2, last
    /// updated 2025-07-01"`).
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The years with a value, oldest first, each value exactly as the JSON text wrote it.
    pub fn values(&self) -> &[(Year, Decimal)] {
        &self.values
    }

    /// The years the service listed without a value (`null`): gaps, never zeros.
    pub fn missing(&self) -> &[Year] {
        &self.missing
    }
}

/// A GDP deflator: a price index by year, whose base year differs by country (the World Bank
/// publishes each country's in its own base).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deflator {
    series: IndicatorSeries,
}

impl Deflator {
    /// The series as served (or as rebased).
    pub fn series(&self) -> &IndicatorSeries {
        &self.series
    }

    /// The index as `(period, level)` pairs, for [`fx::deflate`](crate::fx::deflate).
    pub fn index(&self) -> Vec<(Period, Decimal)> {
        self.series
            .values
            .iter()
            .map(|&(y, v)| (Period::Year(y), v))
            .collect()
    }

    /// The index rebased so that `base` is 100: each level × 100 / level(base), rounded once
    /// (half to even, to the finest `Decimal` grid). Deflating gives the same result either way
    /// (the base's level cancels); rebasing is for showing or comparing indexes.
    ///
    /// # Errors
    /// [`crate::Error::MissingIndex`] when `base` has no level; [`crate::Error::OutOfRange`] for
    /// a level that is not positive.
    pub fn rebased(&self, base: Year) -> crate::Result<Deflator> {
        let level = self
            .series
            .values
            .iter()
            .find(|(y, _)| *y == base)
            .map(|&(_, v)| v)
            .ok_or(crate::Error::MissingIndex {
                period: Period::Year(base),
            })?;
        if level <= Decimal::ZERO {
            return Err(crate::Error::OutOfRange {
                what: "price index level",
                value: format!("{level} for {base}"),
                allowed: "greater than zero",
            });
        }
        let values = self
            .series
            .values
            .iter()
            .map(|&(y, v)| {
                crate::math::quotient_of_products(&[v, Decimal::ONE_HUNDRED], &[level])
                    .map(|r| (y, r.normalize()))
            })
            .collect::<crate::Result<Vec<_>>>()?;
        Ok(Deflator {
            series: IndicatorSeries {
                values,
                source: format!("{}; rebased to {base} = 100", self.series.source),
                ..self.series.clone()
            },
        })
    }

    /// `series` at constant prices of `base` ([`fx::deflate`](crate::fx::deflate) with this
    /// index).
    ///
    /// # Errors
    /// As [`fx::deflate`](crate::fx::deflate): a period without a level is an error naming it.
    pub fn deflate(&self, series: &Series, base: Year) -> crate::Result<Series> {
        crate::fx::deflate(series, &self.index(), Period::Year(base))
    }
}

/// One year's official exchange rate as the World Bank published it and as inserted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateObservation {
    /// The year (a period average).
    pub period: Period,
    /// The country's currency in that year ([`currency_in`]).
    pub currency: Currency,
    /// The value published: units of the country's current currency per US dollar (the World
    /// Bank gives a whole series in the current unit, earlier years converted at the fixed
    /// rate).
    pub published: Decimal,
    /// The rate inserted: units of `currency` per US dollar (`published` × the fixed rate from
    /// the current currency to `currency`, exact).
    pub rate: Decimal,
}

/// Official exchange rates of one country, as [`Rates`] (US dollar to the country's currency
/// of each year), with what was published and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExchangeRates {
    rates: Rates,
    observations: Vec<RateObservation>,
    series: IndicatorSeries,
}

impl ExchangeRates {
    /// The rates, `USD -> currency of the year`, by year.
    pub fn rates(&self) -> &Rates {
        &self.rates
    }

    /// The rates, consuming.
    pub fn into_rates(self) -> Rates {
        self.rates
    }

    /// Each year: the currency, the published value and the rate inserted.
    pub fn observations(&self) -> &[RateObservation] {
        &self.observations
    }

    /// The series as served (source, gaps).
    pub fn series(&self) -> &IndicatorSeries {
        &self.series
    }
}

/// A World Bank client. Calls are spaced by half a second by default.
///
/// ```no_run
/// use tradestat::fetch::WorldBankClient;
/// use tradestat::{Country, Currency};
///
/// let client = WorldBankClient::new();
/// let (fx, _) = client.exchange_rates(Country::TUR, 2003..=2006)?;
/// // TRL per dollar until 2004, TRY from 2005.
/// assert!(fx.rates().get(Currency::USD, Currency::TRY, "2005".parse()?).is_some());
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct WorldBankClient {
    service: Service,
    per_page: u32,
}

impl Default for WorldBankClient {
    fn default() -> Self {
        WorldBankClient::new()
    }
}

#[derive(Deserialize)]
struct Meta {
    page: u32,
    pages: u32,
    total: u64,
    #[serde(default)]
    sourceid: Option<String>,
    #[serde(default)]
    lastupdated: Option<String>,
}

#[derive(Deserialize)]
struct Row<'a> {
    indicator: Named,
    countryiso3code: String,
    date: String,
    #[serde(borrow)]
    value: &'a RawValue,
}

#[derive(Deserialize)]
struct Named {
    id: String,
    value: String,
}

impl WorldBankClient {
    /// A client of `https://api.worldbank.org`, 1,000 rows a page, no cache.
    pub fn new() -> Self {
        WorldBankClient {
            service: Service::new(WORLD_BANK_BASE_URL, Duration::from_millis(500)),
            per_page: 1_000,
        }
    }

    /// The base URL.
    ///
    /// # Errors
    /// [`Error::Query`] for a URL that is not `http(s)://host...`.
    pub fn base_url(mut self, url: &str) -> crate::Result<Self> {
        self.service.set_base(url)?;
        Ok(self)
    }

    /// Keeps answers in `dir` (see [`ComtradeClient::cache_dir`](super::ComtradeClient::cache_dir)).
    ///
    /// # Errors
    /// [`Error::Cache`] when the directory cannot be made.
    pub fn cache_dir(mut self, dir: impl AsRef<std::path::Path>) -> crate::Result<Self> {
        self.service.set_cache_dir(dir.as_ref())?;
        Ok(self)
    }

    /// How long a cached answer is used (a day by default).
    #[must_use]
    pub fn cache_max_age(mut self, age: Duration) -> Self {
        self.service.set_cache_max_age(age);
        self
    }

    /// Rows asked for a page (1,000 by default).
    #[must_use]
    pub fn per_page(mut self, rows: u32) -> Self {
        self.per_page = rows.max(1);
        self
    }

    politeness_setters!();

    /// The series `indicator` of `country` over `years`, every page read, the rows checked
    /// against the `total` the first page states.
    ///
    /// # Errors
    /// [`Error::Api`] for a body with a `message` (an unknown indicator or country);
    /// [`Error::Status`], [`Error::GaveUp`] as for every client; [`Error::CountMismatch`] when
    /// the pages hold more or fewer rows than `total`; [`Error::Body`] for a body that is not
    /// the documented JSON, a row of another country or indicator, a year given twice, or a
    /// value that is not a number.
    pub fn indicator(
        &self,
        country: Country,
        indicator: &str,
        years: RangeInclusive<i32>,
    ) -> crate::Result<(IndicatorSeries, FetchReport)> {
        let (from, to) = (Year::new(*years.start())?, Year::new(*years.end())?);
        if from > to {
            return Err(Error::Query {
                reason: format!("the years {from}..={to} are empty"),
            }
            .into());
        }
        let mut report = FetchReport::default();
        let mut values: Vec<(Year, Decimal)> = Vec::new();
        let mut missing = Vec::new();
        let mut source = String::new();
        let mut rows_seen = 0u64;
        let mut total = 0u64;
        let mut page = 1u32;
        loop {
            let url = format!(
                "{}/v2/country/{}/indicator/{}?format=json&per_page={}&page={page}&date={}:{}",
                self.service.base,
                country.alpha3(),
                super::service::encode(indicator),
                self.per_page,
                from.get(),
                to.get()
            );
            let call = call_name(&url);
            let got = self
                .service
                .get(&url, &[("Accept", "application/json")], &call, &|s| {
                    if s == 404 {
                        "no such country or indicator".into()
                    } else {
                        String::new()
                    }
                })?;
            let (meta, rows) = parse_page(&got.body, &call)?;
            if page == 1 {
                total = meta.total;
            }
            let n = rows.len() as u64;
            for row in rows {
                if row.countryiso3code != country.alpha3() || row.indicator.id != indicator {
                    return Err(bad_body(
                        &call,
                        &row.countryiso3code,
                        format!(
                            "a row of {} {} in an answer for {} {indicator}",
                            row.countryiso3code,
                            row.indicator.id,
                            country.alpha3()
                        ),
                    )
                    .into());
                }
                if source.is_empty() {
                    source = format!(
                        "{}; World Bank source {}, last updated {}",
                        row.indicator.value,
                        meta.sourceid.as_deref().unwrap_or("?"),
                        meta.lastupdated.as_deref().unwrap_or("?")
                    );
                }
                let year: Year = row
                    .date
                    .parse()
                    .map_err(|e: crate::Error| bad_body(&call, &row.date, e.to_string()))?;
                if values.iter().any(|(y, _)| *y == year) || missing.contains(&year) {
                    return Err(bad_body(
                        &call,
                        &row.date,
                        format!("the year {year} is given twice"),
                    )
                    .into());
                }
                let text = row.value.get();
                if text == "null" {
                    missing.push(year);
                } else {
                    let value = exact_number(text).map_err(|reason| {
                        bad_body(&call, text, format!("the value of {year}: {reason}"))
                    })?;
                    values.push((year, value));
                }
            }
            rows_seen += n;
            self.service.keep(&got, &call)?;
            report.push(Call {
                url,
                source: got.source,
                status: got.status,
                attempts: got.attempts,
                count: Some(meta.total),
                rows: n,
                outcome: Outcome::Read,
                chunk: None,
                read: None,
            });
            if meta.page >= meta.pages || n == 0 {
                break;
            }
            page += 1;
        }
        if rows_seen != total {
            return Err(Error::CountMismatch {
                call: call_name(&format!(
                    "{}/v2/country/{}/indicator/{indicator} (all pages)",
                    self.service.base,
                    country.alpha3()
                )),
                count: total,
                rows: rows_seen,
            }
            .into());
        }
        values.sort_by_key(|&(y, _)| y);
        missing.sort();
        Ok((
            IndicatorSeries {
                country,
                indicator: indicator.to_owned(),
                source,
                values,
                missing,
            },
            report,
        ))
    }

    /// The GDP deflator of `country` (`NY.GDP.DEFL.ZS`), in the World Bank's base year for it
    /// ([`Deflator::rebased`] changes the base).
    ///
    /// # Errors
    /// As [`WorldBankClient::indicator`].
    pub fn gdp_deflator(
        &self,
        country: Country,
        years: RangeInclusive<i32>,
    ) -> crate::Result<(Deflator, FetchReport)> {
        let (series, report) = self.indicator(country, GDP_DEFLATOR, years)?;
        Ok((Deflator { series }, report))
    }

    /// The official exchange rates of `country` (`PA.NUS.FCRF`, local currency per US dollar,
    /// period average) as [`Rates`] from the US dollar to the country's currency of each year
    /// ([`currency_in`]: DEM for Germany until 2001, TRL for Türkiye until 2004). The World
    /// Bank publishes a whole series in the current currency (earlier years converted at the
    /// fixed rate); a year whose currency differs gets the published value times that rate,
    /// exactly. Years without a value are gaps (listed in the series), never rates.
    ///
    /// # Errors
    /// As [`WorldBankClient::indicator`]; [`Error::Query`] for a country without a currency;
    /// the series of a country whose currency is the US dollar (the USA, Ecuador) is refused
    /// the same way, naming it, since a currency has no rate to itself.
    pub fn exchange_rates(
        &self,
        country: Country,
        years: RangeInclusive<i32>,
    ) -> crate::Result<(ExchangeRates, FetchReport)> {
        let (series, report) = self.indicator(country, OFFICIAL_EXCHANGE_RATE, years)?;
        let mut rates = Rates::new();
        let mut observations = Vec::new();
        for &(year, published) in &series.values {
            let (currency, factor) = currency_in(country, year).ok_or_else(|| Error::Query {
                reason: format!("{} has no ISO 4217 currency", country.alpha3()),
            })?;
            if currency == Currency::USD {
                return Err(Error::Query {
                    reason: format!(
                        "{}'s currency in {year} is the US dollar (as currency_in gives it): \
                         a currency has no rate to itself",
                        country.alpha3()
                    ),
                }
                .into());
            }
            let rate = crate::math::quotient_of_products(&[published, factor], &[])?.normalize();
            let period = Period::Year(year);
            rates.insert(Currency::USD, currency, period, rate)?;
            observations.push(RateObservation {
                period,
                currency,
                published,
                rate,
            });
        }
        Ok((
            ExchangeRates {
                rates,
                observations,
                series,
            },
            report,
        ))
    }
}

/// The page's metadata and rows, or the service's error message.
fn parse_page<'a>(body: &'a [u8], call: &str) -> Result<(Meta, Vec<Row<'a>>), Error> {
    match serde_json::from_slice::<(Meta, Option<Vec<Row<'a>>>)>(body) {
        Ok((meta, rows)) => Ok((meta, rows.unwrap_or_default())),
        Err(e) => {
            // An error answer is `[{"message": [{"id", "key", "value"}]}]`.
            let message = serde_json::from_slice::<serde_json::Value>(body)
                .ok()
                .and_then(|v| v.pointer("/0/message").cloned());
            match message {
                Some(_) => Err(Error::Api {
                    call: call.to_owned(),
                    message: super::service::body_message(body),
                }),
                None => Err(bad_body(
                    call,
                    &super::http::snippet(body),
                    format!("not the World Bank's [metadata, rows] JSON: {e}"),
                )),
            }
        }
    }
}

/// A body error: `input` is the text that could not be read (a row's field, or the start of
/// the body).
fn bad_body(call: &str, input: &str, reason: String) -> Error {
    Error::Body {
        call: call.to_owned(),
        source: Box::new(crate::Error::Parse {
            what: "World Bank JSON",
            input: input.to_owned(),
            position: 0,
            reason,
        }),
    }
}

/// A JSON number's text as an exact decimal: `123.45`, `-0.5`, `1.5E+2`, `2.5e-7`. Refused
/// when it needs more than 28 decimals or 96 bits, never rounded; another JSON value (a string,
/// a boolean) is refused as what it is.
pub(crate) fn exact_number(text: &str) -> Result<Decimal, String> {
    let kind = match text.bytes().next() {
        Some(b'-' | b'0'..=b'9') => None,
        Some(b'"') if text == "\"\"" => Some("an empty string"),
        Some(b'"') => Some("a string"),
        Some(b't' | b'f') => Some("a boolean"),
        Some(b'[') => Some("an array"),
        Some(b'{') => Some("an object"),
        _ => Some("a value"),
    };
    if let Some(kind) = kind {
        return Err(format!("{kind}, not a number: {text}"));
    }
    let too_big = || format!("{text} does not fit a Decimal exactly");
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(i) => {
            let exponent = &text[i + 1..];
            let digits = exponent.trim_start_matches(['+', '-']);
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("{text}: an exponent that is not a whole number"));
            }
            // A whole exponent beyond an i32 is far beyond a Decimal's 28 digits.
            (&text[..i], exponent.parse::<i32>().map_err(|_| too_big())?)
        }
        None => (text, 0),
    };
    let m = crate::vocabulary::exact_serde::parse_decimal("number", mantissa)
        .map_err(|e| e.to_string())?;
    // Trailing zeros of the mantissa are no figure: `1.0e-28` is 10^-28, which a Decimal holds.
    // Dropped only when the scale would exceed a Decimal's, so `433.900` keeps its text.
    let m = if i64::from(m.scale()) - i64::from(exponent) > 28 {
        m.normalize()
    } else {
        m
    };
    let scale = i64::from(m.scale()) - i64::from(exponent);
    let digits = m.mantissa();
    if scale >= 0 {
        let scale = u32::try_from(scale).map_err(|_| too_big())?;
        Decimal::try_from_i128_with_scale(digits, scale).map_err(|_| too_big())
    } else {
        let shift = u32::try_from(-scale).map_err(|_| too_big())?;
        let factor = 10i128.checked_pow(shift).ok_or_else(too_big)?;
        let value = digits.checked_mul(factor).ok_or_else(too_big)?;
        Decimal::try_from_i128_with_scale(value, 0).map_err(|_| too_big())
    }
}

#[cfg(test)]
mod tests {
    use super::exact_number;

    #[test]
    fn json_numbers_are_read_exactly_exponents_included() {
        for (text, want) in [
            ("123.45", "123.45"),
            ("-0.5", "-0.5"),
            ("1.5E+2", "150"),
            ("1.5e2", "150"),
            ("2.5e-7", "0.00000025"),
            ("433.927150710154", "433.927150710154"),
            ("1E+28", "10000000000000000000000000000"),
        ] {
            assert_eq!(exact_number(text).unwrap().to_string(), want, "{text}");
        }
        // Beyond 28 decimals or 96 bits: refused, not rounded.
        assert!(exact_number("1e-29").is_err());
        assert!(exact_number("1e29").is_err());
        assert!(exact_number("1.5e").is_err());
        assert!(exact_number("NaN").is_err());
    }
}
