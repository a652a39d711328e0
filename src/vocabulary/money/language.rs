//! The languages [`Money::parse_in`](super::Money::parse_in) reads: their number separators, scale
//! words and currency words, inflected forms included.

use std::fmt;

use super::Scale;
use crate::currency::Currency;

/// A language amounts are written in, for [`Money::parse_in`](super::Money::parse_in).
///
/// Each language brings its separators, scale words and currency words:
///
/// | language | decimal | thousands | scale words | currency words |
/// | --- | --- | --- | --- | --- |
/// | `English` | `.` | `,` or a space | k, m, bn, tn, thousand, million, billion, trillion | dollars, euros, tenge, lira, ... |
/// | `Turkish` | `,` | `.` or a space | bin, milyon, milyar, trilyon | dolar, doları, dolarlık, Türk lirası, lira, TL, avro, tenge |
/// | `Russian` | `,` | a space | тыс., млн, млрд, трлн, миллион(а/ов), миллиард(а/ов), ... | доллар(а/ов), долл., евро, тенге, рубль, лира |
/// | `Kazakh` | `,` | a space | мың, млн, млрд, трлн, миллион, миллиард (Latin: myń, mlrd, milliard) | доллар, АҚШ доллары, теңге, тенге, евро (Latin: dollar, teńge) |
///
/// Spaces include the no-break space (U+00A0) and the narrow no-break space (U+202F) that Russian
/// and Kazakh typography puts between thousands. In every language, codes and symbols ("USD",
/// "$", "₸", "₺") and the English names are read too. English is what [`str::parse`] reads: a
/// decimal comma is never guessed there.
///
/// ```
/// # use tradestat::money::Language;
/// # use tradestat::Money;
/// let m = Money::parse_in("6 milyar 300 milyon dolar", Language::Turkish)?;
/// assert_eq!(m, "$6.3bn".parse()?);
/// let r = Money::parse_in("6,3 миллиардов долларов", Language::Russian)?;
/// assert_eq!(r, m);
/// assert_eq!(Language::Kazakh.to_string(), "Kazakh");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
#[non_exhaustive]
pub enum Language {
    /// English: decimal point, thousands comma (or space); "6.3 billion US dollars".
    #[default]
    English,
    /// Turkish: decimal comma, thousands dot; "6,3 milyar dolar", "6 milyar 300 milyon dolar".
    Turkish,
    /// Russian: decimal comma, thousands space; "6,3 млрд долларов".
    Russian,
    /// Kazakh: decimal comma, thousands space; "6,3 млрд АҚШ доллары".
    Kazakh,
}

impl fmt::Display for Language {
    /// The language's English name ("Turkish").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Language::English => "English",
            Language::Turkish => "Turkish",
            Language::Russian => "Russian",
            Language::Kazakh => "Kazakh",
        })
    }
}

/// Turkish scale words (lower case, after [`word_key`]).
const TURKISH_SCALES: &[(&str, Scale)] = &[
    ("bin", Scale::Thousand),
    ("milyon", Scale::Million),
    ("mn", Scale::Million),
    ("mln", Scale::Million),
    ("milyar", Scale::Billion),
    ("mlr", Scale::Billion),
    ("mlyr", Scale::Billion),
    ("trilyon", Scale::Trillion),
    ("trn", Scale::Trillion),
];

/// Russian scale words: abbreviations and the forms numbers take (1 миллиард, 2-4 миллиарда,
/// 5+ and fractions миллиардов).
const RUSSIAN_SCALES: &[(&str, Scale)] = &[
    ("тыс", Scale::Thousand),
    ("тысяча", Scale::Thousand),
    ("тысячи", Scale::Thousand),
    ("тысяч", Scale::Thousand),
    ("млн", Scale::Million),
    ("миллион", Scale::Million),
    ("миллиона", Scale::Million),
    ("миллионов", Scale::Million),
    ("млрд", Scale::Billion),
    ("миллиард", Scale::Billion),
    ("миллиарда", Scale::Billion),
    ("миллиардов", Scale::Billion),
    ("трлн", Scale::Trillion),
    ("триллион", Scale::Trillion),
    ("триллиона", Scale::Trillion),
    ("триллионов", Scale::Trillion),
];

/// Kazakh scale words (Kazakh does not inflect a noun after a number), in Cyrillic and in the
/// Latin alphabet of 2021.
const KAZAKH_SCALES: &[(&str, Scale)] = &[
    ("мың", Scale::Thousand),
    ("myń", Scale::Thousand),
    ("milliard", Scale::Billion),
    ("mlrd", Scale::Billion),
    ("trillion", Scale::Trillion),
    ("trln", Scale::Trillion),
    ("млн", Scale::Million),
    ("миллион", Scale::Million),
    ("млрд", Scale::Billion),
    ("миллиард", Scale::Billion),
    ("трлн", Scale::Trillion),
    ("триллион", Scale::Trillion),
];

