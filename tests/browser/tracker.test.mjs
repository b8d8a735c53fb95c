// Care tracker in a real browser: a week of diary and its chart (a skipped day stays a
// gap), weekly methotrexate accepted and daily refused with the reason, a share link that works
// until revoked, the visit summary printed to PDF and downloaded as PDF, and one lab deleted by
// keyboard through its confirmation page on a phone-sized screen.
// Element ids: see crates/web/templates/tracker_*.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniqueEmail, axeViolations, formatViolations, horizontalOverflow, cspErrors } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PASSWORD = 'purple elephant dances slowly';

/** `YYYY-MM-DD` of today (UTC, as the server counts days) plus `days`. */
function day(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Signs up a new patient and opens their tracker; returns the page and the patient's base path.
 * `options` are the browser context's (e.g. a phone viewport).
 */
async function patient(tag, options = {}) {
  const page = await env.newPage(options);
  await page.goto('/signup');
  const email = uniqueEmail(tag);
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-name').fill('Tracker Patient');
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  // Sign-up answers the same whether or not the address had an account; then one signs in.
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  // After sign-up, sign-in leads straight to the tracker (the patient's dashboard).
  await Promise.all([page.waitForURL('**/patients/**'), page.locator('#signin-submit').click()]);
  const base = new URL(page.url()).pathname.replace(/\/$/, '');
  assert.match(base, /^\/patients\/[^/]+$/, `tracker home is the patient's dashboard (${base})`);
  return { page, base };
}

test('a week of diary: seven entries, chart with their points, the skipped day a gap', async () => {
  const { page, base } = await patient('diary');
  // Seven entries over eight days: day -3 is skipped on purpose.
  const offsets = [-7, -6, -5, -4, -2, -1, 0];
  for (const [i, off] of offsets.entries()) {
    await page.goto(`${base}/diary`);
    await page.locator('#diary-date').fill(day(off));
    await page.locator('#diary-weakness').fill(String(3 + (i % 3)));
    await page.locator('#diary-fatigue').fill('5');
    await page.locator('#diary-submit').click();
    await page.locator('#diary-saved').waitFor();
  }
  assert.equal(await page.locator('#diary-list tbody tr').count(), 7, 'seven rows in the diary list');

  const chart = page.locator('#diary-chart svg.chart-plot');
  assert.equal(await chart.count(), 1, 'the diary chart is an inline SVG');
  assert.equal(await chart.getAttribute('role'), 'img');
  // First series (weakness): segments split at the missing day, never joined through a zero;
  // every value has its marker.
  const series = await page.evaluate(() => {
    const g = document.querySelector('#diary-chart svg.chart-plot g.series');
    return {
      lines: g.querySelectorAll('path.line').length,
      lone: g.querySelectorAll('path.pt.lone').length,
      markers: g.querySelectorAll('path.pt').length,
    };
  });
  assert.equal(series.markers, 7, `seven data points drawn: ${JSON.stringify(series)}`);
  assert.equal(series.lines + series.lone, 2, `two segments around the gap: ${JSON.stringify(series)}`);

  // The dashboard shows the charts too.
  await page.goto(base);
  assert.ok(await page.locator('#charts svg').count() >= 1, 'dashboard charts present');
});

test('weekly methotrexate is accepted; daily is refused with the reason', async () => {
  const { page, base } = await patient('mtx');
  const fill = async (kind) => {
    await page.goto(`${base}/medicines`);
    await page.locator('#med-name').fill('Methotrexate');
    await page.locator('#med-dose').fill('15');
    await page.locator('#med-kind').selectOption(kind);
    if (kind === 'weekly') await page.locator('#med-day').selectOption('friday');
    await page.locator('#med-start').fill(day(-14));
  };

  await fill('daily');
  const [refused] = await Promise.all([
    page.waitForResponse((r) => r.url().endsWith('/medicines') && r.request().method() === 'POST'),
    page.locator('#med-submit').click(),
  ]);
  assert.equal(refused.status(), 422);
  const error = page.locator('#med-error');
  await error.waitFor();
  const text = await error.innerText();
  assert.match(text, /How often:/, 'the error names the field by its label');
  assert.match(text, /weekly/i, 'the error explains methotrexate is weekly');
  assert.equal(await page.locator('#med-name').inputValue(), 'Methotrexate', 'typed values kept');

  await fill('weekly');
  await page.locator('#med-submit').click();
  await page.locator('#med-saved').waitFor();
  assert.match(await page.locator('#med-suggestions').innerText(), /folic/i, 'folic acid suggested');
  assert.match(await page.locator('#med-list').innerText(), /Methotrexate/);
});

test('a share link works until it is revoked, then answers 404', async () => {
  const { page, base } = await patient('share');
  await page.goto(`${base}/diary`);
  await page.locator('#diary-date').fill(day(0));
  await page.locator('#diary-weakness').fill('4');
  await page.locator('#diary-submit').click();
  await page.locator('#diary-saved').waitFor();

  await page.goto(`${base}/sharing`);
  await page.locator('#share-section-symptoms').check();
  await page.locator('#share-submit').click();
  const urlBox = page.locator('#new-share-url');
  await urlBox.waitFor();
  const link = await urlBox.inputValue();
  assert.match(link, /\/share\/\S+$/, `a share URL is shown once (${link})`);
  const path = new URL(link, env.server.url).pathname;

  // A fresh context (no cookies): the link opens the scoped summary.
  const visitor = await env.newPage();
  const opened = await visitor.goto(path);
  assert.equal(opened.status(), 200);
  assert.equal(await visitor.locator('#summary-symptoms').count(), 1, 'shared section present');
  assert.equal(await visitor.locator('#summary-labs').count(), 0, 'unshared section absent');

  const revoke = page.locator('#shares button[id^="revoke-share-"]');
  assert.equal(await revoke.count(), 1);
  await revoke.click();
  await page.locator('#notice').waitFor();

  const after = await visitor.goto(path);
  assert.equal(after.status(), 404, 'revoked link answers 404');
});

test('the visit summary prints to PDF and downloads as application/pdf', async () => {
  const { page, base } = await patient('summary');
  for (const off of [-2, -1, 0]) {
    await page.goto(`${base}/diary`);
    await page.locator('#diary-date').fill(day(off));
    await page.locator('#diary-weakness').fill('5');
    await page.locator('#diary-submit').click();
    await page.locator('#diary-saved').waitFor();
  }
  await page.goto(`${base}/summary`);
  await Promise.all([page.waitForURL('**/summary?**'), page.locator('#summary-submit').click()]);
  await page.locator('#summary').waitFor();
  assert.equal(await page.locator('#summary-symptoms').count(), 1, 'symptoms section shown');

  const siteNav = page.locator('.site-header nav');
  assert.equal(await siteNav.isVisible(), true, 'site navigation shown on screen');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await siteNav.isVisible(), false, 'site navigation hidden in print');
  assert.equal(await page.locator('nav[aria-label=Tracker]').isVisible(), false, 'tracker nav hidden in print');
  assert.equal(await page.locator('#summary-form').isVisible(), false, 'form hidden in print');
  assert.equal(await page.locator('#summary').isVisible(), true, 'the summary itself prints');
  assert.equal(await page.locator('#disclaimer').isVisible(), true, 'the disclaimer prints');
  assert.equal(await page.locator('.site-header').isVisible(), false, 'the whole site header is left off paper');
  assert.equal(await page.locator('#switch-person').isVisible(), false, 'links for the screen hidden');
  // Sections run on (a long one is not pushed whole to a new page, leaving a gap), but a
  // heading stays with what follows and a table row is never cut.
  const css = await page.locator('#summary-symptoms').evaluate((b) => ({
    block: getComputedStyle(b).breakInside,
    heading: getComputedStyle(b.querySelector('h2')).breakAfter,
    row: getComputedStyle(b.querySelector('tbody tr')).breakInside,
  }));
  assert.deepEqual(css, { block: 'auto', heading: 'avoid', row: 'avoid' });
  // Nothing wider than the printable width of the narrower paper (A4: 210 mm less 2 × 12 mm).
  await page.setViewportSize({ width: Math.floor((186 / 25.4) * 96), height: 1000 });
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `print layout wider than A4 by ${overflow} px`);
  for (const format of ['A4', 'Letter']) {
    const pdf = await page.pdf({ format, preferCSSPageSize: true });
    assert.ok(pdf.length > 1000, `page.pdf(${format}) produced ${pdf.length} bytes`);
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
  }
  await page.emulateMedia({ media: 'screen' });

  const href = await page.locator('#summary-pdf').getAttribute('href');
  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/pdf/);
  assert.equal((await res.body()).subarray(0, 5).toString('latin1'), '%PDF-');
});

