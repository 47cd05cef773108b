// The interface's words in Vietnamese (the default) and English. Every visible string comes from
// here through t(); the English table must have exactly the Vietnamese table's keys, which the
// type checker enforces. A value may hold "{name}" placeholders, and an English value may hold
// "singular|plural" forms chosen by the number in the `n` parameter.
//
// The module keeps the current language and tells subscribers when it changes; it knows no DOM,
// so the app frame sets <html lang> and the storage is passed in (tests use a fake).
//
// The record pages' words live in records/messages.ts and are spread into both tables here.

import { dashboardEn, dashboardVi } from './dashboard/messages';
import { plansEn, plansVi } from './plans/messages';
import { reportingEn, reportingVi } from './reporting/messages';
import { yearlyPlansEn, yearlyPlansVi } from './yearly-plans/messages';
import { recordsEn, recordsVi } from './records/messages';
import { tipsEn, tipsVi } from './tips/messages';
import { adminEn, adminVi } from './auth/admin-messages';
import { groupsEn, groupsVi } from './support/group-messages';
import { supportEn, supportVi } from './support/messages';
import { unitChangesEn, unitChangesVi } from './units/messages';
import { offlineEn, offlineVi } from './offline/messages';

export type Lang = 'vi' | 'en';
export const LANGS: readonly Lang[] = ['vi', 'en'];
export const DEFAULT_LANG: Lang = 'vi';
export const STORAGE_KEY = 'pcmd.lang';

