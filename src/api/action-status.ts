/** Statuses after which Defender never changes the action again. Note Defender's two L's in "Cancelled". */
export const finalStatuses = ['Succeeded', 'Failed', 'TimeOut', 'Cancelled'] as const;
export type FinalStatus = (typeof finalStatuses)[number];

/** Anything not listed as final, an unknown status included, is still running: keep watching it. */
export function isFinalStatus(status: string): status is FinalStatus {
  return (finalStatuses as readonly string[]).includes(status);
}
