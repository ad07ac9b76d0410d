use livespot_domain::{ProcessRole, ReasonCode, SysMode};

pub fn audit_event(event_type: &str, source: ProcessRole, reasons: &[ReasonCode], detail: &str) {
    let codes: Vec<&str> = reasons.iter().map(|reason| reason.as_str()).collect();
    tracing::info!(
        audit_event = event_type,
        source = source.as_str(),
        reason_codes = ?codes,
        detail,
        "audit event"
    );
    crate::audit_sink::send_audit(event_type, source, reasons, detail);
}

pub fn console_stage(stage: &str, reason: &str) {
    println!("livespot-launch: stage={stage} {reason}");
    tracing::info!(stage, reason, "stage");
}

pub fn console_mode(from: SysMode, to: SysMode, reasons: &[ReasonCode]) {
    let codes: Vec<&str> = reasons.iter().map(|reason| reason.as_str()).collect();
    println!(
        "livespot-launch: mode {} -> {} reasons={codes:?}",
        from.as_str(),
        to.as_str()
    );
}
