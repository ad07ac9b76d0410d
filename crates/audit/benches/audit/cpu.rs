use std::collections::BTreeMap;

const CLOCK_TICKS_PER_SECOND: u64 = 100;

#[derive(Debug, Clone, Copy, Default)]
pub struct Ticks {
    user: u64,
    system: u64,
}

fn thread_ticks(stat: &str) -> Option<(String, Ticks)> {
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat.get(open + 1..close)?.to_owned();
    let fields: Vec<&str> = stat.get(close + 2..)?.split_whitespace().collect();
    let user: u64 = fields.get(11)?.parse().ok()?;
    let system: u64 = fields.get(12)?.parse().ok()?;
    Some((name, Ticks { user, system }))
}

pub fn cpu_ticks_by_thread_name() -> BTreeMap<String, Ticks> {
    let mut totals = BTreeMap::new();
    let Ok(tasks) = std::fs::read_dir("/proc/self/task") else {
        return totals;
    };
    for task in tasks.filter_map(Result::ok) {
        let Ok(stat) = std::fs::read_to_string(task.path().join("stat")) else {
            continue;
        };
        if let Some((name, ticks)) = thread_ticks(&stat) {
            let total = totals.entry(name).or_insert_with(Ticks::default);
            total.user += ticks.user;
            total.system += ticks.system;
        }
    }
    totals
}

fn micros_per_event(ticks: u64, events: u64) -> String {
    let nanos = ticks * 1_000_000 / CLOCK_TICKS_PER_SECOND * 1000 / events.max(1);
    format!("{}.{:03} us", nanos / 1000, nanos % 1000)
}

fn print_line(label: &str, user: u64, system: u64, events: u64) {
    println!(
        "{label:<42}: {} (user {}, system {})",
        micros_per_event(user + system, events),
        micros_per_event(user, events),
        micros_per_event(system, events)
    );
}

pub fn print_cpu_per_event(before: &BTreeMap<String, Ticks>, events: u64) {
    let after = cpu_ticks_by_thread_name();
    if after.is_empty() {
        println!("{:<42}: unavailable on this platform", "CPU per event");
        return;
    }
    let mut total = Ticks::default();
    for (name, ticks) in &after {
        let earlier = before.get(name).copied().unwrap_or_default();
        let user = ticks.user.saturating_sub(earlier.user);
        let system = ticks.system.saturating_sub(earlier.system);
        total.user += user;
        total.system += system;
        print_line(
            &format!("CPU per event, {name} threads"),
            user,
            system,
            events,
        );
    }
    print_line(
        "CPU per event, whole process",
        total.user,
        total.system,
        events,
    );
}
