import { Anchor } from '@mantine/core';
import type { ReactNode } from 'react';
import type { MachineAction } from '../../../core/defender/machine-action';
import { isFinalStatus } from '../../../core/defender/action-status';
import { describeActionType, isDocumentedType } from '../../action-ui/action-type-words';
import { elapsedMs } from '../../action-ui/elapsed';
import { formatDuration } from '../../lib/time';
import classes from './action-details.module.css';
import { FailureExplanation } from './failure-explanation';
import { devicePageUrl } from './device-link';
import { Timestamp } from './timestamp';

function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </>
  );
}

/** Free text of any length scrolls inside a bounded box: focusable, so that keyboard users can scroll it too. */
function FreeText({ label, text }: { label: string; text: string }) {
  return (
    <div className={classes.freeText} tabIndex={0} role="region" aria-label={label}>
      {text}
    </div>
  );
}

/** The customer whose tenant the action is in, when the analyst watches several. */
export interface Customer {
  tenant: string;
  name: string;
}

export function ActionDetails({ action, portalUrl, customer, now }: { action: MachineAction; portalUrl: string; customer?: Customer; now: number }) {
  const deviceUrl = devicePageUrl(portalUrl, action.machineId, customer?.tenant);
  const elapsed = elapsedMs(action, now);
  return (
    <dl className={classes.fields} aria-label="Action details">
      <Field label="Type">
        {describeActionType(action.type, action.scope)}
        {/* Defender's identifier stays visible: it is what the API, the portal's filters and scripts search by. */}
        {isDocumentedType(action.type) && (
          <>
            <br />
            <span className={classes.mono} data-testid="type-identifier">
              {action.type}
            </span>
          </>
        )}
      </Field>
      {action.title && <Field label="Title">{action.title}</Field>}
      {customer && (
        <Field label="Customer">
          <span data-testid="action-customer">{customer.name}</span>
        </Field>
      )}
      <Field label="Device">
        {action.computerDnsName ?? <span className="muted">no DNS name</span>}
        {action.machineId && (
          <>
            <br />
            <span className={classes.mono}>{action.machineId}</span>
          </>
        )}
        {deviceUrl && (
          <>
            <br />
            <Anchor href={deviceUrl} target="_blank" rel="noopener noreferrer">
              Open the device in the Defender portal
            </Anchor>
          </>
        )}
      </Field>
      <Field label="Requestor">{action.requestor ?? '—'}</Field>
      <Field label="Comment">
        {action.requestorComment ? <FreeText label="Comment" text={action.requestorComment} /> : '—'}
      </Field>
      <Field label="Created">
        <Timestamp date={action.createdAt} now={now} />
      </Field>
      <Field label="Last updated">
        <Timestamp date={action.lastUpdatedAt} now={now} />
      </Field>
      {elapsed !== undefined && <Field label={isFinalStatus(action.status) ? 'Took' : 'Running for'}>{formatDuration(elapsed)}</Field>}
      {action.cancellationRequestor && <Field label="Cancelled by">{action.cancellationRequestor}</Field>}
      {action.cancelledAt && (
        <Field label="Cancelled">
          <Timestamp date={action.cancelledAt} now={now} />
        </Field>
      )}
      {action.cancellationComment && (
        <Field label="Cancellation comment">
          <FreeText label="Cancellation comment" text={action.cancellationComment} />
        </Field>
      )}
      {action.errorHResult !== null && action.errorHResult !== 0 && (
        <Field label="Error (HRESULT)">
          <FailureExplanation hresult={action.errorHResult} />
        </Field>
      )}
      {action.relatedFile && (
        <Field label="Related file">
          <span className={classes.mono}>{action.relatedFile.identifier}</span>
          {action.relatedFile.identifierType && ` (${action.relatedFile.identifierType})`}
        </Field>
      )}
      {action.externalId && <Field label="External ID">{action.externalId}</Field>}
      {action.requestSource && <Field label="Request source">{action.requestSource}</Field>}
      <Field label="Action ID">
        <span className={classes.mono}>{action.id}</span>
      </Field>
    </dl>
  );
}
