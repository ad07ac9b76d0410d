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
  $("h-clock").textContent = summary.venue_clock_scale > 1 ? "time-lapse ×" + summary.venue_clock_scale : "";
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
