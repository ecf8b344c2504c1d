import type { FastifyRequest } from 'fastify';
import type { CallClient } from '../core/api/context';

export const LOOPBACK_HOSTS = ['127.0.0.1', 'localhost', '[::1]'] as const;

/** The name a request was addressed to, lower-case, without the port ('' when unreadable). */
export function requestHostname(request: FastifyRequest): string {
  const host = request.headers.host;
  if (!host) return '';
  try {
    return new URL(`http://${host}`).hostname.toLowerCase();
  } catch {
    return '';
  }
}

export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

/**
 * The caller as the dispatcher sees it. "Local" needs both a loopback socket and a loopback name:
 * a proxy on this computer forwards strangers over loopback, and a web page that rebinds its own
 * DNS name to 127.0.0.1 arrives over loopback under a foreign name.
 */
export function callClient(request: FastifyRequest): CallClient {
  const address = request.socket.remoteAddress ?? '';
  const hostname = requestHostname(request);
  // One PC is one client whether it arrives over IPv4 or as an IPv4-mapped IPv6 address.
  const plain = address.startsWith('::ffff:') ? address.slice(7) : address;
  return {
    id: `http:${plain}`,
    local: isLoopbackAddress(address) && (LOOPBACK_HOSTS as readonly string[]).includes(hostname),
    passesJsonText: true,
  };
}
