/** Agents, live: the wall's agent grid by query and by subscription. */
import { canRead, queueScope } from '../../auth/principal.ts';
import { ACTIVITIES } from '../../engine/agent.ts';
import { agentSnapshots, type AgentSlots, type AgentSnapshot } from '../../live/agent-snapshot.ts';
import { listenLive } from '../../live/pubsub.ts';
import { builder } from '../builder.ts';
import { visibleTenants, type GraphQLContext } from '../context.ts';
import './scalars.ts';

const ActivityEnum = builder.enumType('AgentActivity', {
  description: 'What an agent is doing: BUSY on a contact, in WRAPUP after one, AVAILABLE for the next, AWAY (with a reason) or OFFLINE.',
  values: ACTIVITIES.map((a) => a.toUpperCase()) as ['AVAILABLE', 'BUSY', 'WRAPUP', 'AWAY', 'OFFLINE'],
});

const SlotsRef = builder.objectRef<AgentSlots>('AgentSlots').implement({
  description: 'Contacts in progress on a channel against the slots the agent has there (chat 2/3).',
  fields: (t) => ({
    channel: t.exposeString('channel'),
    used: t.exposeInt('used'),
    capacity: t.exposeInt('capacity', { description: '0 when the agent never declared a capacity for the channel.' }),
  }),
});

const AgentRef = builder.objectRef<AgentSnapshot>('Agent').implement({
  description: 'An agent of a tenant as it is now.',
  fields: (t) => ({
    id: t.exposeID('id'),
    tenant: t.exposeID('tenant'),
    activity: t.field({ type: ActivityEnum, resolve: (a) => a.activity.toUpperCase() as Uppercase<typeof a.activity> }),
    reason: t.exposeString('reason', { nullable: true, description: 'The away reason (break, lunch…); null unless AWAY.' }),
    since: t.field({ type: 'DateTime', nullable: true, description: 'When the current activity began (event time).', resolve: (a) => a.since }),
    secondsInState: t.exposeFloat('secondsInState', { nullable: true, description: 'Seconds in the current activity at asOf: clients tick it from there.' }),
    inProgress: t.exposeInt('inProgress', { description: 'Contacts in progress, all channels.' }),
    slots: t.field({ type: [SlotsRef], resolve: (a) => a.slots }),
    queues: t.exposeIDList('queues', { description: 'Queues the agent serves and those of its contacts in progress.' }),
    asOf: t.field({ type: 'DateTime', resolve: (a) => a.asOf }),
  }),
});

interface AgentBatch {
  tenant: string;
  agents: AgentSnapshot[];
  full: boolean;
}

const AgentBatchRef = builder.objectRef<AgentBatch>('AgentBatch').implement({
  description: 'Agents of one tenant: every one of them (full) when a subscription starts, then those that changed.',
  fields: (t) => ({
    tenant: t.exposeID('tenant'),
    agents: t.field({ type: [AgentRef], resolve: (b) => b.agents }),
    full: t.exposeBoolean('full', { description: 'True: this is the whole tenant; agents not in it are not there.' }),
  }),
});

/**
 * The agents a caller may see of a tenant: all of them, but for a token narrowed to some queues
 * (a client embed) only the agents serving those, with only those queues listed.
 */
function visibleAgents(ctx: GraphQLContext, tenant: string, agents: AgentSnapshot[]): AgentSnapshot[] {
  const scope = queueScope(ctx.principal, tenant);
  if (scope === 'all') return agents;
  return agents.filter((a) => a.queues.some((q) => scope.has(q))).map((a) => ({ ...a, queues: a.queues.filter((q) => scope.has(q)) }));
}

async function readAgents(ctx: GraphQLContext, tenant: string): Promise<AgentSnapshot[]> {
  return visibleAgents(ctx, tenant, agentSnapshots(tenant, await ctx.services.store.agents(tenant), ctx.services.clock()));
}

builder.queryField('agents', (t) =>
  t.field({
    type: [AgentRef],
    description: "The agents the caller may see, or one tenant's, by tenant then id. Offline agents included.",
    args: { tenant: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const tenants = await visibleTenants(ctx, args.tenant == null ? null : String(args.tenant));
      return (await Promise.all(tenants.map((tn) => readAgents(ctx, tn)))).flat();
    },
  }),
);

/**
 * Every agent of each tenant first (one full batch per tenant), then the agents that changed,
 * coalesced per tick. The topic is listened to before the agents are read, so no change in
 * between is lost; an agent older than one already sent is left out.
 */
async function* agentUpdates(ctx: GraphQLContext, tenant: string | null): AsyncGenerator<AgentBatch> {
  const tenants = await visibleTenants(ctx, tenant);
  const p = ctx.principal;
  const it = listenLive(ctx.services.pubSub, 'agents', p, tenant, tenants);
  const pending = it.next(); // starts listening now
  const sentAt = new Map<string, number>();
  const fresh = (a: AgentSnapshot) => {
    const k = `${a.tenant}\u001f${a.id}`;
    if ((sentAt.get(k) ?? -Infinity) > a.asOf) return false;
    sentAt.set(k, a.asOf);
    return true;
  };
  try {
    for (const tn of tenants) {
      const agents = await readAgents(ctx, tn);
      for (const a of agents) fresh(a);
      yield { tenant: tn, agents, full: true };
    }
    for (let r = await pending; !r.done; r = await it.next()) {
      if (!canRead(p, r.value.tenant)) continue;
      const agents = visibleAgents(ctx, r.value.tenant, r.value.agents).filter(fresh);
      if (agents.length) yield { tenant: r.value.tenant, agents, full: false };
    }
  } finally {
    await it.return?.();
  }
}

builder.subscriptionField('agentsUpdated', (t) =>
  t.field({
    type: AgentBatchRef,
    description: 'Every agent of each tenant first (full), then the agents that changed, at most one batch per tenant per tick.',
    args: { tenant: t.arg.id() },
    subscribe: (_root, args, ctx) => agentUpdates(ctx, args.tenant == null ? null : String(args.tenant)),
    resolve: (b: AgentBatch) => b,
  }),
);
