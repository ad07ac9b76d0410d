use livespot_domain::OrderStatus;
use rusqlite::{OptionalExtension, Row, params};

use super::Ledger;
use super::records::{OrderRecord, OrderReport};
use super::text::{decimal, optional_decimal, parse, read_error};
use crate::LedgerError;

const ORDER_COLUMNS: &str = "client_order_id, order_intent_id, purpose, symbol, side, order_type, \
     exchange_order_id, order_list_id, status, orig_qty, price, executed_qty, cummulative_quote_qty";

fn order_from_row(row: &Row<'_>) -> Result<OrderRecord, LedgerError> {
    let text = |i: usize| row.get::<_, String>(i).map_err(|e| read_error(&e));
    Ok(OrderRecord {
        client_order_id: text(0)?,
        order_intent_id: text(1)?,
        purpose: text(2)?,
        symbol: text(3)?,
        side: parse("side", &text(4)?)?,
        order_type: text(5)?,
        exchange_order_id: row.get(6).map_err(|e| read_error(&e))?,
        order_list_id: row.get(7).map_err(|e| read_error(&e))?,
        status: parse("status", &text(8)?)?,
        orig_qty: decimal("orig_qty", &text(9)?)?,
        price: optional_decimal("price", row.get(10).map_err(|e| read_error(&e))?)?,
        executed_qty: decimal("executed_qty", &text(11)?)?,
        cummulative_quote_qty: decimal("cummulative_quote_qty", &text(12)?)?,
    })
}

pub fn next_status(from: OrderStatus, to: OrderStatus) -> Result<OrderStatus, LedgerError> {
    if from == to {
        return Ok(to);
    }
    from.transition_to(to).map_err(LedgerError::Transition)
}

pub(super) fn insert_pending_order_in(
    conn: &rusqlite::Connection,
    order: &OrderRecord,
    now_ms: i64,
) -> Result<bool, LedgerError> {
    let inserted = conn.execute(
        &format!("INSERT OR IGNORE INTO orders ({ORDER_COLUMNS}, created_ts_ms, updated_ts_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)"),
        params![
            order.client_order_id,
            order.order_intent_id,
            order.purpose,
            order.symbol,
            order.side.as_str(),
            order.order_type,
            order.exchange_order_id,
            order.order_list_id,
            OrderStatus::PendingNew.as_str(),
            order.orig_qty.to_string(),
            order.price.map(|p| p.to_string()),
            order.executed_qty.to_string(),
            order.cummulative_quote_qty.to_string(),
            now_ms,
        ],
    )?;
    Ok(inserted == 1)
}

impl Ledger {
    pub fn insert_pending_order(
        &mut self,
        order: &OrderRecord,
        now_ms: i64,
    ) -> Result<bool, LedgerError> {
        insert_pending_order_in(&*self.conn()?, order, now_ms)
    }

    pub fn apply_order_report(
        &mut self,
        client_order_id: &str,
        report: &OrderReport,
        now_ms: i64,
    ) -> Result<OrderStatus, LedgerError> {
        let current = self
            .order(client_order_id)?
            .ok_or_else(|| LedgerError::IntentUnknown(format!("order {client_order_id}")))?;
        let status = next_status(current.status, report.status)?;
        self.conn()?.execute(
            "UPDATE orders SET status = ?2, exchange_order_id = ?3, order_list_id = COALESCE(?4, order_list_id), executed_qty = ?5, cummulative_quote_qty = ?6, updated_ts_ms = ?7 WHERE client_order_id = ?1",
            params![
                client_order_id,
                status.as_str(),
                report.exchange_order_id,
                report.order_list_id,
                report.executed_qty.to_string(),
                report.cummulative_quote_qty.to_string(),
                now_ms,
            ],
        )?;
        Ok(status)
    }

    pub fn mark_order_never_placed(
        &mut self,
        client_order_id: &str,
        now_ms: i64,
    ) -> Result<OrderStatus, LedgerError> {
        let current = self
            .order(client_order_id)?
            .ok_or_else(|| LedgerError::IntentUnknown(format!("order {client_order_id}")))?;
        let status = next_status(current.status, OrderStatus::Rejected)?;
        self.conn()?.execute(
            "UPDATE orders SET status = ?2, updated_ts_ms = ?3 WHERE client_order_id = ?1",
            params![client_order_id, status.as_str(), now_ms],
        )?;
        Ok(status)
    }

    pub fn order(&self, client_order_id: &str) -> Result<Option<OrderRecord>, LedgerError> {
        let sql = format!("SELECT {ORDER_COLUMNS} FROM orders WHERE client_order_id = ?1");
        self.conn()?
            .query_row(&sql, [client_order_id], |row| Ok(order_from_row(row)))
            .optional()
            .map_err(|e| read_error(&e))?
            .transpose()
    }

    fn orders_where(&self, filter: &str, arg: &str) -> Result<Vec<OrderRecord>, LedgerError> {
        let sql = format!(
            "SELECT {ORDER_COLUMNS} FROM orders WHERE {filter} ORDER BY created_ts_ms, client_order_id"
        );
        let conn = self.conn()?;
        let mut stmt = conn.prepare(&sql).map_err(|e| read_error(&e))?;
        let rows = stmt
            .query_map([arg], |row| Ok(order_from_row(row)))
            .map_err(|e| read_error(&e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(|e| read_error(&e))??);
        }
        Ok(out)
    }

    pub fn orders_for_intent(
        &self,
        order_intent_id: &str,
    ) -> Result<Vec<OrderRecord>, LedgerError> {
        self.orders_where("order_intent_id = ?1", order_intent_id)
    }

    pub fn order_by_exchange_id(
        &self,
        exchange_order_id: i64,
    ) -> Result<Option<OrderRecord>, LedgerError> {
        Ok(self
            .orders_where("exchange_order_id = ?1", &exchange_order_id.to_string())?
            .into_iter()
            .next())
    }

    pub fn orders_for_symbol(&self, symbol: &str) -> Result<Vec<OrderRecord>, LedgerError> {
        self.orders_where("symbol = ?1", symbol)
    }

    pub fn open_orders_for_symbol(&self, symbol: &str) -> Result<Vec<OrderRecord>, LedgerError> {
        Ok(self
            .orders_for_symbol(symbol)?
            .into_iter()
            .filter(|o| !o.status.is_terminal())
            .collect())
    }
}
