// A Spanish-speaking patient, on a phone whose browser asks for Spanish: the site answers in
// Spanish from the first page; they sign up, keep a diary entry (with a decimal), read their
// dashboard and open the visit summary and its PDF, all in Spanish with `<html lang="es">` and
// axe clean on every page; then they switch the language by keyboard and the choice is kept on
// their account. Charts (drawn by the tracker library with the page's words) are checked too:
// their ticks, key, table, and the SVG's accessible name and description.
// Element ids: see crates/web/templates/base.html, signup.html, signin.html, tracker_*.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniqueEmail, axeViolations, formatViolations, horizontalOverflow, cspErrors } from './lib/harness.mjs';

let env;
before(async () => { env = await setup(); });
after(async () => { await env?.close(); });

const PASSWORD = 'elefante morado baila despacio';
const PHONE = { viewport: { width: 375, height: 812 }, locale: 'es-ES' };

// Words of the English interface that must not appear on a Spanish page (as whole words, so
// names such as "Myo" or "HAQ-DI" do not count).
const ENGLISH = [
  'Dashboard', 'Diary', 'Save entry', 'Visit summary', 'Sign out', 'Sign in', 'Medical disclaimer',
  'Warning signs', 'How are you today', 'Latest values', 'Monitoring tests', 'Trends', 'Entries',
  'Download as PDF', 'Show summary', 'Symptoms', 'not recorded', 'none yet', 'Create account',
  // The charts' own words.
  'No data yet', 'values as a table', 'Key', 'Date', 'From', 'Diary ratings', 'Reference range',
  'Medicines in this period', 'lowest', 'highest', 'latest', 'values', 'points', 'Home test',
  'Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec',
];

/** The page is Spanish: `<html lang="es">`, no English interface words, axe clean, fits a phone. */
async function spanish(page, what) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'es', `${what}: <html lang>`);
  // The text shown, with every chart's table opened, plus what a screen reader hears of the
  // charts (the SVG's title and description, the key's and table's names).
  const text = await page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('details').forEach((d) => { d.open = true; });
    document.documentElement.appendChild(copy);
    const spoken = [...copy.querySelectorAll('figure.chart title, figure.chart desc')]
      .map((e) => e.textContent)
      .concat([...copy.querySelectorAll('figure.chart [aria-label]')].map((e) => e.getAttribute('aria-label')));
    const t = `${copy.innerText}\n${spoken.join('\n')}`;
    copy.remove();
    return t;
  });
  // The check sees the charts (so it fails if a chart is left out or drawn in English).
  if (await page.locator('figure.chart').count() > 0) {
    assert.ok(/Fecha|Aún no hay datos/.test(text), `${what}: chart words checked:\n${text}`);
  }
  for (const w of ENGLISH) {
    assert.ok(!new RegExp(`\\b${w}\\b`).test(text), `${what}: English "${w}" on the page:\n${text}`);
  }
  const violations = await axeViolations(page);
  assert.deepEqual(violations, [], formatViolations(page.url(), violations));
  assert.ok(await horizontalOverflow(page) <= 0, `${what}: fits a phone`);
  assert.deepEqual(cspErrors(page), [], `${what}: no CSP errors`);
}

