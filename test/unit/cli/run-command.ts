// Runs `tsx scripts/summary.ts` as a user would, with only the environment given (no inherited keys).
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';

// __dirname, not import.meta.url: under happy-dom the latter is not a file URL.
const ROOT = resolve(__dirname, '../../..');

export interface CommandRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runSummaryCommand(args: string[], env: Record<string, string>): Promise<CommandRun> {
  const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', LANG: 'C.UTF-8' };
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['tsx', 'scripts/summary.ts', ...args], { cwd: ROOT, env: { ...base, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
