import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Role, roles } from '#domain';
import type { HttpClient } from '../support/http-client.js';
import { registration, startTestApp, type TestApp } from '../support/test-app.js';

/**
 * Every route of the OpenAPI document against every role, from the matrix of api.md "Accounts and auth".
 * A route the document lists but this table does not is a failure: a new route must declare its roles
 * here (and in api.md) before it ships.
 */
type Access = { public: true } | { anyAccount: true } | { roles: readonly Role[] };

const integrationRegisters = ['integration', 'supervisor', 'admin'] as const;
const handles = ['agent', 'supervisor', 'admin'] as const;
const searches = ['agent', 'supervisor', 'auditor', 'analyst', 'admin'] as const;
const readsHistory = ['supervisor', 'auditor', 'admin'] as const;
const readsStats = ['supervisor', 'analyst', 'admin'] as const;
const administers = ['admin'] as const;
const uploadsRecordings = ['integration', 'admin'] as const;

const matrix: Record<string, Access> = {
  'GET /health': { public: true },
  'POST /callbacks': { roles: integrationRegisters },
  'POST /callbacks/{id}/assign': { roles: handles },
  'POST /callbacks/{id}/unassign': { roles: handles },
  'POST /callbacks/{id}/complete': { roles: handles },
  'POST /callbacks/{id}/reopen': { roles: handles },
  'PUT /callbacks/{id}/memo': { roles: handles },
  'GET /callbacks': { roles: searches },
  'GET /callbacks/choices': { roles: searches },
  'GET /callbacks/{id}': { roles: searches },
  'GET /callbacks.csv': { roles: searches },
  'GET /callbacks/{id}/history': { roles: readsHistory },
  'GET /stats/callbacks': { roles: readsStats },
  'POST /async-searches': { roles: searches },
  'GET /async-searches': { roles: searches },
  'GET /async-searches/{id}': { roles: searches },
  'DELETE /async-searches/{id}': { roles: searches },
  'GET /async-searches/{id}/download': { roles: searches },
  'POST /async-searches/{id}/retry': { roles: searches },
  'GET /settings': { roles: administers },
  'PUT /settings': { roles: administers },
  'POST /erasure-requests': { roles: administers },
  'GET /erasure-requests': { roles: administers },
  'POST /accounts': { roles: administers },
  'GET /accounts': { roles: administers },
  'GET /accounts/me': { anyAccount: true },
  'PATCH /accounts/me': { anyAccount: true },
  'GET /accounts/me/columns': { anyAccount: true },
  'PUT /accounts/me/columns': { anyAccount: true },
  'POST /recordings': { roles: uploadsRecordings },
  'GET /callbacks/{id}/recording': { roles: searches },
  'GET /recordings/bulk': { roles: administers },
  'PUT /accounts/me/password': { anyAccount: true },
  'PUT /accounts/{id}/password': { roles: administers },
  'POST /sessions': { public: true },
  'DELETE /sessions/current': { anyAccount: true },
  'GET /events': { anyAccount: true },
};

interface Operation {
  method: string;
  path: string;
}

const methods = ['get', 'post', 'put', 'patch', 'delete'];

function operationsOf(document: { paths: Record<string, Record<string, unknown>> }): Operation[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((method) => methods.includes(method))
      .map((method) => ({ method: method.toUpperCase(), path })),
  );
}

describe('role × route, from the OpenAPI document and the api.md matrix', () => {
  let t: TestApp;
  let operations: Operation[];
  const clients = new Map<Role, HttpClient>();
  let callbackId: string;

  beforeAll(async () => {
    t = await startTestApp({ exportWorker: false });
    const document = await t.anonymous.get('/docs-json');
    expect(document.status).toBe(200);
    operations = operationsOf(document.body);
    for (const role of roles) clients.set(role, (await t.createAccount([role], `${role} user`)).client);
    callbackId = (await t.admin.post('/callbacks', registration())).body.id;
    // Otherwise the bulk download refuses administrators too (403, the option is off).
    expect((await t.admin.put('/settings', { bulkRecordingDownload: true })).status).toBe(200);
  });
  afterAll(() => t.close());

  it('declares the roles of every route in the document, and of no route that is gone', () => {
    const documented = operations.map(({ method, path }) => `${method} ${path}`).sort();
    expect(documented.filter((route) => !(route in matrix))).toEqual([]);
    expect(Object.keys(matrix).filter((route) => !documented.includes(route))).toEqual([]);
  });

  // An empty body: allowed roles get past the role check (and may then be refused as invalid), others not.
  const call = (client: HttpClient, { method, path }: Operation) =>
    client.request<{ code?: string }>(
      method,
      path.replace('{id}', path.startsWith('/callbacks') ? callbackId : '00000000-0000-4000-8000-000000000000'),
      method === 'GET' || method === 'DELETE' ? undefined : {},
      {},
    );

  it('lets exactly the matrix roles through, refuses the others with 403 FORBIDDEN and strangers with 401', async () => {
    const mismatches: string[] = [];
    for (const operation of operations) {
      const access = matrix[`${operation.method} ${operation.path}`];
      const anonymous = await call(t.anonymous, operation);
      if ('public' in access) {
        // Public: no credentials needed (an empty sign-in body is still a 400, never a 401 or 403).
        if (anonymous.status === 401 || anonymous.status === 403 || anonymous.status >= 500)
          mismatches.push(`${operation.method} ${operation.path} anonymous: ${anonymous.status}`);
        continue;
      }
      if (anonymous.status !== 401 || anonymous.body.code !== 'UNAUTHENTICATED')
        mismatches.push(`${operation.method} ${operation.path} anonymous: ${anonymous.status}`);
      for (const role of roles) {
        const allowed = 'anyAccount' in access || access.roles.includes(role);
        const response = await call(clients.get(role)!, operation);
        const passed = response.status !== 401 && response.status !== 403 && response.status < 500;
        const refused = response.status === 403 && response.body.code === 'FORBIDDEN';
        if (allowed ? !passed : !refused)
          mismatches.push(
            `${operation.method} ${operation.path} ${role}: ${response.status} ${response.body.code ?? ''}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
  });
});