/// Turkish currency words, in the key form of [`currency_key`] (lower case, no spaces or dots).
/// Both "doları" and "dolari": upper-case "DOLARI" lowers to a dotted i.
const TURKISH_CURRENCIES: &[(&str, Currency)] = &[
    ("dolar", Currency::USD),
    ("doları", Currency::USD),
    ("dolari", Currency::USD),
    ("dolarlık", Currency::USD),
    ("dolarlik", Currency::USD),
    ("abddoları", Currency::USD),
    ("abddolari", Currency::USD),
    ("amerikandoları", Currency::USD),
    ("amerikandolari", Currency::USD),
    ("lira", Currency::TRY),
    ("lirası", Currency::TRY),
    ("liralık", Currency::TRY),
    ("türklirası", Currency::TRY),
    ("türklirasi", Currency::TRY),
    ("lirasi", Currency::TRY),
    ("turklirasi", Currency::TRY),
    ("tl", Currency::TRY),
    ("avro", Currency::EUR),
    ("avroluk", Currency::EUR),
    ("euro", Currency::EUR),
    ("tenge", Currency::KZT),
    ("tengelik", Currency::KZT),
    ("kazaktengesi", Currency::KZT),
    ("ruble", Currency::RUB),
    ("rusrublesi", Currency::RUB),
];

/// Russian currency words: the forms after numbers (1 доллар, 2-4 доллара, 5+ and fractions
/// долларов) and the press abbreviations ("долл.", "руб.").
const RUSSIAN_CURRENCIES: &[(&str, Currency)] = &[
    ("доллар", Currency::USD),
    ("доллара", Currency::USD),
    ("долларов", Currency::USD),
    ("долл", Currency::USD),
    ("долларсша", Currency::USD),
    ("долларасша", Currency::USD),
    ("долларовсша", Currency::USD),
    ("доллсша", Currency::USD),
    ("евро", Currency::EUR),
    ("тенге", Currency::KZT),
    ("рубль", Currency::RUB),
    ("рубля", Currency::RUB),
    ("рублей", Currency::RUB),
    ("руб", Currency::RUB),
    ("лира", Currency::TRY),
    ("лиры", Currency::TRY),
    ("лир", Currency::TRY),
    ("турецкаялира", Currency::TRY),
    ("турецкихлир", Currency::TRY),
    ("турецкиелиры", Currency::TRY),
];

/// Kazakh currency words, in Cyrillic and in the Latin alphabet of 2021.
const KAZAKH_CURRENCIES: &[(&str, Currency)] = &[
    ("teńge", Currency::KZT),
    ("aqshdollary", Currency::USD),
    ("dollary", Currency::USD),
    ("доллар", Currency::USD),
    ("доллары", Currency::USD),
    ("ақшдоллары", Currency::USD),
    ("ақшдоллар", Currency::USD),
    ("теңге", Currency::KZT),
    ("тенге", Currency::KZT),
    ("евро", Currency::EUR),
    ("рубль", Currency::RUB),
    ("лира", Currency::TRY),
    ("түріклирасы", Currency::TRY),
];

/// A word as the tables hold it: lower case, and without the combining dot that upper-case
/// Turkish "İ" leaves when lowered.
pub(super) fn word_key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .filter(|c| *c != '\u{307}')
        .collect()
}

/// A currency text as the tables hold it: [`word_key`] without whitespace and dots.
fn currency_key(text: &str) -> String {
    word_key(text)
        .chars()
        .filter(|c| !(c.is_whitespace() || *c == '.'))
        .collect()
}

impl std::str::FromStr for Language {
    type Err = crate::error::Error;

    /// Reads an ISO 639-1 code ("en", "tr", "ru", "kk") or the English name ("Turkish"), in any
    /// case.
    ///
    /// # Errors
    /// [`Error::Parse`](crate::Error::Parse) for anything else.
    ///
    /// ```
    /// # use tradestat::money::Language;
    /// assert_eq!("tr".parse::<Language>()?, Language::Turkish);
    /// assert_eq!("Kazakh".parse::<Language>()?, Language::Kazakh);
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    fn from_str(s: &str) -> crate::error::Result<Language> {
        let text = s.trim();
        Language::ALL
            .into_iter()
            .find(|l| {
                text.eq_ignore_ascii_case(l.code()) || text.eq_ignore_ascii_case(&l.to_string())
            })
            .ok_or_else(|| {
                crate::error::Error::parse(
                    "language",
                    s,
                    0,
                    "expected en, tr, ru or kk, or English, Turkish, Russian or Kazakh",
                )
            })
    }
}

