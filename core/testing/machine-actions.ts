import { parseMachineAction, type MachineAction } from '../defender/machine-action';

/** Bodies shaped like the live API's answers, for unit tests (the simulator serves the same shapes). */
export const actionId = '5f1c3a9e-2b7d-4e8f-9a6b-1c2d3e4f5a6b';

export function actionBody(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    '@odata.context': 'https://api.securitycenter.microsoft.com/api/$metadata#MachineActions/$entity',
    id: actionId,
    type: 'Isolate',
    scope: 'Full',
    requestor: 'dana.analyst@contoso.example',
    requestorComment: 'Isolate per INC-2041',
    status: 'Pending',
    machineId: '1e5bc9d7e413ddd7902c2932e418702b84d0cc07',
    computerDnsName: 'finance-ws-014.contoso.example',
    creationDateTimeUtc: '2019-01-02T14:39:38.2262283Z',
    lastUpdateDateTimeUtc: '2019-01-02T14:40:44.6596267Z',
    cancellationRequestor: null,
    cancellationComment: null,
    cancellationDateTimeUtc: null,
    errorHResult: 0,
    title: null,
    externalId: null,
    requestSource: 'PublicApi',
    relatedFileInfo: null,
    commands: [],
    troubleshootInfo: null,
    ...overrides,
  };
}

/** Defender's time for `ms` since epoch, as the API writes it (UTC, 7 fractional digits). */
export function apiTime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, '0000Z'); // toISOString gives 3 digits
}

/** A MachineAction as the client hands it on: the body parsed and normalised by the app's own parser. */
export function machineAction(overrides: Record<string, unknown> = {}): MachineAction {
  const parsed = parseMachineAction(actionBody(overrides));
  if (!parsed.ok) throw new Error(`not a machine action: ${parsed.detail}`);
  return parsed.action;
}

/** Text an attacker could get into an action (a comment, a device name): shown, never obeyed. */
export const hostileText = {
  script: '<script>alert(1)</script>',
  image: '<img src=x onerror=alert(1)>',
  /** Displays as "invoiceexe.pdf" where the right-to-left override is obeyed. */
  rightToLeft: 'invoice\u202Efdp.exe',
  rightToLeftShown: 'invoice⟨U+202E⟩fdp.exe',
  /** A comment far longer than any screen: it must scroll in its box, not stretch the page. */
  long: `INC-2041 ${'x'.repeat(9_991)}`,
} as const;

/** A body whose free-text fields each hold one kind of hostile text. */
export function hostileBody(): Record<string, unknown> {
  return {
    requestor: hostileText.script,
    requestorComment: hostileText.long,
    computerDnsName: hostileText.image,
    title: hostileText.rightToLeft,
    cancellationComment: hostileText.image,
    externalId: hostileText.script,
  };
}

/** A live response session's commands as Defender lists them: one done, one failed, one not started. */
export const liveResponseCommands = [
  {
    index: 0,
    startTime: '2019-01-02T14:39:40.1Z',
    endTime: '2019-01-02T14:39:52.3Z',
    commandStatus: 'Completed',
    errors: [],
    command: { type: 'GetFile', params: [{ key: 'Path', value: 'C:\\Users\\dana\\Downloads\\invoice.pdf' }] },
  },
  {
    index: 1,
    startTime: '2019-01-02T14:39:53.0Z',
    endTime: '2019-01-02T14:40:01.0Z',
    commandStatus: 'Failed',
    errors: ['The script collect.ps1 is not in the library'],
    command: { type: 'RunScript', params: [{ key: 'ScriptName', value: 'collect.ps1' }] },
  },
  { index: 2, startTime: null, endTime: null, commandStatus: 'Created', errors: [], command: { type: 'PutFile', params: [] } },
] as const;
