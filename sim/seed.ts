import { DEVICE_GROUPS, type CustomerTenantKey } from './constants.ts';
import type { JsonObject } from './http/json.ts';
import { generateDevices, generateHistory, type HistoryPlan } from './defender/history-generator.ts';
import { buildActionFields, type Device, type StoredAction } from './defender/machine-action.ts';
import type { SimulationSeed } from './defender/simulation.ts';
import type { TimelineStart, TimelineStep } from './defender/timeline.ts';
import { formatDefenderTime } from './defender/timestamps.ts';

/** Seeded ids are fixed so tests, demos and the README can name them. */
export const seededActions = {
  /** Isolate (Full): Pending, InProgress 8 s and Succeeded 45 s after it is first read. */
  pendingIsolation: '11111111-1111-4111-8111-000000000001',
  /** RunAntiVirusScan (Full): InProgress, Succeeded 30 s after it is first read. */
  runningAntivirusScan: '11111111-1111-4111-8111-000000000002',
  investigationPackage: '11111111-1111-4111-8111-000000000003',
  /** Isolate, Failed with errorHResult -2147024891 (access denied). */
  failedIsolation: '11111111-1111-4111-8111-000000000004',
  /** LiveResponse, TimeOut, with one completed and one failed command. */
  timedOutLiveResponse: '11111111-1111-4111-8111-000000000005',
  cancelledIsolation: '11111111-1111-4111-8111-000000000006',
  /** Isolate sent to an offline device: stays Pending forever. */
  offlineDeviceIsolation: '11111111-1111-4111-8111-000000000007',
  /** Unisolate spelled the legacy way: lastUpdateTimeUtc, externalID, plus an undocumented field. */
  legacySpellingUnisolation: '11111111-1111-4111-8111-000000000008',
  /** Type 'Live Response' (with a space) and status 'Queued': both unknown to the app. */
  unknownTypeAndStatus: '11111111-1111-4111-8111-000000000009',
  /** HTML, script URLs, a right-to-left override and 10,000 characters in free-text fields. */
  hostileStrings: '11111111-1111-4111-8111-000000000010',
  quarantinedFile: '11111111-1111-4111-8111-000000000011',
  financeQuickScan: '11111111-1111-4111-8111-000000000012',
  financeUnisolation: '11111111-1111-4111-8111-000000000013',
  financeCodeRestriction: '11111111-1111-4111-8111-000000000014',
  hrUnisolation: '11111111-1111-4111-8111-000000000015',
  buildServerScan: '11111111-1111-4111-8111-000000000016',
  /** RunAntiVirusScan (Full) in Branch Office: InProgress, Succeeded 2 min after it is first read. */
  branchOfficeScan: '11111111-1111-4111-8111-000000000017',
  /** Isolate (Selective) in Branch Office, Succeeded. */
  branchOfficeIsolation: '11111111-1111-4111-8111-000000000018',
} as const;

/**
 * The only seeded actions on Branch Office devices: all a user limited to that group (Robin Branch)
 * can see. Every other seeded action, and all of the history, is outside it.
 */
export const branchOfficeActions: readonly string[] = [seededActions.branchOfficeScan, seededActions.branchOfficeIsolation];

export const seededMachines = {
  financeWorkstation: {
    machineId: 'a3f1c9e27b5d48f0916c2e7d4b8a05f3c1d9e6b2',
    computerDnsName: 'finance-ws-014.contoso.example',
    deviceGroup: DEVICE_GROUPS.workstations,
  },
  hrLaptop: {
    machineId: '5e2b8d1f7c4a9036e1b7d2c58f0a4e9b3c6d1f70',
    computerDnsName: 'hr-lt-203.contoso.example',
    deviceGroup: DEVICE_GROUPS.workstations,
  },
  buildServer: {
    machineId: 'c71d4e9a2b6f0835d7e1a4c9b2f6083e5a1d7c94',
    computerDnsName: 'build-srv-07.contoso.example',
    deviceGroup: DEVICE_GROUPS.servers,
  },
  /** Offline: its isolation never leaves Pending. */
  salesWorkstation: {
    machineId: '2f9a6c3e8d1b5047a9e3c6f1d8b2054e7a3c9f16',
    computerDnsName: 'sales-ws-118.contoso.example',
    deviceGroup: DEVICE_GROUPS.workstations,
  },
  hostileDevice: {
    machineId: 'e8b3f0a5c2d7419b6e0a3f8c5d2b7194e6a0c3f8',
    computerDnsName: 'evil"><svg onload=alert(1)>.contoso.example',
    deviceGroup: DEVICE_GROUPS.workstations,
  },
  branchWorkstation: {
    machineId: '9d4b7e2a5c8f1036b9e4d7a2c5f8b1e0d3a6c9f2',
    computerDnsName: 'branch-ws-031.contoso.example',
    deviceGroup: DEVICE_GROUPS.branchOffice,
  },
  branchFileServer: {
    machineId: '4a7d0c3f6b9e2185a4d7c0f3b6e9a2d5c8f1b4e7',
    computerDnsName: 'branch-fs-02.contoso.example',
    deviceGroup: DEVICE_GROUPS.branchOffice,
  },
} as const satisfies Record<string, Device>;

