import { assertNever } from '../../drivers/result';
import type { PauseReason } from './types';

/**
 * What a whole-request failure from the host's platform client means for the outbox
 * (platform-api.md "Whole-request outcomes"). Codes the host sends: network, network-down,
 * server-error, rate-limited, unauthorized, bad-request, too-large, digest-mismatch,
 * invalid-response, not-enrolled. Anything else is treated as transient: retrying later is the
 * one answer that can neither lose nor double a transaction.
 */
export type FailureKind =
  /** maybe applied, maybe not: back off and resend the same bytes */
  | { kind: 'transient' }
  | { kind: 'pause'; reason: PauseReason }
  /** the request is malformed: never resend the same bytes in a tight loop */
  | { kind: 'bad-request' }
  | { kind: 'too-large' }
  /** the attachment's bytes do not hash to its name: no retry can fix it */
  | { kind: 'digest-mismatch' };

const HOST_CODES = [
  'network',
  'network-down',
  'server-error',
  'rate-limited',
  'invalid-response',
  'unauthorized',
  'not-enrolled',
  'bad-request',
  'too-large',
  'digest-mismatch',
] as const;
type HostCode = (typeof HOST_CODES)[number];

function isHostCode(code: string): code is HostCode {
  return (HOST_CODES as readonly string[]).includes(code);
}

export function classifyFailure(code: string): FailureKind {
  if (!isHostCode(code)) return { kind: 'transient' };
  switch (code) {
    case 'network':
    case 'network-down':
    case 'server-error':
    case 'rate-limited':
    case 'invalid-response':
      return { kind: 'transient' };
    case 'unauthorized':
      return { kind: 'pause', reason: 'unauthorized' };
    case 'not-enrolled':
      return { kind: 'pause', reason: 'not-enrolled' };
    case 'bad-request':
      return { kind: 'bad-request' };
    case 'too-large':
      return { kind: 'too-large' };
    case 'digest-mismatch':
      return { kind: 'digest-mismatch' };
    default:
      return assertNever(code, 'host error code');
  }
}
