// Browser tests of the dashboard's trees of units and map of districts (issue 10) against a real
// pcmd filled by `pcmd demo` with the 2025 trees of Ninh Bình loaded (startServer({ demo: true,
// reorganised: true }): 8 districts until 2024, 7 from 1 January 2025 (Thành phố Ninh Bình merged
// into Thành phố Hoa Lư), none from 1 July 2025). A province officer opens the ranking of T1 for
// 2023 on the tree of the period ("Cây đơn vị: Theo thời kỳ") and sees the 8 districts on a map,
// coloured by status, with the boundaries' source and licence under it and a tooltip naming a
// district; in 2025 the province's units are communes: the map gives way to a note; 2024 on the
// tree of 1 January 2025 shows 7 districts, Thành phố Hoa Lư drawn with the boundaries of the two
// it took in. The choice is in the address. At 360×740 the map fits without sideways scrolling.
// Run: `node --test web/e2e/dashboard-map.test.mjs` (see server.mjs).
// PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { apiSignIn, launchBrowser, openSignedIn, saveScreenshot, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 900 };
const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37): reads every aggregate of the province. */
const PROVINCE = {
  username: 'e2e.tinh.bando',
  password: 'can bo tinh ban do 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Đinh Thị Bản',
  keepPassword: true,
};

const DISTRICTS_2021 = ['369', '370', '372', '373', '374', '375', '376', '377'];
const DISTRICTS_2025 = ['370', '372', '373', '374', '375', '376', '377'];
const ATTRIBUTION = 'Ranh giới: dvhcvn (GPL-3.0), nguồn gis.chinhphu.vn';
/** The status colours of the map (chart-options.ts STATUS_COLOURS). */
const STATUS_FILL = /^#(1e7b3a|b3261e|0f6f7c|b26a00|8a94a3)$/i;

