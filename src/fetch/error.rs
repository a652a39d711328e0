//! What can go wrong getting data: [`Error`], wrapped in the crate's error as
//! [`crate::Error::Fetch`].
//!
//! Every variant names the call (`GET` and the URL, never the key, which travels in a header), so
//! that a message says which request failed and what the service answered.

/// A failure to get data from a service. The text fields are kept as text so that the crate's
/// error stays `Clone` and `PartialEq`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The service answered with a status that is an error and is not retried (401, 403
    /// without `Retry-After`, 404, other 4xx), with the message of its body and, where one is
    /// known, what it usually means.
    #[error("{call}: HTTP {status}: {message}{}", hint_text(hint))]
    Status {
        /// The request (method and URL).
        call: String,
        /// The HTTP status.
        status: u16,
        /// The message found in the body (or the start of the body).
        message: String,
        /// What the status usually means for this service (a key is missing, ...), or empty.
        hint: String,
    },

    /// The body says the call failed (UN Comtrade's non-empty `"error"`, or its
    /// `errorObject.errorMessage`; the World Bank's `message` list), whatever the status.
    #[error("{call}: the service answered with an error: {message}")]
    Api {
        /// The request.
        call: String,
        /// The service's message.
        message: String,
    },

    /// The call could not be made or its answer not received whole: no connection, a timeout,
    /// a body cut before its announced end. Retried like a 5xx before this is returned.
    #[error("{call}: {message}")]
    Transport {
        /// The request.
        call: String,
        /// What failed.
        message: String,
    },

    /// Retried answers (429, 5xx, 403 with `Retry-After`, transport failures) that did not
    /// succeed within the bound, or a `Retry-After` longer than the client may wait.
    #[error("{call}: gave up after {attempts} attempts: {last}")]
    GaveUp {
        /// The request.
        call: String,
        /// How many times it was sent.
        attempts: u32,
        /// The last answer or failure, and why it was not retried further.
        last: String,
    },

    /// The body was received but is not what the service documents (not JSON, not CSV, a
    /// record that cannot be read): the reader's error, with the call.
    #[error("{call}: the body cannot be read: {source}")]
    Body {
        /// The request.
        call: String,
        /// The reader's error.
        source: Box<crate::Error>,
    },

    /// The body's `count` differs from the rows it holds: the answer is not whole, and is not
    /// used.
    #[error("{call}: the body says count {count} but holds {rows} rows")]
    CountMismatch {
        /// The request.
        call: String,
        /// The count the body states.
        count: u64,
        /// The rows in its data array.
        rows: u64,
    },

    /// Without a key, UN Comtrade's preview returns at most 500 records a call; this chunk, at
    /// one reporter and one period, reached that cap, so its records cannot all be had.
    #[error("{call}: {count} records reach the preview's cap of {cap} at one reporter and one period: a subscription key is needed (set COMTRADE_API_KEY or call api_key)")]
    KeyNeeded {
        /// The request.
        call: String,
        /// The count the service gave.
        count: u64,
        /// The preview's cap.
        cap: u64,
    },

    /// A chunk reached the records cap and cannot be split further (one reporter, period,
    /// flow, partner and commodity, or all reporters asked for at once).
    #[error("{call}: {count} records reach the cap of {cap} and the query cannot be split further: {reason}")]
    CapReached {
        /// The request.
        call: String,
        /// The count the service gave.
        count: u64,
        /// The cap asked for (`maxRecords`).
        cap: u64,
        /// Why no further split is possible.
        reason: String,
    },

    /// The query cannot be sent: an invalid year, a period of the wrong frequency, a URL longer
    /// than the limit at one reporter and one period, a base URL that is not `http(s)://`.
    #[error("invalid query: {reason}")]
    Query {
        /// What is wrong.
        reason: String,
    },

    /// The disk cache could not be used (a directory that cannot be made, an entry that cannot
    /// be written).
    #[error("cache {path}: {message}")]
    Cache {
        /// The file or directory.
        path: String,
        /// What failed.
        message: String,
    },
}

fn hint_text(hint: &str) -> String {
    if hint.is_empty() {
        String::new()
    } else {
        format!(" ({hint})")
    }
}

impl From<Error> for crate::Error {
    fn from(e: Error) -> Self {
        crate::Error::Fetch(e)
    }
}
