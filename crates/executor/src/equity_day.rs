use std::path::{Path, PathBuf};

use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

const DAY_MS: i64 = 86_400_000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct EquityMarks {
    pub day_index: i64,
    #[serde(with = "rust_decimal::serde::str")]
    pub day_start: Decimal,
    #[serde(with = "rust_decimal::serde::str")]
    pub day_peak: Decimal,
}

impl EquityMarks {
    pub fn observe(previous: Option<Self>, equity: Decimal, now_ms: i64) -> Self {
        let day_index = now_ms.div_euclid(DAY_MS);
        match previous {
            Some(marks) if marks.day_index == day_index => Self {
                day_peak: marks.day_peak.max(equity),
                ..marks
            },
            _ => Self {
                day_index,
                day_start: equity,
                day_peak: equity,
            },
        }
    }
}

#[derive(Debug)]
pub struct EquityDay {
    path: PathBuf,
    marks: Option<EquityMarks>,
}

impl EquityDay {
    pub fn open(var_dir: &Path) -> Self {
        let path = var_dir.join("data").join("executor-equity-day.json");
        let marks = std::fs::read_to_string(&path)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok());
        Self { path, marks }
    }

    pub fn observe(&mut self, equity: Decimal, now_ms: i64) -> EquityMarks {
        let marks = EquityMarks::observe(self.marks, equity, now_ms);
        if self.marks != Some(marks) {
            self.marks = Some(marks);
            self.persist(marks);
        }
        marks
    }

    fn persist(&self, marks: EquityMarks) {
        let temporary = self.path.with_extension("json.tmp");
        let written = serde_json::to_string(&marks)
            .map_err(std::io::Error::other)
            .and_then(|text| std::fs::write(&temporary, text))
            .and_then(|()| std::fs::rename(&temporary, &self.path));
        if let Err(error) = written {
            tracing::warn!(reason = "EQUITY_DAY_NOT_PERSISTED", %error, "day start and peak equity kept in memory only");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn the_peak_rises_within_a_day_and_both_marks_reset_on_the_next() {
        let first = EquityMarks::observe(None, dec!(1000), 10);
        let higher = EquityMarks::observe(Some(first), dec!(1100), 20);
        let lower = EquityMarks::observe(Some(higher), dec!(900), 30);
        assert_eq!((lower.day_start, lower.day_peak), (dec!(1000), dec!(1100)));
        let next_day = EquityMarks::observe(Some(lower), dec!(950), DAY_MS + 5);
        assert_eq!(
            (next_day.day_start, next_day.day_peak),
            (dec!(950), dec!(950))
        );
    }

    #[test]
    fn the_marks_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("data")).unwrap();
        let mut day = EquityDay::open(dir.path());
        day.observe(dec!(500), 1);
        day.observe(dec!(700), 2);
        let mut reopened = EquityDay::open(dir.path());
        let marks = reopened.observe(dec!(600), 3);
        assert_eq!((marks.day_start, marks.day_peak), (dec!(500), dec!(700)));
    }
}
