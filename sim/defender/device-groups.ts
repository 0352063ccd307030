import type { ActionsStore } from './actions-store.ts';
import type { Caller } from './bearer-auth.ts';
import { textField, type StoredAction } from './machine-action.ts';

/**
 * The device groups a user's Defender role covers, by the user's Entra object id; undefined: every
 * group. The composition hands it in: Defender keeps this itself, no token carries it.
 */
export type UserDeviceGroups = (userObjectId: string) => readonly string[] | undefined;

/** What a caller may see: every device group, or only the ones listed. */
export type DeviceGroupScope = { readonly every: true } | { readonly every: false; readonly groups: ReadonlySet<string> };

/** Where a device that no seed or request placed in a group belongs, as in Defender. */
export const UNGROUPED_DEVICES = 'Ungrouped devices';

/** An app reads for its whole tenant; a user sees the groups of their role. */
export function deviceGroupScopeOf(caller: Caller, userDeviceGroups: UserDeviceGroups): DeviceGroupScope {
  const groups = caller.kind === 'user' && caller.objectId !== null ? userDeviceGroups(caller.objectId) : undefined;
  return groups === undefined ? { every: true } : { every: false, groups: new Set(groups) };
}

export function seesDeviceGroup(scope: DeviceGroupScope, deviceGroup: string): boolean {
  return scope.every || scope.groups.has(deviceGroup);
}

/** An action belongs to its device's group: Defender scopes machine actions through the machine. */
export function seesAction(scope: DeviceGroupScope, action: StoredAction, store: ActionsStore): boolean {
  if (scope.every) return true;
  const device = store.findDevice(textField(action.fields, 'machineId') ?? '');
  return seesDeviceGroup(scope, device?.deviceGroup ?? UNGROUPED_DEVICES);
}
