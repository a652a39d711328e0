//! Splitting a query into calls a service accepts: at most 12 periods a call, URLs within a
//! length, and a chunk whose answer reaches the records cap split again, never truncated.

use std::fmt;

use crate::area::Area;
use crate::commodity::Commodity;
use crate::flow::Flow;
use crate::period::Period;

/// At most this many periods in one `period` list (UN Comtrade's documented limit).
pub const MAX_PERIODS_PER_CALL: usize = 12;

/// URLs are kept at most this long (UN Comtrade's documented limit).
pub const MAX_URL_LEN: usize = 4_096;

/// One call's part of a query: the lists it sends. An empty list of reporters, partners or
/// flows means all of them (the parameter is not sent); no commodities means `TOTAL`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    pub(crate) reporters: Vec<Area>,
    pub(crate) partners: Vec<Area>,
    pub(crate) periods: Vec<Period>,
    pub(crate) flows: Vec<Flow>,
    pub(crate) commodities: Vec<Commodity>,
}

/// Which list a chunk was split along.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Dimension {
    Periods,
    Reporters,
    Flows,
    Partners,
    Commodities,
}

impl Chunk {
    /// The reporters asked for (empty: all).
    pub fn reporters(&self) -> &[Area] {
        &self.reporters
    }

    /// The partners asked for (empty: all).
    pub fn partners(&self) -> &[Area] {
        &self.partners
    }

    /// The periods asked for.
    pub fn periods(&self) -> &[Period] {
        &self.periods
    }

    /// The flows asked for (empty: all).
    pub fn flows(&self) -> &[Flow] {
        &self.flows
    }

    /// The commodities asked for (empty: `TOTAL`).
    pub fn commodities(&self) -> &[Commodity] {
        &self.commodities
    }

    fn len(&self, d: Dimension) -> usize {
        match d {
            Dimension::Periods => self.periods.len(),
            Dimension::Reporters => self.reporters.len(),
            Dimension::Flows => self.flows.len(),
            Dimension::Partners => self.partners.len(),
            Dimension::Commodities => self.commodities.len(),
        }
    }

    /// The two halves of the chunk along `d` (the first half the larger), or `None` when that
    /// list has fewer than two items.
    pub(crate) fn halve(&self, d: Dimension) -> Option<(Chunk, Chunk)> {
        let n = self.len(d);
        if n < 2 {
            return None;
        }
        let cut = n.div_ceil(2);
        let (mut a, mut b) = (self.clone(), self.clone());
        fn split<T: Clone>(list: &[T], cut: usize, a: &mut Vec<T>, b: &mut Vec<T>) {
            let (x, y) = list.split_at(cut.min(list.len()));
            *a = x.to_vec();
            *b = y.to_vec();
        }
        match d {
            Dimension::Periods => split(&self.periods, cut, &mut a.periods, &mut b.periods),
            Dimension::Reporters => {
                split(&self.reporters, cut, &mut a.reporters, &mut b.reporters);
            }
            Dimension::Flows => split(&self.flows, cut, &mut a.flows, &mut b.flows),
            Dimension::Partners => split(&self.partners, cut, &mut a.partners, &mut b.partners),
            Dimension::Commodities => {
                split(
                    &self.commodities,
                    cut,
                    &mut a.commodities,
                    &mut b.commodities,
                );
            }
        }
        Some((a, b))
    }

    /// The halves of a chunk whose answer reached the cap: by period first, then reporter,
    /// flow, partner and commodity, with the list that was split.
    pub(crate) fn split_for_cap(&self) -> Option<(Chunk, Chunk, Dimension)> {
        [
            Dimension::Periods,
            Dimension::Reporters,
            Dimension::Flows,
            Dimension::Partners,
            Dimension::Commodities,
        ]
        .into_iter()
        .find_map(|d| self.halve(d).map(|(a, b)| (a, b, d)))
    }

