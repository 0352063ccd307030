import { Alert, Anchor, Button, Group, Loader, Stack, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useSettings } from '../../config/settings-context';
import { useSignIn } from '../../auth/use-sign-in';
import { toGuid, type Guid } from '../../../core/lib/guid';
import { customerNameKey } from '../../../core/lib/customer-name';
import { formatClock } from '../../lib/time';
import { useNow } from '../../lib/use-now';
import { ActionIdForm } from '../../action-ui/action-id-form';
import { useWatchList } from '../../action-ui/use-watch-list';
import { actionTypeWords } from '../../action-ui/action-type-words';
import { ClockSkewNotice } from '../../action-ui/clock-skew-notice';
import { rememberWatched } from '../../action-ui/recently-watched';
import { statusLabel } from '../../action-ui/status-tone';
import { ActionDetails } from './action-details';
import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import { CheckStatusLine } from './check-status-line';
import { CopyForTicketButton } from './copy-for-ticket-button';
import { DeviceActions } from './device-actions';
import { LiveResponseCommands } from './live-response-commands';
import { RelayNotice } from '../../action-ui/relay-notice';
import { TenantAccessAlert } from '../../action-ui/tenant-notices';
import { tenantAccessWords } from '../../action-ui/tenant-access-words';
import { LongPendingHint } from './long-pending-hint';
import { NextStepsAlert } from './next-steps-alert';
import { ExpectedDuration } from './expected-duration';
import { ProblemAlert } from './problem-alert';
import { RawJson } from './raw-json';
import { StatusAnnouncer } from './status-announcer';
import { StatusTimeline } from './status-timeline';
import { useActionWatch } from './use-action-watch';
import { useSeenHere } from '../../action-ui/away/use-seen-here';
import { appTitle, usePageTitle } from '../../lib/use-page-title';
import { useActionTenant } from '../../polling/react/use-action-tenant';
import { hintTenants } from '../../polling/tenants/action-tenants';

/**
 * `/actions/:id`, or `/t/:tenant/actions/:id` from a customer's ticket: the ID and the tenant come from a
 * URL anyone can edit, so both are checked before any request.
 */
export function ActionPage() {
  const { id = '', tenant } = useParams();
  const guid = toGuid(id);
  const settings = useSettings();
  // A link names the tenant by its ID, or by the customer's name as the analyst writes it in a ticket.
  const named = tenant === undefined ? undefined : settings.tenants.find((each) => each.id === tenant.toLowerCase() || (each.name !== '' && customerNameKey(each.name) === customerNameKey(tenant)));
  if (tenant !== undefined && !named) {
    return (
      <Stack>
        <Title order={1}>Not one of your tenants</Title>
        <Alert color="red" variant="outline" title="This link names a tenant this app does not watch">
          <Text size="sm">
            “{tenant.slice(0, 200)}” is not among the tenants this app is set up for
            {settings.tenants.length > 1 ? ` (${settings.tenants.map((each) => each.name).join(', ')})` : ''}. Nothing was requested from Defender. Ask
            whoever deploys the app to add the tenant to its settings, or paste the ID below to look for it in your tenants.
          </Text>
        </Alert>
        <ActionIdForm />
      </Stack>
    );
  }
  if (!guid) {
    return (
      <Stack>
        <Title order={1}>Not a machine action ID</Title>
        <Alert color="red" variant="outline" title="This link does not hold a machine action ID">
          <Text size="sm">
            “{id.slice(0, 200)}” is not a GUID such as 1a2b3c4d-5e6f-4a1b-8c2d-3e4f5a6b7c8d. Nothing was requested from Defender.
          </Text>
        </Alert>
        <ActionIdForm />
      </Stack>
    );
  }
  // A new key per ID: moving between actions starts each page's state afresh.
  return named ? <InTenant key={guid} id={guid} tenant={named.id} /> : <WatchedAction key={guid} id={guid} />;
}

/**
 * The link's tenant is taken before the page first declares its interest: no other tenant is asked. As a
 * hint only: it never replaces a tenant the action was found in, and is dropped if that tenant lacks it.
 */
function InTenant({ id, tenant }: { id: Guid; tenant: string }) {
  useState(() => hintTenants([[id, tenant]]));
  return <WatchedAction id={id} />;
}

