//! Trade flows (UN Comtrade's trade regimes), what a question asks about ([`Measure`]), and how a
//! value is priced at the border ([`Valuation`]).
//!
//! UN Comtrade publishes each reporter's trade under ten flow codes (its reference table "Trade
//! Flow", described at <https://uncomtrade.org/docs/trade-flows-in-un-comtrade>):
//!
//! | code | [`Flow`] | what it is |
//! | --- | --- | --- |
//! | `X` | [`Flow::Export`] | all goods leaving the economic territory |
//! | `M` | [`Flow::Import`] | all goods entering it |
//! | `DX` | [`Flow::DomesticExport`] | exports of goods produced or substantially transformed in the reporter |
//! | `RX` | [`Flow::ReExport`] | exports of goods imported before, not substantially transformed |
//! | `FM` | [`Flow::ForeignImport`] | imports of goods of foreign origin |
//! | `RM` | [`Flow::ReImport`] | imports of goods exported before, not substantially transformed |
//! | `MIP` | [`Flow::ImportForInwardProcessing`] | goods imported under inward processing |
//! | `XIP` | [`Flow::ExportAfterInwardProcessing`] | the processed goods exported again |
//! | `XOP` | [`Flow::ExportForOutwardProcessing`] | goods exported to be processed abroad |
//! | `MOP` | [`Flow::ImportAfterOutwardProcessing`] | the processed goods imported back |
//!
//! ## Which flows are parts of which
//!
//! `X` and `M` are the totals. The origin breakdown follows the UN's *International Merchandise
//! Trade Statistics: Concepts and Definitions 2010* (IMTS 2010), which recommends including
//! re-exports in exports and re-imports in imports, recorded separately for analysis; UN
//! Comtrade's knowledge base (<https://comtradewiki.azurewebsites.net/?p=147>) says its exports
//! include exports of both domestic and foreign goods. Each total thus splits into two parts that
//! add up to it:
//!
//! - exports: `DX + RX = X` (domestic exports plus re-exports; so re-exports are part of exports in
//!   Comtrade's general-trade totals),
//! - imports: `FM + RM = M` (foreign imports plus re-imports).
//!
//! The four processing flows come from customs procedures (the Revised Kyoto Convention, Specific
//! Annex F) and are also parts of the totals (IMTS records goods sent for processing in trade):
//! `MIP` and `MOP` of `M`, `XIP` and `XOP` of `X`. They are a *different* breakdown that overlaps the
//! origin one (an export after inward processing is usually a domestic export), so processing flows
//! must never be added to `DX`/`RX`/`FM`/`RM`. [`Flow::part_of`] says which total a flow lies in,
//! and [`Flow::parts`] gives the one breakdown that sums to a total.
//!
//! ```
//! use tradestat::{Flow, Measure, Valuation};
//!
//! let flow: Flow = "RX".parse()?;
//! assert_eq!(flow, Flow::ReExport);
//! assert_eq!("re-exports".parse::<Flow>()?, Flow::ReExport);
//! assert_eq!(flow.part_of(), Some(Flow::Export));
//! assert!(flow.is_export_side());
//! assert_eq!(flow.measure(), Measure::Exports);
//! assert_eq!(flow.default_valuation(), Valuation::Fob);
//! assert_eq!(Flow::Export.parts(), [Flow::DomesticExport, Flow::ReExport]);
//! # Ok::<(), tradestat::Error>(())
//! ```

use std::fmt;
use std::str::FromStr;

use crate::error::{Error, Result};

