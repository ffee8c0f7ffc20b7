// axe-core (the npm devDependency, pinned in package.json) run inside a page, for the
// accessibility tests.
//
//   const violations = await runAxe(page);       // WCAG 2.0/2.1/2.2 A and AA rules
//   console.log(formatViolations("front, 360px, dark", violations));
//
// The page's Content-Security-Policy allows no inline script, so axe's source is not added as
// a <script> element: `page.evaluate` runs it in the page's main world through the DevTools
// protocol, which the CSP does not govern.

import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
let source;

/** The WCAG A and AA rule sets (axe's tags). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"];

/** Runs axe on the whole of `page`'s document; resolves to its violations (plain objects). */
export async function runAxe(page, { tags = WCAG_TAGS } = {}) {
  source ??= await readFile(require.resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => typeof window.axe === "object"))) {
    await page.evaluate(`${source}\n;window.axe = axe; undefined`);
  }
  return page.evaluate(async (values) => {
    const results = await window.axe.run(document, {
      runOnly: { type: "tag", values },
      resultTypes: ["violations"],
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(" "),
        html: n.html,
        summary: n.failureSummary,
      })),
    }));
  }, tags);
}

/** Impacts an accessibility test fails on. */
export const BLOCKING = new Set(["serious", "critical"]);

/** The violations, one rule a paragraph, each element with what axe says is wrong. */
export function formatViolations(where, violations) {
  if (violations.length === 0) return `${where}: no violations`;
  const lines = [`${where}: ${violations.length} rule(s) violated`];
  for (const v of violations) {
    lines.push(`  [${v.impact}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      lines.push(`      ${n.target}`);
      lines.push(`        ${n.html.replace(/\s+/g, " ").slice(0, 200)}`);
      if (n.summary) lines.push(`        ${n.summary.replace(/\n\s*/g, " / ").slice(0, 300)}`);
    }
  }
  return lines.join("\n");
}
