pub const MS_PER_DAY: i64 = 86_400_000;

pub fn utc_day(ts_ms: i64) -> String {
    utc_day_of_index(day_index(ts_ms))
}

pub fn day_index(ts_ms: i64) -> i64 {
    ts_ms.div_euclid(MS_PER_DAY)
}

pub fn utc_day_of_index(days: i64) -> String {
    let (year, month, day) = civil_from_days(days);
    format!("{year:04}-{month:02}-{day:02}")
}

fn civil_from_days(days_since_epoch: i64) -> (i64, i64, i64) {
    let shifted = days_since_epoch + 719_468;
    let era = shifted.div_euclid(146_097);
    let day_of_era = shifted.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_match_known_calendar_dates() {
        assert_eq!(utc_day(0), "1970-01-01");
        assert_eq!(utc_day(951_782_400_000), "2000-02-29");
        assert_eq!(utc_day(1_764_028_799_999), "2025-11-24");
        assert_eq!(utc_day(1_764_028_800_000), "2025-11-25");
        assert_eq!(utc_day(-1), "1969-12-31");
    }
}
