// Browser tests of the dashboard "Tổng quan" (issue 7) against a real pcmd filled by `pcmd demo`
// (records of 2021-2025 in every part of Ninh Bình; two-step sign-in is optional in a demo
// store). A province officer lands on the dashboard, chooses 2024 and sees a card per target of
// the plan, each with its value (percent with one decimal, counts as integers, growth with its
// sign), target, counts and a coloured status badge, a trend chart each, and the count of each
// status; the view is in the address. The officer opens the ranking of T1, sees the districts
// ranked (bars and table), drills into one by its name and into a commune by its bar, and comes
// back up; opens the records behind T10 and follows one to the inspection's own page; is told
// that T12, counted from clients, publishes totals only. Printing hides the navigation and lays
// the cards out two a row. The first view again at 360×740, without sideways scrolling. An
// inspector (no aggregate read) has no "Tổng quan" and is told plainly that it is not for them.
// Run: `node --test web/e2e/dashboard.test.mjs` (see server.mjs; `pcmd demo` takes ~15 s).
// PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { apiSignIn, launchBrowser, openSignedIn, saveScreenshot, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37): reads every aggregate of the province. */
const PROVINCE = {
  username: 'e2e.tinh.tongquan',
  password: 'can bo tinh tong quan 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Vũ Thị Tổng',
  keepPassword: true,
};

/** An inspector: no aggregate read. */
const INSPECTOR = {
  username: 'e2e.kiemtra.tongquan',
  password: 'kiem tra vien tong quan 2026',
  role: 'inspector',
  unit: '37',
  displayName: 'Lý Văn Soát',
  keepPassword: true,
};

const STATUS_LABELS = {
  met: 'Đạt',
  not_met: 'Chưa đạt',
  on_track: 'Đang tiến triển kịp',
  behind: 'Chậm',
  no_data: 'Chưa có số liệu',
  suppressed: 'Số nhỏ (<5), không công bố',
};

let server;
let browser;
let planTargets = [];

