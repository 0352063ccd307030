import { Alert, Anchor, Text } from '@mantine/core';
import type { MachineAction } from '../../../core/defender/machine-action';
import { actionTypeWords } from '../../action-ui/action-type-words';
import { hresultHex, hresultMeaning } from '../../action-ui/hresult-meanings';
import { nextStepsAfterFailure } from '../../action-ui/next-steps';
import { devicePageUrl } from './device-link';

/** For a Failed or timed-out action: what the analyst can do next, with the way to the device in the portal. */
export function NextStepsAlert({ action, portalUrl, customerTenant }: { action: MachineAction; portalUrl: string; customerTenant?: string }) {
  if (action.status !== 'Failed' && action.status !== 'TimeOut') return null;
  const deviceUrl = devicePageUrl(portalUrl, action.machineId, customerTenant);
  const meaning = action.errorHResult ? hresultMeaning(action.errorHResult) : undefined;
  return (
    <Alert color="red" variant="outline" title={`What to do next: ${actionTypeWords(action.type)} ${action.status === 'Failed' ? 'failed' : 'timed out'}`} data-testid="next-steps">
      {meaning && action.errorHResult !== null && (
        <Text size="sm" mb="xs">
          The device reported {hresultHex(action.errorHResult)} {meaning.name}: {meaning.meaning}
        </Text>
      )}
      <Text size="sm">{nextStepsAfterFailure(action.type, action.status, action.errorHResult)}</Text>
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
