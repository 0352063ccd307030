import type { LiveResponseCommand } from '../../../core/defender/machine-action';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { commandKey, commandWords } from './command-words';
import { CardField, CardFields, FieldCard, FieldCards } from './field-cards';

/**
 * The commands on a phone, one card each with every field the table has: the failed command's errors, which
 * the next steps point to, are on the screen, and wrap across the card's width.
 */
export function LiveResponseCommandCards({ commands }: { commands: LiveResponseCommand[] }) {
  return (
    <FieldCards label="Live response commands">
      {commands.map((command, position) => {
        const words = commandWords(command, position);
        return (
          <FieldCard key={commandKey(command, position)} testId="live-response-command">
            <CardFields>
              <CardField label="Command">
                #{words.number} {words.type}
              </CardField>
              <CardField label="Status">{command.status ? <ActionStatusBadge status={command.status} size="md" /> : '—'}</CardField>
              <CardField label="Parameters">{words.parameters}</CardField>
              <CardField label="Ended">{words.ended}</CardField>
              <CardField label="Errors">{words.errors}</CardField>
            </CardFields>
          </FieldCard>
        );
      })}
    </FieldCards>
  );
}
