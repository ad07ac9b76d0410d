"use strict";

const ACK_KEY = "livespot.acks";
const $ = (id) => document.getElementById(id);

function el(tag, text, cls) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}

function fmtTs(ms) {
  if (!ms) return "–";
  return new Date(ms).toISOString().replace("T", " ").replace("Z", "");
}

function fmtBytes(n) {
  if (n === null || n === undefined) return "–";
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = n;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) { value /= 1024; unit += 1; }
  return value.toFixed(unit === 0 ? 0 : 1) + " " + units[unit];
}

function setBadge(node, value) {
  node.textContent = value || "–";
  node.className = "badge " + (value || "");
}

async function getJson(path) {
  const response = await fetch(path, { headers: { Accept: "application/json" } });
  const body = await response.json();
  if (!response.ok) throw new Error(body.reason_code || response.status);
  return body;
}

function traceLink(kind, id) {
  if (!id) return el("span", "–");
  const link = el("a", id, "mono trace-link");
  link.href = "#";
  link.addEventListener("click", (event) => { event.preventDefault(); openTrace(kind, id); });
  return link;
}

function row(cells) {
  const tr = document.createElement("tr");
  for (const cell of cells) {
    const td = document.createElement("td");
    if (cell instanceof Node) td.appendChild(cell); else td.textContent = cell === null || cell === undefined ? "–" : String(cell);
    tr.appendChild(td);
  }
  return tr;
}

function loadAcks() {
  try { return JSON.parse(localStorage.getItem(ACK_KEY) || "{}"); } catch (error) { return {}; }
}

function saveAck(key, ts) {
  const acks = loadAcks();
  acks[key] = ts;
  localStorage.setItem(ACK_KEY, JSON.stringify(acks));
}

function renderHeader(summary) {
  setBadge($("h-mode"), summary.mode);
  $("h-mode").classList.add("mode");
  setBadge($("h-sys-mode"), summary.sys_mode);
  $("h-since").textContent = fmtTs(summary.since_ms);
  $("h-reasons").textContent = summary.active_reason_codes.length ? summary.active_reason_codes.join(", ") : "none";
  $("h-stage").textContent = summary.stage || "–";
  $("h-run").textContent = summary.run_id || "–";
  $("h-cycle").textContent = summary.cycle_id || "–";
  const decision = $("h-decision");
  decision.textContent = summary.decision_id || "–";
  decision.dataset.id = summary.decision_id || "";
  if (summary.alerts) renderAlerts(summary.alerts);
}

function renderAlerts(body) {
  const acks = loadAcks();
  const tbody = $("alerts-body");
  tbody.replaceChildren();
  const open = { CRIT: 0, WARN: 0, INFO: 0 };
  for (const alert of body.alerts) {
    const key = alert.reason_code;
    const acked = acks[key] && acks[key] >= alert.last_ts_ms;
    if (!acked) open[alert.severity] += 1;
    const ack = el("button", acked ? "acked" : "Ack");
    ack.type = "button";
    ack.addEventListener("click", () => { saveAck(key, alert.last_ts_ms); renderAlerts(body); });
    const tr = row([el("span", alert.severity, "badge " + alert.severity), alert.reason_code, alert.count,
      fmtTs(alert.last_ts_ms), alert.stage, alert.cycle_id, traceLink("decision", alert.decision_id),
      traceLink("intent", alert.order_intent_id), ack]);
    if (acked) tr.className = "acked";
    tbody.appendChild(tr);
  }
  $("alerts-empty").hidden = body.alerts.length > 0;
  $("t-crit").textContent = open.CRIT;
  $("t-warn").textContent = open.WARN;
  $("t-info").textContent = open.INFO;
  $("toast").hidden = open.CRIT + open.WARN + open.INFO === 0;
  $("t-ack-all").dataset.count = String(body.alerts.length);
  lastAlerts = body;
}

let lastAlerts = { alerts: [] };

function ackAll() {
  for (const alert of lastAlerts.alerts) saveAck(alert.reason_code, alert.last_ts_ms);
  renderAlerts(lastAlerts);
}

function renderTimeline(envelope) {
  const tbody = $("timeline-body");
  tbody.replaceChildren();
  const stages = envelope.data || [];
  for (const stage of stages) {
    tbody.appendChild(row([fmtTs(stage.ts_ms), stage.stage, stage.cycle_id, traceLink("decision", stage.decision_id), stage.symbol, stage.summary]));
  }
  $("timeline-empty").hidden = stages.length > 0;
}

