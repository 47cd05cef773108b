import { describe, expect, it } from 'vitest';
import { ROLE_IDS, type RoleId, type Session } from '../api/auth';
import { matchRoute } from '../router';
import { AGGREGATE_ROLES, AREA_ROLES, canOpen, canReadDenouncer, canReceiveTips, canRunTipStep, canUseArea, canWriteRecords, homePath, loginPath, navItemsFor, pendingStep, returnPath } from './guards';

function session(role: RoleId, flags: Partial<Pick<Session, 'must_change_password' | 'must_enrol_totp'>> = {}): Session {
  return {
    csrf_token: 'x',
    must_change_password: flags.must_change_password ?? false,
    must_enrol_totp: flags.must_enrol_totp ?? false,
    user: { id: '1', username: 'u', display_name: '', role, unit_code: '37', totp_enabled: false },
  };
}

const areas = (role: RoleId) => navItemsFor(role).map((item) => item.area);

describe('tips', () => {
  it('lets intake and province officers receive tips and run every step, an inspector only handle', () => {
    expect(canReceiveTips('intake_officer')).toBe(true);
    expect(canReceiveTips('province_officer')).toBe(true);
    expect(canReceiveTips('inspector')).toBe(false);
    expect(canReceiveTips('district_officer')).toBe(false);
    for (const step of ['verify', 'classify', 'assign', 'handle', 'close', 'transfer', 'extend']) {
      expect(canRunTipStep('intake_officer', step)).toBe(true);
      expect(canRunTipStep('district_officer', step)).toBe(false);
      expect(canRunTipStep('inspector', step)).toBe(step === 'handle');
    }
    expect(canRunTipStep('intake_officer', 'dance')).toBe(false);
  });

  it('shows the denouncer to intake officers only', () => {
    for (const role of ROLE_IDS) expect(canReadDenouncer(role)).toBe(role === 'intake_officer');
  });

  it('shows the tips area to the enforcement roles only', () => {
    for (const role of ROLE_IDS) {
      expect(canOpen(matchRoute('/tips/new'), role)).toBe(['intake_officer', 'province_officer', 'district_officer', 'inspector'].includes(role));
    }
  });
});

describe('canWriteRecords', () => {
  it('follows the write grants of each record resource', () => {
    expect(canWriteRecords('province_officer', 'establishment')).toBe(true);
    expect(canWriteRecords('inspector', 'establishment')).toBe(true);
    expect(canWriteRecords('district_officer', 'inspection')).toBe(false);
    expect(canWriteRecords('inspector', 'inspection')).toBe(true);
    expect(canWriteRecords('inspector', 'crime_statistic')).toBe(false);
    expect(canWriteRecords('district_officer', 'crime_statistic')).toBe(false);
    expect(canWriteRecords('social_worker', 'establishment')).toBe(false);
    expect(canWriteRecords('viewer', 'programme_record')).toBe(false);
    expect(canWriteRecords('peer_educator', 'programme_record')).toBe(true);
    expect(canWriteRecords('peer_educator', 'peer_group')).toBe(true);
    expect(canWriteRecords('district_officer', 'peer_group')).toBe(false);
  });

  it('leaves a resource it does not know to the server', () => {
    expect(canWriteRecords('viewer', 'someday')).toBe(true);
  });
});

describe('navigation by role', () => {
  it('shows user administration to the administrator only', () => {
    for (const role of ROLE_IDS) expect(areas(role).includes('users')).toBe(role === 'admin');
  });

  it('shows the reorganisations of the units to the administrator only', () => {
    for (const role of ROLE_IDS) expect(areas(role).includes('unitChanges')).toBe(role === 'admin');
    expect(canOpen(matchRoute('/units/changes'), 'admin')).toBe(true);
    expect(canOpen(matchRoute('/units/changes'), 'province_officer')).toBe(false);
  });

  it('shows the audit log to the data-protection officer only', () => {
    for (const role of ROLE_IDS) expect(areas(role).includes('audit')).toBe(role === 'dpo');
  });

  it('gives every role the units, and the dashboard to the roles that read aggregates', () => {
    for (const role of ROLE_IDS) {
      expect(areas(role)).toContain('units');
      expect(areas(role).includes('dashboard')).toBe(AGGREGATE_ROLES.includes(role));
    }
    for (const role of ['inspector', 'intake_officer', 'social_worker', 'peer_educator'] as const) expect(canUseArea(role, 'dashboard')).toBe(false);
    for (const role of ['province_officer', 'district_officer', 'commune_officer', 'viewer', 'admin', 'dpo'] as const) expect(canUseArea(role, 'dashboard')).toBe(true);
  });

  it('starts the roles that read aggregates on the dashboard, the others on the units', () => {
    expect(homePath('province_officer')).toBe('/dashboard');
    expect(homePath('viewer')).toBe('/dashboard');
    expect(homePath('inspector')).toBe('/units');
    expect(homePath('peer_educator')).toBe('/units');
  });

  it('keeps the two worlds apart', () => {
    // Enforcement roles never see support; support roles never see tips or inspections.
    for (const role of ['inspector', 'intake_officer'] as const) expect(canUseArea(role, 'support')).toBe(false);
    for (const role of ['social_worker', 'peer_educator'] as const) {
      expect(canUseArea(role, 'tips')).toBe(false);
      expect(canUseArea(role, 'inspections')).toBe(false);
    }
  });

  it('lists the areas of a viewer and of an inspector in order', () => {
    expect(areas('viewer')).toEqual(['dashboard', 'units', 'reports', 'yearlyPlans']);
    expect(areas('inspector')).toEqual(['units', 'inspections', 'plans', 'tips']);
    expect(areas('admin')).toEqual(['dashboard', 'units', 'users', 'unitChanges']);
    expect(areas('dpo')).toEqual(['dashboard', 'units', 'audit']);
  });

  it('names only known roles', () => {
    for (const roles of Object.values(AREA_ROLES)) for (const role of roles) expect(ROLE_IDS).toContain(role);
  });
});

