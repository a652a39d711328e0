#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! The `tradestat` binary, run as a user runs it: every command on the crate's data files
//! (`tests/data`) and the shared data (`/work/shared/data`, skipped where absent), text outputs
//! against snapshot files in `tests/snapshots` (compared exactly; `UPDATE_SNAPSHOTS=1` rewrites
//! them), JSON parsed back, and the error paths with their exit codes.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use assert_cmd::cargo::cargo_bin;
use assert_cmd::Command as Cmd;
use predicates::prelude::*;

/// The core crate's root (the workspace root), where `tests/data` is.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn data(name: &str) -> String {
    root().join("tests/data").join(name).display().to_string()
}

/// A file of the shared data, or `None` (and a note) where it is not on this machine.
fn shared(name: &str) -> Option<String> {
    let path = root().join("../shared/data").join(name);
    let path = if path.exists() {
        path
    } else {
        PathBuf::from("/work/shared/data").join(name)
    };
    if path.exists() {
        Some(path.display().to_string())
    } else {
        eprintln!("skipped: shared data file {name} is not here");
        None
    }
}

fn tradestat() -> Cmd {
    let mut cmd = Cmd::cargo_bin("tradestat").unwrap();
    cmd.current_dir(root());
    cmd
}

fn stdout_of(args: &[&str]) -> String {
    let out = tradestat().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_no_panic(&out.stderr);
    String::from_utf8(out.stdout).unwrap()
}

fn assert_no_panic(stderr: &[u8]) {
    let text = String::from_utf8_lossy(stderr);
    assert!(!text.contains("panicked"), "{text}");
    assert!(!text.contains("RUST_BACKTRACE"), "{text}");
}

/// Compares `actual` with the snapshot file exactly.
fn snapshot(name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/snapshots")
        .join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_SNAPSHOTS=1 writes it)", path.display()));
    assert_eq!(actual, expected, "snapshot {name} differs");
}

fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tradestat-cli-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

const SEED: [&str; 7] = [
    "target",
    "--base",
    "2022=6.3bn",
    "--goal",
    "10bn",
    "--by",
    "2030",
];

#[test]
fn target_answers_the_seed_question_exactly() {
    // Worked by hand (Python decimal, 60 digits, as a check):
    // required rate = (10 / 6.3)^(1/8) - 1 = 0.059454796044241735829043856286507...,
    //   28 significant digits half to even: 0.0594547960442417358290438563;
    // years to reach at 33% = ln(10 / 6.3) / ln(1.33) = 1.620159805551099408752977977836...,
    //   to 28 decimals: 1.6201598055510994087529779778;
    // path: 6.3e9 · 1.33 = 8 379 000 000 (2023), · 1.33 = 11 144 070 000 (2024, the first
    //   at or above 10e9), · 1.33 = 14 821 613 100 (2025).
    let mut args = SEED.to_vec();
    args.extend(["--growth", "33%", "--format", "csv"]);
    let csv = stdout_of(&args);
    for line in [
        "quantity,period,value",
        "base,2022,6300000000",
        "goal,2030,10000000000",
        "currency,,USD",
        "periods,,8",
        "required_rate,,0.0594547960442417358290438563",
        "growth,,0.33",
        "periods_to_reach,,1.6201598055510994087529779778",
        "reached_in,2024,",
        "path,2023,8379000000",
        "path,2024,11144070000",
        "path,2025,14821613100",
    ] {
        assert!(csv.lines().any(|l| l == line), "{line} not in\n{csv}");
    }
}

#[test]
fn target_table_snapshot() {
    let mut args = SEED.to_vec();
    args.extend(["--growth", "33%", "--format", "table"]);
    snapshot("target_seed.txt", &stdout_of(&args));
}

#[test]
fn target_falling_goal_mirror() {
    // A falling goal: 10 down to 6.3 by 2030; the rate is the mirror one:
    // (6.3 / 10)^(1/8) - 1 = -0.0561183...; at -33% a year: 10 · 0.67 = 6.7, · 0.67 = 4.489,
    // so 2024 is the first year at or below 6.3.
    let csv = stdout_of(&[
        "target",
        "--base",
        "2022=10bn",
        "--goal",
        "6.3bn",
        "--by",
        "2030",
        "--growth",
        "-33%",
        "--format",
        "csv",
    ]);
    assert!(csv.contains("required_rate,,-0.05611"), "{csv}");
    assert!(csv.contains("reached_in,2024,"), "{csv}");
    assert!(csv.contains("path,2024,4489000000"), "{csv}");
}

