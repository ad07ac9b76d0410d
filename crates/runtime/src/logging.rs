use std::path::{Path, PathBuf};

use tracing::Level;
use tracing_appender::non_blocking::WorkerGuard;
use tracing_subscriber::fmt::format::Writer;
use tracing_subscriber::fmt::time::{FormatTime, SystemTime};
use tracing_subscriber::layer::SubscriberExt;
use tracing_subscriber::util::SubscriberInitExt;
use tracing_subscriber::{EnvFilter, Layer, filter::LevelFilter};

use crate::RuntimeError;
use crate::daily_file::DailyLogFile;

#[derive(Debug)]
#[must_use = "dropping the guards stops the log writers"]
pub struct LogGuards {
    _guards: Vec<WorkerGuard>,
}

#[derive(Debug, Clone)]
struct RoleStamp {
    role: String,
}

impl FormatTime for RoleStamp {
    fn format_time(&self, writer: &mut Writer<'_>) -> std::fmt::Result {
        SystemTime.format_time(writer)?;
        write!(writer, " role={}", self.role)
    }
}

pub const TARGET_LOG_FILES: [(&str, &str); 1] = [("strategy", "ai_gate")];

pub fn logs_dir(var_dir: &Path) -> PathBuf {
    var_dir.join("logs")
}

fn daily_appender(dir: &Path, name: &str) -> Result<DailyLogFile, RuntimeError> {
    DailyLogFile::open(dir, name).map_err(|error| RuntimeError::LogInit {
        detail: format!("{name}.log: {error}"),
    })
}

pub fn init_logging(
    var_dir: &Path,
    process: &str,
    console: bool,
) -> Result<LogGuards, RuntimeError> {
    let dir = logs_dir(var_dir);
    std::fs::create_dir_all(&dir).map_err(|error| RuntimeError::LogDir {
        path: dir.display().to_string(),
        detail: error.to_string(),
    })?;
    let (all_writer, all_guard) = tracing_appender::non_blocking(daily_appender(&dir, process)?);
    let (error_writer, error_guard) =
        tracing_appender::non_blocking(daily_appender(&dir, &format!("{process}.error"))?);
    let stamp = RoleStamp {
        role: process.to_owned(),
    };
    let all_layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_timer(stamp.clone())
        .with_writer(all_writer)
        .with_filter(
            EnvFilter::try_from_env("LIVESPOT_LOG").unwrap_or_else(|_| EnvFilter::new("info")),
        );
    let error_layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_timer(stamp.clone())
        .with_writer(error_writer)
        .with_filter(LevelFilter::from_level(Level::WARN));
    let (target_layer, target_guards) = target_file_layers(&dir, process, &stamp)?;
    let console_layer = console.then(|| {
        tracing_subscriber::fmt::layer()
            .with_timer(stamp)
            .with_writer(std::io::stderr)
            .with_filter(LevelFilter::from_level(Level::WARN))
    });
    tracing_subscriber::registry()
        .with(target_layer)
        .with(all_layer)
        .with(error_layer)
        .with(console_layer)
        .try_init()
        .map_err(|error| RuntimeError::LogInit {
            detail: error.to_string(),
        })?;
    let mut guards = vec![all_guard, error_guard];
    guards.extend(target_guards);
    Ok(LogGuards { _guards: guards })
}

type TargetLayer = Box<dyn Layer<tracing_subscriber::Registry> + Send + Sync>;

fn target_file_layers(
    dir: &Path,
    process: &str,
    stamp: &RoleStamp,
) -> Result<(Option<TargetLayer>, Option<WorkerGuard>), RuntimeError> {
    let Some((_, target)) = TARGET_LOG_FILES.iter().find(|(owner, _)| *owner == process) else {
        return Ok((None, None));
    };
    let (writer, guard) = tracing_appender::non_blocking(daily_appender(dir, target)?);
    let only_target = tracing_subscriber::filter::Targets::new().with_target(*target, Level::TRACE);
    let layer = tracing_subscriber::fmt::layer()
        .with_ansi(false)
        .with_timer(stamp.clone())
        .with_writer(writer)
        .with_filter(only_target)
        .boxed();
    Ok((Some(layer), Some(guard)))
}
