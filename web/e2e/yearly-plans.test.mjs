// Browser test of the yearly plans (kế hoạch năm, issue 8, activity A9; README.md "Yearly
// plans"), in headless chromium against a real pcmd: a province officer of Ninh Bình (37)
// drafts the plan of 2024 with its number and date, adds a task for the city (369) with a deadline
// already past, and issues it; the task shows "Quá hạn" (in words, not only a colour) on both
// sides; the city's district officer finds it under "Nhiệm vụ được giao", is refused "done" without
// evidence, then reports it done with evidence; the province sees it done and no longer overdue.
// Run: `node --test web/e2e/yearly-plans.test.mjs` (see server.mjs).
// Pages exercised (web/src/yearly-plans/): plans-page.tsx, plan-page.tsx, my-tasks-page.tsx,
// task-parts.tsx; their rules (plan.ts) in plan.test.ts.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const TIMEOUT_MS = 30_000;

const PROVINCE = { username: 'e2e.khnam.tinh', password: 'ke hoach nam tinh 2026', role: 'province_officer', unit: '37', displayName: 'Đặng Văn Tỉnh', keepPassword: true };
const DISTRICT = { username: 'e2e.khnam.huyen', password: 'ke hoach nam huyen 2026', role: 'district_officer', unit: '369', displayName: 'Vũ Thị Huyện', keepPassword: true };

const PLAN_TITLE = 'Kế hoạch phòng, chống mại dâm năm 2024';
const TASK_TITLE = 'Tổ chức tuyên truyền tại cơ sở kinh doanh dịch vụ';

let server;
let browser;
const sessions = {};

async function openAs(account) {
  const { secret, step } = await enrolTotp(server.url, account);
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // Refused calls (the 422 of "done" without evidence is checked in the page first) log as failed resources.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await signIn(page, account.username, account.password, { url: server.url, totpSecret: secret, usedStep: step });
  return { context, page, problems };
}

before(async () => {
  server = await startServer({ accounts: [PROVINCE, DISTRICT] });
  browser = await launchBrowser();
  sessions.province = await openAs(PROVINCE);
  sessions.district = await openAs(DISTRICT);
});

after(async () => {
  for (const s of Object.values(sessions)) await s.context?.close();
  await browser?.close();
  await server?.stop();
});

const heading = (page, name) => page.getByRole('heading', { level: 1, name });

describe('yearly plans', () => {
  test('the province drafts a plan with a task for the city and issues it', async () => {
    const { page, problems } = sessions.province;
    await page.goto(`${server.url}/yearly-plans`);
    await heading(page, 'Kế hoạch năm').waitFor();
    await page.getByRole('button', { name: 'Lập kế hoạch năm' }).click();
    await page.getByLabel('Năm', { exact: true }).fill('2024');
    await page.getByLabel('Tên kế hoạch').fill(PLAN_TITLE);
    await page.getByLabel('Số hiệu văn bản').fill('45/KH-UBND');
    await page.getByLabel('Ngày ban hành').fill('2024-01-20');
    await page.getByRole('button', { name: 'Lưu dự thảo' }).click();
    await heading(page, PLAN_TITLE).waitFor();
    assert.match(await page.locator('.yp-status').innerText(), /Dự thảo/);

    await page.getByLabel('Tên nhiệm vụ').fill(TASK_TITLE);
    await page.getByLabel('Mã đơn vị thực hiện').fill('369');
    await page.getByLabel('Cơ quan chủ trì').fill('Phòng Lao động - Thương binh và Xã hội');
    await page.getByLabel('Cơ quan phối hợp').fill('Công an thành phố\nPhòng Văn hóa');
    await page.getByLabel('Thời hạn hoàn thành').fill('2024-06-30');
    await page.getByLabel('Chỉ tiêu liên quan').fill('T1, T2');
    await page.getByRole('button', { name: 'Lưu nhiệm vụ' }).click();
    const row = page.locator('tr.yp-task', { hasText: TASK_TITLE });
    await row.waitFor();
    assert.match(await row.innerText(), /Thành phố Ninh Bình/);
    assert.match(await row.innerText(), /Quá hạn/);

    await page.getByRole('button', { name: 'Ban hành kế hoạch' }).click();
    await page.getByText('Kế hoạch đã được ban hành.').waitFor();
    await page.locator('.yp-status', { hasText: 'Đã ban hành' }).waitFor();
    assert.deepEqual(problems, []);
  });

  test('the city sees its overdue task and reports it done with evidence', async () => {
    const { page, problems } = sessions.district;
    await page.goto(`${server.url}/yearly-plans/tasks`);
    await heading(page, 'Nhiệm vụ được giao').waitFor();
    const card = page.locator('li.yp-task', { hasText: TASK_TITLE });
    await card.waitFor();
    assert.match(await card.innerText(), /Chưa thực hiện/);
    assert.match(await card.innerText(), /Quá hạn/);
    assert.match(await card.innerText(), /45\/KH-UBND/);

    await card.getByRole('button', { name: 'Báo cáo tiến độ' }).click();
    await card.getByLabel('Tình trạng').selectOption('done');
    await card.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await card.getByText('Cần minh chứng khi báo cáo hoàn thành').waitFor();

    await card.getByLabel('Minh chứng', { exact: true }).fill('Biên bản 12 buổi tuyên truyền');
    await card.getByLabel('Đường dẫn minh chứng').fill('https://ninhbinh.gov.vn/bien-ban-12');
    await card.getByRole('button', { name: 'Gửi báo cáo' }).click();
    await page.getByText('Đã ghi nhận báo cáo tiến độ.').waitFor();
    await page.locator('li.yp-task', { hasText: 'Hoàn thành' }).waitFor();
    assert.doesNotMatch(await page.locator('li.yp-task', { hasText: TASK_TITLE }).innerText(), /Quá hạn/);
    assert.deepEqual(problems, []);
  });

  test('the province sees the task done, no longer overdue', async () => {
    const { page, problems } = sessions.province;
    await page.reload();
    const row = page.locator('tr.yp-task', { hasText: TASK_TITLE });
    await row.waitFor();
    await row.locator('.yp-progress', { hasText: 'Hoàn thành' }).waitFor();
    assert.doesNotMatch(await row.innerText(), /Quá hạn/);
    await row.getByText('Các lần báo cáo').click();
    await row.getByText('Biên bản 12 buổi tuyên truyền', { exact: false }).waitFor();
    assert.deepEqual(problems, []);
  });
});