let server;
let browser;
before(async () => {
  server = await startServer({ demo: true, reorganised: true, accounts: [PROVINCE] });
  const reply = await fetch(`${server.url}/api/unit-versions`, { headers: await cookieOf(PROVINCE) });
  assert.equal(reply.status, 200, 'GET /api/unit-versions');
  const versions = ((await reply.json()).items ?? []).map((v) => v.from);
  assert.ok(versions.includes('2025-01-01') && versions.includes('2025-07-01'),
    `the demo store has the 2025 trees (pcmd demo --trees): versions ${versions.join(', ')}`);
  browser = await launchBrowser();
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

const screenshot = (page, name) => saveScreenshot(page, `dashboard-map-${name}.png`);

const query = (page) => Object.fromEntries(new URL(page.url()).searchParams);
const noSidewaysScroll = (page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
const treeSelect = (page) => page.getByLabel('Cây đơn vị', { exact: true });
const map = (page) => page.locator('.dashboard-map');

/** Waits until the map draws exactly the districts `codes`, a filled region each. */
async function waitForMap(page, codes) {
  const want = [...codes].sort().join(',');
  await page.waitForFunction(
    ({ want: expected, fill }) => {
      const box = document.querySelector('.dashboard-map');
      const drawn = (box?.getAttribute('data-regions') ?? '').split(',').filter(Boolean);
      const paths = [...(box?.querySelectorAll('svg path') ?? [])].filter((p) => new RegExp(fill, 'i').test(p.getAttribute('fill') ?? ''));
      return [...drawn].sort().join(',') === expected && paths.length >= drawn.length;
    },
    { want, fill: STATUS_FILL.source },
  );
}

/** Waits until the ranking of the settled reply lists the units `codes`; or, given a number, more than that many. */
async function waitForRanking(page, codes) {
  await page.waitForFunction((expected) => {
    const rows = [...document.querySelectorAll('[aria-busy="false"] .dashboard-children tbody tr')].map((r) => r.getAttribute('data-unit'));
    return typeof expected === 'number' ? rows.length > expected : rows.sort().join(',') === expected;
  }, typeof codes === 'number' ? codes : [...codes].sort().join(','));
}

/** Hovers the regions until the tooltip names one of `names`; returns the name shown. */
async function tooltipName(page, names) {
  await map(page).locator('svg').first().scrollIntoViewIfNeeded();
  const centres = await page.evaluate((fill) => {
    const paths = [...document.querySelectorAll('.dashboard-map svg path')].filter((p) => new RegExp(fill, 'i').test(p.getAttribute('fill') ?? ''));
    return paths.map((p) => p.getBoundingClientRect()).filter((r) => r.width > 4 && r.height > 4).map((r) => ({ x: r.left + r.width / 2, y: r.top + r.height / 2 }));
  }, STATUS_FILL.source);
  for (const { x, y } of centres) {
    await page.mouse.move(x, y);
    const tip = page.locator('.dashboard-map .chart-tooltip').first();
    try {
      await tip.waitFor({ state: 'visible', timeout: 1500 });
    } catch {
      continue;
    }
    const text = await tip.innerText();
    const name = names.find((n) => text.includes(n));
    if (name) return { name, text };
  }
  return null;
}

describe('dashboard map of districts', () => {
  test('2023 on the tree of the period: 8 districts; 2025: no district level; 2024 on the tree of 1 January 2025: 7', async () => {
    const { context, page, problems } = await openAs(PROVINCE);
    await page.goto(`${server.url}/dashboard/T1?plan=plan-184&unit=37&period=2023`);
    await page.getByRole('heading', { level: 1, name: 'Xếp hạng đơn vị theo T1' }).waitFor();

    // Three versions and the period's own tree to choose from (once the versions are in).
    await page.waitForFunction(() => (document.querySelector('#dashboard-tree')?.options.length ?? 0) >= 4);
    const labels = await treeSelect(page).locator('option').allInnerTexts();
    assert.equal(labels[0], 'Theo thời kỳ');
    // The counts are the whole store's (Hà Nam and Nam Định are in it until July 2025).
    assert.ok(labels.some((l) => /^01\/01\/2025–30\/06\/2025 · \d+ huyện, \d+ xã$/.test(l)), labels.join(' | '));
    assert.ok(labels.some((l) => /^Từ 01\/07\/2025 · \d+ xã, không còn cấp huyện$/.test(l)), labels.join(' | '));
    await treeSelect(page).selectOption('period');
    await page.waitForURL((url) => url.searchParams.get('tree') === 'period');
    assert.deepEqual(query(page), { plan: 'plan-184', unit: '37', period: '2023', tree: 'period' });
    await page.getByRole('heading', { level: 2, name: 'Tỉnh Ninh Bình · Năm 2023' }).waitFor();
    await waitForRanking(page, DISTRICTS_2021);
    await waitForMap(page, DISTRICTS_2021);
    await page.getByRole('heading', { level: 3, name: 'Bản đồ kết quả T1 theo đơn vị' }).waitFor();
    assert.equal((await map(page).locator('.dashboard-map__attribution').innerText()).trim(), ATTRIBUTION);
    assert.ok(await map(page).locator('.dashboard-map__attribution').isVisible());
    assert.equal(await page.getByText('Chưa có ranh giới', { exact: false }).count(), 0);
    assert.ok((await map(page).locator('.map-legend__item').count()) >= 1);
    const names2023 = await page.locator('.dashboard-children__unit a').allInnerTexts();
    const tip = await tooltipName(page, names2023.map((n) => n.trim()));
    assert.ok(tip, 'a tooltip names a district');
    assert.match(tip.text, /(\d+,\d\s%|—) · /);
    await screenshot(page, '2023');

    // 2025 on the tree of the period: the one of July 2025, communes directly under the province.
    await page.getByLabel('Năm', { exact: true }).selectOption('2025');
    await page.waitForURL((url) => url.searchParams.get('period') === '2025');
    assert.equal(query(page).tree, 'period');
    await page.getByRole('heading', { level: 2, name: 'Tỉnh Ninh Bình · Năm 2025' }).waitFor();
    await waitForRanking(page, 100);
    await page.getByText('Bản đồ cấp xã sẽ có khi có lớp ranh giới xã được cấp phép mở.').waitFor();
    assert.equal(await map(page).count(), 0);
    assert.equal(await page.getByText(ATTRIBUTION).count(), 0);

    // 2024 on the tree of 1 January 2025: seven districts, Thành phố Hoa Lư with Ninh Bình's ground.
    await page.getByLabel('Năm', { exact: true }).selectOption('2024');
    await page.waitForURL((url) => url.searchParams.get('period') === '2024');
    await waitForRanking(page, DISTRICTS_2021);
    await waitForMap(page, DISTRICTS_2021);
    await treeSelect(page).selectOption('2025-01-01');
    await page.waitForURL((url) => url.searchParams.get('tree') === '2025-01-01');
    assert.deepEqual(query(page), { plan: 'plan-184', unit: '37', period: '2024', tree: '2025-01-01' });
    await waitForRanking(page, DISTRICTS_2025);
    await page.getByText('Theo cây đơn vị hành chính áp dụng từ ngày 01/01/2025.').waitFor();
    await waitForMap(page, DISTRICTS_2025);
    await page.locator('.dashboard-children__unit a', { hasText: 'Thành phố Hoa Lư' }).waitFor();
    await map(page).getByText('Thành phố Hoa Lư được vẽ bằng ranh giới cũ của Thành phố Ninh Bình, Huyện Hoa Lư.').waitFor();
    assert.equal(await page.getByText('Chưa có ranh giới', { exact: false }).count(), 0);
    await screenshot(page, '2024-on-2025-01-01');

    // The view is in the address: opened afresh, it is the same.
    await page.goto(`${server.url}/dashboard/T1?plan=plan-184&unit=37&period=2024&tree=2025-01-01`);
    await waitForMap(page, DISTRICTS_2025);
    assert.equal(await treeSelect(page).inputValue(), '2025-01-01');
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('the overview carries the tree into the ranking and records; a version that ended before the period is not offered', async () => {
    const { context, page, problems } = await openAs(PROVINCE);
    await page.goto(`${server.url}/dashboard?plan=plan-184&unit=37&period=2024&tree=2025-01-01`);
    await page.getByRole('heading', { level: 2, name: 'Tỉnh Ninh Bình · Năm 2024' }).waitFor();
    assert.equal(await treeSelect(page).inputValue(), '2025-01-01');
    await page.locator('.indicator[data-target="T1"]').getByRole('link', { name: 'Xếp hạng đơn vị theo T1' }).click();
    await page.waitForURL((url) => url.pathname === '/dashboard/T1');
    assert.equal(query(page).tree, '2025-01-01');
    // 2025 cannot be shown on a tree that ended in June: the choice goes back to the server's.
    await page.getByLabel('Năm', { exact: true }).selectOption('2025');
    await page.waitForURL((url) => url.searchParams.get('period') === '2025');
    assert.equal(query(page).tree, undefined);
    // Once the reply of 2025 is in, the select shows the tree the server chose: today's.
    await page.waitForFunction(() => document.querySelector('#dashboard-tree')?.value === '2025-07-01');
    const values = await treeSelect(page).locator('option').evaluateAll((options) => options.map((o) => o.value));
    assert.deepEqual(values, ['period', '2025-07-01']);
    assert.deepEqual(problems, []);
    await context.close();
  });

  test('at 360×740 the map of 2024 on the tree of 1 January 2025 fits without sideways scrolling', async () => {
    const { context, page, problems } = await openAs(PROVINCE, PHONE);
    await page.goto(`${server.url}/dashboard/T1?plan=plan-184&unit=37&period=2024&tree=2025-01-01`);
    await waitForMap(page, DISTRICTS_2025);
    await map(page).scrollIntoViewIfNeeded();
    const box = await map(page).locator('svg').first().boundingBox();
    assert.ok(box && box.x >= 0 && box.x + box.width <= PHONE.width, `map at ${JSON.stringify(box)}`);
    assert.ok(await noSidewaysScroll(page), 'the map scrolls sideways at 360 px');
    await screenshot(page, 'phone');
    assert.deepEqual(problems, []);
    await context.close();
  });
});
