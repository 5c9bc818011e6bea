import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Logger } from '@nestjs/common';
import { roles } from '#domain';
import {
  DemoRandom,
  demoAgents,
  demoBusinessLabels,
  demoCallCenters,
  demoCallerNumber,
  demoMemos,
  demoOurNumbers,
} from './demo-data.js';

const roleNames: Record<(typeof roles)[number], string> = {
  integration: 'デモ 電話連携',
  agent: 'デモ オペレーター',
  supervisor: 'デモ スーパーバイザー',
  auditor: 'デモ 監査担当',
  analyst: 'デモ 分析担当',
  admin: 'デモ 管理者',
};

type DemoTokens = Record<string, string>;

/** How a person signs in to the demo screen as each role (printed in the banner). */
export type DemoSignIns = Record<string, { login: string; password: string }>;

export interface DemoAccounts {
  tokens: DemoTokens;
  signIns: DemoSignIns;
}

const demoEmail = (role: string) => `${role}@demo.orikaeshi.local`;

/** Calls the running API as a client would; the demo set goes through the real commands. */
async function call(baseUrl: string, token: string, method: string, route: string, body?: unknown) {
  const response = await fetch(`${baseUrl}${route}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${route} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Fills a fresh data dir with a realistic demo set: accounts for every role, `count` callbacks over the
 * last 60 days in several centers (assigned, completed, with memos) and a few asynchronous searches.
 * A data dir that already has it just gets its tokens printed again.
 */
export async function seedDemo(
  baseUrl: string,
  adminToken: string,
  dataDir: string,
  count = 3000,
): Promise<DemoAccounts> {
  const logger = new Logger('demo');
  const tokensFile = path.join(dataDir, 'demo-tokens.json');
  const signInsFile = path.join(dataDir, 'demo-sign-ins.json');
  try {
    return {
      tokens: JSON.parse(await readFile(tokensFile, 'utf8')) as DemoTokens,
      signIns: JSON.parse(await readFile(signInsFile, 'utf8')) as DemoSignIns,
    };
  } catch {
    // not seeded yet
  }
  const tokens: DemoTokens = {};
  const signIns: DemoSignIns = {};
  for (const role of roles) {
    // A fresh password per data dir: the demo is reachable by whoever reaches its port.
    const password = `demo-${role}-${randomBytes(6).toString('base64url')}`;
    const account = await call(baseUrl, adminToken, 'POST', '/accounts', {
      name: roleNames[role],
      roles: [role],
      email: demoEmail(role),
      password,
    });
    tokens[role] = account.token;
    signIns[role] = { login: demoEmail(role), password };
  }
  const random = new DemoRandom();
  const now = Date.now();
  const sixtyDaysMs = 60 * 24 * 60 * 60 * 1000;
  for (let i = 0; i < count; i++) {
    const registeredAt = new Date(
      now - sixtyDaysMs + Math.floor((i / count) * sixtyDaysMs) + Math.floor(random.next() * 60_000),
    );
    const receivedAt = new Date(registeredAt.getTime() - Math.floor(random.next() * 5 * 60_000));
    const created = await call(baseUrl, tokens.integration, 'POST', '/callbacks', {
      requestId: `DEMO-${registeredAt.toISOString().slice(0, 10).replaceAll('-', '')}-${String(i).padStart(5, '0')}`,
      registeredAt: registeredAt.toISOString(),
      receivedAt: receivedAt.toISOString(),
      callCenter: random.pick(demoCallCenters),
      businessLabel: random.pick(demoBusinessLabels),
      callerNumber: demoCallerNumber(random),
      ourNumber: random.pick(demoOurNumbers),
    });
    const age = (now - registeredAt.getTime()) / sixtyDaysMs;
    const route = `/callbacks/${created.id}`;
    if (random.chance(0.55 + age * 0.4))
      await call(baseUrl, tokens.agent, 'POST', `${route}/assign`, { agent: random.pick(demoAgents) });
    if (random.chance(0.3)) await call(baseUrl, tokens.agent, 'PUT', `${route}/memo`, { memo: random.pick(demoMemos) });
    if (random.chance(age * 0.9)) await call(baseUrl, tokens.agent, 'POST', `${route}/complete`);
  }
  await seedAsyncSearches(baseUrl, tokens.supervisor);
  await writeFile(signInsFile, `${JSON.stringify(signIns, null, 2)}\n`, { mode: 0o600 });
  await writeFile(tokensFile, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
  logger.log({ message: 'demo data seeded', callbacks: count });
  return { tokens, signIns };
}

async function seedAsyncSearches(baseUrl: string, supervisorToken: string): Promise<void> {
  const requests = [
    { criteria: { callCenter: demoCallCenters[0] }, memo: '東京の月次報告用' },
    { criteria: { status: 'incomplete', agent: '-' }, memo: '未割り当ての未完了一覧' },
    { criteria: { businessLabel: '解約受付' }, memo: '解約受付の分析' },
  ];
  for (const request of requests) await call(baseUrl, supervisorToken, 'POST', '/async-searches', request);
}
