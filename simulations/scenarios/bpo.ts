/**
 * "bpo": an outsourcer's floor serving three client accounts in three time zones, at demo
 * scale: 15 queues over voice, chat, email and callbacks in English, Spanish and Filipino,
 * 86 agents, with what makes a floor real: skills (agents serve one queue or several),
 * tier-2 escalations that open follow-ups, callbacks offered to waiting callers and owed to
 * those who hung up, Filipino callers overflowing to the English line, tier 2 helping tier 1
 * with long waits, breaks, part-timers on weekday peak shifts, and weekly as well as intraday
 * arrival curves.
 *
 * Staffing is set for a typical daytime load: service levels sit around target mid-morning,
 * dip at the intraday peaks (abandons, callbacks and overflows show up) and recover at night.
 */
import type { AgentSpec, BreakPlan, Capacity, IntradayProfile, QueueSpec, Scenario, Shift, TenantSpec, WeeklyProfile } from '../scenario.ts';

export type {
  AgentSpec,
  BreakKind,
  BreakPlan,
  Capacity,
  Channel,
  Duration,
  IntradayProfile,
  QueueSpec,
  Range,
  Scenario,
  Shift,
  TenantSpec,
  WeeklyProfile,
} from '../scenario.ts';

const tenants = [
  { id: 'northwind', name: 'Northwind Telecom', timeZone: 'America/New_York' },
  { id: 'globex', name: 'Globex Bank', timeZone: 'Europe/Madrid' },
  { id: 'initech', name: 'Initech Retail', timeZone: 'Asia/Manila' },
] as const satisfies readonly TenantSpec[];

type TenantId = (typeof tenants)[number]['id'];

// Local-time arrival curves (index = hour of the tenant's day). Floors at ~0.5 keep the board
// alive whatever the hour the demo is started; the peaks push queues past their staffing.
const VOICE_DAY: IntradayProfile = [
  0.6, 0.55, 0.5, 0.5, 0.5, 0.55, 0.65, 0.8, 1.0, 1.2, 1.3, 1.25, 1.1, 1.1, 1.2, 1.25, 1.15, 1.0, 0.9, 0.85, 0.8, 0.75, 0.7, 0.65,
];
const CHAT_EVENING: IntradayProfile = [
  0.7, 0.6, 0.55, 0.5, 0.5, 0.55, 0.6, 0.7, 0.85, 1.0, 1.05, 1.05, 1.1, 1.1, 1.05, 1.05, 1.05, 1.1, 1.2, 1.3, 1.3, 1.15, 1.0, 0.85,
];
const EMAIL_FLAT: IntradayProfile = [
  0.8, 0.75, 0.7, 0.7, 0.7, 0.75, 0.85, 0.95, 1.1, 1.2, 1.2, 1.15, 1.1, 1.1, 1.15, 1.15, 1.1, 1.05, 1.0, 0.95, 0.9, 0.9, 0.85, 0.85,
];

/** Weekday factors (Monday first): Monday's backlog, a quiet Sunday. */
const WEEK: WeeklyProfile = [1.15, 1.05, 1.0, 1.0, 1.05, 0.85, 0.7];

/**
 * A hand-made sample with the shape patience has on card lines: a few hang up within seconds,
 * most within two or three minutes, a long tail of the patient. Drawn as an empirical distribution.
 */
const CARD_LINE_PATIENCE = [4, 9, 15, 22, 30, 38, 47, 58, 70, 84, 100, 118, 140, 165, 195, 230, 275, 330, 420, 600];

