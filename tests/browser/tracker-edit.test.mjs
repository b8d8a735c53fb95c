// Editing in the care tracker, in a real browser: a lab corrected through its edit page keeps
// its earlier value in a history; a prednisone dose changed twice shows the right dose on each
// day (medicines page and visit summary); an MMT-8 entered through the guided form on a phone
// reports the group not assessed as missing; the new pages pass axe and fit a 375 px screen.
// Element ids: see crates/web/templates/tracker_{edit,history,guided,medicines,settings}.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPatient, axeViolations, formatViolations, horizontalOverflow } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PHONE = { viewport: { width: 375, height: 812 } };

function patient(tag, options = {}) {
  return newPatient(env, tag, 'Edit Patient', options);
}

/** Axe finds nothing and nothing is wider than the screen. */
async function accessible(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(`${what} ${page.url()}`, violations));
  assert.ok(await horizontalOverflow(page) <= 0, `${what} fits a 375 px screen`);
}

test('a lab is corrected on its edit page and its history shows the earlier value', async () => {
  const { page, base } = await patient('edit-lab', PHONE);
  await page.goto(`${base}/labs`);
  await page.locator('#lab-analyte').selectOption('ck');
  await page.locator('#lab-value').fill('1200');
  await page.locator('#lab-uln').fill('200');
  await page.locator('#lab-date').fill('2026-01-10');
  await page.locator('#lab-submit').click();
  await page.locator('#lab-saved').waitFor();

  const edit = page.getByRole('link', { name: 'Edit lab CK 2026-01-10', exact: true });
  await Promise.all([page.waitForURL('**/edit'), edit.click()]);
  await accessible(page, 'edit page');
  assert.equal(await page.locator('#edit-value').inputValue(), '1200');
  // Written as a person might: refused as ambiguous, the typed value kept.
  await page.locator('#edit-value').fill('1,850');
  await page.locator('#edit-submit').click();
  await page.locator('#form-error').waitFor();
  assert.match(await page.locator('#form-error').innerText(), /Value/);
  assert.equal(await page.locator('#edit-value').inputValue(), '1,850');
  await page.locator('#edit-value').fill('1850');
  await Promise.all([page.waitForURL('**/labs?done=edited'), page.locator('#edit-submit').click()]);
  assert.match(await page.locator('#notice').innerText(), /earlier version is kept/);
  assert.match(await page.locator('#lab-list').innerText(), /1850 U\/L/);
  const history = page.locator('#lab-list a', { hasText: 'edited on' });
  assert.equal(await history.count(), 1, 'the row says it was edited');
  await Promise.all([page.waitForURL('**/history'), history.click()]);
  await accessible(page, 'history page');
  const v1 = page.locator('#history-v1');
  assert.match(await v1.locator('caption').innerText(), /Version 1, replaced on \d{4}-\d{2}-\d{2} \d{2}:\d{2}/);
  const row = v1.locator('tbody tr', { hasText: 'Value' });
  assert.deepEqual(await row.locator('td').allInnerTexts(), ['1200', '1850']);
});

test('a prednisone dose changed twice is the dose in force on each day', async () => {
  const { page, base } = await patient('edit-dose', PHONE);
  await page.goto(`${base}/medicines`);
  await page.locator('#med-name').fill('Prednisone');
  await page.locator('#med-generic').fill('prednisone');
  await page.locator('#med-dose').fill('40');
  await page.locator('#med-kind').selectOption('daily');
  await page.locator('#med-start').fill('2026-01-01');
  await page.locator('#med-submit').click();
  await page.locator('#med-saved').waitFor();
  await accessible(page, 'medicines page');

  for (const [dose, from] of [['30', '2026-02-01'], ['20', '2026-03-01']]) {
    const current = page.locator('#med-list > li').last();
    await current.locator('details summary').click();
    await current.getByLabel('New dose').fill(dose);
    await current.getByLabel('From').fill(from);
    await Promise.all([
      page.waitForURL('**/medicines?done=edited**'),
      current.getByRole('button', { name: 'Change dose' }).click(),
    ]);
  }
  assert.equal(await page.locator('#med-list > li').count(), 3, 'each dose kept as its own record');
  for (const [on, want] of [['2026-01-20', /^40 mg/], ['2026-02-14', /^30 mg/], ['2026-03-02', /^20 mg/], ['2025-12-31', /not taken/]]) {
    await page.locator('#in-force-on').fill(on);
    await Promise.all([page.waitForURL(`**on=${on}**`), page.locator('#in-force-submit').click()]);
    assert.match(await page.locator('#in-force dd').first().innerText(), want, on);
  }
  await page.goto(`${base}/summary?from=2026-01-15&to=2026-03-31&sections=medicines`);
  const table = page.locator('#summary-dose-in-force');
  const rows = await table.locator('tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()), [
    'Prednisone 2026-01-15 2026-01-31 40 mg oral, daily at 08:00',
    'Prednisone 2026-02-01 2026-02-28 30 mg oral, daily at 08:00',
    'Prednisone 2026-03-01 2026-03-31 20 mg oral, daily at 08:00',
  ]);
  await accessible(page, 'visit summary');
});

test('an MMT-8 through the guided form on a phone reports the item not assessed as missing', async () => {
  const { page, base } = await patient('edit-mmt8', PHONE);
  await page.goto(`${base}/assessments/mmt8`);
  await accessible(page, 'guided MMT-8');
  assert.match(await page.locator('#guided-citation').innerText(), /Status: (verified|partial)/);
  const groups = ['neck_flexors', 'deltoid_middle', 'biceps_brachii', 'wrist_extensors',
    'gluteus_maximus', 'gluteus_medius', 'quadriceps', 'ankle_dorsiflexors'];
  for (const g of groups) {
    await page.locator(`[name="mmt8.${g}"]`).selectOption(g === 'gluteus_medius' ? 'na' : '9');
  }
  await Promise.all([page.waitForURL('**/strength**'), page.locator('#guided-submit').click()]);
  const text = await page.locator('#assessment-list > li').first().innerText();
  assert.match(text, /gluteus_medius/, 'the group not assessed is named');
  assert.match(text, /total is then not reported/, 'and not scored as normal');
  await accessible(page, 'strength page');
  for (const path of ['/assessments/haq-di', '/assessments/cmas', '/settings']) {
    await page.goto(`${base}${path}`);
    await accessible(page, path);
  }
});
