import { describe, expect, it } from 'vitest';
import { actionTypeWords, describeActionType, isDocumentedType } from './action-type-words';

describe('action types in the portal’s words', () => {
  it.each([
    ['Isolate', 'Isolate device'],
    ['Unisolate', 'Release from isolation'],
    ['RunAntiVirusScan', 'Run antivirus scan'],
    ['CollectInvestigationPackage', 'Collect investigation package'],
    ['StopAndQuarantineFile', 'Stop and quarantine file'],
    ['RestrictCodeExecution', 'Restrict app execution'],
    ['UnrestrictCodeExecution', 'Remove app restriction'],
    ['LiveResponse', 'Live response'],
    ['Live Response', 'Live response'],
    ['Offboard', 'Offboard device'],
  ])('%s reads as %j', (type, words) => {
    expect(actionTypeWords(type)).toBe(words);
    expect(isDocumentedType(type)).toBe(true);
  });

  it('shows an unknown type as Defender wrote it', () => {
    expect(actionTypeWords('ContainDevice')).toBe('ContainDevice');
    expect(isDocumentedType('ContainDevice')).toBe(false);
    expect(actionTypeWords('<b>x</b>')).toBe('<b>x</b>');
  });

  it('adds the scope', () => {
    expect(describeActionType('RunAntiVirusScan', 'Quick')).toBe('Run antivirus scan (Quick)');
    expect(describeActionType('Isolate', null)).toBe('Isolate device');
  });
});
