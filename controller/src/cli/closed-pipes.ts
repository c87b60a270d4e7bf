/**
 * A controller started as `crowdcue start | tee log` (or under a supervisor
 * whose log reader went away) writes into a pipe that may close first. Node
 * then reports EPIPE as an 'error' event on process.stdout, and with no
 * listener that kills the process: a SIGTERM's shutdown, which prints as it
 * goes, would die half-way without saving the live show. Lines to a closed
 * pipe have nobody to read them; drop them and carry on. Other stream errors
 * are not ours to hide.
 */
type Output = Pick<NodeJS.WriteStream, 'on' | 'write' | 'writable'>;

export function survivesClosedPipe(stream: Output): () => boolean {
  let closed = false;
  stream.on('error', (err: NodeJS.ErrnoException) => {
    if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') closed = true;
    else throw err;
  });
  return () => closed || !stream.writable;
}

/** Lines for stdout/stderr that stop (quietly) once the reader has gone. */
export function lineWriter(stream: Output): (line: string) => void {
  const isClosed = survivesClosedPipe(stream);
  return (line) => {
    if (!isClosed()) stream.write(line + '\n');
  };
}