const DANA = 'dana.analyst@contoso.example';
const AUTOMATION = 'SOC Automation';

function hostileComment(): string {
  const start =
    'Isolated after <img src=x onerror=alert(1)> in mail; see javascript:alert(1) and invoice\u202Efdp.exe. ';
  const padding = 'Padding to ten thousand characters. '.repeat(300);
  return `${start}${padding}`.slice(0, 9_997).padEnd(10_000, ' ');
}

interface SeedTimes {
  /** Creation time plus some seconds, formatted like Defender. */
  readonly at: (secondsAfterCreation: number) => string;
}

interface SeedSpec {
  readonly id: string;
  readonly device: Device;
  readonly createdMinutesAgo: number;
  /** When the action reached its seeded status, in seconds after creation. */
  readonly updatedAfterSeconds: number;
  readonly fields: (times: SeedTimes) => JsonObject;
  readonly legacySpellings?: boolean;
  readonly timeline?: readonly TimelineStep[];
  readonly startsOn?: TimelineStart;
}

const SEED: readonly SeedSpec[] = [
  {
    id: seededActions.pendingIsolation,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 1, // new enough to be checked every 5 s when first watched (watch-cadence.ts)
    updatedAfterSeconds: 0,
    fields: () => ({
      type: 'Isolate',
      scope: 'Full',
      status: 'Pending',
      requestor: DANA,
      requestorComment: 'Isolating after alert da638412: encoded PowerShell spawned by winword.exe',
      title: 'Isolate device',
      requestSource: 'Portal',
    }),
    timeline: [
      { status: 'InProgress', afterMs: 8_000 },
      { status: 'Succeeded', afterMs: 45_000 },
    ],
    startsOn: 'first-read',
  },
  {
    id: seededActions.runningAntivirusScan,
    device: seededMachines.hrLaptop,
    createdMinutesAgo: 6,
    updatedAfterSeconds: 20,
    fields: () => ({
      type: 'RunAntiVirusScan',
      scope: 'Full',
      status: 'InProgress',
      requestor: AUTOMATION,
      requestorComment: 'Full scan after Trojan:Win32/Wacatac detection',
      title: 'Run antivirus scan',
      externalId: 'soar-run-58213',
    }),
    timeline: [{ status: 'Succeeded', afterMs: 30_000 }],
    startsOn: 'first-read',
  },
  {
    id: seededActions.investigationPackage,
    device: seededMachines.buildServer,
    createdMinutesAgo: 180,
    updatedAfterSeconds: 88,
    fields: () => ({
      type: 'CollectInvestigationPackage',
      scope: null,
      status: 'Succeeded',
      requestor: DANA,
      requestorComment: 'Collect package for IR-2291',
      title: 'Collect investigation package',
      requestSource: 'Portal',
    }),
  },
  {
    id: seededActions.failedIsolation,
    device: seededMachines.buildServer,
    createdMinutesAgo: 140,
    updatedAfterSeconds: 66,
    fields: () => ({
      type: 'Isolate',
      scope: 'Selective',
      status: 'Failed',
      requestor: AUTOMATION,
      requestorComment: 'Auto-isolation playbook: ransomware behaviour',
      errorHResult: -2147024891,
      title: 'Isolate device',
      externalId: 'soar-run-58107',
    }),
  },
  {
    id: seededActions.timedOutLiveResponse,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 75,
    updatedAfterSeconds: 1_800,
    fields: ({ at }) => ({
      type: 'LiveResponse',
      scope: null,
      status: 'TimeOut',
      requestor: DANA,
      requestorComment: 'Pull autoruns and the dropped attachment',
      title: 'Live response',
      commands: [
        {
          index: 0,
          startTime: at(5),
          endTime: at(41),
          commandStatus: 'Completed',
          errors: [],
          command: {
            type: 'RunScript',
            params: [
              { key: 'ScriptName', value: 'collect-autoruns.ps1' },
              { key: 'Args', value: '-OutputFormat csv' },
            ],
          },
        },
        {
          index: 1,
          startTime: at(42),
          endTime: at(47),
          commandStatus: 'Failed',
          errors: ['File C:\\Users\\Public\\Downloads\\invoice.pdf.exe was not found on the device.'],
          command: {
            type: 'GetFile',
            params: [{ key: 'Path', value: 'C:\\Users\\Public\\Downloads\\invoice.pdf.exe' }],
          },
        },
      ],
    }),
  },
  {
    id: seededActions.cancelledIsolation,
    device: seededMachines.hrLaptop,
    createdMinutesAgo: 95,
    updatedAfterSeconds: 40,
    fields: ({ at }) => ({
      type: 'Isolate',
      scope: 'Full',
      status: 'Cancelled',
      requestor: AUTOMATION,
      requestorComment: 'Auto-isolation playbook: impossible travel',
      cancellationRequestor: DANA,
      cancellationComment: 'False positive: user is travelling, confirmed by phone',
      cancellationDateTimeUtc: at(40),
      title: 'Isolate device',
    }),
  },
  {
    id: seededActions.offlineDeviceIsolation,
    device: seededMachines.salesWorkstation,
    createdMinutesAgo: 40,
    updatedAfterSeconds: 0,
    fields: () => ({
      type: 'Isolate',
      scope: 'Full',
      status: 'Pending',
      requestor: DANA,
      requestorComment: 'Laptop reported stolen; isolate when it comes online',
      title: 'Isolate device',
      requestSource: 'Portal',
    }),
  },
  {
    id: seededActions.legacySpellingUnisolation,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 300,
    updatedAfterSeconds: 52,
    legacySpellings: true,
    fields: () => ({
      type: 'Unisolate',
      scope: null,
      status: 'Succeeded',
      requestor: DANA,
      requestorComment: 'Release after reimage',
      title: 'Release from isolation',
      externalID: 'CHG-0041877',
      rbacGroupId: 17,
      troubleshootInfo: null,
    }),
  },
  {
    id: seededActions.unknownTypeAndStatus,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 25,
    updatedAfterSeconds: 3,
    fields: () => ({
      type: 'Live Response',
      scope: null,
      status: 'Queued',
      requestor: AUTOMATION,
      requestorComment: 'Queued by a legacy connector',
      title: null,
    }),
  },
  {
    id: seededActions.hostileStrings,
    device: seededMachines.hostileDevice,
    createdMinutesAgo: 50,
    updatedAfterSeconds: 61,
    fields: () => ({
      type: 'Isolate',
      scope: 'Full',
      status: 'Succeeded',
      requestor: '<script>alert(1)</script>',
      requestorComment: hostileComment(),
      title: '<b>bold?</b>',
      externalId: '"><img src=x onerror=alert(2)>',
    }),
  },
  {
    id: seededActions.quarantinedFile,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 70,
    updatedAfterSeconds: 34,
    fields: () => ({
      type: 'StopAndQuarantineFile',
      scope: null,
      status: 'Succeeded',
      requestor: AUTOMATION,
      requestorComment: 'Quarantine dropped payload',
      title: 'Stop and quarantine file',
      relatedFileInfo: { fileIdentifier: '4c2b8f0e6a1d9c3b7e5f2a8d0c6b4e1f9a3d7c5b', fileIdentifierType: 'Sha1' },
    }),
  },
  {
    id: seededActions.financeQuickScan,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 420,
    updatedAfterSeconds: 31,
    fields: () => ({
      type: 'RunAntiVirusScan',
      scope: 'Quick',
      status: 'Succeeded',
      requestor: AUTOMATION,
      requestorComment: 'Nightly quick scan',
    }),
  },
  {
    id: seededActions.financeUnisolation,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 240,
    updatedAfterSeconds: 58,
    fields: () => ({
      type: 'Unisolate',
      scope: null,
      status: 'Succeeded',
      requestor: DANA,
      requestorComment: 'Released: scan clean',
      title: 'Release from isolation',
      requestSource: 'Portal',
    }),
  },
  {
    id: seededActions.financeCodeRestriction,
    device: seededMachines.financeWorkstation,
    createdMinutesAgo: 200,
    updatedAfterSeconds: 45,
    fields: () => ({
      type: 'RestrictCodeExecution',
      scope: null,
      status: 'Succeeded',
      requestor: DANA,
      requestorComment: 'Restrict app execution during investigation',
    }),
  },
  {
    id: seededActions.hrUnisolation,
    device: seededMachines.hrLaptop,
    createdMinutesAgo: 360,
    updatedAfterSeconds: 49,
    fields: () => ({
      type: 'Unisolate',
      scope: null,
      status: 'Succeeded',
      requestor: DANA,
      requestorComment: 'Back to work',
    }),
  },
  {
    id: seededActions.buildServerScan,
    device: seededMachines.buildServer,
    createdMinutesAgo: 30,
    updatedAfterSeconds: 30,
    fields: () => ({
      type: 'RunAntiVirusScan',
      scope: 'Full',
      status: 'Succeeded',
      requestor: AUTOMATION,
      requestorComment: 'Post-incident full scan',
      externalId: 'soar-run-58190',
    }),
  },
  {
    id: seededActions.branchOfficeScan,
    device: seededMachines.branchWorkstation,
    createdMinutesAgo: 4,
    updatedAfterSeconds: 15,
    fields: () => ({
      type: 'RunAntiVirusScan',
      scope: 'Full',
      status: 'InProgress',
      requestor: AUTOMATION,
      requestorComment: 'Full scan after a PUA detection at the branch',
      title: 'Run antivirus scan',
    }),
    timeline: [{ status: 'Succeeded', afterMs: 120_000 }],
    startsOn: 'first-read',
  },
  {
    id: seededActions.branchOfficeIsolation,
    device: seededMachines.branchFileServer,
    createdMinutesAgo: 150,
    updatedAfterSeconds: 70,
    fields: () => ({
      type: 'Isolate',
      scope: 'Selective',
      status: 'Succeeded',
      requestor: AUTOMATION,
      requestorComment: 'Auto-isolation playbook: SMB brute force from the branch file server',
      title: 'Isolate device',
    }),
  },
];

