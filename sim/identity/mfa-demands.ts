/**
 * Which tenants demand multi-factor authentication, and who has done it since: a Conditional Access
 * policy turned on for the test. A tenant that demands it refuses its tokens to each account until the
 * account approves a sign-in there interactively; a reset forgets it all.
 */
export interface MfaDemands {
  /** From now on the tenant demands MFA of every account, even of one that had done it before. */
  demand(tenantId: string): void;
  /** The tenant stops demanding it. */
  waive(tenantId: string): void;
  demands(tenantId: string): boolean;
  /** Whether the account still owes the tenant an interactive approval. */
  owes(tenantId: string, accountId: string): boolean;
  approve(tenantId: string, accountId: string): void;
  reset(): void;
}

export function createMfaDemands(): MfaDemands {
  /** The demanding tenants, each with the accounts that approved a sign-in since it began to demand. */
  const approvedBy = new Map<string, Set<string>>();
  return {
    demand(tenantId) {
      approvedBy.set(tenantId, new Set());
    },
    waive(tenantId) {
      approvedBy.delete(tenantId);
    },
    demands: (tenantId) => approvedBy.has(tenantId),
    owes: (tenantId, accountId) => approvedBy.get(tenantId)?.has(accountId) === false,
    approve(tenantId, accountId) {
      approvedBy.get(tenantId)?.add(accountId);
    },
    reset() {
      approvedBy.clear();
    },
  };
}
