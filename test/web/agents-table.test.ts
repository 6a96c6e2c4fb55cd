import { describe, expect, it } from 'vitest';
import type { GridAgent } from '../../web/src/lib/agent-grid.ts';
import { wireAgent } from '../helpers/agents.ts';
import {
  agentFilterSearch,
  AWAY_REASON_LIMIT_SECONDS,
  countAgents,
  DEFAULT_AGENT_FILTER,
  filterAgents,
  limitRules,
  limitText,
  overLimitAt,
  parseAgentFilter,
  queueOptions,
  sortAgents,
  STATE_LIMIT_SECONDS,
  stateLimitSeconds,
  type AgentFilter,
} from '../../web/src/lib/agents-table.ts';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const MIN = 60;

const agent = (id: string, activity: GridAgent['activity'], extra: Partial<GridAgent> = {}): GridAgent => ({
  ...wireAgent(id, activity, { queues: ['billing'] }),
  receivedAtMs: T0,
  ...extra,
});

const ids = (agents: readonly GridAgent[]) => agents.map((a) => a.id);

describe('limits', () => {
  it('flags away after 15 min and wrap-up after 5 min; lunch, training and meetings get an hour; busy and available never', () => {
    expect(STATE_LIMIT_SECONDS).toEqual({ AWAY: 15 * MIN, WRAPUP: 5 * MIN });
    expect(stateLimitSeconds({ activity: 'AWAY', reason: 'break' })).toBe(15 * MIN);
    expect(stateLimitSeconds({ activity: 'AWAY', reason: null })).toBe(15 * MIN);
    expect(stateLimitSeconds({ activity: 'AWAY', reason: 'dentist' })).toBe(15 * MIN);
    expect(stateLimitSeconds({ activity: 'AWAY', reason: 'lunch' })).toBe(60 * MIN);
    expect(stateLimitSeconds({ activity: 'WRAPUP', reason: null })).toBe(5 * MIN);
    expect(stateLimitSeconds({ activity: 'BUSY', reason: null })).toBeNull();
    expect(stateLimitSeconds({ activity: 'AVAILABLE', reason: null })).toBeNull();
    expect(stateLimitSeconds({ activity: 'OFFLINE', reason: null })).toBeNull();
    // A reason named like an Object.prototype member is free text, not a limit.
    expect(stateLimitSeconds({ activity: 'AWAY', reason: 'constructor' })).toBe(15 * MIN);
  });

  it('is over the limit only once the locally ticked time passes it', () => {
    const a = agent('ana', 'AWAY', { reason: 'break', secondsInState: 14 * MIN });
    expect(overLimitAt(a, T0)).toBeNull();
    expect(overLimitAt(a, T0 + 60_000)).toBeNull(); // exactly 15 min: not over yet
    expect(overLimitAt(a, T0 + 61_000)).toBe(15 * MIN);
    expect(overLimitAt(agent('bo', 'BUSY', { secondsInState: 5 * 3600 }), T0)).toBeNull();
    expect(overLimitAt(agent('cy', 'AWAY', { secondsInState: null }), T0 + 3600_000)).toBeNull();
  });

  it('says its limits in words', () => {
    expect(limitText(15 * MIN)).toBe('15 min');
    expect(limitText(60 * MIN)).toBe('1 h');
    expect(limitText(90 * MIN)).toBe('1 h 30 min');
    expect(limitRules()).toEqual([
      { activity: 'WRAPUP', reason: null, seconds: 5 * MIN },
      { activity: 'AWAY', reason: null, seconds: 15 * MIN },
      ...Object.entries(AWAY_REASON_LIMIT_SECONDS).map(([reason, seconds]) => ({ activity: 'AWAY', reason, seconds })),
    ]);
  });
});

describe('filterAgents', () => {
  const floor = [
    agent('ana', 'BUSY', { queues: ['billing', 'sales'] }),
    agent('bo', 'AWAY', { reason: 'break', secondsInState: 20 * MIN, queues: ['sales'] }),
    agent('cy', 'AWAY', { reason: 'lunch', secondsInState: 20 * MIN }),
    agent('di', 'OFFLINE', { queues: ['billing'] }),
    agent('ed', 'WRAPUP', { secondsInState: 6 * MIN, queues: ['claims'] }),
  ];
  const keep = (f: Partial<AgentFilter>) => ids(filterAgents(floor, { ...DEFAULT_AGENT_FILTER, ...f }, T0));

  it('keeps the signed-in agents by default, offline ones only when asked', () => {
    expect(keep({})).toEqual(['ana', 'bo', 'cy', 'ed']);
    expect(keep({ activity: 'OFFLINE' })).toEqual(['di']);
    expect(keep({ activity: 'AWAY' })).toEqual(['bo', 'cy']);
  });

  it('keeps the agents of a queue, and combines with the activity', () => {
    expect(keep({ queue: 'billing' })).toEqual(['ana', 'cy']);
    expect(keep({ queue: 'sales', activity: 'AWAY' })).toEqual(['bo']);
    expect(keep({ queue: 'nowhere' })).toEqual([]);
  });

  it('keeps those over their limit: a long break and a long wrap-up, not a lunch of 20 min', () => {
    expect(keep({ longOnly: true })).toEqual(['bo', 'ed']);
  });
});

