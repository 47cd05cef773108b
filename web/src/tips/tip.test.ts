import { describe, expect, it } from 'vitest';
import {
  allowedSteps,
  closeOutcomes,
  filtersFromSearch,
  filtersToQuery,
  initialTipForm,
  localInputToIso,
  notificationBadge,
  onTimeRate,
  stepsFromStatus,
  summaryPeriod,
  summaryRows,
  timelinessLabel,
  timelinessTone,
  tipHref,
  toCreateRequest,
  toLocalInput,
  toStepRequest,
  validateStep,
  validateTipForm,
  emptyStepDraft,
  type TipForm,
} from './tip';

const NOW = new Date(2026, 4, 4, 9, 30);

function form(change: Partial<TipForm> = {}): TipForm {
  return { ...initialTipForm('14347', NOW), channel: 'hotline', kind: 'denunciation', content: 'Có môi giới mại dâm', ...change };
}

describe('steps', () => {
  it('follows the workflow from each status', () => {
    expect(stepsFromStatus('received')).toEqual(['verify', 'close', 'transfer', 'extend']);
    expect(stepsFromStatus('verified')).toEqual(['classify', 'close', 'transfer', 'extend']);
    expect(stepsFromStatus('classified')).toEqual(['assign', 'close', 'transfer', 'extend']);
    expect(stepsFromStatus('assigned')).toEqual(['assign', 'handle', 'close', 'transfer', 'extend']);
    expect(stepsFromStatus('handled')).toEqual(['close']);
    expect(stepsFromStatus('closed')).toEqual([]);
    expect(stepsFromStatus('transferred')).toEqual([]);
  });

  it('offers an inspector only the handling, a district officer nothing', () => {
    expect(allowedSteps('assigned', 'inspector')).toEqual(['handle']);
    expect(allowedSteps('classified', 'inspector')).toEqual([]);
    expect(allowedSteps('assigned', 'district_officer')).toEqual([]);
    expect(allowedSteps('received', 'intake_officer')).toEqual(['verify', 'close', 'transfer', 'extend']);
  });

  it('closes an open tip only as withdrawn, a handled one with any outcome but transferred', () => {
    const all = ['substantiated', 'partly_substantiated', 'not_substantiated', 'transferred', 'withdrawn'];
    expect(closeOutcomes('assigned', all)).toEqual(['withdrawn']);
    expect(closeOutcomes('handled', all)).toEqual(['substantiated', 'partly_substantiated', 'not_substantiated', 'withdrawn']);
  });

  it('checks what each step requires and builds its body with the version', () => {
    const draft = emptyStepDraft('denunciation');
    expect(validateStep('verify', draft, 'vi')).toEqual({});
    expect(Object.keys(validateStep('assign', draft, 'vi'))).toEqual(['assignee']);
    expect(Object.keys(validateStep('handle', draft, 'vi'))).toEqual(['note']);
    expect(Object.keys(validateStep('close', draft, 'vi'))).toEqual(['outcome']);
    expect(Object.keys(validateStep('transfer', draft, 'vi'))).toEqual(['agency']);
    expect(Object.keys(validateStep('extend', { ...draft, days: '40', note: 'Phức tạp' }, 'vi', 30))).toEqual(['days']);
    expect(validateStep('extend', { ...draft, days: '30', note: 'Phức tạp' }, 'vi', 30)).toEqual({});
    expect(validateStep('extend', { ...draft, days: '0', note: 'x' }, 'en', 30).days).toBe('From 1 to 30 days.');
    expect(validateStep('classify', { ...draft, kind: '' }, 'vi').kind).toBe('Cần chọn loại tin báo.');
    expect(toStepRequest('classify', 2, { ...draft, kind: 'crime_report' })).toEqual({ step: 'classify', version: 2, kind: 'crime_report' });
    expect(toStepRequest('handle', 4, { ...draft, note: ' Đã xử lý ', inspectionId: '' })).toEqual({ step: 'handle', version: 4, note: 'Đã xử lý' });
    expect(toStepRequest('handle', 4, { ...draft, note: 'x', inspectionId: 'i-1' })).toEqual({ step: 'handle', version: 4, note: 'x', inspection_id: 'i-1' });
    expect(toStepRequest('extend', 1, { ...draft, days: '10', note: 'Lý do' })).toEqual({ step: 'extend', version: 1, days: 10, note: 'Lý do' });
    expect(toStepRequest('assign', 3, { ...draft, assignee: ' a1 ' })).toEqual({ step: 'assign', version: 3, assignee: 'a1' });
  });
});

describe('timeliness', () => {
  it('names each state in both languages', () => {
    expect(timelinessLabel('not_due', 'vi')).toBe('Chưa đến hạn');
    expect(timelinessLabel('due_soon', 'vi')).toBe('Sắp đến hạn');
    expect(timelinessLabel('overdue', 'vi')).toBe('Quá hạn');
    expect(timelinessLabel('on_time', 'vi')).toBe('Đúng hạn');
    expect(timelinessLabel('late', 'vi')).toBe('Trễ hạn');
    expect(timelinessLabel('late', 'en')).toBe('Late');
    expect(timelinessLabel(null, 'vi')).toBe('');
  });

  it('colours them', () => {
    expect(timelinessTone('on_time')).toBe('ok');
    expect(timelinessTone('due_soon')).toBe('warn');
    expect(timelinessTone('overdue')).toBe('danger');
    expect(timelinessTone('late')).toBe('danger');
    expect(timelinessTone('not_due')).toBe('plain');
  });
});

