// Other readers' comments for a test's discussion, written through the real pages in a context
// of their own (the test's page keeps its own cookies).
//
//   const kestrel = await server.addUser({ name: "Kestrel 123" });
//   const id = await commentAs(browser, server, kestrel, articlePath, "Who opened the gates?");

import { logIn } from "./server.mjs";

/** Logs `account` in, posts `body` on `path` (a reply when `parentId` is given); resolves to
 * the new comment's element id (`c123`). */
export async function commentAs(browser, server, account, path, body, { parentId } = {}) {
  const context = await browser.newContext({ baseURL: server.url, javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    await logIn(page, account, { next: path });
    await page.goto(parentId ? `${path}?reply_to=${parentId}#comment-form` : path);
    await page.locator("textarea#body").fill(body);
    await Promise.all([
      page.waitForURL(/#c\d+$/),
      page.getByRole("button", { name: "Post comment" }).click(),
    ]);
    return new URL(page.url()).hash.slice(1);
  } finally {
    await context.close();
  }
}
