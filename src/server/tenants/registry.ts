/**
 * The municipalities one deployment serves (`npm run samskab -- tenant …`),
 * kept in the server's own database so every instance reads the same list. A
 * tenant is its host names, the origins allowed to embed its widgets, its own
 * admin token (kept only as a hash), retention and texts; its data lives apart
 * (see storage.ts). No tenants: the server serves its one default tenant.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { newAdminToken } from '../admin-token.js';
import { type Db, migrate, portable, type Queries } from '../database.js';

/** A municipality the deployment serves. */
export interface Tenant {
  id: string;
  /** Shown in page titles and the privacy texts, e.g. "Aarhus Kommune"; '' for none. */
  name: string;
  /** Host names the tenant answers on (lower case, no port). */
  hosts: string[];
  /** Pages that may embed its widgets and call its public API. */
  origins: string[];
  /** The origin its links start with (for `SAMSKAB_PUBLIC_URL`'s part). */
  publicUrl: string;
  /** Months until personal data is erased; undefined: the server's `SAMSKAB_RETENTION_MONTHS`. */
  retentionMonths: number | undefined;
  /** Who runs the server for the municipality, for the privacy text; '' for unsaid. */
  processor: string;
  /** SHA-256 (hex) of the tenant's admin token; the token itself is shown once. */
  tokenSha256: string;
  createdAt: string;
}

/** A tenant id: lower-case letters, digits and single hyphens (`ringkoebing-skjern`). */
export const TenantId = z
  .string()
  .max(30, 'højst 30 tegn / at most 30 characters')
  .regex(
    /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/,
    'små bogstaver a–z, tal og enkelte bindestreger, begyndende med et bogstav / lower-case a–z, digits and single hyphens, starting with a letter',
  );

const HostName = z
  .string()
  .trim()
  .toLowerCase()
  .transform((host) => host.replace(/\.$/, ''))
  .refine(
    (host) => {
      if (!/^[a-z0-9.-]+$/.test(host) || host.length > 253) return false;
      try {
        return new URL(`http://${host}`).hostname === host;
      } catch {
        return false;
      }
    },
    { message: 'et værtsnavn uden port, fx aarhus.samskab.dk / a host name without port' },
  );

const Origin = z.string().refine(
  (value) => {
    try {
      const url = new URL(value);
      return (
        (url.protocol === 'http:' || url.protocol === 'https:') &&
        url.origin === value.replace(/\/$/, '')
      );
    } catch {
      return false;
    }
  },
  { message: 'en origin, fx https://www.aarhus.dk, uden sti / an origin without a path' },
);
const asOrigin = (value: string) => new URL(value).origin;

/** What `tenant add` is given, checked before anything is stored. */
export const TenantInput = z
  .object({
    id: TenantId,
    hosts: z.array(HostName).min(1, 'mindst én --host / at least one --host').max(20),
    origins: z.array(Origin.transform(asOrigin)).max(50),
    publicUrl: Origin.transform(asOrigin).optional(),
    name: z.string().trim().max(100).default(''),
    processor: z.string().trim().max(200).default(''),
    retentionMonths: z.number().int().min(1).max(120).optional(),
  })
  .transform((input) => ({
    ...input,
    hosts: [...new Set(input.hosts)],
    origins: [...new Set(input.origins)],
    publicUrl: input.publicUrl ?? `https://${input.hosts[0]}`,
  }))
  .refine((input) => input.hosts.includes(new URL(input.publicUrl).hostname), {
    message:
      '--url skal bruge en af tenantens værtsnavne / --url must use one of the tenant’s host names',
    path: ['publicUrl'],
  });
export type TenantInput = z.input<typeof TenantInput>;

/** The hex SHA-256 of an admin token, as the registry keeps it. */
export const tokenSha256 = (token: string) =>
  createHash('sha256').update(token, 'utf8').digest('hex');

const STEPS = [
  portable(`
  CREATE TABLE tenants (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    public_url TEXT NOT NULL,
    origins TEXT NOT NULL,
    retention_months INTEGER,
    processor TEXT NOT NULL,
    token_sha256 TEXT NOT NULL,
    created_at TEXT NOT NULL
  ) STRICT;
  CREATE TABLE tenant_hosts (
    host TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL REFERENCES tenants (id) ON DELETE CASCADE
  ) STRICT;
  CREATE INDEX tenant_hosts_by_tenant ON tenant_hosts (tenant_id);
  `),
];

