// An administrator follows the newsroom's feed on Admin → Newsroom feeds, and each article in
// it gets a discussion whose page sends readers to the newsroom's site.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { logIn, startServer } from "../lib/server.mjs";
import { startSite } from "../lib/site.mjs";

// Written for this test: a made-up paper and made-up news.
const FEED = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>The Fenwick Ledger</title><link>http://localhost/</link>
<copyright>© Fenwick Ledger</copyright>
<item><title>Tram depot gets a roof of solar panels</title>
<link>LINK</link><guid isPermaLink="false">ledger-17</guid>
<author>news@fenwick.example (Odile Marsh)</author>
<pubDate>Mon, 23 Nov 2026 08:00:00 GMT</pubDate>
<description><![CDATA[<p>Work <em>begins</em> in May &amp; ends by autumn.</p>]]></description></item>
</channel></rss>`;

let server;
let browser;
let site;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  site = await startSite({});
  site.pages["/ledger.rss"] = {
    body: FEED.replace("LINK", site.url("/news/tram-depot-solar")),
    type: "application/rss+xml",
  };
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

test("an administrator follows a feed, and its article opens a discussion that links to the newsroom", async (t) => {
  const admin = await server.addUser({ role: "admin" });
  const page = await openPage(t, browser, server);
  await logIn(page, admin, { next: "/admin" });
  await page.getByRole("link", { name: "Newsroom feeds" }).click();
  await page.waitForURL("**/admin/newsroom-feeds");

  // An address that is not a feed is refused beside its field, the address kept.
  const missing = site.url("/missing.rss");
  await page.getByLabel("Feed address").fill(missing);
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Follow this feed" }).click(),
  ]);
  assert.equal(refused.status(), 422);
  await page.waitForLoadState();
  const field = page.getByLabel("Feed address");
  assert.equal(await field.inputValue(), missing);
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#url-error").innerText(), /HTTP 404 Not Found/);

  await field.fill(site.url("/ledger.rss"));
  await page.getByRole("button", { name: "Follow this feed" }).click();
  await page.waitForURL("**/admin/newsroom-feeds?added=*");
  assert.match(
    await page.getByRole("status").innerText(),
    /Now following The Fenwick Ledger: 1 item, 1 discussion opened\./,
  );
  assert.match(await page.locator("table").innerText(), /The Fenwick Ledger/);
  assert.deepEqual(
    site.requests.filter((r) => r.path.startsWith("/news/")),
    [],
    "the article's own page is never fetched",
  );

  await page.goto("/");
  await page.getByRole("link", { name: "Tram depot gets a roof of solar panels" }).click();
  await page.waitForURL("**/articles/*");
  assert.match(await page.locator(".lead").innerText(), /^Work begins in May & ends by autumn\.$/);
  assert.match(await page.locator(".byline").innerText(), /Odile Marsh/);
  assert.match(await page.locator(".rights").innerText(), /© Fenwick Ledger/);
  const readOn = page.getByRole("link", { name: /Read the article on localhost/ });
  assert.equal(await readOn.getAttribute("href"), site.url("/news/tram-depot-solar"));
});
