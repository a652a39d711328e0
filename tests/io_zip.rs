//! Zip archives (Comtrade batch downloads, BACI): a reader's `open` reads the single data member,
//! `io::zip_member` the one named; several data members without a choice, a missing member and a
//! damaged member are errors. The archives are written here with the zip crate.

#![cfg(feature = "zip")]
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::io::{Read, Write};
use std::path::PathBuf;

use tradestat::io::comtrade::ComtradeReader;
use tradestat::io::dyadic::DyadicReader;
use tradestat::io::{self, Mode};
use tradestat::{Error, TradeRecord};
use zip::write::SimpleFileOptions;
use zip::CompressionMethod;

/// A zip archive at a path of its own, with the members given (name, bytes, compression).
fn archive(file: &str, members: &[(&str, &[u8], CompressionMethod)]) -> PathBuf {
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(file);
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
    for &(name, bytes, method) in members {
        let options = SimpleFileOptions::default().compression_method(method);
        writer.start_file(name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap();
    path
}

fn comtrade_sample() -> Vec<u8> {
    std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/comtrade_sample.csv"
    ))
    .unwrap()
}

/// The records of the Comtrade sample read from its bytes.
fn expected() -> Vec<TradeRecord> {
    let records: Vec<TradeRecord> = ComtradeReader::new()
        .records(&comtrade_sample()[..])
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(records.len() > 100);
    records
}

#[test]
fn the_single_data_member_is_read_deflated_or_stored() {
    let sample = comtrade_sample();
    for (file, method) in [
        ("deflated.zip", CompressionMethod::Deflated),
        ("stored.zip", CompressionMethod::Stored),
    ] {
        // A directory and a non-data member beside the CSV do not count.
        let path = archive(
            file,
            &[
                ("docs/README.pdf", b"%PDF-1.4", method),
                ("data/comtrade_sample.CSV", &sample, method),
                // What macOS's Compress adds: resource forks, not data.
                (
                    "__MACOSX/data/._comtrade_sample.CSV",
                    b"\0\x05\x16\x07",
                    method,
                ),
                ("data/._comtrade_sample.CSV", b"\0\x05\x16\x07", method),
            ],
        );
        let got: Vec<TradeRecord> = ComtradeReader::new()
            .open(&path)
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(got, expected(), "{file}");
        // The parallel reader too.
        let (counts, report) = ComtradeReader::new()
            .threads(2)
            .fold_path(&path, || 0usize, |n, _| *n += 1)
            .unwrap();
        assert_eq!(counts.iter().sum::<usize>(), expected().len());
        assert_eq!(report.rejected(), 0);
    }
}

#[test]
fn several_data_members_need_a_name() {
    let baci = std::fs::read(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/baci_sample.csv"
    ))
    .unwrap();
    let path = archive(
        "several.zip",
        &[
            ("BACI_HS17_Y2020.csv", &baci, CompressionMethod::Deflated),
            (
                "comtrade.csv",
                &comtrade_sample(),
                CompressionMethod::Deflated,
            ),
            ("country_codes.txt", b"code", CompressionMethod::Stored),
        ],
    );
    let Err(e) = ComtradeReader::new().open(&path) else {
        panic!("several data members read without a choice");
    };
    assert!(
        e.to_string().ends_with(
            "the archive has several data members (BACI_HS17_Y2020.csv, comtrade.csv, \
             country_codes.txt): name the one to read with `tradestat::io::zip_member`"
        ),
        "{e}"
    );
    // Named, each member reads as its own file.
    let got: Vec<TradeRecord> = ComtradeReader::new()
        .records(io::zip_member(&path, "comtrade.csv").unwrap())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(got, expected());
    let from_zip: Vec<TradeRecord> = DyadicReader::baci()
        .records(io::zip_member(&path, "BACI_HS17_Y2020.csv").unwrap())
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let from_csv: Vec<TradeRecord> = DyadicReader::baci()
        .records(&baci[..])
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!from_csv.is_empty());
    assert_eq!(from_zip, from_csv);
    // A name the archive lacks: its members are listed.
    let Err(e) = io::zip_member(&path, "BACI_HS92.csv") else {
        panic!("a missing member opened");
    };
    assert!(
        e.to_string().ends_with(
            "the archive has no member \"BACI_HS92.csv\"; its members: BACI_HS17_Y2020.csv, \
             comtrade.csv, country_codes.txt"
        ),
        "{e}"
    );
}

