import * as v from 'valibot';
import { cloudNames, clouds, type CloudName } from './clouds';
import { customerNameKey, customerNameProblem } from '../lib/customer-name';
import { isGuid } from '../lib/guid';

/** One customer's tenant as `config.json`'s `tenants` lists it, checked. */
export interface TenantEntry {
  /** A tenant ID (GUID) or a verified domain, lower-cased: the key everything per tenant is kept under. */
  id: string;
  /** The customer's name as the analyst knows it. */
  name: string;
  /** Its own cloud, when it is not the deployment's. */
  cloud?: CloudName;
  /** Its own Defender API base (an https URL or a same-origin path), when it is not its cloud's. */
  apiBaseUrl?: string;
}

/** Microsoft's multitenant portal takes 50 tenants: an MSSP's list is no longer. */
export const maxTenants = 50;

const tenantDomain = /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i;

/** A tenant ID or a domain such as contoso.onmicrosoft.com. */
export function isTenantId(value: string): boolean {
  return isGuid(value) || tenantDomain.test(value);
}

const entrySchema = v.looseObject({
  id: v.optional(v.unknown()),
  name: v.optional(v.unknown()),
  cloud: v.optional(v.unknown()),
  apiBaseUrl: v.optional(v.unknown()),
});
const knownFields = new Set(['id', 'name', 'cloud', 'apiBaseUrl']);

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** How a reader of the list checks what only it knows: the app and the server each read it with their own rules. */
export interface TenantListRules {
  /** The same check the deployment's own `apiBaseUrl` gets: the value to use, or why it is refused. */
  checkApiBase: (value: string) => string | { message: string };
  /** The server compares each ID with a token's `tid`, which is a GUID: a domain will not do there. */
  guidsOnly?: boolean;
  /** The deployment's cloud: a customer in a cloud that signs in elsewhere gets no token from this sign-in. */
  homeCloud?: CloudName;
}

/**
 * Reads one entry: its problems, each a sentence that names the entry (by position and name), or the
 * entry.
 */
function readEntry(raw: unknown, position: number, rules: TenantListRules): TenantEntry | string[] {
  const parsed = v.safeParse(entrySchema, raw);
  if (!parsed.success) return [`entry ${position} must be an object such as { "id": "<the customer's tenant ID>", "name": "Contoso" }.`];
  const entry = parsed.output;
  const name = text(entry.name);
  const label = name && !customerNameProblem(name) ? `entry ${position} ("${name}")` : `entry ${position}`;
  const problems: string[] = [];
  for (const key of Object.keys(entry)) if (!knownFields.has(key)) problems.push(`${label} has an unknown field "${key}": an entry takes id, name, cloud and apiBaseUrl.`);
  const id = text(entry.id)?.toLowerCase();
  if (!id) problems.push(`${label} has no id: the customer's tenant ID (a GUID)${rules.guidsOnly ? '' : ' or its domain, such as fabrikam.onmicrosoft.com'}.`);
  else if (rules.guidsOnly && !isGuid(id)) problems.push(`${label}: "${id}" is not a tenant ID (a GUID): the server compares it with each token's tid, which is one.`);
  else if (!isTenantId(id)) problems.push(`${label}: "${id}" is neither a tenant ID (a GUID) nor a domain such as fabrikam.onmicrosoft.com.`);
  if (!name) problems.push(`${label} has no name: the customer's name as your analysts know it, such as "Fabrikam".`);
  else if (customerNameProblem(name)) problems.push(`${label}: the name ${customerNameProblem(name)}.`);
  const cloud = entry.cloud === undefined ? undefined : text(entry.cloud);
  if (entry.cloud !== undefined && !cloudNames.includes(cloud as CloudName)) problems.push(`${label}: cloud "${String(entry.cloud)}" is not one of ${cloudNames.join(', ')}.`);
  else if (cloud && rules.homeCloud && clouds[cloud as CloudName].loginHost !== clouds[rules.homeCloud].loginHost) {
    const where = new URL(clouds[cloud as CloudName].loginHost).host;
    problems.push(`${label}: cloud "${cloud}" signs in at ${where}, and a sign-in at ${new URL(clouds[rules.homeCloud].loginHost).host} gets no token there: watch it from a deployment in that cloud.`);
  }
  let apiBaseUrl: string | undefined;
  if (entry.apiBaseUrl !== undefined) {
    const given = text(entry.apiBaseUrl);
    const checked = given ? rules.checkApiBase(given) : { message: 'must be an https URL or a same-origin path.' };
    if (typeof checked === 'string') apiBaseUrl = checked;
    else problems.push(`${label}: apiBaseUrl ${checked.message}`);
  }
  if (problems.length > 0) return problems;
  return { id: id!, name: name!, ...(cloud ? { cloud: cloud as CloudName } : {}), ...(apiBaseUrl ? { apiBaseUrl } : {}) };
}

/**
 * The `tenants` setting: a list of `{ id, name }`, each optionally with its own `cloud` and `apiBaseUrl`.
 * Every bad entry is named, and so is a tenant or a name listed twice (two rows that say the same
 * customer would be two customers to the analyst).
 */
export function readTenantList(raw: unknown, rules: TenantListRules): { tenants: TenantEntry[] } | { problems: string[] } {
  let value = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      return { problems: ['is not a JSON list such as [{ "id": "<the customer\'s tenant ID>", "name": "Fabrikam" }].'] };
    }
  }
  if (!Array.isArray(value) || value.length === 0) return { problems: ['must be a non-empty list such as [{ "id": "<the customer\'s tenant ID>", "name": "Fabrikam" }].'] };
  if (value.length > maxTenants) return { problems: [`lists ${value.length} tenants: at most ${maxTenants}.`] };
  const problems: string[] = [];
  const tenants: TenantEntry[] = [];
  value.forEach((item, index) => {
    const read = readEntry(item, index + 1, rules);
    if (Array.isArray(read)) problems.push(...read);
    else tenants.push(read);
  });
  const seenIds = new Set<string>();
  const seenNames = new Set<string>();
  for (const tenant of tenants) {
    if (seenIds.has(tenant.id)) problems.push(`lists the tenant "${tenant.id}" twice.`);
    if (seenNames.has(customerNameKey(tenant.name))) problems.push(`lists the name "${tenant.name}" twice: each customer needs a name of its own.`);
    seenIds.add(tenant.id);
    seenNames.add(customerNameKey(tenant.name));
  }
  return problems.length > 0 ? { problems } : { tenants };
}