function sparkline(node, series) {
  node.replaceChildren();
  if (!series || series.length < 2) return;
  const max = Math.max(...series);
  const min = Math.min(...series);
  for (const value of series.slice(-40)) {
    const level = max === min ? 5 : Math.min(9, Math.floor(((value - min) / (max - min)) * 9.99));
    node.appendChild(el("i", null, "h" + level));
  }
}

function renderHealth(envelope) {
  const health = envelope.data;
  $("health-empty").hidden = Boolean(health && health.sampled_ts_ms);
  if (!health) return;
  $("hl-disk").textContent = fmtBytes(health.disk_free_bytes);
  setBadge($("hl-disk-level"), health.disk_level);
  $("hl-db").textContent = fmtBytes(health.db_bytes);
  $("hl-wal").textContent = fmtBytes(health.wal_bytes);
  sparkline($("hl-db-spark"), health.db_bytes_series);
  sparkline($("hl-wal-spark"), health.wal_bytes_series);
  $("hl-queue").textContent = health.queue_pct === null ? "–" : health.queue_pct + " %";
  setBadge($("hl-writer"), health.writer_state);
  $("hl-lag").textContent = health.lag_ms === null ? "–" : health.lag_ms + " ms";
  $("hl-epm").textContent = health.events_per_min === null ? "–" : health.events_per_min;
  $("hl-drops").textContent = health.drops === null ? "–" : health.drops;
}

function renderExecution(envelope) {
  const exec = envelope.data;
  if (!exec) return;
  const states = $("intent-states");
  states.replaceChildren();
  for (const count of exec.intents_by_state) {
    states.appendChild(el("span", count.state + " " + count.count, count.pinned && count.count > 0 ? "state pinned" : "state"));
  }
  const unknown = $("unknown-body");
  unknown.replaceChildren();
  for (const intent of exec.sent_unknown) {
    const tr = row([traceLink("intent", intent.order_intent_id), intent.symbol, intent.side, fmtTs(intent.ts_ms)]);
    tr.className = "pinned";
    unknown.appendChild(tr);
  }
  if (exec.sent_unknown.length === 0) unknown.appendChild(row(["none"]));
  const rc = exec.last_reconcile;
  $("rc-time").textContent = rc ? fmtTs(rc.ts_ms) : "no data yet";
  $("rc-duration").textContent = rc && rc.duration_ms !== null ? rc.duration_ms + " ms" : "";
  setBadge($("rc-drift"), rc ? rc.drift : null);
  const diffs = $("rc-diffs");
  diffs.replaceChildren();
  for (const diff of exec.recent_diffs) {
    const id = diff.order_intent_id || diff.decision_id;
    const what = ((diff.payload && diff.payload.diff) || (diff.reason_codes || []).join(",")) + " " + (diff.symbol || "");
    diffs.appendChild(id ? traceLink(diff.order_intent_id ? "intent" : "decision", id) : el("span", what, "mono"));
    diffs.appendChild(document.createTextNode(" "));
  }
  if (exec.recent_diffs.length === 0) diffs.textContent = "none";
  const churn = exec.churn;
  $("churn").textContent = churn.counts.orders_10s + " / " + churn.counts.orders_60s + " orders, " +
    churn.counts.cancels_10s + " / " + churn.counts.cancels_60s + " cancels (limit " + churn.limit_10s + "/10 s)";
  setBadge($("churn-flag"), churn.near_limit ? "WARN" : "OK");
}

async function refreshFold() {
  const jobs = [["/api/timeline", renderTimeline], ["/api/health", renderHealth], ["/api/execution", renderExecution]];
  for (const [path, render] of jobs) {
    try { render(await getJson(path)); } catch (error) { console.warn(path, error); }
  }
}

function flatten(value, prefix, out, depth) {
  if (value === null || typeof value !== "object") { out[prefix] = value; return; }
  if (depth > 2) { out[prefix] = JSON.stringify(value); return; }
  if (Array.isArray(value)) { out[prefix] = value.map((item) => typeof item === "object" ? JSON.stringify(item) : item).join(", "); return; }
  for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? prefix + "." + key : key, out, depth + 1);
}

