import { actionId, type Device, type StoredAction } from './machine-action.ts';

/** In-memory machine actions and the devices they run on. Ids are GUIDs, matched case-insensitively. */
export interface ActionsStore {
  reset(actions: readonly StoredAction[], devices: readonly Device[]): void;
  all(): StoredAction[];
  find(id: string): StoredAction | undefined;
  save(action: StoredAction): void;
  /** Starts `first-read` timelines; returns the action as updated. */
  markRead(id: string, nowMs: number): StoredAction | undefined;
  findDevice(machineId: string): Device | undefined;
  addDevice(device: Device): void;
}

export function createActionsStore(): ActionsStore {
  const actions = new Map<string, StoredAction>();
  const devices = new Map<string, Device>();
  const key = (id: string) => id.toLowerCase();

  const store: ActionsStore = {
    reset(seededActions, seededDevices) {
      actions.clear();
      devices.clear();
      seededDevices.forEach(store.addDevice);
      seededActions.forEach(store.save);
    },
    all: () => [...actions.values()],
    find: (id) => actions.get(key(id)),
    save(action) {
      actions.set(key(actionId(action)), action);
    },
    markRead(id, nowMs) {
      const action = actions.get(key(id));
      if (action === undefined || action.firstReadAtMs !== null) return action;
      const read = { ...action, firstReadAtMs: nowMs };
      actions.set(key(id), read);
      return read;
    },
    findDevice: (machineId) => devices.get(key(machineId)),
    addDevice(device) {
      if (!devices.has(key(device.machineId))) devices.set(key(device.machineId), device);
    },
  };
  return store;
}
