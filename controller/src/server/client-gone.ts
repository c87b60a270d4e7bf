/**
 * An AbortSignal that fires when the client of a request goes away before it
 * has its answer, so work done for it (a worker task) stops at once.
 * The response's 'close' is the one to watch: the request's own 'close' fires
 * as soon as its body has been read, long before the client leaves.
 */
import type { FastifyReply } from 'fastify';

export function clientGone(reply: FastifyReply): AbortSignal {
  const controller = new AbortController();
  const res = reply.raw;
  const onClose = () => {
    if (!res.writableFinished) controller.abort();
  };
  res.once('close', onClose);
  // Also the socket itself: a client that hangs up while the body is still being handled.
  res.socket?.once('close', onClose);
  return controller.signal;
}
