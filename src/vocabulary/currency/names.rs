//! Currency symbols and names as people write them, for [`Currency::lookup`](super::Currency::lookup)
//! and the money parser.
//!
//! Keys are compared after [`key`]: lower case, with whitespace and dots removed, so "U.S. Dollars"
//! and "us dollars" are one key ("usdollars"). Hyphens are kept: a trailing "-" is a sign.

/// What a symbol or name stands for.
pub(crate) enum Meaning {
    /// One currency (alphabetic code).
    One(&'static str),
    /// Several currencies share it (alphabetic codes, most used first).
    Ambiguous(&'static [&'static str]),
}

use Meaning::{Ambiguous, One};

const YEN_YUAN: &[&str] = &["JPY", "CNY"];
const KRONA: &[&str] = &["SEK", "NOK", "DKK", "ISK"];
const RUPEES: &[&str] = &["INR", "PKR", "LKR", "NPR", "MUR", "SCR"];
const FRANCS: &[&str] = &["CHF", "XOF", "XAF", "XPF"];
const POUNDS: &[&str] = &["GBP", "EGP", "LBP", "SYP", "SDG", "SSP"];
const PESOS: &[&str] = &["MXN", "ARS", "CLP", "COP", "PHP", "CUP", "DOP", "UYU"];
const DINARS: &[&str] = &[
    "KWD", "BHD", "JOD", "IQD", "LYD", "TND", "DZD", "RSD", "MKD",
];
const RIYALS: &[&str] = &["SAR", "QAR", "OMR", "YER", "IRR"];
const DIRHAMS: &[&str] = &["AED", "MAD"];
const SHILLINGS: &[&str] = &["KES", "UGX", "TZS", "SOS"];
const MANATS: &[&str] = &["AZN", "TMT"];
const SOMS: &[&str] = &["KGS", "UZS"];
const LEI: &[&str] = &["RON", "MDL"];
const WONS: &[&str] = &["KRW", "KPW"];

