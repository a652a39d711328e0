#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
//! `tradestat fetch comtrade` run as a user runs it, against the core crate's local test server
//! (tests/fetch_server on 127.0.0.1) serving the recorded bodies of tests/data/fetch. Nothing
//! here touches the network beyond the loopback interface.

#[path = "../../tests/fetch_server/mod.rs"]
mod fetch_server;

use std::path::{Path, PathBuf};

use assert_cmd::Command as Cmd;
use fetch_server::{comtrade_body, Response, Server};

/// The core crate's root (the workspace root), where `tests/data` is.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// A recorded body of the core crate's tests/data/fetch.
fn recorded(name: &str) -> Vec<u8> {
    std::fs::read(root().join("tests/data/fetch").join(name)).unwrap()
}

/// A fresh, empty directory for one test.
fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tradestat-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// `tradestat` with no key in its environment, whatever the machine has.
fn tradestat() -> Cmd {
    let mut cmd = Cmd::cargo_bin("tradestat").unwrap();
    cmd.current_dir(root()).env_remove("COMTRADE_API_KEY");
    cmd
}

/// `fetch comtrade` of KAZ's trade with the world and TUR in 2022 from `server`, not spaced.
fn kaz_tur_2022(server: &Server) -> Vec<String> {
    [
        "fetch",
        "comtrade",
        "--reporters",
        "KAZ",
        "--partners",
        "World,TUR",
        "--years",
        "2022",
        "--flows",
        "X,M",
        "--commodities",
        "TOTAL",
        "--rate-limit",
        "0",
        "--base-url",
        &server.base,
    ]
    .map(String::from)
    .to_vec()
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(mut cmd: Cmd) -> Run {
    let out = cmd.output().unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    Run {
        code: out.status.code().unwrap(),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr,
    }
}

fn fetch(args: &[String]) -> Run {
    let mut cmd = tradestat();
    cmd.args(args);
    run(cmd)
}

/// The (partner, flow, value) of each tidy CSV row, in order,, checked to be KAZ's 2022 total trade in
/// USD.
fn tidy_rows(csv: &str) -> Vec<(String, String, String)> {
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("reporter,partner,period,flow,value,currency,valuation,classification,commodity,reporting")
    );
    lines
        .map(|line| {
            let cells: Vec<&str> = line.split(',').collect();
            assert_eq!(
                (cells[0], cells[2], cells[5]),
                ("KAZ", "2022", "USD"),
                "{line}"
            );
            (cells[1].into(), cells[3].into(), cells[4].into())
        })
        .collect()
}

