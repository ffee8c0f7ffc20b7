// A newsroom's own site embeds Tribune's discussion. The site is served from another loopback
// origin (http://localhost:PORT, another site than Tribune's http://127.0.0.1:PORT), and the
// reader's browser blocks third-party cookies: the reader signs in inside the embed through a
// pop-up, posts and replies; a second reader sees the comment arrive live; the count widget
// shows the right numbers; single sign-on from the site signs its reader in; without
// JavaScript the embed's place links to the discussion.
import assert from "node:assert/strict";
import { createHmac } from "node:crypto";
import { after, before, test } from "node:test";

import { launchBrowser, openPage, openPageBlockingThirdPartyCookies } from "../lib/browser.mjs";
import { startServer, uniqueSuffix } from "../lib/server.mjs";
import { startSite } from "../lib/site.mjs";

const SSO_SECRET = "a secret the newsroom and this Tribune share, 32+ chars";
const STORY = "/2026/11/harbour-wall-repairs";
const HEADLINE = "Harbour wall repairs start before the winter storms";

let site;
let server;
let browser;

/** A page of the newsroom's site: its own article, and the discussion embedded under it. */
function articlePage(path, { sso = "", accent = "rgb(0, 90, 60)" } = {}) {
  const url = site.url(path);
  const discussions = `${server.url}/discussions?url=${encodeURIComponent(url)}`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${HEADLINE} | The Coastal Ledger</title>
<link rel="canonical" href="${url}">
<style>#tribune-thread { --tribune-accent: ${accent}; }</style></head>
<body>
<h1>${HEADLINE}</h1>
<p>Crews began replacing the cracked capstones of the north harbour wall on Monday, three weeks
ahead of the schedule the port authority set in the spring.</p>
<p>The work closes the public walkway until the end of January.</p>
<div id="tribune-thread" data-url="${url}?utm_source=newsletter" data-title="${HEADLINE}"${
    sso ? ` data-sso="${sso}"` : ""
  }>
  <a href="${discussions}">Read and join the discussion</a>
</div>
<script src="${server.url}/embed.js" async></script>
</body></html>`;
}

function listPage() {
  const item = (path, title) =>
    `<li><a href="${site.url(path)}">${title}</a> <span data-tribune-count="${site.url(path)}">…</span></li>`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The Coastal Ledger</title></head>
<body><ul>
${item(STORY, HEADLINE)}
${item("/2026/11/ferry-timetable", "Winter ferry timetable published")}
</ul><script src="${server.url}/embed.js" async></script></body></html>`;
}

/** What the newsroom's server would sign for its signed-in reader. */
function ssoToken(claims) {
  const b64 = (s) => Buffer.from(s).toString("base64url");
  const signed = `${b64(JSON.stringify({ alg: "HS256", typ: "JWT" }))}.${b64(JSON.stringify(claims))}`;
  return `${signed}.${createHmac("sha256", SSO_SECRET).update(signed).digest("base64url")}`;
}

before(async () => {
  site = await startSite();
  server = await startServer({
    demo: false,
    env: {
      TRIBUNE_EMBED__ALLOWED_ORIGINS: `["${site.origin}"]`,
      TRIBUNE_EMBED__SSO_SECRET: SSO_SECRET,
    },
  });
  site.pages[STORY] = articlePage(STORY);
  site.pages["/"] = listPage();
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await server?.stop();
  await site?.close();
});

/** The embed's frame on a newsroom page, once the discussion is in it. */
async function discussionFrame(page) {
  const frame = page.frameLocator("#tribune-thread iframe");
  await frame.locator("#comments").waitFor();
  return frame;
}

