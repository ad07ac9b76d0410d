use livespot_domain::{
    ClientOrderId, IntentKind, IntentState, OrderIntent, PositionState, ReasonCode,
    TransitionRejected,
};
use rusqlite::{OptionalExtension, Row, params};
use rust_decimal::Decimal;

use super::Ledger;
use super::orders::insert_pending_order_in;
use super::records::OrderRecord;
use super::records::{IntentPlans, IntentRecord};
use super::text::{decimal, optional_decimal, parse, read_error};
use crate::LedgerError;

const INTENT_COLUMNS: &str = "order_intent_id, decision_id, client_order_id, symbol, side, kind, \
     quantity, price, state, send_attempts, plans_json, created_ts_ms";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewIntentRow<'a> {
    pub intent: &'a OrderIntent,
    pub client_order_id: &'a ClientOrderId,
    pub quantity: Decimal,
    pub price: Option<Decimal>,
    pub opens_position: bool,
}

fn kind_text(kind: IntentKind) -> &'static str {
    match kind {
        IntentKind::Entry => "ENTRY",
        IntentKind::Exit => "EXIT",
        IntentKind::Protect => "PROTECT",
    }
}

fn parse_kind(text: &str) -> Result<IntentKind, LedgerError> {
    match text {
        "ENTRY" => Ok(IntentKind::Entry),
        "EXIT" => Ok(IntentKind::Exit),
        "PROTECT" => Ok(IntentKind::Protect),
        other => Err(LedgerError::RowInvalid(format!("kind={other}"))),
    }
}

fn intent_from_row(row: &Row<'_>) -> Result<IntentRecord, LedgerError> {
    let get_text = |i: usize| row.get::<_, String>(i).map_err(|e| read_error(&e));
    let plans_json = get_text(10)?;
    let plans: IntentPlans = serde_json::from_str(&plans_json)
        .map_err(|e| LedgerError::RowInvalid(format!("plans_json: {e}")))?;
    Ok(IntentRecord {
        order_intent_id: get_text(0)?,
        decision_id: get_text(1)?,
        client_order_id: parse("client_order_id", &get_text(2)?)?,
        symbol: get_text(3)?,
        side: parse("side", &get_text(4)?)?,
        kind: parse_kind(&get_text(5)?)?,
        quantity: decimal("quantity", &get_text(6)?)?,
        price: optional_decimal("price", row.get(7).map_err(|e| read_error(&e))?)?,
        state: parse("state", &get_text(8)?)?,
        send_attempts: row.get(9).map_err(|e| read_error(&e))?,
        plans,
        created_ts_ms: row.get(11).map_err(|e| read_error(&e))?,
    })
}

impl Ledger {
    pub fn insert_created(
        &mut self,
        new: &NewIntentRow<'_>,
        now_ms: i64,
    ) -> Result<IntentRecord, LedgerError> {
        self.insert_intent(new, None, now_ms)
    }

    pub fn insert_created_and_sent(
        &mut self,
        new: &NewIntentRow<'_>,
        order: &OrderRecord,
        now_ms: i64,
    ) -> Result<IntentRecord, LedgerError> {
        self.insert_intent(new, Some(order), now_ms)
    }

    fn insert_intent(
        &mut self,
        new: &NewIntentRow<'_>,
        sent_with: Option<&OrderRecord>,
        now_ms: i64,
    ) -> Result<IntentRecord, LedgerError> {
        let intent = new.intent;
        let id = intent.order_intent_id.as_str();
        if self.find_intent(id)?.is_some() {
            return Err(LedgerError::IntentDuplicate(id.to_owned()));
        }
        let plans = IntentPlans {
            entry_plan: intent.entry_plan.clone(),
            exit_plan: intent.exit_plan.clone(),
        };
        let plans_json =
            serde_json::to_string(&plans).map_err(|e| LedgerError::Write(e.to_string()))?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        tx.execute(
            &format!("INSERT INTO intents ({INTENT_COLUMNS}, updated_ts_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, 0, ?10, ?11, ?11)"),
            params![
                id,
                intent.decision_id.as_str(),
                new.client_order_id.as_str(),
                intent.symbol.as_str(),
                intent.side.as_str(),
                kind_text(intent.kind),
                new.quantity.to_string(),
                new.price.map(|p| p.to_string()),
                IntentState::Created.as_str(),
                plans_json,
                now_ms,
            ],
        )?;
        tx.execute(
            "INSERT INTO intent_transitions (order_intent_id, from_state, to_state, reason, ts_ms) VALUES (?1, NULL, ?2, NULL, ?3)",
            params![id, IntentState::Created.as_str(), now_ms],
        )?;
        write_followups(&tx, new, sent_with, now_ms)?;
        tx.commit()?;
        drop(conn);
        self.intent(id)
    }

