// Browser test of the yearly inspection plan (docs/contract.md "Inspection plans and
// establishment status"), in headless chromium against a real pcmd: a province officer adds two
// establishments at commune 14347 through the API, opens "Kế hoạch kiểm tra", asks for a proposal
// for Ninh Bình (37) in 2025 with one team inspecting one establishment a month, sees both
// establishments proposed, saves the draft, approves it and sees it approved, on the plan and in
// the list. Run: `node --test web/e2e/plans.test.mjs` (see server.mjs).

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37). */
const OFFICER = {
  username: 'e2e.kehoach',
  password: 'ke hoach kiem tra tinh 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Đỗ Văn Kế',
  keepPassword: true,
};

const ESTABLISHMENTS = [
  { unit: '14347', date: '2021-03-01', name: 'Karaoke Hoa Mai', kind: 'karaoke', address: 'Số 12' },
  { unit: '14347', date: '2021-03-01', name: 'Nhà nghỉ Bình An', kind: 'lodging', address: 'Số 40' },
];

let server;
let browser;
let context;
let page;
const problems = [];

before(async () => {
  server = await startServer({ accounts: [OFFICER] });
  const { secret, step } = await enrolTotp(server.url, OFFICER);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'vi-VN' });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await signIn(page, OFFICER.username, OFFICER.password, { url: server.url, totpSecret: secret, usedStep: step });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
});

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

const heading = (name) => page.getByRole('heading', { level: 1, name });

describe('inspection plans', () => {
  test('a province officer proposes, saves and approves the plan of 2025', async () => {
    for (const establishment of ESTABLISHMENTS) {
      const created = await pageApi('POST', '/api/establishments', establishment);
      assert.equal(created.status, 201, JSON.stringify(created.body));
    }

    await page.getByRole('navigation').getByRole('link', { name: 'Kế hoạch kiểm tra', exact: true }).click();
    await heading('Kế hoạch kiểm tra').waitFor();
    await page.getByRole('link', { name: 'Lập kế hoạch', exact: true }).click();
    await heading('Lập kế hoạch kiểm tra').waitFor();

    // The user's unit is already chosen; the year, the first month and one team of capacity 1.
    await page.getByText('Tỉnh Ninh Bình').first().waitFor();
    await page.getByLabel('Năm', { exact: true }).fill('2025');
    await page.getByLabel('Bắt đầu từ tháng', { exact: true }).selectOption('10');
    await page.getByLabel('Tên đoàn', { exact: true }).fill('Đoàn liên ngành tỉnh');
    for (let m = 1; m <= 12; m += 1) {
      await page.getByLabel(`Đoàn liên ngành tỉnh: Tháng ${m}`, { exact: true }).fill('1');
    }
    await page.getByRole('button', { name: 'Đề xuất', exact: true }).click();

    const proposal = page.locator('.plans-proposal');
    await proposal.getByRole('heading', { name: 'Đề xuất kế hoạch' }).waitFor();
    for (const { name } of ESTABLISHMENTS) await proposal.locator('.plans-item__name', { hasText: name }).waitFor();
    assert.equal(await proposal.locator('.plans-item').count(), 2);
    // The district summary and the reasons as Vietnamese badges.
    await proposal.getByRole('rowheader', { name: 'Thành phố Ninh Bình' }).waitFor();
    assert.ok((await proposal.locator('.badge', { hasText: 'Chưa từng kiểm tra' }).count()) >= 2);
    // Both go in from October on.
    const months = await proposal.locator('.plans-month__title').allTextContents();
    assert.ok(months.every((text) => /^Tháng (10|11|12) /.test(text)), months.join(' | '));

    await page.getByRole('button', { name: 'Lưu dự thảo', exact: true }).click();
    await heading('Kế hoạch kiểm tra năm 2025').waitFor();
    assert.match(page.url(), /\/inspection-plans\/[^/]+$/);
    await page.getByText('Đã lưu dự thảo kế hoạch.').waitFor();
    await page.locator('.plans-facts .badge', { hasText: 'Dự thảo' }).waitFor();
    for (const { name } of ESTABLISHMENTS) await page.getByRole('cell', { name }).waitFor();
    // The draft was sent with each item's reasons, so the saved plan shows them as badges too.
    assert.equal(await page.locator('.plans-table .badge', { hasText: 'Chưa từng kiểm tra' }).count(), 2);
    await page.getByRole('link', { name: 'Tải về (XLSX)' }).waitFor();

    await page.getByRole('button', { name: 'Phê duyệt', exact: true }).click();
    await page.locator('.plans-facts .badge', { hasText: 'Đã phê duyệt' }).waitFor();
    await page.getByText('Đã phê duyệt kế hoạch.').waitFor();
    assert.equal(await page.getByRole('button', { name: 'Phê duyệt', exact: true }).count(), 0);

    // The list of 2025 says so too.
    await page.getByRole('link', { name: 'Về danh sách kế hoạch' }).click();
    await heading('Kế hoạch kiểm tra').waitFor();
    const row = page.locator('.plans-table tbody tr');
    await row.locator('.badge', { hasText: 'Đã phê duyệt' }).waitFor();
    assert.equal(await row.count(), 1);

    assert.deepEqual(problems, []);
  });
});
