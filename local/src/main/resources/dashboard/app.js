/* The local dashboard: polls /_local/dashboard/data and draws the template's widgets with uPlot. */
(function () {
  "use strict";
  const PALETTE = ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];
  const charts = new Map();
  const rangeSelect = document.getElementById("range");
  let lastOk = 0;
  let rangeChosen = false;
  window.__dashboard = { data: null, updates: 0 };

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    Object.entries(attrs || {}).forEach(([k, v]) => (k === "class" ? (e.className = v) : e.setAttribute(k, v)));
    children.flat().forEach((c) => e.append(c instanceof Node ? c : document.createTextNode(c == null ? "" : String(c))));
    return e;
  }

  function fmt(v) {
    if (v == null || Number.isNaN(v)) return "–";
    const a = Math.abs(v);
    if (a >= 1e6) return (v / 1e6).toFixed(1) + "M";
    if (a >= 1e4) return (v / 1e3).toFixed(1) + "k";
    if (a >= 100 || Number.isInteger(v)) return Math.round(v).toString();
    return v.toFixed(2);
  }

  function table(headers, rows) {
    return el("table", {}, el("tr", {}, headers.map((h) => el("th", {}, h))), rows);
  }

  function renderAlarms(alarms) {
    const order = { ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2 };
    const list = document.getElementById("alarm-list");
    list.replaceChildren(...alarms.slice().sort((a, b) => order[a.state] - order[b.state] || a.name.localeCompare(b.name)).map((a) =>
      el("span", { class: "alarm", "data-alarm": a.name, "data-state": a.state, title: a.state + " — " + a.reason },
        el("span", { class: "dot" }), a.name.replace(/Alarm$/, ""))));
    const inAlarm = alarms.filter((a) => a.state === "ALARM").length;
    const ok = alarms.filter((a) => a.state === "OK").length;
    document.getElementById("alarm-summary").textContent =
      `${inAlarm} in ALARM · ${ok} OK · ${alarms.length - inAlarm - ok} insufficient data`;
  }

  function widgetBox(w, i) {
    const box = el("section", { class: "widget", "data-widget": String(i), "data-title": w.title },
      el("h2", { title: w.title }, w.title || "(untitled)"), el("div", { class: "chart" }));
    box.style.gridColumn = `${w.x + 1} / span ${w.width}`;
    box.style.gridRow = `${w.y + 1} / span ${w.height}`;
    return box;
  }

  function aligned(w, now, minutes) {
    const times = new Set();
    (w.series || []).forEach((s) => s.timestamps.forEach((t) => times.add(t)));
    const xs = Array.from(times).sort((a, b) => a - b);
    const columns = [xs];
    (w.series || []).forEach((s) => {
      const byTime = new Map(s.timestamps.map((t, i) => [t, s.values[i]]));
      columns.push(xs.map((t) => (byTime.has(t) ? byTime.get(t) : null)));
    });
    return columns;
  }

  function drawTimeSeries(w, i, box, now, minutes) {
    const chartEl = box.querySelector(".chart");
    const data = aligned(w, now, minutes);
    const key = (w.series || []).map((s) => s.label).join("|");
    let entry = charts.get(i);
    const legendHeight = () => (entry && entry.plot ? entry.plot.root.querySelector(".u-legend").offsetHeight : 24);
    const size = () => ({ width: Math.max(120, chartEl.clientWidth), height: Math.max(70, chartEl.clientHeight - legendHeight() - 6) });
    const xRange = [Math.floor(now / 1000) - minutes * 60, Math.floor(now / 1000)];
    if (!entry || entry.key !== key) {
      if (entry) entry.plot.destroy();
      const opts = {
        ...size(),
        cursor: { points: { size: 6 } },
        legend: { live: true },
        scales: { x: { time: true, range: () => charts.get(i) ? charts.get(i).xRange : xRange }, y: { range: (u, min, max) => [Math.min(0, min ?? 0), max == null || max <= 0 ? 1 : max * 1.15] } },
        axes: [{ stroke: "#5f6b7a", grid: { stroke: "#eef1f4" }, space: 64, size: 28,
                 values: (u, ticks) => ticks.map((t) => new Date(t * 1000).toISOString().slice(11, 16)) },
               { stroke: "#5f6b7a", grid: { stroke: "#eef1f4" }, size: 48, values: (u, vals) => vals.map(fmt) }],
        series: [{}].concat((w.series || []).map((s, k) => ({
          label: s.label, stroke: s.color || PALETTE[k % PALETTE.length], width: 2, spanGaps: false,
          points: { show: true, size: 4 }, value: (u, v) => fmt(v),
        }))),
      };
      const plot = new uPlot(opts, data, chartEl);
      entry = { plot, key, xRange };
      charts.set(i, entry);
      plot.setSize(size());
      new ResizeObserver(() => plot.setSize(size())).observe(chartEl);
    } else {
      entry.plot.setData(data, true);
      entry.plot.setScale("x", { min: xRange[0], max: xRange[1] });
    }
    if (data[0].length) entry.plot.setLegend({ idx: data[0].length - 1 }); // the latest values until the cursor points elsewhere
    entry.xRange = xRange;
    const points = (w.series || []).reduce((n, s) => n + s.values.length, 0);
    let empty = chartEl.querySelector(".empty");
    if (!points) {
      if (!empty) chartEl.append(el("div", { class: "empty" }, "No data in this range yet"));
    } else if (empty) {
      empty.remove();
    }
    box.setAttribute("data-points", String(points));
  }

  function drawSingleValue(w, box) {
    const chartEl = box.querySelector(".chart");
    chartEl.replaceChildren(...(w.series || []).map((s, k) =>
      el("div", {}, el("span", { class: "muted" }, s.label + " "), el("span", { class: "single", style: `color:${s.color || PALETTE[k % PALETTE.length]}` },
        fmt(s.values.length ? s.values[s.values.length - 1] : null)))));
    box.setAttribute("data-points", String((w.series || []).reduce((n, s) => n + s.values.length, 0)));
  }

  function renderWidgets(data) {
    const main = document.getElementById("widgets");
    data.widgets.forEach((w, i) => {
      let box = main.querySelector(`[data-widget="${i}"]`);
      if (!box) {
        box = widgetBox(w, i);
        main.append(box);
      }
      if (w.error) {
        box.querySelector(".chart").replaceChildren(el("div", { class: "error" }, w.error));
      } else if (w.type === "metric" && w.view === "singleValue") {
        drawSingleValue(w, box);
      } else if (w.type === "metric") {
        drawTimeSeries(w, i, box, data.now, data.minutes);
      } else if (w.type === "text") {
        box.querySelector(".chart").replaceChildren(el("div", {}, w.markdown));
      } else if (w.type === "alarm") {
        const states = new Map(data.alarms.map((a) => [a.name, a.state]));
        box.querySelector(".chart").replaceChildren(...(w.alarms || []).map((name) =>
          el("div", {}, el("span", { class: "alarm", "data-state": states.get(name) || "INSUFFICIENT_DATA" }, el("span", { class: "dot" }), name))));
      }
    });
  }

  function renderPanels(data) {
    const aliases = document.getElementById("aliases");
    aliases.replaceChildren(
      table(["function", "alias", "versions and weights"], data.aliases.map((a) =>
        el("tr", { "data-function": a.function }, el("td", {}, a.function), el("td", {}, a.alias),
          el("td", {}, a.versions.map((v) => `v${v.version} ${Math.round(v.weight * 100)} %`).join(" · "))))),
      data.deployment
        ? el("div", { class: "note", "data-deployment": data.deployment.status },
            `${data.deployment.function}: v${data.deployment.fromVersion} → v${data.deployment.toVersion}, ${data.deployment.phase} (${data.deployment.status})`)
        : el("div", { class: "note", id: "no-deployment" }, data.noDeployment));
    document.getElementById("queues").replaceChildren(table(["queue", "visible", "in flight", "dead-letter queue", "in DLQ"],
      data.queues.filter((q) => q.deadLetterQueue || !data.queues.some((o) => o.deadLetterQueue === q.name)).map((q) =>
        el("tr", { "data-queue": q.name }, el("td", {}, q.name), el("td", { class: "num" }, q.visible), el("td", { class: "num" }, q.inFlight),
          el("td", {}, q.deadLetterQueue || "—"), el("td", { class: "num" + (q.deadLetterMessages > 0 ? " bad" : "") }, q.deadLetterQueue ? q.deadLetterMessages : "")))));
    document.getElementById("shards").replaceChildren(table(["stream", "shard", "iterator age", "in flight", "last result"],
      data.shards.map((s) => el("tr", {}, el("td", { title: `${s.stream} → ${s.function}` }, s.stream), el("td", {}, s.shardId.replace("shardId-", "").replace(/^0+(?=\d)/, "")),
        el("td", { class: "num" }, s.iteratorAgeMillis == null ? "–" : fmt(s.iteratorAgeMillis) + " ms"), el("td", { class: "num" }, s.inFlightRecords),
        el("td", {}, s.lastResult || "–")))));
    document.getElementById("faults").replaceChildren((data.faults || []).length
      ? table(["id", "fault", "ends", "applied"], data.faults.map((f) => el("tr", { "data-fault": f.id, "data-target": f.target },
          el("td", {}, f.id), el("td", {}, f.description), el("td", {}, f.endsAt ? f.endsAt.slice(11, 19) : "when removed"),
          el("td", { class: "num" }, f.applied))))
      : el("div", { class: "note", id: "no-faults" }, "no faults injected (./orders fault add …)"));
    document.getElementById("events").replaceChildren(data.events.length
      ? table(["time", "detail-type", "order", "status"], data.events.map((e) => el("tr", {}, el("td", {}, e.time.slice(11, 19)),
          el("td", {}, e.detailType), el("td", { title: e.orderId || "" }, (e.orderId || "").slice(0, 13)), el("td", {}, e.status || ""))))
      : el("div", { class: "note" }, "no events yet"));
  }

  async function refresh() {
    try {
      const response = await fetch(`/_local/dashboard/data?minutes=${rangeSelect.value}`, { cache: "no-store" });
      if (!response.ok) throw new Error("HTTP " + response.status);
      const data = await response.json();
      if (!rangeChosen && data.timeScale >= 10 && rangeSelect.value === "60") {
        rangeChosen = true; // at a time scale an hour passes in a minute or less: start on the last 15 minutes
        rangeSelect.value = "15";
        return refresh();
      }
      window.__dashboard.data = data;
      const scale = data.timeScale === 1 ? "" : ` · time ×${data.timeScale}`;
      document.getElementById("clock").textContent = new Date(data.now).toISOString().replace("T", " ").slice(0, 19) + " UTC" + scale;
      renderAlarms(data.alarms);
      renderWidgets(data);
      renderPanels(data);
      lastOk = Date.now();
      window.__dashboard.updates++;
      const status = document.getElementById("status");
      status.textContent = "live";
      status.className = "status";
    } catch (failure) {
      const status = document.getElementById("status");
      status.textContent = lastOk ? `stale (${failure.message})` : "cannot reach the platform";
      status.className = "status stale";
    }
  }

  rangeSelect.addEventListener("change", () => {
    rangeChosen = true;
    refresh();
  });
  refresh();
  setInterval(refresh, 2000);
})();
