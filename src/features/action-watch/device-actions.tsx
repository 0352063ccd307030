import { Button, Group, Loader, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useDefenders } from '../../api/defenders';
import { isDefenderRequestError } from '../../../core/defender/defender-problem';
import { useNarrowScreen } from '../../lib/use-narrow-screen';
import { actionQueries } from '../../polling/react/action-queries';
import { usePoller } from '../../polling/react/poller-provider';
import { describeProblem } from '../../action-ui/describe-problem';
import { DeviceActionCards } from './device-action-cards';
import { DeviceActionTable } from './device-action-table';

/** The last 10 actions on the same device, newest first, each a click away: read only when asked for. */
export function DeviceActions({ tenant, machineId, currentId, now, onWatch }: { tenant: string; machineId: string; currentId: string; now: number; onWatch: (id: string) => void }) {
  const [shown, setShown] = useState(false);
  const narrow = useNarrowScreen();
  const defender = useDefenders().of(tenant);
  const { budgeted } = usePoller();
  const query = useQuery({
    ...actionQueries.deviceActions(tenant, machineId, (signal) => budgeted(tenant, () => defender.getDeviceActions(machineId, signal))),
    enabled: shown,
  });
  const List = narrow ? DeviceActionCards : DeviceActionTable;
  return (
    <section aria-labelledby="device-actions-heading">
      <Group gap="sm" mb="xs">
        <Title order={2} id="device-actions-heading" size="h4">
          Recent actions on this device
        </Title>
        {!shown && (
          <Button variant="default" size="xs" onClick={() => setShown(true)}>
            Show the last 10
          </Button>
        )}
      </Group>
      {shown && query.isPending && <Loader size="sm" aria-label="Loading the device's actions" />}
      {query.isError && (
        <Text size="sm" role="alert">
          {isDefenderRequestError(query.error) ? describeProblem(query.error.problem).message : 'The device’s actions could not be read.'}
        </Text>
      )}
      {query.data && <List actions={query.data} currentId={currentId} now={now} onWatch={onWatch} />}
    </section>
  );
}
