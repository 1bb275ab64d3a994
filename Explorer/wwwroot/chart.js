// Live committed tx/s for the channel page: per-second stacked bars (VALID / not VALID) over the last minute, fed by the
// explorer's server-sent block events. The server's clock decides the second a block falls in, so the bars agree with
// the snapshot the page was rendered with.
(function () {
  "use strict";
  const svg = document.getElementById("tx-chart");
  if (!svg) { return; }
  const seconds = 60, width = 600, height = 160, ns = "http://www.w3.org/2000/svg";
  const numbers = (s) => (s || "").split(",").filter((x) => x !== "").map(Number);
  const valid = numbers(svg.dataset.valid), invalid = numbers(svg.dataset.invalid);
  let end = Number(svg.dataset.end);
  const offset = end - Math.floor(Date.now() / 1000);
  const mix = JSON.parse(svg.dataset.mix || "{}");
  let liveBlocks = 0;

  function shiftTo(second) {
    while (end < second) { valid.push(0); invalid.push(0); valid.shift(); invalid.shift(); end++; }
  }

  function draw() {
    while (svg.firstChild) { svg.removeChild(svg.firstChild); }
    const max = Math.max(1, ...valid.map((v, i) => v + invalid[i]));
    const bar = width / seconds;
    for (let i = 0; i < seconds; i++) {
      const v = valid[i] * (height - 20) / max, x = invalid[i] * (height - 20) / max;
      if (v > 0) { svg.appendChild(rect(i * bar, height - v, bar - 1, v, "valid")); }
      if (x > 0) { svg.appendChild(rect(i * bar, height - v - x, bar - 1, x, "invalid")); }
    }
    const label = document.createElementNS(ns, "text");
    label.setAttribute("x", "4"); label.setAttribute("y", "14"); label.setAttribute("class", "axis");
    label.textContent = max + " tx/s";
    svg.appendChild(label);
    const total = valid.reduce((a, b) => a + b, 0) + invalid.reduce((a, b) => a + b, 0);
    svg.dataset.total = String(total);
    svg.dataset.liveBlocks = String(liveBlocks);
    const recent = valid.slice(-10).reduce((a, b) => a + b, 0) + invalid.slice(-10).reduce((a, b) => a + b, 0);
    setText("tx-rate", (recent / 10).toFixed(1));
  }

  function rect(x, y, w, h, cls) {
    const r = document.createElementNS(ns, "rect");
    r.setAttribute("x", x.toFixed(1)); r.setAttribute("y", y.toFixed(1));
    r.setAttribute("width", w.toFixed(1)); r.setAttribute("height", h.toFixed(1)); r.setAttribute("class", cls);
    return r;
  }

  function setText(id, text) { const e = document.getElementById(id); if (e) { e.textContent = text; } }

  function drawMix() {
    const body = document.querySelector("#code-mix tbody");
    if (!body) { return; }
    while (body.firstChild) { body.removeChild(body.firstChild); }
    Object.keys(mix).sort((a, b) => mix[b] - mix[a]).forEach((code) => {
      const row = document.createElement("tr"), name = document.createElement("td"), count = document.createElement("td");
      name.textContent = code; name.className = code === "VALID" ? "code-valid" : "code-invalid";
      count.textContent = String(mix[code]);
      row.appendChild(name); row.appendChild(count); body.appendChild(row);
    });
  }

  const events = new EventSource(svg.dataset.events);
  events.addEventListener("open", () => { svg.dataset.connected = "true"; });
  events.addEventListener("error", () => { svg.dataset.connected = "false"; });
  events.addEventListener("block", (message) => {
    const block = JSON.parse(message.data);
    const second = Math.floor(block.seen / 1000);
    shiftTo(second);
    const i = seconds - 1 - (end - second);
    if (i >= 0) { valid[i] += block.valid; invalid[i] += block.txs - block.valid; }
    Object.keys(block.codes).forEach((code) => { mix[code] = (mix[code] || 0) + block.codes[code]; });
    liveBlocks++;
    setText("height", String(block.number + 1));
    drawMix();
    draw();
  });
  setInterval(() => { shiftTo(Math.floor(Date.now() / 1000) + offset); draw(); }, 1000);
  draw();
})();
