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
  /** The wall's agent grid, views, rotation and screen editor. */
  wall: WallMessages;
  /** The supervisor's outlook: the coming minutes of each queue simulated from now. */
  outlook: OutlookMessages;
  /** A client's embedded dashboard (web/src/pages/Embed.tsx). */
  embed: EmbedMessages;
  /** The supervisor's Embeds tab: client dashboard links (components/EmbedsPanel.tsx). */
  embeds: EmbedsAdminMessages;
  /** The supervisor's Agents tab and the drill-down's agents (components/AgentsPanel.tsx). */
  agentsDesk: AgentsDeskMessages;
}

export interface EmbedMessages {
  title: (client: string) => string;
  totalsTitle: string;
  chartTitle: string;
  agentsNow: string;
  noToken: string;
  refused: string;
  notEmbed: string;
  wrongTenant: string;
  failed: (message: string) => string;
}

const EMBED_EN: EmbedMessages = {
  title: (client) => `${client} · live`,
  totalsTitle: 'All queues today',
  chartTitle: 'Contacts today, by 15 minutes',
  agentsNow: 'Agents now',
  noToken: 'This dashboard link is incomplete: it carries no access key. Open the whole link you were given.',
  refused: 'This dashboard link is no longer valid: it has expired or was withdrawn. Ask your account manager for a new one.',
  notEmbed: 'This address shows client dashboards, and this link is not one.',
  wrongTenant: 'This dashboard link belongs to another account.',
  failed: (m) => `The dashboard could not load: ${m}`,
};

const EMBED_ES: EmbedMessages = {
  title: (client) => `${client} · en vivo`,
  totalsTitle: 'Todas las colas hoy',
  chartTitle: 'Contactos de hoy, cada 15 minutos',
  agentsNow: 'Agentes ahora',
  noToken: 'Este enlace al panel está incompleto: no lleva clave de acceso. Abra el enlace completo que recibió.',
  refused: 'Este enlace al panel ya no es válido: caducó o fue retirado. Pida uno nuevo a su gestor de cuenta.',
  notEmbed: 'Esta dirección muestra paneles de clientes, y este enlace no es uno de ellos.',
  wrongTenant: 'Este enlace al panel pertenece a otra cuenta.',
  failed: (m) => `No se pudo cargar el panel: ${m}`,
};

export interface EmbedsAdminMessages {
  tab: string;
  title: string;
  intro: string;
  pickTenant: string;
  newTitle: string;
  name: string;
  namePlaceholder: (tenant: string) => string;
  queues: string;
  queuesHint: string;
  noQueues: string;
  views: string;
  view: Record<'QUEUES' | 'TOTALS' | 'CHART', string>;
  viewsNeeded: string;
  look: string;
  logoUrl: string;
  logoInvalid: string;
  customColours: string;
  colour: Record<'primary' | 'background' | 'text', string>;
  colourInvalid: string;
  preview: string;
  previewQueue: string;
  textReplaced: string;
  validity: string;
  validityOption: Record<'30' | '90' | '365' | 'custom', string>;
  customDays: string;
  daysInvalid: (max: number) => string;
  create: string;
  creating: string;
  createFailed: (message: string) => string;
  forbidden: string;
  createdTitle: (name: string) => string;
  onceNote: string;
  url: string;
  snippet: string;
  copy: string;
  copied: string;
  copyFailed: string;
  openPreview: string;
  noOriginsYet: string;
  expiresOn: (date: string) => string;
  done: string;
  originsTitle: string;
  originsHint: string;
  originsSave: string;
  originsSaved: (n: number) => string;
  originsFailed: (message: string) => string;
  listTitle: string;
  listEmpty: string;
  colName: string;
  colQueues: string;
  colViews: string;
  colCreated: string;
  colExpires: string;
  colStatus: string;
  active: string;
  expired: string;
  createdBy: (who: string) => string;
  revoke: string;
  revokeConfirm: (name: string) => string;
  revokeYes: string;
  cancel: string;
  revoked: (name: string) => string;
  revokeFailed: (message: string) => string;
  loadFailed: (message: string) => string;
  saving: string;
}

