/** Configuration from the environment and the config file: wrong values stop the start, naming them. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, configFromEnv } from '../server/config.ts';
import { readConfigFile, tiersOf } from '../server/config-file.ts';
import { startApp, uniqueTenant } from './helpers/app.ts';
import { lifecycle } from './helpers/events.ts';

const file = (content: unknown) => {
  const path = join(mkdtempSync(join(tmpdir(), 'fb-config-')), 'floorboard.json');
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};

describe('configuration from the environment', () => {
  it('has defaults and a generated admin token', () => {
    const c = configFromEnv({});
    expect(c).toMatchObject({ port: 8080, redisUrl: null, redisPrefix: 'fb', dedupDays: 7, adminTokenGenerated: true });
    expect(c.adminToken.length).toBeGreaterThanOrEqual(16);
  });

  it('refuses wrong values, naming each', () => {
    expect(() => configFromEnv({ PORT: 'eighty', REDIS_URL: 'localhost:6379', ADMIN_TOKEN: 'short' })).toThrow(ConfigError);
    try {
      configFromEnv({ PORT: 'eighty', REDIS_URL: 'localhost:6379', ADMIN_TOKEN: 'short' });
    } catch (err) {
      expect((err as Error).message).toContain('PORT must be a number');
      expect((err as Error).message).toContain('REDIS_URL must look like redis://host:6379');
      expect((err as Error).message).toContain('ADMIN_TOKEN must be at least 16 characters');
    }
  });
});

describe('the config file', () => {
  it('refuses an invalid file, naming every bad field', () => {
    const path = file({ retentionDays: { SEC10: -1 }, tenants: [{ id: 'bad id', timeZone: 'Nowhere/Land', queues: [{ id: 'q', targetServiceLevel: 80 }] }] });
    expect(() => readConfigFile(path)).toThrow(/retentionDays.SEC10: SEC10 must be a positive number of days/);
    expect(() => readConfigFile(path)).toThrow(/tenants.0.id: id must match/);
    expect(() => readConfigFile(path)).toThrow(/tenants.0.timeZone: timeZone must be an IANA time zone/);
    expect(() => readConfigFile(path)).toThrow(/tenants.0.queues.0.targetServiceLevel/);
    expect(() => readConfigFile(file('{ not json'))).toThrow(ConfigError);
  });

  it('sets retention per resolution', () => {
    const tiers = tiersOf({ retentionDays: { SEC10: 1, MIN15: 400 } });
    expect(tiers.map((t) => [t.step, t.retentionMs / 86_400_000])).toEqual([
      ['SEC10', 1],
      ['MIN1', 14],
      ['MIN15', 400],
      ['HOUR1', 1827],
      ['DAY1', 1827],
    ]);
  });

  it('configures tenants and queues at start, and the retention of the buckets', async () => {
    const t = uniqueTenant();
    const path = file({
      retentionDays: { SEC10: 0.5 },
      tenants: [{ id: t, name: 'Acme Bank', timeZone: 'Europe/Madrid', queues: [{ id: 'cards', name: 'Cards', channel: 'voice', thresholdSeconds: 30, targetServiceLevel: 0.9 }] }],
    });
    const app = await startApp({ config: { configFile: path } });
    try {
      const tenants = await app.graphql('{ tenants { id name timeZone } }');
      expect(tenants.data.tenants).toContainEqual({ id: t, name: 'Acme Bank', timeZone: 'Europe/Madrid' });
      const yesterday = Date.now() - 20 * 3_600_000;
      await app.postEvents(lifecycle({ tenant: t, queue: 'cards', contact: 'c', queuedAt: yesterday, outcome: { kind: 'answered', after: 25, agent: 'a' } }));
      await app.settled();
      const r = await app.graphql(`query($t: ID!, $from: DateTime!, $to: DateTime!) {
        s: intervals(tenant: $t, queue: "cards", from: $from, to: $to, step: SEC10) { offered }
        m: intervals(tenant: $t, queue: "cards", from: $from, to: $to, step: MIN1) { offered answeredWithinThreshold label } }`, {
        t,
        from: new Date(yesterday - 60_000).toISOString(),
        to: new Date(yesterday + 60_000).toISOString(),
      });
      // 20 hours back is past the half-day retention of 10-second buckets, inside that of minutes.
      expect(r.data).toEqual({ s: [], m: [{ offered: 1, answeredWithinThreshold: 1, label: '90/30 · short abandons < 5 s excluded' }] });
    } finally {
      await app.close();
    }
  });
});
