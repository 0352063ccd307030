import { Alert, Anchor, Text } from '@mantine/core';
import type { MachineAction } from '../../api/machine-action';
import { actionTypeWords } from '../../action-ui/action-type-words';
import { nextStepsAfterFailure } from '../../action-ui/next-steps';
import { devicePageUrl } from './device-link';

/** For a Failed or timed-out action: what the analyst can do next, with the way to the device in the portal. */
export function NextStepsAlert({ action, portalUrl }: { action: MachineAction; portalUrl: string }) {
  if (action.status !== 'Failed' && action.status !== 'TimeOut') return null;
  const deviceUrl = devicePageUrl(portalUrl, action.machineId);
  return (
    <Alert color="red" variant="outline" title={`What to do next: the ${actionTypeWords(action.type).toLowerCase()} ${action.status === 'Failed' ? 'failed' : 'timed out'}`} data-testid="next-steps">
      <Text size="sm">{nextStepsAfterFailure(action.type, action.status)}</Text>
      {deviceUrl && (
        <Text size="sm" mt="xs">
          <Anchor href={deviceUrl} target="_blank" rel="noopener noreferrer">
            Open the device in the Defender portal
          </Anchor>
        </Text>
      )}
    </Alert>
  );
}
