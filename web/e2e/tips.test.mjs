// Browser tests of the tips pages (docs/contract.md, "Tips, denunciations and complaints"), in
// headless chromium against a real pcmd: an intake officer of the province receives a tip at Xã
// Ninh Nhất with the denouncer's identity (the form says it is stored encrypted, apart), sees it
// on the tip page, verifies (a second tab that read the older version is told and reloads), classifies and assigns it to an inspector of the city; the inspector
// signs in, sees the notification in the header, opens the tip through it and records the
// handling; the intake officer closes it as substantiated and finds it "Đúng hạn" in the list and
// counted as handled on time in the T8 summary. The inspector never sees the denouncer's name or
// phone on any page.
// Run: `node --test web/e2e/tips.test.mjs` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiSignIn, enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;

/** An intake officer of Ninh Bình (37): receives tips and reads the denouncers. */
const INTAKE = {
  username: 'e2e.tiepnhan',
  password: 'tiep nhan tin bao 2026',
  role: 'intake_officer',
  unit: '37',
  displayName: 'Ngô Thị Nhận',
  keepPassword: true,
};

/** An inspector of Thành phố Ninh Bình (369), above Xã Ninh Nhất: may be assigned its tips. */
const INSPECTOR = {
  username: 'e2e.xuly',
  password: 'can bo xu ly tin bao 2026',
  role: 'inspector',
  unit: '369',
  displayName: 'Đinh Văn Lý',
  keepPassword: true,
};

const SECRET_NAME = 'Trần Văn Bí Mật';
const SECRET_PHONE = '0987111222';
const CONTENT = 'Phản ánh có hoạt động môi giới mại dâm tại nhà nghỉ vào buổi tối';

let server;
let browser;
let intake;
let inspector;
let inspectorId;
let inspectorTotp;
let tipPath;
const problems = [];

async function newPage() {
  const context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused calls (the assignable accounts an intake officer may not list) log their status.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  return page;
}

before(async () => {
  server = await startServer({ accounts: [INTAKE, INSPECTOR] });
  inspectorId = (await apiSignIn(server.url, INSPECTOR.username, INSPECTOR.password)).session.user.id;
  assert.ok(inspectorId);
  const intakeTotp = await enrolTotp(server.url, INTAKE);
  inspectorTotp = await enrolTotp(server.url, INSPECTOR);
  browser = await launchBrowser();
  intake = await newPage();
  await signIn(intake, INTAKE.username, INTAKE.password, { url: server.url, totpSecret: intakeTotp.secret, usedStep: intakeTotp.step });
});

after(async () => {
  await intake?.context().close();
  await inspector?.context().close();
  await browser?.close();
  await server?.stop();
});

