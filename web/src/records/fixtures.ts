// Record types as the server describes them (GET /api/record-types), for the unit tests.

import type { RecordType, StoredRecord } from '../api/records';

export const ACTIVITY: RecordType = {
  path: 'communication-activities',
  label_vi: 'Hoạt động tuyên truyền',
  label_en: 'Communication activity',
  date_label_vi: 'Ngày tổ chức',
  date_label_en: 'Date held',
  unit_levels: ['province', 'district', 'commune'],
  resource: 'programme_record',
  fields: [
    { name: 'form', kind: 'code', required: true, label_vi: 'Hình thức tuyên truyền', label_en: 'Form', code_list: 'communication_form' },
    { name: 'setting', kind: 'code', required: true, label_vi: 'Địa bàn, môi trường', label_en: 'Setting', code_list: 'communication_setting' },
    { name: 'organiser', kind: 'text', required: true, label_vi: 'Cơ quan tổ chức', label_en: 'Organising agency', max_length: 200 },
    { name: 'audience_count', kind: 'integer', required: false, label_vi: 'Số người tham dự', label_en: 'Audience', min: 0, max: 1_000_000 },
    { name: 'materials', kind: 'text', required: false, label_vi: 'Tài liệu sử dụng', label_en: 'Materials used', max_length: 500 },
    { name: 'note', kind: 'text', required: false, label_vi: 'Ghi chú', label_en: 'Note', max_length: 1000 },
  ],
};

export const PLAN: RecordType = {
  path: 'district-plans',
  label_vi: 'Kế hoạch phòng, chống mại dâm cấp huyện',
  label_en: 'District prevention plan',
  date_label_vi: 'Ngày ban hành',
  date_label_en: 'Date issued',
  unit_levels: ['district'],
  resource: 'programme_record',
  fields: [
    { name: 'year', kind: 'integer', required: true, label_vi: 'Năm kế hoạch', label_en: 'Plan year', min: 2000, max: 2100 },
    { name: 'document_number', kind: 'text', required: true, label_vi: 'Số, ký hiệu văn bản', label_en: 'Document number', max_length: 100 },
    { name: 'is_implemented', kind: 'boolean', required: false, label_vi: 'Đã triển khai thực hiện', label_en: 'Implemented' },
    { name: 'evidence', kind: 'text', required: false, label_vi: 'Căn cứ, minh chứng triển khai', label_en: 'Evidence', max_length: 2000 },
    { name: 'integrated_with', kind: 'codes', required: false, label_vi: 'Lồng ghép với chương trình', label_en: 'Integrated with', code_list: 'integration_programme' },
    { name: 'link', kind: 'url', required: false, label_vi: 'Đường dẫn', label_en: 'Link', max_length: 1000 },
  ],
};

export const ZONE: RecordType = {
  path: 'industrial-zones',
  label_vi: 'Khu công nghiệp',
  label_en: 'Industrial zone',
  date_label_vi: 'Ngày đưa vào danh sách',
  date_label_en: 'Date listed',
  unit_levels: ['district', 'commune'],
  resource: 'programme_record',
  fields: [
    { name: 'name', kind: 'text', required: true, label_vi: 'Tên khu công nghiệp', label_en: 'Name', max_length: 300 },
    { name: 'note', kind: 'text', required: false, label_vi: 'Ghi chú', label_en: 'Note', max_length: 1000 },
  ],
};

export const WORKFORCE: RecordType = {
  path: 'zone-workforce',
  label_vi: 'Số người lao động của khu công nghiệp',
  label_en: 'Industrial zone workforce',
  date_label_vi: 'Ngày thống kê',
  date_label_en: 'Date counted',
  unit_levels: ['province', 'district', 'commune'],
  resource: 'programme_record',
  fields: [
    { name: 'zone', kind: 'reference', required: true, label_vi: 'Khu công nghiệp', label_en: 'Industrial zone', reference_type: 'industrial_zone' },
    { name: 'year', kind: 'integer', required: true, label_vi: 'Năm', label_en: 'Year', min: 2000, max: 2100 },
    { name: 'workers', kind: 'integer', required: true, label_vi: 'Số người lao động', label_en: 'Workers', min: 0, max: 1_000_000 },
  ],
};

