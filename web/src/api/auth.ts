// Sign-in, the session and the account's own security settings: /api/auth/* and /api/roles.
// Shapes follow docs/contract.md ("Accounts, sessions and access").

import { api, type ListReply } from './client';

export type RoleId =
  | 'admin'
  | 'province_officer'
  | 'district_officer'
  | 'commune_officer'
  | 'inspector'
  | 'intake_officer'
  | 'social_worker'
  | 'peer_educator'
  | 'viewer'
  | 'dpo';

export const ROLE_IDS: readonly RoleId[] = [
  'admin',
  'province_officer',
  'district_officer',
  'commune_officer',
  'inspector',
  'intake_officer',
  'social_worker',
  'peer_educator',
  'viewer',
  'dpo',
];

export function isRoleId(value: unknown): value is RoleId {
  return typeof value === 'string' && (ROLE_IDS as readonly string[]).includes(value);
}

export interface SessionUser {
  id: string;
  username: string;
  display_name: string;
  role: RoleId;
  unit_code: string;
  totp_enabled: boolean;
}

/** The reply of POST /api/auth/login and GET /api/auth/me. */
export interface Session {
  csrf_token: string;
  must_change_password: boolean;
  must_enrol_totp: boolean;
  user: SessionUser;
}

export interface Role {
  id: RoleId;
  name_vi: string;
  name_en: string;
  requires_totp: boolean;
}

export interface TotpEnrolment {
  secret: string;
  otpauth_uri: string;
}

export function login(username: string, password: string, totp?: string): Promise<Session> {
  const body: Record<string, string> = { username, password };
  if (totp) body.totp = totp;
  return api.send<Session>('POST', '/api/auth/login', body);
}

export function getMe(signal?: AbortSignal): Promise<Session> {
  return api.get<Session>('/api/auth/me', { signal });
}

export function logout(): Promise<unknown> {
  return api.send('POST', '/api/auth/logout', undefined);
}

export function changePassword(currentPassword: string, newPassword: string): Promise<unknown> {
  return api.send('POST', '/api/auth/password', { current_password: currentPassword, new_password: newPassword });
}

export function startTotpEnrolment(): Promise<TotpEnrolment> {
  return api.send<TotpEnrolment>('POST', '/api/auth/totp/enrol', undefined);
}

export function confirmTotp(code: string): Promise<{ recovery_codes: string[] }> {
  return api.send<{ recovery_codes: string[] }>('POST', '/api/auth/totp/confirm', { code });
}

let roles: Promise<Role[]> | null = null;

/** The roles with their names, loaded once per page load; a failure is not cached. */
export function loadRoles(): Promise<Role[]> {
  if (!roles) {
    roles = api.get<Pick<ListReply<Role>, 'items'>>('/api/roles').then((reply) => reply.items);
    roles.catch(() => {
      roles = null;
    });
  }
  return roles;
}
