import { describe, expect, it } from '@jest/globals';
import { formatScope, isSubset, parseScope } from './scope.js';

describe('scope: a space-delimited, case-sensitive list of scope tokens (RFC 6749 section 3.3)', () => {
  describe('parseScope', () => {
    it.each([undefined, '', ' ', '   '])('reads %j as no scope', (scope) => {
      expect(parseScope(scope)).toEqual([]);
    });

    it('splits on spaces, keeping order', () => {
      expect(parseScope('openid notes:read profile')).toEqual(['openid', 'notes:read', 'profile']);
    });

    it('ignores leading, trailing and repeated spaces', () => {
      expect(parseScope('  openid   profile ')).toEqual(['openid', 'profile']);
    });

    it('drops repeated tokens', () => {
      expect(parseScope('openid profile openid')).toEqual(['openid', 'profile']);
    });

    it('keeps tokens that differ only in case apart', () => {
      expect(parseScope('openid OpenID')).toEqual(['openid', 'OpenID']);
    });

    it('splits only on the space character (a tab is not a delimiter)', () => {
      expect(parseScope('openid\tprofile')).toEqual(['openid\tprofile']);
    });
  });

  describe('formatScope', () => {
    it('joins with single spaces', () => {
      expect(formatScope(['openid', 'notes:read'])).toBe('openid notes:read');
      expect(formatScope([])).toBe('');
    });

    it('round-trips with parseScope', () => {
      expect(parseScope(formatScope(['a', 'b:c', 'd']))).toEqual(['a', 'b:c', 'd']);
    });
  });

  describe('isSubset', () => {
    const granted = ['openid', 'profile', 'notes:read'];

    it('is true when every requested scope is allowed, in any order', () => {
      expect(isSubset(['notes:read', 'openid'], granted)).toBe(true);
      expect(isSubset(granted, granted)).toBe(true);
      expect(isSubset([], granted)).toBe(true);
    });

    it('is false when any requested scope is not allowed', () => {
      expect(isSubset(['openid', 'notes:write'], granted)).toBe(false);
      expect(isSubset(['OPENID'], granted)).toBe(false);
      expect(isSubset(['openid'], [])).toBe(false);
    });
  });
});