function seedAction(spec: SeedSpec, nowMs: number): StoredAction {
  const createdMs = nowMs - spec.createdMinutesAgo * 60_000;
  const at = (seconds: number) => formatDefenderTime(createdMs + seconds * 1000);
  const lastUpdateKey = spec.legacySpellings === true ? 'lastUpdateTimeUtc' : 'lastUpdateDateTimeUtc';
  const times = { id: spec.id, creationDateTimeUtc: at(0), [lastUpdateKey]: at(spec.updatedAfterSeconds) };
  return {
    fields: buildActionFields({ ...times, ...spec.fields({ at }) }, { nowMs, device: spec.device }),
    timeline: spec.timeline ?? [],
    startsOn: spec.startsOn ?? 'creation',
    firstReadAtMs: null,
  };
}

/**
 * The tenant's last 30 days, for the app to learn how long each kind of action takes here: at least 40
 * finished of each common kind, durations drawn from sim/defender/duration-distributions.ts (the same
 * the control API plays with `durations: "history"`), a few failures, timeouts and cancellations, and
 * isolations still Pending on offline devices. Ids of their own pattern, requested by automation and
 * another analyst (never Dana, whose "Your recent actions" they would fill), on devices of their own (so
 * no demo device's "last 10 actions" changes). Deterministic: the same on every reset.
 */