    pub fn find_intent(&self, id: &str) -> Result<Option<IntentRecord>, LedgerError> {
        let sql = format!("SELECT {INTENT_COLUMNS} FROM intents WHERE order_intent_id = ?1");
        self.conn()?
            .query_row(&sql, [id], |row| Ok(intent_from_row(row)))
            .optional()
            .map_err(|e| read_error(&e))?
            .transpose()
    }

    pub fn intent(&self, id: &str) -> Result<IntentRecord, LedgerError> {
        self.find_intent(id)?
            .ok_or_else(|| LedgerError::IntentUnknown(id.to_owned()))
    }

    pub fn intents_in_states(
        &self,
        states: &[IntentState],
    ) -> Result<Vec<IntentRecord>, LedgerError> {
        let sql =
            format!("SELECT {INTENT_COLUMNS} FROM intents ORDER BY created_ts_ms, order_intent_id");
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&sql).map_err(|e| read_error(&e))?;
        let rows = stmt
            .query_map([], |row| Ok(intent_from_row(row)))
            .map_err(|e| read_error(&e))?;
        let mut out = Vec::new();
        for row in rows {
            let record = row.map_err(|e| read_error(&e))??;
            if states.contains(&record.state) {
                out.push(record);
            }
        }
        Ok(out)
    }

    pub fn unresolved_intents(&self) -> Result<Vec<IntentRecord>, LedgerError> {
        self.intents_in_states(&[
            IntentState::Created,
            IntentState::Sent,
            IntentState::SentUnknown,
        ])
    }

    pub fn transition_intent(
        &mut self,
        id: &str,
        step: impl FnOnce(IntentState) -> Result<IntentState, TransitionRejected>,
        reason: Option<ReasonCode>,
        now_ms: i64,
    ) -> Result<IntentState, LedgerError> {
        let from = self.intent(id)?.state;
        let to = step(from).map_err(LedgerError::Transition)?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        write_transition(&tx, id, from, to, reason, now_ms)?;
        tx.commit()?;
        Ok(to)
    }

    pub fn mark_sent_with_order(
        &mut self,
        id: &str,
        order: &OrderRecord,
        now_ms: i64,
    ) -> Result<IntentState, LedgerError> {
        let from = self.intent(id)?.state;
        let to = from.mark_sent().map_err(LedgerError::Transition)?;
        let mut conn = self.conn()?;
        let tx = conn.transaction()?;
        insert_pending_order_in(&tx, order, now_ms)?;
        write_transition(&tx, id, from, to, None, now_ms)?;
        tx.commit()?;
        Ok(to)
    }

    pub fn intent_history(&self, id: &str) -> Result<Vec<IntentState>, LedgerError> {
        let conn = self.conn()?;
        let mut stmt = conn
            .prepare(
                "SELECT to_state FROM intent_transitions WHERE order_intent_id = ?1 ORDER BY id",
            )
            .map_err(|e| read_error(&e))?;
        let rows = stmt
            .query_map([id], |row| row.get::<_, String>(0))
            .map_err(|e| read_error(&e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(parse("to_state", &row.map_err(|e| read_error(&e))?)?);
        }
        Ok(out)
    }
}

fn write_transition(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    from: IntentState,
    to: IntentState,
    reason: Option<ReasonCode>,
    now_ms: i64,
) -> Result<(), LedgerError> {
    let attempts_delta = i64::from(to == IntentState::Sent);
    tx.execute(
        "UPDATE intents SET state = ?2, send_attempts = send_attempts + ?3, updated_ts_ms = ?4 WHERE order_intent_id = ?1",
        params![id, to.as_str(), attempts_delta, now_ms],
    )?;
    tx.execute(
        "INSERT INTO intent_transitions (order_intent_id, from_state, to_state, reason, ts_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
        params![id, from.as_str(), to.as_str(), reason.map(ReasonCode::as_str), now_ms],
    )?;
    Ok(())
}

fn write_followups(
    tx: &rusqlite::Transaction<'_>,
    new: &NewIntentRow<'_>,
    sent_with: Option<&OrderRecord>,
    now_ms: i64,
) -> Result<(), LedgerError> {
    let id = new.intent.order_intent_id.as_str();
    let intent = new.intent;
    if new.opens_position {
        let entering = PositionState::Flat
            .start_entry()
            .map_err(LedgerError::Transition)?;
        tx.execute(
            "INSERT INTO positions (order_intent_id, symbol, state, base_qty, updated_ts_ms) VALUES (?1, ?2, ?3, '0', ?4)",
            params![id, intent.symbol.as_str(), entering.as_str(), now_ms],
        )?;
    }
    if let Some(order) = sent_with {
        let sent = IntentState::Created
            .mark_sent()
            .map_err(LedgerError::Transition)?;
        insert_pending_order_in(tx, order, now_ms)?;
        write_transition(tx, id, IntentState::Created, sent, None, now_ms)?;
    }
    Ok(())
}
