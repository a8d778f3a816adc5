/**
 * Inputs the scenarios spend, made through the real flow before a round is measured:
 * codes from the authorization endpoint with the target's logged-in session and remembered
 * grant; refresh and access tokens from exchanging those codes.
 */
import autocannon from 'autocannon';
import { authorizePath, codeFrom, exchangeCode, header, pkcePair } from './oauth.mjs';

/** `n` authorization codes for `client`, each with its own PKCE verifier. */
export async function mintCodes(target, client, n) {
  const codes = [];
  let refused = 0;
  const requests = [
    {
      method: 'GET',
      headers: { cookie: target.cookie },
      setupRequest(request, context) {
        const { verifier, challenge } = pkcePair();
        context.verifier = verifier;
        return { ...request, path: authorizePath(target, client, challenge, 'bench') };
      },
      onResponse(_status, _body, context, headers) {
        const answer = codeFrom(header(headers, 'location'));
        if (answer) codes.push({ code: answer.code, verifier: context.verifier });
        else refused++;
      },
    },
  ];
  await autocannon({ url: target.url, connections: Math.min(10, n), amount: n, requests, timeout: 20 });
  if (codes.length < n * 0.99) {
    throw new Error(`${target.label}: asked for ${n} codes, got ${codes.length} (${refused} answers without a code)`);
  }
  return codes;
}

/** Runs `work` on every item, `concurrency` at a time. */
async function inParallel(items, concurrency, work) {
  const results = [];
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return results;
}

/** `n` refresh tokens, each from a code of its own. */
export async function refreshTokens(target, client, n) {
  const codes = await mintCodes(target, client, n);
  const tokens = await inParallel(codes, 8, (code) => exchangeCode(target, client, code));
  return tokens.map((answer) => {
    if (!answer.refresh_token) throw new Error(`${target.label}: the code exchange returned no refresh token`);
    return answer.refresh_token;
  });
}

/** A fresh access token for `client`, through the code flow. */
export async function accessToken(target, client) {
  const [code] = await mintCodes(target, client, 1);
  return (await exchangeCode(target, client, code)).access_token;
}