before(async () => {
  server = await startServer({ demo: true, accounts: [PROVINCE, INSPECTOR] });
  browser = await launchBrowser();
  const plans = await (await fetch(`${server.url}/api/plans`, { headers: await cookieOf(PROVINCE) })).json();
  planTargets = plans.items[0].targets;
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

/** The session cookie of `account`, for calls beside the page. */
async function cookieOf(account) {
  return { Cookie: (await apiSignIn(server.url, account.username, account.password)).cookie };
}

/** A signed-in page of `account` at `viewport`, with its problems collected. */
const openAs = (account, viewport = DESKTOP) =>
  openSignedIn(browser, server.url, account, { viewport, phone: viewport === PHONE, timeout: TIMEOUT_MS });

const screenshot = (page, name) => saveScreenshot(page, `dashboard-${name}.png`);

const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const heading = (page, name) => page.getByRole('heading', { level: 1, name });
const card = (page, id) => page.locator(`.indicator[data-target="${id}"]`);
const query = (page) => Object.fromEntries(new URL(page.url()).searchParams);

/** "24,5 %" → 24.5; "—" → null. */
function number(text) {
  const clean = text.replace(/\s|%/g, '').replace(/\./g, '').replace(',', '.');
  return clean === '—' ? null : Number(clean);
}

/** Opens the dashboard of 2024 from the landing page, through the year select. */
async function openYear2024(page) {
  await heading(page, 'Tổng quan').waitFor();
  await page.waitForURL((url) => url.pathname === '/dashboard' && url.searchParams.has('period'));
  await page.getByLabel('Năm', { exact: true }).selectOption('2024');
  await page.waitForURL((url) => url.searchParams.get('period') === '2024');
  await page.getByRole('heading', { level: 2, name: 'Tỉnh Ninh Bình · Năm 2024' }).waitFor();
  await page.locator('[aria-busy="false"] .indicator').first().waitFor();
}

/** Checks every card: its value's form by kind, its badge by status, its target and trend chart. */
async function checkCards(page) {
  assert.equal(await page.locator('.indicator').count(), planTargets.length);
  for (const target of planTargets) {
    const c = card(page, target.id);
    const status = await c.getAttribute('data-status');
    assert.ok(status in STATUS_LABELS, `${target.id}: status ${status}`);
    assert.equal((await c.locator('.status-badge').textContent()).trim(), STATUS_LABELS[status], `${target.id}: badge`);
    const value = (await c.locator('.indicator__value').innerText()).replace('Kết quả:', '').trim();
    const form = { percent: /^\d{1,3},\d %$/, count: /^\d+$/, growth: /^([+-]\d+,\d|0,0) %$/ }[target.value];
    assert.ok(value === '—' || form.test(value.replace(/\u00a0/g, ' ')), `${target.id} (${target.value}): "${value}"`);
    await c.getByText(/^Chỉ tiêu: /).waitFor();
  }
}

describe('dashboard', () => {
  test('a province officer lands on the dashboard and sees every target of 2024 with its status', async () => {
    const { context, page, problems } = await openAs(PROVINCE);
    await openYear2024(page);
    assert.deepEqual(query(page), { plan: 'plan-184', unit: '37', period: '2024' });
    await checkCards(page);
    // Both kinds of outcome occur in the demo's 2024, and the summary counts the targets.
    const statuses = await page.locator('.indicator').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-status')));
    assert.ok(statuses.includes('met') && statuses.includes('not_met'), statuses.join(','));
    const counted = await page.locator('.dashboard-summary__count').allInnerTexts();
    assert.equal(counted.reduce((sum, n) => sum + Number(n), 0), planTargets.length);
    await card(page, 'T1').getByText(/^Tử số \d+ · Mẫu số \d+$/).waitFor();
    await card(page, 'T10b').getByText('vào cuối giai đoạn', { exact: false }).waitFor();
    await card(page, 'T12').getByText('Chỉ công bố số tổng hợp').waitFor();
    assert.equal(await card(page, 'T12').getByRole('link', { name: 'Bản ghi của T12' }).count(), 0);
    // A trend chart per card, drawn as the page is scrolled or when the browser is idle.
    await page.waitForFunction((n) => document.querySelectorAll('.indicator .chart svg').length === n, planTargets.length);
    await screenshot(page, 'overview');

    // The view is in the address: opened afresh, it is the same.
    await page.goto(`${server.url}/dashboard?plan=plan-184&unit=37&period=2024`);
    await page.getByRole('heading', { level: 2, name: 'Tỉnh Ninh Bình · Năm 2024' }).waitFor();
    assert.equal(await page.getByLabel('Năm', { exact: true }).inputValue(), '2024');

    // The view as files: the Excel tables and the report as a Word document (Decree 30 layout).
    for (const [name, file] of [['Tải bảng Excel', 'chi-tieu-37-2024.xlsx'], ['Tải báo cáo (Word)', 'bao-cao-37-2024.docx']]) {
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name }).click()]);
      assert.equal(download.suggestedFilename(), file);
      const bytes = await readFile(await download.path());
      assert.equal(bytes.subarray(0, 2).toString(), 'PK', `${file} is a zip package`);
    }

    // Printed: no navigation nor filters, the cards two a row.
    await page.emulateMedia({ media: 'print' });
    assert.equal(await page.locator('.main-nav').isVisible(), false);
    assert.equal(await page.locator('.app-header').isVisible(), false);
    assert.equal(await page.locator('.dashboard-filters').isVisible(), false);
    const columns = await page.locator('.indicator-grid').evaluate((grid) => getComputedStyle(grid).gridTemplateColumns.split(' ').length);
    assert.equal(columns, 2);
    await page.emulateMedia({ media: 'screen' });
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the ranking of T1 ranks the districts and drills down to a district and a commune', async () => {
    const { context, page, problems } = await openAs(PROVINCE);
    await openYear2024(page);
    await card(page, 'T1').getByRole('link', { name: 'Xếp hạng đơn vị theo T1' }).click();
    await heading(page, 'Xếp hạng đơn vị theo T1').waitFor();
    assert.equal(new URL(page.url()).pathname, '/dashboard/T1');
    assert.deepEqual(query(page), { plan: 'plan-184', unit: '37', period: '2024' });
    await page.getByRole('heading', { name: 'Các đơn vị trực thuộc Tỉnh Ninh Bình' }).waitFor();
    const rows = page.locator('.dashboard-children tbody tr');
    await rows.first().waitFor();
    assert.equal(await rows.count(), 8);
    const values = (await page.locator('.dashboard-children__num span').allInnerTexts()).map(number).filter((v) => v !== null);
    assert.deepEqual(values, [...values].sort((a, b) => b - a), 'best first');
    assert.equal((await page.locator('.dashboard-children__rank span').first().innerText()).trim(), '1');
    await page.waitForFunction(() => document.querySelectorAll('.chart--ranking svg path').length > 8);

    // Drill into the first district by its name.
    const first = rows.first();
    const district = await first.getAttribute('data-unit');
    const districtName = (await first.locator('.dashboard-children__unit a').innerText()).trim();
    await first.getByRole('link', { name: districtName }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === district);
    await page.getByRole('heading', { name: `Các đơn vị trực thuộc ${districtName}` }).waitFor();
    await page.locator(`.dashboard-filters .unit-picked__name`, { hasText: districtName }).waitFor();
    await page.locator('.dashboard-children tbody tr').first().waitFor();
    assert.ok((await page.locator('.dashboard-children tbody tr').count()) > 1);
    const path = page.getByRole('navigation', { name: 'Đơn vị cấp trên' });
    await path.getByRole('link', { name: 'Tỉnh Ninh Bình' }).waitFor();
    await screenshot(page, 'ranking-district');

    // A bar opens its commune too (the top bar: the best-ranked commune).
    const communeName = (await page.locator('.dashboard-children tbody tr').first().locator('.dashboard-children__unit a').innerText()).trim();
    const commune = await page.locator('.dashboard-children tbody tr').first().getAttribute('data-unit');
    await page.waitForFunction(() => document.querySelectorAll('.chart--ranking svg path').length > 2);
    await page.locator('.chart--ranking').scrollIntoViewIfNeeded();
    const bar = await page.evaluate(() => {
      // The bars are the filled rectangles right of the axis; the top one is the first row.
      const paths = [...document.querySelectorAll('.chart--ranking svg path')].filter((p) => /^#(1e7b3a|b3261e|0f6f7c|b26a00)$/i.test(p.getAttribute('fill') ?? ''));
      const boxes = paths.map((p) => p.getBoundingClientRect()).filter((r) => r.width > 2 && r.height > 2);
      boxes.sort((a, b) => a.top - b.top);
      return boxes[0] ? { x: boxes[0].left + boxes[0].width / 2, y: boxes[0].top + boxes[0].height / 2 } : null;
    });
    if (bar) {
      await page.mouse.click(bar.x, bar.y);
      await page.waitForURL((url) => url.searchParams.get('unit') === commune);
      await page.locator('.dashboard-filters .unit-picked__name', { hasText: communeName }).waitFor();
      await page.getByText('Đơn vị này không có đơn vị trực thuộc.').waitFor();
    } else {
      // Every commune of that district is at 0: no bar to click; open it by its name instead.
      await page.locator('.dashboard-children tbody tr').first().getByRole('link', { name: communeName }).click();
      await page.waitForURL((url) => url.searchParams.get('unit') === commune);
    }

    // And back up to the province through the units above.
    await page.getByRole('navigation', { name: 'Đơn vị cấp trên' }).getByRole('link', { name: 'Tỉnh Ninh Bình' }).click();
    await page.waitForURL((url) => url.searchParams.get('unit') === '37');
    await page.getByRole('heading', { name: 'Các đơn vị trực thuộc Tỉnh Ninh Bình' }).waitFor();
    await page.goBack();
    await page.waitForURL((url) => url.searchParams.get('unit') === commune);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the records behind T10 open their inspection; T12 publishes totals only', async () => {
    const { context, page, problems } = await openAs(PROVINCE);
    await openYear2024(page);
    const counts = await card(page, 'T10').locator('.indicator__counts').innerText();
    const numerator = number(/Tử số ([\d.]+)/.exec(counts)[1]);
    await card(page, 'T10').getByRole('link', { name: 'Bản ghi của T10' }).click();
    await heading(page, 'Bản ghi của T10').waitFor();
    assert.equal(new URL(page.url()).pathname, '/dashboard/T10/records');
    await page.getByText(/Các bản ghi được tính vào tử số của T10 tại Tỉnh Ninh Bình, Năm 2024\./).waitFor();
    const total = number(/([\d.]+) bản ghi$/.exec((await page.locator('.dashboard-records__intro strong').innerText()).trim())[1]);
    assert.ok(total >= numerator, `${total} inspections for ${numerator} establishments`);
    const rows = page.locator('.dashboard-records__table tbody tr');
    assert.equal(await rows.count(), Math.min(25, total));
    const link = rows.first().getByRole('link');
    const name = await link.getAttribute('aria-label');
    assert.match(name, /^Kiểm tra cơ sở, \d{2}\/\d{2}\/2024$/);
    assert.match(await link.getAttribute('href'), /^\/inspections\/inspections\/[0-9a-f-]{36}$/);
    await screenshot(page, 'records');
    await link.click();
    await heading(page, name).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/inspections\/inspections\/[0-9a-f-]{36}$/);

    await page.goto(`${server.url}/dashboard/T12/records?plan=plan-184&unit=37&period=2024`);
    await heading(page, 'Bản ghi của T12').waitFor();
    await page.getByText('chỉ công bố số liệu tổng hợp, không liệt kê bản ghi', { exact: false }).waitFor();
    assert.equal(await page.locator('.dashboard-records__table').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the first view at 360×740 has every card and no sideways scrolling', async () => {
    const { context, page, problems } = await openAs(PROVINCE, PHONE);
    await openYear2024(page);
    await checkCards(page);
    assert.ok(await noSidewaysScroll(page), 'the dashboard scrolls sideways at 360 px');
    await page.waitForFunction((n) => document.querySelectorAll('.indicator .chart svg').length === n, planTargets.length);
    await page.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
    assert.ok(await noSidewaysScroll(page), 'the charts scroll sideways at 360 px');
    await screenshot(page, 'phone');
    await card(page, 'T1').getByRole('link', { name: 'Xếp hạng đơn vị theo T1' }).click();
    await page.locator('.dashboard-children tbody tr').first().waitFor();
    await page.waitForFunction(() => document.querySelector('.chart--ranking svg') !== null);
    assert.ok(await noSidewaysScroll(page), 'the ranking scrolls sideways at 360 px');
    await screenshot(page, 'phone-ranking');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('an inspector has no dashboard and is told it is not for their role', async () => {
    const { context, page, problems } = await openAs(INSPECTOR);
    await heading(page, 'Đơn vị hành chính').waitFor();
    assert.equal(new URL(page.url()).pathname, '/units');
    const nav = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await nav.getByRole('link', { name: 'Kiểm tra', exact: true }).waitFor();
    assert.equal(await nav.getByRole('link', { name: 'Tổng quan' }).count(), 0);
    await page.goto(`${server.url}/dashboard?period=2024`);
    await heading(page, 'Không có quyền truy cập').waitFor();
    await page.getByText('Vai trò của bạn không dùng được chức năng này.').waitFor();
    assert.equal(await page.locator('.indicator').count(), 0);
    assert.deepEqual(problems, []);
    await context.close();
  });
});