async function screenshot(page, name) {
  const dir = process.env.PCMD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

/** Checks that nothing scrolls sideways at phone width, saving screenshots at both widths. */
async function bothWidths(page, name) {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} scrolls sideways at 360 px`);
  await screenshot(page, `${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await screenshot(page, `${name}-desktop`);
}

const heading = (page, name) => page.getByRole('heading', { level: 1, name });

async function pickUnit(page, label, search, name) {
  const picker = page.locator('.field').filter({ has: page.getByText(label, { exact: true }) }).first();
  const change = picker.getByRole('button', { name: 'Chọn đơn vị khác' });
  if (await change.count()) await change.click();
  await page.getByLabel(label, { exact: true }).fill(search);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await picker.locator('.unit-picked__name', { hasText: name }).waitFor();
}

/** Runs a workflow step from the tip page and waits for the new status. */
async function step(page, button, fill, status) {
  await page.locator('.tip-actions').getByRole('button', { name: button, exact: true }).click();
  if (fill) await fill();
  await page.getByRole('button', { name: `Xác nhận: ${button}` }).click();
  await page.locator('.tip-status', { hasText: status }).waitFor();
  await page.getByText('Đã cập nhật tin báo.').waitFor();
}

async function assertNoIdentity(page, where) {
  const text = await page.locator('body').innerText();
  assert.ok(!text.includes(SECRET_NAME), `${where} shows the denouncer's name`);
  assert.ok(!text.includes(SECRET_PHONE), `${where} shows the denouncer's phone`);
}

describe('tips', () => {
  test('an intake officer receives a tip with the denouncer’s identity', async () => {
    const page = intake;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tin báo, tố giác', exact: true }).click();
    await heading(page, 'Tin báo, tố giác').waitFor();
    await page.locator('.tips-summary').waitFor();
    await page.getByRole('link', { name: 'Tiếp nhận tin báo' }).click();
    await heading(page, 'Tiếp nhận tin báo').waitFor();
    await pickUnit(page, 'Đơn vị tiếp nhận', 'ninh nhat', 'Xã Ninh Nhất');
    await page.getByLabel('Nguồn tiếp nhận').selectOption('hotline');
    await page.getByLabel('Loại tin báo').selectOption('denunciation');
    assert.match(await page.getByLabel('Thời điểm tiếp nhận').inputValue(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await page.getByLabel('Nội dung tin báo').fill(CONTENT);
    await page.getByLabel('Địa điểm xảy ra').fill('Nhà nghỉ Bến Sông, thôn Đông');
    // The identity block says where it goes, and hides for an anonymous tip.
    await page.getByText('Thông tin này được mã hoá và lưu riêng', { exact: false }).waitFor();
    await page.getByLabel('Người báo tin không cho biết danh tính (nặc danh)').check();
    assert.equal(await page.getByLabel('Họ và tên').count(), 0);
    await page.getByLabel('Người báo tin không cho biết danh tính (nặc danh)').uncheck();
    await page.getByLabel('Họ và tên').fill(SECRET_NAME);
    await page.getByLabel('Số CCCD/CMND').fill('038090001234');
    await page.getByLabel('Số điện thoại').fill(SECRET_PHONE);
    await bothWidths(page, 'tip-new');
    await page.getByRole('button', { name: 'Lưu tin báo' }).click();
    await page.getByText('Đã tiếp nhận tin báo.').waitFor();
    tipPath = new URL(page.url()).pathname;
    assert.match(tipPath, /^\/tips\/[0-9a-f-]{36}$/);
    await page.locator('.tip-status', { hasText: 'Mới tiếp nhận' }).waitFor();
    await page.locator('.tips-denouncer--view').getByText(SECRET_NAME).waitFor();
    await page.locator('.tip-timeline').getByText('Tiếp nhận').first().waitFor();
    assert.deepEqual(problems, []);
  });

  test('the intake officer verifies, classifies and assigns it to the inspector', async () => {
    const page = intake;
    // A second tab read the tip before the verification: its step is refused and it reloads.
    const other = await page.context().newPage();
    await other.goto(`${server.url}${tipPath}`);
    await other.locator('.tip-status', { hasText: 'Mới tiếp nhận' }).waitFor();
    await step(page, 'Xác minh', () => page.getByLabel('Ghi chú').fill('Đã gọi lại người báo tin'), 'Đã xác minh');
    await other.locator('.tip-actions').getByRole('button', { name: 'Xác minh', exact: true }).click();
    await other.getByRole('button', { name: 'Xác nhận: Xác minh' }).click();
    await other.getByText('Tin báo vừa được người khác cập nhật').waitFor();
    await other.locator('.tip-status', { hasText: 'Đã xác minh' }).waitFor();
    await other.close();
    await step(page, 'Phân loại', () => page.getByLabel('Loại tin báo').selectOption('crime_report'), 'Đã phân loại');
    await page.locator('.tip-facts').getByText('20 ngày kể từ ngày tiếp nhận').waitFor();
    await step(
      page,
      'Giao xử lý',
      async () => {
        // The accounts a tip of this unit may be assigned to (GET /api/tips/assignable-accounts).
        const assignee = page.getByLabel('Người được giao', { exact: true });
        await assignee.locator(`option[value="${inspectorId}"]`).waitFor({ state: 'attached' });
        await assignee.selectOption(inspectorId);
      },
      'Đã giao xử lý',
    );
    await page.locator('.tip-timeline').getByText('Giao xử lý').waitFor();
    await bothWidths(page, 'tip-assigned');
    assert.deepEqual(problems, []);
  });

  test('the inspector sees the notification, opens the tip and handles it, never seeing the denouncer', async () => {
    inspector = await newPage();
    const page = inspector;
    await signIn(page, INSPECTOR.username, INSPECTOR.password, { url: server.url, totpSecret: inspectorTotp.secret, usedStep: inspectorTotp.step });
    const bell = page.getByRole('link', { name: 'Tin báo được giao: 1' });
    await bell.waitFor();
    await bell.click();
    await heading(page, 'Tin báo, tố giác').waitFor();
    await page.getByText('Đang xem các tin báo được giao cho bạn.').waitFor();
    await page.locator('.tips-table tbody tr').first().waitFor();
    assert.equal(await page.locator('.tips-table tbody tr').count(), 1);
    await page.locator('.tips-table tbody tr').first().getByText('Đinh Văn Lý').waitFor();
    await assertNoIdentity(page, 'the inspector’s list');
    await page.locator('.tips-table tbody tr a').first().click();
    await page.locator('.tip-status', { hasText: 'Đã giao xử lý' }).waitFor();
    assert.equal(new URL(page.url()).pathname, tipPath);
    assert.equal(await page.locator('.tips-denouncer').count(), 0);
    // Only the handling is offered.
    assert.deepEqual(await page.locator('.tip-actions__buttons button').allInnerTexts(), ['Ghi kết quả xử lý']);
    await assertNoIdentity(page, 'the inspector’s tip page');
    await step(page, 'Ghi kết quả xử lý', () => page.getByLabel('Kết quả xử lý', { exact: true }).fill('Đã kiểm tra nhà nghỉ, lập biên bản vi phạm'), 'Đã xử lý');
    await page.locator('.tip-facts .badge', { hasText: 'Đúng hạn' }).waitFor();
    await assertNoIdentity(page, 'the inspector’s tip page after handling');
    await bothWidths(page, 'tip-inspector');
    await page.goto(`${server.url}/tips`);
    await page.locator('.tips-table tbody tr').first().waitFor();
    await assertNoIdentity(page, 'the inspector’s list after handling');
    // The tip has gone from the notifications.
    assert.equal(await page.locator('.tips-bell').count(), 0);
    assert.deepEqual(problems, []);
  });

  test('the intake officer closes it and sees it handled on time in the list and the summary', async () => {
    const page = intake;
    await page.goto(`${server.url}${tipPath}`);
    await page.locator('.tip-status', { hasText: 'Đã xử lý' }).waitFor();
    await step(page, 'Kết thúc', () => page.getByLabel('Kết quả', { exact: true }).selectOption('substantiated'), 'Đã kết thúc');
    await page.locator('.tip-facts .badge', { hasText: 'Đúng hạn' }).waitFor();
    assert.equal(await page.locator('.tip-actions__buttons button').count(), 0);
    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await heading(page, 'Tin báo, tố giác').waitFor();
    const row = page.locator('.tips-table tbody tr').first();
    await row.locator('.badge', { hasText: 'Đúng hạn' }).waitFor();
    await row.getByText('Đã kết thúc').waitFor();
    const onTime = page.locator('.tips-summary__cell[data-key="handled_on_time"] dd');
    assert.equal((await onTime.innerText()).trim(), '1');
    assert.equal((await page.locator('.tips-summary__cell[data-key="received"] dd').innerText()).trim(), '1');
    assert.equal((await page.locator('.tips-summary__cell[data-key="handled_late"] dd').innerText()).trim(), '0');
    await bothWidths(page, 'tips-list');
    assert.deepEqual(problems, []);
  });
});
