use serde_json::Value;

pub fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

pub fn shape_diff(
    path: &str,
    sample: &Value,
    actual: &Value,
    ignore: &[&str],
    out: &mut Vec<String>,
) {
    if kind(sample) != kind(actual) {
        out.push(format!(
            "{path}: sample {} vs sim {}",
            kind(sample),
            kind(actual)
        ));
        return;
    }
    match (sample, actual) {
        (Value::Object(s), Value::Object(a)) => {
            for key in s.keys().filter(|k| !ignore.contains(&k.as_str())) {
                match a.get(key) {
                    Some(value) => {
                        shape_diff(&format!("{path}.{key}"), &s[key], value, ignore, out);
                    }
                    None => out.push(format!("{path}.{key}: missing in sim")),
                }
            }
            for key in a
                .keys()
                .filter(|k| !s.contains_key(*k) && !ignore.contains(&k.as_str()))
            {
                out.push(format!("{path}.{key}: not in sample"));
            }
        }
        (Value::Array(s), Value::Array(a)) if !s.is_empty() && !a.is_empty() => {
            let homogeneous = s.iter().all(|v| kind(v) == kind(&s[0]));
            if homogeneous {
                shape_diff(&format!("{path}[0]"), &s[0], &a[0], ignore, out);
            } else if s.len() != a.len() {
                out.push(format!("{path}: length {} vs {}", s.len(), a.len()));
            } else {
                for (index, (x, y)) in s.iter().zip(a).enumerate() {
                    shape_diff(&format!("{path}[{index}]"), x, y, ignore, out);
                }
            }
        }
        _ => {}
    }
}

pub fn check(name: &str, actual: &Value, ignore: &[&str]) -> Option<String> {
    let path = super::shared_or_skip(&format!("binance/samples/{name}"))?;
    let sample: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut diffs = Vec::new();
    shape_diff("$", &sample, actual, ignore, &mut diffs);
    (!diffs.is_empty()).then(|| format!("{name}: {diffs:?}"))
}
