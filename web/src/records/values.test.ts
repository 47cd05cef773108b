// The generic record form's pure half: controls by field kind, drafts to and from JSON, checks,
// changes with the version, a draft carried over a newer version, history steps, display.
import { describe, expect, it } from 'vitest';
import { referencedType, type CodeItem, type StoredRecord } from '../api/records';
import { ACTIVITY, ESTABLISHMENT, INSPECTION, MATERIAL, PLAN, WORKFORCE, ZONE, activity } from './fixtures';
import { shortId } from '../format';
import { accountChoices, accountsById, accountsText, foldText, toggleAccount } from './accounts';
import {
  changedFields,
  changesFrom,
  codeOptions,
  createBody,
  draftFromRecord,
  duplicateIds,
  duplicateQuery,
  emptyDraft,
  fileProblem,
  formatValue,
  historySteps,
  inputKind,
  isPossibleDuplicate,
  isRealDate,
  jsonValue,
  listColumns,
  matchedOnText,
  newRecordId,
  rebaseDraft,
  recordTitle,
  validateDraft,
} from './values';

const field = (type: typeof ACTIVITY, name: string) => {
  const found = type.fields.find((f) => f.name === name);
  if (!found) throw new Error(name);
  return found;
};

describe('inputKind', () => {
  it('gives each field kind its control, long texts a box', () => {
    expect(ACTIVITY.fields.map(inputKind)).toEqual(['select', 'select', 'text', 'number', 'textarea', 'textarea']);
    expect(PLAN.fields.map(inputKind)).toEqual(['number', 'text', 'checkbox', 'textarea', 'checks', 'url']);
    expect(inputKind(field(WORKFORCE, 'zone'))).toBe('reference');
    expect(inputKind({ ...field(ACTIVITY, 'note'), kind: 'someday' as never })).toBe('text');
    expect(MATERIAL.fields.map(inputKind)).toEqual(['text', 'select', 'select', 'file', 'url', 'textarea']);
  });
});

