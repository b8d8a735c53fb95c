// The medicine form's schedule fields at phone width (390 px): the page's small script shows
// only the fields the chosen "How often" needs (daily, several a day, weekly with a day, every
// N weeks, listed dates, taper steps), a value typed for a kind later changed is not sent, and
// the form passes axe and fits the screen in each state; without JavaScript every field shows and the server
// refuses a field filled in for another kind, naming it.
// Element ids: see crates/web/templates/tracker_medicines.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, newPatient, axeViolations, formatViolations, horizontalOverflow, cspErrors } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PHONE = { viewport: { width: 390, height: 844 } };

function patient(tag, options = {}) {
  return newPatient(env, tag, 'Schedule Patient', options);
}

async function accessible(page, what) {
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(`${what} ${page.url()}`, violations));
  assert.ok(await horizontalOverflow(page) <= 0, `${what} fits a 390 px screen`);
}

const FIELDS = ['#med-dose', '#med-unit', '#med-time', '#med-day', '#med-n', '#med-times', '#med-dates', '#med-steps'];
const SHOWN = {
  daily: ['#med-dose', '#med-unit', '#med-time'],
  several_daily: ['#med-dose', '#med-unit', '#med-times'],
  weekly: ['#med-dose', '#med-unit', '#med-time', '#med-day'],
  every_n_weeks: ['#med-dose', '#med-unit', '#med-time', '#med-n'],
  course: ['#med-dose', '#med-unit', '#med-time', '#med-dates'],
  taper: ['#med-time', '#med-steps'],
};

test('each schedule kind shows only its fields at 390 px, and passes axe', async () => {
  const { page, base } = await patient('schedule-js', PHONE);
  await page.goto(`${base}/medicines`);
  for (const [kind, shown] of Object.entries(SHOWN)) {
    await page.locator('#med-kind').selectOption(kind);
    for (const f of FIELDS) {
      const visible = await page.locator(f).isVisible();
      assert.equal(visible, shown.includes(f), `${kind}: ${f} ${visible ? 'shown' : 'hidden'}`);
      assert.equal(await page.locator(f).isDisabled(), !shown.includes(f), `${kind}: ${f} sent only when shown`);
    }
    await accessible(page, `medicine form, ${kind}`);
  }
  assert.deepEqual(cspErrors(page), [], 'the script runs under the Content-Security-Policy');
});

test('a value typed for a kind that was then changed is not sent', async () => {
  const { page, base } = await patient('schedule-switch', PHONE);
  await page.goto(`${base}/medicines`);
  await page.locator('#med-name').fill('Prednisone');
  await page.locator('#med-kind').selectOption('every_n_weeks');
  await page.locator('#med-n').fill('4');
  await page.locator('#med-kind').selectOption('taper');
  await page.locator('#med-steps').fill('20 mg for 7 days, 10 mg for 7 days');
  await page.locator('#med-start').fill('2026-01-05');
  await page.locator('#med-submit').click();
  await page.locator('#med-saved').waitFor();
  assert.match(await page.locator('#med-list').innerText(), /Prednisone/);
  await accessible(page, 'medicines page after saving a taper');
});

test('without JavaScript every field shows and a field of another kind is refused by name', async () => {
  const { page, base } = await patient('schedule-nojs', { ...PHONE, javaScriptEnabled: false });
  await page.goto(`${base}/medicines`);
  for (const f of FIELDS) assert.ok(await page.locator(f).isVisible(), `${f} shown without JavaScript`);
  await page.locator('#med-name').fill('Prednisone');
  await page.locator('#med-dose').fill('20');
  await page.locator('#med-kind').selectOption('daily');
  await page.locator('#med-steps').fill('20 mg for 7 days, 10 mg for 7 days');
  await page.locator('#med-start').fill('2026-01-05');
  await page.locator('#med-submit').click();
  await page.locator('#med-error').waitFor();
  assert.match(await page.locator('#med-error').innerText(), /Taper steps: filled in, but How often is 'daily'/);
  assert.equal(await page.locator('#med-steps').inputValue(), '20 mg for 7 days, 10 mg for 7 days', 'what was typed is kept');
  // (axe runs in the page's JavaScript, so it checks the form in the tests above.)
  assert.equal(await page.locator('#med-error').getAttribute('role'), 'alert');
});
