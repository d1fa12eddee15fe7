// CloudFront Function, runtime cloudfront-js-2.0, viewer request of the orders distribution (P5).
// 1. A legacy path listed in the redirect table (the KeyValueStore) answers 301/302/307/308 with its new
//    location (GET and HEAD only, so a POST is never turned into a GET); the query string goes along.
// 2. Any other request goes on with a canonical cache key: the API's own path segments in lower case
//    (identifiers keep their case: /ORDERS/AbC -> /orders/AbC), other paths wholly in lower case,
//    tracking parameters dropped, the rest of the query sorted by name (values keep their order).
// Budget: no lookup on the API's current routes, at most 1 + MAX_PREFIX_DEPTH lookups otherwise.
// Table entries (docs/decisions/0021): key "/old/path" or "/old/*" (lower case), value JSON
// {"to": "/new/path" or "/new/*", "status": 301}; "*" in "to" is the rest of the path, case kept.
// The template carries this file byte for byte (./orders edge sync); node --test edge/test checks it.
import cf from 'cloudfront';

const kvs = cf.kvs();

// The API's routes; '*' is an identifier.
const ROUTES = [['orders'], ['orders', '*'], ['orders', '*', 'receipts'], ['payments', 'callbacks', '*']];
const TRACKING = /^(utm_.*|fbclid|gclid)$/i;
const REDIRECTS = { 301: 'Moved Permanently', 302: 'Found', 307: 'Temporary Redirect', 308: 'Permanent Redirect' };
const MAX_PREFIX_DEPTH = 3;
const MAX_KEY_LENGTH = 512;

async function handler(event) {
    const request = event.request;
    const segments = request.uri.split('/').slice(1);
    const route = currentRoute(segments);
    if (route) {
        request.uri = '/' + segments.map((segment, i) => route[i] === '*' ? segment : route[i]).join('/');
    } else {
        if (request.method === 'GET' || request.method === 'HEAD') {
            const redirect = await findRedirect(request.uri, segments);
            if (redirect) {
                return {
                    statusCode: redirect.status,
                    statusDescription: REDIRECTS[redirect.status],
                    headers: { location: { value: redirect.location + originalQuery(request.querystring) } }
                };
            }
        }
        request.uri = request.uri.toLowerCase();
    }
    request.querystring = canonicalQuery(request.querystring);
    return request;
}

function currentRoute(segments) {
    for (let r = 0; r < ROUTES.length; r++) {
        const route = ROUTES[r];
        let matches = route.length === segments.length;
        for (let i = 0; matches && i < route.length; i++) {
            matches = route[i] === '*' ? segments[i] !== '' : route[i] === segments[i].toLowerCase();
        }
        if (matches) {
            return route;
        }
    }
    return null;
}

// The exact path first, then "/a/b/*", then "/a/*": the longest prefix wins.
async function findRedirect(uri, segments) {
    const lower = segments.map(segment => segment.toLowerCase());
    const candidates = [{ key: '/' + lower.join('/'), depth: segments.length }];
    for (let depth = Math.min(segments.length - 1, MAX_PREFIX_DEPTH); depth >= 1; depth--) {
        candidates.push({ key: '/' + lower.slice(0, depth).join('/') + '/*', depth: depth });
    }
    for (let c = 0; c < candidates.length; c++) {
        const rest = segments.slice(candidates[c].depth).join('/');
        if (candidates[c].key.length > MAX_KEY_LENGTH || (c > 0 && rest === '')) {
            continue;
        }
        const entry = await lookup(candidates[c].key);
        if (entry) {
            const location = entry.to.replace('*', rest);
            if (location.toLowerCase() === uri.toLowerCase()) {
                console.log(`redirect ${candidates[c].key} ignored: it points at itself`);
                return null;
            }
            return { status: entry.status, location: location };
        }
    }
    return null;
}

// An entry, or null when the key is absent or its value is unusable (logged, never thrown: a bad entry
// must not take the site down).
async function lookup(key) {
    let text;
    try {
        text = await kvs.get(key, { format: 'string' });
    } catch (absent) {
        return null;
    }
    let entry;
    try {
        entry = JSON.parse(text);
    } catch (malformed) {
        console.log(`redirect ${key} ignored: its value is not JSON`);
        return null;
    }
    const to = entry === null || typeof entry !== 'object' ? null : entry.to;
    if (typeof to !== 'string' || !REDIRECTS[entry.status]) {
        console.log(`redirect ${key} ignored: it needs "to" and a status 301, 302, 307 or 308`);
        return null;
    }
    if (to.indexOf('https://') !== 0 && (to.charAt(0) !== '/' || to.charAt(1) === '/' || to.indexOf('\\') >= 0)) {
        console.log(`redirect ${key} ignored: "to" must be a path on this site or an https:// URL`);
        return null;
    }
    return entry;
}

// The query as the viewer sent it (tracking parameters included: the page redirected to may read them).
function originalQuery(querystring) {
    const pairs = [];
    Object.keys(querystring).forEach(name => {
        valuesOf(querystring[name]).forEach(value => pairs.push(name + '=' + value));
    });
    return pairs.length ? '?' + pairs.join('&') : '';
}

// Names and values stay as the viewer encoded them; a name is compared decoded, so utm%5Fsource is dropped too.
function canonicalQuery(querystring) {
    const pairs = [];
    Object.keys(querystring).forEach(name => {
        if (!TRACKING.test(decoded(name))) {
            valuesOf(querystring[name]).forEach(value => pairs.push([name, value, pairs.length]));
        }
    });
    pairs.sort((a, b) => a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[2] - b[2]);
    return pairs.map(pair => pair[0] + '=' + pair[1]).join('&');
}

function valuesOf(field) {
    return field.multiValue ? field.multiValue.map(item => item.value) : [field.value];
}

function decoded(text) {
    try {
        return decodeURIComponent(text);
    } catch (malformed) {
        return text;
    }
}
