// eventwire dashboard: stories, their merged events on a timeline and in an actor network, the
// evidence of each event with its outlets, a dyad's cooperation-conflict trend and the problems.
// Plain JavaScript over the REST API; charts with plotly.js served from the installed plotly package.
"use strict";

const QUAD_COLOURS = { 1: "#2e8b57", 2: "#1b5e20", 3: "#e08a00", 4: "#c62828" };
const QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict" };
const state = { story: null, merged: [], reports: [] };

async function getJSON(path) {
  const response = await fetch(path);
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return response.json();
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes)) {
    if (key === "className") node.className = value; else node.setAttribute(key, value);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(child ?? ""));
  return node;
}

function actorLabel(name, country) {
  if (!name && !country) return "—";
  return country && name && name !== country ? `${name} (${country})` : (name || country);
}

function nodeKey(name, country) { return country || name || "?"; }

async function init() {
  const health = await getJSON("/health");
  document.getElementById("totals").textContent =
    `${health.articles} articles · ${health.stories} stories · ${health.canonical_events} merged events`;
  const stories = (await getJSON("/stories?limit=500")).items;
  const list = document.getElementById("story-list");
  for (const story of stories) {
    const span = story.first_date ? `${story.first_date} – ${story.last_date}` : "undated";
    const item = element("li", { tabindex: "0", "data-story": story.id },
      element("span", { className: "title" }, story.title),
      element("span", { className: "muted" }, `${story.articles} articles · ${story.events} events · ${span}`));
    item.addEventListener("click", () => selectStory(story.id));
    item.addEventListener("keydown", (event) => { if (event.key === "Enter") selectStory(story.id); });
    list.append(item);
  }
}

async function selectStory(id) {
  for (const item of document.querySelectorAll("#story-list li")) {
    item.classList.toggle("selected", item.dataset.story === id);
  }
  const [story, events] = await Promise.all([
    getJSON(`/stories/${encodeURIComponent(id)}`),
    getJSON(`/events?story=${encodeURIComponent(id)}&limit=5000`),
  ]);
  state.story = story;
  state.merged = story.events;
  state.reports = events.items;
  document.getElementById("placeholder").hidden = true;
  document.getElementById("story-body").hidden = false;
  document.getElementById("story-title").textContent = story.title;
  const outlets = new Set(story.articles.map((a) => a.outlet).filter(Boolean));
  document.getElementById("story-meta").textContent =
    `${story.articles.length} articles from ${outlets.size} named outlets · actors ${story.actors.join(", ")} · ` +
    `places ${story.places.slice(0, 5).join(", ") || "—"}`;
  drawTimeline();
  drawNetwork();
  fillTable();
  fillProblems(story.problems);
  document.getElementById("evidence").replaceChildren(element("h3", {}, "Evidence"),
    element("p", { className: "muted" }, "No event selected."));
  Plotly.purge("trend");
  document.getElementById("story-body").dataset.ready = "true";
}

function drawTimeline() {
  const dated = state.merged.filter((e) => e.date);
  const traces = [1, 2, 3, 4].map((quad) => {
    const events = dated.filter((e) => e.quad_class === quad);
    return {
      type: "scatter", mode: "markers", name: QUAD_NAMES[quad],
      x: events.map((e) => e.date), y: events.map((e) => e.type),
      text: events.map((e) => `${actorLabel(e.source_name, e.source_country)} → ${actorLabel(e.target_name, e.target_country)}` +
        `<br>${e.num_sources} source(s)`),
      hovertemplate: "%{x}: %{y}<br>%{text}<extra></extra>",
      marker: { color: QUAD_COLOURS[quad], size: events.map((e) => 8 + 4 * Math.min(e.num_sources, 6)), opacity: 0.85 },
    };
  });
  // the story's own weeks, with a margin; background events years back stay a zoom-out away
  const story = state.story;
  const xaxis = { type: "date", title: "event date" };
  if (story.first_date && story.last_date) {
    const day = 86400000;
    xaxis.range = [new Date(Date.parse(story.first_date) - 10 * day).toISOString().slice(0, 10),
      new Date(Date.parse(story.last_date) + 10 * day).toISOString().slice(0, 10)];
  }
  Plotly.newPlot("timeline", traces, {
    margin: { l: 90, r: 10, t: 10, b: 40 }, xaxis,
    yaxis: { automargin: true }, legend: { orientation: "h", y: -0.25 }, showlegend: true,
  }, { displaylogo: false, responsive: true });
}

function drawNetwork() {
  const edges = new Map();
  const nodes = new Map();
  for (const e of state.merged) {
    if (!e.source_name && !e.source_country) continue;
    if (!e.target_name && !e.target_country) continue;
    const a = nodeKey(e.source_name, e.source_country);
    const b = nodeKey(e.target_name, e.target_country);
    if (a === b) continue;
    nodes.set(a, (nodes.get(a) || 0) + 1);
    nodes.set(b, (nodes.get(b) || 0) + 1);
    const key = [a, b].sort().join("|");
    const edge = edges.get(key) || { a, b, count: 0, intensity: 0 };
    edge.count += 1;
    edge.intensity += e.intensity || 0;
    edges.set(key, edge);
  }
  const names = [...nodes.keys()];
  const position = new Map(names.map((name, i) => {
    const angle = (2 * Math.PI * i) / Math.max(1, names.length);
    return [name, [Math.cos(angle), Math.sin(angle)]];
  }));
  const traces = [...edges.values()].map((edge) => {
    const mean = edge.intensity / edge.count;
    return {
      type: "scatter", mode: "lines", hoverinfo: "text", showlegend: false,
      x: [position.get(edge.a)[0], position.get(edge.b)[0]], y: [position.get(edge.a)[1], position.get(edge.b)[1]],
      text: `${edge.a} – ${edge.b}: ${edge.count} events, mean intensity ${mean.toFixed(1)}`,
      line: { width: 1 + 2 * edge.count, color: mean >= 0 ? "#2e8b57" : "#c62828" }, opacity: 0.6,
    };
  });
  traces.push({
    type: "scatter", mode: "markers+text", showlegend: false, hoverinfo: "text",
    x: names.map((n) => position.get(n)[0]), y: names.map((n) => position.get(n)[1]),
    text: names, textposition: "top center",
    marker: { size: names.map((n) => 10 + 3 * Math.min(nodes.get(n), 10)), color: "#1f5fbf" },
  });
  Plotly.newPlot("network", traces, {
    margin: { l: 10, r: 10, t: 10, b: 10 }, xaxis: { visible: false, range: [-1.4, 1.4] },
    yaxis: { visible: false, range: [-1.3, 1.4] }, hovermode: "closest",
  }, { displaylogo: false, responsive: true });
}

