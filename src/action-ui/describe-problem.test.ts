import { describe, expect, it } from 'vitest';
import type { DefenderProblem } from '../../core/defender/defender-problem';
import { describeProblem } from './describe-problem';

describe('describeProblem', () => {
  it("explains a 404 as true of both its causes: an unknown ID, or a device outside the analyst's device groups", () => {
    const view = describeProblem({ kind: 'not-found', target: 'corr-1' });
    expect(view.title).toBe('Not found, or not yours to see');
    expect(view.message).toBe(
      'Defender has no action with this ID that your account may see: it does not exist in this tenant, or it is on a device outside your device groups.',
    );
    expect(view.hint).toMatch(/Check the ID in the ticket/);
    expect(view.hint).toMatch(/ask your Defender admin for access to the device's group/);
    expect(view.hint).toMatch(/few seconds/);
    expect(view.brief).toBe("Check the ID, or ask for access to the device's group.");
    expect(view.remedy).toBe('check-again');
    expect(view.target).toBe('corr-1');
  });

  it('offers to sign in again when the session cannot be renewed', () => {
    expect(describeProblem({ kind: 'sign-in-required' }).remedy).toBe('sign-in');
  });

  it("names the Machine.Read permission and the 'View Data' role on 403", () => {
    const view = describeProblem({ kind: 'forbidden', code: 'Forbidden' });
    expect(view.hint).toContain('Machine.Read');
    expect(view.hint).toContain("'View Data'");
  });

  it('says how long a 429 pauses, and that the quota is shared', () => {
    const view = describeProblem({ kind: 'throttled', retryAfterMs: 42_000 });
    expect(view.message).toContain('42 s');
    expect(view.hint).toMatch(/shared by everyone using this app/);
    expect(describeProblem({ kind: 'throttled' }).message).toMatch(/growing pause/);
  });

  it.each<DefenderProblem>([
    { kind: 'server', status: 503, code: 'ServiceUnavailable' },
    { kind: 'network', message: 'Failed to fetch' },
    { kind: 'timeout', afterMs: 20_000 },
    { kind: 'malformed', detail: 'status: Invalid type', rawText: '{}' },
  ])('marks $kind as recovering by itself', (problem) => {
    const view = describeProblem(problem);
    expect(view.severity).toBe('warning');
    expect(view.remedy).toBe('none');
  });

  describe('a direct call the browser refuses (no CORS)', () => {
    const view = describeProblem({ kind: 'cross-origin', apiOrigin: 'https://api.securitycenter.microsoft.com', pageOrigin: 'https://watch.contoso.com' });

    it("says Defender answered but refuses this page's address, naming both", () => {
      expect(view.title).toBe('Defender refuses calls from this page');
      expect(view.message).toBe(
        "Defender answered, but it refuses calls from this page's address (https://watch.contoso.com) to https://api.securitycenter.microsoft.com, so the browser blocks them (cross-origin). Checking again every 5 min.",
      );
    });

    it("names the administrator's fix: the API under the app's own address, in apiBaseUrl", () => {
      expect(view.hint).toBe(
        "Only an administrator can fix this: serve the Defender API under this app's own address and set apiBaseUrl to that path, for example /defender-api (README, Deployment).",
      );
    });

    it('is not a network fault that mends itself, and offers the analyst nothing to click', () => {
      expect([view.severity, view.remedy]).toEqual(['error', 'none']);
      expect(view.title).not.toBe(describeProblem({ kind: 'network', message: 'Failed to fetch' }).title);
    });
  });

  it('shows what was wrong with a malformed answer', () => {
    expect(describeProblem({ kind: 'malformed', detail: 'status: Invalid type', rawText: '' }).message).toContain('status: Invalid type');
  });

  it("includes the API's message for a refused request", () => {
    expect(describeProblem({ kind: 'bad-request', status: 400, code: 'InvalidInput', message: 'Bad id' }).message).toContain('Bad id');
  });
});
