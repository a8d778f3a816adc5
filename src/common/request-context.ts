import { AsyncLocalStorage } from 'node:async_hooks';

/** What every part of a request's handling may need to know about the request itself. */
export interface RequestContextValues {
  /** The client's address (from X-Forwarded-For only when TRUST_PROXY is on). */
  ip: string;
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextValues>();

/**
 * The current request, for code that has no request object (audit events, log lines).
 * Entered once per request, before validation (src/logging/request-logging.ts).
 */
export const RequestContext = {
  run<T>(values: RequestContextValues, work: () => T): T {
    return storage.run(values, work);
  },
  current(): RequestContextValues | undefined {
    return storage.getStore();
  },
};
