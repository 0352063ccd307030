import type { ActionsStore } from './actions-store.ts';
import type { DefenderRole } from './defender-roles.ts';
import { textField, type StoredAction } from './machine-action.ts';

/** What a caller may see: every device group, or only the ones listed. */
export type DeviceGroupScope = { readonly every: true } | { readonly every: false; readonly groups: ReadonlySet<string> };

/** Where a device that no seed or request placed in a group belongs, as in Defender. */
export const UNGROUPED_DEVICES = 'Ungrouped devices';

/** A user sees the groups of their role (defender-roles.ts); an app, and a role without groups, every one. */
export function deviceGroupScopeOf(role: DefenderRole): DeviceGroupScope {
  return role.deviceGroups === undefined ? { every: true } : { every: false, groups: new Set(role.deviceGroups) };
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