describe('file fields', () => {
  const FILE_ID = '0b7c3e9a-5d2f-4c1e-9a8b-7f6e5d4c3b2a';
  const material = (values: Partial<StoredRecord> = {}) =>
    activity({ type: 'communication-materials', title: 'Tờ rơi 2024', kind: 'leaflet', language: 'vi', file: null, video_link: null, note: null, ...values });

  it('hold the id of the uploaded file as text, sent as it is and left out when empty', () => {
    const draft = draftFromRecord(MATERIAL, material({ file: FILE_ID }));
    expect(draft.values.file).toBe(FILE_ID);
    expect(emptyDraft(MATERIAL).values.file).toBe('');
    const fresh = emptyDraft(MATERIAL, '37');
    fresh.date = '2024-06-01';
    fresh.values = { ...fresh.values, title: 'Tờ rơi', kind: 'leaflet', language: 'vi', file: FILE_ID };
    expect(createBody(MATERIAL, fresh, 'id-1')).toEqual({ id: 'id-1', unit: '37', date: '2024-06-01', title: 'Tờ rơi', kind: 'leaflet', language: 'vi', file: FILE_ID });
    fresh.values.file = '';
    expect(createBody(MATERIAL, fresh, 'id-1')).not.toHaveProperty('file');
    expect(validateDraft(MATERIAL, fresh, 'vi')).toEqual({}); // "a file or a video link" is the server's rule
  });

  it('send the new id when the file is replaced, and null when it is removed', () => {
    const record = material({ version: 3, file: FILE_ID });
    const draft = draftFromRecord(MATERIAL, record);
    expect(changesFrom(MATERIAL, record, draft)).toBeNull();
    draft.values.file = 'new-file-id';
    expect(changesFrom(MATERIAL, record, draft)).toEqual({ version: 3, file: 'new-file-id' });
    draft.values.file = '';
    expect(changesFrom(MATERIAL, record, draft)).toEqual({ version: 3, file: null });
  });

  it('read as an attached file, never as the raw id; two files tell apart by the id’s start', () => {
    const file = field(MATERIAL, 'file');
    expect(formatValue(file, FILE_ID, undefined, 'vi')).toBe('Tệp đính kèm (0b7c3e9a)');
    expect(formatValue(file, FILE_ID, undefined, 'en')).toBe('Attached file (0b7c3e9a)');
    expect(formatValue(file, null, undefined, 'vi')).toBe('');
    expect(listColumns(MATERIAL).map((f) => f.name)).toEqual(['title', 'kind', 'language']);
  });

  it('check a picked file before it goes up: its size, and its kind by type or by name', () => {
    const file = field(MATERIAL, 'file');
    const pdf = { name: 'to-roi.pdf', size: 65, type: 'application/pdf' };
    expect(fileProblem(file, pdf, 'vi')).toBeNull();
    expect(fileProblem(file, { name: 'ANH.JPG', size: 1000, type: '' }, 'vi')).toBeNull();
    expect(fileProblem(file, { name: 'anh.webp', size: 1000, type: 'image/webp' }, 'vi')).toBeNull();
    expect(fileProblem(file, { ...pdf, size: 20 * 1024 * 1024 }, 'vi')).toBeNull();
    expect(fileProblem(file, { ...pdf, size: 25 * 1024 * 1024 }, 'vi')).toBe('“Tệp (PDF, ảnh)”: tệp quá lớn (25 MB); tối đa 20 MB.');
    expect(fileProblem(file, { ...pdf, size: 0 }, 'vi')).toBe('“Tệp (PDF, ảnh)”: tệp rỗng, không có nội dung.');
    expect(fileProblem(file, { name: 'video.mp4', size: 1000, type: 'video/mp4' }, 'vi')).toBe('“Tệp (PDF, ảnh)” chỉ nhận tệp PDF hoặc ảnh PNG, JPEG, GIF, WebP.');
    expect(fileProblem(file, { name: 'bao-cao.docx', size: 1000, type: '' }, 'en')).toBe('“File (PDF, image)” takes only a PDF file or a PNG, JPEG, GIF or WebP image.');
  });
});

describe('drafts and JSON', () => {
  it('turns a record into what the controls hold: text, lists and booleans, empty for null', () => {
    const draft = draftFromRecord(PLAN, {
      ...activity(),
      type: 'district-plans',
      year: 2026,
      document_number: '12/KH-UBND',
      is_implemented: null,
      evidence: null,
      integrated_with: ['hiv_aids'],
      link: null,
    });
    expect(draft.values).toEqual({ year: '2026', document_number: '12/KH-UBND', is_implemented: false, evidence: '', integrated_with: ['hiv_aids'], link: '' });
    expect(emptyDraft(PLAN, '369')).toEqual({
      unit: '369',
      date: '',
      values: { year: '', document_number: '', is_implemented: false, evidence: '', integrated_with: [], link: '' },
    });
  });

  it('turns control values into JSON by kind: trimmed text, whole numbers, null when empty', () => {
    expect(jsonValue(field(ACTIVITY, 'organiser'), '  Đoàn xã ')).toBe('Đoàn xã');
    expect(jsonValue(field(ACTIVITY, 'organiser'), '   ')).toBeNull();
    expect(jsonValue(field(ACTIVITY, 'audience_count'), ' 120 ')).toBe(120);
    expect(jsonValue(field(ACTIVITY, 'audience_count'), '')).toBeNull();
    expect(jsonValue(field(ACTIVITY, 'audience_count'), '12.5')).toBeUndefined();
    expect(jsonValue(field(ACTIVITY, 'audience_count'), '1e3')).toBeUndefined();
    expect(jsonValue(field(ACTIVITY, 'audience_count'), '99999999999999999999')).toBeUndefined();
    expect(jsonValue(field(PLAN, 'integrated_with'), [])).toBeNull();
    expect(jsonValue(field(PLAN, 'integrated_with'), ['a', 'b'])).toEqual(['a', 'b']);
    expect(jsonValue(field(PLAN, 'is_implemented'), false)).toBe(false);
    expect(jsonValue(field(PLAN, 'is_implemented'), true)).toBe(true);
  });

  it('creates with the client id, the unit, the date and only the fields that have a value', () => {
    const draft = emptyDraft(ACTIVITY, '14347');
    draft.date = '2026-11-20';
    draft.values = { ...draft.values, form: 'meeting', setting: 'school', organiser: ' Đoàn xã ', audience_count: '30' };
    expect(createBody(ACTIVITY, draft, 'the-id')).toEqual({
      id: 'the-id',
      unit: '14347',
      date: '2026-11-20',
      form: 'meeting',
      setting: 'school',
      organiser: 'Đoàn xã',
      audience_count: 30,
    });
  });
});

