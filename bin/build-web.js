#!/usr/bin/env node
// Builds the web app when web/dist is missing or older than its sources (web/, contract/).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'web', 'dist', 'index.html');

/** @param {string} dir @returns {number} the newest modification time under dir */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

/** @returns {boolean} whether web/dist is missing or older than the sources */
export function isWebStale() {
  if (!existsSync(built)) return true;
  const sources = Math.max(newest(join(root, 'web')), newest(join(root, 'contract')));
  return sources > statSync(built).mtimeMs;
}

/** Runs `vite build` when needed; throws when the build fails. */
export function ensureWebBuilt({ force = false } = {}) {
  if (!force && !isWebStale()) return false;
  const pkg = createRequire(import.meta.url).resolve('vite/package.json');
  const vite = join(dirname(pkg), 'bin', 'vite.js');
  console.log('Building the web app…');
  const result = spawnSync(
    process.execPath,
    [vite, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
    // Always a production bundle, also when a test runner (NODE_ENV=test) asked for it:
    // otherwise React's development build, with source paths, would be served afterwards.
    { cwd: root, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
  );
  if (result.status !== 0) throw new Error(`vite build failed with status ${result.status}`);
  return true;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    ensureWebBuilt({ force: process.argv.includes('--force') });
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
