// Screenshots of Tribune's default theme for docs/screenshots/: the real binary on the demo
// (`tribune serve --demo`, a fresh SQLite file), photographed in headless Chromium.
//
//   node screenshots.mjs [OUT_DIR]        (default: ../docs/screenshots; `scripts/screenshots`)
//
// Writes article-phone-{light,dark}.png (two 360×800 screens side by side: the article's top,
// then its end and the start of the discussion), article-desktop-{light,dark}.png
// (1280×900) and moderation-queue.png (1280 px, a moderator signed in, a held comment waiting).
// SCREENSHOT_CSS=FILE serves FILE as /static/tribune.css instead of the stylesheet built into
// the binary: for trying changes to the theme without a rebuild (the published images come
// from the binary itself).

import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";

import { launchBrowser } from "./lib/browser.mjs";
import { REPO, logIn, signUp, startServer } from "./lib/server.mjs";

const out = path.resolve(process.argv[2] || path.join(REPO, "docs", "screenshots"));
await mkdir(out, { recursive: true });

const server = await startServer();
const browser = await launchBrowser();
try {
  const article = await server.demoArticlePath();
  const css = process.env.SCREENSHOT_CSS ? await readFile(process.env.SCREENSHOT_CSS, "utf8") : null;
  const context = async (viewport, colorScheme = "light") => {
    const ctx = await browser.newContext({ baseURL: server.url, viewport, colorScheme, reducedMotion: "reduce" });
    if (css) {
      await ctx.route("**/static/tribune.css", (route) =>
        route.fulfill({ contentType: "text/css; charset=utf-8", body: css }),
      );
    }
    return ctx;
  };

  // A comment the automatic assessment holds (an insult aimed at another reader), so that the
  // moderation queue has something in it.
  {
    const ctx = await context({ width: 1280, height: 900 });
    const page = await ctx.newPage();
    const reader = await signUp(page, { next: article });
    await page.goto(article);
    const body = page.getByLabel(`Your comment, as ${reader.name}`);
    await body.fill("You are an idiot and a liar, shut up about the sirens.");
    await page.getByRole("button", { name: "Post comment" }).click();
    await page.locator("#assessment-warning").waitFor();
    await page.getByLabel(/Post it as it is/).check();
    await Promise.all([
      page.waitForURL(/#c\d+$/),
      page.getByRole("button", { name: "Post comment" }).click(),
    ]);
    await ctx.close();
  }

  {
    const ctx = await context({ width: 1280, height: 900 });
    const page = await ctx.newPage();
    const account = await server.addUser({ role: "moderator", name: "Desk Editor" });
    await logIn(page, account, { next: "/moderation" });
    // One of the demo's comments featured, so that the article shows its featured comments.
    await page.goto("/moderation?queue=recent");
    const readers = page.locator(".mod-entry").filter({ hasNotText: /^\s*Moderator/ });
    const kestrel = readers.filter({ hasText: /^\s*Kestrel on/ });
    const featureable = (await kestrel.count()) > 0 ? kestrel.first() : readers.first();
    await Promise.all([
      page.waitForURL(/\/moderation/),
      featureable.getByRole("button", { name: "Feature", exact: true }).click(),
    ]);
    await page.goto("/moderation?queue=held");
    await page.locator(".mod-entry").first().waitFor();
    await page.screenshot({ path: path.join(out, "moderation-queue.png") });
    console.log("wrote moderation-queue.png");
    await ctx.close();
  }

  const shots = [
    ["article-phone-light", { width: 360, height: 800 }, "light"],
    ["article-phone-dark", { width: 360, height: 800 }, "dark"],
    ["article-desktop-light", { width: 1280, height: 900 }, "light"],
    ["article-desktop-dark", { width: 1280, height: 900 }, "dark"],
  ];
  for (const [name, viewport, scheme] of shots) {
    const ctx = await context(viewport, scheme);
    const page = await ctx.newPage();
    await page.goto(article);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
    if (overflow > 0) console.warn(`${name}: the page scrolls sideways by ${overflow} px`);
    const file = path.join(out, `${name}.png`);
    if (viewport.width > 600) {
      await page.screenshot({ path: file });
    } else {
      // A phone: two screens side by side, the article's top and the end of the article with
      // the start of the discussion.
      const top = await page.screenshot();
      const y = await page.evaluate(
        () => document.querySelector(".story-footer").getBoundingClientRect().top + scrollY - 120,
      );
      const end = await page.screenshot({
        fullPage: true,
        clip: { x: 0, y: Math.max(0, Math.round(y)), width: viewport.width, height: viewport.height },
      });
      await sideBySide([top, end], viewport, scheme, file);
    }
    console.log(`wrote ${name}.png`);
    await ctx.close();
  }

  async function sideBySide(images, viewport, scheme, file) {
    const gap = 16;
    const width = images.length * viewport.width + (images.length + 1) * gap;
    const ctx = await browser.newContext({ viewport: { width, height: viewport.height + 2 * gap } });
    const page = await ctx.newPage();
    const background = scheme === "dark" ? "#000" : "#d8d8d8";
    await page.setContent(
      `<body style="margin:0;padding:${gap}px;display:flex;gap:${gap}px;background:${background}">` +
        images.map((png) => `<img src="data:image/png;base64,${png.toString("base64")}">`).join("") +
        "</body>",
    );
    await page.waitForFunction(() => [...document.images].every((i) => i.complete));
    await page.screenshot({ path: file });
    await ctx.close();
  }

} finally {
  await browser.close();
  await server.stop();
}
