// Browser test of the offline mode (issue 9, web/src/offline/) on a phone (360×740), with the
// network cut through playwright's context.setOffline: a peer educator of Xã Ninh Nhất signs in
// online (which sets up the encrypted device store), opens the forms she needs, loses the
// network, records an outreach session and a referral, changes an outreach record and registers a
// person by UIC, reloads the page (the service worker serves the app; the unlock screen opens the
// device data), while a province officer changes that same record on the server. Back online, the outbox syncs: the
// three new records exist exactly once (a second sync creates nothing), and the change comes back
// as a conflict, shown with both versions and resolved by keeping the device's values. Offline too:
// a consent, a referral's outcome and a meeting's attendance queue and are sent once.
// Also: the manifest makes the app installable; nothing scrolls sideways at 360 px; the outbox's
// buttons are at least 44 px high; no client's code is left readable in IndexedDB.
// Covers web/src/offline/ in the browser: vault.ts, store.ts (IndexedDB), get-cache.ts, save.ts,
// warm.ts, register.ts, sw.js with sw-plugin.mjs, outbox-page.tsx, unlock-page.tsx,
// sync-badge.tsx, gate.ts, paths.ts, messages.ts (the logic also in src/offline/offline.test.ts).
// Run: `cd web && PCMD_BIN=../build/ci/src/app/pcmd node --test e2e/offline.test.mjs`.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiCall, apiSignIn, enrolTotp, launchBrowser, saveScreenshot, signIn, startServer } from './server.mjs';
import { freshTotpCode } from './totp.mjs';

const PHONE = { width: 360, height: 740 };
const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37): the provider, the school, the record changed behind the device's back. */
const OFFICER = { username: 'e2e.offline.tinh', password: 'can bo tinh offline 2026', role: 'province_officer', unit: '37', displayName: 'Đinh Thị Tỉnh', keepPassword: true };
/** A peer educator of Xã Ninh Nhất (14347), the one working offline. */
const PEER = { username: 'e2e.offline.dongdang', password: 'dong dang khong mang 2026', role: 'peer_educator', unit: '14347', displayName: 'Hà Thị Mạng', keepPassword: true };

const SCHOOL = 'Trường THPT Ninh Nhất';
const PROVIDER = 'Phòng khám ngoại trú Ninh Nhất';
const UIC = 'F92LHA';
const NOTE = 'Tiếp cận ngoài giờ học (offline)';

let server;
let browser;
let context;
let page;
let officer;
let outreachType;
let changed; // the outreach record changed on both sides
let clientId;
let prepLabel;
let peerTotp;
let peerStep;
const problems = [];

async function inPage(method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const reply = await fetch(path, { method, headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: reply.status, body: await reply.json() };
    },
    { method, path, body },
  );
}

