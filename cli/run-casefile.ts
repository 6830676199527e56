import { execFile } from 'node:child_process';

/** Runs the `casefile` command as another process, for tests; never rejects. */
export function runCasefile(
  env: Record<string, string>,
  ...args: string[]
): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['bin/casefile.js', ...args],
      {
        env: { PATH: process.env.PATH ?? '', CASEFILE_LOG_LEVEL: 'silent', ...env },
        timeout: 60_000,
      },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}
