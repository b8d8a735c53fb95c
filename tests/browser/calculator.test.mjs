// The EULAR/ACR 2017 calculator: a score with its item-by-item explanation, the missing items,
// and the "classification criteria are not diagnostic criteria" note; with and without JS.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, cspErrors } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** A typical adult dermatomyositis presentation; the rest is left "not assessed". */
async function fillDermatomyositis(page) {
  await page.goto('/calculators/eular-acr-2017');
  await page.locator('#f-age_at_onset_years').fill('45');
  for (const item of ['heliotrope_rash', 'gottrons_papules', 'proximal_upper_weakness', 'elevated_muscle_enzymes']) {
    await page.locator(`#f-${item}-true`).check();
  }
}

async function checkExplained(page) {
  const result = page.locator('#result');
  await result.waitFor();
  assert.ok(await page.locator('#result-lines').isVisible(), 'result lines are visible');
  const rows = page.locator('#items tbody tr');
  assert.ok(await rows.count() >= 5, 'each of the five answered items has a row');
  const helio = page.locator('#items tbody tr', { hasText: 'Heliotrope rash' });
  assert.equal(await helio.count(), 1, 'heliotrope rash has its own row');
  assert.match(await helio.innerText(), /\d/, 'the heliotrope row shows its points');
  assert.ok(await page.locator('#missing li').count() >= 1, 'items left out are listed as missing');
  assert.match(await page.locator('#missing').innerText(), /biopsy|Jo-1|dysphagia/i);
  const note = page.locator('#not-diagnostic');
  assert.ok(await note.isVisible(), 'the not-diagnostic note is visible');
  assert.match(await note.innerText(), /not diagnostic criteria/i);
}

test('scoring EULAR/ACR 2017 with htmx swaps in the item-by-item explanation', async () => {
  const page = await env.newPage();
  await fillDermatomyositis(page);
  await page.locator('#calc-submit').click();
  await checkExplained(page);
  assert.match(page.url(), /\/calculators\/eular-acr-2017$/);
  assert.deepEqual(cspErrors(page), [], 'no CSP refusals (htmx is allowed by the policy)');
});

test('scoring works without JavaScript (plain form POST)', async () => {
  const page = await env.newPage({ javaScriptEnabled: false });
  await fillDermatomyositis(page);
  await Promise.all([page.waitForLoadState('load'), page.locator('#calc-submit').click()]);
  await checkExplained(page);
});

test('a bad age names the field in an error summary and keeps the other answers', async () => {
  const page = await env.newPage();
  await fillDermatomyositis(page);
  await page.locator('#f-age_at_onset_years').fill('two hundred');
  await page.locator('#calc-submit').click();
  const summary = page.locator('#error-summary');
  await summary.waitFor();
  assert.equal(await summary.getAttribute('role'), 'alert');
  assert.match(await summary.innerText(), /age/i, 'the error names the age field');
  assert.ok(await page.locator('#f-heliotrope_rash-true').isChecked(), 'other answers are kept');
});
