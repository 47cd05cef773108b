// Browser tests of the support pages (docs/contract.md "Support services (issue 6)") on a phone
// (360×740): a peer educator of Xã Ninh Nhất registers a person by UIC (the code previewed as
// the answers are typed), records the consent to keep the record offered at once, tries to refer
// the person to a service and sees the consent error under the field, records the referral
// consent from there, refers to a provider (created through the API by a province officer), finds
// the referral on "Ngày làm việc của tôi", records the outcome "received" and sees it on the
// person's page. The page never scrolls sideways; the UIC and the names never appear in an
// address or in localStorage.
// Run: `node --test web/e2e/support.test.mjs` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { apiCall, apiSignIn, enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';
import { freshTotpCode } from './totp.mjs';

const PHONE = { width: 360, height: 740 };
const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37): adds the service provider. */
const OFFICER = {
  username: 'e2e.hotro.tinh',
  password: 'can bo tinh ho tro 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Lý Thị Tỉnh',
  keepPassword: true,
};

/** A peer educator of Xã Ninh Nhất (14347). */
const PEER = {
  username: 'e2e.dongdang.nn',
  password: 'dong dang ninh nhat 2026',
  role: 'peer_educator',
  unit: '14347',
  displayName: 'Hà Thị Nhất',
  keepPassword: true,
};

const UIC = 'F92LHA';
const MOTHER = 'Trần Thị Lan';
const PROVIDER = 'Phòng khám ngoại trú thành phố';
const CONSENT_ERROR = 'Chưa có sự đồng ý (còn hiệu lực) của người được hỗ trợ cho việc chuyển gửi đến dịch vụ này';

let server;
let browser;
let context;
let page;
let prepLabel;
const problems = [];
const urls = [];

