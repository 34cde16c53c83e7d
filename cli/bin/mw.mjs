#!/usr/bin/env node
// The `mw` command. The commands are TypeScript sharing shared/ with the app; tsx compiles them
// on the fly so the repository needs no separate build step for the CLI.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
