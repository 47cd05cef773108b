// The audit log (dpo only): GET /api/audit (newest first, filtered) and GET /api/audit/verify.

import { api, type ListReply } from './client';

export interface AuditEntry {
  seq: number;
  at: string;
  /** The account id of whoever acted, or "anonymous", "cli", "system". */
  actor: string;
  /** The actor's user name, when the server sends it (not in the contract yet). */
  actor_username?: string;
  role: string;
  action: string;
  entity: string;
  entity_id: string;
  outcome: string;
  request_id: string;
  hash: string;
}

export interface AuditQuery {
  actor?: string;
  action?: string;
  entity?: string;
  entity_id?: string;
  outcome?: string;
  from?: string;
  to?: string;
  limit?: number;
  offset?: number;
}

export interface AuditVerification {
  ok: boolean;
  entries: number;
  first_bad_seq: number;
  problem: string;
  head_hash: string;
}

export function listAudit(query: AuditQuery, signal?: AbortSignal): Promise<ListReply<AuditEntry>> {
  return api.get<ListReply<AuditEntry>>('/api/audit', { query: { ...query }, signal });
}

export function verifyAudit(): Promise<AuditVerification> {
  return api.get<AuditVerification>('/api/audit/verify');
}
