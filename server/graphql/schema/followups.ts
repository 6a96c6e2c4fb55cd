/**
 * Follow-ups: callbacks, escalations and promises with due times on business-hours clocks.
 * Mutations append contract events (followup.created / followup.updated) to the log, so what
 * the API does is as durable and idempotent as ingest, and folded by the same code.
 */
import { randomUUID } from 'node:crypto';
import { GraphQLError } from 'graphql';
import { listenLive } from '../../live/pubsub.ts';
import { FOLLOWUP_KINDS, FOLLOWUP_STATUSES, parseEvent, type FollowupCreated, type FollowupUpdated } from '../../../schema/events.ts';
import { canRead } from '../../auth/principal.ts';
import { bucketStart } from '../../engine/time.ts';
import { parseCalendar, WEEKDAYS } from '../../followups/calendar.ts';
import { applyFollowUpCreated, applyFollowUpUpdated, emptyFollowUp, type FollowUp, type FollowUpPolicy } from '../../followups/record.ts';
import { calendarOf, countFollowUps, viewFollowUp, type FollowUpCounts, type FollowUpView } from '../../followups/view.ts';
import { followUpViews } from '../../live/snapshot.ts';
import { recordAudit } from '../../audit/record.ts';
import { changes } from '../../audit/summary.ts';
import { builder } from '../builder.ts';
import { badInput, requireConfigure, requireRead, visibleTenants, type GraphQLContext } from '../context.ts';

const KindEnum = builder.enumType('FollowUpKind', { values: FOLLOWUP_KINDS.map((k) => k.toUpperCase()) as ['CALLBACK', 'ESCALATION', 'PROMISE'] });
const StatusEnum = builder.enumType('FollowUpStatus', {
  values: FOLLOWUP_STATUSES.map((s) => s.toUpperCase()) as ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER', 'DONE', 'CANCELLED'],
});
const WeekdayEnum = builder.enumType('Weekday', { values: WEEKDAYS });

const up = <T extends string>(s: T) => s.toUpperCase() as Uppercase<T>;
const down = <T extends string>(s: T) => s.toLowerCase() as Lowercase<T>;

const FollowUpRef = builder.objectRef<FollowUpView>('FollowUp').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    tenant: t.exposeID('tenant'),
    kind: t.field({ type: KindEnum, resolve: (f) => up(f.kind) }),
    status: t.field({ type: StatusEnum, resolve: (f) => up(f.clock.status) }),
    owner: t.exposeString('owner', { nullable: true }),
    queue: t.exposeID('queue', { nullable: true }),
    contact: t.exposeID('contact', { nullable: true }),
    priority: t.exposeInt('priority', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (f) => f.createdAt }),
    dueAt: t.field({ type: 'DateTime', description: 'Moves later while the clock is paused (WAITING_CUSTOMER).', resolve: (f) => f.clock.dueAt }),
    dueInSeconds: t.float({ description: 'Wall-clock seconds until due; negative once overdue.', resolve: (f) => f.clock.dueInSeconds }),
    businessSecondsLeft: t.float({ nullable: true, description: 'Clock time left on the policy target (business time when it counts business hours); null for an explicit due time.', resolve: (f) => f.clock.clockSecondsLeft }),
    overdue: t.boolean({ resolve: (f) => f.clock.overdue }),
    dueSoon: t.boolean({ resolve: (f) => f.clock.dueSoon }),
    metOnTime: t.boolean({ nullable: true, description: 'Once done: done at or before the due time.', resolve: (f) => f.clock.metOnTime }),
    paused: t.boolean({ resolve: (f) => f.clock.state === 'paused' }),
  }),
});

const EdgeRef = builder.objectRef<{ cursor: string; node: FollowUpView }>('FollowUpEdge').implement({
  fields: (t) => ({ cursor: t.exposeString('cursor'), node: t.field({ type: FollowUpRef, resolve: (e) => e.node }) }),
});
const PageInfoRef = builder.objectRef<{ hasNextPage: boolean; endCursor: string | null }>('PageInfo').implement({
  fields: (t) => ({ hasNextPage: t.exposeBoolean('hasNextPage'), endCursor: t.exposeString('endCursor', { nullable: true }) }),
});
const ConnectionRef = builder
  .objectRef<{ totalCount: number; edges: { cursor: string; node: FollowUpView }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } }>('FollowUpConnection')
  .implement({
    fields: (t) => ({
      totalCount: t.exposeInt('totalCount'),
      edges: t.field({ type: [EdgeRef], resolve: (c) => c.edges }),
      nodes: t.field({ type: [FollowUpRef], resolve: (c) => c.edges.map((e) => e.node) }),
      pageInfo: t.field({ type: PageInfoRef, resolve: (c) => c.pageInfo }),
    }),
  });

