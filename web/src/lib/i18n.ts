/** Every string the UI shows, in English and Spanish. The choice is kept per screen in localStorage. */
import { createSignal } from 'solid-js';

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
