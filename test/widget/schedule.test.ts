import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseSchedule, scheduleBounds, toLocalInputValue } from '../../src/widget/schedule.js';

const now = new Date(2026, 10, 24, 14, 2, 30).getTime(); // local time, whatever the zone

describe('schedule rules', () => {
  it('offers times from a few minutes ahead, rounded up to the minute, up to the horizon', () => {
    assert.deepEqual(scheduleBounds(now, 30), { min: '2026-11-24T14:08', max: '2026-12-24T14:02' });
  });

  it('sends a picked local time as UTC ISO 8601', () => {
    const picked = parseSchedule('2026-11-25T15:00', now);
    assert.deepEqual(picked, { ok: true, iso: new Date(2026, 10, 25, 15, 0).toISOString() });
    assert.ok(picked.ok && picked.iso.endsWith('Z'));
  });

  it('refuses a missing, past, too close or too far time', () => {
    assert.deepEqual(parseSchedule('', now), { ok: false, problem: 'missing' });
    assert.deepEqual(parseSchedule('2026-11-24T13:00', now), { ok: false, problem: 'past' });
    assert.deepEqual(parseSchedule('2026-11-24T14:03', now), { ok: false, problem: 'past' });
    assert.deepEqual(parseSchedule('2027-01-01T10:00', now, 30), { ok: false, problem: 'too_far' });
    assert.equal(parseSchedule('2026-12-20T10:00', now, 30).ok, true);
  });

  it('formats a date as a datetime-local value', () => {
    assert.equal(toLocalInputValue(new Date(2026, 0, 5, 9, 7)), '2026-01-05T09:07');
  });
});