describe('canOpen', () => {
  it('guards the pages of an area and leaves the others open', () => {
    expect(canOpen(matchRoute('/admin/users'), 'admin')).toBe(true);
    expect(canOpen(matchRoute('/admin/users'), 'viewer')).toBe(false);
    expect(canOpen(matchRoute('/admin/users/new'), 'dpo')).toBe(false);
    expect(canOpen(matchRoute('/admin/users/abc'), 'province_officer')).toBe(false);
    expect(canOpen(matchRoute('/admin/audit'), 'dpo')).toBe(true);
    expect(canOpen(matchRoute('/admin/audit'), 'admin')).toBe(false);
    expect(canOpen(matchRoute('/account'), 'peer_educator')).toBe(true);
    expect(canOpen(matchRoute('/units/37'), 'peer_educator')).toBe(true);
    expect(canOpen(matchRoute('/support'), 'inspector')).toBe(false);
    expect(canOpen(matchRoute('/nowhere'), 'viewer')).toBe(true); // the not-found page
    expect(canOpen(matchRoute('/dashboard/T1/records'), 'district_officer')).toBe(true);
    expect(canOpen(matchRoute('/dashboard'), 'inspector')).toBe(false);
  });
});

describe('pendingStep', () => {
  it('asks for the password first, then two-step sign-in', () => {
    expect(pendingStep(session('province_officer', { must_change_password: true, must_enrol_totp: true }))).toBe('password');
    expect(pendingStep(session('province_officer', { must_enrol_totp: true }))).toBe('totp');
    expect(pendingStep(session('viewer'))).toBeNull();
  });
});

describe('returnPath', () => {
  it('returns to a page of this site', () => {
    expect(returnPath('?next=%2Funits%2F14347%3Fq%3Dninh')).toBe('/units/14347?q=ninh');
    expect(returnPath('?next=/admin/audit?action=login')).toBe('/admin/audit?action=login');
  });

  it('never leaves the site or loops to the sign-in page', () => {
    for (const next of ['//evil.example/x', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', '/login', '/login?next=/units', '', '/units\n']) {
      expect(returnPath(`?next=${encodeURIComponent(next)}`)).toBe('/units');
    }
    expect(returnPath('')).toBe('/units');
  });

  it('falls back to the role’s home', () => {
    expect(returnPath('', '/dashboard')).toBe('/dashboard');
    expect(returnPath('?next=//evil.example', '/dashboard')).toBe('/dashboard');
    expect(returnPath('?next=/units/37', '/dashboard')).toBe('/units/37');
  });
});

describe('loginPath', () => {
  it('carries the page to come back to', () => {
    expect(loginPath('/admin/users?role=viewer')).toBe('/login?next=%2Fadmin%2Fusers%3Frole%3Dviewer');
    expect(returnPath(loginPath('/units/14347?q=a b').slice('/login'.length))).toBe('/units/14347?q=a b');
  });

  it('leaves out the home page and the sign-in page', () => {
    expect(loginPath(null)).toBe('/login');
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/units')).toBe('/login');
    expect(loginPath('/dashboard')).toBe('/login');
    expect(loginPath('/dashboard?unit=369')).toBe('/login?next=%2Fdashboard%3Funit%3D369');
    expect(loginPath('/login?next=%2Funits')).toBe('/login');
  });
});
