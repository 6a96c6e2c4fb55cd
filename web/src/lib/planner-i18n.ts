/**
 * The planner's strings and the wall's staffing line, in English and Spanish. Same language
 * switch as lib/i18n.ts (its `lang` signal); kept in a module of its own so the wallboard's
 * messages and the planner's grow without stepping on each other.
 */
import { lang } from './i18n.ts';
import type { Weekday } from './planner-api.ts';
import type { AccuracyParts, DraftProblem } from './planner.ts';

export interface PlannerMessages {
  plannerLink: string;
  plannerTitle: string;
  pickTitle: string;
  pickHint: string;
  client: string;
  queue: string;
  open: string;
  noQueuesToPlan: string;
  forbidden: string;
  forecastVsActual: string;
  chartLabel: string;
  forecast: string;
  actual: string;
  contacts: string;
  agents: string;
  required: string;
  scheduled: string;
  baselineScheduled: string;
  accuracy: (p: AccuracyParts) => string;
  accuracyTitle: string;
  methodsTitle: string;
  colMethod: string;
  chosen: string;
  noBacktest: string;
  methodsNote: string;
  noForecast: string;
  now: string;
  // What-if
  whatIf: string;
  whatIfHint: string;
  aht: string;
  target: string;
  threshold: string;
  shrinkage: string;
  occupancy: string;
  seconds: (s: number) => string;
  percent: (p: number) => string;
  reset: string;
  recomputing: string;
  baseline: string;
  scenario: string;
  change: string;
  forecastContacts: string;
  requiredPeak: string;
  scheduledPeak: string;
  requiredHours: string;
  scheduledHours: string;
  peakAt: (time: string) => string;
  whatIfFailed: (m: string) => string;
  // Intraday
  today: string;
  staffedNow: string;
  staffedOfNeeded: (staffed: number, required: number) => string;
  short: (n: number) => string;
  over: (n: number) => string;
  asNeeded: string;
  nothingNeededNow: string;
  intervalNow: (from: string, to: string) => string;
  contactsSoFar: string;
  soFarLine: (actual: string, forecast: string, until: string) => string;
  aboveForecast: (pct: string) => string;
  belowForecast: (pct: string) => string;
  onForecast: string;
  onForecastBy: (pct: string) => string;
  noneYet: string;
  staffingNowUnavailable: string;
  notLive: string;
  notToday: string;
  // Shift plan
  shiftPlan: string;
  templates: string;
  templateName: string;
  length: string;
  starts: string;
  startsBetween: string;
  every: string;
  days: string;
  breakLabel: string;
  breakWindow: string;
  paid: string;
  unpaid: string;
  noBreak: string;
  breakAt: (minutes: number, paid: boolean, times: string) => string;
  maxPerDay: string;
  noCap: string;
  startOptions: (n: number) => string;
  addTemplate: string;
  removeTemplate: (name: string) => string;
  weekdayShort: Record<Weekday, string>;
  problem: Record<DraftProblem, string>;
  plan: string;
  planning: string;
  planFor: (day: string) => string;
  planWithWhatIf: string;
  status: Record<'OPTIMAL' | 'TIME_LIMIT' | 'FEASIBLE' | 'NO_SOLUTION', string>;
  paidHours: string;
  shiftsCount: string;
  underCovered: string;
  overCovered: string;
  agentHours: (h: string) => string;
  inIntervals: (n: number) => string;
  colTemplate: string;
  colStart: string;
  colEnd: string;
  colAgents: string;
  colBreaks: string;
  total: string;
  coverage: string;
  coverageLabel: string;
  under: string;
  noShifts: string;
  downloadShifts: string;
  downloadCoverage: string;
  planFailed: (m: string) => string;
  planUnavailable: string;
  planFirst: string;
  planStale: string;
  planStatus: string;
  hoursUnit: string;
  minutesUnit: string;
  startsAnd: string;
  // The wall
  staffing: string;
  gapLine: (staffed: number, required: number, gap: string) => string;
  gapWords: Record<'ok' | 'warn' | 'alert', string>;
  allStaffed: (n: number) => string;
  alsoStaffed: (n: number) => string;
  moreShort: (n: number) => string;
}