#[test]
fn an_archive_without_data_members_or_not_an_archive_is_an_error() {
    let path = archive(
        "nodata.zip",
        &[("README.pdf", b"%PDF", CompressionMethod::Stored)],
    );
    let Err(e) = ComtradeReader::new().open(&path) else {
        panic!("read without a data member");
    };
    assert!(
        e.to_string()
            .ends_with("the archive has no CSV, TSV or TXT member; its members: README.pdf"),
        "{e}"
    );
    let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("not_a.zip");
    std::fs::write(&path, comtrade_sample()).unwrap();
    assert!(matches!(
        ComtradeReader::new().open(&path),
        Err(Error::Io {
            kind: std::io::ErrorKind::InvalidData,
            ..
        })
    ));
}

#[test]
fn a_damaged_member_is_an_error_not_a_short_file() {
    let text =
        b"period,reporterCode,partnerCode,flowCode,cmdCode,primaryValue\n2016,398,792,X,TOTAL,1\n";
    let path = archive(
        "damaged.zip",
        &[("data.csv", text, CompressionMethod::Stored)],
    );
    // The stored bytes: change the value 1 to 7 in place (the CRC-32 no longer matches).
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes
        .windows(6)
        .position(|w| w == b"TOTAL,")
        .expect("the stored member");
    bytes[at + 6] = b'7';
    std::fs::write(&path, &bytes).unwrap();
    let mut read = String::new();
    let e = io::zip_member(&path, "data.csv")
        .unwrap()
        .read_to_string(&mut read)
        .unwrap_err();
    assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
    assert!(e.to_string().contains("the archive is damaged"), "{e}");
    // Read by a reader, in either mode, the damage stops the read with an error.
    for mode in [Mode::Strict, Mode::Lenient] {
        let results: Vec<_> = ComtradeReader::new()
            .mode(mode)
            .open(&path)
            .map_or_else(|e| vec![Err(e)], |records| records.collect::<Vec<_>>());
        assert!(results.iter().any(Result::is_err), "{mode:?}");
    }
}

/// The bytes of a zip archive with the members given, deflated.
fn zip_bytes(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for &(name, bytes) in members {
        writer
            .start_file(name, SimpleFileOptions::default())
            .unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

fn collect(member: &mut dyn Read) -> tradestat::Result<Vec<TradeRecord>> {
    ComtradeReader::new().records(member)?.collect()
}

#[test]
fn a_zip_read_from_a_stream() {
    let sample = comtrade_sample();
    // A byte slice cannot seek: the members are read from their local headers.
    let one = zip_bytes(&[("README.pdf", b"%PDF"), ("comtrade.csv", &sample)]);
    assert_eq!(
        io::with_zip_stream(&one[..], None, collect).unwrap(),
        expected()
    );
    assert_eq!(
        io::with_zip_stream(&one[..], Some("comtrade.csv"), collect).unwrap(),
        expected()
    );
    let e = io::with_zip_stream(&one[..], Some("other.csv"), collect).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "a zip archive read as a stream has no member \"other.csv\"; its members: \
             README.pdf, comtrade.csv"
        ),
        "{e}"
    );
    let two = zip_bytes(&[("a.csv", &sample), ("b.txt", b"x")]);
    let e = io::with_zip_stream(&two[..], None, collect).unwrap_err();
    assert!(
        e.to_string().ends_with(
            "a zip archive read as a stream has several data members (a.csv, b.txt, ...): \
             name the one to read"
        ),
        "{e}"
    );
    assert_eq!(
        io::with_zip_stream(&two[..], Some("a.csv"), collect).unwrap(),
        expected()
    );
    let e = io::with_zip_stream(&sample[..], None, collect).unwrap_err();
    assert!(matches!(
        e,
        Error::Io {
            kind: std::io::ErrorKind::InvalidData,
            ..
        }
    ));
}
