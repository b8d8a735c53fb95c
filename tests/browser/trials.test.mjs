// The trial finder end to end: `myo trials sync` fetches the recorded ClinicalTrials.gov API v2
// pages over real HTTP from a local stand-in (no network), following nextPageToken; a failing
// registry keeps the last good copy; the finder, a trial card and the organisations directory
// pass axe at phone width without sideways scrolling.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setup, myoBinary, axeViolations, formatViolations, horizontalOverflow } from './lib/harness.mjs';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'crates', 'trials', 'tests', 'fixtures');
const PHONE = { viewport: { width: 375, height: 740 } };

let env;
let registry;
let registryUp = true;
let requests = [];
before(async () => {
  env = await setup();
  registry = createServer((req, res) => {
    requests.push(req.url);
    if (!registryUp) {
      res.writeHead(503, { 'content-type': 'text/html' });
      res.end(readFileSync(join(fixtures, 'page-2-error.html')));
      return;
    }
    const page = req.url.includes('pageToken=tok-page-2') ? 'page-2.json' : 'page-1.json';
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(readFileSync(join(fixtures, page)));
  });
  await new Promise((res) => registry.listen(0, '127.0.0.1', res));
});
after(async () => {
  await env?.close();
  await new Promise((res) => registry?.close(res));
});

// Asynchronous: the stand-in registry runs in this process and must keep answering.
function sync() {
  const { port } = registry.address();
  return new Promise((res) => {
    execFile(myoBinary(), ['trials', 'sync', '--data-dir', env.server.dataDir,
      '--api-url', `http://127.0.0.1:${port}/api/v2/studies`], { encoding: 'utf8' },
    (error, stdout, stderr) => res({ status: error ? error.code : 0, stdout, stderr }));
  });
}

async function check(page) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, formatViolations(page.url(), violations));
  assert.equal(await horizontalOverflow(page), 0, `no sideways scroll on ${page.url()}`);
}

test('sync over HTTP, then the finder, a card and the directory at phone width', async () => {
  const ok = await sync();
  assert.equal(ok.status, 0, ok.stderr);
  assert.match(ok.stdout, /4 studies stored from 2 page/);
  assert.equal(requests.length, 2);
  assert.ok(requests[0].includes('query.cond='), requests[0]);
  assert.ok(requests[1].includes('pageToken=tok-page-2'), requests[1]);

  const page = await env.newPage(PHONE);
  await page.goto('/trials?near=Manchester&within=100');
  assert.match(await page.locator('#results-title').textContent(), /1 of 4 studies/);
  await check(page);
  await page.getByRole('link', { name: /Drug X/ }).click();
  await page.locator('#trial-card').waitFor();
  assert.match(await page.locator('#grade-note').textContent(), /Flesch/);
  await check(page);

  await page.goto('/trials?age=forty');
  await page.locator('#finder-error').waitFor();
  await check(page);

  await page.goto('/organisations');
  assert.ok(await page.locator('a[href^="tel:+"]').count() >= 1);
  await check(page);

  // The registry goes down: the sync fails (exit 1), the copy stays, the page says so.
  registryUp = false;
  const failed = await sync();
  assert.equal(failed.status, 1);
  assert.match(failed.stdout, /last good copy kept/);
  await page.goto('/trials?status=any');
  assert.match(await page.locator('#results-title').textContent(), /4 of 4 studies/);
  await page.locator('#sync-failed').waitFor();
});