/** Cursors are positions in the filtered, due-time-ordered list, opaque to clients. */
const cursorOf = (i: number) => Buffer.from(`fu:${i}`).toString('base64url');
function positionOf(cursor: string): number {
  const m = /^fu:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('after', 'is not a cursor of this list');
  return Number(m[1]);
}

builder.queryField('followUps', (t) =>
  t.field({
    type: ConnectionRef,
    description: 'Follow-ups of a tenant, most urgent (earliest due) first.',
    args: {
      tenant: t.arg.id({ required: true }),
      status: t.arg({ type: [StatusEnum], description: 'Default: the open ones (OPEN, IN_PROGRESS, WAITING_CUSTOMER).' }),
      overdue: t.arg.boolean(),
      owner: t.arg.string(),
      queue: t.arg.id(),
      first: t.arg.int({ defaultValue: 50 }),
      after: t.arg.string(),
    },
    resolve: async (_root, args, ctx) => {
      const tenant = requireRead(ctx, String(args.tenant));
      const first = args.first ?? 50;
      if (first < 1 || first > 500) throw badInput('first', 'must be 1 to 500');
      const statuses = new Set((args.status ?? ['OPEN', 'IN_PROGRESS', 'WAITING_CUSTOMER']).map(down));
      const views = (await followUpViews(ctx.services.store, ctx.services.settings, tenant, ctx.services.clock()))
        .filter((f) => statuses.has(f.clock.status))
        .filter((f) => args.overdue == null || f.clock.overdue === args.overdue)
        .filter((f) => args.owner == null || f.owner === args.owner)
        .filter((f) => args.queue == null || f.queue === String(args.queue))
        .sort((a, b) => a.clock.dueAt - b.clock.dueAt || a.id.localeCompare(b.id));
      const start = args.after ? positionOf(args.after) + 1 : 0;
      const page = views.slice(start, start + first);
      const edges = page.map((node, i) => ({ cursor: cursorOf(start + i), node }));
      return { totalCount: views.length, edges, pageInfo: { hasNextPage: start + first < views.length, endCursor: edges[edges.length - 1]?.cursor ?? null } };
    },
  }),
);

const SummaryRef = builder.objectRef<FollowUpCounts>('FollowUpSummary').implement({
  fields: (t) => ({
    open: t.exposeInt('open'),
    dueSoon: t.exposeInt('dueSoon', { description: 'Open, due within 15 minutes, not overdue.' }),
    overdue: t.exposeInt('overdue'),
    metOnTimeRate: t.exposeFloat('metOnTimeRate', { nullable: true, description: 'Of those done today (tenant time zone): done before due / done.' }),
  }),
});

builder.queryField('followUpSummary', (t) =>
  t.field({
    type: SummaryRef,
    args: { tenant: t.arg.id({ required: true }), queue: t.arg.id() },
    resolve: async (_root, args, ctx) => {
      const tenant = requireRead(ctx, String(args.tenant));
      const now = ctx.services.clock();
      const zone = (await ctx.services.settings.tenant(tenant)).settings.timeZone;
      const views = await followUpViews(ctx.services.store, ctx.services.settings, tenant, now);
      return countFollowUps(args.queue == null ? views : views.filter((v) => v.queue === String(args.queue)), bucketStart(now, 'DAY1', zone));
    },
  }),
);

/** Append one follow-up event as the API's own and answer with the record it makes. */
async function applyEvent(ctx: GraphQLContext, event: FollowupCreated | FollowupUpdated): Promise<FollowUpView> {
  const checked = parseEvent(event, 0);
  if (!checked.ok) {
    const e = checked.errors[0]!;
    throw badInput(`input.${e.path}`, e.message);
  }
  const { store, settings, clock } = ctx.services;
  const config = await settings.tenant(event.tenant);
  const load = async () =>
    (await store.loadRecords(event.tenant, { visits: [], agents: [], followUps: [event.followup] })).followUps.get(event.followup) ?? emptyFollowUp(event.tenant, event.followup);
  let prev = await load();
  if (event.type === 'followup.updated' && prev.kind === null) {
    // Created a moment ago, perhaps, and not yet folded by the aggregator: let it catch up.
    for (let i = 0; i < 40 && (await store.backlog()) > 0; i++) await new Promise((r) => setTimeout(r, 50));
    prev = await load();
    if (prev.kind === null) throw badInput('id', `no follow-up ${event.followup} in tenant ${event.tenant}`);
  }
  try {
    await store.append(event.tenant, [checked.event]);
  } catch (err) {
    throw new GraphQLError(`event store unavailable (${(err as Error).message}); retry`, { extensions: { code: 'UNAVAILABLE' } });
  }
  // The aggregator folds the same event into the same record; answer with it now.
  const next: FollowUp = event.type === 'followup.created' ? applyFollowUpCreated(prev, event, config.settings.followUpPolicies ?? []) : applyFollowUpUpdated(prev, event);
  return viewFollowUp(next, calendarOf(config.settings), clock())!;
}

