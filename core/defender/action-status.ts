/** Statuses after which Defender never changes the action again. Note Defender's two L's in "Cancelled". */
export const finalStatuses = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;
export type FinalStatus = (typeof finalStatuses)[number];

const knownStatuses = ['Pending', 'InProgress', ...finalStatuses] as const;

// Keyed by the status in lower case without spaces: "timeout", "in progress" and "Canceled" (one L, as
// some of Microsoft's pages spell it) are the statuses they look like.
const bySpelling = new Map<string, string>([...knownStatuses.map((status) => [status.toLowerCase(), status] as const), ['canceled', 'Cancelled']]);

/**
 * The status as Defender spells it, whatever the letter case or the L's. Anything else is kept as it came:
 * an unknown status is shown verbatim and watched as still running.
 */
export function readStatus(status: string): string {
  return bySpelling.get(status.trim().toLowerCase().replace(/[\s_-]+/g, '')) ?? status;
}

/** Anything not listed as final, an unknown status included, is still running: keep watching it. */
export function isFinalStatus(status: string): status is FinalStatus {
  return (finalStatuses as readonly string[]).includes(status);
}
