import { describe, expect, it } from '@jest/globals';
import { routableUrl } from './routable-url.js';

describe('routableUrl', () => {
  it.each(['/oauth/token', '/oauth/interaction/abc%20def', '/oauth/authorize?state=%zz', '/%00'])(
    'leaves %s as it is',
    (url) => expect(routableUrl(url)).toBe(url),
  );

  it.each([
    ['/oauth/token/%zz', '/oauth/token/%25zz'],
    ['/oauth/token/%C3%28', '/oauth/token/%25C3%2528'],
    ['/api/notes/%?q=%zz', '/api/notes/%25?q=%zz'],
  ])('takes the %% signs of %s literally: %s, the query unchanged', (url, routable) => {
    expect(routableUrl(url)).toBe(routable);
    expect(() => decodeURIComponent(routable.split('?')[0]!)).not.toThrow();
  });
});
