// Browser tests of the programme records (issue 4), in headless chromium against a real pcmd:
// a district officer (two-step sign-in set up through the API) finds the kinds of record under
// "Tuyên truyền", creates a communication activity through the generic form (the form's own
// checks, a server refusal under its field, a lost reply retried with the same id), sees it in
// the list with its filters kept in the address, exports the list as CSV, changes the record
// while someone else changed it too, reads its history, imports a spreadsheet with one bad line
// (refused whole, then stored with only the valid lines), and deletes a record.
// Run: `node --test web/e2e/` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;

/** A district officer of Thành phố Ninh Bình (369), whose scope includes Xã Ninh Nhất (14347). */
const OFFICER = {
  username: 'e2e.huyen',
  password: 'tuyen truyen thanh pho 2026',
  role: 'district_officer',
  unit: '369',
  displayName: 'Đinh Thị Huyền',
  keepPassword: true,
};

const ORGANISER = 'Đoàn Thanh niên xã Ninh Nhất';

let server;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  server = await startServer({ accounts: [OFFICER] });
  const { secret, step } = await enrolTotp(server.url, OFFICER);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  // The code that confirmed the set-up cannot sign in again: signIn waits for the next one.
  await signIn(page, OFFICER.username, OFFICER.password, { url: server.url, totpSecret: secret, usedStep: step });
  // A district officer's home is the dashboard: let it settle (its plan, unit and period written
  // into the address) before the tests navigate away from it.
  await page.getByRole('heading', { level: 1, name: 'Tổng quan' }).waitFor();
  await page.waitForURL((url) => url.pathname === '/dashboard' && url.searchParams.has('period'));
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

