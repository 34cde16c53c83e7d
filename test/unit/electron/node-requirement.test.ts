import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const url = new URL('../../../build/node-requirement.mjs', import.meta.url).href;
const requirement = (await import(url)) as {
  lowestAdmitted(range: string | undefined): string | null;
  atLeast(version: string, minimum: string): boolean;
  packagingNodeVersion(): string | null;
  packagingProblem(version: string, needed: string | null): string | null;
};

describe('the Node.js needed to package the desktop app', () => {
  it('is read from the installed electron package, the figure npm warns about', () => {
    const needed = requirement.packagingNodeVersion();
    expect(needed).toMatch(/^\d+\.\d+\.\d+$/);
    // README states the same figure, so a newcomer is told what npm's warning means.
    expect(readme()).toContain(`Node.js ≥ ${needed!.split('.').slice(0, 2).join('.')}`);
  });

  it('stops packaging on an older Node with the reason, and lets a new enough one through', () => {
    expect(requirement.packagingProblem('v20.20.2', '22.12.0')).toContain('Node.js ≥ 22.12.0');
    expect(requirement.packagingProblem('v22.12.0', '22.12.0')).toBeNull();
    expect(requirement.packagingProblem('v24.1.0', '22.12.0')).toBeNull();
    expect(requirement.atLeast('22.11.9', '22.12.0')).toBe(false);
    expect(requirement.lowestAdmitted('>= 22.12.0')).toBe('22.12.0');
    expect(requirement.lowestAdmitted('^22')).toBeNull();
  });
});

function readme(): string {
  return readFileSync(new URL('../../../README.md', import.meta.url), 'utf8');
}
