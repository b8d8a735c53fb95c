// Reading a knowledge-base article: TL;DR, sources, cite block and disclaimer are all visible,
// and the page needs no script the CSP would refuse.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, cspErrors } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

test('home page search leads to the methotrexate article', async () => {
  const page = await env.newPage();
  await page.goto('/');
  await page.locator('#home-q').fill('methotrexate');
  await page.locator('#home-q').press('Enter');
  await page.waitForURL(/\/search\?q=methotrexate/);
  const link = page.locator('#results a[href="/kb/methotrexate"]');
  assert.ok(await link.count() >= 1, 'search results link to /kb/methotrexate');
  await link.first().click();
  await page.waitForURL(/\/kb\/methotrexate$/);
  assert.match(await page.locator('#entry-title').innerText(), /methotrexate/i);
});

test('an article shows its TL;DR, sources, review date, cite block and disclaimer', async () => {
  const page = await env.newPage();
  const response = await page.goto('/kb/methotrexate');
  assert.equal(response.status(), 200);

  for (const id of ['#entry-title', '#tldr', '#entry-body', '#sources', '#review-date', '#disclaimer']) {
    assert.ok(await page.locator(id).isVisible(), `${id} is visible`);
  }
  assert.ok((await page.locator('#tldr').innerText()).trim().length > 20, 'TL;DR has text');
  assert.ok(await page.locator('#sources li').count() >= 1, 'at least one source is listed');
  assert.match(await page.locator('#review-date').innerText(), /\d{4}-\d{2}-\d{2}/);

  for (const style of ['apa', 'mla', 'chicago', 'harvard']) {
    const cite = page.locator(`#cite-${style}`);
    assert.ok(await cite.isVisible(), `#cite-${style} is visible`);
    assert.match(await cite.innerText(), /methotrexate/i, `${style} citation names the page`);
  }
  assert.match(await page.locator('#disclaimer').innerText(), /disclaimer/i);
  assert.deepEqual(cspErrors(page), [], 'no CSP refusals');
});

test('an unknown article is a 404 page with the site chrome', async () => {
  const page = await env.newPage();
  const response = await page.goto('/kb/no-such-page');
  assert.equal(response.status(), 404);
  assert.ok(await page.locator('main#main').isVisible());
  assert.ok(await page.locator('#disclaimer').isVisible());
});