const en: PlannerMessages = {
  plannerLink: 'Planner',
  plannerTitle: 'Planner',
  pickTitle: 'Choose a queue to plan',
  pickHint: 'The forecast learns from the queue’s own history: its 15-minute intervals, live or imported.',
  client: 'Client',
  queue: 'Queue',
  open: 'Open',
  noQueuesToPlan: 'No queues yet. They appear with the first contact or agent event, or open /planner/<client>/<queue> after importing history.',
  forbidden: 'Your token may not plan for this client: planning is for planners, supervisors and admins.',
  forecastVsActual: 'Forecast vs actual',
  chartLabel: 'Forecast and actual contacts, required and scheduled agents by interval',
  forecast: 'Forecast',
  actual: 'Actual',
  contacts: 'Contacts',
  agents: 'Agents',
  required: 'Required',
  scheduled: 'Scheduled',
  baselineScheduled: 'Scheduled (baseline)',
  accuracy: (p) =>
    [p.method, p.mase ? `MASE ${p.mase}` : null, p.wape ? `WAPE ${p.wape}` : null]
      .filter(Boolean)
      .join(' · ') + (p.origins > 0 ? ` over ${p.origins} ${p.origins === 1 ? 'day' : 'days'}` : ' · no backtest yet'),
  accuracyTitle: 'Method chosen by backtest, and its day-ahead error over the last days (MASE under 1 beats last week’s same day)',
  methodsTitle: 'Forecast methods',
  colMethod: 'Method',
  chosen: 'chosen',
  noBacktest: 'Too little history for a backtest yet: the simplest method is used.',
  methodsNote: 'Day-ahead error of each method on the same recent days; the lowest MASE is chosen. Under 1 beats last week’s same day.',
  noForecast: 'Nothing to forecast from yet: this queue has no history. Import 15-minute intervals or let it take contacts for a few weeks.',
  now: 'now',
  whatIf: 'What-if',
  whatIfHint: 'Drag a slider: agents are re-planned as you go. The baseline is the queue’s own settings.',
  aht: 'AHT',
  target: 'Service-level target',
  threshold: 'Answered within',
  shrinkage: 'Shrinkage',
  occupancy: 'Occupancy cap',
  seconds: (s) => `${s} s`,
  percent: (p) => `${p} %`,
  reset: 'Reset',
  recomputing: 'Recomputing…',
  baseline: 'Baseline',
  scenario: 'What-if',
  change: 'Change',
  forecastContacts: 'Forecast contacts',
  requiredPeak: 'Required at peak',
  scheduledPeak: 'Scheduled at peak',
  requiredHours: 'Required agent-hours',
  scheduledHours: 'Scheduled agent-hours',
  peakAt: (time) => `peak at ${time}`,
  whatIfFailed: (m) => `Could not recompute: ${m}`,
  today: 'Today',
  staffedNow: 'Staffed now',
  staffedOfNeeded: (staffed, required) => `${staffed} of ${required} needed`,
  short: (n) => `${n} short`,
  over: (n) => `${n} over`,
  asNeeded: 'as needed',
  nothingNeededNow: 'The forecast needs no agents in this interval.',
  intervalNow: (from, to) => `interval ${from}–${to}`,
  contactsSoFar: 'Contacts so far',
  soFarLine: (actual, forecast, until) => `${actual} against ${forecast} forecast, to ${until}`,
  aboveForecast: (pct) => `▲ ${pct} above forecast`,
  belowForecast: (pct) => `▼ ${pct} below forecast`,
  onForecast: '✓ on forecast',
  onForecastBy: (pct) => `✓ on forecast (${pct})`,
  noneYet: 'No interval of today is over yet.',
  staffingNowUnavailable: 'This server does not report staffed agents now.',
  notLive: 'No live agent state for this queue yet: it shows once agents sign in to it.',
  notToday: 'Staffed against required is for today: pick today to see it.',
  shiftPlan: 'Shift plan',
  templates: 'Shift templates',
  templateName: 'Name',
  length: 'Length',
  starts: 'Starts',
  startsBetween: 'between',
  every: 'every',
  days: 'Days',
  breakLabel: 'Break',
  breakWindow: 'starting between hour',
  paid: 'paid',
  unpaid: 'unpaid',
  noBreak: 'no break',
  breakAt: (minutes, paid, times) => `${minutes} min ${paid ? 'paid' : 'unpaid'} at ${times}`,
  maxPerDay: 'Max per day',
  noCap: 'no cap',
  startOptions: (n) => `${n} start ${n === 1 ? 'time' : 'times'}`,
  addTemplate: '+ Add a shift',
  removeTemplate: (name) => `Remove the shift ${name}`,
  weekdayShort: { MON: 'Mo', TUE: 'Tu', WED: 'We', THU: 'Th', FRI: 'Fr', SAT: 'Sa', SUN: 'Su' },
  problem: {
    name: 'Give the shift a name.',
    length: 'Length: 1 to 24 hours.',
    window: 'Starts: the latest start must not be before the earliest.',
    step: 'Starts every 15 to 240 minutes.',
    days: 'Pick at least one day.',
    break: 'The break must fit inside the shift.',
    maxCount: 'Max per day: a whole number from 1.',
  },
  plan: 'Plan shifts',
  planning: 'Planning…',
  planFor: (day) => `for ${day}`,
  planWithWhatIf: 'with the what-if settings',
  status: { OPTIMAL: 'Optimal', TIME_LIMIT: 'Best found in the time limit', FEASIBLE: 'Feasible, not proved optimal', NO_SOLUTION: 'No solution found' },
  paidHours: 'Paid hours',
  shiftsCount: 'Shifts',
  underCovered: 'Under-covered',
  overCovered: 'Over-covered',
  agentHours: (h) => `${h} agent-h`,
  inIntervals: (n) => `in ${n} ${n === 1 ? 'interval' : 'intervals'} of 15 min`,
  colTemplate: 'Shift',
  colStart: 'Start',
  colEnd: 'End',
  colAgents: 'Agents',
  colBreaks: 'Breaks',
  total: 'Total',
  coverage: 'Coverage',
  coverageLabel: 'Required against scheduled agents by interval, under-coverage in red',
  under: 'Under',
  noShifts: 'The plan has no shifts: nothing is required on this day, or no template can start in time.',
  downloadShifts: 'Shifts CSV',
  downloadCoverage: 'Coverage CSV',
  planFailed: (m) => `Could not plan: ${m}`,
  planUnavailable: 'This server cannot plan shifts yet (its API has no shiftPlan).',
  planStatus: 'Status',
  planStale: 'The day, the what-if or the shifts changed since this plan: plan again to follow them.',
  hoursUnit: 'h',
  minutesUnit: 'min',
  startsAnd: 'and',
  planFirst: 'Set up the shifts your centre can use, then plan: the solver picks how many of each cover the requirement with the least paid time.',
  staffing: 'Staffing',
  gapLine: (staffed, required, gap) => `${staffed} of ${required} needed (${gap})`,
  gapWords: { ok: 'staffed', warn: 'short', alert: 'short' },
  allStaffed: (n) => (n === 1 ? 'staffed as needed' : `all ${n} queues staffed as needed`),
  alsoStaffed: (n) => `+${n} staffed as needed`,
  moreShort: (n) => `+${n} more short`,
};