const EMBEDS_EN: EmbedsAdminMessages = {
  tab: 'Embeds',
  title: 'Client dashboards',
  intro: "A read-only live dashboard of this account for the client's own portal, in the client's colours. Each link carries its own key; revoke it and that dashboard stops at once.",
  pickTenant: 'Choose the client account whose dashboards to manage.',
  newTitle: 'New dashboard link',
  name: 'Name',
  namePlaceholder: (tenant) => `embed ${tenant}`,
  queues: 'Queues',
  queuesHint: 'None ticked: every queue of the account, those added later too.',
  noQueues: 'No queues yet: a queue appears with its first contact.',
  views: 'Shows',
  view: { QUEUES: 'A tile per queue', TOTALS: 'All queues today', CHART: 'Today by 15 minutes' },
  viewsNeeded: 'Tick at least one.',
  look: 'Look',
  logoUrl: 'Logo (https address)',
  logoInvalid: 'The logo must be an https:// address, such as https://client.example.com/logo.svg.',
  customColours: "The client's colours",
  colour: { primary: 'Header', background: 'Background', text: 'Text' },
  colourInvalid: 'A hex colour such as #0a66c2.',
  preview: 'Preview',
  previewQueue: 'Waiting',
  textReplaced: 'This text colour would not read on this background: the dashboard uses black or white instead.',
  validity: 'Valid for',
  validityOption: { '30': '30 days', '90': '90 days', '365': '1 year', custom: 'Custom' },
  customDays: 'Days',
  daysInvalid: (max) => `Whole days, 1 to ${max}.`,
  create: 'Create link',
  creating: 'Creating…',
  createFailed: (m) => `Not created: ${m}`,
  forbidden: "This token may not manage client dashboards: admins and the account's supervisors can.",
  createdTitle: (name) => `“${name}” is ready`,
  onceNote: 'Copy it now: the link carries a secret key that is shown only this once. Floorboard keeps only a fingerprint of it. Lost it? Create another link and revoke this one.',
  url: 'Link',
  snippet: "For the client's portal (HTML)",
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy: select it and copy by hand.',
  openPreview: 'Open preview',
  noOriginsYet: "No site may show it in a frame yet: add the client's portal under Allowed sites. The link opens on its own meanwhile.",
  expiresOn: (date) => `Expires ${date}.`,
  done: 'Done, hide the link',
  originsTitle: 'Allowed sites',
  originsHint: 'Sites that may show these dashboards in a frame, one per line, such as https://portal.client.example (http only for localhost). None: no site may.',
  originsSave: 'Save sites',
  originsSaved: (n) => (n === 0 ? 'Saved: no site may frame the dashboards.' : `Saved: ${n} ${n === 1 ? 'site' : 'sites'}.`),
  originsFailed: (m) => `Not saved: ${m}`,
  listTitle: 'Dashboard links',
  listEmpty: 'No dashboard links yet.',
  colName: 'Name',
  colQueues: 'Queues',
  colViews: 'Shows',
  colCreated: 'Created',
  colExpires: 'Expires',
  colStatus: 'Status',
  active: 'Active',
  expired: 'Expired',
  createdBy: (who) => `by ${who}`,
  revoke: 'Revoke',
  revokeConfirm: (name) => `Revoke “${name}”? Its dashboard stops at once, wherever it is open.`,
  revokeYes: 'Revoke now',
  cancel: 'Cancel',
  revoked: (name) => `“${name}” revoked: its dashboard no longer opens.`,
  revokeFailed: (m) => `Not revoked: ${m}`,
  loadFailed: (m) => `Could not load the dashboard links: ${m}`,
  saving: 'Saving…',
};

