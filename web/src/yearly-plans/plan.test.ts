import { describe, expect, it } from 'vitest';
import { yearlyPlansEn, yearlyPlansVi } from './messages';
import { canCreatePlans, countsParts, newPlanBody, newTaskBody, progressBody, sortTasks, splitList, taskStateKeys, vietnamDay } from './plan';

describe('yearly plan rules', () => {
  it('lets only the unit officers draft plans', () => {
    expect(canCreatePlans('province_officer')).toBe(true);
    expect(canCreatePlans('commune_officer')).toBe(true);
    expect(canCreatePlans('viewer')).toBe(false);
    expect(canCreatePlans('inspector')).toBe(false);
  });

  it('labels an overdue task in words, not only by colour', () => {
    expect(taskStateKeys({ progress: 'in_progress', is_overdue: true })).toEqual(['yp.progress.in_progress', 'yp.overdue']);
    expect(taskStateKeys({ progress: 'done', is_overdue: false })).toEqual(['yp.progress.done']);
  });

  it('puts overdue tasks first, then by deadline', () => {
    const tasks = [
      { id: 'a', deadline: '2025-03-01', is_overdue: false },
      { id: 'b', deadline: '2025-09-01', is_overdue: true },
      { id: 'c', deadline: '2025-01-01', is_overdue: false },
    ];
    expect(sortTasks(tasks).map((x) => x.id)).toEqual(['b', 'c', 'a']);
  });

  it('counts done and overdue tasks', () => {
    expect(countsParts({ tasks: 5, done: 2, overdue: 1 })).toEqual([
      { key: 'yp.counts.done', n: 2, total: 5 },
      { key: 'yp.counts.overdue', n: 1 },
    ]);
    expect(countsParts(undefined)).toEqual([{ key: 'yp.counts.done', n: 0, total: 0 }]);
  });

  it('splits agency and target lists', () => {
    expect(splitList('Công an huyện\n\n Phòng Văn hóa ')).toEqual(['Công an huyện', 'Phòng Văn hóa']);
    expect(splitList('T1, t10;T2')).toEqual(['T1', 't10', 'T2']);
  });

  it('checks a new plan before sending it', () => {
    const bad = newPlanBody({ unit: '37', year: '1999', title: ' ', documentNumber: '', documentDate: '' });
    expect(bad.body).toBeNull();
    expect(bad.errors).toEqual({ title: 'yp.error.required', year: 'yp.error.year' });
    const ok = newPlanBody({ unit: '37', year: '2025', title: 'Kế hoạch', documentNumber: ' 45/KH-UBND ', documentDate: '2025-01-20' });
    expect(ok.body).toEqual({ unit: '37', year: 2025, title: 'Kế hoạch', document_number: '45/KH-UBND', document_date: '2025-01-20' });
  });

  it('checks a new task and upper-cases its targets', () => {
    expect(newTaskBody({ title: '', description: '', assigneeUnit: '', leadAgency: '', cooperating: '', deadline: '', targets: '' }).errors).toEqual({
      title: 'yp.error.required',
      assignee_unit: 'yp.error.required',
      deadline: 'yp.error.required',
    });
    const ok = newTaskBody({ title: 'Tuyên truyền', description: '', assigneeUnit: '369', leadAgency: 'Phòng LĐTBXH', cooperating: 'Công an\nVăn hóa', deadline: '2025-06-30', targets: 't1, T2' });
    expect(ok.body).toEqual({
      title: 'Tuyên truyền',
      assignee_unit: '369',
      lead_agency: 'Phòng LĐTBXH',
      cooperating: ['Công an', 'Văn hóa'],
      deadline: '2025-06-30',
      targets: ['T1', 'T2'],
    });
  });

  it('needs evidence to report a task done', () => {
    expect(progressBody({ status: 'done', note: '', evidence: '', evidenceLink: '' }, 2).errors).toEqual({ evidence: 'yp.error.evidence' });
    expect(progressBody({ status: 'in_progress', note: '', evidence: '', evidenceLink: 'ftp://x' }, 2).errors).toEqual({ evidence_link: 'yp.error.link' });
    expect(progressBody({ status: 'done', note: ' ', evidence: '', evidenceLink: 'https://x.vn/a' }, 2).body).toEqual({
      version: 2,
      status: 'done',
      evidence_link: 'https://x.vn/a',
    });
  });

  it("dates a report by Vietnam's day", () => {
    expect(vietnamDay('2026-11-29T18:30:00.000Z')).toBe('2026-11-30');
    expect(vietnamDay('2026-11-29T16:59:59Z')).toBe('2026-11-29');
  });

  it('has the same keys in Vietnamese and English', () => {
    expect(Object.keys(yearlyPlansEn).sort()).toEqual(Object.keys(yearlyPlansVi).sort());
  });
});
