// The one place that lists Sellsy's hosts; the manifest and the URL detector both read it.
export const SELLSY_PAGE_MATCHES = ['https://www.sellsy.com/*', 'https://www.sellsy.fr/*'];
export const SELLSY_API_HOSTS = ['https://api.sellsy.com/*', 'https://login.sellsy.com/*'];
// Firefox rejects a port wildcard; a bare loopback host matches every port in both browsers.
export const LOCAL_SELLSY_MATCHES = ['http://127.0.0.1/*', 'http://localhost/*'];

export const SELLSY_API_URL = 'https://api.sellsy.com/v2';
export const SELLSY_TOKEN_URL = 'https://login.sellsy.com/oauth2/access-tokens';
export const SELLSY_AUTHORIZATION_URL = 'https://login.sellsy.com/oauth2/authorization';
