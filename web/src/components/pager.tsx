// Previous / next for a paged list, with "21–40 / 123". The page number lives in the address.

import { pageCount, pageRange } from '../format';
import { t } from '../i18n';

export interface PagerProps {
  page: number;
  limit: number;
  total: number;
  onPage: (page: number) => void;
  label: string;
}

export function Pager({ page, limit, total, onPage, label }: PagerProps) {
  const pages = pageCount(total, limit);
  const range = pageRange(page, limit, total);
  if (pages <= 1 && page <= 1) return range ? <p class="pager__range muted">{range}</p> : null;
  return (
    <nav class="pager" aria-label={label}>
      <button type="button" class="button" disabled={page <= 1} onClick={() => onPage(Math.min(page - 1, pages))}>
        {t('paging.previous')}
      </button>
      <span class="pager__range">
        {range ?? ''}
        <span class="pager__page">{t('paging.page', { page, pages })}</span>
      </span>
      <button type="button" class="button" disabled={page >= pages} onClick={() => onPage(page + 1)}>
        {t('paging.next')}
      </button>
    </nav>
  );
}
