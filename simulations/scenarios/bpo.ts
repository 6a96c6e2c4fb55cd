/**
 * "bpo": an outsourcer's floor serving three client accounts in three time zones, at demo
 * scale: 11 queues over voice, chat and email in English, Spanish and Filipino, 73 agents.
 *
 * Staffing is set for a typical daytime load: service levels sit around target mid-morning,
 * dip at the intraday peaks (abandons and the odd overflow show up) and recover at night.
 */
import type { AgentSpec, BreakPlan, Capacity, IntradayProfile, QueueSpec, Scenario, TenantSpec } from '../scenario.ts';

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
  TenantSpec,
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

/** Defaults per channel; each queue overrides what makes it itself. */
function voice(tenant: TenantId, id: string, name: string, language: string, arrivalsPerHour: number, talkSeconds: number): QueueSpec {
  return {
    tenant,
    id,
    name,
    channel: 'voice',
    language,
    arrivalsPerHour,
    intraday: VOICE_DAY,
    talk: { dist: 'lognormal', meanSeconds: talkSeconds, cv: 1.2 },
    wrap: { dist: 'lognormal', meanSeconds: 30, cv: 0.5 },
    patience: { dist: 'exponential', meanSeconds: 120 },
    // Callers still waiting after 2 minutes are sent to voicemail. Most who wait that long
    // have hung up by then (patience averages 2 minutes), so this stays a small share.
    overflowAfterSeconds: 120,
    serviceLevelSeconds: 20,
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
    talk: { dist: 'lognormal', meanSeconds: talkSeconds, cv: 1.0 },
    wrap: { dist: 'lognormal', meanSeconds: 20, cv: 0.5 },
    patience: { dist: 'exponential', meanSeconds: 300 },
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

const queues: readonly QueueSpec[] = [
  voice('northwind', 'billing-en', 'Billing (English)', 'en', 80, 240),
  voice('northwind', 'billing-es', 'Billing (Spanish)', 'es', 60, 270),
  chat('northwind', 'support-chat', 'Support chat', 'en', 50, 420),
  email('northwind', 'northwind-email', 'Northwind email', 'en', 20, 600),

  voice('globex', 'tarjetas-es', 'Tarjetas (Spanish)', 'es', 80, 250),
  voice('globex', 'cards-en', 'Cards (English)', 'en', 50, 240),
  chat('globex', 'banca-chat', 'Banca online chat', 'es', 45, 420),
  email('globex', 'globex-email', 'Globex email', 'es', 25, 540),

  voice('initech', 'orders-en', 'Orders (English)', 'en', 90, 220),
  voice('initech', 'orders-fil', 'Orders (Filipino)', 'fil', 50, 240),
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
function team(tenant: TenantId, names: readonly string[], queueIds: readonly string[], capacity: Capacity): AgentSpec[] {
  return names.map((name) => ({
    tenant,
    id: name.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z]+/g, '.'),
    name,
    queues: queueIds,
    capacity,
    breaks: FLOOR_BREAKS,
  }));
}

const agents: readonly AgentSpec[] = [
  // Northwind: English and Spanish billing lines, bilingual agents in between.
  ...team('northwind', ['Emily Carter', 'James Miller', 'Olivia Brooks', 'Michael Reed', 'Sophia Turner', 'Daniel Hayes', 'Ava Collins'], ['billing-en'], VOICE),
  ...team('northwind', ['Carlos Rivera', 'Isabel Ortiz', 'Miguel Santos', 'Lucia Ramos', 'Diego Vargas'], ['billing-en', 'billing-es'], VOICE),
  ...team('northwind', ['Jose Hernandez', 'Maria Lopez', 'Ana Torres', 'Luis Garcia', 'Rosa Morales'], ['billing-es'], VOICE),
  ...team('northwind', ['Noah Bennett', 'Grace Kim', 'Ethan Price', 'Chloe Ward'], ['support-chat'], CHAT),
  ...team('northwind', ['Henry Foster', 'Lily Chen', 'Samuel Ross', 'Zoe Parker', 'Owen Murphy'], ['northwind-email'], EMAIL),

  // Globex: Spanish cards line first, English for expats, online-banking chat and email.
  ...team('globex', ['Lucía Fernández', 'Javier Martín', 'Carmen Ruiz', 'Pablo Sánchez', 'Elena Gómez', 'Sergio Díaz', 'Marta Navarro', 'Raúl Moreno'], ['tarjetas-es'], VOICE),
  ...team('globex', ['Laura Jiménez', 'David Romero', 'Sara Alonso', 'Andrés Gil'], ['tarjetas-es', 'cards-en'], VOICE),
  ...team('globex', ['Thomas Wright', 'Hannah Green', 'Peter Clark', 'Emma Hughes'], ['cards-en'], VOICE),
  ...team('globex', ['Irene Castro', 'Álvaro Ortega', 'Nuria Vidal', 'Hugo Serrano'], ['banca-chat'], CHAT),
  ...team('globex', ['Cristina Molina', 'Adrián Delgado', 'Paula Herrero', 'Diego Rubio', 'Alba Marín', 'Iván Peña'], ['globex-email'], EMAIL),

  // Initech: English and Filipino order lines, Filipino help chat.
  ...team('initech', ['Angelo Reyes', 'Patricia Cruz', 'Mark Bautista', 'Kristine Garcia', 'John Mendoza', 'Camille Flores', 'Paolo Villanueva'], ['orders-en'], VOICE),
  ...team('initech', ['Maricel Santos', 'Jerome Aquino', 'Rowena Castillo', 'Jasmine Ramos', 'Rommel Dela Cruz'], ['orders-en', 'orders-fil'], VOICE),
  ...team('initech', ['Nenita Pascual', 'Ramon Navarro', 'Liza Salazar', 'Lorna Abad'], ['orders-fil'], VOICE),
  ...team('initech', ['Bea Lim', 'Carlo Tan', 'Joy Manalo', 'Miguel Soriano', 'Kyla Santiago'], ['help-chat'], CHAT),
];

export const bpo: Scenario = {
  name: 'bpo',
  description: 'A BPO floor: 3 client accounts (New York, Madrid, Manila), 11 voice/chat/email queues in en/es/fil, 73 agents with breaks',
  tenants,
  queues,
  agents,
};
