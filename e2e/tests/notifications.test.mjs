// A reply reaches its addressee: the header counts it, the inbox lists it, and opening it
// lands on the reply and clears the count.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { signUp, startServer } from "../lib/server.mjs";

const ARTICLE = "/articles/ostry-dam-spillway-release";

let server;
let browser;
before(async () => {
  // Notifications are written by a background worker; a short interval keeps the test quick.
  server = await startServer({ env: { TRIBUNE_NOTIFICATIONS__INTERVAL_MS: "100" } });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

async function post(page, name, body) {
  await page.getByLabel(`Your comment, as ${name}`).fill(body);
  await Promise.all([
    page.waitForURL(/#c\d+$/),
    page.getByRole("button", { name: "Post comment" }).click(),
  ]);
  return new URL(page.url()).hash.slice(1);
}

test("a reply shows in the header count and the inbox, and opening it clears the count", async (t) => {
  const author = await openPage(t, browser, server);
  const writer = await signUp(author);
  await author.goto(ARTICLE);
  const original = await post(author, writer.name, "Were the sirens tested before the release?");

  const replier = await openPage(t, browser, server);
  const other = await signUp(replier);
  await replier.goto(`${ARTICLE}?reply_to=${original.slice(1)}#comment-form`);
  const reply = await post(replier, other.name, "They were, at nine, according to the council.");

  // The worker writes the notification; the next page the author opens counts it.
  const count = author.locator(".unread-count");
  for (let tries = 0; tries < 50 && (await count.count()) === 0; tries += 1) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    await author.goto("/");
  }
  assert.equal(await count.textContent(), "1 unread");

  await author.getByRole("link", { name: /^Notifications/ }).click();
  await author.waitForURL(/\/notifications$/);
  const entry = author.locator("li.notification.unread");
  assert.equal(await entry.count(), 1);
  assert.match(await entry.innerText(), new RegExp(`${other.name} replied to your comment`));
  assert.match(await entry.locator("blockquote").innerText(), /at nine, according to the council/);

  await Promise.all([
    author.waitForURL(new RegExp(`#${reply}$`)),
    entry.getByRole("link").click(),
  ]);
  await author.locator(`article#${reply}`).waitFor();
  assert.equal(await author.locator(".unread-count").count(), 0, "read once opened");
});
