import { describe, expect, it } from 'vitest';
import { parseMachineAction } from '../../api/machine-action';
import { actionBody, actionId } from '../../testing/machine-actions';
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
