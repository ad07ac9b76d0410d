"use strict";

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
  topn: (data) => [flatKeyValues("Selection (TopK watchlist, replacements, churn guard, max pairwise correlation vs its limit)", data.SELECTION),
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
