// Whether Microsoft's manifest validation service (what `office-addin-manifest validate` uploads to) answers
// from this machine, decided within a few seconds so that `npm run validate` never waits on a dead network.
import { request } from "node:https";

export const VALIDATION_HOST = "validationgateway.omex.office.net";

/** Resolves { ok: true } when an https request to the service gets any answer in time, else { ok: false, reason }. */
export function officeValidatorReachable({ host = VALIDATION_HOST, timeoutMs = 4000 } = {}) {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (value) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(value);
    };
    const req = request({ host, path: "/", method: "HEAD", timeout: timeoutMs }, (res) => {
      res.resume();
      settle({ ok: true });
    });
    const timer = setTimeout(() => {
      req.destroy();
      settle({ ok: false, reason: `no answer from ${host} within ${timeoutMs / 1000} s` });
    }, timeoutMs);
    req.on("timeout", () => req.destroy());
    req.on("error", (error) => settle({ ok: false, reason: `${host}: ${error.code ?? error.message}` }));
    req.end();
  });
}
