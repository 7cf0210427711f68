/**
 * What must never reach the renderer (a response, an event, the bundle): each piece found is named.
 * `secrets` are exact values to look for (their first 16 characters, so a cut-off copy is found too).
 */
export function credentialShapes(text: string, secrets: Record<string, string> = {}): string[] {
  const found: string[] = [];
  for (const [name, secret] of Object.entries(secrets)) if (text.includes(secret.slice(0, 16))) found.push(name);
  for (const match of text.matchAll(/(?:AKIA|ASIA)[A-Z0-9]{16}/g)) found.push(`access key id ${match[0]}`);
  // A 40-character base64 run with both cases and a digit or +: a secret access key's shape (paths and
  // long identifiers lack the digit; a real key lacks both only once in some two thousand).
  for (const match of text.matchAll(/(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/])/g)) {
    if (/[A-Z]/.test(match[0]) && /[a-z]/.test(match[0]) && /[0-9+]/.test(match[0])) found.push(`secret-shaped ${match[0]}`);
  }
  for (const match of text.matchAll(/AWS4-HMAC-SHA256|Authorization|X-Amz-Security-Token|X-Amz-Signature|X-Amz-Credential|Signature=|Credential=|secretAccessKey|sessionToken|aws_secret_access_key/gi)) {
    found.push(`signing text ${match[0]}`);
  }
  // Marks of raw AWS error bodies, and the test endpoints' raw messages.
  for (const match of text.matchAll(/security token included|Access Key Id you provided|com\.amazonaws|"__type"|<Error>|<RequestId>/gi)) found.push(`raw AWS error ${match[0]}`);
  return found;
}
