import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../http/json.ts';
import { createActionsStore } from './actions-store.ts';
import { actionFromControlBody } from './control-actions.ts';
import { profileFor } from './duration-distributions.ts';
import { DefenderError } from './errors.ts';

const device = { machineId: 'a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2', computerDnsName: 'finance-ws-014.contoso.example', deviceGroup: 'Workstations' };
const defaults = { nowMs: Date.parse('2026-11-30T12:00:00Z'), device };

const idOf = (index: number) => `33333333-3333-4333-8333-${index.toString(16).padStart(12, '0')}`;
const created = (body: JsonObject) => actionFromControlBody(body, createActionsStore(), defaults);

function refusal(body: JsonObject): string {
  try {
    created(body);
  } catch (error) {
    if (error instanceof DefenderError) return `${error.status} ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe("POST /_sim/actions with durations: 'history'", () => {
  it('draws the timeline from the type’s profile, the same for the same id', () => {
    const first = created({ id: idOf(1), type: 'Isolate', scope: 'Full', durations: 'history' });
    expect(first.timeline).toEqual(created({ id: idOf(1), type: 'Isolate', scope: 'Full', durations: 'history' }).timeline);
    expect(first.timeline.at(-1)?.status).toMatch(/^(Succeeded|Failed|TimeOut)$/);
    expect('durations' in first.fields).toBe(false);
  });

  it('plays actions whose durations centre on the profile’s median: a quick scan in about 30 s', () => {
    const finishes = Array.from({ length: 400 }, (_, index) => created({ id: idOf(index), type: 'RunAntiVirusScan', scope: 'Quick', durations: 'history' }).timeline)
      .filter((timeline) => timeline.at(-1)?.status === 'Succeeded')
      .map((timeline) => timeline.at(-1)?.afterMs ?? 0)
      .sort((a, b) => a - b);
    const median = finishes[Math.floor(finishes.length / 2)] ?? 0;
    expect(median / (profileFor('RunAntiVirusScan', 'Quick')?.medianMs ?? 1)).toBeGreaterThan(0.85);
    expect(median / (profileFor('RunAntiVirusScan', 'Quick')?.medianMs ?? 1)).toBeLessThan(1.15);
  });

  it('uses the defaults of a fresh action (an isolation) when the body names no type', () => {
    expect(created({ durations: 'history' }).timeline.length).toBeGreaterThanOrEqual(1);
  });

  it('never plays a cancellation: that is someone’s act, made through the cancel call', () => {
    const ends = Array.from({ length: 300 }, (_, index) => created({ id: idOf(index), type: 'LiveResponse', durations: 'history' }).timeline.at(-1)?.status);
    expect(ends).not.toContain('Cancelled');
  });

  it('refuses a timeline and durations together, another value, or a type with no history', () => {
    expect(refusal({ durations: 'history', timeline: [{ status: 'Succeeded', afterMs: 1_000 }] })).toBe("400 Give either 'timeline' or 'durations', not both.");
    expect(refusal({ durations: 'fast' })).toBe('400 \'durations\' must be "history".');
    expect(refusal({ type: 'Teleport', durations: 'history' })).toBe("400 No history of 'Teleport' actions to draw durations from.");
  });

  it('keeps an explicit timeline as it was', () => {
    expect(created({ timeline: [{ status: 'Succeeded', afterMs: 1_000 }] }).timeline).toEqual([{ status: 'Succeeded', afterMs: 1_000 }]);
  });
});