const vi = {
  'app.name': 'pcmd',
  'app.tagline': 'Phòng, chống mại dâm',
  'app.title': 'pcmd — Phòng, chống mại dâm',
  'app.skipToContent': 'Bỏ qua, đến nội dung chính',
  'app.loading': 'Đang tải…',
  'app.retry': 'Thử lại',
  'app.menu': 'Danh mục',
  'app.closeMenu': 'Đóng danh mục',
  'app.mainNav': 'Điều hướng chính',
  'app.demo': 'Dữ liệu mẫu — hệ thống đang chạy ở chế độ trình diễn, không dùng cho số liệu thật',

  'lang.label': 'Ngôn ngữ',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'form.showPassword': 'Hiện',
  'form.saving': 'Đang lưu…',
  'form.cancel': 'Huỷ',
  'copy.button': 'Sao chép',
  'copy.done': 'Đã sao chép',
  'copy.failed': 'Trình duyệt không cho sao chép; hãy chọn và chép tay.',
  'time.seconds': '{n} giây',
  'time.minutes': '{n} phút',
  'paging.label': 'Phân trang',
  'paging.previous': 'Trang trước',
  'paging.next': 'Trang sau',
  'paging.page': 'Trang {page}/{pages}',
  'paging.range': '{first}–{last} trên {total}',

  'login.title': 'Đăng nhập',
  'login.username': 'Tên đăng nhập',
  'login.password': 'Mật khẩu',
  'login.code': 'Mã xác thực',
  'login.codeHint': 'Mã 6 chữ số trong ứng dụng xác thực trên điện thoại, hoặc một mã khôi phục.',
  'login.codeNeeded': 'Tài khoản này có xác thực hai lớp. Hãy nhập mã đang hiện trong ứng dụng xác thực.',
  'login.submit': 'Đăng nhập',
  'login.submitting': 'Đang đăng nhập…',
  'login.otherAccount': 'Đăng nhập bằng tài khoản khác',
  'login.invalidCredentials': 'Tên đăng nhập hoặc mật khẩu không đúng. Hãy kiểm tra lại (chú ý chữ hoa, chữ thường và bộ gõ tiếng Việt).',
  'login.wrongCode': 'Mã xác thực không đúng hoặc đã được dùng. Hãy đợi mã mới hiện trong ứng dụng rồi nhập lại.',
  'login.throttled': 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau {wait}.',
  'login.throttledNoWait': 'Đăng nhập sai quá nhiều lần. Hãy thử lại sau ít phút.',
  'login.network': 'Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại.',
  'login.expired': 'Phiên làm việc đã hết hạn. Hãy đăng nhập lại để tiếp tục.',
  'login.loggedOut': 'Bạn đã đăng xuất.',
  'login.help': 'Quên mật khẩu hoặc mất điện thoại? Hãy liên hệ quản trị hệ thống của đơn vị để được cấp lại.',

  'forced.hello': 'Xin chào {name}.',
  'forced.step': 'Bước {n}/{total}.',

  'password.title': 'Đổi mật khẩu',
  'password.forcedIntro': 'Bạn đang dùng mật khẩu tạm thời. Hãy đặt mật khẩu riêng trước khi tiếp tục.',
  'password.rules': 'Mật khẩu mới cần dài ít nhất 8 ký tự và không phải là mật khẩu phổ biến. Không bắt buộc chữ hoa, chữ số hay ký tự đặc biệt: một cụm từ dài, dễ nhớ với bạn là lựa chọn tốt.',
  'password.current': 'Mật khẩu hiện tại',
  'password.new': 'Mật khẩu mới',
  'password.newHint': 'Ít nhất 8 ký tự.',
  'password.repeat': 'Nhập lại mật khẩu mới',
  'password.submit': 'Đổi mật khẩu',
  'password.changed': 'Đã đổi mật khẩu.',
  'password.changedHere': 'Đã đổi mật khẩu. Các phiên đăng nhập khác của tài khoản đã bị đóng.',
  'password.error.currentMissing': 'Hãy nhập mật khẩu hiện tại.',
  'password.error.newMissing': 'Hãy nhập mật khẩu mới.',
  'password.error.mismatch': 'Hai lần nhập mật khẩu mới không khớp nhau.',
  'password.error.incorrect': 'Mật khẩu hiện tại không đúng.',
  'password.error.tooShort': 'Mật khẩu mới quá ngắn: cần ít nhất 8 ký tự.',
  'password.error.tooLong': 'Mật khẩu mới quá dài: tối đa 128 ký tự.',
  'password.error.tooCommon': 'Mật khẩu này quá phổ biến, dễ bị đoán. Hãy chọn mật khẩu khác.',
  'password.error.sameAsUsername': 'Mật khẩu không được trùng với tên đăng nhập.',
  'password.error.unchanged': 'Mật khẩu mới phải khác mật khẩu hiện tại.',

  'totp.title': 'Xác thực hai lớp',
  'totp.forcedIntro': 'Vai trò của bạn cần xác thực hai lớp: mỗi lần đăng nhập, ngoài mật khẩu, bạn nhập thêm một mã 6 chữ số từ ứng dụng trên điện thoại.',
  'totp.step1': '1. Cài ứng dụng xác thực',
  'totp.step1Text': 'Trên điện thoại, cài một ứng dụng xác thực như Google Authenticator, Microsoft Authenticator hoặc FreeOTP (miễn phí).',
  'totp.step2': '2. Thêm tài khoản vào ứng dụng',
  'totp.qrLabel': 'Mã QR để quét bằng ứng dụng xác thực',
  'totp.qrFailed': 'Không hiện được mã QR. Hãy tải lại trang, hoặc gõ khoá bên cạnh vào ứng dụng.',
  'totp.keyIntro': 'Quét mã QR bằng ứng dụng. Nếu không quét được, hãy chọn “Nhập khoá” và gõ khoá sau:',
  'totp.keyLabel': 'Khoá bí mật',
  'totp.keyDetails': 'Loại: theo thời gian (TOTP), 6 chữ số, 30 giây.',
  'totp.copyKey': 'Sao chép khoá',
  'totp.step3': '3. Nhập mã ứng dụng đang hiện',
  'totp.code': 'Mã 6 chữ số',
  'totp.codeHint': 'Mã đổi sau mỗi 30 giây; nhập mã đang hiện.',
  'totp.confirm': 'Xác nhận',
  'totp.confirming': 'Đang kiểm tra…',
  'totp.error.format': 'Mã gồm đúng 6 chữ số.',
  'totp.error.incorrect': 'Mã không đúng. Hãy kiểm tra giờ trên điện thoại (đặt tự động) rồi nhập mã đang hiện.',
  'totp.enabled': 'Đã bật xác thực hai lớp.',
  'totp.codesTitle': 'Mã khôi phục',
  'totp.codesIntro': 'Nếu mất điện thoại, bạn có thể đăng nhập bằng một trong các mã dưới đây thay cho mã xác thực. Mỗi mã chỉ dùng được một lần.',
  'totp.codesOnce': 'Các mã này chỉ hiện một lần. Hãy chép ra giấy hoặc lưu ở nơi an toàn, không lưu cùng mật khẩu.',
  'totp.copyCodes': 'Sao chép các mã',
  'totp.saved': 'Tôi đã lưu các mã khôi phục ở nơi an toàn',
  'totp.continue': 'Tiếp tục',
  'totp.on': 'Đang bật',
  'totp.onText': 'Mỗi lần đăng nhập cần thêm mã từ ứng dụng xác thực.',
  'totp.off': 'Chưa bật',
  'totp.offText': 'Bật xác thực hai lớp để tài khoản an toàn hơn.',
  'totp.setUp': 'Thiết lập xác thực hai lớp',

  'forbidden.title': 'Không có quyền truy cập',
  'forbidden.body': 'Vai trò của bạn không dùng được chức năng này.',

  'unitPicker.change': 'Chọn đơn vị khác',
  'unitPicker.hint': 'Gõ tên đơn vị, có dấu hoặc không dấu, rồi chọn trong danh sách.',

  'otp.label': 'Mật khẩu dùng một lần của {username}:',
  'otp.warning': 'Mật khẩu này chỉ hiện một lần. Hãy trao trực tiếp cho người dùng qua kênh an toàn; họ phải đổi mật khẩu ở lần đăng nhập đầu tiên.',

  'nav.dashboard': 'Tổng quan',
  'nav.units': 'Đơn vị hành chính',
  'nav.communication': 'Tuyên truyền',
  'nav.inspections': 'Kiểm tra',
  'nav.tips': 'Tin báo, tố giác',
  'nav.support': 'Hỗ trợ',
  'nav.reports': 'Báo cáo',
  'nav.users': 'Người dùng',
  'nav.audit': 'Nhật ký hệ thống',

  'placeholder.title': 'Đang xây dựng',
  'placeholder.body': 'Chức năng này sẽ có trong các phiên bản tiếp theo.',
  'notFound.title': 'Không tìm thấy trang',
  'notFound.body': 'Địa chỉ này không có trong hệ thống.',
  'notFound.home': 'Về trang đơn vị hành chính',

  'level.province': 'Cấp tỉnh',
  'level.district': 'Cấp huyện',
  'level.commune': 'Cấp xã',
  'count.district': '{n} đơn vị cấp huyện',
  'count.commune': '{n} đơn vị cấp xã',
  'count.results': '{n} kết quả',
  'stat.district': 'đơn vị cấp huyện',
  'stat.commune': 'đơn vị cấp xã',

  'units.title': 'Đơn vị hành chính',
  'units.breadcrumb': 'Đường dẫn đơn vị',
  'units.code': 'Mã {code}',
  'units.children': 'Đơn vị trực thuộc',
  'units.noChildren': 'Không có đơn vị trực thuộc.',
  'units.noProvince': 'Chưa có đơn vị hành chính nào. Hãy nạp danh mục đơn vị (pcmd units import).',
  'units.provinces': 'Tỉnh, thành phố',
  'units.history': 'Lịch sử thay đổi',
  'units.validFrom': 'từ {date}',
  'units.validRange': '{from} – {to}',
  'units.searchLabel': 'Tìm đơn vị hành chính',
  'units.searchPlaceholder': 'Ví dụ: Ninh Nhất',
  'units.searchHint': 'Gõ tên, có dấu hoặc không dấu.',
  'units.searchClear': 'Xoá tìm kiếm',
  'units.searching': 'Đang tìm…',
  'units.noResults': 'Không tìm thấy đơn vị nào khớp với “{q}”.',
  'units.moreResults': 'Đang hiện {shown} trên {total} kết quả; hãy gõ cụ thể hơn.',
  'units.results': 'Kết quả tìm kiếm',

  ...recordsVi,
  ...plansVi,
  ...reportingVi,
  ...yearlyPlansVi,
  ...tipsVi,
  ...adminVi,
  ...supportVi,
  ...groupsVi,
  ...dashboardVi,
  ...unitChangesVi,
  ...offlineVi,
  'size.kb': '{n} kB',
  'size.mb': '{n} MB',

  'error.title': 'Có lỗi xảy ra',
  'error.network': 'Không kết nối được với máy chủ. Hãy kiểm tra mạng rồi thử lại.',
  'error.badReply': 'Máy chủ trả lời không đúng định dạng.',
  'error.http400': 'Yêu cầu không hợp lệ.',
  'error.http401': 'Cần đăng nhập để tiếp tục.',
  'error.http403': 'Bạn không có quyền thực hiện thao tác này.',
  'error.http404': 'Không tìm thấy dữ liệu yêu cầu.',
  'error.http409': 'Dữ liệu đã bị thay đổi bởi người khác; hãy tải lại.',
  'error.http413': 'Dữ liệu gửi lên quá lớn.',
  'error.http422': 'Dữ liệu không hợp lệ.',
  'error.http429': 'Quá nhiều yêu cầu; hãy thử lại sau ít phút.',
  'error.http5xx': 'Máy chủ đang gặp sự cố; hãy thử lại sau.',
  'error.httpOther': 'Yêu cầu không thành công (mã {status}).',
} as const;

