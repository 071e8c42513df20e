/*
 * stdio-socket SOCKET COMMAND [ARG...]
 *
 * The first process of a server's container when the gateway talks to it over a unix socket instead of
 * Docker's attached stdio: it connects to SOCKET (which the gateway listens on and bind-mounts into the
 * container), makes the connection the process's stdin and stdout, and execs the server's own command in its
 * place. The server then reads and writes the gateway's socket directly: no dockerd and no containerd shim
 * copy each message on the way, and no process of ours stays behind. Stderr is left alone (Docker's logs).
 * Built statically (`cc -static`), so it runs in any Linux image, FROM scratch included.
 */
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 3) {
    fputs("stdio-socket: usage: stdio-socket SOCKET COMMAND [ARG...]\n", stderr);
    return 64;
  }
  struct sockaddr_un address;
  memset(&address, 0, sizeof address);
  address.sun_family = AF_UNIX;
  if (strlen(argv[1]) >= sizeof address.sun_path) {
    fputs("stdio-socket: the socket path is too long\n", stderr);
    return 64;
  }
  strcpy(address.sun_path, argv[1]);
  int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0 || connect(fd, (struct sockaddr *)&address, sizeof address) != 0) {
    perror("stdio-socket: cannot connect to the gateway's socket");
    return 69;
  }
  /* dup2 clears close-on-exec on the copies: stdin and stdout survive the exec, the original fd does not. */
  if (dup2(fd, 0) < 0 || dup2(fd, 1) < 0) {
    perror("stdio-socket: dup2");
    return 71;
  }
  execvp(argv[2], argv + 2);
  fprintf(stderr, "stdio-socket: cannot run %s: ", argv[2]);
  perror(NULL);
  return 127;
}
