import type { JsonObject } from '../http/json.ts';
import { drawRun, profileFor, seededRandom, type Random } from './duration-distributions.ts';
import { buildActionFields, type Device, type StoredAction } from './machine-action.ts';
import { formatDefenderTime } from './timestamps.ts';

/** How many actions of one kind the simulated tenant ran in the period. */
export interface HistoryPlan {
  readonly type: string;
  readonly scope: string | null;
  /** Finished actions, their runs drawn from the kind's profile (duration-distributions.ts). */
  readonly finished: number;
  /** Actions still Pending on offline devices, aged up to Defender's 3-day retry window: the long tail. */
  readonly stillPendingOffline?: number;
}

export interface HistoryOptions {
  /** The simulated time of the reset: every action is placed relative to it. */
  readonly nowMs: number;
  /** The same seed gives the same history, whatever the time of the reset. */
  readonly seed: number;
  readonly periodDays: number;
  readonly plans: readonly HistoryPlan[];
  /** Where the finished actions ran; none of the seeded demo devices, so their "last 10 actions" stay as they are. */
  readonly devices: readonly Device[];
  /** Where the still-Pending ones wait. */
  readonly offlineDevices: readonly Device[];
  /** The id of the n-th history action (from 0), a pattern of the seed's own. */
  readonly idOf: (index: number) => string;
  /** Who asked: automation and other analysts, never the demo account's own name. */
  readonly requestors: readonly string[];
}

const minuteMs = 60_000;
const hourMs = 60 * minuteMs;
const dayMs = 24 * hourMs;

function pick<T>(items: readonly T[], random: Random): T {
  const item = items[Math.floor(random() * items.length)];
  if (item === undefined) throw new Error('Nothing to pick from.');
  return item;
}

const comments: Readonly<Record<string, string>> = {
  isolate: 'Playbook: contain device on high-severity alert',
  unisolate: 'Playbook: release after clean scan',
  runantivirusscan: 'Playbook: scan after detection',
  collectinvestigationpackage: 'Playbook: collect package for triage',
  liveresponse: 'Playbook: pull triage artefacts',
  stopandquarantinefile: 'Playbook: quarantine detected file',
  restrictcodeexecution: 'Playbook: restrict app execution',
  unrestrictcodeexecution: 'Playbook: lift app restriction',
  offboard: 'Decommissioned device',
};

const commentFor = (type: string) => comments[type.toLowerCase()] ?? 'Playbook run';

/** Failures as Defender reports them: access denied, unspecified error, device not reachable. */
const failureCodes = [-2147024891, -2147467259, -2147023838] as const;

interface Placed {
  readonly fields: JsonObject;
  readonly device: Device;
}

function finishedAction(plan: HistoryPlan, id: string, options: HistoryOptions, random: Random): Placed {
  const profile = profileFor(plan.type, plan.scope);
  if (profile === undefined) throw new Error(`No duration profile for ${plan.type}.`);
  const run = drawRun(profile, random);
  // Created at any time in the period that leaves room to have finished before the reset, with a margin
  // of a minute so that a test reading the list right away still finds it finished.
  const latestAgeMs = options.periodDays * dayMs - hourMs;
  const earliestAgeMs = Math.min(run.finishedAfterMs + minuteMs, latestAgeMs);
  const ageMs = Math.round(earliestAgeMs + random() * (latestAgeMs - earliestAgeMs));
  const createdMs = options.nowMs - ageMs;
  const at = (afterMs: number) => formatDefenderTime(createdMs + afterMs);
  const requestor = pick(options.requestors, random);
  const fields: JsonObject = {
    id,
    type: plan.type,
    scope: plan.scope,
    status: run.status,
    requestor,
    requestorComment: commentFor(plan.type),
    creationDateTimeUtc: at(0),
    lastUpdateDateTimeUtc: at(run.finishedAfterMs),
    requestSource: 'PublicApi',
  };
  if (run.status === 'Failed') fields.errorHResult = pick(failureCodes, random);
  if (run.status === 'Cancelled') {
    fields.cancellationRequestor = requestor;
    fields.cancellationComment = 'Superseded by a newer playbook run';
    fields.cancellationDateTimeUtc = at(run.finishedAfterMs);
  }
  return { fields, device: pick(options.devices, random) };
}

function offlineAction(plan: HistoryPlan, id: string, options: HistoryOptions, random: Random): Placed {
  // Log-uniform between an hour and Defender's 3-day retry window: a few recent, a few days old.
  const ageMs = Math.round(Math.exp(Math.log(hourMs) + random() * (Math.log(3 * dayMs) - Math.log(hourMs))));
  const created = formatDefenderTime(options.nowMs - ageMs);
  return {
    fields: {
      id,
      type: plan.type,
      scope: plan.scope,
      status: 'Pending',
      requestor: pick(options.requestors, random),
      requestorComment: commentFor(plan.type),
      creationDateTimeUtc: created,
      lastUpdateDateTimeUtc: created,
      requestSource: 'PublicApi',
    },
    device: pick(options.offlineDevices, random),
  };
}

/**
 * A tenant's month of machine actions, already finished (or waiting on offline devices), so that the app
 * has a history to learn durations from. Deterministic: the seed fixes every draw; only `nowMs` moves them.
 */
export function generateHistory(options: HistoryOptions): StoredAction[] {
  const random = seededRandom(options.seed);
  const placed: Placed[] = [];
  for (const plan of options.plans) {
    for (let count = 0; count < plan.finished; count += 1) placed.push(finishedAction(plan, options.idOf(placed.length), options, random));
    for (let count = 0; count < (plan.stillPendingOffline ?? 0); count += 1) placed.push(offlineAction(plan, options.idOf(placed.length), options, random));
  }
  return placed.map(({ fields, device }) => ({
    fields: buildActionFields(fields, { nowMs: options.nowMs, device }),
    timeline: [],
    startsOn: 'creation',
    firstReadAtMs: null,
  }));
}

/** Devices named like a fleet (`ops-ws-412.contoso.example`), with Defender's 40-hex ids, the same for a seed. */
export function generateDevices(options: {
  seed: number;
  count: number;
  names: readonly string[];
  firstNumber: number;
  deviceGroup: string;
  /** The tenant's DNS domain; contoso.example (the home tenant's) by default. */
  domain?: string;
}): Device[] {
  const random = seededRandom(options.seed);
  return Array.from({ length: options.count }, (_, index) => ({
    machineId: Array.from({ length: 40 }, () => Math.floor(random() * 16).toString(16)).join(''),
    computerDnsName: `${pick(options.names, random)}-${options.firstNumber + index}.${options.domain ?? 'contoso.example'}`,
    deviceGroup: options.deviceGroup,
  }));
}
