use rust_decimal_macros::dec;

use super::*;

fn params() -> UniverseParams {
    UniverseParams {
        quote_asset: "USDT".to_owned(),
        min_quote_volume_24h: dec!(1000000),
        min_price: dec!(0.001),
        max_spread_bps: dec!(10),
        stablecoin_bases: vec!["USDC".to_owned(), "FDUSD".to_owned()],
        leveraged_suffixes: vec![
            "UP".to_owned(),
            "DOWN".to_owned(),
            "BULL".to_owned(),
            "BEAR".to_owned(),
        ],
    }
}

fn candidate(base: &str) -> UniverseCandidate {
    UniverseCandidate {
        symbol: format!("{base}USDT"),
        base_asset: base.to_owned(),
        quote_asset: "USDT".to_owned(),
        status: "TRADING".to_owned(),
        spot_allowed: true,
        quote_volume_24h: dec!(5000000),
        last_price: dec!(10),
        abs_change_bps_24h: dec!(100),
        spread_bps: Some(dec!(2)),
    }
}

#[test]
fn healthy_candidate_is_kept() {
    assert_eq!(exclusion_reason(&candidate("BTC"), &params()), None);
}

fn filter_cases() -> Vec<(UniverseCandidate, ReasonCode)> {
    vec![
        (
            UniverseCandidate {
                quote_asset: "BTC".to_owned(),
                ..candidate("ETH")
            },
            ReasonCode::UniverseQuoteAsset,
        ),
        (
            UniverseCandidate {
                status: "BREAK".to_owned(),
                ..candidate("ETH")
            },
            ReasonCode::UniverseNotTrading,
        ),
        (
            UniverseCandidate {
                spot_allowed: false,
                ..candidate("ETH")
            },
            ReasonCode::UniverseNotSpot,
        ),
        (candidate("USDC"), ReasonCode::UniverseStablecoinBase),
        (candidate("BTCUP"), ReasonCode::UniverseLeveragedToken),
        (candidate("ETHBEAR"), ReasonCode::UniverseLeveragedToken),
        (
            UniverseCandidate {
                quote_volume_24h: dec!(999999),
                ..candidate("ETH")
            },
            ReasonCode::UniverseLowVolume,
        ),
        (
            UniverseCandidate {
                last_price: dec!(0.0009),
                ..candidate("ETH")
            },
            ReasonCode::UniverseLowPrice,
        ),
        (
            UniverseCandidate {
                spread_bps: Some(dec!(10.1)),
                ..candidate("ETH")
            },
            ReasonCode::UniverseWideSpread,
        ),
    ]
}

#[test]
fn each_filter_has_its_reason() {
    for (case, reason) in filter_cases() {
        assert_eq!(
            exclusion_reason(&case, &params()),
            Some(reason),
            "{}",
            case.symbol
        );
    }
}

#[test]
fn short_names_ending_in_a_suffix_are_not_leveraged() {
    assert!(!is_leveraged_token("JUP", &params().leveraged_suffixes));
    assert!(is_leveraged_token("LINKDOWN", &params().leveraged_suffixes));
}

#[test]
fn filter_splits_kept_and_excluded_in_input_order() {
    let (kept, excluded) = filter_universe(
        &[candidate("BTC"), candidate("USDC"), candidate("ETH")],
        &params(),
    );
    let kept: Vec<&str> = kept.iter().map(|c| c.symbol.as_str()).collect();
    assert_eq!(kept, ["BTCUSDT", "ETHUSDT"]);
    assert_eq!(
        excluded,
        vec![Exclusion {
            symbol: "USDCUSDT".to_owned(),
            reason: ReasonCode::UniverseStablecoinBase
        }]
    );
}
