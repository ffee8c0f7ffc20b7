// Forms that fail keep what the reader typed and say what is wrong beside the field.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { logIn, PASSWORD, signUp, startServer } from "../lib/server.mjs";

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

for (const javaScript of [true, false]) {
  test(`an over-long comment is refused and kept word for word (JavaScript ${javaScript ? "on" : "off"})`, async (t) => {
    const page = await openPage(t, browser, server, { javaScript });
    await signUp(page, { next: articlePath });

    // Markup, entities and non-ASCII text must come back exactly, and inert.
    const start = "Line one <script>alert(1)</script> &amp; “quotes” — ünïcödé 🌊\n\nLine two ";
    const typed = start + "x".repeat(10_001 - [...start].length);
    const box = page.locator("textarea#body");
    await box.fill(typed);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === "POST"),
      page.getByRole("button", { name: "Post comment" }).click(),
    ]);
    assert.equal(response.status(), 422);
    await page.waitForLoadState();

    const kept = page.locator("textarea#body");
    assert.equal(await kept.inputValue(), typed.replace(/\r\n/g, "\n"));
    assert.equal(await kept.getAttribute("aria-invalid"), "true");
    const error = page.locator("#body-error");
    assert.match(await error.innerText(), /is 10001 characters long; the limit is 10000\./);
    assert.equal(await error.getAttribute("role"), "alert");
    assert.match(await kept.getAttribute("aria-describedby"), /\bbody-error\b/);
    if (javaScript) {
      assert.equal(await kept.evaluate((el) => el === document.activeElement), true, "focus on the field");
    }
    // Nothing was posted: the reader's text appears nowhere in the discussion.
    assert.equal(await page.locator(".comment-body", { hasText: "Line one" }).count(), 0);
  });
}

test("a wrong password keeps the email address, not the password, and the right one works", async (t) => {
  const account = await server.addUser({ role: "reader" });
  const page = await openPage(t, browser, server);
  await page.goto(`/login?next=${encodeURIComponent(articlePath)}`);
  await page.getByLabel("Email address").fill(account.email);
  await page.getByLabel("Password").fill("not the password at all");
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Log in" }).click(),
  ]);
  assert.ok(response.status() >= 400 && response.status() < 500, `status ${response.status()}`);
  await page.waitForLoadState();

  assert.equal(await page.getByLabel("Email address").inputValue(), account.email);
  assert.equal(await page.getByLabel("Password").inputValue(), "");
  assert.ok((await page.getByRole("alert").first().innerText()).length > 0, "an error is shown");

  await page.getByLabel("Password").fill(PASSWORD);
  await Promise.all([
    page.waitForURL((url) => url.pathname === articlePath),
    page.getByRole("button", { name: "Log in" }).click(),
  ]);
  await page.getByRole("link", { name: account.name }).waitFor();
});

test("a sign-up with a short password keeps the name and the email address", async (t) => {
  const page = await openPage(t, browser, server);
  await page.goto("/signup");
  await page.getByLabel("Display name").fill("Short Password Sam");
  await page.getByLabel("Email address").fill("sam@example.org");
  await page.getByLabel("Password").fill("short");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST"),
    page.getByRole("button", { name: "Create account" }).click(),
  ]);
  await page.waitForLoadState();
  assert.equal(await page.getByLabel("Display name").inputValue(), "Short Password Sam");
  assert.equal(await page.getByLabel("Email address").inputValue(), "sam@example.org");
  assert.equal(await page.getByLabel("Password").getAttribute("aria-invalid"), "true");
  assert.match(await page.locator("#password-error").innerText(), /10/);
});

test("a moderator made on the command line logs in through the page and may delete any comment", async (t) => {
  const moderator = await server.addUser({ role: "moderator" });
  const page = await openPage(t, browser, server);
  await logIn(page, moderator, { next: articlePath });
  const firstComment = page.locator("article.comment").first();
  await firstComment.getByRole("button", { name: /^Delete/ }).waitFor();

  const readerPage = await openPage(t, browser, server);
  await signUp(readerPage, { next: articlePath });
  assert.equal(await readerPage.locator("article.comment").first().getByRole("button", { name: /^Delete/ }).count(), 0);
});
