import { describe, expect, it } from 'vitest';
import { actionBody, actionId } from '../testing/machine-actions';
import { parseDefenderDate, parseMachineAction } from './machine-action';

function parse(overrides: Record<string, unknown> = {}) {
  const result = parseMachineAction(actionBody(overrides));
  if (!result.ok) throw new Error(result.detail);
  return result.action;
}

describe('parseMachineAction', () => {
  it('reads the documented entity', () => {
    const action = parse();
    expect(action).toMatchObject({ id: actionId, type: 'Isolate', scope: 'Full', status: 'Pending', computerDnsName: 'finance-ws-014.contoso.example', errorHResult: 0, requestSource: 'PublicApi' });
    expect(action.createdAt?.toISOString()).toBe('2019-01-02T14:39:38.226Z');
    expect(action.lastUpdatedAt?.toISOString()).toBe('2019-01-02T14:40:44.659Z');
  });

  it('reads lastUpdateTimeUtc when lastUpdateDateTimeUtc is absent (older docs)', () => {
    const body = actionBody({ lastUpdateTimeUtc: '2019-01-02T14:41:00.1234567Z' });
    delete body.lastUpdateDateTimeUtc;
    const result = parseMachineAction(body);
    expect(result.ok && result.action.lastUpdatedAt?.toISOString()).toBe('2019-01-02T14:41:00.123Z');
  });

  it('reads externalID as well as externalId', () => {
    expect(parse({ externalID: 'TICKET-7' }).externalId).toBe('TICKET-7');
    expect(parse({ externalId: 'TICKET-8' }).externalId).toBe('TICKET-8');
  });

  it('accepts nulls, missing optional fields and unknown fields', () => {
    const result = parseMachineAction({ id: actionId, type: 'Isolate', status: 'Pending', scope: null, somethingNew: { a: 1 }, commands: null });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.action.scope).toBeNull();
      expect(result.action.createdAt).toBeNull();
      expect(result.action.commands).toEqual([]);
      expect(result.action.raw).toMatchObject({ somethingNew: { a: 1 } });
    }
  });

  it('keeps unknown status and type strings as they are', () => {
    expect(parse({ status: 'Queued', type: 'Live Response' })).toMatchObject({ status: 'Queued', type: 'Live Response' });
  });

  it('reads live response commands with their own statuses', () => {
    const action = parse({
      type: 'LiveResponse',
      commands: [
        { index: 0, startTime: '2021-01-01T10:00:00Z', endTime: '2021-01-01T10:00:05Z', commandStatus: 'Completed', errors: [], command: { type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect.ps1' }] } },
        { index: 1, startTime: null, endTime: null, commandStatus: 'Failed', errors: ['File not found'], command: { type: 'GetFile', params: [{ key: 'Path', value: 'C:\\x.txt' }] } },
      ],
    });
    expect(action.commands).toHaveLength(2);
    expect(action.commands[0]).toMatchObject({ type: 'RunScript', status: 'Completed', params: [{ key: 'ScriptName', value: 'collect.ps1' }] });
    expect(action.commands[1]).toMatchObject({ type: 'GetFile', status: 'Failed', errors: ['File not found'] });
  });

  it('reads the related file', () => {
    expect(parse({ relatedFileInfo: { fileIdentifier: 'a'.repeat(40), fileIdentifierType: 'Sha1' } }).relatedFile).toEqual({ identifier: 'a'.repeat(40), identifierType: 'Sha1' });
  });

  it.each([
    ['no status', { status: undefined }, 'status'],
    ['a numeric status', { status: 3 }, 'status'],
    ['a string errorHResult', { errorHResult: 'bad' }, 'errorHResult'],
  ])('rejects a body with %s, naming the field', (_, overrides, field) => {
    const result = parseMachineAction(actionBody(overrides));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.detail).toContain(field);
  });

  it('rejects what is not an object', () => {
    expect(parseMachineAction('<html>').ok).toBe(false);
    expect(parseMachineAction(null).ok).toBe(false);
  });
});

describe('parseDefenderDate', () => {
  it('reads 7 fractional digits, and times without a zone as UTC', () => {
    expect(parseDefenderDate('2019-01-02T14:39:38.2262283Z')?.toISOString()).toBe('2019-01-02T14:39:38.226Z');
    expect(parseDefenderDate('2019-01-02T14:39:38')?.toISOString()).toBe('2019-01-02T14:39:38.000Z');
  });

  it('gives null for nothing or nonsense', () => {
    expect(parseDefenderDate(null)).toBeNull();
    expect(parseDefenderDate('')).toBeNull();
    expect(parseDefenderDate('yesterday')).toBeNull();
  });
});