export type MessageKey = keyof typeof vi;

const en: Record<MessageKey, string> = {
  'app.name': 'pcmd',
  'app.tagline': 'Prostitution prevention and control',
  'app.title': 'pcmd — Prostitution prevention and control',
  'app.skipToContent': 'Skip to main content',
  'app.loading': 'Loading…',
  'app.retry': 'Try again',
  'app.menu': 'Menu',
  'app.closeMenu': 'Close menu',
  'app.mainNav': 'Main navigation',
  'app.demo': 'Demo data — this system runs in demonstration mode, not for real figures',

  'lang.label': 'Language',
  'lang.vi': 'Tiếng Việt',
  'lang.en': 'English',

  'form.showPassword': 'Show',
  'form.saving': 'Saving…',
  'form.cancel': 'Cancel',
  'copy.button': 'Copy',
  'copy.done': 'Copied',
  'copy.failed': 'The browser refused to copy; select the text and copy it by hand.',
  'time.seconds': '{n} second|{n} seconds',
  'time.minutes': '{n} minute|{n} minutes',
  'paging.label': 'Pages',
  'paging.previous': 'Previous',
  'paging.next': 'Next',
  'paging.page': 'Page {page} of {pages}',
  'paging.range': '{first}–{last} of {total}',

  'login.title': 'Sign in',
  'login.username': 'User name',
  'login.password': 'Password',
  'login.code': 'Verification code',
  'login.codeHint': 'The 6-digit code in the authenticator app on your phone, or a recovery code.',
  'login.codeNeeded': 'This account uses two-step sign-in. Enter the code your authenticator app shows.',
  'login.submit': 'Sign in',
  'login.submitting': 'Signing in…',
  'login.otherAccount': 'Sign in with another account',
  'login.invalidCredentials': 'Wrong user name or password. Check them (mind upper and lower case and the Vietnamese keyboard).',
  'login.wrongCode': 'The code is wrong or was already used. Wait for a new code in the app and enter it.',
  'login.throttled': 'Too many failed sign-ins. Try again in {wait}.',
  'login.throttledNoWait': 'Too many failed sign-ins. Try again in a few minutes.',
  'login.network': 'Cannot reach the server. Check the network and try again.',
  'login.expired': 'Your session has ended. Sign in again to go on.',
  'login.loggedOut': 'You have signed out.',
  'login.help': 'Forgot your password or lost your phone? Ask your unit’s system administrator to reset it.',

  'forced.hello': 'Hello, {name}.',
  'forced.step': 'Step {n} of {total}.',

  'password.title': 'Change password',
  'password.forcedIntro': 'You are using a temporary password. Choose your own before going on.',
  'password.rules': 'The new password needs at least 8 characters and must not be a common password. Capitals, digits and symbols are not required: a long phrase you remember easily is a good choice.',
  'password.current': 'Current password',
  'password.new': 'New password',
  'password.newHint': 'At least 8 characters.',
  'password.repeat': 'New password again',
  'password.submit': 'Change password',
  'password.changed': 'Password changed.',
  'password.changedHere': 'Password changed. The account’s other sessions have been closed.',
  'password.error.currentMissing': 'Enter your current password.',
  'password.error.newMissing': 'Enter a new password.',
  'password.error.mismatch': 'The two new passwords differ.',
  'password.error.incorrect': 'The current password is not right.',
  'password.error.tooShort': 'The new password is too short: at least 8 characters.',
  'password.error.tooLong': 'The new password is too long: at most 128 characters.',
  'password.error.tooCommon': 'This password is too common and easy to guess. Choose another.',
  'password.error.sameAsUsername': 'The password must not be the user name.',
  'password.error.unchanged': 'The new password must differ from the current one.',

  'totp.title': 'Two-step sign-in',
  'totp.forcedIntro': 'Your role needs two-step sign-in: each time you sign in you also enter a 6-digit code from an app on your phone.',
  'totp.step1': '1. Install an authenticator app',
  'totp.step1Text': 'On your phone, install an authenticator app such as Google Authenticator, Microsoft Authenticator or FreeOTP (free).',
  'totp.step2': '2. Add the account to the app',
  'totp.qrLabel': 'QR code to scan with the authenticator app',
  'totp.qrFailed': 'The QR code cannot be shown. Reload the page, or type the key beside it into the app.',
  'totp.keyIntro': 'Scan the QR code with the app. If you cannot scan, choose “Enter a setup key” and type this key:',
  'totp.keyLabel': 'Secret key',
  'totp.keyDetails': 'Type: time-based (TOTP), 6 digits, 30 seconds.',
  'totp.copyKey': 'Copy key',
  'totp.step3': '3. Enter the code the app shows',
  'totp.code': '6-digit code',
  'totp.codeHint': 'The code changes every 30 seconds; enter the current one.',
  'totp.confirm': 'Confirm',
  'totp.confirming': 'Checking…',
  'totp.error.format': 'The code has exactly 6 digits.',
  'totp.error.incorrect': 'Wrong code. Check that the phone sets its clock automatically, then enter the current code.',
  'totp.enabled': 'Two-step sign-in is on.',
  'totp.codesTitle': 'Recovery codes',
  'totp.codesIntro': 'If you lose your phone, you can sign in with one of these codes instead of a verification code. Each code works once.',
  'totp.codesOnce': 'These codes are shown only once. Write them down or keep them somewhere safe, not with your password.',
  'totp.copyCodes': 'Copy the codes',
  'totp.saved': 'I have kept the recovery codes somewhere safe',
  'totp.continue': 'Continue',
  'totp.on': 'On',
  'totp.onText': 'Each sign-in also needs a code from the authenticator app.',
  'totp.off': 'Off',
  'totp.offText': 'Turn on two-step sign-in to make the account safer.',
  'totp.setUp': 'Set up two-step sign-in',

  'forbidden.title': 'Not available',
  'forbidden.body': 'Your role cannot use this part of pcmd.',

  'unitPicker.change': 'Choose another unit',
  'unitPicker.hint': 'Type the unit’s name, with or without diacritics, and pick it from the list.',

  'otp.label': 'One-time password of {username}:',
  'otp.warning': 'This password is shown only once. Hand it to the user in person or over a safe channel; they must change it at their first sign-in.',

  'nav.dashboard': 'Dashboard',
  'nav.units': 'Administrative units',
  'nav.communication': 'Communication',
  'nav.inspections': 'Inspections',
  'nav.tips': 'Tips and denunciations',
  'nav.support': 'Support',
  'nav.reports': 'Reports',
  'nav.users': 'Users',
  'nav.audit': 'Audit log',

  'placeholder.title': 'Coming soon',
  'placeholder.body': 'This part of pcmd will arrive in a later version.',
  'notFound.title': 'Page not found',
  'notFound.body': 'There is no page at this address.',
  'notFound.home': 'Go to administrative units',

  'level.province': 'Province',
  'level.district': 'District',
  'level.commune': 'Commune',
  'count.district': '{n} district|{n} districts',
  'count.commune': '{n} commune|{n} communes',
  'count.results': '{n} result|{n} results',
  'stat.district': 'district|districts',
  'stat.commune': 'commune|communes',

  'units.title': 'Administrative units',
  'units.breadcrumb': 'Unit path',
  'units.code': 'Code {code}',
  'units.children': 'Units below',
  'units.noChildren': 'No units below this one.',
  'units.noProvince': 'No administrative units yet. Load the unit list (pcmd units import).',
  'units.provinces': 'Provinces',
  'units.history': 'History',
  'units.validFrom': 'since {date}',
  'units.validRange': '{from} – {to}',
  'units.searchLabel': 'Search administrative units',
  'units.searchPlaceholder': 'For example: Ninh Nhất',
  'units.searchHint': 'Type a name, with or without diacritics.',
  'units.searchClear': 'Clear search',
  'units.searching': 'Searching…',
  'units.noResults': 'No unit matches “{q}”.',
  'units.moreResults': 'Showing {shown} of {total} results; type more to narrow them.',
  'units.results': 'Search results',

  ...recordsEn,
  ...plansEn,
  ...reportingEn,
  ...yearlyPlansEn,
  ...tipsEn,
  ...adminEn,
  ...supportEn,
  ...groupsEn,
  ...dashboardEn,
  ...unitChangesEn,
  ...offlineEn,
  'size.kb': '{n} kB',
  'size.mb': '{n} MB',

  'error.title': 'Something went wrong',
  'error.network': 'Cannot reach the server. Check the network and try again.',
  'error.badReply': 'The server sent a reply in an unexpected format.',
  'error.http400': 'The request was not valid.',
  'error.http401': 'Please sign in to continue.',
  'error.http403': 'You are not allowed to do this.',
  'error.http404': 'The requested data was not found.',
  'error.http409': 'Someone else changed this data; reload it.',
  'error.http413': 'The data sent is too large.',
  'error.http422': 'The data is not valid.',
  'error.http429': 'Too many requests; try again in a few minutes.',
  'error.http5xx': 'The server is having trouble; try again later.',
  'error.httpOther': 'The request failed (status {status}).',
};

