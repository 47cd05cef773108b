// Browser test of the reorganisation page (/units/changes; src/pages/unit-changes-page.tsx with
// src/units/tree-import-form.tsx, pending-changes.tsx, closed-unit-accounts.tsx, api.ts and
// messages.ts), in headless chromium against a real pcmd with Ninh Bình's 2021 units: the
// administrator loads the tree of 1 January 2025 with its change file (data/units), reads the
// report, sees the 18 rows no source settles (11 inferred, 7 unsourced), confirms one, loads the
// same files again and sees that nothing changed, and finds the accounts of the closed units with
// a link to each. A bad line is refused under its file. Run: `node --test web/e2e/unit-changes.test.mjs`
// (PCMD_URL to use a running server; see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { ACCOUNTS, launchBrowser, signIn, startServer } from './server.mjs';

const TIMEOUT_MS = 30_000;
const UNITS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data/units');

/** Accounts bound to units the January 2025 tree closes (never signed in here). */
const CITY = {
  username: 'e2e.tp.ninhbinh',
  password: 'can bo thanh pho 2026',
  role: 'district_officer',
  unit: '369', // Thành phố Ninh Bình: merged into Thành phố Hoa Lư (374)
  displayName: 'Đỗ Văn Thành',
  keepPassword: true,
};
const LANG_PHONG = {
  username: 'e2e.xa.langphong',
  password: 'can bo xa lang phong 2026',
  role: 'commune_officer',
  unit: '14422', // Xã Lạng Phong: abolished, no source names the receiving unit
  displayName: 'Vũ Thị Phong',
  keepPassword: true,
};

let server;
let browser;
let context;
let page;
const problems = [];

function csvFile(name) {
  return { name, mimeType: 'text/csv', buffer: readFileSync(join(UNITS_DIR, name)) };
}

