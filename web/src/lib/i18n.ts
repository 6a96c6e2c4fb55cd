/** Every string the UI shows, in English and Spanish. The choice is kept per screen in localStorage. */
import { createSignal } from 'solid-js';
import type { AlertMetric, AlertSeverity, AlertState, FollowUpKind, FollowUpStatus } from './types.ts';

export type Lang = 'en' | 'es';

export interface Messages {
  locale: string;
  switchLanguage: string;
  product: string;
  allTenants: string;
  waiting: string;
  longestWait: string;
  serviceLevel: string;
  today: string;
  belowTarget: (pct: string) => string;
  metTarget: (pct: string) => string;
  noServiceLevel: string;
  overThreshold: (seconds: number) => string;
  overDoubleThreshold: (seconds: number) => string;
  asa: string;
  answered: string;
  abandoned: string;
  agents: string;
  activity: Record<'available' | 'busy' | 'wrapup' | 'away' | 'offline', string>;
  channel: (channel: string) => string;
  status: Record<'connecting' | 'live' | 'reconnecting' | 'stale', string>;
  staleSince: (time: string) => string;
  staleHint: string;
  connecting: string;
  noQueues: string;
  notFound: string;
  backToBoard: string;
  tokenTitle: string;
  tokenPrompt: string;
  tokenLabel: string;
  tokenSubmit: string;
  tokenRefused: string;
  // The queue drill-down
  queueDetails: (name: string) => string;
  backToWallboard: string;
  queueUnknown: string;
  now: string;
  agentsSignedIn: (n: number) => string;
  performance: string;
  lastMinutesGroup: string;
  minutes: (minutes: number) => string;
  offered: string;
  overflowed: string;
  shortAbandoned: string;
  abandonRate: string;
  aht: string;
  maxWait: string;
  intervals: string;
  interval: string;
  day: string;
  intervalLength: string;
  steps: Record<'MIN15' | 'HOUR1', string>;
  timesIn: (zone: string) => string;
  updatedAt: (time: string) => string;
  downloadCsv: string;
  downloading: string;
  downloadFailed: (message: string) => string;
  loadFailed: (message: string) => string;
  loading: string;
  noContactsOnDay: string;
  intervalStart: string;
  serviceLevelPercent: string;
  total: string;
  inProgress: string;
  chartLabel: string;
  target: string;
  // Alerts: words on the wall
  alertsLabel: string;
  severity: Record<AlertSeverity, string>;
  alertState: Record<AlertState, string>;
  alertMetric: Record<AlertMetric, string>;
  /** "SL below 80%": the metric's short name, the comparator and the threshold in its unit. */
  alertCondition: (metric: string, above: boolean, threshold: string) => string;
  alertWindowLast: (minutes: number) => string;
  alertWindowToday: string;
  secondsShort: (s: number) => string;
  hoursShort: (h: number) => string;
  allQueues: string;
  ruleDeleted: string;
  someone: string;
  quote: (text: string) => string;
  sinceTime: (time: string) => string;
  acknowledgedBy: (who: string) => string;
  untilTime: (time: string) => string;
  moreAlerts: (n: number, firing: number) => string;
  alsoAlerts: (n: number) => string;
  alertsLink: (firing: number) => string;
  // The supervisor view
  supervisorTitle: string;
  currentAlerts: string;
  filterState: string;
  filterSeverity: string;
  filterAll: string;
  noAlerts: string;
  noAlertsFiltered: string;
  valueAtChange: string;
  firedAt: (time: string) => string;
  pendingFiresAt: (time: string) => string;
  ackByAt: (who: string, time: string) => string;
  noteLabel: string;
  notePlaceholder: string;
  ackFor: string;
  untilChoice: { none: string; '15m': string; '1h': string; shift: (time: string) => string };
  acknowledge: string;
  updateAcknowledgement: string;
  acknowledging: string;
  ackForbidden: string;
  ackFailed: (message: string) => string;
  serverSaid: (message: string) => string;
  recentlyResolved: string;
  noResolved: string;
  colQueue: string;
  colAlert: string;
  colSeverity: string;
  colFired: string;
  colResolved: string;
  colLasted: string;
  colAcknowledged: string;
  colEnabled: string;
  rulesInForce: string;
  noRules: string;
  ruleFiresAfter: (duration: string) => string;
  ruleFiresAtOnce: string;
  ruleClearsAt: (value: string) => string;
  ruleDefault: string;
  ruleOn: string;
  ruleOff: string;
  ruleToggle: (on: boolean, rule: string) => string;
  rulesForbidden: string;
  ruleFailed: (message: string) => string;
  timesInZones: string;
  // Follow-ups: on the wall
  followUps: string;
  fuOverdue: (n: number) => string;
  fuDueSoon: (n: number) => string;
  fuOpen: (n: number) => string;
  /** The word beside a big count: "overdue", "vencidos". */
  fuCountWord: Record<'overdue' | 'dueSoon' | 'open', (n: number) => string>;
  /** The wall's header: the tenant's follow-ups that need someone now. */
  fuHeader: (overdue: number, dueSoon: number) => string;
  fuTileTitle: (overdue: number, dueSoon: number, open: number) => string;
  // Follow-ups: the supervisor's list
  tabAlerts: string;
  tabFollowUps: string;
  fuKind: Record<FollowUpKind, string>;
  fuStatus: Record<FollowUpStatus, string>;
  fuDays: (d: number) => string;
  fuDueIn: (span: string) => string;
  fuOverdueBy: (span: string) => string;
  fuDueNow: string;
  fuPaused: string;
  fuLeftOnClock: (span: string) => string;
  fuFixedDue: string;
  fuDoneOnTime: string;
  fuDoneLate: string;
  fuClosed: Record<'DONE' | 'CANCELLED', string>;
  fuDueAt: (time: string) => string;
  fuCreatedAt: (time: string) => string;
  colDue: string;
  colKind: string;
  colContact: string;
  colOwner: string;
  colNote: string;
  colStatus: string;
  colActions: string;
  fuUnassigned: string;
  fuAssign: string;
  fuReassign: string;
  fuSaveOwner: string;
  fuCloseEdit: string;
  fuOwnerLabel: (id: string) => string;
  fuOwnerPlaceholder: string;
  fuStart: string;
  fuResume: string;
  fuWaiting: string;
  fuDone: string;
  fuCancel: string;
  fuReopen: string;
  fuSaving: string;
  fuForbidden: string;
  fuFailed: (message: string) => string;
  fuDidStatus: (status: FollowUpStatus, what: string) => string;
  fuDidAssign: (owner: string, what: string) => string;
  fuDidCreate: (what: string) => string;
  fuFilterStatus: string;
  fuAllOpen: string;
  fuOverdueOnly: string;
  fuFilterOwner: string;
  fuAnyOwner: string;
  fuFilterQueue: string;
  fuClearFilters: string;
  fuEmpty: string;
  fuEmptyFiltered: string;
  fuShowing: (shown: number, total: number) => string;
  fuLoadMore: (n: number) => string;
  fuReadOnly: string;
  fuPickTenant: string;
  fuTenant: string;
  fuMetOnTime: (pct: string) => string;
  fuNoneDoneToday: string;
  fuSummaryLabel: string;
  // Follow-ups: a new one
  fuNew: string;
  fuNoQueue: string;
  fuContactPlaceholder: string;
  fuOwnerNewPlaceholder: string;
  fuNotePlaceholder: string;
  fuDueOptional: string;
  fuDueHint: (zone: string) => string;
  fuDueInvalid: string;
  fuCreate: string;
  fuCreating: string;
}

