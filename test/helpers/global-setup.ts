/**
 * One redis-server for the whole run. Tests that need it read `inject('redisUrl')`; an empty
 * string means there is none, which is allowed only outside CI (tests then skip, loudly).
 */
import type { TestProject } from 'vitest/node';
import { redisServerAvailable, startRedis, type RedisServer } from './redis-server.ts';

let server: RedisServer | undefined;

export async function setup(project: TestProject) {
  if (redisServerAvailable()) {
    server = await startRedis();
    project.provide('redisUrl', server.url);
  } else if (process.env.CI) {
    throw new Error('CI=true but redis-server is not installed: .ci/run must apt-get install redis-server');
  } else {
    console.warn('\n!!! redis-server not found: Redis tests will be SKIPPED (they must run in CI). apt-get install redis-server\n');
    project.provide('redisUrl', '');
  }
}

export async function teardown() {
  await server?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    redisUrl: string;
  }
}
