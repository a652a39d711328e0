//! A small SVG writer: elements with escaped attributes and text, and pixel numbers written the same
//! way every time (one decimal at most), so that the same chart gives the same text.

use std::fmt::Write as _;

/// An SVG document being written, element by element.
#[derive(Debug, Default)]
pub(crate) struct Svg {
    out: String,
    depth: usize,
}

/// An attribute value: text (escaped when written) or a pixel number.
pub(crate) enum Value<'a> {
    Text(&'a str),
    Owned(String),
    Px(f64),
}

impl<'a> From<&'a str> for Value<'a> {
    fn from(s: &'a str) -> Self {
        Value::Text(s)
    }
}

impl From<String> for Value<'_> {
    fn from(s: String) -> Self {
        Value::Owned(s)
    }
}

impl From<f64> for Value<'_> {
    fn from(x: f64) -> Self {
        Value::Px(x)
    }
}

impl Svg {
    /// Starts a document of `width` x `height` pixels with a title and a description for screen
    /// readers.
    pub(crate) fn new(width: u32, height: u32, title: &str, description: &str) -> Svg {
        let mut svg = Svg::default();
        let (w, h) = (f64::from(width), f64::from(height));
        svg.open(
            "svg",
            &[
                ("xmlns", "http://www.w3.org/2000/svg".into()),
                ("width", w.into()),
                ("height", h.into()),
                ("viewBox", format!("0 0 {} {}", px(w), px(h)).into()),
                ("role", "img".into()),
            ],
        );
        svg.text_element("title", &[], title);
        svg.text_element("desc", &[], description);
        svg
    }

    fn indent(&mut self) {
        for _ in 0..self.depth {
            self.out.push_str("  ");
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, Value<'_>)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            match value {
                Value::Text(s) => escape_attribute_into(&mut self.out, s),
                Value::Owned(s) => escape_attribute_into(&mut self.out, s),
                Value::Px(x) => self.out.push_str(&px(*x)),
            }
            self.out.push('"');
        }
    }

    /// Opens an element that holds others; close it with [`Svg::close`].
    pub(crate) fn open(&mut self, name: &str, attrs: &[(&str, Value<'_>)]) {
        self.start_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// Closes the element `name` opened last.
    pub(crate) fn close(&mut self, name: &str) {
        self.depth = self.depth.saturating_sub(1);
        self.indent();
        let _ = writeln!(self.out, "</{name}>");
    }

    /// An empty element.
    pub(crate) fn leaf(&mut self, name: &str, attrs: &[(&str, Value<'_>)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// An element holding only text.
    pub(crate) fn text_element(&mut self, name: &str, attrs: &[(&str, Value<'_>)], text: &str) {
        self.start_tag(name, attrs);
        self.out.push('>');
        escape_into(&mut self.out, text);
        let _ = writeln!(self.out, "</{name}>");
    }

    /// The finished document.
    pub(crate) fn finish(mut self) -> String {
        while self.depth > 0 {
            self.close("svg");
        }
        self.out
    }
}

/// Writes `text` as XML character data: the five XML special characters escaped, and every
/// character [`xml_safe`] refuses replaced by U+FFFD, so that any title, name or note a caller
/// passes gives a well-formed document.
pub(crate) fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if !xml_safe(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

/// As [`escape_into`], for an attribute value: tabs and line feeds are written as character
/// references, since an XML reader turns literal ones in an attribute into spaces.
fn escape_attribute_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => escape_into(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

/// Whether `c` may stand in an SVG document as written. XML 1.0 (section 2.2, production `Char`)
/// allows tab, line feed, carriage return, U+0020 to U+D7FF, U+E000 to U+FFFD and U+10000 on;
/// of those, this writer also refuses the carriage return (a reader turns it into a line feed),
/// and what section 2.2 asks documents to avoid: DEL and the C1 control characters (U+007F to
/// U+009F) and the other noncharacters (U+FDD0 to U+FDEF and the last two code points of every
/// plane).
fn xml_safe(c: char) -> bool {
    let n = u32::from(c);
    match n {
        0x09 | 0x0A => true,
        0x00..=0x1F | 0x7F..=0x9F | 0xFDD0..=0xFDEF => false,
        _ => n & 0xFFFE != 0xFFFE,
    }
}

/// A pixel coordinate with at most one decimal ("12", "12.5", "-3.2"); never "-0", "NaN" or "inf".
pub(crate) fn px(x: f64) -> String {
    if !x.is_finite() {
        return "0".to_owned();
    }
    let tenths = (x * 10.0).round();
    if tenths == 0.0 {
        return "0".to_owned();
    }
    if tenths % 10.0 == 0.0 {
        format!("{:.0}", tenths / 10.0)
    } else {
        format!("{:.1}", tenths / 10.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pixels_are_written_with_one_decimal_at_most() {
        assert_eq!(px(12.0), "12");
        assert_eq!(px(12.04), "12");
        assert_eq!(px(12.06), "12.1");
        assert_eq!(px(-0.01), "0");
        assert_eq!(px(-3.25), "-3.3");
        assert_eq!(px(f64::NAN), "0");
    }

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut svg = Svg::new(10, 10, "a < b & \"c\"", "d");
        svg.leaf("rect", &[("class", "x'y".into())]);
        let out = svg.finish();
        assert!(out.contains("<title>a &lt; b &amp; &quot;c&quot;</title>"));
        assert!(out.contains("class=\"x&apos;y\""));
        assert!(out.ends_with("</svg>\n"));
    }

    #[test]
    fn characters_xml_does_not_allow_are_replaced() {
        // U+FFFE and U+FFFF are outside XML 1.0's `Char`; U+0001 and U+0085 are control
        // characters; U+1FFFF and U+FDD0 are noncharacters. Tab, line feed, U+FFFD and U+10000
        // stay.
        let mut out = String::new();
        escape_into(
            &mut out,
            "a\u{FFFE}b\u{FFFF}c\u{1}\u{85}\u{1FFFF}\u{FDD0}\t\n\u{FFFD}\u{10000}",
        );
        assert_eq!(
            out,
            "a\u{FFFD}b\u{FFFD}c\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\t\n\u{FFFD}\u{10000}"
        );
        let mut svg = Svg::new(10, 10, "t", "d");
        svg.leaf("g", &[("font-family", "a\tb\nc\u{FFFF}".into())]);
        assert!(svg
            .finish()
            .contains("font-family=\"a&#9;b&#10;c\u{FFFD}\""));
    }
}