describe('validateDraft', () => {
  it('names every missing required value, in Vietnamese', () => {
    expect(validateDraft(ACTIVITY, emptyDraft(ACTIVITY), 'vi')).toEqual({
      unit: 'Hãy chọn đơn vị.',
      date: 'Hãy nhập ngày.',
      form: 'Cần chọn “Hình thức tuyên truyền”.',
      setting: 'Cần chọn “Địa bàn, môi trường”.',
      organiser: 'Cần nhập “Cơ quan tổ chức”.',
    });
  });

  it('leaves out the fields the server hides from the reader (kept as they are on save)', () => {
    const draft = emptyDraft(ACTIVITY, '14347');
    draft.date = '2026-11-20';
    draft.values = { ...draft.values, form: 'meeting', organiser: 'x' };
    expect(validateDraft(ACTIVITY, draft, 'vi')).toEqual({ setting: 'Cần chọn “Địa bàn, môi trường”.' });
    expect(validateDraft(ACTIVITY, draft, 'vi', ['setting'])).toEqual({});
  });

  it('checks numbers, lengths, dates and links against the field description', () => {
    const draft = emptyDraft(ACTIVITY, '14347');
    draft.date = '2023-02-30';
    draft.values = { ...draft.values, form: 'meeting', setting: 'school', organiser: 'x'.repeat(201), audience_count: '-1', note: 'đ'.repeat(1000) };
    expect(validateDraft(ACTIVITY, draft, 'vi')).toEqual({
      date: 'Ngày không có thật hoặc sai dạng (ngày/tháng/năm).',
      organiser: '“Cơ quan tổ chức” dài tối đa 200 ký tự.',
      audience_count: '“Số người tham dự” phải từ 0 đến 1.000.000.',
    });
    draft.values.audience_count = '2,5';
    expect(validateDraft(ACTIVITY, draft, 'en').audience_count).toBe('“Audience” must be a whole number.');

    const plan = emptyDraft(PLAN, '369');
    plan.date = '2026-01-10';
    plan.values = { ...plan.values, year: '1999', document_number: '12/KH', link: 'javascript:alert(1)' };
    expect(validateDraft(PLAN, plan, 'vi')).toEqual({
      year: '“Năm kế hoạch” phải từ 2000 đến 2100.',
      link: 'Đường dẫn phải là địa chỉ đầy đủ, bắt đầu bằng http:// hoặc https://',
    });
    plan.values = { ...plan.values, year: '2026', link: 'https://ninhbinh.gov.vn/ke-hoach' };
    expect(validateDraft(PLAN, plan, 'vi')).toEqual({});
  });

  it('knows real dates', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2023-02-29')).toBe(false);
    expect(isRealDate('2023-13-01')).toBe(false);
    expect(isRealDate('15/03/2023')).toBe(false);
  });
});

