import type { LiveResponseCommand } from '../../../core/defender/machine-action';
import { formatLocal } from '../../lib/time';

/** What a live response command's table row and card both say, a dash for what Defender left out. */
export interface CommandWords {
  /** Defender's index, or the command's place in the list when it has none. */
  number: string;
  type: string;
  parameters: string;
  ended: string;
  errors: string;
}

export function commandWords(command: LiveResponseCommand, position: number): CommandWords {
  return {
    number: String(command.index ?? position),
    type: command.type ?? '—',
    parameters: command.params.map((param) => `${param.key}=${param.value}`).join(', ') || '—',
    ended: command.endedAt ? formatLocal(command.endedAt) : '—',
    errors: command.errors.join('; ') || '—',
  };
}

/** A key that stays with the command while the list grows: Defender's index, else its place. */
export const commandKey = (command: LiveResponseCommand, position: number) => command.index ?? `position-${position}`;
