// A QR code as an inline SVG (see qr.ts). The QR encoder is loaded only here, when a page needs
// it (two-step sign-in set-up), so that it does not weigh on every page. The label says what the
// code holds for screen readers; the same content is shown as text beside it for whoever cannot
// scan.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

const MARGIN = 4;

interface Drawn {
  text: string;
  path: string;
  size: number;
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const [drawn, setDrawn] = useState<Drawn | null>(null);
  const [hasFailed, setFailed] = useState(false);

  useEffect(() => {
    let isCurrent = true;
    import('../qr').then(
      ({ qrMatrix, qrPath }) => {
        if (!isCurrent) return;
        const matrix = qrMatrix(text);
        setDrawn({ text, path: qrPath(matrix, MARGIN), size: matrix.length + 2 * MARGIN });
      },
      // An old page after an upgrade asks for a chunk that is gone: the key below still works.
      (failure: unknown) => {
        console.error(failure);
        if (isCurrent) setFailed(true);
      },
    );
    return () => {
      isCurrent = false;
    };
  }, [text]);

  if (hasFailed) return <p class="qr-code qr-code--failed">{t('totp.qrFailed')}</p>;
  if (!drawn || drawn.text !== text) return <div class="qr-code qr-code--loading" aria-hidden="true" />;
  return (
    <svg class="qr-code" viewBox={`0 0 ${drawn.size} ${drawn.size}`} role="img" aria-label={label} shape-rendering="crispEdges">
      <rect width={drawn.size} height={drawn.size} fill="#fff" />
      <path d={drawn.path} fill="#000" />
    </svg>
  );
}