/** Defaults per channel; each queue overrides what makes it itself. */
function voice(tenant: TenantId, id: string, name: string, language: string, arrivalsPerHour: number, talkSeconds: number, rules: Partial<QueueSpec> = {}): QueueSpec {
  return {
    tenant,
    id,
    name,
    channel: 'voice',
    language,
    arrivalsPerHour,
    intraday: VOICE_DAY,
    weekly: WEEK,
    talk: { dist: 'lognormal', meanSeconds: talkSeconds, cv: 1.2 },
    wrap: { dist: 'lognormal', meanSeconds: 30, cv: 0.5 },
    patience: { dist: 'exponential', meanSeconds: 120 },
    // Callers still waiting after 2 minutes are sent to voicemail. Most who wait that long
    // have hung up by then (patience averages 2 minutes), so this stays a small share.
    overflowAfterSeconds: 120,
    serviceLevelSeconds: 20,
    ...rules,
  };
}

function chat(tenant: TenantId, id: string, name: string, language: string, arrivalsPerHour: number, talkSeconds: number): QueueSpec {
  return {
    tenant,
    id,
    name,
    channel: 'chat',
    language,
    arrivalsPerHour,
    intraday: CHAT_EVENING,
    weekly: WEEK,
    talk: { dist: 'lognormal', meanSeconds: talkSeconds, cv: 1.0 },
    wrap: { dist: 'lognormal', meanSeconds: 20, cv: 0.5 },
    // Chat customers keep the window open a while; a few give up early, some wait long.
    patience: { dist: 'lognormal', meanSeconds: 300, cv: 1.0 },
    overflowAfterSeconds: null,
    serviceLevelSeconds: 60,
  };
}

function email(tenant: TenantId, id: string, name: string, language: string, arrivalsPerHour: number, talkSeconds: number): QueueSpec {
  return {
    tenant,
    id,
    name,
    channel: 'email',
    language,
    arrivalsPerHour,
    intraday: EMAIL_FLAT,
    talk: { dist: 'lognormal', meanSeconds: talkSeconds, cv: 0.8 },
    wrap: { dist: 'lognormal', meanSeconds: 60, cv: 0.5 },
    // An email never hangs up.
    patience: null,
    overflowAfterSeconds: null,
    serviceLevelSeconds: 86_400,
  };
}

/** Tier 2: no calls of its own, only escalations from tier 1; escalated customers go first. */
function tier2(tenant: TenantId, id: string, name: string, language: string, talkSeconds: number): QueueSpec {
  return {
    ...voice(tenant, id, name, language, 0, talkSeconds),
    talk: { dist: 'lognormal', meanSeconds: talkSeconds, cv: 0.8 },
    wrap: { dist: 'lognormal', meanSeconds: 90, cv: 0.5 },
    // Someone told "a specialist will take your call" waits longer.
    patience: { dist: 'exponential', meanSeconds: 400 },
    overflowAfterSeconds: null,
    priority: 1,
    serviceLevelSeconds: 30,
  };
}

/**
 * Outbound callbacks: a contact appears here when the dialer gets to a callback owed. Nobody
 * hangs up in this line; its agents serve it only when their inbound queues are empty.
 */
function callbacks(tenant: TenantId, id: string, name: string, language: string): QueueSpec {
  return {
    tenant,
    id,
    name,
    channel: 'callback',
    language,
    arrivalsPerHour: 0,
    talk: { dist: 'lognormal', meanSeconds: 200, cv: 1.0 },
    wrap: { dist: 'lognormal', meanSeconds: 30, cv: 0.5 },
    patience: null,
    overflowAfterSeconds: null,
    priority: -1,
    // Called back within 15 minutes of the dialer queueing the callback.
    serviceLevelSeconds: 900,
  };
}

