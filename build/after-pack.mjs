// electron-builder afterPack hook: flips Electron's fuses in the packed binary, before signing,
// so that the shipped app cannot be turned into a plain Node runtime or a debug target, loads its
// code only from the (integrity-checked) app.asar, and encrypts its cookies. The result is read
// back and the build fails if any fuse is not as configured.
import path from 'node:path';
// @electron/fuses is CommonJS: take its exports from the default import.
import fuses from '@electron/fuses';

const { flipFuses, getCurrentFuseWire, FuseVersion, FuseV1Options } = fuses;

/**
 * Every fuse @electron/fuses 1.x knows, each set explicitly. Not `strictlyRequireAllFuses`: that
 * also fails when a newer Electron's wire is longer than this package knows; such extra fuses are
 * reported by afterPack instead, to be added here once @electron/fuses names them.
 */
export const fuseConfig = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: false,
  resetAdHocDarwinSignature: false,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Where electron-builder put the Electron executable for this platform. */
export function electronBinaryPath(context) {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return path.join(appOutDir, packager.executableName);
    default:
      throw new Error(`after-pack: no fuse target known for platform ${electronPlatformName}`);
  }
}

// A fuse is stored as one byte: ASCII '1' enabled, '0' disabled, 'r' removed.
const ENABLED = '1'.charCodeAt(0);
const DISABLED = '0'.charCodeAt(0);

function knownFuses() {
  return Object.values(FuseV1Options).filter((option) => typeof option === 'number');
}

/** Fuse states read back from the binary that differ from fuseConfig ([] when all match). */
export function fuseMismatches(wire) {
  const mismatches = [];
  for (const option of knownFuses()) {
    const expected = fuseConfig[option] ? ENABLED : DISABLED;
    if (wire[option] !== expected) {
      const found = typeof wire[option] === 'number' ? String.fromCharCode(wire[option]) : 'missing';
      mismatches.push(`${FuseV1Options[option]}: expected '${String.fromCharCode(expected)}', found '${found}'`);
    }
  }
  return mismatches;
}

/** Indexes of fuses in the binary that this version of @electron/fuses cannot name. */
export function unknownFuses(wire) {
  const known = new Set(knownFuses().map(String));
  return Object.keys(wire).filter((key) => /^\d+$/.test(key) && !known.has(key));
}

export default async function afterPack(context) {
  const binary = electronBinaryPath(context);
  await flipFuses(binary, fuseConfig);
  const wire = await getCurrentFuseWire(binary);
  const mismatches = fuseMismatches(wire);
  const unknown = unknownFuses(wire);
  if (unknown.length > 0) {
    console.warn(`after-pack: ${binary} has fuses ${unknown.join(', ')} that @electron/fuses does not name; they keep Electron's defaults. Update @electron/fuses and set them in build/after-pack.mjs.`);
  }
  if (mismatches.length > 0) {
    throw new Error(`after-pack: fuses of ${binary} are not as configured: ${mismatches.join('; ')}`);
  }
  console.log(`after-pack: fuses flipped and verified in ${binary}`);
}
