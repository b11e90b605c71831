// The five STS actions. Each takes the authenticated caller and the request parameters, applies STS's rules in
// the order AWS does (syntax, then identity policy, then trust and limits) and returns the Result elements.
import type { StsAction } from './demo.js';
import type { Caller } from './principals.js';
import { StsError } from './sts-errors.js';
import type { XmlElements } from './xml.js';

export interface ActionContext {
  readonly caller: Caller;
  readonly params: URLSearchParams;
  /** Emulator-clock milliseconds. */
  readonly now: number;
  readonly region: string;
}

export type ActionHandler = (context: ActionContext) => XmlElements;

function getCallerIdentity({ caller }: ActionContext): XmlElements {
  return { Arn: caller.identity.arn, UserId: caller.identity.userId, Account: caller.identity.accountId };
}

const handlers: Partial<Record<StsAction, ActionHandler>> = {
  GetCallerIdentity: getCallerIdentity,
};

export function findActionHandler(action: string): ActionHandler | undefined {
  return Object.hasOwn(handlers, action) ? handlers[action as StsAction] : undefined;
}

export function createInvalidAction(action: string, version: string): StsError {
  return new StsError(400, 'InvalidAction', `Could not find operation ${action} for version ${version}`);
}