    /// The halves of a chunk whose URL is too long: along its longest list.
    fn split_for_url(&self) -> Option<(Chunk, Chunk)> {
        [
            Dimension::Reporters,
            Dimension::Partners,
            Dimension::Commodities,
            Dimension::Periods,
            Dimension::Flows,
        ]
        .into_iter()
        .filter(|&d| self.len(d) >= 2)
        .max_by_key(|&d| self.len(d))
        .and_then(|d| self.halve(d))
    }
}

impl fmt::Display for Chunk {
    /// `reporters 398, 792; periods 2015-2024 (10); ...`, for messages and reports.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fn list<T: fmt::Display>(items: &[T], all: &str) -> String {
            match items {
                [] => all.to_owned(),
                [one] => one.to_string(),
                [first, .., last] if items.len() > 3 => {
                    format!("{first} .. {last} ({})", items.len())
                }
                _ => items
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join(", "),
            }
        }
        let flows: Vec<&str> = self.flows.iter().map(|f| f.comtrade_code()).collect();
        write!(
            f,
            "reporters {}; partners {}; periods {}; flows {}; commodities {}",
            list(&self.reporters, "all"),
            list(&self.partners, "all"),
            list(&self.periods, "none"),
            list(&flows, "all"),
            list(&self.commodities, "TOTAL"),
        )
    }
}

/// The first chunks of a query: periods in groups of at most [`MAX_PERIODS_PER_CALL`], every
/// other list whole, then each chunk halved until `url_len` of it is at most `max_url`.
///
/// # Errors
/// A chunk of one item in every list whose URL is still too long (the message says how long).
pub(crate) fn plan(
    whole: &Chunk,
    max_url: usize,
    url_len: &dyn Fn(&Chunk) -> usize,
) -> Result<Vec<Chunk>, super::Error> {
    let mut out = Vec::new();
    for periods in whole.periods.chunks(MAX_PERIODS_PER_CALL) {
        let chunk = Chunk {
            periods: periods.to_vec(),
            ..whole.clone()
        };
        fit(chunk, max_url, url_len, &mut out)?;
    }
    Ok(out)
}

