// Copies a text to the clipboard and says so for a moment. Where the clipboard API is refused
// (plain http on another machine than localhost) it says that instead, and the text stays
// selectable on the page.

import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

export function CopyButton({ text, label }: { text: string; label?: string }) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);

  useEffect(() => {
    if (!result) return undefined;
    const timer = setTimeout(() => setResult(null), 3000);
    return () => clearTimeout(timer);
  }, [result]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setResult('copied');
    } catch {
      setResult('failed');
    }
  }

  return (
    <span class="copy">
      <button type="button" class="button button--small" onClick={copy}>
        {label ?? t('copy.button')}
      </button>
      <span class="copy__status" role="status">
        {result === 'copied' ? t('copy.done') : result === 'failed' ? t('copy.failed') : ''}
      </span>
    </span>
  );
}
