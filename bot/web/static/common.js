// What both pages share: Telegram's WebApp object, its theme, the API, the radar.
"use strict";

const tg = (window.Telegram && window.Telegram.WebApp) || null;

function applyTheme() {
  const params = (tg && tg.themeParams) || {};
  for (const [key, value] of Object.entries(params)) {
    document.documentElement.style.setProperty("--tg-theme-" + key.replace(/_/g, "-"), value);
  }
}

if (tg) {
  applyTheme();
  tg.onEvent("themeChanged", applyTheme);
  tg.ready();
  tg.expand();
}

function el(tag, attributes, text) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attributes || {})) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function showStatus(text) {
  document.getElementById("status").textContent = text;
}

// Every request carries Telegram's signed initData; the answer is {ok, data}.
async function api(page, body) {
  const options = { headers: { Authorization: "tma " + (tg ? tg.initData : "") } };
  if (body !== undefined) {
    options.method = "POST";
    options.headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(body);
  }
  try {
    const response = await fetch("api/" + page + location.search, options);
    const data = await response.json();
    return { ok: response.ok, data: data };
  } catch (error) {
    return { ok: false, data: { error: "De verbinding met Wijkbot lukt nu niet. Probeer het zo opnieuw." } };
  }
}

async function load(page) {
  const answer = await api(page);
  if (!answer.ok) {
    showStatus(answer.data.error);
    return null;
  }
  return answer.data;
}

// A radar of the six themes, phases 1-4; a theme without a phase sits in the middle.
const SVG = "http://www.w3.org/2000/svg";
const RADIUS = 85;

function svg(tag, attributes) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function corner(index, count, scale) {
  const angle = -Math.PI / 2 + (2 * Math.PI * index) / count;
  return [Math.cos(angle) * scale, Math.sin(angle) * scale];
}

function halves(name) {
  const words = name.split(" ");
  if (words.length < 2) return [name];
  let best = 1;
  for (let i = 1; i < words.length; i++) {
    const left = words.slice(0, i).join(" ").length;
    const bestLeft = words.slice(0, best).join(" ").length;
    if (Math.abs(left * 2 - name.length) < Math.abs(bestLeft * 2 - name.length)) best = i;
  }
  return [words.slice(0, best).join(" "), words.slice(best).join(" ")];
}

function drawRadar(node, caption, themes, phaseOf) {
  node.replaceChildren();
  const count = themes.length;
  for (let ring = 1; ring <= 4; ring++) {
    const points = themes.map((_, i) => corner(i, count, (RADIUS * ring) / 4).join(","));
    node.appendChild(svg("polygon", { class: "ring", points: points.join(" ") }));
  }
  themes.forEach((theme, i) => {
    const [x, y] = corner(i, count, RADIUS);
    node.appendChild(svg("line", { class: "axis", x1: 0, y1: 0, x2: x, y2: y }));
    const [lx, ly] = corner(i, count, RADIUS + 12);
    const anchor = Math.abs(lx) < 5 ? "middle" : lx > 0 ? "start" : "end";
    const lines = halves(theme.name);
    const top = ly < -5 ? ly - 10 * (lines.length - 1) : ly > 5 ? ly + 8 : ly - 2;
    const label = svg("text", { x: lx, y: top, "text-anchor": anchor, "aria-hidden": "true" });
    lines.forEach((line, n) => {
      const span = svg("tspan", { x: lx, dy: n ? "1.1em" : 0 });
      span.textContent = line;
      label.appendChild(span);
    });
    node.appendChild(label);
  });
  const shape = themes.map((theme, i) => corner(i, count, (RADIUS * (phaseOf(theme) || 0)) / 4).join(","));
  node.appendChild(svg("polygon", { class: "shape", points: shape.join(" ") }));
  caption.textContent = themes
    .map((theme) => theme.name + ": " + (phaseOf(theme) ? "fase " + phaseOf(theme) : "nog niet ingevuld"))
    .join("; ");
}
