use livespot_binance::user_data::client::{UserDataConfig, UserDataStream, UserStreamItem};
use livespot_binance::user_data::events::UserDataEvent;
use livespot_binance::{ClientConfig, Credentials, RestClient};
use tokio::sync::mpsc;
use tokio_util::sync::CancellationToken;

pub const USER_EVENT_QUEUE: usize = 256;

pub fn symbol_of(item: &UserStreamItem) -> Option<&str> {
    match item {
        UserStreamItem::Event(UserDataEvent::ExecutionReport(report)) => Some(&report.symbol),
        UserStreamItem::Event(UserDataEvent::ListStatus(list)) => Some(&list.symbol),
        _ => None,
    }
}

fn log_item(item: &UserStreamItem) {
    match item {
        UserStreamItem::Subscribed {
            subscription_id, ..
        } => tracing::info!(subscription_id, "user data stream subscribed"),
        UserStreamItem::Disconnected => {
            tracing::warn!(
                reason = "USER_STREAM_DISCONNECTED",
                "user data stream lost; the reconcile timer still runs"
            );
        }
        UserStreamItem::SubscribeFailed(error) => {
            tracing::warn!(reason = error.reason_code().as_str(), %error, "user data stream not subscribed");
        }
        UserStreamItem::Event(_) => {}
    }
}

pub fn spawn_user_events(
    venue: &ClientConfig,
    credentials: Credentials,
    rest: RestClient,
    shutdown: CancellationToken,
) -> mpsc::Receiver<String> {
    let mut config = UserDataConfig::new(&venue.ws_api_url, credentials);
    config.recv_window_ms = venue.recv_window_ms;
    let (symbols, symbols_rx) = mpsc::channel(USER_EVENT_QUEUE);
    tokio::spawn(async move {
        let (stream, mut items) = UserDataStream::spawn(config, rest);
        loop {
            let item = tokio::select! {
                () = shutdown.cancelled() => break,
                item = items.recv() => item,
            };
            let Some(item) = item else { break };
            log_item(&item);
            if let Some(symbol) = symbol_of(&item)
                && symbols.try_send(symbol.to_owned()).is_err()
            {
                tracing::debug!(reason = "USER_EVENT_DROPPED", "reconcile already queued");
            }
        }
        stream.shutdown().await;
    });
    symbols_rx
}

#[cfg(test)]
mod tests {
    use livespot_binance::user_data::events::parse_user_event_text;

    use super::*;

    const EXECUTION_REPORT: &str = r#"{"e":"executionReport","E":1499405658658,"s":"ETHBTC","c":"mUvoqJxFIILMdfAW5iGSOW","S":"BUY","o":"LIMIT","f":"GTC","q":"1.00000000","p":"0.10264410","P":"0.00000000","F":"0.00000000","g":-1,"C":"","x":"NEW","X":"NEW","r":"NONE","i":4293153,"l":"0.00000000","z":"0.00000000","L":"0.00000000","n":"0","N":null,"T":1499405658657,"t":-1,"v":3,"I":8641984,"w":true,"m":false,"M":false,"O":1499405658657,"Z":"0.00000000","Y":"0.00000000","Q":"0.00000000","W":1499405658657,"V":"NONE"}"#;

    #[test]
    fn an_execution_report_names_the_symbol_to_reconcile() {
        let event = parse_user_event_text(EXECUTION_REPORT).unwrap();
        let item = UserStreamItem::Event(event);
        assert_eq!(symbol_of(&item), Some("ETHBTC"));
    }

    #[test]
    fn stream_housekeeping_names_no_symbol() {
        assert_eq!(symbol_of(&UserStreamItem::Disconnected), None);
        let subscribed = UserStreamItem::Subscribed {
            subscription_id: 1,
            connection: 1,
        };
        assert_eq!(symbol_of(&subscribed), None);
    }
}
