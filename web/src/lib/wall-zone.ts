/**
 * Whose clock a wall screen's times follow: the client's (its tenant's zone: a Manila account's
 * wall reads Manila time wherever the TV hangs) or the viewer's (the room's). A saved screen keeps
 * the choice in its layout; an unsaved one keeps it on this device, per screen.
 */
import { isValidTimeZone } from './zoned-time.ts';
import type { WallTimeZone } from './wall-documents.ts';

/** The browser's own zone. */
export function viewerZone(): string {
  const zone = new Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zone && isValidTimeZone(zone) ? zone : 'UTC';
}

/** The zone the screen's times are shown in. A wall of several clients has no one tenant zone: the viewer's. */
export function screenZone(choice: WallTimeZone, tenantZone: string | null): string {
  return choice === 'TENANT' && tenantZone ? tenantZone : viewerZone();
}

/** "America/New_York" → "New York": what the clock says beside the time. */
export function zoneLabel(zone: string): string {
  const city = zone.split('/').pop() ?? zone;
  return city.replace(/_/g, ' ');
}

const KEY = 'floorboard.wall.zone:';

export function loadZoneChoice(screenKey: string): WallTimeZone | null {
  try {
    const v = window.localStorage.getItem(KEY + screenKey);
    return v === 'TENANT' || v === 'VIEWER' ? v : null;
  } catch {
    return null;
  }
}

export function saveZoneChoice(screenKey: string, choice: WallTimeZone): void {
  try {
    window.localStorage.setItem(KEY + screenKey, choice);
  } catch {
    // storage disabled: the choice lasts until reload
  }
}