export const seededHistory = {
  periodDays: 30,
  /** Every history action's id matches this; no other seeded action's does. */
  idPattern: /^22222222-2222-4222-8222-[0-9a-f]{12}$/,
  plans: [
    { type: 'Isolate', scope: 'Full', finished: 150, stillPendingOffline: 4 },
    { type: 'Isolate', scope: 'Selective', finished: 40 },
    { type: 'Unisolate', scope: null, finished: 60 },
    { type: 'RunAntiVirusScan', scope: 'Quick', finished: 120 },
    { type: 'RunAntiVirusScan', scope: 'Full', finished: 45 },
    { type: 'CollectInvestigationPackage', scope: null, finished: 50 },
    { type: 'LiveResponse', scope: null, finished: 45 },
    { type: 'StopAndQuarantineFile', scope: null, finished: 40 },
    { type: 'RestrictCodeExecution', scope: null, finished: 40 },
    { type: 'UnrestrictCodeExecution', scope: null, finished: 40 },
    { type: 'Offboard', scope: null, finished: 6 }, // too little history: the app falls back to its usual rules
  ] satisfies readonly HistoryPlan[],
  requestors: [AUTOMATION, AUTOMATION, AUTOMATION, 'jordan.responder@contoso.example'],
} as const;

const historyActionId = (index: number) => `22222222-2222-4222-8222-${(index + 1).toString(16).padStart(12, '0')}`;