describe('sortAgents', () => {
  it('puts the longest in state first, ties and unknown times by name', () => {
    const agents = [
      agent('agent-10', 'BUSY', { secondsInState: 30 }),
      agent('agent-2', 'AWAY', { secondsInState: 600 }),
      agent('agent-1', 'AVAILABLE', { secondsInState: 30 }),
      agent('zed', 'BUSY', { secondsInState: null }),
      agent('amy', 'BUSY', { secondsInState: null }),
    ];
    expect(ids(sortAgents(agents, 'time'))).toEqual(['agent-2', 'agent-1', 'agent-10', 'amy', 'zed']);
  });

  it('compares times at one instant, whenever each update arrived', () => {
    // 100 s in state when heard 60 s ago is 160 s now: longer than 150 s heard just now.
    const old = agent('old', 'AWAY', { secondsInState: 100, receivedAtMs: T0 - 60_000 });
    const fresh = agent('fresh', 'AWAY', { secondsInState: 150, receivedAtMs: T0 });
    expect(ids(sortAgents([fresh, old], 'time'))).toEqual(['old', 'fresh']);
  });

  it('sorts names as people read them (agent-2 before agent-10), without touching its input', () => {
    const agents = [agent('agent-10', 'BUSY'), agent('Bea', 'BUSY'), agent('agent-2', 'BUSY'), agent('ana', 'BUSY')];
    expect(ids(sortAgents(agents, 'name'))).toEqual(['agent-2', 'agent-10', 'ana', 'Bea']);
    expect(ids(agents)).toEqual(['agent-10', 'Bea', 'agent-2', 'ana']);
  });
});

describe('countAgents', () => {
  it('counts every activity, offline included, and those over their limit now', () => {
    const agents = [
      agent('a', 'BUSY'),
      agent('b', 'BUSY'),
      agent('c', 'WRAPUP', { secondsInState: 4 * MIN }),
      agent('d', 'AWAY', { reason: 'break', secondsInState: 16 * MIN }),
      agent('e', 'OFFLINE'),
    ];
    expect(countAgents(agents, T0)).toEqual({ counts: { BUSY: 2, WRAPUP: 1, AVAILABLE: 0, AWAY: 1, OFFLINE: 1 }, overLimit: 1 });
    // Two minutes on, the wrap-up has passed its 5 minutes too.
    expect(countAgents(agents, T0 + 2 * 60_000).overLimit).toBe(2);
  });
});

describe('queueOptions', () => {
  it('lists the named queues and any an agent serves without a name, by name', () => {
    const named = [
      { id: 'sales', name: 'Sales' },
      { id: 'billing', name: 'Billing' },
    ];
    const agents = [agent('a', 'BUSY', { queues: ['billing', 'vip'] })];
    expect(queueOptions(named, agents)).toEqual([
      { id: 'billing', name: 'Billing' },
      { id: 'sales', name: 'Sales' },
      { id: 'vip', name: 'vip' },
    ]);
  });
});

describe('the filter in the address', () => {
  it('reads what it wrote, and leaves defaults out', () => {
    const f: AgentFilter = { queue: 'billing', activity: 'WRAPUP', longOnly: true, sort: 'name' };
    const search = agentFilterSearch(f);
    expect(search).toEqual({ queue: 'billing', activity: 'wrapup', long: '1', sort: 'name' });
    expect(parseAgentFilter(search)).toEqual(f);
    expect(agentFilterSearch(DEFAULT_AGENT_FILTER)).toEqual({ queue: undefined, activity: undefined, long: undefined, sort: undefined });
  });

  it('falls back to the defaults for anything it does not know', () => {
    expect(parseAgentFilter({ activity: 'dancing', long: 'yes', sort: 'age' })).toEqual(DEFAULT_AGENT_FILTER);
    expect(parseAgentFilter({ activity: 'AWAY' })).toEqual(DEFAULT_AGENT_FILTER); // the address spells it lowercase
    expect(parseAgentFilter({ activity: 'away' }).activity).toBe('AWAY');
  });
});
