// A site that asks a proof of work before sign-ups: the reader's browser solves the puzzle
// without the reader noticing more than a moment's wait; without JavaScript the page says why
// signing up cannot work, and what was typed is kept.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { signUp, startServer, uniqueSuffix } from "../lib/server.mjs";

let server;
let browser;
before(async () => {
  server = await startServer({
    demo: false,
    env: { TRIBUNE_PROOF_OF_WORK__SIGNUPS: "true", TRIBUNE_PROOF_OF_WORK__BITS: "12" },
  });
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
});

test("the browser solves the puzzle and the reader is signed up", async (t) => {
  const page = await openPage(t, browser, server);
  const asked = page.waitForRequest((r) => r.url().includes("/api/v1/proof-of-work?purpose=signup"));
  const reader = await signUp(page);
  await asked;
  await page.goto("/account");
  await page.getByText(reader.email).waitFor();
});

test("without JavaScript the page says signing up needs it, and keeps what was typed", async (t) => {
  const page = await openPage(t, browser, server, { javaScript: false });
  await page.goto("/signup");
  await page.getByText("Signing up here needs JavaScript").waitFor();
  const id = uniqueSuffix();
  await page.getByLabel("Display name").fill(`No Script ${id}`);
  await page.getByLabel("Email address").fill(`noscript.${id}@example.org`);
  await page.getByLabel("Password").fill("correct horse battery staple");
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByRole("alert").filter({ hasText: "small puzzle" }).waitFor();
  assert.equal(await page.getByLabel("Email address").inputValue(), `noscript.${id}@example.org`);
});
