/**
 * `crowdcue accounts reset-password NAME [--data DIR]`: the way back in when
 * the admin password is lost. It works on the data directory, offline: no
 * server, no login, only access to the files (which is what an operator at the
 * controller's machine has). Prints a new random password; the account's
 * sessions end.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { AccountError, AccountStore } from '../../accounts/account-store';
import { randomPassword } from '../../accounts/password';
import { DEFAULT_DATA_DIR } from '../../storage/data-dir';
import type { CliIO, CommandRun } from '../main';

const USAGE = `usage: crowdcue accounts reset-password NAME [--data DIR]

Sets a new random password for account NAME in the data directory and prints it;
the account's logins end. Run it while the controller is stopped (a running
controller keeps its own copy of the accounts and would write over the change).

  --data DIR   data directory (default ${DEFAULT_DATA_DIR})
  -h, --help   this text`;

export const run: CommandRun = async (argv, io: CliIO) => {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } }, allowPositionals: true });
  } catch (err) {
    io.err(`crowdcue accounts: ${err instanceof Error ? err.message : String(err)}\n${USAGE}`);
    return 2;
  }
  if (parsed.values.help) {
    io.out(USAGE);
    return 0;
  }
  const [action, name, ...extra] = parsed.positionals;
  if (action !== 'reset-password' || !name || extra.length > 0) {
    const what = action === undefined ? 'what to do' : action !== 'reset-password' ? `unknown action '${action}'` : !name ? 'NAME (the account)' : `unexpected '${extra.join(' ')}'`;
    io.err(`crowdcue accounts: missing or wrong: ${what}\n${USAGE}`);
    return 2;
  }
  const dataDir = resolve(parsed.values.data ?? DEFAULT_DATA_DIR);
  // Never create accounts here: a typo in --data must not make a fresh admin somewhere else.
  if (!existsSync(join(dataDir, 'accounts.json'))) {
    io.err(`crowdcue accounts: --data: no accounts in ${dataDir} (has the controller ever started there?)`);
    return 1;
  }
  const accounts = new AccountStore(dataDir);
  try {
    await accounts.init();
    const password = randomPassword();
    const account = await accounts.setPassword(name, password);
    io.out(`new password for ${account.username} (${account.role}): ${password}`);
    io.out('its logins have ended.');
    return 0;
  } catch (err) {
    io.err(`crowdcue accounts: ${err instanceof AccountError || err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
};
