/**
 * The one gate every live command passes, whatever carried it (a console's
 * socket, an OSC message): the account's role must grant the command's
 * permission, the account's live command rate must allow it, and the payload
 * must pass the command's shared schema. Only then is it handed to the live
 * runtime, which applies the show's own safety (busks clamped to the flash
 * limit, GO lock-out).
 */
import { COMMAND_PERMISSION, parseCommand, type CommandAck, type CommandName, type CommandPayload } from '@crowdcue/protocol';
import type { PublicAccount } from '../accounts/account-store';
import { can } from '../accounts/roles';
import type { LiveCommandLimiter } from './live-command-limits';

export type GateRefusal = { ok: false; why: 'permission' | 'rate' | 'payload'; ack: Extract<CommandAck, { ok: false }> };
export type GateResult<K extends CommandName> = { ok: true; value: CommandPayload<K> } | GateRefusal;

export async function admitCommand<K extends CommandName>(limiter: LiveCommandLimiter, account: PublicAccount, name: K, payload: unknown): Promise<GateResult<K>> {
  const needed = COMMAND_PERMISSION[name];
  if (!can(account.role, needed)) return { ok: false, why: 'permission', ack: { ok: false, error: `a ${account.role} account may not ${name} (needs ${needed})` } };
  const tooFast = await limiter.refusal(account.id, name);
  if (tooFast) return { ok: false, why: 'rate', ack: { ok: false, error: tooFast } };
  const parsed = parseCommand(name, payload ?? {});
  if (!parsed.ok) return { ok: false, why: 'payload', ack: { ok: false, error: parsed.error, errors: parsed.errors } };
  return { ok: true, value: parsed.value };
}
