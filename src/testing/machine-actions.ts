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
