// The search page: asks the Pagefind index (written by outputs/search.py) and lists each page
// that matches, with links straight to the clauses, glossary terms and principles that hold the words.
//
// Pagefind gives, for each matching page, the positions of the matching words and of every element
// with an id; a hit belongs to the innermost "place" that starts before it. Places are clauses,
// glossary terms and principles, and the Do/Don't tables. A hit in no place links to its page's
// nearest section. Which ids are places, and their names ("paragraph 7.5(3)", "Monitoring Officer",
// "Openness"), the index says, in each page's metadata "places" (outputs/search.py): this script
// works neither out of the ids.
//
// A classic script, not a module: opened from disk (file://), browsers refuse to run a module script at all, and
// the page would say nothing; this one runs, fails to load Pagefind (itself a module), and says why.

(() => {
  "use strict";

  const form = document.querySelector("form.con-search");
  const input = document.getElementById("con-search-query");
  const status = document.getElementById("con-search-status");
  const list = document.getElementById("con-search-results");
  const root = new URL(document.documentElement.dataset.content_root || "./", location.href);

  // A place the index names, or a table with an id (the Do/Don't tables, id from their caption).
  const isPlace = (a) => a.name !== undefined || a.element === "table";
  const EXCERPT_WORDS = 30;
  const PLACES_PER_PAGE = 5;

  let pagefind = null;
  let latest = 0; // the newest query; answers to older ones are dropped

  async function engine() {
    if (!pagefind) {
      pagefind = await import(new URL("pagefind/pagefind.js", root).href);
      await pagefind.options({ baseUrl: root.pathname, excerptLength: EXCERPT_WORDS });
    }
    return pagefind;
  }

  function say(text) {
    status.textContent = text;
  }

  // The page's places, anchor -> name, as the index gives them.
  function placesOf(data) {
    try {
      return JSON.parse((data.meta && data.meta.places) || "{}");
    } catch {
      return {};
    }
  }

  function placeTitle(anchor) {
    if (anchor.name !== undefined) return anchor.name;
    if (anchor.element === "table") {
      const name = anchor.id.replace(/-/g, " ");
      return name.charAt(0).toUpperCase() + name.slice(1);
    }
    return anchor.text.replace(/¶/g, "").trim();
  }

  // Words of the page's indexed text from `start`, with the words at `hits` marked.
  function excerpt(words, start, hits) {
    const from = Math.max(start, Math.min(...hits) - 8);
    const p = document.createElement("p");
    p.className = "con-search-excerpt";
    if (from > start) p.append("… ");
    const marked = new Set(hits);
    for (let i = from; i < Math.min(words.length, from + EXCERPT_WORDS); i++) {
      if (marked.has(i)) {
        const mark = document.createElement("mark");
        mark.textContent = words[i];
        p.append(mark);
      } else {
        p.append(words[i]);
      }
      p.append(" ");
    }
    if (from + EXCERPT_WORDS < words.length) p.append("…");
    return p;
  }

  // Group a page's hits by the place (clause, term, principle, else section) that holds each one.
  function places(data) {
    const names = placesOf(data);
    // A numbered heading ("3 Roles") is filed as a clause too, but its section holds clauses: it stays a section.
    for (const a of data.anchors) if (a.element !== "section" && Object.hasOwn(names, a.id)) a.name = names[a.id];
    const anchors = data.anchors
      .filter((a) => isPlace(a) || a.element === "section")
      .sort((a, b) => a.location - b.location);
    const weights = new Map((data.weighted_locations || []).map((w) => [w.location, w.balanced_score || w.weight || 1]));
    const groups = new Map();
    for (const location of data.locations) {
      // The place that holds a word is the last one to start before it: clauses, terms and principles
      // hold no sections, and the next one starting ends the last (a nested clause counts as the place).
      let holder = null;
      for (const a of anchors) {
        if (a.location > location) break;
        holder = a;
      }
      const key = holder ? holder.id : "";
      if (!groups.has(key)) groups.set(key, { anchor: holder, hits: [], score: 0 });
      const group = groups.get(key);
      group.hits.push(location);
      group.score += weights.get(location) || 1;
    }
    // Places holding more of the query's different words come first ("need to know" before "know").
    const words = data.content.split(/\s+/).filter(Boolean);
    for (const group of groups.values()) {
      group.coverage = new Set(group.hits.map((i) => normalise(words[i] || ""))).size;
    }
    return [...groups.values()].sort(
      (a, b) => b.coverage - a.coverage || b.score - a.score || a.hits[0] - b.hits[0],
    );
  }

  const normalise = (word) => word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, "").replace(/s$/, "");

  function pageUrl(data) {
    return data.url.replace(/#.*$/, "");
  }

  function render(results) {
    list.replaceChildren();
    for (const data of results) {
      const item = document.createElement("li");
      item.className = "con-search-result";
      const heading = document.createElement("h2");
      const link = document.createElement("a");
      link.href = pageUrl(data);
      link.textContent = (data.meta.title || data.url).replace(/¶/g, "").trim();
      heading.append(link);
      item.append(heading);
      const content = data.content.split(/\s+/).filter(Boolean);
      const found = places(data);
      const best = Math.max(0, ...found.map((g) => g.coverage));
      const named = found
        .filter((g) => g.anchor && isPlace(g.anchor) && g.coverage === best)
        .slice(0, PLACES_PER_PAGE);
      if (named.length) {
        const sub = document.createElement("ul");
        for (const group of named) {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = `${pageUrl(data)}#${group.anchor.id}`;
          a.textContent = placeTitle(group.anchor);
          li.append(a, excerpt(content, group.anchor.location, group.hits));
          sub.append(li);
        }
        item.append(sub);
      } else {
        const top = found[0];
        if (top && top.anchor && top.anchor.element === "section" && top.anchor.location > 0) {
          link.href = `${pageUrl(data)}#${top.anchor.id}`;
        }
        item.append(excerpt(content, top && top.anchor ? top.anchor.location : 0, top ? top.hits : data.locations));
      }
      list.append(item);
    }
  }

  async function search(query) {
    const id = ++latest;
    query = query.trim();
    const url = new URL(location.href);
    if (query) url.searchParams.set("q", query);
    else url.searchParams.delete("q");
    history.replaceState(null, "", url);
    if (!query) {
      list.replaceChildren();
      say("");
      return;
    }
    say("Searching…");
    try {
      const pf = await engine();
      const answer = await pf.search(query);
      if (id !== latest) return;
      const results = await Promise.all(answer.results.map((r) => r.data()));
      if (id !== latest) return;
      render(results);
      if (!results.length) say(`Nothing found for “${query}”.`);
      else if (results.length === 1) say(`1 page matches “${query}”.`);
      else say(`${results.length} pages match “${query}”.`);
    } catch (error) {
      if (id !== latest) return;
      list.replaceChildren();
      if (location.protocol === "file:") {
        say("Search is not available here: it needs the site to be served over HTTP.");
      } else {
        // Served, the index was missing or being written again (a preview's rebuild): the next search starts afresh.
        if (pagefind) pagefind.destroy().catch(() => {});
        pagefind = null;
        say("Search could not load the site's index. Please try again.");
      }
      console.error(error);
    }
  }

  let timer = 0;
  input.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => search(input.value), 300);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(timer);
    search(input.value);
  });

  const initial = new URLSearchParams(location.search).get("q");
  if (initial) {
    input.value = initial;
    search(initial);
  }
})();
