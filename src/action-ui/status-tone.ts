/** Final statuses that the analyst has to look at: the action did not do what was asked. */
const needsAttention: ReadonlySet<string> = new Set(['Failed', 'TimeOut', 'Cancelled']);

export type StatusTone = 'running' | 'succeeded' | 'attention' | 'unknown';

/** Also reads live response command statuses (Created, Completed, Failed), which share the tones. */
export function statusTone(status: string): StatusTone {
  if (status === 'Succeeded' || status === 'Completed') return 'succeeded';
  if (needsAttention.has(status)) return 'attention';
  if (status === 'Pending' || status === 'InProgress' || status === 'Created') return 'running';
  return 'unknown';
}

/**
 * The badge's colour: a cancellation needs a look, as a failure does (its tone), but someone chose it, so it
 * is not painted in the failure's red.
 */
export type StatusColour = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'unknown';

export function statusColour(status: string): StatusColour {
  if (status === 'Cancelled') return 'cancelled';
  const tone = statusTone(status);
  return tone === 'attention' ? 'failed' : tone;
}

/** Words for the badge and for screen readers; an unknown status is shown as Defender wrote it. */
export function statusLabel(status: string): string {
  if (status === 'InProgress') return 'In progress';
  if (status === 'TimeOut') return 'Timed out';
  return status;
}
