import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import type { Client } from './api';
import type { Membership, PeerSummaryRow } from './groups-api';
import {
  GROUPS_SUMMARY_PATH,
  attendanceChoices,
  attendanceProblem,
  canReadSummary,
  currentCountText,
  everCountText,
  groupHref,
  intValue,
  isMemberOn,
  matchClients,
  memberOrder,
  membersOn,
  openMemberClients,
  splitFieldErrors,
  summaryCell,
  summaryChoice,
  summaryHref,
  summaryYears,
  uicPrefix,
} from './groups';

const TODAY = new Date(2025, 5, 15); // 15 June 2025, local time

function member(over: Partial<Membership>): Membership {
  return { id: 'm1', group_id: 'g1', client_id: 'c1', uic: 'F95LHM', joined_on: '2024-02-01', left_on: null, version: 1, ...over };
}

function client(over: Partial<Client>): Client {
  return {
    id: 'c1',
    uic: 'F95LHM',
    unit: '14347',
    assigned: [],
    sex: 'F',
    birth_year: 1995,
    registered_on: '2024-01-10',
    is_erased: false,
    erased_at: null,
    version: 1,
    created_at: '',
    updated_at: '',
    created_by: '',
    updated_by: '',
    ...over,
  };
}

function row(over: Partial<PeerSummaryRow>): PeerSummaryRow {
  return {
    unit: '369',
    groups: 1,
    active_groups: 1,
    members: null,
    members_shown: '<5',
    activities: 1,
    participants: 6,
    condoms: 1200,
    lubricant: 40,
    leaflets: 30,
    referrals_made: 2,
    ...over,
  };
}

describe('addresses', () => {
  it('puts a group under the support area by id', () => {
    expect(groupHref('a b/c')).toBe('/support/groups/peer-groups/a%20b%2Fc');
  });

  it('offers the summary to the roles that read groups over a unit', () => {
    expect(canReadSummary('social_worker')).toBe(true);
    expect(canReadSummary('district_officer')).toBe(true);
    expect(canReadSummary('peer_educator')).toBe(false);
    expect(canReadSummary('inspector')).toBe(false);
  });
});

describe('membership on a day', () => {
  it('counts the day joined and the day left', () => {
    const m = member({ joined_on: '2024-02-01', left_on: '2024-04-01' });
    expect(isMemberOn(m, '2024-01-31')).toBe(false);
    expect(isMemberOn(m, '2024-02-01')).toBe(true);
    expect(isMemberOn(m, '2024-04-01')).toBe(true);
    expect(isMemberOn(m, '2024-04-02')).toBe(false);
    expect(isMemberOn(member({ left_on: null }), '2099-01-01')).toBe(true);
  });

  it('lists the members of a day by code', () => {
    const items = [
      member({ id: 'b', uic: 'M90ABC', joined_on: '2024-03-01' }),
      member({ id: 'a', uic: 'F95LHM' }),
      member({ id: 'c', uic: 'A00AAA', left_on: '2024-02-15' }),
    ];
    expect(membersOn(items, '2024-03-02').map((m) => m.id)).toEqual(['a', 'b']);
    expect(membersOn(items, '2024-02-10').map((m) => m.id)).toEqual(['c', 'a']);
  });

  it('orders current members first, then those who left, the latest first', () => {
    const items = [
      member({ id: 'old', uic: 'A', left_on: '2024-03-01' }),
      member({ id: 'z', uic: 'Z' }),
      member({ id: 'recent', uic: 'B', left_on: '2024-05-01' }),
      member({ id: 'a', uic: 'A' }),
    ];
    expect(memberOrder(items).map((m) => m.id)).toEqual(['a', 'z', 'recent', 'old']);
  });
});

describe('member counts', () => {
  it('gives the exact count to those who run the group', () => {
    expect(currentCountText({ current: 2, current_shown: '2' }, 'vi')).toBe('Hiện có 2 thành viên');
    expect(currentCountText({ current: 1, current_shown: '1' }, 'en')).toBe('1 current member');
    expect(everCountText({ ever: 3, ever_shown: '3' }, 'vi')).toBe('Từ khi thành lập: 3 người đã tham gia');
  });

  it('shows a hidden count as the server does', () => {
    expect(currentCountText({ current: null, current_shown: '<5' }, 'vi')).toBe('Hiện có <5 thành viên');
    expect(everCountText({ ever: null, ever_shown: '<5' }, 'en')).toBe('Since it was founded: <5 people have taken part');
    expect(currentCountText({ current: 0, current_shown: '0' }, 'vi')).toBe('Hiện có 0 thành viên');
  });
});

