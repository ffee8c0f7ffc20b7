// A discussion that moves while it is read: a comment posted in one browser reaches a reader
// in another without a reload, behind a "new comments" bar so nothing jumps under their eyes;
// a deletion shows in place.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { signUp, startServer } from "../lib/server.mjs";

const ARTICLE = "/articles/ostry-dam-spillway-release?sort=newest";

let server;
let browser;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("a comment posted elsewhere appears behind a bar, then in place; a deletion shows at once", async (t) => {
  const reading = await openPage(t, browser, server);
  await reading.goto(ARTICLE);
  // The stream is open once the server has answered its request.
  await reading.waitForResponse((r) => r.url().includes("/events"), { timeout: 10_000 }).catch(() => {});
  const before = await reading.locator("#comments article.comment").count();

  const writing = await openPage(t, browser, server);
  const writer = await signUp(writing);
  await writing.goto(ARTICLE);
  const body = `Live from the other browser (${writer.name}): the spillway gates are closing.`;
  await writing.getByLabel(`Your comment, as ${writer.name}`).fill(body);
  await Promise.all([
    writing.waitForURL(/#c\d+$/),
    writing.getByRole("button", { name: "Post comment" }).click(),
  ]);
  const id = new URL(writing.url()).hash.slice(1);

  const bar = reading.getByRole("button", { name: "1 new comment: show it" });
  await bar.waitFor();
  assert.equal(
    await reading.locator(`article#${id}`).count(),
    0,
    "nothing is inserted until the reader asks",
  );
  assert.equal(await reading.locator("#comments article.comment").count(), before);
  assert.match(
    await reading.getByRole("status").filter({ hasText: "new comment" }).first().textContent(),
    /1 new comment/,
    "announced politely to screen readers",
  );

  await bar.click();
  const shown = reading.locator(`article#${id}`);
  await shown.waitFor();
  assert.equal(await shown.locator(".comment-body").innerText(), body);
  assert.equal(await shown.locator(".author").textContent(), writer.name);
  assert.equal(await bar.isHidden(), true, "the bar goes once its comments are shown");
  assert.equal(
    await reading.locator("#comments > ol.comments > li").first().locator("article").getAttribute("id"),
    id,
    "newest first: the new comment leads the list",
  );

  // The writer deletes it: the reader sees it go without doing anything.
  await writing.locator(`article#${id}`).getByRole("button", { name: /Delete/ }).click();
  await reading.locator(`article#${id} .deleted-note`).waitFor();
  assert.equal(await reading.locator(`article#${id} .deleted-note`).innerText(), "Comment deleted.");
});