/// A trade flow as UN Comtrade codes it: the totals `X` and `M` and their parts.
///
/// Parse one from a Comtrade code (`"X"`, `"RM"`, `"MIP"`, any case) or from words (`"exports"`,
/// `"Re-import"`, `"domestic exports"`, `"Import of goods for inward processing"`). `Display`
/// writes the words (`"re-export"`), [`Flow::comtrade_code`] the code; with the `serde` feature a
/// flow is written as its code and read from anything `from_str` accepts.
///
/// Ordered as in the table of the [module docs](self): totals first, then origin parts, then
/// processing flows. `#[non_exhaustive]`: Comtrade may publish more trade regimes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum Flow {
    /// Total exports (`X`): all goods leaving the economic territory, valued FOB.
    Export,
    /// Total imports (`M`): all goods entering the economic territory, valued CIF.
    Import,
    /// Domestic exports (`DX`): exports of goods produced or substantially transformed in the
    /// reporter. Part of [`Flow::Export`].
    DomesticExport,
    /// Re-exports (`RX`): exports of foreign goods imported before and not substantially
    /// transformed. Part of [`Flow::Export`].
    ReExport,
    /// Foreign imports (`FM`): imports of goods of foreign origin. Part of [`Flow::Import`].
    ForeignImport,
    /// Re-imports (`RM`): imports of the reporter's own goods exported before and not
    /// substantially transformed. Part of [`Flow::Import`].
    ReImport,
    /// Imports for inward processing (`MIP`): goods imported to be processed and exported again.
    /// Part of [`Flow::Import`].
    ImportForInwardProcessing,
    /// Imports after outward processing (`MOP`): goods sent abroad for processing, coming back.
    /// Part of [`Flow::Import`].
    ImportAfterOutwardProcessing,
    /// Exports after inward processing (`XIP`): goods processed under inward processing, leaving
    /// again. Part of [`Flow::Export`].
    ExportAfterInwardProcessing,
    /// Exports for outward processing (`XOP`): goods sent abroad to be processed. Part of
    /// [`Flow::Export`].
    ExportForOutwardProcessing,
}

/// One row of the flow table: the flow, its Comtrade code, its words.
struct FlowInfo {
    flow: Flow,
    code: &'static str,
    words: &'static str,
}

/// Every flow with its code and its display words, in the order of [`Flow::ALL`].
const TABLE: [FlowInfo; 10] = [
    info(Flow::Export, "X", "export"),
    info(Flow::Import, "M", "import"),
    info(Flow::DomesticExport, "DX", "domestic export"),
    info(Flow::ReExport, "RX", "re-export"),
    info(Flow::ForeignImport, "FM", "foreign import"),
    info(Flow::ReImport, "RM", "re-import"),
    info(
        Flow::ImportForInwardProcessing,
        "MIP",
        "import for inward processing",
    ),
    info(
        Flow::ImportAfterOutwardProcessing,
        "MOP",
        "import after outward processing",
    ),
    info(
        Flow::ExportAfterInwardProcessing,
        "XIP",
        "export after inward processing",
    ),
    info(
        Flow::ExportForOutwardProcessing,
        "XOP",
        "export for outward processing",
    ),
];

const fn info(flow: Flow, code: &'static str, words: &'static str) -> FlowInfo {
    FlowInfo { flow, code, words }
}

impl Flow {
    /// Every flow, in the order of the table in the [module docs](self).
    pub const ALL: [Flow; 10] = [
        Flow::Export,
        Flow::Import,
        Flow::DomesticExport,
        Flow::ReExport,
        Flow::ForeignImport,
        Flow::ReImport,
        Flow::ImportForInwardProcessing,
        Flow::ImportAfterOutwardProcessing,
        Flow::ExportAfterInwardProcessing,
        Flow::ExportForOutwardProcessing,
    ];

