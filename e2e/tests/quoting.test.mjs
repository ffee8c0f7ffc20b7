// Progressive enhancement (crates/web/static/tribune.js): selecting article text offers
// "Quote in your comment", which puts the selection in the comment box as a `>` quotation.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { signUp, startServer } from "../lib/server.mjs";

let server;
let browser;
let articlePath;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  articlePath = await server.demoArticlePath();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Selects the whole text of `locator` the way a reader does: a triple click. */
async function selectParagraph(locator) {
  await locator.click({ clickCount: 3 });
}

test("selecting a paragraph of the article offers to quote it, and the quote is verified once posted", async (t) => {
  const page = await openPage(t, browser, server);
  await signUp(page, { next: articlePath });
  assert.equal(new URL(page.url()).pathname, articlePath);

  const button = page.getByRole("button", { name: "Quote in your comment" });
  assert.equal(await button.isVisible(), false, "no offer before anything is selected");

  const paragraph = page.locator("#p3 p");
  const text = (await paragraph.innerText()).replace(/\s+/g, " ").trim();
  await selectParagraph(paragraph);
  await button.waitFor({ state: "visible" });
  await button.click();
  await button.waitFor({ state: "hidden" });

  const box = page.locator("textarea#body");
  assert.equal(await box.inputValue(), `> ${text}\n\n`);
  assert.equal(await box.evaluate((el) => el === document.activeElement), true, "the box has focus");

  // The reader goes on typing after the quotation.
  await page.keyboard.type("Then who was meant to sound them by hand?");
  assert.equal(await box.inputValue(), `> ${text}\n\nThen who was meant to sound them by hand?`);

  await Promise.all([
    page.waitForURL(/\?around=\d+#c\d+$/),
    page.getByRole("button", { name: "Post comment" }).click(),
  ]);
  const comment = page.locator(`article${new URL(page.url()).hash}`);
  assert.equal((await comment.locator(".comment-body blockquote").innerText()).trim(), text);
  assert.match(await comment.locator(".verified-quotes").innerText(), /paragraph 3/);
});

test("a second quotation is added after what the reader already wrote, a blank line apart", async (t) => {
  const page = await openPage(t, browser, server);
  await signUp(page, { next: articlePath });
  const box = page.locator("textarea#body");
  await box.fill("I have two points.");

  const button = page.getByRole("button", { name: "Quote in your comment" });
  await selectParagraph(page.locator("#p1 p"));
  await button.click();
  await selectParagraph(page.locator("#p2 p"));
  await button.click();

  const value = await box.inputValue();
  const parts = value.split("\n\n");
  assert.equal(parts[0], "I have two points.");
  assert.match(parts[1], /^> LOWER BRENNICK — The release began shortly after 3 a\.m\./);
  assert.match(parts[2], /^> “We faced a choice between a controlled release/);
  assert.equal(parts.length, 4, "each quotation ends with a blank line");
  assert.equal(parts[3], "");
});

test("selecting text outside the article and the comments offers nothing", async (t) => {
  const page = await openPage(t, browser, server);
  await signUp(page, { next: articlePath });
  await selectParagraph(page.locator(".story .lead"));
  // selectionchange is dispatched asynchronously: give it a moment before looking.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  assert.equal(await page.evaluate(() => window.getSelection().toString().length > 0), true);
  assert.equal(await page.getByRole("button", { name: "Quote in your comment" }).isVisible(), false);
});

test("without JavaScript there is no quote button, and readers can still comment", async (t) => {
  const page = await openPage(t, browser, server, { javaScript: false });
  await signUp(page, { next: articlePath });
  assert.equal(await page.getByRole("button", { name: "Quote in your comment" }).count(), 0);
  await page.locator("textarea#body").waitFor();
});

test("a reader who is not signed in gets no comment box, so no offer to quote", async (t) => {
  const page = await openPage(t, browser, server);
  await page.goto(articlePath);
  await selectParagraph(page.locator("#p3 p"));
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 100)));
  assert.equal(await page.getByRole("button", { name: "Quote in your comment" }).count(), 0);
});
