// The real `tribune` binary for browser tests: one server on a fresh SQLite file, accounts made
// through the command line, and sign-up and log-in through the real pages.
//
//   const server = await startServer();          // 127.0.0.1, a free port, --demo
//   const mod = await server.addUser({ role: "moderator" });
//   await server.stop();                          // SIGTERM, then the temporary folder goes
//
// The binary is $TRIBUNE_BIN, or debug/tribune under $CARGO_TARGET_DIR, or target/debug/tribune
// in the repository. `scripts/e2e` builds it first.

import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The password of every account the helpers make: long enough for the sign-up rules. */
export const PASSWORD = "correct horse battery staple";

export function tribuneBinary() {
  if (process.env.TRIBUNE_BIN) return path.resolve(REPO, process.env.TRIBUNE_BIN);
  const target = process.env.CARGO_TARGET_DIR
    ? path.resolve(REPO, process.env.CARGO_TARGET_DIR)
    : path.join(REPO, "target");
  return path.join(target, "debug", "tribune");
}

/** The environment without the caller's TRIBUNE_* settings, so a developer's shell cannot
 * change what the tests see; `extra` adds overrides (`TRIBUNE_COMMENTS__MAX_LENGTH`, …). */
function cleanEnv(extra = {}) {
  const env = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("TRIBUNE_") && key !== "RUST_LOG") env[key] = value;
  }
  return { ...env, NO_COLOR: "1", TRIBUNE_LOG__FORMAT: "json", TRIBUNE_LOG__LEVEL: "info", ...extra };
}

let unique = 0;
/** A short token that no other account in this run has (names must be unique, folding case). */
export function uniqueSuffix() {
  unique += 1;
  return `${process.pid}${unique}${Math.floor(Math.random() * 1e4)}`;
}

/**
 * Starts `tribune serve --demo` on 127.0.0.1 (port 0: the server picks a free port and logs it)
 * with a new SQLite file, and waits until /healthz answers 200.
 * Options: `demo` (default true), `env` (extra TRIBUNE_* overrides), `timeoutMs`.
 */
export async function startServer({ demo = true, env = {}, timeoutMs = 30_000 } = {}) {
  const bin = tribuneBinary();
  if (!existsSync(bin)) {
    throw new Error(`no tribune binary at ${bin}: run \`cargo build -p tribune\` or set TRIBUNE_BIN`);
  }
  const dir = await mkdtemp(path.join(tmpdir(), "tribune-e2e-"));
  const database = `sqlite://${path.join(dir, "tribune.db")}`;
  const args = ["--database", database, "serve", "--listen", "127.0.0.1:0"];
  if (demo) args.push("--demo");
  const environment = cleanEnv(env);
  const child = spawn(bin, args, { env: environment, stdio: ["ignore", "pipe", "pipe"] });
  const killOnExit = () => child.kill("SIGKILL");
  process.once("exit", killOnExit);

  let log = "";
  const exited = new Promise((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
  const address = new Promise((resolve, reject) => {
    const onData = (chunk) => {
      log += chunk;
      const found = /serving on http:\/\/(127\.0\.0\.1:\d+)/.exec(log);
      if (found) resolve(found[1]);
    };
    child.stdout.setEncoding("utf8").on("data", onData);
    child.stderr.setEncoding("utf8").on("data", onData);
    child.once("error", reject);
    exited.then(({ code, signal }) =>
      reject(new Error(`tribune exited (${code ?? signal}) before serving:\n${log}`)),
    );
  });

  const stop = async () => {
    process.removeListener("exit", killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
      await exited;
      clearTimeout(timer);
    }
    if (!process.env.E2E_KEEP) await rm(dir, { recursive: true, force: true });
  };

  try {
    const host = await withTimeout(address, timeoutMs, () => `tribune did not start:\n${log}`);
    const url = `http://${host}`;
    await waitForHealth(url, timeoutMs, () => log);
    return {
      url,
      database,
      dir,
      /** Everything the server has logged so far (JSON lines). */
      log: () => log,
      stop,
      /** Runs `tribune --database … ARGS` against this server's database; resolves to stdout. */
      cli: (cliArgs, input) => runCli(bin, environment, ["--database", database, ...cliArgs], input),
      /** Creates an account through `tribune user add` (password on standard input). */
      async addUser({ role = "reader", name, email, password = PASSWORD } = {}) {
        const id = uniqueSuffix();
        name ??= `${role[0].toUpperCase()}${role.slice(1)} ${id}`;
        email ??= `${role}.${id}@example.org`;
        await runCli(
          bin,
          environment,
          ["--database", database, "user", "add", "--email", email, "--name", name, "--role", role],
          `${password}\n`,
        );
        return { name, email, password, role };
      },
      /** Finds the demo article's path from the front page (no browser needed). */
      async demoArticlePath() {
        const html = await (await fetch(url)).text();
        const found = /<h2><a href="(\/articles\/[^"]+)">/.exec(html);
        if (!found) throw new Error("no article on the front page");
        return found[1];
      },
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function waitForHealth(url, timeoutMs, log) {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`${url}/healthz`);
      if (response.ok) return;
      last = `status ${response.status}`;
    } catch (err) {
      last = String(err);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url}/healthz did not answer 200 (${last}):\n${log()}`);
}

function withTimeout(promise, ms, message) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(message())), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function runCli(bin, env, args, input) {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, args, { env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (out += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (err += d));
    child.once("error", reject);
    child.once("exit", (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`tribune ${args.join(" ")} exited with ${code}:\n${err}${out}`)),
    );
    child.stdin.end(input ?? "");
  });
}

// ---- through the real pages -------------------------------------------------------------

/**
 * Signs up through /signup and waits for the redirect away from it. Returns the account.
 * `next` is the path the sign-up page should return to (as the site's own links pass it).
 */
export async function signUp(page, { name, email, password = PASSWORD, next } = {}) {
  const id = uniqueSuffix();
  name ??= `Reader ${id}`;
  email ??= `reader.${id}@example.org`;
  await page.goto(next ? `/signup?next=${encodeURIComponent(next)}` : "/signup");
  await page.getByLabel("Display name").fill(name);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await submitAndLeave(page, "/signup", page.getByRole("button", { name: "Create account" }));
  return { name, email, password };
}

/** Logs in through /login and waits for the redirect away from it. */
export async function logIn(page, { email, password = PASSWORD }, { next } = {}) {
  await page.goto(next ? `/login?next=${encodeURIComponent(next)}` : "/login");
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password").fill(password);
  await submitAndLeave(page, "/login", page.getByRole("button", { name: "Log in" }));
}

/** Clicks `button` and waits for the redirect away from `path`; when the form comes back
 * instead, fails at once with what the page says is wrong. */
async function submitAndLeave(page, path, button) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === "POST" && new URL(r.url()).pathname === path),
    button.click(),
  ]);
  if (response.status() !== 303) {
    await page.waitForLoadState();
    const alerts = await page.getByRole("alert").allInnerTexts();
    throw new Error(`POST ${path} answered ${response.status()}: ${alerts.join(" / ") || "(no message)"}`);
  }
  await page.waitForURL((url) => url.pathname !== path);
}