const FIRST_COLUMNS = ["ts_ms", "symbol", "side", "state", "status", "kind", "outcome", "verdict", "regime", "action", "order_intent_id", "client_order_id", "decision_id"];

const LINK_COLUMNS = { decision_id: "decision", order_intent_id: "intent" };

function dataTable(title, rows) {
  const wrap = el("div");
  wrap.appendChild(el("h3", title + " (" + rows.length + ")"));
  if (rows.length === 0) { wrap.appendChild(el("p", "no data yet", "empty")); return wrap; }
  const flat = rows.map((item) => { const out = {}; flatten(item, "", out, 0); return out; });
  const columns = [];
  for (const item of flat) for (const key of Object.keys(item)) if (!columns.includes(key)) columns.push(key);
  const rank = (column) => { const at = FIRST_COLUMNS.indexOf(column); return at < 0 ? FIRST_COLUMNS.length : at; };
  columns.sort((a, b) => rank(a) - rank(b));
  columns.splice(24);
  const table = el("table", null, "grid");
  const head = document.createElement("tr");
  for (const column of columns) head.appendChild(el("th", column.replace(/^payload\./, "")));
  table.appendChild(head);
  for (const item of flat) {
    table.appendChild(row(columns.map((column) => {
      const value = item[column];
      if (LINK_COLUMNS[column] && value) return traceLink(LINK_COLUMNS[column], value);
      if (column.endsWith("ts_ms") && typeof value === "number") return fmtTs(value);
      return value;
    })));
  }
  wrap.appendChild(table);
  return wrap;
}

function keyValues(title, object) {
  const wrap = el("div");
  wrap.appendChild(el("h3", title));
  const dl = el("dl", null, "kv");
  const entries = Object.entries(object || {});
  for (const [key, value] of entries) {
    dl.appendChild(el("dt", key));
    dl.appendChild(el("dd", (key.endsWith("ts_ms") || key.endsWith("until_ms")) && typeof value === "number" ? fmtTs(value) : value));
  }
  wrap.appendChild(entries.length ? dl : el("p", "no data yet", "empty"));
  return wrap;
}

function flatKeyValues(title, object, skip) {
  const out = {};
  if (object) {
    const copy = Object.assign({}, object);
    for (const key of skip || []) delete copy[key];
    flatten(copy, "", out, 0);
  }
  return keyValues(title, out);
}

const TAB_RENDERERS = {
  market: (data) => [dataTable("Signals (regime, scores ×10000, spread p50/p90, spread delta, imbalance, edge, block reasons)", data.signals),
    dataTable("Latest snapshot per symbol", data.snapshots)],
  risk: (data) => [flatKeyValues("Account vs limits (exposure, free vs locked, reserves, PnL, remaining loss limit, drawdown, anti-overtrading)", data.account, ["symbols"]),
    dataTable("Exposure by symbol", data.account ? data.account.symbols : []), flatKeyValues("Limits as risk enforces them", data.limits),
    dataTable("Risk verdicts", data.verdicts)],
  aigate: (data) => [
    keyValues("Fail-closed and failures (last " + data.window_calls + " calls; rate ×10000)", Object.assign({ fail_closed: data.fail_closed ? "YES" : "no" },
      Object.fromEntries(Object.entries(data.failures_by_kind).map(([code, count]) => [code, count + " (rate " + data.failure_rate_x10000_by_kind[code] + ")"])))),
    dataTable("Verdicts", data.verdict_counts), dataTable("Calls (verdict, reasons, latency, model, hashes, modify_applied)", data.calls)],
  topn: (data) => [flatKeyValues("Selection (TopK watchlist, replacements, churn guard, correlation limit)", data.SELECTION),
    dataTable("Rank (TopN scores ×10000)", data.RANK), dataTable("Deep scan (TopK scores ×10000)", data.DEEP_SCAN),
    dataTable("Watchlist changes (action, reason, against)", data.WATCHLIST_CHANGES), dataTable("Watchlist", data.WATCHLIST),
    dataTable("Universe scan", data.UNIVERSE_SCAN)],
  orders: (data) => [dataTable("Intents", data.intents), dataTable("Orders", data.orders), dataTable("Fills", data.fills),
    dataTable("Positions (lifecycle per intent)", data.positions), dataTable("Holdings (last executor account state)", data.holdings)],
};

