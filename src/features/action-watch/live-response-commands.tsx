import { Title } from '@mantine/core';
import type { LiveResponseCommand } from '../../../core/defender/machine-action';
import { useNarrowScreen } from '../../lib/use-narrow-screen';
import { LiveResponseCommandCards } from './live-response-command-cards';
import { LiveResponseCommandTable } from './live-response-command-table';

/** Live response commands each carry their own status (Created, Completed, Failed): a table, or cards on a phone. */
export function LiveResponseCommands({ commands }: { commands: LiveResponseCommand[] }) {
  const narrow = useNarrowScreen();
  if (commands.length === 0) return null;
  return (
    <section aria-labelledby="commands-heading">
      <Title order={3} id="commands-heading" size="h4" mb="xs">
        Live response commands
      </Title>
      {narrow ? <LiveResponseCommandCards commands={commands} /> : <LiveResponseCommandTable commands={commands} />}
    </section>
  );
}