const CreateInput = builder.inputType('FollowUpInput', {
  fields: (t) => ({
    tenant: t.id({ required: true }),
    id: t.id({ description: 'Omit to have one made.' }),
    kind: t.field({ type: KindEnum, required: true }),
    contact: t.id(),
    queue: t.id(),
    owner: t.string(),
    priority: t.int(),
    note: t.string(),
    dueAt: t.field({ type: 'DateTime', description: 'An explicit due time; omit to take it from the tenant policy.' }),
  }),
});

const UpdateInput = builder.inputType('FollowUpUpdateInput', {
  fields: (t) => ({
    status: t.field({ type: StatusEnum }),
    owner: t.string(),
    note: t.string(),
    dueAt: t.field({ type: 'DateTime' }),
  }),
});

builder.mutationField('createFollowUp', (t) =>
  t.field({
    type: FollowUpRef,
    args: { input: t.arg({ type: CreateInput, required: true }) },
    resolve: (_root, { input }, ctx) => {
      const tenant = requireConfigure(ctx, String(input.tenant), 'manage the follow-ups');
      const now = ctx.services.clock();
      const event: FollowupCreated = {
        id: `api:${randomUUID()}`,
        type: 'followup.created',
        at: new Date(now).toISOString(),
        tenant,
        followup: input.id == null ? `fu-${randomUUID()}` : String(input.id),
        kind: down(input.kind),
        ...(input.contact != null ? { contact: String(input.contact) } : {}),
        ...(input.queue != null ? { queue: String(input.queue) } : {}),
        ...(input.owner != null ? { owner: input.owner } : {}),
        ...(input.priority != null ? { priority: input.priority } : {}),
        ...(input.note != null ? { note: input.note } : {}),
        ...(input.dueAt != null ? { dueAt: new Date(input.dueAt).toISOString() } : {}),
      };
      return applyEvent(ctx, event);
    },
  }),
);