before(async () => {
  server = await startServer({ accounts: [OFFICER, PEER] });
  const officerTotp = await enrolTotp(server.url, OFFICER);
  peerTotp = await enrolTotp(server.url, PEER);
  const { code } = await freshTotpCode(officerTotp.secret, officerTotp.step);
  officer = await apiSignIn(server.url, OFFICER.username, OFFICER.password, code);
  const provider = await apiCall(server.url, officer, 'POST', '/api/providers', { name: PROVIDER, unit: '369', services: ['prep'] });
  assert.equal(provider.status, 201, JSON.stringify(provider.body));
  const school = await apiCall(server.url, officer, 'POST', '/api/schools', { unit: '14347', date: '2026-01-05', name: SCHOOL, kind: 'upper_secondary' });
  assert.equal(school.status, 201, JSON.stringify(school.body));

  browser = await launchBrowser();
  context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', isMobile: true, hasTouch: true });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Calls cut by the emulated network log as failed resources.
    if (message.type() === 'error' && !/Failed to load resource|ERR_INTERNET_DISCONNECTED/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  ({ step: peerStep } = await signIn(page, PEER.username, PEER.password, { url: server.url, totpSecret: peerTotp.secret, usedStep: peerTotp.step }));

  // The peer's caseload, through the API from the signed-in page: a person and her referral consent.
  const client = await inPage('POST', '/api/clients', { unit: '14347', answers: { sex: 'F', birth_year: 1992, given_name: 'anh', mother_given_name: 'Lan', father_given_name: 'HÙNG' } });
  assert.equal(client.status, 201, JSON.stringify(client.body));
  clientId = client.body.id;
  const providers = await apiCall(server.url, officer, 'GET', '/api/providers?unit=14347');
  const providerId = providers.body.items.find((p) => p.name === PROVIDER)?.id;
  assert.ok(providerId, `provider missing: ${JSON.stringify(provider.body)}`);
  const consent = await inPage('POST', `/api/clients/${clientId}/consents`, { purpose: 'referral', provider_id: providerId, notice_version: '2024.1', method: 'verbal' });
  assert.equal(consent.status, 201, JSON.stringify(consent.body));
  const needs = await apiCall(server.url, officer, 'GET', '/api/code-lists/support_need');
  prepLabel = needs.body.items.find((item) => item.code === 'prep').label_vi;
  const types = await inPage('GET', '/api/record-types');
  outreachType = types.body.items.find((type) => type.id === 'outreach');
  assert.ok(outreachType, 'the outreach record type exists');
  const schools = await apiCall(server.url, officer, 'GET', '/api/schools');
  const record = await inPage('POST', '/api/outreach', { unit: '14347', date: '2026-02-10', school: schools.body.items[0].id, people_reached: 10, new_people_reached: 4 });
  assert.equal(record.status, 201, JSON.stringify(record.body));
  changed = record.body;
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

const heading = (name) => page.getByRole('heading', { level: 1, name });

/** In-app navigation (no page load: with no network, a load needs the service worker and an unlock). */
async function go(path) {
  await page.evaluate((href) => {
    window.history.pushState(null, '', href);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

async function checkPhone(name) {
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} scrolls sideways at 360 px`);
  assert.ok(!page.url().includes(UIC), `${name}: the UIC is in the address`);
  await saveScreenshot(page, `offline-${name}.png`);
}

async function outreachCount(note = NOTE) {
  const list = await apiCall(server.url, officer, 'GET', '/api/outreach?limit=100');
  return list.body.items.filter((item) => item.note === note).length;
}

/** Records an outreach session through the form (online or not). */
async function recordOutreach(note, date) {
  await go(`/communication/outreach/new`);
  await heading('Thêm mới: Buổi tiếp cận truyền thông').waitFor();
  await page.getByLabel('Ngày tiếp cận').fill(date);
  await page.getByLabel('Trường học', { exact: true }).click();
  await page.getByRole('button', { name: new RegExp(`^${SCHOOL}`) }).click();
  await page.getByLabel('Số người được tiếp cận').fill('25');
  await page.getByLabel('Số người lần đầu được tiếp cận trong năm').fill('9');
  await page.getByLabel('Ghi chú').fill(note);
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
}

async function clientCount() {
  const list = await apiCall(server.url, officer, 'GET', '/api/clients?limit=500');
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.items.length;
}

async function referralCount() {
  const list = await apiCall(server.url, officer, 'GET', `/api/clients/${clientId}/referrals`);
  assert.equal(list.status, 200, JSON.stringify(list.body));
  return list.body.items.length;
}

describe('offline mode', () => {
  test('the app is installable: manifest, icons, service worker in control', async () => {
    const manifest = await (await fetch(`${server.url}/manifest.webmanifest`)).json();
    assert.equal(manifest.display, 'standalone');
    assert.equal(manifest.lang, 'vi');
    assert.ok(manifest.icons.some((icon) => icon.sizes === '512x512'));
    for (const icon of manifest.icons) assert.equal((await fetch(`${server.url}${icon.src}`)).status, 200);
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload();
    await heading(/.+/).first().waitFor();
    assert.ok(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'a service worker controls the page');
  });

  test('after a reload the device data is locked until the password is typed (in “Chờ đồng bộ”)', async () => {
    await page.locator('.sync-badge').click();
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mở khoá dữ liệu trên máy' }).waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill('sai mat khau');
    await page.getByRole('button', { name: 'Mở khoá', exact: true }).click();
    await page.getByText('Mật khẩu không đúng.').waitFor();
    await checkPhone('unlock');
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PEER.password);
    await page.getByRole('button', { name: 'Mở khoá', exact: true }).click();
    await page.getByText('Không có gì chờ đồng bộ.').waitFor();
    await page.getByText(/Đồng bộ lần cuối: \d\d\/\d\d\/\d{4}/).waitFor();
  });

  test('online first: the forms the peer will need are opened (their lists kept on the device)', async () => {
    await go(`/communication/outreach/new`);
    await heading('Thêm mới: Buổi tiếp cận truyền thông').waitFor();
    await page.getByLabel('Trường học', { exact: true }).click();
    await page.getByRole('button', { name: new RegExp(`^${SCHOOL}`) }).waitFor();
    await go(`/communication/outreach/${changed.id}/edit`);
    await page.getByLabel('Số người được tiếp cận').waitFor();
    await go(`/support/clients/${clientId}`);
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    await page.locator('.support-item', { hasText: PROVIDER }).waitFor();
    await page.waitForTimeout(500); // the replies are sealed and stored in the background
  });

  test('offline: an outreach session, a referral and a change are kept on the device', async () => {
    await context.setOffline(true);
    await recordOutreach(NOTE, '2026-03-02');
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.getByText('Đã lưu trên máy, chờ đồng bộ', { exact: false }).waitFor();
    await page.locator('.offline-item', { hasText: 'Buổi tiếp cận truyền thông' }).getByText('Chờ gửi').waitFor();
    await checkPhone('outbox-offline');

    await go(`/support/clients/${clientId}`);
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    await page.getByRole('button', { name: 'Chuyển gửi mới' }).click();
    await page.getByLabel('Dịch vụ', { exact: true }).selectOption({ label: prepLabel });
    const provider = page.getByLabel('Nơi cung cấp dịch vụ', { exact: true });
    await provider.locator('option', { hasText: PROVIDER }).waitFor({ state: 'attached' });
    await provider.selectOption({ label: PROVIDER });
    await page.getByRole('button', { name: 'Chuyển gửi', exact: true }).click();
    await page.getByText('Đã lưu trên máy, chờ đồng bộ').waitFor();
    await checkPhone('referral-offline');

    await go(`/communication/outreach/${changed.id}/edit`);
    await page.getByLabel('Số người được tiếp cận').fill('12');
    await page.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.locator('.offline-item').nth(2).waitFor();

    // A person registered by UIC with no network (no code preview: the answers wait, sealed).
    await go('/support/clients/new');
    await heading('Đăng ký người được hỗ trợ').waitFor();
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.getByLabel('Năm sinh').fill('1990');
    await page.getByLabel('Tên của mẹ').fill('Trần Thị Hoa');
    await page.getByLabel('Tên của cha').fill('Lê Văn Bình');
    await page.getByLabel('Tên của mình').fill('Mai');
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.locator('.offline-item', { hasText: 'Đăng ký người được hỗ trợ' }).waitFor();
    assert.equal(await page.locator('.offline-item').count(), 4);
    assert.match(await page.locator('.sync-badge').getAttribute('aria-label'), /Chờ đồng bộ: 4, lỗi: 0, xung đột: 0/);
    // What identifies the person is sealed: the code is nowhere in IndexedDB's plain text.
    const dump = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const open = indexedDB.open('pcmd-offline');
          open.onsuccess = () => {
            const tx = open.result.transaction(['outbox', 'cache', 'meta'], 'readonly');
            const out = [];
            let left = 3;
            for (const name of ['outbox', 'cache', 'meta']) {
              const req = tx.objectStore(name).getAll();
              req.onsuccess = () => {
                out.push(JSON.stringify(req.result));
                if (--left === 0) resolve(out.join('\n'));
              };
            }
          };
        }),
    );
    assert.ok(dump.length > 100);
    assert.ok(!dump.includes(UIC) && !dump.includes(NOTE) && !dump.includes(PROVIDER) && !dump.includes('Trần Thị Hoa'), 'device data is encrypted');
  });

  test('a reload with no network: the app comes from the service worker, unlocks, the queue is there', async () => {
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mở khoá dữ liệu trên máy' }).waitFor();
    await page.getByText('Đang làm việc không có mạng').waitFor();
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PEER.password);
    await page.getByRole('button', { name: 'Mở khoá', exact: true }).click();
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.getByText('4 chờ gửi · 0 lỗi · 0 xung đột').waitFor();
    await page.getByText('Không có mạng', { exact: true }).waitFor();
    await checkPhone('outbox-reloaded');
    for (const button of await page.locator('.offline-outbox button, .sync-badge').all()) {
      const box = await button.boundingBox();
      assert.ok(box && box.height >= 44, `a touch target is ${box?.height} px high`);
    }
    assert.equal(await outreachCount(), 0);
    assert.equal(await referralCount(), 0);
    assert.equal(await clientCount(), 1);
  });

  test('back online: synced once; the record changed on both sides is a conflict to resolve', async () => {
    // Meanwhile, the officer changes the record the device changed.
    const behind = await apiCall(server.url, officer, 'PATCH', `/api/outreach/${changed.id}`, { version: changed.version, people_reached: 30 });
    assert.equal(behind.status, 200, JSON.stringify(behind.body));
    await context.setOffline(false);
    await page.getByText('0 chờ gửi · 0 lỗi · 1 xung đột').waitFor();
    assert.equal(await outreachCount(), 1);
    assert.equal(await referralCount(), 1);
    assert.equal(await clientCount(), 2);
    await page.getByText(/Đồng bộ lần cuối: \d\d\/\d\d\/\d{4}/).waitFor();
    // Sending again creates nothing twice.
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).click();
    await page.getByRole('button', { name: 'Đồng bộ ngay' }).waitFor();
    assert.equal(await outreachCount(), 1);
    assert.equal(await referralCount(), 1);

    const item = page.locator('.offline-item--conflict');
    await item.getByText('Bản ghi đã được sửa trên máy chủ').waitFor();
    const row = item.locator('tr', { hasText: 'Số người được tiếp cận' });
    assert.deepEqual(await row.locator('td').allInnerTexts(), ['12', '30']);
    await checkPhone('conflict');
    assert.equal((await apiCall(server.url, officer, 'GET', `/api/outreach/${changed.id}`)).body.people_reached, 30, 'never overwritten silently');
    await item.getByRole('button', { name: 'Giữ bản trên máy' }).click();
    await page.getByText('0 chờ gửi · 0 lỗi · 0 xung đột').waitFor();
    await page.getByText('Không có gì chờ đồng bộ.').waitFor();
    const now = await apiCall(server.url, officer, 'GET', `/api/outreach/${changed.id}`);
    assert.equal(now.body.people_reached, 12);
    assert.equal(now.body.version, 3);
    assert.equal(await outreachCount(), 1);
    assert.equal(await referralCount(), 1);
    assert.equal(await clientCount(), 2);
    assert.deepEqual(problems, []);
  });

  test('a session that ended while offline asks for sign-in again; the queue waits, then syncs', async () => {
    const later = 'Tiếp cận sau khi phiên hết hạn';
    const csrf = await page.evaluate(async () => (await (await fetch('/api/auth/me')).json()).csrf_token);
    await context.setOffline(true);
    await recordOutreach(later, '2026-03-03');
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.getByText('1 chờ gửi · 0 lỗi · 0 xung đột').waitFor();
    // The session ends on the server meanwhile (signed out elsewhere, or timed out).
    const cookie = (await context.cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    assert.equal((await apiCall(server.url, { cookie, csrf }, 'POST', '/api/auth/logout')).status, 200);
    await context.setOffline(false);
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    assert.equal(await outreachCount(later), 0);
    await page.getByLabel('Tên đăng nhập', { exact: true }).fill(PEER.username);
    await page.getByLabel('Mật khẩu', { exact: true }).fill(PEER.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    const field = page.getByLabel('Mã xác thực', { exact: true });
    await field.waitFor();
    const { code } = await freshTotpCode(peerTotp.secret, peerStep);
    await field.fill(code);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    await page.getByText('0 chờ gửi · 0 lỗi · 0 xung đột').waitFor();
    assert.equal(await outreachCount(later), 1);
    assert.deepEqual(problems, []);
  });

  test('offline too: a consent, a referral’s outcome and a meeting’s attendance wait on the device, then are sent once', async () => {
    // Online: a referral to close, and a group the peer leads with the person in it and a meeting.
    const me = await inPage('GET', '/api/auth/me');
    const peerId = me.body.user.id;
    const providers = await apiCall(server.url, officer, 'GET', '/api/providers?unit=14347');
    const providerId = providers.body.items.find((p) => p.name === PROVIDER).id;
    const referral = await inPage('POST', `/api/clients/${clientId}/referrals`, { provider_id: providerId, service: 'prep' });
    assert.equal(referral.status, 201, JSON.stringify(referral.body));
    const group = await inPage('POST', '/api/peer-groups', { unit: '14347', date: '2026-01-10', name: 'Nhóm Bình Minh', kind: 'peer_group', status: 'active', leaders: [peerId] });
    assert.equal(group.status, 201, JSON.stringify(group.body));
    const member = await inPage('POST', `/api/peer-groups/${group.body.id}/members`, { client_id: clientId, joined_on: '2026-01-15' });
    assert.equal(member.status, 201, JSON.stringify(member.body));
    const meeting = await inPage('POST', '/api/peer-group-activities', { unit: '14347', date: '2026-03-05', group: group.body.id, kind: 'meeting', topic: 'Sức khỏe sinh sản', facilitators: [peerId], participants: 5 });
    assert.equal(meeting.status, 201, JSON.stringify(meeting.body));
    // Counted from the server by the officer (the page's own calls would fail while offline).
    const consents = async () => (await apiCall(server.url, officer, 'GET', `/api/clients/${clientId}/consents`)).body.items.length;
    const consentsBefore = await consents();
    const outcomes = async () => (await apiCall(server.url, officer, 'GET', `/api/clients/${clientId}/referrals`)).body.items.filter((r) => r.outcome === 'received').length;
    const attended = async () => (await apiCall(server.url, officer, 'GET', `/api/peer-group-activities/${meeting.body.id}/attendance`)).body.items.length;
    assert.equal(await outcomes(), 0);
    assert.equal(await attended(), 0);
    const meetingPath = `/support/groups/peer-group-activities/${meeting.body.id}`;
    await go(`/support/clients/${clientId}`);
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    await page.getByRole('button', { name: 'Ghi kết quả' }).first().waitFor();
    await go(meetingPath);
    await page.locator('.group-attendance').getByRole('checkbox', { name: UIC, exact: true }).waitFor();
    await page.waitForTimeout(500); // the replies are sealed and stored in the background

    await context.setOffline(true);
    const badge = page.locator('.sync-badge');
    await go(`/support/clients/${clientId}`);
    await heading(`Người được hỗ trợ ${UIC}`).waitFor();
    await page.getByRole('button', { name: 'Ghi kết quả' }).first().click();
    await page.getByLabel('Đã nhận dịch vụ').check();
    await page.getByRole('button', { name: 'Lưu kết quả' }).click();
    await page.waitForFunction(() => /Chờ đồng bộ: 1,/.test(document.querySelector('.sync-badge')?.getAttribute('aria-label') ?? ''));

    await page.getByRole('button', { name: 'Ghi nhận sự đồng ý' }).click();
    await page.getByLabel('Mục đích').selectOption({ label: 'Liên lạc' });
    await page.getByRole('button', { name: 'Lưu sự đồng ý' }).click();
    await page.getByText('Đã lưu trên máy, chờ đồng bộ', { exact: false }).waitFor();
    await checkPhone('consent-offline');
    await page.waitForFunction(() => /Chờ đồng bộ: 2,/.test(document.querySelector('.sync-badge')?.getAttribute('aria-label') ?? ''));

    await go(meetingPath);
    const panel = page.locator('.group-attendance');
    const box = panel.getByRole('checkbox', { name: UIC, exact: true });
    await box.check();
    await panel.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await panel.getByText('Đã lưu trên máy, chờ đồng bộ', { exact: false }).waitFor();
    await checkPhone('attendance-offline');
    assert.match(await badge.getAttribute('aria-label'), /Chờ đồng bộ: 3, lỗi: 0, xung đột: 0/);
    await go('/outbox');
    await heading('Dữ liệu chờ đồng bộ').waitFor();
    for (const kind of ['Kết quả chuyển gửi', 'Sự đồng ý', 'Điểm danh']) await page.locator('.offline-item', { hasText: kind }).waitFor();
    assert.equal(await outcomes(), 0);
    assert.equal(await attended(), 0);

    await context.setOffline(false);
    await page.getByText('0 chờ gửi · 0 lỗi · 0 xung đột').waitFor();
    assert.equal(await outcomes(), 1);
    assert.equal(await consents(), consentsBefore + 1);
    assert.equal(await attended(), 1);
    // Nothing is sent twice: the queue is empty, and what came back is the same after a moment.
    await page.getByText('Không có gì chờ đồng bộ.').waitFor();
    await page.waitForTimeout(500);
    assert.equal(await outcomes(), 1);
    assert.equal(await consents(), consentsBefore + 1);
    assert.equal(await attended(), 1);
    assert.deepEqual(problems, []);
  });

  test('signing out wipes the device data', async () => {
    // Rows in every store of the device's database (meta, outbox, cache, idmap).
    const count = () =>
      page.evaluate(
        () =>
          new Promise((resolve) => {
            const open = indexedDB.open('pcmd-offline');
            open.onsuccess = () => {
              const names = ['meta', 'outbox', 'cache', 'idmap'];
              const tx = open.result.transaction(names, 'readonly');
              let n = 0;
              let left = names.length;
              for (const name of names) {
                const req = tx.objectStore(name).count();
                req.onsuccess = () => {
                  n += req.result;
                  if (--left === 0) {
                    open.result.close();
                    resolve(n);
                  }
                };
              }
            };
          }),
      );
    assert.ok((await count()) > 0);
    await page.getByRole('button', { name: /^Tài khoản: / }).click();
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByText('Bạn đã đăng xuất.').waitFor();
    // The wipe runs once the sign-out is confirmed: polled here (page.waitForFunction takes a
    // returned promise for a true value, so it cannot wait on IndexedDB).
    const deadline = Date.now() + TIMEOUT_MS;
    while ((await count()) !== 0) {
      assert.ok(Date.now() < deadline, 'the device data is still there after signing out');
      await page.waitForTimeout(100);
    }
    // ... and nothing still under way writes to it afterwards.
    await page.waitForTimeout(1000);
    assert.equal(await count(), 0);
    assert.deepEqual(problems, []);
  });
});
