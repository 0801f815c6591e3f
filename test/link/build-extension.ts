/**
 * Builds the extension for one browser into a directory of its own, with the
 * `SAMSKAB_SERVER_ORIGINS` of the environment it is started in:
 * `node --import tsx test/link/build-extension.ts <outDir> [chrome|firefox]`.
 * A child process, so each build reads wxt.config.ts with its own environment.
 */
import { build } from 'wxt';

const [outDir, browser = 'chrome'] = process.argv.slice(2);
if (!outDir) throw new Error('usage: build-extension.ts <outDir> [chrome|firefox]');
await build({ root: process.cwd(), outDir, browser });