    fn info(self) -> &'static FlowInfo {
        // TABLE is in declaration order, so the discriminant indexes it.
        &TABLE[self as usize]
    }

    /// UN Comtrade's code: `"X"`, `"M"`, `"DX"`, `"RX"`, `"FM"`, `"RM"`, `"MIP"`, `"MOP"`, `"XIP"`
    /// or `"XOP"`.
    ///
    /// ```
    /// # use tradestat::Flow;
    /// assert_eq!(Flow::ReImport.comtrade_code(), "RM");
    /// assert_eq!(Flow::ExportForOutwardProcessing.comtrade_code(), "XOP");
    /// ```
    pub fn comtrade_code(self) -> &'static str {
        self.info().code
    }

    /// The flow with UN Comtrade code `code` (letters in any case, surrounding white space
    /// ignored). Only codes: for words as well use [`str::parse`].
    ///
    /// # Errors
    /// [`Error::UnknownFlow`] naming `code` if it is not one of the ten codes.
    ///
    /// ```
    /// # use tradestat::Flow;
    /// assert_eq!(Flow::from_comtrade_code("mip")?, Flow::ImportForInwardProcessing);
    /// assert!(Flow::from_comtrade_code("exports").is_err());
    /// # Ok::<(), tradestat::Error>(())
    /// ```
    pub fn from_comtrade_code(code: &str) -> Result<Flow> {
        let trimmed = code.trim();
        TABLE
            .iter()
            .find(|row| row.code.eq_ignore_ascii_case(trimmed))
            .map(|row| row.flow)
            .ok_or_else(|| Error::UnknownFlow {
                input: code.to_owned(),
            })
    }

    /// The flow's words, as `Display` writes them: `"export"`, `"re-import"`,
    /// `"import for inward processing"`.
    pub fn words(self) -> &'static str {
        self.info().words
    }

    /// True for [`Flow::Export`] and its parts (`DX`, `RX`, `XIP`, `XOP`): goods leaving the
    /// reporter.
    pub const fn is_export_side(self) -> bool {
        matches!(
            self,
            Flow::Export
                | Flow::DomesticExport
                | Flow::ReExport
                | Flow::ExportAfterInwardProcessing
                | Flow::ExportForOutwardProcessing
        )
    }

    /// True for [`Flow::Import`] and its parts (`FM`, `RM`, `MIP`, `MOP`): goods entering the
    /// reporter.
    pub const fn is_import_side(self) -> bool {
        !self.is_export_side()
    }

    /// True for the two totals, [`Flow::Export`] and [`Flow::Import`].
    pub const fn is_total(self) -> bool {
        matches!(self, Flow::Export | Flow::Import)
    }

    /// True for the four processing flows (`MIP`, `MOP`, `XIP`, `XOP`).
    pub const fn is_processing(self) -> bool {
        matches!(
            self,
            Flow::ImportForInwardProcessing
                | Flow::ImportAfterOutwardProcessing
                | Flow::ExportAfterInwardProcessing
                | Flow::ExportForOutwardProcessing
        )
    }

    /// The measure the flow counts towards: [`Measure::Exports`] for the export side,
    /// [`Measure::Imports`] for the import side.
    pub const fn measure(self) -> Measure {
        if self.is_export_side() {
            Measure::Exports
        } else {
            Measure::Imports
        }
    }

    /// The total this flow is a part of: [`Flow::Export`] for `DX`, `RX`, `XIP`, `XOP`;
    /// [`Flow::Import`] for `FM`, `RM`, `MIP`, `MOP`; `None` for the totals themselves.
    ///
    /// "Part of" means contained in, not "one term of a sum": `DX + RX = X`, but `XIP` overlaps
    /// `DX` and `RX` (see the [module docs](self)). For the breakdown that sums, see
    /// [`Flow::parts`].
    ///
    /// ```
    /// # use tradestat::Flow;
    /// assert_eq!(Flow::ReExport.part_of(), Some(Flow::Export));
    /// assert_eq!(Flow::ReImport.part_of(), Some(Flow::Import));
    /// assert_eq!(Flow::ImportAfterOutwardProcessing.part_of(), Some(Flow::Import));
    /// assert_eq!(Flow::Export.part_of(), None);
    /// ```
    pub const fn part_of(self) -> Option<Flow> {
        match self {
            Flow::Export | Flow::Import => None,
            _ if self.is_export_side() => Some(Flow::Export),
            _ => Some(Flow::Import),
        }
    }

    /// The flows that add up to this one, exactly: `[DX, RX]` for [`Flow::Export`], `[FM, RM]`
    /// for [`Flow::Import`] (IMTS 2010), and nothing for every other flow.
    ///
    /// ```
    /// # use tradestat::Flow;
    /// assert_eq!(Flow::Import.parts(), [Flow::ForeignImport, Flow::ReImport]);
    /// assert!(Flow::ReExport.parts().is_empty());
    /// ```
    pub const fn parts(self) -> &'static [Flow] {
        match self {
            Flow::Export => &[Flow::DomesticExport, Flow::ReExport],
            Flow::Import => &[Flow::ForeignImport, Flow::ReImport],
            _ => &[],
        }
    }

    /// The flow the partner reports for the same goods, where there is exactly one: a's exports
    /// to b are b's imports from a (`X` and `M`); goods a sends to b for processing are a's
    /// exports for outward processing and b's imports for inward processing (`XOP` and `MIP`);
    /// the processed goods coming back are b's exports after inward processing and a's imports
    /// after outward processing (`XIP` and `MOP`). `None` for the origin parts (`DX`, `RX`,
    /// `FM`, `RM`): the partner does not know the origin split of what it buys or sells, so a
    /// re-export, for one, has no mirror.
    ///
    /// ```
    /// # use tradestat::Flow;
    /// assert_eq!(Flow::Export.mirror(), Some(Flow::Import));
    /// assert_eq!(Flow::ExportForOutwardProcessing.mirror(), Some(Flow::ImportForInwardProcessing));
    /// assert_eq!(Flow::ReExport.mirror(), None);
    /// ```
    pub const fn mirror(self) -> Option<Flow> {
        match self {
            Flow::Export => Some(Flow::Import),
            Flow::Import => Some(Flow::Export),
            Flow::ExportForOutwardProcessing => Some(Flow::ImportForInwardProcessing),
            Flow::ImportForInwardProcessing => Some(Flow::ExportForOutwardProcessing),
            Flow::ExportAfterInwardProcessing => Some(Flow::ImportAfterOutwardProcessing),
            Flow::ImportAfterOutwardProcessing => Some(Flow::ExportAfterInwardProcessing),
            Flow::DomesticExport | Flow::ReExport | Flow::ForeignImport | Flow::ReImport => None,
        }
    }

    /// How the flow is valued when nothing else is said: FOB on the export side, CIF on the
    /// import side, as the IMF and UN Comtrade (whose `primaryValue` follows this rule) assume.
    pub const fn default_valuation(self) -> Valuation {
        if self.is_export_side() {
            Valuation::Fob
        } else {
            Valuation::Cif
        }
    }
}

