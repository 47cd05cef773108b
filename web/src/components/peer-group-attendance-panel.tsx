// "Điểm danh" on a group activity's page: the members of its group on the activity's date
// (GET /api/peer-groups/{group}/members, filtered here) as checkboxes, those recorded as present
// (GET /api/peer-group-activities/{id}/attendance) ticked, saved with PUT …/attendance. No more
// may be ticked than the participants recorded (checked here and by the server, whose field
// errors on "attendees" show under the list). Attendance is for those who run the group: a 403
// (or a 404, the group out of reach) is said plainly, without an error box.

import { useState } from 'preact/hooks';
import { ApiError, networkError } from '../api/client';
import type { StoredRecord } from '../api/records';
import { useApi } from '../hooks';
import { formatDate, t, type Lang } from '../i18n';
import { getAttendance, listMembers, putAttendance } from '../support/groups-api';
import { attendanceChoices, attendanceProblem, groupHref, intValue, splitFieldErrors } from '../support/groups';
import { ErrorNotice } from './error-notice';
import { saveOffline, summaryOf } from '../offline/save';
import { CheckGroupField, FormMessage } from './form-fields';
import { Link } from './link';

export interface PeerGroupAttendancePanelProps {
  activity: StoredRecord;
  lang: Lang;
}

export function PeerGroupAttendancePanel({ activity, lang }: PeerGroupAttendancePanelProps) {
  const groupId = typeof activity.group === 'string' ? activity.group : '';
  const [tick, setTick] = useState(0);
  const attendance = useApi((signal) => getAttendance(activity.id, signal), [activity.id, activity.version, tick]);
  const members = useApi((signal) => (groupId ? listMembers(groupId, signal) : null), [groupId, activity.version, tick]);
  const [selected, setSelected] = useState<string[] | null>(null);
  const [error, setError] = useState<string | undefined>(undefined);
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<number | null>(null);
  const [isSaving, setSaving] = useState(false);
  const [isQueued, setQueued] = useState(false);

  const isRefused = attendance.error?.status === 403 || attendance.error?.status === 404;
  const present = attendance.data?.items ?? [];
  const chosen = selected ?? present.map((m) => m.id);
  const choices = attendanceChoices(members.data?.items ?? [], present, activity.date);
  const participants = intValue(activity.participants);
  const loadError = isRefused ? null : (attendance.error ?? members.error);
  const isReady = !!attendance.data && !!members.data;

  async function onSubmit(event: Event) {
    event.preventDefault();
    if (isSaving) return;
    setFailure(null);
    setSaved(null);
    const problem = attendanceProblem(chosen.length, participants, lang);
    setError(problem ?? undefined);
    if (problem) return;
    setSaving(true);
    setQueued(false);
    try {
      const reply = await putAttendance(activity.id, chosen);
      setSelected(null);
      setSaved(reply.items.length);
      setTick((n) => n + 1);
    } catch (caught) {
      // No network: the attendance waits in the outbox (offline/save.ts); the ticks stay.
      const path = `/api/peer-group-activities/${encodeURIComponent(activity.id)}/attendance`;
      if (await saveOffline(caught, { method: 'PUT', path, body: { member_ids: chosen }, summary: summaryOf('offline.kind.attendance', activity.date) })) {
        setQueued(true);
        return;
      }
      const e = caught instanceof ApiError ? caught : networkError();
      const split = splitFieldErrors(e, ['attendees'], lang);
      setError(split.fields.attendees);
      setFailure(split.other.join(' ') || (e.fields.length === 0 ? e.localized(lang) : null));
    } finally {
      setSaving(false);
    }
  }

  return (
    <section class="card card--section group-attendance" aria-labelledby="attendance-title" aria-busy={attendance.isLoading || members.isLoading}>
      <h2 id="attendance-title" class="card__title">
        {t('groups.attendance.title')}
      </h2>
      {isRefused && <p class="muted group-attendance__refused">{t('groups.attendance.forbidden')}</p>}
      {loadError && (
        <ErrorNotice
          error={loadError}
          lang={lang}
          onRetry={() => {
            attendance.reload();
            members.reload();
          }}
        />
      )}
      {!isRefused && !loadError && !isReady && <p class="loading">{t('app.loading')}</p>}
      {!isRefused && !loadError && isReady && (
        <>
          {saved !== null && <FormMessage kind="success">{t('groups.attendance.saved', { n: saved })}</FormMessage>}
          {isQueued && <FormMessage kind="success">{t('offline.savedOnDevice')}</FormMessage>}
          <p class="muted">{t('groups.attendance.intro', { date: formatDate(activity.date, lang) })}</p>
          {choices.length === 0 ? (
            <p>
              {t('groups.attendance.none')} <Link href={groupHref(groupId)}>{t('groups.attendance.openGroup')}</Link>
            </p>
          ) : (
            <form class="form support-form" onSubmit={(event) => void onSubmit(event)} noValidate>
              <CheckGroupField
                id="attendance"
                label={t('groups.attendance.field')}
                values={chosen}
                onChange={(next) => {
                  setSelected(next);
                  setSaved(null);
                  setError(undefined);
                }}
                options={choices.map((m) => ({ value: m.id, label: m.uic }))}
                hint={participants !== null ? t('groups.attendance.limit', { n: participants }) : undefined}
                error={error}
              />
              <p class="group-attendance__count" aria-live="polite">
                {t('groups.attendance.present', { n: chosen.length })}
              </p>
              {failure && <FormMessage kind="error">{failure}</FormMessage>}
              <div class="actions">
                <button type="submit" class="button button--primary support-big" disabled={isSaving}>
                  {isSaving ? t('form.saving') : t('groups.attendance.save')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
    </section>
  );
}
