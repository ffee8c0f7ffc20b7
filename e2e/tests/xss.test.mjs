// Every XSS payload of PayloadsAllTheThings' two lists, markdown-it's fixture and the Big List
// of Naughty Strings, written into every field a reader, an editor or a moderator can fill
// (comment bodies, display names, the article's headline, lead, byline, credit, source, rights
// and tags, moderators' notes and rejection reasons), then the pages that show them are loaded
// in real Chromium: the test fails if any script runs (a dialog opens, a page error is thrown,
// the Content-Security-Policy blocks an inline script or handler) or if the DOM the browser
// built holds an inline script, an event handler or a javascript:/data: URL.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { REPO, logIn, startServer, uniqueSuffix, PASSWORD } from "../lib/server.mjs";
import { startSite } from "../lib/site.mjs";

const DATA = path.join(REPO, "crates", "server", "tests", "data");
const lines = (file) =>
  readFileSync(path.join(DATA, file), "utf8")
    .split("\n")
    .filter((l) => l.trim());
/** markdown-it's fixture: blocks of "." / input / "." / expected output. */
function markdownItInputs() {
  const blocks = readFileSync(path.join(DATA, "markdown-it_xss_fixture.txt"), "utf8").split(/^\.$/m);
  return blocks.filter((_, i) => i % 3 === 1).map((b) => b.trim()).filter(Boolean);
}
const PAYLOADS = [
  ...lines("patt_IntrudersXSS.txt"),
  ...lines("patt_JHADDIX_XSS.txt"),
  ...markdownItInputs(),
  ...JSON.parse(readFileSync(path.join(DATA, "blns.json"), "utf8")).filter((s) => s.trim()),
];
const SHORT = PAYLOADS.filter((p) => p.length <= 40 && !/[\n\r]/.test(p));

let site;
let server;
let browser;
let slug;
let moderator;
const names = [];