test("with third-party cookies blocked, a reader signs in inside the embed, posts and replies; another reader sees it live", async (t) => {
  // The second reader is already reading when the comment is posted.
  const watching = await openPage(t, browser, server);
  await watching.goto(site.url(STORY));
  const watched = await discussionFrame(watching);
  await watched.getByRole("heading", { name: "No comments yet" }).waitFor();

  const page = await openPageBlockingThirdPartyCookies(t);
  await page.goto(site.url(STORY));
  const frame = await discussionFrame(page);
  assert.match(await frame.locator("#comments-heading").textContent(), /No comments|0 comments/);

  // The site's look reaches the frame through its custom properties.
  const accent = await frame
    .locator(".frame-bar .brand")
    .evaluate((el) => getComputedStyle(el).getPropertyValue("--accent").trim());
  assert.equal(accent, "rgb(0, 90, 60)");

  // Sign in: a pop-up on Tribune's own origin, where a first-party cookie works.
  const name = `Harbour Reader ${uniqueSuffix()}`;
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    frame.getByRole("link", { name: "Sign in or sign up" }).first().click(),
  ]);
  await popup.waitForURL(/\/login\?next=/);
  await popup.getByRole("link", { name: /sign up/i }).first().click();
  await popup.getByLabel("Display name").fill(name);
  await popup.getByLabel("Email address").fill(`${name.toLowerCase().replaceAll(" ", ".")}@example.org`);
  await popup.getByLabel("Password").fill("correct horse battery staple");
  await popup.getByRole("button", { name: "Create account" }).click();
  await popup.waitForURL(/\/embed\/sign-in$/);
  await Promise.all([
    popup.waitForEvent("close"),
    popup.getByRole("button", { name: `Continue as ${name}` }).click(),
  ]);

  // The frame traded the pop-up's code for a session of its own and reloaded.
  await frame.getByText(`Signed in as ${name}`).waitFor();
  const body = "The capstones on the north side were cracked for years; good to see them replaced before January.";
  await frame.getByLabel(`Your comment, as ${name}`).fill(body);
  await frame.getByRole("button", { name: "Post comment" }).click();
  const posted = frame.locator("article.comment").filter({ hasText: body });
  await posted.waitFor();
  assert.equal(await posted.locator(".author").textContent(), name);
  // The newsroom's page stays where it was: the discussion moved inside the frame.
  assert.equal(new URL(page.url()).origin, site.origin);

  await posted.getByRole("link", { name: `Reply to ${name}` }).click();
  await frame.getByText(`Replying to ${name}`).waitFor();
  const reply = "Replying to myself: the walkway reopens at the end of January, per the port authority.";
  await frame.getByLabel(`Your comment, as ${name}`).fill(reply);
  await frame.getByRole("button", { name: "Post comment" }).click();
  await frame.locator("article.comment").filter({ hasText: reply }).waitFor();

  // The frame grows with its content instead of scrolling inside the page.
  const height = await page.locator("#tribune-thread iframe").evaluate((f) => f.getBoundingClientRect().height);
  const content = await frame.locator("html").evaluate((el) => el.getBoundingClientRect().height);
  assert.ok(Math.abs(height - content) < 4, `the frame (${height}px) fits its content (${content}px)`);

  // The second reader's frame announced both comments live.
  const bar = watched.getByRole("button", { name: /new comments?: show/ });
  await bar.waitFor();
  await bar.click();
  await watched.locator("article.comment").filter({ hasText: body }).waitFor();
});

test("the count widget shows every listed article's comments from one request", async (t) => {
  const page = await openPage(t, browser, server);
  const counted = page.waitForRequest((r) => r.url().includes("/api/v1/counts"));
  await page.goto(site.url("/"));
  const request = await counted;
  assert.equal(new URL(request.url()).searchParams.getAll("url").length, 2);
  await page.getByText("2 comments").waitFor();
  assert.equal(
    await page.locator(`[data-tribune-count="${site.url("/2026/11/ferry-timetable")}"]`).textContent(),
    "0 comments",
  );
});

test("single sign-on: the newsroom's signed-in reader is signed in inside the embed", async (t) => {
  const now = Math.floor(Date.now() / 1000);
  const name = `Ledger Subscriber ${uniqueSuffix()}`;
  const token = ssoToken({
    sub: `ledger-${name}`,
    name,
    email: `${name.toLowerCase().replaceAll(" ", ".")}@ledger.example`,
    iat: now,
    exp: now + 300,
  });
  site.pages["/2026/11/sso"] = articlePage(STORY, { sso: token });
  const page = await openPageBlockingThirdPartyCookies(t);
  await page.goto(site.url("/2026/11/sso"));
  const frame = await discussionFrame(page);
  await frame.getByText(`Signed in as ${name}`).waitFor();
  await frame.getByLabel(`Your comment, as ${name}`).waitFor();
});

test("without JavaScript the embed's place links to the discussion on Tribune", async (t) => {
  const page = await openPage(t, browser, server, { javaScript: false });
  await page.goto(site.url(STORY));
  assert.equal(await page.locator("iframe").count(), 0);
  await page.getByRole("link", { name: "Read and join the discussion" }).click();
  await page.waitForURL((url) => url.origin === server.url && url.pathname.startsWith("/articles/"));
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), HEADLINE);
});
