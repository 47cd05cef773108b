// Browser tests of the communication materials and their files (docs/contract.md, "Files of
// records"), in headless chromium against a real pcmd: a province officer creates a material
// through the generic form, uploading a small PDF from disk (progress, then its name and size),
// sees the record with a link that downloads the PDF, then, changing the record, meets the
// refusals (a ".pdf" that is HTML, refused by the server; a text file, refused before it goes up;
// no file and no video link) and replaces the PDF by an image.
// Run: `node --test web/e2e/materials.test.mjs` (see server.mjs). PCMD_SCREENSHOTS=DIR saves screenshots.

import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { enrolTotp, launchBrowser, signIn, startServer } from './server.mjs';

const PHONE = { width: 360, height: 740 };
const DESKTOP = { width: 1280, height: 800 };
const TIMEOUT_MS = 30_000;

/** A province officer of Ninh Bình (37). */
const OFFICER = {
  username: 'e2e.tinh',
  password: 'truyen thong cap tinh 2026',
  role: 'province_officer',
  unit: '37',
  displayName: 'Vũ Thị Tỉnh',
  keepPassword: true,
};

const FILE_LABEL = 'Tệp (PDF, ảnh)';
const PDF_NAME = 'Tờ rơi phòng chống mại dâm.pdf';
const PDF = '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n';
// A 1 × 1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

let server;
let browser;
let context;
let page;
let files;
const problems = [];
const uploads = [];

before(async () => {
  files = mkdtempSync(join(tmpdir(), 'pcmd-e2e-files-'));
  server = await startServer({ accounts: [OFFICER] });
  const { secret, step } = await enrolTotp(server.url, OFFICER);
  browser = await launchBrowser();
  context = await browser.newContext({ viewport: DESKTOP, locale: 'vi-VN', acceptDownloads: true });
  page = await context.newPage();
  page.setDefaultTimeout(TIMEOUT_MS);
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    // The refused uploads and saves of these tests log their 422 replies.
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname.endsWith('/files')) uploads.push(request.url());
  });
  await signIn(page, OFFICER.username, OFFICER.password, { url: server.url, totpSecret: secret, usedStep: step });
});

