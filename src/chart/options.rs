//! What a caller can change about a chart: title, size, the scale of the value axis, colours.

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};
use crate::money::Scale;

/// An sRGB colour, written in SVG as `#rrggbb`.
///
/// ```
/// # use tradestat::chart::Colour;
/// let c: Colour = "#0072B2".parse()?;
/// assert_eq!(c, Colour::rgb(0, 0x72, 0xb2));
/// assert_eq!(c.to_string(), "#0072b2");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Colour {
    red: u8,
    green: u8,
    blue: u8,
}

impl Colour {
    /// A colour from its red, green and blue components.
    pub const fn rgb(red: u8, green: u8, blue: u8) -> Colour {
        Colour { red, green, blue }
    }

    /// Relative luminance (0 black to 1 white), as a greyscale printer would render it, in
    /// thousandths: used to pick a readable text colour and to check palettes.
    pub fn luminance_permille(self) -> u32 {
        // Rec. 709 weights on the gamma-encoded components: close enough to rank colours.
        (2126 * u32::from(self.red) + 7152 * u32::from(self.green) + 722 * u32::from(self.blue))
            / 2550
    }
}

impl fmt::Display for Colour {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{:02x}{:02x}{:02x}", self.red, self.green, self.blue)
    }
}

impl FromStr for Colour {
    type Err = Error;

    /// Reads `#rrggbb` or `#rgb` (hex digits in any case).
    ///
    /// # Errors
    /// [`Error::Parse`] for anything else.
    fn from_str(s: &str) -> Result<Colour> {
        let bad = |position: usize, reason: &str| Error::parse("colour", s, position, reason);
        let hex = s
            .strip_prefix('#')
            .ok_or_else(|| bad(0, "expected '#' followed by 3 or 6 hex digits"))?;
        if let Some(i) = hex.find(|c: char| !c.is_ascii_hexdigit()) {
            return Err(bad(i + 1, "not a hex digit"));
        }
        let digit = |i: usize| u8::from_str_radix(hex.get(i..=i).unwrap_or("0"), 16).unwrap_or(0);
        match hex.len() {
            3 => Ok(Colour::rgb(digit(0) * 17, digit(1) * 17, digit(2) * 17)),
            6 => Ok(Colour::rgb(
                digit(0) * 16 + digit(1),
                digit(2) * 16 + digit(3),
                digit(4) * 16 + digit(5),
            )),
            n => Err(bad(
                s.len(),
                &format!("expected 3 or 6 hex digits, got {n}"),
            )),
        }
    }
}

/// The colours series take, in order. Each series also gets its own dash pattern and marker, so
/// that a chart still reads in greyscale or for a reader who does not tell the colours apart.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Palette {
    colours: Vec<Colour>,
}

impl Palette {
    /// The Okabe-Ito palette (Okabe and Ito, 2008), designed to stay distinct under the common
    /// colour blindnesses, ordered so that neighbouring series also differ in lightness: blue,
    /// orange, black, vermillion, bluish green, reddish purple, sky blue, yellow.
    pub fn okabe_ito() -> Palette {
        Palette {
            colours: vec![
                Colour::rgb(0x00, 0x72, 0xb2),
                Colour::rgb(0xe6, 0x9f, 0x00),
                Colour::rgb(0x00, 0x00, 0x00),
                Colour::rgb(0xd5, 0x5e, 0x00),
                Colour::rgb(0x00, 0x9e, 0x73),
                Colour::rgb(0xcc, 0x79, 0xa7),
                Colour::rgb(0x56, 0xb4, 0xe9),
                Colour::rgb(0xf0, 0xe4, 0x42),
            ],
        }
    }

    /// Greys from black to light grey, for print; series are told apart by dashes and markers.
    pub fn greyscale() -> Palette {
        Palette {
            colours: [0x00, 0x77, 0x33, 0x99, 0x55, 0xaa]
                .into_iter()
                .map(|g| Colour::rgb(g, g, g))
                .collect(),
        }
    }

    /// A palette of the caller's colours, used in order and then again from the start.
    ///
    /// # Errors
    /// [`Error::InvalidArgument`] for an empty list.
    pub fn new(colours: impl IntoIterator<Item = Colour>) -> Result<Palette> {
        let colours: Vec<Colour> = colours.into_iter().collect();
        if colours.is_empty() {
            return Err(Error::InvalidArgument {
                reason: "a palette needs at least one colour".to_owned(),
            });
        }
        Ok(Palette { colours })
    }

    /// The colour of the `index`-th series (0-based), cycling through the palette.
    pub fn colour(&self, index: usize) -> Colour {
        self.colours
            .get(index % self.colours.len().max(1))
            .copied()
            .unwrap_or(Colour::rgb(0, 0, 0))
    }

