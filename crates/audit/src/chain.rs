use rusqlite::{Connection, params};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChainHead {
    pub event_count: i64,
    pub head_hash: String,
}

pub fn load_head(conn: &Connection) -> rusqlite::Result<ChainHead> {
    conn.query_row(
        "SELECT event_count, head_hash FROM chain_head WHERE id = 1",
        [],
        |row| {
            Ok(ChainHead {
                event_count: row.get(0)?,
                head_hash: row.get(1)?,
            })
        },
    )
}

pub fn store_head(conn: &Connection, head: &ChainHead) -> rusqlite::Result<()> {
    conn.prepare_cached("UPDATE chain_head SET event_count = ?1, head_hash = ?2 WHERE id = 1")?
        .execute(params![head.event_count, head.head_hash])?;
    Ok(())
}
