/**
 * The supervisor's client embeds (components/EmbedsPanel.tsx): who may manage them, the new
 * embed's form turned into createEmbedToken's input (checked here first, so a typo is named
 * beside its field before anything is sent; the server checks again), the iframe snippet, and
 * the GraphQL operations of the tab.
 */
import { isHexColour, safeLogoUrl, type EmbedTheme, type EmbedView } from './embed.ts';
import { query } from './graphql.ts';
import type { Viewer } from './types.ts';

export const EMBED_VIEWS: readonly EmbedView[] = ['QUEUES', 'TOTALS', 'CHART'];

/** Who may create, list and revoke a tenant's embeds: its ADMIN or SUPERVISOR (the server's
 * canManageEmbeds). 'unknown' while `me` has not answered; a viewer the page could not read
 * (null) is let through, and the server decides. */
export function embedsAccess(viewer: Viewer | null | undefined, tenant: string | null): 'yes' | 'no' | 'unknown' {
  if (viewer === undefined) return 'unknown';
  if (viewer === null) return 'yes';
  if (viewer.role !== 'ADMIN' && viewer.role !== 'SUPERVISOR') return 'no';
  if (tenant === null) return 'yes';
  return viewer.tenants.includes('*') || viewer.tenants.includes(tenant) ? 'yes' : 'no';
}

// ---------- validity ----------

export type Validity = '30' | '90' | '365' | 'custom';
export const VALIDITIES: readonly Validity[] = ['30', '90', '365', 'custom'];
/** The server's limit (MAX_EMBED_TTL_SECONDS): two years. */
export const MAX_EMBED_DAYS = 730;
const DAY_S = 86_400;

/** Seconds the token lives, or null when the custom number of days is not 1 to 730 whole days. */
export function ttlSeconds(validity: Validity, customDays: string): number | null {
  if (validity !== 'custom') return Number(validity) * DAY_S;
  const s = customDays.trim();
  if (!/^\d{1,4}$/.test(s)) return null;
  const days = Number(s);
  return days >= 1 && days <= MAX_EMBED_DAYS ? days * DAY_S : null;
}

// ---------- the form ----------

export type ColourKey = 'primary' | 'background' | 'text';
export const COLOUR_KEYS: readonly ColourKey[] = ['primary', 'background', 'text'];

export interface EmbedForm {
  name: string;
  /** Ticked queue ids; none: every queue of the tenant (those added later too). */
  queues: string[];
  views: EmbedView[];
  logoUrl: string;
  /** Off: Floorboard's own colours; the three below are not sent. */
  customColours: boolean;
  colours: Record<ColourKey, string>;
  validity: Validity;
  customDays: string;
}

/** A light client look to start from, close to what most portals use. */
export const DEFAULT_COLOURS: Record<ColourKey, string> = { primary: '#0b5394', background: '#f4f7fb', text: '#14202b' };

export function emptyForm(): EmbedForm {
  return {
    name: '',
    queues: [],
    views: ['QUEUES', 'TOTALS'],
    logoUrl: '',
    customColours: false,
    colours: { ...DEFAULT_COLOURS },
    validity: '365',
    customDays: '',
  };
}

/** A field of the form that is wrong, for the message beside it. */
export type FormProblem = 'views' | 'logoUrl' | 'days' | ColourKey;

export interface CreateEmbedInput {
  tenant: string;
  name?: string;
  queues?: string[];
  views: EmbedView[];
  theme?: Partial<Record<'logoUrl' | ColourKey, string>>;
  ttlSeconds: number;
}

/** What is wrong with the form, field by field (empty: it may be sent). */
export function formProblems(f: EmbedForm): FormProblem[] {
  const out: FormProblem[] = [];
  if (f.views.length === 0) out.push('views');
  if (f.logoUrl.trim() && !safeLogoUrl(f.logoUrl.trim())) out.push('logoUrl');
  if (f.customColours) for (const k of COLOUR_KEYS) if (!isHexColour(f.colours[k].trim())) out.push(k);
  if (ttlSeconds(f.validity, f.customDays) === null) out.push('days');
  return out;
}

/** The theme the form describes, as the embed page will read it. */
export function formTheme(f: EmbedForm): EmbedTheme {
  const colour = (k: ColourKey) => (f.customColours && isHexColour(f.colours[k].trim()) ? f.colours[k].trim().toLowerCase() : null);
  return { logoUrl: safeLogoUrl(f.logoUrl.trim()), primary: colour('primary'), background: colour('background'), text: colour('text') };
}

