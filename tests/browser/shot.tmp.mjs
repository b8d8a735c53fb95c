import { setup, uniqueEmail } from './lib/harness.mjs';
const env = await setup();
function day(days) { const d = new Date(); d.setUTCDate(d.getUTCDate() + days); return d.toISOString().slice(0, 10); }
const page = await env.newPage({ viewport: { width: 360, height: 740 } });
await page.goto('/signup');
const email = uniqueEmail('shot');
await page.locator('#signup-email').fill(email);
await page.locator('#signup-name').fill('Shot');
await page.locator('#signup-password').fill('orange kite above harbour');
await page.locator('#signup-password-confirm').fill('orange kite above harbour');
await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
await page.locator('#signin-email').fill(email);
await page.locator('#signin-password').fill('orange kite above harbour');
await Promise.all([page.waitForURL('**/account**'), page.locator('#signin-submit').click()]);
await Promise.all([page.waitForURL('**/patients/**'), page.locator('#nav-tracker').click()]);
const base = new URL(page.url()).pathname.replace(/\/$/, '');
for (const [n, d, k] of [['Prednisone', '20', -40], ['Methotrexate', '15', -20]]) {
  await page.goto(`${base}/medicines`);
  await page.locator('#med-name').fill(n); await page.locator('#med-dose').fill(d);
  if (n === 'Methotrexate') { await page.locator('#med-kind').selectOption('weekly'); await page.locator('#med-day').selectOption('friday'); }
  await page.locator('#med-start').fill(day(k)); await page.locator('#med-submit').click(); await page.locator('#med-saved').waitFor();
}
for (const [o, v] of [[-28, '1400'], [-21, '900'], [-14, '600'], [-7, '350'], [0, '240']]) {
  await page.goto(`${base}/labs`);
  await page.locator('#lab-analyte').selectOption('ck'); await page.locator('#lab-value').fill(v);
  await page.locator('#lab-uln').fill('200'); await page.locator('#lab-date').fill(day(o));
  await page.locator('#lab-submit').click(); await page.locator('#lab-saved').waitFor();
}
for (const o of [-12, -11, -10, -9, -7, -6, -5, -4, -3, -1, 0]) {
  await page.goto(`${base}/diary`);
  await page.locator('#diary-date').fill(day(o));
  await page.locator('#diary-weakness').fill(String(3 + (o % 3 + 3) % 3));
  await page.locator('#diary-fatigue').fill(String(5 + (o % 2)));
  await page.locator('#diary-pain').fill('2');
  await page.locator('#diary-submit').click(); await page.locator('#diary-saved').waitFor();
}
await page.goto(`${base}/labs`);
await page.locator('#lab-chart').screenshot({ path: '/tmp/charts-shot/labs-phone.png' });
await page.goto(`${base}/diary`);
await page.locator('#diary-chart').screenshot({ path: '/tmp/charts-shot/diary-phone.png' });
const desk = await env.newPage({ viewport: { width: 1200, height: 900 }, storageState: await page.context().storageState() });
await desk.goto(`${base}`);
await desk.locator('#charts').screenshot({ path: '/tmp/charts-shot/dash-desktop.png' });
await env.close();
