mod canonical;
mod chain;
mod chain_hasher;
mod checkpoint;
mod checkpointer;
mod client;
mod day;
mod disk;
mod error;
mod fault_board;
mod health;
mod jsonl;
mod jsonl_recover;
mod migrate;
pub mod panel_queries;
mod payload;
mod payload_scan;
mod platform;
mod prepared;
mod process;
mod project;
mod projection_spec;
mod projection_tables;
mod projection_tables_exec;
mod queue;
mod read_conn;
mod read_model;
mod record;
mod redact;
mod rows;
mod self_events;
mod server;
mod settings;
mod spool;
mod spool_durable;
mod stats;
mod store;
mod trail_follower;
mod verify;
mod verify_cmd;
mod verify_projection;
mod writer;
mod writer_loop;

pub use chain::ChainHead;
pub use checkpoint::{
    CheckpointKind, CheckpointPolicy, CheckpointReport, PeriodicCheckpoint, file_bytes, wal_path,
};
pub use client::{
    AuditClient, AuditLink, CLIENT_SEND_CHUNK, RECONNECT_FIRST_DELAY, RECONNECT_MAX_DELAY,
};
pub use day::utc_day;
pub use disk::{
    CLEAN_REPORTS_PER_CONDITION, DiskFree, DiskLevel, DiskSignal, DiskThresholds, DiskWatch,
    FixedDiskFree, OsDiskFree,
};
pub use error::AuditError;
pub use health::{HealthMonitor, HealthSample, HealthTick};
pub use jsonl::{jsonl_path, logs_dir};
pub use jsonl_recover::trail_files;
pub use migrate::{
    AUDIT_DB_RELATIVE, LATEST_SCHEMA_VERSION, MigrateOutcome, audit_db_path, ensure_schema_current,
    migrate_store,
};
pub use prepared::PreparedEvent;
pub use process::run;
pub use queue::{AckReceiver, QueueConfig, WriterHandle, WriterService};
pub use read_conn::open_read_only;
pub use read_model::{ActiveAlert, AuditReader, HealthRow, IntentRow, StageChange, TimelineEntry};
pub use record::{EventIds, EventRecord, GENESIS_HASH};
pub use redact::{REDACTED, TrailPayload, redacted_payload, trail_payload};
pub use rows::StoredEvent;
pub use self_events::{AUDIT_SENDER, SelfEvents};
pub use server::{ACK_PIPELINE, ServerConfig, serve, serve_connection};
pub use settings::AuditSettings;
pub use spool::{AuditSpool, MemorySpool};
pub use spool_durable::DurableSpool;
pub use stats::{StatsSnapshot, WriterStats};
pub use store::{Ack, BatchOutcome, StoreWriter, WRITER_CACHE_KIB, WrittenEvent};
pub use trail_follower::TrailFollower;
pub use verify::{BrokenRow, ChainBreak, VerifyReport, verify_connection, verify_store};
pub use verify_cmd::run_verify;
pub use writer::AuditWriter;
pub use writer_loop::{BACKLOG_COMMIT_FACTOR, TRAIL_PIPELINE_BATCHES};
