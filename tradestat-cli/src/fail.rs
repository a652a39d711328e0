//! The one error type of the command line: a one-line message and the exit code it means.

use std::fmt;

/// Why a command failed, which decides the exit status (documented in `--help`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// The input could not be read as trade data, or a check found rejected rows: exit 1.
    Input,
    /// The command line was wrong (a value a flag does not take): exit 2, as clap's own.
    Usage,
    /// A file could not be opened, read or written: exit 3.
    Io,
}

impl Kind {
    /// The process exit status.
    pub(crate) fn code(self) -> u8 {
        match self {
            Kind::Input => 1,
            Kind::Usage => 2,
            Kind::Io => 3,
        }
    }
}

/// A failure: what went wrong and where, in one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fail {
    pub(crate) kind: Kind,
    pub(crate) message: String,
    /// A write to standard output found the pipe closed (`| head`): end quietly with 0.
    pub(crate) closed_pipe: bool,
}

pub(crate) type Result<T> = std::result::Result<T, Fail>;

impl Fail {
    pub(crate) fn input(message: impl Into<String>) -> Fail {
        Fail {
            kind: Kind::Input,
            message: message.into(),
            closed_pipe: false,
        }
    }

    pub(crate) fn usage(message: impl Into<String>) -> Fail {
        Fail {
            kind: Kind::Usage,
            message: message.into(),
            closed_pipe: false,
        }
    }

    pub(crate) fn io(message: impl Into<String>) -> Fail {
        Fail {
            kind: Kind::Io,
            message: message.into(),
            closed_pipe: false,
        }
    }

    /// A library error met while working on `source` (a file name, `-` for standard input, or
    /// empty when no file is involved): a bad row reads `FILE:LINE: column "C": cannot read
    /// "V": reason`; a file that cannot be opened or read is an I/O failure.
    pub(crate) fn from_lib(source: &str, error: tradestat::Error) -> Fail {
        let prefix = if source.is_empty() {
            String::new()
        } else {
            format!("{}: ", display_source(source))
        };
        match error {
            tradestat::Error::BadRow {
                line,
                column,
                value,
                reason,
            } => Fail::input(format!(
                "{}:{line}: column {column:?}: cannot read {value:?}: {reason}",
                display_source(source)
            )),
            tradestat::Error::Io { kind, message } => {
                if kind == std::io::ErrorKind::BrokenPipe {
                    return Fail::closed_pipe();
                }
                // The library's message names the path where it knows it.
                if !source.is_empty() && message.contains(source) {
                    Fail::io(message)
                } else {
                    Fail::io(format!("{prefix}{message}"))
                }
            }
            other => Fail::input(format!("{prefix}{other}")),
        }
    }

    /// An I/O error on `what` (a path, "standard output").
    pub(crate) fn from_io(what: &str, error: &std::io::Error) -> Fail {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            return Fail::closed_pipe();
        }
        Fail::io(format!("{what}: {error}"))
    }

    pub(crate) fn closed_pipe() -> Fail {
        Fail {
            kind: Kind::Io,
            message: String::new(),
            closed_pipe: true,
        }
    }
}

/// How a source is named in messages: `-` is standard input.
pub(crate) fn display_source(source: &str) -> &str {
    if source == "-" {
        "<stdin>"
    } else {
        source
    }
}

impl fmt::Display for Fail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// A library error with no file involved (a target's arithmetic, a chart's layout).
impl From<tradestat::Error> for Fail {
    fn from(error: tradestat::Error) -> Fail {
        Fail::from_lib("", error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_map_to_one_line_and_an_exit_code() {
        let bad = Fail::from_lib(
            "data.csv",
            tradestat::Error::BadRow {
                line: 3002,
                column: "primaryValue".into(),
                value: "12x4.5".into(),
                reason: "not a decimal number".into(),
            },
        );
        assert_eq!(bad.kind.code(), 1);
        assert_eq!(
            bad.message,
            "data.csv:3002: column \"primaryValue\": cannot read \"12x4.5\": not a decimal number"
        );
        let stdin = Fail::from_lib(
            "-",
            tradestat::Error::BadRow {
                line: 2,
                column: "v".into(),
                value: String::new(),
                reason: "empty".into(),
            },
        );
        assert!(stdin.message.starts_with("<stdin>:2: "));
        let io = Fail::from_lib(
            "x.csv",
            tradestat::Error::Io {
                kind: std::io::ErrorKind::NotFound,
                message: "x.csv: not found".into(),
            },
        );
        assert_eq!(
            (io.kind.code(), io.message.as_str()),
            (3, "x.csv: not found")
        );
        let pipe = Fail::from_io(
            "standard output",
            &std::io::Error::from(std::io::ErrorKind::BrokenPipe),
        );
        assert!(pipe.closed_pipe);
        assert_eq!(Fail::usage("x").kind.code(), 2);
    }
}
