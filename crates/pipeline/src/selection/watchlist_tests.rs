use rust_decimal_macros::dec;

use super::*;

fn params() -> WatchlistParams {
    WatchlistParams {
        size: 2,
        max_correlation: dec!(0.9),
        churn_margin_x10000: 500,
    }
}

fn leader() -> Vec<Decimal> {
    vec![dec!(0.01), dec!(-0.02), dec!(0.03), dec!(-0.01), dec!(0.02)]
}

fn follower() -> Vec<Decimal> {
    vec![
        dec!(0.011),
        dec!(-0.019),
        dec!(0.029),
        dec!(-0.012),
        dec!(0.021),
    ]
}

fn independent() -> Vec<Decimal> {
    vec![dec!(0.01), dec!(0.01), dec!(-0.01), dec!(-0.01), dec!(0.0)]
}

fn independent_too() -> Vec<Decimal> {
    vec![dec!(-0.01), dec!(0.02), dec!(0.01), dec!(-0.02), dec!(0.0)]
}

fn scored(symbol: &str, score: i64, returns: Vec<Decimal>) -> ScoredCandidate {
    ScoredCandidate {
        symbol: symbol.to_owned(),
        score_x10000: score,
        returns,
    }
}

fn incumbents(symbols: &[&str]) -> Vec<String> {
    symbols.iter().map(|s| (*s).to_owned()).collect()
}

#[test]
fn weaker_of_a_correlated_pair_is_replaced_by_the_next_uncorrelated() {
    let candidates = vec![
        scored("A", 9000, leader()),
        scored("B", 8000, follower()),
        scored("C", 7000, independent()),
    ];
    let (list, changes) = select_watchlist(&candidates, &[], &params());
    assert_eq!(list, ["A", "C"]);
    let rejected = changes.iter().find(|c| c.symbol == "B").unwrap();
    assert_eq!(
        (rejected.action, rejected.reason),
        (WatchAction::Rejected, Some(ReasonCode::WatchlistCorrelated))
    );
    assert_eq!(rejected.against.as_deref(), Some("A"));
}

#[test]
fn stronger_newcomer_replaces_a_correlated_incumbent() {
    let candidates = vec![scored("A", 6000, leader()), scored("B", 9000, follower())];
    let (list, changes) = select_watchlist(&candidates, &incumbents(&["A"]), &params());
    assert_eq!(list, ["B"]);
    let dropped = changes.iter().rev().find(|c| c.symbol == "A").unwrap();
    assert_eq!(
        (dropped.action, dropped.reason),
        (WatchAction::Dropped, Some(ReasonCode::WatchlistCorrelated))
    );
}

#[test]
fn churn_guard_keeps_incumbent_unless_beaten_by_margin() {
    let held = incumbents(&["A", "B"]);
    let close_call = vec![
        scored("A", 6000, leader()),
        scored("B", 5000, independent()),
        scored("C", 5499, independent_too()),
    ];
    let (list, changes) = select_watchlist(&close_call, &held, &params());
    assert_eq!(list, ["A", "B"]);
    let rejected = changes.iter().find(|c| c.symbol == "C").unwrap();
    assert_eq!(rejected.reason, Some(ReasonCode::WatchlistChurnGuard));
    let clear_win = vec![
        scored("A", 6000, leader()),
        scored("B", 5000, independent()),
        scored("C", 5500, independent_too()),
    ];
    let (list, _) = select_watchlist(&clear_win, &held, &params());
    assert_eq!(list, ["A", "C"]);
}

#[test]
fn vanished_incumbent_is_dropped_and_list_is_sorted_by_score() {
    let candidates = vec![
        scored("C", 5000, independent_too()),
        scored("A", 7000, leader()),
    ];
    let (list, changes) = select_watchlist(&candidates, &incumbents(&["Z"]), &params());
    assert_eq!(list, ["A", "C"]);
    assert!(
        changes
            .iter()
            .any(|c| c.symbol == "Z" && c.action == WatchAction::Dropped)
    );
}
