import type { JsonObject, JsonValue } from '../http/json.ts';
import { drawRun, profileFor, seededRandom, seedOf, timelineOf } from './duration-distributions.ts';
import { DefenderError } from './errors.ts';
import { textField } from './machine-action.ts';
import type { TimelineStep } from './timeline.ts';

function invalid(message: string): DefenderError {
  return new DefenderError(400, 'InvalidRequestBody', message);
}

/**
 * The timeline of an action created with `durations: "history"`: drawn from its type's profile, the one
 * the seeded history comes from, so the app's learnt pace meets actions that behave like the history.
 * Seeded by the action's id, so a test that names the id gets the same run every time. Cancellations are
 * left out: a cancel is someone's act (POST …/cancel), and a timeline could not say who cancelled.
 */
export function timelineFromHistory(durations: JsonValue, timeline: JsonValue | undefined, fields: JsonObject): TimelineStep[] {
  if (durations !== 'history') throw invalid("'durations' must be \"history\".");
  if (timeline !== undefined) throw invalid("Give either 'timeline' or 'durations', not both.");
  const type = textField(fields, 'type') ?? '';
  const profile = profileFor(type, textField(fields, 'scope'));
  if (profile === undefined) throw invalid(`No history of '${type}' actions to draw durations from.`);
  return timelineOf(drawRun({ ...profile, cancelledShare: 0 }, seededRandom(seedOf(textField(fields, 'id') ?? ''))));
}