test('a Spanish-speaking patient signs up, keeps a diary, reads the dashboard and the summary in Spanish', async () => {
  const page = await env.newPage(PHONE);
  await page.goto('/');
  assert.match(await page.locator('h1').innerText(), /información clara sobre la dermatomiositis/);
  await spanish(page, 'home');

  await page.goto('/signup');
  assert.equal(await page.locator('h1').innerText(), 'Crear una cuenta');
  await spanish(page, 'sign-up');
  // The browser's time zone is shown in Spanish words.
  assert.match(await page.locator('#signup-tz-shown').innerText(), /según este navegador/);
  const email = uniqueEmail('es');
  await page.locator('#signup-email').fill(email);
  await page.locator('#signup-name').fill('Lucía');
  await page.locator('#signup-password').fill(PASSWORD);
  await page.locator('#signup-password-confirm').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/signin**'), page.locator('#signup-submit').click()]);
  assert.match(await page.locator('#notice').innerText(), /^Gracias\./);
  await spanish(page, 'sign-in');
  await page.locator('#signin-email').fill(email);
  await page.locator('#signin-password').fill(PASSWORD);
  await Promise.all([page.waitForURL('**/patients/**'), page.locator('#signin-submit').click()]);
  const base = new URL(page.url()).pathname.replace(/\/$/, '');
  assert.equal(await page.locator('h1').innerText(), 'Resumen');
  await spanish(page, 'empty dashboard');

  // The diary: a rating out of range is refused in Spanish, naming the field.
  await page.goto(`${base}/diary`);
  assert.equal(await page.locator('#diary-form-title').innerText(), '¿Cómo se encuentra hoy?');
  await spanish(page, 'diary');
  await page.locator('#diary-weakness').evaluate((el) => { el.removeAttribute('max'); });
  await page.locator('#diary-weakness').fill('12');
  await page.locator('#diary-submit').click();
  await page.locator('#form-error').waitFor();
  assert.match(await page.locator('#form-error').innerText(), /^No se guardó\./);
  // The refused value is named in Spanish, with the allowed range.
  assert.match(await page.locator('#form-error').innerText(), /Debilidad: 12 está fuera del intervalo \(se admite: de 0 a 10\)/);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');

  // A good entry: a half point shows with the decimal comma.
  await page.locator('#diary-weakness').fill('4.5');
  await page.locator('#diary-fatigue').fill('6');
  await page.locator('#diary-fever input[value="no"]').check();
  await page.locator('#diary-note').fill('Hoy me costó subir las escaleras.');
  await page.locator('#diary-submit').click();
  await page.locator('#diary-saved').waitFor();
  assert.equal(await page.locator('#diary-saved').innerText(), 'Guardado.');
  assert.match(await page.locator('#diary-list').innerText(), /4,5/);
  await spanish(page, 'diary after saving');

  // The dashboard.
  await page.goto(base);
  assert.match(await page.locator('#latest-values').innerText(), /debilidad\s+4,5\/10/);
  assert.match(await page.locator('#dash-title').innerText(), /^De un vistazo/);
  await spanish(page, 'dashboard');

  // The record pages: labs (with a refused value), strength, medicines, conditions, visits,
  // sharing and the FHIR import, each in Spanish.
  await page.goto(`${base}/labs`);
  assert.equal(await page.locator('h1').innerText(), 'Análisis');
  await page.locator('#lab-value').fill('mucho');
  await page.locator('#lab-submit').click();
  await page.locator('#form-error').waitFor();
  assert.match(await page.locator('#form-error').innerText(), /Valor: «mucho» no se puede leer como número/);
  await spanish(page, 'labs');
  for (const [tab, what] of [['strength', 'strength'], ['medicines', 'medicines'], ['conditions', 'conditions'],
    ['visits', 'visits'], ['sharing', 'sharing']]) {
    await page.goto(`${base}/${tab}`);
    await spanish(page, what);
  }
  await page.goto('/import/fhir');
  await spanish(page, 'FHIR import');

  // The visit summary, its print view and its PDF.
  await page.goto(`${base}/summary`);
  assert.equal(await page.locator('h1').innerText(), 'Resumen para la consulta');
  await Promise.all([page.waitForURL('**/summary?**'), page.locator('#summary-submit').click()]);
  await page.locator('#summary').waitFor();
  assert.match(await page.locator('#summary-symptoms').innerText(), /Puntuaciones del diario/);
  assert.match(await page.locator('#summary-days').innerText(), /entrada en el diario/);
  await spanish(page, 'summary');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('#summary-form').isVisible(), false, 'form hidden in print');
  await page.emulateMedia({ media: 'screen' });
  assert.equal(await page.locator('#summary-pdf').innerText(), 'Descargar en PDF');
  const href = await page.locator('#summary-pdf').getAttribute('href');
  const res = await page.request.get(href);
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^application\/pdf/);

  // The switch, by keyboard: English now, kept on the account (not only in this browser).
  await page.locator('#lang-en').focus();
  // The page is already at /summary?…, so waiting for that URL would not wait for the switch:
  // wait for the switch's own POST and then for the page it leads back to.
  await Promise.all([
    page.waitForResponse((r) => new URL(r.url()).pathname === '/lang' && r.request().method() === 'POST'),
    page.keyboard.press('Enter'),
  ]);
  await page.locator('html[lang="en"]').waitFor({ state: 'attached' });
  assert.match(page.url(), /\/summary\?/, 'back on the same page');
  assert.equal(await page.locator('html').getAttribute('lang'), 'en');
  assert.equal(await page.locator('h1').innerText(), 'Visit summary');
  const other = await env.newPage(PHONE);
  await other.goto('/signin');
  assert.equal(await other.locator('html').getAttribute('lang'), 'es', 'a new browser asking for Spanish');
  await other.locator('#signin-email').fill(email);
  await other.locator('#signin-password').fill(PASSWORD);
  await Promise.all([other.waitForURL('**/account'), other.locator('#signin-submit').click()]);
  assert.equal(await other.locator('html').getAttribute('lang'), 'en', 'the account setting wins');
  // And back to Spanish, on the same page.
  await other.locator('#lang-es').focus();
  await Promise.all([other.waitForResponse((r) => r.url().endsWith('/account')), other.keyboard.press('Enter')]);
  await other.waitForLoadState();
  assert.equal(await other.locator('html').getAttribute('lang'), 'es');
  assert.equal(await other.locator('#lang-es').getAttribute('aria-pressed'), 'true', 'the switch says which is on');
});
