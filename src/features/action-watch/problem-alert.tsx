import { Alert, Button, Group, Text } from '@mantine/core';
import type { DefenderProblem } from '../../../core/defender/defender-problem';
import { describeProblem } from '../../action-ui/describe-problem';

interface ProblemAlertProps {
  problem: DefenderProblem;
  onSignIn: () => void;
  onCheckAgain: () => void;
}

/** One failed check, explained, with the way out when there is one. */
export function ProblemAlert({ problem, onSignIn, onCheckAgain }: ProblemAlertProps) {
  const view = describeProblem(problem);
  return (
    <Alert color={view.severity === 'error' ? 'red' : 'amber'} variant="outline" title={view.title} data-testid="problem" data-problem={problem.kind}>
      <Text size="sm">{view.message}</Text>
      {view.hint && (
        <Text size="sm" mt="xs">
          {view.hint}
        </Text>
      )}
      {view.target && (
        <Text size="sm" mt="xs">
          Correlation ID for support: <code>{view.target}</code>
        </Text>
      )}
      {view.remedy !== 'none' && (
        <Group mt="sm">
          {view.remedy === 'sign-in' && <Button onClick={onSignIn}>Sign in again</Button>}
          {view.remedy === 'check-again' && (
            <Button variant="default" onClick={onCheckAgain}>
              Check again
            </Button>
          )}
        </Group>
      )}
    </Alert>
  );
}
