// Headless Chromium through playwright-core (Debian's /usr/bin/chromium, or $CHROMIUM; never a
// downloaded browser), and pages that fail their test on any JavaScript error or
// Content-Security-Policy violation.
//
//   const browser = await launchBrowser();
//   test("…", async (t) => {
//     const page = await openPage(t, browser, server);            // JavaScript on
//     const page = await openPage(t, browser, server, { javaScript: false });
//   });
//
// openPage registers a `t.after` hook that closes the page's context and then fails the test
// if the page logged a console error, threw, or broke the Content-Security-Policy.

import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";

import { chromium } from "playwright-core";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** How long a single action or expectation may wait (ms). */
export const TIMEOUT = Number(process.env.E2E_TIMEOUT_MS || 10_000);

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
  });
}

/**
 * A fresh context (its own cookies) with one page whose relative URLs go to `server`.
 * Options: `javaScript` (default true), `viewport`, `allowConsoleErrors` (a list of RegExps
 * for console errors a test expects).
 */
export async function openPage(t, browser, server, options = {}) {
  const { javaScript = true, viewport = { width: 1280, height: 900 }, allowConsoleErrors = [] } =
    options;
  const context = await browser.newContext({
    baseURL: server.url,
    javaScriptEnabled: javaScript,
    viewport,
  });
  return watchedPage(t, context, allowConsoleErrors);
}

/**
 * A page in a browser of its own that blocks third-party cookies (Chromium's "Block
 * third-party cookies" setting, written into a fresh profile), as a reader who chose it or a
 * browser that does so by default: the embed must work there. Fails its test on the same
 * problems as `openPage`; the browser goes when the test ends.
 */
export async function openPageBlockingThirdPartyCookies(t, options = {}) {
  const { viewport = { width: 1280, height: 900 }, allowConsoleErrors = [] } = options;
  const profile = await mkdtemp(path.join(tmpdir(), "tribune-e2e-profile-"));
  await mkdir(path.join(profile, "Default"));
  await writeFile(
    path.join(profile, "Default", "Preferences"),
    JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: CHROMIUM_ARGS,
    timeout: 60_000,
    viewport,
  });
  // The profile goes only after Chromium has closed: while it runs it keeps writing its cache.
  return watchedPage(t, context, allowConsoleErrors, () =>
    rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 200 }),
  );
}

async function watchedPage(t, context, allowConsoleErrors, afterClose = async () => {}) {
  context.setDefaultTimeout(TIMEOUT);
  context.setDefaultNavigationTimeout(TIMEOUT * 2);
  const problems = [];
  // Documents answered with an error status on purpose (a form error is a 422 page, a wrong
  // password a 401): Chromium logs "Failed to load resource" for them, which is not a fault.
  const errorDocuments = new Set();

  // Reported from inside the page (and its frames and pop-ups); the listener is added before
  // any of the page's own scripts run. The binding is not subject to the page's CSP.
  await context.exposeBinding("__e2eReportViolation", (_source, v) => {
    problems.push(
      `CSP violation: ${v.directive} blocked ${v.blocked || "inline"} at ${v.source}:${v.line}`,
    );
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__e2eReportViolation({
        directive: e.effectiveDirective,
        blocked: e.blockedURI,
        source: e.sourceFile || e.documentURI,
        line: e.lineNumber,
      });
    });
  });

  const watch = (page) => {
    page.on("response", (response) => {
      const request = response.request();
      if (response.status() >= 400 && request.isNavigationRequest()) {
        errorDocuments.add(response.url());
      }
    });
    page.on("pageerror", (error) => problems.push(`page error: ${error.stack || error.message}`));
    page.on("console", (message) => {
      if (message.type() !== "error") return;
      const text = message.text();
      const where = message.location()?.url || "";
      if (/^Failed to load resource/.test(text)) {
        if (errorDocuments.has(where)) return;
        // Chromium asks for /favicon.ico by itself; Tribune has none (a 404 the page never made).
        if (where && new URL(where).pathname === "/favicon.ico") return;
      }
      if (allowConsoleErrors.some((re) => re.test(text))) return;
      problems.push(`console error: ${text}${where ? ` (${where})` : ""}`);
    });
  };
  // A persistent context opens with a page already; pop-ups arrive as new pages.
  const existing = context.pages()[0];
  if (existing) watch(existing);
  context.on("page", watch);
  const page = existing ?? (await context.newPage());

  t.after(async () => {
    try {
      await context.close();
    } finally {
      await afterClose();
    }
    if (problems.length > 0) {
      throw new Error(`the browser reported ${problems.length} problem(s):\n  ${problems.join("\n  ")}`);
    }
  });
  return page;
}
