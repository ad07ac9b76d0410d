use std::net::{IpAddr, SocketAddr};

use tokio::net::TcpListener;

use crate::PanelError;

pub async fn bind_loopback(bind_address: &str, port: u16) -> Result<TcpListener, PanelError> {
    let ip: IpAddr = bind_address
        .parse()
        .map_err(|_| PanelError::BindNotLoopback {
            address: bind_address.to_owned(),
        })?;
    if !ip.is_loopback() {
        return Err(PanelError::BindNotLoopback {
            address: bind_address.to_owned(),
        });
    }
    let address = SocketAddr::new(ip, port);
    TcpListener::bind(address)
        .await
        .map_err(|error| PanelError::BindFailed {
            address: address.to_string(),
            detail: error.to_string(),
        })
}

pub fn served_hosts(local: SocketAddr) -> Vec<String> {
    vec![local.to_string()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn refuses_every_non_loopback_bind_address() {
        for address in ["0.0.0.0", "::", "192.168.1.10", "localhost", ""] {
            let refused = bind_loopback(address, 0).await;
            assert!(
                matches!(refused, Err(PanelError::BindNotLoopback { .. })),
                "{address} was not refused"
            );
        }
    }

    #[tokio::test]
    async fn binds_loopback_and_serves_only_its_own_host() {
        let listener = bind_loopback("127.0.0.1", 0).await.unwrap();
        let local = listener.local_addr().unwrap();
        assert!(local.ip().is_loopback());
        assert_eq!(
            served_hosts(local),
            vec![format!("127.0.0.1:{}", local.port())]
        );
    }
}
