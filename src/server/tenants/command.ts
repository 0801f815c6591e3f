/**
 * `npm run samskab -- tenant add|list|remove|token`: the municipalities a
 * deployment serves, on the server's own database (`SAMSKAB_DB` or
 * `SAMSKAB_DATABASE_URL`). Running servers see a change within seconds.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../database.js';
import { openTenantRegistry, type Tenant, TenantId, TenantInput } from './registry.js';
import { tenantStorage } from './storage.js';

/** What the CLI gives a command (see cli.ts). */
export interface TenantCommandInput {
  args: string[];
  /** The server's own database: a file path or a `postgres://` URL. */
  dbPath: string;
  say: (da: string, en: string) => void;
  complain: (da: string, en: string) => void;
  /** A line as it is (a token, a table row, JSON). */
  print: (text: string) => void;
  /** A line as it is, on stderr (a problem already in both languages). */
  printError: (text: string) => void;
  now: () => Date;
}

/** The exit statuses this command uses (cli.ts's `EXIT`). */
const OK = 0;
const USAGE = 2;

export const TENANT_HELP = `  npm run samskab -- tenant add <id> --host <værtsnavn> [--host …] [--origins <o1,o2>]
        [--url <origin>] [--name <navn>] [--processor <navn>] [--retention-months <n>]
                                      ny kommune; skriver dens admin-token én gang
                                      a new municipality; prints its admin token once
  npm run samskab -- tenant list [--json]
                                      kommunerne på serveren / the municipalities served
  npm run samskab -- tenant remove <id> [--erase]
                                      stop med at betjene den; --erase sletter også dens data
                                      stop serving it; --erase also erases its data
  npm run samskab -- tenant token <id>
                                      nyt admin-token; det gamle virker ikke længere
                                      a new admin token; the old one stops working`;

