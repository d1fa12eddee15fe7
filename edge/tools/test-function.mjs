// node edge/tools/test-function.mjs EVENT.json [--store STORE.json] [--runs N]
// Runs the function on one event under node and prints what CloudFront's TestFunction shows (output, logs,
// error) plus the execution time: the first run and the median of the second half of N more runs. An EVENT.json may be a bare
// event or a fixture ({event, store?}). With --all, prints {fixture: {output, logs, error}} for every fixture
// (the JUnit test that compares node with the local gateway reads that).
import { readFileSync } from 'node:fs';
import { defaultStore, fixtures, load } from '../test/harness.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
    const at = args.indexOf(name);
    return at >= 0 && at + 1 < args.length ? args.splice(at, 2)[1] : fallback;
};
const fn = load();

if (args[0] === '--all') {
    const outcomes = {};
    for (const fixture of fixtures()) {
        const { output, logs, error } = await fn.invoke(fixture.event, fixture.store ?? defaultStore());
        outcomes[fixture.name] = { output, logs, error };
    }
    process.stdout.write(JSON.stringify(outcomes) + '\n');
} else {
    const runs = Number(option('--runs', '1000'));
    const storeFile = option('--store', null);
    if (args.length !== 1 || !(runs >= 1)) {
        console.error('usage: node edge/tools/test-function.mjs EVENT.json [--store STORE.json] [--runs N] | --all');
        process.exit(2);
    }
    const document = JSON.parse(readFileSync(args[0], 'utf8'));
    const event = document.event ?? document;
    const store = storeFile ? JSON.parse(readFileSync(storeFile, 'utf8')) : document.store ?? defaultStore();
    const first = await fn.invoke(event, store);
    const times = [];
    for (let i = 0; i < runs; i++) {
        times.push((await fn.invoke(event, store)).micros);
    }
    // The engine optimises during the first runs: the median is taken over the second half, as ./orders edge test does.
    const settled = times.slice(Math.floor(runs / 2)).sort((a, b) => a - b);
    const output = first.output ?? null;
    console.log(JSON.stringify({
        FunctionOutput: output === null ? {} : { [('statusCode' in output) ? 'response' : 'request']: output },
        FunctionExecutionLogs: first.logs,
        FunctionErrorMessage: first.error ?? '',
        ExecutionTime: {
            engine: `node ${process.version}`,
            firstMicros: Math.round(first.micros),
            medianMicros: Math.round(settled[Math.floor(settled.length / 2)]),
            medianOver: settled.length,
        },
    }, null, 2));
}
