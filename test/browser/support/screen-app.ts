import { createServer } from 'node:net';
import type { Page } from 'playwright-core';
import { HttpClient } from '../../support/http-client.js';
import { startTestApp, type TestApp, type TestAppOptions } from '../../support/test-app.js';

/** A port the system just handed out, free again for the app (the app then listens on it at once). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The app serving its own screen, at an origin it knows (PUBLIC_BASE_URL): a signed-in browser's state-changing
 * requests carry `Origin`, which must be this service's.
 */
export async function startScreenApp(options: TestAppOptions = {}): Promise<TestApp> {
  const port = await freePort();
  return startTestApp({
    ...options,
    port,
    env: { PUBLIC_BASE_URL: `http://127.0.0.1:${port}`, ...options.env },
  });
}

export interface Person {
  name: string;
  /** What the person types to sign in (default the name; an email works too). */
  login?: string;
  password: string;
  roles: string[];
  /** The same account over the API (its token), to prepare what the test needs without the screen. */
  api: HttpClient;
}

let people = 0;

/** An account created by the admin through the API, with a password a person would type. */
export async function createPerson(
  app: TestApp,
  roles: string[],
  name = `利用者${++people}`,
  email: string | null = null,
): Promise<Person> {
  const password = `pass-${name}-${people}-long-enough`;
  const response = await app.admin.post('/accounts', { name, roles, email, password });
  if (response.status !== 201) throw new Error(`account not created: ${response.status} ${response.text}`);
  return { name, password, roles, api: new HttpClient(app.admin.baseUrl, response.body.token) };
}

/** Signs in through the サインイン page like a person, landing where `path` leads. */
export async function signIn(page: Page, person: Person, path = '/ui/callbacks'): Promise<void> {
  await page.goto(path);
  await page.getByLabel('アカウント名またはメールアドレス').fill(person.login ?? person.name);
  await page.getByLabel('パスワード').fill(person.password);
  await page.getByRole('button', { name: 'サインイン' }).click();
  await page.getByRole('banner').getByText(person.name).waitFor();
}