export const MATERIAL: RecordType = {
  id: 'communication_material',
  path: 'communication-materials',
  label_vi: 'Tài liệu truyền thông',
  label_en: 'Communication material',
  date_label_vi: 'Ngày phát hành',
  date_label_en: 'Date issued',
  unit_levels: ['province', 'district', 'commune'],
  resource: 'programme_record',
  fields: [
    { name: 'title', kind: 'text', required: true, label_vi: 'Tên tài liệu', label_en: 'Title', max_length: 300 },
    { name: 'kind', kind: 'code', required: true, label_vi: 'Loại tài liệu', label_en: 'Kind', code_list: 'material_kind' },
    { name: 'language', kind: 'code', required: true, label_vi: 'Ngôn ngữ', label_en: 'Language', code_list: 'material_language' },
    { name: 'file', kind: 'file', required: false, label_vi: 'Tệp (PDF, ảnh)', label_en: 'File (PDF, image)' },
    { name: 'video_link', kind: 'url', required: false, label_vi: 'Đường dẫn video', label_en: 'Video link', max_length: 1000 },
    { name: 'note', kind: 'text', required: false, label_vi: 'Ghi chú', label_en: 'Note', max_length: 1000 },
  ],
};

export const ESTABLISHMENT: RecordType = {
  id: 'establishment',
  path: 'establishments',
  label_vi: 'Cơ sở kinh doanh dịch vụ dễ phát sinh tệ nạn mại dâm',
  label_en: 'Prone establishment',
  date_label_vi: 'Ngày đưa vào danh sách theo dõi',
  date_label_en: 'Listed on',
  unit_levels: ['commune'],
  resource: 'establishment',
  fields: [
    { name: 'name', kind: 'text', required: true, label_vi: 'Tên cơ sở', label_en: 'Name', max_length: 300 },
    { name: 'kind', kind: 'code', required: true, label_vi: 'Loại hình kinh doanh', label_en: 'Kind of business', code_list: 'establishment_kind' },
    { name: 'address', kind: 'text', required: true, label_vi: 'Địa chỉ', label_en: 'Address', max_length: 300 },
    { name: 'registration_number', kind: 'text', required: false, label_vi: 'Số giấy chứng nhận đăng ký kinh doanh', label_en: 'Business registration number', max_length: 50 },
    { name: 'note', kind: 'text', required: false, label_vi: 'Ghi chú', label_en: 'Note', max_length: 1000 },
  ],
};

export const INSPECTION: RecordType = {
  id: 'inspection',
  path: 'inspections',
  label_vi: 'Kiểm tra cơ sở',
  label_en: 'Inspection of an establishment',
  date_label_vi: 'Ngày kiểm tra',
  date_label_en: 'Date inspected',
  unit_levels: ['commune'],
  resource: 'inspection',
  fields: [
    { name: 'establishment', kind: 'reference', required: true, label_vi: 'Cơ sở được kiểm tra', label_en: 'Establishment', reference_type: 'establishment' },
    { name: 'decision_number', kind: 'text', required: true, label_vi: 'Số quyết định, kế hoạch kiểm tra', label_en: 'Decision number', max_length: 100 },
    { name: 'lead_agency', kind: 'code', required: true, label_vi: 'Cơ quan chủ trì', label_en: 'Lead agency', code_list: 'inspection_agency' },
    { name: 'members', kind: 'accounts', required: true, label_vi: 'Thành viên đoàn kiểm tra', label_en: 'Team members' },
    { name: 'result', kind: 'code', required: true, label_vi: 'Kết quả kiểm tra', label_en: 'Result', code_list: 'inspection_result' },
    { name: 'note', kind: 'text', required: false, label_vi: 'Ghi chú', label_en: 'Note', max_length: 2000 },
  ],
};

export function activity(values: Partial<StoredRecord> = {}): StoredRecord {
  return {
    id: '11111111-1111-4111-8111-111111111111',
    type: 'communication-activities',
    unit: '14347',
    date: '2026-11-20',
    version: 1,
    created_at: '2026-11-29T04:57:11.072Z',
    updated_at: '2026-11-29T04:57:11.072Z',
    created_by: 'a',
    updated_by: 'a',
    form: 'meeting',
    setting: 'community',
    organiser: 'Hội Phụ nữ xã',
    audience_count: 45,
    materials: null,
    note: null,
    ...values,
  };
}
