// The Ask page: an emergency question shows the triage banner first, as an alert with the action
// before anything else; a normal question shows an answer with numbered citations.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, cspErrors, EMERGENCY_QUESTION, NORMAL_QUESTION } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function ask(page, question) {
  await page.goto('/ask');
  await page.locator('#question').fill(question);
  await Promise.all([page.waitForURL('**/ask'), page.locator('#ask-submit').click()]);
  await page.locator('#answer').waitFor();
}

test('an emergency question shows the emergency banner first, action first, as an alert', async () => {
  const page = await env.newPage();
  await ask(page, EMERGENCY_QUESTION);

  const banner = page.locator('#triage-banner');
  assert.ok(await banner.isVisible(), 'banner is visible');
  assert.match(await banner.getAttribute('class'), /\btriage-emergency\b/);
  assert.equal(await banner.getAttribute('role'), 'alert');

  // The banner is the first thing in <main>, above the heading and the form.
  const first = await page.evaluate(() => document.querySelector('main').firstElementChild?.id);
  assert.equal(first, 'triage-banner', 'banner is the first element of <main>');
  const bannerBox = await banner.boundingBox();
  const h1Box = await page.locator('main h1').first().boundingBox();
  assert.ok(bannerBox.y < h1Box.y, 'banner is drawn above the page heading');

  // Action first: the banner's first text is the instruction to act (call, go, seek …).
  const firstText = (await page.evaluate(() =>
    document.querySelector('#triage-banner').firstElementChild.innerText)).trim();
  assert.ok(firstText.length > 0, 'the banner starts with its action text');
  assert.match(firstText, /\b(call|emergency|go|seek|now)\b/i, `action text: ${firstText}`);
  assert.deepEqual(cspErrors(page), [], 'no CSP refusals');
});

test('a normal question shows an answer with numbered citations that link to articles', async () => {
  const page = await env.newPage();
  await ask(page, NORMAL_QUESTION);

  assert.equal(await page.locator('#triage-banner').count(), 0, 'no triage banner');
  assert.ok(await page.locator('#answer').isVisible());
  const citations = page.locator('#citations li');
  assert.ok(await citations.count() >= 1, 'at least one citation');
  assert.ok(await page.locator('#citation-1').isVisible(), '#citation-1 is present');
  const href = await page.locator('#citation-1 a').first().getAttribute('href');
  assert.match(href, /^\/kb\//, 'citation links to a knowledge-base page');
  assert.equal(await page.locator('#question').inputValue(), NORMAL_QUESTION, 'question is kept in the box');
});

test('a blank question gets a clear error on the question field', async () => {
  const page = await env.newPage();
  await page.goto('/ask');
  // The textarea is `required`, so post the blank form the way a browser without validation would.
  const response = await page.request.post('/ask', { form: { question: '   ', csrf: '' } });
  assert.ok([200, 422].includes(response.status()), `status ${response.status()}`);
  const html = await response.text();
  assert.match(html, /id="question-error"/, 'the question field carries an error message');
  assert.match(html, /aria-invalid="true"/, 'the textarea is marked invalid');
});
