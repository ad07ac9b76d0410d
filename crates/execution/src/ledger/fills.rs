use rusqlite::params;

use super::Ledger;
use super::records::FillRecord;
use super::text::{decimal, read_error};
use crate::LedgerError;

impl Ledger {
    pub fn record_fill(&mut self, fill: &FillRecord) -> Result<bool, LedgerError> {
        let inserted = self.conn()?.execute(
            "INSERT OR IGNORE INTO fills (symbol, trade_id, exchange_order_id, price, qty, commission, commission_asset, is_buyer, ts_ms) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![
                fill.symbol,
                fill.trade_id,
                fill.exchange_order_id,
                fill.price.to_string(),
                fill.qty.to_string(),
                fill.commission.to_string(),
                fill.commission_asset,
                fill.is_buyer,
                fill.ts_ms,
            ],
        )?;
        Ok(inserted == 1)
    }

    pub fn fills_for_order(
        &self,
        symbol: &str,
        exchange_order_id: i64,
    ) -> Result<Vec<FillRecord>, LedgerError> {
        let conn = self.conn()?;
        let mut stmt = conn.prepare("SELECT trade_id, price, qty, commission, commission_asset, is_buyer, ts_ms FROM fills WHERE symbol = ?1 AND exchange_order_id = ?2 ORDER BY trade_id")
            .map_err(|e| read_error(&e))?;
        let rows = stmt
            .query_map(params![symbol, exchange_order_id], |row| {
                Ok((
                    row.get::<_, i64>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, String>(3)?,
                    row.get::<_, String>(4)?,
                    row.get::<_, bool>(5)?,
                    row.get::<_, i64>(6)?,
                ))
            })
            .map_err(|e| read_error(&e))?;
        let mut out = Vec::new();
        for row in rows {
            let (trade_id, price, qty, commission, commission_asset, is_buyer, ts_ms) =
                row.map_err(|e| read_error(&e))?;
            out.push(FillRecord {
                symbol: symbol.to_owned(),
                trade_id,
                exchange_order_id,
                price: decimal("price", &price)?,
                qty: decimal("qty", &qty)?,
                commission: decimal("commission", &commission)?,
                commission_asset,
                is_buyer,
                ts_ms,
            });
        }
        Ok(out)
    }
}

impl Ledger {
    pub fn net_base_from_fills(
        &self,
        symbol: &str,
        base_asset: &str,
    ) -> Result<rust_decimal::Decimal, LedgerError> {
        let conn = self.conn()?;
        let mut stmt = conn
            .prepare(
                "SELECT qty, commission, commission_asset, is_buyer FROM fills WHERE symbol = ?1",
            )
            .map_err(|e| read_error(&e))?;
        let rows = stmt
            .query_map([symbol], |row| {
                Ok((
                    row.get::<_, String>(0)?,
                    row.get::<_, String>(1)?,
                    row.get::<_, String>(2)?,
                    row.get::<_, bool>(3)?,
                ))
            })
            .map_err(|e| read_error(&e))?;
        let mut net = rust_decimal::Decimal::ZERO;
        for row in rows {
            let (qty, commission, asset, is_buyer) = row.map_err(|e| read_error(&e))?;
            let qty = decimal("qty", &qty)?;
            net += if is_buyer { qty } else { -qty };
            if asset == base_asset {
                net -= decimal("commission", &commission)?;
            }
        }
        Ok(net)
    }
}
