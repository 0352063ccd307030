import { describe, expect, it } from 'vitest';
import { nextStepsAfterFailure } from './next-steps';

describe('nextStepsAfterFailure', () => {
  it('says what to check for each documented type', () => {
    expect(nextStepsAfterFailure('Isolate', 'Failed')).toMatch(/online and onboarded/);
    expect(nextStepsAfterFailure('RunAntiVirusScan', 'Failed')).toMatch(/active antivirus/);
    expect(nextStepsAfterFailure('Live Response', 'Failed')).toMatch(/live response is turned on/);
  });

  it('says a timed-out action ran out of time first', () => {
    expect(nextStepsAfterFailure('CollectInvestigationPackage', 'TimeOut')).toMatch(/^The device did not finish in time\. .*disk space/);
  });

  it('follows the device’s error where it says more than the type: a policy block is not retried blindly', () => {
    expect(nextStepsAfterFailure('Isolate', 'Failed', -2147024891)).toMatch(/another security product, tamper protection or a policy/);
    expect(nextStepsAfterFailure('CollectInvestigationPackage', 'Failed', -2147024784)).toMatch(/Free disk space/);
    expect(nextStepsAfterFailure('Isolate', 'Failed', -2147467259)).toMatch(/online and onboarded/); // E_FAIL says nothing more
  });

  it('falls back to the portal for a type it does not know, named as Defender wrote it', () => {
    expect(nextStepsAfterFailure('ContainDevice', 'Failed')).toBe('Check the device in the portal, then try the ContainDevice action again there.');
  });
});