/** The fleet the history ran on; fixed seeds, so the same ids and names on every start. */
export const historyDevices: readonly Device[] = generateDevices({
  seed: 0x5eed_0001,
  count: 40,
  names: ['ops-ws', 'eng-lt', 'mkt-ws', 'legal-lt', 'sup-ws'],
  firstNumber: 400,
  deviceGroup: DEVICE_GROUPS.workstations,
});
/** Laptops that have not checked in for days: their isolations wait in Pending. */
export const offlineHistoryDevices: readonly Device[] = generateDevices({
  seed: 0x5eed_0002,
  count: 4,
  names: ['field-lt'],
  firstNumber: 900,
  deviceGroup: DEVICE_GROUPS.workstations,
});

function seedHistory(nowMs: number): StoredAction[] {
  return generateHistory({
    nowMs,
    seed: 0x5eed_2026,
    periodDays: seededHistory.periodDays,
    plans: seededHistory.plans,
    devices: historyDevices,
    offlineDevices: offlineHistoryDevices,
    idOf: historyActionId,
    requestors: seededHistory.requestors,
  });
}

/** The seeded actions, timed relative to `nowMs` (the simulated time of the reset), then the tenant's history. */
export function seedActions(nowMs: number): StoredAction[] {
  return [...SEED.map((spec) => seedAction(spec, nowMs)), ...seedHistory(nowMs)];
}

export function seedDevices(): Device[] {
  return [...Object.values(seededMachines), ...historyDevices, ...offlineHistoryDevices];
}

export const defaultDevice: Device = seededMachines.financeWorkstation;

/**
 * The MSSP's customers' seeded actions (SIM_TENANTS in sim/constants.ts), each tenant's with ids of its own
 * pattern, apart from the home tenant's (11111111-…, its history 22222222-…): Fabrikam 55555555-…,
 * Northwind 33333333-…, Tailspin Toys 44444444-…. Each tenant's Defender answers its own actions only: read
 * with another tenant's token, an id is a 404, as Defender answers an action it does not have.
 */
export const customerActions = {
  fabrikam: {
    /** RunAntiVirusScan (Full) on fab-web-01: InProgress, Succeeded 40 s after it is first read. */
    runningScan: '55555555-5555-4555-8555-000000000001',
    /** Isolate (Full) on fab-ws-112, Succeeded. */
    succeededIsolation: '55555555-5555-4555-8555-000000000002',
    /** CollectInvestigationPackage on fab-sql-02: Failed, errorHResult -2147024891 (access denied). */
    failedInvestigationPackage: '55555555-5555-4555-8555-000000000003',
  },
  northwind: {
    /** Isolate (Selective) on nw-pos-07: Pending, InProgress 10 s and Succeeded 55 s after it is first read. */
    runningIsolation: '33333333-3333-4333-8333-000000000001',
    /** RunAntiVirusScan (Quick) on nw-dc-01, Succeeded. */
    succeededScan: '33333333-3333-4333-8333-000000000002',
    /** StopAndQuarantineFile on nw-ws-033: Failed, errorHResult -2147023838 (device not reachable). */
    failedQuarantine: '33333333-3333-4333-8333-000000000003',
  },
  tailspin: {
    /** Isolate (Full) on ts-lt-019, Succeeded: Dana is a guest without a Defender role there, so she gets 403. */
    succeededIsolation: '44444444-4444-4444-8444-000000000001',
  },
} as const;

