use livespot_domain::ProcessRole;

use crate::run_keys::Link;

pub fn default_links() -> Vec<Link> {
    let mut links = Vec::new();
    for role in ProcessRole::ALL {
        if *role != ProcessRole::Audit {
            links.push(Link::new(ProcessRole::Audit, *role));
        }
        if *role != ProcessRole::Launch {
            links.push(Link::new(ProcessRole::Launch, *role));
        }
    }
    links.push(Link::new(ProcessRole::Marketdata, ProcessRole::Strategy));
    links.push(Link::new(ProcessRole::Marketdata, ProcessRole::Risk));
    links.push(Link::new(ProcessRole::Risk, ProcessRole::Strategy));
    links.push(Link::new(ProcessRole::Executor, ProcessRole::Risk));
    links.push(Link::new(ProcessRole::Executor, ProcessRole::Strategy));
    links
}

pub fn allowed_connectors(links: &[Link], listener: ProcessRole) -> Vec<ProcessRole> {
    links
        .iter()
        .filter(|link| link.listener == listener)
        .map(|link| link.connector)
        .collect()
}
