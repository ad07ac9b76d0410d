#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    reason = "test code fails loudly on bad fixtures"
)]

mod common;

use livespot_binance::ApiSecret;
use livespot_binance::signing::{hmac_sha256_hex, sign_rest, ws_api_payload};
use serde_json::Value;

fn vectors() -> Option<(ApiSecret, Vec<Value>)> {
    let text = common::read_sample("signing_test_vectors.json")?;
    let doc: Value = serde_json::from_str(&text).expect("vectors parse");
    let hmac = &doc["hmac_sha256"];
    let secret = ApiSecret::new(hmac["secretKey"].as_str().expect("secret"));
    Some((secret, hmac["vectors"].as_array().expect("vectors").clone()))
}

#[test]
fn every_documented_hmac_vector_reproduces_exactly() {
    let Some((secret, vectors)) = vectors() else {
        return;
    };
    assert_eq!(vectors.len(), 5);
    for vector in &vectors {
        let payload = vector["payload"].as_str().expect("payload");
        let expected = vector["signature_hex"].as_str().expect("signature");
        assert_eq!(
            hmac_sha256_hex(&secret, payload),
            expected,
            "{}",
            vector["name"]
        );
    }
}

#[test]
fn mixed_query_and_body_vector_signs_their_concatenation_and_puts_signature_last_in_body() {
    let Some((secret, vectors)) = vectors() else {
        return;
    };
    let mixed = vectors
        .iter()
        .find(|v| v.get("query").is_some())
        .expect("mixed vector");
    let signed = sign_rest(
        &secret,
        mixed["query"].as_str().expect("q"),
        mixed["body"].as_str().expect("b"),
    );
    let expected = mixed["signature_hex"].as_str().expect("sig");
    assert_eq!(signed.query, mixed["query"].as_str().expect("q"));
    assert!(signed.body.ends_with(&format!("&signature={expected}")));
}

#[test]
fn rest_query_vector_produces_the_documented_request_line() {
    let Some((secret, vectors)) = vectors() else {
        return;
    };
    let first = &vectors[0];
    let signed = sign_rest(&secret, first["payload"].as_str().expect("payload"), "");
    let request = first["request"].as_str().expect("request");
    assert!(request.ends_with(&format!("?{}", signed.query)));
}

#[test]
fn ws_api_vector_payload_is_rebuilt_from_unsorted_params() {
    let Some((secret, vectors)) = vectors() else {
        return;
    };
    let ws = &vectors[3];
    let payload = ws["payload"].as_str().expect("payload");
    let mut params: Vec<(String, String)> = payload
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .map(|(k, v)| (k.to_owned(), v.to_owned()))
        .collect();
    params.reverse();
    params.push(("signature".into(), "ignored".into()));
    assert_eq!(ws_api_payload(&params), payload);
    assert_eq!(
        hmac_sha256_hex(&secret, &ws_api_payload(&params)),
        ws["signature_hex"].as_str().expect("sig")
    );
}
