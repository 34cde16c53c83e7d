// Two Node.js requirements, stated once. Developing, testing and browser mode run on the version in
// package.json's "engines" (Node 20.19 here). Packaging the desktop app runs Electron's own tooling
// (electron, @electron/get, @electron/rebuild, node-abi), which declares a newer Node: the warning
// npm prints on install ("EBADENGINE") is about those packages, used only by `npm run package`.
// The figure is read from the installed electron package, so it cannot drift from what npm checks.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The lowest version a semver range of the form ">= X.Y.Z" (or ">=X.Y.Z") admits, or null. */
export function lowestAdmitted(range) {
  const match = /^\s*>=\s*(\d+\.\d+\.\d+)\s*$/.exec(range ?? '');
  return match ? match[1] : null;
}

export function atLeast(version, minimum) {
  const a = version.replace(/^v/, '').split('.').map(Number);
  const b = minimum.split('.').map(Number);
  for (let i = 0; i < 3; i += 1) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
  }
  return true;
}

/** The Node.js version Electron's tooling needs, from node_modules/electron/package.json. */
export function packagingNodeVersion(root = fileURLToPath(new URL('..', import.meta.url))) {
  try {
    const electron = JSON.parse(readFileSync(`${root}/node_modules/electron/package.json`, 'utf8'));
    return lowestAdmitted(electron.engines?.node);
  } catch {
    return null;
  }
}

/** A sentence saying why this Node cannot package the app, or null when it can. */
export function packagingProblem(version, needed) {
  if (!needed || atLeast(version, needed)) return null;
  return `Packaging the desktop app needs Node.js ≥ ${needed} (Electron's tooling requires it); this is Node.js ${version.replace(/^v/, '')}. Development, \`npm test\` and browser mode work on this version.`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problem = packagingProblem(process.version, packagingNodeVersion());
  if (problem) {
    console.error(`package: ${problem}`);
    process.exit(1);
  }
}