describe('changesFrom', () => {
  it('sends the version and only what changed; an emptied field is empty', () => {
    const record = activity({ version: 4, note: 'cũ' });
    const draft = draftFromRecord(ACTIVITY, record);
    expect(changesFrom(ACTIVITY, record, draft)).toBeNull();
    draft.values = { ...draft.values, audience_count: '50', note: '  ' };
    draft.date = '2026-11-21';
    expect(changesFrom(ACTIVITY, record, draft)).toEqual({ version: 4, date: '2026-11-21', audience_count: 50, note: '' });
    draft.values.audience_count = '';
    expect(changesFrom(ACTIVITY, record, draft)).toMatchObject({ audience_count: null });
    const plan = { ...activity(), year: 2026, document_number: 'x', is_implemented: true, evidence: 'y', integrated_with: ['hiv_aids'], link: null };
    const emptied = draftFromRecord(PLAN, plan);
    emptied.values = { ...emptied.values, integrated_with: [], evidence: '' };
    expect(changesFrom(PLAN, plan, emptied)).toEqual({ version: 1, evidence: '', integrated_with: [] });
  });

  it('does not count a stored null and an unticked box, or an untouched list, as changes', () => {
    const record = { ...activity(), year: 2026, document_number: 'x', is_implemented: null, evidence: null, integrated_with: null, link: null };
    const draft = draftFromRecord(PLAN, record);
    expect(changesFrom(PLAN, record, draft)).toBeNull();
    draft.values.is_implemented = true;
    draft.values.integrated_with = ['hiv_aids'];
    expect(changesFrom(PLAN, record, draft)).toEqual({ version: 1, is_implemented: true, integrated_with: ['hiv_aids'] });
  });
});

describe('a stale version', () => {
  it('keeps what the user changed and takes the rest from the newer version', () => {
    const base = activity({ version: 1, audience_count: 45, note: null });
    const fresh = activity({ version: 2, audience_count: 150, organiser: 'Hội Phụ nữ huyện', note: null });
    const draft = draftFromRecord(ACTIVITY, base);
    draft.values.note = 'Phát 200 tờ rơi';
    draft.values.organiser = 'Đoàn xã';
    const rebased = rebaseDraft(ACTIVITY, base, fresh, draft);
    expect(rebased.values.audience_count).toBe('150');
    expect(rebased.values.note).toBe('Phát 200 tờ rơi');
    expect(rebased.values.organiser).toBe('Đoàn xã');
    expect(changedFields(ACTIVITY, base, fresh)).toEqual(['organiser', 'audience_count']);
    expect(changesFrom(ACTIVITY, fresh, rebased)).toEqual({ version: 2, organiser: 'Đoàn xã', note: 'Phát 200 tờ rơi' });
  });
});

describe('historySteps', () => {
  it('gives each version what it changed against the one before', () => {
    const v1 = { ...activity({ version: 1 }), op: 'create', changed_at: 't1', changed_by: 'a' };
    const v2 = { ...activity({ version: 2, audience_count: 150 }), op: 'update', changed_at: 't2', changed_by: 'b' };
    const v3 = { ...activity({ version: 3, audience_count: 150, unit: '14350' }), op: 'delete', changed_at: 't3', changed_by: 'b' };
    const steps = historySteps(ACTIVITY, [v2, v3, v1]);
    expect(steps.map((s) => s.entry.version)).toEqual([1, 2, 3]);
    expect(steps[0]?.changes).toEqual([]);
    expect(steps[1]?.changes).toEqual([{ name: 'audience_count', before: 45, after: 150 }]);
    expect(steps[2]?.changes).toEqual([]);
  });
});

