// The gemeente's progress, read only: steps, profile with radar, actions, check-ins.
"use strict";

(async function () {
  const page = await load("voortgang");
  if (!page) return;
  document.getElementById("title").textContent = "Voortgang van " + page.gemeente.name;
  document.getElementById("members").textContent =
    page.members === 1 ? "1 lid" : page.members + " leden";

  const steps = document.getElementById("steps");
  for (const step of page.steps) {
    steps.appendChild(
      el("li", { class: "status-" + step.status }, "Stap " + step.number + " " + step.name + ": " + step.status_label)
    );
  }

  drawRadar(document.getElementById("radar"), document.getElementById("radar-text"), page.themes, (t) => t.phase);
  const profile = document.getElementById("profile");
  for (const theme of page.themes) {
    const shown = theme.phase ? "fase " + theme.phase + ": " + theme.label : "nog niet ingevuld";
    profile.appendChild(el("li", {}, theme.name + ": " + shown));
  }
  if (page.attention.length) {
    document.getElementById("attention").textContent = "Eerst aandacht nodig: " + page.attention.join(", ") + ".";
  }
  document.getElementById("edit").setAttribute("href", "startpositie" + location.search + location.hash);

  const actions = document.getElementById("actions");
  if (!page.actions.length) actions.appendChild(el("li", {}, "Nog geen acties."));
  for (const action of page.actions) {
    const item = el("li", { class: "status-" + (action.status === "klaar" ? "klaar" : "open") }, action.title);
    const due = action.due_label ? ", uiterlijk " + action.due_label : "";
    const state = action.status === "klaar" ? "klaar" : "open";
    item.appendChild(el("span", { class: "meta" }, action.owner + " · " + action.theme + " · " + state + due));
    actions.appendChild(item);
  }

  const checkins = document.getElementById("checkins");
  if (!page.checkins.length) checkins.appendChild(el("li", {}, "Nog geen check-ins in gekoppelde groepen."));
  for (const checkin of page.checkins) {
    const item = el("li", {}, checkin.name + " in " + checkin.group);
    const people = checkin.respondents === 1 ? "1 deelnemer" : checkin.respondents + " deelnemers";
    item.appendChild(el("span", { class: "meta" }, checkin.date + " · " + people));
    for (const line of checkin.lines) if (line.trim()) item.appendChild(el("span", { class: "meta" }, line));
    checkins.appendChild(item);
  }
  if (tg && tg.MainButton) tg.MainButton.hide();
})();
