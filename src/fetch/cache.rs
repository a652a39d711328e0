//! The disk cache: one file per call, named by a hash of the call (URL and the headers that
//! change the answer, never the key), holding the time it was fetched, the call itself (checked
//! on reading, so a hash collision is a miss, never another call's body) and the body's length.
//!
//! An entry is written to a temporary file in the same directory and renamed into place, so a
//! crash mid-write leaves the old entry or none, never half a body. An entry that cannot be read
//! whole (wrong header, wrong length) is a miss and is fetched again.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime};

use super::error::Error;

const MAGIC: &str = "tradestat-cache 1";

/// A directory of cached bodies and the age beyond which an entry is not used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cache {
    dir: PathBuf,
    max_age: Duration,
}

/// Makes temporary names unique within the process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

impl Cache {
    /// A cache in `dir`, made if missing; entries are used for `max_age`.
    pub(crate) fn open(dir: &Path, max_age: Duration) -> Result<Cache, Error> {
        fs::create_dir_all(dir).map_err(|e| Error::Cache {
            path: dir.display().to_string(),
            message: format!("cannot make the directory: {e}"),
        })?;
        Ok(Cache {
            dir: dir.to_owned(),
            max_age,
        })
    }

    pub(crate) fn set_max_age(&mut self, max_age: Duration) {
        self.max_age = max_age;
    }

    /// The file of `key`.
    pub(crate) fn path(&self, key: &str) -> PathBuf {
        self.dir
            .join(format!("{:016x}.body", fnv1a(key.as_bytes())))
    }

    /// The body stored for `key`, if it was fetched less than the maximum age ago.
    pub(crate) fn get(&self, key: &str) -> Option<Vec<u8>> {
        self.get_at(key, SystemTime::now())
    }

    fn get_at(&self, key: &str, now: SystemTime) -> Option<Vec<u8>> {
        let bytes = fs::read(self.path(key)).ok()?;
        let (fetched, stored_key, body) = parse_entry(&bytes)?;
        if stored_key != key {
            return None;
        }
        let fetched = SystemTime::UNIX_EPOCH + Duration::from_secs(fetched);
        let age = now.duration_since(fetched).unwrap_or(Duration::ZERO);
        (age < self.max_age).then(|| body.to_vec())
    }

    /// Stores `body` for `key`, fetched now: written to a temporary file, then renamed.
    pub(crate) fn put(&self, key: &str, body: &[u8]) -> Result<(), Error> {
        let fetched = SystemTime::now()
            .duration_since(SystemTime::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let path = self.path(key);
        let temp = self.dir.join(format!(
            ".{:016x}.{}.{}.tmp",
            fnv1a(key.as_bytes()),
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed)
        ));
        let error = |what: &str, e: std::io::Error, at: &Path| Error::Cache {
            path: at.display().to_string(),
            message: format!("{what}: {e}"),
        };
        let written = (|| {
            let mut file = fs::File::create(&temp)?;
            write!(
                file,
                "{MAGIC}\nfetched {fetched}\nlength {}\nkey {}\n\n",
                body.len(),
                key.replace('\n', " ")
            )?;
            file.write_all(body)?;
            file.sync_all()
        })();
        if let Err(e) = written {
            let _ = fs::remove_file(&temp);
            return Err(error("cannot write the entry", e, &temp));
        }
        fs::rename(&temp, &path).map_err(|e| {
            let _ = fs::remove_file(&temp);
            error("cannot move the entry into place", e, &path)
        })
    }
}

/// The fetch time, key and body of an entry, if it is whole.
fn parse_entry(bytes: &[u8]) -> Option<(u64, &str, &[u8])> {
    let end = bytes.windows(2).position(|w| w == b"\n\n")?;
    let head = std::str::from_utf8(bytes.get(..end)?).ok()?;
    let body = bytes.get(end + 2..)?;
    let mut lines = head.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    let fetched = lines.next()?.strip_prefix("fetched ")?.parse().ok()?;
    let length: usize = lines.next()?.strip_prefix("length ")?.parse().ok()?;
    let key = lines.next()?.strip_prefix("key ")?;
    (body.len() == length).then_some((fetched, key, body))
}

/// FNV-1a, 64 bits: a hash that is the same on every platform and Rust version, so that a cache
/// directory stays valid across builds.
pub(crate) fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!(
            "tradestat-cache-unit-{name}-{}",
            std::process::id()
        ));
        let _ = fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn fnv1a_matches_the_published_vectors() {
        // From the FNV reference test suite: "" and "a".
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn an_entry_is_used_within_its_age_and_not_after() {
        let dir = temp_dir("age");
        let cache = Cache::open(&dir, Duration::from_secs(60)).unwrap();
        cache.put("GET http://x/a", b"{\"count\": 0}").unwrap();
        assert_eq!(cache.get("GET http://x/a").unwrap(), b"{\"count\": 0}");
        let later = SystemTime::now() + Duration::from_secs(61);
        assert_eq!(cache.get_at("GET http://x/a", later), None);
        assert_eq!(cache.get("GET http://x/b"), None);
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_cut_or_foreign_entry_is_a_miss() {
        let dir = temp_dir("cut");
        let cache = Cache::open(&dir, Duration::from_secs(60)).unwrap();
        cache.put("k", b"0123456789").unwrap();
        let path = cache.path("k");
        let whole = fs::read(&path).unwrap();
        // Cut in the middle of the body: the length line no longer matches.
        fs::write(&path, &whole[..whole.len() - 3]).unwrap();
        assert_eq!(cache.get("k"), None);
        // Another key's entry under this name (a collision): a miss.
        fs::write(
            &path,
            String::from_utf8(whole).unwrap().replace("key k", "key j"),
        )
        .unwrap();
        assert_eq!(cache.get("k"), None);
        // No temporary file is left behind by put.
        let left: Vec<_> = fs::read_dir(&dir)
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
            .collect();
        assert!(left.is_empty());
        let _ = fs::remove_dir_all(&dir);
    }
}
