use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use livespot_runtime::VenueEndpoints;
use serde::{Deserialize, Serialize};

use crate::LaunchError;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EndpointsFile {
    pub run_id: String,
    pub mode: String,
    pub panel_url: Option<String>,
    pub venue: Option<VenueEndpoints>,
    pub pids: BTreeMap<String, u32>,
}

pub fn endpoints_path(var_dir: &Path) -> PathBuf {
    var_dir.join("run").join("endpoints.json")
}

impl EndpointsFile {
    pub fn write(&self, var_dir: &Path) -> Result<(), LaunchError> {
        let path = endpoints_path(var_dir);
        let failed = |detail: String| LaunchError::Endpoints {
            path: path.display().to_string(),
            detail,
        };
        let text = serde_json::to_string_pretty(self).map_err(|error| failed(error.to_string()))?;
        let temporary = path.with_extension("json.tmp");
        std::fs::write(&temporary, text).map_err(|error| failed(error.to_string()))?;
        std::fs::rename(&temporary, &path).map_err(|error| failed(error.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn written_file_reads_back_with_the_agreed_keys() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("run")).unwrap();
        let file = EndpointsFile {
            run_id: "run-1".to_owned(),
            mode: "sim".to_owned(),
            panel_url: Some("http://127.0.0.1:1".to_owned()),
            venue: None,
            pids: BTreeMap::from([("audit".to_owned(), 42)]),
        };
        file.write(dir.path()).unwrap();
        let text = std::fs::read_to_string(endpoints_path(dir.path())).unwrap();
        let value: serde_json::Value = serde_json::from_str(&text).unwrap();
        for key in ["run_id", "mode", "panel_url", "venue", "pids"] {
            assert!(value.get(key).is_some(), "{key}");
        }
        assert_eq!(value["pids"]["audit"], 42);
    }
}
