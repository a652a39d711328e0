//! The one way every client calls a service: a ureq agent with connect and read timeouts and
//! `http_status_as_error` off (so that the status and headers of an error can be read), calls
//! spaced by a rate limit, and retries with backoff ([`Politeness`]).

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use super::error::Error;

/// How a client spaces and retries its calls. Every client has one, with the service's
/// defaults, and the same setters.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Politeness {
    /// The least time between the starts of two calls.
    pub(crate) rate_limit: Duration,
    /// How many times a call is retried after the first attempt.
    pub(crate) retries: u32,
    /// The first wait before a retry; doubled at each further retry.
    pub(crate) retry_base_delay: Duration,
    /// The longest wait before a retry, `Retry-After` included: a service asking for longer is
    /// not called again (the call fails, saying how long it asked for).
    pub(crate) max_retry_wait: Duration,
    /// Connect timeout.
    pub(crate) connect_timeout: Duration,
    /// Timeout of each read from the connection.
    pub(crate) read_timeout: Duration,
    /// The largest body read into memory.
    pub(crate) max_body_bytes: u64,
}

impl Politeness {
    /// The defaults for a service whose calls are spaced by `rate_limit`.
    pub(crate) const fn new(rate_limit: Duration) -> Self {
        Politeness {
            rate_limit,
            retries: 4,
            retry_base_delay: Duration::from_secs(2),
            max_retry_wait: Duration::from_secs(120),
            connect_timeout: Duration::from_secs(30),
            read_timeout: Duration::from_secs(120),
            max_body_bytes: 1 << 30,
        }
    }
}

/// The setters of [`Politeness`] on a client with a `service: Service` field.
macro_rules! politeness_setters {
    () => {
        /// The least time between the starts of two calls of this client (the service's
        /// default otherwise). `Duration::ZERO` does not wait.
        #[must_use]
        pub fn rate_limit(mut self, every: std::time::Duration) -> Self {
            self.service.http.politeness.rate_limit = every;
            self
        }

        /// How many times a call answered by 429, a 5xx, a 403 with `Retry-After`, or a
        /// transport failure (no connection, a timeout, a body cut short) is sent again (4 by
        /// default); 0 never retries.
        #[must_use]
        pub fn retries(mut self, retries: u32) -> Self {
            self.service.http.politeness.retries = retries;
            self
        }

        /// The wait before the first retry (2 s by default), doubled at each further retry;
        /// a `Retry-After` header replaces it.
        #[must_use]
        pub fn retry_base_delay(mut self, delay: std::time::Duration) -> Self {
            self.service.http.politeness.retry_base_delay = delay;
            self
        }

        /// The longest wait before a retry (120 s by default). A `Retry-After` asking for
        /// longer ends the call with an error saying how long the service asked to wait.
        #[must_use]
        pub fn max_retry_wait(mut self, wait: std::time::Duration) -> Self {
            self.service.http.politeness.max_retry_wait = wait;
            self
        }

        /// The connect timeout (30 s by default).
        #[must_use]
        pub fn connect_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.service.http.politeness.connect_timeout = timeout;
            self.service.http.rebuild();
            self
        }

        /// The timeout of each read from the connection (120 s by default).
        #[must_use]
        pub fn read_timeout(mut self, timeout: std::time::Duration) -> Self {
            self.service.http.politeness.read_timeout = timeout;
            self.service.http.rebuild();
            self
        }

        /// The largest response body read into memory (1 GiB by default); a larger one is an
        /// error, never a cut body.
        #[must_use]
        pub fn max_body_bytes(mut self, bytes: u64) -> Self {
            self.service.http.politeness.max_body_bytes = bytes;
            self
        }
    };
}
pub(crate) use politeness_setters;

/// An answer received whole: its status and body. Statuses that are retried never reach the
/// caller as an answer (they become [`Error::GaveUp`] when the retries run out).
#[derive(Debug)]
pub(crate) struct Answer {
    pub(crate) status: u16,
    pub(crate) body: Vec<u8>,
    /// How many times the call was sent.
    pub(crate) attempts: u32,
}

/// The HTTP agent of one client, its politeness, and the time of its last call. Clones of a
/// client share the time of the last call, so they are spaced together.
#[derive(Debug, Clone)]
pub(crate) struct Http {
    agent: ureq::Agent,
    pub(crate) politeness: Politeness,
    last_call: Arc<Mutex<Option<Instant>>>,
}

