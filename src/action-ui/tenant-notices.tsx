import { Alert, Button, Stack, Text } from '@mantine/core';
import type { DefenderProblem } from '../../core/defender/defender-problem';
import { useSignIn } from '../auth/use-sign-in';
import type { TenantSettings } from '../config/settings';
import { useSettings } from '../config/settings-context';
import { formatClock } from '../lib/time';
import { useTick } from '../lib/use-tick';
import { usePoller } from '../polling/react/poller-provider';
import { tenantAccessWords } from './tenant-access-words';

/**
 * Defender's 429 pauses, each tenant's its own (the quota is per app and tenant). Its own component: the
 * second-by-second clock it needs re-renders the notice, not the page.
 */
export function PauseNotices() {
  const { pauses } = usePoller();
  const { tenants } = useSettings();
  const now = useTick(1_000);
  const paused = tenants.filter((tenant) => (pauses.get(tenant.id) ?? 0) > now);
  if (paused.length === 0) return null;
  if (tenants.length === 1) {
    return (
      <Alert color="amber" variant="outline" title="Defender asked us to slow down" data-testid="board-paused">
        Every check is paused until {formatClock(pauses.get(tenants[0].id)!)} (HTTP 429). The quota (100 calls a minute, 1,500 an hour) is shared
        by everyone using this app registration.
      </Alert>
    );
  }
  return (
    <Alert color="amber" variant="outline" title="Defender asked us to slow down" data-testid="board-paused">
      <Stack gap={4}>
        {paused.map((tenant) => (
          <Text size="sm" key={tenant.id}>
            Checks in {tenant.name} are paused until {formatClock(pauses.get(tenant.id)!)} (HTTP 429).
          </Text>
        ))}
        <Text size="sm">Each customer's quota is its own: the others are checked as usual.</Text>
      </Stack>
    </Alert>
  );
}

/**
 * A customer's tenant that refuses every call (no Defender role, a sign-in it demands, the account not in
 * it): one notice naming it and what its admin must grant, with a sign-in to that tenant alone where that
 * is the way out. Every other tenant goes on. With one tenant, the rows say it as they always did.
 */
export function TenantProblemNotices() {
  const { tenantProblems } = usePoller();
  const { tenants } = useSettings();
  if (tenants.length === 1 || tenantProblems.size === 0) return null;
  return (
    <Stack gap="xs">
      {tenants.map((tenant) => {
        const problem = tenantProblems.get(tenant.id);
        return problem ? <TenantAccessAlert key={tenant.id} tenant={tenant} problem={problem} /> : null;
      })}
    </Stack>
  );
}

/**
 * One customer's tenant refusing (no Defender role, a sign-in it demands, the account not in it), in words
 * that name it and what its admin must grant; nothing when the problem is not the tenant's. `others`: say
 * that the other customers go on (the board), or not (one action's page).
 */
export function TenantAccessAlert({ tenant, problem, others = true }: { tenant: TenantSettings; problem: DefenderProblem; others?: boolean }) {
  const { signInTo, busy } = useSignIn();
  const words = tenantAccessWords(tenant.name, problem);
  if (!words) return null;
  return (
    <Alert color="red" variant="outline" title={words.title} data-testid="tenant-problem">
      <Text size="sm">
        {words.message}
        {/* On the board, where the other customers' rows are: they go on. */}
        {others && ' Your other customers are watched as usual.'}
      </Text>
      {words.signIn && (
        <Button mt="xs" size="xs" variant="default" disabled={busy} onClick={() => signInTo(tenant)}>
          Sign in to {tenant.name}
        </Button>
      )}
    </Alert>
  );
}