describe('reading values', () => {
  const forms: CodeItem[] = [
    { code: 'meeting', label_vi: 'Hội nghị, tọa đàm', label_en: 'Meeting, discussion', sort: 2, is_active: true },
    { code: 'radio', label_vi: 'Loa cũ', label_en: 'Old loudspeaker', sort: 1, is_active: false },
    { code: 'print', label_vi: 'Tờ rơi', label_en: 'Leaflets', sort: 3, is_active: true },
  ];

  it('shows codes by their labels, numbers grouped, years not, yes and no', () => {
    expect(formatValue(field(ACTIVITY, 'form'), 'meeting', forms, 'vi')).toBe('Hội nghị, tọa đàm');
    expect(formatValue(field(ACTIVITY, 'form'), 'meeting', forms, 'en')).toBe('Meeting, discussion');
    expect(formatValue(field(ACTIVITY, 'form'), 'gone', forms, 'vi')).toBe('gone');
    expect(formatValue(field(ACTIVITY, 'audience_count'), 1200, undefined, 'vi')).toBe('1.200');
    expect(formatValue(field(PLAN, 'year'), 2026, undefined, 'vi')).toBe('2026');
    expect(formatValue(field(PLAN, 'is_implemented'), false, undefined, 'vi')).toBe('Không');
    expect(formatValue(field(PLAN, 'integrated_with'), ['meeting', 'print'], forms, 'vi')).toBe('Hội nghị, tọa đàm; Tờ rơi');
    expect(formatValue(field(ACTIVITY, 'note'), null, undefined, 'vi')).toBe('');
  });

  it('offers the active codes, plus an inactive one the record still holds', () => {
    expect(codeOptions(forms, 'vi')).toEqual([
      { value: 'meeting', label: 'Hội nghị, tọa đàm' },
      { value: 'print', label: 'Tờ rơi' },
    ]);
    expect(codeOptions(forms, 'vi', ['radio'])[2]).toEqual({ value: 'radio', label: 'Loa cũ (ngừng sử dụng)' });
  });

  it('names a record by its title field, or its kind and date', () => {
    expect(recordTitle(ACTIVITY, activity(), 'vi')).toBe('Hội Phụ nữ xã');
    expect(recordTitle(WORKFORCE, activity({ date: '2024-06-30' }), 'vi')).toBe('Số người lao động của khu công nghiệp, 30/06/2024');
  });

  it('lists the code fields, references and required short fields', () => {
    expect(listColumns(ACTIVITY).map((f) => f.name)).toEqual(['form', 'setting', 'organiser']);
    expect(listColumns(PLAN).map((f) => f.name)).toEqual(['year', 'document_number', 'integrated_with']);
    expect(listColumns(WORKFORCE).map((f) => f.name)).toEqual(['zone', 'year', 'workers']);
  });

  it('finds the kind a reference points to, by id or by the usual path', () => {
    expect(referencedType([ACTIVITY, ZONE], 'industrial_zone')).toBe(ZONE);
    expect(referencedType([ACTIVITY, { ...ZONE, id: 'zone', path: 'zones-x' }], 'zone')?.path).toBe('zones-x');
    expect(referencedType([ACTIVITY], 'school')).toBeUndefined();
  });
});

describe('newRecordId', () => {
  it('uses randomUUID where there is one, and makes a version-4 UUID otherwise', () => {
    expect(newRecordId({ randomUUID: () => 'from-browser', getRandomValues: (a) => a })).toBe('from-browser');
    const id = newRecordId({ getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
      if (array instanceof Uint8Array) array.fill(0xff);
      return array;
    } });
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newRecordId()).not.toBe(newRecordId());
  });
});

