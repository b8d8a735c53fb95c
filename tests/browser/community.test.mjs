// Community posts beside a reviewed answer, in a real browser: a patient posts and sees the
// first post held; another reports a published post; a moderator (granted by the admin on
// /admin/users) approves and hides with reasons; the emergency post shows its action at once
// and tops the queue; axe finds no serious or critical violation at phone width, and nothing
// scrolls sideways.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { setup, myoBinary, axeViolations, formatViolations, horizontalOverflow, uniqueEmail, EMERGENCY_QUESTION } from './lib/harness.mjs';

const ADMIN_EMAIL = 'admin@example.test';
const PASSWORD = 'quiet harbour lantern morning';
const TOPIC = '/kb/faq-why-steroids';
const PHONE = { viewport: { width: 375, height: 740 } };

let env;
before(async () => {
  env = await setup();
  const made = spawnSync(myoBinary(), ['user', 'add', '--email', ADMIN_EMAIL, '--role', 'admin',
    '--password-stdin', '--data-dir', env.server.dataDir], { input: `${PASSWORD}\n`, encoding: 'utf8' });
  assert.equal(made.status, 0, `myo user add failed: ${made.stderr}`);
});
after(async () => { await env?.close(); });

async function signIn(page, email) {
  await page.goto('/signin');
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  await Promise.all([page.waitForURL((url) => !url.pathname.startsWith('/signin')), page.locator('#signin-submit').click()]);
}

async function newPatient(options) {
  const page = await env.newPage(options);
  const email = uniqueEmail('poster');
  await page.goto('/signup');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-name').fill('Test Patient');
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  await signIn(page, email);
  return { page, email };
}

async function check(page) {
  const violations = await axeViolations(page);
  assert.equal(violations.length, 0, formatViolations(page.url(), violations));
  assert.equal(await horizontalOverflow(page), 0, `no sideways scroll on ${page.url()}`);
}

async function post(page, text, { name, tag = 'tag-helped' } = {}) {
  await page.goto(TOPIC);
  if (name) await page.locator('#pseudonym').fill(name);
  await page.locator(`#${tag}`).check();
  await page.locator('#post-body').fill(text);
  await Promise.all([page.waitForLoadState('load'), page.locator('#post-submit').click()]);
}

async function moderate(page, text, action, reason) {
  await page.goto('/community/moderation');
  const item = page.locator('#queue > li', { hasText: text });
  await item.locator(`input[name="action"][value="${action}"]`).check();
  await item.locator('input[name="reason"]').fill(reason);
  await Promise.all([page.waitForLoadState('load'), item.getByRole('button', { name: /Apply/ }).click()]);
}

test('post, hold, grant a moderator, approve, report, hide', async () => {
  const { page: ana } = await newPatient(PHONE);
  const text = 'A pill box with the days of the week helped me keep my tablets straight.';
  await post(ana, text, { name: 'Pill Box Fan' });
  await ana.locator('#community-notice').waitFor();
  assert.match(await ana.locator('#community-notice').textContent(), /waiting for a moderator/);
  const mine = ana.locator('.post', { hasText: text });
  assert.match(await mine.textContent(), /Waiting for a moderator/);
  await check(ana);

  // Signed out, nobody sees it yet.
  const anon = await env.newPage(PHONE);
  await anon.goto(TOPIC);
  assert.equal(await anon.locator('.post', { hasText: text }).count(), 0);
  assert.ok((await anon.locator('#community').textContent()).includes('not medical advice'));
  await check(anon);

  // Ben is not a moderator; the admin grants it on /admin/users.
  const { page: ben, email: benEmail } = await newPatient(PHONE);
  assert.equal((await ben.goto('/community/moderation')).status(), 403);
  const admin = await env.newPage();
  await signIn(admin, ADMIN_EMAIL);
  await admin.goto(`/admin/users?q=${encodeURIComponent(benEmail)}`);
  await Promise.all([admin.waitForLoadState('load'), admin.locator('button[id^="mod-"]').first().click()]);
  assert.match(await admin.locator('#notice').textContent(), /can now moderate/);

  await ben.goto('/community/moderation');
  await check(ben);
  await moderate(ben, text, 'approve', 'first post reads fine');
  await anon.goto(TOPIC);
  await anon.locator('.post', { hasText: text }).waitFor();

  // Carla reports it with a reason; it returns to the queue with the report.
  const { page: carla } = await newPatient(PHONE);
  await carla.goto(TOPIC);
  const target = carla.locator('.post', { hasText: text });
  await target.locator('summary').click();
  await target.locator('input[value="medical_advice"]').check();
  await target.locator('textarea[name="detail"]').fill('Sounds like advice on tablets');
  await Promise.all([carla.waitForLoadState('load'), target.getByRole('button', { name: 'Send report' }).click()]);
  assert.match(await carla.locator('#community-notice').textContent(), /moderator will look/);
  await ben.goto('/community/moderation');
  assert.ok((await ben.locator('#queue').textContent()).includes('Sounds like advice on tablets'));
  await moderate(ben, text, 'hide', 'reads as advice about tablets');
  await anon.goto(TOPIC);
  assert.equal(await anon.locator('.post', { hasText: text }).count(), 0);
});

test('an emergency post shows the emergency action at once and tops the queue', async () => {
  const { page: dee } = await newPatient(PHONE);
  await post(dee, 'Resting after lunch gives me the energy for the afternoon.', { name: 'Afternoon Rest' });
  const { page: eve } = await newPatient(PHONE);
  await post(eve, `${EMERGENCY_QUESTION} since this morning.`, { name: 'Worried Today' });
  const warning = eve.locator('#post-warning');
  await warning.waitFor();
  assert.equal(await warning.getAttribute('role'), 'alert');
  assert.match(await warning.textContent(), /Emergency warning sign/);
  await check(eve);

  const admin = await env.newPage(PHONE);
  await signIn(admin, ADMIN_EMAIL);
  await admin.goto('/community/moderation');
  const first = admin.locator('#queue > li').first();
  assert.ok((await first.textContent()).includes('lips are turning blue'), 'the emergency is first');
  assert.ok(await first.locator('.queue-flag').count() === 1);
  await check(admin);
});

test('a post with an e-mail address is refused with the text kept', async () => {
  const { page } = await newPatient(PHONE);
  const text = 'Write to me at someone@example.org and I will share my diet.';
  await post(page, text, { name: 'Diet Notes' });
  await page.locator('#post-error').waitFor();
  assert.match(await page.locator('#post-error').textContent(), /e-mail address/);
  assert.equal(await page.locator('#post-body').inputValue(), text);
  await check(page);
});
