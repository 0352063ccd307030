import * as v from 'valibot';
import type { CloudName } from '../../core/defender/clouds';
import { readTenantList, type TenantEntry } from '../../core/defender/tenant-list';
import { tokenSafeOrigin } from '../../relay/config/env-variables';

/**
 * The customers' tenants an MSSP's analysts watch (`TENANTS`, the app's `tenants` setting as JSON), read
 * with the app's own reader, entry by entry. The server passes an analyst's token on only for these tenants
 * and its own, so each entry's id must be the tenant ID (a GUID), which is what a token's `tid` says.
 */
export type CustomerTenant = TenantEntry;

/** This server's Defender path, or an https origin of the customer's own. */
function checkApiBase(value: string): string | { message: string } {
  if (value === '/defender-api') return value;
  const origin = v.safeParse(tokenSafeOrigin, value);
  return origin.success ? origin.output : { message: 'must be /defender-api or an https origin.' };
}

/** The list, or every problem with it, each naming its entry. */
export function readCustomerTenants(text: string, homeCloud: CloudName | undefined): { tenants: CustomerTenant[] } | { problems: string[] } {
  return readTenantList(text, { checkApiBase, guidsOnly: true, homeCloud });
}
