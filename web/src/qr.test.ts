import { describe, expect, it } from 'vitest';
import { qrMatrix, qrPath } from './qr';

describe('qrMatrix', () => {
  it('encodes an otpauth URI in a square with the three finder patterns', () => {
    const uri = 'otpauth://totp/pcmd:canbo?secret=DZXGCR2GO3DRDG4NA4FQNMYQOZPRW5ZE&issuer=pcmd&algorithm=SHA1&digits=6&period=30';
    const m = qrMatrix(uri);
    const n = m.length;
    expect(n).toBeGreaterThanOrEqual(21);
    expect((n - 17) % 4).toBe(0); // QR sizes are 17 + 4·version
    for (const row of m) expect(row).toHaveLength(n);
    // A finder pattern: a dark 7×7 ring with a dark 3×3 centre, in three corners.
    for (const [r0, c0] of [[0, 0], [0, n - 7], [n - 7, 0]] as const) {
      for (let i = 0; i < 7; i += 1) {
        expect(m[r0]![c0 + i]).toBe(true);
        expect(m[r0 + 6]![c0 + i]).toBe(true);
        expect(m[r0 + i]![c0]).toBe(true);
        expect(m[r0 + i]![c0 + 6]).toBe(true);
      }
      expect(m[r0 + 1]![c0 + 1]).toBe(false);
      expect(m[r0 + 3]![c0 + 3]).toBe(true);
    }
  });
});

describe('qrPath', () => {
  it('draws runs of dark modules as one rectangle each, inside the quiet zone', () => {
    const matrix = [
      [true, true, false],
      [false, true, true],
      [false, false, false],
    ];
    expect(qrPath(matrix, 4)).toBe('M4 4h2v1h-2zM5 5h2v1h-2z');
    expect(qrPath(matrix, 0)).toBe('M0 0h2v1h-2zM1 1h2v1h-2z');
    expect(qrPath([[false]], 4)).toBe('');
  });
});
