/**
 * `npm run samskab -- invite <e-mail> --role admin|coordinator [--name <navn>]
 * [--activity <id> …] [--tenant <id>]`: an invitation to the workplace,
 * printed as a link (valid 72 hours, once) instead of mailed, so the first
 * admin of a new server, or of a municipality on a shared one, can get in.
 */
import { parseArgs } from 'node:util';
import { openActivityStore } from '../activities/store.js';
import { openDatabase } from '../database.js';
import { openTenantRegistry } from '../tenants/registry.js';
import { tenantStorage } from '../tenants/storage.js';
import { openAccounts } from './accounts.js';

export const INVITE_HELP = `  npm run samskab -- invite <e-mail> --role admin|coordinator [--name <navn>] [--activity <id> …] [--tenant <id>]
                                      invitation til arbejdspladsen (link, 72 timer)
                                      an invitation to the workplace (a link, 72 hours)`;

export interface InviteCommandInput {
  args: string[];
  dbPath: string;
  /** Where links point: SAMSKAB_PUBLIC_URL, else the server on this machine. */
  origin: string;
  say: (da: string, en: string) => void;
  complain: (da: string, en: string) => void;
  print: (text: string) => void;
  now: () => Date;
}

const EMAIL = /^[^@\s<>"]+@[^@\s<>"]+\.[^@\s<>"]+$/;

export async function inviteCommand(input: InviteCommandInput): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  const parse = () =>
    parseArgs({
      args: input.args,
      allowPositionals: true,
      options: {
        role: { type: 'string' },
        name: { type: 'string' },
        activity: { type: 'string', multiple: true },
        tenant: { type: 'string' },
      },
    });
  try {
    parsed = parse();
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    input.complain(`Forkert brug: ${why}`, `Wrong usage: ${why}`);
    return 2;
  }
  const [email, ...extra] = parsed.positionals;
  const role = parsed.values.role;
  if (!email || extra.length > 0 || !EMAIL.test(email) || email.length > 254) {
    input.complain(
      'Skriv én e-mailadresse: npm run samskab -- invite navn@kommune.dk --role admin',
      'Give one e-mail address: npm run samskab -- invite name@kommune.dk --role admin',
    );
    return 2;
  }
  if (role !== 'admin' && role !== 'coordinator') {
    input.complain(
      '--role skal være admin eller coordinator.',
      '--role must be admin or coordinator.',
    );
    return 2;
  }
  const name = (parsed.values.name ?? '').trim();
  if (name.length > 120) {
    input.complain('--name er for langt (højst 120 tegn).', '--name is too long (120 at most).');
    return 2;
  }
  const home = await openDatabase(input.dbPath);
  let db = home;
  let origin = input.origin;
  try {
    const tenantId = parsed.values.tenant;
    if (tenantId !== undefined) {
      // A municipality on a shared deployment: its own database, and its own URL for the link.
      const tenant = (await (await openTenantRegistry(home)).list()).find((x) => x.id === tenantId);
      if (!tenant) {
        input.complain(
          `Ingen kommune med id ${tenantId} (se tenant list).`,
          `No municipality with id ${tenantId} (see tenant list).`,
        );
        return 2;
      }
      db = (await tenantStorage(home, input.dbPath).open(tenant.id, tenant.createdAt)).db;
      origin = tenant.publicUrl;
    }
    const activities = await openActivityStore(db);
    const wanted = parsed.values.activity ?? [];
    for (const id of wanted) {
      if (!(await activities.exists(id))) {
        input.complain(`Ingen aktivitet med id ${id}.`, `No activity with id ${id}.`);
        return 2;
      }
    }
    const accounts = await openAccounts(db);
    const token = await db.write((trx) =>
      accounts.invite(
        trx,
        { email, name, role, activities: wanted, by: 'samskab invite' },
        input.now(),
      ),
    );
    const url = new URL(`/leder/invitation/${token}`, origin).href;
    input.say(
      `Invitation til ${email} som ${role === 'admin' ? 'administrator' : 'koordinator'}; linket gælder i 72 timer og virker én gang:`,
      `Invitation for ${email} as ${role === 'admin' ? 'administrator' : 'coordinator'}; the link is valid for 72 hours and works once:`,
    );
    input.print(url);
    return 0;
  } finally {
    if (db !== home) await db.close();
    await home.close();
  }
}