/// More bytes than the longest accepted spelling of a flow, measure or valuation
/// ("Import of goods after outward processing" with room for extra spaces).
const MAX_WORDS_LEN: usize = 64;

/// Lower-cases `s`, turns `-` and `_` into spaces, drops the filler words "of" and "goods", and
/// makes plural flow words singular, so that "Re-Exports", "re_exports" and "reexport" all read
/// "re export", and "Import of goods for inward processing" reads "import for inward processing".
fn normalize_words(s: &str) -> String {
    let lower = s.to_lowercase().replace(['-', '_'], " ");
    let mut out: Vec<&str> = Vec::new();
    for word in lower.split_whitespace() {
        match word {
            "of" | "goods" => {}
            "exports" | "export" => out.push("export"),
            "imports" | "import" => out.push("import"),
            "reexports" | "reexport" => out.extend(["re", "export"]),
            "reimports" | "reimport" => out.extend(["re", "import"]),
            other => out.push(other),
        }
    }
    out.join(" ")
}

impl FromStr for Flow {
    type Err = Error;

    /// Reads a UN Comtrade code (`"X"`, `"rx"`, `"MIP"`, ...) or words: `"export"`, `"exports"`,
    /// `"total exports"`, `"re-export"`, `"domestic exports"`, `"foreign imports"`,
    /// `"import for inward processing"`, `"Export of goods after inward processing"`, ... Case,
    /// hyphens, underscores, plurals and the words "of goods" do not matter.
    ///
    /// # Errors
    /// [`Error::UnknownFlow`] naming the input.
    fn from_str(s: &str) -> Result<Flow> {
        if let Ok(flow) = Flow::from_comtrade_code(s) {
            return Ok(flow);
        }
        // Longer than any spelling of a flow: refused before any work proportional to it.
        if s.len() > MAX_WORDS_LEN {
            return Err(Error::UnknownFlow {
                input: s.to_owned(),
            });
        }
        let words = normalize_words(s);
        let flow = match words.as_str() {
            "export" | "total export" => Flow::Export,
            "import" | "total import" => Flow::Import,
            "domestic export" => Flow::DomesticExport,
            "re export" => Flow::ReExport,
            "foreign import" => Flow::ForeignImport,
            "re import" => Flow::ReImport,
            "import for inward processing" => Flow::ImportForInwardProcessing,
            "import after outward processing" => Flow::ImportAfterOutwardProcessing,
            "export after inward processing" => Flow::ExportAfterInwardProcessing,
            "export for outward processing" => Flow::ExportForOutwardProcessing,
            _ => {
                return Err(Error::UnknownFlow {
                    input: s.to_owned(),
                })
            }
        };
        Ok(flow)
    }
}

