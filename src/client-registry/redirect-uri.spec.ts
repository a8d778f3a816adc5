import { describe, expect, it } from '@jest/globals';
import { redirectUriProblem } from './redirect-uri.js';

describe('redirectUriProblem: registered redirect URIs are absolute, fragment-free, wildcard-free and https unless loopback (RFC 6749 section 3.1.2, RFC 9700 section 2.6, RFC 8252 section 7.3)', () => {
  it.each([
    'https://app.example.test/callback',
    'https://app.example.test:8443/cb?tenant=1',
    'http://localhost/callback',
    'http://localhost:5173/callback',
    'http://127.0.0.1:8080/callback',
    'http://[::1]:8080/callback',
  ])('accepts %s', (uri) => {
    expect(redirectUriProblem(uri)).toBeNull();
  });

  it.each([
    ['a relative URI', '/callback', 'absolute'],
    ['a host without scheme', 'app.example.test/callback', 'absolute'],
    ['a fragment', 'https://app.example.test/callback#done', 'fragment'],
    ['an empty fragment', 'https://app.example.test/callback#', 'fragment'],
    ['a wildcard in the path', 'https://app.example.test/callbacks/*', 'wildcard'],
    ['plain http to a remote host', 'http://app.example.test/callback', 'https'],
    ['plain http to a host that only starts with localhost', 'http://localhost.attacker.test/callback', 'https'],
    ['plain http to a host that only starts with 127.0.0.1', 'http://127.0.0.1.attacker.test/callback', 'https'],
    ['a javascript: URI', 'javascript:alert(1)', 'https'],
    ['a data: URI', 'data:text/html,hi', 'https'],
    ['a custom scheme', 'com.example.app:/callback', 'https'],
  ])('refuses %s, saying why', (_, uri, reason) => {
    const problem = redirectUriProblem(uri);
    expect(problem).toContain(reason);
    expect(problem).toContain(uri);
  });
});
