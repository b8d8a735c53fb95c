// A Spanish-speaking patient, on a phone whose browser asks for Spanish: the site answers in
// Spanish from the first page; they sign up, keep a diary entry (with a decimal), read their
// dashboard and open the visit summary and its PDF, all in Spanish with `<html lang="es">` and
// axe clean on every page; then they switch the language by keyboard and the choice is kept on
// their account. Charts (drawn by the tracker library with the page's words) are checked too:
// their ticks, key, table, and the SVG's accessible name and description.
// Element ids: see crates/web/templates/base.html, signup.html, signin.html, tracker_*.html.

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, uniqueEmail, newPatient, axeViolations, formatViolations, horizontalOverflow, cspErrors } from './lib/harness.mjs';

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
  // Words made in Rust: form problems and medicine warnings, the visits' measures and score,
  // the summary's medicine lines, the import's headline, notices after an action.
  'allowed', 'not yet verified', 'was recognised as', 'filled in', 'above the highest usual dose',
  'same active ingredient', 'could mean', 'physician global', 'not assessed', 'Baseline',
  'taper step', 'dose changed', 'will be added', 'were refused', 'Sharing ended',
  'There was no active link', 'read only', 'Folic acid',
];

/** The page is Spanish: `<html lang="es">`, no English interface words, axe clean, fits a phone. */
async function spanish(page, what) {
  assert.equal(await page.locator('html').getAttribute('lang'), 'es', `${what}: <html lang>`);
  // The text shown, with every chart's table opened, plus what a screen reader hears of the
  // charts (the SVG's title and description, the key's and table's names).
  const text = await page.evaluate(() => {
    const copy = document.body.cloneNode(true);
    copy.querySelectorAll('details').forEach((d) => { d.open = true; });
    // Text marked as English (a cited paper's title, the switch's "English") is not the page's.
    copy.querySelectorAll('[lang="en"]').forEach((e) => { e.remove(); });
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

test('what Rust makes is Spanish too: medicine checks, visits and their score, the summary\'s medicines, the import, notices', async () => {
  const { page, base } = await newPatient(env, 'es-rust', 'Lucía', PHONE);
  assert.equal(await page.locator('html').getAttribute('lang'), 'es');

  // A form posted and the page it leads to loaded.
  const submit = async (button) => {
    await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), button.click()]);
    await page.waitForLoadState();
  };

  // Medicines: daily methotrexate is refused with the reason, in Spanish.
  await page.goto(`${base}/medicines`);
  const medicine = async (name, dose, kind) => {
    await page.locator('#med-name').fill(name);
    if (dose) await page.locator('#med-dose').fill(dose);
    await page.locator('#med-kind').selectOption(kind);
    await page.locator('#med-start').fill('2026-01-05');
    await submit(page.locator('#med-submit'));
  };
  await medicine('Methotrexate', '15', 'daily');
  await page.locator('#med-error').waitFor();
  assert.match(await page.locator('#med-error').innerText(), /el metotrexato para la miositis se toma una vez a la semana/);
  await spanish(page, 'daily methotrexate refused');
  // A field of another schedule, as a browser without the form's script sends it, is named
  // in Spanish.
  await page.locator('#med-kind').selectOption('taper');
  await page.locator('#med-steps').fill('20 mg durante 7 días');
  await page.evaluate(() => {
    document.querySelectorAll('[data-kinds]').forEach((f) => {
      f.hidden = false;
      f.querySelectorAll('input, select, textarea').forEach((i) => { i.disabled = false; });
    });
    document.getElementById('med-kind').value = 'daily';
  });
  await page.locator('#med-name').fill('Hydroxychloroquine');
  await page.locator('#med-dose').fill('200');
  await page.locator('#med-start').fill('2026-01-05');
  await submit(page.locator('#med-submit'));
  await page.locator('#med-error').waitFor();
  assert.match(await page.locator('#med-error').innerText(), /Pasos de la reducción: está rellenado, pero/);
  await spanish(page, 'field of another schedule');
  await page.goto(`${base}/medicines`);
  // Above the usual range of a guide that is not yet verified: asked in Spanish, decimal comma.
  await medicine('Millipred', '80.5', 'daily');
  await page.locator('#med-confirm').waitFor();
  const confirm = await page.locator('#med-confirm').innerText();
  assert.match(confirm, /80,5 mg al día está por encima de la dosis habitual más alta/);
  assert.match(confirm, /aún no está verificado/);
  await spanish(page, 'dose above the usual range');
  // Weekly methotrexate is saved with the folic-acid suggestion; a taper in Spanish words too.
  await page.goto(`${base}/medicines`);
  await medicine('Methotrexate', '15', 'weekly');
  await page.locator('#med-suggestions').waitFor();
  assert.match(await page.locator('#med-suggestions').innerText(), /El ácido fólico/);
  await spanish(page, 'methotrexate saved');
  await page.locator('#med-kind').selectOption('taper');
  await page.locator('#med-steps').fill('20 mg durante 7 días, luego 12,5 mg durante 7 días');
  await medicine('Prednisone', '', 'taper');
  await page.locator('#med-saved').waitFor();
  await spanish(page, 'taper saved');

  // Visits: two visits, their measures and the score between them.
  await page.goto(`${base}/visits`);
  for (const [date, physician] of [['2026-01-05', '6.5'], ['2026-03-02', '3']]) {
    await page.locator('#visit-date').fill(date);
    await page.locator('#visit-physician').fill(physician);
    await page.locator('#visit-patient').fill('5');
    await submit(page.locator('#visit-submit'));
    await page.locator('#visit-saved').waitFor();
  }
  assert.match(await page.locator('#visit-list').innerText(), /valoración global del médico 6,5\/10/);
  await page.locator('#tis-baseline').selectOption({ index: 0 });
  await page.locator('#tis-followup').selectOption({ index: 1 });
  await Promise.all([page.waitForURL('**/visits?**'), page.locator('#tis-submit').click()]);
  await page.locator('#tis-result').waitFor();
  assert.match(await page.locator('#tis-result').innerText(), /Puntuación total de mejoría/);
  assert.match(await page.locator('#tis-source').innerText(), /^Fuente: Aggarwal/);
  await spanish(page, 'visits and the score');

  // The summary's medicine lines, on the page and in the PDF's words.
  await page.goto(`${base}/summary?from=2026-01-01&to=2026-03-31`);
  await page.locator('#summary-medicines').waitFor();
  assert.match(await page.locator('#summary-medicines').innerText(), /paso de la reducción a 12,5 mg/);
  await spanish(page, 'summary medicines');

  // Sharing: a link, listed in Spanish, then every link ended, with the notice in Spanish.
  await page.goto(`${base}/sharing`);
  await page.locator('#share-section-symptoms').check();
  await submit(page.locator('#share-submit'));
  await page.locator('#new-share-box').waitFor();
  await spanish(page, 'share link made');
  await submit(page.locator('#revoke-all-shares'));
  assert.match(await page.locator('#notice').innerText(), /Se dejó de compartir: se revocó 1 enlace\./);
  await spanish(page, 'sharing ended');

  // The FHIR import's preview headline.
  await page.goto('/import/fhir');
  const obs = (id, date, value) => ({ resource: { resourceType: 'Observation', id, status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '2157-6' }] }, effectiveDateTime: date,
    valueQuantity: { value, unit: 'U/L', system: 'http://unitsofmeasure.org', code: 'U/L' } } });
  await page.locator('#bundle').fill(JSON.stringify({ resourceType: 'Bundle', type: 'collection',
    entry: [obs('a', '2026-01-05', 850), obs('b', '2026-01-06', 90000000)] }));
  await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('#bundle').evaluate((el) => el.form.requestSubmit()),
  ]);
  await page.waitForLoadState();
  await page.locator('#preview-heading').waitFor();
  assert.match(await page.locator('#preview-heading').innerText(), /^Se añadirá este registro; este se rechazó porque/);
  await spanish(page, 'import preview');
});
