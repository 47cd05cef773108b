// QR codes as SVG path data, drawn by the page itself: qrcode-generator computes the modules
// and nothing is fetched, no inline style is needed (the CSP forbids both).

import qrcode from 'qrcode-generator';

/** The modules of the QR code of `text` (true = dark), medium error correction. */
export function qrMatrix(text: string): boolean[][] {
  const qr = qrcode(0, 'M');
  qr.addData(text, 'Byte');
  qr.make();
  const size = qr.getModuleCount();
  const rows: boolean[][] = [];
  for (let r = 0; r < size; r += 1) {
    const row: boolean[] = [];
    for (let c = 0; c < size; c += 1) row.push(qr.isDark(r, c));
    rows.push(row);
  }
  return rows;
}

/**
 * One SVG path for all dark modules, each run of dark modules in a row one rectangle, shifted by
 * `margin` modules (the quiet zone that scanners need).
 */
export function qrPath(matrix: readonly (readonly boolean[])[], margin = 4): string {
  const parts: string[] = [];
  matrix.forEach((row, r) => {
    let c = 0;
    while (c < row.length) {
      if (!row[c]) {
        c += 1;
        continue;
      }
      const start = c;
      while (c < row.length && row[c]) c += 1;
      parts.push(`M${start + margin} ${r + margin}h${c - start}v1h-${c - start}z`);
    }
  });
  return parts.join('');
}
