use std::collections::BTreeMap;

const CLOCK_TICKS_PER_SECOND: u64 = 100;

fn thread_ticks(stat: &str) -> Option<(String, u64)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat.get(open + 1..close)?.to_owned();
    let fields: Vec<&str> = stat.get(close + 2..)?.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some((name, user + system))
}

pub fn cpu_ticks_by_thread_name() -> BTreeMap<String, u64> {
    let mut totals = BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return totals;
    };
    for task in tasks.filter_map(Result::ok) {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue;
        };
        if let Some((name, ticks)) = thread_ticks(&stat) {
            *totals.entry(name).or_insert(0) += ticks;
        }
    }
    totals
}

pub fn print_cpu_per_event(before: &BTreeMap<String, u64>, events: u64) {
    let after = cpu_ticks_by_thread_name();
    if after.is_empty() {
        println!("{:<42}: unavailable on this platform", "CPU per event");
        return;
    }
    let mut total = 0;
    for (name, ticks) in &after {
        let used = ticks.saturating_sub(before.get(name).copied().unwrap_or(0));
        total += used;
        let micros = used * 1_000_000 / CLOCK_TICKS_PER_SECOND * 1000 / events.max(1);
        println!(
            "{:<42}: {}.{:03} us",
            format!("CPU per event, {name} threads"),
            micros / 1000,
            micros % 1000
        );
    }
    let micros = total * 1_000_000 / CLOCK_TICKS_PER_SECOND * 1000 / events.max(1);
    println!(
        "{:<42}: {}.{:03} us",
        "CPU per event, whole process",
        micros / 1000,
        micros % 1000
    );
}