/// Normalised key → meaning. Keys must already be in [`key`] form (a unit test checks).
static NAMES: &[(&str, Meaning)] = &[
    // US dollar: "$" and "dollar(s)" alone follow the financial-press convention.
    ("$", One("USD")),
    ("us$", One("USD")),
    ("usd$", One("USD")),
    ("dollar", One("USD")),
    ("dollars", One("USD")),
    ("usdollar", One("USD")),
    ("usdollars", One("USD")),
    ("americandollar", One("USD")),
    ("americandollars", One("USD")),
    ("a$", One("AUD")),
    ("au$", One("AUD")),
    ("aud$", One("AUD")),
    ("australiandollar", One("AUD")),
    ("australiandollars", One("AUD")),
    ("c$", One("CAD")),
    ("ca$", One("CAD")),
    ("can$", One("CAD")),
    ("canadiandollar", One("CAD")),
    ("canadiandollars", One("CAD")),
    ("nz$", One("NZD")),
    ("newzealanddollar", One("NZD")),
    ("newzealanddollars", One("NZD")),
    ("hk$", One("HKD")),
    ("hongkongdollar", One("HKD")),
    ("hongkongdollars", One("HKD")),
    ("s$", One("SGD")),
    ("sg$", One("SGD")),
    ("singaporedollar", One("SGD")),
    ("singaporedollars", One("SGD")),
    ("nt$", One("TWD")),
    ("ntd", One("TWD")),
    ("taiwandollar", One("TWD")),
    ("taiwandollars", One("TWD")),
    ("newtaiwandollar", One("TWD")),
    ("newtaiwandollars", One("TWD")),
    ("mx$", One("MXN")),
    ("r$", One("BRL")),
    ("€", One("EUR")),
    ("euro", One("EUR")),
    ("euros", One("EUR")),
    ("£", One("GBP")),
    ("gb£", One("GBP")),
    ("sterling", One("GBP")),
    ("poundsterling", One("GBP")),
    ("poundssterling", One("GBP")),
    ("britishpound", One("GBP")),
    ("britishpounds", One("GBP")),
    ("egyptianpound", One("EGP")),
    ("egyptianpounds", One("EGP")),
    ("¥", Ambiguous(YEN_YUAN)),
    ("￥", Ambiguous(YEN_YUAN)),
    ("jp¥", One("JPY")),
    ("yen", One("JPY")),
    ("japaneseyen", One("JPY")),
    ("cn¥", One("CNY")),
    ("rmb", One("CNY")),
    ("yuan", One("CNY")),
    ("chineseyuan", One("CNY")),
    ("renminbi", One("CNY")),
    ("yuanrenminbi", One("CNY")),
    ("元", One("CNY")),
    ("円", One("JPY")),
    ("₺", One("TRY")),
    ("tl", One("TRY")),
    ("lira", One("TRY")),
    ("liras", One("TRY")),
    ("turkishlira", One("TRY")),
    ("turkishliras", One("TRY")),
    ("₸", One("KZT")),
    ("tenge", One("KZT")),
    ("kazakhtenge", One("KZT")),
    ("kazakhstanitenge", One("KZT")),
    ("₽", One("RUB")),
    ("rouble", One("RUB")),
    ("roubles", One("RUB")),
    ("ruble", One("RUB")),
    ("rubles", One("RUB")),
    ("russianrouble", One("RUB")),
    ("russianroubles", One("RUB")),
    ("russianruble", One("RUB")),
    ("russianrubles", One("RUB")),
    ("belarusianruble", One("BYN")),
    ("belarusianrubles", One("BYN")),
    ("belarusianrouble", One("BYN")),
    ("belarusianroubles", One("BYN")),
    ("₹", One("INR")),
    ("indianrupee", One("INR")),
    ("indianrupees", One("INR")),
    ("pakistanirupee", One("PKR")),
    ("pakistanirupees", One("PKR")),
    ("srilankanrupee", One("LKR")),
    ("srilankanrupees", One("LKR")),
    ("nepaleserupee", One("NPR")),
    ("nepaleserupees", One("NPR")),
    ("rupee", Ambiguous(RUPEES)),
    ("rupees", Ambiguous(RUPEES)),
    ("rs", Ambiguous(RUPEES)),
    ("₨", Ambiguous(RUPEES)),
    ("₩", One("KRW")),
    ("won", One("KRW")),
    ("koreanwon", One("KRW")),
    ("southkoreanwon", One("KRW")),
    ("northkoreanwon", One("KPW")),
    ("₴", One("UAH")),
    ("hryvnia", One("UAH")),
    ("hryvnias", One("UAH")),
    ("hryvnya", One("UAH")),
    ("₦", One("NGN")),
    ("naira", One("NGN")),
    ("₱", One("PHP")),
    ("philippinepeso", One("PHP")),
    ("philippinepesos", One("PHP")),
    ("₪", One("ILS")),
    ("shekel", One("ILS")),
    ("shekels", One("ILS")),
    ("₫", One("VND")),
    ("dong", One("VND")),
    ("฿", One("THB")),
    ("baht", One("THB")),
    ("₼", One("AZN")),
    ("azerbaijanimanat", One("AZN")),
    ("₾", One("GEL")),
    ("lari", One("GEL")),
    ("֏", One("AMD")),
    ("dram", One("AMD")),
    ("drams", One("AMD")),
    ("zł", One("PLN")),
    ("zloty", One("PLN")),
    ("zlotys", One("PLN")),
    ("zlotych", One("PLN")),
    ("forint", One("HUF")),
    ("forints", One("HUF")),
    ("kč", One("CZK")),
    ("czechkoruna", One("CZK")),
    ("czechkorunas", One("CZK")),
    ("real", One("BRL")),
    ("reais", One("BRL")),
    ("reals", One("BRL")),
    ("brazilianreal", One("BRL")),
    ("brazilianreais", One("BRL")),
    ("rand", One("ZAR")),
    ("southafricanrand", One("ZAR")),
    ("ringgit", One("MYR")),
    ("rm", One("MYR")),
    ("rupiah", One("IDR")),
    ("rp", One("IDR")),
    ("somoni", One("TJS")),
    ("kyrgyzsom", One("KGS")),
    ("uzbeksum", One("UZS")),
    ("uzbeksom", One("UZS")),
    ("turkmenmanat", One("TMT")),
    ("swissfranc", One("CHF")),
    ("swissfrancs", One("CHF")),
    ("chf", One("CHF")),
    ("mexicanpeso", One("MXN")),
    ("mexicanpesos", One("MXN")),
    ("argentinepeso", One("ARS")),
    ("argentinepesos", One("ARS")),
    ("swedishkrona", One("SEK")),
    ("swedishkronor", One("SEK")),
    ("norwegiankrone", One("NOK")),
    ("norwegiankroner", One("NOK")),
    ("danishkrone", One("DKK")),
    ("danishkroner", One("DKK")),
    ("icelandickrona", One("ISK")),
    ("icelandickronur", One("ISK")),
    ("saudiriyal", One("SAR")),
    ("saudiriyals", One("SAR")),
    ("qataririyal", One("QAR")),
    ("qataririyals", One("QAR")),
    ("uaedirham", One("AED")),
    ("uaedirhams", One("AED")),
    ("emiratidirham", One("AED")),
    ("emiratidirhams", One("AED")),
    ("kuwaitidinar", One("KWD")),
    ("kuwaitidinars", One("KWD")),
    ("sdr", One("XDR")),
    ("sdrs", One("XDR")),
    ("specialdrawingright", One("XDR")),
    ("specialdrawingrights", One("XDR")),
    ("deutschemark", One("DEM")),
    ("deutschemarks", One("DEM")),
    ("deutschmark", One("DEM")),
    ("deutschmarks", One("DEM")),
    ("d-mark", One("DEM")),
    ("d-marks", One("DEM")),
    ("dm", One("DEM")),
    ("frenchfranc", One("FRF")),
    ("frenchfrancs", One("FRF")),
    // Shared names: the caller must say which.
    ("kr", Ambiguous(KRONA)),
    ("krona", Ambiguous(KRONA)),
    ("kronor", Ambiguous(KRONA)),
    ("krone", Ambiguous(KRONA)),
    ("kroner", Ambiguous(KRONA)),
    ("franc", Ambiguous(FRANCS)),
    ("francs", Ambiguous(FRANCS)),
    ("fr", Ambiguous(FRANCS)),
    ("pound", Ambiguous(POUNDS)),
    ("pounds", Ambiguous(POUNDS)),
    ("peso", Ambiguous(PESOS)),
    ("pesos", Ambiguous(PESOS)),
    ("dinar", Ambiguous(DINARS)),
    ("dinars", Ambiguous(DINARS)),
    ("riyal", Ambiguous(RIYALS)),
    ("riyals", Ambiguous(RIYALS)),
    ("rial", Ambiguous(RIYALS)),
    ("rials", Ambiguous(RIYALS)),
    ("dirham", Ambiguous(DIRHAMS)),
    ("dirhams", Ambiguous(DIRHAMS)),
    ("shilling", Ambiguous(SHILLINGS)),
    ("shillings", Ambiguous(SHILLINGS)),
    ("manat", Ambiguous(MANATS)),
    ("manats", Ambiguous(MANATS)),
    ("som", Ambiguous(SOMS)),
    ("sum", Ambiguous(SOMS)),
    ("leu", Ambiguous(LEI)),
    ("lei", Ambiguous(LEI)),
    ("koreanwons", Ambiguous(WONS)),
];

/// The comparison form of a currency text: lower case, without whitespace or dots.
pub(crate) fn key(text: &str) -> String {
    text.chars()
        .filter(|c| !(c.is_whitespace() || *c == '.'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What `text` (a symbol or a name, not a code) stands for, if tradestat knows it.
pub(crate) fn resolve(text: &str) -> Option<&'static Meaning> {
    let k = key(text);
    NAMES
        .iter()
        .find(|(name, _)| *name == k)
        .map(|(_, meaning)| meaning)
}

/// Every code the table names (for a consistency test).
#[cfg(test)]
pub(crate) fn all_codes() -> impl Iterator<Item = &'static str> {
    NAMES.iter().flat_map(|(_, m)| match m {
        One(c) => std::slice::from_ref(c).iter().copied(),
        Ambiguous(cs) => cs.iter().copied(),
    })
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_normalised_and_unique() {
        for (i, (name, _)) in NAMES.iter().enumerate() {
            assert_eq!(key(name), *name, "key {name:?} is not normalised");
            assert!(
                NAMES[..i].iter().all(|(other, _)| other != name),
                "duplicate key {name:?}"
            );
        }
    }
}