/** The customers' own devices, named in their own domains. Adatum's Defender has one device and no actions. */
export const customerMachines = {
  fabrikam: {
    webServer: { machineId: 'f4b1e8c3a6d9027b5e8c1f4a7d0b3e6c9f2a5d81', computerDnsName: 'fab-web-01.fabrikam.example', deviceGroup: DEVICE_GROUPS.servers },
    workstation: { machineId: '0c7f2a9e4b1d6380c5f8a2e7b4d1c9063a7e2f52', computerDnsName: 'fab-ws-112.fabrikam.example', deviceGroup: DEVICE_GROUPS.workstations },
    sqlServer: { machineId: '7e3a0d6b9c2f5184e7a0d3b6c9f2e5081b4d7a63', computerDnsName: 'fab-sql-02.fabrikam.example', deviceGroup: DEVICE_GROUPS.servers },
  },
  northwind: {
    pointOfSale: { machineId: 'b2d5f8a1c4e7093b6d9f2a5c8e1b4d7f0a3c6e94', computerDnsName: 'nw-pos-07.northwind.example', deviceGroup: DEVICE_GROUPS.workstations },
    domainController: { machineId: '3a6c9e2f5b8d1074a3c6e9f2b5d8a1c4e7f0b325', computerDnsName: 'nw-dc-01.northwind.example', deviceGroup: DEVICE_GROUPS.servers },
    workstation: { machineId: 'd8f1b4e7a0c3966f2b5e8d1a4c7f0b3e6a9d2c16', computerDnsName: 'nw-ws-033.northwind.example', deviceGroup: DEVICE_GROUPS.workstations },
  },
  tailspin: {
    laptop: { machineId: '6f9c2e5a8d1b4072f6c9e2a5d8b1f4c7a0e3d687', computerDnsName: 'ts-lt-019.tailspin.example', deviceGroup: DEVICE_GROUPS.workstations },
  },
  adatum: {
    workstation: { machineId: '9a2d5c8f1e4b7063a9d2c5f8e1b4a7d0c3f6e278', computerDnsName: 'ad-ws-001.adatum.example', deviceGroup: DEVICE_GROUPS.workstations },
  },
} as const satisfies Record<CustomerTenantKey, Record<string, Device>>;

const fabrikam = customerMachines.fabrikam;
const northwind = customerMachines.northwind;

const CUSTOMER_SEED: Readonly<Record<CustomerTenantKey, readonly SeedSpec[]>> = {
  fabrikam: [
    {
      id: customerActions.fabrikam.runningScan,
      device: fabrikam.webServer,
      createdMinutesAgo: 3,
      updatedAfterSeconds: 12,
      fields: () => ({ type: 'RunAntiVirusScan', scope: 'Full', status: 'InProgress', requestor: DANA, requestorComment: 'Full scan after a web shell alert', title: 'Run antivirus scan' }),
      timeline: [{ status: 'Succeeded', afterMs: 40_000 }],
      startsOn: 'first-read',
    },
    {
      id: customerActions.fabrikam.succeededIsolation,
      device: fabrikam.workstation,
      createdMinutesAgo: 90,
      updatedAfterSeconds: 64,
      fields: () => ({ type: 'Isolate', scope: 'Full', status: 'Succeeded', requestor: 'Fabrikam SOAR', requestorComment: 'Playbook: contain device on high-severity alert', title: 'Isolate device' }),
    },
    {
      id: customerActions.fabrikam.failedInvestigationPackage,
      device: fabrikam.sqlServer,
      createdMinutesAgo: 130,
      updatedAfterSeconds: 85,
      fields: () => ({ type: 'CollectInvestigationPackage', scope: null, status: 'Failed', errorHResult: -2147024891, requestor: DANA, requestorComment: 'Package for FAB-IR-77' }),
    },
  ],
  northwind: [
    {
      id: customerActions.northwind.runningIsolation,
      device: northwind.pointOfSale,
      createdMinutesAgo: 1,
      updatedAfterSeconds: 0,
      fields: () => ({ type: 'Isolate', scope: 'Selective', status: 'Pending', requestor: DANA, requestorComment: 'Card skimmer beaconing from the till', title: 'Isolate device' }),
      timeline: [
        { status: 'InProgress', afterMs: 10_000 },
        { status: 'Succeeded', afterMs: 55_000 },
      ],
      startsOn: 'first-read',
    },
    {
      id: customerActions.northwind.succeededScan,
      device: northwind.domainController,
      createdMinutesAgo: 45,
      updatedAfterSeconds: 28,
      fields: () => ({ type: 'RunAntiVirusScan', scope: 'Quick', status: 'Succeeded', requestor: 'Northwind Automation', requestorComment: 'Nightly quick scan' }),
    },
    {
      id: customerActions.northwind.failedQuarantine,
      device: northwind.workstation,
      createdMinutesAgo: 200,
      updatedAfterSeconds: 36,
      fields: () => ({ type: 'StopAndQuarantineFile', scope: null, status: 'Failed', errorHResult: -2147023838, requestor: DANA, requestorComment: 'Quarantine the dropped loader' }),
    },
  ],
  tailspin: [
    {
      id: customerActions.tailspin.succeededIsolation,
      device: customerMachines.tailspin.laptop,
      createdMinutesAgo: 60,
      updatedAfterSeconds: 70,
      fields: () => ({ type: 'Isolate', scope: 'Full', status: 'Succeeded', requestor: 'Tailspin SecOps', requestorComment: 'Lost laptop' }),
    },
  ],
  adatum: [],
};

