// Rules for "Pick a time": the datetime-local bounds in the visitor's zone, and the UTC value sent.
import { LIMITS } from '../contract/constants.js';

/** The earliest pickable time is this far ahead, so the request is still in the future on arrival. */
export const SCHEDULE_LEAD_MINUTES = 5;
const MINUTE = 60_000;

/** A `Date` as a datetime-local value ("2026-11-25T15:00") in the local zone. */
export function toLocalInputValue(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The datetime-local `min` and `max` for now, rounded up to a whole minute. */
export function scheduleBounds(now: number, maxDays: number = LIMITS.defaultScheduleDays): { min: string; max: string } {
  const earliest = Math.ceil((now + SCHEDULE_LEAD_MINUTES * MINUTE) / MINUTE) * MINUTE;
  return { min: toLocalInputValue(new Date(earliest)), max: toLocalInputValue(new Date(now + maxDays * 1440 * MINUTE)) };
}

export type ScheduleProblem = 'missing' | 'past' | 'too_far';
export type ScheduleResult = { ok: true; iso: string } | { ok: false; problem: ScheduleProblem };

/** Reads a datetime-local value as local time and checks it lies within the horizon. */
export function parseSchedule(value: string, now: number, maxDays: number = LIMITS.defaultScheduleDays): ScheduleResult {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value);
  if (!match) return { ok: false, problem: 'missing' };
  const [, y, mo, d, h, mi] = match.map(Number);
  const time = new Date(y, mo - 1, d, h, mi).getTime();
  // Twice the proxy's own lead, so the time is still ahead of it when the request lands.
  if (time < now + 2 * LIMITS.scheduleLeadSeconds * 1000) return { ok: false, problem: 'past' };
  if (time > now + maxDays * 1440 * MINUTE) return { ok: false, problem: 'too_far' };
  return { ok: true, iso: new Date(time).toISOString() };
}

/** The visitor's IANA time zone, e.g. "America/Los_Angeles". */
export function localTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