const EMBEDS_ES: EmbedsAdminMessages = {
  tab: 'Paneles',
  title: 'Paneles de cliente',
  intro: 'Un panel en vivo, de solo lectura, de esta cuenta para el portal del propio cliente, con sus colores. Cada enlace lleva su propia clave; revóquelo y ese panel se detiene al instante.',
  pickTenant: 'Elija la cuenta cuyos paneles quiere gestionar.',
  newTitle: 'Nuevo enlace de panel',
  name: 'Nombre',
  namePlaceholder: (tenant) => `embed ${tenant}`,
  queues: 'Colas',
  queuesHint: 'Ninguna marcada: todas las colas de la cuenta, también las que se creen después.',
  noQueues: 'Aún no hay colas: una cola aparece con su primer contacto.',
  views: 'Muestra',
  view: { QUEUES: 'Una ficha por cola', TOTALS: 'Todas las colas hoy', CHART: 'Hoy cada 15 minutos' },
  viewsNeeded: 'Marque al menos una.',
  look: 'Aspecto',
  logoUrl: 'Logotipo (dirección https)',
  logoInvalid: 'El logotipo debe ser una dirección https://, como https://cliente.example.com/logo.svg.',
  customColours: 'Los colores del cliente',
  colour: { primary: 'Cabecera', background: 'Fondo', text: 'Texto' },
  colourInvalid: 'Un color hexadecimal como #0a66c2.',
  preview: 'Vista previa',
  previewQueue: 'En espera',
  textReplaced: 'Este color de texto no se leería sobre este fondo: el panel usa negro o blanco en su lugar.',
  validity: 'Válido durante',
  validityOption: { '30': '30 días', '90': '90 días', '365': '1 año', custom: 'Otro' },
  customDays: 'Días',
  daysInvalid: (max) => `Días enteros, de 1 a ${max}.`,
  create: 'Crear enlace',
  creating: 'Creando…',
  createFailed: (m) => `No se creó: ${m}`,
  forbidden: 'Este token no puede gestionar paneles de cliente: pueden los administradores y los supervisores de la cuenta.',
  createdTitle: (name) => `«${name}» está listo`,
  onceNote: 'Cópielo ahora: el enlace lleva una clave secreta que solo se muestra esta vez. Floorboard guarda solo una huella. ¿Lo perdió? Cree otro enlace y revoque este.',
  url: 'Enlace',
  snippet: 'Para el portal del cliente (HTML)',
  copy: 'Copiar',
  copied: 'Copiado',
  copyFailed: 'No se pudo copiar: selecciónelo y cópielo a mano.',
  openPreview: 'Abrir vista previa',
  noOriginsYet: 'Aún ningún sitio puede mostrarlo en un marco: añada el portal del cliente en Sitios permitidos. Mientras, el enlace se abre por sí solo.',
  expiresOn: (date) => `Caduca el ${date}.`,
  done: 'Hecho, ocultar el enlace',
  originsTitle: 'Sitios permitidos',
  originsHint: 'Sitios que pueden mostrar estos paneles en un marco, uno por línea, como https://portal.cliente.example (http solo para localhost). Ninguno: ningún sitio puede.',
  originsSave: 'Guardar sitios',
  originsSaved: (n) => (n === 0 ? 'Guardado: ningún sitio puede enmarcar los paneles.' : `Guardado: ${n} ${n === 1 ? 'sitio' : 'sitios'}.`),
  originsFailed: (m) => `No se guardó: ${m}`,
  listTitle: 'Enlaces de panel',
  listEmpty: 'Aún no hay enlaces de panel.',
  colName: 'Nombre',
  colQueues: 'Colas',
  colViews: 'Muestra',
  colCreated: 'Creado',
  colExpires: 'Caduca',
  colStatus: 'Estado',
  active: 'Activo',
  expired: 'Caducado',
  createdBy: (who) => `por ${who}`,
  revoke: 'Revocar',
  revokeConfirm: (name) => `¿Revocar «${name}»? Su panel se detiene al instante, dondequiera que esté abierto.`,
  revokeYes: 'Revocar ya',
  cancel: 'Cancelar',
  revoked: (name) => `«${name}» revocado: su panel ya no se abre.`,
  revokeFailed: (m) => `No se revocó: ${m}`,
  loadFailed: (m) => `No se pudieron cargar los enlaces de panel: ${m}`,
  saving: 'Guardando…',
};

/** Where an outlook's assumption comes from (the server's OutlookBasis). */
export type OutlookBasisName = 'FORECAST' | 'RECENT' | 'DEFAULT' | 'NONE';