const queues: readonly QueueSpec[] = [
  voice('northwind', 'billing-en', 'Billing (English)', 'en', 80, 240, {
    // Callers waiting a minute are offered a callback; tier 2 helps out with calls waiting a minute.
    callback: { toQueue: 'callbacks-en', offerAfterSeconds: 60, acceptShare: 0.3, abandonedShare: 0.3, delayMinutes: [5, 30] },
    escalation: { toQueue: 'billing-t2', share: 0.05, resolveMinutes: [0, 180] },
    expand: { afterSeconds: 60, queues: ['billing-t2'] },
  }),
  voice('northwind', 'billing-es', 'Billing (Spanish)', 'es', 60, 270),
  chat('northwind', 'support-chat', 'Support chat', 'en', 50, 420),
  email('northwind', 'northwind-email', 'Northwind email', 'en', 20, 600),
  tier2('northwind', 'billing-t2', 'Billing tier 2', 'en', 420),
  callbacks('northwind', 'callbacks-en', 'Callbacks (English)', 'en'),

  voice('globex', 'tarjetas-es', 'Tarjetas (Spanish)', 'es', 80, 250, {
    patience: { dist: 'empirical', seconds: CARD_LINE_PATIENCE },
    callback: { toQueue: 'devoluciones', offerAfterSeconds: 90, acceptShare: 0.25, abandonedShare: 0.2, delayMinutes: [10, 45] },
    escalation: { toQueue: 'fraude-t2', share: 0.04, resolveMinutes: [30, 480] },
  }),
  voice('globex', 'cards-en', 'Cards (English)', 'en', 50, 240),
  chat('globex', 'banca-chat', 'Banca online chat', 'es', 45, 420),
  email('globex', 'globex-email', 'Globex email', 'es', 25, 540),
  tier2('globex', 'fraude-t2', 'Fraude (tier 2)', 'es', 480),
  callbacks('globex', 'devoluciones', 'Devolución de llamadas', 'es'),

  voice('initech', 'orders-en', 'Orders (English)', 'en', 90, 220),
  // Filipino callers waiting a minute move to the English line (Manila agents speak both).
  voice('initech', 'orders-fil', 'Orders (Filipino)', 'fil', 50, 240, { overflowAfterSeconds: null, overflow: { afterSeconds: 60, toQueue: 'orders-en' } }),
  chat('initech', 'help-chat', 'Help chat', 'fil', 55, 400),
];

/** Short breaks every 40-60 minutes of availability; now and then lunch or coaching instead. */
const FLOOR_BREAKS: BreakPlan = {
  everyMinutes: [40, 60],
  kinds: [
    { reason: 'break', weight: 8, minutes: [5, 10] },
    { reason: 'lunch', weight: 1, minutes: [20, 30] },
    { reason: 'coaching', weight: 1, minutes: [10, 15] },
  ],
};

const VOICE: Capacity = { voice: 1 };
const CHAT: Capacity = { chat: 3 };
const EMAIL: Capacity = { email: 1 };

/** A team: agents with the same queues and capacity. Ids are readable: the board shows them. */
function team(tenant: TenantId, names: readonly string[], queueIds: readonly string[], capacity: Capacity, shift?: Shift): AgentSpec[] {
  return names.map((name) => ({
    tenant,
    id: name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.'),
    name,
    queues: queueIds,
    capacity,
    breaks: FLOOR_BREAKS,
    ...(shift === undefined ? {} : { shift }),
  }));
}

// Part-timers cover the weekday peaks of the busiest lines, in the client's local time; the
// rest of the floor stands for a rota that is always staffed.
const MORNING: Shift = { start: '09:00', hours: 5, days: [1, 2, 3, 4, 5] };
const AFTERNOON: Shift = { start: '13:30', hours: 5, days: [1, 2, 3, 4, 5] };