/** A client of the JSON API that keeps its session cookie. */
function client() {
  let cookie = "";
  return async (method, apiPath, body, headers = {}) => {
    const response = await fetch(`${server.url}/api/v1${apiPath}`, {
      method,
      headers: { "Content-Type": "application/json", ...(cookie ? { Cookie: cookie } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = response.headers.get("set-cookie");
    if (set) cookie = set.split(";")[0];
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
}

before(async () => {
  site = await startSite();
  server = await startServer({
    demo: false,
    env: { TRIBUNE_RATE_LIMITS: "off", TRIBUNE_EMBED__ALLOWED_ORIGINS: `["${site.origin}"]` },
  });
  browser = await launchBrowser();

  // The article: every editor's field carries a payload.
  const token = (await server.cli(["token", "create", "--role", "editor", "--name", "xss"])).trim().split(/\s+/).pop();
  const pick = (i) => SHORT[i % SHORT.length];
  const article = await client()("POST", "/articles", {
    slug: "xss-article",
    headline: `Harbour report ${pick(3)}`,
    lead: PAYLOADS[0],
    body: `A paragraph.\n\n${PAYLOADS[1]}\n\n${PAYLOADS[2]}`,
    byline: pick(5),
    dateline: pick(6),
    credit: PAYLOADS[7],
    source: pick(8),
    rights: PAYLOADS[9],
    tags: [pick(10), pick(11)],
    canonical_url: `${site.origin}/xss-article`,
  }, { Authorization: `Bearer ${token}` });
  assert.equal(article.status, 201, JSON.stringify(article.body));
  slug = article.body.slug;

  // Readers whose names are payloads, where the name rules let them through.
  const writers = [];
  for (const name of SHORT.slice(0, 60)) {
    const reader = client();
    const id = uniqueSuffix();
    const made = await reader("POST", "/signup", { display_name: name, email: `x${id}@example.org`, password: PASSWORD });
    if (made.status === 201) {
      names.push({ name, id: made.body.id });
      writers.push(reader);
    }
  }
  assert.ok(writers.length >= 10, `${writers.length} payload names accepted`);

  // Every payload as a comment, replies included.
  let previous = null;
  for (const [i, payload] of PAYLOADS.entries()) {
    const write = writers[i % writers.length];
    const posted = await write("POST", `/articles/${slug}/comments`, {
      body: payload,
      parent_id: i % 4 === 3 ? previous : null,
      acknowledge_warning: true,
    });
    assert.ok([201, 422].includes(posted.status), `${posted.status} for ${JSON.stringify(payload)}`);
    if (posted.status === 201 && posted.body.status === "published") previous = posted.body.id;
  }

  // Moderators' words: notes and rejection reasons are payloads too.
  moderator = await server.addUser({ role: "moderator" });
  const mod = client();
  assert.equal((await mod("POST", "/login", { email: moderator.email, password: moderator.password })).status, 200);
  const list = await mod("GET", `/articles/${slug}/comments?limit=40`);
  for (const [i, c] of list.body.items.entries()) {
    if (i % 3 === 0) await mod("PUT", `/comments/${c.id}/note`, { note: pick(i + 20) });
    if (i % 7 === 1) await mod("POST", `/comments/${c.id}/reject`, { reason: PAYLOADS[i + 30] });
  }
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

/** Opens `url` and fails on any sign of script: dialogs, inline scripts, handlers, bad URLs. */
async function assertInert(t, page, url) {
  const dialogs = [];
  page.on("dialog", (dialog) => {
    dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  await page.goto(url);
  await page.waitForLoadState("load");
  const found = await page.evaluate(() => {
    const problems = [];
    for (const el of document.querySelectorAll("*")) {
      if (el.tagName === "SCRIPT" && !el.src) problems.push("inline <script>");
      if (el.tagName === "SCRIPT" && el.src && new URL(el.src).origin !== location.origin) {
        problems.push(`script from ${el.src}`);
      }
      for (const attr of el.attributes) {
        if (/^on/i.test(attr.name)) problems.push(`<${el.tagName.toLowerCase()} ${attr.name}>`);
        if (["href", "src", "action", "formaction", "xlink:href", "data", "poster"].includes(attr.name.toLowerCase())) {
          const scheme = attr.value.replace(/[\s\u0000-\u001f]/g, "").toLowerCase();
          if (/^(javascript|vbscript|data):/.test(scheme)) problems.push(`${attr.name}=${attr.value.slice(0, 40)}`);
        }
      }
      if (["IFRAME", "OBJECT", "EMBED"].includes(el.tagName) && el.closest("#comments, .story")) {
        problems.push(`<${el.tagName.toLowerCase()}> in content`);
      }
    }
    return problems;
  });
  assert.deepEqual(found, [], `${url}: ${found.slice(0, 10).join(", ")}`);
  assert.deepEqual(dialogs, [], `${url}: a dialog opened`);
}

test("the article and every page of its discussion render the payloads inert", async (t) => {
  const page = await openPage(t, browser, server);
  let url = `/articles/${slug}?view=flat`;
  let pages = 0;
  while (url && pages < 40) {
    await assertInert(t, page, url);
    pages += 1;
    const more = page.getByRole("link", { name: "More comments" });
    url = (await more.count()) ? await more.getAttribute("href") : null;
    if (url && !url.startsWith("/")) url = `/articles/${slug}${url}`;
  }
  // The assessment holds or rejects much of this (bursts, abuse, spam): those render in the
  // moderators' queues, checked below; what was published is on these pages.
  const published = (await client()("GET", `/articles/${slug}/comments?limit=1`)).body.total;
  assert.ok(published >= 20, `${published} payload comments published`);
  assert.ok(pages >= Math.ceil(published / 50), `${pages} pages checked for ${published} comments`);
  await assertInert(t, page, `/articles/${slug}?view=threaded`);
  await assertInert(t, page, "/");
  for (const { id } of names.slice(0, 15)) await assertInert(t, page, `/users/${id}`);
});

test("the embed on a newsroom's page renders them inert too", async (t) => {
  site.pages["/xss-article"] = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Embed</title></head><body>
<div id="tribune-thread" data-url="${site.origin}/xss-article" data-title="x"></div>
<script src="${server.url}/embed.js" async></script></body></html>`;
  const page = await openPage(t, browser, server);
  const dialogs = [];
  page.on("dialog", (d) => {
    dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await page.goto(site.url("/xss-article"));
  const frame = page.frameLocator("#tribune-thread iframe");
  await frame.locator("#comments").waitFor();
  const inline = await frame.locator("script:not([src]), [onerror], [onload], [onclick], [onmouseover]").count();
  assert.equal(inline, 0);
  assert.deepEqual(dialogs, []);
});

test("the moderators' queue and a payload comment's moderation page render them inert", async (t) => {
  const page = await openPage(t, browser, server);
  await logIn(page, moderator);
  await assertInert(t, page, "/moderation");
  await assertInert(t, page, "/moderation?queue=recent");
  await assertInert(t, page, "/moderation?queue=rejected");
  const link = page.locator('a[href^="/moderation/comments/"]').first();
  if (await link.count()) await assertInert(t, page, await link.getAttribute("href"));
});
