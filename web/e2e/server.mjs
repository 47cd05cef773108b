// Shared set-up of the browser tests: a pcmd server to talk to, its test accounts, a headless
// chromium, and signing in.
//
// startServer({ accounts, demo, reorganised }): creates a throw-away store with
//   pcmd init --data TMP --units ../data/units/ninh-binh-units.csv
// (with `demo: true`, `pcmd demo` instead: the same units with records of 2021-2025 and the demo
// accounts; two-step sign-in is then optional for every role; with `reorganised: true` as well,
// `pcmd demo --trees ../data/units` also loads the trees of 1 January and 1 July 2025 with their
// change rows)
// adds the test accounts (ACCOUNTS below, plus `accounts`) with
//   pcmd user add NAME --role ROLE --unit CODE [--keep-password] --data TMP   (password on stdin)
// before serving it with `pcmd serve --data TMP --listen 127.0.0.1:PORT --web dist` on a free port
// (PCMD_PLANS, default ../data/plans: the plans of the indicators), and waits for /api/health. The binary is PCMD_BIN (relative to web/; ctest sets it), by default
// the more recently built of ../build/dev/src/app/pcmd and ../build/ci/src/app/pcmd. stop() ends the server it started (SIGTERM, then SIGKILL) and removes TMP.
// server.addUser(account) adds one more while it runs (the command line opens the same store).
//
// With PCMD_URL set, the tests use that server instead (it must have the Ninh Bình units); the
// accounts are then added through PCMD_DATA or PCMD_DB, which must name that server's store
// (an account that exists already is left as it is).
//
// launchBrowser(): Debian's chromium (PCMD_CHROMIUM, default /usr/bin/chromium), headless,
// through playwright-core; never downloads a browser. Chromium keeps the Secure session cookie
// on http://127.0.0.1, which it treats as a secure context.
//
// signIn(page, username, password, { totpSecret }): signs in through the /login form.
// enrolTotp(url, account): sets up two-step sign-in through the API, for roles that need it.

import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { freshTotpCode, totpCode, totpStep } from './totp.mjs';

// The browser and the tests' own dates are Vietnam's, as the server's are (base::Date::Today is
// UTC+7): between 17:00 and 24:00 UTC the machine's date is the day before.
export const VIETNAM_TZ = 'Asia/Ho_Chi_Minh';
process.env.TZ = VIETNAM_TZ;

export const WEB_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_DIR = resolve(WEB_DIR, '..');

const HEALTH_TIMEOUT_MS = 30_000;

/**
 * The accounts every test server has, with passwords kept (no change asked at first sign-in).
 * None of these roles needs two-step sign-in.
 */
export const ACCOUNTS = {
  viewer: { username: 'e2e.viewer', password: 'lanh dao chi xem 2026', role: 'viewer', unit: '37', displayName: 'Trần Thị Xem', keepPassword: true },
  admin: { username: 'e2e.admin', password: 'quan tri thu nghiem 2026', role: 'admin', unit: '37', displayName: 'Lê Văn Quản', keepPassword: true },
  dpo: { username: 'e2e.dpo', password: 'bao ve du lieu 2026', role: 'dpo', unit: '37', displayName: 'Phạm Thu Dữ', keepPassword: true },
};

function pcmdBin() {
  if (process.env.PCMD_BIN) return resolve(WEB_DIR, process.env.PCMD_BIN);
  const built = ['dev', 'ci'].map((preset) => resolve(REPO_DIR, 'build', preset, 'src/app/pcmd')).filter((path) => existsSync(path));
  built.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return built[0] ?? resolve(REPO_DIR, 'build/dev/src/app/pcmd');
}

/** `pcmd user add` for one account; `store` is ['--data', DIR] or ['--db', URL]. */
function addAccount(bin, store, account, { allowExisting = false } = {}) {
  const args = ['user', 'add', account.username, '--role', account.role, '--unit', account.unit, ...store];
  if (account.displayName) args.push('--display-name', account.displayName);
  if (account.keepPassword) args.push('--keep-password');
  const run = spawnSync(bin, args, { input: `${account.password}\n`, encoding: 'utf8' });
  const output = `${run.stdout}\n${run.stderr}`;
  if (run.status === 0 && /account added/.test(run.stdout)) return;
  if (allowExisting && /username is taken/.test(output)) return;
  throw new Error(`pcmd user add ${account.username} failed (${run.status}):\n${output}`);
}
const STOP_TIMEOUT_MS = 10_000;

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

