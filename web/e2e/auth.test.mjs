// Browser tests of sign-in and access (issue 3), in headless chromium against a real pcmd:
// a new officer's first sign-in (forced password change, two-step set-up, recovery codes),
// signing out and in again with a one-time code and with a recovery code; an administrator
// creating, editing and resetting a user; a data-protection officer reading the audit log and
// checking its chain; the navigation of each role; throttling; an ended session.
// Run: `node --test web/e2e/` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ACCOUNTS, apiCall, apiSignIn, launchBrowser, signIn, startServer } from './server.mjs';
import { totpCode, totpStep } from './totp.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;

/** A new province officer: one-time password, must change it and set up two-step sign-in. */
const OFFICER = {
  username: 'e2e.canbo',
  password: 'mat khau tam thoi 01',
  role: 'province_officer',
  unit: '37',
  displayName: 'Nguyễn Văn Cán',
  keepPassword: false,
};
const OFFICER_NEW_PASSWORD = 'song nuoc hoa lu 2026';

let server;
let browser;

before(async () => {
  server = await startServer({ accounts: [OFFICER] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** A fresh signed-out page (own cookies and storage: Vietnamese) at `path`, errors collected. */
async function openPage(path, viewport = DESKTOP) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // A refused request logs "Failed to load resource" in chromium; the pages handle those.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  if (path !== null) await page.goto(server.url + path);
  return { page, context, problems };
}

async function screenshot(page, name) {
  const dir = process.env.PCMD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
}

async function hasNoHorizontalScroll(page) {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

const heading = (page, name) => page.getByRole('heading', { level: 1, name });

async function signOut(page) {
  await page.getByRole('button', { name: /^Tài khoản: / }).click();
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await page.waitForURL((url) => url.pathname === '/login');
  await page.getByText('Bạn đã đăng xuất.').waitFor();
}

describe('sign-in and access', () => {
  test('a new officer changes the password, sets up two-step sign-in and signs in with a code', async () => {
    const { page, context, problems } = await openPage('/units/14347', PHONE);

    // Signed out, any page leads to the sign-in page, which remembers where to come back.
    await heading(page, 'Đăng nhập').waitFor();
    assert.equal(new URL(page.url()).pathname, '/login');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/units/14347');
    assert.ok(await hasNoHorizontalScroll(page), 'the sign-in page scrolls sideways');
    await screenshot(page, 'login-phone');

    // A wrong password is said plainly, without telling whether the user exists.
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(OFFICER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('khong dung mat khau');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').getByText(/Tên đăng nhập hoặc mật khẩu không đúng/).waitFor();
    await screenshot(page, 'login-error-phone');

    // The one-time password opens the forced password change.
    await page.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await heading(page, 'Đổi mật khẩu').waitFor();
    await page.getByText(/ít nhất 8 ký tự và không phải là mật khẩu phổ biến/).waitFor();
    await page.getByText('Bước 1/2.', { exact: false }).waitFor();
    assert.ok(await hasNoHorizontalScroll(page), 'the password page scrolls sideways');

    // The server's refusals show under their fields.
    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(OFFICER.password);
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill('password123');
    await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill('password123');
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.').waitFor();
    assert.equal(await page.getByLabel('Mật khẩu mới', { exact: true }).getAttribute('aria-invalid'), 'true');
    await screenshot(page, 'password-phone');

    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill('sai mat khau hien tai');
    await page.getByLabel('Mật khẩu mới', { exact: true }).fill(OFFICER_NEW_PASSWORD);
    await page.getByLabel('Nhập lại mật khẩu mới', { exact: true }).fill(OFFICER_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await page.getByText('Mật khẩu hiện tại không đúng.').waitFor();

    await page.getByLabel('Mật khẩu hiện tại', { exact: true }).fill(OFFICER.password);
    await page.getByRole('button', { name: 'Đổi mật khẩu' }).click();

    // Two-step sign-in: the key in groups of four and its QR code.
    await heading(page, 'Xác thực hai lớp').waitFor();
    await page.getByText('Đã đổi mật khẩu.').waitFor();
    await page.getByRole('img', { name: 'Mã QR để quét bằng ứng dụng xác thực' }).waitFor();
    const shown = (await page.locator('#totp-secret').innerText()).trim();
    assert.match(shown, /^[A-Z2-7]{4}( [A-Z2-7]{1,4})+$/, `the key "${shown}" is not in groups of four`);
    const secret = shown.replace(/\s+/g, '');
    assert.ok(await hasNoHorizontalScroll(page), 'the two-step page scrolls sideways');
    await screenshot(page, 'totp-phone');
    await page.setViewportSize(DESKTOP);
    await screenshot(page, 'totp-desktop');
    await page.setViewportSize(PHONE);

    // A wrong code is refused; the app's code is accepted.
    const codeField = page.getByLabel('Mã 6 chữ số', { exact: true });
    const wrong = String((Number(totpCode(secret)) + 500_000) % 1_000_000).padStart(6, '0');
    await codeField.fill(wrong);
    await page.getByRole('button', { name: 'Xác nhận' }).click();
    await page.getByText(/^Mã không đúng/).waitFor();
    const enrolStep = totpStep();
    await codeField.fill(totpCode(secret, enrolStep));
    await page.getByRole('button', { name: 'Xác nhận' }).click();

    // The recovery codes, once, and a confirmation before going on.
    await page.getByRole('heading', { name: 'Mã khôi phục' }).waitFor();
    const codes = await page.locator('.recovery-codes__item').allInnerTexts();
    assert.equal(codes.length, 10);
    for (const code of codes) assert.match(code.trim(), /^[a-z0-9]{5}-[a-z0-9]{5}$/);
    const go = page.getByRole('button', { name: 'Tiếp tục' });
    assert.equal(await go.isDisabled(), true);
    assert.ok(await hasNoHorizontalScroll(page), 'the recovery codes scroll sideways');
    await screenshot(page, 'recovery-phone');
    await page.getByLabel('Tôi đã lưu các mã khôi phục ở nơi an toàn').check();
    await go.click();

    // The app, at the page first asked for, with the officer's name and role in the header.
    await page.getByRole('heading', { name: 'Xã Ninh Nhất' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/units/14347');
    await page.getByRole('button', { name: 'Tài khoản: Nguyễn Văn Cán' }).click();
    await page.locator('#account-panel').getByText('Cán bộ Sở (cấp tỉnh)').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Danh mục' }).click();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Kiểm tra', exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Người dùng' }).count(), 0);
    assert.equal(await nav.getByRole('link', { name: 'Nhật ký hệ thống' }).count(), 0);
    await page.getByRole('button', { name: 'Đóng danh mục' }).click();
    await signOut(page);

    // Back in: password, then a code of a later time step (the server refuses a step twice).
    const { step } = await signIn(page, OFFICER.username, OFFICER_NEW_PASSWORD, { totpSecret: secret, usedStep: enrolStep });
    assert.ok(step > enrolStep);
    // A province officer reads aggregates: the dashboard is their home.
    await heading(page, 'Tổng quan').waitFor();
    assert.equal(new URL(page.url()).pathname, '/dashboard');

    // And with a recovery code instead, after a wrong code.
    await signOut(page);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(OFFICER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(OFFICER_NEW_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const loginCode = page.getByLabel('Mã xác thực', { exact: true });
    await loginCode.waitFor();
    await page.getByText(/Tài khoản này có xác thực hai lớp/).waitFor();
    await loginCode.fill('000000');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').getByText(/Mã xác thực không đúng hoặc đã được dùng/).waitFor();
    await screenshot(page, 'login-code-phone');
    await loginCode.fill(codes[0].trim());
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await heading(page, 'Tổng quan').waitFor();

    // The account page says two-step sign-in is on.
    await page.goto(`${server.url}/account`);
    await heading(page, 'Tài khoản của tôi').waitFor();
    await page.getByText('Đang bật').waitFor();
    await page.getByText('Cán bộ Sở (cấp tỉnh)').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an administrator creates a user and sees the one-time password once', async () => {
    const { page, context, problems } = await openPage(null);
    await signIn(page, ACCOUNTS.admin.username, ACCOUNTS.admin.password, { url: server.url });
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Người dùng' }).click();
    await heading(page, 'Người dùng').waitFor();
    await page.getByRole('link', { name: /Trần Thị Xem/ }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Nhật ký hệ thống' }).count(), 0);
    await screenshot(page, 'users-desktop');

    // The role filter lives in the address.
    await page.getByLabel('Vai trò', { exact: true }).selectOption('dpo');
    await page.waitForURL((url) => url.searchParams.get('role') === 'dpo');
    await page.getByRole('link', { name: /Phạm Thu Dữ/ }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.record-list > li').length === 1);
    await page.getByLabel('Vai trò', { exact: true }).selectOption('');

    await page.getByRole('link', { name: 'Thêm người dùng' }).click();
    await heading(page, 'Thêm người dùng').waitFor();
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('Sai Ten');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByText(/^Tên đăng nhập gồm 3–64 ký tự/).waitFor();
    await page.getByText('Hãy chọn vai trò.').waitFor();

    await page.getByLabel('Tên đăng nhập', { exact: true }).fill('e2e.moi');
    await page.getByLabel('Họ tên', { exact: true }).fill('Đỗ Thị Mới');
    await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Cán bộ cấp xã' });
    // The administrator's own unit is offered first; pick a commune instead.
    await page.getByText('Tỉnh Ninh Bình').waitFor();
    await page.getByRole('button', { name: 'Chọn đơn vị khác' }).click();
    await page.getByLabel('Đơn vị', { exact: true }).fill('ninh nhat');
    await page.getByRole('button', { name: /Xã Ninh Nhất/ }).click();
    await page.locator('.unit-picked__name', { hasText: 'Xã Ninh Nhất' }).waitFor();
    await screenshot(page, 'user-new-desktop');
    await page.getByRole('button', { name: 'Tạo tài khoản' }).click();

    await heading(page, 'Đã tạo tài khoản').waitFor();
    const oneTime = (await page.locator('#one-time-password').innerText()).trim();
    assert.match(oneTime, /^\S{12,}$/);
    await page.getByText(/chỉ hiện một lần/).waitFor();
    await screenshot(page, 'user-created-desktop');

    // The one-time password works, and asks for a new one.
    const other = await openPage(null, PHONE);
    await signIn(other.page, 'e2e.moi', oneTime, { url: server.url });
    await heading(other.page, 'Đổi mật khẩu').waitFor();
    await other.context.close();

    // Edit: the role changes; a change made meanwhile elsewhere is reloaded and said.
    await page.getByRole('link', { name: 'Xem tài khoản' }).click();
    await heading(page, 'Đỗ Thị Mới').waitFor();
    await page.getByText('Xã Ninh Nhất').first().waitFor();
    await page.getByLabel('Vai trò', { exact: true }).selectOption({ label: 'Cán bộ cấp huyện' });
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thay đổi.').waitFor();

    const id = new URL(page.url()).pathname.split('/').pop();
    const admin = await apiSignIn(server.url, ACCOUNTS.admin.username, ACCOUNTS.admin.password);
    const current = await apiCall(server.url, admin, 'GET', `/api/accounts/${id}`);
    const behind = await apiCall(server.url, admin, 'PATCH', `/api/accounts/${id}`, { version: current.body.version, display_name: 'Đỗ Thị Mới (sửa nơi khác)' });
    assert.equal(behind.status, 200);
    await page.getByLabel('Họ tên', { exact: true }).fill('Đỗ Thị Mới Hai');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText(/vừa được người khác thay đổi/).waitFor();
    assert.equal(await page.getByLabel('Họ tên', { exact: true }).inputValue(), 'Đỗ Thị Mới (sửa nơi khác)');

    // Reset: a new one-time password, once.
    await page.getByRole('button', { name: 'Đặt lại mật khẩu' }).click();
    await page.getByRole('button', { name: 'Đặt lại', exact: true }).click();
    const reset = (await page.locator('#one-time-password').innerText()).trim();
    assert.match(reset, /^\S{12,}$/);
    assert.notEqual(reset, oneTime);
    await screenshot(page, 'user-edit-desktop');

    // The list finds the new user by name, on a phone too.
    await page.setViewportSize(PHONE);
    await page.getByRole('link', { name: 'Về danh sách người dùng' }).first().click();
    await page.getByLabel('Tìm theo tên', { exact: true }).fill('moi');
    await page.waitForURL((url) => url.searchParams.get('q') === 'moi');
    await page.waitForFunction(() => document.querySelectorAll('.record-list > li').length === 1);
    await page.getByRole('link', { name: /Đỗ Thị Mới/ }).waitFor();
    assert.ok(await hasNoHorizontalScroll(page), 'the users list scrolls sideways');
    await screenshot(page, 'users-phone');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a data-protection officer sees the sign-ins in the audit log and an intact chain', async () => {
    const { page, context, problems } = await openPage(null);
    await signIn(page, ACCOUNTS.dpo.username, ACCOUNTS.dpo.password, { url: server.url });
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    assert.equal(await nav.getByRole('link', { name: 'Người dùng' }).count(), 0);
    await nav.getByRole('link', { name: 'Nhật ký hệ thống' }).click();
    await heading(page, 'Nhật ký hệ thống').waitFor();
    await page.locator('.audit-table tbody tr').first().waitFor();

    await page.getByLabel('Hành động', { exact: true }).selectOption('login');
    await page.getByLabel('Kết quả', { exact: true }).selectOption('ok');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('action') === 'login' && url.searchParams.get('outcome') === 'ok');
    await page.waitForFunction(() => {
      const rows = [...document.querySelectorAll('.audit-table tbody tr')];
      return rows.length > 0 && rows.every((row) => row.children[2]?.textContent === 'Đăng nhập' && row.children[4]?.textContent === 'Thành công');
    });
    // Its own sign-in is among them.
    await page.getByRole('button', { name: /Bạn \(e2e\.dpo\)/ }).first().waitFor();

    await page.getByRole('button', { name: 'Kiểm tra chuỗi' }).click();
    await page.getByText('Chuỗi toàn vẹn', { exact: true }).waitFor();
    await screenshot(page, 'audit-desktop');

    // The filters survive a reload, and fit a phone.
    await page.setViewportSize(PHONE);
    await page.reload();
    await heading(page, 'Nhật ký hệ thống').waitFor();
    assert.equal(await page.getByLabel('Hành động', { exact: true }).inputValue(), 'login');
    await page.locator('.audit-table tbody tr').first().waitFor();
    assert.ok(await hasNoHorizontalScroll(page), 'the audit page scrolls sideways');
    await screenshot(page, 'audit-phone');

    // Failed sign-ins are there too.
    await page.getByLabel('Kết quả', { exact: true }).selectOption('failed');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('outcome') === 'failed');
    await page.locator('.audit-table tbody tr').first().waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('a viewer sees neither users nor the audit log, even by address', async () => {
    const { page, context, problems } = await openPage(null);
    await signIn(page, ACCOUNTS.viewer.username, ACCOUNTS.viewer.password, { url: server.url, next: '/admin/users' });
    await heading(page, 'Không có quyền truy cập').waitFor();
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Đơn vị hành chính' }).waitFor();
    assert.deepEqual(await nav.getByRole('link').allInnerTexts(), ['Tổng quan', 'Đơn vị hành chính', 'Báo cáo định kỳ', 'Kế hoạch năm']);
    await page.goto(`${server.url}/admin/audit`);
    await heading(page, 'Không có quyền truy cập').waitFor();
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an ended session leads to the sign-in page and back to the same page', async () => {
    const { page, context, problems } = await openPage(null);
    await signIn(page, ACCOUNTS.viewer.username, ACCOUNTS.viewer.password, { url: server.url });
    await page.goto(`${server.url}/units/369`);
    await page.getByRole('heading', { name: 'Thành phố Ninh Bình' }).waitFor();

    // The session ends elsewhere (the same cookie signs out from outside the page).
    const [cookie] = await context.cookies();
    const me = await apiCall(server.url, { cookie: `${cookie.name}=${cookie.value}` }, 'GET', '/api/auth/me');
    const out = await apiCall(server.url, { cookie: `${cookie.name}=${cookie.value}`, csrf: me.body.csrf_token }, 'POST', '/api/auth/logout');
    assert.equal(out.status, 200);

    await page.getByRole('link', { name: /Xã Ninh Nhất/ }).click();
    await heading(page, 'Đăng nhập').waitFor();
    await page.getByText('Phiên làm việc đã hết hạn. Hãy đăng nhập lại để tiếp tục.').waitFor();
    await screenshot(page, 'login-expired-desktop');
    assert.equal(new URL(page.url()).searchParams.get('next'), '/units/14347');
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(ACCOUNTS.viewer.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(ACCOUNTS.viewer.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('heading', { name: 'Xã Ninh Nhất' }).waitFor();
    assert.equal(new URL(page.url()).pathname, '/units/14347');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('after ten failures the sign-in page says how long to wait', async () => {
    const username = 'e2e.khongco';
    for (let i = 0; i < 10; i += 1) {
      const reply = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ username, password: `sai ${i}` }),
      });
      assert.equal(reply.status, 401);
    }
    const { page, context } = await openPage('/login', PHONE);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill('van sai');
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('alert').getByText('Đăng nhập sai quá nhiều lần. Hãy thử lại sau 15 phút.').waitFor();
    await screenshot(page, 'login-throttled-phone');

    // In English too.
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Sign in' }).waitFor();
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('alert').getByText('Too many failed sign-ins. Try again in 15 minutes.').waitFor();
    await screenshot(page, 'login-throttled-phone-en');
    await context.close();
  });
});
