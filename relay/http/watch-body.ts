import * as v from 'valibot';
import { toGuid, type Guid } from '../../core/lib/guid';
import { HttpProblem } from './http-problem';

const bodySchema = v.object({ ids: v.array(v.string()) });

/** The longest an ID may be before it is even looked at: a GUID is 36 characters, with room for spaces. */
const maxIdLength = 64;

/**
 * The IDs of a PUT /v1/watch body, lower-cased and once each, or a 4xx that says what is wrong. IDs go into
 * Defender URLs, so each must be exactly a GUID: anything else (an OData fragment, say) is refused, not cleaned.
 */
export function watchedIds(body: unknown, maxIds: number): Guid[] {
  const parsed = v.safeParse(bodySchema, body);
  if (!parsed.success) throw new HttpProblem(400, 'InvalidRequestBody', 'Send { "ids": ["<action ID>", ...] } with each ID a string.');
  const raw = parsed.output.ids;
  if (raw.length > maxIds) throw new HttpProblem(413, 'TooManyIds', `At most ${maxIds} action IDs may be watched; this request has ${raw.length}.`);
  const ids = new Set<Guid>();
  raw.forEach((value, index) => {
    const id = value.length <= maxIdLength ? toGuid(value) : undefined;
    if (id === undefined) throw new HttpProblem(400, 'InvalidId', `ids[${index}] is not an action ID (a GUID like 5c3bc5a9-0b27-4f3a-9b35-2b1d7f3c6a10).`);
    ids.add(id);
  });
  return [...ids];
}
