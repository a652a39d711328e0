//! Reading one member of a zip archive (UN Comtrade's batch downloads, CEPII BACI), streaming:
//! the zip crate reads the archive's directory; the member's bytes are then read straight from
//! the file, inflated and checked against the directory's CRC-32 and size, so that the reader
//! owns its file (a reader of the zip crate borrows its archive).

use std::fs::File;
use std::io::{self, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use zip::{CompressionMethod, ZipArchive};

use crate::error::{Error, Result};

/// Whether a member's name is that of a data file: `.csv`, `.tsv` or `.txt`, any case; not the
/// resource forks macOS adds to the archives it makes (`__MACOSX/`, `._name.csv`).
fn is_data(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    let base = lower.rsplit('/').next().unwrap_or_default();
    !lower.starts_with("__macosx/")
        && !base.starts_with("._")
        && [".csv", ".tsv", ".txt"].iter().any(|e| base.ends_with(e))
}

/// An error about the archive at `path`.
fn invalid(kind: io::ErrorKind, path: &Path, message: impl std::fmt::Display) -> Error {
    Error::Io {
        kind,
        message: format!("{}: {message}", path.display()),
    }
}

/// The names of `archive`'s members, for messages.
fn listing<R: Read + Seek>(archive: &ZipArchive<R>, only_data: bool) -> String {
    let names: Vec<&str> = archive
        .file_names()
        .filter(|n| !only_data || is_data(n))
        .collect();
    if names.is_empty() {
        "none".into()
    } else {
        names.join(", ")
    }
}

/// Opens member `member` of the zip archive at `path` (`None`: the single data member, see
/// [`super::zip_member`]).
pub(crate) fn open(path: &Path, member: Option<&str>) -> Result<Box<dyn Read + Send>> {
    let file = File::open(path).map_err(|e| invalid(e.kind(), path, e))?;
    let mut archive = ZipArchive::new(BufReader::new(file))
        .map_err(|e| invalid(io::ErrorKind::InvalidData, path, e))?;
    let index = match member {
        Some(name) => archive.index_for_name(name).ok_or_else(|| {
            invalid(
                io::ErrorKind::NotFound,
                path,
                format!(
                    "the archive has no member {name:?}; its members: {}",
                    listing(&archive, false)
                ),
            )
        })?,
        None => {
            let data: Vec<usize> = (0..archive.len())
                .filter(|&i| archive.name_for_index(i).is_some_and(is_data))
                .collect();
            match data.as_slice() {
                [one] => *one,
                [] => {
                    return Err(invalid(
                        io::ErrorKind::InvalidInput,
                        path,
                        format!(
                            "the archive has no CSV, TSV or TXT member; its members: {}",
                            listing(&archive, false)
                        ),
                    ))
                }
                _ => {
                    return Err(invalid(
                        io::ErrorKind::InvalidInput,
                        path,
                        format!(
                            "the archive has several data members ({}): name the one to read \
                             with `tradestat::io::zip_member`",
                            listing(&archive, true)
                        ),
                    ))
                }
            }
        }
    };
    let (name, start, compressed, size, crc, method, encrypted, dir) = {
        let entry = archive
            .by_index_raw(index)
            .map_err(|e| invalid(io::ErrorKind::InvalidData, path, e))?;
        (
            entry.name().to_owned(),
            entry.data_start(),
            entry.compressed_size(),
            entry.size(),
            entry.crc32(),
            entry.compression(),
            entry.encrypted(),
            entry.is_dir(),
        )
    };
    let refuse = |what: String| {
        Err(invalid(
            io::ErrorKind::Unsupported,
            path,
            format!("member {name:?}: {what}"),
        ))
    };
    if dir {
        return refuse("a directory, not a file".into());
    }
    if encrypted {
        return refuse("encrypted: decrypt the archive first".into());
    }
    let Some(start) = start else {
        return Err(invalid(
            io::ErrorKind::InvalidData,
            path,
            format!("member {name:?}: its data could not be found"),
        ));
    };
    let mut file = archive.into_inner().into_inner();
    file.seek(SeekFrom::Start(start))
        .map_err(|e| invalid(e.kind(), path, e))?;
    let raw = BufReader::with_capacity(1 << 20, file.take(compressed));
    let inner: Box<dyn Read + Send> = match method {
        CompressionMethod::Stored => Box::new(raw),
        CompressionMethod::Deflated => Box::new(flate2::read::DeflateDecoder::new(raw)),
        other => {
            return refuse(format!(
                "compressed with {other}: only stored and deflated members are read"
            ))
        }
    };
    Ok(Box::new(Checked {
        inner,
        crc: flate2::Crc::new(),
        read: 0,
        expected: (crc, size),
        name: format!("{}: member {name:?}", path.display()),
    }))
}

/// A member's bytes, checked at their end against the directory's CRC-32 and size: a damaged
/// archive is an error, not a file cut short.
struct Checked {
    inner: Box<dyn Read + Send>,
    crc: flate2::Crc,
    read: u64,
    expected: (u32, u64),
    name: String,
}

impl Read for Checked {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let data = buf.get(..n).unwrap_or_default();
        self.crc.update(data);
        self.read += n as u64;
        if (n == 0 && !buf.is_empty() && (self.crc.sum(), self.read) != self.expected)
            || self.read > self.expected.1
        {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!(
                    "{}: the data does not match the archive's CRC-32 and size ({} bytes read, \
                     {} expected): the archive is damaged",
                    self.name, self.read, self.expected.1
                ),
            ));
        }
        Ok(n)
    }
}

/// Reads a zip archive from a stream, member by member (see [`super::with_zip_stream`]).
pub(crate) fn with_stream<R: Read, T>(
    mut input: R,
    member: Option<&str>,
    read: impl FnOnce(&mut dyn Read) -> Result<T>,
) -> Result<T> {
    let zip_error = |e: zip::result::ZipError| Error::Io {
        kind: io::ErrorKind::InvalidData,
        message: format!("a zip archive read as a stream: {e}"),
    };
    let mut read = Some(read);
    let mut names: Vec<String> = Vec::new();
    let mut found: Option<(String, T)> = None;
    while let Some(mut entry) =
        zip::read::read_zipfile_from_stream(&mut input).map_err(zip_error)?
    {
        let name = entry.name().to_owned();
        let wanted = member.map_or_else(|| is_data(&name), |m| m == name);
        if wanted {
            if let Some((first, _)) = &found {
                return Err(Error::Io {
                    kind: io::ErrorKind::InvalidInput,
                    message: format!(
                        "a zip archive read as a stream has several data members ({first}, \
                         {name}, ...): name the one to read"
                    ),
                });
            }
            if let Some(read) = read.take() {
                let value = read(&mut entry)?;
                if member.is_some() {
                    return Ok(value);
                }
                found = Some((name.clone(), value));
            }
        }
        names.push(name);
    }
    match found {
        Some((_, value)) => Ok(value),
        None => Err(Error::Io {
            kind: io::ErrorKind::NotFound,
            message: format!(
                "a zip archive read as a stream has no {}; its members: {}",
                member.map_or_else(
                    || "CSV, TSV or TXT member".to_owned(),
                    |m| format!("member {m:?}")
                ),
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            ),
        }),
    }
}
