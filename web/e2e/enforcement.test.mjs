// Browser tests of the enforcement records (docs/contract.md, "Enforcement records"), in headless
// chromium against a real pcmd: a province officer finds the kinds under "Kiểm tra", creates an
// establishment at Xã Ninh Nhất, starts a second one with the same registration number (written
// differently) and sees the panel of likely duplicates naming the first, is refused on saving,
// confirms it is another establishment and saves; then merges the second into the first and lands
// on the first; then records an inspection of it, choosing a team member (an inspector of the
// city, added for the test) from the checklist, and sees the member's name on the record and in
// the list. The establishment's page shows "Tình hình kiểm tra và mức độ rủi ro" (not inspected
// this year, a risk badge; after the inspection its year and date) and the list a risk column;
// both stay silent when the status call is refused, and a peer educator (the support world, who
// reads establishments but not their inspections) gets no status.
// Run: `node --test web/e2e/enforcement.test.mjs` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37). */
const OFFICER = {
  username: 'e2e.kiemtra',
  password: 'kiem tra cap tinh 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Vũ Thị Tỉnh',
  keepPassword: true,
};

/** An inspector of Thành phố Ninh Bình (369), whom an inspection at Xã Ninh Nhất may name. */
const INSPECTOR = {
  username: 'e2e.thanhtra',
  password: 'doan kiem tra thanh pho 2026',
  role: 'inspector',
  unit: '369',
  displayName: 'Đỗ Văn Tra',
  keepPassword: true,
};

/** A peer educator of Ninh Bình: reads establishments, never their inspection history. */
const PEER = {
  username: 'e2e.dongdang',
  password: 'tuyen truyen vien dong dang 2026',
  role: 'peer_educator',
  unit: '37',
  displayName: 'Hà Thị Đẳng',
  keepPassword: true,
};

const THIS_YEAR = new Date().getFullYear();
const STATUS_TITLE = 'Tình hình kiểm tra và mức độ rủi ro';

const ESTABLISHMENTS = 'Cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm';
const INSPECTIONS = 'Kiểm tra cơ sở';
const FIRST = 'Karaoke Hoa Mai';
const SECOND = 'Karaoke Mai Hoa mới';

let server;
let browser;
let context;
let page;
let peerTotp;
const problems = [];
const duplicateAsks = [];

before(async () => {
  server = await startServer({ accounts: [OFFICER, INSPECTOR, PEER] });
  const { secret, step } = await enrolTotp(server.url, OFFICER);
  peerTotp = await enrolTotp(server.url, PEER);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The refused save of these tests logs its 422 reply.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/establishments/duplicates') duplicateAsks.push(Object.fromEntries(url.searchParams));
  });
  await signIn(page, OFFICER.username, OFFICER.password, { url: server.url, totpSecret: secret, usedStep: step });
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

