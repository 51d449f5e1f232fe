"use strict";
// The explorer: hash routes (#/articles/…, #/people/…) drawn from the public /v1 API, as any client would.

const main = document.getElementById("main");
const TYPES = {
  person: { path: "people", label: "Person", plural: "People" },
  place: { path: "places", label: "Place", plural: "Places" },
  organisation: { path: "organisations", label: "Organisation", plural: "Organisations" },
};
const TYPE_OF_PATH = Object.fromEntries(Object.entries(TYPES).map(([type, { path }]) => [path, type]));
const ARTICLE_FILTERS = ["q", "person", "place", "from", "to"];
const SVG = "http://www.w3.org/2000/svg";
let navigation = 0; // bumped by every navigation: answers that arrive for an older one are dropped

// --- The API: JSON in, problem+json errors out as exceptions ---------------------------------------------

class Problem extends Error {
  constructor(problem) {
    super(problem.detail);
    this.problem = problem;
  }
}

async function api(path, params) {
  const query = params && params.toString();
  let response;
  try {
    response = await fetch(query ? `${path}?${query}` : path, { headers: { Accept: "application/json" } });
  } catch {
    throw new Problem({ title: "Network error", detail: "The server could not be reached." });
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new Problem(body && body.title ? body : { title: "Error", status: response.status, detail: `The server answered ${response.status}.` });
  }
  return body;
}

async function allPages(path, params = new URLSearchParams()) {
  const items = [];
  params.set("limit", "100");
  for (;;) {
    const page = await api(path, params);
    items.push(...(page.data || page.features));
    if (!page.meta.next_cursor) return items;
    params.set("cursor", page.meta.next_cursor);
  }
}

// --- DOM helpers: text always goes in as text nodes, never as markup ------------------------------------

function h(tag, attrs = {}, ...children) {
  return build(document.createElement(tag), attrs, children);
}

function svg(tag, attrs = {}, ...children) {
  return build(document.createElementNS(SVG, tag), attrs, children);
}

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  element.append(...children.flat(Infinity).filter((child) => child !== null && child !== undefined && child !== false));
  return element;
}

function plural(count, noun, nouns = `${noun}s`) {
  return `${count} ${count === 1 ? noun : nouns}`;
}

function formatDate(iso) {
  if (!iso) return "undated";
  const date = new Date(`${iso}T00:00:00Z`);
  return date.toLocaleDateString("en-GB", { timeZone: "UTC", day: "numeric", month: "long", year: "numeric" });
}

function href(type, slug) {
  return `#/${TYPES[type].path}/${encodeURIComponent(slug)}`;
}

// A place's kind and country code, as its detail line shows them.
function placeDetail(place) {
  return [place.kind, place.country_code].filter(Boolean).join(", ");
}

function entityLink(type, entity, extra) {
  return h("a", { class: `chip ${type}`, href: href(type, entity.slug) }, entity.name, extra ? h("span", { class: "chip-count" }, extra) : null);
}

// A snippet is article text with <mark> around matched words: only those two tags become elements.
function marked(snippet) {
  const nodes = [];
  let mark = null;
  for (const part of snippet.split(/(<\/?mark>)/)) {
    if (part === "<mark>") mark = mark || h("mark");
    else if (part === "</mark>") {
      if (mark) nodes.push(mark);
      mark = null;
    } else if (part) (mark || { append: (text) => nodes.push(text) }).append(part);
  }
  if (mark) nodes.push(mark);
  return nodes;
}

// Mentions carry offsets in characters (code points): each becomes a link to its entity.
function highlighted(text, mentions = []) {
  const chars = Array.from(text);
  const nodes = [];
  let at = 0;
  for (const mention of [...mentions].sort((a, b) => a.start - b.start)) {
    if (mention.start < at || chars.slice(mention.start, mention.end).join("") !== mention.surface) continue;
    const { type, slug, name } = mention.entity;
    nodes.push(chars.slice(at, mention.start).join(""));
    nodes.push(h("a", { class: `mention ${type}`, href: href(type, slug), title: `${name} (${type})` }, mention.surface));
    at = mention.end;
  }
  nodes.push(chars.slice(at).join(""));
  return nodes;
}

function problemBox(error) {
  const problem = error instanceof Problem ? error.problem : { title: "Error", detail: String(error) };
  const extra = (problem.errors || []).filter((e) => `${e.param} ${e.message}` !== problem.detail);
  return h("div", { class: "problem", role: "alert" },
    h("strong", {}, problem.status ? `${problem.title} (${problem.status})` : problem.title),
    h("p", {}, problem.detail),
    extra.length ? h("ul", {}, extra.map((e) => h("li", {}, `${e.param}: ${e.message}`))) : null);
}

