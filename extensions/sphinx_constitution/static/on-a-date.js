// The text as it stood on a date (model/editions/pointintime.py): the page's form, and ?date=2025-11-01 on its
// address, reach the edition in force on that day, at the paragraph the page's #clause-6-7 names.
//
// The page carries its data (<script type="application/json" id="con-on-a-date-data">): each dated edition, oldest
// first, with its first and last day in force ("until" null: still in force), its address and each paragraph's
// address and name; the decisions' days adopted and in force; and the sentences to say. Days are ISO dates, which
// compare as strings. Without this script the form stays hidden and the list of editions does the work.
(() => {
  "use strict";

  const form = document.getElementById("con-on-a-date");
  const source = document.getElementById("con-on-a-date-data");
  if (!form || !source) return;
  const data = JSON.parse(source.textContent);
  if (!data.editions.length) return; // no edition is dated yet: the list says so
  const input = document.getElementById("con-on-a-date-day");
  const error = document.getElementById("con-on-a-date-error");
  const result = document.getElementById("con-on-a-date-result");
  const hint = "con-on-a-date-hint";
  const say = (key, values) => data.say[key].replace(/\{(\w+)\}/g, (all, name) => values[name] ?? all);
  const inWords = (day) =>
    new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(
      new Date(`${day}T00:00:00Z`),
    );

  const own = (map, key) => (Object.hasOwn(map, key) ? map[key] : undefined); // not "constructor" and the like

  // The edition in force on *day*: the latest whose first day is not after it (editions are oldest first).
  const inForceOn = (day) => data.editions.filter((edition) => edition.from <= day).pop();

  const showError = (text) => {
    error.textContent = "";
    const label = document.createElement("span");
    label.className = "con-visually-hidden";
    label.textContent = `${data.say.error} `;
    error.append(label, text);
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", `${hint} ${error.id}`);
    result.replaceChildren();
    input.focus();
  };

  const clearError = () => {
    error.hidden = true;
    error.textContent = "";
    input.removeAttribute("aria-invalid");
    input.setAttribute("aria-describedby", hint);
  };

  const link = (href, text) => {
    const a = document.createElement("a");
    a.href = href;
    a.textContent = text;
    return a;
  };

  // Where the day leads, and whether there is something to say before going: {go} or {say, href, text}.
  const lookUp = (day) => {
    const real = /^\d{4}-\d{2}-\d{2}$/.test(day) && !Number.isNaN(Date.parse(`${day}T00:00:00Z`));
    if (!real || new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) !== day) return { error: say("empty", {}) };
    const edition = inForceOn(day);
    if (!edition) return { error: say("before", { first: inWords(data.editions[0].from) }) };
    const anchor = location.hash.slice(1); // the package's ids (clause-6-7) need no decoding
    const clause = own(edition.clauses, anchor);
    const lines = [say("in_force", { date: inWords(day), edition: edition.id, days: edition.days })];
    for (const decision of data.decisions) {
      if (decision.adopted <= day && day < decision.in_force) {
        const values = { by: decision.by, adopted: decision.adopted_words, in_force: decision.in_force_words };
        lines.push(say(decision.kind === "correction" ? "correction" : "pending", values));
      }
    }
    const elsewhere = data.editions.map((each) => own(each.clauses, anchor)).find(Boolean); // [address, name]
    if (!clause && elsewhere) lines.push(say("missing", { edition: edition.id, paragraph: elsewhere[1] }));
    const href = clause ? clause[0] : edition.url;
    const text = clause ? say("read", { paragraph: clause[1] }) : say("read_edition", { edition: edition.id });
    return lines.length > 1 ? { say: lines, href, text } : { go: href };
  };

  const show = (day, arrive) => {
    const found = lookUp(day);
    if (found.error) return showError(found.error);
    clearError();
    if (found.go) return arrive(found.go);
    const paragraphs = found.say.map((line) => Object.assign(document.createElement("p"), { textContent: line }));
    const last = document.createElement("p");
    last.append(link(found.href, found.text));
    result.replaceChildren(...paragraphs, last);
  };

  form.hidden = false;
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    show(input.value, (href) => location.assign(href));
  });
  const asked = new URLSearchParams(location.search).get("date");
  if (asked !== null) {
    input.value = asked;
    show(asked, (href) => location.replace(href)); // the bookmark is not kept in the history: Back leaves it
  }
})();
