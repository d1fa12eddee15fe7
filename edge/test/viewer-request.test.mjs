// The CloudFront Function against CloudFront's documented event structure
// (https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/functions-event-structure.html):
// every fixture in fixtures/ (the same files the local gateway's JUnit tests run through GraalJS), then the
// limits the runtime imposes. Run with: node --test edge/test/
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { defaultStore, fixtures, functionSource, load } from './harness.mjs';

const fn = load();

describe('every fixture', () => {
    for (const fixture of fixtures()) {
        it(`${fixture.name}: ${fixture.description}`, async () => {
            const outcome = await fn.invoke(fixture.event, fixture.store ?? defaultStore());

            assert.equal(outcome.error, undefined);
            assert.deepEqual(outcome.output, fixture.expected);
            assert.deepEqual(outcome.logs, fixture.expectedLogs);
        });
    }
});

describe('the fixtures', () => {
    it('carry the event structure CloudFront passes to a viewer-request function', () => {
        for (const { name, event } of fixtures()) {
            assert.equal(event.version, '1.0', name);
            assert.equal(event.context.eventType, 'viewer-request', name);
            assert.equal(typeof event.viewer.ip, 'string', name);
            for (const field of ['method', 'uri', 'querystring', 'headers', 'cookies']) {
                assert.ok(field in event.request, `${name}: request.${field}`);
            }
            for (const header of Object.keys(event.request.headers)) {
                assert.equal(header, header.toLowerCase(), `${name}: header names are lower case`);
            }
            assert.ok(!('cookie' in event.request.headers), `${name}: cookies come in request.cookies, not as a header`);
        }
    });
});

describe('the key value store', () => {
    // Counts the lookups a request costs: the compute budget grows with them.
    async function lookups(uri, method = 'GET') {
        const source = functionSource().replace("const kvs = cf.kvs();",
            "const kvs = { n: 0, get(key, options) { this.n++; console.log('get ' + key); return cf.kvs().get(key, options); } };");
        const counted = load(source);
        const root = fixtures().find(f => f.name === 'root').event;
        const { logs } = await counted.invoke({ ...root, request: { ...root.request, method, uri } });
        return logs.filter(line => line.startsWith('get '));
    }

    it('is not consulted for the API\'s current routes', async () => {
        assert.deepEqual(await lookups('/ORDERS/ABC'), []);
        assert.deepEqual(await lookups('/payments/callbacks/acmepay', 'POST'), []);
    });

    it('is consulted at most four times, longest key first', async () => {
        assert.deepEqual(await lookups('/a/b/c/d/e/f'), ['get /a/b/c/d/e/f', 'get /a/b/c/*', 'get /a/b/*', 'get /a/*']);
    });

    it('is not consulted for a POST', async () => {
        assert.deepEqual(await lookups('/order/ABC', 'POST'), []);
    });

    it('missing from the function makes every request fail, as cf.kvs() does without an association', async () => {
        const outcome = await fn.invoke(fixtures()[0].event, null);

        assert.match(outcome.error, /no key value store is associated/);
    });

    it('ships a default table in the import file format (unique keys within the size limits)', () => {
        const { data } = defaultStore();
        assert.ok(data.length > 0);
        assert.equal(new Set(data.map(item => item.key)).size, data.length);
        for (const { key, value } of data) {
            assert.ok(key.length <= 512 && value.length <= 1024, key);
            const entry = JSON.parse(value);
            assert.ok([301, 302, 307, 308].includes(entry.status), key);
            assert.equal(key, key.toLowerCase(), 'keys are lower case: paths are looked up lower-cased');
        }
    });
});

describe('the runtime limits', () => {
    it('keep the code within 10 KB', () => {
        assert.ok(Buffer.byteLength(functionSource(), 'utf8') <= 10 * 1024);
    });

    it('import only the cloudfront module', () => {
        const imports = [...functionSource().matchAll(/^\s*import\s+\w+\s+from\s+['"]([^'"]+)['"]/gm)].map(m => m[1]);
        assert.deepEqual(imports, ['cloudfront']);
        assert.doesNotMatch(functionSource(), /\brequire\s*\(|\beval\s*\(|new\s+Function\b|\bfetch\s*\(|setTimeout|setInterval/);
    });

    it('refuse a module the runtime lacks, as CloudFront does', () => {
        assert.throws(() => load("import fs from 'fs';\nasync function handler(event) { return event.request; }"),
            /Cannot find module 'fs'/);
    });

    it('answer an error, not a request, when the function throws', async () => {
        const broken = load("async function handler(event) { return event.request.headers.missing.value; }");

        const outcome = await broken.invoke(fixtures()[0].event);

        assert.equal(outcome.output, undefined);
        assert.match(outcome.error, /^TypeError: /);
    });

    it('carry no state from one request to the next', async () => {
        const counting = load("let seen = 0;\nfunction handler(event) { seen++; event.request.headers['x-seen'] = { value: String(seen) }; return event.request; }");
        const event = fixtures()[0].event;

        await counting.invoke(event);
        const second = await counting.invoke(event);

        assert.equal(second.output.headers['x-seen'].value, '1');
    });
});

describe('the template', () => {
    it('carries this file byte for byte as the CloudFront function\'s code', () => {
        const template = readFileSync(new URL('../../infra/template.yaml', import.meta.url), 'utf8');
        const block = template.match(/\n( *)FunctionCode: \|\n((?:\1  .*\n|\n)*)/);
        assert.ok(block, 'the template has a FunctionCode: | block');
        const indent = block[1].length + 2;
        const code = block[2].split('\n').map(line => line.slice(indent)).join('\n').replace(/\n+$/, '\n');
        assert.equal(code, functionSource(), 'run ./orders edge sync to copy edge/viewer-request.js into infra/template.yaml');
    });
});
