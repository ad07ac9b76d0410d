use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde_json::Value;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeLapse {
    pub anchor_ms: i64,
    pub scale: i64,
}

pub fn local_now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_millis()).unwrap_or(i64::MAX))
}

pub fn time_lapse_of(admin_state: &Value) -> Option<TimeLapse> {
    let clock = &admin_state["clock"];
    let scale = clock["scale"].as_i64()?;
    (clock["mode"] == "scaled" && scale > 1).then_some(TimeLapse {
        anchor_ms: clock["anchor_ms"].as_i64()?,
        scale,
    })
}

pub async fn fetch_time_lapse(admin_url: &str, timeout: Duration) -> Option<TimeLapse> {
    let client = reqwest::Client::builder().timeout(timeout).build().ok()?;
    let url = format!("{}/admin/state", admin_url.trim_end_matches('/'));
    let state: Value = client.get(url).send().await.ok()?.json().await.ok()?;
    time_lapse_of(&state)
}

pub const fn offset_to_time_lapse(lapse: TimeLapse, server_ms: i64, local_ms: i64) -> i64 {
    (server_ms - lapse.anchor_ms) / lapse.scale + lapse.anchor_ms - local_ms
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_scaled_simulator_clock_is_read_from_its_admin_state() {
        let scaled = json!({"clock": {"mode": "scaled", "anchor_ms": 1_000, "scale": 60}});
        assert_eq!(
            time_lapse_of(&scaled),
            Some(TimeLapse {
                anchor_ms: 1_000,
                scale: 60
            })
        );
        assert_eq!(
            time_lapse_of(&json!({"clock": {"mode": "system", "scale": 1}})),
            None
        );
        assert_eq!(time_lapse_of(&json!({})), None);
    }

    #[test]
    fn the_offset_is_measured_against_the_time_lapse_model_in_wall_ms() {
        let lapse = TimeLapse {
            anchor_ms: 1_000,
            scale: 60,
        };
        assert_eq!(offset_to_time_lapse(lapse, 1_000 + 60 * 500, 1_500), 0);
        assert_eq!(
            offset_to_time_lapse(lapse, 1_000 + 60 * 500 + 6_000, 1_500),
            100
        );
        assert_eq!(offset_to_time_lapse(lapse, 1_000 + 60 * 400, 1_500), -100);
    }
}
