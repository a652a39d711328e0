//! The ISO 4217 currency of a country in a year: its current currency (ISO 4217 List One), or,
//! before a change the crate's currency table records, the currency it replaced (the euro
//! adopters' national currencies, TRL before TRY in 2005, the redenominations of
//! `tools/data/iso4217_withdrawn.csv`), with the fixed rate between them.

use rust_decimal::Decimal;

use super::currencies::CURRENT;
use crate::country::Country;
use crate::currency::Currency;
use crate::period::Year;

/// The currencies a country used before its current one: (country, withdrawn currency, units of
/// it per unit of its successor). The last year of each and its successor come from the
/// currency table. Euro rates: the irrevocable conversion rates (Council Regulations
/// 2866/98 and later); the others: the redenominations of ISO 4217 List Three.
const BEFORE: [(&str, &str, &str); 34] = [
    ("AUT", "ATS", "13.7603"),
    ("AZE", "AZM", "5000"),
    ("BEL", "BEF", "40.3399"),
    ("BGR", "BGN", "1.95583"),
    ("BLR", "BYR", "10000"),
    ("CYP", "CYP", "0.585274"),
    ("DEU", "DEM", "1.95583"),
    ("ESP", "ESP", "166.386"),
    ("EST", "EEK", "15.6466"),
    ("FIN", "FIM", "5.94573"),
    ("FRA", "FRF", "6.55957"),
    ("GHA", "GHC", "10000"),
    ("GRC", "GRD", "340.750"),
    ("HRV", "HRK", "7.53450"),
    ("IRL", "IEP", "0.787564"),
    ("ITA", "ITL", "1936.27"),
    ("LTU", "LTL", "3.45280"),
    ("LUX", "LUF", "40.3399"),
    ("LVA", "LVL", "0.702804"),
    ("MLT", "MTL", "0.429300"),
    ("MOZ", "MZM", "1000"),
    ("MRT", "MRO", "10"),
    ("NLD", "NLG", "2.20371"),
    ("PRT", "PTE", "200.482"),
    ("ROU", "ROL", "10000"),
    ("RUS", "RUR", "1000"),
    ("STP", "STD", "1000"),
    ("SVK", "SKK", "30.1260"),
    ("SVN", "SIT", "239.640"),
    ("TKM", "TMM", "5000"),
    ("TUR", "TRL", "1000000"),
    ("VEN", "VEF", "100000"),
    ("VEN", "VEB", "1000"),
    ("ZMB", "ZMK", "1000"),
];

/// A country's currency in a year, and how many units of it one unit of its current currency
/// is worth (1 when they are the same): `DEU` in 1998 is DEM at 1.95583, `TUR` in 2004 is TRL
/// at 1,000,000.
///
/// `None` for a country without a currency in ISO 4217 List One (Antarctica, Palestine).
/// Only the changes listed here are known: a redenomination that kept its code (Venezuela's
/// VES in 2021) or a currency the table does not hold (Zimbabwe's dollars) is not modelled, and
/// the current currency is given.
pub fn currency_in(country: Country, year: Year) -> Option<(Currency, Decimal)> {
    let current = CURRENT
        .binary_search_by_key(&country.alpha3(), |(a3, _)| a3)
        .ok()
        .and_then(|i| CURRENT.get(i))
        .map(|&(_, c)| c)?;
    let mut currency = current;
    let mut factor = Decimal::ONE;
    // Walk back through the changes: the newest predecessor first.
    loop {
        let before = BEFORE
            .iter()
            .filter(|(a3, _, _)| *a3 == country.alpha3())
            .filter_map(|&(_, code, rate)| {
                let old = Currency::from_code(code)?;
                let rate: Decimal = rate.parse().ok()?;
                (old.successor() == Some(currency)).then_some((old, rate))
            })
            .find(|(old, _)| old.withdrawn_in().is_some_and(|last| year <= last));
        match before {
            Some((old, rate)) => {
                currency = old;
                factor = factor.checked_mul(rate)?;
            }
            None => return Some((currency, factor)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(country: Country, year: i32) -> (String, String) {
        let (c, f) = currency_in(country, Year::new(year).unwrap()).unwrap();
        (c.code().to_owned(), f.to_string())
    }

    #[test]
    fn euro_adopters_use_their_old_currency_until_the_year_before_the_changeover() {
        // DEM's last year is 2001 (euro cash 2002-01-01); HRK's 2022; LTL's 2014.
        assert_eq!(at(Country::DEU, 2001), ("DEM".into(), "1.95583".into()));
        // Bulgaria: the lev until 2025 (euro from 2026-01-01, at the lev's fixed 1.95583).
        assert_eq!(at(Country::BGR, 2025), ("BGN".into(), "1.95583".into()));
        assert_eq!(at(Country::BGR, 2026), ("EUR".into(), "1".into()));
        assert_eq!(at(Country::DEU, 2002), ("EUR".into(), "1".into()));
        assert_eq!(at(Country::HRV, 2022), ("HRK".into(), "7.53450".into()));
        assert_eq!(at(Country::HRV, 2023), ("EUR".into(), "1".into()));
        assert_eq!(at(Country::LTU, 2014), ("LTL".into(), "3.45280".into()));
        assert_eq!(at(Country::LTU, 2015), ("EUR".into(), "1".into()));
    }

    #[test]
    fn turkey_is_trl_until_2004_and_try_from_2005() {
        assert_eq!(at(Country::TUR, 2004), ("TRL".into(), "1000000".into()));
        assert_eq!(at(Country::TUR, 2005), ("TRY".into(), "1".into()));
    }

    #[test]
    fn two_redenominations_chain_their_factors() {
        // Venezuela: VEB (to 2007) -> VEF (to 2018) -> VES: 1000 x 100000 VEB per VES.
        assert_eq!(at(Country::VEN, 2007), ("VEB".into(), "100000000".into()));
        assert_eq!(at(Country::VEN, 2010), ("VEF".into(), "100000".into()));
        assert_eq!(at(Country::VEN, 2019), ("VES".into(), "1".into()));
    }

    #[test]
    fn countries_without_a_change_keep_their_currency_and_some_have_none() {
        assert_eq!(at(Country::KAZ, 1995), ("KZT".into(), "1".into()));
        assert_eq!(at(Country::USA, 1990), ("USD".into(), "1".into()));
        assert_eq!(currency_in(Country::ATA, Year::new(2000).unwrap()), None);
    }

    #[test]
    fn every_predecessor_names_a_withdrawn_currency_whose_successor_is_known() {
        for (a3, code, rate) in BEFORE.iter() {
            let old = Currency::from_code(code).unwrap();
            assert!(old.withdrawn_in().is_some(), "{code}");
            assert!(old.successor().is_some(), "{code}");
            assert!(Country::from_alpha3(a3).is_some(), "{a3}");
            assert!(rate.parse::<Decimal>().unwrap() > Decimal::ZERO);
        }
    }
}