impl fmt::Display for Flow {
    /// The flow's words ([`Flow::words`]), e.g. `"re-export"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.words())
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for Flow {
    /// Written as its UN Comtrade code (`"RX"`), the form data files use.
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(self.comtrade_code())
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for Flow {
    /// Read from a code or words, as [`Flow::from_str`] reads them.
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Flow;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(
                    "a UN Comtrade flow code such as \"X\" or \"RM\", or words such as \"exports\"",
                )
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> std::result::Result<Flow, E> {
                v.parse().map_err(E::custom)
            }
        }
        d.deserialize_str(Visitor)
    }
}

/// What a question asks about: exports, imports, or their sum, turnover.
///
/// Turnover is not a flow (nobody reports it), so queries and indicators take a `Measure`, and a
/// [`Flow`] maps to the measure it counts towards with [`Flow::measure`]. `Display` writes
/// `"exports"`, `"imports"`, `"turnover"`; `from_str` also reads the singular forms, `"X"`, `"M"`,
/// `"total trade"` and `"trade"`. serde uses the `Display` form.
///
/// ```
/// # use tradestat::Measure;
/// assert_eq!("Turnover".parse::<Measure>()?, Measure::Turnover);
/// assert_eq!("export".parse::<Measure>()?.to_string(), "exports");
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Measure {
    /// Exports (FOB by default).
    Exports,
    /// Imports (CIF by default).
    Imports,
    /// Exports plus imports, also called total trade.
    Turnover,
}

impl Measure {
    /// The three measures.
    pub const ALL: [Measure; 3] = [Measure::Exports, Measure::Imports, Measure::Turnover];

    /// The measure seen from the partner: its imports are our exports and the other way round;
    /// turnover is the same from both sides.
    pub const fn mirror(self) -> Measure {
        match self {
            Measure::Exports => Measure::Imports,
            Measure::Imports => Measure::Exports,
            Measure::Turnover => Measure::Turnover,
        }
    }

    /// The total flows the measure adds up: `[X]`, `[M]`, or `[X, M]` for turnover.
    pub const fn flows(self) -> &'static [Flow] {
        match self {
            Measure::Exports => &[Flow::Export],
            Measure::Imports => &[Flow::Import],
            Measure::Turnover => &[Flow::Export, Flow::Import],
        }
    }
}

impl fmt::Display for Measure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Measure::Exports => "exports",
            Measure::Imports => "imports",
            Measure::Turnover => "turnover",
        })
    }
}

impl FromStr for Measure {
    type Err = Error;

    /// Reads `"exports"`, `"export"`, `"X"`, `"imports"`, `"import"`, `"M"`, `"turnover"`,
    /// `"total trade"` or `"trade"`, in any case.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the input.
    fn from_str(s: &str) -> Result<Measure> {
        if s.len() > MAX_WORDS_LEN {
            return Err(Error::parse("measure", s, 0, "too long for a measure"));
        }
        let words = s.trim().to_lowercase().replace(['-', '_'], " ");
        let words: Vec<&str> = words.split_whitespace().collect();
        match words.join(" ").as_str() {
            "exports" | "export" | "x" => Ok(Measure::Exports),
            "imports" | "import" | "m" => Ok(Measure::Imports),
            "turnover" | "total trade" | "trade" => Ok(Measure::Turnover),
            _ => Err(Error::parse(
                "measure",
                s,
                0,
                "expected exports, imports or turnover",
            )),
        }
    }
}

/// How a traded good is valued at the border.
///
/// `Display` writes `"FOB"` or `"CIF"`; `from_str` reads those in any case, dotted (`"f.o.b."`)
/// or spelled out (`"free on board"`, `"cost, insurance and freight"`). serde uses `Display`.
///
/// ```
/// # use tradestat::{Flow, Valuation};
/// assert_eq!("c.i.f.".parse::<Valuation>()?, Valuation::Cif);
/// assert_eq!(Valuation::default_for(Flow::Import), Valuation::Cif);
/// # Ok::<(), tradestat::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Valuation {
    /// Free on board: the value at the exporter's border, without international freight and
    /// insurance. The usual valuation of exports.
    Fob,
    /// Cost, insurance and freight: the value at the importer's border, freight and insurance
    /// included. The usual valuation of imports, larger than FOB (the IMF assumes by 6%).
    Cif,
}