/** A customer's month: a few dozen finished actions, enough for a history read to answer, few enough to seed at once. */
const customerHistoryPlans: readonly HistoryPlan[] = [
  { type: 'Isolate', scope: 'Full', finished: 10 },
  { type: 'RunAntiVirusScan', scope: 'Quick', finished: 12 },
  { type: 'Unisolate', scope: null, finished: 6 },
  { type: 'CollectInvestigationPackage', scope: null, finished: 6 },
];

/** How a customer's history is drawn: its ids (`<its pattern>-1…`), its fleet and who asked. Adatum has none. */
const CUSTOMER_HISTORY: Readonly<Partial<Record<CustomerTenantKey, { idPrefix: string; seed: number; domain: string; names: readonly string[]; requestors: readonly string[] }>>> = {
  fabrikam: { idPrefix: '55555555-5555-4555-8555-1', seed: 0xfab_0001, domain: 'fabrikam.example', names: ['fab-ws', 'fab-lt'], requestors: ['Fabrikam SOAR', 'sam.rivera@fabrikam.example'] },
  northwind: { idPrefix: '33333333-3333-4333-8333-1', seed: 0x0a4d_0001, domain: 'northwind.example', names: ['nw-ws', 'nw-pos'], requestors: ['Northwind Automation', 'lee.chan@northwind.example'] },
  tailspin: { idPrefix: '44444444-4444-4444-8444-1', seed: 0x7a15_0001, domain: 'tailspin.example', names: ['ts-ws', 'ts-lt'], requestors: ['Tailspin SecOps'] },
};

/** Each customer's Defender as a reset leaves it: its seeded actions first, then its history. */
function customerSeed(key: CustomerTenantKey): SimulationSeed {
  const machines: readonly Device[] = Object.values(customerMachines[key]);
  const history = CUSTOMER_HISTORY[key];
  const fleet =
    history === undefined
      ? []
      : generateDevices({ seed: history.seed, count: 8, names: history.names, firstNumber: 100, deviceGroup: DEVICE_GROUPS.workstations, domain: history.domain });
  const [defaultDevice] = machines;
  if (defaultDevice === undefined) throw new Error(`${key} has no device.`);
  return {
    actions: (nowMs) => [
      ...CUSTOMER_SEED[key].map((spec) => seedAction(spec, nowMs)),
      ...(history === undefined
        ? []
        : generateHistory({
            nowMs,
            seed: history.seed,
            periodDays: seededHistory.periodDays,
            plans: customerHistoryPlans,
            devices: fleet,
            offlineDevices: fleet,
            idOf: (index) => `${history.idPrefix}${(index + 1).toString(16).padStart(11, '0')}`,
            requestors: history.requestors,
          })),
    ],
    devices: [...machines, ...fleet],
    defaultDevice,
  };
}

/** Every customer's seed, for the composition to hand to Defender's host, tenant by tenant. */
export const customerSeeds: Readonly<Record<CustomerTenantKey, SimulationSeed>> = {
  fabrikam: customerSeed('fabrikam'),
  northwind: customerSeed('northwind'),
  tailspin: customerSeed('tailspin'),
  adatum: customerSeed('adatum'),
};