// A list fed page by page through meta.next_cursor; "More" appends the next page and focuses its first link.
function pagedList({ path, params = new URLSearchParams(), item, noun, nouns, listClass = "cards" }) {
  const list = h("ul", { class: listClass });
  const count = h("p", { class: "count", "aria-live": "polite" });
  const more = h("button", { type: "button", class: "more", hidden: true }, `More ${nouns}`);
  const problem = h("div");
  let cursor = null;
  async function load() {
    const query = new URLSearchParams(params);
    if (cursor) query.set("cursor", cursor);
    more.disabled = true;
    const page = await api(path, query);
    const items = page.data.map(item);
    list.append(...items);
    cursor = page.meta.next_cursor;
    count.textContent = page.meta.total === 0 ? `No ${nouns}` : `${list.childElementCount} of ${plural(page.meta.total, noun, nouns)}`;
    more.hidden = !cursor;
    more.disabled = false;
    return items;
  }
  more.addEventListener("click", async () => {
    problem.replaceChildren();
    try {
      const items = await load();
      items[0]?.querySelector("a")?.focus();
    } catch (error) {
      more.disabled = false;
      problem.replaceChildren(problemBox(error));
    }
  });
  return { load, nodes: [count, list, more, problem] };
}

// --- Views: each returns its title and nodes ------------------------------------------------------------

// An article's byline: its date, its source if known, then any further parts.
function byline(article, attrs = {}, ...extra) {
  return h("p", { class: "meta", ...attrs }, h("time", { datetime: article.published_at }, formatDate(article.published_at)), article.source ? ` · ${article.source}` : "", extra);
}

function articleCard(article) {
  return h("li", { class: "card" },
    h("h3", { lang: "fr" }, h("a", { href: `#/articles/${encodeURIComponent(article.slug)}` }, article.title)),
    byline(article),
    h("p", { class: "snippet", lang: "fr" }, marked(article.snippet)),
    h("p", { class: "chips" }, article.people.map((p) => entityLink("person", p)), article.places.map((p) => entityLink("place", p))));
}

function field(label, input, size = "") {
  return h("label", { class: `field ${size}` }, h("span", {}, label), input);
}

async function searchView(_match, query) {
  const params = new URLSearchParams();
  for (const name of ARTICLE_FILTERS) if (query.get(name)) params.set(name, query.get(name));
  const input = (name, type, extra = {}) => h("input", { name, type, value: query.get(name) || "", ...extra });
  const form = h("form", { class: "search", role: "search", onsubmit: submitTo("#/articles", "#/") },
    field("Search articles", input("q", "search", { placeholder: "Goita, \"junte malienne\", elysee…" }), "wide"),
    h("div", { class: "actions" }, h("button", { type: "submit" }, "Search"), [...params].length ? h("a", { href: "#/" }, "Clear") : null),
    field("Person", input("person", "text", { placeholder: "name or slug" })),
    field("Place", input("place", "text", { placeholder: "name or slug" })),
    field("From", input("from", "date")),
    field("To", input("to", "date")));
  const list = pagedList({ path: "/v1/articles", params, item: articleCard, noun: "article", nouns: "articles" });
  const searching = [...params].length > 0;
  const heading = h("h2", { tabindex: "-1" }, searching ? "Search results" : "Latest articles");
  try {
    await list.load();
    return { title: params.get("q") || "Articles", focus: searching ? heading : null, nodes: [h("h1", {}, "Articles"), form, heading, list.nodes] };
  } catch (error) {
    if (!(error instanceof Problem)) throw error;
    return { title: "Articles", nodes: [h("h1", {}, "Articles"), form, problemBox(error)] };
  }
}

// A search form's submit handler: its filled-in fields go to `base?…`, none to `empty`; the same hash again re-runs it.
function submitTo(base, empty = base) {
  return (event) => {
    event.preventDefault();
    const params = new URLSearchParams();
    for (const [name, value] of new FormData(event.target)) if (value.trim()) params.set(name, value.trim());
    const query = params.toString();
    const target = query ? `${base}?${query}` : empty;
    if (location.hash === target) route();
    else location.hash = target;
  };
}