describe('accounts fields', () => {
  const TRA = '08b8fe7b-2996-41ba-ab89-c02e2b8d2686';
  const TINH = 'c4b75151-e6f3-4d98-b995-164676466d5e';
  const GONE = '99999999-2996-41ba-ab89-c02e2b8d2686';
  const accounts = [
    { id: TINH, display_name: 'Vũ Thị Tỉnh', role: 'province_officer', unit: '37' },
    { id: TRA, display_name: 'Đỗ Văn Tra', role: 'inspector', unit: '369' },
    { id: 'short', display_name: '  ', role: 'inspector', unit: '369' },
  ];
  const roleNames: Record<string, string> = { inspector: 'Thành viên đoàn kiểm tra liên ngành / công an', province_officer: 'Cán bộ Sở (cấp tỉnh)' };
  const roleName = (role: string) => roleNames[role] ?? role;
  const inspection = (values: Partial<StoredRecord> = {}) =>
    activity({ type: 'inspections', establishment: 'e1', decision_number: '15/QĐ', lead_agency: 'police', members: [TRA], result: 'compliant', note: null, ...values });

  it('are a checklist holding a list of ids, sent as a list and required like a choice', () => {
    const members = field(INSPECTION, 'members');
    expect(inputKind(members)).toBe('accounts');
    expect(emptyDraft(INSPECTION).values.members).toEqual([]);
    expect(draftFromRecord(INSPECTION, inspection()).values.members).toEqual([TRA]);
    expect(jsonValue(members, [])).toBeNull();
    expect(jsonValue(members, [TRA, TINH])).toEqual([TRA, TINH]);
    const draft = emptyDraft(INSPECTION, '14347');
    draft.date = '2024-04-10';
    expect(validateDraft(INSPECTION, draft, 'vi').members).toBe('Cần chọn “Thành viên đoàn kiểm tra”.');
    draft.values = { ...draft.values, establishment: 'e1', decision_number: '15/QĐ', lead_agency: 'police', members: [TRA], result: 'compliant' };
    expect(validateDraft(INSPECTION, draft, 'vi')).toEqual({});
    expect(createBody(INSPECTION, draft, 'id-1')).toMatchObject({ members: [TRA] });
    expect(listColumns(INSPECTION).map((f) => f.name)).toEqual(['establishment', 'decision_number', 'lead_agency', 'members', 'result']);
  });

  it('send the whole new list when the team changes, and [] when it is emptied', () => {
    const record = inspection({ version: 2 });
    const draft = draftFromRecord(INSPECTION, record);
    expect(changesFrom(INSPECTION, record, draft)).toBeNull();
    draft.values.members = [TRA, TINH];
    expect(changesFrom(INSPECTION, record, draft)).toEqual({ version: 2, members: [TRA, TINH] });
    draft.values.members = [];
    expect(changesFrom(INSPECTION, record, draft)).toEqual({ version: 2, members: [] });
  });

  it('read by name, an unknown or unnamed account by its short id', () => {
    const known = accountsById(accounts);
    expect(accountsText([TRA, TINH], known)).toBe('Đỗ Văn Tra, Vũ Thị Tỉnh');
    expect(accountsText([TRA, GONE, 'short'], known)).toBe('Đỗ Văn Tra, 99999999…, short');
    expect(accountsText(null, known)).toBe('');
    expect(formatValue(field(INSPECTION, 'members'), [TRA], undefined, 'vi')).toBe('08b8fe7b…');
    expect(shortId('abc')).toBe('abc');
  });

  it('offer the assignable accounts by name with their roles, chosen ones no longer listed first', () => {
    const choices = accountChoices(accounts, [GONE, TINH], roleName);
    expect(choices.map((c) => [c.name, c.roleName, c.isChecked, c.isMissing])).toEqual([
      ['99999999…', '', true, true],
      ['Đỗ Văn Tra', 'Thành viên đoàn kiểm tra liên ngành / công an', false, false],
      ['short', 'Thành viên đoàn kiểm tra liên ngành / công an', false, false],
      ['Vũ Thị Tỉnh', 'Cán bộ Sở (cấp tỉnh)', true, false],
    ]);
  });

  it('narrow the list by name or role without diacritics, keeping the chosen ones', () => {
    expect(foldText('  Đỗ Văn  TRÀ ')).toBe('do van tra');
    expect(accountChoices(accounts, [], roleName, 'do van').map((c) => c.id)).toEqual([TRA]);
    expect(accountChoices(accounts, [], roleName, 'can bo so').map((c) => c.id)).toEqual([TINH]);
    expect(accountChoices(accounts, [TINH], roleName, 'đỗ văn').map((c) => c.id)).toEqual([TRA, TINH]);
    expect(accountChoices(accounts, [], roleName, 'nobody')).toEqual([]);
  });

  it('tick and untick in the order chosen', () => {
    expect(toggleAccount([TRA], TINH, true)).toEqual([TRA, TINH]);
    expect(toggleAccount([TRA, TINH], TRA, false)).toEqual([TINH]);
    expect(toggleAccount([TRA], TRA, true)).toEqual([TRA]);
  });
});