fn fit(
    chunk: Chunk,
    max_url: usize,
    url_len: &dyn Fn(&Chunk) -> usize,
    out: &mut Vec<Chunk>,
) -> Result<(), super::Error> {
    let len = url_len(&chunk);
    if len <= max_url {
        out.push(chunk);
        return Ok(());
    }
    match chunk.split_for_url() {
        Some((a, b)) => {
            fit(a, max_url, url_len, out)?;
            fit(b, max_url, url_len, out)
        }
        None => Err(super::Error::Query {
            reason: format!(
                "the URL of one reporter, partner, period and commodity is {len} characters, \
                 more than the {max_url} allowed ({chunk})"
            ),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::country::Country;

    fn years(from: i32, to: i32) -> Vec<Period> {
        (from..=to).map(|y| Period::year(y).unwrap()).collect()
    }

    fn chunk(reporters: usize, periods: Vec<Period>) -> Chunk {
        Chunk {
            reporters: Country::all().take(reporters).map(Area::Country).collect(),
            partners: vec![Area::World],
            periods,
            flows: vec![Flow::Export, Flow::Import],
            commodities: vec![],
        }
    }

    #[test]
    fn periods_go_twelve_to_a_call_in_order() {
        // 2000..=2024 is 25 years: 12 + 12 + 1.
        let planned = plan(&chunk(1, years(2000, 2024)), MAX_URL_LEN, &|_| 0).unwrap();
        let sizes: Vec<usize> = planned.iter().map(|c| c.periods.len()).collect();
        assert_eq!(sizes, [12, 12, 1]);
        let all: Vec<Period> = planned.into_iter().flat_map(|c| c.periods).collect();
        assert_eq!(all, years(2000, 2024));
    }

    #[test]
    fn long_urls_are_halved_along_the_longest_list_and_nothing_is_lost() {
        // 100 reporters of 4 characters each: a URL of 400 + 100, halved to at most 200.
        let whole = chunk(100, years(2020, 2020));
        let len = |c: &Chunk| 100 + 4 * c.reporters.len();
        let planned = plan(&whole, 200, &len).unwrap();
        assert!(planned.iter().all(|c| len(c) <= 200));
        // 100 -> 50 + 50 -> 25 each: four calls of 25 reporters (100 + 100 = 200).
        assert_eq!(planned.len(), 4);
        let reporters: Vec<Area> = planned.into_iter().flat_map(|c| c.reporters).collect();
        assert_eq!(reporters, whole.reporters);
    }

    #[test]
    fn a_url_too_long_at_one_of_everything_is_an_error() {
        let err = plan(&chunk(1, years(2020, 2020)), 10, &|_| 50).unwrap_err();
        assert!(
            err.to_string().contains("50 characters, more than the 10"),
            "{err}"
        );
    }

    /// Every (reporter, period, partner) cell of a chunk, in order.
    fn cells(chunks: &[Chunk]) -> Vec<(Area, Period, Area)> {
        let mut out = Vec::new();
        for c in chunks {
            for &p in &c.periods {
                for &r in &c.reporters {
                    for &q in &c.partners {
                        out.push((r, p, q));
                    }
                }
            }
        }
        out.sort_by_key(|&(r, p, q)| (r.comtrade_code(), p, q.comtrade_code()));
        out
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

        #[test]
        fn a_plan_covers_every_cell_once_within_the_limits(
            reporters in 1usize..40,
            partners in 1usize..8,
            years in 1i32..30,
            max_url in 150usize..2_000,
        ) {
            let whole = Chunk {
                reporters: Country::all().take(reporters).map(Area::Country).collect(),
                partners: Country::all().rev().take(partners).map(Area::Country).collect(),
                periods: (2000..2000 + years).map(|y| Period::year(y).unwrap()).collect(),
                flows: vec![Flow::Export],
                commodities: vec![],
            };
            // A URL of 100 characters plus 4 a code, as the client writes them.
            let len = |c: &Chunk| 100 + 4 * (c.reporters.len() + c.partners.len()) + 5 * c.periods.len();
            let planned = plan(&whole, max_url, &len).unwrap();
            for c in &planned {
                proptest::prop_assert!(c.periods.len() <= MAX_PERIODS_PER_CALL);
                proptest::prop_assert!(len(c) <= max_url);
            }
            proptest::prop_assert_eq!(cells(&planned), cells(std::slice::from_ref(&whole)));
        }

        #[test]
        fn splitting_for_the_cap_keeps_every_cell_once(reporters in 1usize..12, years in 1i32..14) {
            let whole = chunk(reporters, years_from(2000, years));
            let mut done = Vec::new();
            let mut todo = vec![whole.clone()];
            while let Some(c) = todo.pop() {
                match c.split_for_cap() {
                    Some((a, b, _)) => {
                        todo.push(a);
                        todo.push(b);
                    }
                    None => done.push(c),
                }
            }
            // Split down to one reporter, period and flow each.
            proptest::prop_assert!(done.iter().all(|c| c.periods.len() == 1 && c.reporters.len() == 1));
            proptest::prop_assert_eq!(done.len(), reporters * years as usize * 2);
            // Flows were split too, so each (reporter, period, partner) cell comes twice.
            let mut got = cells(&done);
            got.dedup();
            proptest::prop_assert_eq!(got, cells(std::slice::from_ref(&whole)));
        }
    }

    fn years_from(from: i32, n: i32) -> Vec<Period> {
        (from..from + n).map(|y| Period::year(y).unwrap()).collect()
    }

    #[test]
    fn a_capped_chunk_splits_periods_then_reporters_then_flows() {
        let c = chunk(2, years(2020, 2021));
        let (a, b, d) = c.split_for_cap().unwrap();
        assert_eq!(d, Dimension::Periods);
        assert_eq!((a.periods.len(), b.periods.len()), (1, 1));
        let (a2, _, d2) = a.split_for_cap().unwrap();
        assert_eq!(d2, Dimension::Reporters);
        let (_, _, d3) = a2.split_for_cap().unwrap();
        assert_eq!(d3, Dimension::Flows);
        // One of everything (partners one, commodities all): no split left.
        let single = Chunk {
            flows: vec![Flow::Export],
            ..a2
        };
        assert_eq!(single.split_for_cap(), None);
    }
}
