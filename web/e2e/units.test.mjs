// Browser tests of the administrative tree page, in headless chromium against a real pcmd with
// the Ninh Bình units, signed in as a viewer (a role that needs no two-step sign-in). Run:
// `node --test web/e2e/` (PCMD_URL to use a running server; see server.mjs).
// PCMD_SCREENSHOTS=DIR also saves phone and desktop screenshots there.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ACCOUNTS, launchBrowser, signIn, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;

let server;
let browser;
/** The viewer's signed-in session (its cookie), shared by the pages of these tests. */
let storageState;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  const context = await browser.newContext({ locale: 'vi-VN' });
  const page = await context.newPage();
  await signIn(page, ACCOUNTS.viewer.username, ACCOUNTS.viewer.password, { url: server.url });
  storageState = await context.storageState();
  await context.close();
});

/** The Cookie header of the viewer's session, for calls from the test itself. */
function sessionCookie() {
  return storageState.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh page (own storage, so Vietnamese is the default) at `path`, with errors collected. */
async function openPage(path, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', storageState });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  await page.goto(server.url + path);
  return { page, context, problems };
}

async function screenshot(page, name) {
  const dir = process.env.PCMD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Types `text` into the search box and waits until the results answer exactly that text. */
async function search(page, text) {
  await page.getByLabel(/^(Tìm đơn vị hành chính|Search administrative units)$/).fill(text);
  await page.waitForFunction(
    (expected) =>
      new URL(window.location.href).searchParams.get('q') === expected &&
      document.querySelector('.search-results')?.getAttribute('aria-busy') === 'false',
    text,
  );
}

async function hasNoHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe('units page', () => {
  test('the search finds Xã Ninh Nhất whatever the case and diacritics', async () => {
    const { page, context, problems } = await openPage('/units');
    for (const text of ['ninh nhat', 'NINH NHẤT', 'Ninh Nhất']) {
      await search(page, text);
      const result = page.getByRole('link', { name: /Xã Ninh Nhất/ });
      assert.equal(await result.count(), 1, `"${text}" should find Xã Ninh Nhất`);
      // The result names where the commune lies.
      assert.match(await result.innerText(), /Thành phố Ninh Bình/);
    }
    assert.equal(new URL(page.url()).searchParams.get('q'), 'Ninh Nhất');

    await page.getByRole('link', { name: /Xã Ninh Nhất/ }).click();
    await page.waitForURL('**/units/14347');
    await page.getByRole('heading', { name: 'Xã Ninh Nhất' }).waitFor();
    await page.getByRole('navigation', { name: 'Đường dẫn đơn vị' }).getByRole('link', { name: 'Tỉnh Ninh Bình' }).waitFor();

    // Back returns to the results of the same search.
    await page.goBack();
    await page.getByRole('link', { name: /Xã Ninh Nhất/ }).waitFor();
    assert.equal(await page.getByLabel('Tìm đơn vị hành chính').inputValue(), 'Ninh Nhất');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the tree descends from the province to a district and its communes', async () => {
    const { page, context, problems } = await openPage('/units');
    await page.getByRole('heading', { name: 'Tỉnh Ninh Bình' }).waitFor();
    const children = page.locator('.unit-children .unit-list > li');
    await children.first().waitFor();
    assert.equal(await children.count(), 8);
    assert.match(await page.locator('.unit-summary').innerText(), /143/);
    await screenshot(page, 'units-desktop');

    await page.getByRole('link', { name: /Huyện Hoa Lư/ }).click();
    await page.waitForURL('**/units/374');
    await page.getByRole('heading', { name: 'Huyện Hoa Lư' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.unit-children .unit-list > li').length === 11);

    await page.getByRole('navigation', { name: 'Đường dẫn đơn vị' }).getByRole('link', { name: 'Tỉnh Ninh Bình' }).click();
    await page.getByRole('heading', { name: 'Tỉnh Ninh Bình' }).waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an unknown unit shows the server message in Vietnamese', async () => {
    const reply = await fetch(`${server.url}/api/units/99999999`, { headers: { Cookie: sessionCookie() } });
    assert.equal(reply.status, 404);
    const { error } = await reply.json();
    const { page, context } = await openPage('/units/99999999');
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), new RegExp(error.message_vi.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    await context.close();
  });

  test('on a 360-pixel phone the tree fits without horizontal scrolling', async () => {
    const { page, context, problems } = await openPage('/units', PHONE);
    await page.getByRole('heading', { name: 'Tỉnh Ninh Bình' }).waitFor();
    await page.locator('.unit-children .unit-list > li').first().waitFor();
    assert.ok(await hasNoHorizontalScroll(page), 'the province page scrolls sideways');
    await screenshot(page, 'units-phone');

    // The navigation hides behind the menu button; a viewer sees only what it may use.
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    assert.equal(await nav.isVisible(), false);
    await page.getByRole('button', { name: 'Danh mục' }).click();
    await nav.getByRole('link', { name: 'Báo cáo định kỳ' }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Tuyên truyền' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Người dùng' }).count(), 0);
    assert.ok(await hasNoHorizontalScroll(page), 'the open menu scrolls sideways');
    await screenshot(page, 'menu-phone');
    await nav.getByRole('link', { name: 'Báo cáo định kỳ' }).click();
    await page.getByRole('heading', { level: 1, name: 'Báo cáo định kỳ' }).waitFor();
    assert.equal(await nav.isVisible(), false);

    await page.goto(`${server.url}/units/376`);
    await page.getByRole('heading', { name: 'Huyện Kim Sơn' }).waitFor();
    await page.locator('.unit-children .unit-list > li').first().waitFor();
    assert.ok(await hasNoHorizontalScroll(page), 'the district page scrolls sideways');

    await search(page, 'ninh');
    await page.getByRole('link', { name: /Xã Ninh Nhất/ }).waitFor();
    assert.ok(await hasNoHorizontalScroll(page), 'the search results scroll sideways');
    await screenshot(page, 'search-phone');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('English replaces the navigation labels and survives a reload', async () => {
    const { page, context, problems } = await openPage('/units');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Đơn vị hành chính' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');

    await page.getByRole('button', { name: 'English' }).click();
    const navEn = page.getByRole('navigation', { name: 'Main navigation' });
    await navEn.getByRole('link', { name: 'Administrative units' }).waitFor();
    await navEn.getByRole('link', { name: 'Reports' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');
    assert.equal(await page.getByRole('button', { name: 'English' }).getAttribute('aria-pressed'), 'true');
    await screenshot(page, 'units-desktop-en');

    await page.reload();
    await navEn.getByRole('link', { name: 'Administrative units' }).waitFor();
    await page.getByLabel('Search administrative units').waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'en');

    await page.getByRole('button', { name: 'Tiếng Việt' }).click();
    await nav.getByRole('link', { name: 'Đơn vị hành chính' }).waitFor();
    assert.equal(await page.getAttribute('html', 'lang'), 'vi');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
