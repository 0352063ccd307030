import { actionTypeWords } from './action-type-words';

// What the analyst can do when an action of each type failed or timed out. Keyed as the type words are.
const steps = new Map<string, string>([
  ['isolate', 'Check in the portal that the device is online and onboarded (its last seen time), then isolate it again from the device page.'],
  ['unisolate', 'Check in the portal that the device is online, then release it from isolation again from the device page.'],
  ['runantivirusscan', 'Check that Microsoft Defender Antivirus is the active antivirus on the device (not in passive mode behind another product), then run the scan again from the device page.'],
  ['collectinvestigationpackage', 'Check that the device is online and has free disk space, then collect the package again from the device page.'],
  ['stopandquarantinefile', 'Check that the file is still on the device and not held by a protected process, then stop and quarantine it again from the file’s page.'],
  ['restrictcodeexecution', 'Check that Microsoft Defender Antivirus is active on the device, then restrict app execution again from the device page.'],
  ['unrestrictcodeexecution', 'Check that the device is online, then remove the app restriction again from the device page.'],
  ['liveresponse', 'Read the failed command’s errors below; check that live response is turned on in the portal’s advanced features and that the device is online, then start a new session.'],
  ['offboard', 'Check that the device is online, then offboard it again from the device page.'],
]);

/** What to try next for an action that failed or timed out; a generic step for an unknown type. */
export function nextStepsAfterFailure(type: string, status: 'Failed' | 'TimeOut'): string {
  const step = steps.get(type.toLowerCase().replace(/\s+/g, ''));
  if (step) return status === 'TimeOut' ? `The device did not finish in time. ${step}` : step;
  return `Check the device in the portal, then try the ${actionTypeWords(type)} action again there.`;
}
