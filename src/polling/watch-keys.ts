import type { Guid } from '../lib/guid';

/** Where each watched action's record lives in the query cache; the poller writes, pages read. */
export const watchKeys = {
  all: ['action-watch'] as const,
  detail: (id: Guid) => [...watchKeys.all, id] as const,
};
