// Shared helpers for the browser tests: one `myo serve` per test file on a random port with a
// fresh data directory, Debian's Chromium driven by playwright-core, and an axe-core check.
// Not a test file itself (node --test only picks up `*.test.mjs`).

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '..', '..', '..');
const require = createRequire(import.meta.url);

/** Where Debian installs Chromium; `npx playwright install` cannot download a browser here. */
export const CHROMIUM = process.env.MYO_CHROMIUM || '/usr/bin/chromium';

/** Flags that keep Chromium off the (closed) network and quiet in a container running as root. */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The `myo` binary: `MYO_BIN` (set by scripts/test), else the debug build in the target dir. */
export function myoBinary() {
  if (process.env.MYO_BIN) return process.env.MYO_BIN;
  const target = process.env.CARGO_TARGET_DIR || join(repoRoot, 'target');
  return join(target, 'debug', 'myo');
}

/**
 * Starts `myo serve` on 127.0.0.1:0 with an empty data dir and resolves once its first stdout
 * line ("listening on http://…") names the address. `stop()` sends SIGTERM and removes the dir.
 */
export async function startServer(extraArgs = []) {
  const bin = myoBinary();
  if (!existsSync(bin)) {
    throw new Error(`myo binary not found at ${bin}: run scripts/test, or cargo build -p myo first (or set MYO_BIN)`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), 'myo-browser-'));
  const child = spawn(bin, ['serve', '--bind', '127.0.0.1:0', '--data-dir', dataDir, '--log', 'warn', ...extraArgs], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const exited = new Promise((res) => child.once('exit', (code, signal) => res({ code, signal })));
  // If the test process dies early (a timeout, a crash), take the server down with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const lines = createInterface({ input: child.stdout });
  const firstLine = await new Promise((res, rej) => {
    const timer = setTimeout(() => rej(new Error(`myo serve printed no address within 30 s; stderr:\n${stderr}`)), 30_000);
    lines.once('line', (line) => { clearTimeout(timer); res(line); });
    exited.then(({ code }) => { clearTimeout(timer); rej(new Error(`myo serve exited (${code}) before listening; stderr:\n${stderr}`)); });
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine.trim());
  if (!match) throw new Error(`unexpected first line from myo serve: ${firstLine}`);

  return {
    url: match[1],
    dataDir,
    stderr: () => stderr,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      process.removeListener('exit', killOnExit);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Launches headless Chromium (Playwright gives it a fresh temporary profile each time). */
export async function launchBrowser() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: install Debian's chromium: apt-get install chromium`);
  }
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * Starts a server and a browser for one test file. Returns `{ server, browser, newPage, close }`;
 * `newPage(options)` opens a fresh context (own cookies), records console errors, and fails
 * nothing by itself: tests read `page.consoleErrors`.
 */
export async function setup() {
  const server = await startServer();
  let browser;
  try {
    browser = await launchBrowser();
  } catch (e) {
    await server.stop();
    throw e;
  }
  const contexts = [];
  return {
    server,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: server.url, ...options });
      contexts.push(context);
      const page = await context.newPage();
      page.consoleErrors = [];
      page.on('console', (msg) => { if (msg.type() === 'error') page.consoleErrors.push(msg.text()); });
      page.on('pageerror', (err) => page.consoleErrors.push(String(err)));
      return page;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await browser.close().catch(() => {});
      await server.stop();
    },
  };
}

const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/**
 * Runs axe-core on the current page and returns its `serious` and `critical` violations. The
 * source goes in through the DevTools protocol (`evaluate`), which the page's CSP does not block.
 */
export async function axeViolations(page) {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
    }));
  });
  return result.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** Formats violations for an assertion message, one block per rule and node. */
export function formatViolations(url, violations) {
  return [`axe-core: ${violations.length} serious/critical violation(s) on ${url}`]
    .concat(violations.map((v) => `- [${v.impact}] ${v.id}: ${v.help}\n` +
      v.nodes.map((n) => `    at ${n.target}\n      ${String(n.summary).replace(/\n/g, '\n      ')}`).join('\n')))
    .join('\n');
}

/** Width of the document beyond the viewport, in CSS pixels (0 means no horizontal scroll). */
export async function horizontalOverflow(page) {
  return page.evaluate(() => {
    const doc = document.documentElement;
    return Math.max(doc.scrollWidth, document.body.scrollWidth) - doc.clientWidth;
  });
}

/** Console messages that report a Content-Security-Policy refusal. */
export function cspErrors(page) {
  return page.consoleErrors.filter((m) => /Content Security Policy/i.test(m));
}

/** A unique e-mail address per call, so sign-up tests never collide or trip the lockout. */
export function uniqueEmail(tag) {
  return `${tag}-${Date.now()}-${Math.floor(Math.random() * 1e6)}@example.test`;
}

/** Sample inputs shared by several test files. */
export const EMERGENCY_QUESTION = "I can't breathe and my lips are turning blue";
export const NORMAL_QUESTION = 'What are the side effects of methotrexate?';

/** The password the sign-up helpers use. */
export const PASSWORD = 'purple elephant dances slowly';

/**
 * Signs a new patient up and in on a fresh page (sign-in after sign-up leads to the patient's
 * dashboard); returns the page and the patient's base path (`/patients/<id>`).
 */
export async function newPatient(env, tag, name, options = {}) {
  const page = await env.newPage(options);
  await page.goto('/signup');
  const email = uniqueEmail(tag);
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-name').fill(name);
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/patients/**'), page.locator('#signin-submit').click()]);
  const base = new URL(page.url()).pathname.replace(/\/$/, '');
  return { page, base };
}
