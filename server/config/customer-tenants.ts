import * as v from 'valibot';
import { cloudNames } from '../../core/defender/clouds';
import { customerNameKey, customerNameProblem } from '../../core/lib/customer-name';
import { guid, text, tokenSafeOrigin } from '../../relay/config/env-variables';

/**
 * The customers' tenants an MSSP's analysts watch (`TENANTS`, the app's `tenants` setting as JSON). The
 * server passes an analyst's token on only for these tenants and its own, so each entry's id must be the
 * tenant ID (a GUID), which is what a token's `tid` says; the app alone also takes a domain.
 */
export interface CustomerTenant {
  id: string;
  name: string;
  cloud?: (typeof cloudNames)[number];
  /** The customer's own Defender origin for direct calls, or this server's path (`/defender-api`). */
  apiBaseUrl?: string;
}

/** Microsoft's multitenant portal takes 50 tenants: an MSSP's list is no longer. */
const maxTenants = 50;

const entry = v.strictObject(
  {
    id: guid,
    name: v.pipe(
      text,
      v.rawCheck(({ dataset, addIssue }) => {
        const problem = dataset.typed ? customerNameProblem(dataset.value) : undefined;
        if (problem) addIssue({ message: `names a customer that ${problem}` });
      }),
    ),
    cloud: v.optional(v.picklist(cloudNames, `names a cloud other than ${cloudNames.join(', ')}`)),
    apiBaseUrl: v.optional(v.union([v.literal('/defender-api'), tokenSafeOrigin], 'must be /defender-api or an https origin')),
  },
  'takes id, name, cloud and apiBaseUrl only',
);

function unique(tenants: CustomerTenant[]): boolean {
  return new Set(tenants.map((tenant) => tenant.id)).size === tenants.length && new Set(tenants.map((tenant) => customerNameKey(tenant.name))).size === tenants.length;
}

/** `TENANTS`: the JSON text of a list of `{ "id": "<tenant GUID>", "name": "Fabrikam" }`. */
export const customerTenants = v.pipe(
  text,
  v.rawTransform(({ dataset, addIssue, NEVER }) => {
    try {
      return JSON.parse(dataset.value) as unknown;
    } catch {
      addIssue({ message: 'is not JSON: a list such as [{"id":"<tenant GUID>","name":"Fabrikam"}]' });
      return NEVER;
    }
  }),
  v.array(entry, 'must be a JSON list such as [{"id":"<tenant GUID>","name":"Fabrikam"}]'),
  v.minLength(1, 'must list at least one tenant'),
  v.maxLength(maxTenants, `lists at most ${maxTenants} tenants`),
  v.check(unique, 'lists a tenant or a name twice'),
);
