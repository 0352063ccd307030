import { NativeSelect } from '@mantine/core';
import type { TenantSettings } from '../../config/settings';

/** Which customer's rows the board shows: all of them, or one customer's (on a call with that customer, say). */
export function CustomerFilter({ tenants, value, onChange }: { tenants: readonly TenantSettings[]; value: string; onChange: (customer: string) => void }) {
  return (
    <NativeSelect
      label="Customer"
      maw={320}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data={[{ value: '', label: 'Every customer' }, ...tenants.map((tenant) => ({ value: tenant.name, label: tenant.name }))]}
    />
  );
}
