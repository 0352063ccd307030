import { Anchor, Button, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { MachineAction } from '../../../core/defender/machine-action';
import { toGuid } from '../../../core/lib/guid';
import { actionTypeWords } from '../../action-ui/action-type-words';
import { formatRelative } from '../../lib/time';

/** What the table and the cards of the device's recent actions are given. */
export interface DeviceActionListProps {
  actions: MachineAction[];
  /** The action whose page this is: it has no Watch button, it is already watched. */
  currentId: string;
  now: number;
  onWatch: (id: string) => void;
}

/** The action's type in the portal's words, a link to its page when its ID is one. */
export function DeviceActionLink({ action, className }: { action: MachineAction; className?: string }) {
  const id = toGuid(action.id);
  const words = actionTypeWords(action.type);
  return id ? (
    <Anchor component={Link} to={`/actions/${id}`} className={className}>
      {words}
    </Anchor>
  ) : (
    words
  );
}

export const createdWords = (action: MachineAction, now: number) => (action.createdAt ? formatRelative(action.createdAt.getTime(), now) : '—');

/** Puts the action on the board; the page's own action, already watched, says so instead. */
export function DeviceActionWatch({ action, currentId, onWatch, thisOne }: Pick<DeviceActionListProps, 'currentId' | 'onWatch'> & { action: MachineAction; thisOne: string }) {
  const id = toGuid(action.id);
  if (!id || id === currentId) return <Text size="xs">{thisOne}</Text>;
  return (
    <Button variant="default" size="xs" onClick={() => onWatch(id)} aria-label={`Watch ${actionTypeWords(action.type)} ${id} on the board`}>
      Watch
    </Button>
  );
}
