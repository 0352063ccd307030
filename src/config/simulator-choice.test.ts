import { describe, expect, it } from 'vitest';
import { asksServerForSimulator, readSimulatorSetting } from './simulator-choice';

describe('readSimulatorSetting', () => {
  it.each([
    [undefined, 'unset'],
    ['', 'unset'],
    [' true ', 'asked'],
    ['False', 'refused'],
    ['yes', undefined],
    ['1', undefined],
  ])('reads %j as %s', (value, expected) => {
    expect(readSimulatorSetting(value)).toBe(expected);
  });
});

describe('asksServerForSimulator', () => {
  it('asks only with no tenant, unless the setting refuses the simulator', () => {
    expect(asksServerForSimulator({})).toBe(true);
    expect(asksServerForSimulator({ simulator: 'true' })).toBe(true);
    expect(asksServerForSimulator({ tenantId: 'contoso.onmicrosoft.com' })).toBe(false);
    expect(asksServerForSimulator({ simulator: 'false' })).toBe(false);
  });
});