function WatchedAction({ id }: { id: Guid }) {
  const settings = useSettings();
  const { signIn, signInTo } = useSignIn();
  const now = useNow();
  const { watch, isFirstCheck, isOffline, checkedAt, nextCheckAt, isWatching, checkAgain, history } = useActionWatch(id);
  const watchList = useWatchList();
  const onBoard = watchList.ids.includes(id);
  const tenant = useActionTenant(id);
  // Customers are named only where there are several: a deployment for one tenant reads as it always did.
  const customer = tenant && settings.tenants.length > 1 ? { tenant: tenant.id, name: tenant.name } : undefined;
  const portalUrl = tenant?.portalUrl ?? settings.portalUrl;
  // Once the customer is known, the address names it (/t/<tenant>/actions/<id>): a link copied from the
  // address bar into a ticket opens in that tenant at once, with no lookup in the others. The router's
  // state is kept: only what the address bar shows changes.
  const customerTenant = customer?.tenant;
  useEffect(() => {
    if (!customerTenant) return;
    // Also when the link named the customer, or a tenant that turned out not to have the action.
    const path = `${import.meta.env.BASE_URL}t/${encodeURIComponent(customerTenant)}/actions/${id}`;
    if (window.location.pathname !== path) window.history.replaceState(window.history.state, '', `${path}${window.location.search}`);
  }, [customerTenant, id]);
  // The start page lists what this browser watched lately (IDs and times only).
  useEffect(() => rememberWatched(window.localStorage, [id], Date.now()), [id]);
  const action = watch?.action;
  const failure = watch?.failure;
  // A finish the board would mark as news from while away is seen here.
  useSeenHere(id, action?.status);
  // Tabs opened from a ticket tell themselves apart, and say when the action finished, in their titles.
  const titleStatus = action ? statusLabel(action.status) : undefined;
  const titleType = action ? actionTypeWords(action.type) : undefined;
  usePageTitle(titleStatus && titleType ? `${titleStatus} · ${titleType} · ${appTitle}` : appTitle);
  return (
    <Stack gap="lg">
      <StatusAnnouncer status={action?.status} />
      <Stack gap={4}>
        <Text size="sm" c="dimmed">
          {customer ? `Machine action in ${customer.name}` : 'Machine action'}
        </Text>
        <Group gap="sm" align="center">
          <Title order={1} size="h2" style={{ overflowWrap: 'anywhere' }}>
            {action ? actionTypeWords(action.type) : id}
          </Title>
          {action && <ActionStatusBadge status={action.status} testId="action-status" />}
        </Group>
        <CheckStatusLine checkedAt={checkedAt} nextCheckAt={nextCheckAt} isWatching={isWatching} isOffline={isOffline} now={now} />
        <RelayNotice />
        {action && (
          <Group gap="xs" mt={4}>
            <CopyForTicketButton action={action} history={watch.history} usual={history} customer={customer?.name} />
            <Button variant="default" size="xs" onClick={() => watchList.add(id)} disabled={onBoard}>
              {onBoard ? 'On the watch board' : 'Watch on the board'}
            </Button>
          </Group>
        )}
      </Stack>

      {isFirstCheck && !isOffline && (
        <Group gap="xs" role="status">
          <Loader size="sm" aria-hidden />
          <Text>Looking up the action…</Text>
        </Group>
      )}
      {isFirstCheck && isOffline && (
        <Alert color="amber" variant="outline" title="Offline">
          The browser is offline. The action will be looked up as soon as the connection is back.
        </Alert>
      )}

      {failure && (
        <>
          {failure.problem.kind === 'not-found' && isWatching ? (
            <Group gap="xs" role="status">
              <Loader size="sm" aria-hidden />
              <Text>Not listed yet: a new action can take a few seconds to appear. Checking again…</Text>
            </Group>
          ) : (
            (customer && tenant && tenantAccessWords(tenant.name, failure.problem) && <TenantAccessAlert tenant={tenant} problem={failure.problem} others={false} />) || (
              <ProblemAlert problem={failure.problem} onSignIn={customer && tenant ? () => signInTo(tenant) : signIn} onCheckAgain={checkAgain} />
            )
          )}
          {action && watch.readAt !== undefined && (
            <Text size="sm" c="dimmed" data-testid="stale-note">
              Showing the last good read, from {formatClock(watch.readAt)}: it may be out of date.
            </Text>
          )}
        </>
      )}

      {action && (
        <>
          <ClockSkewNotice actions={[action]} now={now} />
          <LongPendingHint action={action} reading={history} now={now} />
          <NextStepsAlert action={action} portalUrl={portalUrl} customerTenant={customer?.tenant} />
          <ExpectedDuration action={action} reading={history} now={now} />
          <ActionDetails action={action} portalUrl={portalUrl} customer={customer} now={now} />
          <StatusTimeline history={watch.history} />
          <LiveResponseCommands commands={action.commands} />
          <RawJson label="Raw JSON" text={JSON.stringify(action.raw, null, 2)} />
          {action.machineId && /^[0-9a-f]{40}$/i.test(action.machineId) && tenant && (
            <DeviceActions tenant={tenant.id} machineId={action.machineId} currentId={id} now={now} onWatch={(other) => watchList.add(other)} />
          )}
        </>
      )}
      {failure?.problem.kind === 'malformed' && <RawJson label="Raw answer" text={failure.problem.rawText} />}

      <Stack gap="xs">
        <ActionIdForm label="Watch another action" />
        <Anchor component={Link} to="/" size="sm">
          Back to the start page
        </Anchor>
      </Stack>
    </Stack>
  );
}
