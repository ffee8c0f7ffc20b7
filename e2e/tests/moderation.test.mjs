// A comment the assessment holds: the author is warned and posts it anyway, it waits in the
// moderators' queue, a moderator approves it with the keyboard, and readers see it.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { logIn, signUp, startServer } from "../lib/server.mjs";

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

test("a held comment appears in the queue, a moderator approves it, readers see it", async (t) => {
  const article = await server.demoArticlePath();
  const words = "You are an idiot and a liar, shut up about the sirens.";

  // The author is told before the comment is submitted, and keeps the text.
  const author = await openPage(t, browser, server);
  const reader = await signUp(author, { next: article });
  await author.goto(article);
  await author.getByLabel(`Your comment, as ${reader.name}`).fill(words);
  await author.getByRole("button", { name: "Post comment" }).click();
  await author.locator("#assessment-warning").waitFor();
  assert.equal(await author.getByLabel(`Your comment, as ${reader.name}`).inputValue(), words);
  await author.getByLabel(/Post it as it is/).check();
  await Promise.all([
    author.waitForURL(/\?around=\d+#c\d+$/),
    author.getByRole("button", { name: "Post comment" }).click(),
  ]);
  const id = new URL(author.url()).hash.slice(1);
  assert.match(await author.locator(`article#${id} .badge`).first().innerText(), /Awaiting moderation/);

  // Nobody else sees it yet.
  const visitor = await openPage(t, browser, server);
  await visitor.goto(article);
  assert.equal(await visitor.locator(`article#${id}`).count(), 0);

  // The moderator finds it in the held queue with its reasons, and approves it.
  const moderator = await openPage(t, browser, server);
  const account = await server.addUser({ role: "moderator" });
  await logIn(moderator, account, { next: "/moderation" });
  await moderator.goto("/moderation?queue=held");
  const entry = moderator.locator(`.mod-entry[data-comment="${id.slice(1)}"]`);
  await entry.waitFor();
  assert.match(await entry.locator(".comment-body").innerText(), /idiot and a liar/);
  assert.ok((await entry.locator(".reasons li").count()) > 0, "the reasons are shown");
  // Keyboard: j selects the first comment, a approves it.
  await moderator.keyboard.press("j");
  await Promise.all([
    moderator.waitForURL(/done=Approved/),
    moderator.keyboard.press("a"),
  ]);
  assert.match(await moderator.getByRole("status").innerText(), /Approved/);
  assert.equal(await moderator.locator(`.mod-entry[data-comment="${id.slice(1)}"]`).count(), 0);

  // Now it is on the article page for everyone.
  await visitor.goto(article);
  const published = visitor.locator(`article#${id}`);
  await published.waitFor();
  assert.match(await published.locator(".comment-body").innerText(), /idiot and a liar/);
  assert.equal(await published.locator(".badge").count(), 0);
});

test("without JavaScript, a moderator rejects from the queue with a reason the author sees", async (t) => {
  const article = await server.demoArticlePath();
  const author = await openPage(t, browser, server, { javaScript: false });
  const reader = await signUp(author, { next: article });
  await author.goto(article);
  await author.getByLabel(`Your comment, as ${reader.name}`).fill("Shut up, you pathetic moron.");
  await author.getByRole("button", { name: "Post comment" }).click();
  await author.getByLabel(/Post it as it is/).check();
  await Promise.all([
    author.waitForURL(/#c\d+$/),
    author.getByRole("button", { name: "Post comment" }).click(),
  ]);
  const id = new URL(author.url()).hash.slice(2);

  const moderator = await openPage(t, browser, server, { javaScript: false });
  const account = await server.addUser({ role: "moderator" });
  await logIn(moderator, account, { next: "/moderation" });
  await moderator.goto("/moderation?queue=held");
  const entry = moderator.locator(`.mod-entry[data-comment="${id}"]`);
  await entry.getByLabel(/Reason for rejecting/).fill("Personal attack on another reader");
  await Promise.all([
    moderator.waitForURL(/done=Rejected/),
    entry.getByRole("button", { name: "Reject" }).click(),
  ]);

  // A new address, not only a new fragment: the page must be fetched again.
  await author.goto(`${article}?view=flat&around=${id}`);
  assert.match(
    await author.locator(`article#c${id} .rejected-badge`).innerText(),
    /Personal attack on another reader/,
  );
});
