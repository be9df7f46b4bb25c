// The startpositie: six sliders (phase 1-4), a radar that follows them, and Telegram's
// main button "Opslaan"; the chat confirms with the profile.
"use strict";

(async function () {
  const page = await load("startpositie");
  if (!page) return;
  document.getElementById("title").textContent = "Startpositie van " + page.gemeente.name;
  const form = document.getElementById("themes");
  const radar = document.getElementById("radar");
  const caption = document.getElementById("radar-text");
  const chosen = {};
  const phaseName = Object.fromEntries(page.phases.map((p) => [p.number, p.name]));

  function redraw() {
    drawRadar(radar, caption, page.themes, (theme) => chosen[theme.key]);
  }

  for (const theme of page.themes) {
    chosen[theme.key] = theme.phase || 1;
    const section = el("section", { class: "theme", id: "thema-" + theme.key });
    section.appendChild(el("h2", { id: "naam-" + theme.key }, theme.name));
    section.appendChild(el("p", { class: "hint" }, theme.short));
    section.appendChild(el("label", { id: "label-" + theme.key, for: "fase-" + theme.key }, "Fase"));
    const slider = el("input", {
      type: "range", min: "1", max: "4", step: "1", id: "fase-" + theme.key, name: theme.key,
      value: String(chosen[theme.key]),
      "aria-labelledby": "naam-" + theme.key + " label-" + theme.key,
      "aria-describedby": "uitleg-" + theme.key,
    });
    section.appendChild(slider);
    const ticks = el("div", { class: "ticks", "aria-hidden": "true" });
    page.phases.forEach((p) => ticks.appendChild(el("span", {}, p.number + " " + p.label)));
    section.appendChild(ticks);
    const explained = el("p", { class: "phase", id: "uitleg-" + theme.key });
    section.appendChild(explained);
    const open = el("p", { class: "hint" }, "Nog niet ingevuld: kies een fase.");
    if (!theme.phase) section.appendChild(open);

    function show() {
      const phase = chosen[theme.key];
      const heading = el("strong", {}, "Fase " + phase + " – " + phaseName[phase] + ": " + theme.labels[phase]);
      explained.replaceChildren(heading, el("br"), document.createTextNode(theme.phases[phase]));
      slider.setAttribute("aria-valuetext", "Fase " + phase + ", " + phaseName[phase] + ": " + theme.labels[phase]);
    }
    slider.addEventListener("input", () => {
      chosen[theme.key] = Number(slider.value);
      open.remove();
      show();
      redraw();
    });
    show();
    form.appendChild(section);
  }
  redraw();

  let saving = false;
  async function save() {
    if (saving) return;
    saving = true;
    if (tg && tg.MainButton) tg.MainButton.showProgress();
    const answer = await api("startpositie", { phases: chosen });
    if (tg && tg.MainButton) tg.MainButton.hideProgress();
    saving = false;
    if (!answer.ok) {
      showStatus(answer.data.error);
      return;
    }
    showStatus("Opgeslagen. Het profiel en de thema's die aandacht vragen staan nu in de chat.");
    if (tg) tg.close();
  }

  if (tg && tg.MainButton) {
    tg.MainButton.setText("Opslaan");
    tg.MainButton.onClick(save);
    tg.MainButton.show();
  } else {
    const button = document.getElementById("save");
    button.hidden = false;
    button.addEventListener("click", save);
  }
})();
