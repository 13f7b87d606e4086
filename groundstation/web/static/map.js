// The commander's live map: our own small Web Mercator map over the station's tile cache, with
// vehicles, their geofences and rally points, and findings kept up to date by Server-Sent Events
// (/live). No library, nothing from the internet. Text comes from the JSON block the station put in
// the page, in the reader's language.
"use strict";

(() => {
  const T = JSON.parse(document.getElementById("texts").textContent);
  const LANG = document.documentElement.lang || "en";
  const TILE = 256;
  const EARTH_CIRCUMFERENCE_M = 40075016.686;
  const SVG_NS = "http://www.w3.org/2000/svg";
  const ICONS = {  // 24x24 glyphs drawn white on the status colour
    person: "M12 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6zm-3 7h6l2 6h-2.5l-.5 7h-4l-.5-7H7z",
    hotspot: "M13 1c1 4 6 6 6 12a7 7 0 0 1-14 0c0-3 2-5 3-7 0 3 1 4 2 4 0-4 1-6 3-9z",
    other: "M12 2l9 10-9 10-9-10z",
  };
  const VEHICLE_ARROW = "M20 3 L32 35 L20 28 L8 35 Z";
  // One colour per vehicle, for its arrow, trail and flight area; none of them the no-fly red.
  const VEHICLE_COLOURS = ["#1f5fbf", "#00838f", "#6a1b9a", "#6d4c41", "#283593", "#827717"];
  const colourOf = (id) => VEHICLE_COLOURS[(Number(id) - 1 + VEHICLE_COLOURS.length) % VEHICLE_COLOURS.length];
  const PIN_HEIGHT = 44;        // a finding's badge and its tail, above the point (style.css .finding)

  const el = (id) => document.getElementById(id);
  const mapEl = el("map"), tilesEl = el("tiles"), overlay = el("overlay"), markersEl = el("markers");
  const popup = el("popup"), conn = el("conn"), legend = el("legend");

  const view = { z: 8, cx: 0, cy: 0, minZ: 2, maxZ: 19 };
  const data = { vehicles: {}, geofences: {}, findings: {}, time: 0, links: 0, linksUp: 0 };
  let source = null;            // the tile source shown
  let fitted = false;           // fit to what is on the map once, then leave the view to the reader
  let selected = null;          // finding id whose popup is open
  let revealPopup = false;      // pan once after opening a popup so it and its marker both show
  let pending = false;

  // --- Web Mercator: world coordinates 0..1 (x east, y south) -------------------------------------
  const project = (lat, lon) => {
    const s = Math.sin(Math.max(-85.05112878, Math.min(85.05112878, lat)) * Math.PI / 180);
    return { x: (lon + 180) / 360, y: 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI) };
  };
  const worldPx = () => TILE * 2 ** view.z;
  const size = () => ({ w: mapEl.clientWidth, h: mapEl.clientHeight });
  const toScreen = (lat, lon) => {
    const p = project(lat, lon), { w, h } = size(), W = worldPx();
    return { x: (p.x - view.cx) * W + w / 2, y: (p.y - view.cy) * W + h / 2 };
  };
  const metresPerPixel = (lat) => EARTH_CIRCUMFERENCE_M * Math.cos(lat * Math.PI / 180) / worldPx();
  const centreOn = (lat, lon) => { const p = project(lat, lon); view.cx = p.x; view.cy = p.y; };

  function zoomAt(dz, sx, sy) {
    const z = Math.max(view.minZ, Math.min(view.maxZ, view.z + dz));
    if (z === view.z) return;
    const { w, h } = size(), before = worldPx();
    const wx = view.cx + (sx - w / 2) / before, wy = view.cy + (sy - h / 2) / before;
    view.z = z;
    const after = worldPx();
    view.cx = wx - (sx - w / 2) / after;
    view.cy = wy - (sy - h / 2) / after;
    schedule();
  }

  function fitAll() {
    const points = [...Object.values(data.vehicles), ...Object.values(data.findings)]
      .filter((r) => r.lat !== null && r.lon !== null);
    if (!points.length) return false;
    const ps = points.map((r) => project(r.lat, r.lon));
    const xs = ps.map((p) => p.x), ys = ps.map((p) => p.y);
    const minX = Math.min(...xs), maxX = Math.max(...xs), minY = Math.min(...ys), maxY = Math.max(...ys);
    view.cx = (minX + maxX) / 2; view.cy = (minY + maxY) / 2;
    const { w, h } = size();
    let z = Math.min(view.maxZ, 18);
    while (z > view.minZ && ((maxX - minX) * TILE * 2 ** z > w - 120 || (maxY - minY) * TILE * 2 ** z > h - 120)) z--;
    view.z = z;
    schedule();
    return true;
  }

  // --- drawing ------------------------------------------------------------------------------------
  function schedule() {
    if (!pending) { pending = true; requestAnimationFrame(() => { pending = false; draw(); }); }
  }

  function draw() {
    drawTiles();
    drawOverlay();
    drawMarkers();
    drawPopup();
    drawScale();
  }

  const tileImgs = new Map();
  function drawTiles() {
    if (!source) return;
    const { w, h } = size(), W = worldPx(), n = 2 ** view.z;
    const left = view.cx * W - w / 2, top = view.cy * W - h / 2;
    const wanted = new Set();
    for (let ty = Math.floor(top / TILE); ty <= Math.floor((top + h) / TILE); ty++) {
      if (ty < 0 || ty >= n) continue;
      for (let tx = Math.floor(left / TILE); tx <= Math.floor((left + w) / TILE); tx++) {
        const x = ((tx % n) + n) % n;
        const key = `${source.id}/${view.z}/${x}/${ty}/${tx}`;
        wanted.add(key);
        let img = tileImgs.get(key);
        if (!img) {
          img = new Image(TILE, TILE);
          img.alt = "";
          img.draggable = false;
          img.onerror = () => img.classList.add("missing");  // not cached at the station: show the grid
          img.src = `/tiles/${encodeURIComponent(source.id)}/${view.z}/${x}/${ty}`;
          tileImgs.set(key, img);
          tilesEl.appendChild(img);
        }
        img.style.left = `${Math.round(tx * TILE - left)}px`;
        img.style.top = `${Math.round(ty * TILE - top)}px`;
      }
    }
    for (const [key, img] of tileImgs) if (!wanted.has(key)) { img.remove(); tileImgs.delete(key); }
  }

  function svg(tag, attrs) {
    const node = document.createElementNS(SVG_NS, tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    return node;
  }

  // Exclusion zones: a light red fill under red hatching, one pattern for the whole overlay.
  function noFlyPattern() {
    const defs = svg("defs", {});
    const pattern = svg("pattern", { id: "no-fly", width: 8, height: 8, patternUnits: "userSpaceOnUse",
      patternTransform: "rotate(45)" });
    pattern.append(svg("rect", { width: 8, height: 8, class: "no-fly-ground" }),
      svg("line", { x1: 0, y1: 0, x2: 0, y2: 8, class: "no-fly-hatch" }));
    defs.appendChild(pattern);
    return defs;
  }

  function fenceShape(tag, attrs, id, inclusion) {
    const shape = svg(tag, { ...attrs, class: `fence ${inclusion ? "inclusion" : "exclusion"}`, "data-vehicle": id });
    if (inclusion) shape.style.stroke = colourOf(id);
    const title = svg("title", {});
    title.textContent = `#${id}: ${inclusion ? T.fence_inclusion : T.fence_exclusion}`;
    shape.appendChild(title);
    return shape;
  }

  function drawFences() {
    for (const g of Object.values(data.geofences)) {
      if (!g.fence) continue;
      for (const polygon of g.fence.polygons) {
        const pts = polygon.points.map(([lat, lon]) => { const p = toScreen(lat, lon); return `${p.x.toFixed(1)},${p.y.toFixed(1)}`; });
        overlay.appendChild(fenceShape("polygon", { points: pts.join(" ") }, g.id, polygon.inclusion));
      }
      for (const circle of g.fence.circles) {
        const [lat, lon] = circle.center, p = toScreen(lat, lon);
        overlay.appendChild(fenceShape("circle", { cx: p.x, cy: p.y, r: circle.radius_m / metresPerPixel(lat) },
          g.id, circle.inclusion));
      }
    }
  }

  function drawLegend() {
    const shown = Object.values(data.geofences);
    const rows = [
      ["inclusion", T.fence_inclusion, shown.some((g) => g.fence?.polygons.concat(g.fence.circles).some((s) => s.inclusion))],
      ["exclusion", T.fence_exclusion, shown.some((g) => g.fence?.polygons.concat(g.fence.circles).some((s) => !s.inclusion))],
      ["rally", T.rally_point, shown.some((g) => g.rally?.length)],
    ].filter(([, , any]) => any);
    legend.hidden = !rows.length;
    legend.replaceChildren(...rows.map(([kind, text]) => {
      const li = document.createElement("li");
      li.dataset.kind = kind;
      li.append(Object.assign(document.createElement("span"), { className: `key key-${kind}` }),
        document.createTextNode(text));
      return li;
    }));
  }

  function drawOverlay() {
    overlay.replaceChildren(noFlyPattern());
    drawFences();
    for (const v of Object.values(data.vehicles)) {
      if (v.trail.length < 2) continue;
      const pts = v.trail.map(([lat, lon]) => { const p = toScreen(lat, lon); return `${p.x.toFixed(1)},${p.y.toFixed(1)}`; });
      const trail = svg("polyline", { points: pts.join(" "), class: "trail" });
      trail.style.stroke = colourOf(v.id);
      overlay.appendChild(trail);
    }
    for (const f of sortedFindings().reverse()) {
      const p = toScreen(f.lat, f.lon), r = f.h_acc_m / metresPerPixel(f.lat);
      if (r >= 4) overlay.appendChild(svg("circle", { cx: p.x, cy: p.y, r, class: `accuracy s-${f.status}` }));
      overlay.appendChild(svg("circle", { cx: p.x, cy: p.y, r: 4, class: `spot s-${f.status}` }));
    }
  }

  const markers = new Map();
  function marker(key, make) {
    let node = markers.get(key);
    if (!node) { node = make(); markers.set(key, node); markersEl.appendChild(node); }
    node.dataset.seen = "1";
    return node;
  }

  function icon(kind) {
    const s = svg("svg", { viewBox: "0 0 24 24", "aria-hidden": "true" });
    s.appendChild(svg("path", { d: ICONS[kind] || ICONS.other }));
    return s;
  }

  function drawMarkers() {
    for (const node of markers.values()) node.dataset.seen = "";
    for (const v of Object.values(data.vehicles)) {
      if (v.lat === null || v.lon === null) continue;
      const node = marker(`v${v.id}`, () => {
        const d = document.createElement("div");
        d.className = "vehicle";
        d.dataset.vehicle = v.id;
        const s = svg("svg", { viewBox: "0 0 40 40", "aria-hidden": "true" });
        s.appendChild(svg("path", { d: VEHICLE_ARROW, fill: colourOf(v.id), stroke: "#fff", "stroke-width": "2.5" }));
        d.append(s, Object.assign(document.createElement("div"), { className: "label" }));
        return d;
      });
      const p = toScreen(v.lat, v.lon);
      node.style.left = `${p.x}px`; node.style.top = `${p.y}px`;
      node.dataset.lat = v.lat; node.dataset.lon = v.lon;
      node.querySelector("svg").style.transform = `rotate(${v.heading ?? 0}deg)`;
      node.classList.toggle("lost", !v.link_ok);
      node.querySelector(".label").textContent = vehicleLabel(v);
    }
    for (const g of Object.values(data.geofences)) {
      (g.rally || []).forEach(([lat, lon], i) => {
        const node = marker(`r${g.id}-${i}`, () => {
          const d = Object.assign(document.createElement("div"), { className: "rally", textContent: "R" });
          d.dataset.vehicle = g.id;
          d.style.borderColor = d.style.color = colourOf(g.id);
          return d;
        });
        const p = toScreen(lat, lon);
        node.style.left = `${p.x}px`; node.style.top = `${p.y}px`;
        node.title = `#${g.id}: ${T.rally_point}`;
      });
    }
    sortedFindings().reverse().forEach((f, order) => {  // newest on top
      const node = marker(`f${f.id}`, () => {
        const b = document.createElement("button");
        b.type = "button";
        b.dataset.finding = f.id;
        b.addEventListener("click", (e) => { e.stopPropagation(); select(f.id); });
        return b;
      });
      const p = toScreen(f.lat, f.lon);
      node.style.left = `${p.x}px`; node.style.top = `${p.y}px`;
      node.className = `finding s-${f.status}${selected === f.id ? " selected" : ""}`;
      node.title = `${T[f.kind]} (${T[f.status]})`;
      node.setAttribute("aria-label", node.title);
      if (node.dataset.kind !== f.kind) { node.replaceChildren(icon(f.kind)); node.dataset.kind = f.kind; }
      node.style.zIndex = String(order);
    });
    for (const [key, node] of markers) if (!node.dataset.seen) { node.remove(); markers.delete(key); }
  }

  function vehicleLabel(v) {
    const parts = [`#${v.id}`, v.mode];
    if (v.alt_rel !== null) parts.push(`${Math.round(v.alt_rel)} m`);
    if (!v.link_ok) parts.push(T.link_lost);
    return parts.join(" · ");
  }

  function drawScale() {
    const lat = latAt(view.cy), mpp = metresPerPixel(lat);
    let metres = 1;
    for (const step of [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000, 100000, 200000, 500000]) {
      if (step / mpp <= 130) metres = step;
    }
    const scale = el("scale");
    scale.style.width = `${Math.round(metres / mpp)}px`;
    scale.replaceChildren(Object.assign(document.createElement("span"), {
      textContent: metres >= 1000 ? `${metres / 1000} km` : `${metres} m` }));
  }
  const latAt = (y) => Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180 / Math.PI;

  // --- the popup of a finding -----------------------------------------------------------------------
  function select(id) {
    selected = id;
    revealPopup = id !== null;
    popup.dataset.rendered = "";
    schedule();
  }

  function row(table, label, value) {
    const tr = table.insertRow();
    tr.appendChild(Object.assign(document.createElement("th"), { textContent: label }));
    tr.insertCell().textContent = value;
  }

  function drawPopup() {
    const f = selected && data.findings[selected];
    if (!f) { popup.hidden = true; selected = null; return; }
    const stamp = `${f.id}/${f.revision}/${Math.floor(Date.now() / 10000)}`;  // refresh "x min ago" too
    if (popup.dataset.rendered !== stamp) {
      popup.dataset.rendered = stamp;
      const head = document.createElement("div");
      head.className = "head";
      const dot = Object.assign(document.createElement("span"), { className: `chip s-${f.status}`, textContent: T[f.status] });
      const close = Object.assign(document.createElement("button"), { type: "button", className: "close", textContent: "✕", title: T.close });
      close.setAttribute("aria-label", T.close);
      close.addEventListener("click", () => select(null));
      head.append(Object.assign(document.createElement("h3"), { textContent: T[f.kind] }), dot, close);
      let picture;
      if (f.snapshot) {
        picture = Object.assign(document.createElement("img"), { src: f.snapshot, alt: T[f.kind] });
      } else {
        picture = Object.assign(document.createElement("div"), { className: "noimg", textContent: T.no_snapshot });
      }
      const table = document.createElement("table");
      row(table, T.time, `${clock(f.observed_at)} (${ago(f.observed_at)})`);
      row(table, T.vehicle, seenBy(f));
      row(table, T.accuracy, `± ${Math.round(f.h_acc_m)} m`);
      row(table, T.status, `${T[f.status]} · ${f.changed_by} · ${clock(f.changed_at)}`);
      if (f.source !== "operator") row(table, T.confidence, `${Math.round(f.confidence * 100)} %`);
      if (f.temp_c !== null) row(table, T.temperature, `${f.temp_c.toFixed(1)} °C`);
      row(table, T.position, `${f.lat.toFixed(6)}, ${f.lon.toFixed(6)}`);
      popup.replaceChildren(head, picture, table);
      if (f.annotations.length) {
        popup.appendChild(Object.assign(document.createElement("h4"), { textContent: T.notes }));
        const notes = Object.assign(document.createElement("ul"), { className: "notes" });
        for (const a of f.annotations) {
          const li = document.createElement("li");
          li.append(document.createTextNode(a.text + " "),
            Object.assign(document.createElement("span"), { className: "who", textContent: `— ${a.author}, ${clock(a.at)}` }));
          notes.appendChild(li);
        }
        popup.appendChild(notes);
      }
      popup.className = `s-${f.status}`;
      popup.hidden = false;
    }
    let p = toScreen(f.lat, f.lon);
    const { w, h } = size(), pw = popup.offsetWidth, ph = popup.offsetHeight;
    // Findings are pins standing on their point: the popup goes above the pin, or below the point.
    const above = p.y - PIN_HEIGHT - 8 - ph, below = p.y + 12;
    if (revealPopup) {
      revealPopup = false;
      const dy = above < 6 && below + ph > h - 6 ? Math.min(6 - above, h - 40 - p.y) : 0;
      const dx = p.x < 40 ? 40 - p.x : p.x > w - 40 ? w - 40 - p.x : 0;
      if (dx || dy) {
        view.cx -= dx / worldPx(); view.cy -= dy / worldPx();
        schedule();
        p = toScreen(f.lat, f.lon);
      }
    }
    const x = Math.max(6, Math.min(w - pw - 6, p.x - pw / 2));
    const top = p.y - PIN_HEIGHT - 8 - ph;
    const y = top >= 6 ? top : Math.min(h - ph - 6, p.y + 12);
    popup.style.left = `${x}px`; popup.style.top = `${Math.max(6, y)}px`;
  }

  const timeFormat = new Intl.DateTimeFormat(LANG, { hour: "2-digit", minute: "2-digit", second: "2-digit", hourCycle: "h23" });
  const relative = new Intl.RelativeTimeFormat(LANG, { numeric: "always", style: "short" });
  const clock = (iso) => timeFormat.format(new Date(iso));
  // who saw it as a pilot says it: the station's vehicle by its number, a partner's by the name it sent
  const seenBy = (f) => (f.source === "operator" ? T.by_hand : f.vehicle ?? f.source);
  function ago(iso) {
    const s = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
    if (s < 60) return relative.format(-Math.round(s), "second");
    if (s < 3600) return relative.format(-Math.round(s / 60), "minute");
    return relative.format(-Math.round(s / 3600), "hour");
  }

  // --- the side lists --------------------------------------------------------------------------------
  const sortedFindings = () => Object.values(data.findings).sort((a, b) => b.observed_at.localeCompare(a.observed_at));

  function listItem(dotClass, glyph, main, sub, warn, onClick) {
    const li = document.createElement("li");
    const dot = Object.assign(document.createElement("span"), { className: `dot ${dotClass}` });
    dot.appendChild(glyph);
    const text = Object.assign(document.createElement("div"), { className: "text" });
    text.append(Object.assign(document.createElement("div"), { className: "main", textContent: main }),
      Object.assign(document.createElement("div"), { className: "sub", textContent: sub }));
    if (warn) text.appendChild(Object.assign(document.createElement("div"), { className: "warn", textContent: warn }));
    li.append(dot, text);
    li.addEventListener("click", onClick);
    return li;
  }

  function empty() {
    return Object.assign(document.createElement("li"), { className: "empty", textContent: T.none_yet });
  }

  function drawLists() {
    const vehicles = Object.values(data.vehicles).sort((a, b) => a.id - b.id);
    el("vehicle-count").textContent = `(${vehicles.length})`;
    el("vehicle-list").replaceChildren(...(vehicles.length ? vehicles.map((v) => {
      const arrow = svg("svg", { viewBox: "0 0 40 40" });
      arrow.appendChild(svg("path", { d: VEHICLE_ARROW }));
      const sub = [`${T.mode} ${v.mode}`, v.armed ? T.armed : T.disarmed];
      if (v.alt_rel !== null) sub.push(`${T.altitude} ${Math.round(v.alt_rel)} m`);
      if (v.battery !== null) sub.push(`${T.battery} ${v.battery} %`);
      if (v.speed !== null) sub.push(`${T.speed} ${v.speed.toFixed(1)} m/s`);
      const g = data.geofences[v.id];
      const unknown = !g || g.fence === null || g.rally === null || g.read_failure;
      const why = g && g.read_failure ? ` (${T["fence_" + g.read_failure]})` : "";
      const warn = [v.link_ok ? "" : T.link_lost, unknown ? T.fence_unknown + why : ""];
      const item = listItem("", arrow, `#${v.id} ${v.type !== "unknown" ? v.type.toLowerCase() : ""}`, sub.join(" · "),
        warn.filter(Boolean).join(" · "), () => { if (v.lat !== null) { centreOn(v.lat, v.lon); schedule(); } });
      item.querySelector(".dot").style.background = colourOf(v.id);
      return item;
    }) : [empty()]));
    const findings = sortedFindings();
    el("finding-count").textContent = `(${findings.length})`;
    el("finding-list").replaceChildren(...(findings.length ? findings.map((f) => listItem(
      `s-${f.status}`, icon(f.kind), `${T[f.kind]} — ${T[f.status]}`,
      `${clock(f.observed_at)} (${ago(f.observed_at)}) · ${seenBy(f)} · ± ${Math.round(f.h_acc_m)} m`,
      "", () => { centreOn(f.lat, f.lon); if (view.z < 16) view.z = 16; select(f.id); })) : [empty()]));
  }

  // --- live data ---------------------------------------------------------------------------------------
  function setConn(kind, text) { conn.className = `conn ${kind}`; conn.textContent = text; }

  function stamp() {
    const links = data.links && !data.linksUp ? ` · ${T.links_down}` : "";
    setConn("live", `${T.live} · ${T.updated} ${timeFormat.format(new Date(data.time * 1000))}${links}`);
  }

  function apply(kind, msg) {
    if (kind === "snapshot") { data.vehicles = msg.vehicles; data.geofences = msg.geofences; data.findings = msg.findings; }
    else {
      Object.assign(data.vehicles, msg.vehicles);
      Object.assign(data.geofences, msg.geofences);
      Object.assign(data.findings, msg.findings);
      for (const id of msg.gone_vehicles) delete data.vehicles[id];
      for (const id of msg.gone_geofences) delete data.geofences[id];
      for (const id of msg.gone_findings) delete data.findings[id];
    }
    drawLegend();
    data.time = msg.time; data.links = msg.links; data.linksUp = msg.links_up;
    if (!fitted) fitted = fitAll();
    stamp();
    drawLists();
    schedule();
  }

  let stream = null;
  function connect() {
    stream = new EventSource("/live");
    stream.addEventListener("snapshot", (e) => apply("snapshot", JSON.parse(e.data)));
    stream.addEventListener("delta", (e) => apply("delta", JSON.parse(e.data)));
    stream.onerror = async () => {
      if (stream.readyState === EventSource.CONNECTING) { setConn("lost", T.reconnecting); return; }
      stream.close();  // the station answered with an error: find out whether it refused us
      const answer = await fetch("/tiles/sources", { cache: "no-store" }).catch(() => null);
      if (answer && answer.status === 401) { setConn("lost", T.refused); return; }
      setConn("lost", T.reconnecting);
      setTimeout(connect, 3000);
    };
  }

  async function loadSources() {
    const answer = await fetch("/tiles/sources", { cache: "no-store" });
    if (answer.status === 401) { setConn("lost", T.refused); return; }
    const { sources } = await answer.json();
    const select = el("source");
    select.replaceChildren(...sources.map((s) => Object.assign(document.createElement("option"), { value: s.id, textContent: s.name })));
    const chosen = sources.find((s) => s.id === localStorage.getItem("gs-tile-source")) || sources.find((s) => s.id === "osm") || sources[0];
    const use = (s) => {
      source = s;
      select.value = s.id;
      view.minZ = Math.max(2, s.min_zoom); view.maxZ = s.max_zoom;
      view.z = Math.max(view.minZ, Math.min(view.maxZ, view.z));
      el("attribution").textContent = s.attribution;
      schedule();
    };
    select.addEventListener("change", () => {
      localStorage.setItem("gs-tile-source", select.value);
      use(sources.find((s) => s.id === select.value));
    });
    if (chosen) use(chosen);
  }

  // --- panning and zooming: mouse, touch (one finger pans, two pinch) and keyboard -------------------------
  const pointers = new Map();
  let pinch = null, travel = 0;
  mapEl.addEventListener("pointerdown", (e) => {
    if (e.target.closest("button, #popup")) return;
    mapEl.setPointerCapture(e.pointerId);
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    travel = 0;
    mapEl.classList.add("dragging");
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinch = { d: Math.hypot(a.x - b.x, a.y - b.y) };
    }
  });
  mapEl.addEventListener("pointermove", (e) => {
    const last = pointers.get(e.pointerId);
    if (!last) return;
    if (pointers.size === 1) {
      travel += Math.abs(e.clientX - last.x) + Math.abs(e.clientY - last.y);
      view.cx -= (e.clientX - last.x) / worldPx();
      view.cy -= (e.clientY - last.y) / worldPx();
      schedule();
    }
    pointers.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pointers.size === 2 && pinch) {
      const [a, b] = [...pointers.values()], d = Math.hypot(a.x - b.x, a.y - b.y);
      const r = mapEl.getBoundingClientRect();
      if (d / pinch.d > 1.6 || d / pinch.d < 0.6) {
        zoomAt(d > pinch.d ? 1 : -1, (a.x + b.x) / 2 - r.left, (a.y + b.y) / 2 - r.top);
        pinch.d = d;
      }
    }
  });
  const release = (e) => {
    if (!pointers.delete(e.pointerId)) return;
    if (e.type === "pointerup" && !pointers.size && travel < 5) select(null);  // a tap on the map closes the popup
    if (pointers.size < 2) pinch = null;
    if (!pointers.size) mapEl.classList.remove("dragging");
  };
  mapEl.addEventListener("pointerup", release);
  mapEl.addEventListener("pointercancel", release);
  mapEl.addEventListener("wheel", (e) => {
    e.preventDefault();
    const r = mapEl.getBoundingClientRect();
    zoomAt(e.deltaY < 0 ? 1 : -1, e.clientX - r.left, e.clientY - r.top);
  }, { passive: false });
  mapEl.addEventListener("dblclick", (e) => {
    const r = mapEl.getBoundingClientRect();
    zoomAt(1, e.clientX - r.left, e.clientY - r.top);
  });
  mapEl.addEventListener("keydown", (e) => {
    const step = 80 / worldPx();
    const moves = { ArrowLeft: [-step, 0], ArrowRight: [step, 0], ArrowUp: [0, -step], ArrowDown: [0, step] };
    if (moves[e.key]) { view.cx += moves[e.key][0]; view.cy += moves[e.key][1]; schedule(); }
    else if (e.key === "+" || e.key === "=") zoomAt(1, size().w / 2, size().h / 2);
    else if (e.key === "-") zoomAt(-1, size().w / 2, size().h / 2);
    else return;
    e.preventDefault();
  });
  document.addEventListener("keydown", (e) => { if (e.key === "Escape") select(null); });
  el("zoom-in").addEventListener("click", () => zoomAt(1, size().w / 2, size().h / 2));
  el("zoom-out").addEventListener("click", () => zoomAt(-1, size().w / 2, size().h / 2));
  el("fit").addEventListener("click", () => fitAll());
  window.addEventListener("resize", schedule);
  setInterval(() => { if (Object.keys(data.findings).length) { drawLists(); schedule(); } }, 10000);  // "x min ago"

  centreOn(49.6, 6.2);  // the Moselle border area until the station sends what it sees
  loadSources().catch(() => setConn("lost", T.reconnecting));
  connect();
})();