export interface OutlookMessages {
  tab: string;
  title: (minutes: number) => string;
  horizon: string;
  minutesOption: (minutes: number) => string;
  hint: string;
  /** The label of a line: the agents now (delta 0), or that many more or fewer. */
  row: (delta: number, agents: number) => string;
  line: (sl: string, low: string, high: string, abandon: string, longestWait: string) => string;
  noContacts: string;
  floor: (agents: number, waiting: number) => string;
  arrivals: (perHour: string, basis: OutlookBasisName) => string;
  aht: (duration: string, basis: OutlookBasisName) => string;
  patience: (duration: string | null) => string;
  runs: (n: number) => string;
  belowTarget: string;
  forbidden: string;
  noQueues: string;
  failed: (message: string) => string;
}

const agentsEn = (n: number) => (n === 1 ? 'agent' : 'agents');
const agentsEs = (n: number) => (n === 1 ? 'agente' : 'agentes');

const OUTLOOK_EN: OutlookMessages = {
  tab: 'Outlook',
  title: (m) => `Next ${m} minutes, simulated from now`,
  horizon: 'Horizon',
  minutesOption: (m) => `${m} min`,
  hint: 'Each line is 200 simulations from the queue as it is now (who waits, who is on a contact) with the expected arrivals. In brackets: the range 8 runs in 10 fall in.',
  row: (d, n) => (d === 0 ? `Now, ${n} ${agentsEn(n)}` : d > 0 ? `With ${d} more ${agentsEn(d)}` : `With ${-d} fewer ${agentsEn(-d)}`),
  line: (sl, low, high, ab, lw) => `SL ${sl} (${low}–${high}), abandon ${ab}, longest wait ${lw}`,
  noContacts: 'no contacts expected',
  floor: (n, w) => `${n} ${agentsEn(n)} on the queue now · ${w} waiting`,
  arrivals: (x, b) => (b === 'FORECAST' ? `${x}/h forecast` : b === 'NONE' ? 'no arrivals expected' : `${x}/h (last hour)`),
  aht: (d, b) => (b === 'FORECAST' ? `AHT ${d} (forecast)` : b === 'RECENT' ? `AHT ${d} (last 4 h)` : `AHT ${d} (assumed: nothing handled yet)`),
  patience: (d) => (d === null ? 'nobody abandons (none in the last 4 h)' : `patience ${d} (last 4 h)`),
  runs: (n) => `${n} runs`,
  belowTarget: 'below target',
  forbidden: 'This token may not run what-ifs: supervisors, planners and admins can.',
  noQueues: 'No queues yet: a queue appears with its first contact.',
  failed: (m) => `Could not simulate: ${m}`,
};

const OUTLOOK_ES: OutlookMessages = {
  tab: 'Previsión',
  title: (m) => `Próximos ${m} minutos, simulados desde ahora`,
  horizon: 'Horizonte',
  minutesOption: (m) => `${m} min`,
  hint: 'Cada línea son 200 simulaciones desde la cola tal como está ahora (quién espera, quién atiende) con las llegadas previstas. Entre paréntesis: el rango en que caen 8 de cada 10.',
  row: (d, n) => (d === 0 ? `Ahora, ${n} ${agentsEs(n)}` : d > 0 ? `Con ${d} ${agentsEs(d)} más` : `Con ${-d} ${agentsEs(-d)} menos`),
  line: (sl, low, high, ab, lw) => `NS ${sl} (${low}–${high}), abandono ${ab}, espera máx. ${lw}`,
  noContacts: 'no se esperan contactos',
  floor: (n, w) => `${n} ${agentsEs(n)} en la cola ahora · ${w} en espera`,
  arrivals: (x, b) => (b === 'FORECAST' ? `${x}/h previstas` : b === 'NONE' ? 'no se esperan llegadas' : `${x}/h (última hora)`),
  aht: (d, b) => (b === 'FORECAST' ? `TMO ${d} (previsión)` : b === 'RECENT' ? `TMO ${d} (últimas 4 h)` : `TMO ${d} (supuesto: aún nada atendido)`),
  patience: (d) => (d === null ? 'nadie abandona (ninguno en las últimas 4 h)' : `paciencia ${d} (últimas 4 h)`),
  runs: (n) => `${n} simulaciones`,
  belowTarget: 'bajo objetivo',
  forbidden: 'Este token no puede simular: pueden supervisores, planificadores y administradores.',
  noQueues: 'Aún no hay colas: una cola aparece con su primer contacto.',
  failed: (m) => `No se pudo simular: ${m}`,
};

