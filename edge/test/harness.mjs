// Runs edge/viewer-request.js under node the way the local gateway runs it under GraalJS: a fresh vm global
// with nothing but the language's built-ins, edge/runtime/cloudfront-runtime.js evaluated in it, and the
// function's code handed to CloudFrontRuntime unchanged.
import { readFileSync, readdirSync } from 'node:fs';
import vm from 'node:vm';

const EDGE = new URL('../', import.meta.url);

export const FUNCTION_FILE = new URL('viewer-request.js', EDGE);
export const DEFAULT_STORE_FILE = new URL('redirects.json', EDGE);
export const FIXTURES = new URL('test/fixtures/', EDGE);

const RUNTIME = readFileSync(new URL('runtime/cloudfront-runtime.js', EDGE), 'utf8');

export function functionSource() {
    return readFileSync(FUNCTION_FILE, 'utf8');
}

export function defaultStore() {
    return JSON.parse(readFileSync(DEFAULT_STORE_FILE, 'utf8'));
}

/** Every fixture: {name, description, event, expected, expectedLogs, store?}. */
export function fixtures() {
    return readdirSync(FIXTURES).filter(file => file.endsWith('.json')).sort().map(file => ({
        name: file.replace(/\.json$/, ''),
        ...JSON.parse(readFileSync(new URL(file, FIXTURES), 'utf8')),
    }));
}

/**
 * The function, compiled once; invoke(event, store) runs one request and returns
 * {output, logs, error, micros} (output or error, never both).
 */
export function load(source = functionSource()) {
    const context = vm.createContext({});
    vm.runInContext(RUNTIME, context, { filename: 'cloudfront-runtime.js' });
    const runtime = context.CloudFrontRuntime;
    const compiled = runtime.compile(source);
    return {
        async invoke(event, store = defaultStore()) {
            const cloudfront = runtime.module(store === null ? null : JSON.stringify(store), 'redirects');
            const eventJson = JSON.stringify(event);
            const started = process.hrtime.bigint();
            await runtime.start(compiled, cloudfront, eventJson);
            const outcome = JSON.parse(runtime.collect());
            outcome.micros = Number(process.hrtime.bigint() - started) / 1000;
            return outcome;
        },
    };
}