async function articleView(match) {
  const path = `/v1/articles/${encodeURIComponent(decodeURIComponent(match[1]))}`;
  const [article, mentions] = await Promise.all([api(path), allPages(`${path}/mentions`)]);
  const where = new Map();
  for (const mention of mentions) where.set(String(mention.paragraph), [...(where.get(String(mention.paragraph)) || []), mention]);
  const sections = [
    ["People", "person", article.people, (p) => p.titles.join(", ")],
    ["Places", "place", article.places, placeDetail],
    ["Organisations", "organisation", article.organisations, () => ""],
  ];
  return {
    title: article.title,
    nodes: [h("article", { class: "article" },
      h("div", { class: "article-text", lang: "fr" },
        h("h1", {}, highlighted(article.title, where.get("title"))),
        byline(article, { lang: "en" }, ` · ${plural(article.word_count, "word")}`),
        article.caption ? h("p", { class: "caption" }, highlighted(article.caption, where.get("caption"))) : null,
        article.body.map((text, index) => h("p", {}, highlighted(text, where.get(String(index))))),
        article.extraction_note ? h("p", { class: "note", lang: "en" }, article.extraction_note) : null),
      h("aside", { class: "article-entities", "aria-label": "Named in this article" },
        sections.map(([label, type, entities, detail]) => h("section", { class: `named ${type}` },
          h("h2", {}, label),
          entities.length ? h("ul", {}, entities.map((e) => h("li", {},
            h("a", { class: `mention ${type}`, href: href(type, e.slug) }, e.name),
            h("span", { class: "detail" }, [detail(e), plural(e.mention_count, "mention")].filter(Boolean).join(" · ")))))
            : h("p", { class: "none" }, "None"))))),
    ],
  };
}

async function entityView(match) {
  const type = TYPE_OF_PATH[match[1]];
  const base = `/v1/${match[1]}/${encodeURIComponent(decodeURIComponent(match[2]))}`;
  const entity = await api(base);
  const related = await Promise.all(Object.keys(TYPES).map((t) => api(`${base}/related`, new URLSearchParams({ type: t, limit: "12" }))));
  const articles = pagedList({ path: `${base}/articles`, params: new URLSearchParams({ limit: "10" }), item: articleCard, noun: "article", nouns: "articles" });
  await articles.load();
  const facts = [
    ["Also written", entity.aliases.length ? entity.aliases.join(", ") : null],
    ["Kind", entity.kind], ["Country", entity.country_code],
    ["Coordinates", entity.latitude != null ? `${entity.latitude.toFixed(4)}, ${entity.longitude.toFixed(4)}` : null],
    ["GeoNames id", entity.geonames_id],
    ["Articles", entity.article_count], ["Mentions", entity.mention_count],
    ["First seen", entity.first_seen && formatDate(entity.first_seen)], ["Last seen", entity.last_seen && formatDate(entity.last_seen)],
  ].filter(([, value]) => value !== null && value !== undefined);
  return {
    title: entity.name,
    nodes: [
      h("p", { class: `eyebrow ${type}` }, TYPES[type].label),
      h("h1", { lang: "fr" }, entity.name),
      h("div", { class: "entity-head" },
        h("dl", { class: "facts" }, facts.map(([term, value]) => [h("dt", {}, term), h("dd", {}, String(value))])),
        entity.latitude != null ? worldMap([{ geometry: { coordinates: [entity.longitude, entity.latitude] }, properties: entity }], `${entity.name} on the world map`, "small") : null),
      entity.titles && entity.titles.length ? [h("h2", {}, "Titles"), h("ul", { class: "titles" }, entity.titles.map((t) => h("li", { lang: "fr" },
        h("q", {}, t.title), " in ", h("a", { href: `#/articles/${encodeURIComponent(t.article.slug)}` }, t.article.title))))] : null,
      h("h2", {}, "Named in the same articles"),
      h("div", { class: "related" }, Object.entries(TYPES).map(([t, info], i) => h("section", {},
        h("h3", {}, info.plural),
        related[i].data.length ? h("p", { class: "chips" }, related[i].data.map((r) => entityLink(t, r, String(r.count)))) : h("p", { class: "none" }, "None")))),
      h("h2", {}, "Articles"),
      articles.nodes,
    ],
  };
}

function entityRow(type) {
  return (entity) => h("li", {},
    h("a", { class: `mention ${type}`, href: href(type, entity.slug), lang: "fr" }, entity.name),
    h("span", { class: "detail" }, [type === "place" ? placeDetail(entity) : "",
      plural(entity.article_count, "article")].filter(Boolean).join(" · ")));
}

