#!/usr/bin/env node
// The `suptech` command: registers the TypeScript loader, then runs the CLI.
import { register } from 'tsx/esm/api';

register();
await import('../gateway/src/cli/main.ts');
