import type { DefenderProblem, TenantSearch } from '../../core/defender/defender-problem';
import { pollTimings } from '../../core/polling/pacing/next-poll-delay';

export interface ProblemView {
  title: string;
  message: string;
  hint?: string;
  /** error: the action cannot be watched until someone acts; warning: it will recover by itself. */
  severity: 'error' | 'warning';
  /** A line under the title where there is no room for the message (a board row), when the title alone leaves the analyst guessing. */
  brief?: string;
  /** The way out the page offers. */
  remedy: 'sign-in' | 'check-again' | 'none';
  /** Defender's correlation id: support asks for it. */
  target?: string;
}

function seconds(ms: number): string {
  const s = Math.ceil(ms / 1000);
  return s < 120 ? `${s} s` : `${Math.ceil(s / 60)} min`;
}

/** "Contoso, Fabrikam and Northwind": names as a sentence lists them. */
export function listOfNames(names: readonly string[], last = 'and'): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} ${last} ${names.at(-1)}`;
}

const unaskedWhy: Partial<Record<DefenderProblem['kind'], string>> = {
  forbidden: 'no Defender role',
  'sign-in-required': 'it asks you to sign in',
  throttled: 'its quota is spent for now',
  'cross-origin': 'its API refuses this page',
};

/** An ID that none of the analyst's tenants returned: where it was asked, and where it could not be. */
function notInAnyTenant(searched: TenantSearch, target: string | undefined): ProblemView {
  const parts = [`No action with this ID that your account may see in ${listOfNames(searched.notIn, 'or')}.`];
  for (const { tenant, kind } of searched.couldNotAsk) parts.push(`${tenant} could not be asked (${unaskedWhy[kind] ?? 'its check failed'}).`);
  if (searched.stillAsking.length > 0) parts.push(`Still asking ${listOfNames(searched.stillAsking)}.`);
  return {
    title: `Not found in ${listOfNames(searched.notIn, 'or')}`,
    message: parts.join(' '),
    hint: "Check the ID in the ticket. If the action is a customer's whose tenant is not listed, add the tenant to the app's settings (tenants); if it is on a device outside your device groups there, ask that customer's Defender admin.",
    brief: [
      `Not in ${listOfNames(searched.notIn, 'or')}.`,
      ...(searched.couldNotAsk.length > 0 ? [`Not asked: ${listOfNames(searched.couldNotAsk.map((each) => each.tenant))}.`] : []),
      ...(searched.stillAsking.length > 0 ? [`Still asking ${listOfNames(searched.stillAsking)}.`] : []),
    ].join(' '),
    severity: 'error',
    remedy: 'check-again',
    target,
  };
}

/** What the analyst is told for each way a check can fail. */
export function describeProblem(problem: DefenderProblem): ProblemView {
  switch (problem.kind) {
    case 'not-found':
      if (problem.searched) return notInAnyTenant(problem.searched, problem.target);
      // Defender answers 404 alike for an ID it does not know and for an action on a device outside the
      // analyst's device groups (RBAC): the words must be true of both, and name the way out of each.
      return {
        title: 'Not found, or not yours to see',
        message:
          'Defender has no action with this ID that your account may see: it does not exist in this tenant, or it is on a device outside your device groups.',
        hint: "Check the ID in the ticket, and that you signed in to the right tenant; if both are right, ask your Defender admin for access to the device's group. A new action can take a few seconds to appear.",
        brief: "Check the ID, or ask for access to the device's group.",
        severity: 'error',
        remedy: 'check-again',
        target: problem.target,
      };
    case 'sign-in-required':
      return {
        title: 'Sign in again',
        message: 'Your session has ended or was not accepted by Defender, and could not be renewed silently.',
        severity: 'error',
        remedy: 'sign-in',
        target: problem.target,
      };
    case 'forbidden':
      return {
        title: 'Access denied',
        message: 'Defender refused to show machine actions to this account.',
        hint: "The app registration needs the delegated WindowsDefenderATP permission Machine.Read (with admin consent), and your account needs a Defender role with the 'View Data' permission.",
        severity: 'error',
        remedy: 'none',
        target: problem.target,
      };
    case 'throttled':
      return {
        title: 'Defender asked us to slow down',
        message:
          problem.retryAfterMs !== undefined
            ? `Too many requests (HTTP 429). Defender asked for a pause of ${seconds(problem.retryAfterMs)}; checking resumes after it.`
            : 'Too many requests (HTTP 429). Checking again after a growing pause.',
        hint: 'The quota (100 calls a minute, 1,500 an hour) is shared by everyone using this app registration.',
        severity: 'warning',
        remedy: 'none',
        target: problem.target,
      };
    case 'server':
      return {
        title: 'Defender is having trouble',
        message: `Defender answered with an error (HTTP ${problem.status}${problem.code ? ` ${problem.code}` : ''}). Retrying with a growing pause.`,
        severity: 'warning',
        remedy: 'none',
        target: problem.target,
      };
    case 'network':
      return {
        title: 'Cannot reach Defender',
        message: 'The request did not get through (network, proxy or CORS). Retrying with a growing pause.',
        hint: problem.message,
        severity: 'warning',
        remedy: 'none',
      };
    case 'cross-origin':
      return {
        title: 'Defender refuses calls from this page',
        message: `Defender answered, but it refuses calls from this page's address (${problem.pageOrigin}) to ${problem.apiOrigin}, so the browser blocks them (cross-origin). Checking again every ${seconds(pollTimings.crossOriginRecheckMs)}.`,
        hint: "Only an administrator can fix this: serve the Defender API under this app's own address and set apiBaseUrl to that path, for example /defender-api (README, Deployment).",
        severity: 'error',
        remedy: 'none',
      };
    case 'timeout':
      return {
        title: 'Defender did not answer',
        message: `No answer within ${seconds(problem.afterMs)}; the request was abandoned. Retrying with a growing pause.`,
        severity: 'warning',
        remedy: 'none',
      };
    case 'malformed':
      return {
        title: 'Unreadable answer',
        message: `Defender's answer could not be read as a machine action: ${problem.detail}`,
        hint: 'The raw answer is below. A proxy in between may have replaced it.',
        severity: 'warning',
        remedy: 'none',
      };
    case 'bad-request':
      return {
        title: 'Request refused',
        message: `Defender refused the request (HTTP ${problem.status}${problem.code ? ` ${problem.code}` : ''})${problem.message ? `: ${problem.message}` : '.'}`,
        severity: 'error',
        remedy: 'check-again',
        target: problem.target,
      };
  }
}
