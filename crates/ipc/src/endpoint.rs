use std::fmt;
use std::path::{Path, PathBuf};

use livespot_domain::{ProcessRole, RunId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoint {
    role: ProcessRole,
    run_dir: PathBuf,
    pipe_name: String,
}

impl Endpoint {
    pub fn for_role(var_dir: &Path, run_id: &RunId, role: ProcessRole) -> Self {
        Self {
            role,
            run_dir: var_dir.join("run").join(run_id.as_str()),
            pipe_name: format!("livespot-{}-{}", run_id.as_str(), role.as_str()),
        }
    }

    pub fn role(&self) -> ProcessRole {
        self.role
    }

    pub fn run_dir(&self) -> &Path {
        &self.run_dir
    }

    pub fn socket_path(&self) -> PathBuf {
        self.run_dir.join(format!("{}.sock", self.role.as_str()))
    }

    pub fn pipe_name(&self) -> &str {
        &self.pipe_name
    }
}

impl fmt::Display for Endpoint {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        if cfg!(windows) {
            write!(formatter, r"\\.\pipe\{}", self.pipe_name)
        } else {
            write!(formatter, "{}", self.socket_path().display())
        }
    }
}
