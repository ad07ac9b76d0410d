use std::str::FromStr;

use rust_decimal::Decimal;

use crate::LedgerError;

pub fn parse<T: FromStr>(column: &str, text: &str) -> Result<T, LedgerError>
where
    T::Err: std::fmt::Display,
{
    text.parse::<T>()
        .map_err(|e| LedgerError::RowInvalid(format!("{column}={text}: {e}")))
}

pub fn decimal(column: &str, text: &str) -> Result<Decimal, LedgerError> {
    parse::<Decimal>(column, text)
}

pub fn optional_decimal(
    column: &str,
    text: Option<String>,
) -> Result<Option<Decimal>, LedgerError> {
    text.map(|t| decimal(column, &t)).transpose()
}

pub fn read_error(error: &rusqlite::Error) -> LedgerError {
    LedgerError::Read(error.to_string())
}
