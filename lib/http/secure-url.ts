// Secrets travel over https only. Plain http is for a server on this computer (the local Sellsy, a local
// model such as Ollama), where no network lies between the two ends.

/** localhost, 127.0.0.0/8 and [::1], as URL.hostname writes them. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.toLowerCase();
  return h === 'localhost' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** https, or http to this computer. */
export function isSecureUrl(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
}

/** The sentence for a refused address; `field` names it ("Sellsy API URL", "OPENAI_BASE_URL"). */
export function insecureUrlMessage(field: string): string {
  return `${field} must start with https:// (http:// is accepted only for this computer: localhost, 127.0.0.1 or [::1])`;
}
