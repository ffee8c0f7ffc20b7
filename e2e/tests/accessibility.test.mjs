// Accessibility: axe-core's WCAG 2.0, 2.1 and 2.2 A and AA rules on the main pages, as each
// reader sees them (signed out, signed in, moderator, administrator), wide (1280px) and narrow
// (360px), in the light and the dark colour scheme. A serious or critical violation fails the
// page's test; every violation found is printed.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { BLOCKING, formatViolations, runAxe } from "../lib/axe.mjs";
import { launchBrowser, openPage } from "../lib/browser.mjs";
import { commentAs } from "../lib/discussion.mjs";
import { logIn, startServer } from "../lib/server.mjs";

const ARTICLE = "/articles/ostry-dam-spillway-release";
const VARIANTS = [];
for (const width of [1280, 360]) {
  for (const colorScheme of ["light", "dark"]) VARIANTS.push({ width, colorScheme });
}

let server;
let browser;
const accounts = {};
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  accounts.reader = await server.addUser({ role: "reader" });
  accounts.moderator = await server.addUser({ role: "moderator" });
  accounts.admin = await server.addUser({ role: "admin" });
  // The article page with a discussion: another reader's comment and the reader's reply, so
  // that it shows reactions, replies and the reader's own actions.
  const other = await server.addUser({ role: "reader", name: `Kestrel ${Date.now() % 100000}` });
  const first = await commentAs(browser, server, other, ARTICLE, "Who decided to open the spillway at three in the morning?");
  await commentAs(browser, server, accounts.reader, ARTICLE, "The sirens did sound in the upper town, for what it is worth.", {
    parentId: first.slice(1),
  });
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

const PAGES = [
  { name: "front page", path: "/" },
  { name: "article with comments", path: ARTICLE },
  { name: "article with comments, signed in", path: ARTICLE, as: "reader" },
  { name: "sign-up", path: "/signup" },
  { name: "log-in", path: "/login" },
  { name: "house rules", path: "/rules" },
  { name: "account", path: "/account", as: "reader" },
  { name: "notifications", path: "/notifications", as: "reader" },
  { name: "moderation queue", path: "/moderation", as: "moderator" },
  { name: "admin index", path: "/admin", as: "admin" },
];

for (const { name, path, as } of PAGES) {
  test(`${name} (${path}) has no serious or critical WCAG A/AA violation`, async (t) => {
    const page = await openPage(t, browser, server);
    if (as) await logIn(page, accounts[as]);
    const blocking = [];
    for (const { width, colorScheme } of VARIANTS) {
      await page.setViewportSize({ width, height: 900 });
      await page.emulateMedia({ colorScheme });
      const response = await page.goto(path);
      assert.equal(response.status(), 200, `${path} answers 200`);
      assert.equal(new URL(page.url()).pathname, path, `${path} is shown, not a redirect`);
      const violations = await runAxe(page);
      const where = `${name} ${path}, ${width}px, ${colorScheme}`;
      console.log(formatViolations(where, violations));
      for (const v of violations) {
        if (BLOCKING.has(v.impact)) {
          blocking.push(`${where}: [${v.impact}] ${v.id} on ${v.nodes.map((n) => n.target).join(", ")}`);
        }
      }
    }
    assert.deepEqual(blocking, [], `serious or critical violations:\n  ${blocking.join("\n  ")}`);
  });
}
