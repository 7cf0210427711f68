import { z } from 'zod';

/**
 * The WHATWG URL parser, there in Node and in every browser; shared/ compiles without the DOM's or Node's
 * types, so only what is used here is declared.
 */
declare const URL: new (text: string) => { protocol: string; hostname: string; username: string; password: string };

/**
 * Whether a URL field may hold this address: https only, so an item can never carry a `javascript:`,
 * `data:` or `file:` address, nor plain http that anyone on an airfield's Wi-Fi could rewrite, and no
 * user name, password, space or control character in it. The one exception is http to a loopback host (127.0.0.0/8, [::1],
 * localhost): that is how the local S3 emulator of `npm start` and the tests names its objects
 * (`http://127.0.0.1:<port>/<bucket>/users/...`). A loopback address only ever reaches the computer it is
 * opened on, never someone else's server, so it cannot lead a user anywhere; on AWS every canonical
 * object URL is https.
 */
export function isWebUrl(text: string): boolean {
  // The parser drops spaces, tabs and line breaks it finds (`ht\ttps:`), so text holding any is refused as it stands.
  if (/[\s\p{Cc}]/u.test(text)) return false;
  const url = parsed(text);
  if (!url || url.username !== '' || url.password !== '') return false;
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

function parsed(text: string) {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** Hostnames as the WHATWG parser leaves them: IPv4 normalized (`127.1` -> `127.0.0.1`), IPv6 in brackets. */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

export const WEB_URL_MESSAGE = "an address must start with https:// (http:// only for this computer's own test servers) and hold no password or spaces";

/** A URL field of the models (`profileImageUrl`, `s3Url`). */
export const WebUrlSchema = z.string().refine(isWebUrl, WEB_URL_MESSAGE);