const es: PlannerMessages = {
  plannerLink: 'Planificación',
  plannerTitle: 'Planificación',
  pickTitle: 'Elija una cola para planificar',
  pickHint: 'La previsión aprende del propio historial de la cola: sus intervalos de 15 minutos, en directo o importados.',
  client: 'Cliente',
  queue: 'Cola',
  open: 'Abrir',
  noQueuesToPlan: 'Aún no hay colas. Aparecen con el primer evento de contacto o de agente, o abra /planner/<cliente>/<cola> tras importar historial.',
  forbidden: 'Su token no puede planificar para este cliente: la planificación es para planificadores, supervisores y administradores.',
  forecastVsActual: 'Previsión frente a real',
  chartLabel: 'Contactos previstos y reales, agentes necesarios y planificados por intervalo',
  forecast: 'Previsión',
  actual: 'Real',
  contacts: 'Contactos',
  agents: 'Agentes',
  required: 'Necesarios',
  scheduled: 'Planificados',
  baselineScheduled: 'Planificados (base)',
  accuracy: (p) =>
    [p.method, p.mase ? `MASE ${p.mase}` : null, p.wape ? `WAPE ${p.wape}` : null]
      .filter(Boolean)
      .join(' · ') + (p.origins > 0 ? ` en ${p.origins} ${p.origins === 1 ? 'día' : 'días'}` : ' · aún sin prueba retrospectiva'),
  accuracyTitle: 'Método elegido por prueba retrospectiva y su error a un día en los últimos días (MASE menor que 1 mejora el mismo día de la semana anterior)',
  methodsTitle: 'Métodos de previsión',
  colMethod: 'Método',
  chosen: 'elegido',
  noBacktest: 'Aún no hay historial suficiente para una prueba retrospectiva: se usa el método más sencillo.',
  methodsNote: 'Error a un día de cada método en los mismos días recientes; se elige el de menor MASE. Menos de 1 mejora el mismo día de la semana anterior.',
  noForecast: 'Aún no hay nada de lo que prever: esta cola no tiene historial. Importe intervalos de 15 minutos o deje que reciba contactos unas semanas.',
  now: 'ahora',
  whatIf: 'Simulación',
  whatIfHint: 'Mueva un control: los agentes se recalculan al momento. La base son los ajustes de la propia cola.',
  aht: 'TMO',
  target: 'Objetivo de nivel de servicio',
  threshold: 'Atendidos en',
  shrinkage: 'Reducciones',
  occupancy: 'Ocupación máxima',
  seconds: (s) => `${s} s`,
  percent: (p) => `${p} %`,
  reset: 'Restablecer',
  recomputing: 'Recalculando…',
  baseline: 'Base',
  scenario: 'Simulación',
  change: 'Cambio',
  forecastContacts: 'Contactos previstos',
  requiredPeak: 'Necesarios en el pico',
  scheduledPeak: 'Planificados en el pico',
  requiredHours: 'Horas-agente necesarias',
  scheduledHours: 'Horas-agente planificadas',
  peakAt: (time) => `pico a las ${time}`,
  whatIfFailed: (m) => `No se pudo recalcular: ${m}`,
  today: 'Hoy',
  staffedNow: 'Dotación ahora',
  staffedOfNeeded: (staffed, required) => `${staffed} de ${required} necesarios`,
  short: (n) => `faltan ${n}`,
  over: (n) => `sobran ${n}`,
  asNeeded: 'según lo necesario',
  nothingNeededNow: 'La previsión no necesita agentes en este intervalo.',
  intervalNow: (from, to) => `intervalo ${from}–${to}`,
  contactsSoFar: 'Contactos hasta ahora',
  soFarLine: (actual, forecast, until) => `${actual} frente a ${forecast} previstos, hasta las ${until}`,
  aboveForecast: (pct) => `▲ ${pct} sobre la previsión`,
  belowForecast: (pct) => `▼ ${pct} bajo la previsión`,
  onForecast: '✓ según la previsión',
  onForecastBy: (pct) => `✓ según la previsión (${pct})`,
  noneYet: 'Aún no ha terminado ningún intervalo de hoy.',
  staffingNowUnavailable: 'Este servidor no informa de los agentes conectados ahora.',
  notLive: 'Aún no hay estado en directo de agentes en esta cola: aparece cuando se conecten a ella.',
  notToday: 'La dotación frente a lo necesario es de hoy: elija hoy para verla.',
  shiftPlan: 'Plan de turnos',
  templates: 'Plantillas de turno',
  templateName: 'Nombre',
  length: 'Duración',
  starts: 'Inicios',
  startsBetween: 'entre',
  every: 'cada',
  days: 'Días',
  breakLabel: 'Pausa',
  breakWindow: 'que empieza entre la hora',
  paid: 'pagada',
  unpaid: 'no pagada',
  noBreak: 'sin pausa',
  breakAt: (minutes, paid, times) => `${minutes} min ${paid ? 'pagada' : 'no pagada'} a las ${times}`,
  maxPerDay: 'Máx. por día',
  noCap: 'sin límite',
  startOptions: (n) => `${n} ${n === 1 ? 'hora de inicio' : 'horas de inicio'}`,
  addTemplate: '+ Añadir turno',
  removeTemplate: (name) => `Quitar el turno ${name}`,
  weekdayShort: { MON: 'L', TUE: 'M', WED: 'X', THU: 'J', FRI: 'V', SAT: 'S', SUN: 'D' },
  problem: {
    name: 'Dé un nombre al turno.',
    length: 'Duración: de 1 a 24 horas.',
    window: 'Inicios: el último inicio no puede ser anterior al primero.',
    step: 'Inicios cada 15 a 240 minutos.',
    days: 'Elija al menos un día.',
    break: 'La pausa debe caber dentro del turno.',
    maxCount: 'Máx. por día: un número entero desde 1.',
  },
  plan: 'Planificar turnos',
  planning: 'Planificando…',
  planFor: (day) => `para el ${day}`,
  planWithWhatIf: 'con los ajustes de la simulación',
  status: { OPTIMAL: 'Óptimo', TIME_LIMIT: 'Mejor hallado en el tiempo límite', FEASIBLE: 'Factible, sin probar que sea óptimo', NO_SOLUTION: 'Sin solución' },
  paidHours: 'Horas pagadas',
  shiftsCount: 'Turnos',
  underCovered: 'Falta cobertura',
  overCovered: 'Sobra cobertura',
  agentHours: (h) => `${h} h-agente`,
  inIntervals: (n) => `en ${n} ${n === 1 ? 'intervalo' : 'intervalos'} de 15 min`,
  colTemplate: 'Turno',
  colStart: 'Inicio',
  colEnd: 'Fin',
  colAgents: 'Agentes',
  colBreaks: 'Pausas',
  total: 'Total',
  coverage: 'Cobertura',
  coverageLabel: 'Agentes necesarios frente a planificados por intervalo, la falta de cobertura en rojo',
  under: 'Faltan',
  noShifts: 'El plan no tiene turnos: no se necesita a nadie este día o ninguna plantilla puede empezar a tiempo.',
  downloadShifts: 'CSV de turnos',
  downloadCoverage: 'CSV de cobertura',
  planFailed: (m) => `No se pudo planificar: ${m}`,
  planUnavailable: 'Este servidor aún no planifica turnos (su API no tiene shiftPlan).',
  planStatus: 'Estado',
  planStale: 'El día, la simulación o los turnos cambiaron desde este plan: planifique de nuevo para seguirlos.',
  hoursUnit: 'h',
  minutesUnit: 'min',
  startsAnd: 'y',
  planFirst: 'Defina los turnos que su centro puede usar y planifique: el optimizador elige cuántos de cada uno cubren lo necesario con el menor tiempo pagado.',
  staffing: 'Dotación',
  gapLine: (staffed, required, gap) => `${staffed} de ${required} necesarios (${gap})`,
  gapWords: { ok: 'cubierta', warn: 'faltan', alert: 'faltan' },
  allStaffed: (n) => (n === 1 ? 'cubierta según lo necesario' : `las ${n} colas cubiertas según lo necesario`),
  alsoStaffed: (n) => `+${n} cubiertas`,
  moreShort: (n) => `+${n} más con falta`,
};

export const PLANNER_MESSAGES = { en, es };

/** The planner's messages in the current language; reactive. */
export const tp = (): PlannerMessages => PLANNER_MESSAGES[lang()];