impl Valuation {
    /// The valuation a flow has when nothing else is said: [`Flow::default_valuation`].
    pub const fn default_for(flow: Flow) -> Valuation {
        flow.default_valuation()
    }
}

impl fmt::Display for Valuation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(match self {
            Valuation::Fob => "FOB",
            Valuation::Cif => "CIF",
        })
    }
}

impl FromStr for Valuation {
    type Err = Error;

    /// Reads `"FOB"`, `"f.o.b."`, `"free on board"`, `"CIF"`, `"c.i.f."`,
    /// `"cost, insurance and freight"`, and the IMF's `"Free on board (FOB)"` and
    /// `"Cost, Insurance, Freight (CIF)"`, in any case.
    ///
    /// # Errors
    /// [`Error::Parse`] naming the input.
    fn from_str(s: &str) -> Result<Valuation> {
        if s.len() > MAX_WORDS_LEN {
            return Err(Error::parse("valuation", s, 0, "too long for a valuation"));
        }
        let letters: String = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect();
        match letters.as_str() {
            "fob" | "freeonboard" | "freeonboardfob" => Ok(Valuation::Fob),
            "cif"
            | "costinsuranceandfreight"
            | "costinsurancefreight"
            | "costinsuranceandfreightcif"
            | "costinsurancefreightcif" => Ok(Valuation::Cif),
            _ => Err(Error::parse("valuation", s, 0, "expected FOB or CIF")),
        }
    }
}

