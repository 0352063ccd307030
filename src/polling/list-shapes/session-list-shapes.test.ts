import { afterEach, describe, expect, it } from 'vitest';
import { firstListShape } from '../../../core/polling/list-shapes/list-shape';
import { sessionListShapeMemory } from './session-list-shapes';

afterEach(() => sessionStorage.clear());

describe('sessionListShapeMemory', () => {
  it('starts from `in`, learns from refusals and answers, and a reload of the tab remembers it', () => {
    const memory = sessionListShapeMemory('contoso');
    expect(memory.current()).toEqual(firstListShape);
    expect(memory.refused({ status: 400, shape: firstListShape, filterLength: 500 })).toEqual({ kind: 'or', maxFilterLength: 1_800, accepted: false });
    memory.succeeded('or');
    expect(sessionListShapeMemory('contoso').current()).toEqual({ kind: 'or', maxFilterLength: 1_800, accepted: true });
  });

  it("keeps each tenant's shape apart: one tenant's refusal says nothing of another's API", () => {
    sessionListShapeMemory('contoso').refused({ status: 400, shape: firstListShape, filterLength: 500 });
    expect(sessionListShapeMemory('fabrikam').current()).toEqual(firstListShape);
    expect(sessionListShapeMemory('contoso').current().kind).toBe('or');
  });

  it('starts over from `in` when what is stored is not a shape', () => {
    sessionStorage.setItem('machine-action-watch:list-shape:contoso', '{"kind":"telnet"');
    expect(sessionListShapeMemory('contoso').current()).toEqual(firstListShape);
  });
});
