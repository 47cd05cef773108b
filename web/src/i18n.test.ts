import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_LANG,
  STORAGE_KEY,
  formatDate,
  getLang,
  initLang,
  messageKeys,
  onLangChange,
  setLang,
  t,
  unitTypeLabel,
  type LangStorage,
} from './i18n';

function memoryStorage(initial: Record<string, string> = {}): LangStorage & { data: Record<string, string> } {
  const data = { ...initial };
  return {
    data,
    getItem: (key) => (key in data ? data[key]! : null),
    setItem: (key, value) => {
      data[key] = value;
    },
  };
}

const throwingStorage: LangStorage = {
  getItem: () => {
    throw new Error('SecurityError');
  },
  setItem: () => {
    throw new Error('QuotaExceededError');
  },
};

afterEach(() => {
  initLang(null);
});

describe('dictionaries', () => {
  it('have the same keys in Vietnamese and English', () => {
    expect(messageKeys('en').sort()).toEqual(messageKeys('vi').sort());
  });

  it('have no empty message', () => {
    for (const lang of ['vi', 'en'] as const) {
      for (const key of messageKeys(lang)) expect(t(key as never, undefined, lang), key).not.toBe('');
    }
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of messageKeys('vi')) {
      const viText = t(key as never, undefined, 'vi');
      const enForms = t(key as never, undefined, 'en').split('|');
      for (const form of enForms) {
        // An English singular may drop nothing; every form names the same values.
        expect(placeholders(form), key).toEqual(placeholders(viText));
      }
    }
  });
});

describe('t', () => {
  it('speaks Vietnamese by default', () => {
    expect(DEFAULT_LANG).toBe('vi');
    expect(getLang()).toBe('vi');
    expect(t('nav.units')).toBe('Đơn vị hành chính');
  });

  it('fills placeholders', () => {
    expect(t('units.noResults', { q: 'abc' }, 'vi')).toBe('Không tìm thấy đơn vị nào khớp với “abc”.');
    expect(t('units.code', { code: '14347' }, 'en')).toBe('Code 14347');
  });

  it('leaves an unknown placeholder as it is', () => {
    expect(t('units.code', { other: 'x' }, 'en')).toBe('Code {code}');
  });

  it('chooses the English singular or plural by n', () => {
    expect(t('count.commune', { n: 1 }, 'en')).toBe('1 commune');
    expect(t('count.commune', { n: 14 }, 'en')).toBe('14 communes');
    expect(t('count.commune', { n: 0 }, 'en')).toBe('0 communes');
    expect(t('count.commune', { n: 1 }, 'vi')).toBe('1 đơn vị cấp xã');
  });

  it('writes numbers as the language does', () => {
    expect(t('count.results', { n: 1234 }, 'vi')).toBe('1.234 kết quả');
    expect(t('count.results', { n: 1234 }, 'en')).toBe('1,234 results');
  });
});

describe('language choice', () => {
  it('is read from storage, ignoring unknown values', () => {
    expect(initLang(memoryStorage({ [STORAGE_KEY]: 'en' }))).toBe('en');
    expect(t('nav.units')).toBe('Administrative units');
    expect(initLang(memoryStorage({ [STORAGE_KEY]: 'fr' }))).toBe('vi');
    expect(initLang(memoryStorage())).toBe('vi');
    expect(initLang(undefined)).toBe('vi');
  });

  it('is remembered and announced when it changes', () => {
    const storage = memoryStorage();
    const listener = vi.fn();
    const unsubscribe = onLangChange(listener);
    setLang('en', storage);
    expect(getLang()).toBe('en');
    expect(storage.data[STORAGE_KEY]).toBe('en');
    expect(listener).toHaveBeenCalledWith('en');

    setLang('en', storage);
    expect(listener).toHaveBeenCalledTimes(1); // no change, no announcement

    unsubscribe();
    setLang('vi', storage);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(storage.data[STORAGE_KEY]).toBe('vi');
  });

  it('still switches when the browser refuses storage', () => {
    expect(initLang(throwingStorage)).toBe('vi');
    setLang('en', throwingStorage);
    expect(getLang()).toBe('en');
  });
});

describe('formatting helpers', () => {
  it('write dates the Vietnamese and the English way', () => {
    expect(formatDate('2021-01-01', 'vi')).toBe('01/01/2021');
    expect(formatDate('2025-07-01', 'en')).toBe('1 Jul 2025');
    expect(formatDate('not a date', 'en')).toBe('not a date');
  });

  it('translate unit types to English but keep unknown ones', () => {
    expect(unitTypeLabel('Xã', 'en')).toBe('Commune');
    expect(unitTypeLabel('Xã', 'vi')).toBe('Xã');
    expect(unitTypeLabel('Khu tự trị', 'en')).toBe('Khu tự trị');
  });
});