function freePort() {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((done) => setTimeout(done, ms));

async function isHealthy(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/api/health`, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) return false;
    const body = await response.json();
    return body.status === 'ok';
  } catch {
    return false;
  }
}

async function waitForHealth(baseUrl, child, log) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) {
      throw new Error(`pcmd serve exited with ${child.exitCode} before it was ready:\n${log()}`);
    }
    if (await isHealthy(baseUrl)) return;
    await sleep(150);
  }
  throw new Error(`no healthy pcmd at ${baseUrl} after ${HEALTH_TIMEOUT_MS} ms\n${log()}`);
}

/**
 * A pcmd server for the browser tests: { url, stop() }. Uses PCMD_URL when set, otherwise starts
 * one (see the top of this file). `stop` is safe to call more than once.
 */
export async function startServer({ accounts = [], demo = false, reorganised = false } = {}) {
  const wanted = [...Object.values(ACCOUNTS), ...accounts];
  const external = process.env.PCMD_URL;
  if (external) {
    const url = external.replace(/\/+$/, '');
    await waitForHealth(url, null, () => '');
    const store = process.env.PCMD_DB ? ['--db', process.env.PCMD_DB] : process.env.PCMD_DATA ? ['--data', process.env.PCMD_DATA] : null;
    if (!store) throw new Error('with PCMD_URL, set PCMD_DATA or PCMD_DB to the store of that server so that the test accounts can be added');
    const bin = pcmdBin();
    for (const account of wanted) addAccount(bin, store, account, { allowExisting: true });
    return { url, stop: async () => {}, addUser: (account) => addAccount(bin, store, account) };
  }

  const bin = pcmdBin();
  const units = resolve(REPO_DIR, 'data/units/ninh-binh-units.csv');
  const dist = resolve(WEB_DIR, 'dist');
  if (!existsSync(bin)) throw new Error(`pcmd binary not found at ${bin} (build it, or set PCMD_BIN or PCMD_URL)`);
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html missing: run "npm run build" in web/ first`);

  const dataDir = mkdtempSync(join(tmpdir(), 'pcmd-e2e-'));
  const env = { ...process.env, PCMD_PLANS: process.env.PCMD_PLANS ?? resolve(REPO_DIR, 'data/plans') };
  const command = demo ? 'demo' : 'init';
  const args = [command, '--data', dataDir, '--units', units, ...(demo && reorganised ? ['--trees', resolve(REPO_DIR, 'data/units')] : [])];
  const init = spawnSync(bin, args, { encoding: 'utf8', env, maxBuffer: 64 * 1024 * 1024 });
  if (init.status !== 0) {
    rmSync(dataDir, { recursive: true, force: true });
    throw new Error(`pcmd ${command} failed (${init.status}):\n${init.stdout}\n${init.stderr}`);
  }
  try {
    for (const account of wanted) addAccount(bin, ['--data', dataDir], account);
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }

  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(bin, ['serve', '--data', dataDir, '--listen', `127.0.0.1:${port}`, '--web', dist], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env,
  });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-20_000);
  });
  const log = () => stderr.split('\n').slice(-20).join('\n');

  // Should the test process die without calling stop(), take the server down with it.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  let stopped = false;
  async function stop() {
    if (stopped) return;
    stopped = true;
    process.removeListener('exit', killOnExit);
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  }

  try {
    await waitForHealth(url, child, log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop, log, addUser: (account) => addAccount(bin, ['--data', dataDir], account) };
}

/** Headless Debian chromium; close it with `await browser.close()`. */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.PCMD_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    env: { ...process.env, TZ: VIETNAM_TZ },
  });
}

const LOGIN_TIMEOUT_MS = 30_000;

/**
 * Signs in through the /login form (Vietnamese labels) and waits until the sign-in page has gone:
 * the app, or a forced step (new password, two-step set-up). Options:
 *   url         the server (default: the origin the page is at)
 *   totpSecret  answer the one-time code question with a code computed from it (totp.mjs),
 *               of a later time step than `usedStep` (the server refuses a step twice)
 *   code        answer it with this code instead (a recovery code, say)
 *   next        the page to come back to (/login?next=…)
 * Returns { step }: the time step of the TOTP code sent, or null. A refused sign-in throws with
 * the message the page shows.
 */