/** Saves a screenshot at phone width (checking that nothing scrolls sideways) and at desktop width. */
async function bothWidths(name) {
  await page.setViewportSize(PHONE);
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} scrolls sideways at 360 px`);
  await screenshot(`${name}-phone`);
  await page.setViewportSize(DESKTOP);
  await screenshot(`${name}-desktop`);
}

const heading = (name) => page.getByRole('heading', { level: 1, name });

/** Calls the API with the page's own session. */
function pageApi(method, path) {
  return page.evaluate(
    async ({ method, path }) => {
      const reply = await fetch(path, { method });
      return { status: reply.status, body: await reply.json() };
    },
    { method, path },
  );
}

async function pickUnit(label, search, name) {
  const picker = page.locator('.field').filter({ has: page.getByText(label, { exact: true }) }).first();
  const change = picker.getByRole('button', { name: 'Chọn đơn vị khác' });
  if (await change.count()) await change.click();
  await page.getByLabel(label, { exact: true }).fill(search);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await picker.locator('.unit-picked__name', { hasText: name }).waitFor();
}

/** Picks a record in a record picker by typing part of its title. */
async function pickRecord(label, search, title) {
  await page.getByLabel(label, { exact: true }).fill(search);
  await page.locator('.unit-option', { hasText: title }).first().click();
  await page.locator('.unit-picked__name', { hasText: title }).waitFor();
}

/** Opens the list of a kind under "Kiểm tra", then its new-record form. */
async function openNewForm(kind) {
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Kiểm tra', exact: true }).click();
  await heading('Kiểm tra').waitFor();
  await page.getByRole('main').getByRole('link', { name: new RegExp(`^${kind}`) }).click();
  await heading(kind).waitFor();
  await page.getByRole('link', { name: 'Thêm mới' }).click();
  await heading(`Thêm mới: ${kind}`).waitFor();
}

async function fillEstablishment({ date, name, address, registration }) {
  await pickUnit('Đơn vị', 'ninh nhat', 'Xã Ninh Nhất');
  await page.getByLabel('Ngày đưa vào danh sách theo dõi').fill(date);
  await page.getByLabel('Tên cơ sở').fill(name);
  await page.getByLabel('Loại hình kinh doanh').selectOption({ label: 'Karaoke' });
  await page.getByLabel('Địa chỉ').fill(address);
  await page.getByLabel('Số giấy chứng nhận đăng ký kinh doanh').fill(registration);
}

describe('enforcement records', () => {
  let firstPath;
  let secondPath;

  test('an establishment is created at Xã Ninh Nhất through the form under “Kiểm tra”', async () => {
    await openNewForm(ESTABLISHMENTS);
    await fillEstablishment({ date: '2021-03-01', name: FIRST, address: 'Số 12, thôn Đông, xã Ninh Nhất', registration: '27A8-001234' });
    await page.getByLabel('Ngày bắt đầu hoạt động').focus(); // leaves the registration number: nothing like it yet
    await page.waitForTimeout(800);
    assert.equal(await page.locator('.duplicates').count(), 0);
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading(`${ESTABLISHMENTS}, 01/03/2021`).waitFor();
    await page.getByText('Đã lưu bản ghi mới.').waitFor();
    firstPath = new URL(page.url()).pathname;
    assert.match(firstPath, /^\/inspections\/establishments\/[0-9a-f-]{36}$/);
    await page.locator('.record-card .facts dd', { hasText: 'Xã Ninh Nhất (14347)' }).waitFor();
    // The province officer may change it: the record page offers it.
    await page.getByRole('button', { name: 'Gộp vào cơ sở khác' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('the establishment’s page shows its inspection status and risk; the list shows the risk level', async () => {
    await page.goto(`${server.url}${firstPath}`);
    const panel = page.locator('.status-panel');
    await panel.getByRole('heading', { name: STATUS_TITLE }).waitFor();
    await panel.getByText('Chưa kiểm tra trong năm', { exact: true }).waitFor();
    assert.equal(await panel.getByLabel('Năm').inputValue(), String(THIS_YEAR));
    const everRow = panel.locator('.facts__row').filter({ has: page.getByText('Đã từng được kiểm tra (từ năm 2021)', { exact: true }) });
    await everRow.locator('dd', { hasText: 'Chưa từng' }).waitFor();
    const lastRow = panel.locator('.facts__row').filter({ has: page.getByText('Lần kiểm tra gần nhất', { exact: true }) });
    await lastRow.locator('dd', { hasText: 'Chưa có' }).waitFor();
    const badge = panel.locator('.status-risk');
    await badge.waitFor();
    assert.match(await badge.textContent(), /^(Thấp|Trung bình|Cao)$/);
    assert.match(await badge.getAttribute('class'), /badge--(ok|warn|danger)/);
    // The panel says what the server says.
    const reply = await pageApi('GET', `/api/establishments/${firstPath.split('/').at(-1)}/status`);
    assert.equal(reply.status, 200);
    assert.equal(reply.body.is_inspected_this_year, false);
    const level = { low: 'Thấp', medium: 'Trung bình', high: 'Cao' }[reply.body.risk_level];
    assert.equal(await badge.textContent(), level);
    for (const reason of reply.body.risk_reasons) await panel.getByText(reason.message_vi, { exact: false }).first().waitFor();
    await bothWidths('establishment-status');

    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await heading(ESTABLISHMENTS).waitFor();
    const table = page.locator('.records-table');
    await table.getByRole('columnheader', { name: 'Mức độ rủi ro' }).waitFor();
    assert.equal(await table.locator('tbody tr', { hasText: FIRST }).locator('.status-risk').textContent(), level);
    assert.deepEqual(problems, []);
  });

  test('a refused status call shows no panel, no error and no risk column', async () => {
    const refuse = (route) =>
      route.fulfill({
        status: 403,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'forbidden', message_vi: 'Không có quyền', message_en: 'Forbidden' } }),
      });
    await page.route('**/api/establishments/*/status*', refuse);
    await page.route('**/api/establishment-status*', refuse);
    try {
      await page.goto(`${server.url}${firstPath}`);
      await page.getByRole('heading', { name: 'Lịch sử thay đổi' }).waitFor();
      await page.locator('.record-card').waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.locator('.status-panel').count(), 0);
      assert.equal(await page.locator('.notice--error').count(), 0);
      await page.getByRole('link', { name: 'Về danh sách' }).click();
      await heading(ESTABLISHMENTS).waitFor();
      await page.locator('.records-table').getByRole('link', { name: FIRST }).waitFor();
      await page.waitForTimeout(300);
      assert.equal(await page.getByRole('columnheader', { name: 'Mức độ rủi ro' }).count(), 0);
      assert.equal(await page.locator('.notice--error').count(), 0);
    } finally {
      await page.unroute('**/api/establishments/*/status*', refuse);
      await page.unroute('**/api/establishment-status*', refuse);
    }
    assert.deepEqual(problems, []);
  });

  test('a second one with the same registration number shows the likely duplicate; confirmed, it is saved', async () => {
    await openNewForm(ESTABLISHMENTS);
    await fillEstablishment({ date: '2022-01-01', name: SECOND, address: 'Thôn Tây, xã Ninh Nhất', registration: '27a8 001234' });
    await page.getByLabel('Ngày bắt đầu hoạt động').focus(); // leaving the field asks the server
    const panel = page.locator('.duplicates');
    await panel.getByRole('heading', { name: 'Có thể trùng với cơ sở đã có' }).waitFor();
    const link = panel.getByRole('link', { name: new RegExp(`^${FIRST}`) });
    assert.equal(await link.getAttribute('href'), firstPath);
    assert.equal(await link.getAttribute('target'), '_blank');
    await panel.getByText('Số 12, thôn Đông, xã Ninh Nhất').waitFor();
    await panel.getByText('27A8-001234').waitFor();
    await panel.getByText('Giống ở: Số giấy chứng nhận đăng ký kinh doanh').waitFor();
    const ask = duplicateAsks.at(-1);
    assert.equal(ask.unit, '14347');
    assert.equal(ask.registration_number, '27a8 001234');
    await bothWidths('establishment-duplicates');

    // Saved without confirming: the server refuses it as a likely duplicate; nothing is stored.
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Chưa lưu: máy chủ thấy bản ghi này có thể trùng với bản ghi đã có.', { exact: false }).waitFor();
    await page.locator('.field--invalid').getByText('Có thể trùng với bản ghi đã có', { exact: false }).first().waitFor();
    assert.equal(await heading(`Thêm mới: ${ESTABLISHMENTS}`).count(), 1);
    assert.equal((await pageApi('GET', '/api/establishments')).body.total, 1);

    await page.getByLabel('Đây là cơ sở khác, vẫn lưu').check();
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading(`${ESTABLISHMENTS}, 01/01/2022`).waitFor();
    await page.getByText('Đã lưu bản ghi mới.').waitFor();
    secondPath = new URL(page.url()).pathname;
    assert.notEqual(secondPath, firstPath);
    assert.equal((await pageApi('GET', '/api/establishments')).body.total, 2);
    assert.deepEqual(problems, []);
  });

  test('the second is merged into the first, and the page lands on the first', async () => {
    await page.getByRole('button', { name: 'Gộp vào cơ sở khác' }).click();
    const panel = page.locator('.merge');
    await panel.getByRole('heading', { name: 'Gộp vào cơ sở khác' }).waitFor();
    await panel.getByText('cơ sở đã có ở Xã Ninh Nhất', { exact: false }).waitFor();
    await pickRecord('Cơ sở giữ lại', 'hoa mai', FIRST);
    // Only the other establishments of the commune were offered, never itself.
    await panel.getByText(`Gộp “${SECOND}” vào “${FIRST}”?`, { exact: false }).waitFor();
    await panel.getByText('Không thể hoàn tác.', { exact: false }).waitFor();
    await bothWidths('establishment-merge');
    await panel.getByRole('button', { name: 'Gộp vào cơ sở này' }).click();
    await page.waitForURL((url) => url.pathname === firstPath);
    await heading(`${ESTABLISHMENTS}, 01/03/2021`).waitFor();
    await page.getByText('Đã gộp cơ sở trùng vào cơ sở này', { exact: false }).waitFor();
    await page.locator('.record-card .facts').getByText(FIRST, { exact: true }).waitFor();
    assert.equal((await pageApi('GET', `/api${secondPath.replace(/^\/inspections/, '')}`)).status, 404);
    assert.equal((await pageApi('GET', '/api/establishments')).body.total, 1);
    assert.deepEqual(problems, []);
  });

  test('an inspection names a team member chosen from the list, shown by name on the record and in the list', async () => {
    await openNewForm(INSPECTIONS);
    const team = page.locator('fieldset.accounts-field');
    await team.getByText('Hãy chọn đơn vị trước', { exact: false }).waitFor();
    await pickUnit('Đơn vị', 'ninh nhat', 'Xã Ninh Nhất');
    await page.getByLabel('Ngày kiểm tra').fill('2024-04-10');
    await pickRecord('Cơ sở được kiểm tra', 'hoa mai', FIRST);
    await page.getByLabel('Số quyết định, kế hoạch kiểm tra').fill('15/QĐ-ĐKT');
    await page.getByLabel('Cơ quan chủ trì').selectOption({ label: 'Đoàn kiểm tra liên ngành' });
    // The city's inspector is offered, by name and role; so is the officer (who reads every inspection).
    const member = team.getByRole('checkbox', { name: /^Đỗ Văn Tra/ });
    await member.waitFor();
    await team.getByText('Thành viên đoàn kiểm tra liên ngành / công an').waitFor();
    await team.getByRole('checkbox', { name: /^Vũ Thị Tỉnh/ }).waitFor();
    await team.getByText('Chưa chọn ai.').waitFor();
    await member.check();
    await team.getByText('Đã chọn 1 người.').waitFor();
    await page.getByLabel('Kết quả kiểm tra').selectOption({ label: 'Chấp hành tốt' });
    await bothWidths('inspection-form');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading(`${INSPECTIONS}, 10/04/2024`).waitFor();
    await page.getByText('Đã lưu bản ghi mới.').waitFor();
    const facts = page.locator('.record-card .facts');
    const row = facts.locator('.facts__row').filter({ has: page.getByText('Thành viên đoàn kiểm tra', { exact: true }) });
    await row.locator('dd').getByText('Đỗ Văn Tra', { exact: true }).waitFor();
    await facts.getByRole('link', { name: FIRST }).waitFor();
    await bothWidths('inspection-page');

    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await heading(INSPECTIONS).waitFor();
    await page.locator('.records-table').getByText('Đỗ Văn Tra', { exact: true }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('after the inspection the status shows its year and date; choosing 2024 says it was inspected then', async () => {
    await page.goto(`${server.url}${firstPath}`);
    const panel = page.locator('.status-panel');
    const row = (label) => panel.locator('.facts__row').filter({ has: page.getByText(label, { exact: true }) }).locator('dd');
    await row('Lần kiểm tra gần nhất').getByText('10/04/2024', { exact: true }).waitFor();
    await row('Các năm đã kiểm tra').getByText('2024', { exact: true }).waitFor();
    await row('Đã từng được kiểm tra (từ năm 2021)').getByText('Có', { exact: true }).waitFor();
    if (THIS_YEAR !== 2024) await panel.getByText('Chưa kiểm tra trong năm', { exact: true }).waitFor();
    await panel.getByLabel('Năm').selectOption('2024');
    await panel.getByText('Đã kiểm tra trong năm', { exact: true }).waitFor();
    await panel.locator('.status-risk').waitFor();
    assert.deepEqual(problems, []);
  });

  test('a peer educator (support world) reads the establishment but gets no inspection status', async () => {
    const peerContext = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN' });
    try {
      const peer = await peerContext.newPage();
      peer.setDefaultTimeout(TIMEOUT_MS);
      const peerProblems = [];
      peer.on('pageerror', (error) => peerProblems.push(`page error: ${error.message}`));
      await signIn(peer, PEER.username, PEER.password, { url: server.url, totpSecret: peerTotp.secret, usedStep: peerTotp.step });
      const id = firstPath.split('/').at(-1);
      const call = (path) => peer.evaluate(async (path) => (await fetch(path)).status, path);
      assert.equal(await call(`/api/establishments/${id}`), 200);
      // Refused, as 403 or as 404 (the server may not say that the route exists for the role).
      assert.ok([403, 404].includes(await call(`/api/establishments/${id}/status?year=${THIS_YEAR}`)));
      assert.ok([403, 404].includes(await call(`/api/establishment-status?year=${THIS_YEAR}`)));
      // The "Kiểm tra" area is not the role's: the address shows no panel (nor the record).
      await peer.goto(`${server.url}${firstPath}`);
      await peer.getByRole('heading', { level: 1 }).waitFor();
      await peer.waitForTimeout(300);
      assert.equal(await peer.getByRole('heading', { name: STATUS_TITLE }).count(), 0);
      assert.equal(await peer.locator('.status-panel').count(), 0);
      assert.deepEqual(peerProblems, []);
    } finally {
      await peerContext.close();
    }
  });
});
