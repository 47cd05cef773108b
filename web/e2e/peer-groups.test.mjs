// Browser tests of the peer groups (issue 6, target T13) on a phone (360×740), against a real pcmd:
// a social worker of Thành phố Ninh Bình founds a group at Xã Ninh Nhất led by a peer educator,
// through the generic record form under "Hỗ trợ" › "Nhóm đồng đẳng"; the peer educator registers
// a person by UIC, finds them by the first letters of the code (searched in the page, never
// sent), is refused a join date before the group was founded (the server's message under the
// field), adds them, records a meeting and ticks who came; the person's page lists the group.
// A district officer sees the group's counts only ("<5", no codes) and a plain word that only
// those who run the group record attendance. The social worker's "Nhóm đồng đẳng — tổng hợp"
// shows the group under Xã Ninh Nhất, follows the year chosen in the address, and opens a unit
// below; a peer educator is told the summary is not for them. A peer educator who facilitates an
// activity of a group they do not lead reads and changes it without ever seeing the group, and the
// group stays. Nothing scrolls sideways; the UIC never appears in an address.
// Run: `node --test web/e2e/peer-groups.test.mjs` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const TIMEOUT_MS = 30_000;

/** A social worker of Thành phố Ninh Bình (369): founds the group, reads the summary. */
const SOCIAL = {
  username: 'e2e.ctxh.tp',
  password: 'cong tac xa hoi thanh pho 2026',
  role: 'social_worker',
  unit: '369',
  displayName: 'Đinh Thị Xã',
  keepPassword: true,
};

/** A peer educator of Xã Ninh Nhất (14347): leads the group. */
const PEER = {
  username: 'e2e.dongdang.nhom',
  password: 'dong dang vien nhom 2026',
  role: 'peer_educator',
  unit: '14347',
  displayName: 'Hà Thị Nhóm',
  keepPassword: true,
};

/** Another peer educator of Xã Ninh Nhất: facilitates an activity of a group they do not lead. */
const GUEST = {
  username: 'e2e.dongdang.khach',
  password: 'dong dang vien khach moi 2026',
  role: 'peer_educator',
  unit: '14347',
  displayName: 'Lê Thị Khách',
  keepPassword: true,
};

/** A district officer of the city: reads the group and its counts, never the codes. */
const DISTRICT = {
  username: 'e2e.huyen.nhom',
  password: 'can bo huyen doc nhom 2026',
  role: 'district_officer',
  unit: '369',
  displayName: 'Trịnh Văn Huyện',
  keepPassword: true,
};

const UIC = 'F92LHA';
const GROUP = 'Nhóm Hoa Sen';
const GROUP_TYPE = 'Nhóm đồng đẳng, nhóm tự lực, câu lạc bộ';
const ACTIVITY_TYPE = 'Sinh hoạt, hoạt động của nhóm';

function isoDay(date) {
  const pad = (n) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}
const viDate = (iso) => iso.split('-').reverse().join('/');
const NOW = new Date();
const TODAY = isoDay(NOW);
const YESTERDAY = isoDay(new Date(NOW.getFullYear(), NOW.getMonth(), NOW.getDate() - 1));
const THIS_YEAR = NOW.getFullYear();

let server;
let browser;
const sessions = {};
const urls = [];

/** A phone-sized page signed in as `account`, with its problems collected. */
async function openAs(account, totp) {
  const context = await browser.newContext({ viewport: PHONE, locale: 'vi-VN', isMobile: true, hasTouch: true });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused calls (a 422 on purpose, a 403 for the district officer) log as failed resources.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) urls.push(frame.url());
  });
  page.on('request', (request) => urls.push(request.url()));
  await signIn(page, account.username, account.password, { url: server.url, totpSecret: totp.secret, usedStep: totp.step });
  return { context, page, problems };
}

before(async () => {
  server = await startServer({ accounts: [SOCIAL, PEER, GUEST, DISTRICT] });
  const totps = {
    social: await enrolTotp(server.url, SOCIAL),
    peer: await enrolTotp(server.url, PEER),
    district: await enrolTotp(server.url, DISTRICT),
    guest: await enrolTotp(server.url, GUEST),
  };
  browser = await launchBrowser();
  sessions.social = await openAs(SOCIAL, totps.social);
  sessions.peer = await openAs(PEER, totps.peer);
  sessions.district = await openAs(DISTRICT, totps.district);
  sessions.guest = await openAs(GUEST, totps.guest);
});

