// The one place that lists Sellsy's hosts; the manifest (wxt.config.ts), the API client and the page
// detector (lib/sellsy-web/detect.ts) all read it.

/** The web app's hosts, where client pages are (https only, default port). */
export const SELLSY_PAGE_HOSTS: readonly string[] = ['www.sellsy.com', 'www.sellsy.fr'];
/** Loopback hosts the local Sellsy fake answers on, accepted by local builds only (any port). */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', 'localhost'];

export const SELLSY_API_URL = 'https://api.sellsy.com/v2';
export const SELLSY_TOKEN_URL = 'https://login.sellsy.com/oauth2/access-tokens';

export const SELLSY_PAGE_MATCHES = SELLSY_PAGE_HOSTS.map((h) => `https://${h}/*`);
export const SELLSY_API_HOSTS = [SELLSY_API_URL, SELLSY_TOKEN_URL].map((u) => `${new URL(u).origin}/*`);
// Firefox rejects a port wildcard; a bare loopback host matches every port in both browsers.
export const LOCAL_SELLSY_MATCHES = LOOPBACK_HOSTS.map((h) => `http://${h}/*`);
export const SELLSY_AUTHORIZATION_URL = 'https://login.sellsy.com/oauth2/authorization';
