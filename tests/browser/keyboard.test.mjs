// Keyboard use: the skip link is the first stop and moves focus to <main>; the Ask form can be
// filled in and sent with the keyboard alone; the calculator can be reached and sent too.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

/** What has focus: its id, tag and class, read in the page. */
function focused(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    return { id: el?.id ?? '', tag: el?.tagName.toLowerCase() ?? '', cls: el?.className ?? '' };
  });
}

/** Presses Tab until the element with `id` has focus (at most `max` presses). */
async function tabTo(page, id, max = 40) {
  for (let i = 0; i < max; i += 1) {
    await page.keyboard.press('Tab');
    if ((await focused(page)).id === id) return i + 1;
  }
  throw new Error(`#${id} never received focus after ${max} Tab presses`);
}

test('the skip link is the first Tab stop, is visible when focused, and moves focus to main', async () => {
  const page = await env.newPage();
  await page.goto('/kb/methotrexate');
  await page.keyboard.press('Tab');
  const first = await focused(page);
  assert.equal(first.tag, 'a');
  assert.match(String(first.cls), /skip-link/);
  const skip = page.locator('a.skip-link');
  assert.ok(await skip.isVisible(), 'visible when focused');
  const box = await skip.boundingBox();
  assert.ok(box && box.width > 1 && box.height > 1 && box.y >= 0, 'drawn on screen, not clipped away');

  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.id === 'main');
  assert.match(page.url(), /#main$/);
  // The next Tab lands inside <main>, past the header navigation.
  await page.keyboard.press('Tab');
  const inMain = await page.evaluate(() => document.querySelector('main').contains(document.activeElement));
  assert.ok(inMain, 'the next Tab stop is inside <main>');
});

test('focus is visible on links and buttons (an outline or box shadow is drawn)', async () => {
  const page = await env.newPage();
  await page.goto('/');
  await tabTo(page, 'home-q');
  const style = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return { outline: s.outlineStyle, width: s.outlineWidth, shadow: s.boxShadow };
  });
  const visible = (style.outline !== 'none' && style.width !== '0px') || style.shadow !== 'none';
  assert.ok(visible, `focus indicator on #home-q: ${JSON.stringify(style)}`);
});

test('the Ask form can be completed with the keyboard only', async () => {
  const page = await env.newPage();
  await page.goto('/ask');
  await tabTo(page, 'question');
  await page.keyboard.type('What is dermatomyositis?');
  await tabTo(page, 'ask-submit', 5);
  await Promise.all([page.waitForURL('**/ask'), page.keyboard.press('Enter')]);
  await page.locator('#answer').waitFor();
  assert.ok(await page.locator('#answer').isVisible(), 'an answer is shown');
  assert.equal(await page.locator('#question').inputValue(), 'What is dermatomyositis?');
});

test('the calculator can be completed with the keyboard only', async () => {
  const page = await env.newPage();
  await page.goto('/calculators/eular-acr-2017');
  await tabTo(page, 'f-age_at_onset_years');
  await page.keyboard.type('45');
  // Arrow keys move within a radio group; Tab reaches the group's checked ("not assessed") radio.
  await tabTo(page, 'f-heliotrope_rash-na');
  await page.keyboard.press('ArrowDown'); // wraps from the last choice to the first: Yes
  assert.ok(await page.locator('#f-heliotrope_rash-true').isChecked(), 'heliotrope rash: yes');
  await tabTo(page, 'calc-submit', 80);
  await page.keyboard.press('Enter');
  await page.locator('#result').waitFor();
  assert.match(await page.locator('#items').innerText(), /Heliotrope rash/);
});
