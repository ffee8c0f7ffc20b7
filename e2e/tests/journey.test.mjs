// A new reader's whole first discussion, with JavaScript and again without it (plain forms):
// sign up, comment, reply to another reader with an informal @mention, quote the article word
// for word in quotation marks, like a comment, and edit their own comment within the edit
// window. And the page's language: a browser asking for French gets French, and the footer's
// language menu switches back to English on the same page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { signUp, startServer } from "../lib/server.mjs";

const ARTICLE = "/articles/ostry-dam-spillway-release";

let server;
let browser;
let navigatorComment;
before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  // The demo discussion's regular, The Navigator: addressed later by part of their name.
  const html = await (await fetch(new URL(ARTICLE, server.url))).text();
  const found = /<article id="(c\d+)"[^>]*>\s*<header>\s*<a [^>]*class="author"[^>]*>The Navigator<\/a>/.exec(html);
  assert.ok(found, "the demo discussion has a comment by The Navigator");
  navigatorComment = found[1];
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

/** Submits the comment form and resolves to the new comment's locator. */
async function post(page, body) {
  await page.locator("textarea#body").fill(body);
  await Promise.all([
    page.waitForURL(/\?around=\d+(&[^#]*)?#c\d+$/),
    page.getByRole("button", { name: "Post comment" }).click(),
  ]);
  const hash = new URL(page.url()).hash;
  const comment = page.locator(`article${hash}`);
  await comment.waitFor();
  return comment;
}

for (const javaScript of [true, false]) {
  test(`a new reader's first discussion, start to finish (JavaScript ${javaScript ? "on" : "off"})`, async (t) => {
    const page = await openPage(t, browser, server, { javaScript });
    const reader = await signUp(page, { next: ARTICLE });
    assert.equal(new URL(page.url()).pathname, ARTICLE, "sign-up returns to the article");
    await page.getByRole("link", { name: reader.name }).first().waitFor();

    // A comment of their own.
    const first = await post(page, `A first comment from ${reader.name}: were the sirens tested this year?`);
    assert.equal(await first.locator(".author").textContent(), reader.name);
    const firstId = await first.getAttribute("id");

    // A reply to The Navigator, addressing them informally.
    await page.goto(ARTICLE);
    await page.locator(`article#${navigatorComment}`).getByRole("link", { name: /^Reply/ }).click();
    await page.waitForURL(/reply_to=\d+/);
    assert.match(await page.locator("#replying-to").innerText(), /Replying to The Navigator/);
    const reply = await post(page, "@navigator the county page had no mention of the night release.");
    const mention = reply.locator(".comment-body a", { hasText: "@navigator" });
    assert.equal(await mention.count(), 1, "the informal @navigator is linked");
    assert.match(await mention.getAttribute("href"), /^\/users\/\d+$/);
    const profile = await (await fetch(new URL(await mention.getAttribute("href"), server.url))).text();
    assert.match(profile, /The Navigator/, "the mention links to The Navigator's profile");

    // A sentence of the article, word for word in quotation marks: verified, and linked to its
    // paragraph.
    const sentence = (await page.locator("#p3 p").innerText()).replace(/\s+/g, " ").trim().split(/(?<=[.!?”])\s+/)[0];
    const quoting = await post(page, `The article says “${sentence}” Nobody on our street heard anything either.`);
    const verified = quoting.locator(".verified-quotes");
    assert.match(await verified.innerText(), /Quotes the article word for word: paragraph 3/);
    assert.equal(await verified.locator("a").getAttribute("href"), "#p3");

    // A like on The Navigator's comment.
    await page.goto(ARTICLE);
    const like = page.locator(`article#${navigatorComment} button.reaction`);
    assert.equal(await like.getAttribute("aria-pressed"), "false");
    await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/react")),
      like.click(),
    ]);
    await page.locator(`article#${navigatorComment} button.reaction[aria-pressed=true]`).waitFor();
    assert.match(await like.innerText(), /Liked/);

    // An edit of their first comment, within the edit window.
    await page.goto(`${ARTICLE}?around=${firstId.slice(1)}#${firstId}`);
    await page.locator(`article#${firstId}`).getByRole("link", { name: "Edit" }).click();
    await page.waitForURL(/\/comments\/\d+\/edit$/);
    const edited = `A first comment from ${reader.name}: were the sirens tested this spring?`;
    await page.getByLabel("Your comment").fill(edited);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.endsWith("/edit")),
      page.getByRole("button", { name: "Save changes" }).click(),
    ]);
    const after = page.locator(`article#${firstId}`);
    assert.equal(await after.locator(".comment-body").innerText(), edited);
    assert.equal(await after.locator(".edited").count(), 1, "marked as edited");
  });
}

test("a browser asking for French gets French; the footer's menu switches to English on the same page (no JavaScript)", async (t) => {
  const context = await browser.newContext({ baseURL: server.url, locale: "fr-FR", javaScriptEnabled: false });
  t.after(() => context.close());
  const page = await context.newPage();
  await page.goto(ARTICLE);
  assert.equal(await page.locator("html").getAttribute("lang"), "fr");
  // The scripts' sentences come in the page's language too.
  const messages = JSON.parse(await page.locator("html").getAttribute("data-messages"));
  assert.equal(messages["js-new-comment-other"], "{count} nouveaux commentaires");
  assert.equal(messages["js-quote-button"], "Citer dans votre commentaire");
  const menu = page.locator("form.language-menu");
  await menu.locator("select").selectOption("en");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === "/language"),
    menu.locator("button[type=submit]").click(),
  ]);
  await page.waitForLoadState();
  assert.equal(new URL(page.url()).pathname, ARTICLE, "the same page, now in English");
  assert.equal(await page.locator("html").getAttribute("lang"), "en");
  assert.equal(await page.locator("form.language-menu select").inputValue(), "en");
  const english = JSON.parse(await page.locator("html").getAttribute("data-messages"));
  assert.equal(english["js-new-comment-other"], "{count} new comments");
});