const CHANNELS_EN: Record<string, string> = {
  voice: 'Voice',
  chat: 'Chat',
  email: 'Email',
  messaging: 'Messaging',
  callback: 'Callback',
};
const CHANNELS_ES: Record<string, string> = {
  voice: 'Voz',
  chat: 'Chat',
  email: 'Correo',
  messaging: 'Mensajería',
  callback: 'Devolución',
};

const en: Messages = {
  locale: 'en-GB',
  switchLanguage: 'Cambiar a español',
  product: 'Floorboard',
  allTenants: 'All clients',
  waiting: 'Waiting',
  longestWait: 'Longest wait',
  serviceLevel: 'Service level',
  today: 'Today',
  belowTarget: (pct) => `▼ below ${pct} target`,
  metTarget: (pct) => `✓ target ${pct} met`,
  noServiceLevel: 'no contacts yet',
  overThreshold: (s) => `▲ over ${s} s`,
  overDoubleThreshold: (s) => `⚠ over ${2 * s} s`,
  asa: 'ASA',
  answered: 'Answered',
  abandoned: 'Abandoned',
  agents: 'Agents',
  activity: { available: 'Available', busy: 'Busy', wrapup: 'Wrap-up', away: 'Away', offline: 'Offline' },
  channel: (c) => CHANNELS_EN[c] ?? c,
  status: { connecting: 'Connecting', live: 'Live', reconnecting: 'Reconnecting', stale: 'Stale' },
  staleSince: (time) => `Data stale since ${time}`,
  staleHint: '— numbers may be out of date; reconnecting…',
  connecting: 'Connecting to Floorboard…',
  noQueues: 'No queues to show yet. They appear with the first contact or agent event.',
  notFound: 'There is no page here.',
  backToBoard: 'Go to the wallboard',
  tokenTitle: 'Connect this screen',
  tokenPrompt: 'Paste the access token for this wallboard. It is kept on this device only.',
  tokenLabel: 'Access token',
  tokenSubmit: 'Connect',
  tokenRefused: 'That token was refused. Paste a valid one.',
  queueDetails: (name) => `Open the details of ${name}`,
  backToWallboard: '← Wallboard',
  queueUnknown: 'No data for this queue yet. It appears with its first contact or agent event.',
  now: 'Now',
  agentsSignedIn: (n) => `${n} signed in`,
  performance: 'Performance',
  lastMinutesGroup: 'Last',
  minutes: (m) => `${m} min`,
  offered: 'Offered',
  overflowed: 'Overflowed',
  shortAbandoned: 'Short abandons',
  abandonRate: 'Abandon rate',
  aht: 'AHT',
  maxWait: 'Max wait',
  intervals: 'Intervals',
  interval: 'Interval',
  day: 'Day',
  intervalLength: 'Interval length',
  steps: { MIN15: '15 min', HOUR1: '1 h' },
  timesIn: (zone) => `Times in ${zone}`,
  updatedAt: (time) => `updated ${time}`,
  downloadCsv: 'Download CSV',
  downloading: 'Downloading…',
  downloadFailed: (m) => `Download failed: ${m}`,
  loadFailed: (m) => `Could not load: ${m}`,
  loading: 'Loading…',
  noContactsOnDay: 'No contact entered this queue on this day.',
  intervalStart: 'Start',
  serviceLevelPercent: 'SL %',
  total: 'Total',
  inProgress: 'in progress',
  chartLabel: 'Offered, answered and service level by interval',
  target: 'Target',
  alertsLabel: 'Alerts',
  severity: { CRITICAL: 'Critical', WARNING: 'Warning', INFO: 'Info' },
  alertState: { PENDING: 'Pending', FIRING: 'Firing', ACKNOWLEDGED: 'Acknowledged', RESOLVED: 'Resolved' },
  alertMetric: {
    SERVICE_LEVEL: 'SL',
    ASA: 'ASA',
    LONGEST_WAIT: 'Longest wait',
    WAITING: 'Waiting',
    ABANDON_RATE: 'Abandon rate',
    AGENTS_AVAILABLE: 'Agents available',
    OCCUPANCY: 'Occupancy',
    OVERDUE_FOLLOWUPS: 'Overdue follow-ups',
  },
  alertCondition: (metric, above, threshold) => `${metric} ${above ? 'above' : 'below'} ${threshold}`,
  alertWindowLast: (m) => `(last ${m} min)`,
  alertWindowToday: 'today',
  secondsShort: (s) => `${s} s`,
  hoursShort: (h) => `${h} h`,
  allQueues: 'All queues',
  ruleDeleted: 'Rule deleted',
  someone: 'someone',
  quote: (text) => `“${text}”`,
  sinceTime: (time) => `since ${time}`,
  acknowledgedBy: (who) => `Acknowledged by ${who}`,
  untilTime: (time) => `until ${time}`,
  moreAlerts: (n, firing) => `+${n} more ${n === 1 ? 'alert' : 'alerts'}${firing ? ` · ${firing} firing` : ''}`,
  alsoAlerts: (n) => `+${n}`,
  alertsLink: (firing) => (firing ? `Alerts · ${firing}` : 'Alerts'),
  supervisorTitle: 'Alerts',
  currentAlerts: 'Current alerts',
  filterState: 'State',
  filterSeverity: 'Severity',
  filterAll: 'All',
  noAlerts: 'No alerts right now: every rule is within its threshold.',
  noAlertsFiltered: 'No alert matches these filters.',
  valueAtChange: 'The value when the state last changed',
  firedAt: (time) => `fired ${time}`,
  pendingFiresAt: (time) => `fires at ${time} if it holds`,
  ackByAt: (who, time) => `✓ ${who} at ${time}`,
  noteLabel: 'Note',
  notePlaceholder: 'e.g. calling in backup',
  ackFor: 'Acknowledge for',
  untilChoice: { none: 'Until resolved', '15m': '15 min', '1h': '1 h', shift: (time) => `End of shift (${time})` },
  acknowledge: 'Acknowledge',
  updateAcknowledgement: 'Update',
  acknowledging: 'Saving…',
  ackForbidden: 'Your token may not acknowledge alerts',
  ackFailed: (m) => `Could not acknowledge: ${m}`,
  serverSaid: (m) => `(server: ${m})`,
  recentlyResolved: 'Recently resolved',
  noResolved: 'Nothing resolved recently.',
  colQueue: 'Queue',
  colAlert: 'Alert',
  colSeverity: 'Severity',
  colFired: 'Fired',
  colResolved: 'Resolved',
  colLasted: 'Lasted',
  colAcknowledged: 'Acknowledged',
  colEnabled: 'On',
  rulesInForce: 'Rules in force',
  noRules: 'No rules yet. Every queue gets a service-level rule with its first contact.',
  ruleFiresAfter: (d) => `after ${d}`,
  ruleFiresAtOnce: 'at once',
  ruleClearsAt: (v) => `clears at ${v}`,
  ruleDefault: 'default',
  ruleOn: 'On',
  ruleOff: 'Off',
  ruleToggle: (on, rule) => `${on ? 'Switch off' : 'Switch on'}: ${rule}`,
  rulesForbidden: 'Your token may not change alert rules',
  ruleFailed: (m) => `Could not change the rule: ${m}`,
  timesInZones: "Times in each client's time zone",
  followUps: 'Follow-ups',
  fuOverdue: (n) => `${n} overdue`,
  fuDueSoon: (n) => `${n} due soon`,
  fuOpen: (n) => `${n} open`,
  fuCountWord: { overdue: () => 'overdue', dueSoon: () => 'due soon', open: () => 'open' },
  fuHeader: (overdue, dueSoon) => (overdue > 0 ? `Follow-ups · ${overdue} overdue` : dueSoon > 0 ? `Follow-ups · ${dueSoon} due soon` : 'Follow-ups'),
  fuTileTitle: (overdue, dueSoon, open) =>
    `Follow-ups: ${overdue} overdue, ${dueSoon} due within 15 min, ${open} open in all`,
  tabAlerts: 'Alerts',
  tabFollowUps: 'Follow-ups',
  fuKind: { CALLBACK: 'Callback', ESCALATION: 'Escalation', PROMISE: 'Promise' },
  fuStatus: { OPEN: 'Open', IN_PROGRESS: 'In progress', WAITING_CUSTOMER: 'Waiting on customer', DONE: 'Done', CANCELLED: 'Cancelled' },
  fuDays: (d) => `${d} d`,
  fuDueIn: (span) => `due in ${span}`,
  fuOverdueBy: (span) => `overdue by ${span}`,
  fuDueNow: 'due now',
  fuPaused: 'paused: waiting on customer',
  fuLeftOnClock: (span) => `${span} left on the clock`,
  fuFixedDue: 'fixed time: waiting does not pause it',
  fuDoneOnTime: '✓ done on time',
  fuDoneLate: 'done late',
  fuClosed: { DONE: 'done', CANCELLED: 'cancelled' },
  fuDueAt: (time) => `due ${time}`,
  fuCreatedAt: (time) => `created ${time}`,
  colDue: 'Due',
  colKind: 'Kind',
  colContact: 'Contact',
  colOwner: 'Owner',
  colNote: 'Note',
  colStatus: 'Status',
  colActions: 'Actions',
  fuUnassigned: 'Unassigned',
  fuAssign: 'Assign',
  fuReassign: 'Change',
  fuSaveOwner: 'Save',
  fuCloseEdit: 'Close',
  fuOwnerLabel: (id) => `Owner of ${id}`,
  fuOwnerPlaceholder: 'agent or name',
  fuStart: 'Start',
  fuResume: 'Resume',
  fuWaiting: 'Waiting on customer',
  fuDone: 'Done',
  fuCancel: 'Cancel',
  fuReopen: 'Reopen',
  fuSaving: 'Saving…',
  fuForbidden: 'Your token may not change follow-ups',
  fuFailed: (m) => `Could not save: ${m}`,
  fuDidStatus: (status, what) =>
    ({ OPEN: `Reopened ${what}`, IN_PROGRESS: `Started ${what}`, WAITING_CUSTOMER: `${what}: waiting on the customer`, DONE: `Done: ${what}`, CANCELLED: `Cancelled ${what}` })[status],
  fuDidAssign: (owner, what) => `${what} assigned to ${owner}`,
  fuDidCreate: (what) => `Created ${what}`,
  fuFilterStatus: 'Status',
  fuAllOpen: 'All open',
  fuOverdueOnly: 'Overdue only',
  fuFilterOwner: 'Owner',
  fuAnyOwner: 'Anyone',
  fuFilterQueue: 'Queue',
  fuClearFilters: 'Clear filters',
  fuEmpty: 'Nothing owed: no open callback, escalation or promise.',
  fuEmptyFiltered: 'No follow-up matches these filters.',
  fuShowing: (shown, total) => `${shown} of ${total}`,
  fuLoadMore: (n) => `Load ${n} more`,
  fuReadOnly: 'View only: this token may not change follow-ups.',
  fuPickTenant: 'Choose a client to see its follow-ups.',
  fuTenant: 'Client',
  fuMetOnTime: (pct) => `${pct} on time today`,
  fuNoneDoneToday: 'none done today',
  fuSummaryLabel: 'Follow-ups now',
  fuNew: 'New follow-up',
  fuNoQueue: 'No queue',
  fuContactPlaceholder: 'contact id or number',
  fuOwnerNewPlaceholder: 'leave empty to assign later',
  fuNotePlaceholder: 'e.g. call back about the refund',
  fuDueOptional: 'Due (optional)',
  fuDueHint: (zone) => `${zone} time. Empty: the client's policy sets it.`,
  fuDueInvalid: 'That due time is not a valid date and time.',
  fuCreate: 'Create follow-up',
  fuCreating: 'Creating…',
};