const DICTIONARIES: Record<Lang, Record<MessageKey, string>> = { vi, en };

// Unit types as the GSO list writes them; the English names are for reading only, the
// Vietnamese name of a unit ("Xã Ninh Nhất") is its official name and is never translated.
const UNIT_TYPES_EN: Record<string, string> = {
  'Tỉnh': 'Province',
  'Thành phố': 'City',
  'Thành phố trực thuộc trung ương': 'Municipality',
  'Quận': 'Urban district',
  'Huyện': 'District',
  'Thị xã': 'Town',
  'Phường': 'Ward',
  'Xã': 'Commune',
  'Thị trấn': 'Township',
  'Đặc khu': 'Special zone',
};

export type Params = Record<string, string | number>;

/** Anything with the two methods of window.localStorage that this module uses. */
export interface LangStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

let current: Lang = DEFAULT_LANG;
const listeners = new Set<(lang: Lang) => void>();

export function isLang(value: unknown): value is Lang {
  return value === 'vi' || value === 'en';
}

export function getLang(): Lang {
  return current;
}

/** Reads the remembered choice; a missing, unknown or unreadable value gives Vietnamese. */
export function initLang(storage: LangStorage | null | undefined): Lang {
  let stored: string | null = null;
  try {
    stored = storage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    stored = null; // storage disabled by the browser's privacy settings
  }
  current = isLang(stored) ? stored : DEFAULT_LANG;
  return current;
}