function fillTable() {
  const body = document.querySelector("#events tbody");
  body.replaceChildren();
  const sorted = [...state.merged].sort((a, b) => (a.date || "9999").localeCompare(b.date || "9999"));
  for (const e of sorted) {
    const row = element("tr", { "data-event": e.id, tabindex: "0" },
      element("td", {}, e.date || "—"),
      element("td", {}, e.type),
      element("td", {}, actorLabel(e.source_name, e.source_country)),
      element("td", {}, actorLabel(e.target_name, e.target_country)),
      element("td", {}, element("span", { className: `quad q${e.quad_class}` }), String(e.quad_class)),
      element("td", {}, String(e.num_sources)),
      element("td", {}, String(e.num_mentions)));
    row.addEventListener("click", () => selectEvent(e, row));
    row.addEventListener("keydown", (event) => { if (event.key === "Enter") selectEvent(e, row); });
    body.append(row);
  }
}

// the sentence with the source, trigger and target marked (offsets are into the article text)
function highlighted(report) {
  const sentence = report.sentence || "";
  const base = report.sentence_start;
  const spans = [
    ["source", report.source_start, report.source_end],
    ["trigger", report.trigger_start, report.trigger_end],
    ["target", report.target_start, report.target_end],
  ].filter(([, start, end]) => start != null && end != null && start >= base && end <= base + sentence.length)
    .map(([kind, start, end]) => [kind, start - base, end - base])
    .sort((x, y) => x[1] - y[1]);
  const paragraph = element("p", { className: "sentence" });
  let at = 0;
  for (const [kind, start, end] of spans) {
    if (start < at) continue;                 // overlapping spans: keep the first
    paragraph.append(sentence.slice(at, start), element("mark", { className: kind, title: kind }, sentence.slice(start, end)));
    at = end;
  }
  paragraph.append(sentence.slice(at));
  return paragraph;
}

function selectEvent(merged, row) {
  for (const other of document.querySelectorAll("#events tbody tr")) other.classList.toggle("selected", other === row);
  const reports = state.reports.filter((r) => r.canonical_id === merged.id);
  const box = document.getElementById("evidence");
  box.replaceChildren(element("h3", {}, `Evidence: ${merged.type}, ${merged.num_sources} source(s)`),
    element("p", { className: "legend muted" }, element("mark", { className: "source" }, "source"), " ",
      element("mark", { className: "trigger" }, "trigger"), " ", element("mark", { className: "target" }, "target")));
  for (const report of reports) {
    box.append(element("div", { className: "report" },
      element("span", { className: "outlet" }, report.outlet || "outlet not named"),
      element("span", { className: "muted" }, ` · ${report.article_title || report.article_id}`),
      highlighted(report)));
  }
  drawTrend(merged);
}

async function drawTrend(merged) {
  if (!merged.source_country || !merged.target_country) {
    Plotly.purge("trend");
    return;
  }
  const series = await getJSON(`/dyads/${encodeURIComponent(merged.source_country)}/${encodeURIComponent(merged.target_country)}/series`);
  const days = series.days;
  const sum = (day, quads) => quads.reduce((total, q) => total + (day.by_quad_class[q] || 0), 0);
  Plotly.newPlot("trend", [
    { type: "bar", name: "cooperation", x: days.map((d) => d.date), y: days.map((d) => sum(d, ["1", "2"])), marker: { color: "#2e8b57" } },
    { type: "bar", name: "conflict", x: days.map((d) => d.date), y: days.map((d) => -sum(d, ["3", "4"])), marker: { color: "#c62828" } },
    { type: "scatter", mode: "lines+markers", name: "mean intensity", yaxis: "y2", x: days.map((d) => d.date),
      y: days.map((d) => d.mean_intensity), line: { color: "#1f5fbf" } },
  ], {
    barmode: "relative", margin: { l: 40, r: 40, t: 30, b: 40 },
    title: { text: `${merged.source_country} → ${merged.target_country}`, font: { size: 13 } },
    yaxis: { title: "events" }, yaxis2: { overlaying: "y", side: "right", range: [-10, 10], title: "intensity" },
    legend: { orientation: "h", y: -0.3 },
  }, { displaylogo: false, responsive: true });
}

function fillProblems(problems) {
  const list = document.getElementById("problem-list");
  list.replaceChildren();
  const shown = problems.filter((p) => ["contradiction", "role_conflict", "translation_artifact"].includes(p.code));
  if (!shown.length) list.append(element("li", { className: "muted" }, "None."));
  for (const problem of shown) {
    list.append(element("li", {}, element("span", { className: "code" }, problem.code), " ", problem.message));
  }
}

init().catch((error) => {
  document.getElementById("placeholder").textContent = `Could not load the dashboard: ${error.message}`;
});
