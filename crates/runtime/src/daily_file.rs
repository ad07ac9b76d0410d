use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

pub const SECONDS_PER_DAY: i64 = 86_400;

#[derive(Debug)]
pub struct DailyLogFile {
    dir: PathBuf,
    name: String,
    day: i64,
    file: Option<File>,
}

pub fn utc_day_of(time: SystemTime) -> i64 {
    let seconds = time.duration_since(UNIX_EPOCH).map_or(0, |elapsed| {
        i64::try_from(elapsed.as_secs()).unwrap_or(i64::MAX)
    });
    seconds.div_euclid(SECONDS_PER_DAY)
}

pub fn civil_date(days_since_epoch: i64) -> String {
    let z = days_since_epoch + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn open_append(path: &Path) -> io::Result<File> {
    OpenOptions::new().create(true).append(true).open(path)
}

impl DailyLogFile {
    pub fn open(dir: &Path, name: &str) -> io::Result<Self> {
        Self::open_on(dir, name, utc_day_of(SystemTime::now()))
    }

    pub fn current_path(dir: &Path, name: &str) -> PathBuf {
        dir.join(format!("{name}.log"))
    }

    pub fn rotated_path(dir: &Path, name: &str, day: i64) -> PathBuf {
        dir.join(format!("{name}.{}.log", civil_date(day)))
    }

    fn open_on(dir: &Path, name: &str, today: i64) -> io::Result<Self> {
        let current = Self::current_path(dir, name);
        let existing_day = std::fs::metadata(&current)
            .and_then(|meta| meta.modified())
            .ok()
            .map(utc_day_of);
        if let Some(day) = existing_day.filter(|day| *day < today) {
            std::fs::rename(&current, Self::rotated_path(dir, name, day))?;
        }
        Ok(Self {
            dir: dir.to_path_buf(),
            name: name.to_owned(),
            day: today,
            file: Some(open_append(&current)?),
        })
    }

    fn rotate_if_needed(&mut self, today: i64) -> io::Result<()> {
        if today <= self.day {
            return Ok(());
        }
        if let Some(mut previous) = self.file.take() {
            previous.flush()?;
        }
        let current = Self::current_path(&self.dir, &self.name);
        let moved = std::fs::rename(
            &current,
            Self::rotated_path(&self.dir, &self.name, self.day),
        );
        self.file = Some(open_append(&current)?);
        self.day = today;
        moved
    }

    pub fn write_on(&mut self, today: i64, buf: &[u8]) -> io::Result<usize> {
        self.rotate_if_needed(today)?;
        match self.file.as_mut() {
            Some(file) => file.write(buf),
            None => Err(io::Error::other("log file closed")),
        }
    }
}

impl Write for DailyLogFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_on(utc_day_of(SystemTime::now()), buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.as_mut().map_or(Ok(()), Write::flush)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_match_the_calendar() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(19_000), "2022-01-08");
        assert_eq!(civil_date(20_416), "2025-11-24");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(-1), "1969-12-31");
    }

    #[test]
    fn a_new_day_moves_the_current_file_aside_and_starts_a_fresh_one() {
        let dir = tempfile::tempdir().unwrap();
        let mut log = DailyLogFile::open_on(dir.path(), "risk", 20_416).unwrap();
        log.write_on(20_416, b"first day\n").unwrap();
        log.write_on(20_417, b"second day\n").unwrap();
        log.flush().unwrap();
        let rotated = std::fs::read_to_string(dir.path().join("risk.2025-11-24.log")).unwrap();
        let current = std::fs::read_to_string(dir.path().join("risk.log")).unwrap();
        assert_eq!(rotated, "first day\n");
        assert_eq!(current, "second day\n");
    }

    #[test]
    fn reopening_on_the_same_day_appends() {
        let dir = tempfile::tempdir().unwrap();
        let today = utc_day_of(SystemTime::now());
        DailyLogFile::open_on(dir.path(), "panel", today)
            .unwrap()
            .write_on(today, b"a\n")
            .unwrap();
        DailyLogFile::open_on(dir.path(), "panel", today)
            .unwrap()
            .write_on(today, b"b\n")
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.path().join("panel.log")).unwrap(),
            "a\nb\n"
        );
    }
}
