// The establishment status calls (x-access inspection:read: the enforcement world only; other
// roles get 403, see records/establishment-status.ts isStatusRefused).

import type { EstablishmentStatus, EstablishmentStatusList } from '../records/establishment-status';
import { api } from './client';

/** GET /api/establishments/{id}/status?year= */
export function getEstablishmentStatus(id: string, year: number, signal?: AbortSignal) {
  return api.get<EstablishmentStatus>(`/api/establishments/${encodeURIComponent(id)}/status`, { query: { year }, signal });
}

/** GET /api/establishment-status?unit=&year= (every establishment of the unit and below). */
export function listEstablishmentStatus(unit: string | undefined, year: number, signal?: AbortSignal) {
  return api.get<EstablishmentStatusList>('/api/establishment-status', { query: { unit, year }, signal });
}
