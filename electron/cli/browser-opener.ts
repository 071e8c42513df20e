import { spawn } from 'node:child_process';

/**
 * How the CLI sends the user's browser to an authorization URL: the command in SWITCHYARD_BROWSER when set
 * (called with the URL as its one argument: a headless follower in tests, or a browser of your choice), else
 * the desktop's default browser when there is a desktop, else nothing (the URL is printed either way).
 */
export function browserOpener(options: { allowSystemBrowser: boolean }): ((url: URL) => Promise<void>) | undefined {
  const command = process.env.SWITCHYARD_BROWSER?.trim();
  if (command) return (url) => run('sh', ['-c', `${command} "$1"`, 'switchyard-browser', url.href], `SWITCHYARD_BROWSER (${command})`);
  if (!options.allowSystemBrowser) return undefined;
  if (process.platform === 'darwin') return (url) => run('open', [url.href], 'open');
  if (process.platform === 'win32') return (url) => run('rundll32', ['url.dll,FileProtocolHandler', url.href], 'the default browser');
  if (process.env.DISPLAY || process.env.WAYLAND_DISPLAY) return (url) => run('xdg-open', [url.href], 'xdg-open');
  return undefined;
}

/** Starts the opener and waits for it to exit; a failure to start is reported, not thrown (the URL is printed). */
function run(program: string, args: string[], what: string): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn(program, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    child.once('error', (error) => {
      process.stderr.write(`Could not open the browser with ${what}: ${error.message}\n`);
      resolve();
    });
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) process.stderr.write(`${what} exited with code ${code}\n`);
      resolve();
    });
  });
}