after(async () => {
  await context?.close();
  await browser?.close();
  await server?.stop();
  if (files) rmSync(files, { recursive: true, force: true });
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
const fileField = () => page.locator('.file-field');

/** Fetches a link of the page with the page's own session: status, type and the first bytes. */
function fetchLink(href) {
  return page.evaluate(async (url) => {
    const reply = await fetch(url);
    const bytes = new Uint8Array(await reply.arrayBuffer());
    return {
      status: reply.status,
      type: reply.headers.get('content-type'),
      disposition: reply.headers.get('content-disposition'),
      start: String.fromCharCode(...bytes.slice(0, 8)),
    };
  }, href);
}

/** A file on disk, as a user would pick it. */
function fileOnDisk(name, content) {
  const path = join(files, name);
  writeFileSync(path, content);
  return path;
}

describe('communication materials', () => {
  let recordPath;

  test('a material is created with a PDF uploaded through the form, and the record page downloads it', async () => {
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Tuyên truyền' }).click();
    await heading('Tuyên truyền').waitFor();
    await page.getByRole('main').getByRole('link', { name: /^Tài liệu truyền thông/ }).click();
    await heading('Tài liệu truyền thông').waitFor();
    await page.getByText('Chưa có bản ghi nào.').waitFor();

    await page.getByRole('link', { name: 'Thêm mới' }).click();
    await heading('Thêm mới: Tài liệu truyền thông').waitFor();
    await page.locator('.unit-picked').getByText('Tỉnh Ninh Bình').waitFor();
    await page.getByLabel('Ngày phát hành').fill('2024-06-01');
    await page.getByLabel('Tên tài liệu').fill('Tờ rơi phòng, chống mại dâm 2024');
    await page.getByLabel('Loại tài liệu').selectOption({ label: 'Tờ rơi, tờ gấp' });
    await page.getByRole('combobox', { name: 'Ngôn ngữ' }).selectOption({ label: 'Tiếng Việt' });
    await fileField().getByText('Tệp PDF hoặc ảnh (PNG, JPEG, GIF, WebP), tối đa 20 MB.', { exact: false }).waitFor();

    await page.getByLabel(FILE_LABEL).setInputFiles(fileOnDisk(PDF_NAME, PDF));
    await fileField().getByText(`Đã tải lên: ${PDF_NAME} · 1 kB`).waitFor();
    assert.equal(uploads.length, 1);
    await fileField().getByRole('button', { name: 'Bỏ tệp' }).waitFor();
    await bothWidths('material-form');

    await page.getByRole('button', { name: 'Lưu', exact: true }).click();
    await heading('Tài liệu truyền thông, 01/06/2024').waitFor();
    await page.getByText('Đã lưu bản ghi mới.').waitFor();
    recordPath = new URL(page.url()).pathname;
    const id = recordPath.split('/').pop();

    const facts = page.locator('.record-card .facts');
    const link = facts.getByRole('link', { name: 'Tải tệp xuống' });
    await link.waitFor();
    assert.equal(await link.getAttribute('download'), '');
    const href = await link.getAttribute('href');
    assert.equal(href, `/api/communication-materials/${id}/files/file`);
    assert.doesNotMatch(await facts.innerText(), new RegExp(id.slice(0, 8)), 'the record page shows the raw file id');
    const got = await fetchLink(href);
    assert.equal(got.status, 200);
    assert.equal(got.type, 'application/pdf');
    assert.match(got.disposition, /^attachment;/);
    assert.equal(got.start, '%PDF-1.4');
    // Clicking it downloads the file under its own name.
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    assert.equal(download.suggestedFilename(), PDF_NAME);
    await bothWidths('material-page');
    assert.deepEqual(problems, []);
  });

  test('a changed material: an HTML “.pdf” and a text file are refused under the field; the PDF is replaced by an image', async () => {
    await page.goto(server.url + recordPath);
    await heading('Tài liệu truyền thông, 01/06/2024').waitFor();
    await page.getByRole('link', { name: 'Sửa', exact: true }).click();
    await heading('Sửa: Tài liệu truyền thông').waitFor();
    const field = fileField();
    await field.getByText('Tệp hiện có:').waitFor();
    const current = field.getByRole('link', { name: 'Tải tệp xuống' });
    assert.equal((await fetchLink(await current.getAttribute('href'))).type, 'application/pdf');
    await field.getByText('Chọn tệp khác nếu muốn thay tệp hiện có.', { exact: false }).waitFor();

    // HTML named .pdf: the browser calls it a PDF, the server reads the bytes and refuses it.
    const before = uploads.length;
    await page.getByLabel(FILE_LABEL).setInputFiles(fileOnDisk('to-roi.pdf', '<html><script>alert(1)</script></html>'));
    const refusal = page.locator('.file-field.field--invalid .field__error');
    await refusal.getByText('Chỉ nhận tệp PDF hoặc ảnh (PNG, JPEG, GIF, WebP); video xin ghi đường dẫn').waitFor();
    assert.equal(uploads.length, before + 1);
    assert.equal(await page.getByLabel(FILE_LABEL).getAttribute('aria-invalid'), 'true');
    // The record keeps its file meanwhile.
    await field.getByText('Tệp hiện có:').waitFor();
    await bothWidths('material-refused');

    // A text file never leaves the browser.
    await page.getByLabel(FILE_LABEL).setInputFiles(fileOnDisk('ghi-chu.txt', 'ghi chú'));
    await refusal.getByText('“Tệp (PDF, ảnh)” chỉ nhận tệp PDF hoặc ảnh PNG, JPEG, GIF, WebP.').waitFor();
    assert.equal(uploads.length, before + 1, 'the text file was sent');

    // Without the file and without a video link the server refuses the change, under the field.
    await field.getByRole('button', { name: 'Bỏ tệp' }).click();
    await field.getByText('Tệp hiện có sẽ bị bỏ khi lưu.', { exact: false }).waitFor();
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.locator('.file-field.field--invalid').getByText('Cần tải lên tệp hoặc ghi đường dẫn video').waitFor();
    await field.getByRole('button', { name: 'Giữ tệp hiện có' }).click();
    await field.getByText('Tệp hiện có:').waitFor();

    // An image replaces the PDF.
    await page.getByLabel(FILE_LABEL).setInputFiles(fileOnDisk('anh-to-roi.png', PNG));
    await field.getByText('Đã tải lên: anh-to-roi.png · 1 kB').waitFor();
    assert.equal(await page.locator('.file-field .field__error').count(), 0);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await heading('Tài liệu truyền thông, 01/06/2024').waitFor();
    await page.getByText('Đã lưu thay đổi.').waitFor();
    const link = page.locator('.record-card .facts').getByRole('link', { name: 'Tải tệp xuống' });
    const got = await fetchLink(await link.getAttribute('href'));
    assert.equal(got.status, 200);
    assert.equal(got.type, 'image/png');
    // The history names the two files without showing their ids whole.
    const history = page.locator('.history-table tbody tr');
    await history.nth(1).waitFor();
    assert.match(await history.nth(0).innerText(), /2 · Sửa[\s\S]*Tệp \(PDF, ảnh\):[\s\S]*Tệp đính kèm \([0-9a-f]{8}\)[\s\S]*Tệp đính kèm \([0-9a-f]{8}\)/);
    assert.deepEqual(problems, []);
  });
});
