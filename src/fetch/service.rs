//! What every client shares: its base URL, the HTTP layer, the optional cache, and the way a
//! body is got (cache first, then the network) and an error status is turned into an error.

use std::path::Path;
use std::time::Duration;

use super::cache::Cache;
use super::error::Error;
use super::http::{snippet, Http, Politeness};
use super::report::Source;

/// A body got for a call, and how.
pub(crate) struct Got {
    pub(crate) body: Vec<u8>,
    pub(crate) source: Source,
    pub(crate) status: u16,
    pub(crate) attempts: u32,
}

/// The parts of a client that are not about its service's formats.
#[derive(Debug, Clone)]
pub(crate) struct Service {
    pub(crate) base: String,
    pub(crate) http: Http,
    pub(crate) cache: Option<Cache>,
    pub(crate) cache_max_age: Duration,
}

/// A day: how long a cached answer is used by default.
pub(crate) const DEFAULT_CACHE_AGE: Duration = Duration::from_secs(24 * 60 * 60);

impl Service {
    pub(crate) fn new(base: &str, rate_limit: Duration) -> Self {
        Service {
            base: base.to_owned(),
            http: Http::new(Politeness::new(rate_limit)),
            cache: None,
            cache_max_age: DEFAULT_CACHE_AGE,
        }
    }

    pub(crate) fn set_base(&mut self, url: &str) -> Result<(), Error> {
        self.base = check_base_url(url)?;
        Ok(())
    }

    pub(crate) fn set_cache_dir(&mut self, dir: &Path) -> Result<(), Error> {
        self.cache = Some(Cache::open(dir, self.cache_max_age)?);
        Ok(())
    }

    pub(crate) fn set_cache_max_age(&mut self, age: Duration) {
        self.cache_max_age = age;
        if let Some(cache) = &mut self.cache {
            cache.set_max_age(age);
        }
    }

    /// The body of `GET url`: from the cache when it holds a fresh entry for `cache_key`,
    /// otherwise from the network (not stored yet: the caller stores it with [`Service::keep`]
    /// once it has checked it). An error status becomes [`Error::Status`] with `hint(status)`.
    pub(crate) fn get(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        cache_key: &str,
        hint: &dyn Fn(u16) -> String,
    ) -> Result<Got, Error> {
        if let Some(body) = self.cache.as_ref().and_then(|c| c.get(cache_key)) {
            return Ok(Got {
                body,
                source: Source::Cache,
                status: 200,
                attempts: 0,
            });
        }
        let call = call_name(url);
        let answer = self.http.get(url, headers, &call)?;
        if !(200..300).contains(&answer.status) {
            return Err(Error::Status {
                call,
                status: answer.status,
                message: body_message(&answer.body),
                hint: hint(answer.status),
            });
        }
        Ok(Got {
            body: answer.body,
            source: Source::Network,
            status: answer.status,
            attempts: answer.attempts,
        })
    }

    /// Stores a checked body got from the network.
    pub(crate) fn keep(&self, got: &Got, cache_key: &str) -> Result<(), Error> {
        match (&self.cache, got.source) {
            (Some(cache), Source::Network) => cache.put(cache_key, &got.body),
            _ => Ok(()),
        }
    }
}

/// How a call is named in errors and reports.
pub(crate) fn call_name(url: &str) -> String {
    format!("GET {url}")
}

/// `http://` or `https://` and a host, without a query or fragment; a trailing `/` dropped.
pub(crate) fn check_base_url(url: &str) -> Result<String, Error> {
    let bad = |reason: &str| Error::Query {
        reason: format!("base URL {url:?}: {reason}"),
    };
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .ok_or_else(|| bad("it must start with http:// or https://"))?;
    if rest.is_empty() || rest.starts_with('/') {
        return Err(bad("it has no host"));
    }
    if url.contains(['?', '#', ' ', '\n']) {
        return Err(bad("it must not hold a query, a fragment or spaces"));
    }
    Ok(url.trim_end_matches('/').to_owned())
}

/// The message in an error body: JSON `message`, `error`, `errorObject.errorMessage`,
/// `errors[0].message` (SDMX 2.1 and 3.0 error messages), else the start of the text.
pub(crate) fn body_message(body: &[u8]) -> String {
    if let Ok(value) = serde_json::from_slice::<serde_json::Value>(body) {
        let candidates = [
            value.pointer("/errorObject/errorMessage"),
            value.get("error"),
            value.get("message"),
            value.pointer("/errors/0/message"),
            value.pointer("/errors/0/detail"),
            value.pointer("/0/message/0/value"),
        ];
        for found in candidates.into_iter().flatten() {
            if let Some(text) = found.as_str().filter(|t| !t.trim().is_empty()) {
                return text.trim().to_owned();
            }
        }
    }
    let text = snippet(body);
    if text.is_empty() {
        "(empty body)".to_owned()
    } else {
        text
    }
}

/// Percent-encodes a path segment or query value (letters, digits and `-._~,+:` kept).
pub(crate) fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,+:".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_are_checked() {
        assert_eq!(
            check_base_url("http://127.0.0.1:8080/").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert!(check_base_url("ftp://x").is_err());
        assert!(check_base_url("https://").is_err());
        assert!(check_base_url("https://x/?a=1").is_err());
    }

    #[test]
    fn messages_are_found_where_each_service_puts_them() {
        assert_eq!(
            body_message(br#"{"statusCode": 401, "message": "Access denied due to invalid subscription key."}"#),
            "Access denied due to invalid subscription key."
        );
        assert_eq!(
            body_message(br#"{"elapsedTime":"0 secs","count":0,"data":[],"error":"","errorObject":{"errorMessage":"Invalid period"}}"#),
            "Invalid period"
        );
        assert_eq!(
            body_message(br#"[{"message":[{"id":"120","key":"Invalid value","value":"The provided parameter value is not valid"}]}]"#),
            "The provided parameter value is not valid"
        );
        assert_eq!(
            body_message(b"<html>Not Found</html>"),
            "<html>Not Found</html>"
        );
        assert_eq!(body_message(b""), "(empty body)");
    }

    #[test]
    fn encoding_keeps_sdmx_keys_and_escapes_the_rest() {
        assert_eq!(encode("A.KAZ+TUR..XG_FOB_USD"), "A.KAZ+TUR..XG_FOB_USD");
        assert_eq!(encode("a b/c"), "a%20b%2Fc");
    }
}