/** Switches the language, remembers it when storage allows, and tells the subscribers. */
export function setLang(lang: Lang, storage?: LangStorage | null): void {
  try {
    storage?.setItem(STORAGE_KEY, lang);
  } catch {
    // Not remembered, but the switch itself still happens.
  }
  if (lang === current) return;
  current = lang;
  for (const listener of [...listeners]) listener(lang);
}

/** Calls `listener` after every change of language; returns the function that unsubscribes. */
export function onLangChange(listener: (lang: Lang) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

function pluralForm(text: string, n: number, lang: Lang): string {
  const bar = text.indexOf('|');
  if (bar < 0) return text;
  const isOne = new Intl.PluralRules(lang).select(n) === 'one';
  return isOne ? text.slice(0, bar) : text.slice(bar + 1);
}

/** The message `key` in `lang` (default: the current language) with its placeholders filled. */
export function t(key: MessageKey, params?: Params, lang: Lang = current): string {
  let text = DICTIONARIES[lang][key];
  if (params && typeof params.n === 'number') text = pluralForm(text, params.n, lang);
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    return typeof value === 'number' ? formatNumber(value, lang) : value;
  });
}

export function formatNumber(value: number, lang: Lang = current): string {
  return new Intl.NumberFormat(lang === 'vi' ? 'vi-VN' : 'en-GB').format(value);
}

/** "2021-01-01" as the language writes dates: 01/01/2021 in Vietnamese, 1 Jan 2021 in English. */
export function formatDate(isoDate: string, lang: Lang = current): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  if (!match) return isoDate;
  const [, y, m, d] = match;
  if (lang === 'vi') return `${d}/${m}/${y}`;
  const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** The unit type for display: as written in Vietnamese, in English when a name is known. */
export function unitTypeLabel(type: string, lang: Lang = current): string {
  if (lang === 'vi') return type;
  return UNIT_TYPES_EN[type] ?? type;
}

/** Every key of both tables, for tests that check the tables stay in step. */
export function messageKeys(lang: Lang): string[] {
  return Object.keys(DICTIONARIES[lang]);
}
