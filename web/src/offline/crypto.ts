// The device key of the offline store: AES-GCM 256, derived with PBKDF2-SHA-256 (KDF_ITERATIONS
// rounds) from the user's password and a random salt kept on the device. The key itself is never
// stored: after a reload the user types the password again (offline/unlock-page.tsx). A
// "verifier" (a known text encrypted with the key) tells a right password from a wrong one
// without a network. Every sealed value has its own random 12-byte IV.

import { KDF_ITERATIONS } from './config';

export interface Sealed {
  iv: string;
  data: string;
}

const VERIFIER_TEXT = 'pcmd-offline-v1';

function toBase64(bytes: Uint8Array): string {
  let text = '';
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const raw = atob(text);
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** A new random salt (16 bytes, base64). */
export function newSalt(): string {
  return toBase64(crypto.getRandomValues(new Uint8Array(16)));
}

/** The AES-GCM key of `password` and `salt`; not extractable. */
export async function deriveKey(password: string, salt: string, iterations = KDF_ITERATIONS): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(password), 'PBKDF2', false, ['deriveKey']);
  return crypto.subtle.deriveKey(
    { name: 'PBKDF2', hash: 'SHA-256', salt: fromBase64(salt), iterations },
    material,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
}

export async function seal(key: CryptoKey, value: unknown): Promise<Sealed> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const plain = new TextEncoder().encode(JSON.stringify(value ?? null));
  const data = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, key, plain));
  return { iv: toBase64(iv), data: toBase64(data) };
}

/** The value sealed by seal(); throws when the key is not the one it was sealed with. */
export async function open<T = unknown>(key: CryptoKey, sealed: Sealed): Promise<T> {
  const plain = await crypto.subtle.decrypt({ name: 'AES-GCM', iv: fromBase64(sealed.iv) }, key, fromBase64(sealed.data));
  return JSON.parse(new TextDecoder().decode(plain)) as T;
}

export function makeVerifier(key: CryptoKey): Promise<Sealed> {
  return seal(key, VERIFIER_TEXT);
}

/** Whether `key` opens `verifier` (the password typed is the one the store was made with). */
export async function checkVerifier(key: CryptoKey, verifier: Sealed): Promise<boolean> {
  try {
    return (await open<string>(key, verifier)) === VERIFIER_TEXT;
  } catch {
    return false;
  }
}
