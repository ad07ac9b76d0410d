use super::*;
use livespot_ipc::Link;
use livespot_runtime::SecretText;

fn secrets() -> RunSecrets {
    let mut secrets = RunSecrets::generate(
        RunId::new("run-test-1").unwrap(),
        RunMode::Sim,
        PathBuf::from("var/run/x"),
        250,
    );
    secrets.venue_credentials = Some(VenueCredentials {
        api_key: SecretText::new("key"),
        api_secret: SecretText::new("canary"),
    });
    secrets
}

#[test]
fn only_risk_and_executor_get_the_intent_key() {
    let secrets = secrets();
    for role in CHILD_ORDER {
        let keys = secrets.keys_for(role);
        let expected = matches!(role, ProcessRole::Risk | ProcessRole::Executor);
        assert_eq!(keys.holds_intent_key(), expected, "{role:?}");
    }
}

#[test]
fn only_the_executor_gets_venue_credentials() {
    let secrets = secrets();
    for role in CHILD_ORDER {
        let keys = secrets.keys_for(role);
        assert_eq!(
            keys.venue_credentials.is_some(),
            role == ProcessRole::Executor,
            "{role:?}"
        );
    }
}

#[test]
fn each_child_gets_its_own_token_and_only_its_allowed_peers() {
    let secrets = secrets();
    let executor = secrets.keys_for(ProcessRole::Executor);
    let risk = secrets.keys_for(ProcessRole::Risk);
    let strategy = secrets.keys_for(ProcessRole::Strategy);
    assert_ne!(executor.ipc.role_token, risk.ipc.role_token);
    let link = Link::new(ProcessRole::Executor, ProcessRole::Risk);
    assert_eq!(
        executor.ipc.link_key(link).unwrap(),
        risk.ipc.link_key(link).unwrap()
    );
    let forbidden = Link::new(ProcessRole::Executor, ProcessRole::Strategy);
    assert!(executor.ipc.link_key(forbidden).is_err());
    assert_ne!(
        strategy.ipc.link_key(forbidden).unwrap(),
        risk.ipc.link_key(link).unwrap()
    );
    assert!(
        executor
            .ipc
            .accepted_peers
            .iter()
            .all(|peer| peer.connector == ProcessRole::Risk)
    );
}

#[test]
fn the_keys_line_round_trips_for_the_right_role_only() {
    let keys = secrets().keys_for(ProcessRole::Panel);
    let line = keys.to_line().unwrap();
    assert_eq!(RunKeys::from_line(&line, ProcessRole::Panel).unwrap(), keys);
    assert!(RunKeys::from_line(&line, ProcessRole::Executor).is_err());
}
