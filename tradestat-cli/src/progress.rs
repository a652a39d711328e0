//! A progress bar on standard error for reads that take more than a second: bytes (of the total
//! where the size is known, with rate and ETA) and rows. Hidden when standard error is not a
//! terminal, and with `--quiet`.

use std::io::{IsTerminal, Read};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How long a read runs before the bar appears.
const DELAY: Duration = Duration::from_secs(1);

/// The progress of the reads of one command.
#[derive(Clone)]
pub(crate) struct Progress {
    enabled: bool,
    bar: ProgressBar,
    start: Instant,
}

impl Progress {
    pub(crate) fn new(quiet: bool) -> Progress {
        Progress {
            enabled: !quiet && std::io::stderr().is_terminal(),
            bar: ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden()),
            start: Instant::now(),
        }
    }

    /// `input`, counted into the bar as it is read; `total` is its size where known.
    pub(crate) fn wrap(
        &self,
        input: Box<dyn Read + Send>,
        name: &str,
        total: Option<u64>,
    ) -> Box<dyn Read + Send> {
        if !self.enabled {
            return input;
        }
        let bar = self.bar.clone();
        bar.set_draw_target(ProgressDrawTarget::hidden());
        bar.reset();
        match total {
            Some(total) => bar.set_length(total),
            None => bar.unset_length(),
        }
        let template = if total.is_some() {
            "{prefix} {wide_bar} {bytes}/{total_bytes} {msg} {bytes_per_sec} ETA {eta}"
        } else {
            "{prefix} {spinner} {bytes} {msg} {bytes_per_sec}"
        };
        if let Ok(style) = ProgressStyle::with_template(template) {
            bar.set_style(style);
        }
        bar.set_prefix(name.to_owned());
        bar.set_message("");
        let progress = Progress {
            enabled: true,
            bar,
            start: Instant::now(),
        };
        Box::new(Counting {
            inner: input,
            progress,
            shown: false,
        })
    }

    /// Shows `rows` records read so far (every 4,096 rows).
    pub(crate) fn rows(&self, rows: usize) {
        if self.enabled && rows % 4096 == 0 {
            self.bar.set_message(format!("{rows} rows"));
        }
    }

    /// Clears the bar at the end of a read.
    pub(crate) fn done(&self) {
        if self.enabled {
            self.bar.finish_and_clear();
        }
    }
}

struct Counting {
    inner: Box<dyn Read + Send>,
    progress: Progress,
    shown: bool,
}

impl Read for Counting {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let bar = &self.progress.bar;
        bar.inc(n as u64);
        if !self.shown && self.progress.start.elapsed() >= DELAY {
            bar.set_draw_target(ProgressDrawTarget::stderr());
            self.shown = true;
        }
        if n == 0 {
            bar.finish_and_clear();
        }
        Ok(n)
    }
}
