//! Where output goes and how a table is written: aligned text for people (thousands separators,
//! the unit in the header), CSV or JSON for programs (exact decimal strings, never floats).

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use clap::ValueEnum;

use crate::fail::{Fail, Result};

/// The output format of a command that prints data.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// Aligned columns with thousands separators (the default on a terminal).
    Table,
    /// Comma-separated values with exact decimals (the default when piped or with --out).
    Csv,
    /// JSON with exact decimals as strings.
    Json,
}

/// The format asked for, or the default for where the output goes.
pub(crate) fn resolve(format: Option<Format>, out: Option<&PathBuf>) -> Format {
    format.unwrap_or_else(|| {
        if out.is_none() && std::io::stdout().is_terminal() {
            Format::Table
        } else {
            Format::Csv
        }
    })
}

/// Standard output or the `--out` file, buffered; a closed pipe is reported as such.
pub(crate) struct Sink {
    inner: Box<dyn Write>,
    name: String,
}

impl Sink {
    pub(crate) fn open(out: Option<&PathBuf>) -> Result<Sink> {
        match out {
            Some(path) if path.as_os_str() != "-" => {
                let file = std::fs::File::create(path)
                    .map_err(|e| Fail::from_io(&path.display().to_string(), &e))?;
                Ok(Sink {
                    inner: Box::new(std::io::BufWriter::new(file)),
                    name: path.display().to_string(),
                })
            }
            _ => Ok(Sink {
                inner: Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
                name: "standard output".into(),
            }),
        }
    }

    /// Writes `text` as it is.
    pub(crate) fn write_str(&mut self, text: &str) -> Result<()> {
        self.inner
            .write_all(text.as_bytes())
            .map_err(|e| Fail::from_io(&self.name, &e))
    }

    /// The writer, for the library's own writers; errors are mapped by [`Sink::map_lib`].
    pub(crate) fn writer(&mut self) -> &mut dyn Write {
        &mut self.inner
    }

    pub(crate) fn map_lib(&self, error: tradestat::Error) -> Fail {
        Fail::from_lib(&self.name, error)
    }

    pub(crate) fn finish(mut self) -> Result<()> {
        self.inner
            .flush()
            .map_err(|e| Fail::from_io(&self.name, &e))
    }
}

/// What a column holds, which decides its alignment and grouping in a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Text, left-aligned.
    Text,
    /// An amount or count: right-aligned, thousands separators in a table.
    Number,
    /// A ratio or percentage, right-aligned, written as given.
    Plain,
}

/// A column: its name in CSV and JSON, and its heading in a table (with the unit).
#[derive(Debug, Clone)]
pub(crate) struct Column {
    pub(crate) name: String,
    pub(crate) heading: String,
    pub(crate) kind: Kind,
}

impl Column {
    pub(crate) fn text(name: &str) -> Column {
        Column {
            name: name.into(),
            heading: name.into(),
            kind: Kind::Text,
        }
    }

    /// An amount column whose table heading names the unit: `exports (USD)`.
    pub(crate) fn amount(name: &str, unit: &str) -> Column {
        Column {
            name: name.into(),
            heading: if unit.is_empty() {
                name.into()
            } else {
                format!("{name} ({unit})")
            },
            kind: Kind::Number,
        }
    }

    pub(crate) fn number(name: &str) -> Column {
        Column {
            name: name.into(),
            heading: name.into(),
            kind: Kind::Number,
        }
    }

    pub(crate) fn plain(name: &str) -> Column {
        Column {
            name: name.into(),
            heading: name.into(),
            kind: Kind::Plain,
        }
    }

    /// A column whose table cells differ from the exact CSV/JSON ones (a rounded percentage).
    pub(crate) fn headed(mut self, heading: &str) -> Column {
        self.heading = heading.into();
        self
    }
}

/// A cell: the exact text for CSV and JSON (`None` is empty / null) and, where it differs, the
/// text a table shows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub(crate) exact: Option<String>,
    pub(crate) shown: Option<String>,
}

impl Cell {
    pub(crate) fn new(exact: impl ToString) -> Cell {
        Cell {
            exact: Some(exact.to_string()),
            shown: None,
        }
    }

    pub(crate) fn empty() -> Cell {
        Cell::default()
    }

    pub(crate) fn opt(value: Option<impl ToString>) -> Cell {
        value.map_or_else(Cell::empty, Cell::new)
    }

    /// The same cell, shown otherwise in a table.
    pub(crate) fn shown(mut self, shown: impl ToString) -> Cell {
        self.shown = Some(shown.to_string());
        self
    }
}

/// Rows under named columns, written in any [`Format`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Table {
    pub(crate) columns: Vec<Column>,
    pub(crate) rows: Vec<Vec<Cell>>,
}