describe('likely duplicates', () => {
  const EST = 'b5948dc7-2099-4aa1-bf84-a5a5383e6c3f';
  const refusal = {
    code: 'possible_duplicate',
    fields: [
      {
        field: 'registration_number',
        code: 'possible_duplicate',
        message_vi: `Số giấy chứng nhận đăng ký kinh doanh: có thể trùng với bản ghi đã có (mã ${EST})`,
        message_en: `Business registration number: likely the same as the stored record ${EST}`,
      },
      { field: 'name', code: 'required', message_vi: 'mã 11111111-1111-4111-8111-111111111111', message_en: '' },
    ],
  };

  it('asks with the unit and the compared texts that are filled, not before', () => {
    const draft = emptyDraft(ESTABLISHMENT);
    draft.values = { ...draft.values, name: ' Karaoke Hoa Mai ', registration_number: '27A8-001234' };
    expect(duplicateQuery(ESTABLISHMENT, draft)).toBeNull();
    draft.unit = '14347';
    expect(duplicateQuery(ESTABLISHMENT, draft)).toEqual({ unit: '14347', name: 'Karaoke Hoa Mai', registration_number: '27A8-001234' });
    expect(duplicateQuery(ESTABLISHMENT, emptyDraft(ESTABLISHMENT, '14347'))).toBeNull();
    expect(duplicateQuery(ACTIVITY, emptyDraft(ACTIVITY, '14347'))).toBeNull();
  });

  it('knows a possible_duplicate refusal and the stored records it names', () => {
    expect(isPossibleDuplicate(refusal)).toBe(true);
    expect(isPossibleDuplicate({ code: 'validation_failed', fields: [refusal.fields[0]!] })).toBe(true);
    expect(isPossibleDuplicate({ code: 'validation_failed', fields: [refusal.fields[1]!] })).toBe(false);
    expect(isPossibleDuplicate(null)).toBe(false);
    expect(duplicateIds(refusal)).toEqual([EST]);
    expect(duplicateIds(null)).toEqual([]);
  });

  it('sends the confirmation only when the user gives it', () => {
    const draft = emptyDraft(ESTABLISHMENT, '14347');
    draft.date = '2022-01-01';
    draft.values = { ...draft.values, name: 'Karaoke Mai Hoa', kind: 'karaoke', address: 'Thôn Tây' };
    expect(createBody(ESTABLISHMENT, draft, 'id-2')).not.toHaveProperty('confirm_not_duplicate');
    expect(createBody(ESTABLISHMENT, draft, 'id-2', { confirmNotDuplicate: true })).toMatchObject({ name: 'Karaoke Mai Hoa', confirm_not_duplicate: true });
  });

  it('says what matched by the fields’ labels', () => {
    expect(matchedOnText(ESTABLISHMENT, 'registration_number', 'vi')).toBe('Số giấy chứng nhận đăng ký kinh doanh');
    expect(matchedOnText(ESTABLISHMENT, 'name,address', 'en')).toBe('Name, Address');
    expect(matchedOnText(ESTABLISHMENT, undefined, 'vi')).toBe('');
  });
});
