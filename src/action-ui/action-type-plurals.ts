import { historyKey, historyKindOf, type HistoryKind } from '../../core/polling/history/duration-history';

// Many actions of one kind, in words an analyst would say: "isolations", not "Isolate device actions".
// Keyed by historyKey, so a full scan and a quick one, or a selective isolation, each have their own words.
// Beside action-type-words.ts (the portal's words for one action), which another change owns.
const plurals = new Map<string, string>([
  ['isolate', 'isolations'],
  ['isolate/full', 'isolations'],
  ['isolate/selective', 'selective isolations'],
  ['unisolate', 'releases from isolation'],
  ['runantivirusscan', 'antivirus scans'],
  ['runantivirusscan/quick', 'quick antivirus scans'],
  ['runantivirusscan/full', 'full antivirus scans'],
  ['collectinvestigationpackage', 'investigation packages'],
  ['stopandquarantinefile', 'file quarantines'],
  ['restrictcodeexecution', 'app restrictions'],
  ['unrestrictcodeexecution', 'removals of app restriction'],
  ['liveresponse', 'live response sessions'],
  ['offboard', 'offboardings'],
]);

/**
 * "isolations", "quick antivirus scans". A scope the words do not know is shown as Defender wrote it
 * ("isolations (UnManagedDevice)"); an unknown type too ("Foo actions").
 */
export function actionTypePlural(kind: HistoryKind): string {
  const normal = historyKindOf(kind);
  const known = plurals.get(historyKey(normal));
  if (known !== undefined) return known;
  const ofType = plurals.get(historyKey({ type: normal.type, scope: null }));
  if (ofType !== undefined) return `${ofType} (${normal.scope ?? ''})`;
  return `${normal.type} actions`;
}