type Tables = {
  tenants: {
    id: string;
    name: string;
    public_url: string;
    origins: string;
    retention_months: number | null;
    processor: string;
    token_sha256: string;
    created_at: string;
  };
  tenant_hosts: { host: string; tenant_id: string };
};

/** Why `add` stored nothing. */
export type AddRefusal =
  | { kind: 'exists' }
  | { kind: 'host-taken'; host: string; tenantId: string };

/** The registry over the server's own database (`home`). */
export async function openTenantRegistry(home: Db) {
  await migrate(home, 'tenants', STEPS);
  const q = home.kysely.withTables<Tables>();

  const list = async (): Promise<Tenant[]> => {
    const [rows, hosts] = await Promise.all([
      q.selectFrom('tenants').selectAll().orderBy('id').execute(),
      q.selectFrom('tenant_hosts').selectAll().orderBy('host').execute(),
    ]);
    return rows.map((row) => ({
      id: row.id,
      name: row.name,
      hosts: hosts.filter((h) => h.tenant_id === row.id).map((h) => h.host),
      origins: JSON.parse(row.origins) as string[],
      publicUrl: row.public_url,
      retentionMonths: row.retention_months === null ? undefined : Number(row.retention_months),
      processor: row.processor,
      tokenSha256: row.token_sha256,
      createdAt: row.created_at,
    }));
  };

  return {
    list,

    /**
     * Stores a checked tenant with a new admin token, and runs `prepare` (the
     * tenant's storage) in the same transaction; gives the token once.
     */
    async add(
      input: z.output<typeof TenantInput>,
      now: Date,
      prepare: (trx: Queries) => Promise<void>,
    ): Promise<{ kind: 'added'; tenant: Tenant; token: string } | AddRefusal> {
      const token = newAdminToken();
      return home.write(async (trx) => {
        const t = trx.withTables<Tables>();
        const existing = await t
          .selectFrom('tenants')
          .select('id')
          .where('id', '=', input.id)
          .executeTakeFirst();
        if (existing) return { kind: 'exists' } as const;
        const taken = await t
          .selectFrom('tenant_hosts')
          .selectAll()
          .where('host', 'in', input.hosts)
          .executeTakeFirst();
        if (taken) return { kind: 'host-taken', host: taken.host, tenantId: taken.tenant_id };
        const row = {
          id: input.id,
          name: input.name,
          public_url: input.publicUrl,
          origins: JSON.stringify(input.origins),
          retention_months: input.retentionMonths ?? null,
          processor: input.processor,
          token_sha256: tokenSha256(token),
          created_at: now.toISOString(),
        };
        await t.insertInto('tenants').values(row).execute();
        await t
          .insertInto('tenant_hosts')
          .values(input.hosts.map((host) => ({ host, tenant_id: input.id })))
          .execute();
        await prepare(trx);
        const tenant: Tenant = {
          id: input.id,
          name: input.name,
          hosts: [...input.hosts].sort(),
          origins: input.origins,
          publicUrl: input.publicUrl,
          retentionMonths: input.retentionMonths,
          processor: input.processor,
          tokenSha256: row.token_sha256,
          createdAt: row.created_at,
        };
        return { kind: 'added', tenant, token };
      });
    },

    /** Takes a tenant off the list (its hosts go with it); false if there was none. */
    async remove(id: string): Promise<boolean> {
      return home.write(async (trx) => {
        const t = trx.withTables<Tables>();
        await t.deleteFrom('tenant_hosts').where('tenant_id', '=', id).execute();
        const result = await t.deleteFrom('tenants').where('id', '=', id).executeTakeFirst();
        return Number(result.numDeletedRows) > 0;
      });
    },

    /** Gives a tenant a new admin token, which replaces the old at once; undefined if none. */
    async newToken(id: string): Promise<string | undefined> {
      const token = newAdminToken();
      const result = await q
        .updateTable('tenants')
        .set({ token_sha256: tokenSha256(token) })
        .where('id', '=', id)
        .executeTakeFirst();
      return Number(result.numUpdatedRows) > 0 ? token : undefined;
    },
  };
}

export type TenantRegistry = Awaited<ReturnType<typeof openTenantRegistry>>;
