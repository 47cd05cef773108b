// Small hooks shared by pages: the current language, a debounced value, and a server call that
// is cancelled when its inputs change or the page goes away.

import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, isAbortError, networkError } from './api/client';
import { getLang, onLangChange, type Lang } from './i18n';

/** The current language; the component re-renders when it changes. */
export function useLang(): Lang {
  const [lang, setLangState] = useState(getLang);
  useEffect(() => onLangChange(setLangState), []);
  return lang;
}

/** `value`, but only once it has stopped changing for `delayMs`. */
export function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return debounced;
}

export interface AsyncState<T> {
  data: T | null;
  error: ApiError | null;
  isLoading: boolean;
  reload: () => void;
}

/**
 * Runs `load` whenever `deps` change, aborting the previous run. While a new run is in flight the
 * previous data stays visible (no flash of emptiness on slow machines); `isLoading` says so.
 * `load` returning null means "nothing to load" and clears the data.
 */
export function useApi<T>(load: (signal: AbortSignal) => Promise<T> | null, deps: readonly unknown[]): AsyncState<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [settledKey, setSettledKey] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;
  // The run that the current data answers; any other key means a run is due or in flight, even
  // in the render before the effect below has started it.
  const key = JSON.stringify([...deps, attempt]);

  useEffect(() => {
    const controller = new AbortController();
    const pending = loadRef.current(controller.signal);
    if (pending === null) {
      setData(null);
      setError(null);
      setSettledKey(key);
      return undefined;
    }
    setError(null);
    pending.then(
      (result) => {
        if (controller.signal.aborted) return;
        setData(result);
        setSettledKey(key);
      },
      (failure: unknown) => {
        if (controller.signal.aborted || isAbortError(failure)) return;
        if (!(failure instanceof ApiError)) console.error(failure);
        setError(failure instanceof ApiError ? failure : networkError());
        setSettledKey(key);
      },
    );
    return () => controller.abort();
  }, [key]);

  const isSettled = settledKey === key;
  return { data, error: isSettled ? error : null, isLoading: !isSettled, reload: () => setAttempt((n) => n + 1) };
}

/** Sets the document title to "`title` · pcmd" while the page shows. */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = `${title} · pcmd`;
  }, [title]);
}
