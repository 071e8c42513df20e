import type { ApiResult } from '../../../../../shared/api.js';

type DockerCheck = ApiResult<'system.docker'>;

/** What to do when the Docker engine does not answer, for this problem on this OS: a sentence and commands. */
export function dockerFix(check: DockerCheck): { summary: string; steps: string[] } {
  const mac = check.platform === 'darwin';
  const windows = check.platform === 'win32';
  const desktop = mac || windows;
  switch (check.problem) {
    case 'permission-denied':
      return desktop
        ? { summary: `Docker answers at ${check.endpoint}, but not to you.`, steps: ['Quit Docker Desktop and open it again, then re-check.'] }
        : {
            summary: `The Docker socket (${check.endpoint}) exists, but your user may not use it.`,
            steps: ['sudo usermod -aG docker $USER', 'Log out and back in (or run `newgrp docker`), then re-check.'],
          };
    case 'no-socket':
      return desktop
        ? {
            summary: 'Docker Desktop is not running (or not installed).',
            steps: ['Install Docker Desktop from docker.com if you have not, then open it and wait until it says it is running.'],
          }
        : {
            summary: `There is no Docker socket at ${check.endpoint}: Docker is not installed, or not started.`,
            steps: ['Install it: sudo apt-get install docker.io (Debian/Ubuntu) or your distribution’s docker package', 'sudo systemctl enable --now docker'],
          };
    case 'not-running':
      return desktop
        ? { summary: 'Docker Desktop is not running.', steps: ['Open Docker Desktop and wait until it says it is running.'] }
        : { summary: `Nothing answers at ${check.endpoint}: the Docker daemon is stopped.`, steps: ['sudo systemctl start docker'] };
    case 'no-answer':
      return { summary: `Docker at ${check.endpoint} did not answer in time.`, steps: [desktop ? 'Restart Docker Desktop.' : 'sudo systemctl restart docker'] };
    default:
      return {
        summary: `Docker is not reachable at ${check.endpoint}.`,
        steps: [desktop ? 'Open Docker Desktop.' : 'sudo systemctl start docker', 'If DOCKER_HOST is set, check that it points at a running engine.'],
      };
  }
}