/// What one attempt came to.
enum Attempt {
    Done(ureq::http::Response<ureq::Body>),
    /// Worth trying again: what happened, and the wait the service asked for.
    Retry(String, Option<Duration>),
}

impl Http {
    pub(crate) fn new(politeness: Politeness) -> Self {
        Http {
            agent: agent(&politeness),
            politeness,
            last_call: Arc::new(Mutex::new(None)),
        }
    }

    /// Builds the agent again after a timeout changed.
    pub(crate) fn rebuild(&mut self) {
        self.agent = agent(&self.politeness);
    }

    /// `GET url` with `headers`, spaced and retried; the body read whole (up to the bound).
    /// `call` names the request in errors.
    pub(crate) fn get(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        call: &str,
    ) -> Result<Answer, Error> {
        self.send(url, headers, call, |mut response| {
            let status = response.status().as_u16();
            let body = response
                .body_mut()
                .with_config()
                .limit(self.politeness.max_body_bytes)
                .read_to_vec();
            (status, body)
        })
        .map(|(status, body, attempts)| Answer {
            status,
            body,
            attempts,
        })
    }

    /// `GET url`, streaming a successful body into `sink` (a bulk file); an error status's body
    /// is read into the answer instead.
    pub(crate) fn download(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        call: &str,
        sink: &mut dyn FnMut(&mut dyn std::io::Read) -> std::io::Result<()>,
    ) -> Result<Answer, Error> {
        self.send(url, headers, call, |mut response| {
            let status = response.status().as_u16();
            if (200..300).contains(&status) {
                let mut reader = response.body_mut().as_reader();
                let copied = sink(&mut reader).map_err(ureq::Error::Io);
                (status, copied.map(|()| Vec::new()))
            } else {
                let body = response
                    .body_mut()
                    .with_config()
                    .limit(1 << 20)
                    .read_to_vec();
                (status, body)
            }
        })
        .map(|(status, body, attempts)| Answer {
            status,
            body,
            attempts,
        })
    }

    fn send(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        call: &str,
        mut read: impl FnMut(ureq::http::Response<ureq::Body>) -> (u16, Result<Vec<u8>, ureq::Error>),
    ) -> Result<(u16, Vec<u8>, u32), Error> {
        let p = self.politeness;
        let mut attempts = 0u32;
        loop {
            attempts += 1;
            self.wait_turn();
            let (what, after) = match self.attempt(url, headers, call)? {
                Attempt::Retry(what, after) => (what, after),
                Attempt::Done(response) => {
                    let retry_after = retry_after(&response);
                    match read(response) {
                        (status, Ok(body)) if retried_status(status, retry_after.is_some()) => {
                            (format!("HTTP {status}: {}", snippet(&body)), retry_after)
                        }
                        (status, Ok(body)) => return Ok((status, body, attempts)),
                        (_, Err(ureq::Error::BodyExceedsLimit(limit))) => {
                            return Err(Error::Transport {
                                call: call.to_owned(),
                                message: format!(
                                    "the body is larger than the limit of {limit} bytes \
                                     (max_body_bytes)"
                                ),
                            })
                        }
                        (status, Err(e)) => (
                            format!("HTTP {status}, the body was not received whole: {e}"),
                            None,
                        ),
                    }
                }
            };
            if attempts > p.retries {
                return Err(Error::GaveUp {
                    call: call.to_owned(),
                    attempts,
                    last: what,
                });
            }
            let backoff = p
                .retry_base_delay
                .saturating_mul(1u32 << (attempts - 1).min(16))
                .min(p.max_retry_wait);
            let wait = match after {
                Some(asked) if asked > p.max_retry_wait => {
                    return Err(Error::GaveUp {
                        call: call.to_owned(),
                        attempts,
                        last: format!(
                            "{what}; the service asks to wait {} s (Retry-After), more than \
                             the {} s this client waits (max_retry_wait)",
                            asked.as_secs(),
                            p.max_retry_wait.as_secs()
                        ),
                    })
                }
                Some(asked) => asked,
                None => backoff,
            };
            std::thread::sleep(wait);
        }
    }

    /// Sends the request once.
    fn attempt(&self, url: &str, headers: &[(&str, &str)], call: &str) -> Result<Attempt, Error> {
        let mut request = self.agent.get(url);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        match request.call() {
            Ok(response) => Ok(Attempt::Done(response)),
            Err(
                e @ (ureq::Error::BadUri(_) | ureq::Error::HostNotFound | ureq::Error::Http(_)),
            ) => Err(Error::Transport {
                call: call.to_owned(),
                message: e.to_string(),
            }),
            Err(e) => Ok(Attempt::Retry(e.to_string(), None)),
        }
    }

