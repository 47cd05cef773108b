import { describe, expect, it } from 'vitest';
import { indicatorFileHref } from './api';

describe('indicator files', () => {
  it('carries the view into the workbook and report addresses', () => {
    expect(indicatorFileHref('export', { plan: 'plan-184', unit: '37', period: '2024' })).toBe(
      '/api/indicators/export?plan=plan-184&unit=37&period=2024',
    );
    expect(indicatorFileHref('report', { plan: 'plan-184', unit: '37', period: 'P2021-2025', tree: '2025-07-01' })).toBe(
      '/api/indicators/report?plan=plan-184&unit=37&period=P2021-2025&tree=2025-07-01',
    );
  });
});