const agents: readonly AgentSpec[] = [
  // Northwind: English and Spanish billing lines, bilingual agents in between, tier 2 behind
  // the English line, and the English team returning calls when its line is quiet.
  ...team('northwind', ['Emily Carter', 'James Miller', 'Olivia Brooks', 'Michael Reed', 'Sophia Turner', 'Daniel Hayes', 'Ava Collins'], ['billing-en', 'callbacks-en'], VOICE),
  ...team('northwind', ['Carlos Rivera', 'Isabel Ortiz', 'Miguel Santos', 'Lucia Ramos', 'Diego Vargas'], ['billing-en', 'billing-es'], VOICE),
  ...team('northwind', ['Jose Hernandez', 'Maria Lopez', 'Ana Torres', 'Luis Garcia', 'Rosa Morales'], ['billing-es'], VOICE),
  ...team('northwind', ['Noah Bennett', 'Grace Kim', 'Ethan Price', 'Chloe Ward'], ['support-chat'], CHAT),
  ...team('northwind', ['Henry Foster', 'Lily Chen', 'Samuel Ross', 'Zoe Parker', 'Owen Murphy'], ['northwind-email'], EMAIL),
  ...team('northwind', ['Rachel Adams', 'Victor Lee', 'Nora Scott'], ['billing-t2'], VOICE),
  ...team('northwind', ['Tyler Brooks'], ['billing-en', 'callbacks-en'], VOICE, MORNING),
  ...team('northwind', ['Megan Cole'], ['billing-en', 'callbacks-en'], VOICE, AFTERNOON),
  ...team('northwind', ['Pedro Alvarez'], ['billing-en', 'billing-es'], VOICE, MORNING),

  // Globex: Spanish cards line first (returning calls when quiet, fraud cases to tier 2),
  // English for expats, online-banking chat and email.
  ...team('globex', ['Lucía Fernández', 'Javier Martín', 'Carmen Ruiz', 'Pablo Sánchez', 'Elena Gómez', 'Sergio Díaz', 'Marta Navarro', 'Raúl Moreno'], ['tarjetas-es', 'devoluciones'], VOICE),
  ...team('globex', ['Laura Jiménez', 'David Romero', 'Sara Alonso', 'Andrés Gil'], ['tarjetas-es', 'cards-en'], VOICE),
  ...team('globex', ['Thomas Wright', 'Hannah Green', 'Peter Clark', 'Emma Hughes'], ['cards-en'], VOICE),
  ...team('globex', ['Irene Castro', 'Álvaro Ortega', 'Nuria Vidal', 'Hugo Serrano'], ['banca-chat'], CHAT),
  ...team('globex', ['Cristina Molina', 'Adrián Delgado', 'Paula Herrero', 'Diego Rubio', 'Alba Marín', 'Iván Peña'], ['globex-email'], EMAIL),
  ...team('globex', ['Beatriz Prieto', 'Óscar Lozano'], ['fraude-t2'], VOICE),
  ...team('globex', ['Rocío Cano'], ['tarjetas-es', 'devoluciones'], VOICE, MORNING),
  ...team('globex', ['Jorge Vega'], ['tarjetas-es', 'devoluciones'], VOICE, AFTERNOON),

  // Initech: English and Filipino order lines (Filipino callers overflow to English), Filipino help chat.
  ...team('initech', ['Angelo Reyes', 'Patricia Cruz', 'Mark Bautista', 'Kristine Garcia', 'John Mendoza', 'Camille Flores', 'Paolo Villanueva'], ['orders-en'], VOICE),
  ...team('initech', ['Maricel Santos', 'Jerome Aquino', 'Rowena Castillo', 'Jasmine Ramos', 'Rommel Dela Cruz'], ['orders-en', 'orders-fil'], VOICE),
  ...team('initech', ['Nenita Pascual', 'Ramon Navarro', 'Liza Salazar', 'Lorna Abad'], ['orders-fil'], VOICE),
  ...team('initech', ['Bea Lim', 'Carlo Tan', 'Joy Manalo', 'Miguel Soriano', 'Kyla Santiago'], ['help-chat'], CHAT),
  ...team('initech', ['Ronaldo Perez', 'Grace Dizon'], ['orders-en', 'orders-fil'], VOICE, MORNING),
  ...team('initech', ['Arnel Ocampo'], ['orders-en'], VOICE, AFTERNOON),
];

export const bpo: Scenario = {
  name: 'bpo',
  description:
    'A BPO floor: 3 client accounts (New York, Madrid, Manila), 15 voice/chat/email/callback queues in en/es/fil ' +
    'with tier-2 escalations, callbacks and overflow between queues, 86 agents with breaks, part-timers on peak shifts',
  tenants,
  queues,
  agents,
};