serde_as_text!(
    Measure => "a measure: \"exports\", \"imports\" or \"turnover\"",
    Valuation => "a valuation: \"FOB\" or \"CIF\"",
);

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn table_is_in_declaration_order() {
        for (i, flow) in Flow::ALL.iter().enumerate() {
            assert_eq!(TABLE[i].flow, *flow);
            assert_eq!(*flow as usize, i);
        }
    }

    #[test]
    fn codes_round_trip_in_any_case() {
        let codes = ["X", "M", "DX", "RX", "FM", "RM", "MIP", "MOP", "XIP", "XOP"];
        for (code, flow) in codes.iter().zip(Flow::ALL) {
            assert_eq!(flow.comtrade_code(), *code);
            assert_eq!(Flow::from_comtrade_code(code).unwrap(), flow);
            assert_eq!(code.to_lowercase().parse::<Flow>().unwrap(), flow);
            assert_eq!(flow.to_string().parse::<Flow>().unwrap(), flow);
        }
    }

    #[test]
    fn words_in_comtrade_and_everyday_forms() {
        let cases = [
            ("exports", Flow::Export),
            ("Total exports", Flow::Export),
            ("Imports", Flow::Import),
            ("Re-exports", Flow::ReExport),
            ("re_export", Flow::ReExport),
            ("reexports", Flow::ReExport),
            ("Re-Import", Flow::ReImport),
            ("Domestic Export", Flow::DomesticExport),
            ("foreign imports", Flow::ForeignImport),
            (
                "Import of goods for inward processing",
                Flow::ImportForInwardProcessing,
            ),
            (
                "Import of goods after outward processing",
                Flow::ImportAfterOutwardProcessing,
            ),
            (
                "Export of goods after inward processing",
                Flow::ExportAfterInwardProcessing,
            ),
            (
                "exports for outward processing",
                Flow::ExportForOutwardProcessing,
            ),
        ];
        for (text, flow) in cases {
            assert_eq!(text.parse::<Flow>().unwrap(), flow, "{text}");
        }
    }

    #[test]
    fn unknown_flows_name_the_input() {
        for bad in ["", "XX", "re", "export import", "transit", "MIPS"] {
            match bad.parse::<Flow>() {
                Err(Error::UnknownFlow { input }) => assert_eq!(input, bad),
                other => panic!("{bad:?} gave {other:?}"),
            }
        }
        // Comtrade's codes only: words go through FromStr.
        assert!(Flow::from_comtrade_code("export").is_err());
    }

    #[test]
    fn sides_parts_and_valuation() {
        let exports = [
            Flow::Export,
            Flow::DomesticExport,
            Flow::ReExport,
            Flow::ExportAfterInwardProcessing,
            Flow::ExportForOutwardProcessing,
        ];
        for flow in Flow::ALL {
            let export = exports.contains(&flow);
            assert_eq!(flow.is_export_side(), export, "{flow}");
            assert_eq!(flow.is_import_side(), !export, "{flow}");
            assert_eq!(
                flow.default_valuation(),
                if export {
                    Valuation::Fob
                } else {
                    Valuation::Cif
                }
            );
            // A part lies on the same side as its total.
            if let Some(total) = flow.part_of() {
                assert_eq!(total.is_export_side(), export);
                assert!(total.is_total() && !flow.is_total());
            } else {
                assert!(flow.is_total());
            }
            for part in flow.parts() {
                assert_eq!(part.part_of(), Some(flow));
                assert!(!part.is_processing());
            }
        }
        assert_eq!(Flow::Export.parts(), [Flow::DomesticExport, Flow::ReExport]);
        assert_eq!(Flow::Import.parts(), [Flow::ForeignImport, Flow::ReImport]);
        assert_eq!(
            Flow::ImportForInwardProcessing.part_of(),
            Some(Flow::Import)
        );
        assert_eq!(
            Flow::ExportForOutwardProcessing.part_of(),
            Some(Flow::Export)
        );
        assert_eq!(Flow::ALL.iter().filter(|f| f.is_processing()).count(), 4);
    }

    #[test]
    fn mirrors_pair_up_and_keep_to_the_other_side() {
        let mut paired = 0;
        for flow in Flow::ALL {
            if let Some(m) = flow.mirror() {
                assert_eq!(m.mirror(), Some(flow), "{flow}");
                assert_ne!(m.is_export_side(), flow.is_export_side(), "{flow}");
                assert_eq!(m.is_processing(), flow.is_processing());
                paired += 1;
            } else {
                assert!(!flow.is_total() && !flow.is_processing(), "{flow}");
            }
        }
        assert_eq!(paired, 6);
        assert_eq!(
            Flow::ExportAfterInwardProcessing.mirror(),
            Some(Flow::ImportAfterOutwardProcessing)
        );
        assert_eq!(Flow::ReImport.mirror(), None);
    }

    #[test]
    fn long_inputs_are_refused_quickly() {
        let long = "export ".repeat(10_000);
        assert!(matches!(
            long.parse::<Flow>(),
            Err(Error::UnknownFlow { .. })
        ));
        assert!(long.parse::<Measure>().is_err());
        assert!(long.parse::<Valuation>().is_err());
        // The longest real spelling still fits.
        assert_eq!(
            "  Imports of goods after outward processing  "
                .parse::<Flow>()
                .unwrap(),
            Flow::ImportAfterOutwardProcessing
        );
    }

    #[test]
    fn measures_and_valuations_parse_and_display() {
        assert_eq!("EXPORTS".parse::<Measure>().unwrap(), Measure::Exports);
        assert_eq!("m".parse::<Measure>().unwrap(), Measure::Imports);
        assert_eq!("total trade".parse::<Measure>().unwrap(), Measure::Turnover);
        assert!("balance".parse::<Measure>().is_err());
        for m in Measure::ALL {
            assert_eq!(m.to_string().parse::<Measure>().unwrap(), m);
            assert_eq!(m.mirror().mirror(), m);
        }
        assert_eq!(Measure::Exports.mirror(), Measure::Imports);
        assert_eq!(Measure::Turnover.flows(), [Flow::Export, Flow::Import]);
        assert_eq!(Flow::ReExport.measure(), Measure::Exports);
        assert_eq!(Flow::ReImport.measure(), Measure::Imports);
        for (text, v) in [
            ("FOB", Valuation::Fob),
            ("f.o.b.", Valuation::Fob),
            ("Free on board", Valuation::Fob),
            ("cif", Valuation::Cif),
            ("C.I.F.", Valuation::Cif),
            ("cost, insurance and freight", Valuation::Cif),
            ("Free on board (FOB)", Valuation::Fob),
            ("Cost, Insurance, Freight (CIF)", Valuation::Cif),
        ] {
            assert_eq!(text.parse::<Valuation>().unwrap(), v, "{text}");
            assert_eq!(v.to_string().parse::<Valuation>().unwrap(), v);
        }
        assert!("fas".parse::<Valuation>().is_err());
    }
}