/** Calls the API with the page's own session (the app keeps the CSRF token in memory only). */
function pageApi(method, path, body) {
  return page.evaluate(
    async ({ method, path, body }) => {
      const me = await (await fetch('/api/auth/me')).json();
      const reply = await fetch(path, {
        method,
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': me.csrf_token },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: reply.status, body: await reply.json() };
    },
    { method, path, body },
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

describe('programme records', () => {
  let recordPath;

  test('the kinds of record are under “Tuyên truyền”; a new activity is created through the form and listed', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tuyên truyền' }).click();
    await heading('Tuyên truyền').waitFor();
    const main = page.getByRole('main');
    await main.getByRole('link', { name: /Tin, bài trên báo chí của tỉnh/ }).waitFor();
    await bothWidths('records-home');
    await main.getByRole('link', { name: /^Hoạt động tuyên truyền/ }).click();
    await heading('Hoạt động tuyên truyền').waitFor();
    // On a wide screen the kinds are listed under the area in the sidebar, the current one marked.
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    const current = nav.getByRole('link', { name: 'Hoạt động tuyên truyền', exact: true });
    await current.waitFor();
    assert.equal(await current.getAttribute('aria-current'), 'page');
    assert.equal(await nav.getByRole('link', { name: 'Tuyên truyền', exact: true }).getAttribute('aria-current'), 'true');
    await nav.getByRole('link', { name: 'Tin, bài trên báo chí của tỉnh', exact: true }).waitFor();
    // On a phone a disclosure names the current kind and opens the others.
    await page.setViewportSize(PHONE);
    await page.locator('.type-switch__summary').click();
    await page.getByRole('navigation', { name: 'Các loại hồ sơ' }).getByRole('link', { name: 'Tin, bài trên báo chí của tỉnh' }).waitFor();
    await screenshot('records-switch-phone');
    await page.locator('.type-switch__summary').click();
    await page.setViewportSize(DESKTOP);
    await page.getByText('Chưa có bản ghi nào.').waitFor();

    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await heading('Thêm mới: Hoạt động tuyên truyền').waitFor();
    // The officer's own unit is the first choice.
    await page.locator('.unit-picked').getByText('Thành phố Ninh Bình').waitFor();

    // The form's own checks: every missing field is named under it, in Vietnamese.
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Chưa lưu được: hãy sửa các ô được đánh dấu.').waitFor();
    await page.getByText('Hãy nhập ngày.').waitFor();
    await page.getByText('Cần chọn “Hình thức tuyên truyền”.').waitFor();
    await page.getByText('Cần nhập “Cơ quan tổ chức”.').waitFor();
    assert.equal(await page.getByLabel('Ngày tổ chức').getAttribute('aria-invalid'), 'true');
    await bothWidths('record-form-errors');

    // A unit outside the officer's scope: the server's refusal shows under the unit.
    await pickUnit('Đơn vị', 'hoa lu', 'Huyện Hoa Lư');
    await page.getByLabel('Ngày tổ chức').fill('2026-11-20');
    await page.getByLabel('Hình thức tuyên truyền').selectOption({ label: 'Hội nghị, tọa đàm' });
    await page.getByLabel('Địa bàn, môi trường').selectOption({ label: 'Trường học' });
    await page.getByLabel('Cơ quan tổ chức').fill(ORGANISER);
    await page.getByLabel('Số người tham dự').fill('1000001');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('“Số người tham dự” phải từ 0 đến 1.000.000.').waitFor();
    await page.getByLabel('Số người tham dự').fill('120');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.locator('.field--invalid').getByText('Chỉ được ghi cho đơn vị của bạn hoặc đơn vị trực thuộc.').waitFor();

    // Within scope. The first reply is lost on the way back (the server stored the record, the
    // page hears a network failure); pressing "Lưu" again sends the same id: still one record.
    await pickUnit('Đơn vị', 'ninh nhat', 'Xã Ninh Nhất');
    await page.evaluate(() => {
      const realFetch = window.fetch;
      let isLost = false;
      window.__creates = 0;
      window.fetch = async (input, init) => {
        if (init?.method === 'POST' && String(input) === '/api/communication-activities') window.__creates += 1;
        const reply = await realFetch(input, init);
        if (!isLost && init?.method === 'POST' && String(input) === '/api/communication-activities') {
          isLost = true;
          window.__lostCreate = await reply.clone().json();
          throw new TypeError('Failed to fetch');
        }
        return reply;
      };
    });
    // A double click sends one request.
    await page.getByRole('button', { name: 'Lưu', exact: true }).dblclick();
    await page.getByText('Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại.').waitFor();
    const lost = await page.evaluate(() => window.__lostCreate);
    assert.equal(await page.evaluate(() => window.__creates), 1, 'the double click sent two requests');
    assert.equal(lost?.organiser, ORGANISER, 'the first request did not reach the server');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading('Hoạt động tuyên truyền, 20/11/2026').waitFor();
    await page.getByText('Đã lưu bản ghi mới.').waitFor();
    recordPath = new URL(page.url()).pathname;
    assert.equal(recordPath.split('/').pop(), lost.id, 'the retry stored another record');
    await page.getByText(ORGANISER).first().waitFor();
    await page.getByText('Hội nghị, tọa đàm').first().waitFor();
    await page.getByText('Xã Ninh Nhất').first().waitFor();

    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await heading('Hoạt động tuyên truyền').waitFor();
    const row = page.locator('.records-table tbody tr');
    await row.first().waitFor();
    assert.equal(await row.count(), 1, 'the retry stored a second record');
    const text = await row.first().innerText();
    assert.match(text, /20\/11\/2026/);
    assert.match(text, /Xã Ninh Nhất/);
    assert.match(text, new RegExp(ORGANISER));
    assert.match(text, /Hội nghị, tọa đàm/);
    assert.match(text, /Trường học/);
    await bothWidths('records-list');
    assert.deepEqual(problems, []);
  });

  test('the filters live in the address, and the export downloads what they select', async () => {
    const list = new URL(page.url()).pathname;
    await page.getByLabel('Hình thức tuyên truyền').selectOption({ label: 'Loa truyền thanh' });
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('form') === 'loudspeaker');
    await page.getByText('Không có bản ghi nào khớp bộ lọc.').waitFor();

    await page.goto(`${server.url}${list}?period=2026Q4&form=meeting&q=${encodeURIComponent('thanh niên')}`);
    await heading('Hoạt động tuyên truyền').waitFor();
    await page.locator('.records-table tbody tr').first().waitFor();
    assert.equal(await page.getByLabel('Kỳ').inputValue(), '2026Q4');
    assert.equal(await page.getByLabel('Hình thức tuyên truyền').inputValue(), 'meeting');
    await page.getByText('Quý 4 năm 2026').waitFor();
    await page.getByText('Bộ lọc (3 đang dùng)').waitFor();

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Xuất CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.ok(csv.startsWith('\uFEFF'), 'the export has no UTF-8 BOM');
    const [header, ...rows] = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    assert.match(header, /Ngày tổ chức \(date\)/);
    assert.equal(rows.length, 1);
    assert.match(rows[0], new RegExp(ORGANISER));
    assert.deepEqual(problems, []);
  });

  test('a change meets someone else’s change: the form reloads, keeps the typing and says so; the history shows both', async () => {
    await page.goto(server.url + recordPath);
    await heading('Hoạt động tuyên truyền, 20/11/2026').waitFor();
    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await heading('Sửa: Hoạt động tuyên truyền').waitFor();
    await page.getByLabel('Ghi chú').fill('Phát 200 tờ rơi');

    // Meanwhile the record changes behind the form's back.
    const id = recordPath.split('/').pop();
    const current = await pageApi('GET', `/api/communication-activities/${id}`);
    const other = await pageApi('PATCH', `/api/communication-activities/${id}`, { version: current.body.version, audience_count: 150 });
    assert.equal(other.status, 200, JSON.stringify(other.body));

    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText(/^Bản ghi vừa được người khác sửa/).waitFor();
    await page.getByText('Người kia đã sửa: Số người tham dự.').waitFor();
    assert.equal(await page.getByLabel('Số người tham dự').inputValue(), '150');
    assert.equal(await page.getByLabel('Ghi chú').inputValue(), 'Phát 200 tờ rơi');
    await bothWidths('record-stale');

    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await heading('Hoạt động tuyên truyền, 20/11/2026').waitFor();
    await page.getByText('Đã lưu thay đổi.').waitFor();
    await page.getByText('Phát 200 tờ rơi').first().waitFor();

    const history = page.locator('.history-table tbody tr');
    await history.nth(2).waitFor();
    assert.equal(await history.count(), 3);
    assert.match(await history.nth(0).innerText(), /3 · Sửa[\s\S]*Ghi chú:[\s\S]*\(trống\)[\s\S]*Phát 200 tờ rơi/);
    assert.match(await history.nth(1).innerText(), /2 · Sửa[\s\S]*Số người tham dự:[\s\S]*120[\s\S]*150/);
    assert.match(await history.nth(2).innerText(), /1 · Tạo mới[\s\S]*bạn \(e2e\.huyen\)[\s\S]*Tạo bản ghi/);
    await bothWidths('record-page');

    // Emptying a field clears it.
    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await page.getByLabel('Ghi chú').fill('');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByText('Đã lưu thay đổi.').waitFor();
    const note = page.locator('.record-card .facts__row').filter({ hasText: 'Ghi chú' });
    assert.equal((await note.locator('dd').innerText()).trim(), '—');
    assert.deepEqual(problems, []);
  });

  test('a spreadsheet with a bad line: refused whole with the line named, then stored with only the valid lines', async () => {
    await page.getByRole('link', { name: 'Về danh sách' }).click();
    await heading('Hoạt động tuyên truyền').waitFor();
    await page.getByRole('link', { name: 'Nhập từ tệp' }).click();
    await heading('Nhập từ tệp: Hoạt động tuyên truyền').waitFor();

    const csv = [
      'Mã đơn vị (unit),Ngày tổ chức (date),Hình thức tuyên truyền (form),"Địa bàn, môi trường (setting)",Cơ quan tổ chức (organiser),Số người tham dự (audience_count)',
      '14347,2023-03-15,"Hội nghị, tọa đàm",community,Hội Liên hiệp Phụ nữ xã,45',
      '14347,2023-02-30,loudspeaker,community,Đài truyền thanh xã,',
    ].join('\r\n');
    await page.getByLabel('Tệp CSV').setInputFiles({ name: 'hoat-dong-2023.csv', mimeType: 'text/csv', buffer: Buffer.from(`\uFEFF${csv}\r\n`, 'utf8') });
    await page.getByText(/hoat-dong-2023\.csv · 1 kB · 2 dòng dữ liệu/).waitFor();

    assert.ok(await page.getByLabel('Toàn bộ tệp').isChecked());
    await page.getByRole('button', { name: 'Gửi tệp' }).click();
    await page.getByText('Chưa lưu dòng nào.', { exact: true }).waitFor();
    await page.getByText(/^Tệp có dòng lỗi nên chưa lưu dòng nào/).waitFor();
    const problemRows = page.locator('.problems-table tbody tr');
    await problemRows.first().waitFor();
    assert.equal(await problemRows.count(), 1);
    const cells = problemRows.first().locator('td');
    assert.equal((await cells.nth(0).innerText()).trim(), '3');
    assert.equal((await cells.nth(1).innerText()).trim(), 'Ngày tổ chức');
    assert.match(await cells.nth(2).innerText(), /^Ngày tổ chức phải là ngày/);
    await bothWidths('import-refused');

    await page.getByLabel('Chỉ các dòng hợp lệ').check();
    await page.getByRole('button', { name: 'Gửi tệp' }).click();
    await page.getByText('Đã lưu vào hệ thống.').waitFor();
    const stats = await page.locator('.stats').innerText();
    assert.match(stats, /Bản ghi mới\s*1/);
    assert.match(stats, /Dòng lỗi\s*1/);
    assert.equal((await problemRows.first().locator('td').nth(0).innerText()).trim(), '3');
    await bothWidths('import-stored');

    await page.getByRole('link', { name: 'Xem danh sách' }).click();
    await heading('Hoạt động tuyên truyền').waitFor();
    await page.getByLabel('Kỳ').fill('2023');
    await page.getByRole('button', { name: 'Lọc', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('period') === '2023');
    const rows = page.locator('.records-table tbody tr');
    await page.getByText('1 bản ghi').waitFor();
    assert.match(await rows.first().innerText(), /15\/03\/2023[\s\S]*Xã Ninh Nhất[\s\S]*Hội Liên hiệp Phụ nữ xã/);
    assert.deepEqual(problems, []);
  });

  test('a record is deleted after a confirmation and leaves the list', async () => {
    await page.locator('.records-table tbody tr').first().getByRole('link').first().click();
    await heading('Hoạt động tuyên truyền, 15/03/2023').waitFor();
    await page.getByRole('button', { name: 'Xoá', exact: true }).click();
    await page.getByText(/^Xoá bản ghi này\?/).waitFor();
    await page.getByRole('button', { name: 'Xoá bản ghi' }).click();
    await page.getByText('Đã xoá bản ghi. Lịch sử của bản ghi vẫn được lưu.').waitFor();
    await heading('Hoạt động tuyên truyền').waitFor();
    // Back at the list with its filters (period 2023), now empty.
    assert.equal(new URL(page.url()).searchParams.get('period'), '2023');
    await page.getByText('Không có bản ghi nào khớp bộ lọc.').waitFor();
    assert.deepEqual(problems, []);
  });
  test('a reference field picks a record of another kind: a workforce count names its industrial zone', async () => {
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Khu công nghiệp', exact: true }).click();
    await heading('Khu công nghiệp').waitFor();
    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await heading('Thêm mới: Khu công nghiệp').waitFor();
    await page.locator('.unit-picked').getByText('Thành phố Ninh Bình').waitFor();
    await page.getByLabel('Ngày đưa vào danh sách').fill('2024-01-10');
    await page.getByLabel('Tên khu công nghiệp').fill('Khu công nghiệp Khánh Phú');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading('Khu công nghiệp, 10/01/2024').waitFor();

    await nav.getByRole('link', { name: 'Số người lao động của khu công nghiệp', exact: true }).click();
    await heading('Số người lao động của khu công nghiệp').waitFor();
    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await heading('Thêm mới: Số người lao động của khu công nghiệp').waitFor();
    await page.getByLabel('Ngày thống kê').fill('2024-06-30');
    // The picker offers the zones at once; typing narrows them.
    await page.getByLabel('Khu công nghiệp', { exact: true }).click();
    await page.getByRole('button', { name: /^Khu công nghiệp Khánh Phú/ }).click();
    await page.locator('.unit-picked__name', { hasText: 'Khu công nghiệp Khánh Phú' }).waitFor();
    await page.getByLabel('Năm', { exact: true }).fill('2024');
    await page.getByLabel('Số người lao động').fill('5200');
    await bothWidths('record-reference-form');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading('Số người lao động của khu công nghiệp, 30/06/2024').waitFor();
    const facts = page.locator('.record-card .facts');
    await facts.getByRole('link', { name: 'Khu công nghiệp Khánh Phú' }).waitFor();
    assert.match(await facts.innerText(), /Năm\s*2024/);
    assert.match(await facts.innerText(), /Số người lao động\s*5\.200/);

    await page.getByRole('link', { name: 'Về danh sách' }).click();
    const row = page.locator('.records-table tbody tr').first();
    await row.waitFor();
    await row.getByText('Khu công nghiệp Khánh Phú').waitFor();
    assert.deepEqual(problems, []);
  });
});