/** createEmbedToken's input, or the form's problems. Absent parts take the server's defaults. */
export function createInput(tenant: string, f: EmbedForm): { input: CreateEmbedInput } | { problems: FormProblem[] } {
  const problems = formProblems(f);
  if (problems.length) return { problems };
  const input: CreateEmbedInput = {
    tenant,
    views: EMBED_VIEWS.filter((v) => f.views.includes(v)),
    ttlSeconds: ttlSeconds(f.validity, f.customDays)!,
  };
  const name = f.name.trim();
  if (name) input.name = name;
  if (f.queues.length) input.queues = [...new Set(f.queues)].sort();
  const theme = Object.fromEntries(Object.entries(formTheme(f)).filter(([, v]) => v !== null)) as CreateEmbedInput['theme'];
  if (theme && Object.keys(theme).length) input.theme = theme;
  return { input };
}

/** Toggles `item` in a list, keeping the rest in order. */
export function toggled<T>(list: readonly T[], item: T, on: boolean): T[] {
  const rest = list.filter((x) => x !== item);
  return on ? [...rest, item] : rest;
}

// ---------- what the client pastes ----------

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The iframe a client pastes into its portal. No referrer: the page's address stays with it. */
export function iframeSnippet(url: string, title: string): string {
  return `<iframe src="${attr(url)}" title="${attr(title)}" width="100%" height="720" style="border:0" loading="lazy" referrerpolicy="no-referrer"></iframe>`;
}

/** The origins typed one per line (commas and spaces separate too), without blanks or repeats. */
export function parseOrigins(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).map((s) => s.trim()).filter(Boolean))];
}

/** A server message without its leading field path ("input.embedOrigins.0: …"): the message names the problem itself. */
export function withoutFieldPath(message: string): string {
  return message.replace(/^input(?:\.[\w-]+)+: /, '');
}

// ---------- GraphQL ----------

export interface EmbedTokenInfo {
  id: string;
  name: string;
  queues: string[] | null;
  views: EmbedView[];
  createdAt: string;
  createdBy: string;
  expiresAt: string;
  expired: boolean;
}

export interface CreatedEmbed {
  id: string;
  name: string;
  url: string;
  expiresAt: string;
}

export interface EmbedsState {
  tenantName: string;
  timeZone: string;
  embedOrigins: string[];
  queues: { id: string; name: string }[];
  tokens: EmbedTokenInfo[];
}

export const EMBEDS_ADMIN_QUERY = /* GraphQL */ `
  query EmbedsAdmin($tenant: ID!) {
    tenants { id name timeZone embedOrigins }
    queues(tenant: $tenant) { id name }
    embedTokens(tenant: $tenant) { id name queues views createdAt createdBy expiresAt expired }
  }
`;

const CREATE_EMBED = /* GraphQL */ `
  mutation CreateEmbed($input: CreateEmbedTokenInput!) { createEmbedToken(input: $input) { id name url expiresAt } }
`;

const REVOKE_EMBED = /* GraphQL */ `
  mutation RevokeEmbed($id: String!) { revokeEmbedToken(token: $id) }
`;

const SET_ORIGINS = /* GraphQL */ `
  mutation SetEmbedOrigins($tenant: ID!, $origins: [String!]!) { setTenantSettings(tenant: $tenant, input: { embedOrigins: $origins }) { embedOrigins } }
`;

export async function loadEmbeds(tenant: string, token: string, signal?: AbortSignal): Promise<EmbedsState> {
  const r = await query<{
    tenants: { id: string; name: string; timeZone: string; embedOrigins: string[] }[];
    queues: { id: string; name: string }[];
    embedTokens: EmbedTokenInfo[];
  }>(EMBEDS_ADMIN_QUERY, { tenant }, token, signal);
  const info = r.tenants.find((x) => x.id === tenant);
  return {
    tenantName: info?.name ?? tenant,
    timeZone: info?.timeZone ?? 'UTC',
    embedOrigins: info?.embedOrigins ?? [],
    queues: [...r.queues].sort((a, b) => a.name.localeCompare(b.name)),
    // Newest first: the one just made is on top.
    tokens: [...r.embedTokens].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt)),
  };
}

export async function createEmbed(input: CreateEmbedInput, token: string): Promise<CreatedEmbed> {
  return (await query<{ createEmbedToken: CreatedEmbed }>(CREATE_EMBED, { input }, token)).createEmbedToken;
}

/** false: there was no such token any more (revoked meanwhile). */
export async function revokeEmbed(id: string, token: string): Promise<boolean> {
  return (await query<{ revokeEmbedToken: boolean }>(REVOKE_EMBED, { id }, token)).revokeEmbedToken;
}

/** The origins as the server saved them (trimmed, lower case, without repeats). */
export async function saveEmbedOrigins(tenant: string, origins: string[], token: string): Promise<string[]> {
  return (await query<{ setTenantSettings: { embedOrigins: string[] } }>(SET_ORIGINS, { tenant, origins }, token)).setTenantSettings.embedOrigins;
}
