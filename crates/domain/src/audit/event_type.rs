use crate::text_enum::text_enum;

text_enum!(AuditEventType, ContractUnknownVariant, {
    RunStarted => "RUN_STARTED",
    RunEnded => "RUN_ENDED",
    ConfigLoaded => "CONFIG_LOADED",
    StageChanged => "STAGE_CHANGED",
    AlertRaised => "ALERT_RAISED",
    AlertCleared => "ALERT_CLEARED",
    ConditionRaised => "CONDITION_RAISED",
    ConditionCleared => "CONDITION_CLEARED",
    ModeChanged => "MODE_CHANGED",
    LiveRefused => "LIVE_REFUSED",
    ProcessStarted => "PROCESS_STARTED",
    ProcessExited => "PROCESS_EXITED",
    ProcessRestarted => "PROCESS_RESTARTED",
    ProcessHealth => "PROCESS_HEALTH",
    IpcAuthRejected => "IPC_AUTH_REJECTED",
    IpcContractViolation => "IPC_CONTRACT_VIOLATION",
    CycleStarted => "CYCLE_STARTED",
    CycleEnded => "CYCLE_ENDED",
    Snapshot => "SNAPSHOT",
    Decision => "DECISION",
    AigateCall => "AIGATE_CALL",
    RiskVerdict => "RISK_VERDICT",
    IntentSigned => "INTENT_SIGNED",
    IntentRefused => "INTENT_REFUSED",
    IntentState => "INTENT_STATE",
    Order => "ORDER",
    Fill => "FILL",
    Position => "POSITION",
    ProtectionInstalled => "PROTECTION_INSTALLED",
    ReconcileRest => "RECONCILE_REST",
    ReconcileDiff => "RECONCILE_DIFF",
    AuditPressure => "AUDIT_PRESSURE",
    AccountState => "ACCOUNT_STATE",
});

impl AuditEventType {
    pub const fn requires_reason_codes(self) -> bool {
        matches!(
            self,
            AuditEventType::AlertRaised
                | AuditEventType::ConditionRaised
                | AuditEventType::ModeChanged
                | AuditEventType::LiveRefused
                | AuditEventType::IpcAuthRejected
                | AuditEventType::IpcContractViolation
                | AuditEventType::IntentRefused
        )
    }
}