before(async () => {
  server = await startServer({ accounts: [OFFICER, PEER] });
  const officer = await enrolTotp(server.url, OFFICER);
  const peer = await enrolTotp(server.url, PEER);
  // The provider, through the API as the province officer.
  const { code } = await freshTotpCode(officer.secret, officer.step);
  const session = await apiSignIn(server.url, OFFICER.username, OFFICER.password, code);
  const created = await apiCall(server.url, session, 'POST', '/api/providers', { name: PROVIDER, unit: '369', services: ['sti_hiv_test', 'prep'] });
  assert.equal(created.status, 201, JSON.stringify(created.body));
  const needs = await apiCall(server.url, session, 'GET', '/api/code-lists/support_need');
  prepLabel = needs.body.items.find((item) => item.code === 'prep').label_vi;

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', isMobile: true, hasTouch: true });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The refused referral logs its 422 reply as a failed resource.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  page.on('request', (request) => urls.push(request.url()));
  await signIn(page, PEER.username, PEER.password, { url: server.url, totpSecret: peer.secret, usedStep: peer.step });
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

async function checkPhone(name) {
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} scrolls sideways at 360 px`);
  assert.ok(!page.url().includes(UIC), `${name}: the UIC is in the address`);
  await screenshot(`support-${name}`);
}

const heading = (name) => page.getByRole('heading', { level: 1, name });

describe('support pages', () => {
  let clientPath;

  test('“Hỗ trợ” opens “Ngày làm việc của tôi”', async () => {
    await page.goto(`${server.url}/support`);
    await heading('Ngày làm việc của tôi').waitFor();
    await page.getByText('0 người', { exact: true }).waitFor();
    await page.getByText('Không có chuyển gửi nào quá hạn.').waitFor();
    await checkPhone('day-empty');
    assert.deepEqual(problems, []);
  });

  test('a person is registered by UIC, the code previewed; consent is offered at once', async () => {
    await page.getByRole('link', { name: 'Đăng ký người mới', exact: true }).click();
    await heading('Đăng ký người được hỗ trợ').waitFor();
    await page.getByText('không tên nào được lưu lại', { exact: false }).waitFor();
    await page.getByText('Chọn giới tính và nhập năm sinh để xem mã.').waitFor();
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.getByLabel('Năm sinh').fill('1992');
    await page.getByLabel('Tên của mẹ').fill(MOTHER);
    await page.getByLabel('Tên của cha').fill('Nguyễn Văn Hùng');
    await page.getByLabel('Tên của mình').fill('Ánh');
    await page.locator('.support-preview__code', { hasText: UIC }).waitFor();
    assert.equal(await page.locator('.support-collision').count(), 0);
    await checkPhone('register');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    clientPath = new URL(page.url()).pathname;
    assert.match(clientPath, /^\/support\/clients\/[0-9a-f-]{36}$/);
    await page.getByText('Đã đăng ký người được hỗ trợ.', { exact: false }).waitFor();
    // The consent form is open: record keeping, the notice version and the method.
    await page.getByLabel('Mục đích').selectOption('record_keeping');
    await page.getByLabel('Phiên bản thông báo').fill('2024.1');
    await checkPhone('client-consent');
    await page.getByRole('button', { name: 'Lưu sự đồng ý' }).click();
    await page.getByText('Đã ghi nhận sự đồng ý.').waitFor();
    await page.locator('.support-item', { hasText: 'Lưu hồ sơ' }).getByText('Còn hiệu lực').waitFor();
    // The consent prints as a form: the code, what was agreed in plain words, signature blocks;
    // its address holds ids only.
    await page.locator('.support-item', { hasText: 'Lưu hồ sơ' }).getByRole('link', { name: 'In phiếu đồng ý' }).click();
    await heading('PHIẾU GHI NHẬN SỰ ĐỒNG Ý XỬ LÝ DỮ LIỆU CÁ NHÂN').waitFor();
    await page.locator('.consent-form__facts').getByText(UIC).waitFor();
    await page.getByText('Tôi đồng ý để chương trình lưu giữ hồ sơ', { exact: false }).waitFor();
    await page.getByText('(Ký hoặc điểm chỉ)').waitFor();
    assert.ok(!page.url().includes(UIC), 'the form address holds ids only');
    await checkPhone('consent-form');
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.app-header').isVisible(), false, 'printing hides the app around the form');
    assert.equal(await page.getByRole('button', { name: 'In phiếu đồng ý' }).isVisible(), false);
    await page.emulateMedia({ media: 'screen' });
    await page.getByRole('link', { name: 'Quay lại hồ sơ' }).click();
    await page.locator('.support-item', { hasText: 'Lưu hồ sơ' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('registering the same answers again warns of the existing person', async () => {
    await page.goto(`${server.url}/support/clients/new`);
    await heading('Đăng ký người được hỗ trợ').waitFor();
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.getByLabel('Năm sinh').fill('1992');
    await page.getByLabel('Tên của mẹ').fill('Lan');
    await page.getByLabel('Tên của cha').fill('Hùng');
    await page.getByLabel('Tên của mình').fill('anh');
    const warning = page.locator('.support-collision');
    await warning.getByText('Đã có người với mã này ở đơn vị').waitFor();
    assert.equal(await warning.getByRole('link', { name: `Mở hồ sơ ${UIC}` }).getAttribute('href'), clientPath);
    await page.getByLabel('Đây là người khác').waitFor();
    await checkPhone('register-collision');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await page.getByText('nếu là người khác, đánh dấu', { exact: false }).waitFor();
    assert.ok(new URL(page.url()).pathname.endsWith('/new'));
    assert.deepEqual(problems, []);
  });

  test('a referral without consent is refused under the field; the consent is recorded there; the referral is made', async () => {
    await page.goto(`${server.url}${clientPath}`);
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    await page.getByRole('button', { name: 'Chuyển gửi mới' }).click();
    await page.getByLabel('Dịch vụ', { exact: true }).selectOption({ label: prepLabel });
    const provider = page.getByLabel('Nơi cung cấp dịch vụ', { exact: true });
    await provider.locator('option', { hasText: PROVIDER }).waitFor({ state: 'attached' });
    await provider.selectOption({ label: PROVIDER });
    await page.getByRole('button', { name: 'Chuyển gửi', exact: true }).click();
    const error = page.locator('.support-consent-needed .field__error');
    await error.getByText(CONSENT_ERROR).waitFor();
    await checkPhone('referral-consent-error');

    await page.getByRole('button', { name: 'Ghi nhận sự đồng ý chuyển gửi' }).click();
    await page.locator('#referral-consent-notice').fill('2024.1');
    await page.getByRole('button', { name: 'Lưu sự đồng ý' }).click();
    await page.getByText('Đã ghi nhận sự đồng ý.').waitFor();
    assert.equal(await error.count(), 0);
    await page.locator('.support-item', { hasText: 'Chuyển gửi' }).filter({ hasText: PROVIDER }).getByText('Còn hiệu lực').waitFor();

    await page.getByRole('button', { name: 'Chuyển gửi', exact: true }).click();
    await page.getByText('Đã chuyển gửi.').waitFor();
    const item = page.locator('.support-referral', { hasText: prepLabel });
    await item.getByText(`Đến: ${PROVIDER}`).waitFor();
    await item.getByText('Còn 14 ngày').waitFor();
    await checkPhone('referral');
    assert.deepEqual(problems, []);
  });

  test('“Ngày làm việc của tôi” lists the referral awaiting its outcome, linking to the person', async () => {
    await page.goto(`${server.url}/support`);
    await heading('Ngày làm việc của tôi').waitFor();
    await page.getByText('1 người', { exact: true }).waitFor();
    const link = page.locator('.support-due__link', { hasText: `${UIC}: ${prepLabel}` });
    await link.waitFor();
    assert.equal(await link.getAttribute('href'), clientPath);
    await checkPhone('day');
    await link.click();
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    assert.deepEqual(problems, []);
  });

  test('the outcome “received” is recorded and shown on the person’s page', async () => {
    const item = page.locator('.support-referral', { hasText: prepLabel });
    await item.getByRole('button', { name: 'Ghi kết quả' }).click();
    await item.getByLabel('Đã nhận dịch vụ').check();
    await checkPhone('outcome');
    await item.getByRole('button', { name: 'Lưu kết quả' }).click();
    await page.getByText('Đã lưu kết quả chuyển gửi.').waitFor();
    await page.reload();
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    const saved = page.locator('.support-referral', { hasText: prepLabel });
    await saved.locator('.support-outcome', { hasText: 'Kết quả: Đã nhận dịch vụ' }).waitFor();
    assert.equal(await saved.getByRole('button', { name: 'Ghi kết quả' }).count(), 0);
    await checkPhone('outcome-saved');
    assert.deepEqual(problems, []);
  });

  test('no address and no stored value ever held the code or a name', async () => {
    for (const url of urls) {
      assert.ok(!url.includes(UIC), `the UIC is in ${url}`);
      assert.ok(!decodeURIComponent(url).includes('Lan'), `a name is in ${url}`);
    }
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    assert.ok(!stored.includes(UIC) && !stored.includes('Lan'), stored);
  });
});
