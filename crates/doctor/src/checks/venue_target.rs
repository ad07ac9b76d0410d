use std::path::{Path, PathBuf};

use livespot_config::VenueConfig;
use serde::Deserialize;

use crate::DoctorError;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VenueTarget {
    pub rest_url: String,
    pub source: String,
    pub sim_admin_url: Option<String>,
}

#[derive(Deserialize)]
struct EndpointsFile {
    mode: Option<String>,
    venue: Option<EndpointsVenue>,
}

#[derive(Deserialize)]
struct EndpointsVenue {
    rest: String,
    #[serde(default)]
    admin: String,
}

pub fn endpoints_path(var_dir: &Path) -> PathBuf {
    var_dir.join("run").join("endpoints.json")
}

pub fn venue_target(var_dir: &Path, venue: &VenueConfig) -> Result<VenueTarget, DoctorError> {
    let path = endpoints_path(var_dir);
    let from_config = VenueTarget {
        rest_url: venue.rest_url.clone(),
        source: "config [venue].rest_url".to_owned(),
        sim_admin_url: None,
    };
    if !path.is_file() {
        return Ok(from_config);
    }
    let unreadable = |detail: String| DoctorError::Endpoints {
        path: path.display().to_string(),
        detail,
    };
    let text = std::fs::read_to_string(&path).map_err(|error| unreadable(error.to_string()))?;
    let file: EndpointsFile =
        serde_json::from_str(&text).map_err(|error| unreadable(error.to_string()))?;
    Ok(match file.venue {
        Some(endpoints) => VenueTarget {
            sim_admin_url: (file.mode.as_deref() == Some("sim") && !endpoints.admin.is_empty())
                .then_some(endpoints.admin),
            rest_url: endpoints.rest,
            source: format!(
                "{} ({} run)",
                path.display(),
                file.mode.as_deref().unwrap_or("unknown")
            ),
        },
        None => from_config,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_file_of_a_running_stack_wins_over_config() {
        let dir = tempfile::tempdir().unwrap();
        let venue = livespot_config::Config::shipped().unwrap().venue;
        assert_eq!(
            venue_target(dir.path(), &venue).unwrap().rest_url,
            venue.rest_url
        );
        std::fs::create_dir(dir.path().join("run")).unwrap();
        std::fs::write(
            endpoints_path(dir.path()),
            r#"{"run_id":"r","mode":"sim","venue":{"rest":"http://127.0.0.1:9","ws":"","ws_api":"","admin":""}}"#,
        )
        .unwrap();
        let target = venue_target(dir.path(), &venue).unwrap();
        assert_eq!(target.rest_url, "http://127.0.0.1:9");
        assert!(target.source.contains("sim"));
        assert_eq!(target.sim_admin_url, None);
        std::fs::write(
            endpoints_path(dir.path()),
            r#"{"run_id":"r","mode":"sim","venue":{"rest":"http://127.0.0.1:9","admin":"http://127.0.0.1:10"}}"#,
        )
        .unwrap();
        let target = venue_target(dir.path(), &venue).unwrap();
        assert_eq!(target.sim_admin_url.as_deref(), Some("http://127.0.0.1:10"));
        std::fs::write(endpoints_path(dir.path()), "{").unwrap();
        assert!(venue_target(dir.path(), &venue).is_err());
    }
}
