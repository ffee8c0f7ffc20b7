// A reader who uses the keyboard alone (Tab, Shift+Tab, Enter, Space; never the mouse) logs
// in, skips to the content, posts a comment, likes another reader's, and replies to it. Focus
// must always be visible (an outline or a box-shadow on the focused element) and never fall
// back to <body> after an action: after a page load the next Tab lands at the comment the page
// was opened at.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { launchBrowser, openPage } from "../lib/browser.mjs";
import { commentAs } from "../lib/discussion.mjs";
import { PASSWORD, startServer } from "../lib/server.mjs";

const ARTICLE = "/articles/ostry-dam-spillway-release";

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

/** What has focus, and whether it shows: a description, `body` when focus is on <body>. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return { body: true };
    const style = getComputedStyle(el);
    const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0;
    const shadow = style.boxShadow && style.boxShadow !== "none";
    const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim();
    let where = el.tagName.toLowerCase();
    if (el.id) where += `#${el.id}`;
    else if (el.className && typeof el.className === "string") where += `.${el.className.trim().split(/\s+/).join(".")}`;
    const comment = el.closest("article.comment");
    if (comment && comment !== el) where = `article#${comment.id} ${where}`;
    return { body: false, where: `${where} "${text.slice(0, 40)}"`, visible: outline || Boolean(shadow) };
  });
}

/**
 * The journey's bookkeeping: every element that took focus without showing it, and every time
 * focus was lost.
 */
function journal() {
  const invisible = new Map();
  const lost = [];
  return {
    invisible,
    lost,
    async check(page, step) {
      const f = await focused(page);
      if (f.body) lost.push(step);
      else if (!f.visible) invisible.set(f.where, step);
      return f;
    },
  };
}

/** Presses Tab (or Shift+Tab when the target comes before focus) until an element matching
 * `selector` has focus, checking each element on the way. */
async function tabTo(page, log, selector, step, limit = 200) {
  for (let i = 0; i < limit; i++) {
    const state = await page.evaluate((sel) => {
      const target = document.querySelector(sel);
      if (!target) return "missing";
      const active = document.activeElement;
      if (active === target) return "there";
      if (!active || active === document.body) return "forward";
      return active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? "back" : "forward";
    }, selector);
    if (state === "missing") throw new Error(`${step}: nothing on the page matches ${selector}`);
    if (state === "there") return;
    await page.keyboard.press(state === "back" ? "Shift+Tab" : "Tab");
    await log.check(page, `${step} (Tab towards ${selector})`);
  }
  throw new Error(`${step}: ${selector} never took focus after ${limit} key presses`);
}

/** After a page load at `#cN`: the next Tab goes into (or past) that comment, not to the top. */
async function nextTabStartsAt(page, log, fragment, step) {
  await page.keyboard.press("Tab");
  await log.check(page, step);
  const inOrAfter = await page.evaluate((sel) => {
    const anchor = document.querySelector(sel);
    const active = document.activeElement;
    if (!anchor || !active || active === document.body) return false;
    return anchor.contains(active) || Boolean(anchor.compareDocumentPosition(active) & Node.DOCUMENT_POSITION_FOLLOWING);
  }, fragment);
  assert.ok(inOrAfter, `${step}: the first Tab after the page load goes to ${fragment} or after it, not to the top`);
}

test("a reader comments, likes and replies with the keyboard alone; focus always shows", async (t) => {
  const kestrel = await server.addUser({ name: `Kestrel ${Date.now() % 100000}` });
  const theirs = await commentAs(browser, server, kestrel, ARTICLE, "Who decided to open the spillway at three in the morning?");
  const reader = await server.addUser();

  const page = await openPage(t, browser, server);
  const log = journal();

  // Log in with the keyboard.
  await page.goto(`/login?next=${encodeURIComponent(ARTICLE)}`);
  await tabTo(page, log, "input[name=email]", "log-in");
  await page.keyboard.type(reader.email);
  await tabTo(page, log, "input[name=password]", "log-in");
  await page.keyboard.type(PASSWORD);
  await Promise.all([page.waitForURL((u) => u.pathname === ARTICLE), page.keyboard.press("Enter")]);

  // The skip link is the first stop, shows, and takes focus into the main content.
  await page.keyboard.press("Tab");
  const skip = await log.check(page, "skip link");
  assert.match(skip.where, /^a\.skip /, "the first Tab reaches the skip link");
  assert.ok(await page.locator("a.skip").isVisible(), "the focused skip link is on screen");
  await page.keyboard.press("Enter");
  assert.equal(new URL(page.url()).hash, "#main");
  await page.keyboard.press("Tab");
  await log.check(page, "after the skip link");
  assert.ok(
    await page.evaluate(() => document.getElementById("main").contains(document.activeElement)),
    "the Tab after the skip link stays inside <main>",
  );

  // Post a comment.
  await tabTo(page, log, "textarea#body", "comment form");
  const body = `Typed without a mouse (${reader.name}): the gauge readings should be public.`;
  await page.keyboard.type(body);
  await page.keyboard.press("Shift+Tab");
  await log.check(page, "Shift+Tab out of the comment box");
  await tabTo(page, log, "#comment-form form button[type=submit]", "post button");
  await Promise.all([page.waitForURL(/#c\d+$/), page.keyboard.press("Enter")]);
  const mine = new URL(page.url()).hash;
  assert.equal(await page.locator(`article${mine} .comment-body`).innerText(), body);
  await nextTabStartsAt(page, log, mine, "after posting");

  // Like the other reader's comment with Space.
  const like = `article#${theirs} button.reaction`;
  await tabTo(page, log, like, "like");
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/react")),
    page.keyboard.press("Space"),
  ]);
  await page.waitForLoadState();
  await page.locator(`${like}[aria-pressed=true]`).waitFor();
  await nextTabStartsAt(page, log, `article#${theirs}`, "after liking");

  // Reply to it.
  await tabTo(page, log, `article#${theirs} a[href*="reply_to"]`, "reply link");
  await Promise.all([page.waitForURL(/reply_to=\d+/), page.keyboard.press("Enter")]);
  assert.match(await page.locator("#replying-to").innerText(), new RegExp(`Replying to ${kestrel.name}`));
  await nextTabStartsAt(page, log, "#comment-form", "after opening the reply form");
  await tabTo(page, log, "textarea#body", "reply box");
  const reply = `Replying by keyboard (${reader.name}): the county ordered it, says paragraph four.`;
  await page.keyboard.type(reply);
  await tabTo(page, log, "#comment-form form button[type=submit]", "reply button");
  await Promise.all([page.waitForURL(/#c\d+$/), page.keyboard.press("Enter")]);
  const replied = new URL(page.url()).hash;
  assert.notEqual(replied, mine);
  assert.equal(await page.locator(`article${replied} .comment-body`).innerText(), reply);
  await nextTabStartsAt(page, log, replied, "after replying");

  assert.deepEqual(log.lost, [], "focus never falls back to <body>");
  const invisible = [...log.invisible].map(([where, step]) => `${where} (at: ${step})`);
  assert.deepEqual(invisible, [], `elements that took focus without a visible outline or box-shadow:\n  ${invisible.join("\n  ")}`);
});
