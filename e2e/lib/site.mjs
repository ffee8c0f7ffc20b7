// A newsroom's own site for the embed tests: static pages served from another loopback origin.
// It listens on 127.0.0.1 but is addressed as http://localhost:PORT, so that to the browser it
// is another site than Tribune (http://127.0.0.1:PORT): cookies, storage and frames behave as
// on a real news site embedding a discussion from a Tribune host.
//
//   const site = await startSite({ "/news/budget-vote": html, "/js/embed.min.js": { file } });
//   site.origin            // http://localhost:PORT (put it in embed.allowed_origins)
//   site.url("/news/budget-vote")
//   site.requests          // [{ method, path }] of everything it served
//   await site.close();

import { readFile } from "node:fs/promises";
import http from "node:http";

const TYPES = { ".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8" };

/**
 * `pages` maps a path to an HTML string, or to `{ file }` (served from disk) or
 * `{ body, type }`. Unknown paths are 404. `pages` may be changed after start.
 */
export async function startSite(pages = {}) {
  const requests = [];
  const server = http.createServer(async (req, res) => {
    const path = new URL(req.url, "http://localhost").pathname;
    requests.push({ method: req.method, path });
    const page = pages[path];
    if (page === undefined) {
      res.writeHead(404, { "Content-Type": "text/plain" }).end("not found");
      return;
    }
    try {
      if (typeof page === "string") {
        res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" }).end(page);
      } else if (page.file) {
        const ext = page.file.slice(page.file.lastIndexOf("."));
        const type = page.type ?? TYPES[ext] ?? "application/octet-stream";
        res.writeHead(200, { "Content-Type": type }).end(await readFile(page.file));
      } else {
        res.writeHead(200, { "Content-Type": page.type ?? "text/html; charset=utf-8" }).end(page.body);
      }
    } catch (err) {
      res.writeHead(500, { "Content-Type": "text/plain" }).end(String(err));
    }
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const origin = `http://localhost:${server.address().port}`;
  return {
    origin,
    pages,
    requests,
    url: (path) => `${origin}${path}`,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}
