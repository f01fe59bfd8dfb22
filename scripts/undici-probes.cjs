// What calificar uses of undici (src/collect/probes.ts: Agent and request), for the bundles.
// undici's index loads everything it has (fetch, WebSocket, caches, mocks) and was the largest
// thing a lab-ec2 run loaded; and grading loads the probes' module whether the lab probes or not
// (lab-s3, lab-iam and lab-lambda never do). So only the two parts calificar uses are bundled, and
// they are evaluated the first time a probe needs them, not when the module loads.
"use strict";

let undici;
function load() {
  undici ??= {
    Agent: require("undici/lib/dispatcher/agent"),
    apiRequest: require("undici/lib/api/api-request"),
    util: require("undici/lib/core/util"),
    errors: require("undici/lib/core/errors"),
  };
  return undici;
}

/** `new Agent(options)`: undici's own Agent, made on first use. */
function Agent(options) {
  return new (load().Agent)(options);
}

/** index.js's `request` (makeDispatcher(api.request)) for a caller that always passes its dispatcher. */
function request(url, opts) {
  const { apiRequest, util, errors } = load();
  if (!url || (typeof url !== "string" && typeof url !== "object")) throw new errors.InvalidArgumentError("invalid url");
  if (!opts || typeof opts !== "object" || !opts.dispatcher) throw new errors.InvalidArgumentError("calificar's undici: pass a dispatcher");
  const parsed = util.parseURL(url);
  return apiRequest.call(opts.dispatcher, {
    ...opts,
    origin: parsed.origin,
    path: parsed.search ? `${parsed.pathname}${parsed.search}` : parsed.pathname,
    method: opts.method || "GET",
  });
}

module.exports = { Agent, request };
