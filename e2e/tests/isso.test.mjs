// Isso's own embed client (0.14.0, unmodified, from the isso package on PyPI; scripts/e2e
// fetches and checks it) on a page of another site, pointed at Tribune's Isso-compatible API:
// it lists the discussion, posts a guest comment, replies to it, and shows a held comment as
// awaiting moderation.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { REPO, startServer } from "../lib/server.mjs";
import { startSite } from "../lib/site.mjs";

const CLIENT = path.join(REPO, "e2e", ".cache", "isso-0.14.0", "embed.min.js");
const STORY = "/news/harbour-walls";
const TITLE = "Harbour walls: the council votes on the sea defences";

let server;
let site;
let browser;
before(async () => {
  assert.ok(existsSync(CLIENT), `Isso's client is missing at ${CLIENT}: run scripts/e2e, which fetches it`);
  site = await startSite();
  server = await startServer({
    demo: false,
    env: {
      TRIBUNE_EMBED__ALLOWED_ORIGINS: `["${site.origin}"]`,
      TRIBUNE_ISSO__GUEST_COMMENTS: "true",
    },
  });
  site.pages["/js/embed.min.js"] = { file: CLIENT };
  site.pages[STORY] = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${TITLE}</title></head>
<body>
<article><h1>${TITLE}</h1><p>The council meets tonight to decide how high the new walls go.</p></article>
<script data-isso="${server.url}/isso/" src="${site.origin}/js/embed.min.js"></script>
<section id="isso-thread" data-isso-id="${STORY}" data-title="${TITLE}"></section>
</body></html>`;
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

/** Posts through the API as a client without a browser would (no Origin: not cross-site). */
async function seed(text, extra = {}) {
  const response = await fetch(`${server.url}/isso/new?uri=${encodeURIComponent(STORY)}`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ text, title: TITLE, ...extra }),
  });
  assert.equal(response.status, 201, await response.clone().text());
  return response.json();
}

test("Isso's client lists, posts, replies and shows a held comment as awaiting moderation", async (t) => {
  const existing = await seed("The walls were last raised in 1953, after the great flood.", {
    author: "Archivist",
  });

  const page = await openPage(t, browser, { url: site.origin });
  await page.goto(site.url(STORY));

  // Lists what is there.
  const first = page.locator(`#isso-${existing.id}`);
  await first.waitFor();
  assert.match(await first.locator(".isso-text").first().innerText(), /great flood/);
  assert.equal(await first.locator(".isso-author").first().innerText(), "Archivist");

  // Posts a guest comment through its own form.
  const postbox = page.locator("#isso-thread > .isso-postbox");
  await postbox.locator("textarea").fill("Raise them by a metre at least; the surge last winter came close.");
  await postbox.locator("input[name=author]").fill("Quayside Resident");
  await postbox.locator("input[name=email]").fill("resident@example.org");
  await postbox.locator("input[type=submit]").click();
  const mine = page.locator(".isso-comment", { hasText: "surge last winter" }).first();
  await mine.waitFor();
  assert.equal(await mine.locator(".isso-author").first().innerText(), "Quayside Resident");
  const mineId = (await mine.getAttribute("id")).replace("isso-", "");

  // Replies to it.
  await mine.locator(".isso-reply").first().click();
  const replyBox = mine.locator(".isso-postbox");
  await replyBox.locator("textarea").fill("A metre costs twice as much; half a metre and pumps would do.");
  await replyBox.locator("input[type=submit]").click();
  const reply = page.locator(`#isso-${mineId} .isso-follow-up .isso-comment`, { hasText: "pumps would do" });
  await reply.waitFor();

  // A comment the assessment holds is shown to its author as awaiting moderation...
  await postbox.locator("textarea").fill("You are an idiot and a liar, shut up about the sirens.");
  await postbox.locator("input[type=submit]").click();
  const held = page.locator(".isso-comment", { hasText: "shut up about the sirens" }).first();
  await held.waitFor();
  assert.match(await held.locator(".isso-note").first().innerText(), /queue for moderation/);

  // ...and to nobody else; the rest is there after a reload, from Tribune.
  const visitor = await openPage(t, browser, { url: site.origin });
  await visitor.goto(site.url(STORY));
  await visitor.locator(".isso-text", { hasText: "pumps would do" }).waitFor();
  assert.equal(await visitor.locator(".isso-text", { hasText: "shut up about the sirens" }).count(), 0);
  assert.equal(await visitor.locator(".isso-comment[id^=isso-]").count(), 3);

  // Tribune's own page of the discussion marks the guest as one.
  const article = await openPage(t, browser, server);
  const counts = await fetch(`${server.url}/isso/count`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify([STORY]),
  }).then((r) => r.json());
  assert.deepEqual(counts, [3]);
  await article.goto("/");
  await article.getByRole("link", { name: TITLE }).first().click();
  await article.locator(".guest-badge").first().waitFor();
});