impl Table {
    pub(crate) fn new(columns: Vec<Column>) -> Table {
        Table {
            columns,
            rows: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, row: Vec<Cell>) {
        self.rows.push(row);
    }

    pub(crate) fn render(&self, format: Format) -> String {
        match format {
            Format::Table => self.text(),
            Format::Csv => self.csv(),
            Format::Json => {
                let mut text = serde_json::to_string_pretty(&self.json()).unwrap_or_default();
                text.push('\n');
                text
            }
        }
    }

    /// The rows as JSON objects, exact values as strings, empty cells as null.
    pub(crate) fn json(&self) -> serde_json::Value {
        let rows = self
            .rows
            .iter()
            .map(|row| {
                let object = self
                    .columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| {
                        let value = cell
                            .exact
                            .clone()
                            .map_or(serde_json::Value::Null, serde_json::Value::String);
                        (c.name.clone(), value)
                    })
                    .collect::<serde_json::Map<_, _>>();
                serde_json::Value::Object(object)
            })
            .collect();
        serde_json::Value::Array(rows)
    }

    pub(crate) fn csv(&self) -> String {
        let mut out = String::new();
        let header: Vec<&str> = self.columns.iter().map(|c| c.name.as_str()).collect();
        push_csv_line(&mut out, header.iter().copied());
        for row in &self.rows {
            push_csv_line(
                &mut out,
                row.iter().map(|cell| cell.exact.as_deref().unwrap_or("")),
            );
        }
        out
    }

    pub(crate) fn text(&self) -> String {
        let cells: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|row| {
                self.columns
                    .iter()
                    .zip(row)
                    .map(|(c, cell)| match (&cell.shown, &cell.exact) {
                        (Some(shown), _) => shown.clone(),
                        (None, Some(exact)) if c.kind == Kind::Number => group_digits(exact),
                        (None, Some(exact)) => exact.clone(),
                        (None, None) => String::new(),
                    })
                    .collect()
            })
            .collect();
        let widths: Vec<usize> = self
            .columns
            .iter()
            .enumerate()
            .map(|(i, c)| {
                cells
                    .iter()
                    .map(|row| row.get(i).map_or(0, |s| s.chars().count()))
                    .chain([c.heading.chars().count()])
                    .max()
                    .unwrap_or(0)
            })
            .collect();
        let mut out = String::new();
        let line = |out: &mut String, texts: &mut dyn Iterator<Item = &str>| {
            let mut parts = Vec::new();
            for ((c, width), text) in self.columns.iter().zip(&widths).zip(texts) {
                parts.push(if c.kind == Kind::Text {
                    format!("{text:<width$}")
                } else {
                    format!("{text:>width$}")
                });
            }
            out.push_str(parts.join("  ").trim_end());
            out.push('\n');
        };
        line(
            &mut out,
            &mut self.columns.iter().map(|c| c.heading.as_str()),
        );
        for row in &cells {
            line(&mut out, &mut row.iter().map(String::as_str));
        }
        out
    }
}

fn push_csv_line<'a>(out: &mut String, fields: impl Iterator<Item = &'a str>) {
    let mut first = true;
    for field in fields {
        if !first {
            out.push(',');
        }
        first = false;
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(field);
        }
    }
    out.push('\n');
}

/// A decimal's text with its whole part grouped by thousands: `-1234567.891` is
/// `-1,234,567.891`. Text that is not a plain decimal is returned as it is.
pub(crate) fn group_digits(text: &str) -> String {
    let (sign, rest) = match text.strip_prefix('-') {
        Some(rest) => ("-", rest),
        None => ("", text),
    };
    let (whole, fraction) = match rest.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (rest, None),
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return text.to_owned();
    }
    let mut grouped = String::with_capacity(text.len() + whole.len() / 3);
    grouped.push_str(sign);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = fraction {
        grouped.push('.');
        grouped.push_str(f);
    }
    grouped
}

/// Writes `text` to the sink and finishes it.
pub(crate) fn emit(out: Option<&PathBuf>, text: &str) -> Result<()> {
    let mut sink = Sink::open(out)?;
    sink.write_str(text)?;
    sink.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_grouped_by_thousands() {
        assert_eq!(group_digits("0"), "0");
        assert_eq!(group_digits("999"), "999");
        assert_eq!(group_digits("1000"), "1,000");
        assert_eq!(group_digits("-1234567.891"), "-1,234,567.891");
        assert_eq!(group_digits("123456"), "123,456");
        assert_eq!(group_digits("abc"), "abc");
        assert_eq!(group_digits(""), "");
    }

    #[test]
    fn csv_quotes_what_needs_it() {
        let mut t = Table::new(vec![Column::text("a"), Column::number("b")]);
        t.push(vec![Cell::new("x,\"y\""), Cell::new("1000")]);
        assert_eq!(t.csv(), "a,b\n\"x,\"\"y\"\"\",1000\n");
        assert_eq!(t.text(), "a          b\nx,\"y\"  1,000\n");
    }
}
