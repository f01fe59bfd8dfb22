// What calificar uses of undici (src/collect/probes.ts: Agent and request), for the bundles:
// undici's index loads everything it has (fetch, WebSocket, caches, mocks, two WebAssembly HTTP
// parsers' worth of code) and is the largest thing a lab-ec2 run loaded. `request` is index.js's
// own (makeDispatcher(api.request)) for a caller that always passes its dispatcher.
"use strict";

const Agent = require("undici/lib/dispatcher/agent");
const apiRequest = require("undici/lib/api/api-request");
const util = require("undici/lib/core/util");
const { InvalidArgumentError } = require("undici/lib/core/errors");



function request(url, opts) {
  if (!url || (typeof url !== "string" && typeof url !== "object")) throw new InvalidArgumentError("invalid url");
  if (!opts || typeof opts !== "object" || !opts.dispatcher) throw new InvalidArgumentError("calificar's undici: pass a dispatcher");
  const parsed = util.parseURL(url);
  return apiRequest.call(opts.dispatcher, {
    ...opts,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || "GET",
  });
}

module.exports = { Agent, request };