export async function signIn(page, username, password, { url, totpSecret, usedStep, code, next } = {}) {
  const origin = url ?? new URL(page.url()).origin;
  if (!origin || origin === 'null') throw new Error('signIn: pass { url } for a page that has not opened the server');
  await page.goto(`${origin}/login${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  await page.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
  await page.getByLabel('Mật khẩu', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  let step = null;
  if (totpSecret || code) {
    const field = page.getByLabel('Mã xác thực', { exact: true });
    await field.waitFor({ timeout: LOGIN_TIMEOUT_MS });
    let answer = code;
    if (!answer) ({ code: answer, step } = await freshTotpCode(totpSecret, usedStep));
    await field.fill(answer);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
  }
  const outcome = await page.waitForFunction(
    () => {
      const refused = document.querySelector('.auth-card .notice--error');
      if (refused) return `refused: ${refused.textContent}`;
      if (!window.location.pathname.startsWith('/login')) return 'ok';
      const title = document.querySelector('h1')?.textContent ?? '';
      return title !== '' && title !== 'Đăng nhập' ? 'ok' : false;
    },
    null,
    { timeout: LOGIN_TIMEOUT_MS },
  );
  const result = await outcome.jsonValue();
  if (result !== 'ok') throw new Error(`sign-in of ${username} ${result}`);
  return { step };
}

/**
 * Signs in from the test itself (no browser): { cookie, csrf, session } for calls made beside the
 * page, such as changing a record behind its back.
 */
export async function apiSignIn(url, username, password, totp) {
  const reply = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(totp ? { username, password, totp } : { username, password }),
  });
  const body = await reply.json();
  if (!reply.ok) throw new Error(`sign-in of ${username}: ${reply.status} ${JSON.stringify(body)}`);
  const cookie = (reply.headers.get('set-cookie') ?? '').split(';')[0];
  return { cookie, csrf: body.csrf_token, session: body };
}

/**
 * A page of `browser` signed in as `account` ({ username, password }) at `viewport` (a phone's
 * touch screen with `phone`): { context, page, problems }, the page errors and console errors
 * collected in `problems` (refused calls, such as the 401 before sign-in, log as failed resources
 * and are left out).
 */
export async function openSignedIn(browser, url, account, { viewport, phone = false, timeout = 30_000 } = {}) {
  const context = await browser.newContext({ viewport, locale: 'vi-VN', ...(phone ? { isMobile: true, hasTouch: true } : {}) });
  const page = await context.newPage();
  page.setDefaultTimeout(timeout);
  const problems = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  await signIn(page, account.username, account.password, { url });
  return { context, page, problems };
}

/** Saves a full-page screenshot as PCMD_SCREENSHOTS/`file` when that variable is set. */
export async function saveScreenshot(page, file) {
  const dir = process.env.PCMD_SCREENSHOTS;
  if (!dir) return;
  mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: join(dir, file), fullPage: true });
}

/** A JSON call with a session from apiSignIn: { status, body }. */
export async function apiCall(url, { cookie, csrf }, method, path, body) {
  const headers = { Cookie: cookie, Accept: 'application/json' };
  if (method !== 'GET') headers['X-CSRF-Token'] = csrf;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const reply = await fetch(`${url}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await reply.text();
  return { status: reply.status, body: text ? JSON.parse(text) : null, headers: reply.headers };
}

/**
 * Sets up two-step sign-in of a new account through the API: { secret, step } of the code that
 * confirmed it (which cannot sign in again: pass it to signIn as `usedStep`).
 */
export async function enrolTotp(url, account) {
  const session = await apiSignIn(url, account.username, account.password);
  if (session.session.must_enrol_totp !== true) throw new Error(`${account.username} was not asked to set up two-step sign-in`);
  const enrol = await apiCall(url, session, 'POST', '/api/auth/totp/enrol');
  if (enrol.status !== 200) throw new Error(`totp enrol of ${account.username}: ${enrol.status} ${JSON.stringify(enrol.body)}`);
  const step = totpStep();
  const confirm = await apiCall(url, session, 'POST', '/api/auth/totp/confirm', { code: totpCode(enrol.body.secret, step) });
  if (confirm.status !== 200) throw new Error(`totp confirm of ${account.username}: ${confirm.status} ${JSON.stringify(confirm.body)}`);
  return { secret: enrol.body.secret, step };
}
