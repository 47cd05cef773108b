// Browser test of the periodic reports (báo cáo định kỳ, issue 8; docs/contract.md "Reporting
// rounds (issue 8)"), in headless chromium against a real pcmd with the demo records: a province
// officer of Ninh Bình (37) starts the six-month round of 2025H1 for the districts through the
// form; a district officer of the city (369), on a 360-pixel phone, writes its report, meets a
// version conflict (the report changed behind the page) and reloads, then submits it; the province
// returns it with a comment (required); the district corrects and submits again; the province
// approves it, makes the consolidated Excel report of the round and downloads it (a valid XLSX:
// a zip with xl/workbook.xml). Run: `node --test web/e2e/reporting.test.mjs` (see server.mjs).
// Pages exercised (web/src/reporting/): rounds-page.tsx, round-new-form.tsx, round-page.tsx,
// documents-panel.tsx, report-page.tsx, report-parts.tsx, reporting-route.tsx, lazy.tsx (through
// components/lazy-page.tsx).

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, saveScreenshot, signIn, startServer } from './server.mjs';

const TIMEOUT_MS = 30_000;
const PHONE = { width: 360, height: 740 };

const PROVINCE = {
  username: 'e2e.baocao.tinh',
  password: 'bao cao dinh ky tinh 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Đặng Văn Tỉnh',
  keepPassword: true,
};

const DISTRICT = {
  username: 'e2e.baocao.huyen',
  password: 'bao cao dinh ky huyen 2026',
  role: 'district_officer',
  unit: '369',
  displayName: 'Vũ Thị Huyện',
  keepPassword: true,
};

const ROUND_NAME = 'Báo cáo 6 tháng đầu năm 2025';
const CITY = 'Thành phố Ninh Bình';
const RETURN_COMMENT = 'Đề nghị bổ sung số cơ sở đã kiểm tra trong kỳ.';

let server;
let browser;
const sessions = {};

async function openAs(account, viewport, phone = false) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', acceptDownloads: true, ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused calls (the 409 of the conflict on purpose) log as failed resources.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  // The demo store leaves two-step sign-in optional for every role.
  await signIn(page, account.username, account.password, { url: server.url });
  return { context, page, problems };
}

before(async () => {
  server = await startServer({ accounts: [PROVINCE, DISTRICT], demo: true });
  browser = await launchBrowser();
  sessions.province = await openAs(PROVINCE, { width: 1280, height: 900 });
  sessions.district = await openAs(DISTRICT, PHONE, true);
});

after(async () => {
  for (const s of Object.values(sessions)) await s.context?.close();
  await browser?.close();
  await server?.stop();
});

