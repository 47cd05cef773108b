// "Báo cáo tổng hợp" on a round's page: the consolidated documents kept with the round (newest
// first, each a download link) and, for those who run the round, buttons that make a new one as
// an Excel workbook, a Word document or a PDF, saying "Đang tạo…" while the server works.

import { useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import { ErrorNotice } from '../components/error-notice';
import { FormMessage } from '../components/form-fields';
import { formatDateTime, formatSize } from '../format';
import { useApi } from '../hooks';
import { t, type Lang, type MessageKey } from '../i18n';
import { createDocument, documentHref, listDocuments, type DocumentFormat, type RoundDocument } from './api';

const FORMATS: readonly { format: DocumentFormat; label: MessageKey }[] = [
  { format: 'xlsx', label: 'reporting.makeXlsx' },
  { format: 'docx', label: 'reporting.makeDocx' },
  { format: 'pdf', label: 'reporting.makePdf' },
];

export function DocumentsPanel({ roundId, mayCreate, lang }: { roundId: string; mayCreate: boolean; lang: Lang }) {
  const list = useApi((signal) => listDocuments(roundId, signal), [roundId]);
  const [making, setMaking] = useState<DocumentFormat | null>(null);
  const [made, setMade] = useState<RoundDocument | null>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  async function make(format: DocumentFormat) {
    if (making) return;
    setMaking(format);
    setMade(null);
    setFailure(null);
    try {
      const doc = await createDocument(roundId, format);
      setMade(doc);
      list.reload();
    } catch (caught) {
      setFailure(caught instanceof ApiError ? caught : networkError());
    } finally {
      setMaking(null);
    }
  }

  // A reader who does not run the round and may not list its documents sees nothing of them.
  if (!mayCreate && list.error && (list.error.status === 403 || list.error.status === 404)) return null;
  const items = [...(list.data?.items ?? [])].sort((a, b) => b.created_at.localeCompare(a.created_at));
  return (
    <section class="card reporting-documents" aria-labelledby="reporting-documents-title">
      <h2 id="reporting-documents-title" class="reporting-section-title">
        {t('reporting.documents')}
      </h2>
      <p class="muted">{t('reporting.documentsIntro')}</p>
      {mayCreate && (
        <div class="reporting-actions">
          {FORMATS.map(({ format, label }) => (
            <button key={format} type="button" class="button" disabled={making !== null} aria-busy={making === format ? true : undefined} onClick={() => void make(format)}>
              {making === format ? t('reporting.making') : t(label)}
            </button>
          ))}
        </div>
      )}
      <div role="status" class="reporting-documents__status">
        {making !== null && <p>{t('reporting.making')}</p>}
      </div>
      {made && <FormMessage kind="success">{t('reporting.made', { name: made.file_name })}</FormMessage>}
      {failure && <ErrorNotice error={failure} lang={lang} />}
      {list.error && <p class="muted">{list.error.status === 404 ? t('reporting.documentsUnavailable') : list.error.localized(lang)}</p>}
      {!list.error && list.data && items.length === 0 && <p class="muted">{t('reporting.noDocuments')}</p>}
      {items.length > 0 && (
        <ul class="reporting-documents__list">
          {items.map((doc) => (
            <li key={doc.id} class="reporting-documents__item">
              <a href={documentHref(roundId, doc.id)} download={doc.file_name} aria-label={t('reporting.downloadLabel', { name: doc.file_name })}>
                {doc.file_name}
              </a>
              <span class="muted">
                {' '}
                {formatSize(doc.size_bytes, lang)} · {t('reporting.docCreated', { at: formatDateTime(doc.created_at, lang) })}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
