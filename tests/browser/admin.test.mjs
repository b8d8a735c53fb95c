// Account management for admins (/admin/users): an admin made with `myo user add` signs in, finds
// the page from the navigation, adds a clinician and sees the temporary password once, and the
// page has no serious or critical axe violations in its list and "just added" states.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setup, myoBinary, axeViolations, formatViolations, horizontalOverflow, uniqueEmail } from './lib/harness.mjs';

const ADMIN_EMAIL = 'admin@example.test';
const ADMIN_PASSWORD = 'quiet harbour lantern morning';

let env;
before(async () => {
  env = await setup();
  // The first admin comes from the command line, as on a real installation.
  const made = spawnSync(myoBinary(), ['user', 'add', '--email', ADMIN_EMAIL, '--role', 'admin',
    '--password-stdin', '--data-dir', env.server.dataDir], { input: `${ADMIN_PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(made.status, 0, `myo user add failed: ${made.stderr}`);
});
after(async () => { await env?.close(); });

async function signedInAdmin(options) {
  const page = await env.newPage(options);
  await page.goto('/signin');
  await page.locator('#signin-email').fill(ADMIN_EMAIL);
  await page.locator('#signin-password').fill(ADMIN_PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signin')), page.locator('#signin-submit').click()]);
  return page;
}

test('an admin adds a clinician and sees the temporary password once', async () => {
  const page = await signedInAdmin();
  await page.getByRole('link', { name: 'Users' }).first().click();
  await page.waitForURL('**/admin/users');
  await page.locator('#users').waitFor();
  let violations = await axeViolations(page);
  assert.equal(violations.length, 0, formatViolations(page.url(), violations));

  const email = uniqueEmail('clinician');
  await page.locator('#add-email').fill(email);
  await page.locator('#add-name').fill('Dr Test');
  await page.locator('#add-role').selectOption('clinician');
  await Promise.all([page.waitForLoadState('load'), page.locator('#add-user-submit').click()]);
  await page.locator('#created-box').waitFor();
  assert.equal(await page.locator('#created-email').textContent(), email);
  const temporary = await page.locator('#temporary-password').inputValue();
  assert.ok(temporary.length >= 16, `a long temporary password: ${temporary}`);
  assert.ok(!page.url().includes(temporary), 'the password is never in the address');
  violations = await axeViolations(page);
  assert.equal(violations.length, 0, formatViolations(page.url(), violations));

  // Shown once: the list page, loaded again, no longer has it.
  await page.goto('/admin/users');
  assert.equal(await page.locator('#temporary-password').count(), 0);
  assert.ok((await page.locator('#users').textContent()).includes(email));

  // The new clinician can sign in with it.
  const clinician = await env.newPage();
  await clinician.goto('/signin');
  await clinician.locator('#signin-email').fill(email);
  await clinician.locator('#signin-password').fill(temporary);
  await Promise.all([clinician.waitForURL((url) => !url.pathname.startsWith('/signin')), clinician.locator('#signin-submit').click()]);
  const res = await clinician.goto('/admin/users');
  assert.equal(res.status(), 403, 'a clinician may not manage accounts');
});

test('the account list fits a phone screen without sideways scrolling of the page', async () => {
  const page = await signedInAdmin({ viewport: { width: 375, height: 740 } });
  await page.goto('/admin/users');
  await page.locator('#users').waitFor();
  assert.equal(await horizontalOverflow(page), 0, 'no horizontal page scroll at 375 px');
});
