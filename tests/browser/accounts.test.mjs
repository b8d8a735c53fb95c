// Accounts: sign up, sign out, sign in again, and a wrong password shows an error.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniqueEmail } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PASSWORD = 'purple elephant dances slowly';

async function signUp(page, email) {
  await page.goto('/signup');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-name').fill('Test Patient');
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  // Sign-up answers the same whether or not the address had an account; then one signs in,
  // and lands on the tracker, not the account page.
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/patients/**'), page.locator('#signin-submit').click()]);
}

test('sign-up takes the browser\'s time zone and lands on the tracker', async () => {
  const page = await env.newPage({ timezoneId: 'Pacific/Kiritimati' });
  await page.goto('/signup');
  await page.locator('#signup-tz-shown').filter({ hasText: 'Pacific/Kiritimati' }).waitFor();
  assert.equal(await page.locator('#signup-tz').inputValue(), 'Pacific/Kiritimati');
  await signUp(page, uniqueEmail('tz'));
  assert.equal(await page.locator('h1').innerText(), 'Dashboard');
  assert.equal(await page.locator('#tz-prompt').count(), 0, 'the zone is known: no prompt');
  await page.locator('#tab-settings').click();
  await page.waitForURL('**/settings');
  assert.equal(await page.locator('#tz-name').inputValue(), 'Pacific/Kiritimati');
  assert.deepEqual(page.consoleErrors, []);
});

test('without JavaScript the tracker says the time zone is not known and links to settings', async () => {
  const page = await env.newPage({ javaScriptEnabled: false });
  await signUp(page, uniqueEmail('nojs'));
  assert.match(await page.locator('#tz-prompt').innerText(), /does not know your time zone/);
  await Promise.all([page.waitForURL('**/settings'), page.locator('#tz-prompt-link').click()]);
  assert.match(await page.locator('#tz-browser').innerText(), /using UTC/);
});

test('sign up, sign out, sign in', async () => {
  const page = await env.newPage();
  const email = uniqueEmail('flow');

  await signUp(page, email);
  await page.goto('/account');
  assert.equal(await page.locator('#profile-email').innerText(), email, 'account page shows the e-mail');
  assert.match(await page.locator('#profile-role').innerText(), /patient/i);
  assert.ok(await page.locator('#signout').isVisible(), 'sign-out button in the header');

  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signout').click()]);
  assert.match(await page.locator('#notice').innerText(), /signed out/i);
  assert.ok(await page.locator('#nav-signin').isVisible(), 'signed out: the sign-in link is back');
  const account = await page.goto('/account');
  assert.match(page.url(), /\/signin/, `signed out: /account sends to sign-in (status ${account.status()})`);

  await page.goto('/signin');
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/account**'), page.locator('#signin-submit').click()]);
  assert.ok(await page.locator('#nav-account').isVisible(), 'signed in again');
  assert.equal(await page.locator('#profile-email').innerText(), email);
});

test('a wrong password shows an error and keeps the e-mail', async () => {
  const page = await env.newPage();
  const email = uniqueEmail('wrong');
  await signUp(page, email);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signout').click()]);

  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill('not the right password');
  await page.locator('#signin-submit').click();
  const error = page.locator('#signin-error');
  await error.waitFor();
  assert.ok(await error.isVisible());
  assert.equal(await error.getAttribute('role'), 'alert');
  assert.equal(await page.locator('#signin-email').inputValue(), email, 'the e-mail is kept');
  assert.equal(await page.locator('#nav-account').count(), 0, 'not signed in');
});

test('sign-up with mismatched passwords names the field and keeps the e-mail', async () => {
  const page = await env.newPage();
  const email = uniqueEmail('mismatch');
  await page.goto('/signup');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD + ' typo');
  await page.locator('#signup-submit').click();
  const error = page.locator('#signup-error');
  await error.waitFor();
  assert.match(await error.innerText(), /differ/i);
  assert.equal(await page.locator('#signup-email').inputValue(), email);
  assert.equal(await page.locator('#signup-password-confirm').getAttribute('aria-invalid'), 'true');
});
