import { isJsonObject, type JsonObject, type JsonValue } from '../http/json.ts';
import { DefenderError } from './errors.ts';

const ISOLATION_TYPES = ['Full', 'Selective', 'UnManagedDevice'] as const;
export type IsolationType = (typeof ISOLATION_TYPES)[number];

function invalidBody(message: string): DefenderError {
  return new DefenderError(400, 'InvalidRequestBody', message);
}

/** Parameter names are case-sensitive in Defender; a `comment` or `isolationType` is a client bug worth naming. */
function objectWith(body: JsonValue | undefined, allowed: readonly string[]): JsonObject {
  if (!isJsonObject(body)) throw invalidBody('The request body must be a JSON object.');
  const unknown = Object.keys(body).filter((key) => !allowed.includes(key));
  if (unknown.length > 0) {
    throw invalidBody(
      `Unknown parameter(s): ${unknown.join(', ')}. Expected: ${allowed.join(', ')} (names are case-sensitive).`,
    );
  }
  return body;
}

function comment(body: JsonObject): string {
  const value = body.Comment;
  if (typeof value !== 'string' || value.trim() === '') {
    throw invalidBody("'Comment' is required and must be a non-empty string.");
  }
  return value;
}

export function parseCommentBody(body: JsonValue | undefined): { comment: string } {
  return { comment: comment(objectWith(body, ['Comment'])) };
}

export function parseIsolateBody(body: JsonValue | undefined): { comment: string; isolationType: IsolationType } {
  const object = objectWith(body, ['Comment', 'IsolationType']);
  const isolationType = object.IsolationType ?? 'Full';
  const known = ISOLATION_TYPES.find((type) => type === isolationType);
  if (known === undefined) throw invalidBody(`'IsolationType' must be one of: ${ISOLATION_TYPES.join(', ')}.`);
  return { comment: comment(object), isolationType: known };
}
