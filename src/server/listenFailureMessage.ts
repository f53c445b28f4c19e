/**
 * One line saying why the gateway could not listen and which variable to change, for the
 * errors an operator causes (port taken, privileged port, address not on this machine);
 * undefined for anything else, which is then reported as it is.
 */
export function listenFailureMessage(error: unknown, where: { port: number; host: string }): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const { port, host } = where;
  switch (code) {
    case 'EADDRINUSE':
      return `PORT=${port}: port ${port} on ${host} is already in use by another process; stop it, or set PORT to a free port.`;
    case 'EACCES':
      return `PORT=${port}: this user may not listen on port ${port} on ${host} (ports below 1024 need privileges); set PORT to 1024 or above.`;
    case 'EADDRNOTAVAIL':
      return `HOST=${host}: no network interface of this machine has that address; set HOST to one of its addresses, or 0.0.0.0 for all.`;
    default:
      return undefined;
  }
}