after(async () => {
  for (const s of Object.values(sessions)) await s.context?.close();
  await browser?.close();
  await server?.stop();
});

async function screenshot(page, name) {
  const dir = process.env.PCMD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, `groups-${name}.png`), fullPage: true });
}

async function checkPhone(page, name) {
  await page.waitForTimeout(100);
  assert.ok(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth), `${name} scrolls sideways at 360 px`);
  assert.ok(!page.url().includes(UIC), `${name}: the UIC is in the address`);
  await screenshot(page, name);
}

const heading = (page, name) => page.getByRole('heading', { level: 1, name });
const supportTab = (page, name) => page.getByRole('navigation', { name: 'Các trang hỗ trợ' }).getByRole('link', { name, exact: true });

/**
 * Picks a unit in a new record's unit picker, which starts at the user's own unit (both users'
 * units are of a level these kinds are kept at): waits for that, then changes it unless it is it.
 */
async function pickUnit(page, label, search, name) {
  const picker = page.locator('.field').filter({ has: page.getByText(label, { exact: true }) }).first();
  const change = picker.getByRole('button', { name: 'Chọn đơn vị khác' });
  await change.waitFor();
  if (await picker.locator('.unit-picked__name', { hasText: name }).count()) return;
  await change.click();
  await page.getByLabel(label, { exact: true }).fill(search);
  await page.getByRole('button', { name: new RegExp(`^${name}`) }).click();
  await picker.locator('.unit-picked__name', { hasText: name }).waitFor();
}

/** Opens a new activity of the group at Xã Ninh Nhất today and fills what every activity has. */
async function startActivity(page, { kind, topic, facilitator, participants }) {
  await page.goto(`${server.url}/support/groups/peer-group-activities`);
  await heading(page, ACTIVITY_TYPE).waitFor();
  await page.getByRole('link', { name: 'Thêm mới' }).click();
  await heading(page, `Thêm mới: ${ACTIVITY_TYPE}`).waitFor();
  await pickUnit(page, 'Đơn vị', 'ninh nhat', 'Xã Ninh Nhất');
  await page.getByLabel('Ngày sinh hoạt').fill(TODAY);
  await page.getByLabel('Nhóm', { exact: true }).fill('hoa sen');
  await page.locator('.unit-option', { hasText: GROUP }).first().click();
  await page.locator('.unit-picked__name', { hasText: GROUP }).waitFor();
  await page.getByLabel('Loại hoạt động').selectOption({ label: kind });
  await page.getByLabel('Chủ đề').fill(topic);
  await page.locator('fieldset.accounts-field').getByRole('checkbox', { name: new RegExp(`^${facilitator.displayName}`) }).check();
  await page.getByLabel('Số người tham gia').fill(participants);
}

