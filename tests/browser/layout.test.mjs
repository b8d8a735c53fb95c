// Small screens and zoom: no horizontal scrolling on a 375 × 812 phone, nor at 200 % zoom
// (a 1280-px window at 200 % lays out as 640 CSS px), on the home, article, ask and calculator pages.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, horizontalOverflow, EMERGENCY_QUESTION, NORMAL_QUESTION } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** Pages to check; the ask and calculator pages are checked with their results showing. */
const PAGES = [
  { name: 'home', open: (p) => p.goto('/') },
  { name: 'article', open: (p) => p.goto('/kb/methotrexate') },
  { name: 'ask (answer)', open: (p) => askOn(p, NORMAL_QUESTION) },
  { name: 'ask (emergency banner)', open: (p) => askOn(p, EMERGENCY_QUESTION) },
  { name: 'calculator (result)', open: scoreOn },
  { name: 'sign-up', open: (p) => p.goto('/signup') },
];

async function askOn(page, question) {
  await page.goto('/ask');
  await page.locator('#question').fill(question);
  await Promise.all([page.waitForURL('**/ask'), page.locator('#ask-submit').click()]);
  await page.locator('#answer').waitFor();
}

async function scoreOn(page) {
  await page.goto('/calculators/eular-acr-2017');
  await page.locator('#f-age_at_onset_years').fill('45');
  await page.locator('#f-heliotrope_rash-true').check();
  await page.locator('#f-elevated_muscle_enzymes-true').check();
  await page.locator('#calc-submit').click();
  await page.locator('#result').waitFor();
}

const VIEWS = [
  { name: 'phone 375×812', options: { viewport: { width: 375, height: 812 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true } },
  { name: '200 % zoom (640 CSS px)', options: { viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 } },
];

for (const view of VIEWS) {
  test(`no horizontal scroll at ${view.name}`, async (t) => {
    const page = await env.newPage(view.options);
    for (const p of PAGES) {
      await t.test(p.name, async () => {
        await p.open(page);
        const overflow = await horizontalOverflow(page);
        assert.ok(overflow <= 0, `${p.name}: page is ${overflow}px wider than the ${view.name} viewport`);
        const font = await page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
        assert.ok(font >= 16, `body text is at least 16 px (is ${font})`);
      });
    }
  });
}

test('text stays readable when only the text is enlarged to 200 %', async () => {
  // WCAG 1.4.4: text resized to 200 % without loss of content. Double the root font size.
  const page = await env.newPage({ viewport: { width: 1280, height: 800 } });
  for (const p of PAGES.slice(0, 2)) {
    await p.open(page);
    await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
    const overflow = await horizontalOverflow(page);
    assert.ok(overflow <= 0, `${p.name}: ${overflow}px horizontal overflow with 200 % text`);
  }
});

test('the overflow check itself sees a planted over-wide element', async () => {
  const page = await env.newPage({ viewport: { width: 375, height: 812 } });
  await page.goto('/');
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.width = '900px';
    wide.style.height = '1px';
    document.querySelector('main').append(wide);
  });
  assert.ok(await horizontalOverflow(page) > 0);
});
