// axe-core on the main pages, in the states people see them: no `serious` or `critical`
// violations (the test prints every one it finds).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, axeViolations, formatViolations, uniqueEmail, EMERGENCY_QUESTION } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

async function check(page) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, formatViolations(page.url(), violations));
}

for (const path of ['/', '/kb', '/kb/section/drugs', '/kb/methotrexate', '/search?q=rash', '/calculators', '/signin', '/signup', '/forgot', '/ask']) {
  test(`axe: ${path}`, async () => {
    const page = await env.newPage();
    const response = await page.goto(path);
    assert.equal(response.status(), 200, `${path} loads`);
    await check(page);
  });
}

test('axe: ask page with the emergency banner and an answer', async () => {
  const page = await env.newPage();
  await page.goto('/ask');
  await page.locator('#question').fill(EMERGENCY_QUESTION);
  await Promise.all([page.waitForURL('**/ask'), page.locator('#ask-submit').click()]);
  await page.locator('#triage-banner').waitFor();
  await check(page);
});

test('axe: calculator with a result', async () => {
  const page = await env.newPage();
  await page.goto('/calculators/eular-acr-2017');
  await page.locator('#f-age_at_onset_years').fill('45');
  await page.locator('#f-heliotrope_rash-true').check();
  await page.locator('#calc-submit').click();
  await page.locator('#result').waitFor();
  await check(page);
});

test('axe: calculator with an error summary', async () => {
  const page = await env.newPage();
  await page.goto('/calculators/eular-acr-2017');
  await page.locator('#f-age_at_onset_years').fill('old');
  await page.locator('#calc-submit').click();
  await page.locator('#error-summary').waitFor();
  await check(page);
});

test('axe: sign-in with an error, and the account page when signed in', async () => {
  const page = await env.newPage();
  await page.goto('/signin');
  await page.locator('#signin-email').fill('nobody@example.test');
  await page.locator('#signin-password').fill('wrong password here');
  await page.locator('#signin-submit').click();
  await page.locator('#signin-error').waitFor();
  await check(page);

  const password = 'violet tortoise sings quietly';
  await page.goto('/signup');
  const email = uniqueEmail('axe');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-password').fill(password);
  await page.locator('#signup-password-confirm').fill(password);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  // Sign-up answers the same whether or not the address had an account; then one signs in.
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(password);
  await Promise.all([page.waitForURL('**/patients/**'), page.locator('#signin-submit').click()]);
  await check(page);
  await page.goto('/account');
  await check(page);

  // With a token created, the page shows the one-time secret and the token table.
  await page.locator('#token-name').fill('laptop');
  await Promise.all([page.waitForLoadState('load'), page.locator('#token-submit').click()]);
  await page.locator('#new-token').waitFor();
  await check(page);

  await page.goto('/account/audit');
  await check(page);

  // The care circle: the people one can see (with the child's-profile form), and the sharing
  // page with access by e-mail, the calendar link and e-mail reminders.
  await page.goto('/care');
  await check(page);
  await page.goto('/tracker');
  await page.goto(`${page.url()}/sharing`);
  await page.locator('#grant-form').waitFor();
  await check(page);
});

// After five wrong passwords the sixth attempt is refused (429) with the page made at start-up;
// the ones after it are refused from memory with the same page. In English and in Spanish.
for (const [locale, lang] of [['en-GB', 'en'], ['es-ES', 'es']]) {
  test(`axe: too many sign-in attempts (${lang})`, async () => {
    const page = await env.newPage({ locale });
    const email = uniqueEmail(`locked-${lang}`);
    await page.goto('/signin');
    for (let i = 0; i < 5; i++) {
      await page.locator('#signin-email').fill(email);
      await page.locator('#signin-password').fill('wrong password here');
      const [response] = await Promise.all([page.waitForResponse('**/signin'), page.locator('#signin-submit').click()]);
      assert.equal(response.status(), 401);
      await page.locator('#signin-error').waitFor();
    }
    await page.locator('#signin-email').fill(email);
    await page.locator('#signin-password').fill('wrong password here');
    const [refused] = await Promise.all([page.waitForResponse('**/signin'), page.locator('#signin-submit').click()]);
    assert.equal(refused.status(), 429);
    assert.ok(Number(refused.headers()['retry-after']) >= 1, 'Retry-After in seconds');
    await page.locator('#refused').waitFor();
    assert.equal(await page.locator('html').getAttribute('lang'), lang);
    assert.equal(await page.locator('#refused').getAttribute('role'), 'alert');
    assert.ok(await page.locator('#disclaimer').isVisible(), 'the disclaimer is on the page');
    await check(page);
    await Promise.all([page.waitForURL('**/signin'), page.locator('#refused-back').click()]);
    await page.locator('#signin-form').waitFor();
  });
}

test('the checker itself reports a planted violation (guards against a silent no-op)', async () => {
  const page = await env.newPage();
  await page.goto('/');
  await page.evaluate(() => {
    const img = document.createElement('img');
    img.src = '/static/none.png';
    document.querySelector('main').append(img); // no alt text: axe rule image-alt, critical
  });
  const violations = await axeViolations(page);
  assert.ok(violations.some((v) => v.id === 'image-alt'), 'image-alt is reported');
});
