import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../core/defender/machine-action';
import { readHistory } from '../../core/polling/history/duration-history';
import { evenDurations, isolationHistory, isolationSamples } from '../../core/testing/duration-histories';
import { actionBody, actionId } from '../../core/testing/machine-actions';
import { ticketSummary } from './ticket-summary';

function action(overrides: Record<string, unknown>) {
  const result = parseMachineAction(actionBody(overrides));
  if (!result.ok) throw new Error(result.detail);
  return result.action;
}

describe('ticketSummary', () => {
  it('lists what the ticket needs, in UTC, with the observed timeline', () => {
    const text = ticketSummary(action({ status: 'Succeeded', externalId: 'INC-2041' }), [
      { status: 'Pending', at: Date.parse('2019-01-02T14:39:38Z') },
      { status: 'Succeeded', at: Date.parse('2019-01-02T14:40:44Z') },
    ]);
    expect(text).toBe(
      [
        `Defender machine action ${actionId}`,
        'Type: Isolate device (Full) [Isolate]',
        'Status: Succeeded',
        'Device: finance-ws-014.contoso.example (1e5bc9d7e413ddd7902c2932e418702b84d0cc07)',
        'Requested by: dana.analyst@contoso.example',
        'Comment: Isolate per INC-2041',
        'Created: 2019-01-02 14:39:38 UTC',
        'Last updated: 2019-01-02 14:40:44 UTC',
        'External ID: INC-2041',
        'Timeline: Pending 2019-01-02 14:39:38 UTC -> Succeeded 2019-01-02 14:40:44 UTC (+1 min 06 s)',
      ].join('\n'),
    );
  });

  it('includes the cancellation details and the error when there are any', () => {
    const text = ticketSummary(action({ status: 'Cancelled', cancellationRequestor: 'riley@contoso.example', cancellationComment: 'Wrong device', cancellationDateTimeUtc: '2019-01-02T14:41:00Z', errorHResult: -2147024891 }));
    expect(text).toContain('Cancelled by: riley@contoso.example');
    expect(text).toContain('Cancellation comment: Wrong device');
    expect(text).toContain('Cancelled: 2019-01-02 14:41:00 UTC');
    expect(text).toContain('Error (HRESULT): -2147024891 (0x80070005) E_ACCESSDENIED: Access denied');
  });
});

describe('ticketSummary with the tenant history', () => {
  // 40 isolations here that took 60 to 99 s: usually about 1 min 20 s, 9 in 10 within 1 min 40 s.
  const usual = isolationHistory(evenDurations(40, 60_000));
  const created = Date.parse('2026-11-30T12:00:00Z');
  const running = action({ status: 'InProgress', creationDateTimeUtc: new Date(created).toISOString(), lastUpdateDateTimeUtc: new Date(created).toISOString() });

  it('says how long such actions take here and how this running one stands', () => {
    const lines = ticketSummary(running, [], usual, created + 12 * 60_000).split('\n');
    expect(lines).toContain('Expected: Isolations here usually finish in about 1 min 20 s; 9 in 10 within 1 min 40 s; from 40 that succeeded in the last 30 days');
    expect(lines).toContain('Running for: 12 min 00 s, slower than 9 in 10 isolations here');
    expect(ticketSummary(running, [], usual, created + 30_000).split('\n')).toContain('Running for: 30 s');
  });

  it('gives a finished one the usual duration to compare with, and nothing with too little history', () => {
    const done = action({ status: 'Failed' });
    expect(ticketSummary(done, [], usual)).toContain('Usually here: Isolations here usually finish in about 1 min 20 s');
    expect(ticketSummary(done, [], usual)).not.toContain('Expected:');
    expect(ticketSummary(running, [], readHistory(isolationSamples(evenDurations(5, 60_000))))).not.toMatch(/Expected|Usually/);
  });
});
