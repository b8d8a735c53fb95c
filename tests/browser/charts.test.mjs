// Charts people can read, on a 360 px wide phone: a month of CK results fills the plot of the
// two-year CK chart, every chart text is at least 12 px on screen, a key names the series, the
// medicine and the reference range, the same values are in a table, an empty chart says "No data
// yet", and axe-core finds no violations at all on the chart pages.
// Element ids and classes: see crates/web/templates/tracker_*.html and crates/tracker/src/charts.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniqueEmail, horizontalOverflow } from './lib/harness.mjs';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PASSWORD = 'orange kite above harbour';
const PHONE = { viewport: { width: 360, height: 740 } };

/** `YYYY-MM-DD` of today (UTC, as the server counts days) plus `days`. */
function day(days) {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

async function patient(tag) {
  const page = await env.newPage(PHONE);
  await page.goto('/signup');
  const email = uniqueEmail(tag);
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-name').fill('Chart Patient');
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  // After sign-up, signing in leads to the tracker.
  await Promise.all([page.waitForURL('**/patients/**'), page.locator('#signin-submit').click()]);
  return { page, base: new URL(page.url()).pathname.replace(/\/$/, '') };
}

/** Every axe-core violation, whatever its impact. */
async function allViolations(page) {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

/** The smallest on-screen font size (CSS px) of any text in the chart plots and keys. */
async function smallestChartText(page) {
  return page.evaluate(() => {
    let min = Infinity;
    let where = '';
    for (const t of document.querySelectorAll('svg.chart-plot text')) {
      const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
      if (size < min) { min = size; where = t.textContent; }
    }
    for (const li of document.querySelectorAll('.chart-legend li, .chart-data summary')) {
      const size = parseFloat(getComputedStyle(li).fontSize);
      if (size < min) { min = size; where = li.textContent; }
    }
    return { min, where };
  });
}

test('a month of CK on a phone: fitted window, readable text, key, table, no axe violations', async () => {
  const { page, base } = await patient('charts');
  await page.goto(`${base}/medicines`);
  await page.locator('#med-name').fill('Prednisone');
  await page.locator('#med-dose').fill('20');
  await page.locator('#med-kind').selectOption('daily');
  await page.locator('#med-start').fill(day(-30));
  await page.locator('#med-submit').click();
  await page.locator('#med-saved').waitFor();

  const results = [[-28, '1400'], [-21, '900'], [-14, '600'], [-7, '350'], [0, '240']];
  for (const [offset, value] of results) {
    await page.goto(`${base}/labs`);
    await page.locator('#lab-analyte').selectOption('ck');
    await page.locator('#lab-value').fill(value);
    await page.locator('#lab-uln').fill('200');
    await page.locator('#lab-date').fill(day(offset));
    await page.locator('#lab-submit').click();
    await page.locator('#lab-saved').waitFor();
  }
  await page.goto(`${base}/labs`);
  const plot = page.locator('#lab-chart svg.chart-plot');
  assert.equal(await plot.count(), 1);
  assert.equal(await plot.getAttribute('role'), 'img');
  assert.match(await plot.evaluate((s) => s.querySelector('title').textContent), /CK/, 'accessible name');

  // The month of values spans most of the plot, though the chart looks back two years.
  const spread = await plot.evaluate((svg) => {
    const axis = svg.querySelector('line.x-axis').getBoundingClientRect();
    const xs = [...svg.querySelectorAll('g.series path.pt')].map((p) => {
      const b = p.getBoundingClientRect();
      return b.x + b.width / 2;
    });
    return { axis: { left: axis.left, width: axis.width }, first: Math.min(...xs), last: Math.max(...xs), n: xs.length };
  });
  assert.equal(spread.n, 5, `five CK values drawn: ${JSON.stringify(spread)}`);
  assert.ok((spread.last - spread.first) / spread.axis.width > 0.85,
    `a month of data fills the plot: ${JSON.stringify(spread)}`);
  assert.match(await plot.evaluate((s) => [...s.querySelectorAll('text.tick')].map((t) => t.textContent).join(' ')),
    /^\d{1,2} [A-Z][a-z]{2}( \d{1,2} [A-Z][a-z]{2})+$/, 'weekly date ticks for a month');

  // Text is at least 12 px on screen; the chart is narrower than the phone.
  const text = await smallestChartText(page);
  assert.ok(text.min >= 12, `smallest chart text ${text.min.toFixed(2)} px ("${text.where}")`);
  assert.ok(await horizontalOverflow(page) <= 0, 'the labs page fits a phone');

  // The key names the series, the medicine (in its lane colour) and the reference range.
  const legend = page.locator('#lab-chart .chart-legend');
  assert.deepEqual(await legend.locator('li').allInnerTexts(), ['Creatine kinase (CK)', 'Prednisone', 'Reference range 0–200 U/L']);
  const laneColour = await plot.evaluate((s) => s.querySelector('g.med').getAttribute('fill'));
  const keyColour = await legend.locator('li.legend-medicine rect').getAttribute('fill');
  assert.equal(keyColour, laneColour, 'the key shows the medicine in its lane colour');
  assert.match(await plot.evaluate((s) => s.querySelector('g.med text').textContent), /Prednisone/, 'lane labelled');

  // The same values as a table, behind "values as a table".
  const details = page.locator('#lab-chart details.chart-data');
  await details.locator('summary').click();
  const rows = await details.locator('table').first().locator('tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()),
    results.map(([o, v]) => `${day(o)} ${v}`));
  assert.match(await details.locator('table').nth(1).innerText(), /Prednisone 20 mg\s+\S+\s+ongoing/);

  assert.deepEqual(await allViolations(page), [], 'axe-core on the labs page with its chart open');
  await page.goto(base);
  assert.deepEqual(await allViolations(page), [], 'axe-core on the dashboard charts');
  const dash = await smallestChartText(page);
  assert.ok(dash.min >= 12, `smallest dashboard chart text ${dash.min.toFixed(2)} px ("${dash.where}")`);
});

test('an empty chart says "No data yet" and stays accessible', async () => {
  const { page, base } = await patient('empty');
  await page.goto(`${base}/diary`);
  const plot = page.locator('#diary-chart svg.chart-plot');
  assert.equal(await plot.locator('text.empty').textContent(), 'No data yet');
  assert.match(await plot.evaluate((s) => s.querySelector('desc').textContent), /^No data yet/);
  assert.equal(await page.locator('#diary-chart details.chart-data').count(), 0, 'no empty table');
  const text = await smallestChartText(page);
  assert.ok(text.min >= 12, `smallest chart text ${text.min.toFixed(2)} px ("${text.where}")`);
  assert.deepEqual(await allViolations(page), [], 'axe-core on the empty diary page');
  await page.goto(base);
  assert.equal(await page.locator('#charts svg.chart-plot text.empty').count(), 4, 'four empty dashboard charts');
});
