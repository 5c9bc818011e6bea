import { describe, expect, it } from '@jest/globals';
import { csrfVerdict, newCsrfToken, originAllowed, type CsrfRequest } from './csrf.js';

const publicBaseUrl = 'https://callbacks.example.jp/';
const token = newCsrfToken();
const cookieRequest: CsrfRequest = {
  method: 'POST',
  authenticatedBy: 'session',
  csrfCookie: token,
  csrfHeader: token,
  origin: 'https://callbacks.example.jp',
};

describe('csrfVerdict', () => {
  it('lets a cookie request change state with the matching token and our origin', () => {
    expect(csrfVerdict(cookieRequest, publicBaseUrl)).toEqual({ allowed: true });
    expect(csrfVerdict({ ...cookieRequest, origin: undefined }, publicBaseUrl)).toEqual({ allowed: true });
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post', 'PROPFIND'])('refuses %s without the token', (method) => {
    expect(csrfVerdict({ ...cookieRequest, method, csrfHeader: undefined }, publicBaseUrl)).toEqual({
      allowed: false,
      reason: 'missing-token',
    });
  });

  it('refuses a header token that differs from the cookie, or an empty pair', () => {
    expect(csrfVerdict({ ...cookieRequest, csrfHeader: newCsrfToken() }, publicBaseUrl)).toEqual({
      allowed: false,
      reason: 'token-mismatch',
    });
    expect(csrfVerdict({ ...cookieRequest, csrfHeader: `${token}x` }, publicBaseUrl)).toMatchObject({ allowed: false });
    expect(csrfVerdict({ ...cookieRequest, csrfHeader: '', csrfCookie: '' }, publicBaseUrl)).toEqual({
      allowed: false,
      reason: 'missing-token',
    });
    expect(csrfVerdict({ ...cookieRequest, csrfCookie: undefined }, publicBaseUrl)).toMatchObject({ allowed: false });
    expect(csrfVerdict({ ...cookieRequest, csrfHeader: [token, token] }, publicBaseUrl)).toMatchObject({
      allowed: false,
    });
  });

  it.each([
    'https://evil.example',
    'http://callbacks.example.jp',
    'https://callbacks.example.jp:8443',
    'https://sub.callbacks.example.jp',
    'null',
  ])('refuses a foreign Origin %s even with the right token', (origin) => {
    expect(csrfVerdict({ ...cookieRequest, origin }, publicBaseUrl)).toEqual({
      allowed: false,
      reason: 'foreign-origin',
    });
  });

  it('does not judge safe methods or requests authenticated by a bearer token', () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      expect(
        csrfVerdict({ ...cookieRequest, method, csrfHeader: undefined, origin: 'https://evil.example' }, publicBaseUrl),
      ).toEqual({
        allowed: true,
      });
    }
    expect(
      csrfVerdict(
        { ...cookieRequest, authenticatedBy: 'token', csrfHeader: undefined, csrfCookie: undefined },
        publicBaseUrl,
      ),
    ).toEqual({ allowed: true });
  });

  it('compares with the origin of PUBLIC_BASE_URL, whatever its path', () => {
    expect(originAllowed('http://localhost:3000', 'http://localhost:3000/orikaeshi/')).toBe(true);
    expect(originAllowed('http://localhost:3001', 'http://localhost:3000/orikaeshi/')).toBe(false);
    expect(originAllowed(undefined, 'http://localhost:3000')).toBe(true);
  });

  it('makes a new 256-bit token each time', () => {
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newCsrfToken()).not.toBe(token);
  });
});
