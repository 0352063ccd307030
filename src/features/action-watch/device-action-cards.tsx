import { ActionStatusBadge } from '../../action-ui/action-status-badge';
import classes from './device-action-cards.module.css';
import { createdWords, DeviceActionLink, DeviceActionWatch, type DeviceActionListProps } from './device-action-parts';
import { CardField, CardFields, FieldCard, FieldCards } from './field-cards';

/** The device's recent actions on a phone, one card each with every field the table has, and its Watch button. */
export function DeviceActionCards({ actions, currentId, now, onWatch }: DeviceActionListProps) {
  return (
    <FieldCards label="Recent actions on this device" testId="device-actions">
      {actions.map((action) => (
        <FieldCard key={action.id} testId="device-action">
          <CardFields>
            <CardField label="Status">
              <ActionStatusBadge status={action.status} size="md" />
            </CardField>
            <CardField label="Action">
              <DeviceActionLink action={action} className={classes.link} />
            </CardField>
            <CardField label="Requestor">{action.requestor ?? '—'}</CardField>
            <CardField label="Created">{createdWords(action, now)}</CardField>
          </CardFields>
          <DeviceActionWatch action={action} currentId={currentId} onWatch={onWatch} thisOne="The action on this page" />
        </FieldCard>
      ))}
    </FieldCards>
  );
}