let currentTab = "market";

async function showTab(name) {
  currentTab = name;
  for (const button of document.querySelectorAll("#tabs button")) button.classList.toggle("active", button.dataset.tab === name);
  const filter = $("orders-filter");
  filter.hidden = name !== "orders";
  let path = "/api/" + name;
  if (name === "orders") path += "?" + new URLSearchParams(new FormData(filter)).toString();
  const content = $("tab-content");
  try {
    const envelope = await getJson(path);
    content.replaceChildren(...(envelope.data ? TAB_RENDERERS[name](envelope.data) : [el("p", "no data yet", "empty")]));
  } catch (error) {
    content.replaceChildren(el("p", "store unavailable: " + error.message, "empty"));
  }
}

const STEP_TITLES = [["snapshots", "Snapshot refs"], ["decision", "Decision (regime, microstructure, edge, plans)"], ["ai_gate", "AIGateResult"],
  ["risk", "RiskVerdict"], ["intents", "Intents"], ["orders", "Orders"], ["fills", "Fills"], ["positions", "Positions / protection"], ["reconcile", "Reconcile diffs"]];

function traceEvent(event) {
  const wrap = el("div");
  wrap.appendChild(el("div", fmtTs(event.ts_ms) + "  " + event.event_type + "  " + (event.reason_codes || []).join(",") +
    (event.order_intent_id ? "  intent " + event.order_intent_id : ""), "mono"));
  wrap.appendChild(el("pre", JSON.stringify(event.payload, null, 2), "payload"));
  return wrap;
}

async function openTrace(kind, id) {
  if (!id) return;
  const drawer = $("drawer");
  drawer.hidden = false;
  $("drawer-title").textContent = kind + " " + id;
  const body = $("drawer-body");
  body.replaceChildren(el("p", "loading…", "empty"));
  try {
    const envelope = await getJson("/api/trace/" + kind + "/" + encodeURIComponent(id));
    const trace = envelope.data;
    if (!trace || trace.events === 0) { body.replaceChildren(el("p", "no data yet for this id", "empty")); return; }
    const parts = [];
    for (const [step, title] of STEP_TITLES) {
      const section = el("div", null, "step");
      section.appendChild(el("h3", title + " (" + trace.steps[step].length + ")"));
      if (trace.steps[step].length === 0) section.appendChild(el("p", "none", "empty"));
      for (const event of trace.steps[step]) section.appendChild(traceEvent(event));
      parts.push(section);
    }
    if (trace.other.length) { const other = el("div", null, "step"); other.appendChild(el("h3", "Other events")); trace.other.forEach((event) => other.appendChild(traceEvent(event))); parts.push(other); }
    body.replaceChildren(...parts);
  } catch (error) {
    body.replaceChildren(el("p", "trace unavailable: " + error.message, "empty"));
  }
}

function follow() {
  const live = $("h-live");
  const source = new EventSource("/api/events");
  source.addEventListener("summary", (event) => {
    live.className = "dot on";
    renderHeader(JSON.parse(event.data));
    refreshFold();
  });
  source.addEventListener("store_error", () => { live.className = "dot off"; });
  source.addEventListener("error", () => { live.className = "dot off"; });
}

function init() {
  $("t-ack-all").addEventListener("click", ackAll);
  $("drawer-close").addEventListener("click", () => { $("drawer").hidden = true; });
  $("h-decision").addEventListener("click", (event) => { event.preventDefault(); openTrace("decision", $("h-decision").dataset.id); });
  for (const button of document.querySelectorAll("#tabs button")) button.addEventListener("click", () => showTab(button.dataset.tab));
  $("orders-filter").addEventListener("submit", (event) => { event.preventDefault(); showTab("orders"); });
  getJson("/api/summary").then((envelope) => { if (envelope.data) renderHeader(envelope.data); }).catch(() => {});
  refreshFold();
  showTab(currentTab);
  follow();
  openTraceFromHash();
  window.addEventListener("hashchange", openTraceFromHash);
}

function openTraceFromHash() {
  const match = /^#trace=(decision|intent)\/(.+)$/.exec(location.hash);
  if (match) openTrace(match[1], decodeURIComponent(match[2]));
}

document.addEventListener("DOMContentLoaded", init);