describe('peer groups', () => {
  let groupPath;
  let activityPath;
  let clientPath;

  test('a social worker founds a group at Xã Ninh Nhất led by the peer educator', async () => {
    const { page, problems } = sessions.social;
    await page.goto(`${server.url}/support`);
    await heading(page, 'Ngày làm việc của tôi').waitFor();
    await supportTab(page, 'Nhóm đồng đẳng').click();
    await heading(page, GROUP_TYPE).waitFor();
    await checkPhone(page, 'list-empty');
    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await heading(page, `Thêm mới: ${GROUP_TYPE}`).waitFor();
    await pickUnit(page, 'Đơn vị', 'ninh nhat', 'Xã Ninh Nhất');
    await page.getByLabel('Ngày thành lập').fill(TODAY);
    await page.getByLabel('Tên nhóm').fill(GROUP);
    await page.getByLabel('Loại nhóm').selectOption({ label: 'Nhóm đồng đẳng' });
    await page.getByLabel('Tình trạng').selectOption({ label: 'Đang hoạt động' });
    await page.getByLabel('Cơ quan hỗ trợ').fill('Hội Liên hiệp Phụ nữ thành phố');
    const leaders = page.locator('fieldset.accounts-field');
    await leaders.getByRole('checkbox', { name: new RegExp(`^${PEER.displayName}`) }).check();
    await checkPhone(page, 'group-form');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading(page, `${GROUP_TYPE}, ${viDate(TODAY)}`).waitFor();
    groupPath = new URL(page.url()).pathname;
    assert.match(groupPath, /^\/support\/groups\/peer-groups\/[0-9a-f-]{36}$/);
    const panel = page.locator('.group-members');
    await panel.getByRole('heading', { name: 'Thành viên' }).waitFor();
    await panel.getByText('Hiện có 0 thành viên').waitFor();
    await panel.getByText('Nhóm chưa có thành viên nào.').waitFor();
    await panel.getByRole('button', { name: 'Thêm thành viên' }).waitFor();
    await checkPhone(page, 'group-new');
    assert.deepEqual(problems, []);
  });

  test('the peer educator registers a person and adds them to the group, a date too early refused under the field', async () => {
    const { page, problems } = sessions.peer;
    await page.goto(`${server.url}/support/clients/new`);
    await heading(page, 'Đăng ký người được hỗ trợ').waitFor();
    await page.getByLabel('Nữ', { exact: true }).check();
    await page.getByLabel('Năm sinh').fill('1992');
    await page.getByLabel('Tên của mẹ').fill('Trần Thị Lan');
    await page.getByLabel('Tên của cha').fill('Nguyễn Văn Hùng');
    await page.getByLabel('Tên của mình').fill('Ánh');
    await page.locator('.support-preview__code', { hasText: UIC }).waitFor();
    await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
    await heading(page, `Người được hỗ trợ ${UIC}`).waitFor();
    clientPath = new URL(page.url()).pathname;

    await supportTab(page, 'Nhóm đồng đẳng').click();
    await heading(page, GROUP_TYPE).waitFor();
    await page.locator('.records-table').getByRole('link', { name: GROUP }).click();
    await heading(page, `${GROUP_TYPE}, ${viDate(TODAY)}`).waitFor();
    assert.equal(new URL(page.url()).pathname, groupPath);
    const panel = page.locator('.group-members');
    await panel.getByText('Hiện có 0 thành viên').waitFor();
    await panel.getByRole('button', { name: 'Thêm thành viên' }).click();
    await panel.getByLabel('Tìm người được hỗ trợ theo mã UIC').fill('m');
    await panel.getByText('Không có ai trong số người bạn hỗ trợ có mã bắt đầu bằng “m”', { exact: false }).waitFor();
    await panel.getByLabel('Tìm người được hỗ trợ theo mã UIC').fill('f9');
    await panel.getByText('1 người khớp').waitFor();
    await panel.getByRole('button', { name: `Chọn ${UIC}` }).click();
    await panel.locator('.unit-picked', { hasText: UIC }).waitFor();
    await panel.getByLabel('Ngày tham gia').fill(YESTERDAY);
    await checkPhone(page, 'member-form');
    await panel.getByRole('button', { name: 'Thêm vào nhóm' }).click();
    await panel.locator('#member-joined-error', { hasText: 'Ngày tham gia không được trước ngày thành lập nhóm' }).waitFor();
    await checkPhone(page, 'member-refused');
    await panel.getByLabel('Ngày tham gia').fill(TODAY);
    await panel.getByRole('button', { name: 'Thêm vào nhóm' }).click();
    await panel.getByText(`Đã thêm ${UIC} vào nhóm.`).waitFor();
    await panel.getByText('Hiện có 1 thành viên').waitFor();
    const item = panel.locator('.group-member', { hasText: UIC });
    await item.getByText('Đang tham gia').waitFor();
    await item.getByText(`Tham gia ${viDate(TODAY)}`).waitFor();
    await item.getByRole('button', { name: 'Kết thúc tham gia' }).waitFor();
    // A member is not offered again.
    await panel.getByRole('button', { name: 'Thêm thành viên' }).click();
    await panel.getByLabel('Tìm người được hỗ trợ theo mã UIC').fill('F92');
    await panel.getByText('(hoặc họ đã là thành viên)', { exact: false }).waitFor();
    await panel.getByRole('button', { name: 'Huỷ' }).click();
    await checkPhone(page, 'members');
    assert.deepEqual(problems, []);
  });

  test('the peer educator records a meeting of the group and ticks who came', async () => {
    const { page, problems } = sessions.peer;
    await startActivity(page, { kind: 'Sinh hoạt nhóm định kỳ', topic: 'Phòng chống bạo lực', facilitator: PEER, participants: '6' });
    await page.getByLabel('Bao cao su phát ra').fill('120');
    await page.getByLabel('Chất bôi trơn phát ra').fill('40');
    await page.getByLabel('Tờ rơi, tài liệu phát ra').fill('30');
    await page.getByLabel('Số lượt chuyển gửi dịch vụ').fill('2');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading(page, `${ACTIVITY_TYPE}, ${viDate(TODAY)}`).waitFor();
    activityPath = new URL(page.url()).pathname;

    const panel = page.locator('.group-attendance');
    await panel.getByRole('heading', { name: 'Điểm danh' }).waitFor();
    await panel.getByText('Không quá 6 người (số người tham gia đã ghi).').waitFor();
    const box = panel.getByRole('checkbox', { name: UIC, exact: true });
    assert.equal(await box.isChecked(), false);
    await box.check();
    await panel.getByText('Có mặt: 1 người').waitFor();
    await checkPhone(page, 'attendance');
    await panel.getByRole('button', { name: 'Lưu điểm danh' }).click();
    await panel.getByText('Đã lưu điểm danh: 1 thành viên có mặt.').waitFor();
    await page.reload();
    await heading(page, `${ACTIVITY_TYPE}, ${viDate(TODAY)}`).waitFor();
    await page.locator('.group-attendance').getByRole('checkbox', { name: UIC, exact: true }).waitFor();
    assert.equal(await page.locator('.group-attendance').getByRole('checkbox', { name: UIC, exact: true }).isChecked(), true);
    assert.deepEqual(problems, []);
  });

  test('a guest facilitator reads and changes an activity without seeing its group', async () => {
    const social = sessions.social.page;
    await startActivity(social, { kind: 'Truyền thông, tư vấn', topic: 'Khách mời chia sẻ', facilitator: GUEST, participants: '3' });
    await social.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading(social, `${ACTIVITY_TYPE}, ${viDate(TODAY)}`).waitFor();
    const guestPath = new URL(social.url()).pathname;
    assert.deepEqual(sessions.social.problems, []);

    const { page } = sessions.guest;
    await page.goto(`${server.url}${guestPath}`);
    await heading(page, `${ACTIVITY_TYPE}, ${viDate(TODAY)}`).waitFor();
    const hidden = 'Không hiển thị với bạn (bản ghi được tham chiếu nằm ngoài phạm vi của bạn); khi lưu vẫn giữ nguyên.';
    await page.locator('.facts__row', { hasText: 'Nhóm' }).getByText(hidden).waitFor();
    assert.equal(await page.getByText(GROUP).count(), 0);
    await checkPhone(page, 'guest-activity');
    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await heading(page, `Sửa: ${ACTIVITY_TYPE}`).waitFor();
    await page.locator('.field--hidden', { hasText: 'Nhóm' }).getByText(hidden).waitFor();
    await page.getByLabel('Số người tham gia').fill('4');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thay đổi.').waitFor();
    await checkPhone(page, 'guest-activity-saved');

    // the group is kept: the social worker still sees it, and the new count
    await social.goto(`${server.url}${guestPath}`);
    await heading(social, `${ACTIVITY_TYPE}, ${viDate(TODAY)}`).waitFor();
    await social.locator('.facts__row', { hasText: 'Nhóm' }).getByText(GROUP).waitFor();
    await social.locator('.facts__row', { hasText: 'Số người tham gia' }).getByText('4').waitFor();
    assert.deepEqual(sessions.guest.problems, []);
  });

  test('the person’s page lists the group they joined', async () => {
    const { page, problems } = sessions.peer;
    await page.goto(`${server.url}${clientPath}`);
    await heading(page, `Người được hỗ trợ ${UIC}`).waitFor();
    const item = page.locator('.client-group');
    await page.getByRole('heading', { name: 'Nhóm tham gia' }).waitFor();
    await item.getByRole('link', { name: GROUP }).waitFor();
    await item.getByText('Đang tham gia').waitFor();
    await item.getByText(`Tham gia ${viDate(TODAY)}`).waitFor();
    assert.equal(await item.getByRole('link', { name: GROUP }).getAttribute('href'), groupPath);
    await checkPhone(page, 'client-groups');
    assert.deepEqual(problems, []);
  });

  test('a district officer sees the counts only, and is told who records attendance', async () => {
    const { page, problems } = sessions.district;
    await page.goto(`${server.url}${groupPath}`);
    await heading(page, `${GROUP_TYPE}, ${viDate(TODAY)}`).waitFor();
    const panel = page.locator('.group-members');
    await panel.getByText('Hiện có <5 thành viên').waitFor();
    await panel.getByText('Mã thành viên chỉ hiện với người phụ trách nhóm', { exact: false }).waitFor();
    assert.equal(await panel.getByText(UIC).count(), 0);
    assert.equal(await panel.getByRole('button', { name: 'Thêm thành viên' }).count(), 0);
    await checkPhone(page, 'members-reader');
    await page.goto(`${server.url}${activityPath}`);
    const attendance = page.locator('.group-attendance');
    await attendance.getByText('Chỉ người phụ trách nhóm', { exact: false }).waitFor();
    assert.equal(await attendance.locator('.notice--error').count(), 0);
    assert.equal(await attendance.getByRole('checkbox').count(), 0);
    await checkPhone(page, 'attendance-reader');
    assert.deepEqual(problems, []);
  });

  test('the social worker’s summary shows the group under Xã Ninh Nhất, by year and unit kept in the address', async () => {
    const { page, problems } = sessions.social;
    await page.goto(`${server.url}/support`);
    await supportTab(page, 'Tổng hợp nhóm').click();
    await heading(page, 'Nhóm đồng đẳng — tổng hợp').waitFor();
    assert.equal(new URL(page.url()).search, '');
    const row = page.locator('tr[data-unit="14347"]');
    const cell = (key) => row.locator(`td[data-key="${key}"]`);
    await row.getByRole('link', { name: 'Xã Ninh Nhất' }).waitFor();
    assert.equal((await cell('groups').textContent()).trim(), '1');
    assert.equal((await cell('active_groups').textContent()).trim(), '1');
    assert.equal((await cell('members_shown').textContent()).trim(), '<5');
    assert.equal((await cell('activities').textContent()).trim(), '2'); // the meeting and the guest's
    assert.equal((await cell('participants').textContent()).trim(), '10');
    assert.equal((await cell('condoms').textContent()).trim(), '120');
    assert.equal((await cell('referrals_made').textContent()).trim(), '2');
    const total = page.locator('tr.peer-summary__total');
    await total.getByText('Tổng:', { exact: false }).waitFor();
    assert.equal((await total.locator('td[data-key="groups"]').textContent()).trim(), '1');
    await page.getByText('Số thành viên từ 1 đến 4 được ghi là “<5”', { exact: false }).waitFor();
    await checkPhone(page, 'summary');

    await page.getByLabel('Năm', { exact: true }).selectOption(String(THIS_YEAR - 1));
    await page.waitForURL((url) => url.searchParams.get('year') === String(THIS_YEAR - 1));
    await page.getByRole('heading', { name: `Nhóm đồng đẳng năm ${THIS_YEAR - 1}` }).waitFor();
    assert.equal((await cell('groups').textContent()).trim(), '0');
    await page.getByLabel('Năm', { exact: true }).selectOption(String(THIS_YEAR));
    await page.getByRole('heading', { name: `Nhóm đồng đẳng năm ${THIS_YEAR}` }).waitFor();

    await row.getByRole('link', { name: 'Xã Ninh Nhất' }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === '14347');
    await page.getByText('Đơn vị này không có đơn vị trực thuộc', { exact: false }).waitFor();
    await page.locator('.peer-summary__filters .unit-picked__name', { hasText: 'Xã Ninh Nhất' }).waitFor();
    assert.equal((await page.locator('tr.peer-summary__total td[data-key="groups"]').textContent()).trim(), '1');
    await checkPhone(page, 'summary-commune');
    assert.deepEqual(problems, []);
  });

  test('a peer educator is told the summary is not for them', async () => {
    const { page, problems } = sessions.peer;
    await page.goto(`${server.url}/support`);
    await heading(page, 'Ngày làm việc của tôi').waitFor();
    assert.equal(await supportTab(page, 'Tổng hợp nhóm').count(), 0);
    await page.goto(`${server.url}/support/groups/summary`);
    await page.getByText('Vai trò của bạn không xem được tổng hợp nhóm của đơn vị này.').waitFor();
    assert.deepEqual(problems, []);
  });

  test('no address ever held the code', () => {
    for (const url of urls) assert.ok(!url.toUpperCase().includes(UIC), `the UIC is in ${url}`);
  });
});
