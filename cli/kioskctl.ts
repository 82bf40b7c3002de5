#!/usr/bin/env node
import { runKioskctl } from './run';

// The technician's command line (shared/kioskctl.md). It drives the same driver code as the
// kiosk; no second implementation of any device protocol lives here.
const io = {
  stdout: (line: string) => process.stdout.write(`${line}\n`),
  stderr: (line: string) => process.stderr.write(`${line}\n`),
};

runKioskctl(process.argv.slice(2), io).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // A programmer error: still one line, no stack trace for the technician.
    process.stderr.write(`kioskctl: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 4;
  },
);
