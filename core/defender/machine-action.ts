import * as v from 'valibot';
import { showDirectionControls } from '../lib/visible-controls';
import { readStatus } from './action-status';

const text = v.nullish(v.string());

const commandSchema = v.looseObject({
  index: v.nullish(v.number()),
  startTime: text,
  endTime: text,
  commandStatus: text,
  errors: v.nullish(v.array(v.unknown())),
  command: v.nullish(
    v.looseObject({
      type: text,
      params: v.nullish(v.array(v.looseObject({ key: text, value: v.nullish(v.unknown()) }))),
    }),
  ),
});

/**
 * The MachineAction entity as the live API sends it. Loose on purpose: unknown fields, nulls and both
 * spellings of two keys (see the fact sheet) are accepted; only id, type and status are required.
 */
export const machineActionSchema = v.looseObject({
  id: v.string(),
  type: v.string(),
  status: v.string(),
  scope: text,
  requestor: text,
  requestorComment: text,
  machineId: text,
  computerDnsName: text,
  creationDateTimeUtc: text,
  lastUpdateDateTimeUtc: text,
  lastUpdateTimeUtc: text, // older docs' spelling
  cancellationRequestor: text,
  cancellationComment: text,
  cancellationDateTimeUtc: text,
  errorHResult: v.nullish(v.number()),
  title: text,
  externalId: text,
  externalID: text, // the docs' table spelling
  requestSource: text,
  relatedFileInfo: v.nullish(v.looseObject({ fileIdentifier: text, fileIdentifierType: text })),
  commands: v.nullish(v.array(commandSchema)),
});

export interface LiveResponseCommand {
  index: number | null;
  type: string | null;
  status: string | null;
  params: { key: string; value: string }[];
  errors: string[];
  startedAt: Date | null;
  endedAt: Date | null;
}

/** One machine action, normalised: one name per field, dates parsed, absent values as null. */
export interface MachineAction {
  id: string;
  type: string;
  status: string;
  scope: string | null;
  requestor: string | null;
  requestorComment: string | null;
  machineId: string | null;
  computerDnsName: string | null;
  createdAt: Date | null;
  lastUpdatedAt: Date | null;
  cancellationRequestor: string | null;
  cancellationComment: string | null;
  cancelledAt: Date | null;
  errorHResult: number | null;
  title: string | null;
  externalId: string | null;
  requestSource: string | null;
  relatedFile: { identifier: string; identifierType: string | null } | null;
  commands: LiveResponseCommand[];
  /** The body exactly as received, for the raw JSON view. */
  raw: unknown;
}

/** Defender writes 7 fractional digits (…38.2262283Z); JavaScript dates are only sure to read 3. */
export function parseDefenderDate(value: string | null | undefined): Date | null {
  if (!value) return null;
  const trimmed = value.trim().replace(/(\.\d{3})\d+/, '$1');
  const withZone = /(Z|[+-]\d{2}:?\d{2})$/i.test(trimmed) ? trimmed : `${trimmed}Z`; // Defender's times are UTC
  const time = Date.parse(withZone);
  return Number.isNaN(time) ? null : new Date(time);
}

function describeValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

function toCommand(command: v.InferOutput<typeof commandSchema>): LiveResponseCommand {
  return {
    index: command.index ?? null,
    type: command.command?.type ?? null,
    status: command.commandStatus ?? null,
    params: (command.command?.params ?? []).map((param) => ({ key: showDirectionControls(param.key ?? ''), value: showDirectionControls(describeValue(param.value)) })),
    errors: (command.errors ?? []).map((error) => showDirectionControls(describeValue(error))),
    startedAt: parseDefenderDate(command.startTime),
    endedAt: parseDefenderDate(command.endTime),
  };
}

/** API text as it is shown: absent as null, direction controls made visible (lib/visible-controls.ts). */
function shown(value: string | null | undefined): string | null {
  return value == null ? null : showDirectionControls(value);
}

export function toMachineAction(entity: v.InferOutput<typeof machineActionSchema>, raw: unknown = entity): MachineAction {
  const file = entity.relatedFileInfo;
  return {
    id: entity.id,
    type: showDirectionControls(entity.type),
    status: readStatus(entity.status),
    scope: shown(entity.scope),
    requestor: shown(entity.requestor),
    requestorComment: shown(entity.requestorComment),
    machineId: entity.machineId ?? null,
    computerDnsName: shown(entity.computerDnsName),
    createdAt: parseDefenderDate(entity.creationDateTimeUtc),
    lastUpdatedAt: parseDefenderDate(entity.lastUpdateDateTimeUtc ?? entity.lastUpdateTimeUtc),
    cancellationRequestor: shown(entity.cancellationRequestor),
    cancellationComment: shown(entity.cancellationComment),
    cancelledAt: parseDefenderDate(entity.cancellationDateTimeUtc),
    errorHResult: entity.errorHResult ?? null,
    title: shown(entity.title),
    externalId: shown(entity.externalId ?? entity.externalID),
    requestSource: shown(entity.requestSource),
    relatedFile: file?.fileIdentifier ? { identifier: file.fileIdentifier, identifierType: file.fileIdentifierType ?? null } : null,
    commands: (entity.commands ?? []).map(toCommand),
    raw,
  };
}

export type ParseResult = { ok: true; action: MachineAction } | { ok: false; detail: string };

/** Validates a single-action body; `detail` names the first field that is wrong. */
export function parseMachineAction(body: unknown): ParseResult {
  const parsed = v.safeParse(machineActionSchema, body);
  if (!parsed.success) {
    const issue = parsed.issues[0];
    const path = v.getDotPath(issue);
    return { ok: false, detail: path ? `${path}: ${issue.message}` : issue.message };
  }
  return { ok: true, action: toMachineAction(parsed.output, body) };
}

export type ListParseResult = { ok: true; actions: MachineAction[] } | { ok: false; detail: string };

const listSchema = v.looseObject({ value: v.array(v.unknown()) });

/**
 * Validates a list body (`{ "value": [...] }`). An item that is not a machine action is left out rather
 * than failing the whole list: the poller then reads that one by itself and reports it there.
 */
export function parseMachineActionList(body: unknown): ListParseResult {
  const parsed = v.safeParse(listSchema, body);
  if (!parsed.success) return { ok: false, detail: 'The answer is not a list of machine actions (no "value" array).' };
  const actions: MachineAction[] = [];
  for (const item of parsed.output.value) {
    const one = parseMachineAction(item);
    if (one.ok) actions.push(one.action);
  }
  return { ok: true, actions };
}
