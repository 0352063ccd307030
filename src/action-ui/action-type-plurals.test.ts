import { describe, expect, it } from 'vitest';
import { actionTypePlural } from './action-type-plurals';

describe('actionTypePlural', () => {
  it.each([
    ['Isolate', 'Full', 'isolations'],
    ['Isolate', 'Selective', 'selective isolations'],
    ['Isolate', null, 'isolations'],
    ['RunAntiVirusScan', 'Quick', 'quick antivirus scans'],
    ['RunAntiVirusScan', 'Full', 'full antivirus scans'],
    ['CollectInvestigationPackage', null, 'investigation packages'],
    ['CollectInvestigationPackage', 'Full', 'investigation packages'],
    ['Live Response', null, 'live response sessions'],
    ['Unisolate', null, 'releases from isolation'],
  ])('%s (%s) reads as %j', (type, scope, words) => {
    expect(actionTypePlural({ type, scope })).toBe(words);
  });

  it('shows an unknown scope or type as Defender wrote it', () => {
    expect(actionTypePlural({ type: 'Isolate', scope: 'UnManagedDevice' })).toBe('isolations (UnManagedDevice)');
    expect(actionTypePlural({ type: 'ContainDevice', scope: null })).toBe('ContainDevice actions');
  });
});
