import { describe, expect, it } from 'vitest';
import { parseTokenFragment } from '../../web/src/lib/auth.ts';

describe('parseTokenFragment', () => {
  it('takes the token out of the fragment', () => {
    expect(parseTokenFragment('#token=abc.DEF-123')).toEqual({ token: 'abc.DEF-123', rest: '' });
  });

  it('keeps other fragment parameters', () => {
    expect(parseTokenFragment('#view=kiosk&token=t1&x=2')).toEqual({ token: 't1', rest: '#view=kiosk&x=2' });
  });

  it('decodes percent-encoded tokens', () => {
    expect(parseTokenFragment('#token=a%2Bb%3D')).toEqual({ token: 'a+b=', rest: '' });
  });

  it('leaves a fragment without a token alone', () => {
    expect(parseTokenFragment('')).toEqual({ token: null, rest: '' });
    expect(parseTokenFragment('#section')).toEqual({ token: null, rest: '#section' });
  });

  it('drops an empty token from the URL but returns none', () => {
    expect(parseTokenFragment('#token=')).toEqual({ token: null, rest: '' });
  });
});
