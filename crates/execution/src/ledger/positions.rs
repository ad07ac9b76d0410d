use livespot_domain::{PositionState, TransitionRejected};
use rusqlite::{OptionalExtension, params};
use rust_decimal::Decimal;

use super::Ledger;
use super::records::PositionRecord;
use super::text::{decimal, parse, read_error};
use crate::LedgerError;

impl Ledger {
    pub fn position(&self, order_intent_id: &str) -> Result<Option<PositionRecord>, LedgerError> {
        let row = self
            .conn()?
            .query_row(
                "SELECT symbol, state, base_qty FROM positions WHERE order_intent_id = ?1",
                [order_intent_id],
                |row| {
                    Ok((
                        row.get::<_, String>(0)?,
                        row.get::<_, String>(1)?,
                        row.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| read_error(&e))?;
        row.map(|(symbol, state, base_qty)| {
            Ok(PositionRecord {
                order_intent_id: order_intent_id.to_owned(),
                symbol,
                state: parse("state", &state)?,
                base_qty: decimal("base_qty", &base_qty)?,
            })
        })
        .transpose()
    }

    pub fn positions_in_state(
        &self,
        state: PositionState,
    ) -> Result<Vec<PositionRecord>, LedgerError> {
        let conn = self.conn()?;
        let mut stmt = conn
            .prepare(
                "SELECT order_intent_id FROM positions WHERE state = ?1 ORDER BY order_intent_id",
            )
            .map_err(|e| read_error(&e))?;
        let ids = stmt
            .query_map([state.as_str()], |row| row.get::<_, String>(0))
            .map_err(|e| read_error(&e))?
            .collect::<Result<Vec<String>, _>>()
            .map_err(|e| read_error(&e))?;
        drop(stmt);
        drop(conn);
        let mut out = Vec::new();
        for id in ids {
            out.extend(self.position(&id)?);
        }
        Ok(out)
    }

    pub fn advance_position(
        &mut self,
        order_intent_id: &str,
        symbol: &str,
        step: impl FnOnce(PositionState) -> Result<PositionState, TransitionRejected>,
        base_qty: Decimal,
        now_ms: i64,
    ) -> Result<PositionState, LedgerError> {
        let from = self
            .position(order_intent_id)?
            .map_or(PositionState::Flat, |p| p.state);
        let to = step(from).map_err(LedgerError::Transition)?;
        self.conn()?.execute(
            "INSERT INTO positions (order_intent_id, symbol, state, base_qty, updated_ts_ms) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (order_intent_id) DO UPDATE SET state = excluded.state, base_qty = excluded.base_qty, updated_ts_ms = excluded.updated_ts_ms",
            params![order_intent_id, symbol, to.as_str(), base_qty.to_string(), now_ms],
        )?;
        Ok(to)
    }
}