impl Language {
    /// The ISO 639-1 code: "en", "tr", "ru", "kk".
    pub const fn code(self) -> &'static str {
        match self {
            Language::English => "en",
            Language::Turkish => "tr",
            Language::Russian => "ru",
            Language::Kazakh => "kk",
        }
    }

    /// Every language, in declaration order.
    pub const ALL: [Language; 4] = [
        Language::English,
        Language::Turkish,
        Language::Russian,
        Language::Kazakh,
    ];

    /// The decimal separator: `.` in English, `,` in Turkish, Russian and Kazakh.
    pub const fn decimal_separator(self) -> char {
        match self {
            Language::English => '.',
            _ => ',',
        }
    }

    /// The thousands separator other than a space: `,` in English, `.` in Turkish, none in
    /// Russian and Kazakh (which use a space).
    pub const fn thousands_separator(self) -> Option<char> {
        match self {
            Language::English => Some(','),
            Language::Turkish => Some('.'),
            _ => None,
        }
    }

    /// Whether amounts may be written in parts ("6 milyar 300 milyon dolar"). English keeps its
    /// one-number form.
    pub(super) fn reads_compound_amounts(self) -> bool {
        self != Language::English
    }

    fn scales(self) -> &'static [(&'static str, Scale)] {
        match self {
            Language::English => &[],
            Language::Turkish => TURKISH_SCALES,
            Language::Russian => RUSSIAN_SCALES,
            Language::Kazakh => KAZAKH_SCALES,
        }
    }

    fn currencies(self) -> &'static [(&'static str, Currency)] {
        match self {
            Language::English => &[],
            Language::Turkish => TURKISH_CURRENCIES,
            Language::Russian => RUSSIAN_CURRENCIES,
            Language::Kazakh => KAZAKH_CURRENCIES,
        }
    }

    /// The scale a word names in this language, or in English (which every language reads).
    pub(super) fn scale(self, word: &str) -> Option<Scale> {
        if word.is_empty() {
            return None;
        }
        let key = word_key(word);
        self.scales()
            .iter()
            .find(|(w, _)| *w == key)
            .map(|&(_, s)| s)
            .or_else(|| Scale::from_word(word))
    }

    /// The currency a word of this language names (not codes or symbols: see
    /// [`Currency::lookup`]).
    pub(super) fn currency(self, text: &str) -> Option<Currency> {
        let key = currency_key(text);
        self.currencies()
            .iter()
            .find(|(w, _)| *w == key)
            .map(|&(_, c)| c)
    }

    /// The scale words to suggest for a word that looks like an attempt at one ("bil"): the
    /// scale's short and long word in this language.
    pub(super) fn scale_suggestion(self, word: &str) -> Option<(&'static str, &'static str)> {
        let key = word_key(word);
        if key.chars().count() < 2 {
            return None;
        }
        let english: &[(&str, Scale)] = &[
            ("thousand", Scale::Thousand),
            ("million", Scale::Million),
            ("billion", Scale::Billion),
            ("trillion", Scale::Trillion),
            ("mln", Scale::Million),
            ("bln", Scale::Billion),
        ];
        let scale = self
            .scales()
            .iter()
            .chain(english)
            .find(|(w, _)| w.starts_with(&key) || (key.starts_with(w) && w.chars().count() > 2))
            .map(|&(_, s)| s)?;
        Some(self.scale_words(scale))
    }

    /// The short and long word for `scale` in this language.
    pub(super) fn scale_words(self, scale: Scale) -> (&'static str, &'static str) {
        match (self, scale) {
            (Language::Turkish, Scale::Thousand) => ("bin", "bin"),
            (Language::Turkish, Scale::Million) => ("mn", "milyon"),
            (Language::Turkish, Scale::Billion) => ("mlr", "milyar"),
            (Language::Turkish, Scale::Trillion) => ("trn", "trilyon"),
            (Language::Russian, Scale::Thousand) => ("тыс.", "тысяч"),
            (Language::Russian, Scale::Million) => ("млн", "миллионов"),
            (Language::Russian, Scale::Billion) => ("млрд", "миллиардов"),
            (Language::Russian, Scale::Trillion) => ("трлн", "триллионов"),
            (Language::Kazakh, Scale::Thousand) => ("мың", "мың"),
            (Language::Kazakh, Scale::Million) => ("млн", "миллион"),
            (Language::Kazakh, Scale::Billion) => ("млрд", "миллиард"),
            (Language::Kazakh, Scale::Trillion) => ("трлн", "триллион"),
            (_, Scale::Thousand) => ("k", "thousand"),
            (_, Scale::Million) => ("m", "million"),
            (_, Scale::Billion) => ("bn", "billion"),
            (_, Scale::Trillion) => ("tn", "trillion"),
            (_, Scale::Units) => ("", "units"),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn tables_hold_keys() {
        for lang in Language::ALL {
            for (w, _) in lang.scales() {
                assert_eq!(word_key(w), *w, "{lang}: {w}");
            }
            for (w, _) in lang.currencies() {
                assert_eq!(currency_key(w), *w, "{lang}: {w}");
            }
        }
    }

    #[test]
    fn upper_case_turkish_reads() {
        assert_eq!(Language::Turkish.scale("MİLYAR"), Some(Scale::Billion));
        assert_eq!(
            Language::Turkish.currency("ABD DOLARI"),
            Some(Currency::USD)
        );
        assert_eq!(Language::Russian.currency("Долл."), Some(Currency::USD));
    }

    #[test]
    fn codes_and_names_read_back() {
        for lang in Language::ALL {
            assert_eq!(lang.code().parse::<Language>().unwrap(), lang);
            assert_eq!(
                lang.to_string().to_uppercase().parse::<Language>().unwrap(),
                lang
            );
        }
        assert!("de".parse::<Language>().is_err());
        assert!("".parse::<Language>().is_err());
    }
}