    /// Sleeps until the rate limit allows the next call, and marks its start.
    fn wait_turn(&self) {
        let mut last = match self.last_call.lock() {
            Ok(guard) => guard,
            Err(poisoned) => poisoned.into_inner(),
        };
        if let Some(previous) = *last {
            match previous.checked_add(self.politeness.rate_limit) {
                Some(next) => {
                    let now = Instant::now();
                    if next > now {
                        std::thread::sleep(next - now);
                    }
                }
                // A limit beyond any instant: wait it out, as asked.
                None => std::thread::sleep(self.politeness.rate_limit),
            }
        }
        *last = Some(Instant::now());
    }
}

fn agent(p: &Politeness) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_connect(Some(p.connect_timeout))
        .timeout_per_read(Some(p.read_timeout))
        .user_agent(concat!("tradestat/", env!("CARGO_PKG_VERSION")))
        .build()
        .into()
}

/// 429 and 5xx are retried; a 403 only with `Retry-After` (UN Comtrade's quota answer).
fn retried_status(status: u16, has_retry_after: bool) -> bool {
    status == 429 || (500..600).contains(&status) || (status == 403 && has_retry_after)
}

/// The wait a `Retry-After` header asks for: seconds, or an HTTP date.
fn retry_after(response: &ureq::http::Response<ureq::Body>) -> Option<Duration> {
    let text = response.headers().get("retry-after")?.to_str().ok()?.trim();
    parse_retry_after(text, SystemTime::now())
}

/// `Retry-After` as seconds (`120`) or as an HTTP date (`Wed, 21 Oct 2015 07:28:00 GMT`, a
/// date in the past being no wait).
pub(crate) fn parse_retry_after(text: &str, now: SystemTime) -> Option<Duration> {
    if let Ok(seconds) = text.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = chrono::DateTime::parse_from_rfc2822(text).ok()?;
    let at = u64::try_from(date.timestamp()).ok()?;
    let now = now.duration_since(SystemTime::UNIX_EPOCH).ok()?.as_secs();
    Some(Duration::from_secs(at.saturating_sub(now)))
}

/// The start of a body, as text, for a message.
pub(crate) fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    crate::Error::shown(text, 300)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_is_read_as_seconds_or_as_an_http_date() {
        // 2015-10-21 07:28:00 UTC is 1445412480 s after the epoch.
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_445_412_480 - 90);
        let secs = |s: &str| parse_retry_after(s, now).map(|d| d.as_secs());
        assert_eq!(secs("120"), Some(120));
        assert_eq!(secs("0"), Some(0));
        assert_eq!(secs("Wed, 21 Oct 2015 07:28:00 GMT"), Some(90));
        // A date already past asks for no wait; text that is neither is no instruction.
        let later = now + Duration::from_secs(1_000);
        assert_eq!(
            parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", later).map(|d| d.as_secs()),
            Some(0)
        );
        assert_eq!(secs("soon"), None);
        assert_eq!(secs("-5"), None);
    }

    #[test]
    fn the_agent_has_timeouts_and_does_not_turn_statuses_into_errors() {
        // ureq sets no timeouts by default, and by default an error status is an Err without
        // its headers: both are set here.
        let http = Http::new(Politeness::new(Duration::from_secs(6)));
        let config = http.agent.config();
        assert!(!config.http_status_as_error());
        assert_eq!(config.timeouts().connect, Some(Duration::from_secs(30)));
        assert_eq!(config.timeout_per_read(), Some(Duration::from_secs(120)));
        let mut http = http;
        http.politeness.read_timeout = Duration::from_millis(250);
        http.rebuild();
        assert_eq!(
            http.agent.config().timeout_per_read(),
            Some(Duration::from_millis(250))
        );
    }

    #[test]
    fn retried_statuses_are_429_5xx_and_403_with_retry_after_only() {
        for (status, after, want) in [
            (429, false, true),
            (500, false, true),
            (503, true, true),
            (403, true, true),
            (403, false, false),
            (401, true, false),
            (404, false, false),
            (200, false, false),
        ] {
            assert_eq!(retried_status(status, after), want, "{status} {after}");
        }
    }
}
