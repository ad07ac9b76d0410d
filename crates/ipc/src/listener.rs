use std::sync::Arc;

use interprocess::local_socket::ListenerOptions;
use interprocess::local_socket::tokio::{Listener as SocketListener, Stream};
use interprocess::local_socket::traits::tokio::Listener as _;
use livespot_domain::{ProcessRole, ReasonCode};
use tokio::sync::{Semaphore, mpsc};
use tokio::task::JoinHandle;

use crate::connection::Connection;
use crate::endpoint::Endpoint;
use crate::error::IpcError;
use crate::handshake::listener_handshake;
use crate::limits::{DEFAULT_ACCEPT_QUEUE, DEFAULT_REJECTION_QUEUE, IpcLimits};
use crate::platform::{listener_name, prepare_listen_dir};
use crate::rejection::Rejection;
use crate::run_keys::RunKeys;

pub type AuthenticatedConnection = Connection;

const ACCEPT_ERROR_PAUSE: std::time::Duration = std::time::Duration::from_millis(50);

#[derive(Debug)]
pub struct Listener {
    endpoint: Endpoint,
    accepted: mpsc::Receiver<Connection>,
    rejections: Option<mpsc::Receiver<Rejection>>,
    accept_loop: JoinHandle<()>,
}

#[derive(Debug)]
struct AcceptContext {
    keys: RunKeys,
    allowlist: Vec<ProcessRole>,
    limits: IpcLimits,
    accepted: mpsc::Sender<Connection>,
    rejections: mpsc::Sender<Rejection>,
}

impl Listener {
    pub fn bind(
        endpoint: Endpoint,
        allowlist: Vec<ProcessRole>,
        keys: RunKeys,
        limits: IpcLimits,
    ) -> Result<Self, IpcError> {
        if endpoint.role() != keys.role {
            return Err(IpcError::BindFailed(format!(
                "endpoint belongs to {} but the keys are for {}",
                endpoint.role().as_str(),
                keys.role.as_str()
            )));
        }
        prepare_listen_dir(&endpoint)?;
        let socket = ListenerOptions::new()
            .name(listener_name(&endpoint)?)
            .try_overwrite(true)
            .create_tokio()
            .map_err(|error| IpcError::BindFailed(format!("{endpoint}: {error}")))?;
        let (accepted_tx, accepted) = mpsc::channel(DEFAULT_ACCEPT_QUEUE);
        let (rejections_tx, rejections) = mpsc::channel(DEFAULT_REJECTION_QUEUE);
        let context = Arc::new(AcceptContext {
            keys,
            allowlist,
            limits,
            accepted: accepted_tx,
            rejections: rejections_tx,
        });
        let accept_loop = tokio::spawn(accept_loop(socket, context));
        Ok(Self {
            endpoint,
            accepted,
            rejections: Some(rejections),
            accept_loop,
        })
    }

    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    pub async fn accept(&mut self) -> Result<AuthenticatedConnection, IpcError> {
        self.accepted.recv().await.ok_or(IpcError::ListenerClosed)
    }

    pub fn take_rejections(&mut self) -> Option<mpsc::Receiver<Rejection>> {
        self.rejections.take()
    }
}

impl Drop for Listener {
    fn drop(&mut self) {
        self.accept_loop.abort();
    }
}

async fn accept_loop(socket: SocketListener, context: Arc<AcceptContext>) {
    let pending = Arc::new(Semaphore::new(context.limits.max_pending_handshakes.max(1)));
    loop {
        let Ok(permit) = Arc::clone(&pending).acquire_owned().await else {
            return;
        };
        match socket.accept().await {
            Ok(stream) => {
                let context = Arc::clone(&context);
                tokio::spawn(async move {
                    authenticate(stream, &context).await;
                    drop(permit);
                });
            }
            Err(error) => {
                tracing::warn!(
                    reason = ReasonCode::IpcConnectFailed.as_str(),
                    %error,
                    "accept failed"
                );
                tokio::time::sleep(ACCEPT_ERROR_PAUSE).await;
            }
        }
        if context.accepted.is_closed() {
            return;
        }
    }
}

async fn authenticate(mut stream: Stream, context: &AcceptContext) {
    let outcome = listener_handshake(
        &mut stream,
        &context.keys,
        &context.allowlist,
        context.limits.handshake_timeout,
    )
    .await;
    match outcome {
        Ok(peer) => {
            let connection = Connection::new(stream, context.keys.role, peer, context.limits.frame);
            if context.accepted.send(connection).await.is_err() {
                tracing::debug!("listener dropped before connection was taken");
            }
        }
        Err(failure) => report(
            Rejection::from_failure(context.keys.role, &failure),
            context,
        ),
    }
}

fn report(rejection: Rejection, context: &AcceptContext) {
    tracing::warn!(
        reason = rejection.reason.as_str(),
        listener = rejection.listener.as_str(),
        claimed_role = rejection.claimed_role.map(ProcessRole::as_str),
        detail = %rejection.detail,
        "IPC peer rejected"
    );
    if context.rejections.try_send(rejection).is_err() {
        tracing::debug!("rejection queue full or not taken");
    }
}