#[test]
fn a_normal_answer_is_written_exactly_and_the_call_is_the_query_of_the_flags() {
    let server = Server::start(|_, _| Response::ok(recorded("comtrade_kaz_2022.json")));
    let out = fetch(&kaz_tur_2022(&server));
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The four rows of the recorded body, values as the body writes them (by hand from
    // comtrade_kaz_2022.json: X to World 84393755285.81, X to TUR 2541000000.123, M from World
    // 50991297016.4, M from TUR 1234567891.234), exact: never through a float.
    // The tidy CSV writes World as its Comtrade code 0 and flows as their codes.
    let row = |p: &str, f: &str, v: &str| (p.to_owned(), f.to_owned(), v.to_owned());
    assert_eq!(
        tidy_rows(&out.stdout),
        [
            row("0", "X", "84393755285.81"),
            row("TUR", "X", "2541000000.123"),
            row("0", "M", "50991297016.4"),
            row("TUR", "M", "1234567891.234"),
        ]
    );
    // The report: one call from the network, four rows read, none rejected.
    assert!(
        out.stderr
            .contains("1 calls (1 network, 0 from the cache, 1 requests sent); 1 chunks read"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("read 4 rows: accepted 4, rejected 0, skipped 0"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("public preview"), "{}", out.stderr);
    // Without a key: the preview, with the flags' codes.
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let request = &requests[0];
    assert_eq!(request.path, "/public/v1/preview/C/A/HS");
    for (name, value) in [
        ("reporterCode", "398"),
        ("partnerCode", "0,792"),
        ("period", "2022"),
        ("flowCode", "X,M"),
        ("cmdCode", "TOTAL"),
        ("maxRecords", "500"),
    ] {
        assert_eq!(request.param(name), Some(value), "{name}");
    }
    assert_eq!(request.header("Ocp-Apim-Subscription-Key"), None);
}

#[test]
fn json_output_parses_back_to_the_same_exact_values_and_out_and_quiet_are_obeyed() {
    let server = Server::start(|_, _| Response::ok(recorded("comtrade_kaz_2022.json")));
    let dir = temp_dir("fetch-json");
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("kaz.json");
    let mut args = kaz_tur_2022(&server);
    args.extend(["--format", "json", "--quiet", "--out"].map(String::from));
    args.push(file.display().to_string());
    let out = fetch(&args);
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let text = json.to_string();
    for value in [
        "84393755285.81",
        "2541000000.123",
        "50991297016.4",
        "1234567891.234",
    ] {
        // Exact decimal strings, never JSON numbers.
        assert!(text.contains(&format!("\"{value}\"")), "{value} in {text}");
    }
    assert_eq!(json.as_array().unwrap().len(), 4);
    std::fs::remove_dir_all(dir).unwrap();
}

#[test]
fn the_same_query_again_is_answered_from_the_cache_without_a_call() {
    let server = Server::start(|_, _| Response::ok(recorded("comtrade_kaz_2022.json")));
    let dir = temp_dir("fetch-cache");
    let mut args = kaz_tur_2022(&server);
    args.extend(["--cache".into(), dir.display().to_string()]);
    let first = fetch(&args);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(server.count(), 1);
    let second = fetch(&args);
    assert_eq!(second.code, 0, "{}", second.stderr);
    // No second request reached the server; the records are the same.
    assert_eq!(server.count(), 1);
    assert_eq!(second.stdout, first.stdout);
    assert_eq!(tidy_rows(&second.stdout).len(), 4);
    assert!(
        second
            .stderr
            .contains("1 calls (0 network, 1 from the cache, 0 requests sent)"),
        "{}",
        second.stderr
    );
    // A cache age of 0 s makes the entry stale: the server is called again.
    args.extend(["--cache-max-age", "0"].map(String::from));
    let third = fetch(&args);
    assert_eq!(third.code, 0, "{}", third.stderr);
    assert_eq!(server.count(), 2);
    std::fs::remove_dir_all(dir).unwrap();
}

/// The one line a failed fetch writes.
fn one_line(out: &Run) -> &str {
    assert_eq!(out.stdout, "", "nothing written on failure");
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    out.stderr.trim_end()
}

#[test]
fn an_error_body_exits_1_with_one_line_naming_the_call_and_the_message() {
    for (body, message) in [
        (
            "comtrade_error.json",
            "the service answered with an error: An unexpected error occurred: The value of \
             reporterCode (9999) is not valid.",
        ),
        (
            "comtrade_error_object.json",
            "the service answered with an error: period: 12 periods at most",
        ),
    ] {
        let server = Server::start(move |_, _| Response::ok(recorded(body)));
        let mut args = kaz_tur_2022(&server);
        args.push("--quiet".into());
        let out = fetch(&args);
        assert_eq!(out.code, 1, "{body}: {}", out.stderr);
        let line = one_line(&out);
        let call = format!("tradestat: GET {}/public/v1/preview/C/A/HS?", server.base);
        assert!(line.starts_with(&call), "{line}");
        assert!(line.ends_with(message), "{line}");
    }
}

#[test]
fn a_refused_key_exits_1_and_a_service_that_keeps_failing_exits_3() {
    let server = Server::start(|_, _| Response::status(401, recorded("comtrade_401.json")));
    let mut args = kaz_tur_2022(&server);
    args.push("--quiet".into());
    let out = fetch(&args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let line = one_line(&out);
    assert!(
        line.contains("HTTP 401: Access denied due to missing subscription key.")
            && line.contains("set COMTRADE_API_KEY"),
        "{line}"
    );

    // 500 every time, one retry allowed: two requests, then exit 3 saying it gave up.
    let server = Server::start(|_, _| Response::status(500, "oops"));
    let mut args = kaz_tur_2022(&server);
    args.extend(["--quiet", "--retries", "1", "--retry-delay", "0.01"].map(String::from));
    let out = fetch(&args);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        one_line(&out).contains("gave up after 2 attempts"),
        "{}",
        out.stderr
    );
    assert_eq!(server.count(), 2);

    // Nobody listening: exit 3.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let mut cmd = tradestat();
    cmd.args([
        "fetch",
        "comtrade",
        "--years",
        "2022",
        "--retries",
        "0",
        "--quiet",
        "--base-url",
        &format!("http://127.0.0.1:{port}"),
    ]);
    let out = run(cmd);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(one_line(&out).starts_with("tradestat: GET http://127.0.0.1:"));
}

#[test]
fn a_key_named_by_key_env_goes_in_the_header_to_the_data_endpoint() {
    let server = Server::start(|_, _| Response::ok(recorded("comtrade_kaz_2022.json")));
    let mut cmd = tradestat();
    cmd.args(kaz_tur_2022(&server))
        .args(["--key-env", "MY_COMTRADE_KEY"])
        .env("MY_COMTRADE_KEY", "secret-key");
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let request = &server.requests()[0];
    assert_eq!(request.path, "/data/v1/get/C/A/HS");
    assert_eq!(
        request.header("Ocp-Apim-Subscription-Key"),
        Some("secret-key")
    );
    assert_eq!(request.param("maxRecords"), Some("100000"));
    assert!(!out.stderr.contains("secret-key"));

    // --preview wins over a key in the environment.
    let mut cmd = tradestat();
    cmd.args(kaz_tur_2022(&server))
        .arg("--preview")
        .env("COMTRADE_API_KEY", "secret-key");
    assert_eq!(run(cmd).code, 0);
    let request = &server.requests()[1];
    assert_eq!(request.path, "/public/v1/preview/C/A/HS");
    assert_eq!(request.header("Ocp-Apim-Subscription-Key"), None);
}

#[test]
fn services_monthly_and_the_classification_reach_the_call() {
    let server = Server::start(|_, _| Response::ok(comtrade_body(&[], 0)));
    let mut cmd = tradestat();
    cmd.args([
        "fetch",
        "comtrade",
        "--services",
        "--monthly",
        "--classification",
        "EB10",
        "--reporters",
        "398",
        "--years",
        "2022",
        "--rate-limit",
        "0",
        "--base-url",
        &server.base,
    ]);
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // No rows: the header alone.
    assert_eq!(out.stdout.lines().count(), 1);
    let request = &server.requests()[0];
    assert_eq!(request.path, "/public/v1/preview/S/M/EB10");
    // 2022 in a monthly query is its twelve months (at most 12 periods a call: one call).
    assert_eq!(
        request.param("period"),
        Some("202201,202202,202203,202204,202205,202206,202207,202208,202209,202210,202211,202212")
    );
    assert_eq!(request.param("reporterCode"), Some("398"));
}

#[test]
fn bad_flags_exit_2_before_any_call() {
    let server = Server::start(|_, _| Response::ok(recorded("comtrade_kaz_2022.json")));
    let base = server.base.clone();
    let cases: [(&[&str], &str); 9] = [
        (&["--years", "2022", "--bogus"], "--bogus"),
        (&["--reporters", "KAZ"], "--years"),
        (&["--years", "2022", "--flows", "sideways"], "--flows"),
        (&["--years", "2022", "--reporters", "Narnia"], "--reporters"),
        (&["--years", "2024-2015"], "--years"),
        (&["--years", "2022", "--rate-limit=-1"], "--rate-limit"),
        (&["--years", "2022", "--goods", "--services"], "--services"),
        (&["--years", "2022", "--format", "xml"], "--format"),
        (
            &["--years", "2022", "--key-env", "NO_SUCH_VARIABLE_HERE"],
            "--key-env",
        ),
    ];
    for (flags, named) in cases {
        let mut cmd = tradestat();
        cmd.args(["fetch", "comtrade", "--base-url", &base])
            .args(flags);
        let out = run(cmd);
        assert_eq!(out.code, 2, "{flags:?}: {}", out.stderr);
        assert!(out.stderr.contains(named), "{flags:?}: {}", out.stderr);
    }
    // A base URL that is not http(s): a usage error too.
    let mut cmd = tradestat();
    cmd.args([
        "fetch",
        "comtrade",
        "--years",
        "2022",
        "--base-url",
        "ftp://x",
    ]);
    let out = run(cmd);
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(one_line(&out).contains("base URL"), "{}", out.stderr);
    assert_eq!(server.count(), 0);
    // The help has an example.
    let mut cmd = tradestat();
    cmd.args(["fetch", "comtrade", "--help"]);
    let out = run(cmd);
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("Example"), "{}", out.stdout);
}

#[test]
fn a_row_the_reader_refuses_stops_a_strict_fetch_and_is_counted_by_a_lenient_one() {
    use fetch_server::comtrade_row;
    let rows = [
        comtrade_row(398, 792, "2022", "X", "2541000000.123"),
        comtrade_row(398, 792, "2022", "M", "\"12x4.5\""),
    ];
    let body = comtrade_body(&rows, 2);
    let server = Server::start(move |_, _| Response::ok(body.clone()));
    // Strict (the default): exit 1, one line naming the call and the value.
    let mut args = kaz_tur_2022(&server);
    args.push("--quiet".into());
    let out = fetch(&args);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let line = one_line(&out);
    assert!(
        line.starts_with(&format!("tradestat: GET {}/", server.base)) && line.contains("12x4.5"),
        "{line}"
    );
    // Lenient: the good row written, the bad one counted in the report.
    let mut args = kaz_tur_2022(&server);
    args.push("--lenient".into());
    let out = fetch(&args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        tidy_rows(&out.stdout),
        [(
            "TUR".to_owned(),
            "X".to_owned(),
            "2541000000.123".to_owned()
        )]
    );
    assert!(
        out.stderr
            .contains("read 2 rows: accepted 1, rejected 1, skipped 0"),
        "{}",
        out.stderr
    );
    // The rejected row is listed with its call, column and value.
    let listed = out
        .stderr
        .lines()
        .find(|l| l.starts_with(&format!("  GET {}/public/v1/preview/", server.base)))
        .unwrap_or_else(|| panic!("no rejection listed: {}", out.stderr));
    assert!(
        listed.contains("column \"primaryValue\"") && listed.contains("12x4.5"),
        "{listed}"
    );
}

/// `tradestat fetch sdmx SERVICE` of `server`, not spaced, with no IMF key in its environment.
fn sdmx(server: &Server, args: &[&str]) -> Run {
    let mut cmd = tradestat();
    cmd.env_remove("IMF_API_KEY")
        .args(["fetch", "sdmx"])
        .args(args)
        .args(["--rate-limit", "0", "--base-url", &server.base]);
    run(cmd)
}

#[test]
fn sdmx_oecd_answers_are_scaled_by_their_multiplier_and_written_exactly() {
    let server = Server::start(|_, _| Response::ok(recorded("oecd_itcs.csv")));
    let out = sdmx(
        &server,
        &[
            "oecd",
            "--dataflow",
            "OECD.SDD.TPS,DSD_ITCS@DF_ITCS,1.0",
            "--series",
            "TUR.KAZ..A",
            "--start",
            "2022",
            "--end",
            "2022",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // oecd_itcs.csv: TUR's exports to KAZ 1234.5 and imports 987.65, UNIT_MULT 6 (millions):
    // 1234500000 and 987650000 US dollars.
    let mut lines = out.stdout.lines().skip(1);
    let cells =
        |line: &str| -> Vec<String> { line.split(',').take(6).map(str::to_owned).collect() };
    assert_eq!(
        cells(lines.next().unwrap()),
        ["TUR", "KAZ", "2022", "X", "1234500000", "USD"]
    );
    assert_eq!(
        cells(lines.next().unwrap()),
        ["TUR", "KAZ", "2022", "M", "987650000", "USD"]
    );
    assert_eq!(lines.next(), None);
    assert_eq!(
        server.requests()[0].target,
        "/data/OECD.SDD.TPS,DSD_ITCS%40DF_ITCS,1.0/TUR.KAZ..A?dimensionAtObservation=AllDimensions&startPeriod=2022&endPeriod=2022"
    );
    assert!(
        out.stderr
            .contains("fetch sdmx: 1 calls (1 network, 0 from the cache, 1 requests sent)"),
        "{}",
        out.stderr
    );
}

#[test]
fn sdmx_imf_without_a_key_says_a_key_may_be_needed_and_with_one_sends_it() {
    let server = Server::start(|request, _| {
        if request.header("Ocp-Apim-Subscription-Key").is_some() {
            Response::ok(recorded("imf_imts.csv"))
        } else {
            Response::status(404, recorded("imf_404.json"))
        }
    });
    let out = sdmx(
        &server,
        &["imf", "--series", "KAZ.XG_FOB_USD.TUR.A", "--quiet"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let line = one_line(&out);
    assert!(
        line.contains("HTTP 404: Resource not found")
            && line.contains("without a subscription key"),
        "{line}"
    );
    let mut cmd = tradestat();
    cmd.args([
        "fetch",
        "sdmx",
        "imf",
        "--series",
        "KAZ.XG_FOB_USD+MG_CIF_USD.TUR.A",
    ])
    .args(["--key-env", "MY_IMF_KEY", "--format", "json", "--quiet"])
    .args(["--rate-limit", "0", "--base-url", &server.base])
    .env("MY_IMF_KEY", "k");
    let out = run(cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // imf_imts.csv: 2541.5 and 1234.25 at SCALE 6.
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let text = json.to_string();
    assert!(
        text.contains("\"2541500000\"") && text.contains("\"1234250000\""),
        "{text}"
    );
    let request = &server.requests()[1];
    assert_eq!(
        request.path,
        "/data/dataflow/IMF.STA/IMTS/+/KAZ.XG_FOB_USD+MG_CIF_USD.TUR.A"
    );
    assert_eq!(request.header("Ocp-Apim-Subscription-Key"), Some("k"));
}

#[test]
fn sdmx_bad_flags_exit_2_before_any_call() {
    let server = Server::start(|_, _| Response::ok(recorded("oecd_itcs.csv")));
    for (flags, named) in [
        (&["oecd"][..], "--dataflow"),
        (
            &["oecd", "--dataflow", "DSD_ITCS@DF_ITCS"][..],
            "--dataflow",
        ),
        (&["nowhere", "--dataflow", "A,B,C"][..], "nowhere"),
        (&["imf", "--start", "2015"][..], "--end"),
        (&["imf", "--start", "2015", "--end", "20x4"][..], "--end"),
        (
            &[
                "comext",
                "--dataflow",
                "DS-045409",
                "--key-env",
                "NO_SUCH_VARIABLE_HERE",
            ][..],
            "--key-env",
        ),
    ] {
        let out = sdmx(&server, flags);
        assert_eq!(out.code, 2, "{flags:?}: {}", out.stderr);
        assert!(out.stderr.contains(named), "{flags:?}: {}", out.stderr);
    }
    assert_eq!(server.count(), 0);
}

/// `tradestat fetch worldbank ...` of `server`, not spaced.
fn worldbank(server: &Server, args: &[&str]) -> Run {
    let mut cmd = tradestat();
    cmd.args(["fetch", "worldbank"]).args(args).args([
        "--rate-limit",
        "0",
        "--base-url",
        &server.base,
    ]);
    run(cmd)
}

#[test]
fn worldbank_deflator_pages_are_read_exactly_gaps_kept_and_rebased_on_request() {
    let server = Server::start(|request, _| match request.param("page") {
        Some("2") => Response::ok(recorded("wb_deflator_tur_p2.json")),
        _ => Response::ok(recorded("wb_deflator_tur_p1.json")),
    });
    let out = worldbank(
        &server,
        &[
            "TUR",
            "--indicator",
            "deflator",
            "--years",
            "2020-2022",
            "--format",
            "csv",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The recorded pages: 2020 null (a gap, kept as an empty value), 2021 252.418037098391,
    // 2022 433.927150710154, as written.
    assert_eq!(
        out.stdout,
        "country,indicator,year,value\n\
         TUR,NY.GDP.DEFL.ZS,2020,\n\
         TUR,NY.GDP.DEFL.ZS,2021,252.418037098391\n\
         TUR,NY.GDP.DEFL.ZS,2022,433.927150710154\n"
    );
    assert!(
        out.stderr
            .contains("fetch worldbank: 2 calls (2 network, 0 from the cache")
            && out.stderr.contains("2 years with a value, none in 2020")
            && out
                .stderr
                .contains("World Bank source 2, last updated 2025-07-01"),
        "{}",
        out.stderr
    );
    assert_eq!(
        server.requests()[0].target,
        "/v2/country/TUR/indicator/NY.GDP.DEFL.ZS?format=json&per_page=1000&page=1&date=2020:2022"
    );
    // Rebased to 2021: 433.927150710154 × 100 / 252.418037098391, worked out in the core's
    // test (Python decimal, half to even at 26 decimals) as 171.90813925116288845451576126.
    let out = worldbank(
        &server,
        &[
            "TUR",
            "--indicator",
            "deflator",
            "--years",
            "2020-2022",
            "--rebase",
            "2021",
            "--format",
            "json",
            "--quiet",
        ],
    );
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let json: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let values: Vec<&serde_json::Value> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|row| &row["value"])
        .collect();
    assert_eq!(
        values,
        [
            &serde_json::Value::Null,
            &serde_json::json!("100"),
            &serde_json::json!("171.90813925116288845451576126")
        ]
    );
    // A base year without a level: exit 1, one line.
    let out = worldbank(
        &server,
        &[
            "TUR",
            "--indicator",
            "deflator",
            "--years",
            "2020-2022",
            "--rebase",
            "2020",
            "-q",
        ],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    one_line(&out);
}

#[test]
fn worldbank_fx_is_in_the_currency_of_each_year_and_an_error_body_exits_1() {
    let server = Server::start(|request, _| {
        if request.path.contains("PA.NUS.FCRF") {
            Response::ok(recorded("wb_fx_tur.json"))
        } else {
            Response::ok(recorded("wb_error.json"))
        }
    });
    let out = worldbank(
        &server,
        &[
            "TUR",
            "--indicator",
            "fx",
            "--years",
            "2004-2005",
            "--format",
            "csv",
            "-q",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // 2004: 1.42555008333333 TRY a dollar published, which is 1,425,550.08333333 TRL
    // (1 TRY = 1,000,000 TRL); 2005 in TRY as published.
    assert_eq!(
        out.stdout,
        "country,year,currency,published,rate\n\
         TUR,2004,TRL,1.42555008333333,1425550.08333333\n\
         TUR,2005,TRY,1.34358166666667,1.34358166666667\n"
    );
    let out = worldbank(
        &server,
        &["TUR", "--indicator", "NOT.AN.ID", "--years", "2020", "-q"],
    );
    assert_eq!(out.code, 1, "{}", out.stderr);
    let line = one_line(&out);
    assert!(
        line.contains("/indicator/NOT.AN.ID?")
            && line.ends_with("The provided parameter value is not valid"),
        "{line}"
    );
    // Usage errors: an unknown country, reversed years, --rebase on another indicator.
    for flags in [
        &["Narnia", "--indicator", "fx", "--years", "2020"][..],
        &["TUR", "--indicator", "fx", "--years", "2022-2020"][..],
        &[
            "TUR",
            "--indicator",
            "fx",
            "--years",
            "2020",
            "--rebase",
            "2020",
        ][..],
        &["TUR", "--years", "2020"][..],
    ] {
        let out = worldbank(&server, flags);
        assert_eq!(out.code, 2, "{flags:?}: {}", out.stderr);
    }
    assert_eq!(server.count(), 2);
}