async function entitiesView(match, query) {
  const type = TYPE_OF_PATH[match[1]];
  const info = TYPES[type];
  const params = new URLSearchParams();
  if (query.get("q")) params.set("q", query.get("q"));
  const list = pagedList({ path: `/v1/${info.path}`, params, item: entityRow(type), noun: type, nouns: info.path, listClass: "rows" });
  const form = h("form", { class: "search", role: "search", onsubmit: submitTo(`#/${info.path}`) }, field(`Find ${info.path}`, h("input", { name: "q", type: "search", value: query.get("q") || "", placeholder: "the start of a name" }), "wide"),
  h("div", { class: "actions" }, h("button", { type: "submit" }, "Find")));
  const [, features] = await Promise.all([list.load(), type === "place" ? allPages("/v1/places.geojson", new URLSearchParams(params)) : null]);
  const map = features ? worldMap(features, "Places named in the articles", "large") : null;
  return { title: info.plural, nodes: [h("h1", {}, info.plural), map, form, list.nodes] };
}

// Dots on an equirectangular world (x = (longitude + 180) * 10, y = (90 - latitude) * 10), area by articles.
function worldMap(features, label, size) {
  const dots = [...features].sort((a, b) => b.properties.article_count - a.properties.article_count).map((feature) => {
    const [longitude, latitude] = feature.geometry.coordinates;
    const place = feature.properties;
    const name = `${place.name}: ${plural(place.article_count, "article")}`;
    return svg("a", { href: href("place", place.slug), tabindex: "-1", "aria-label": name },
      svg("circle", { cx: ((longitude + 180) * 10).toFixed(1), cy: ((90 - latitude) * 10).toFixed(1), r: (size === "small" ? 40 : 8 + 9 * Math.sqrt(place.article_count)).toFixed(1) },
        svg("title", {}, name)));
  });
  const total = features.reduce((sum, feature) => sum + feature.properties.article_count, 0);
  return h("figure", { class: `map ${size}` },
    svg("svg", { viewBox: "0 60 3600 1440", role: "img", "aria-label": label },
      svg("image", { href: main.dataset.worldMap, x: "0", y: "60", width: "3600", height: "1440" }), dots),
    size === "large" ? h("figcaption", {}, `${plural(features.length, "place")} on the map, ${plural(total, "article link")}; a dot's area follows its articles. Every place is also listed below.`) : null);
}

function notFoundView() {
  return { title: "Not found", nodes: [h("h1", {}, "Not found"), h("p", {}, "No page here. "), h("p", {}, h("a", { href: "#/" }, "Back to the articles"))] };
}

// --- Routing --------------------------------------------------------------------------------------------

const ROUTES = [
  [/^\/(?:articles)?$/, searchView],
  [/^\/articles\/([^/]+)$/, articleView],
  [/^\/(people|places|organisations)$/, entitiesView],
  [/^\/(people|places|organisations)\/([^/]+)$/, entityView],
];

async function route() {
  const hash = location.hash.startsWith("#/") ? location.hash.slice(1) : "/";
  const split = hash.indexOf("?");
  const path = split < 0 ? hash : hash.slice(0, split);
  const query = new URLSearchParams(split < 0 ? "" : hash.slice(split + 1));
  const current = ++navigation;
  const found = ROUTES.map(([pattern, view]) => [path.match(pattern), view]).find(([match]) => match);
  main.setAttribute("aria-busy", "true");
  let view;
  try {
    view = found ? await found[1](found[0], query) : notFoundView();
  } catch (error) {
    view = { title: "Error", nodes: [h("h1", {}, "Something went wrong"), problemBox(error), h("p", {}, h("a", { href: "#/" }, "Back to the articles"))] };
  }
  if (current === navigation) show(view, path);
}

function show(view, path) {
  main.replaceChildren(...[view.nodes].flat(Infinity).filter(Boolean));
  main.removeAttribute("aria-busy");
  document.title = `${view.title} · News explorer`;
  const section = path.split("/")[1] || "articles";
  for (const link of document.querySelectorAll("nav a[data-section]")) {
    if (link.dataset.section === section) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  // After a navigation (not on the first load) focus goes to the new content, as a page load would put it.
  const heading = view.focus || main.querySelector("h1");
  if (heading && show.before) {
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: true });
    if (!view.focus) window.scrollTo(0, 0);
  }
  show.before = true;
}

window.addEventListener("hashchange", route);
route();
