import type { Caller } from './bearer-auth.ts';
import { DefenderError } from './errors.ts';

/** A user's Defender role in one tenant (RBAC), which Defender keeps itself: no token carries it. */
export interface DefenderRole {
  /** The device groups the role covers; absent: every group. */
  readonly deviceGroups?: readonly string[];
}

/**
 * The user's role in the tenant, by Entra object id; undefined: none (a guest the customer gave no role).
 * The composition hands it in, from the demo accounts.
 */
export type UserRoles = (tenantId: string, userObjectId: string) => DefenderRole | undefined;

/** An app reads for its whole tenant, with the permissions its token's `roles` grant. */
const APP_ROLE: DefenderRole = {};

/**
 * The caller's role in the tenant of its token; a user without one gets Defender's 403 on every route,
 * whatever the token's `scp` says.
 */
export function requireRole(caller: Caller, userRoles: UserRoles, tenantName: string): DefenderRole {
  if (caller.kind === 'app') return APP_ROLE;
  const role = caller.objectId === null ? undefined : userRoles(caller.tenantId, caller.objectId);
  if (role !== undefined) return role;
  throw new DefenderError(
    403,
    'Forbidden',
    `The user ${caller.upn ?? caller.objectId ?? ''} has no Microsoft Defender for Endpoint role in ${tenantName}: ` +
      'an administrator of that tenant must assign one before its machine actions can be read.',
  );
}