/** Runs one `tenant …` command; returns the exit status. */
export async function tenantCommand(input: TenantCommandInput): Promise<number> {
  const [sub, ...rest] = input.args;
  const usage = () => {
    input.complain(
      'Brug: npm run samskab -- tenant add|list|remove|token … (se --help)',
      'Usage: npm run samskab -- tenant add|list|remove|token … (see --help)',
    );
    return USAGE;
  };
  let parsed: ReturnType<typeof parseTenantArgs>;
  try {
    parsed = parseTenantArgs(rest);
  } catch (error) {
    input.complain(
      `Ukendt eller ufuldstændigt valg: ${(error as Error).message}`,
      `Unknown or incomplete option: ${(error as Error).message}`,
    );
    return usage();
  }
  const { values, positionals } = parsed;
  if (sub === 'list' ? positionals.length !== 0 : positionals.length !== 1) return usage();
  const id = positionals[0] ?? '';
  if (sub !== 'list' && sub !== 'add' && !TenantId.safeParse(id).success) {
    input.complain(`Ugyldigt tenant-id: ${id}`, `Not a tenant id: ${id}`);
    return USAGE;
  }

  const home = await openDatabase(input.dbPath);
  try {
    const registry = await openTenantRegistry(home);
    const storage = tenantStorage(home, input.dbPath);
    switch (sub) {
      case 'add': {
        const check = TenantInput.safeParse({
          id,
          hosts: values.host.flatMap(splitList),
          origins: values.origins.flatMap(splitList),
          ...(values.url !== undefined && { publicUrl: values.url }),
          ...(values.name !== undefined && { name: values.name }),
          ...(values.processor !== undefined && { processor: values.processor }),
          ...(values['retention-months'] !== undefined && {
            retentionMonths: Number(values['retention-months']),
          }),
        });
        if (!check.success) {
          input.complain('Tenanten er ikke tilføjet:', 'The tenant was not added:');
          for (const issue of check.error.issues) {
            input.printError(`  - ${optionName(issue.path)}: ${issue.message}`);
          }
          return USAGE;
        }
        const before = (await registry.list()).length;
        const outcome = await registry.add(check.data, input.now(), (trx) =>
          storage.prepare(trx, check.data.id),
        );
        if (outcome.kind === 'exists') {
          input.complain(
            `Der er allerede en tenant med id ${id}. Intet er ændret.`,
            `There is already a tenant with id ${id}. Nothing was changed.`,
          );
          return USAGE;
        }
        if (outcome.kind === 'host-taken') {
          input.complain(
            `${outcome.host} bruges allerede af ${outcome.tenantId}. Intet er ændret.`,
            `${outcome.host} is already used by ${outcome.tenantId}. Nothing was changed.`,
          );
          return USAGE;
        }
        const { tenant, token } = outcome;
        input.say(
          `Tilføjet: ${tenant.id} på ${tenant.hosts.join(', ')}; data: ${await storage.location(tenant.id)}`,
          `Added: ${tenant.id} on ${tenant.hosts.join(', ')}; data: ${await storage.location(tenant.id)}`,
        );
        input.say(
          'Admin-token (vises kun denne ene gang; giv det videre ad en sikker vej):',
          'Admin token (shown this once only; pass it on by a safe route):',
        );
        input.print(token);
        input.say(
          `Kodestump til kommunens sider: <script type="module" src="${tenant.publicUrl}/samskab.js"></script>`,
          `Snippet for the municipality's pages: <script type="module" src="${tenant.publicUrl}/samskab.js"></script>`,
        );
        if (before === 0) {
          input.say(
            'Serveren betjener nu kun sine tenants: andre adresser får 404, og standarddatabasen bruges ikke længere til tilmeldinger.',
            'The server now serves only its tenants: other addresses get 404, and the default database no longer takes sign-ups.',
          );
        }
        return OK;
      }
      case 'list': {
        const tenants = await registry.list();
        if (values.json) {
          input.print(JSON.stringify(tenants.map(publicView), null, 2));
          return OK;
        }
        if (tenants.length === 0) {
          input.say(
            'Ingen tenants: serveren betjener én kommune med SAMSKAB_*-indstillingerne.',
            'No tenants: the server serves one municipality with the SAMSKAB_* settings.',
          );
          return OK;
        }
        for (const tenant of tenants) {
          input.print(
            [
              tenant.id,
              tenant.name || '–',
              tenant.hosts.join(','),
              tenant.origins.join(',') || '–',
              tenant.publicUrl,
              tenant.retentionMonths === undefined ? 'standard' : `${tenant.retentionMonths} mdr.`,
              await storage.location(tenant.id),
            ].join('\t'),
          );
        }
        return OK;
      }
      case 'remove': {
        const removed = await registry.remove(id);
        if (!removed && !values.erase) {
          input.complain(`Ingen tenant med id ${id}.`, `No tenant with id ${id}.`);
          return USAGE;
        }
        if (values.erase) {
          await storage.erase(id);
          input.say(
            `${id} betjenes ikke længere, og dens data er slettet.`,
            `${id} is no longer served, and its data is erased.`,
          );
        } else {
          const where = await storage.location(id);
          input.say(
            `${id} betjenes ikke længere (inden for få sekunder). Data er bevaret: ${where}. Tilføj samme id igen for at bruge dem, eller slet dem med --erase.`,
            `${id} is no longer served (within seconds). Its data is kept: ${where}. Add the same id again to use it, or erase it with --erase.`,
          );
        }
        return OK;
      }
      case 'token': {
        const token = await registry.newToken(id);
        if (!token) {
          input.complain(`Ingen tenant med id ${id}.`, `No tenant with id ${id}.`);
          return USAGE;
        }
        input.say(
          'Nyt admin-token (vises kun denne ene gang); det gamle virker ikke længere:',
          'New admin token (shown this once only); the old one no longer works:',
        );
        input.print(token);
        return OK;
      }
      default:
        return usage();
    }
  } finally {
    await home.close();
  }
}

function parseTenantArgs(args: string[]) {
  const parsed = parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: 'string', multiple: true, default: [] },
      origins: { type: 'string', multiple: true, default: [] },
      url: { type: 'string' },
      name: { type: 'string' },
      processor: { type: 'string' },
      'retention-months': { type: 'string' },
      erase: { type: 'boolean', default: false },
      json: { type: 'boolean', default: false },
    },
  });
  return parsed as typeof parsed & { values: { host: string[]; origins: string[] } };
}

const splitList = (value: string) =>
  value
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '');

const OPTION_OF: Record<string, string> = {
  id: '<id>',
  hosts: '--host',
  origins: '--origins',
  publicUrl: '--url',
  name: '--name',
  processor: '--processor',
  retentionMonths: '--retention-months',
};
const optionName = (path: readonly PropertyKey[]) =>
  [OPTION_OF[String(path[0])] ?? String(path[0]), ...path.slice(1).map(String)].join(' ');

/** A tenant as `list --json` shows it: everything but the token's hash. */
const publicView = ({ tokenSha256: _, ...tenant }: Tenant) => tenant;