describe('finding a client by code prefix', () => {
  const clients = [
    client({ id: 'c1', uic: 'F95LHM' }),
    client({ id: 'c2', uic: 'F90CBD' }),
    client({ id: 'c3', uic: 'M88AAA' }),
    client({ id: 'c4', uic: 'F95LHM-2', is_erased: true }),
    client({ id: 'c5', uic: 'F95LHM-3' }),
  ];

  it('cleans what a phone keyboard sends', () => {
    expect(uicPrefix(' f95 lhm ')).toBe('F95LHM');
    expect(uicPrefix('')).toBe('');
  });

  it('matches the start of the code, in any case, leaving out the erased and the members', () => {
    const skip = openMemberClients([member({ client_id: 'c5' }), member({ client_id: 'c2', left_on: '2024-03-01' })]);
    expect([...skip]).toEqual(['c5']);
    expect(matchClients(clients, 'f95', skip, 8).items.map((c) => c.id)).toEqual(['c1']);
    expect(matchClients(clients, 'f', skip, 8).items.map((c) => c.uic)).toEqual(['F90CBD', 'F95LHM']);
    expect(matchClients(clients, 'lhm', skip, 8).total).toBe(0);
  });

  it('lists everyone for an empty prefix, cut at the limit with the full count', () => {
    const found = matchClients(clients, '', new Set(), 2);
    expect(found.items.map((c) => c.uic)).toEqual(['F90CBD', 'F95LHM']);
    expect(found.total).toBe(4);
  });
});

describe('attendance', () => {
  it('offers the members of the day and keeps those already recorded', () => {
    const members = [
      member({ id: 'a', uic: 'B', joined_on: '2024-02-01' }),
      member({ id: 'late', uic: 'C', joined_on: '2024-05-01' }),
      member({ id: 'gone', uic: 'A', joined_on: '2024-01-10', left_on: '2024-02-01' }),
    ];
    expect(attendanceChoices(members, [], '2024-03-02').map((m) => m.id)).toEqual(['a']);
    expect(attendanceChoices(members, [members[2] as Membership], '2024-03-02').map((m) => m.id)).toEqual(['gone', 'a']);
  });

  it('refuses more members present than participants recorded', () => {
    expect(attendanceProblem(2, 6, 'vi')).toBeNull();
    expect(attendanceProblem(6, 6, 'vi')).toBeNull();
    expect(attendanceProblem(3, 2, 'vi')).toBe('Số thành viên có mặt nhiều hơn số người tham gia đã ghi (2).');
    expect(attendanceProblem(3, null, 'vi')).toBeNull();
  });

  it('reads a number field', () => {
    expect(intValue(6)).toBe(6);
    expect(intValue('6')).toBeNull();
    expect(intValue(null)).toBeNull();
  });
});

describe('server field errors', () => {
  const error = new ApiError({
    status: 422,
    code: 'validation',
    messageVi: 'Dữ liệu không hợp lệ',
    messageEn: 'invalid',
    fields: [
      { field: 'joined_on', code: 'before_founded', message_vi: 'Ngày tham gia không được trước ngày thành lập nhóm', message_en: 'joined_on must not be before the group was founded' },
      { field: 'group', code: 'dissolved', message_vi: 'Nhóm đã giải thể', message_en: 'the group was dissolved' },
    ],
  });

  it('puts those of the form’s fields under them and the rest apart, in the language', () => {
    expect(splitFieldErrors(error, ['client_id', 'joined_on'], 'vi')).toEqual({
      fields: { joined_on: 'Ngày tham gia không được trước ngày thành lập nhóm' },
      other: ['Nhóm đã giải thể'],
    });
    expect(splitFieldErrors(error, ['group'], 'en').fields).toEqual({ group: 'the group was dissolved' });
  });
});

describe('the T13 summary', () => {
  it('reads the unit and year from the address, defaulting to the user’s unit and this year', () => {
    expect(summaryChoice('', '369', TODAY)).toEqual({ unit: '369', year: 2025 });
    expect(summaryChoice('?unit=37&year=2024', '369', TODAY)).toEqual({ unit: '37', year: 2024 });
    expect(summaryChoice('?unit=../x&year=24', '369', TODAY)).toEqual({ unit: '369', year: 2025 });
    expect(summaryChoice('?year=1900', '369', TODAY).year).toBe(2025);
  });

  it('leaves the defaults out of the address', () => {
    expect(summaryHref({ unit: '369', year: 2025 }, '369', TODAY)).toBe(GROUPS_SUMMARY_PATH);
    expect(summaryHref({ unit: '14347', year: 2024 }, '369', TODAY)).toBe(`${GROUPS_SUMMARY_PATH}?unit=14347&year=2024`);
  });

  it('offers the years back to 2021, and one chosen outside them', () => {
    expect(summaryYears(TODAY, 2025)).toEqual([2025, 2024, 2023, 2022, 2021]);
    expect(summaryYears(TODAY, 2019)).toEqual([2025, 2024, 2023, 2022, 2021, 2019]);
  });

  it('shows members as the server allows, numbers in the language’s format', () => {
    const format = (n: number) => new Intl.NumberFormat('vi-VN').format(n);
    expect(summaryCell(row({}), 'members_shown', format)).toBe('<5');
    expect(summaryCell(row({ members: 12, members_shown: '12' }), 'members_shown', format)).toBe('12');
    expect(summaryCell(row({}), 'condoms', format)).toBe('1.200');
  });
});
