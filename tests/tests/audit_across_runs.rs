#![cfg(target_os = "linux")]
#![allow(
    clippy::unwrap_used,
    reason = "end-to-end test: a failed setup step must fail the test"
)]

mod launch_support;

use std::time::Duration;

use launch_support::{TestVar, wait_exit};

const RUN_SECONDS: &str = "4";

fn run_once(var: &TestVar) {
    let mut launcher = var.launch(&["--sim", "--duration", RUN_SECONDS]);
    assert_eq!(
        wait_exit(&mut launcher, Duration::from_mins(1)),
        Some(0),
        "{}",
        var.console()
    );
}

fn events_by_run(var: &TestVar, event_type: &str) -> Vec<(String, String)> {
    let store = rusqlite::Connection::open_with_flags(
        var.path().join("data").join("audit.sqlite"),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY,
    )
    .unwrap();
    let mut query = store
        .prepare("SELECT run_id, sender FROM events WHERE event_type = ?1 ORDER BY event_id")
        .unwrap();
    query
        .query_map([event_type], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap()
}

#[test]
fn a_second_run_on_the_same_var_keeps_every_event_of_its_own() {
    let var = TestVar::new();
    run_once(&var);
    run_once(&var);
    let started = events_by_run(&var, "RUN_STARTED");
    let ended = events_by_run(&var, "RUN_ENDED");
    assert_eq!(started.len(), 2, "RUN_STARTED per run: {started:?}");
    assert_eq!(ended.len(), 2, "RUN_ENDED per run: {ended:?}");
    assert_ne!(started[0].0, started[1].0, "two distinct run ids");
    let launched = events_by_run(&var, "PROCESS_STARTED");
    let second_run = &started[1].0;
    assert!(
        launched.iter().filter(|(run, _)| run == second_run).count() >= 6,
        "the second run's PROCESS_STARTED events were dropped: {launched:?}"
    );
}
