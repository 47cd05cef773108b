// RFC 6238 one-time codes (SHA-1, 6 digits, 30-second steps) computed in Node, so that the
// browser tests can answer the server's two-step sign-in like an authenticator app would.

import { createHmac } from 'node:crypto';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export const TOTP_PERIOD_S = 30;

/** RFC 4648 base32 (case, spaces and padding ignored) → bytes. */
export function base32Decode(text) {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '');
  let bits = 0;
  let value = 0;
  const out = [];
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new Error(`not base32: ${char}`);
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The time step of `unixSeconds`. */
export function totpStep(unixSeconds = Date.now() / 1000) {
  return Math.floor(unixSeconds / TOTP_PERIOD_S);
}

/** The 6-digit code of the base32 `secret` at time step `step` (RFC 4226 dynamic truncation). */
export function totpCode(secret, step = totpStep()) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32Decode(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0x0f;
  const number = (mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(number).padStart(6, '0');
}

/**
 * A code for a step later than `usedStep` (the server refuses a step it has already accepted):
 * waits, when needed, for the next 30-second step to begin. Returns { code, step }.
 */
export async function freshTotpCode(secret, usedStep) {
  let step = totpStep();
  while (usedStep !== undefined && step <= usedStep) {
    const msToNext = ((step + 1) * TOTP_PERIOD_S - Date.now() / 1000) * 1000;
    await new Promise((done) => setTimeout(done, Math.max(50, msToNext + 200)));
    step = totpStep();
  }
  return { code: totpCode(secret, step), step };
}
