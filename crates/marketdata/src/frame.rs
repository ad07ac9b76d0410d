use std::sync::{Arc, Mutex};

use livespot_binance::RestClient;

use crate::health_report::HealthReporter;
use livespot_binance::book::DepthUpdate;
use livespot_binance::streams::health::StreamHealth;
use livespot_domain::CorrelationIds;
use livespot_runtime::{ChildContext, ExitStatus};
use tokio::sync::{broadcast, mpsc, watch};
use tokio_util::sync::CancellationToken;

use crate::book_task::{BookTask, DIFF_QUEUE};
use crate::health_loop::{HealthLoop, Limits};
use crate::publisher::{PUBLISH_QUEUE, Publisher, accept_loop, bind};
use crate::rest_feed::RestFeed;
use crate::stream_feed::StreamFeed;
use crate::{MarketStore, MarketdataError, MarketdataSettings, Selection, client_config};

pub async fn run(context: ChildContext) -> ExitStatus {
    match start(&context) {
        Ok(()) => {
            context.link.follow_until_shutdown().await;
            ExitStatus::Success
        }
        Err(error) => {
            tracing::error!(reason = error.reason_code().as_str(), %error, "marketdata cannot start");
            ExitStatus::Fatal
        }
    }
}

fn start(context: &ChildContext) -> Result<(), MarketdataError> {
    let settings = MarketdataSettings::from_config(&context.config);
    let client_config = client_config(&context.keys, &context.config)?;
    let ws_url = client_config.ws_url.clone();
    let client =
        RestClient::new(client_config, None).map_err(|error| MarketdataError::RestSetup {
            detail: error.to_string(),
        })?;
    let listener = bind(context)?;
    let shutdown = context.link.shutdown();
    let store = Arc::new(Mutex::new(MarketStore::default()));
    let (selection_tx, selection_rx) = watch::channel(Selection::default());
    let (feed, _) = broadcast::channel(PUBLISH_QUEUE);
    let universe = livespot_replay::selection_from_config(&context.config).universe;
    let rest = RestFeed {
        client: client.clone(),
        store: Arc::clone(&store),
        settings: settings.clone(),
        universe,
        selection: selection_tx,
    };
    tokio::spawn(rest.run(shutdown.clone()));
    let limiter = Arc::clone(client.rate_limiter());
    let diffs = spawn_books(client, Arc::clone(&store), selection_rx.clone(), &shutdown);
    let streams = StreamFeed {
        ws_url,
        store: Arc::clone(&store),
        selection: selection_rx.clone(),
        diffs,
    }
    .start(shutdown.clone());
    let mut health = health_loop(context, &settings, Arc::clone(&store), streams);
    health.reporter = Some(HealthReporter::connect(context, limiter));
    tokio::spawn(health.run());
    tokio::spawn(accept_loop(listener, feed.clone(), shutdown.clone()));
    let publisher = Publisher {
        store,
        selection: selection_rx,
        feed,
        interval: settings.publish_interval,
        kline_count: usize::try_from(settings.kline_backfill).unwrap_or(usize::MAX),
        correlation: CorrelationIds::for_run(context.keys.run_id.clone()),
    };
    tokio::spawn(publisher.run(shutdown));
    tracing::info!(
        mode = context.keys.mode.as_str(),
        "marketdata following the venue"
    );
    Ok(())
}

fn spawn_books(
    client: RestClient,
    store: Arc<Mutex<MarketStore>>,
    selection: watch::Receiver<Selection>,
    shutdown: &CancellationToken,
) -> mpsc::Sender<DepthUpdate> {
    let (diffs, diff_rx) = mpsc::channel(DIFF_QUEUE);
    let books = BookTask {
        client,
        store,
        selection,
        diffs: diff_rx,
    };
    tokio::spawn(books.run(shutdown.clone()));
    diffs
}

fn health_loop(
    context: &ChildContext,
    settings: &MarketdataSettings,
    store: Arc<Mutex<MarketStore>>,
    streams: Arc<StreamHealth>,
) -> HealthLoop {
    HealthLoop {
        store,
        streams,
        limits: Limits {
            ws_stale: settings.ws_stale,
            rest_stale: settings.rest_stale,
            rest_latency_max: settings.rest_latency_max,
        },
        interval: settings.health_interval,
        link: context.link.clone(),
        reporter: None,
    }
}