#[test]
fn target_json_parses_back_with_exact_strings() {
    let mut args = SEED.to_vec();
    args.extend(["--growth", "33%", "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
    assert_eq!(v["required_rate"], "0.0594547960442417358290438563");
    assert_eq!(v["growth"]["reached_in"], "2024");
    assert_eq!(v["growth"]["path"][1]["value"], "8379000000");
    assert_eq!(v["base"]["value"], "6300000000");
}

#[test]
fn target_against_the_published_figures() {
    let Some(published) = shared("kaz_tur_published.csv") else {
        return;
    };
    let mut args = SEED.to_vec();
    args.extend([
        "--observed",
        &published,
        "--observed-columns",
        "year,value_usd",
        "--where",
        "metric=turnover",
        "--where",
        "data_side^=KZ",
        "--format",
        "json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
    let a = &v["assessment"];
    assert!(
        ["ahead", "on_track", "slipping_back", "behind"].contains(&a["status"].as_str().unwrap()),
        "{a}"
    );
    // gap = projected - goal, exactly.
    let projected: f64 = a["projected"].as_str().unwrap().parse().unwrap();
    let gap: f64 = a["gap"].as_str().unwrap().parse().unwrap();
    assert!((projected - 1e10 - gap).abs() < 1.0);
}

#[test]
fn target_chart_writes_svg() {
    let dir = temp_dir("target-chart");
    let svg = dir.join("target.svg");
    let mut args = SEED.to_vec();
    args.extend(["--chart", svg.to_str().unwrap(), "--format", "csv"]);
    stdout_of(&args);
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// The library's summary (the three calls the comtrade_summary example makes) of `path`.
fn example_summary(path: &str) -> (String, String) {
    use tradestat::io::summary::Summary;
    let summary = Summary::read_comtrade(path, tradestat::io::Mode::Strict).unwrap();
    let mut out = Vec::new();
    summary.write_csv(&mut out).unwrap();
    (String::from_utf8(out).unwrap(), summary.messages())
}

#[test]
fn summary_is_the_examples_table_byte_for_byte() {
    // tests/data/comtrade_sample_summary.csv is the example's output, checked in the core
    // crate against an independent Python computation (tools/summary_reference.py).
    let sample = data("comtrade_sample.csv");
    let out = tradestat().args(["summary", &sample]).output().unwrap();
    assert!(out.status.success());
    let expected = std::fs::read_to_string(data("comtrade_sample_summary.csv")).unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), expected);
    let stderr = std::fs::read_to_string(data("comtrade_sample_summary.stderr")).unwrap();
    assert_eq!(String::from_utf8(out.stderr).unwrap(), stderr);
}

#[test]
fn summary_equals_the_example_on_a_generated_file() {
    let dir = temp_dir("generated");
    let file = dir.join("gen.csv");
    let generated = Command::new("python3")
        .arg(root().join("tools/gen_comtrade.py"))
        .arg(&file)
        .args(["--rows-scale", "0.05", "--edge-cases", "--seed", "7"])
        .output();
    match generated {
        Ok(o) if o.status.success() => {}
        _ => {
            eprintln!("skipped: python3 cannot run tools/gen_comtrade.py here");
            return;
        }
    }
    let path = file.to_str().unwrap();
    let (csv, messages) = example_summary(path);
    assert!(csv.lines().count() > 20, "{csv}");
    let out = tradestat().args(["summary", path]).output().unwrap();
    assert_eq!(String::from_utf8(out.stdout).unwrap(), csv);
    assert_eq!(String::from_utf8(out.stderr).unwrap(), messages);
    // The same through standard input, gzip-free, in a pipeline.
    let piped = tradestat()
        .args(["summary", "-", "--format", "csv", "--quiet"])
        .pipe_stdin(&file)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), csv);
    assert!(piped.stderr.is_empty());
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn summary_table_with_pair_and_years() {
    let text = stdout_of(&[
        "summary",
        &data("comtrade_sample.csv"),
        "--pair",
        "USA",
        "World",
        "--years",
        "2016-2018",
        "--format",
        "table",
        "--quiet",
    ]);
    snapshot("summary_usa_world.txt", &text);
    // The filter keeps each row's growth as computed on the whole file: 2016 has none.
    assert_eq!(text.lines().count(), 4);
}

#[test]
fn summary_json_parses_back_and_matches_csv() {
    let file = data("comtrade_sample.csv");
    let json = stdout_of(&["summary", &file, "--format", "json", "-q"]);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&json).unwrap();
    let csv = stdout_of(&["summary", &file, "--format", "csv", "-q"]);
    assert_eq!(rows.len(), csv.lines().count() - 1);
    let first = csv.lines().nth(1).unwrap();
    let fields: Vec<&str> = first.split(',').collect();
    assert_eq!(rows[0]["reporter"], fields[0]);
    assert_eq!(rows[0]["exports"], fields[3]);
    assert_eq!(rows[0]["turnover"], fields[5]);
}

#[test]
fn summary_through_bilateral_perspectives() {
    // comtrade_legacy22: Kazakhstan's 2015 report of its trade with Türkiye (exports
    // 1 937 256 000, imports 1 418 765 432, turnover 3 356 021 432, balance 518 490 568);
    // Türkiye reported nothing, so the partner perspective has no figure: exit 1.
    let file = data("comtrade_legacy22.csv");
    let csv = stdout_of(&["summary", &file, "--perspective", "reporter", "-q"]);
    assert!(
        csv.contains("KAZ,TUR,2015,1937256000,1418765432,3356021432,518490568,"),
        "{csv}"
    );
    tradestat()
        .args(["summary", &file, "--perspective", "partner", "-q"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no data"));

    // Both sides report 2021, every figure valued FOB: KAZ exports 10 to TUR and imports 5;
    // TUR exports 6 to KAZ and imports 9. A mirror import is the partner's export (FOB) times
    // the library's CIF/FOB factor 1.06. By hand, for the pair (KAZ, TUR):
    //   reporter: exports 10, imports 5, turnover 15, balance 5;
    //   partner: exports 9 (TUR's imports), imports 6 · 1.06 = 6.36, turnover 15.36,
    //     balance 2.64;
    //   mean: exports (10 + 9) / 2 = 9.5, imports (5 + 6.36) / 2 = 5.680, turnover 15.180,
    //     balance 3.820;
    //   larger: exports 10, imports 6.36, turnover 16.36, balance 3.64;
    // and the mirror pair (TUR, KAZ): reporter 6, 9; partner 5 and 10 · 1.06 = 10.60; mean
    // 5.5 and (9 + 10.6) / 2 = 9.80; larger 6 and 10.60.
    let dir = temp_dir("perspectives");
    let tidy = dir.join("both.csv");
    std::fs::write(
        &tidy,
        "reporter,partner,period,flow,value,currency,valuation\n\
         KAZ,TUR,2021,X,10,USD,FOB\nKAZ,TUR,2021,M,5,USD,FOB\n\
         TUR,KAZ,2021,X,6,USD,FOB\nTUR,KAZ,2021,M,9,USD,FOB\n",
    )
    .unwrap();
    let path = tidy.to_str().unwrap();
    for (perspective, kaz_tur, tur_kaz) in [
        (
            "reporter",
            "KAZ,TUR,2021,10,5,15,5,",
            "TUR,KAZ,2021,6,9,15,-3,",
        ),
        (
            "partner",
            "KAZ,TUR,2021,9,6.36,15.36,2.64,",
            "TUR,KAZ,2021,5,10.60,15.60,-5.60,",
        ),
        (
            "mean",
            "KAZ,TUR,2021,9.5,5.680,15.180,3.820,",
            "TUR,KAZ,2021,5.5,9.80,15.30,-4.30,",
        ),
        (
            "larger",
            "KAZ,TUR,2021,10,6.36,16.36,3.64,",
            "TUR,KAZ,2021,6,10.60,16.60,-4.60,",
        ),
    ] {
        let csv = stdout_of(&["summary", path, "--perspective", perspective, "-q"]);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[1..], [kaz_tur, tur_kaz], "{perspective}");
    }
    // Without --perspective: the reporter's own figures, as the example reads them; the same
    // from standard input (a tidy file, sniffed from the bytes read once).
    let csv = stdout_of(&["summary", path, "-q"]);
    assert!(csv.contains("KAZ,TUR,2021,10,5,15,5,"), "{csv}");
    let piped = tradestat()
        .args(["summary", "-", "-q"])
        .pipe_stdin(&tidy)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), csv);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn profile_text_and_json() {
    let Some(yotov) =
        shared("yotov_agtpa_trade.csv").or_else(|| Some(data("yotov_agtpa_trade.csv")))
    else {
        return;
    };
    let args = [
        "profile",
        "DEU",
        "FRA",
        "--data",
        &yotov,
        "--from",
        "dyadic",
        "--dyadic",
        "exporter,importer,year,trade",
        "--unit",
        "million",
        "--period",
        "2006",
    ];
    let mut table = args.to_vec();
    table.extend(["--format", "table"]);
    snapshot("profile_deu_fra_2006.txt", &stdout_of(&table));
    let mut json = args.to_vec();
    json.extend(["--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&stdout_of(&json)).unwrap();
    assert_eq!(v["period"], "2006");
    // CSV: both sides' yearly rows, exact and in US dollars (the file's millions times 10^6);
    // 2006 as the table shows it in millions to two decimals (89,293.59 and 66,177.45).
    let mut csv = args.to_vec();
    csv.extend(["--format", "csv"]);
    let csv = stdout_of(&csv);
    let row = csv
        .lines()
        .find(|l| l.starts_with("DEU,FRA,2006,"))
        .unwrap();
    assert!(
        row.starts_with("DEU,FRA,2006,89293586574.21875,66177452392.57812,"),
        "{row}"
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("FRA,DEU,2006,66177452392.57812,89293586574.21875,")),
        "{csv}"
    );
}

#[test]
fn indicators_rca_as_the_specialisation_example() {
    // The specialisation example's table for KAZ (SITC rev. 2, 2000): 3221 first with RCA
    // 48.22 (to two decimals), 2873 second with 33.01, exports 36 958 628 and 114 439 199.
    let file = shared("world_exports_sitc_1998_2000.csv")
        .unwrap_or_else(|| data("world_exports_sitc_1998_2000.csv"));
    let args = [
        "indicators",
        "rca",
        "KAZ",
        "--top",
        "10",
        "--data",
        &file,
        "--from",
        "long",
        "--long",
        "value=value,reporter=country,partner:World,period:2000,sitc=product,flow:X",
    ];
    let mut table = args.to_vec();
    table.extend(["--format", "table"]);
    let text = stdout_of(&table);
    snapshot("indicators_rca_kaz.txt", &text);
    let mut csv = args.to_vec();
    csv.extend(["--format", "csv"]);
    let csv = stdout_of(&csv);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 11);
    assert!(lines[1].starts_with("KAZ,3221,36958628,48.2"), "{csv}");
    assert!(lines[2].starts_with("KAZ,2873,114439199,33.0"), "{csv}");
}

#[test]
fn indicators_tables_run_on_the_gravity_data() {
    let file = data("yotov_agtpa_trade.csv");
    let base = [
        "--data",
        &file,
        "--from",
        "dyadic",
        "--dyadic",
        "exporter,importer,year,trade",
        "--unit",
        "million",
        "--period",
        "2006",
        "--format",
        "json",
    ];
    for kind in [vec!["shares", "DEU"], vec!["intensity", "DEU"], vec!["hhi"]] {
        let mut args = vec!["indicators"];
        args.extend(kind.iter().copied());
        args.extend(base);
        let v: serde_json::Value = serde_json::from_str(&stdout_of(&args)).unwrap();
        let rows = v.as_array().unwrap();
        assert!(!rows.is_empty(), "{kind:?}");
    }
}

fn bad_file(dir: &Path) -> PathBuf {
    // Line 4 has "oops" in primaryValue.
    let path = dir.join("bad.csv");
    std::fs::write(
        &path,
        "typeCode,freqCode,refPeriodId,refYear,refMonth,period,reporterCode,flowCode,\
         partnerCode,partner2Code,cmdCode,customsCode,mosCode,motCode,primaryValue\n\
         C,A,20210101,2021,52,2021,398,X,792,0,TOTAL,C00,0,0,10\n\
         C,A,20210101,2021,52,2021,398,M,792,0,TOTAL,C00,0,0,5\n\
         C,A,20220101,2022,52,2022,398,X,792,0,TOTAL,C00,0,0,oops\n\
         C,A,20220101,2022,52,2022,398,M,792,0,TOTAL,C00,0,0,3\n",
    )
    .unwrap();
    path
}

#[test]
fn check_exits_1_with_line_and_column_when_rows_are_rejected() {
    let dir = temp_dir("check");
    let bad = bad_file(&dir);
    let out = tradestat()
        .args(["check", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_no_panic(&out.stderr);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains(&format!(
            "{}:4: column \"primaryValue\": cannot read \"oops\"",
            bad.display()
        )),
        "{text}"
    );
    assert!(text.contains("rejected               1"), "{text}");
    // The same file read strictly by summary: exit 1, one line naming file, line and column.
    let strict = tradestat()
        .args(["summary", bad.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(strict.status.code(), Some(1));
    let message = String::from_utf8(strict.stderr).unwrap();
    assert_eq!(message.lines().count(), 1, "{message}");
    assert!(
        message.starts_with(&format!(
            "tradestat: {}:4: column \"primaryValue\": cannot read \"oops\"",
            bad.display()
        )),
        "{message}"
    );
    // Lenient: the rest is read, exit 0.
    tradestat()
        .args(["summary", bad.to_str().unwrap(), "--lenient", "-q"])
        .assert()
        .success()
        .stdout(predicate::str::contains("KAZ,TUR,2021,10,5,15,5,"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn check_of_a_clean_file_exits_0() {
    let text = stdout_of(&["check", &data("comtrade_legacy22.csv")]);
    snapshot(
        "check_legacy22.txt",
        &text.replace(&data(""), "tests/data/"),
    );
}

#[test]
fn usage_errors_exit_2_and_io_errors_exit_3() {
    tradestat()
        .arg("--no-such-flag")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unexpected argument"));
    tradestat()
        .args(["target", "--base", "2022", "--goal", "10bn", "--by", "2030"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("PERIOD=AMOUNT"));
    tradestat()
        .args(["summary", "/no/such/file.csv"])
        .assert()
        .code(3)
        .stderr(predicate::str::starts_with("tradestat: /no/such/file.csv"));
    tradestat()
        .args([
            "convert",
            &data("comtrade_legacy22.csv"),
            "--to",
            "parquet",
            "x.parquet",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("tradestat-datafusion"));
    tradestat()
        .args(["fetch", "comtrade"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--years"));
}

#[test]
fn unit_and_currency_flags_are_refused_where_the_file_states_them() {
    // A Comtrade file gives US dollars in units: `--unit million` would be ignored, so it is
    // refused (exit 2), on the summary's own path and on the generic one alike.
    for command in ["summary", "check"] {
        tradestat()
            .args([command, &data("comtrade_legacy22.csv"), "--unit", "million"])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "--unit does not apply to comtrade input",
            ));
        tradestat()
            .args([
                command,
                &data("comtrade_legacy22.csv"),
                "--in-currency",
                "EUR",
            ])
            .assert()
            .code(2)
            .stderr(predicate::str::contains(
                "--in-currency does not apply to comtrade input",
            ));
    }
}

#[test]
fn a_closed_stdout_pipe_ends_quietly_with_0() {
    // The tidy conversion of the gravity data is 3 MB: far more than a pipe holds.
    let mut child = Command::new(cargo_bin("tradestat"))
        .current_dir(root())
        .args([
            "convert",
            &data("yotov_agtpa_trade.csv"),
            "--to",
            "tidy",
            "--from",
            "dyadic",
            "--dyadic",
            "exporter,importer,year,trade",
            "--unit",
            "million",
            "-q",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 100];
    stdout.read_exact(&mut first).unwrap();
    drop(stdout); // as `| head -c 100` does
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(0), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert!(first.starts_with(b"reporter,partner,period,flow"));
}

#[test]
fn convert_round_trips_through_tidy_and_json() {
    let dir = temp_dir("convert");
    let tidy = dir.join("out.csv");
    let json = dir.join("out.json");
    let source = data("comtrade_legacy22.csv");
    tradestat()
        .args([
            "convert",
            &source,
            "--to",
            "tidy",
            tidy.to_str().unwrap(),
            "-q",
        ])
        .assert()
        .success();
    tradestat()
        .args([
            "convert",
            tidy.to_str().unwrap(),
            "--to",
            "json",
            json.to_str().unwrap(),
            "-q",
        ])
        .assert()
        .success();
    let records: Vec<serde_json::Value> =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    // Six rows, every one read: M and X totals, RX, RM and two product rows.
    assert_eq!(records.len(), 6);
    assert_eq!(records[0]["value"]["amount"], "1418765432");
    // The JSON records are sniffed by their `[` and written back as the same tidy file.
    let back = dir.join("back.csv");
    tradestat()
        .args([
            "convert",
            json.to_str().unwrap(),
            "--to",
            "tidy",
            back.to_str().unwrap(),
            "-q",
        ])
        .assert()
        .success();
    assert_eq!(
        std::fs::read_to_string(&back).unwrap(),
        std::fs::read_to_string(&tidy).unwrap()
    );
    // The tidy file is sniffed; its summary is the original's.
    let a = stdout_of(&["summary", &source, "-q", "--format", "csv"]);
    let b = stdout_of(&["summary", tidy.to_str().unwrap(), "-q", "--format", "csv"]);
    assert_eq!(a, b);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn charts_are_svg() {
    let dir = temp_dir("charts");
    let file = data("comtrade_legacy22.csv");
    for kind in ["bilateral", "lines"] {
        let svg = dir.join(format!("{kind}.svg"));
        tradestat()
            .args([
                "chart",
                kind,
                "KAZ",
                "TUR",
                "--data",
                &file,
                "--out",
                svg.to_str().unwrap(),
            ])
            .assert()
            .success();
        assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    }
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn help_has_an_example_on_every_command_and_completions_work() {
    for command in [
        "target",
        "summary",
        "profile",
        "indicators",
        "check",
        "convert",
        "chart",
        "completions",
        "fetch",
    ] {
        tradestat()
            .args([command, "--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Example"));
    }
    tradestat()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicate::str::contains("Exit status"));
    tradestat()
        .args(["completions", "bash"])
        .assert()
        .success()
        .stdout(predicate::str::contains("_tradestat"));
}

#[test]
fn the_readme_transcript_is_the_commands_output() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let mut args = SEED.to_vec();
    args.extend(["--growth", "33%", "--format", "table"]);
    let output = stdout_of(&args);
    assert!(
        readme.contains(&format!(
            "$ tradestat target --base 2022=6.3bn --goal 10bn --by 2030 --growth 33%\n{output}"
        )),
        "README's transcript differs from:\n{output}"
    );
}

#[test]
fn every_format_is_sniffed_or_named() {
    // (file, extra flags, records expected): each read by the reader its header calls for,
    // converted to JSON records and parsed back.
    let cases: [(&str, &[&str], usize); 8] = [
        ("comtrade_legacy22.csv", &[], 6),
        ("comtrade_legacy35.csv", &[], 3),
        ("comtrade_bulk_plus.txt", &[], 5),
        ("sdmx_v2_semicolon.csv", &[], 2),
        ("sdmx_v2_labels_both.csv", &[], 2),
        ("comext_ds045409.csv", &[], 4),
        (
            "comext_quantity.csv",
            &["--select", "indicators=VALUE_IN_EUROS"],
            1,
        ),
        ("baci_sample.csv", &[], 12),
    ];
    for (file, flags, expected) in cases {
        let mut args = vec!["convert", file, "--to", "json", "-q"];
        args.extend(flags.iter().copied());
        let out = tradestat()
            .current_dir(root().join("tests/data"))
            .args(&args)
            .output()
            .unwrap();
        assert_no_panic(&out.stderr);
        assert!(
            out.status.success(),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let records: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(records.len(), expected, "{file}");
    }
    // A header no reader knows: exit 1, asking for --from.
    tradestat()
        .args(["convert", &data("kaz_tur_published.csv"), "--to", "json"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("give --from"));
}

#[test]
fn gzip_by_extension_and_standard_input() {
    let dir = temp_dir("gzip");
    let plain = dir.join("sample.csv");
    std::fs::copy(data("comtrade_sample.csv"), &plain).unwrap();
    let expected = std::fs::read_to_string(data("comtrade_sample_summary.csv")).unwrap();
    // Standard input.
    let piped = tradestat()
        .args(["summary", "-", "-q"])
        .pipe_stdin(&plain)
        .unwrap()
        .output()
        .unwrap();
    assert_eq!(String::from_utf8(piped.stdout).unwrap(), expected);
    let zipped = Command::new("gzip").arg("-k").arg(&plain).status();
    if !zipped.is_ok_and(|s| s.success()) {
        eprintln!("skipped: no gzip here");
        return;
    }
    let gz = dir.join("sample.csv.gz");
    let out = stdout_of(&["summary", gz.to_str().unwrap(), "-q"]);
    assert_eq!(out, expected);
    // Compressed bytes on standard input are named as such, not read as garbage.
    tradestat()
        .args(["summary", "-"])
        .pipe_stdin(&gz)
        .unwrap()
        .assert()
        .code(1)
        .stderr(predicate::str::contains("gzip-compressed"));
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn grubel_lloyd_takes_the_product_sums_check_reports() {
    // `check` lists CHN's 2018 totals with the USA against the sums of their HS codes:
    // exports 5,833,897.957 and imports 2,962,840.629 over the product rows. Grubel-Lloyd
    // over products uses the same product figures.
    let file = data("comtrade_sample.csv");
    let check = stdout_of(&["check", &file, "--first", "1000"]);
    assert!(check.contains("CHN USA 2018 X TOTAL: reported 97,289.97, its HS codes 5,833,897.957"));
    assert!(check.contains("its HS codes 2,962,840.629"));
    let csv = stdout_of(&[
        "indicators",
        "gl",
        "CHN",
        "USA",
        "--data",
        &file,
        "--period",
        "2018",
        "--format",
        "csv",
    ]);
    let row: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    assert_eq!(row[..3], ["CHN", "USA", "2018"]);
    assert_eq!(row[4..], ["5833897.957", "2962840.629", "4"]);
    let gl: f64 = row[3].parse().unwrap();
    assert!((0.0..=1.0).contains(&gl));
}

#[test]
fn asymmetry_chart_of_a_two_sided_pair() {
    let dir = temp_dir("asymmetry");
    let tidy = dir.join("both.csv");
    std::fs::write(
        &tidy,
        "reporter,partner,period,flow,value,currency\n\
         KAZ,TUR,2021,X,10,USD\nKAZ,TUR,2021,M,5,USD\nTUR,KAZ,2021,X,6,USD\nTUR,KAZ,2021,M,9,USD\n\
         KAZ,TUR,2022,X,12,USD\nKAZ,TUR,2022,M,6,USD\nTUR,KAZ,2022,X,7,USD\nTUR,KAZ,2022,M,11,USD\n",
    )
    .unwrap();
    let svg = dir.join("a.svg");
    tradestat()
        .args([
            "chart",
            "asymmetry",
            "KAZ",
            "TUR",
            "--data",
            tidy.to_str().unwrap(),
            "--out",
            svg.to_str().unwrap(),
        ])
        .assert()
        .success();
    assert!(std::fs::read_to_string(&svg).unwrap().starts_with("<svg"));
    // A chart needs its pair: usage error.
    tradestat()
        .args([
            "chart",
            "asymmetry",
            "KAZ",
            "--data",
            tidy.to_str().unwrap(),
            "--out",
            "x.svg",
        ])
        .assert()
        .code(2);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn summary_of_several_files_adds_them_and_reports_each() {
    // comtrade_legacy22 (KAZ-TUR 2015: exports 1 937 256 000, imports 1 418 765 432) and the
    // sample (no KAZ rows): the KAZ-TUR row is legacy22's, the others the sample's, one
    // report line per file on standard error. legacy22 has four TOTAL rows (X, M, RX, RM),
    // accepted, and two product rows, skipped.
    let legacy = data("comtrade_legacy22.csv");
    let sample = data("comtrade_sample.csv");
    let out = tradestat()
        .args(["summary", &legacy, &sample])
        .output()
        .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let sample_only = std::fs::read_to_string(data("comtrade_sample_summary.csv")).unwrap();
    assert_eq!(csv.lines().count(), sample_only.lines().count() + 1);
    assert!(csv.contains("\nKAZ,TUR,2015,1937256000,1418765432,3356021432,518490568,\n"));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.starts_with(&format!(
            "{legacy}: read 6 rows: accepted 4, rejected 0, skipped 2\n"
        )),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("{sample}: read 515 rows")),
        "{stderr}"
    );
    assert!(
        stderr.contains("left out 1 reporter-years with incomplete months: USA 2023 (11 months)")
    );
}

#[test]
fn profile_of_the_gravity_cross_section() {
    // CEPII's cross-section writes small flows in exponent notation (8.367e-05), which the
    // dyadic reader reads exactly. KAZ-TUR: 993.73 million exported, 766.51 imported, as the
    // profile example prints (`cargo run --example profile -- KAZ TUR --gravity`).
    let Some(file) = shared("gravity_cross_section.csv") else {
        return;
    };
    let text = stdout_of(&[
        "profile",
        "KAZ",
        "TUR",
        "--data",
        &file,
        "--from",
        "dyadic",
        "--dyadic",
        "iso_o,iso_d,:2000,flow",
        "--unit",
        "million",
        "--format",
        "table",
    ]);
    assert!(
        text.contains("2000               993.73          766.51        1,760.23          227.22"),
        "{text}"
    );
}

#[test]
fn exponent_notation_only_when_asked_for_long_files() {
    // 1.5e3 is 1500 exactly; a long file refuses it unless --exponents.
    let dir = temp_dir("exponents");
    let file = dir.join("long.csv");
    std::fs::write(&file, "year,value\n2020,1.5e3\n").unwrap();
    let path = file.to_str().unwrap();
    let args = [
        "convert",
        path,
        "--to",
        "tidy",
        "-q",
        "--from",
        "long",
        "--long",
        "value=value,period=year,reporter:KAZ,partner:TUR,flow:X",
    ];
    tradestat()
        .args(args)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":2: column \"value\""));
    let mut with = args.to_vec();
    with.push("--exponents");
    assert!(stdout_of(&with).contains("KAZ,TUR,2020,X,1500,USD"));
    std::fs::remove_dir_all(dir).unwrap();
}

/// A Comtrade API JSON file: KAZ's import from TUR in 2022 (primary and CIF 1,234,567,891.234,
/// FOB 1,164,686,689.84), the same flow broken down by a mode of transport (motCode 2100, 100),
/// and KAZ's export to TUR (2,541,000,000.123) marked `isReported: false`.
fn comtrade_json_with_choices(dir: &Path) -> String {
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(data("fetch/comtrade_kaz_2022.json")).unwrap(),
    )
    .unwrap();
    let mut import = fixture["data"][3].clone();
    assert_eq!(
        (import["flowCode"].as_str(), import["partnerCode"].as_u64()),
        (Some("M"), Some(792))
    );
    import["fobvalue"] = serde_json::from_str("1164686689.84").unwrap();
    let mut by_sea = import.clone();
    by_sea["motCode"] = 2100.into();
    for field in ["primaryValue", "cifvalue", "fobvalue"] {
        by_sea[field] = 100.into();
    }
    let mut export = fixture["data"][1].clone();
    assert_eq!(export["flowCode"].as_str(), Some("X"));
    export["isReported"] = false.into();
    let body = serde_json::json!({"count": 3, "data": [import, by_sea, export], "error": ""});
    let path = dir.join("choices.json");
    std::fs::write(&path, body.to_string()).unwrap();
    path.display().to_string()
}

/// --value-column, --keep-breakdowns and --reported-only apply to Comtrade API JSON files as
/// to Comtrade CSV files: before, a JSON file was read with the defaults whatever the flags
/// said (`--value-column fob` gave the primary value, without a word).
#[test]
fn comtrade_json_files_take_the_value_and_breakdown_flags() {
    let dir = temp_dir("comtrade-json-flags");
    let file = comtrade_json_with_choices(&dir);
    let tidy = |extra: &[&str]| {
        let mut args = vec!["convert", file.as_str(), "--to", "tidy", "-q"];
        args.extend_from_slice(extra);
        let out = stdout_of(&args);
        out.lines().skip(1).map(str::to_owned).collect::<Vec<_>>()
    };
    let values = |rows: &[String]| -> Vec<String> {
        rows.iter()
            .map(|r| {
                ["1234567891.234", "1164686689.84", "2541000000.123", "100"]
                    .into_iter()
                    .find(|v| r.split(',').any(|f| f == *v))
                    .unwrap_or("?")
                    .to_owned()
            })
            .collect()
    };
    // Defaults: primary values, the breakdown skipped, the unreported row read.
    let rows = tidy(&[]);
    assert_eq!(
        values(&rows),
        ["1234567891.234", "2541000000.123"],
        "{rows:?}"
    );
    // FOB: the import's FOB figure (the export's FOB is its primary value).
    let rows = tidy(&["--value-column", "fob"]);
    assert_eq!(
        values(&rows),
        ["1164686689.84", "2541000000.123"],
        "{rows:?}"
    );
    let rows = tidy(&["--reported-only"]);
    assert_eq!(values(&rows), ["1234567891.234"], "{rows:?}");
    let rows = tidy(&["--keep-breakdowns"]);
    assert_eq!(values(&rows).len(), 3, "{rows:?}");
    assert!(values(&rows).contains(&"100".to_owned()), "{rows:?}");
}
