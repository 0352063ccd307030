import type { DefenderProblem } from '../../defender/defender-problem';
import { encodedIdFilterLength, type IdFilterKind } from '../../defender/defender-urls';
import type { Guid } from '../../lib/guid';

/**
 * How this tenant's running actions are read: list calls naming IDs with `in`, with an `or` chain of `eq`,
 * or one read per action. Defender documents neither `in` nor a URL limit, so each tenant teaches us.
 */
export interface ListShape {
  kind: IdFilterKind | 'single';
  /** The longest encoded `$filter` a list call of this shape may carry. */
  maxFilterLength: number;
  /** Defender has answered a list call of this shape this session; until then a check sends one, as a probe. */
  accepted: boolean;
}

/** Below IIS's default query-string limit (2,048) with room for the host and path. */
export const defaultMaxFilterLength = 1_800;

/** What a session starts with: `in`, as Kibana's connector sends it in production. */
export const firstListShape: ListShape = { kind: 'in', maxFilterLength: defaultMaxFilterLength, accepted: false };

/**
 * IDs per `or` chain. OData's default MaxNodeCount is 100 and each `id eq '…'` term costs about four nodes,
 * so a chain of 25 would already be refused: 20 leaves room.
 */
export const maxIdsPerOrChain = 20;

/** One GET per action: always understood, and the last resort. */
const singleReads: ListShape = { kind: 'single', maxFilterLength: 0, accepted: true };

/** A list of one ID is no better than the action's own read, which has the not-found grace besides. */
const minIdsPerList = 2;

/** How a shape's list calls are split: chunk-ids.ts measures each filter against these. */
export interface ChunkLimits {
  kind: IdFilterKind;
  maxFilterLength: number;
  maxIds: number;
}

/** The chunk limits of a list shape; undefined for single reads, which are not chunked. */
export function chunkLimits(shape: ListShape): ChunkLimits | undefined {
  if (shape.kind === 'single') return undefined;
  return { kind: shape.kind, maxFilterLength: shape.maxFilterLength, maxIds: shape.kind === 'or' ? maxIdsPerOrChain : Number.POSITIVE_INFINITY };
}

/** A list call Defender refused for its shape, not for anything about the actions it named. */
export interface ListRefusal {
  status: 400 | 414;
  /** The shape the refused call was sent in. */
  shape: ListShape;
  /** The refused call's encoded `$filter` length. */
  filterLength: number;
}

/**
 * Whether a list call's failure refuses its shape: a 400 (an API without `in`, or one that dislikes the URL)
 * or a 414. Such a failure is ours to work around, never the analyst's to see.
 */
export function refusalStatus(problem: DefenderProblem): 400 | 414 | undefined {
  if (problem.kind !== 'bad-request') return undefined;
  return problem.status === 400 || problem.status === 414 ? problem.status : undefined;
}

/** How long a filter of `count` IDs is in this shape: every GUID has the same length. */
function filterLengthOf(kind: IdFilterKind, count: number): number {
  return encodedIdFilterLength(kind, Array.from({ length: count }, () => '00000000-0000-4000-8000-000000000000' as Guid));
}

/**
 * The shape to use after a refusal.
 * - 400: the next shape, `in` → `or` → single reads: the operator (or the URL as a whole) is refused.
 * - 414: the same shape with half the refused filter's length, since the length is what was refused; `or`
 *   would only be longer for the same IDs (56 characters an ID against 41). Once two IDs no longer fit,
 *   single reads. Halving the refused length, not the limit, means a short chunk refused shrinks at once.
 * A refusal of a shape already left behind (a call sent before an earlier refusal came back) changes nothing.
 */
export function shapeAfterRefusal(current: ListShape, refusal: ListRefusal): ListShape {
  if (current.kind === 'single' || refusal.shape.kind !== current.kind) return current;
  if (refusal.status === 400) {
    return current.kind === 'in' ? { kind: 'or', maxFilterLength: current.maxFilterLength, accepted: false } : singleReads;
  }
  const maxFilterLength = Math.min(current.maxFilterLength, Math.floor(refusal.filterLength / 2));
  if (maxFilterLength < filterLengthOf(current.kind, minIdsPerList)) return singleReads;
  return { kind: current.kind, maxFilterLength, accepted: false };
}

/** After a list call of `kind` was answered: that shape is accepted, and checks may send several at once. */
export function shapeAfterSuccess(current: ListShape, kind: IdFilterKind): ListShape {
  return current.kind === kind && !current.accepted ? { ...current, accepted: true } : current;
}

/** A shape read back from storage, or undefined when it is not one this code would have written. */
export function parseListShape(value: unknown): ListShape | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { kind, maxFilterLength, accepted } = value as Record<string, unknown>;
  if (kind !== 'in' && kind !== 'or' && kind !== 'single') return undefined;
  if (typeof accepted !== 'boolean' || typeof maxFilterLength !== 'number' || !Number.isInteger(maxFilterLength)) return undefined;
  if (maxFilterLength < 0 || maxFilterLength > defaultMaxFilterLength) return undefined;
  return kind === 'single' ? singleReads : { kind, maxFilterLength, accepted };
}
