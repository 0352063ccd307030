import type { Guid } from '../../core/lib/guid';

// A GUID must stand on its own: a longer hex run (a 40-hex machine id) or a longer dashed hex chain must not
// yield a GUID cut from its middle. A dash next to a word ("action-<id>") is fine.
const guidInText =
  /(?<![0-9a-f])(?<![0-9a-f]-)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])(?!-[0-9a-f])/gi;

/**
 * Finds every machine action ID in pasted text (a ticket, a portal URL, a quoted ID with spaces around it),
 * in the order they appear, lower-cased and without repeats.
 */
export function findActionIds(text: string): Guid[] {
  const found = new Set<Guid>();
  for (const match of text.matchAll(guidInText)) found.add(match[0].toLowerCase() as Guid);
  return [...found];
}

/** The first action ID in the text, if any. */
export function findActionId(text: string): Guid | undefined {
  return findActionIds(text)[0];
}
