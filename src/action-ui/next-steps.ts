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

// Where the device's error says more than the type does: retrying what a policy blocked does not help.
const connectivity = 'The device could not reach the Defender service: check its network, proxy and firewall, then try again from the device page.';
const byError = new Map<number, string>([
  [0x80070005, 'Something on the device refused the action: look for another security product, tamper protection or a policy that blocks it (the device timeline in the portal shows it), and only then try again.'],
  [0x80070070, 'Free disk space on the device, then try again from the device page.'],
  [0x8007000e, 'The device ran out of memory: try again when it is less busy.'],
  [0x80072ee2, connectivity],
  [0x80072ee7, connectivity],
  [0x80072efd, connectivity],
  [0x80072f8f, 'Check the device’s clock and any proxy that inspects TLS, then try again from the device page.'],
]);

/**
 * What to try next for an action that failed or timed out: what its error code calls for where it says
 * more than the type does, otherwise the type's own step; a generic step for an unknown type.
 */
export function nextStepsAfterFailure(type: string, status: 'Failed' | 'TimeOut', hresult: number | null = null): string {
  const forError = hresult ? byError.get(hresult >>> 0) : undefined;
  if (forError) return forError;
  const step = steps.get(type.toLowerCase().replace(/\s+/g, ''));
  if (step) return status === 'TimeOut' ? `The device did not finish in time. ${step}` : step;
  return `Check the device in the portal, then try the ${actionTypeWords(type)} action again there.`;
}
