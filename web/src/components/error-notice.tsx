// A failed server call, in the user's language, with a way to try again.

import type { ApiError } from '../api/client';
import { t, type Lang } from '../i18n';

export interface ErrorNoticeProps {
  error: ApiError;
  lang: Lang;
  onRetry?: () => void;
}

export function ErrorNotice({ error, lang, onRetry }: ErrorNoticeProps) {
  const fieldMessages = error.fields
    .map((field) => (lang === 'vi' ? field.message_vi : field.message_en) || field.message_vi)
    .filter((message) => message !== '');
  return (
    <div class="notice notice--error" role="alert">
      <p class="notice__title">{t('error.title')}</p>
      <p>{error.localized(lang)}</p>
      {fieldMessages.length > 0 && (
        <ul class="notice__fields">
          {fieldMessages.map((message) => (
            <li key={message}>{message}</li>
          ))}
        </ul>
      )}
      {onRetry && error.status !== 404 && (
        <button type="button" class="button" onClick={onRetry}>
          {t('app.retry')}
        </button>
      )}
    </div>
  );
}
