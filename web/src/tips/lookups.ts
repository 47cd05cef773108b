// The names the tips pages need, fetched once per page load: the tip code lists (kind, channel,
// outcome), the deadline rules, and the names of assignees (the inspection team list of a unit,
// which only roles that read inspections get; otherwise the ids stay, the caller shown as "Bạn").

import { useEffect, useState } from 'preact/hooks';
import type { Session } from '../api/auth';
import { loadCodeList, type AssignableAccount, type CodeItem } from '../api/records';
import { useApi } from '../hooks';
import { assignableAccounts, tipDeadlines, type DeadlineRule } from './api';

export interface TipCodeLists {
  kind: CodeItem[];
  channel: CodeItem[];
  outcome: CodeItem[];
}

export function useTipCodeLists(): TipCodeLists {
  const state = useApi(
    () =>
      Promise.all([loadCodeList('tip_kind'), loadCodeList('tip_channel'), loadCodeList('tip_outcome')]).then(([kind, channel, outcome]) => ({
        kind,
        channel,
        outcome,
      })),
    [],
  );
  return state.data ?? { kind: [], channel: [], outcome: [] };
}

let deadlines: Promise<DeadlineRule[]> | null = null;

export function useDeadlineRules(): DeadlineRule[] {
  return (
    useApi(() => {
      if (!deadlines) {
        deadlines = tipDeadlines().then((reply) => reply.items);
        deadlines.catch(() => (deadlines = null));
      }
      return deadlines;
    }, []).data ?? []
  );
}

const byUnit = new Map<string, Promise<AssignableAccount[]>>();

/** Who may be named at `unit` (once per page load); rejects for roles that may not list them. */
export function loadAssignable(unit: string): Promise<AssignableAccount[]> {
  let pending = byUnit.get(unit);
  if (!pending) {
    pending = assignableAccounts(unit);
    byUnit.set(unit, pending);
  }
  return pending;
}

/** id → display name for the assignees of tips at `units`, the caller included. */
export function useAssigneeNames(units: readonly string[], session: Session): Record<string, string> {
  const [names, setNames] = useState<Record<string, string>>({});
  const key = [...new Set(units.filter(Boolean))].sort().join(',');
  useEffect(() => {
    let isCurrent = true;
    for (const unit of key ? key.split(',') : []) {
      loadAssignable(unit).then(
        (items) => {
          if (!isCurrent) return;
          setNames((prev) => {
            const next = { ...prev };
            for (const item of items) next[item.id] = item.display_name;
            return next;
          });
        },
        () => undefined,
      );
    }
    return () => {
      isCurrent = false;
    };
  }, [key]);
  return { ...names, [session.user.id]: session.user.display_name || session.user.username };
}