describe('the new tip form', () => {
  it('starts now, in the local time of a datetime-local input', () => {
    expect(toLocalInput(NOW)).toBe('2026-05-04T09:30');
    expect(initialTipForm('37', NOW).receivedAt).toBe('2026-05-04T09:30');
    expect(localInputToIso('2026-05-04T09:30')).toBe(new Date(2026, 4, 4, 9, 30).toISOString());
    expect(localInputToIso('hôm qua')).toBeNull();
  });

  it('asks for the required fields and checks the identity', () => {
    expect(validateTipForm(form(), NOW, 'vi')).toEqual({});
    const empty = validateTipForm({ ...initialTipForm('', NOW), receivedAt: '' }, NOW, 'vi');
    expect(Object.keys(empty).sort()).toEqual(['channel', 'content', 'kind', 'received_at', 'unit']);
    const future = validateTipForm(form({ receivedAt: '2026-05-05T09:30' }), NOW, 'vi');
    expect(future.received_at).toBe('Thời điểm tiếp nhận không được ở tương lai.');
    const bad = validateTipForm(form({ phone: 'số điện thoại', idNumber: '038-090', email: 'x' }), NOW, 'vi');
    expect(Object.keys(bad).sort()).toEqual(['denouncer.email', 'denouncer.id_number', 'denouncer.phone']);
    // Anonymous: the identity is not sent, so not checked.
    expect(validateTipForm(form({ isAnonymous: true, phone: 'x' }), NOW, 'vi')).toEqual({});
    expect(validateTipForm(form({ content: 'x'.repeat(4001) }), NOW, 'vi').content).toBe('Nội dung không quá 4.000 ký tự.');
  });

  it('sends the denouncer only when not anonymous and the role may record one', () => {
    const f = form({ name: ' Trần Văn A ', phone: '0987111222', place: ' Thôn Đông ', establishmentId: 'e1' });
    const body = toCreateRequest(f, 'id-1', true);
    expect(body).toEqual({
      id: 'id-1',
      unit: '14347',
      channel: 'hotline',
      kind: 'denunciation',
      received_at: new Date(2026, 4, 4, 9, 30).toISOString(),
      content: 'Có môi giới mại dâm',
      is_anonymous: false,
      establishment_id: 'e1',
      place: 'Thôn Đông',
      denouncer: { name: 'Trần Văn A', phone: '0987111222' },
    });
    expect(toCreateRequest({ ...f, isAnonymous: true }, 'id-1', true).denouncer).toBeUndefined();
    expect(toCreateRequest(f, 'id-1', false).denouncer).toBeUndefined();
    expect(toCreateRequest(form(), 'id-1', true).denouncer).toBeUndefined();
  });
});

describe('the list', () => {
  it('reads the filters from the address and ignores strange values', () => {
    expect(filtersFromSearch('?status=assigned&due=overdue&period=2026-05&kind=complaint&page=2&assignee=a1')).toEqual({
      status: 'assigned',
      kind: 'complaint',
      due: 'overdue',
      period: '2026-05',
      assignee: 'a1',
      page: 2,
    });
    expect(filtersFromSearch('?status=dancing&due=later&period=20233&page=-1')).toEqual({ status: '', kind: '', due: '', period: '', assignee: '', page: 1 });
    expect(filtersToQuery(filtersFromSearch('?due=due_soon&page=3'))).toEqual({ limit: 25, offset: 50, due: 'due_soon' });
  });

  it('shows the summary of the period’s year, else this year', () => {
    expect(summaryPeriod(filtersFromSearch('?period=2023-04'), NOW)).toBe('2023');
    expect(summaryPeriod(filtersFromSearch(''), NOW)).toBe('2026');
  });

  it('lays out the T8 counts, late and overdue standing out', () => {
    const rows = summaryRows({ received: 3, verified: 1, classified: 1, handled: 2, handled_on_time: 2, handled_late: 0, open: 1, overdue: 1 }, 'vi');
    expect(rows.map((r) => [r.label, r.value, r.tone])).toEqual([
      ['Tiếp nhận', 3, 'plain'],
      ['Đã xác minh', 1, 'plain'],
      ['Đã phân loại', 1, 'plain'],
      ['Đã xử lý', 2, 'plain'],
      ['Xử lý đúng hạn', 2, 'ok'],
      ['Xử lý trễ hạn', 0, 'plain'],
      ['Đang giải quyết', 1, 'plain'],
      ['Quá hạn', 1, 'danger'],
    ]);
    expect(summaryRows(null, 'en').every((r) => r.value === 0)).toBe(true);
    expect(onTimeRate({ handled: 3, handled_on_time: 2 })).toBe(67);
    expect(onTimeRate({ handled: 0 })).toBeNull();
  });

  it('counts the notifications', () => {
    expect(notificationBadge([{ is_overdue: true, is_due_soon: false }, { is_overdue: false, is_due_soon: true }, { is_overdue: false, is_due_soon: false }])).toEqual({
      count: 3,
      overdue: 1,
      dueSoon: 1,
    });
    expect(tipHref('a b')).toBe('/tips/a%20b');
  });
});
