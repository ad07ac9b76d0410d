use livespot_domain::{AuditEventType, Side};
use livespot_pipeline::Assessment;
use serde::Serialize;
use serde_json::json;

use crate::audit_out::{Auditor, Ids};
use crate::cycle::{CycleReport, SymbolOutcome};
use crate::cycle_select::ScanOutcome;

#[derive(Debug, Serialize)]
struct DecisionPayload<'a> {
    symbol: &'a str,
    side: Option<Side>,
    decision_hash: Option<&'a str>,
    entry: bool,
    assessment: &'a Assessment,
}

pub fn symbol_stages(assessment: &Assessment) -> Vec<&'static str> {
    let reached = [
        ("REGIME", assessment.regime.is_some()),
        ("MICROSTRUCTURE", assessment.features.is_some()),
        ("ENTRY_PLAN", assessment.entry.is_some()),
        ("EXIT_PLAN", assessment.exit.is_some()),
        ("EDGE", assessment.edge.is_some()),
        ("SIZING", assessment.size.is_some()),
    ];
    let mut stages: Vec<&'static str> = reached
        .iter()
        .filter(|(_, done)| *done)
        .map(|(stage, _)| *stage)
        .collect();
    stages.push(if assessment.is_entry() {
        "DECISION"
    } else {
        "BLOCKED"
    });
    stages
}

fn audit_scan(auditor: &Auditor, ids: &Ids, scan: &ScanOutcome) {
    let universe = json!({"universe": scan.universe, "excluded": scan.excluded}).to_string();
    auditor.stage(ids, "UNIVERSE_SCAN", None, &universe);
    let ranked: Vec<_> = scan
        .ranked
        .iter()
        .map(|r| (&r.symbol, r.score_x10000))
        .collect();
    auditor.stage(ids, "RANK", None, &json!({ "ranked": ranked }).to_string());
    auditor.stage(
        ids,
        "DEEP_SCAN",
        None,
        &json!({ "scores_x10000": scan.scores }).to_string(),
    );
    let watch = json!({
        "watchlist": scan.watchlist,
        "changes": scan.changes,
        "max_pairwise_correlation": scan.max_pairwise_correlation,
    })
    .to_string();
    auditor.stage(ids, "WATCHLIST", None, &watch);
}

pub fn outcome_ids(report: &CycleReport, outcome: &SymbolOutcome) -> Ids {
    Ids {
        cycle_id: Some(report.cycle_id.clone()),
        snapshot_id: Some(outcome.snapshot_id.clone()),
        decision_id: outcome
            .assessment
            .decision
            .as_ref()
            .map(|d| d.decision_id.clone()),
    }
}

fn audit_outcome(auditor: &Auditor, ids: &Ids, outcome: &SymbolOutcome) {
    let snapshot = json!({"symbol": outcome.symbol, "snapshot_hash": outcome.snapshot_hash});
    auditor.emit(AuditEventType::Snapshot, ids, Vec::new(), &snapshot);
    let assessment = &outcome.assessment;
    for stage in symbol_stages(assessment) {
        auditor.stage(ids, stage, Some(&outcome.symbol), "");
    }
    let reasons = match &assessment.decision {
        Some(decision) => decision.reason_codes.clone(),
        None => assessment.reason_codes.clone(),
    };
    let payload = DecisionPayload {
        symbol: &outcome.symbol,
        side: assessment.decision.as_ref().map(|d| d.side),
        decision_hash: assessment.decision_hash.as_deref(),
        entry: assessment.is_entry(),
        assessment,
    };
    auditor.emit(AuditEventType::Decision, ids, reasons, &payload);
}

pub fn audit_report(auditor: &Auditor, report: &CycleReport) {
    let cycle_ids = Ids {
        cycle_id: Some(report.cycle_id.clone()),
        ..Ids::default()
    };
    if let Some(scan) = &report.scan {
        audit_scan(auditor, &cycle_ids, scan);
    }
    for outcome in &report.outcomes {
        audit_outcome(auditor, &outcome_ids(report, outcome), outcome);
    }
}
