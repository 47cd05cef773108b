// Two buttons, VI and EN; the pressed one is the current language. The choice is remembered in
// localStorage by i18n.setLang.

import { LANGS, setLang, t, type Lang } from '../i18n';
import { browserStorage } from '../storage';

export function LanguageSwitch({ lang }: { lang: Lang }) {
  return (
    <div class="lang-switch" role="group" aria-label={t('lang.label')}>
      {LANGS.map((option) => (
        <button
          key={option}
          type="button"
          class="lang-switch__button"
          lang={option}
          aria-pressed={option === lang}
          title={t(option === 'vi' ? 'lang.vi' : 'lang.en')}
          onClick={() => setLang(option, browserStorage())}
        >
          <span aria-hidden="true">{option.toUpperCase()}</span>
          <span class="visually-hidden">{t(option === 'vi' ? 'lang.vi' : 'lang.en')}</span>
        </button>
      ))}
    </div>
  );
}
