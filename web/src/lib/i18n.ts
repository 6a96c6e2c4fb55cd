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
