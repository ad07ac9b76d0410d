use rusqlite::types::Value as SqlValue;
use rusqlite::{CachedStatement, Connection};

use crate::prepared::{Derived, PreparedEvent};
use crate::projection_spec::{Column, Guard, SPECS, TableSpec, specs_for};
use crate::record::EventRecord;

#[derive(Debug, Default)]
pub struct ProjectionCache {
    last_cycle_id: Option<String>,
}

impl ProjectionCache {
    pub fn forget(&mut self) {
        self.last_cycle_id = None;
    }

    fn cycle_is_new(&mut self, cycle_id: &str) -> bool {
        if self.last_cycle_id.as_deref() == Some(cycle_id) {
            return false;
        }
        self.last_cycle_id = Some(cycle_id.to_owned());
        true
    }

    fn admits(&mut self, guard: Guard, record: &EventRecord) -> bool {
        match guard {
            Guard::Always => true,
            Guard::HasRunId => record.ids.run_id.is_some(),
            Guard::NewCycle => record
                .ids
                .cycle_id
                .as_deref()
                .is_some_and(|cycle_id| self.cycle_is_new(cycle_id)),
        }
    }
}

pub struct Projector<'conn> {
    conn: &'conn Connection,
    statements: Vec<Option<CachedStatement<'conn>>>,
}

impl<'conn> Projector<'conn> {
    pub fn new(conn: &'conn Connection) -> Self {
        Self {
            conn,
            statements: SPECS.iter().map(|_| None).collect(),
        }
    }

    pub fn project(
        &mut self,
        cache: &mut ProjectionCache,
        event_id: i64,
        event: &PreparedEvent,
    ) -> rusqlite::Result<()> {
        let record = &event.record;
        let mut derived = event.derived.iter();
        for index in specs_for(&record.event_type) {
            let spec = &SPECS[*index];
            if !cache.admits(spec.guard, record) {
                let skipped = spec.columns.iter().filter(|c| c.is_derived()).count();
                derived.by_ref().take(skipped).for_each(drop);
                continue;
            }
            let statement = self.statement(*index)?;
            bind_row(statement, spec, event_id, event, &mut derived)?;
            statement.raw_execute()?;
        }
        Ok(())
    }

    fn statement(&mut self, index: usize) -> rusqlite::Result<&mut CachedStatement<'conn>> {
        let slot = &mut self.statements[index];
        if slot.is_none() {
            *slot = Some(self.conn.prepare_cached(SPECS[index].sql)?);
        }
        slot.as_mut()
            .ok_or(rusqlite::Error::InvalidParameterCount(index, SPECS.len()))
    }
}

fn bind_derived(
    statement: &mut CachedStatement<'_>,
    index: usize,
    event: &PreparedEvent,
    derived: Option<&Derived>,
) -> rusqlite::Result<()> {
    match derived {
        Some(Derived::Value(value)) => statement.raw_bind_parameter(index, value),
        Some(Derived::PayloadText(range)) => {
            statement.raw_bind_parameter(index, event.payload_text(range))
        }
        None => statement.raw_bind_parameter(index, SqlValue::Null),
    }
}

fn bind_row<'a>(
    statement: &mut CachedStatement<'_>,
    spec: &TableSpec,
    event_id: i64,
    event: &PreparedEvent,
    derived: &mut impl Iterator<Item = &'a Derived>,
) -> rusqlite::Result<()> {
    let record = &event.record;
    for (position, column) in spec.columns.iter().enumerate() {
        let index = position + 1;
        match column {
            Column::EventId => statement.raw_bind_parameter(index, event_id)?,
            Column::TsMs => statement.raw_bind_parameter(index, record.ts_ms)?,
            Column::Source => statement.raw_bind_parameter(index, record.source.as_str())?,
            Column::EventType => statement.raw_bind_parameter(index, record.event_type.as_str())?,
            Column::RunId => statement.raw_bind_parameter(index, record.ids.run_id.as_deref())?,
            Column::CycleId => {
                statement.raw_bind_parameter(index, record.ids.cycle_id.as_deref())?;
            }
            Column::SnapshotId => {
                statement.raw_bind_parameter(index, record.ids.snapshot_id.as_deref())?;
            }
            Column::DecisionId => {
                statement.raw_bind_parameter(index, record.ids.decision_id.as_deref())?;
            }
            Column::OrderIntentId => {
                statement.raw_bind_parameter(index, record.ids.order_intent_id.as_deref())?;
            }
            Column::ReasonCodes => {
                statement.raw_bind_parameter(index, record.reason_codes_joined())?;
            }
            Column::PayloadJson => {
                statement.raw_bind_parameter(index, record.payload_json.as_str())?;
            }
            _ => bind_derived(statement, index, event, derived.next())?,
        }
    }
    Ok(())
}