const es: Messages = {
  locale: 'es-ES',
  switchLanguage: 'Switch to English',
  product: 'Floorboard',
  allTenants: 'Todos los clientes',
  waiting: 'En espera',
  longestWait: 'Espera máxima',
  serviceLevel: 'Nivel de serv.',
  today: 'Hoy',
  belowTarget: (pct) => `▼ bajo objetivo ${pct}`,
  metTarget: (pct) => `✓ objetivo ${pct} cumplido`,
  noServiceLevel: 'sin contactos aún',
  overThreshold: (s) => `▲ más de ${s} s`,
  overDoubleThreshold: (s) => `⚠ más de ${2 * s} s`,
  asa: 'TMR',
  answered: 'Atendidos',
  abandoned: 'Abandonos',
  agents: 'Agentes',
  // Short words: five of them share one tile row.
  activity: { available: 'Libres', busy: 'Ocupados', wrapup: 'Cierre', away: 'Ausentes', offline: 'Fuera' },
  channel: (c) => CHANNELS_ES[c] ?? c,
  status: { connecting: 'Conectando', live: 'En directo', reconnecting: 'Reconectando', stale: 'Desactualizado' },
  staleSince: (time) => `Datos sin actualizar desde las ${time}`,
  staleHint: '— las cifras pueden no estar al día; reconectando…',
  connecting: 'Conectando con Floorboard…',
  noQueues: 'Aún no hay colas. Aparecen con el primer evento de contacto o de agente.',
  notFound: 'Aquí no hay ninguna página.',
  backToBoard: 'Ir al panel',
  tokenTitle: 'Conectar esta pantalla',
  tokenPrompt: 'Pegue el token de acceso de este panel. Solo se guarda en este dispositivo.',
  tokenLabel: 'Token de acceso',
  tokenSubmit: 'Conectar',
  tokenRefused: 'Ese token fue rechazado. Pegue uno válido.',
  queueDetails: (name) => `Abrir el detalle de ${name}`,
  backToWallboard: '← Panel',
  queueUnknown: 'Aún no hay datos de esta cola. Aparece con su primer evento de contacto o de agente.',
  now: 'Ahora',
  agentsSignedIn: (n) => `${n} conectados`,
  performance: 'Rendimiento',
  lastMinutesGroup: 'Últimos',
  minutes: (m) => `${m} min`,
  offered: 'Ofrecidos',
  overflowed: 'Desbordados',
  shortAbandoned: 'Abandonos cortos',
  abandonRate: 'Tasa de abandono',
  aht: 'TMO',
  maxWait: 'Espera máx.',
  intervals: 'Intervalos',
  interval: 'Intervalo',
  day: 'Día',
  intervalLength: 'Duración del intervalo',
  steps: { MIN15: '15 min', HOUR1: '1 h' },
  timesIn: (zone) => `Horas en ${zone}`,
  updatedAt: (time) => `actualizado ${time}`,
  downloadCsv: 'Descargar CSV',
  downloading: 'Descargando…',
  downloadFailed: (m) => `La descarga falló: ${m}`,
  loadFailed: (m) => `No se pudo cargar: ${m}`,
  loading: 'Cargando…',
  noContactsOnDay: 'Ningún contacto entró en esta cola este día.',
  intervalStart: 'Inicio',
  serviceLevelPercent: 'NS %',
  total: 'Total',
  inProgress: 'en curso',
  chartLabel: 'Ofrecidos, atendidos y nivel de servicio por intervalo',
  target: 'Objetivo',
  alertsLabel: 'Alertas',
  severity: { CRITICAL: 'Crítica', WARNING: 'Aviso', INFO: 'Info' },
  alertState: { PENDING: 'Pendiente', FIRING: 'Activa', ACKNOWLEDGED: 'Reconocida', RESOLVED: 'Resuelta' },
  alertMetric: {
    SERVICE_LEVEL: 'NS',
    ASA: 'TMR',
    LONGEST_WAIT: 'Espera máx.',
    WAITING: 'En espera',
    ABANDON_RATE: 'Tasa de abandono',
    AGENTS_AVAILABLE: 'Agentes libres',
    OCCUPANCY: 'Ocupación',
    OVERDUE_FOLLOWUPS: 'Seguimientos vencidos',
  },
  alertCondition: (metric, above, threshold) => `${metric} ${above ? 'sobre' : 'bajo'} ${threshold}`,
  alertWindowLast: (m) => `(últimos ${m} min)`,
  alertWindowToday: 'hoy',
  secondsShort: (s) => `${s} s`,
  hoursShort: (h) => `${h} h`,
  allQueues: 'Todas las colas',
  ruleDeleted: 'Regla eliminada',
  someone: 'alguien',
  quote: (text) => `«${text}»`,
  sinceTime: (time) => `desde las ${time}`,
  acknowledgedBy: (who) => `Reconocida por ${who}`,
  untilTime: (time) => `hasta las ${time}`,
  moreAlerts: (n, firing) => `+${n} ${n === 1 ? 'alerta más' : 'alertas más'}${firing ? ` · ${firing} ${firing === 1 ? 'activa' : 'activas'}` : ''}`,
  alsoAlerts: (n) => `+${n}`,
  alertsLink: (firing) => (firing ? `Alertas · ${firing}` : 'Alertas'),
  supervisorTitle: 'Alertas',
  currentAlerts: 'Alertas actuales',
  filterState: 'Estado',
  filterSeverity: 'Gravedad',
  filterAll: 'Todas',
  noAlerts: 'Ninguna alerta ahora: todas las reglas están dentro de su umbral.',
  noAlertsFiltered: 'Ninguna alerta coincide con estos filtros.',
  valueAtChange: 'El valor en el último cambio de estado',
  firedAt: (time) => `activada a las ${time}`,
  pendingFiresAt: (time) => `se activa a las ${time} si se mantiene`,
  ackByAt: (who, time) => `✓ ${who} a las ${time}`,
  noteLabel: 'Nota',
  notePlaceholder: 'p. ej. llamando a refuerzos',
  ackFor: 'Reconocer durante',
  untilChoice: { none: 'Hasta que se resuelva', '15m': '15 min', '1h': '1 h', shift: (time) => `Fin de turno (${time})` },
  acknowledge: 'Reconocer',
  updateAcknowledgement: 'Actualizar',
  acknowledging: 'Guardando…',
  ackForbidden: 'Su token no puede reconocer alertas',
  ackFailed: (m) => `No se pudo reconocer: ${m}`,
  serverSaid: (m) => `(servidor: ${m})`,
  recentlyResolved: 'Resueltas recientemente',
  noResolved: 'Nada resuelto recientemente.',
  colQueue: 'Cola',
  colAlert: 'Alerta',
  colSeverity: 'Gravedad',
  colFired: 'Activada',
  colResolved: 'Resuelta',
  colLasted: 'Duró',
  colAcknowledged: 'Reconocida',
  colEnabled: 'Activa',
  rulesInForce: 'Reglas en vigor',
  noRules: 'Aún no hay reglas. Cada cola recibe una regla de nivel de servicio con su primer contacto.',
  ruleFiresAfter: (d) => `tras ${d}`,
  ruleFiresAtOnce: 'al momento',
  ruleClearsAt: (v) => `se despeja en ${v}`,
  ruleDefault: 'por defecto',
  ruleOn: 'Sí',
  ruleOff: 'No',
  ruleToggle: (on, rule) => `${on ? 'Desactivar' : 'Activar'}: ${rule}`,
  rulesForbidden: 'Su token no puede cambiar las reglas de alerta',
  ruleFailed: (m) => `No se pudo cambiar la regla: ${m}`,
  timesInZones: 'Horas en la zona horaria de cada cliente',
  followUps: 'Seguimientos',
  fuOverdue: (n) => `${n} ${n === 1 ? 'vencido' : 'vencidos'}`,
  fuDueSoon: (n) => `${n} ${n === 1 ? 'vence pronto' : 'vencen pronto'}`,
  fuOpen: (n) => `${n} ${n === 1 ? 'abierto' : 'abiertos'}`,
  fuCountWord: {
    overdue: (n) => (n === 1 ? 'vencido' : 'vencidos'),
    dueSoon: (n) => (n === 1 ? 'vence pronto' : 'vencen pronto'),
    open: (n) => (n === 1 ? 'abierto' : 'abiertos'),
  },
  fuHeader: (overdue, dueSoon) =>
    overdue > 0 ? `Seguimientos · ${overdue} ${overdue === 1 ? 'vencido' : 'vencidos'}` : dueSoon > 0 ? `Seguimientos · ${dueSoon} ${dueSoon === 1 ? 'vence pronto' : 'vencen pronto'}` : 'Seguimientos',
  fuTileTitle: (overdue, dueSoon, open) =>
    `Seguimientos: ${overdue} vencidos, ${dueSoon} vencen en menos de 15 min, ${open} abiertos en total`,
  tabAlerts: 'Alertas',
  tabFollowUps: 'Seguimientos',
  fuKind: { CALLBACK: 'Devolución', ESCALATION: 'Escalado', PROMISE: 'Compromiso' },
  fuStatus: { OPEN: 'Abierto', IN_PROGRESS: 'En curso', WAITING_CUSTOMER: 'Esperando al cliente', DONE: 'Hecho', CANCELLED: 'Cancelado' },
  fuDays: (d) => `${d} d`,
  fuDueIn: (span) => `vence en ${span}`,
  fuOverdueBy: (span) => `vencido hace ${span}`,
  fuDueNow: 'vence ahora',
  fuPaused: 'en pausa: esperando al cliente',
  fuLeftOnClock: (span) => `quedan ${span} en el reloj`,
  fuFixedDue: 'hora fija: esperar no la pausa',
  fuDoneOnTime: '✓ hecho a tiempo',
  fuDoneLate: 'hecho tarde',
  fuClosed: { DONE: 'hecho', CANCELLED: 'cancelado' },
  fuDueAt: (time) => `vence ${time}`,
  fuCreatedAt: (time) => `creado ${time}`,
  colDue: 'Vence',
  colKind: 'Tipo',
  colContact: 'Contacto',
  colOwner: 'Responsable',
  colNote: 'Nota',
  colStatus: 'Estado',
  colActions: 'Acciones',
  fuUnassigned: 'Sin asignar',
  fuAssign: 'Asignar',
  fuReassign: 'Cambiar',
  fuSaveOwner: 'Guardar',
  fuCloseEdit: 'Cerrar',
  fuOwnerLabel: (id) => `Responsable de ${id}`,
  fuOwnerPlaceholder: 'agente o nombre',
  fuStart: 'Empezar',
  fuResume: 'Reanudar',
  fuWaiting: 'Esperando al cliente',
  fuDone: 'Hecho',
  fuCancel: 'Cancelar',
  fuReopen: 'Reabrir',
  fuSaving: 'Guardando…',
  fuForbidden: 'Su token no puede cambiar seguimientos',
  fuFailed: (m) => `No se pudo guardar: ${m}`,
  fuDidStatus: (status, what) =>
    ({ OPEN: `Reabierto: ${what}`, IN_PROGRESS: `Empezado: ${what}`, WAITING_CUSTOMER: `${what}: esperando al cliente`, DONE: `Hecho: ${what}`, CANCELLED: `Cancelado: ${what}` })[status],
  fuDidAssign: (owner, what) => `${what} asignado a ${owner}`,
  fuDidCreate: (what) => `Creado: ${what}`,
  fuFilterStatus: 'Estado',
  fuAllOpen: 'Todos abiertos',
  fuOverdueOnly: 'Solo vencidos',
  fuFilterOwner: 'Responsable',
  fuAnyOwner: 'Cualquiera',
  fuFilterQueue: 'Cola',
  fuClearFilters: 'Quitar filtros',
  fuEmpty: 'Nada pendiente: ninguna devolución, escalado ni compromiso abierto.',
  fuEmptyFiltered: 'Ningún seguimiento coincide con estos filtros.',
  fuShowing: (shown, total) => `${shown} de ${total}`,
  fuLoadMore: (n) => `Cargar ${n} más`,
  fuReadOnly: 'Solo lectura: este token no puede cambiar seguimientos.',
  fuPickTenant: 'Elija un cliente para ver sus seguimientos.',
  fuTenant: 'Cliente',
  fuMetOnTime: (pct) => `${pct} a tiempo hoy`,
  fuNoneDoneToday: 'ninguno hecho hoy',
  fuSummaryLabel: 'Seguimientos ahora',
  fuNew: 'Nuevo seguimiento',
  fuNoQueue: 'Sin cola',
  fuContactPlaceholder: 'id o número del contacto',
  fuOwnerNewPlaceholder: 'vacío para asignar después',
  fuNotePlaceholder: 'p. ej. llamar por el reembolso',
  fuDueOptional: 'Vence (opcional)',
  fuDueHint: (zone) => `Hora de ${zone}. Vacío: la fija la política del cliente.`,
  fuDueInvalid: 'Esa fecha y hora no son válidas.',
  fuCreate: 'Crear seguimiento',
  fuCreating: 'Creando…',
};

export const MESSAGES: Record<Lang, Messages> = { en, es };

const LANG_STORAGE_KEY = 'floorboard.lang';

function initialLang(): Lang {
  try {
    const saved = window.localStorage.getItem(LANG_STORAGE_KEY);
    if (saved === 'en' || saved === 'es') return saved;
  } catch {
    // storage disabled: fall back to the browser's language
  }
  return window.navigator.language.toLowerCase().startsWith('es') ? 'es' : 'en';
}

const [lang, setLangSignal] = createSignal<Lang>(initialLang());

export { lang };

/** The messages of the current language; reactive. */
export const t = (): Messages => MESSAGES[lang()];

export function setLang(next: Lang): void {
  setLangSignal(next);
  document.documentElement.lang = next;
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}