/** Calls the API with the page's own session (the app keeps the CSRF token in memory only). */
function pageApi(page, method, path, body) {
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

const heading = (page, name) => page.getByRole('heading', { level: 1, name });

/**
 * Goes to `path` inside the app (History API and popstate, as Back does) rather than loading the
 * page again: a full load of a signed-in page may first ask for the offline data's password.
 */
async function goInApp(page, path) {
  await page.evaluate((to) => {
    window.history.pushState(null, '', to);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}
const noSideScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const statusBadge = (page) => page.locator('.reporting-facts .reporting-status');

/** The district's report page, reached from the list of rounds through the menu of the phone. */
async function openDistrictReport(page) {
  await page.getByRole('button', { name: 'Danh mục' }).click();
  await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo định kỳ', exact: true }).click();
  await heading(page, 'Báo cáo định kỳ').waitFor();
  await page.getByRole('link', { name: ROUND_NAME, exact: true }).waitFor();
  assert.ok(await noSideScroll(page), 'the list of rounds scrolls sideways at 360 px');
  await page.getByRole('link', { name: ROUND_NAME, exact: true }).click();
  await heading(page, ROUND_NAME).waitFor();
  await page.locator('.reporting-units tbody tr').first().waitFor();
  assert.ok(await noSideScroll(page), 'the round page scrolls sideways at 360 px');
  await page.locator('.reporting-units').getByRole('link', { name: CITY, exact: true }).click();
  await heading(page, `Báo cáo của ${CITY}`).waitFor();
}

/** The province's view of the city's report, from the round's page. */
async function openProvinceReport(page, roundUrl) {
  await goInApp(page, new URL(roundUrl).pathname);
  await heading(page, ROUND_NAME).waitFor();
  await page.locator('.reporting-units').getByRole('link', { name: CITY, exact: true }).click();
  await heading(page, `Báo cáo của ${CITY}`).waitFor();
}

describe('periodic reports', () => {
  let roundUrl;
  let activityId;

  test('the province starts the six-month round of 2025H1 for the districts', async () => {
    const { page, problems } = sessions.province;
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Báo cáo định kỳ', exact: true }).click();
    await heading(page, 'Báo cáo định kỳ').waitFor();
    await page.getByText('Chưa có đợt báo cáo nào.').waitFor();
    await page.getByRole('button', { name: 'Tạo đợt báo cáo', exact: true }).click();

    // The form's own checks, in Vietnamese, under the fields.
    await page.getByLabel('Loại báo cáo', { exact: true }).selectOption('six_month');
    await page.getByLabel('Kỳ báo cáo', { exact: true }).fill('2025');
    await page.getByRole('button', { name: 'Tạo đợt báo cáo', exact: true }).click();
    await page.getByText('Kỳ báo cáo 6 tháng có dạng 2025H1 hoặc 2025H2.').waitFor();
    await page.getByText('Hãy chọn hạn nộp.').waitFor();

    await page.getByLabel('Kỳ báo cáo', { exact: true }).fill('2025H1');
    // A due date far ahead: the district submits on time whatever day this runs.
    await page.getByLabel('Hạn nộp', { exact: true }).fill('2099-12-31');
    await page.getByLabel('Cấp phải báo cáo', { exact: true }).selectOption('district');
    await page.getByRole('button', { name: 'Tạo đợt báo cáo', exact: true }).click();

    await heading(page, ROUND_NAME).waitFor();
    await page.getByText('Đã tạo đợt báo cáo.').waitFor();
    roundUrl = page.url();
    assert.match(roundUrl, /\/report-rounds\/[^/]+$/);
    await page.locator('.reporting-summary', { hasText: '0/8 đã nộp, 8 chưa nộp' }).waitFor();
    assert.equal(await page.locator('.reporting-units tbody tr').count(), 8);
    const cityRow = page.locator('.reporting-units tr', { has: page.getByRole('link', { name: CITY, exact: true }) });
    await cityRow.locator('.badge', { hasText: 'Chưa nộp' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('the district writes its report on a phone, meets a conflict, reloads and submits', async () => {
    const { page, problems } = sessions.district;
    await openDistrictReport(page);
    await statusBadge(page).filter({ hasText: 'Chưa nộp' }).waitFor();
    // The targets of the plan, pre-filled and live.
    await page.getByText('Số liệu tính tại thời điểm xem', { exact: false }).waitFor();
    assert.ok((await page.locator('.reporting-values__table tbody tr').count()) > 0);
    assert.ok(await noSideScroll(page), 'the report page scrolls sideways at 360 px');
    await saveScreenshot(page, 'reporting-district-phone.png');

    // Submitting with nothing written is stopped at the field.
    await page.getByRole('button', { name: 'Nộp báo cáo', exact: true }).click();
    await page.getByText('Hãy nhập kết quả thực hiện trước khi nộp báo cáo.').waitFor();

    await page.getByLabel('Kết quả thực hiện', { exact: true }).fill('Tổ chức 12 buổi truyền thông.');
    await page.getByLabel('Khó khăn, vướng mắc', { exact: true }).fill('Thiếu kinh phí.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Đã lưu báo cáo.').waitFor();
    await statusBadge(page).filter({ hasText: 'Bản nháp' }).waitFor();

    // An activity of the district in the period, which the approval will lock.
    const activity = await pageApi(page, 'POST', '/api/communication-activities', {
      unit: '369',
      date: '2025-03-10',
      form: 'meeting',
      setting: 'community',
      organiser: 'Phòng Lao động - Thương binh và Xã hội thành phố',
      audience_count: 80,
    });
    assert.equal(activity.status, 201, JSON.stringify(activity.body));
    activityId = activity.body.id;

    // Someone of the district saves the report behind the page's back: the page's save is stale.
    const roundId = new URL(page.url()).pathname.split('/')[2];
    const behind = await pageApi(page, 'PUT', `/api/report-rounds/${roundId}/reports/369`, { version: 1, results: 'Bản của đồng nghiệp.' });
    assert.equal(behind.status, 200, JSON.stringify(behind.body));
    await page.getByLabel('Đề xuất, kiến nghị', { exact: true }).fill('Bổ sung kinh phí.');
    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await page.getByText('Báo cáo vừa được người khác thay đổi', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Tải lại', exact: true }).click();
    await page.waitForFunction(() => document.querySelector('#report-results')?.value === 'Bản của đồng nghiệp.');

    await page.getByLabel('Kết quả thực hiện', { exact: true }).fill('Tổ chức 12 buổi truyền thông; kiểm tra cơ sở kinh doanh.');
    await page.getByRole('button', { name: 'Nộp báo cáo', exact: true }).click();
    await page.getByText('Đã nộp báo cáo.').waitFor();
    await statusBadge(page).filter({ hasText: 'Đã nộp đúng hạn' }).waitFor();
    // Frozen values, the sections no longer editable, no step left for the district.
    await page.getByText('Số liệu đã chốt khi nộp báo cáo', { exact: false }).waitFor();
    assert.equal(await page.getByLabel('Kết quả thực hiện', { exact: true }).count(), 0);
    await page.getByText('Tổ chức 12 buổi truyền thông; kiểm tra cơ sở kinh doanh.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Nộp báo cáo', exact: true }).count(), 0);
    assert.ok(await noSideScroll(page), 'the submitted report scrolls sideways at 360 px');
    assert.deepEqual(problems, []);
  });

  test('the province returns the report with a comment', async () => {
    const { page, problems } = sessions.province;
    await openProvinceReport(page, roundUrl);
    await statusBadge(page).filter({ hasText: 'Đã nộp đúng hạn' }).waitFor();
    assert.equal(await page.getByLabel('Kết quả thực hiện', { exact: true }).count(), 0);
    await page.getByRole('button', { name: 'Trả lại', exact: true }).click();
    // The comment is required.
    await page.getByRole('button', { name: 'Xác nhận trả lại', exact: true }).click();
    await page.getByText('Hãy ghi ý kiến.').waitFor();
    await page.getByLabel('Ý kiến khi trả lại (bắt buộc)', { exact: true }).fill(RETURN_COMMENT);
    await page.getByRole('button', { name: 'Xác nhận trả lại', exact: true }).click();
    await page.getByText('Đã trả lại báo cáo cho đơn vị.').waitFor();
    await statusBadge(page).filter({ hasText: 'Bị trả lại' }).waitFor();
    await page.locator('.reporting-history__comment', { hasText: RETURN_COMMENT }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('the district sees the comment, corrects the report and submits it again', async () => {
    const { page, problems } = sessions.district;
    // Away and back: the report as the server has it now.
    const here = new URL(page.url()).pathname;
    await goInApp(page, '/report-rounds');
    await heading(page, 'Báo cáo định kỳ').waitFor();
    await goInApp(page, here);
    await heading(page, `Báo cáo của ${CITY}`).waitFor();
    await statusBadge(page).filter({ hasText: 'Bị trả lại' }).waitFor();
    await page.getByText(`Ý kiến khi trả lại: ${RETURN_COMMENT}`).waitFor();
    await page.getByLabel('Kết quả thực hiện', { exact: true }).fill('Tổ chức 12 buổi truyền thông; kiểm tra 2 cơ sở kinh doanh dịch vụ.');
    await page.getByRole('button', { name: 'Nộp báo cáo', exact: true }).click();
    await page.getByText('Đã nộp báo cáo.').waitFor();
    await statusBadge(page).filter({ hasText: 'Đã nộp đúng hạn' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('the province approves it, makes the consolidated Excel report and downloads it', async () => {
    const { page, problems } = sessions.province;
    await openProvinceReport(page, roundUrl);
    await page.getByText('kiểm tra 2 cơ sở kinh doanh dịch vụ.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByText('Đã duyệt báo cáo.').waitFor();
    await statusBadge(page).filter({ hasText: 'Đã duyệt' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Duyệt', exact: true }).count(), 0);
    const actions = await page.locator('.reporting-history__item').evaluateAll((items) => items.map((item) => item.dataset.action));
    assert.deepEqual(actions, ['approve', 'submit', 'save', 'return', 'submit', 'save', 'save', 'save']);

    await page.getByRole('link', { name: 'Về đợt báo cáo' }).click();
    await heading(page, ROUND_NAME).waitFor();
    await page.locator('.reporting-summary', { hasText: '1/8 đã nộp, 1 đã duyệt, 7 chưa nộp' }).waitFor();
    const cityRow = page.locator('.reporting-units tr', { has: page.getByRole('link', { name: CITY, exact: true }) });
    await cityRow.locator('.badge', { hasText: 'Đã duyệt' }).waitFor();

    await page.getByRole('button', { name: 'Tạo báo cáo tổng hợp (Excel)', exact: true }).click();
    await page.getByText(/^Đã tạo báo cáo tổng hợp /).waitFor();
    const link = page.locator('.reporting-documents__list a').first();
    const name = (await link.textContent()) ?? '';
    assert.match(name, /\.xlsx$/);
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    const bytes = await readFile(await download.path());
    assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK', 'the download is not a zip');
    assert.ok(bytes.includes(Buffer.from('xl/workbook.xml')), 'the zip has no xl/workbook.xml');
    assert.deepEqual(problems, []);
  });

  test('the approval locks the district’s records of the period until the province unlocks the report', async () => {
    const district = sessions.district.page;
    await goInApp(district, `/communication/communication-activities/${activityId}/edit`);
    await district.getByLabel('Ghi chú', { exact: true }).fill('Bổ sung sau khi duyệt');
    await district.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
    await district.getByText('Số liệu của kỳ này đã được duyệt trong báo cáo định kỳ nên đã bị khóa', { exact: false }).waitFor();

    const { page, problems } = sessions.province;
    await openProvinceReport(page, roundUrl);
    await statusBadge(page).filter({ hasText: 'Đã duyệt' }).waitFor();
    await page.getByRole('button', { name: 'Mở khóa', exact: true }).click();
    await page.getByRole('button', { name: 'Xác nhận mở khóa', exact: true }).click();
    await page.getByText('Hãy ghi ý kiến.').waitFor();
    await page.getByLabel('Lý do mở khóa (bắt buộc)', { exact: true }).fill('Đơn vị cần bổ sung hoạt động tuyên truyền.');
    await page.getByRole('button', { name: 'Xác nhận mở khóa', exact: true }).click();
    await page.getByText('Đã mở khóa báo cáo', { exact: false }).waitFor();
    await statusBadge(page).filter({ hasText: 'Bị trả lại' }).waitFor();
    await page.locator('.reporting-history__item[data-action="unlock"]', { hasText: 'Đơn vị cần bổ sung hoạt động tuyên truyền.' }).waitFor();

    // The district's change goes through now.
    await district.getByRole('button', { name: 'Lưu thay đổi', exact: true }).click();
    await district.waitForURL((url) => url.pathname === `/communication/communication-activities/${activityId}`);
    assert.deepEqual(problems, []);
    assert.deepEqual(sessions.district.problems, []);
  });
});
