// What cloudfront-js-2.0 gives a function, for the two local engines: node's vm (edge/test) and GraalJS in the
// local gateway (dev.orders.local.edge). Both evaluate this script in a fresh global that has nothing but the
// language's built-ins, then use CloudFrontRuntime; so a fixture runs through the same steps in both.
// - `import NAME from 'cloudfront'` binds the key value store helper (cf.kvs(): get, exists, meta); any other
//   module is refused, as CloudFront Functions offer no module loader beyond their own built-ins.
// - The function runs in strict mode, with a console whose lines are collected (CloudFront sends them to
//   CloudWatch Logs), and its top-level declarations are evaluated afresh for each invocation: no state is
//   carried from one request to the next.
// - The handler may be async; its result is returned as JSON, or the error it threw.
(function (global) {
    'use strict';

    var IMPORT = /^[ \t]*import[ \t]+([A-Za-z_$][A-Za-z0-9_$]*)[ \t]+from[ \t]+(['"])([^'"]*)\2[ \t]*;?[ \t]*$/gm;
    var MODULES = { cloudfront: true };

    // A factory that evaluates the function's code and returns its handler; throws on a module it cannot offer.
    function compile(source) {
        var bindings = [];
        var body = String(source).replace(IMPORT, function (line, name, quote, module) {
            if (!MODULES[module]) {
                throw new Error("Cannot find module '" + module + "': cloudfront-js-2.0 functions run without a module loader");
            }
            bindings.push(name);
            return '';
        });
        if (/^[ \t]*(import|export)\b/m.test(body)) {
            throw new SyntaxError('only `import NAME from \'cloudfront\'` is supported; a CloudFront function exports nothing');
        }
        var parameters = bindings.concat(['console']);
        var factory = Function.apply(null, parameters.concat(['"use strict";' + body +
            '\n;return typeof handler === "function" ? handler : undefined;']));
        return { factory: factory, bindings: bindings.length };
    }

    // The 'cloudfront' module over one key value store, given in the import file format {"data": [{"key", "value"}]}.
    function module(storeJson, storeName) {
        var entries = Object.create(null);
        var count = 0;
        var data = storeJson === null || storeJson === undefined ? null : JSON.parse(storeJson).data;
        (data || []).forEach(function (item) {
            entries[item.key] = String(item.value);
            count++;
        });
        var handle = {
            get: function (key, options) {
                var format = options && options.format ? options.format : 'string';
                if (!Object.prototype.hasOwnProperty.call(entries, key)) {
                    return Promise.reject(new Error('Key ' + key + ' not found in key value store ' + storeName));
                }
                if (format === 'json') {
                    try {
                        return Promise.resolve(JSON.parse(entries[key]));
                    } catch (malformed) {
                        return Promise.reject(malformed);
                    }
                }
                if (format !== 'string') {
                    return Promise.reject(new Error('format ' + format + ' is not offered locally (string and json are)'));
                }
                return Promise.resolve(entries[key]);
            },
            exists: function (key) {
                return Promise.resolve(Object.prototype.hasOwnProperty.call(entries, key));
            },
            meta: function () {
                return Promise.resolve({ keyCount: count });
            }
        };
        return {
            kvs: function () {
                if (data === null) {
                    throw new Error('no key value store is associated with this function');
                }
                return handle;
            }
        };
    }

    var last = null;

    // Runs the handler once; the promise settles when it has, and collect() then returns the outcome.
    function start(compiled, cloudfront, eventJson) {
        var logs = [];
        var line = function () {
            logs.push(Array.prototype.map.call(arguments, String).join(' '));
        };
        var console = { log: line, info: line, warn: line, error: line };
        var outcome = { logs: logs };
        last = outcome;
        var run = function () {
            var args = [];
            for (var i = 0; i < compiled.bindings; i++) {
                args.push(cloudfront);
            }
            args.push(console);
            var handler = compiled.factory.apply(undefined, args);
            if (typeof handler !== 'function') {
                throw new Error('the function defines no handler(event)');
            }
            return handler(JSON.parse(eventJson));
        };
        return Promise.resolve().then(run).then(function (output) {
            outcome.output = output === undefined ? null : output;
        }, function (error) {
            outcome.error = (error && error.name ? error.name : 'Error') + ': ' + (error && error.message !== undefined ? error.message : String(error));
        });
    }

    function collect() {
        var outcome = last;
        last = null;
        if (outcome === null) {
            return JSON.stringify({ logs: [], error: 'Error: nothing ran' });
        }
        if (!('output' in outcome) && !('error' in outcome)) {
            outcome.error = 'Error: the handler did not settle (it awaits something that never completes)';
        }
        return JSON.stringify(outcome);
    }

    global.CloudFrontRuntime = { compile: compile, module: module, start: start, collect: collect };
})(this);