export interface AgentsDeskMessages {
  tab: string;
  /** One agent's activity (the wall's words are counts: "Ocupados"). */
  activity: Record<'available' | 'busy' | 'wrapup' | 'away' | 'offline', string>;
  signedIn: string;
  filterActivity: string;
  filterQueue: string;
  sortBy: string;
  sort: Record<'time' | 'name', string>;
  longOnly: string;
  colAgent: string;
  colActivity: string;
  colReason: string;
  colTime: string;
  colSlots: string;
  colQueues: string;
  /** The flag of an agent too long in its state, beside the time: "over 15 min". */
  overLimit: (limit: string) => string;
  overLimitTitle: (state: string, limit: string) => string;
  overLimitWord: string;
  /** The rules under the table: "Flagged: away over 15 min · lunch over 1 h · …". */
  limitsHint: (rules: { what: string; limit: string }[]) => string;
  showing: (shown: number, total: number) => string;
  noneFiltered: string;
  clearFilters: string;
  pickTenant: string;
  queueTitle: string;
  queueNone: string;
  openQueue: (queue: string) => string;
}

const AGENTS_DESK_EN: AgentsDeskMessages = {
  tab: 'Agents',
  activity: { available: 'Available', busy: 'Busy', wrapup: 'Wrap-up', away: 'Away', offline: 'Offline' },
  signedIn: 'Signed in',
  filterActivity: 'Activity',
  filterQueue: 'Queue',
  sortBy: 'Sort',
  sort: { time: 'Longest in state', name: 'Name' },
  longOnly: 'Over limit only',
  colAgent: 'Agent',
  colActivity: 'Activity',
  colReason: 'Away reason',
  colTime: 'Time in state',
  colSlots: 'Slots in use',
  colQueues: 'Queues',
  overLimit: (limit) => `⚠ over ${limit}`,
  overLimitTitle: (state, limit) => `${state} for longer than ${limit}`,
  overLimitWord: 'over limit',
  limitsHint: (rules) => `Flagged: ${rules.map((r) => `${r.what} over ${r.limit}`).join(' · ')}`,
  showing: (shown, total) => `${shown} of ${total}`,
  noneFiltered: 'No agent matches these filters.',
  clearFilters: 'Clear filters',
  pickTenant: 'Pick a client account to see its agents.',
  queueTitle: 'Agents on this queue',
  queueNone: 'No agent of this queue is signed in.',
  openQueue: (queue) => `Open ${queue}`,
};

const AGENTS_DESK_ES: AgentsDeskMessages = {
  tab: 'Agentes',
  activity: { available: 'Libre', busy: 'Ocupado', wrapup: 'Cierre', away: 'Ausente', offline: 'Desconectado' },
  signedIn: 'Conectados',
  filterActivity: 'Actividad',
  filterQueue: 'Cola',
  sortBy: 'Orden',
  sort: { time: 'Más tiempo en estado', name: 'Nombre' },
  longOnly: 'Solo fuera de límite',
  colAgent: 'Agente',
  colActivity: 'Actividad',
  colReason: 'Motivo de ausencia',
  colTime: 'Tiempo en estado',
  colSlots: 'Huecos en uso',
  colQueues: 'Colas',
  overLimit: (limit) => `⚠ más de ${limit}`,
  overLimitTitle: (state, limit) => `${state} durante más de ${limit}`,
  overLimitWord: 'fuera de límite',
  limitsHint: (rules) => `Se señala: ${rules.map((r) => `${r.what} más de ${r.limit}`).join(' · ')}`,
  showing: (shown, total) => `${shown} de ${total}`,
  noneFiltered: 'Ningún agente coincide con estos filtros.',
  clearFilters: 'Quitar filtros',
  pickTenant: 'Elija una cuenta de cliente para ver sus agentes.',
  queueTitle: 'Agentes de esta cola',
  queueNone: 'Ningún agente de esta cola está conectado.',
  openQueue: (queue) => `Abrir ${queue}`,
};

