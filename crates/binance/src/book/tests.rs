use super::*;
use rust_decimal_macros::dec;

fn diff(
    first: u64,
    last: u64,
    bids: &[(Decimal, Decimal)],
    asks: &[(Decimal, Decimal)],
) -> DepthUpdate {
    DepthUpdate {
        event_time: 0,
        symbol: "BTCUSDT".into(),
        first_update_id: first,
        final_update_id: last,
        bids: bids.to_vec(),
        asks: asks.to_vec(),
    }
}

fn snapshot(id: u64) -> DepthSnapshot {
    DepthSnapshot {
        last_update_id: id,
        bids: vec![(dec!(100), dec!(1)), (dec!(99), dec!(2))],
        asks: vec![(dec!(101), dec!(1)), (dec!(102), dec!(3))],
    }
}

#[test]
fn sync_drops_stale_events_and_starts_at_the_straddling_event() {
    let mut book = LocalBook::new();
    book.on_diff(diff(5, 8, &[], &[])).unwrap();
    book.on_diff(diff(9, 10, &[], &[])).unwrap();
    book.on_diff(diff(11, 14, &[(dec!(100), dec!(0))], &[]))
        .unwrap();
    let report = book.on_snapshot(&snapshot(12)).unwrap();
    assert_eq!(report.dropped, 2);
    assert_eq!(report.first_applied, Some((11, 14)));
    assert_eq!(
        book.best_bid(),
        Some(Level {
            price: dec!(99),
            qty: dec!(2)
        })
    );
    assert_eq!(book.last_update_id(), 14);
}

#[test]
fn snapshot_older_than_first_buffered_event_is_refused() {
    let mut book = LocalBook::new();
    book.on_diff(diff(20, 25, &[], &[])).unwrap();
    let err = book.on_snapshot(&snapshot(10)).unwrap_err();
    assert_eq!(err.reason_code().as_str(), "BOOK_SNAPSHOT_TOO_OLD");
    assert!(!book.is_synced());
}

#[test]
fn gap_forces_resync() {
    let mut book = LocalBook::new();
    book.on_snapshot(&snapshot(10)).unwrap();
    assert_eq!(
        book.on_diff(diff(11, 12, &[], &[])).unwrap(),
        DiffOutcome::Applied
    );
    let err = book.on_diff(diff(14, 15, &[], &[])).unwrap_err();
    assert_eq!(
        err,
        BookError::Gap {
            expected: 13,
            got: 14
        }
    );
    assert!(!book.is_synced());
    assert_eq!(book.first_buffered_id(), Some(14));
}

#[test]
fn depth_within_bps_and_imbalance() {
    let mut book = LocalBook::new();
    book.on_snapshot(&snapshot(1)).unwrap();
    let depth = book.depth_within_bps(100).unwrap();
    assert_eq!(depth.bid_qty, dec!(1));
    assert_eq!(depth.ask_qty, dec!(1));
    let wide = book.depth_within_bps(200).unwrap();
    assert_eq!(wide.bid_qty, dec!(3));
    assert_eq!(wide.ask_qty, dec!(4));
    assert_eq!(book.imbalance_x10000(100), Some(-50));
}