test('an MMT-8 entered through the guided form, a group not assessed, is listed as missing', async () => {
  const { page, base } = await patient('mmt8');
  await page.goto(`${base}/strength`);
  assert.equal(await page.locator('textarea').count(), 0, 'no raw JSON entry');
  await Promise.all([page.waitForURL('**/assessments/mmt8'), page.locator('#guided-mmt8').click()]);
  const grades = {
    neck_flexors: '9', deltoid_middle: '8', biceps_brachii: '9', wrist_extensors: '10',
    gluteus_maximus: '7', gluteus_medius: '7', quadriceps: '8',
  };
  for (const [g, v] of Object.entries(grades)) {
    await page.locator(`[name="mmt8.${g}"]`).selectOption(v);
  }
  // Left unanswered, the form is not sent (the browser asks), nor accepted by the server.
  await page.locator('#guided-submit').click();
  assert.match(page.url(), /assessments\/mmt8$/, 'still on the form');
  await page.getByLabel('Ankle dorsiflexors (right, or the only side tested)').selectOption({ label: 'Not assessed' });
  await Promise.all([page.waitForURL('**/strength**'), page.locator('#guided-submit').click()]);
  const item = page.locator('#assessment-list > li');
  assert.equal(await item.count(), 1);
  const text = await item.innerText();
  assert.match(text, /mmt8@/);
  assert.match(text, /not assessed \(listed; the total is then not reported/);
  assert.match(text, /ankle_dorsiflexors/);
  assert.equal(await page.locator('#assessment-list pre').count(), 0, 'a list, not a dump');
});

test('a lab typed by mistake is deleted by keyboard after a confirmation page, on a phone', async () => {
  const { page, base } = await patient('delete', { viewport: { width: 375, height: 812 } });
  await page.goto(`${base}/labs`);
  await page.locator('#lab-analyte').selectOption('ck');
  await page.locator('#lab-value').fill('12345');
  await page.locator('#lab-uln').fill('200');
  await page.locator('#lab-date').fill(day(-1));
  await page.locator('#lab-submit').click();
  await page.locator('#lab-saved').waitFor();

  const link = page.getByRole('link', { name: `Delete lab CK ${day(-1)}`, exact: true });
  assert.equal(await link.count(), 1, 'the link names what it deletes');
  assert.ok(await horizontalOverflow(page) <= 0, 'the labs page fits a phone');
  let violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(page.url(), violations));

  await link.focus();
  await Promise.all([page.waitForURL('**/records/labs/*/delete'), page.keyboard.press('Enter')]);
  assert.match(await page.locator('h1').innerText(), /Delete this lab result\?/);
  assert.equal(await page.locator('#delete-record-date').innerText(), day(-1));
  assert.match(await page.locator('#delete-record-summary').innerText(), /CK 12345 U\/L/);
  assert.ok(await horizontalOverflow(page) <= 0, 'the confirmation page fits a phone');
  violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(page.url(), violations));

  // Cancel goes back and keeps the lab.
  await Promise.all([page.waitForURL(`**${base}/labs`), page.locator('#delete-record-cancel').click()]);
  assert.equal(await link.count(), 1, 'cancel keeps the lab');

  await link.focus();
  await Promise.all([page.waitForURL('**/records/labs/*/delete'), page.keyboard.press('Enter')]);
  await page.locator('#delete-record-submit').focus();
  await Promise.all([page.waitForURL('**/labs?done=deleted'), page.keyboard.press('Enter')]);
  assert.equal(await page.locator('#notice').innerText(), 'Deleted.');
  assert.equal(await page.getByRole('link', { name: /^Delete lab/ }).count(), 0, 'the row is gone');
  assert.match(await page.locator('#lab-list').innerText(), /No lab results yet/);
  assert.deepEqual(cspErrors(page), [], 'no CSP errors');
});