before(async () => {
  server = await startServer({ accounts: [CITY, LANG_PHONG] });
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused import is a 422 the page expects; the browser logs it as a failed resource.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await signIn(page, ACCOUNTS.admin.username, ACCOUNTS.admin.password, { url: server.url });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

async function screenshot(name) {
  const dir = process.env.PCMD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

const heading = (name) => page.getByRole('heading', { level: 1, name });
const importCard = () => page.locator('.tree-import');
const pendingCard = () => page.locator('.pending-changes');
const accountsCard = () => page.locator('.closed-unit-accounts');

/** The value of the report's figure labelled `label` in the part `part` (0: units, 1: change rows). */
async function figure(part, label) {
  const list = importCard().locator('.import-report dl').nth(part);
  const item = list.locator('.stats__item', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) });
  return (await item.locator('dd').textContent()).trim();
}

/** On a fresh page: chooses the January files and the date, and sends them. */
async function importJanuary() {
  await page.goto(`${server.url}/units/changes`);
  await heading('Sắp xếp đơn vị hành chính').waitFor();
  await page.locator('#tree-units-file').setInputFiles(csvFile('ninh-binh-units-2025-01-01.csv'));
  await page.locator('#tree-changes-file').setInputFiles(csvFile('ninh-binh-unit-changes-2025.csv'));
  // Both files read (the hints count their lines) before sending.
  await page.locator('#tree-units-file-hint', { hasText: /133 dòng dữ liệu$/ }).waitFor();
  await page.locator('#tree-changes-file-hint', { hasText: /559 dòng dữ liệu$/ }).waitFor();
  await page.getByLabel('Có hiệu lực từ ngày', { exact: true }).fill('2025-01-01');
  await page.getByRole('button', { name: 'Nạp cây đơn vị', exact: true }).click();
  await importCard().getByRole('heading', { name: 'Kết quả nạp cây từ ngày 01/01/2025' }).waitFor();
}

describe('unit reorganisations', () => {
  test('the administrator finds the page from the units page and the navigation', async () => {
    await page.goto(`${server.url}/units`);
    await heading('Đơn vị hành chính').waitFor();
    await page.getByRole('link', { name: /^Sắp xếp đơn vị hành chính: nạp cây mới/ }).click();
    await heading('Sắp xếp đơn vị hành chính').waitFor();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    assert.equal(await nav.getByRole('link', { name: 'Sắp xếp đơn vị hành chính', exact: true }).getAttribute('aria-current'), 'page');
    await pendingCard().getByText('Không còn thay đổi nào cần xác nhận.').waitFor();
    await accountsCard().getByText('Không có tài khoản nào gắn với đơn vị đã giải thể.').waitFor();
  });

  test('a bad line is refused under its file and nothing is loaded', async () => {
    await page.locator('#tree-units-file').setInputFiles({
      name: 'sai.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('code,name,level,type,parent_code\n37,Tỉnh Ninh Bình,province,Tỉnh,\n14530,Phường Ninh Giang,thôn,Phường,37\n'),
    });
    await page.locator('#tree-units-file-hint', { hasText: /^sai\.csv/ }).waitFor();
    await page.getByRole('button', { name: 'Nạp cây đơn vị', exact: true }).click();
    // The date is asked first, in the browser.
    await importCard().getByText('Hãy nhập ngày có hiệu lực.').waitFor();
    await page.getByLabel('Có hiệu lực từ ngày', { exact: true }).fill('2025-01-01');
    await page.getByRole('button', { name: 'Nạp cây đơn vị', exact: true }).click();
    const error = page.locator('#tree-units-file-error');
    await error.getByText(/^Dòng 3, cột level: /).waitFor();
    await importCard().getByText('Chưa nạp gì: hãy sửa các lỗi được nêu dưới các ô rồi gửi lại.').waitFor();
    assert.equal(await page.locator('#tree-units-file').getAttribute('aria-invalid'), 'true');
    await screenshot('unit-changes-refused');
    // The tree of 2021 is still the tree of today: Thành phố Ninh Bình is open.
    const city = await page.evaluate(async () => (await fetch('/api/units/369')).json());
    assert.equal(city.valid_to, null);
  });

  test('the January 2025 tree and its change rows load once; 18 rows wait for an officer', async () => {
    await importJanuary();
    await importCard().getByText('Đã nạp xong.', { exact: true }).waitFor();
    assert.equal(await figure(0, 'Thêm mới'), '0');
    assert.equal(await figure(0, 'Thay đổi'), '22');
    assert.equal(await figure(0, 'Ngừng hoạt động'), '19');
    assert.equal(await figure(0, 'Giữ nguyên'), '111');
    assert.equal(await figure(1, 'Ghi mới'), '152');
    assert.equal(await figure(1, 'Cần xác nhận'), '18');

    await pendingCard().getByText('18 thay đổi cần xác nhận', { exact: true }).waitFor();
    const rows = pendingCard().locator('.pending-change');
    assert.equal(await rows.count(), 18);
    assert.equal(await rows.filter({ has: page.locator('.badge', { hasText: /^Suy luận$/ }) }).count(), 11);
    assert.equal(await rows.filter({ has: page.locator('.badge', { hasText: /^Chưa có nguồn$/ }) }).count(), 7);
    const ninhXuan = rows.filter({ hasText: 'Xã Ninh Xuân (14545)' });
    await ninhXuan.getByText('Chưa rõ đơn vị tiếp nhận').waitFor();
    const inferred = rows.filter({ hasText: 'Xã Ninh Hải (14548)' });
    await inferred.getByText('same name as new unit').waitFor();
    await screenshot('unit-changes-imported');
  });

  test('the officer confirms a row with the unit that received it', async () => {
    const row = pendingCard().locator('.pending-change').filter({ hasText: 'Xã Ninh Xuân (14545)' });
    // Confirming without choosing is refused in the browser.
    await row.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await row.getByText('Hãy chọn đơn vị tiếp nhận.').waitFor();
    const select = row.getByLabel('Đơn vị tiếp nhận', { exact: true });
    await select.locator('option', { hasText: 'Phường Ninh Giang (14530)' }).waitFor({ state: 'attached' });
    // The units valid on 1 January 2025: the new names, not the closed units.
    assert.equal(await select.locator('option', { hasText: 'Phường Ninh Giang (14530)' }).count(), 1);
    assert.equal(await select.locator('option', { hasText: 'Xã Ninh Xuân (14545)' }).count(), 0);
    await select.selectOption('14551');
    await row.getByRole('button', { name: 'Xác nhận', exact: true }).click();
    await pendingCard().getByText('Đã xác nhận: Xã Ninh Xuân (14545) → Xã Ninh Hải (14551).').waitFor();
    await pendingCard().getByText('17 thay đổi cần xác nhận', { exact: true }).waitFor();
    assert.equal(await pendingCard().locator('.pending-change').filter({ hasText: 'Xã Ninh Xuân (14545)' }).count(), 0);
  });

  test('loading the same files again changes nothing', async () => {
    await importJanuary();
    await importCard().getByText('Cây đơn vị và các thay đổi này đã có sẵn: không có gì thay đổi.').waitFor();
    assert.equal(await figure(0, 'Thay đổi'), '0');
    assert.equal(await figure(0, 'Ngừng hoạt động'), '0');
    assert.equal(await figure(0, 'Giữ nguyên'), '133');
    assert.equal(await figure(1, 'Ghi mới'), '0');
    assert.equal(await figure(1, 'Đã ghi từ trước'), '152');
    await pendingCard().getByText('17 thay đổi cần xác nhận', { exact: true }).waitFor();
  });

  test('the accounts of closed units link to their pages', async () => {
    await accountsCard().getByText('2 tài khoản cần chuyển đơn vị', { exact: true }).waitFor();
    const city = accountsCard().getByRole('link', { name: `Chuyển đơn vị cho ${CITY.displayName}` });
    await city.getByText('Thành phố Ninh Bình (369), ngừng từ 01/01/2025').waitFor();
    await city.getByText('Đơn vị kế thừa: Thành phố Hoa Lư (374)').waitFor();
    const commune = accountsCard().getByRole('link', { name: `Chuyển đơn vị cho ${LANG_PHONG.displayName}` });
    await commune.getByText('Chưa xác định đơn vị kế thừa (xem các thay đổi cần xác nhận).').waitFor();

    // At 360 px nothing scrolls sideways.
    await page.setViewportSize({ width: 360, height: 740 });
    assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), 'the page scrolls sideways at 360 px');
    await screenshot('unit-changes-phone');
    await page.setViewportSize({ width: 1280, height: 900 });

    await city.click();
    await heading(CITY.displayName).waitFor();
    assert.deepEqual(problems, []);
  });

  test('other roles neither see nor open the page', async () => {
    const viewerContext = await browser.newContext({ locale: 'vi-VN' });
    const viewer = await viewerContext.newPage();
    viewer.setDefaultTimeout(TIMEOUT_MS);
    await signIn(viewer, ACCOUNTS.viewer.username, ACCOUNTS.viewer.password, { url: server.url });
    await viewer.goto(`${server.url}/units`);
    await viewer.getByRole('heading', { level: 1, name: 'Đơn vị hành chính' }).waitFor();
    assert.equal(await viewer.getByRole('link', { name: /Sắp xếp đơn vị hành chính/ }).count(), 0);
    await viewer.goto(`${server.url}/units/changes`);
    await viewer.getByRole('heading', { level: 1, name: 'Không có quyền truy cập' }).waitFor();
    await viewerContext.close();
  });
});
