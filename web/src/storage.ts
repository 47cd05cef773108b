// window.localStorage when the browser allows it; null when it is disabled (some privacy modes
// throw on the mere access).

import type { LangStorage } from './i18n';

export function browserStorage(): LangStorage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}
