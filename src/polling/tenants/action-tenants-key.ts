/**
 * Where this browser keeps which tenant each action is in (action-tenants.ts). Its own module: sign-out's
 * list of what to forget needs the name, not the store, on the first load.
 */
export const actionTenantsStorageKey = 'machine-action-watch:action-tenants';
