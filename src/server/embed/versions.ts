/**
 * Immutable, versioned bundle URLs with Subresource Integrity. The evergreen
 * `/samskab.js` follows every build; `/v/<version>/samskab.js` is one build,
 * for ever, so a site that pins it with `integrity` never breaks on an update.
 * Every build the server has served is kept beside the database, so an old
 * version still answers after the next deploy.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { LoadedFile } from '../http/static-file.js';
import { BUNDLE_FILE } from './bundle.js';
import type { BundleVersion } from './snippet.js';

/** Files of one build that a page may load: the loader, its chunks, the lazy files and maps. */
const SERVED = BUNDLE_FILE;

/** A file's bytes with a strong ETag of them. */
const loaded = (bytes: Uint8Array): LoadedFile => ({
  body: bytes,
  etag: `"${createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`,
});

/** A version's name: short, URL-safe, from the bundle's own bytes. */
const versionOf = (bytes: Uint8Array) =>
  createHash('sha256').update(bytes).digest('base64url').slice(0, 16);

export class BundleVersions {
  readonly #widgetsDir: string;
  readonly #archiveDir: string | undefined;
  #current: (BundleVersion & { stamp: string }) | undefined;

  /** `archiveDir` undefined: only the current build is served (an in-memory database). */
  constructor(widgetsDir: string, archiveDir: string | undefined) {
    this.#widgetsDir = widgetsDir;
    this.#archiveDir = archiveDir;
  }

  /** The current build's version and SRI hash (archiving it on first sight); none before a build. */
  async current(): Promise<BundleVersion | undefined> {
    const path = join(this.#widgetsDir, 'samskab.js');
    const info = await stat(path).catch(() => undefined);
    if (!info) return undefined;
    const stamp = `${info.size}:${info.mtimeMs}`;
    if (this.#current?.stamp !== stamp) {
      const bytes = await readFile(path);
      const version = versionOf(bytes);
      const integrity = `sha384-${createHash('sha384').update(bytes).digest('base64')}`;
      await this.#archive(version);
      this.#current = { version, integrity, stamp };
    }
    return { version: this.#current.version, integrity: this.#current.integrity };
  }

  /** One file of a version, or undefined when that version or file is unknown. */
  async file(version: string, name: string): Promise<LoadedFile | undefined> {
    if (!/^[\w-]{16}$/.test(version) || !SERVED.test(name)) return undefined;
    const current = await this.current();
    if (this.#archiveDir) {
      const archived = await readFile(join(this.#archiveDir, version, name)).catch(() => undefined);
      if (archived) return loaded(archived);
    }
    if (current?.version === version) {
      const bytes = await readFile(join(this.#widgetsDir, name)).catch(() => undefined);
      return bytes && loaded(bytes);
    }
    return undefined;
  }

  /**
   * A file of whichever archived build has it: for chunk names, which hold a
   * hash of their bytes, so every build that has one has the same bytes.
   */
  async archived(name: string): Promise<LoadedFile | undefined> {
    if (!this.#archiveDir || !SERVED.test(name)) return undefined;
    const builds = await readdir(this.#archiveDir).catch(() => [] as string[]);
    for (const build of builds.filter((b) => /^[\w-]{16}$/.test(b))) {
      const bytes = await readFile(join(this.#archiveDir, build, name)).catch(() => undefined);
      if (bytes) return loaded(bytes);
    }
    return undefined;
  }

  async #archive(version: string) {
    if (!this.#archiveDir) return;
    const target = join(this.#archiveDir, version);
    if (await stat(target).catch(() => undefined)) return;
    // Written aside, then renamed: a crash never leaves half a version behind.
    const partial = `${target}.partial-${process.pid}`;
    await rm(partial, { recursive: true, force: true });
    await mkdir(partial, { recursive: true });
    for (const name of await readdir(this.#widgetsDir)) {
      if (SERVED.test(name)) {
        await writeFile(join(partial, name), await readFile(join(this.#widgetsDir, name)));
      }
    }
    await rename(partial, target).catch(async (error: NodeJS.ErrnoException) => {
      // Another server process archived the same build first: theirs is as good.
      await rm(partial, { recursive: true, force: true });
      if (error.code !== 'ENOTEMPTY' && error.code !== 'EEXIST') throw error;
    });
  }
}
