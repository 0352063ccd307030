// The Defender portal's words for each documented action type. Keyed by the type in lower case without
// spaces, so that "Live Response" (with a space, seen in a 2021 answer) reads as LiveResponse.
const portalWords = new Map<string, string>([
  ['isolate', 'Isolate device'],
  ['unisolate', 'Release from isolation'],
  ['runantivirusscan', 'Run antivirus scan'],
  ['collectinvestigationpackage', 'Collect investigation package'],
  ['stopandquarantinefile', 'Stop and quarantine file'],
  ['restrictcodeexecution', 'Restrict app execution'],
  ['unrestrictcodeexecution', 'Remove app restriction'],
  ['liveresponse', 'Live response'],
  ['offboard', 'Offboard device'],
]);

const key = (type: string) => type.toLowerCase().replace(/\s+/g, '');

/** "Run antivirus scan" for RunAntiVirusScan; an unknown type is shown as Defender wrote it. */
export function actionTypeWords(type: string): string {
  return portalWords.get(key(type)) ?? type;
}

/** Whether the type is one the docs list (its words are the portal's, not Defender's identifier). */
export function isDocumentedType(type: string): boolean {
  return portalWords.has(key(type));
}

/** "Run antivirus scan (Quick)", "Isolate device (Selective)": the scope says which kind it was. */
export function describeActionType(type: string, scope: string | null): string {
  return scope ? `${actionTypeWords(type)} (${scope})` : actionTypeWords(type);
}