    /// The colours in order.
    pub fn colours(&self) -> &[Colour] {
        &self.colours
    }
}

impl Default for Palette {
    /// [`Palette::okabe_ito`].
    fn default() -> Palette {
        Palette::okabe_ito()
    }
}

/// Options for a chart: title, subtitle, source note, size, the scale of the value axis, palette,
/// font and thousands separator. Start from [`Options::default`] and change what you need:
///
/// ```
/// # use tradestat::chart::{Options, Palette};
/// # use tradestat::Scale;
/// let options = Options::default()
///     .title("Kazakhstan-Türkiye turnover")
///     .size(640, 400)
///     .scale(Scale::Billion)
///     .palette(Palette::greyscale())
///     .source("Source: Kazakh statistics, as published");
/// assert_eq!(options.width(), 640);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    pub(crate) title: Option<String>,
    pub(crate) subtitle: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) width: u32,
    pub(crate) height: u32,
    pub(crate) scale: Option<Scale>,
    pub(crate) palette: Palette,
    pub(crate) font_family: String,
    pub(crate) font_size: u32,
    pub(crate) thousands_separator: Option<char>,
}

impl Default for Options {
    /// 800 x 480 pixels, the title and subtitle each chart makes from its data, the scale chosen
    /// from the largest value, the Okabe-Ito palette, a 13-pixel sans-serif face, commas between
    /// thousands.
    fn default() -> Options {
        Options {
            title: None,
            subtitle: None,
            source: None,
            width: 800,
            height: 480,
            scale: None,
            palette: Palette::default(),
            font_family: "DejaVu Sans, Verdana, Arial, Helvetica, sans-serif".to_owned(),
            font_size: 13,
            thousands_separator: Some(','),
        }
    }
}

impl Options {
    /// The title, instead of the one the chart makes from its data.
    pub fn title(mut self, title: impl Into<String>) -> Options {
        self.title = Some(title.into());
        self
    }

    /// The line under the title, instead of the one the chart makes (for a target: the verdict).
    pub fn subtitle(mut self, subtitle: impl Into<String>) -> Options {
        self.subtitle = Some(subtitle.into());
        self
    }

    /// A note under the chart, usually the source of the figures.
    pub fn source(mut self, source: impl Into<String>) -> Options {
        self.source = Some(source.into());
        self
    }

    /// Width and height in pixels. Rendering reports an error if the labels leave no room for the
    /// plot.
    pub fn size(mut self, width: u32, height: u32) -> Options {
        self.width = width;
        self.height = height;
        self
    }

    /// The scale of the value axis ("billion" gives labels like "2.5" under "billion USD"),
    /// instead of the largest scale the values reach.
    pub fn scale(mut self, scale: Scale) -> Options {
        self.scale = Some(scale);
        self
    }

    /// The colours of the series.
    pub fn palette(mut self, palette: Palette) -> Options {
        self.palette = palette;
        self
    }

    /// The CSS font family list for all text.
    pub fn font_family(mut self, family: impl Into<String>) -> Options {
        self.font_family = family.into();
        self
    }

    /// The font size of labels in pixels (the title is larger, notes smaller); at least 6.
    pub fn font_size(mut self, size: u32) -> Options {
        self.font_size = size.max(6);
        self
    }

    /// The character between groups of three digits in axis labels (`None` for none). Default ','.
    pub fn thousands_separator(mut self, separator: Option<char>) -> Options {
        self.thousands_separator = separator;
        self
    }

    /// The width in pixels.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// The height in pixels.
    pub fn height(&self) -> u32 {
        self.height
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours_parse_and_print() {
        assert_eq!(
            "#fff".parse::<Colour>().unwrap(),
            Colour::rgb(255, 255, 255)
        );
        assert_eq!("#D55E00".parse::<Colour>().unwrap().to_string(), "#d55e00");
        let err = "#12345g".parse::<Colour>().unwrap_err();
        assert!(matches!(err, Error::Parse { position: 6, .. }), "{err:?}");
        assert!("0072b2".parse::<Colour>().is_err());
        assert!("#12345".parse::<Colour>().is_err());
    }

    #[test]
    fn okabe_ito_neighbours_differ_in_lightness() {
        // So that adjacent series stay apart in greyscale: at least 10% luminance between
        // neighbours among the first four (blue 0.37, orange 0.64, black 0, vermillion 0.44).
        let p = Palette::okabe_ito();
        for pair in p.colours()[..4].windows(2) {
            let (a, b) = (pair[0].luminance_permille(), pair[1].luminance_permille());
            assert!(a.abs_diff(b) >= 100, "{} {a} vs {} {b}", pair[0], pair[1]);
        }
        assert!(Palette::new([]).is_err());
        assert_eq!(Palette::greyscale().colour(6), Colour::rgb(0, 0, 0));
    }
}
