// A reader's first visit: sign up, open the demo article from the front page, comment.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { signUp, startServer } from "../lib/server.mjs";

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

for (const javaScript of [true, false]) {
  test(`a new reader signs up, opens the demo article and posts a comment (JavaScript ${javaScript ? "on" : "off"})`, async (t) => {
    const page = await openPage(t, browser, server, { javaScript });
    const reader = await signUp(page);
    assert.equal(new URL(page.url()).pathname, "/", "sign-up returns to the front page");
    await page.getByRole("link", { name: reader.name }).waitFor();

    await page.locator(".article-list h2 a").first().click();
    await page.waitForURL(/\/articles\/[a-z0-9-]+$/);
    const headline = await page.locator(".story h1").textContent();
    assert.match(headline, /Dam release floods valley town/);

    const body = `First time commenting (${reader.name}): the sirens question matters **most**.`;
    await page.getByLabel(`Your comment, as ${reader.name}`).fill(body);
    await Promise.all([
      page.waitForURL(/\?around=\d+#c\d+$/),
      page.getByRole("button", { name: "Post comment" }).click(),
    ]);

    const id = new URL(page.url()).hash.slice(1);
    const comment = page.locator(`article#${id}`);
    await comment.waitFor();
    assert.equal(await comment.locator(".author").textContent(), reader.name);
    assert.equal(
      await comment.locator(".comment-body").innerText(),
      `First time commenting (${reader.name}): the sirens question matters most.`,
    );
    assert.equal(await comment.locator(".comment-body strong").textContent(), "most");
  });
}