export interface WallMessages {
  panelKind: Record<'QUEUES' | 'AGENTS' | 'CHART' | 'TOTALS', string>;
  /** An away reason as the grid shows it; unknown reasons are shown as given. */
  awayReason: (reason: string) => string;
  noReason: string;
  noAgents: string;
  noAgentsOnQueues: string;
  agentTitle: (agent: string, activity: string, time: string, queues: string) => string;
  slotsTitle: string;
  offlineCount: (n: number) => string;
  views: string;
  viewN: (n: number) => string;
  nextIn: (seconds: number) => string;
  urlIgnored: (what: string) => string;
  screenNeedsTenant: string;
  screenMissing: (name: string) => string;
  zone: Record<'TENANT' | 'VIEWER', string>;
  zoneSwitch: (current: string) => string;
  editLayout: string;
  editorTitle: string;
  screen: string;
  screenDefault: string;
  screenNew: string;
  screenName: string;
  screenNameHint: string;
  screenNamePlaceholder: string;
  screenNameInvalid: string;
  view: string;
  viewTitle: string;
  viewTitlePlaceholder: string;
  addView: string;
  removeView: string;
  addPanel: string;
  remove: string;
  moveUp: string;
  moveDown: string;
  panelQueues: string;
  panelOneQueue: string;
  rotateEvery: string;
  rotateHint: string;
  times: string;
  save: string;
  saving: string;
  deleteScreen: string;
  close: string;
  savedAt: (url: string) => string;
  deleted: (name: string) => string;
  forbidden: string;
  failed: (message: string) => string;
  tvAddress: string;
  chartTitle: (name: string) => string;
  totalsTitle: string;
  channelRow: (channel: string) => string;
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
  outlook: OUTLOOK_EN,
  embed: EMBED_EN,
  embeds: EMBEDS_EN,
  agentsDesk: AGENTS_DESK_EN,
  wall: {
    panelKind: { QUEUES: 'Queues', AGENTS: 'Agents', CHART: 'Today by interval', TOTALS: 'Totals' },
    awayReason: (r) => ({ break: 'Break', lunch: 'Lunch', training: 'Training', meeting: 'Meeting', coaching: 'Coaching' })[r] ?? r,
    noReason: 'no reason',
    noAgents: 'No agent signed in. Agents appear with their first state or contact event.',
    noAgentsOnQueues: 'No agent of these queues is signed in.',
    agentTitle: (agent, activity, time, queues) => `${agent}: ${activity} for ${time} · ${queues}`,
    slotsTitle: 'Contacts in progress / slots',
    offlineCount: (n) => `${n} offline`,
    views: 'Views',
    viewN: (n) => `View ${n}`,
    nextIn: (s) => `next in ${s} s`,
    urlIgnored: (what) => `Ignored in the address: ${what}`,
    screenNeedsTenant: 'A saved screen belongs to one client: open /wall/<client>?screen=<name>.',
    screenMissing: (name) => `This client has no screen "${name}" yet: showing the default views.`,
    zone: { TENANT: "Client's time", VIEWER: "This screen's time" },
    zoneSwitch: (current) => `Times: ${current}. Click to switch`,
    editLayout: 'Edit layout',
    editorTitle: 'Screen layout',
    screen: 'Screen',
    screenDefault: 'Default (queues, then agents)',
    screenNew: 'New screen…',
    screenName: 'Screen name',
    screenNameHint: 'Letters, digits, dots, dashes, underscores: it goes in the TV’s address.',
    screenNamePlaceholder: 'e.g. lobby',
    screenNameInvalid: 'Give the screen a name of letters, digits, dots, dashes or underscores.',
    view: 'View',
    viewTitle: 'Title',
    viewTitlePlaceholder: 'optional',
    addView: 'Add view',
    removeView: 'Remove view',
    addPanel: 'Add panel',
    remove: 'Remove',
    moveUp: 'Move up',
    moveDown: 'Move down',
    panelQueues: 'Queues',
    panelOneQueue: 'A chart shows one queue, or all of them together.',
    rotateEvery: 'Seconds per view',
    rotateHint: 'Empty: the views rotate only with ?rotate=N in the address.',
    times: 'Times',
    save: 'Save screen',
    saving: 'Saving…',
    deleteScreen: 'Delete screen',
    close: 'Close',
    savedAt: (url) => `Saved. On the TV, open ${url}`,
    deleted: (name) => `Screen "${name}" deleted.`,
    forbidden: 'Your token may not change this client’s screens.',
    failed: (m) => `Could not save: ${m}`,
    tvAddress: 'TV address',
    chartTitle: (name) => `Today · ${name}`,
    totalsTitle: 'Today, all queues',
    channelRow: (c) => CHANNELS_EN[c] ?? c,
  },
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
  outlook: OUTLOOK_ES,
  embed: EMBED_ES,
  embeds: EMBEDS_ES,
  agentsDesk: AGENTS_DESK_ES,
  wall: {
    panelKind: { QUEUES: 'Colas', AGENTS: 'Agentes', CHART: 'Hoy por intervalo', TOTALS: 'Totales' },
    awayReason: (r) => ({ break: 'Descanso', lunch: 'Comida', training: 'Formación', meeting: 'Reunión', coaching: 'Coaching' })[r] ?? r,
    noReason: 'sin motivo',
    noAgents: 'Ningún agente conectado. Aparecen con su primer evento de estado o de contacto.',
    noAgentsOnQueues: 'Ningún agente de estas colas está conectado.',
    agentTitle: (agent, activity, time, queues) => `${agent}: ${activity} desde hace ${time} · ${queues}`,
    slotsTitle: 'Contactos en curso / huecos',
    offlineCount: (n) => `${n} ${n === 1 ? 'desconectado' : 'desconectados'}`,
    views: 'Vistas',
    viewN: (n) => `Vista ${n}`,
    nextIn: (s) => `siguiente en ${s} s`,
    urlIgnored: (what) => `Ignorado en la dirección: ${what}`,
    screenNeedsTenant: 'Una pantalla guardada es de un cliente: abra /wall/<cliente>?screen=<nombre>.',
    screenMissing: (name) => `Este cliente aún no tiene la pantalla «${name}»: se muestran las vistas predeterminadas.`,
    zone: { TENANT: 'Hora del cliente', VIEWER: 'Hora de esta pantalla' },
    zoneSwitch: (current) => `Horas: ${current}. Pulse para cambiar`,
    editLayout: 'Editar diseño',
    editorTitle: 'Diseño de la pantalla',
    screen: 'Pantalla',
    screenDefault: 'Predeterminada (colas y agentes)',
    screenNew: 'Nueva pantalla…',
    screenName: 'Nombre de la pantalla',
    screenNameHint: 'Letras, dígitos, puntos, guiones y guiones bajos: va en la dirección de la TV.',
    screenNamePlaceholder: 'p. ej. recepcion',
    screenNameInvalid: 'Dé a la pantalla un nombre de letras, dígitos, puntos, guiones o guiones bajos.',
    view: 'Vista',
    viewTitle: 'Título',
    viewTitlePlaceholder: 'opcional',
    addView: 'Añadir vista',
    removeView: 'Quitar vista',
    addPanel: 'Añadir panel',
    remove: 'Quitar',
    moveUp: 'Subir',
    moveDown: 'Bajar',
    panelQueues: 'Colas',
    panelOneQueue: 'Un gráfico muestra una cola, o todas juntas.',
    rotateEvery: 'Segundos por vista',
    rotateHint: 'Vacío: las vistas solo rotan con ?rotate=N en la dirección.',
    times: 'Horas',
    save: 'Guardar pantalla',
    saving: 'Guardando…',
    deleteScreen: 'Eliminar pantalla',
    close: 'Cerrar',
    savedAt: (url) => `Guardada. En la TV, abra ${url}`,
    deleted: (name) => `Pantalla «${name}» eliminada.`,
    forbidden: 'Su token no puede cambiar las pantallas de este cliente.',
    failed: (m) => `No se pudo guardar: ${m}`,
    tvAddress: 'Dirección para la TV',
    chartTitle: (name) => `Hoy · ${name}`,
    totalsTitle: 'Hoy, todas las colas',
    channelRow: (c) => CHANNELS_ES[c] ?? c,
  },
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

/** `persist: false` for a choice that comes with a link (a client embed's `?lang=`): it must not
 * become the language of the console on the same origin. */
export function setLang(next: Lang, { persist = true }: { persist?: boolean } = {}): void {
  setLangSignal(next);
  document.documentElement.lang = next;
  if (!persist) return;
  try {
    window.localStorage.setItem(LANG_STORAGE_KEY, next);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}
