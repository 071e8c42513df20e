// Compiles electron/runtime/stdio-socket.c into dist/stdio-socket/stdio-socket-linux-<arch>, statically linked so
// it runs inside any Linux image. Linux hosts only (the binary is bind-mounted into containers of the local
// engine); elsewhere, or without a C compiler, it says so and the gateway uses Docker's attached stdio.
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'electron', 'runtime', 'stdio-socket.c');
const output = path.join(root, 'dist', 'stdio-socket', `stdio-socket-linux-${process.arch}`);

if (process.platform !== 'linux') {
  console.log(`stdio-socket: not built on ${process.platform}; containers use Docker's attached stdio`);
} else {
  mkdirSync(path.dirname(output), { recursive: true });
  const compiler = process.env.CC ?? 'cc';
  try {
    execFileSync(compiler, ['-static', '-Os', '-s', '-Wall', '-Werror', '-o', output, source], { stdio: ['ignore', 'inherit', 'inherit'] });
  } catch (error) {
    rmSync(output, { force: true });
    const reason = error.code === 'ENOENT' ? `no C compiler (${compiler})` : 'the compiler failed (a static build needs libc.a: apt-get install libc6-dev)';
    console.error(`stdio-socket: not built: ${reason}; containers will use Docker's attached stdio`);
    if (process.env.CI) process.exit(1); // CI must test the socket path
  }
}
