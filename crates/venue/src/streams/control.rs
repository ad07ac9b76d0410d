use std::collections::BTreeSet;

use serde_json::{Value, json};

pub const MAX_STREAMS: usize = 1_024;

#[derive(Debug, Clone, Default)]
pub struct Subscriptions {
    pub names: BTreeSet<String>,
    pub combined: bool,
}

fn names(params: Option<&Value>) -> Option<Vec<String>> {
    params?
        .as_array()?
        .iter()
        .map(|v| v.as_str().map(str::to_owned))
        .collect()
}

impl Subscriptions {
    pub fn from_url(path: &str, query: &str) -> Self {
        if path == "/stream" {
            let list = query
                .split('&')
                .find_map(|pair| pair.strip_prefix("streams="))
                .unwrap_or_default();
            let decoded = crate::params::percent_decode(list).unwrap_or_default();
            return Self {
                names: decoded
                    .split('/')
                    .filter(|s| !s.is_empty())
                    .map(str::to_owned)
                    .collect(),
                combined: true,
            };
        }
        let rest = path
            .strip_prefix("/ws")
            .unwrap_or_default()
            .trim_start_matches('/');
        let decoded = crate::params::percent_decode(rest).unwrap_or_default();
        Self {
            names: decoded
                .split('/')
                .filter(|s| !s.is_empty())
                .map(str::to_owned)
                .collect(),
            combined: false,
        }
    }

    pub fn handle(&mut self, text: &str) -> Value {
        let Ok(request) = serde_json::from_str::<Value>(text) else {
            return json!({"code": 3, "msg": "Invalid JSON: expected value"});
        };
        let id = request.get("id").cloned().unwrap_or(Value::Null);
        let params = request.get("params");
        match request.get("method").and_then(Value::as_str) {
            Some("SUBSCRIBE") => self.subscribe(params, &id),
            Some("UNSUBSCRIBE") => match names(params) {
                Some(list) => {
                    for name in list {
                        self.names.remove(&name);
                    }
                    json!({"result": null, "id": id})
                }
                None => {
                    json!({"code": 2, "msg": "Invalid request: params must be an array of strings", "id": id})
                }
            },
            Some("LIST_SUBSCRIPTIONS") => {
                json!({"result": self.names.iter().collect::<Vec<_>>(), "id": id})
            }
            Some("SET_PROPERTY") => self.set_property(params, &id),
            Some("GET_PROPERTY") => json!({"result": self.combined, "id": id}),
            _ => json!({"code": 2, "msg": "Invalid request: unknown method", "id": id}),
        }
    }

    fn subscribe(&mut self, params: Option<&Value>, id: &Value) -> Value {
        let Some(list) = names(params) else {
            return json!({"code": 2, "msg": "Invalid request: params must be an array of strings", "id": id});
        };
        if self.names.len() + list.len() > MAX_STREAMS {
            return json!({"code": 2, "msg": "Invalid request: too many streams", "id": id});
        }
        self.names.extend(list);
        json!({"result": null, "id": id})
    }

    fn set_property(&mut self, params: Option<&Value>, id: &Value) -> Value {
        let pair = params.and_then(Value::as_array);
        let is_combined = pair.and_then(|p| p.first()).and_then(Value::as_str) == Some("combined");
        match (
            is_combined,
            pair.and_then(|p| p.get(1)).and_then(Value::as_bool),
        ) {
            (true, Some(flag)) => {
                self.combined = flag;
                json!({"result": null, "id": id})
            }
            (false, _) => json!({"code": 0, "msg": "Unknown property", "id": id}),
            (true, None) => {
                json!({"code": 1, "msg": "Invalid value type: expected Boolean", "id": id})
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_forms_and_control_messages() {
        let raw = Subscriptions::from_url("/ws/btcusdt@trade", "");
        assert!(raw.names.contains("btcusdt@trade") && !raw.combined);
        let mut combined =
            Subscriptions::from_url("/stream", "streams=btcusdt@trade/ethusdt@depth");
        assert_eq!(combined.names.len(), 2);
        assert!(combined.combined);
        let reply =
            combined.handle(r#"{"method":"SUBSCRIBE","params":["xrpusdt@bookTicker"],"id":1}"#);
        assert_eq!(reply, json!({"result": null, "id": 1}));
        let listed = combined.handle(r#"{"method":"LIST_SUBSCRIPTIONS","id":2}"#);
        assert_eq!(listed["result"].as_array().unwrap().len(), 3);
        combined.handle(r#"{"method":"UNSUBSCRIBE","params":["btcusdt@trade"],"id":3}"#);
        assert!(!combined.names.contains("btcusdt@trade"));
        assert_eq!(combined.handle("nope")["code"], 3);
    }
}
