//! The summary on a Ballista cluster started in-process (a scheduler and two executors on
//! localhost): the same rows as the single-process run, from a plan of more than one stage.

use crate::common::query;
use crate::comtrade_sql;
use crate::comtrade_sql::cluster::{run_on_cluster, same_rows};

const SMALL: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/comtrade_small.csv");
const SMALL_SUMMARY: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/data/comtrade_small_summary.csv"
);

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn cluster_gives_the_single_process_result() {
    let dir = tempfile::tempdir().unwrap();
    let parquet = dir.path().to_str().unwrap();
    comtrade_sql::write_parquet(SMALL, parquet).await.unwrap();

    let local = comtrade_sql::local_context().unwrap();
    local
        .register_parquet("trade", parquet, Default::default())
        .await
        .unwrap();
    let single = query(&local, comtrade_sql::SUMMARY_SQL).await.unwrap();

    let run = run_on_cluster(parquet, comtrade_sql::SUMMARY_SQL, 2)
        .await
        .unwrap();
    assert_eq!(run.executors, 2);
    assert!(run.stages > 1, "{} stages", run.stages);
    assert_eq!(
        crate::common::rows(&run.batches),
        crate::common::rows(&single)
    );
    assert!(same_rows(&run.batches, &single));
    assert!(run.batches_equal(&single));

    let mut out = Vec::new();
    comtrade_sql::write_summary(&mut out, &run.batches).unwrap();
    assert_eq!(
        String::from_utf8(out).unwrap(),
        std::fs::read_to_string(SMALL_SUMMARY).unwrap()
    );
}
