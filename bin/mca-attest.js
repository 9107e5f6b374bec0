#!/usr/bin/env node
// mca-attest bulk … | mca-attest verify … (see bin/cli.js and docs/bulk.md).
import { main } from './cli.js';

process.exitCode = await main(process.argv.slice(2));