builder.mutationField('updateFollowUp', (t) =>
  t.field({
    type: FollowUpRef,
    description: 'Change status (the clock pauses while WAITING_CUSTOMER), owner, note or due time.',
    args: { tenant: t.arg.id({ required: true }), id: t.arg.id({ required: true }), input: t.arg({ type: UpdateInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const tenant = requireConfigure(ctx, String(args.tenant), 'manage the follow-ups');
      const i = args.input;
      const event: FollowupUpdated = {
        id: `api:${randomUUID()}`,
        type: 'followup.updated',
        at: new Date(ctx.services.clock()).toISOString(),
        tenant,
        followup: String(args.id),
        ...(i.status != null ? { status: down(i.status) } : {}),
        ...(i.owner != null ? { owner: i.owner } : {}),
        ...(i.note != null ? { note: i.note } : {}),
        ...(i.dueAt != null ? { dueAt: new Date(i.dueAt).toISOString() } : {}),
      };
      const view = await applyEvent(ctx, event);
      // Assignments and closings are a supervisor's acts worth a trace; other edits are work.
      if (i.owner != null) await recordAudit(ctx, 'FOLLOWUP_ASSIGNED', { tenant, target: event.followup, summary: { owner: i.owner } });
      if (i.status === 'DONE' || i.status === 'CANCELLED') {
        await recordAudit(ctx, i.status === 'DONE' ? 'FOLLOWUP_COMPLETED' : 'FOLLOWUP_CANCELLED', { tenant, target: event.followup, summary: { overdue: view.clock.overdue } });
      }
      return view;
    },
  }),
);

const PolicyInput = builder.inputType('FollowUpPolicyInput', {
  fields: (t) => ({
    kind: t.field({ type: KindEnum, required: true }),
    priority: t.int({ description: 'Omit for every priority of the kind.' }),
    dueMinutes: t.int({ required: true }),
    businessHours: t.boolean({ required: true, description: 'Count dueMinutes on the tenant calendar (setBusinessHours), else on the plain clock.' }),
  }),
});

const PolicyRef = builder.objectRef<FollowUpPolicy>('FollowUpPolicy').implement({
  fields: (t) => ({
    kind: t.field({ type: KindEnum, resolve: (p) => up(p.kind) }),
    priority: t.exposeInt('priority', { nullable: true }),
    dueMinutes: t.exposeInt('dueMinutes'),
    businessHours: t.exposeBoolean('businessHours'),
  }),
});

builder.mutationField('setFollowUpPolicy', (t) =>
  t.field({
    type: [PolicyRef],
    description: "Set the due time of a kind (and priority) of follow-up; answers the tenant's policies. New follow-ups take it; existing ones keep theirs.",
    args: { tenant: t.arg.id({ required: true }), input: t.arg({ type: PolicyInput, required: true }) },
    resolve: async (_root, { tenant: tn, input }, ctx) => {
      const tenant = requireConfigure(ctx, String(tn));
      if (input.dueMinutes < 1 || input.dueMinutes > 525_600) throw badInput('input.dueMinutes', 'must be 1 to 525600 (a year)');
      const policy: FollowUpPolicy = { kind: down(input.kind), priority: input.priority ?? null, dueMinutes: input.dueMinutes, businessHours: input.businessHours };
      const current = (await ctx.services.settings.tenant(tenant)).settings.followUpPolicies ?? [];
      const followUpPolicies = [...current.filter((p) => !(p.kind === policy.kind && p.priority === policy.priority)), policy];
      await ctx.services.store.setTenantSettings(tenant, { followUpPolicies });
      await ctx.services.settingsChanged(tenant);
      const was = current.find((p) => p.kind === policy.kind && p.priority === policy.priority) ?? null;
      await recordAudit(ctx, 'FOLLOWUP_POLICY_CHANGED', { tenant, target: tenant, summary: { ...policy, was } });
      return followUpPolicies;
    },
  }),
);

const HoursInput = builder.inputType('WeeklyHoursInput', {
  fields: (t) => ({
    day: t.field({ type: WeekdayEnum, required: true }),
    open: t.string({ required: true, description: 'HH:MM local time' }),
    close: t.string({ required: true, description: 'HH:MM local time, or 24:00' }),
  }),
});

const BusinessHoursInput = builder.inputType('BusinessHoursInput', {
  fields: (t) => ({
    timeZone: t.string({ required: true }),
    weekly: t.field({ type: [HoursInput], required: true }),
    holidays: t.stringList({ description: 'Local dates YYYY-MM-DD', defaultValue: [] }),
  }),
});

const BusinessHoursRef = builder.objectRef<{ timeZone: string; weekly: readonly { day: (typeof WEEKDAYS)[number]; open: string; close: string }[]; holidays: readonly string[] }>('BusinessHours').implement({
  fields: (t) => ({
    timeZone: t.exposeString('timeZone'),
    weekly: t.field({
      type: [builder.objectRef<{ day: (typeof WEEKDAYS)[number]; open: string; close: string }>('WeeklyHours').implement({
        fields: (u) => ({ day: u.field({ type: WeekdayEnum, resolve: (w) => w.day }), open: u.exposeString('open'), close: u.exposeString('close') }),
      })],
      resolve: (b) => [...b.weekly],
    }),
    holidays: t.stringList({ resolve: (b) => [...b.holidays] }),
  }),
});

builder.mutationField('setBusinessHours', (t) =>
  t.field({
    type: BusinessHoursRef,
    description: 'The calendar follow-up policies with businessHours count on.',
    args: { tenant: t.arg.id({ required: true }), input: t.arg({ type: BusinessHoursInput, required: true }) },
    resolve: async (_root, { tenant: tn, input }, ctx) => {
      const tenant = requireConfigure(ctx, String(tn));
      const parsed = parseCalendar({ timeZone: input.timeZone, weekly: input.weekly, holidays: input.holidays ?? [] });
      if (!parsed.ok) throw badInput(`input.${parsed.problems[0]!.field}`, parsed.problems.map((p) => `${p.field}: ${p.message}`).join('; '));
      const { timeZone, weekly, holidays } = parsed.calendar;
      const businessHours = { timeZone, weekly: [...weekly], holidays: [...holidays] };
      const before = (await ctx.services.settings.tenant(tenant)).settings.businessHours ?? null;
      await ctx.services.store.setTenantSettings(tenant, { businessHours });
      await ctx.services.settingsChanged(tenant);
      await recordAudit(ctx, 'BUSINESS_HOURS_CHANGED', { tenant, target: tenant, summary: changes(before, businessHours) });
      return businessHours;
    },
  }),
);

builder.subscriptionField('followUpChanged', (t) =>
  t.field({
    type: FollowUpRef,
    args: { tenant: t.arg.id() },
    subscribe: async (_root, args, ctx) => {
      const tenant = args.tenant == null ? null : String(args.tenant);
      const it = listenLive(ctx.services.pubSub, 'followUps', ctx.principal, tenant, await visibleTenants(ctx, tenant));
      return (async function* () {
        try {
          for (let r = await it.next(); !r.done; r = await it.next()) {
            const f = r.value;
            if (!canRead(ctx.principal, f.tenant)) continue;
            const config = await ctx.services.settings.tenant(f.tenant);
            const v = viewFollowUp(f, calendarOf(config.settings), ctx.services.clock());
            if (v) yield v;
          }
        } finally {
          await it.return?.();
        }
      })();
    },
    resolve: (v: FollowUpView) => v,
  }),
);
